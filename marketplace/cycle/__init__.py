"""The OCOP cycle (chu trình OCOP thường niên), run by each province on the site.

Guidance → idea registration → business plan and its implementation → evaluation dossier →
evaluation round and council scoring → recognition decision, whose certificates reach the
catalogue verified, with their provenance. Three blueprints:

- `cycle`          /ocop/...          public guidance, and the council members' scoring pages
- `cycle_studio`   /studio/ocop/...   producers (and people about to become one): ideas, plans, dossiers, results
- `cycle_officer`  /admin/ocop/...    the province's officers: dashboard, decisions, rounds, sheets, guidance
"""
from flask import Blueprint

bp = Blueprint("cycle", __name__)
studio_bp = Blueprint("cycle_studio", __name__)
officer_bp = Blueprint("cycle_officer", __name__)

from marketplace.cycle.views import council, guidance, officer, producer, rounds  # noqa: E402,F401  (routes)


def register(app):
    """Blueprints, template helpers and `flask cycle` (called by create_app)."""
    from marketplace.cycle import cli, templating
    app.register_blueprint(bp, url_prefix="/ocop")
    app.register_blueprint(studio_bp, url_prefix="/studio/ocop")
    app.register_blueprint(officer_bp, url_prefix="/admin/ocop")
    templating.init_app(app)
    app.cli.add_command(cli.cycle_cli)
