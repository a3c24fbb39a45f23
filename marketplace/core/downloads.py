"""Serving a private document (from the private store) to someone a view has already checked.

Streamed by default, whatever the store. With MEDIA_STORE=s3 and
PRIVATE_MEDIA_DELIVERY=redirect the checked person is sent instead to a presigned URL
of the bucket that lives PRIVATE_URL_SECONDS (a minute by default), so large scans
do not hold a web worker; the URL is made only after the view's checks, only for an
object that exists, and asks the store to answer with the same type, disposition and
no-store as the streamed response.
"""
from flask import Response, abort, current_app, redirect

from marketplace.core.storage import private_storage

NO_SNIFF_SANDBOX = "default-src 'none'; frame-ancestors 'none'; sandbox"


def _kind(key, download_name):
    is_pdf = key.endswith(".pdf")
    disposition = "attachment" if is_pdf else "inline"
    return ("application/pdf" if is_pdf else "image/jpeg",
            f'{disposition}; filename="{download_name}{".pdf" if is_pdf else ".jpg"}"')


def send_private_document(key, download_name):
    """A PDF is sent as a download; an image (re-encoded on upload) is shown inline.

    Either way the browser is told not to sniff, not to cache and to run nothing.
    """
    if not key:
        abort(404)
    store = private_storage()
    content_type, disposition = _kind(key, download_name)
    if current_app.config.get("PRIVATE_MEDIA_DELIVERY") == "redirect" and hasattr(store, "signed_url"):
        if not store.exists(key):
            abort(404)
        response = redirect(store.signed_url(key, seconds=int(current_app.config["PRIVATE_URL_SECONDS"]),
                                             content_type=content_type, disposition=disposition))
        response.headers["Cache-Control"] = "private, no-store"  # the signed address is not to be kept
        response.headers["Referrer-Policy"] = "no-referrer"
        return response
    try:
        data = store.read(key)
    except FileNotFoundError:
        abort(404)
    response = Response(data, mimetype=content_type)
    response.headers["Content-Disposition"] = disposition
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = NO_SNIFF_SANDBOX
    response.headers["Cache-Control"] = "private, no-store"
    return response
