"""Browsing the public catalogue: parse filters from a query string, list products.

The catalogue page, the JSON API and later the search page share these, so the
same URL parameters mean the same thing everywhere.
"""
from dataclasses import dataclass, field, replace

from sqlalchemy import func, or_
from sqlalchemy.orm import contains_eager, selectinload, with_expression

from marketplace.catalog.models import (Category, FormerProvince, MacroRegion, Producer, ProducerKind, Product,
                                        ProductStatus, Province, Region, certified_stars_column)
from marketplace.catalog.services import find_category, find_former_province, find_province
from marketplace.core import pagecache
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.inputs import parse_int
from marketplace.core.text import fold
from marketplace.extensions import db

SORTS = {
    "relevance": _l("Phù hợp nhất"),  # the default when there are words to search
    "newest": _l("Mới nhất"),
    "price_asc": _l("Giá tăng dần"),
    "price_desc": _l("Giá giảm dần"),
    "stars": _l("Nhiều sao nhất"),
    "name": _l("Tên A–Z"),
}
MAX_QUERY_LENGTH = 200
MAX_PRICE = 10_000_000_000
MAX_PAGE = 10_000


@dataclass
class CatalogFilters:
    q: str = ""
    group: Category | None = None
    subcategory: Category | None = None
    province: Province | None = None
    former_province: FormerProvince | None = None
    region: Region | None = None
    macro_region: MacroRegion | None = None
    stars: int | None = None
    min_price: int | None = None
    max_price: int | None = None
    kind: ProducerKind | None = None
    sort: str = "newest"
    page: int = 1
    per_page: int = 24
    errors: dict = field(default_factory=dict)

    def to_args(self, **overrides):
        """Query-string arguments that reproduce these filters (for links)."""
        args = {
            "q": self.q or None,
            "group": self.group.slug if self.group else None,
            "subcategory": self.subcategory.slug if self.subcategory else None,
            "province": (self.province.slug if self.province
                         else self.former_province.slug if self.former_province else None),
            "region": (self.region.slug if self.region
                       else self.macro_region.slug if self.macro_region else None),
            "stars": self.stars,
            "min_price": self.min_price,
            "max_price": self.max_price,
            "kind": self.kind.value if self.kind else None,
            "sort": self.sort if self.sort != default_sort(self.q) else None,
            "page": self.page if self.page != 1 else None,
        }
        args.update(overrides)
        return {k: v for k, v in args.items() if v not in (None, "")}

    def without(self, name):
        """The same filters with one removed (for "remove this filter" links)."""
        cleared = {"province": {"province": None, "former_province": None},
                   "region": {"region": None, "macro_region": None}}.get(name, {name: None})
        return replace(self, page=1, **cleared)

    @property
    def narrows(self):
        """True when a filter other than the words is in use."""
        return any([self.group, self.subcategory, self.province, self.former_province, self.region,
                    self.macro_region, self.stars, self.min_price is not None, self.max_price is not None,
                    self.kind])

    @property
    def is_filtered(self):
        return bool(self.q) or self.narrows


def default_sort(q):
    """By relevance when searching words, newest first when browsing."""
    return "relevance" if q else "newest"


def _int_arg(args, name, errors, minimum, maximum, message):
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    value = parse_int(raw, minimum, maximum)
    if value is None:
        errors[name] = message
    return value


