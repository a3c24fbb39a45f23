"""Search: one interface (`base.SearchEngine`), two engines chosen by configuration.

- embedded (default): tantivy, index files under SEARCH_INDEX_DIR (instance/search-index),
  in memory when SEARCH_INDEX_DIR is "" (tests);
- meilisearch: when MEILI_URL is set (or SEARCH_ENGINE=meilisearch);
- database: no engine, words matched with a folded LIKE (the benchmark's baseline).

The storefront asks through `search.service`; other domains tell search about
changes through `search.events.request_reindex` (an outbox message).
"""
import threading

from flask import current_app

_lock = threading.Lock()


def make_engine(config):
    from marketplace.search.specs import SPECS
    choice = (config.get("SEARCH_ENGINE") or "embedded").lower()
    if choice == "database":
        return None  # no engine: words are matched by the database (folded LIKE); a baseline
    if choice in ("meilisearch", "meili"):
        from marketplace.search.meili import MeiliEngine
        if not config.get("MEILI_URL"):
            raise RuntimeError("SEARCH_ENGINE=meilisearch needs MEILI_URL")
        return MeiliEngine(SPECS, url=config["MEILI_URL"], api_key=config.get("MEILI_KEY"),
                           prefix=config.get("MEILI_INDEX_PREFIX", ""), timeout=config.get("MEILI_TIMEOUT", 2),
                           max_total_hits=_max_results(config))
    if choice != "embedded":
        raise RuntimeError(f"SEARCH_ENGINE must be embedded, meilisearch or database; got {choice!r}")
    from marketplace.search.embedded import EmbeddedEngine
    return EmbeddedEngine(SPECS, config.get("SEARCH_INDEX_DIR") or None, max_total_hits=_max_results(config))


def _max_results(config):
    """How deep a listing can page (SEARCH_MAX_RESULTS): what the engines answer beyond is empty."""
    return int(config.get("SEARCH_MAX_RESULTS") or 10_000)


_NO_ENGINE = object()


def get_engine(app=None):
    """The app's engine, created on first use (after a fork, not before); None with
    SEARCH_ENGINE=database."""
    app = app or current_app._get_current_object()
    engine = app.extensions.get("search")
    if engine is None:
        with _lock:
            engine = app.extensions.get("search")
            if engine is None:
                engine = make_engine(app.config)
                app.extensions["search"] = _NO_ENGINE if engine is None else engine
    return None if engine is _NO_ENGINE else engine


def init_app(app):
    from marketplace.core.outbox import register_handler
    from marketplace.search.cli import search_cli
    from marketplace.search.events import REINDEX, track_changes
    from marketplace.search.indexing import handle_reindex_messages

    from marketplace.search.specs import PRICE_BANDS

    app.extensions["search"] = None
    from marketplace.core.views import register_health_check
    from marketplace.search.service import engine_health
    register_health_check(app, "search", engine_health)
    register_handler(REINDEX, lambda payloads: handle_reindex_messages(get_engine(), payloads))
    track_changes()  # every flushed product, producer or certificate asks for a reindex
    app.cli.add_command(search_cli)
    app.add_template_global(PRICE_BANDS, "price_bands")
    from marketplace.search.views import bp
    app.register_blueprint(bp)
