"""The indexes the marketplace keeps (their shape, for every engine) and the small
rules their documents follow. No database access here: `search.documents` builds
the documents."""
from marketplace.search.base import IndexSpec

PRODUCTS = IndexSpec(
    name="products",
    text_fields=("name", "context", "description", "area"),
    typo_fields=("name", "context"),
    int_fields=("group_id", "category_id", "province_id", "former_province_id", "region_id", "macro_region_id",
                "producer_id", "stars", "stars3_until", "stars4_until", "stars5_until", "price", "price_band",
                "created_at"),
    keyword_fields=("kind",),
    sortable=("price", "stars", "created_at", "name_sort"),
    sort_text_fields=("name_sort",),
    tie_break="stars",
)

PRODUCERS = IndexSpec(
    name="producers",
    text_fields=("name", "context", "story", "area"),
    typo_fields=("name", "context", "story"),
    int_fields=("province_id", "former_province_id", "region_id", "macro_region_id"),
    keyword_fields=("kind",),
    sortable=("name_sort",),
    sort_text_fields=("name_sort",),
)

# Supply–demand matching (matching.documents builds these): open, unexpired posts, found by
# their folded words; the candidates a match starts from beyond its own OCOP group.
OFFERS = IndexSpec(
    name="offers",
    text_fields=("name", "context", "description"),
    typo_fields=("name", "context"),
    int_fields=("category_id", "group_id", "province_id", "producer_id", "expires_on"),
)

DEMANDS = IndexSpec(
    name="demands",
    text_fields=("name", "context", "description"),
    typo_fields=("name", "context"),
    int_fields=("category_id", "group_id", "province_id", "buyer_id", "expires_on"),
)

SPECS = (PRODUCTS, PRODUCERS, OFFERS, DEMANDS)

# Price bands offered as a facet: (lowest, highest) in đồng, None = no bound.
PRICE_BANDS = ((0, 99_999), (100_000, 199_999), (200_000, 499_999), (500_000, 999_999), (1_000_000, None))
STAR_LEVELS = (3, 4, 5)


def price_band(price):
    for index, (low, high) in enumerate(PRICE_BANDS):
        if price >= low and (high is None or price <= high):
            return index
    return 0


def day_number(day):
    """A date as the integer yyyymmdd (0 for None): comparable in any engine's filters."""
    return day.year * 10_000 + day.month * 100 + day.day if day else 0
