"""Who is acting for which producer in the studio, and what every studio page shares.

Who acts (`studio_required`, the producer chosen in the session) is in `studio.acting`,
which other blueprints' producer pages use too. `_own_or_404` finds a record of that very
producer, or answers 404 exactly like one that does not exist.

The studio's views (producer_views, product_views, certificate_views, stock_views,
team_views) are thin: they find the record the user may act on here, call a service,
render; the services check membership again.
"""
from flask import abort, g, render_template, request
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from marketplace.accounts.access import unconfirmed_redirect
from marketplace.accounts.models import Role
from marketplace.catalog.models import Certification, Product, ProductPhoto
from marketplace.core.errorpages import render_error
from marketplace.core.errors import PermissionDenied
from marketplace.extensions import db
from marketplace.studio import bp
from marketplace.studio.access import memberships, producer_record


@bp.before_request
def _confirmed_address_first():
    """The studio needs a confirmed e-mail address; an invitation link proves one by itself."""
    if request.endpoint != "studio.accept_invitation":
        return unconfirmed_redirect()
    return None


def _own_or_404(model, record_id, producer_of):
    row = producer_record(current_user, model, record_id, producer_of)
    if row is None:
        abort(404)
    return row


def _product(product_id):
    return _own_or_404(Product, product_id, lambda p: p.producer_id)


def _photo(photo_id):
    return _own_or_404(ProductPhoto, photo_id, lambda p: p.product.producer_id)


def _certification(cert_id):
    return _own_or_404(Certification, cert_id, lambda c: c.product.producer_id)


def _status(*forms):
    """400 when any field of these forms carries an error (WTForms caches `form.errors`)."""
    return 400 if any(field.errors for form in forms for field in form) else 200


def _locale():
    return getattr(g, "locale", "vi")


def _render(template, status=200, **context):
    return render_template(template, **context), status


@bp.app_context_processor
def _studio_link():
    """`has_studio()` for the header: producers, and anyone on a producer's team."""
    def has_studio():
        if not current_user.is_authenticated:
            return False
        if current_user.role == Role.PRODUCER:
            return True
        try:
            return bool(memberships(current_user))
        except SQLAlchemyError:  # an error page must not fail on its menu
            db.session.rollback()
            return False
    return {"has_studio": has_studio}


@bp.errorhandler(PermissionDenied)
def _permission_denied(error):
    return render_error(403)
