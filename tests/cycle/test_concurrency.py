"""The same create form sent many times at once (a double tap, a retry) makes one record,
on PostgreSQL, guaranteed by the claimed submission token (core.submissions) rather than by luck:
one copy creates, every other one is told which record the first made."""
import pytest

from marketplace.accounts.models import User
from marketplace.catalog.models import Category, Producer
from marketplace.core.submissions import AlreadySubmitted, new_token
from marketplace.cycle.models import ProductIdea
from marketplace.cycle.services import ideas
from marketplace.extensions import db as _db
from tests.threads import at_once

COPIES = 8


@pytest.mark.postgresql_only
def test_one_idea_for_one_form_sent_eight_times_at_once(app, world, db):
    owner_id, producer_id = world.owner.id, world.producer.id
    category_id = world.product.category_id
    token = new_token()
    db.session.remove()

    def send(i):
        owner, producer = _db.session.get(User, owner_id), _db.session.get(Producer, producer_id)
        category = _db.session.get(Category, category_id)
        try:
            return "created", ideas.register_idea(owner, submission=token, producer=producer, category=category,
                                                  product_name="Cà phê chồn", local_features="Cầu Đất",
                                                  raw_materials="Arabica").id
        except AlreadySubmitted as repeat:
            return "repeat", repeat.record_id

    outcomes, errors = at_once(app, COPIES, send)
    assert errors == []
    idea_id = db.session.query(ProductIdea.id).scalar()
    assert sorted(outcomes) == [("created", idea_id)] + [("repeat", idea_id)] * (COPIES - 1)
    assert db.session.query(ProductIdea).count() == 1
