"""Fixtures of the events tests: organizers, events, producers with their members."""
from datetime import timedelta

import pytest

from marketplace.catalog.models import ProducerMember
from marketplace.catalog.services import find_province
from marketplace.core.timeutil import utcnow
from marketplace.events import booths, lifecycle


@pytest.fixture
def sent(mailbox):
    """The messages dispatched so far (delivered through the outbox), as text, oldest first."""
    return mailbox


@pytest.fixture
def organizer(make_user):
    return make_user(role="organizer", email="btc@example.vn", full_name="Trung tâm Xúc tiến Thương mại Hà Nội")


@pytest.fixture
def other_organizer(make_user):
    return make_user(role="organizer", email="khac@example.vn", full_name="Ban tổ chức khác")


@pytest.fixture
def make_event(db, organizer):
    def make(title="Hội chợ OCOP Hà Nội 2026", status="published", starts_at=None, duration=timedelta(days=3),
             booth_count=10, visitor_capacity=None, owner=None, province="ha-noi", **extra):
        starts_at = starts_at or (utcnow() + timedelta(days=30)).replace(microsecond=0, second=0)
        event = lifecycle.create_event(organizer=owner or organizer, kind=extra.pop("kind", "fair"), title=title,
                                       province=find_province(province), starts_at=starts_at,
                                       ends_at=starts_at + duration, venue=extra.pop("venue",
                                                                                     "Cung Văn hóa Hữu nghị"),
                                       address=extra.pop("address", "91 Trần Hưng Đạo, Hoàn Kiếm"),
                                       booth_count=booth_count, visitor_capacity=visitor_capacity, **extra)
        if status != "draft":
            lifecycle.transition_event(event, "published")
        if status in ("cancelled", "postponed"):
            lifecycle.transition_event(event, status, reason="Thời tiết xấu")
        return event
    return make


@pytest.fixture
def make_member(db, make_user):
    """A user who may act for `producer` (ProducerMember)."""
    def make(producer, **user):
        member = make_user(role="producer", **user)
        db.session.add(ProducerMember(producer=producer, user=member, is_owner=True))
        db.session.commit()
        return member
    return make


@pytest.fixture
def exhibitor(make_producer, make_product, make_member):
    """A factory of (producer, member, [products]) ready to apply for booths."""
    def make(name=None, products=2, verified=True):
        producer = make_producer(name=name, verified=verified, email=None)
        items = [make_product(producer=producer) for _ in range(products)]
        return producer, make_member(producer), items
    return make


@pytest.fixture
def apply(exhibitor):
    """Apply for a booth at `event` as a new producer; returns the application."""
    def make(event, name=None, now=None):
        producer, member, products = exhibitor(name=name)
        return booths.apply_for_booth(event=event, producer=producer, user=member,
                                      product_ids=[p.id for p in products], now=now)
    return make
