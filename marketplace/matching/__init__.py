"""Supply–demand matching (kết nối cung cầu): demands, offers, scores, connections,
messages and meetings at B2B events."""
from flask import Blueprint

bp = Blueprint("matching", __name__)

from . import models  # noqa: E402,F401  (registers the tables)


def init_app(app):
    """Outbox handlers, the offers and demands search indexes, the catalogue listener, `flask matching`."""
    from marketplace.core.outbox import register_handler
    from marketplace.matching import documents, strong
    from marketplace.matching.cli import matching_cli
    from marketplace.matching.listeners import track_catalog_changes
    from marketplace.matching.services import posts
    from marketplace.search.indexing import register_source

    app.config.setdefault("MEETING_SLOT_MINUTES", 20)
    app.config.setdefault("MATCHING_CONNECTION_RATE_LIMIT", "5 per minute;30 per day")
    app.config.setdefault("MATCHING_MESSAGE_RATE_LIMIT", "20 per minute;300 per day")
    for source in documents.SOURCES:
        register_source(source)
    register_handler(posts.POST_CHANGED, strong.handle_post_changed)
    register_handler(posts.CATALOG_CHANGED, posts.on_catalog_changed)
    track_catalog_changes()
    app.cli.add_command(matching_cli)


from . import views  # noqa: E402,F401
