"""The storefront's one way to list products: the catalogue page, the category,
province and region pages and GET /api/v1/products all call `search_products`, so
the same parameters give the same products in the same order everywhere.

With words to look for, the search engine answers (typos, prefixes, synonyms,
ranking, facets); the products themselves are then read from the database in the
engine's order, so prices, stock and stars are always current. Without words, the
database lists them (exact, and the index may still be being built). When the
engine is down or its index is empty, the database answers the words too (folded
LIKE, `catalog.queries`) and the result says it is degraded: the site stays up.
"""
import logging
import math
import time
from dataclasses import dataclass, field, replace

from flask import current_app
from sqlalchemy.orm import contains_eager, selectinload, with_expression

from marketplace.catalog.models import Category, Producer, Product, certified_stars_column
from marketplace.catalog.pages import product_counts_by_province
from marketplace.catalog.caching import listing_tags
from marketplace.catalog.queries import CatalogFilters, browse_products, facet_counts
from marketplace.core import pagecache
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.text import fold
from marketplace.extensions import db
from marketplace.search import get_engine
from marketplace.search.analysis import analyze
from marketplace.search.base import Eq, Facet, Range, SearchRequest, SearchUnavailable, Sort
from marketplace.search.highlight import highlight
from marketplace.search.specs import PRODUCERS, PRODUCTS, STAR_LEVELS, day_number

log = logging.getLogger(__name__)

SORT_FIELDS = {
    "relevance": None,
    "newest": Sort("created_at", descending=True),
    "price_asc": Sort("price"),
    "price_desc": Sort("price", descending=True),
    "stars": Sort("stars", descending=True),
    "name": Sort("name_sort"),
}
MAX_ALTERNATIVES = 4


@dataclass
class Alternative:
    """A nearby search offered when nothing matched: what changes, and how many it finds."""

    label: str
    args: dict
    total: int


@dataclass
class ListingPage:
    """One page of products, shaped like Flask-SQLAlchemy's Pagination for the templates."""

    items: list
    total: int
    page: int
    per_page: int
    facets: dict = field(default_factory=dict)
    highlights: dict = field(default_factory=dict)  # product id -> Markup of its name
    engine: str = "database"
    degraded: bool = False  # the engine should have answered and could not
    partial: bool = False  # no product has every word; these have most of them
    alternatives: list = field(default_factory=list)
    took_ms: float = 0.0
    # How many of `total` the pages can reach: the engine answers no deeper (SEARCH_MAX_RESULTS,
    # like Meilisearch's maxTotalHits); None when every one can (the database answered).
    reachable_limit: int | None = None

    @property
    def reachable(self):
        """How many results the pages show at most: the pager, the API's `pages` and the page agree."""
        return self.total if self.reachable_limit is None else min(self.total, self.reachable_limit)

    @property
    def truncated(self):
        """More results than the pages can show: narrow the search to see the others."""
        return self.reachable < self.total

    @property
    def beyond(self):
        """A page number past the last page that has results."""
        return self.total > 0 and self.page > self.pages

    @property
    def pages(self):
        return max(1, math.ceil(self.reachable / self.per_page)) if self.total else 0

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def prev_num(self):
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self):
        return self.page + 1 if self.has_next else None

    def iter_pages(self, *, left_edge=2, left_current=2, right_current=4, right_edge=2):
        """Page numbers to link, None for a gap (the algorithm of Flask-SQLAlchemy)."""
        pages_end = self.pages + 1
        if pages_end == 1:
            return
        left_end = min(1 + left_edge, pages_end)
        yield from range(1, left_end)
        if left_end == pages_end:
            return
        mid_start = max(left_end, self.page - left_current)
        mid_end = min(self.page + right_current + 1, pages_end)
        if mid_start - left_end > 0:
            yield None
        yield from range(mid_start, mid_end)
        if mid_end == pages_end:
            return
        right_start = max(mid_end, pages_end - right_edge)
        if right_start - mid_end > 0:
            yield None
        yield from range(right_start, pages_end)


# --- from catalogue filters to a search request ---------------------------------------

