"""Goods or service: the one rule that says how a product is sold.

OCOP group 6 (community tourism, eco-tourism and tourist sites: a homestay night, a
boat ticket, a craft-village workshop; see shared/data/ocop.json) is not shipped.
Such a product is booked for a date (or a range of nights) and a number of people,
with no address and no shipping fee, and the producer confirms the booking.

For a service, the product's `stock` column means its capacity per date (people or
units, `ServiceTerms.counts`): it is never decremented; the places taken on each
date are counted in `ServiceDay`. Everything else (price, photos, certificates,
search) is the same as for goods, so the catalogue needs no second kind of product.

Every place that must tell goods from services asks `kind_of` / `is_service`.
"""
import enum

from marketplace.extensions import db
from marketplace.orders.models import ServiceCount, ServiceTerms

SERVICE_GROUP_CODES = frozenset({6})  # ocop.json group 6: "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"
NIGHTS_SUBCATEGORIES = frozenset({"du-lich-cong-dong-homestay"})  # stays are booked by night unless the producer says not
MAX_NIGHTS = 14
BOOKING_HORIZON_DAYS = 365  # how far ahead a date may be booked


class Kind(str, enum.Enum):
    GOODS = "goods"
    SERVICE = "service"


def kind_of(product):
    """GOODS or SERVICE, from the product's OCOP group."""
    group = product.category.group if product.category is not None else None
    return Kind.SERVICE if group is not None and group.ocop_code in SERVICE_GROUP_CODES else Kind.GOODS


def is_service(product):
    return kind_of(product) == Kind.SERVICE


def terms_for(product):
    """How `product` is booked: its ServiceTerms, or the defaults of its subcategory (not stored).

    Defaults: the capacity counts people; a homestay is booked by night, other services for a date."""
    terms = db.session.get(ServiceTerms, product.id) if product.id is not None else None
    if terms is not None:
        return terms
    return ServiceTerms(product_id=product.id, counts=ServiceCount.PEOPLE,
                        by_night=product.category is not None and product.category.slug in NIGHTS_SUBCATEGORIES)
