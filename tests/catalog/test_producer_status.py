"""The producer verification state machine and its link to the public `verified` flag."""
import pytest
import sqlalchemy as sa

from marketplace.catalog.models import Producer, ProducerStatus
from marketplace.catalog.services import find_province, transition_producer
from marketplace.core.errors import InvalidTransition, ValidationError
from marketplace.extensions import db


@pytest.mark.both_engines
def test_loaders_that_only_set_verified_get_the_matching_status(app):
    province = find_province("ha-noi")
    db.session.add_all([Producer(slug="a", name="A", kind="household", province=province, verified=True),
                        Producer(slug="b", name="B", kind="household", province=province)])
    db.session.execute(db.insert(Producer), [
        dict(slug=f"s{i}", name="S", kind="household", province_id=province.id, verified=bool(i % 2), address="",
             story="", is_demo=False) for i in range(4)])
    db.session.commit()
    rows = db.session.execute(db.select(Producer.verified, Producer.verification_status)).all()
    assert len(rows) == 6 and all((status is ProducerStatus.VERIFIED) == verified for verified, status in rows)


@pytest.mark.both_engines
def test_the_database_refuses_a_verified_flag_that_disagrees_with_the_status(app, make_producer):
    producer = make_producer(verified=False)
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.update(Producer).where(Producer.id == producer.id).values(verified=True))
        db.session.flush()
    db.session.rollback()


def test_producer_state_machine(make_producer, make_user):
    officer = make_user(role="officer")
    producer = make_producer(verified=False)
    with pytest.raises(ValidationError):
        transition_producer(producer, "rejected", actor=officer, reason=" ")
    transition_producer(producer, "rejected", actor=officer, reason="Thiếu giấy phép")
    assert producer.status_reason == "Thiếu giấy phép" and producer.reviewed_by_id == officer.id
    with pytest.raises(InvalidTransition):
        transition_producer(producer, "verified", actor=officer)
    transition_producer(producer, "pending")
    assert producer.status_reason is None and producer.reviewed_by_id == officer.id  # resubmission keeps the reviewer
    transition_producer(producer, "verified", actor=officer)
    assert producer.verified and producer.verified_at is not None
    transition_producer(producer, "suspended", actor=officer, reason="Khiếu nại")
    assert not producer.verified
    with pytest.raises(InvalidTransition):
        transition_producer(producer, "pending")
    transition_producer(producer, "verified", actor=officer)
    assert producer.verified
