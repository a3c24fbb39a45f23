"""The booth application state machine: booths never exceed the number available,
a freed booth goes to the first on the waiting list, forbidden moves change nothing."""
import re
from datetime import timedelta

import pytest

from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.timeutil import utcnow
from marketplace.events import booths, lifecycle
from marketplace.events.models import ApplicationStatus as S
from marketplace.events.models import BoothApplication
from marketplace.extensions import db


def test_producer_applies_with_its_products(make_event, exhibitor, db, sent):
    event = make_event()
    producer, member, products = exhibitor(name="HTX Chè Tân Cương")
    application = booths.apply_for_booth(event=event, producer=producer, user=member,
                                         product_ids=[p.id for p in products], booth_size="3x6",
                                         needs_power=True, note="Cần bàn pha trà")
    assert application.status is S.SUBMITTED and application.booth_number is None
    assert application.products == products and application.needs_power and application.booth_size.value == "3x6"
    mails = sent()
    assert any("To: btc@example.vn" in m and "HTX Chè Tân Cương" in m for m in mails)  # the organizer is told


@pytest.mark.parametrize("case", ["not_member", "unverified", "foreign_product", "no_product", "draft",
                                  "deadline", "twice"])
def test_application_refusals(case, make_event, exhibitor, make_user, make_product, db):
    event = make_event(status="draft" if case == "draft" else "published",
                       application_deadline=utcnow() - timedelta(hours=1) if case == "deadline" else None)
    producer, member, products = exhibitor(verified=case != "unverified")
    ids = [p.id for p in products]
    user = make_user(role="producer") if case == "not_member" else member
    if case == "foreign_product":
        ids.append(make_product().id)
    if case == "no_product":
        ids = []
    if case == "twice":
        booths.apply_for_booth(event=event, producer=producer, user=member, product_ids=ids)
    error = PermissionDenied if case in ("not_member", "unverified") else ValidationError
    before = db.session.query(BoothApplication).count()
    with pytest.raises(error):
        booths.apply_for_booth(event=event, producer=producer, user=user, product_ids=ids)
    db.session.rollback()
    assert db.session.query(BoothApplication).count() == before


def test_accepting_assigns_booths_and_never_more_than_available(make_event, apply, organizer):
    event = make_event(booth_count=2)
    first, second, third = apply(event), apply(event), apply(event)
    booths.decide_application(first, "accepted", actor=organizer)
    booths.decide_application(second, "accepted", actor=organizer)
    assert (first.booth_number, second.booth_number) == (1, 2)
    with pytest.raises(booths.NoBoothAvailable):
        booths.decide_application(third, "accepted", actor=organizer)
    assert third.status is S.SUBMITTED and third.booth_number is None


def test_freed_booth_goes_to_the_first_waitlisted_in_order(make_event, apply, organizer, sent):
    event = make_event(booth_count=1)
    accepted, late, early = apply(event), apply(event), apply(event)
    booths.decide_application(accepted, "accepted", actor=organizer)
    now = utcnow()
    booths.decide_application(early, "waitlisted", actor=organizer, now=now)
    booths.decide_application(late, "waitlisted", actor=organizer, now=now + timedelta(minutes=5))
    booths.withdraw_application(accepted, user=accepted.producer.members[0].user)
    assert accepted.status is S.WITHDRAWN and accepted.booth_number is None
    assert (early.status, early.booth_number) == (S.ACCEPTED, 1)
    assert late.status is S.WAITLISTED
    booths.decide_application(early, "cancelled", actor=organizer,
                              reason="Không đủ hồ sơ an toàn thực phẩm")
    assert (late.status, late.booth_number) == (S.ACCEPTED, 1)
    # Each producer is told its own booth number, in its own acceptance message.
    for application in (early, late):
        to = f"To: {application.producer.members[0].user.email}"
        accepted = [m for m in sent() if to in m and "X-Topic: events.application_accepted" in m]
        assert [re.findall(r"Gian hàng của bạn: số (\d+)\.", m) for m in accepted] == [["1"]]


def test_more_booths_fill_the_waiting_list(make_event, apply, organizer):
    event = make_event(booth_count=1)
    a, b = apply(event), apply(event)
    booths.decide_application(a, "accepted", actor=organizer)
    booths.decide_application(b, "waitlisted", actor=organizer)
    lifecycle.update_event(event, booth_count=2)
    assert (b.status, b.booth_number) == (S.ACCEPTED, 2)
    with pytest.raises(ValidationError):
        lifecycle.update_event(event, booth_count=1)  # booth 2 is in use


ALLOWED = {
    S.SUBMITTED: {S.ACCEPTED, S.REJECTED, S.WAITLISTED, S.WITHDRAWN},
    S.WAITLISTED: {S.ACCEPTED, S.REJECTED, S.WITHDRAWN},
    S.ACCEPTED: {S.WITHDRAWN, S.CANCELLED},
    S.REJECTED: set(), S.WITHDRAWN: set(), S.CANCELLED: set(),
}


def _reach(application, state, organizer):
    path = {S.SUBMITTED: [], S.WAITLISTED: [S.WAITLISTED], S.ACCEPTED: [S.ACCEPTED], S.REJECTED: [S.REJECTED],
            S.WITHDRAWN: [S.WITHDRAWN], S.CANCELLED: [S.ACCEPTED, S.CANCELLED]}[state]
    for step in path:
        booths.transition_application(application, step, actor=organizer, reason="lý do")


@pytest.mark.parametrize("source", list(S))
def test_every_move_of_the_state_machine(source, make_event, exhibitor, organizer):
    assert booths.APPLICATION_TRANSITIONS == ALLOWED
    producer, member, products = exhibitor(products=1)
    for target in S:
        event = make_event(title=f"Hội chợ {source.value} {target.value}", booth_count=3)
        application = booths.apply_for_booth(event=event, producer=producer, user=member,
                                             product_ids=[products[0].id])
        _reach(application, source, organizer)
        if target in ALLOWED[source]:
            booths.transition_application(application, target, actor=organizer, reason="lý do")
            assert application.status is target
            assert (application.booth_number is not None) == (target is S.ACCEPTED)
        else:
            with pytest.raises(InvalidTransition):
                booths.transition_application(application, target, actor=organizer, reason="lý do")
            db.session.rollback()
            assert db.session.get(BoothApplication, application.id).status is source


def test_rejection_needs_a_reason_and_tells_the_producer(make_event, apply, organizer, sent):
    application = apply(make_event())
    with pytest.raises(ValidationError):
        booths.decide_application(application, "rejected", actor=organizer, reason=" ")
    booths.decide_application(application, "rejected", actor=organizer, reason="Sản phẩm chưa có chứng nhận")
    assert any("không được chấp nhận" in m and "Sản phẩm chưa có chứng nhận" in m for m in sent())


def test_only_the_events_organizer_decides(make_event, apply, other_organizer):
    application = apply(make_event())
    with pytest.raises(PermissionDenied):
        booths.decide_application(application, "accepted", actor=other_organizer)
    assert application.status is S.SUBMITTED


def test_organizer_cannot_withdraw_for_the_producer(make_event, apply, organizer):
    application = apply(make_event())
    with pytest.raises(InvalidTransition):
        booths.decide_application(application, "withdrawn", actor=organizer)
    with pytest.raises(PermissionDenied):
        booths.withdraw_application(application, user=organizer)
