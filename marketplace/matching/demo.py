"""Demo buyers, demands, offers and a B2B matchmaking session: `load_demo_matching(today)`.

Idempotent (buyer organisations and the event are found by slug; a second load adds
nothing) and offline. Offers are made from the public demo listings (linked to them,
so their stars follow the listings' certificates) for the producers of the demo
catalogue; demands ask for the same kinds of product in Hà Nội, TP. Hồ Chí Minh and
Đà Nẵng. The demo accounts get random passwords, like the demo organizer's.
"""
from datetime import datetime, time, timedelta

from marketplace.accounts.demo import demo_account
from marketplace.catalog.models import Producer, Product
from marketplace.catalog.queries import public_products_clause
from marketplace.catalog.rating import badge_for
from marketplace.catalog.services import find_province
from marketplace.core.timeutil import VN_TZ
from marketplace.events import booths, lifecycle
from marketplace.events.models import ApplicationStatus, BoothApplication, BoothApplicationProduct, Event, EventStatus
from marketplace.events.times import to_utc
from marketplace.extensions import db
from marketplace.matching import meetings
from marketplace.matching.models import (BuyerKind, BuyerMember, BuyerOrganisation, Demand, Offer, PostStatus)
from marketplace.matching.services import posts
from marketplace.matching.terms import Period, Recurrence, certificate_mask

BUYERS = [
    # slug, name, kind, province code, address, phone, email, owner e-mail
    ("demo-sieu-thi-nong-san-sach-thu-do", "Siêu thị Nông sản Sạch Thủ Đô (demo)", BuyerKind.SUPERMARKET, "HN",
     "25 Láng Hạ, phường Đống Đa", "0243 000 0101", "thumua@sieuthithudo.example.vn", "thu-mua-ha-noi@demo.ocop.vn"),
    ("demo-phan-phoi-dac-san-phuong-nam", "Công ty Phân phối Đặc sản Phương Nam (demo)", BuyerKind.DISTRIBUTOR,
     "HCM", "88 Nguyễn Thị Minh Khai, phường Bàn Cờ", "0283 000 0202", "nguonhang@phuongnam.example.vn",
     "thu-mua-tp-hcm@demo.ocop.vn"),
    ("demo-xuat-khau-nong-san-mien-trung", "Công ty Xuất khẩu Nông sản Miền Trung (demo)", BuyerKind.EXPORTER,
     "DNG", "Lô 5 KCN Hòa Khánh, phường Liên Chiểu", "0236 000 0303", "export@mientrung.example.vn",
     "thu-mua-da-nang@demo.ocop.vn"),
]
EVENT_SLUG = "demo-phien-ket-noi-cung-cau-ocop"
PACKS = {"hộp": "hop", "chai": "chai", "túi": "tui", "gói": "goi", "thùng": "thung", "chiếc": "chiec", "bộ": "bo",
         "lọ": "chai", "hũ": "hop", "can": "chai", "bánh": "chiec", "bức": "chiec"}
MAX_OFFERS = 18


def _unit_of(product):
    first = (product.unit or "").split(" ")[0].lower()
    return PACKS.get(first, "hop")


def _short_name(name):
    """The kind of product a buyer would type: the listing's name without its place and pack."""
    words = name.split()
    return " ".join(words[:3]) if len(words) > 3 else name


def _account(email, name):
    return demo_account(email, name)


def _listings(today):
    products = db.session.execute(db.select(Product).join(Product.producer).where(public_products_clause())
                                  .order_by(Producer.is_demo.desc(), Product.id).limit(400)).scalars().all()
    picked, producers = [], set()
    for product in products:
        badge = badge_for(product, today)
        if badge.stars and product.producer_id not in producers:
            picked.append(product)
            producers.add(product.producer_id)
        if len(picked) >= MAX_OFFERS:
            break
    return picked


