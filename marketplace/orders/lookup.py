"""Finding an order and who may see it: the buyer who placed it, or a guest holding its key.
"""
from sqlalchemy.orm import selectinload

from marketplace.core.inputs import same_secret
from marketplace.extensions import db
from marketplace.orders.models import Order


def find_order(reference):
    return db.session.execute(db.select(Order).where(Order.reference == (reference or "").strip().upper())
                              ).scalar_one_or_none()


def may_view_order(order, *, user=None, keys=()):
    """The buyer who placed it, or someone holding its key (a guest's link); nobody else."""
    if order is None:
        return False
    if user is not None and getattr(user, "is_authenticated", False) and order.user_id == user.id:
        return True
    return any(same_secret(key, order.access_token) for key in keys if key)


def orders_of(user, limit=100):
    return db.session.execute(
        db.select(Order).where(Order.user_id == user.id).order_by(Order.placed_at.desc(), Order.id.desc())
        .options(selectinload(Order.shipments)).limit(limit)).scalars().all()
