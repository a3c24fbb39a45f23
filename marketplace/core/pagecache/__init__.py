"""The page cache: anonymous storefront pages kept rendered, forgotten exactly when what
they show changes.

- `serving.py`: which requests get a kept page, the key (path, canonical query,
  language), per-visitor placeholders (CSRF and form tokens, CSP nonce), ETag /
  Last-Modified / 304 and Cache-Control. Views opt in with `@cached(...)`.
- `render.py`: what a page reads while it renders (rows loaded, queries run), as tags.
- `changes.py`: what a change moves, from every flush and bulk statement, as tags;
  forgotten at commit in this process and through the outbox for every process.
- `store.py`: Redis (PAGE_CACHE_URL=redis://…, shared by every worker) or this process's
  memory (PAGE_CACHE_URL=local, the default of `make run` and the tests); `off` disables.
- `tags.py`: the tag names, and what a SELECT depends on.

Domain code only declares what the generic parts cannot see: a search answered by the
engine (`declared`), derived dimensions of a change (`register_rule`), a time at which
a page changes by itself (`expires_at`).
"""
import hashlib
import logging
from pathlib import Path

import click
from flask import g, request

from marketplace.core.pagecache.changes import (TOPIC, UNTRACKED, RowChange, change_tags, ignore_columns, invalidate,
                                                register_rule, rows_changed)
from marketplace.core.pagecache.render import declared, depends, expires_at, uncacheable
from marketplace.core.pagecache.serving import HEADER, cached, params
from marketplace.core.pagecache.tags import set_tag

__all__ = ["cached", "params", "declared", "depends", "expires_at", "uncacheable", "invalidate", "rows_changed",
           "register_rule", "ignore_columns", "RowChange", "change_tags", "set_tag", "clear", "UNTRACKED", "HEADER"]

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[3]
_fingerprint = None


def code_version():
    """A digest of the templates, the code and the translations: pages kept by another
    version of the site are not served by this one (a deploy needs no flush)."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha1()
        for folder, pattern in ((ROOT / "templates", "*.html"), (ROOT / "marketplace", "*.py"),
                                (ROOT / "marketplace" / "translations", "*.mo")):
            for path in sorted(folder.rglob(pattern)):
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
        _fingerprint = digest.hexdigest()[:12]
    return _fingerprint


def clear():
    """Forget every kept page (after a bulk load or a full reindex); never raises."""
    return invalidate({"*"})


def init_app(app):
    from marketplace.core import outbox
    from marketplace.core.pagecache import changes, render
    from marketplace.core.pagecache.serving import PageCache
    from marketplace.core.pagecache.store import make_store

    store = make_store(app.config)
    render.install()
    changes.install()
    outbox.register_handler(TOPIC, changes.handle_messages, last=True)
    version = app.config.get("PAGE_CACHE_VERSION") or code_version()
    app.extensions["pagecache"] = PageCache(app, store, version) if store is not None else None

    @app.after_request
    def _cache_headers(response):
        source = g.get("pagecache_source")
        if source is not None:
            response.headers[HEADER] = source
        if "Cache-Control" not in response.headers and response.mimetype in ("text/html", "application/json"):
            response.headers["Cache-Control"] = "private, no-cache"  # never public unless kept for everyone
        return response

    app.cli.add_command(pagecache_cli)


@click.group("pagecache")
def pagecache_cli():
    """The page cache of anonymous pages."""


def _cache_or_say_off():
    from flask import current_app
    cache = current_app.extensions.get("pagecache")
    if cache is None:
        click.echo("the page cache is off (PAGE_CACHE_URL=off)")
    return cache


@pagecache_cli.command("clear")
def clear_command():
    """Forget every kept page."""
    cache = _cache_or_say_off()
    if cache is None:
        return
    cache.store.clear()
    click.echo(f"page cache ({cache.store.kind}) cleared")


@pagecache_cli.command("status")
def status_command():
    """Which store, and whether it answers."""
    cache = _cache_or_say_off()
    if cache is None:
        return
    click.echo(f"{cache.store.kind}: {cache.store.health()}; code version {cache.version}")
