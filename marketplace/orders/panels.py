"""The studio dashboard's order panels: orders waiting for action, sales by month, best
sellers, each reading one producer's shipments only. Sales count delivered parcels, by
the month of delivery in Vietnam's calendar.

Orders sit above studio, so studio does not import these: `register()` adds them to the
dashboard (studio.dashboard.register_panel) when the orders blueprint is set up.
"""
from datetime import datetime, time, timedelta, timezone

from sqlalchemy.orm import selectinload

from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.timeutil import VN_TZ
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderItem, Shipment, ShipmentStatus
from marketplace.studio.dashboard import PANEL_ROWS, register_panel


def orders_waiting_panel(producer):
    """This producer's parcels waiting for confirmation or shipping, the oldest first."""
    shipments = db.session.execute(
        db.select(Shipment).where(Shipment.producer_id == producer.id,
                                  Shipment.status.in_([ShipmentStatus.PLACED, ShipmentStatus.CONFIRMED]))
        .options(selectinload(Shipment.order), selectinload(Shipment.items))
        .order_by(Shipment.id).limit(PANEL_ROWS)).scalars().all()
    return {"shipments": shipments} if shipments else None


def _vn_midnight_utc(day):
    return datetime.combine(day, time.min, tzinfo=VN_TZ).astimezone(timezone.utc).replace(tzinfo=None)


def sales_by_month_panel(producer, today, months=12):
    """Goods delivered per month (đồng, shipping excluded) for the last `months` months, this one included,
    for core.charts.column_chart."""
    first = today.replace(day=1)
    for _ in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    rows = db.session.execute(
        db.select(Shipment.delivered_at, Shipment.subtotal)
        .where(Shipment.producer_id == producer.id, Shipment.status == ShipmentStatus.DELIVERED,
               Shipment.delivered_at >= _vn_midnight_utc(first))).all()
    if not rows:
        return None
    totals = {}
    for delivered_at, subtotal in rows:
        local = delivered_at.replace(tzinfo=timezone.utc).astimezone(VN_TZ)
        totals[(local.year, local.month)] = totals.get((local.year, local.month), 0) + subtotal
    points, month = [], first
    for _ in range(months):
        # month/year with the year in full: "11/2026" cannot be read as a day in any language
        points.append((f"{month.month:02d}/{month.year}", totals.get((month.year, month.month), 0)))
        month = (month + timedelta(days=32)).replace(day=1)
    return {"points": points, "total": sum(totals.values())}


def best_sellers_panel(producer, today, limit=5, days=90):
    """The listings sold most (units in parcels not cancelled) in the last `days` days."""
    since = _vn_midnight_utc(today - timedelta(days=days))
    rows = db.session.execute(
        db.select(OrderItem.product_name, db.func.sum(OrderItem.quantity).label("units"))
        .join(Shipment, Shipment.id == OrderItem.shipment_id).join(Order, Order.id == OrderItem.order_id)
        .where(Shipment.producer_id == producer.id, Shipment.status != ShipmentStatus.CANCELLED,
               Order.placed_at >= since)
        .group_by(OrderItem.product_id, OrderItem.product_name)
        .order_by(db.desc("units"), OrderItem.product_name).limit(limit)).all()
    return {"bars": [(name, int(units)) for name, units in rows]} if rows else None


def register():
    register_panel("orders_waiting", 20, _l("Đơn hàng cần xử lý"), lambda producer, today: orders_waiting_panel(producer))
    register_panel("sales_by_month", 60, _l("Doanh số theo tháng"), sales_by_month_panel)
    register_panel("best_sellers", 70, _l("Bán chạy nhất"), best_sellers_panel)
