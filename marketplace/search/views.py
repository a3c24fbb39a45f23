"""/search: the catalogue page is the search page; this address leads there."""
from urllib.parse import urlencode

from flask import Blueprint, redirect, request, url_for

bp = Blueprint("search", __name__)


@bp.get("/search")
def search():
    # The query string as it came, re-encoded: passed to url_for, a parameter named like one
    # url_for reserves (_anchor, _method, _external…) would build another address, or none.
    query = urlencode(list(request.args.items(multi=True)))
    return redirect(url_for("storefront.products") + (f"?{query}" if query else ""), code=302)
