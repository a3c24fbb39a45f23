"""The studio dashboard: one function per panel, each reading one producer's data only.

`dashboard()` lists the panels in the order the page shows them; a panel whose
function returns None is left out. Each panel has a template
`templates/studio/panels/_<key>.html`. Domains above studio add their own panels with
`register_panel` at start-up (orders: orders waiting, sales by month, best sellers,
in orders/panels.py), so that studio never imports them.
"""
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import selectinload

from marketplace.catalog.models import (Certification, CertificationStatus, ProducerStatus, Product,
                                        ProductStatus)
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.extensions import db

PANEL_ROWS = 20  # each panel lists the most pressing rows; the full lists are a click away
_REGISTERED = {}  # key -> (place, title, compute(producer, today))


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


def register_panel(key, place, title, compute):
    """A panel of a domain above studio: `compute(producer, today)` returns its data or None;
    `place` orders it among the studio's own (10, 30, 40, 50, 80)."""
    _REGISTERED[key] = (place, title, compute)


def dashboard(producer, today, *, low_stock_threshold=5, reminder_days=60):
    """The panels to show, in order; panels with nothing to say are left out."""
    placed = [
        (10, Panel("verification", _l("Đang chờ xác minh"), verification_panel(producer))),
        (30, Panel("low_stock", _l("Sắp hết hàng"), low_stock_panel(producer, low_stock_threshold))),
        (40, Panel("expiring", _l("Chứng nhận sắp hết hạn"),
                   expiring_certificates_panel(producer, today, reminder_days))),
        (50, Panel("drafts", _l("Sản phẩm nháp"), drafts_panel(producer))),
        (80, Panel("stock", _l("Tồn kho sản phẩm đang bán"), stock_panel(producer))),
    ]
    placed += [(place, Panel(key, title, compute(producer, today)))
               for key, (place, title, compute) in _REGISTERED.items()]
    return [panel for _, panel in sorted(placed, key=lambda pair: pair[0]) if panel.data is not None]