def search_filters(filters, today):
    clauses = []
    if filters.subcategory is not None:
        clauses.append(Eq("category_id", filters.subcategory.id, tag="group"))
    elif filters.group is not None:
        clauses.append(Eq("group_id", filters.group.id, tag="group"))
    if filters.province is not None:
        clauses.append(Eq("province_id", filters.province.id, tag="province"))
    elif filters.former_province is not None:
        clauses.append(Eq("former_province_id", filters.former_province.id, tag="province"))
    if filters.region is not None:
        clauses.append(Eq("region_id", filters.region.id, tag="region"))
    elif filters.macro_region is not None:
        clauses.append(Eq("macro_region_id", filters.macro_region.id, tag="region"))
    if filters.stars is not None:
        level = min(max(filters.stars, STAR_LEVELS[0]), STAR_LEVELS[-1])
        clauses.append(Range(f"stars{level}_until", gte=day_number(today), tag="stars"))
    if filters.min_price is not None or filters.max_price is not None:
        clauses.append(Range("price", gte=filters.min_price, lte=filters.max_price, tag="price"))
    if filters.kind is not None:
        clauses.append(Eq("kind", filters.kind.value, tag="kind"))
    return tuple(clauses)


def product_facets(today):
    return (
        Facet("groups", "group_id", tag="group"),
        Facet("provinces", "province_id", tag="province"),
        Facet("regions", "region_id", tag="region"),
        Facet("stars", counts=tuple((n, Range(f"stars{n}_until", gte=day_number(today))) for n in STAR_LEVELS),
              tag="stars"),
        Facet("price_bands", "price_band", tag="price"),
        Facet("kinds", "kind", tag="kind"),
    )


def product_request(filters, today, facets=True, limit=None, offset=None):
    sort = filters.sort if filters.sort in SORT_FIELDS else "relevance"
    if not filters.q and sort == "relevance":
        sort = "newest"
    return SearchRequest(
        index=PRODUCTS.name, query=filters.q, filters=search_filters(filters, today),
        facets=product_facets(today) if facets else (), sort=SORT_FIELDS[sort],
        offset=(filters.page - 1) * filters.per_page if offset is None else offset,
        limit=filters.per_page if limit is None else limit)


# --- the one listing function ----------------------------------------------------------

def _load_products(ids, today):
    """The public products among `ids` (the index may lag a moment behind), with their
    current stars, in the order of `ids`.

    Public is checked in Python (`documents.is_public`, the twin of `public_products_clause`): with
    it in the WHERE clause SQLite prefers the status index and reads every active row.
    """
    from marketplace.search.documents import is_public  # (documents imports catalog, which imports us)
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


def _engine_ready(engine):
    """False when the index is empty although the catalogue is not (never built)."""
    from marketplace.search.documents import count_public_products
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
        if result.total == 0 and not _engine_ready(engine):
            raise SearchUnavailable("the search index is empty; run `flask search reindex`")
    except Exception as exc:  # the site stays up: the database answers, degraded
        log.warning("search engine unavailable, falling back to the database: %s", exc)
        pagecache.uncacheable("search engine down")  # kept, it would say so after the engine is back
        return _from_database(filters, today, degraded=True, with_facets=facets)
    return ListingPage(items=_load_products(result.ids, today), total=result.total, page=filters.page,
                       per_page=filters.per_page, facets=result.facets, engine=result.engine,
                       partial=result.partial, reachable_limit=deepest)


def _count(filters, today, engine_name):
    if engine_name == "database":
        return browse_products(replace(filters, page=1, per_page=1, sort="newest"), today).total
    return get_engine().search(product_request(filters, today, facets=False, limit=1, offset=0)).total


