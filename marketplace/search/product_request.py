"""From catalogue filters (`catalog.queries.CatalogFilters`) to the engine-neutral search
request for the products index: its filter clauses, facets and sort. The embedded engine and
Meilisearch answer the same request, so a listing means the same on both."""
from marketplace.search.base import Eq, Facet, Range, SearchRequest, Sort
from marketplace.search.specs import PRODUCTS, STAR_LEVELS, day_number

SORT_FIELDS = {
    "relevance": None,
    "newest": Sort("created_at", descending=True),
    "price_asc": Sort("price"),
    "price_desc": Sort("price", descending=True),
    "stars": Sort("stars", descending=True),
    "name": Sort("name_sort"),
}


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
