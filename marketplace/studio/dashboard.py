"""The studio dashboard: one function per panel, each reading one producer's data only.

`dashboard()` lists the panels in the order the page shows them; a panel whose
function returns None is left out. The order panels read this producer's
shipments only (orders waiting for action, sales by month, best sellers); sales
count delivered parcels, by the month of delivery in Vietnam's calendar. Each
panel has a template `templates/studio/panels/_<key>.html`.
"""
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy.orm import selectinload

from marketplace.catalog.models import (Certification, CertificationStatus, ProducerStatus, Product,
                                        ProductStatus)
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.timeutil import VN_TZ
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderItem, Shipment, ShipmentStatus

PANEL_ROWS = 20  # each panel lists the most pressing rows; the full lists are a click away


@dataclass
class Panel:
    key: str  # also names the template: studio/panels/_<key>.html
    title: Any
    data: Any

    @property
    def template(self):
        return f"studio/panels/_{self.key}.html"


def verification_panel(producer):
    """What still waits for an officer, and what was sent back with a reason."""
    certifications = db.session.execute(
        db.select(Certification).join(Certification.product)
        .where(Product.producer_id == producer.id,
               Certification.status.in_([CertificationStatus.PENDING, CertificationStatus.REJECTED]))
        .options(selectinload(Certification.product)).order_by(Certification.created_at.desc()).limit(PANEL_ROWS)
    ).scalars().all()
    if producer.verification_status == ProducerStatus.VERIFIED and not certifications:
        return None
    return {"producer": producer, "certifications": certifications}


def orders_waiting_panel(producer):
    """This producer's parcels waiting for confirmation or shipping, the oldest first."""
    shipments = db.session.execute(
        db.select(Shipment).where(Shipment.producer_id == producer.id,
                                  Shipment.status.in_([ShipmentStatus.PLACED, ShipmentStatus.CONFIRMED]))
        .options(selectinload(Shipment.order), selectinload(Shipment.items))
        .order_by(Shipment.id).limit(PANEL_ROWS)).scalars().all()
    return {"shipments": shipments} if shipments else None


def low_stock_panel(producer, threshold):
    """Listings on sale or in draft with `threshold` items or fewer, the emptiest first."""
    products = db.session.execute(
        db.select(Product).where(Product.producer_id == producer.id, Product.status != ProductStatus.ARCHIVED,
                                 Product.stock <= threshold)
        .order_by(Product.stock, Product.name).limit(PANEL_ROWS)).scalars().all()
    return {"products": products, "threshold": threshold} if products else None


def expiring_certificates_panel(producer, today, days=60):
    """Verified certificates that expire within `days` days (or already have)."""
    certifications = db.session.execute(
        db.select(Certification).join(Certification.product)
        .where(Product.producer_id == producer.id, Certification.status == CertificationStatus.VERIFIED,
               Certification.expires_on <= today + timedelta(days=days))
        .options(selectinload(Certification.product)).order_by(Certification.expires_on).limit(PANEL_ROWS)
    ).scalars().all()
    if not certifications:
        return None
    return {"certifications": [(c, (c.expires_on - today).days) for c in certifications]}


def drafts_panel(producer):
    """Listings not yet published."""
    products = db.session.execute(
        db.select(Product).where(Product.producer_id == producer.id, Product.status == ProductStatus.DRAFT)
        .options(selectinload(Product.photos)).order_by(Product.updated_at.desc()).limit(PANEL_ROWS)
    ).scalars().all()
    return {"products": products} if products else None


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


def stock_panel(producer, limit=12):
    """Stock of the listings on sale, as a bar chart (the lowest first)."""
    rows = db.session.execute(
        db.select(Product.name, Product.stock).where(Product.producer_id == producer.id,
                                                     Product.status == ProductStatus.ACTIVE)
        .order_by(Product.stock, Product.name).limit(limit)).all()
    return {"bars": [(name, stock) for name, stock in rows]} if rows else None


def counts(producer):
    """Listings per status, for the headline numbers."""
    rows = db.session.execute(
        db.select(Product.status, db.func.count(Product.id)).where(Product.producer_id == producer.id)
        .group_by(Product.status)).all()
    found = {status: n for status, n in rows}
    return {status.value: found.get(status, 0) for status in ProductStatus}


def dashboard(producer, today, *, low_stock_threshold=5, reminder_days=60):
    """The panels to show, in order; panels with nothing to say are left out."""
    panels = [
        Panel("verification", _l("Đang chờ xác minh"), verification_panel(producer)),
        Panel("orders_waiting", _l("Đơn hàng cần xử lý"), orders_waiting_panel(producer)),
        Panel("low_stock", _l("Sắp hết hàng"), low_stock_panel(producer, low_stock_threshold)),
        Panel("expiring", _l("Chứng nhận sắp hết hạn"), expiring_certificates_panel(producer, today, reminder_days)),
        Panel("drafts", _l("Sản phẩm nháp"), drafts_panel(producer)),
        Panel("sales_by_month", _l("Doanh số theo tháng"), sales_by_month_panel(producer, today)),
        Panel("best_sellers", _l("Bán chạy nhất"), best_sellers_panel(producer, today)),
        Panel("stock", _l("Tồn kho sản phẩm đang bán"), stock_panel(producer)),
    ]
    return [panel for panel in panels if panel.data is not None]