def parse_catalog_args(args, default_per_page=24, max_per_page=96):
    """Read catalogue filters from a MultiDict; bad values are dropped and reported in `errors`."""
    errors = {}
    filters = CatalogFilters(per_page=default_per_page, errors=errors)

    q = " ".join((args.get("q") or "").split())
    if len(q) > MAX_QUERY_LENGTH:
        errors["q"] = _l("Từ khóa quá dài (tối đa %(n)s ký tự).", n=MAX_QUERY_LENGTH)
        q = q[:MAX_QUERY_LENGTH]
    filters.q = q

    if args.get("group"):
        category = find_category(args["group"])
        if category is None or not category.is_group:
            errors["group"] = _l("Không có nhóm sản phẩm này.")
        else:
            filters.group = category
    if args.get("subcategory"):
        category = find_category(args["subcategory"])
        if category is None or category.is_group:
            errors["subcategory"] = _l("Không có phân nhóm này.")
        else:
            filters.subcategory = category
            if filters.group is not None and category.parent_id != filters.group.id:
                errors["group"] = _l("Phân nhóm không thuộc nhóm đã chọn; đã bỏ nhóm.")
                filters.group = None

    province_key = (args.get("province") or "").strip()
    if province_key:
        filters.province = find_province(province_key)
        if filters.province is None:
            filters.former_province = find_former_province(province_key)
        if filters.province is None and filters.former_province is None:
            errors["province"] = _l("Không có tỉnh, thành phố này.")

    region_key = (args.get("region") or "").strip().lower()
    if region_key:
        filters.region = db.session.execute(
            db.select(Region).where(or_(Region.slug == region_key, Region.code == region_key))).scalar_one_or_none()
        if filters.region is None:
            filters.macro_region = db.session.execute(db.select(MacroRegion).where(
                or_(MacroRegion.slug == region_key, MacroRegion.code == region_key))).scalar_one_or_none()
        if filters.region is None and filters.macro_region is None:
            errors["region"] = _l("Không có vùng này.")

    filters.stars = _int_arg(args, "stars", errors, 1, 5, _l("Số sao phải từ 1 đến 5."))
    filters.min_price = _int_arg(args, "min_price", errors, 0, MAX_PRICE, _l("Giá thấp nhất không hợp lệ."))
    filters.max_price = _int_arg(args, "max_price", errors, 0, MAX_PRICE, _l("Giá cao nhất không hợp lệ."))
    if filters.min_price is not None and filters.max_price is not None and filters.min_price > filters.max_price:
        errors["max_price"] = _l("Giá cao nhất phải lớn hơn giá thấp nhất; đã bỏ khoảng giá.")
        filters.min_price = filters.max_price = None

    kind = (args.get("kind") or "").strip()
    if kind:
        try:
            filters.kind = ProducerKind(kind)
        except ValueError:
            errors["kind"] = _l("Không có loại chủ thể này.")

    sort = (args.get("sort") or default_sort(q)).strip()
    if sort not in SORTS:
        errors["sort"] = _l("Cách sắp xếp không hợp lệ.")
        sort = default_sort(q)
    if sort == "relevance" and not q:
        sort = "newest"
    filters.sort = sort

    filters.page = _int_arg(args, "page", errors, 1, MAX_PAGE, _l("Số trang không hợp lệ.")) or 1
    per_page = _int_arg(args, "per_page", errors, 1, 10_000, _l("Số sản phẩm mỗi trang không hợp lệ."))
    filters.per_page = min(per_page or default_per_page, max_per_page)
    return filters


CATALOG_PARAMS = ("q", "group", "subcategory", "province", "region", "stars", "min_price", "max_price", "kind",
                  "sort", "page", "per_page")


def canonical_catalog_args(args, default_per_page=24):
    """The parameters `parse_catalog_args` reads, as the page cache keys them: stripped,
    words' spaces collapsed, empty values and defaults (page 1, the default sort and page
    size) dropped. Values are not checked: a bad one is kept, and its page says so."""
    found = {}
    for name in CATALOG_PARAMS:
        value = (args.get(name) or "").strip()
        if value:
            found[name] = " ".join(value.split()) if name == "q" else value
    if found.get("page") == "1":
        del found["page"]
    if found.get("sort") == default_sort(found.get("q", "")):
        del found["sort"]
    if found.get("per_page") == str(default_per_page):
        del found["per_page"]
    return found


def public_products_clause():
    """What a visitor may see: active listings of verified producers."""
    return (Product.status == ProductStatus.ACTIVE) & Producer.verified.is_(True)


