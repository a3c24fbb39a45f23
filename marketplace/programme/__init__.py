"""Programme progress: local OCOP plans and their targets, measured against the
marketplace's own records (certifications, producers, showrooms, events).

Two blueprints: `programme` (public pages under /programme, officers' plan editing
and post-inspection list) and `programme_api` (open data under /api/v1/stats).
"""
from flask import Blueprint

bp = Blueprint("programme", __name__)
api_bp = Blueprint("programme_api", __name__)

from . import api, templating, views  # noqa: E402,F401  (routes register on the blueprints)


def init_app(app):
    """The stored figures follow every change: the session listener and its outbox handler
    (programme.changes), the catalogue's bulk writes (forgotten, computed again when read), and
    `flask programme refresh-figures`."""
    from marketplace.catalog.signals import bulk_written
    from marketplace.core.outbox import register_handler
    from marketplace.programme import changes
    register_handler(changes.TOPIC, changes.handle)
    changes.track_changes()
    bulk_written.connect(_forget_figures)


def _forget_figures(sender, **extra):
    """Rows written around the session (no outbox message): every stored figure is computed again."""
    from marketplace.programme.figures import forget_all
    forget_all()
