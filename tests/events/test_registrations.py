"""Visitor registration: capacity with a waiting list, tickets, check-in once, and
capacity held under concurrent registrations (threads, on SQLite and PostgreSQL)."""
import threading
from datetime import timedelta

import pytest

from marketplace.accounts.models import User
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.timeutil import utcnow
from marketplace.events import lifecycle, visitors
from marketplace.events.models import RegistrationStatus as R
from marketplace.events.models import Event, EventStatus, VisitorRegistration
from marketplace.events.tickets import ALPHABET, format_code, normalise_code
from marketplace.extensions import db


def _register(event, n, **extra):
    return visitors.register_visitor(event=event, name=f"Khách {n}", email=f"khach{n}@example.vn", **extra)


def test_capacity_then_waiting_list_then_promotion_in_order(make_event, sent):
    event = make_event(visitor_capacity=2)
    a, b, c, d = (_register(event, n) for n in range(4))
    assert [r.status for r in (a, b, c, d)] == [R.CONFIRMED, R.CONFIRMED, R.WAITLISTED, R.WAITLISTED]
    assert visitors.places_left(event) == 0
    visitors.cancel_registration(b)
    assert (b.status, c.status, d.status) == (R.CANCELLED, R.CONFIRMED, R.WAITLISTED)
    mails = [m for m in sent() if "khach2@example.vn" in m]
    assert len(mails) == 2 and "Danh sách chờ" in mails[0] and "Vé tham dự" in mails[1]
    lifecycle.update_event(event, visitor_capacity=3)
    assert d.status is R.CONFIRMED
    with pytest.raises(ValidationError):
        lifecycle.update_event(event, visitor_capacity=1)


def test_codes_are_random_typeable_and_unique(make_event):
    event = make_event()
    codes = {_register(event, n).code for n in range(20)}
    assert len(codes) == 20 and all(len(c) == 12 and set(c) <= set(ALPHABET) for c in codes)
    code = next(iter(codes))
    typed = format_code(code).lower().replace("0", "o").replace("1", "l")
    assert normalise_code(typed) == code and normalise_code(f" {code[:6]} {code[6:]} ") == code
    assert normalise_code("ABC") is None and normalise_code("U" * 12) is None


@pytest.mark.parametrize("fields,field", [
    ({"name": " "}, "name"), ({"email": "", "phone": ""}, "email"), ({"email": "khong-phai-email"}, "email"),
    ({"phone": "12345", "email": ""}, "phone"),
])
def test_bad_registration_changes_nothing(make_event, db, fields, field):
    event = make_event()
    data = {"name": "Lê Văn Cường", "email": "cuong@example.vn", "phone": None, **fields}
    with pytest.raises(ValidationError) as error:
        visitors.register_visitor(event=event, **data)
    assert error.value.field == field
    assert db.session.query(VisitorRegistration).count() == 0


def test_same_person_registers_once_but_may_come_back_after_cancelling(make_event):
    event = make_event()
    first = visitors.register_visitor(event=event, name="An", email="an@example.vn", phone="0912345678")
    with pytest.raises(ValidationError):
        visitors.register_visitor(event=event, name="An", email="AN@example.vn")
    with pytest.raises(ValidationError):
        visitors.register_visitor(event=event, name="An", phone="0912 345 678")
    visitors.cancel_registration(first)
    assert visitors.register_visitor(event=event, name="An", email="an@example.vn").status is R.CONFIRMED


@pytest.mark.parametrize("status", ["draft", "cancelled", "postponed"])
def test_only_published_events_take_visitors(make_event, status):
    with pytest.raises(ValidationError):
        _register(make_event(status=status), 1)


def test_no_registration_after_the_event(make_event):
    event = make_event(starts_at=utcnow() - timedelta(days=5), duration=timedelta(days=1), status="draft")
    event.status = EventStatus.PUBLISHED
    db.session.commit()
    with pytest.raises(ValidationError):
        _register(event, 1)


def test_check_in_once_then_refused_with_the_time_of_the_first(make_event, organizer):
    event = make_event()
    registration = _register(event, 1)
    first_time = utcnow().replace(microsecond=0)
    checked = visitors.check_in(event=event, code=format_code(registration.code).lower(), staff=organizer,
                                now=first_time)
    assert checked.status is R.CHECKED_IN and checked.checked_in_at == first_time
    assert checked.checked_in_by_id == organizer.id
    with pytest.raises(visitors.AlreadyCheckedIn) as refused:
        visitors.check_in(event=event, code=registration.code, staff=organizer, now=first_time + timedelta(hours=1))
    assert refused.value.registration.checked_in_at == first_time


