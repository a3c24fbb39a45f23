"""Nearby searches, offered when a filtered listing finds nothing: the same search without one
filter, or with fewer words, each with how many products it would find (the most first)."""
import logging
from dataclasses import dataclass, replace

from marketplace.catalog.queries import browse_products
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.search import get_engine
from marketplace.search.product_request import product_request

log = logging.getLogger(__name__)

MAX_ALTERNATIVES = 4


@dataclass
class Alternative:
    """A nearby search offered when nothing matched: what changes, and how many it finds."""

    label: str
    args: dict
    total: int


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
