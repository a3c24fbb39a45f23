"""Places per date under concurrency, on PostgreSQL: many buyers of the last places of a date
end with exactly the capacity booked, never more, and no deadlock."""
import threading
import time
from datetime import timedelta

import pytest

from marketplace.catalog.models import ProducerMember
from marketplace.core.errors import ValidationError
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db as _db
from marketplace.orders import checkout
from marketplace.orders.bookings import BookingRequest
from marketplace.orders.models import Booking, Order, ServiceDay
from tests.orders.conftest import NOW

BUYERS = 40
PLACES = 10


@pytest.mark.postgresql_only
def test_forty_buyers_of_the_last_ten_places_of_a_night(app, shop, rules, db, make_user, make_producer, make_product):
    owner = make_user(role="producer")
    producer = make_producer(name="HTX Homestay Mù Cang Chải", province="lao-cai")
    db.session.add(ProducerMember(producer=producer, user=owner, is_owner=True))
    db.session.commit()
    stay = make_product(name="Homestay ruộng bậc thang", producer=producer, category="du-lich-cong-dong-homestay",
                        price=250_000, stock=PLACES, unit="người/đêm")
    shop.tea.stock = 100
    db.session.commit()
    stay_id, tea_id = stay.id, shop.tea.id
    night = vn_today(NOW) + timedelta(days=30)
    db.session.remove()
    barrier = threading.Barrier(BUYERS)
    outcomes, errors = [], []

    def buy(n):
        with app.app_context():
            # Two nights each, starting on the busy night or the one before, and half with a parcel of tea:
            # stock rows and date rows are locked in one order whatever the cart.
            start = night if n % 2 else night - timedelta(days=1)
            booking = BookingRequest(stay_id, start, start + timedelta(days=2), 1, 1)
            items = {tea_id: 1} if n % 3 == 0 else {}
            who = checkout.Contact(name=f"Khách {n}", phone="0912345678", email=f"khach{n}@example.vn",
                                   province=_province() if items else None, ward="Phường 1" if items else "",
                                   street="1 Lê Lợi" if items else "")
            barrier.wait()
            try:
                checkout.place_order(items=items, contact=who, payment_method="cod", rules=rules, now=NOW,
                                     bookings=[booking])
                outcomes.append("booked")
            except ValidationError:
                outcomes.append("refused")
            except Exception as error:  # a deadlock, a CHECK violation: fails below
                errors.append(repr(error))
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=buy, args=(n,)) for n in range(BUYERS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    elapsed = time.perf_counter() - started
    print(f"\n{BUYERS} buyers, {PLACES} places a night: {outcomes.count('booked')} booked, "
          f"{outcomes.count('refused')} refused, {elapsed:.2f} s")
    assert errors == []
    # Every booking covers the busy night: exactly its capacity was sold, the rest refused.
    assert outcomes.count("booked") == PLACES and outcomes.count("refused") == BUYERS - PLACES
    booked = dict(db.session.execute(db.select(ServiceDay.day, ServiceDay.booked)
                                     .where(ServiceDay.product_id == stay_id)).all())
    assert booked[night] == PLACES
    assert booked[night - timedelta(days=1)] + booked[night + timedelta(days=1)] == PLACES
    assert db.session.query(Booking).count() == PLACES == db.session.query(Order).count()


def _province():
    from marketplace.catalog.services import find_province
    return find_province("ha-noi")