def test_check_in_refusals(make_event, organizer, other_organizer):
    event, other_event = make_event(visitor_capacity=1), make_event(title="Tuần hàng khác")
    confirmed, waiting = _register(event, 1), _register(event, 2)
    elsewhere = _register(other_event, 3)
    with pytest.raises(visitors.TicketNotFound):
        visitors.check_in(event=event, code=elsewhere.code, staff=organizer)
    with pytest.raises(visitors.TicketNotFound):
        visitors.check_in(event=event, code="not a code", staff=organizer)
    with pytest.raises(InvalidTransition):
        visitors.check_in(event=event, code=waiting.code, staff=organizer)
    with pytest.raises(PermissionDenied):
        visitors.check_in(event=event, code=confirmed.code, staff=other_organizer)
    assert confirmed.status is R.CONFIRMED
    visitors.cancel_registration(confirmed)
    with pytest.raises(InvalidTransition):
        visitors.check_in(event=event, code=confirmed.code, staff=organizer)


# What each thing that can happen to a ticket does, from each state (the state machine as
# visitors and door staff meet it): the new state, or the error and no change.
MOVES = {
    R.WAITLISTED: {"cancel": R.CANCELLED, "check_in": InvalidTransition, "place_frees": R.CONFIRMED},
    R.CONFIRMED: {"cancel": R.CANCELLED, "check_in": R.CHECKED_IN, "place_frees": R.CONFIRMED},
    R.CHECKED_IN: {"cancel": InvalidTransition, "check_in": visitors.AlreadyCheckedIn, "place_frees": R.CHECKED_IN},
    R.CANCELLED: {"cancel": InvalidTransition, "check_in": InvalidTransition, "place_frees": R.CANCELLED},
}


@pytest.mark.parametrize("source", list(R))
@pytest.mark.parametrize("move", ["cancel", "check_in", "place_frees"])
def test_every_move_of_a_ticket_from_every_state(make_event, organizer, db, source, move):
    event = make_event(visitor_capacity=1)
    first, second = _register(event, 1), _register(event, 2)  # confirmed, waitlisted
    ticket = second if source is R.WAITLISTED else first
    if source is R.CHECKED_IN:
        visitors.check_in(event=event, code=first.code, staff=organizer)
    elif source is R.CANCELLED:
        visitors.cancel_registration(first)
        assert second.status is R.CONFIRMED  # the freed place went to the waiting list
    assert ticket.status is source
    actions = {"cancel": lambda: visitors.cancel_registration(ticket),
               "check_in": lambda: visitors.check_in(event=event, code=ticket.code, staff=organizer),
               "place_frees": lambda: lifecycle.update_event(event, visitor_capacity=event.visitor_capacity + 1)}
    expected = MOVES[source][move]
    if isinstance(expected, type) and issubclass(expected, Exception):
        with pytest.raises(expected):
            actions[move]()
        db.session.rollback()
        assert db.session.get(VisitorRegistration, ticket.id).status is source
    else:
        actions[move]()
        db.session.expire_all()
        assert db.session.get(VisitorRegistration, ticket.id).status is expected


def _run_threads(app, count, work):
    """Run `work(i)` in `count` threads, each in its own app context and session, all at once."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(i):
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                results[i] = work(i)
            except Exception as exc:  # collected and reported by the test
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


@pytest.mark.both_engines
def test_capacity_holds_under_concurrent_registrations(app, db, make_event, engine):
    capacity, people = 5, 24
    event = make_event(visitor_capacity=capacity)
    event_id = event.id
    db.session.remove()

    def register(i):
        target = db.session.get(Event, event_id)
        return visitors.register_visitor(event=target, name=f"Khách {i}", email=f"dong-thoi{i}@example.vn").status

    results, errors = _run_threads(app, people, register)
    assert errors == []
    assert results.count(R.CONFIRMED) == capacity and results.count(R.WAITLISTED) == people - capacity
    rows = db.session.query(VisitorRegistration).filter_by(event_id=event_id).all()
    assert sum(r.status is R.CONFIRMED for r in rows) == capacity and len(rows) == people


@pytest.mark.both_engines
def test_two_doors_scanning_one_ticket_let_it_in_once(app, db, make_event, organizer, engine):
    event = make_event()
    code, event_id, staff_id = _register(event, 1).code, event.id, organizer.id
    db.session.remove()

    def scan(i):
        target = db.session.get(Event, event_id)
        try:
            visitors.check_in(event=target, code=code, staff=db.session.get(User, staff_id))
            return "in"
        except visitors.AlreadyCheckedIn:
            return "refused"

    results, errors = _run_threads(app, 6, scan)
    assert errors == [] and sorted(results) == ["in"] + ["refused"] * 5