def _offer_for(product, today, index):
    if db.session.execute(db.select(Offer.id).where(Offer.product_id == product.id, Offer.is_demo.is_(True))
                          ).first() is not None:
        return None
    price = max(int(product.price * 0.8) // 1000 * 1000, 1000)
    offer = Offer(producer_id=product.producer_id, product_id=product.id, title=f"{product.name} (giá sỉ)",
                  description="Tin chào bán minh họa: giá sỉ, giao theo đơn hằng tháng.",
                  category_id=product.category_id, quantity=[300, 500, 1000, 2000][index % 4], unit=_unit_of(product),
                  period=Period.MONTH, min_order=[20, 50, 100][index % 3], price_min=price,
                  price_max=price + price // 10 if index % 2 else None,
                  delivers_nationwide=index % 3 == 0,
                  delivery_province_ids=[product.producer.province_id], status=PostStatus.OPEN,
                  certificates=certificate_mask(["vietgap"] if index % 4 == 1 else []),
                  expires_on=today + timedelta(days=90), is_demo=True)
    db.session.add(offer)
    db.session.flush()
    posts.post_changed(offer)
    return offer


def _demands_for(buyer, user, products, today, start):
    added = 0
    for n, product in enumerate(products):
        index = start + n
        demand = Demand(buyer_id=buyer.id, created_by_id=user.id, title=_short_name(product.name),
                        description="Nhu cầu minh họa.", category_id=product.category_id,
                        quantity=[200, 500, 800][index % 3], unit=_unit_of(product),
                        recurrence=[Recurrence.MONTHLY, Recurrence.ONE_OFF][index % 2],
                        target_price=max(int(product.price * 0.85) // 1000 * 1000, 1000),
                        delivery_province_id=buyer.province_id, wanted_by=today + timedelta(days=45),
                        min_stars=[None, 3, 4][index % 3], certificates=0, expires_on=today + timedelta(days=45),
                        status=PostStatus.OPEN, is_demo=True)
        db.session.add(demand)
        db.session.flush()
        posts.post_changed(demand)
        added += 1
    return added


def _event(today, offers, organizer):
    existing = db.session.execute(db.select(Event).where(Event.slug == EVENT_SLUG)).scalar_one_or_none()
    if existing is not None:
        return existing, False
    starts = to_utc(datetime.combine(today + timedelta(days=12), time(8, 0), tzinfo=VN_TZ))
    event = lifecycle.create_event(
        organizer=organizer, kind="b2b_session", title="Phiên kết nối cung cầu sản phẩm OCOP (demo)",
        province=find_province("HN"), starts_at=starts, ends_at=starts + timedelta(hours=9), booth_count=20,
        venue="Trung tâm Triển lãm Giảng Võ", address="148 Giảng Võ, phường Giảng Võ", slug=EVENT_SLUG,
        is_demo=True, commit=False,
        description="**Phiên kết nối cung cầu** giữa doanh nghiệp thu mua và chủ thể OCOP: mỗi cuộc gặp 20 phút, "
                    "xếp lịch theo mức độ phù hợp. Đây là sự kiện minh họa, không có thật.")
    event.status, event.published_at = EventStatus.PUBLISHED, starts - timedelta(days=20)
    db.session.flush()
    seen = set()
    for offer in offers:
        if offer.producer_id in seen or offer.product is None:
            continue
        seen.add(offer.producer_id)
        application = BoothApplication(event=event, producer_id=offer.producer_id,
                                       status=ApplicationStatus.SUBMITTED, note="Dữ liệu minh họa",
                                       created_at=event.published_at)
        application.items.append(BoothApplicationProduct(product_id=offer.product_id, position=0))
        db.session.add(application)
        db.session.flush()
        booths.transition_application(application, ApplicationStatus.ACCEPTED, now=event.published_at,
                                      commit=False)
        if len(seen) >= 8:
            break
    return event, True


def load_demo_matching(today):
    """Create what is missing of the demo matching data; returns what was added."""
    from marketplace.events.demo import _organizer
    added = {"buyers": 0, "demands": 0, "offers": 0, "meeting requests": 0}
    products = _listings(today)
    offers = []
    for index, product in enumerate(products):
        offer = _offer_for(product, today, index)
        if offer is not None:
            offers.append(offer)
            added["offers"] += 1
    buyers = []
    for position, (slug, name, kind, province, address, phone, email, owner) in enumerate(BUYERS):
        buyer = db.session.execute(db.select(BuyerOrganisation).where(BuyerOrganisation.slug == slug)
                                   ).scalar_one_or_none()
        user = _account(owner, f"Phòng thu mua, {name}")
        if buyer is None:
            buyer = BuyerOrganisation(slug=slug, name=name, kind=kind, province=find_province(province),
                                      address=address, phone=phone, email=email, is_demo=True,
                                      description="Doanh nghiệp minh họa, không có thật.")
            db.session.add(buyer)
            db.session.add(BuyerMember(buyer=buyer, user_id=user.id, is_owner=True))
            db.session.flush()
            added["buyers"] += 1
            added["demands"] += _demands_for(buyer, user, products[position::len(BUYERS)][:4], today, position)
        buyers.append((buyer, user))
    organizer = _organizer()
    all_offers = db.session.execute(db.select(Offer).where(Offer.is_demo.is_(True)).order_by(Offer.id)
                                    ).scalars().all()
    event, created = _event(today, all_offers, organizer)
    db.session.commit()
    if created:
        from marketplace.matching.tables import get_tables
        get_tables().refresh(today)
        exhibitors = sorted(meetings.exhibitor_ids(event))
        for n, (buyer, user) in enumerate(buyers):
            meetings.join_meetings(user, event, buyer=buyer)
            for producer_id in exhibitors[n::2][:3]:
                producer = db.session.get(Producer, producer_id)
                meetings.request_meeting(user, event, side="buyer", buyer=buyer, producer=producer, today=today,
                                         now=event.published_at)
                added["meeting requests"] += 1
        meetings.schedule(organizer, event, now=event.published_at, notify=False)
    from marketplace.matching.strong import recompute_all
    recompute_all(today, announce_new=False)
    return added


def demo_counts():
    return {"buyers": db.session.execute(db.select(db.func.count(BuyerOrganisation.id))
                                         .where(BuyerOrganisation.is_demo.is_(True))).scalar_one(),
            "demands": db.session.execute(db.select(db.func.count(Demand.id)).where(Demand.is_demo.is_(True))
                                          ).scalar_one(),
            "offers": db.session.execute(db.select(db.func.count(Offer.id)).where(Offer.is_demo.is_(True))
                                         ).scalar_one()}
