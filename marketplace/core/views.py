"""Site-wide routes: health check, language choice, media files."""
from flask import Blueprint, current_app, jsonify, redirect, request, session, url_for
from flask_login import current_user
from sqlalchemy import text

from marketplace.core.images import derived_source, serve_derived
from marketplace.core.security import is_local_request
from marketplace.core.storage import media_storage
from marketplace.extensions import db, limiter
from marketplace.core.inputs import safe_next

bp = Blueprint("core", __name__)


@bp.get("/healthz")
def healthz():
    """Liveness and dependencies: 200 when the database answers, 503 otherwise.

    The search engine is reported too, but its failure alone keeps 200 (status
    "degraded"): the site still serves, searching the database. Anyone sees only
    "ok" or "degraded" per part; the details (engine names, counts, index paths,
    error messages) are for admins and for requests from this machine (a monitor on
    loopback), since they tell an attacker where things live.
    """
    from marketplace.core.outbox import pending_count

    checks = {}
    try:
        db.session.execute(text("SELECT 1"))
        checks["database"] = {"ok": True, "engine": db.engine.dialect.name}
        checks["outbox"] = {"ok": True, "due": pending_count()}
    except Exception as exc:  # any failure to reach the database is the answer
        db.session.rollback()
        checks["database"] = {"ok": False, "error": exc.__class__.__name__}
    for name, check in current_app.extensions.get("health_checks", {}).items():
        checks[name] = check()  # parts registered by their domain (search: its engine)
    if limiter.enabled:
        checks["ratelimit"] = _ratelimit_health()
    ok = all(check["ok"] for check in checks.values())
    status = 200 if checks["database"]["ok"] else 503
    if not _may_see_details():
        checks = {name: "ok" if check["ok"] else "degraded" for name, check in checks.items()}
    return jsonify(status="ok" if ok else "degraded", checks=checks), status


def register_health_check(app, name, check):
    """Let a domain report one part of /healthz (`check()` returns {"ok": bool, ...details});
    core imports no domain, so the search engine registers its own check (search.init_app)."""
    app.extensions.setdefault("health_checks", {})[name] = check


def _ratelimit_health():
    """Whether the rate-limit store (Redis in production) answers; without it each worker counts alone."""
    storage_uri = current_app.config.get("RATELIMIT_STORAGE_URI") or "memory://"
    scheme = storage_uri.split("://", 1)[0]
    try:
        return {"ok": bool(limiter.storage.check()), "storage": scheme}
    except Exception as exc:  # a store that cannot be reached is the answer
        return {"ok": False, "storage": scheme, "error": exc.__class__.__name__}


def _may_see_details():
    return is_local_request() or (current_user.is_authenticated and current_user.has_role("admin"))


@bp.get("/lang/<code>")
def set_language(code):
    """Remember the visitor's language and go back where they were."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(safe_next(request.args.get("next"), url_for("storefront.home")))


@bp.get("/media/<path:filename>")
def media(filename):
    if filename.endswith(".webp") and derived_source(filename):  # a WebP width of a stored photo (core.images)
        return serve_derived(filename)
    # Streamed by us from whichever store holds it (core.storage), never a redirect to the store:
    # pages load nothing from another host, and the reverse proxy and browsers keep it a week.
    return media_storage().send(filename, max_age=7 * 24 * 3600)
