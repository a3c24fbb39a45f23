"""The storefront's one way to list products: the catalogue page, the category,
province and region pages and GET /api/v1/products all call `search_products`, so
the same parameters give the same products in the same order everywhere.

With words to look for, the search engine answers (typos, prefixes, synonyms,
ranking, facets); the products themselves are then read from the database in the
engine's order, so prices, stock and stars are always current. Without words, the
database lists them (exact, and the index may still be being built). When the
engine is down or its index is empty, the database answers the words too (folded
LIKE, `catalog.queries`) and the result says it is degraded: the site stays up.

Its parts: the page it returns (`listing`), the request it sends (`product_request`), the
nearby searches when nothing matched (`alternatives`); suggestions while typing are
`suggestions`.
"""
import logging
import time
from dataclasses import replace

from flask import current_app
from sqlalchemy.orm import contains_eager, selectinload, with_expression

from marketplace.catalog.caching import listing_tags
from marketplace.catalog.models import Category, Producer, Product, certified_stars_column
from marketplace.catalog.pages import product_counts_by_province
from marketplace.catalog.queries import CatalogFilters, browse_products, facet_counts
from marketplace.core import pagecache
from marketplace.extensions import db
from marketplace.search import get_engine
from marketplace.search.alternatives import nearby_searches
from marketplace.search.analysis import analyze
from marketplace.search.base import Facet, SearchRequest, SearchUnavailable
from marketplace.search.documents import count_public_products, is_public
from marketplace.search.highlight import highlight
from marketplace.search.listing import ListingPage
from marketplace.search.product_request import product_request
from marketplace.search.specs import PRODUCTS

log = logging.getLogger(__name__)


def load_products(ids, today):
    """The public products among `ids` (the index may lag a moment behind), with their
    current stars, in the order of `ids`.

    Public is checked in Python (`documents.is_public`, the twin of `public_products_clause`): with
    it in the WHERE clause SQLite prefers the status index and reads every active row.
    """
    if not ids:
        return []
    stars = certified_stars_column(today)
    rows = db.session.execute(
        db.select(Product).join(Product.producer).join(Producer.province)
        .where(Product.id.in_(ids))
        .options(contains_eager(Product.producer).contains_eager(Producer.province),
                 selectinload(Product.photos), selectinload(Product.category).joinedload(Category.parent),
                 contains_eager(Product.producer).selectinload(Producer.former_province),
                 with_expression(Product.listed_stars, stars))).scalars().all()
    by_id = {p.id: p for p in rows if is_public(p.status, p.producer.verified)}
    return [by_id[i] for i in ids if i in by_id]


def _from_database(filters, today, degraded, with_facets=True):
    sort = filters.sort if filters.sort != "relevance" else "newest"
    page = browse_products(replace(filters, sort=sort), today)
    facets = facet_counts(filters, today) if with_facets else {}
    return ListingPage(items=list(page.items), total=page.total, page=page.page, per_page=page.per_page,
                       facets=facets, engine="database", degraded=degraded)


def engine_ready(engine):
    """False when the index is empty although the catalogue is not (never built)."""
    return engine.count(PRODUCTS.name) > 0 or count_public_products() == 0


def search_products(filters, today, *, facets=True, alternatives=True):
    """A `ListingPage` for catalogue filters (see `catalog.queries.parse_catalog_args`)."""
    started = time.perf_counter()
    # A kept page depends on the slice of the catalogue it lists (the engine runs no SQL
    # for it); the products shown add their own rows as they are read.
    with pagecache.declared(*listing_tags(filters, facets)):
        # Browsing without words goes to the engine too: its filters, sorts and facet
        # counts stay fast at 100k products, where the database's do not (BENCHMARKS.md).
        listing = _search_engine(filters, today, facets)
        plan = analyze(filters.q) if filters.q else None
        if plan:
            listing.highlights = {p.id: highlight(p.name, plan) for p in listing.items}
        if alternatives and listing.total == 0 and filters.is_filtered:
            pagecache.depends("products")  # the nearby searches drop filters
            listing.alternatives = nearby_searches(filters, today, listing.engine)
    listing.took_ms = (time.perf_counter() - started) * 1000
    return listing


def _search_engine(filters, today, facets):
    try:
        engine = get_engine()
        if engine is None:  # SEARCH_ENGINE=database, by choice: not degraded
            return _from_database(filters, today, degraded=False, with_facets=facets)
        deepest = getattr(engine, "max_total_hits", None)
        if not isinstance(deepest, int):  # an engine without a limit: every page reachable
            deepest = None
        offset = (filters.page - 1) * filters.per_page
        if deepest is None:
            result = engine.search(product_request(filters, today, facets=facets))
        elif offset < deepest:  # the last reachable page holds only what is left before the engine's limit
            result = engine.search(product_request(filters, today, facets=facets,
                                                   limit=min(filters.per_page, deepest - offset)))
        else:  # beyond: only the count and the facets, to say how to narrow the search
            result = replace(engine.search(product_request(filters, today, facets=facets, limit=1, offset=0)), ids=[])
        if result.total == 0 and not engine_ready(engine):
            raise SearchUnavailable("the search index is empty; run `flask search reindex`")
    except Exception as exc:  # the site stays up: the database answers, degraded
        log.warning("search engine unavailable, falling back to the database: %s", exc)
        pagecache.uncacheable("search engine down")  # kept, it would say so after the engine is back
        return _from_database(filters, today, degraded=True, with_facets=facets)
    return ListingPage(items=load_products(result.ids, today), total=result.total, page=filters.page,
                       per_page=filters.per_page, facets=result.facets, engine=result.engine,
                       partial=result.partial, reachable_limit=deepest)


def search_products_text(q, today, limit=10):
    """Plain lines for `flask search query` (tuning relevance by hand)."""
    listing = search_products(CatalogFilters(q=q, sort="relevance", per_page=limit), today, facets=False)
    yield f"{listing.total} found by {listing.engine}{' (partial)' if listing.partial else ''} " \
          f"in {listing.took_ms:.1f} ms"
    for product in listing.items:
        yield f"  {product.listed_stars or '-'}★ {product.name} · {product.producer.name} · " \
              f"{product.producer.province.name_vi}"


def engine_health():
    """For /healthz: the engine's state; never raises."""
    try:
        engine = get_engine()
        return engine.health() if engine is not None else {"ok": True, "engine": "database"}
    except Exception as exc:
        return {"ok": False, "engine": current_app.config.get("SEARCH_ENGINE"),
                "error": f"{exc.__class__.__name__}: {exc}"}



def province_counts(today):
    """Public products per province id: the engine's province facet alone (no product row is
    read, no other facet counted), or the database's counts."""
    with pagecache.declared("products"):
        try:
            engine = get_engine()
            if engine is not None:
                result = engine.search(SearchRequest(index=PRODUCTS.name, facets=(Facet("provinces", "province_id"),),
                                                     limit=1))
                if result.total or engine_ready(engine):
                    return dict(result.facets.get("provinces") or {})
        except Exception as exc:  # the database answers, as for listings
            log.warning("province counts from the database: %s", exc)
        return product_counts_by_province()


def related_products(product, today, limit=8):
    """Other public products of the same subcategory, the most starred first."""
    category = product.category
    filters = CatalogFilters(sort="stars", per_page=limit + 1,
                             group=category if category.is_group else None,
                             subcategory=None if category.is_group else category)
    items = search_products(filters, today, facets=False, alternatives=False).items
    return [item for item in items if item.id != product.id][:limit]
