"""The order's row lock, which every change to an order, its parcels, bookings or payment
takes first (checkout aside: a new order is nobody else's yet), so two moves of one order
run one after the other and the second sees the first.
"""
from sqlalchemy import update

from marketplace.extensions import db
from marketplace.orders.models import Order


def lock_order(order_id):
    """Take the order's row lock for the rest of the transaction and return the fresh row
    (PostgreSQL: SELECT ... FOR UPDATE; SQLite: write first, which takes the database's write lock).

    Everything the session had loaded is expired first (pending changes are flushed), so the
    order's shipments and items are read again under the lock, as they are now."""
    db.session.flush()
    db.session.expire_all()
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(update(Order).where(Order.id == order_id).values(payment_status=Order.payment_status)
                           .execution_options(synchronize_session=False))
    return db.session.execute(db.select(Order).where(Order.id == order_id).with_for_update()
                              .execution_options(populate_existing=True)).scalar_one()