def _filtered_select(filters, today, columns, skip=()):
    stars = certified_stars_column(today)
    query = (db.select(*columns)
             .select_from(Product)
             .join(Product.producer)
             .join(Producer.province)
             .where(public_products_clause()))
    if filters.q:
        for word in fold(filters.q).split():
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(Product.search_text.like(f"%{escaped}%", escape="\\"))
    if filters.subcategory is not None and "group" not in skip:
        query = query.where(Product.category_id == filters.subcategory.id)
    elif filters.group is not None and "group" not in skip:
        ids = [filters.group.id] + [c.id for c in filters.group.children]
        query = query.where(Product.category_id.in_(ids))
    if filters.province is not None:
        query = query.where(Producer.province_id == filters.province.id)
    elif filters.former_province is not None:
        query = query.where(Producer.former_province_id == filters.former_province.id)
    if "region" not in skip:
        if filters.region is not None:
            query = query.where(Province.region_id == filters.region.id)
        elif filters.macro_region is not None:
            query = query.where(Province.macro_region_id == filters.macro_region.id)
    if filters.stars is not None and "stars" not in skip:
        query = query.where(stars >= filters.stars)
    if filters.min_price is not None:
        query = query.where(Product.price >= filters.min_price)
    if filters.max_price is not None:
        query = query.where(Product.price <= filters.max_price)
    if filters.kind is not None:
        query = query.where(Producer.kind == filters.kind)
    return query, stars


def _listing_options(stars):
    return (contains_eager(Product.producer).contains_eager(Producer.province),
            selectinload(Product.photos), with_expression(Product.listed_stars, stars))


def browse_products(filters, today):
    """One page of public products matching `filters`, each with `listed_stars` loaded."""
    query, stars = _filtered_select(filters, today, [Product])
    order = {
        "relevance": [Product.created_at.desc(), Product.id.desc()],  # the engine ranks; the fallback cannot
        "newest": [Product.created_at.desc(), Product.id.desc()],
        "price_asc": [Product.price.asc(), Product.id.asc()],
        "price_desc": [Product.price.desc(), Product.id.desc()],
        "stars": [func.coalesce(stars, 0).desc(), Product.created_at.desc(), Product.id.desc()],
        "name": [Product.name.asc(), Product.id.asc()],
    }[filters.sort]
    query = query.options(*_listing_options(stars)).order_by(*order)
    return db.paginate(query, page=filters.page, per_page=filters.per_page, error_out=False, count=True)


def facet_counts(filters, today):
    """How many products each group, region and star level would show with the other filters kept."""
    group_col = func.coalesce(Category.parent_id, Category.id)
    query, _ = _filtered_select(filters, today, [group_col, func.count(Product.id)], skip=("group",))
    groups = dict(db.session.execute(query.join(Product.category).group_by(group_col)).all())

    query, _ = _filtered_select(filters, today, [Province.region_id, func.count(Product.id)], skip=("region",))
    regions = dict(db.session.execute(query.group_by(Province.region_id)).all())

    stars_col = certified_stars_column(today)
    query, _ = _filtered_select(filters, today, [stars_col.label("s"), func.count(Product.id)], skip=("stars",))
    by_stars = dict(db.session.execute(query.group_by("s")).all())
    stars = {n: sum(count for s, count in by_stars.items() if s is not None and s >= n) for n in (3, 4, 5)}
    return {"groups": groups, "regions": regions, "stars": stars}


def producer_products(producer, today, page=1, per_page=24):
    """One page of a producer's public products, the certified first."""
    query, stars = _filtered_select(CatalogFilters(), today, [Product])
    query = (query.where(Product.producer_id == producer.id)
             .options(*_listing_options(stars))
             .order_by(func.coalesce(stars, 0).desc(), Product.name.asc()))
    with pagecache.declared(pagecache.set_tag("products", "producer_id", producer.id)):
        return db.paginate(query, page=page, per_page=per_page, error_out=False)
