"""Fixtures of the matching tests: a buyer organisation and a producer with their people,
a certified listing, and factories of demands and offers (dates relative to TODAY)."""
from datetime import timedelta

import pytest

from marketplace.catalog.models import ProducerMember
from marketplace.catalog.services import find_category, find_province
from marketplace.core import outbox
from marketplace.core.timeutil import vn_today
from marketplace.matching.services.buyers import create_buyer_organisation
from marketplace.matching.services.posts import create_demand, create_offer
from tests.conftest import sign_in  # noqa: F401  (used by the matching tests)

TODAY = vn_today()
BUYER_PHONE, BUYER_EMAIL, BUYER_ADDRESS = "0987654321", "thumua@sieuthixanh.vn", "12 Phố Huế, Hai Bà Trưng"
PRODUCER_PHONE, PRODUCER_EMAIL, PRODUCER_ADDRESS = "0912345678", "lienhe@htxbuoi.vn", "Ấp Phú Lợi, xã Mỏ Cày"


@pytest.fixture
def make_buyer(db, make_user):
    """(buyer organisation, its owner)."""
    def make(name="Siêu thị Xanh", province="ha-noi", phone=BUYER_PHONE, email=BUYER_EMAIL, address=BUYER_ADDRESS,
             user=None):
        user = user or make_user(full_name=f"Người mua {name}")
        buyer = create_buyer_organisation(user, name=name, kind="supermarket",
                                          province=find_province(province), phone=phone, email=email,
                                          address=address)
        return buyer, user
    return make


@pytest.fixture
def make_seller(db, make_user, make_producer):
    """(producer, its owner) for offers."""
    def make(name=None, province="vinh-long", verified=True, phone=PRODUCER_PHONE, email=PRODUCER_EMAIL,
             address=PRODUCER_ADDRESS):
        producer = make_producer(name=name, province=province, verified=verified, phone=phone, email=email,
                                 address=address)
        user = make_user(role="producer", full_name=f"Chủ {producer.name}")
        db.session.add(ProducerMember(producer=producer, user=user, is_owner=True))
        db.session.commit()
        return producer, user
    return make


@pytest.fixture
def make_demand(db):
    def make(buyer, user, publish=True, today=TODAY, **fields):
        values = dict(title="Bưởi da xanh", category=find_category("nong-san-tuoi"), quantity=2000, unit="kg",
                      target_price=50_000, delivery_province=find_province("ha-noi"),
                      wanted_by=today + timedelta(days=30), expires_on=today + timedelta(days=30))
        values.update(fields)
        if isinstance(values["category"], str):
            values["category"] = find_category(values["category"])
        if isinstance(values["delivery_province"], str):
            values["delivery_province"] = find_province(values["delivery_province"])
        return create_demand(user, buyer, today=today, publish=publish, **values)
    return make


@pytest.fixture
def make_offer(db):
    def make(producer, user, publish=True, today=TODAY, **fields):
        values = dict(title="Bưởi da xanh loại 1", category=find_category("nong-san-tuoi"), quantity=3000, unit="kg",
                      price_min=40_000, expires_on=today + timedelta(days=60), delivers_nationwide=True)
        values.update(fields)
        if isinstance(values["category"], str):
            values["category"] = find_category(values["category"])
        return create_offer(user, producer, today=today, publish=publish, **values)
    return make


@pytest.fixture
def certified(make_product, make_certification):
    """A listing of `producer` with a current certificate of `stars` stars."""
    def make(producer, stars=4, name="Bưởi da xanh Bến Tre", **cert):
        product = make_product(producer=producer, name=name)
        make_certification(product, stars=stars, decided_on=cert.pop("decided_on", TODAY - timedelta(days=100)),
                           **cert)
        return product
    return make


@pytest.fixture
def drain(app):
    """Deliver the outbox until nothing is due (index updates, match recomputation, e-mail)."""
    def run():
        for _ in range(5):
            if not outbox.drain().processed:
                break
    return run


@pytest.fixture
def pair(make_buyer, make_seller, make_demand, make_offer, certified, drain):
    """A buyer's demand and a producer's offer that match well (indexed, matches recomputed)."""
    buyer, buyer_user = make_buyer()
    producer, producer_user = make_seller(name="HTX Bưởi Mỏ Cày")
    product = certified(producer, stars=4)
    offer = make_offer(producer, producer_user, product=product)
    demand = make_demand(buyer, buyer_user)
    drain()
    return {"buyer": buyer, "buyer_user": buyer_user, "producer": producer, "producer_user": producer_user,
            "product": product, "offer": offer, "demand": demand}
