"""A small shop: two verified producers in different regions, their products, a buyer,
and a helper that places an order through the real service."""
from dataclasses import dataclass

import pytest

from marketplace.catalog.models import Product
from marketplace.core.timeutil import utcnow
from marketplace.orders import checkout
from marketplace.orders.models import PaymentMethod
from marketplace.payments.services import available_methods

# The shop's "now": this run's present, to the minute (naive UTC, as stored). Orders placed
# "now" are the newest; reservations run from it; pages that ask the clock agree.
NOW = utcnow().replace(second=0, microsecond=0)


@dataclass
class Shop:
    north: object  # producer in Hà Nội
    south: object  # producer in Cần Thơ
    tea: object  # 120.000 ₫, 10 in stock, Hà Nội
    honey: object  # 250.000 ₫, 5 in stock, Hà Nội
    rice: object  # 80.000 ₫, 20 in stock, Cần Thơ
    buyer: object
    north_owner: object
    south_owner: object


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def shop(db, make_user, make_producer, make_product):
    from marketplace.catalog.models import ProducerMember
    north_owner, south_owner = make_user(role="producer"), make_user(role="producer")
    north = make_producer(name="HTX Chè Hà Nội", province="ha-noi")
    south = make_producer(name="HTX Gạo Cần Thơ", province="can-tho")
    db.session.add_all([ProducerMember(producer=north, user=north_owner, is_owner=True),
                        ProducerMember(producer=south, user=south_owner, is_owner=True)])
    db.session.commit()
    tea = make_product(name="Chè Shan tuyết", producer=north, price=120_000, stock=10)
    honey = make_product(name="Mật ong bạc hà", producer=north, price=250_000, stock=5)
    rice = make_product(name="Gạo thơm ST25", producer=south, price=80_000, stock=20)
    buyer = make_user(email="nguoimua@example.vn", full_name="Trần Thị Mua")
    return Shop(north, south, tea, honey, rice, buyer, north_owner, south_owner)


@pytest.fixture
def rules(app):
    return checkout.CheckoutRules.from_config(app.config, available_methods(app.config) + [PaymentMethod.CARD])


def contact(province="ha-noi", **changes):
    from marketplace.catalog.services import find_province
    values = dict(name="Trần Thị Mua", phone="0912 345 678", email="nguoimua@example.vn",
                  province=find_province(province), ward="Phường Ba Đình", street="12 Phố Hòe Nhai", note="")
    values.update(changes)
    return checkout.Contact(**values)


@pytest.fixture
def place(rules, shop):
    def place(items, method="cod", user=None, province="ha-noi", now=NOW, **kwargs):
        items = {(p.id if isinstance(p, Product) else p): q for p, q in items.items()}
        return checkout.place_order(items=items, contact=contact(province), payment_method=method, rules=rules,
                                    now=now, user=user, **kwargs)
    return place


def stock_of(db, product):
    db.session.expire_all()
    return db.session.get(Product, product.id).stock
