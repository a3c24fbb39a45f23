"""Site-wide routes: health check, language choice, media files."""
from flask import Blueprint, current_app, jsonify, redirect, request, send_from_directory, session, url_for
from sqlalchemy import text

from marketplace.core.inputs import safe_next
from marketplace.extensions import db

bp = Blueprint("core", __name__)


@bp.get("/healthz")
def healthz():
    """Liveness and dependencies: 200 when the database answers, 503 otherwise.

    The search engine is reported too, but its failure alone keeps 200 (status
    "degraded"): the site still serves, searching the database.
    """
    from marketplace.core.outbox import pending_count
    from marketplace.search.service import engine_health

    checks = {}
    try:
        db.session.execute(text("SELECT 1"))
        checks["database"] = {"ok": True, "engine": db.engine.dialect.name}
        checks["outbox"] = {"ok": True, "due": pending_count()}
    except Exception as exc:  # any failure to reach the database is the answer
        db.session.rollback()
        checks["database"] = {"ok": False, "error": exc.__class__.__name__}
    checks["search"] = engine_health()
    ok = all(check["ok"] for check in checks.values())
    return jsonify(status="ok" if ok else "degraded", checks=checks), 200 if checks["database"]["ok"] else 503


@bp.get("/lang/<code>")
def set_language(code):
    """Remember the visitor's language and go back where they were."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(safe_next(request.args.get("next"), url_for("catalog.home")))


@bp.get("/media/<path:filename>")
def media(filename):
    response = send_from_directory(current_app.config["MEDIA_ROOT"], filename, max_age=7 * 24 * 3600)
    return response
