"""Demo events and showrooms for the demo catalogue: `load_demo_events(today)`.

Idempotent (records are found by slug and left alone when present) and offline.
It uses whatever public demo products exist: their producers exhibit at the demo
fair and the demo showrooms stock their products; with no catalogue loaded the
events and showrooms are simply empty. The demo organizer account has a random
password: manage the demo events as an admin (`flask users create-admin`), who
may act on every event.
"""
from datetime import datetime, time, timedelta

from marketplace.accounts.demo import demo_account
from marketplace.accounts.models import Role
from marketplace.catalog.models import Producer, Product
from marketplace.catalog.queries import public_products_clause
from marketplace.catalog.services import find_province
from marketplace.core.timeutil import VN_TZ
from marketplace.events import booths, lifecycle, showrooms
from marketplace.events.models import (ApplicationStatus, BoothApplication, BoothApplicationProduct, Event,
                                       EventStatus, Showroom, ShowroomProduct)
from marketplace.events.times import to_utc
from marketplace.extensions import db

ORGANIZER_EMAIL = "to-chuc@demo.ocop.vn"

EVENTS = [
    # slug, kind, title, province code, days from today, local start hour, days long, booths, capacity, venue, address
    ("demo-hoi-cho-ocop-ha-noi", "fair", "Hội chợ OCOP Hà Nội (demo)", "HN", 20, 8, 4, 60, 2000,
     "Cung Văn hóa Hữu nghị Việt Xô", "91 Trần Hưng Đạo, phường Cửa Nam"),
    ("demo-tuan-hang-ocop-da-nang", "ocop_week", "Tuần hàng OCOP miền Trung tại Đà Nẵng (demo)", "DNG", 45, 9, 7, 40,
     None, "Công viên APEC", "Đường 2 Tháng 9, phường Hải Châu"),
    ("demo-ket-noi-giao-thuong-tp-hcm", "b2b_session", "Phiên kết nối giao thương nông sản OCOP (demo)", "HCM", 30,
     14, 1, 0, 150, "Trung tâm Hội chợ và Triển lãm Sài Gòn (SECC)", "799 Nguyễn Văn Linh, phường Tân Mỹ"),
    ("demo-trien-lam-ocop-can-tho", "exhibition", "Triển lãm sản phẩm OCOP Đồng bằng sông Cửu Long (demo)", "CTO",
     -60, 8, 3, 30, None, "Trung tâm Hội chợ Triển lãm Cần Thơ", "Đường Trần Hưng Đạo, phường Ninh Kiều"),
]

SHOWROOMS = [
    ("demo-diem-ocop-ha-noi", "Điểm giới thiệu và bán sản phẩm OCOP Hà Nội (demo)", "HN",
     "2 Hàng Khay, phường Hoàn Kiếm", "8:00–21:00 hằng ngày", "0243 000 0001"),
    ("demo-diem-ocop-tp-hcm", "Điểm giới thiệu sản phẩm OCOP TP. Hồ Chí Minh (demo)", "HCM",
     "92 Lê Thánh Tôn, phường Bến Thành", "8:00–22:00 hằng ngày", "0283 000 0002"),
    ("demo-diem-ocop-da-nang", "Điểm giới thiệu sản phẩm OCOP Đà Nẵng (demo)", "DNG",
     "Chợ Hàn, phường Hải Châu", "7:00–19:00 hằng ngày", "0236 000 0003"),
]


def _organizer():
    return demo_account(ORGANIZER_EMAIL, "Trung tâm Xúc tiến Thương mại (demo)", Role.ORGANIZER)


def _public_products(limit):
    return db.session.execute(db.select(Product).join(Product.producer).where(public_products_clause())
                              .order_by(Producer.is_demo.desc(), Product.id).limit(limit)).scalars().all()


def _add_exhibitors(event, products, now):
    """Up to 8 producers with up to 2 products each, accepted through the state machine."""
    by_producer = {}
    for product in products:
        by_producer.setdefault(product.producer, []).append(product)
    for producer, items in list(by_producer.items())[:min(8, event.booth_count)]:
        application = BoothApplication(event=event, producer=producer, status=ApplicationStatus.SUBMITTED,
                                       note="Dữ liệu minh họa", created_at=now)
        for position, product in enumerate(items[:2]):
            application.items.append(BoothApplicationProduct(product=product, position=position))
        db.session.add(application)
        db.session.flush()
        booths.transition_application(application, ApplicationStatus.ACCEPTED, now=now, commit=False)


def load_demo_events(today):
    """Create the demo events and showrooms that are missing; return what was added."""
    organizer = _organizer()
    now = to_utc(datetime.combine(today, time(9, 0), tzinfo=VN_TZ))
    products = _public_products(60)
    added = {"events": 0, "showrooms": 0, "exhibitors": 0, "showroom products": 0}
    for (slug, kind, title, province, offset, hour, days, booth_count, capacity, venue, address) in EVENTS:
        if db.session.execute(db.select(Event.id).where(Event.slug == slug)).first() is not None:
            continue
        starts_at = to_utc(datetime.combine(today + timedelta(days=offset), time(hour, 0), tzinfo=VN_TZ))
        event = lifecycle.create_event(
            organizer=organizer, kind=kind, title=title, province=find_province(province), starts_at=starts_at,
            ends_at=starts_at + timedelta(days=days - 1, hours=12 if days > 1 else 4), venue=venue, address=address,
            booth_count=booth_count, visitor_capacity=capacity, slug=slug, is_demo=True, commit=False,
            application_deadline=starts_at - timedelta(days=7) if booth_count and offset > 7 else None,
            description=f"**{title}** giới thiệu sản phẩm OCOP 3–5 sao của các chủ thể trong vùng. "
                        "Đây là sự kiện minh họa, không có thật.")
        event.status, event.published_at = EventStatus.PUBLISHED, now  # demo: published without notifications
        db.session.flush()
        if booth_count and products:
            before = len(event.applications)
            _add_exhibitors(event, products[: 16], now)
            added["exhibitors"] += len(event.applications) - before
        added["events"] += 1
    for slug, name, province, address, hours, phone in SHOWROOMS:
        showroom = db.session.execute(db.select(Showroom).where(Showroom.slug == slug)).scalar_one_or_none()
        if showroom is None:
            showroom = showrooms.create_showroom(organizer=organizer, name=name, address=address,
                                                 province=find_province(province), opening_hours=hours, phone=phone,
                                                 description="Điểm trưng bày minh họa, không có thật.",
                                                 slug=slug,
                                                 is_demo=True, commit=False)
            added["showrooms"] += 1
            for product in products[SHOWROOMS.index((slug, name, province, address, hours, phone)) * 6:][:10]:
                if db.session.get(ShowroomProduct, (showroom.id, product.id)) is None:
                    db.session.add(ShowroomProduct(showroom=showroom, product=product))
                    added["showroom products"] += 1
    db.session.commit()
    return added



