"""Serving a private document (from the private store) to someone a view has already checked."""
from flask import Response, abort

from marketplace.core.storage import private_storage


def send_private_document(key, download_name):
    """A PDF is sent as a download; an image (re-encoded on upload) is shown inline.

    Either way the browser is told not to sniff, not to cache and to run nothing.
    """
    if not key:
        abort(404)
    try:
        data = private_storage().read(key)
    except FileNotFoundError:
        abort(404)
    is_pdf = key.endswith(".pdf")
    response = Response(data, mimetype="application/pdf" if is_pdf else "image/jpeg")
    disposition = "attachment" if is_pdf else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{download_name}{".pdf" if is_pdf else ".jpg"}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response
