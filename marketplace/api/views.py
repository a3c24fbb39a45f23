"""GET /api/v1/products, /api/v1/products/<slug>, /api/v1/provinces."""
from flask import current_app, jsonify, request
from sqlalchemy.orm import selectinload

from marketplace.api import bp
from marketplace.api.serializers import product_detail, product_summary, province_detail
from marketplace.catalog.models import Province
from marketplace.catalog.pages import public_product_or_404
from marketplace.catalog.queries import browse_products, parse_catalog_args
from marketplace.catalog.rating import badge_for
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db


@bp.get("/products")
def products():
    filters = parse_catalog_args(request.args, current_app.config["CATALOG_PER_PAGE"],
                                 current_app.config["CATALOG_MAX_PER_PAGE"])
    if filters.errors:
        return jsonify(error={"status": 400, "message": "invalid parameters",
                              "fields": {k: str(v) for k, v in filters.errors.items()}}), 400
    page = browse_products(filters, vn_today())
    return jsonify(items=[product_summary(p, p.listed_stars) for p in page.items], total=page.total,
                   page=page.page, per_page=page.per_page, pages=page.pages)


@bp.get("/products/<slug>")
def product(slug):
    item = public_product_or_404(slug)
    return jsonify(product_detail(item, badge_for(item, vn_today())))


@bp.get("/provinces")
def provinces():
    rows = db.session.execute(db.select(Province).order_by(Province.name_ascii).options(
        selectinload(Province.former_provinces), selectinload(Province.region),
        selectinload(Province.macro_region))).scalars().all()
    return jsonify(items=[province_detail(p) for p in rows], total=len(rows))
