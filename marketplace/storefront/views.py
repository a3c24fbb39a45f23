"""Storefront routes: thin, they parse input, call catalog queries and the search service, and render."""
from flask import abort, current_app, redirect, render_template, request, url_for

from marketplace.catalog.models import Category, ProducerKind, Province, Region
from marketplace.catalog.pages import (former_note, former_province_by_slug, group_categories, one_or_404,
                                       producers_of_province, provinces_by_region, public_producer_or_404,
                                       public_product_or_404)
from marketplace.catalog.queries import SORTS, canonical_catalog_args, parse_catalog_args, producer_products
from marketplace.catalog.rating import badge_for
from marketplace.core.pagecache import cached, params
from marketplace.core.timeutil import utcnow, vn_today
from marketplace.extensions import db
from marketplace.events.queries import product_promotions, showrooms_in_province, some_showrooms, upcoming_events
from marketplace.orders.reviews import product_reviews
from marketplace.search import service as search
from marketplace.storefront import bp
from marketplace.storefront.showcase import home_rows


def _catalog_args(args):
    return canonical_catalog_args(args, current_app.config["CATALOG_PER_PAGE"])


def _catalog_filters(**fixed):
    args = request.args.copy()
    for key, value in fixed.items():
        args[key] = value
    return parse_catalog_args(args, current_app.config["CATALOG_PER_PAGE"], current_app.config["CATALOG_MAX_PER_PAGE"])


def _render_listing(template, filters, **context):
    page = search.search_products(filters, vn_today())
    return render_template(template, filters=filters, page=page, facets=page.facets, sorts=SORTS,
                           groups=group_categories(), regions=provinces_by_region(),
                           kinds=list(ProducerKind), **context)


@bp.get("/")
@cached()
def home():
    rows = home_rows(vn_today())
    return render_template("storefront/home.html", rows=rows, province_counts=rows.province_counts,
                           events=upcoming_events(utcnow()), showrooms=some_showrooms(),
                           groups=group_categories(), regions=provinces_by_region())


@bp.get("/products")
@cached(_catalog_args)
def products():
    return _render_listing("storefront/products.html", _catalog_filters())


@bp.get("/products/<slug>")
@cached()
def product(slug):
    today = vn_today()
    item = public_product_or_404(slug)
    return render_template("storefront/product.html", product=item, badge=badge_for(item, today),
                           related=search.related_products(item, today), today=today,
                           promotions=product_promotions(item, utcnow()), reviews=product_reviews(item.id))


@bp.get("/producers/<slug>")
@cached(params("page", "per_page", defaults={"page": "1"}))
def producer(slug):
    item = public_producer_or_404(slug)
    filters = _catalog_filters()
    page = producer_products(item, vn_today(), filters.page, filters.per_page)
    return render_template("storefront/producer.html", producer=item, page=page, filters=filters)


@bp.get("/provinces")
@cached()
def provinces():
    return render_template("storefront/provinces.html", regions=provinces_by_region(),
                           province_counts=search.province_counts(vn_today()))


@bp.get("/provinces/<slug>")
@cached(_catalog_args)
def province(slug):
    item = db.session.execute(db.select(Province).where(Province.slug == slug)).scalar_one_or_none()
    if item is None:  # a province merged in 2025: today's unit, which says so
        former = former_province_by_slug(slug)
        if former is None:
            abort(404)
        return redirect(url_for("storefront.province", slug=former.province.slug, former=former.slug), 301)
    filters = _catalog_filters(province=item.slug)
    return _render_listing("storefront/province.html", filters, province=item, fixed=["province", "region"],
                           former=former_note(item, request.args.get("former")),
                           producers=producers_of_province(item), showrooms=showrooms_in_province(item))


@bp.get("/regions/<slug>")
@cached(_catalog_args)
def region(slug):
    item = one_or_404(Region, slug=slug)
    filters = _catalog_filters(region=item.slug)
    return _render_listing("storefront/region.html", filters, region=item,
                           province_counts=search.province_counts(vn_today()))


@bp.get("/categories/<slug>")
@cached(_catalog_args)
def category(slug):
    item = one_or_404(Category, slug=slug)
    fixed = {"group": item.slug} if item.is_group else {"subcategory": item.slug}
    filters = _catalog_filters(**fixed)
    return _render_listing("storefront/category.html", filters, category=item)
