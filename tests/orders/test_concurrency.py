"""Stock under concurrency, on PostgreSQL: many buyers of the last units never oversell."""
import threading
import time

import pytest

from marketplace.core.errors import DomainError, ValidationError
from marketplace.extensions import db as _db
from marketplace.orders import cancellation, checkout
from marketplace.orders.models import Order, OrderItem, Shipment
from tests.orders.conftest import NOW, contact, stock_of

BUYERS = 50
LAST_UNITS = 10


@pytest.mark.postgresql_only
def test_fifty_buyers_of_the_last_ten_units(app, shop, rules, db):
    tea, rice = shop.tea, shop.rice
    tea.stock, rice.stock = LAST_UNITS, 100
    db.session.commit()
    tea_id, rice_id = tea.id, rice.id
    db.session.remove()
    barrier = threading.Barrier(BUYERS)
    outcomes, errors = [], []

    def buy(n):
        with app.app_context():
            # Half the buyers list the products the other way round: the rows are still locked in one order.
            items = {tea_id: 1, rice_id: 1} if n % 2 else {rice_id: 1, tea_id: 1}
            barrier.wait()
            try:
                checkout.place_order(items=items, contact=contact(), payment_method="cod", rules=rules, now=NOW)
                outcomes.append("sold")
            except ValidationError:
                outcomes.append("refused")
            except Exception as error:  # a deadlock or anything else fails the test below
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
    print(f"\n{BUYERS} buyers, {LAST_UNITS} units: {outcomes.count('sold')} sold, "
          f"{outcomes.count('refused')} refused, {elapsed:.2f} s")
    assert errors == []
    assert outcomes.count("sold") == LAST_UNITS and outcomes.count("refused") == BUYERS - LAST_UNITS
    assert stock_of(db, tea) == 0 and stock_of(db, rice) == 100 - LAST_UNITS
    sold = db.session.execute(db.select(db.func.sum(OrderItem.quantity)).where(OrderItem.product_id == tea_id)
                              ).scalar_one()
    assert sold == LAST_UNITS
    assert db.session.query(Order).count() == LAST_UNITS
    assert db.session.query(Shipment).count() == 2 * LAST_UNITS


@pytest.mark.postgresql_only
def test_cancel_and_expire_racing_release_stock_once(app, shop, place, db):
    """A buyer's cancellation and the expiry job on the same unpaid order: stock comes back once."""
    from datetime import timedelta
    order = place({shop.honey: 5}, method="card")
    order_id = order.id
    assert stock_of(db, shop.honey) == 0
    db.session.remove()
    barrier = threading.Barrier(2)
    errors = []

    def cancel():
        with app.app_context():
            barrier.wait()
            try:
                cancellation.cancel_order(_db.session.get(Order, order_id), now=NOW + timedelta(hours=1))
            except DomainError:
                pass
            except Exception as error:
                errors.append(repr(error))
            finally:
                _db.session.remove()

    def expire():
        with app.app_context():
            barrier.wait()
            try:
                cancellation.expire_orders(now=NOW + timedelta(hours=1))
            except Exception as error:
                errors.append(repr(error))
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=cancel), threading.Thread(target=expire)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert stock_of(db, shop.honey) == 5