def nearby_searches(filters, today, engine_name):
    """When nothing matched: the same search without one filter, or with fewer words."""
    candidates = []
    removable = [("group", filters.subcategory or filters.group, "subcategory" if filters.subcategory else "group"),
                 ("province", filters.province or filters.former_province, "province"),
                 ("region", filters.region or filters.macro_region, "region"),
                 ("stars", filters.stars, "stars"),
                 ("price", filters.min_price is not None or filters.max_price is not None, "price"),
                 ("kind", filters.kind, "kind")]
    labels = {"group": _l("Bỏ lọc nhóm sản phẩm"), "subcategory": _l("Bỏ lọc phân nhóm"),
              "province": _l("Bỏ lọc tỉnh, thành phố"), "region": _l("Bỏ lọc vùng"),
              "stars": _l("Bỏ lọc hạng sao"), "price": _l("Bỏ lọc khoảng giá"), "kind": _l("Bỏ lọc loại chủ thể")}
    for name, active, label_key in removable:
        if not active:
            continue
        if name == "price":
            relaxed = replace(filters, page=1, min_price=None, max_price=None)
        elif name == "group":
            relaxed = replace(filters, page=1, group=None, subcategory=None)
        else:
            relaxed = filters.without(name)
        candidates.append((labels[label_key], relaxed))
    words = filters.q.split()
    if len(words) > 1:
        for i in range(len(words)):
            fewer = " ".join(words[:i] + words[i + 1:])
            candidates.append((_l("Tìm “%(q)s”", q=fewer), replace(filters, q=fewer, page=1)))
    if filters.q and len(candidates) > 1 and any(f is not filters for _, f in candidates):
        candidates.append((_l("Tìm “%(q)s” không kèm bộ lọc", q=filters.q),
                           replace(filters, page=1, group=None, subcategory=None, province=None,
                                   former_province=None, region=None, macro_region=None, stars=None,
                                   min_price=None, max_price=None, kind=None)))
    found = []
    for label, relaxed in candidates:
        try:
            total = _count(relaxed, today, engine_name)
        except Exception as exc:
            log.warning("alternative search failed: %s", exc)
            continue
        if total:
            found.append(Alternative(label=str(label), args=relaxed.to_args(page=None), total=total))
    found.sort(key=lambda a: -a.total)
    return found[:MAX_ALTERNATIVES]


# --- suggestions as you type -----------------------------------------------------------

@dataclass
class Suggestions:
    products: list  # (Product, Markup name)
    producers: list  # (Producer, Markup name)
    engine: str = "database"
    degraded: bool = False


def suggest(q, today, limit=6):
    """Products and producers for a query being typed (the last word may be unfinished)."""
    q = " ".join((q or "").split())[:100]
    if not fold(q):
        return Suggestions([], [])
    with pagecache.declared("products", "producers"):
        return _suggest(q, today, limit)


def _suggest(q, today, limit):
    plan = analyze(q)
    engine = None
    try:
        engine = get_engine()
        if engine is None:
            raise SearchUnavailable("SEARCH_ENGINE=database")
        result = engine.search(SearchRequest(index=PRODUCTS.name, query=q, limit=limit))
        if result.total == 0 and not _engine_ready(engine):
            raise SearchUnavailable("empty index")
        producer_result = engine.search(SearchRequest(index=PRODUCERS.name, query=q, limit=3))
        products = _load_products(result.ids, today)
        producers = _load_producers(producer_result.ids)
        engine_name, degraded = engine.name, False
    except Exception as exc:
        log.warning("suggestions from the database: %s", exc)
        if engine is not None:
            pagecache.uncacheable("search engine down")
        from marketplace.catalog.queries import CatalogFilters
        products = list(browse_products(CatalogFilters(q=q, per_page=limit), today).items)
        producers, engine_name, degraded = [], "database", True
    return Suggestions(products=[(p, highlight(p.name, plan)) for p in products],
                       producers=[(p, highlight(p.name, plan)) for p in producers],
                       engine=engine_name, degraded=degraded)


def _load_producers(ids):
    if not ids:
        return []
    rows = db.session.execute(db.select(Producer).where(Producer.id.in_(ids), Producer.verified.is_(True))
                              .options(selectinload(Producer.province))).scalars().all()
    by_id = {p.id: p for p in rows}
    return [by_id[i] for i in ids if i in by_id]


def search_products_text(q, today, limit=10):
    """Plain lines for `flask search query` (tuning relevance by hand)."""
    from marketplace.catalog.queries import CatalogFilters
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
                if result.total or _engine_ready(engine):
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
