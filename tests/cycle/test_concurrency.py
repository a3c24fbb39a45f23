"""The same create form sent many times at once (a double tap, a retry) makes one record,
on PostgreSQL, guaranteed by the unique submission token rather than by luck."""
import threading

import pytest

from marketplace.accounts.models import User
from marketplace.catalog.models import Category, Producer
from marketplace.cycle.models import ProductIdea
from marketplace.cycle.services import ideas
from marketplace.cycle.submissions import new_token
from marketplace.extensions import db as _db

COPIES = 8


@pytest.mark.postgresql_only
def test_one_idea_for_one_form_sent_eight_times_at_once(app, world, db):
    owner_id, producer_id = world.owner.id, world.producer.id
    category_id = world.product.category_id
    token = new_token()
    db.session.remove()
    barrier = threading.Barrier(COPIES)
    made, errors = [], []

    def send():
        with app.app_context():
            try:
                owner, producer = _db.session.get(User, owner_id), _db.session.get(Producer, producer_id)
                category = _db.session.get(Category, category_id)
                barrier.wait()
                idea = ideas.register_idea(owner, token=token, producer=producer, category=category,
                                           product_name="Cà phê chồn", local_features="Cầu Đất",
                                           raw_materials="Arabica")
                made.append(idea.id)
            except Exception as error:  # anything but "the same record" fails the test below
                errors.append(repr(error))
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=send) for _ in range(COPIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and len(made) == COPIES and len(set(made)) == 1
    assert db.session.query(ProductIdea).count() == 1
