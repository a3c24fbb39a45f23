"""A small world for the hostile-input sweep: one record of each kind a route can name,
each owned by the user of the role that acts on it, built through the real services
so that it is the same on SQLite and PostgreSQL.

`build_world()` returns the users by role and the values that fill every route's path
(`World.path_value`). The world is built once per engine and run (`world_database`), and
each role's run works on a private copy of it (`world_copy`): its own database and files.
"""
import io
import itertools
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from flask import current_app
from PIL import Image
from sqlalchemy import create_engine
from sqlalchemy import text as sql

from marketplace import create_app
from marketplace.catalog.models import ProducerMember, Province, Region
from marketplace.catalog.services import find_category, find_province
from marketplace.core import outbox
from marketplace.core.timeutil import utcnow, vn_today
from marketplace.extensions import db

PASSWORD = "mat-khau-123"
PDF_BYTES = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
             b"trailer<</Root 1 0 R>>\n%%EOF\n")


def png_bytes(size=(320, 240)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 60, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class World:
    users: dict  # role -> user id (anonymous: None)
    ids: dict  # argument name -> id of the record of that kind
    slugs: dict  # endpoint -> slug to use for <slug>
    strings: dict = field(default_factory=dict)  # argument name -> value (reference, code, token, ...)

    def path_value(self, endpoint, name):
        """A value for `<name>` in the route of `endpoint` that names a record the world holds."""
        if name == "slug":
            return self.slugs.get(endpoint, self.slugs["default"])
        if name in self.ids:
            return self.ids[name]
        if (endpoint, name) in self.strings:
            return self.strings[(endpoint, name)]
        return self.strings.get(name, "x")


def _user(role, email, name):
    from marketplace.accounts.services import register_user
    return register_user(email=email, password=PASSWORD, full_name=name, role=role, self_service=False)


def _producer(name, province, verified=True, **extra):
    from marketplace.catalog.services import create_producer
    return create_producer(name=name, kind="cooperative", province=find_province(province),
                           address="Xã Thử nghiệm", verified=verified, **extra)


def _product(producer, name, price=100_000, stock=10, status="active"):
    from marketplace.catalog.services import create_product
    return create_product(producer=producer, category=find_category("mat-ong"), name=name, price=price,
                          unit="hũ 500 g", stock=stock, status=status)


def build_world():
    """Every kind of record, owned by the role that acts on it; returns a World."""
    from marketplace.catalog.services import add_certification
    from marketplace.events import booths, lifecycle, showrooms, visitors
    from marketplace.matching.services.buyers import create_buyer_organisation
    from marketplace.matching.services.connections import answer_connection, request_connection
    from marketplace.matching.services.posts import create_demand, create_offer
    from marketplace.orders import cart, checkout, fulfilment
    from marketplace.orders.models import PaymentMethod
    from marketplace.programme import services as programme
    from marketplace.programme.loader import load_plans
    from marketplace.studio import certificates, listings, membership

    from marketplace.cycle.services.requirements import ensure_defaults

    today, now = vn_today(), utcnow()
    ensure_defaults()  # the dossier checklist is seeded on first use; here before the sweep counts rows
    users = {
        "anonymous": None,
        "consumer": _user("consumer", "nguoimua@example.vn", "Trần Thị Mua"),
        "producer": _user("producer", "chuthe@example.vn", "Lê Văn Sản"),
        "organizer": _user("organizer", "btc@example.vn", "Ban tổ chức"),
        "officer": _user("officer", "canbo@example.vn", "Cán bộ"),
        "admin": _user("admin", "quantri@example.vn", "Quản trị"),
        "buyer": _user("consumer", "thumua@example.vn", "Người thu mua"),
    }
    owner = users["producer"]

    # The producer: verified, one product on sale with a photo and a current certificate,
    # a pending certificate with its scan, a team member and an open invitation.
    producer = _producer("HTX Mật ong Bạc Hà", "ha-noi", email="htx@example.vn")
    db.session.add(ProducerMember(producer=producer, user=owner, is_owner=True))
    helper = _user("producer", "phuta@example.vn", "Phụ tá")
    db.session.add(ProducerMember(producer=producer, user=helper, is_owner=False))
    db.session.commit()
    product = _product(producer, "Mật ong bạc hà", price=250_000, stock=50)
    add_certification(product=product, stars=4, points=80, number="12/QĐ-UBND", issuing_body="UBND Hà Nội",
                      level="provincial", decided_on=today - timedelta(days=100), expires_on=None, status="verified")
    listings.add_photo(owner, product, png_bytes(), "Ảnh hũ mật ong")
    draft = _product(producer, "Mật ong hoa nhãn", status="draft", stock=5)
    pending = certificates.submit_certification(owner, draft, scan=PDF_BYTES, today=today, stars=3, points=60,
                                                number="7/QĐ-UBND", issuing_body="UBND Hà Nội", level="provincial",
                                                decided_on=today - timedelta(days=30), expires_on=None)
    tokens = []
    invitation = membership.invite_member(owner, producer, "moi@example.vn",
                                          accept_url=lambda t: tokens.append(t) or f"http://x/{t}")
    _producer("HTX Chè Thái", "thai-nguyen", verified=False)  # waits for verification (admin queue)

    # The consumer: a cash-on-delivery order with two parcels' worth of goods, delivered (reviewable).
    rules = checkout.CheckoutRules.from_config(current_app.config, [PaymentMethod.COD,
                                                                    PaymentMethod.BANK_TRANSFER])
    contact = checkout.Contact(name="Trần Thị Mua", phone="0912345678", email="nguoimua@example.vn",
                               province=find_province("ha-noi"), ward="Phường Ba Đình",
                               street="12 Phố Hòe Nhai", note="")
    order = checkout.place_order(items={product.id: 2}, contact=contact, payment_method="cod", rules=rules, now=now,
                                 user=users["consumer"])
    delivered = checkout.place_order(items={product.id: 1}, contact=contact, payment_method="cod", rules=rules,
                                     now=now, user=users["consumer"])
    shipment = delivered.shipments[0]
    for action in ("confirm", "ship", "deliver"):
        fulfilment.producer_move(owner, shipment, action, now=now, carrier="VNPost", tracking_number="VN1")
    transfer = checkout.place_order(items={product.id: 1}, contact=contact, payment_method="bank_transfer",
                                    rules=rules, now=now, user=users["consumer"])
    cart.save_user_cart(users["consumer"].id, {product.id: 1}, now=now)

    # The organizer: a published fair with the producer's booth application and a visitor,
    # a B2B session, a showroom stocking the product.
    starts = (now + timedelta(days=20)).replace(microsecond=0, second=0, minute=0, hour=1)
    fair = lifecycle.create_event(organizer=users["organizer"], kind="fair", title="Hội chợ OCOP Hà Nội",
                                  province=find_province("ha-noi"), starts_at=starts,
                                  ends_at=starts + timedelta(days=2),
                                  venue="Cung Văn hóa", address="91 Trần Hưng Đạo", booth_count=10,
                                  visitor_capacity=100)
    lifecycle.transition_event(fair, "published")
    application = booths.apply_for_booth(event=fair, producer=producer, user=owner, product_ids=[product.id])
    registration = visitors.register_visitor(event=fair, name="Khách tham quan", email="khach@example.vn", phone=None,
                                             user=users["consumer"])
    b2b = lifecycle.create_event(organizer=users["organizer"], kind="b2b_session", title="Kết nối giao thương",
                                 province=find_province("ha-noi"), starts_at=starts,
                                 ends_at=starts + timedelta(hours=6),
                                 venue="Trung tâm Hội nghị", address="1 Lê Thánh Tông", booth_count=5)
    lifecycle.transition_event(b2b, "published")
    b2b_application = booths.apply_for_booth(event=b2b, producer=producer, user=owner, product_ids=[product.id])
    booths.decide_application(b2b_application, "accepted", actor=users["organizer"])
    showroom = showrooms.create_showroom(organizer=users["organizer"], name="Điểm OCOP Hoàn Kiếm",
                                         address="5 Hàng Bài", province=find_province("ha-noi"))
    showrooms.stock_product(showroom, product)

    # The business buyer: an organisation with a demand, connected to the producer's offer,
    # taking part in the B2B session with a meeting request.
    buyer_user = users["buyer"]
    buyer = create_buyer_organisation(buyer_user, name="Siêu thị Xanh", kind="supermarket",
                                      province=find_province("ha-noi"), phone="0987654321",
                                      email="lienhe@sieuthixanh.vn", address="12 Phố Huế")
    demand = create_demand(buyer_user, buyer, today=today, title="Mật ong bạc hà",
                           category=find_category("nong-san-tuoi"), quantity=200, unit="kg",
                           target_price=300_000, delivery_province=find_province("ha-noi"),
                           wanted_by=today + timedelta(days=30), expires_on=today + timedelta(days=30))
    offer = create_offer(owner, producer, today=today, title="Mật ong bạc hà loại 1",
                         category=find_category("nong-san-tuoi"), quantity=300, unit="kg",
                         price_min=250_000, expires_on=today + timedelta(days=60), delivers_nationwide=True,
                         product=product)
    connection = request_connection(buyer_user, side="buyer", buyer=buyer, producer=producer,
                                    demand=demand, offer=offer, message="Chào HTX")
    answer_connection(owner, connection, True)
    from marketplace.matching import meetings
    meetings.join_meetings(buyer_user, b2b, buyer=buyer, available_slots=[0, 1, 2])
    meeting = meetings.request_meeting(buyer_user, b2b, side="buyer", buyer=buyer, producer=producer,
                                       note="Gặp nhé", today=today)

    # Programme: the plans of the shared file, and one entered by the officer (editable).
    load_plans()
    plan = programme.create_plan(actor=users["officer"], now=now, data=programme.PlanInput(
        province=find_province("ha-noi"), start_year=today.year, end_year=today.year + 2, document="Kế hoạch 1/KH",
        targets=[programme.TargetInput(metric="new_products_4star", value=10, source="10 sản phẩm 4 sao")]))

    for _ in range(5):  # index updates, match recomputation, e-mail: nothing left behind
        if not outbox.drain().processed:
            break

    region = db.session.execute(db.select(Region).limit(1)).scalar_one()
    province = db.session.execute(db.select(Province).where(Province.slug == "ha-noi")).scalar_one()
    ids = {"product_id": product.id, "cert_id": pending.id, "producer_id": producer.id,
           "photo_id": product.photos[0].id, "shipment_id": order.shipments[0].id, "event_id": fair.id,
           "showroom_id": showroom.id, "application_id": application.id, "demand_id": demand.id,
           "offer_id": offer.id, "connection_id": connection.id, "request_id": meeting.id,
           "invitation_id": invitation.id, "user_id": helper.id}
    slugs = {"default": product.slug, "storefront.product": product.slug, "api.product": product.slug,
             "storefront.producer": producer.slug, "storefront.province": province.slug, "storefront.region": region.slug,
             "storefront.category": "nong-san-tuoi", "programme.province": province.slug,
             "programme.plan": plan.slug, "programme.edit_plan": plan.slug, "programme.delete_plan": plan.slug,
             "programme_api.plan": plan.slug, "events.showroom": showroom.slug,
             **{endpoint: fair.slug for endpoint in ("events.event", "events.event_calendar", "events.register",
                                                     "events.apply")},
             **{endpoint: b2b.slug for endpoint in ("matching.agenda", "matching.agenda_ics",
                                                     "matching.event_meetings", "matching.join_meetings",
                                                     "matching.request_meeting", "matching.schedule")}}
    strings = {"reference": order.reference, ("orders.transfer_received", "reference"): transfer.reference,
               ("orders.review", "reference"): delivered.reference,
               "code": registration.code, ("core.set_language", "code"): "en",
               "token": tokens[0], "action": "confirm", "filename": product.photos[0].path,
               "name": "products", "fmt": "csv"}
    user_ids = {role: user.id if user is not None else None for role, user in users.items()}
    return World(users=user_ids, ids=ids, slugs=slugs, strings=strings)


# --- one database per engine, a copy per run ----------------------------------------------------

def make_app(url, files, template_cache=None, request_class=None):
    """The app on database `url`, its media, private documents and mail under the folder `files`."""
    from tests.conftest import SHARED_DATA_DIR, FreshRequestClient
    files = Path(files)
    app = create_app("testing", overrides={
        "SQLALCHEMY_DATABASE_URI": url, "MEDIA_ROOT": str(files / "media"),
        "PRIVATE_MEDIA_ROOT": str(files / "private"), "MAIL_DIR": str(files / "mail"),
        "SHARED_DATA_DIR": SHARED_DATA_DIR, "RATELIMIT_ENABLED": False})
    app.test_client_class = FreshRequestClient
    if template_cache is not None:
        app.jinja_env.bytecode_cache = template_cache
    if request_class is not None:
        app.request_class = request_class
    return app


def pg_copy(cluster, name, template):
    """Drop database `name`; with a `template`, create it again as a copy of that; its URL."""
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        if template:
            conn.execute(sql(f"CREATE DATABASE {name} TEMPLATE {template}"))
    admin.dispose()
    return cluster.url(name)


_DATABASES = {}
_copies = itertools.count()


def world_database(engine, request, base, prepare=None, **app_options):
    """The engine's world, built once per run: (database URL, World, files folder).

    `prepare(app, world)` runs once on it afterwards (the sweep surveys the public pages)."""
    if engine not in _DATABASES:
        from marketplace.extensions import db
        if engine == "sqlite":
            shutil.copyfile(request.getfixturevalue("sqlite_template"), Path(base) / "world.sqlite3")
            url = f"sqlite:///{Path(base) / 'world.sqlite3'}"
        else:
            url = pg_copy(request.getfixturevalue("pg_cluster"), f"hostile_world_{os.getpid()}", "ocop_template")
        app = make_app(url, base, **app_options)
        with app.app_context():
            world = build_world()
            if prepare is not None:
                prepare(app, world)
            db.session.remove()
            db.engine.dispose()
        _DATABASES[engine] = (url, world, Path(base))
    return _DATABASES[engine]


@contextmanager
def world_copy(engine, request, folder, world_db, **app_options):
    """A private copy of `world_db` (from world_database): its database and files; yields (app, World)."""
    from marketplace.extensions import db
    url, world, files = world_db
    for part in ("media", "private"):
        if (files / part).exists():
            shutil.copytree(files / part, Path(folder) / part)
    if engine == "sqlite":
        shutil.copyfile(url.removeprefix("sqlite:///"), Path(folder) / "copy.sqlite3")
        copy_url = f"sqlite:///{Path(folder) / 'copy.sqlite3'}"
    else:
        name = f"hostile_{os.getpid()}_{next(_copies)}"
        copy_url = pg_copy(request.getfixturevalue("pg_cluster"), name, url.rsplit("/", 1)[1])
    app = make_app(copy_url, folder, **app_options)
    try:
        with app.app_context():
            yield app, world
            db.session.remove()
            db.engine.dispose()
    finally:
        if engine != "sqlite":
            pg_copy(request.getfixturevalue("pg_cluster"), name, None)
