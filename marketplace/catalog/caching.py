"""What catalogue changes move in the page cache, beyond what core.pagecache sees by itself.

Listings are slices of the public products: by subcategory (`products@category_id`),
OCOP group (`products@group_id`), province (`products@province_id`, the producer's),
producer (`products@producer_id`), or all of them (`products`). A change that can move a
product in or out of a slice, or within it (price, name, status, stars, producer,
category…), names every slice the product was in and is in now; a change of stock only
(`ignore_columns`) names none, and only the pages showing the product are forgotten.

- a product: its slices (old and new category, producer);
- a producer: the slices of all its products (name, place, kind and verification are
  in their listings), and `producers@is_demo` when the demo banner may change;
- a certificate: its product's slices (stars filters, sorting, badges).
"""
from sqlalchemy import func, select

from marketplace.catalog.models import Category, Certification, Producer, Product
from marketplace.core import pagecache

DIMENSIONS = ("category_id", "group_id", "province_id", "producer_id")


def product_slices(connection, product_ids=(), producer_ids=(), category_ids=()):
    """The set tags of the slices these products (and these categories and producers) are in."""
    product_ids, producer_ids, category_ids = set(product_ids), set(producer_ids), set(category_ids)
    if product_ids:
        for producer_id, category_id in connection.execute(
                select(Product.producer_id, Product.category_id).where(Product.id.in_(sorted(product_ids)))):
            producer_ids.add(producer_id)
            category_ids.add(category_id)
    tags = {"products"}
    if producer_ids:
        for producer_id, province_id in connection.execute(
                select(Producer.id, Producer.province_id).where(Producer.id.in_(sorted(producer_ids)))):
            tags.add(pagecache.set_tag("products", "producer_id", producer_id))
            tags.add(pagecache.set_tag("products", "province_id", province_id))
    if category_ids:
        for category_id, parent_id in connection.execute(
                select(Category.id, Category.parent_id).where(Category.id.in_(sorted(category_ids)))):
            tags.add(pagecache.set_tag("products", "category_id", category_id))
            tags.add(pagecache.set_tag("products", "group_id", parent_id or category_id))
    return tags


def _product_rule(connection, changes):
    moving = [c for c in changes if c.moves_lists]
    if not moving:
        return set()
    return product_slices(connection,
                          product_ids={c.key for c in moving if c.key is not None},
                          producer_ids=set().union(*(c.values("producer_id") for c in moving)),
                          category_ids=set().union(*(c.values("category_id") for c in moving)))


def _producer_rule(connection, changes):
    moving = [c for c in changes if c.moves_lists]
    if not moving:
        return set()
    ids = {c.key for c in moving if c.key is not None}
    tags = {"products"}
    for change in moving:
        tags.update(pagecache.set_tag("products", "province_id", value) for value in change.values("province_id"))
        if change.kind in ("new", "deleted", "bulk") or "is_demo" in (change.changed or ()):
            tags.add("producers@is_demo")
    if ids:
        tags.update(pagecache.set_tag("products", "producer_id", i) for i in ids)
        categories = connection.execute(select(func.distinct(Product.category_id))
                                        .where(Product.producer_id.in_(sorted(ids)))).scalars().all()
        tags |= product_slices(connection, producer_ids=ids, category_ids=categories)
    return tags


def _certification_rule(connection, changes):
    moving = [c for c in changes if c.moves_lists]
    if not moving:
        return set()
    product_ids = set().union(*(c.values("product_id") for c in moving))
    unknown = [c.key for c in moving if not c.values("product_id") and c.key is not None]
    if unknown:
        product_ids |= set(connection.execute(select(Certification.product_id)
                                              .where(Certification.id.in_(sorted(unknown)))).scalars())
    return product_slices(connection, product_ids=product_ids)


def register():
    pagecache.ignore_columns("products", "stock", "updated_at")
    pagecache.ignore_columns("certifications", "reminder_sent_at")
    pagecache.register_rule("products", _product_rule)
    pagecache.register_rule("producers", _producer_rule)
    pagecache.register_rule("certifications", _certification_rule)


def listing_tags(filters, facets):
    """What a listing of these filters depends on: the narrowest slice it is in, or every
    product when it counts facets (each facet's counts drop that facet's own filter)."""
    if facets:
        return {"products"}
    if filters.subcategory is not None:
        return {pagecache.set_tag("products", "category_id", filters.subcategory.id)}
    if filters.group is not None:
        return {pagecache.set_tag("products", "group_id", filters.group.id)}
    if filters.province is not None:
        return {pagecache.set_tag("products", "province_id", filters.province.id)}
    return {"products"}
