"""The OCOP marketplace application factory."""
import logging
import os

from flask import Flask, g, has_request_context, request, session
from flask_login import current_user

from config import ProductionConfig, config_for
from marketplace.core import security, storage
from marketplace.extensions import babel, csrf, db, limiter, login_manager


def select_locale():
    """Vietnamese first; English when the visitor or their account chose it."""
    languages = ("vi", "en")
    if not has_request_context():  # CLI, workers: the first language
        return "vi"
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if current_user and getattr(current_user, "is_authenticated", False) and current_user.locale in languages:
        return current_user.locale
    return "vi"


def create_app(config_name=None, overrides=None):
    config_class = config_for(config_name)
    instance_path = (overrides or {}).get("INSTANCE_PATH") or config_class.INSTANCE_PATH
    app = Flask(__name__, instance_path=instance_path,
                template_folder="../templates", static_folder="../static")
    app.config.from_object(config_class)
    if overrides:
        app.config.update(overrides)
    if config_class is ProductionConfig:
        ProductionConfig.check(app.config)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SECRET_KEY"):  # development: a private key of this instance, never a public one
        app.config["SECRET_KEY"] = security.instance_secret_key(app.instance_path)
    security.init_app(app)  # proxy headers, security headers
    storage.init_app(app)  # media settings checked at start-up; the S3 stores built once
    from marketplace.core import assets
    assets.init_app(app)  # static files under content-hashed names, a year's cache, gzip

    db.init_app(app)
    if app.config["MIGRATIONS_COMMAND"]:  # `flask db`; web workers never migrate (deploy/gunicorn.conf.py)
        from flask_migrate import Migrate
        Migrate(app, db, directory=os.path.join(os.path.dirname(__file__), "..", "migrations"),
                render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"

    from marketplace.accounts import sessions as account_sessions
    from marketplace.core import inputs

    # The cookie names one revocable session ("<user id>:<token>"), not just the user.
    login_manager.user_loader(account_sessions.load)

    @app.before_request
    def _remember_language_choice():
        lang = request.args.get("lang")
        if lang in ("vi", "en"):
            session["lang"] = lang
        g.locale = select_locale()

    # Control characters, bounded ids: after the language is known (the 400 page speaks it),
    # before the blueprints bind their routes (the converter).
    inputs.init_app(app)
    _register_blueprints(app)
    _register_templating(app)
    _register_cli(app)
    _register_outbox_and_search(app)
    from marketplace.core.errorpages import register_error_pages
    register_error_pages(app)

    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO)
    return app


def _register_blueprints(app):
    from marketplace.accounts import bp as accounts_bp
    from marketplace.admin import bp as admin_bp
    from marketplace.api import bp as api_bp
    from marketplace.core.views import bp as core_bp
    from marketplace.events import bp as events_bp
    from marketplace.events import organizer_bp
    from marketplace.orders import bp as orders_bp
    from marketplace.payments import bp as payments_bp
    from marketplace.matching import bp as matching_bp
    from marketplace.myaccount import bp as myaccount_bp
    from marketplace.policies import bp as policies_bp
    from marketplace.programme import api_bp as programme_api_bp
    from marketplace.programme import bp as programme_bp
    from marketplace.storefront import bp as storefront_bp
    from marketplace.studio import bp as studio_bp

    app.register_blueprint(core_bp)
    app.register_blueprint(storefront_bp)  # /, /products, /producers, /provinces…: the public pages
    app.register_blueprint(accounts_bp, url_prefix="/account")
    app.register_blueprint(myaccount_bp, url_prefix="/account")  # /account/: "Tài khoản của tôi"
    app.register_blueprint(policies_bp)  # /policies/…: returns, privacy, shipping, payment, terms
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    app.register_blueprint(events_bp)
    app.register_blueprint(organizer_bp, url_prefix="/organizer")
    app.register_blueprint(studio_bp, url_prefix="/studio")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(programme_bp, url_prefix="/programme")
    app.register_blueprint(programme_api_bp, url_prefix="/api/v1/stats")
    app.register_blueprint(orders_bp)
    app.register_blueprint(payments_bp)
    app.register_blueprint(matching_bp, url_prefix="/matching")
    _register_ocop_registry(app)
    from marketplace import cycle
    cycle.register(app)  # the OCOP cycle: /ocop, /studio/ocop, /admin/ocop and `flask cycle`


def _register_ocop_registry(app):
    """Verify pages and labels, post-inspection and complaints, training rosters (issue 14)."""
    from marketplace.inspection import bp as inspection_bp
    from marketplace.registry import api_bp as registry_api_bp
    from marketplace.registry import bp as registry_bp
    from marketplace.training import bp as training_bp
    app.register_blueprint(registry_bp)
    app.register_blueprint(registry_api_bp, url_prefix="/api/v1/ocop")
    app.register_blueprint(inspection_bp)
    app.register_blueprint(training_bp)


def _register_templating(app):
    from marketplace.core import templating
    templating.init_app(app)


def _register_outbox_and_search(app):
    from marketplace import search
    from marketplace import payments
    from marketplace.core import mail, outbox, pagecache
    outbox.init_app(app)  # `flask worker`, and the drain after requests in development
    pagecache.init_app(app)  # anonymous pages kept rendered, forgotten through the outbox when they change
    from marketplace.catalog import caching as catalog_caching
    from marketplace.events import caching as events_caching
    catalog_caching.register()
    events_caching.register()
    mail.init_app(app)  # e-mail leaves through the outbox
    payments.init_app(app)  # refunds leave through the outbox
    search.init_app(app)  # the engine, its outbox handler and `flask search`
    from marketplace import matching
    matching.init_app(app)  # matching's outbox handlers, its search indexes and `flask matching`
    from marketplace import programme
    programme.init_app(app)  # the programme's stored figures follow every change (outbox)


def _register_cli(app):
    from marketplace.accounts.cli import users_cli
    from marketplace.catalog.cli import catalog_cli
    from marketplace.orders.cli import orders_cli
    from marketplace.programme.cli import programme_cli
    from marketplace.studio.cli import studio_cli
    for group in (users_cli, catalog_cli, studio_cli, programme_cli, orders_cli):
        app.cli.add_command(group)
    from marketplace.core.maintenance import analyze_command
    app.cli.add_command(analyze_command)  # `flask analyze`: the planner's statistics (nightly, after bulk loads)
    from marketplace.demo import demo_command
    app.cli.add_command(demo_command)  # `flask demo`: every domain's demo loader, in dependency order
