"""The home page's product rows: 5-star products in stock, 4-star products in stock and new
products, never the same product twice and never a sold-out product in a row.

Three search-engine queries answer the whole page (the rows and the product count per
province of "browse by region"), the fewest that keep every row right at any catalogue size:

1. products with 5 current stars, newest first;
2. products with at least 4 current stars, newest first (the 5-star ones are set aside here:
   the index has no "exactly 4" filter, and 5-star products are a small share of them);
3. every public product, newest first, with the facet counts (products per province).

Each asks for three rows' worth of products, so that sold-out products (stock is read from
the database as the products are loaded, the index does not hold it) and products already
shown in an earlier row can be dropped and a row still be full. Through `search_products`,
the database answers when the engine is down, and the stars are today's.

A plain function of the data and the day: a page cache may keep its result.
"""
from dataclasses import dataclass, field

from marketplace.catalog.pages import product_counts_by_province
from marketplace.catalog.queries import CatalogFilters
from marketplace.search import service as search

ROW = 8


@dataclass
class HomeRows:
    five_star: list = field(default_factory=list)
    four_star: list = field(default_factory=list)
    newest: list = field(default_factory=list)
    province_counts: dict = field(default_factory=dict)


def _take(candidates, shown, limit, keep=lambda p: True):
    row = []
    for product in candidates:
        if len(row) == limit:
            break
        if product.id in shown or not product.in_stock or not keep(product):
            continue
        row.append(product)
        shown.add(product.id)
    return row


def home_rows(today, limit=ROW):
    def listing(filters, facets=False):
        return search.search_products(filters, today, facets=facets, alternatives=False)

    five = listing(CatalogFilters(stars=5, sort="newest", per_page=3 * limit)).items
    four = listing(CatalogFilters(stars=4, sort="newest", per_page=3 * limit)).items
    newest = listing(CatalogFilters(sort="newest", per_page=3 * limit), facets=True)
    shown = set()
    rows = HomeRows(five_star=_take(five, shown, limit, lambda p: p.listed_stars == 5),
                    four_star=_take(four, shown, limit, lambda p: p.listed_stars == 4))
    rows.newest = _take(newest.items, shown, limit)
    counts = newest.facets.get("provinces")
    rows.province_counts = dict(counts) if counts is not None else product_counts_by_province()
    return rows
