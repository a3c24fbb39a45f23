"""GET /api/v1/products, /api/v1/products/<slug>, /api/v1/suggest, /api/v1/provinces, /api/v1/openapi.json."""
from flask import current_app, jsonify, request
from sqlalchemy.orm import selectinload

from marketplace.api import bp
from marketplace.api.serializers import (facets_json, product_detail, product_summary, province_detail, search_meta,
                                         suggestion_producer, suggestion_product)
from marketplace.catalog.models import Province
from marketplace.catalog.pages import public_product_or_404
from marketplace.catalog.queries import canonical_catalog_args, parse_catalog_args
from marketplace.core.pagecache import cached, params
from marketplace.catalog.rating import badge_for
from marketplace.core.inputs import parse_int
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.search import service as search
from marketplace.search import suggestions


def _products_args(args):
    found = canonical_catalog_args(args, current_app.config["CATALOG_PER_PAGE"])
    if args.get("facets", "").lower() in ("1", "true", "yes", "on"):
        found["facets"] = "1"
    return found


def _suggest_args(found):
    if "q" in found:
        found["q"] = " ".join(found["q"].split())
    return found


@bp.get("/products")
@cached(_products_args)
def products():
    filters = parse_catalog_args(request.args, current_app.config["CATALOG_PER_PAGE"],
                                 current_app.config["CATALOG_MAX_PER_PAGE"])
    if filters.errors:
        return jsonify(error={"status": 400, "message": "invalid parameters",
                              "fields": {k: str(v) for k, v in filters.errors.items()}}), 400
    with_facets = request.args.get("facets", "").lower() in ("1", "true", "yes", "on")
    page = search.search_products(filters, vn_today(), facets=with_facets)
    items = []
    for product in page.items:
        item = product_summary(product, product.listed_stars)
        if product.id in page.highlights:
            item["highlight"] = {"name": str(page.highlights[product.id])}
        items.append(item)
    # `reachable`: how many of `total` the pages reach (the engine pages no deeper); `pages` counts those.
    body = dict(items=items, total=page.total, reachable=page.reachable, page=page.page, per_page=page.per_page,
                pages=page.pages, search=search_meta(page))
    if with_facets:
        body["facets"] = facets_json(page.facets)
    return jsonify(body)


@bp.get("/suggest")
@cached(params("q", "limit", normalise=_suggest_args))
def suggest():
    """Suggestions while typing: products and producers, names with the matched words marked."""
    limit = parse_int(request.args.get("limit") or "6", 1, 10)
    if limit is None:
        return jsonify(error={"status": 400, "message": "invalid parameters",
                              "fields": {"limit": "a whole number from 1 to 10"}}), 400
    found = suggestions.suggest(request.args.get("q", ""), vn_today(), limit=limit)
    return jsonify(query=request.args.get("q", ""), engine=found.engine, degraded=found.degraded,
                   items=[suggestion_product(p, marked) for p, marked in found.products]
                   + [suggestion_producer(p, marked) for p, marked in found.producers])


@bp.get("/products/<slug>")
@cached()
def product(slug):
    item = public_product_or_404(slug)
    return jsonify(product_detail(item, badge_for(item, vn_today())))


@bp.get("/provinces")
@cached()
def provinces():
    rows = db.session.execute(db.select(Province).order_by(Province.name_ascii).options(
        selectinload(Province.former_provinces), selectinload(Province.region),
        selectinload(Province.macro_region))).scalars().all()
    return jsonify(items=[province_detail(p) for p in rows], total=len(rows))


@bp.get("/openapi.json")
def openapi():
    """This API described in OpenAPI 3.1 (marketplace/api/openapi.py)."""
    from marketplace.api.openapi import document
    response = jsonify(document())
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
