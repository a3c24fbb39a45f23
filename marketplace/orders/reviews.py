"""Verified-purchase reviews: only the buyer of a delivered item (or a completed stay)
reviews it, once per product and order; and what a product page shows of them.
"""
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from marketplace.core import submissions
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.orders.models import Booking, BookingStatus, OrderItem, Review, Shipment, ShipmentStatus


def reviewable_items(order, user):
    """Items of `order` that `user` may still review: bought by them, delivered, not yet reviewed."""
    if user is None or not getattr(user, "is_authenticated", False) or order.user_id != user.id:
        return []
    reviewed = {p for p, in db.session.execute(db.select(Review.product_id).where(Review.order_id == order.id))}
    seen, items = set(), []
    received = [item for shipment in order.shipments if shipment.status == ShipmentStatus.DELIVERED
                for item in shipment.items]
    received += [booking for booking in order.bookings if booking.status == BookingStatus.COMPLETED]
    for item in received:  # an OrderItem or a Booking: both name the product bought
        if item.product_id not in reviewed and item.product_id not in seen:
            seen.add(item.product_id)
            items.append(item)
    return items


def add_review(user, order, product_id, *, rating, body, now, submission=None):
    """A verified-purchase review: 1–5 and a text, for a delivered item of the user's own order,
    once per product per order (and once per submitted form: `submission`)."""
    if user is None or order is None or order.user_id != getattr(user, "id", None):
        raise PermissionDenied(_l("Chỉ người mua của đơn hàng mới đánh giá được."))
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError(_l("Hãy chọn từ 1 đến 5 sao."), field="rating")
    body = (body or "").strip()
    if len(body) < 5:
        raise ValidationError(_l("Hãy viết vài lời nhận xét (ít nhất 5 ký tự)."), field="body")
    if len(body) > 2000:
        raise ValidationError(_l("Nhận xét dài tối đa 2000 ký tự."), field="body")
    delivered = db.session.execute(
        db.select(OrderItem.id).join(Shipment, Shipment.id == OrderItem.shipment_id)
        .where(OrderItem.order_id == order.id, OrderItem.product_id == product_id,
               Shipment.status == ShipmentStatus.DELIVERED)).first()
    used = db.session.execute(db.select(Booking.id).where(
        Booking.order_id == order.id, Booking.product_id == product_id,
        Booking.status == BookingStatus.COMPLETED)).first()
    if delivered is None and used is None:
        raise ValidationError(_l("Chỉ đánh giá được sản phẩm đã giao cho bạn trong đơn hàng này."))
    try:
        with atomic():
            claim = submissions.claim(submission, "review")
            review = Review(product_id=product_id, order_id=order.id, user_id=user.id, rating=rating, body=body,
                            created_at=now)
            db.session.add(review)
            db.session.flush()
            claim.done(review.id)
    except IntegrityError:
        raise ValidationError(_l("Bạn đã đánh giá sản phẩm này cho đơn hàng này rồi.")) from None
    return review


@dataclass
class ReviewSummary:
    count: int
    average: float | None
    reviews: list


def product_reviews(product_id, limit=20):
    count, average = db.session.execute(
        db.select(func.count(Review.id), func.avg(Review.rating)).where(Review.product_id == product_id)).one()
    reviews = db.session.execute(
        db.select(Review).where(Review.product_id == product_id).options(selectinload(Review.user))
        .order_by(Review.created_at.desc(), Review.id.desc()).limit(limit)).scalars().all()
    return ReviewSummary(count=count, average=round(float(average), 1) if average is not None else None,
                         reviews=reviews)
