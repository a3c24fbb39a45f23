"""/search: the catalogue page is the search page; this address leads there."""
from flask import Blueprint, redirect, request, url_for

bp = Blueprint("search", __name__)


@bp.get("/search")
def search():
    return redirect(url_for("catalog.products", **request.args.to_dict(flat=True)), code=302)
