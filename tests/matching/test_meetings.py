"""Meetings at B2B events: fixed slots, nobody double-booked, availability respected,
highest scores first; agendas as a page and as .ics; only participants take part."""
import random
from datetime import datetime, time, timedelta

import pytest
from icalendar import Calendar

from marketplace.catalog.services import find_province
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.events import booths, lifecycle
from marketplace.events.times import to_utc
from marketplace.core.timeutil import VN_TZ
from marketplace.extensions import db
from marketplace.matching import meetings
from marketplace.matching.meetings import Want, assign_slots
from marketplace.matching.models import MeetingRequest, MeetingStatus
from tests.conftest import FormClient
from tests.matching.conftest import TODAY, sign_in


# --- the scheduler alone ----------------------------------------------------------------------

def test_nobody_is_in_two_meetings_at_once_and_scores_go_first():
    wants = [Want(1, "b1", "p1", score=60, order=1), Want(2, "b1", "p2", score=90, order=2),
             Want(3, "b2", "p1", score=80, order=3), Want(4, "b2", "p2", score=70, order=4)]
    placed = assign_slots(wants, 2, {})
    assert placed == {2: 0, 3: 0, 4: 1, 1: 1}


def test_availability_is_respected_and_what_does_not_fit_is_left_out():
    wants = [Want(1, "b1", "p1", score=50, order=1), Want(2, "b2", "p1", score=40, order=2),
             Want(3, "b3", "p1", score=30, order=3)]
    placed = assign_slots(wants, 3, {"p1": {1, 2}, "b2": {1}}, busy={"b1": {1}})
    assert placed == {1: 2, 2: 1, 3: None}


def test_a_large_random_schedule_has_no_double_booking():
    rng = random.Random(7)
    wants = [Want(i, f"b{rng.randrange(40)}", f"p{rng.randrange(60)}", score=rng.randrange(101), order=i)
             for i in range(500)]
    availability = {f"p{i}": set(rng.sample(range(24), 16)) for i in range(0, 60, 3)}
    placed = assign_slots(wants, 24, availability)
    taken = set()
    for want in wants:
        slot = placed[want.id]
        if slot is None:
            continue
        assert (want.buyer, slot) not in taken and (want.producer, slot) not in taken
        taken |= {(want.buyer, slot), (want.producer, slot)}
        assert slot in availability.get(want.producer, range(24))
    assert sum(1 for s in placed.values() if s is not None) > 300


# --- at an event --------------------------------------------------------------------------------

@pytest.fixture
def fair(db, make_user, pair, make_product):
    """A published B2B session tomorrow 14:00–16:00 (6 slots of 20 minutes); the pair's producer exhibits."""
    organizer = make_user(role="organizer", email="btc@example.vn")
    starts = to_utc(datetime.combine(TODAY + timedelta(days=1), time(14, 0), tzinfo=VN_TZ))
    event = lifecycle.create_event(organizer=organizer, kind="b2b_session", title="Phiên kết nối giao thương",
                                   province=find_province("ha-noi"), starts_at=starts,
                                   ends_at=starts + timedelta(hours=2), booth_count=10)
    lifecycle.transition_event(event, "published")
    application = booths.apply_for_booth(event=event, producer=pair["producer"], user=pair["producer_user"],
                                         product_ids=[pair["product"].id])
    booths.decide_application(application, "accepted", actor=organizer)
    return {"event": event, "organizer": organizer}


def test_slots_follow_the_event_hours(fair, app):
    slots = meetings.meeting_slots(fair["event"])
    assert len(slots) == 6 and slots[0][0] == fair["event"].starts_at
    assert all(end - start == timedelta(minutes=20) for start, end in slots)


def test_buyers_join_ask_and_get_an_agenda(app, fair, pair, make_buyer, mailbox, drain):
    event = fair["event"]
    with pytest.raises(ValidationError):  # a buyer must join first
        meetings.request_meeting(pair["buyer_user"], event, side="buyer", buyer=pair["buyer"],
                                 producer=pair["producer"], today=TODAY)
    meetings.join_meetings(pair["buyer_user"], event, buyer=pair["buyer"], available_slots=[2, 3])
    other, other_user = make_buyer(name="Nhà hàng Sen")
    meetings.join_meetings(other_user, event, buyer=other, available_slots=None)
    first = meetings.request_meeting(pair["buyer_user"], event, side="buyer", buyer=pair["buyer"],
                                     producer=pair["producer"], today=TODAY)
    second = meetings.request_meeting(pair["producer_user"], event, side="producer", buyer=other,
                                      producer=pair["producer"], today=TODAY)
    assert first.score > 70 and second.score == 0  # the second buyer has no demand yet
    with pytest.raises(ValidationError):
        meetings.request_meeting(pair["buyer_user"], event, side="buyer", buyer=pair["buyer"],
                                 producer=pair["producer"], today=TODAY)
    with pytest.raises(PermissionDenied):
        meetings.schedule(pair["buyer_user"], event)
    report = meetings.schedule(fair["organizer"], event)
    assert (report.scheduled, report.unscheduled) == (2, 0)
    db.session.expire_all()
    assert first.status is MeetingStatus.SCHEDULED and first.slot == 2  # the best score, in its availability
    assert second.slot == 0
    drain()
    mails = mailbox()
    assert any("Lịch gặp giao thương" in m and "Siêu thị Xanh" in m for m in mails)
    # The agenda, as a page and as .ics.
    buyer = sign_in(app.test_client(), pair["buyer_user"])
    page = buyer.get(f"/matching/events/{event.slug}/agenda").get_data(as_text=True)
    assert "HTX Bưởi Mỏ Cày" in page and "gian số 1" in page
    response = buyer.get(f"/matching/events/{event.slug}/agenda.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    entries = [c for c in calendar.walk("VEVENT")]
    assert len(entries) == 1 and str(entries[0]["summary"]) == "Gặp HTX Bưởi Mỏ Cày"
    assert entries[0].decoded("dtstart").replace(tzinfo=None) == first.starts_at
    # A second run keeps what was placed.
    again = meetings.schedule(fair["organizer"], event)
    assert again.kept == 2 and again.scheduled == 0


def test_requests_that_do_not_fit_are_unscheduled_and_tried_again(app, fair, pair, make_buyer):
    event = fair["event"]
    meetings.join_meetings(pair["producer_user"], event, producer=pair["producer"], available_slots=[0])
    buyers = [make_buyer(name=f"Người mua {n}") for n in range(2)]
    for buyer, user in buyers:
        meetings.join_meetings(user, event, buyer=buyer)
        meetings.request_meeting(user, event, side="buyer", buyer=buyer, producer=pair["producer"], today=TODAY)
    report = meetings.schedule(fair["organizer"], event)
    assert (report.scheduled, report.unscheduled) == (1, 1)
    waiting = db.session.execute(db.select(MeetingRequest).where(
        MeetingRequest.status == MeetingStatus.UNSCHEDULED)).scalar_one()
    meetings.join_meetings(pair["producer_user"], event, producer=pair["producer"], available_slots=[0, 1])
    assert meetings.schedule(fair["organizer"], event).scheduled == 1
    db.session.expire_all()
    assert waiting.status is MeetingStatus.SCHEDULED and waiting.slot == 1


def test_only_exhibitors_and_members_take_part(app, fair, make_seller, make_buyer, pair):
    event = fair["event"]
    outsider, outsider_user = make_seller(name="HTX Không trưng bày")
    with pytest.raises(PermissionDenied):
        meetings.join_meetings(outsider_user, event, producer=outsider)
    with pytest.raises(PermissionDenied):
        meetings.join_meetings(outsider_user, event, buyer=pair["buyer"])
    meetings.join_meetings(pair["buyer_user"], event, buyer=pair["buyer"])
    with pytest.raises(ValidationError):
        meetings.request_meeting(pair["buyer_user"], event, side="buyer", buyer=pair["buyer"], producer=outsider,
                                 today=TODAY)
    request = meetings.request_meeting(pair["buyer_user"], event, side="buyer", buyer=pair["buyer"],
                                       producer=pair["producer"], today=TODAY)
    stranger = sign_in(app.test_client(), make_buyer(name="Lạ")[1])
    token = FormClient(stranger).token("/matching/connections")
    assert stranger.post(f"/matching/meetings/{request.id}/withdraw", data={"csrf_token": token}).status_code == 404
    assert stranger.get(f"/matching/events/{event.slug}/agenda").status_code == 404
    assert request.status is MeetingStatus.REQUESTED


def test_the_meetings_page_lets_a_buyer_join_and_ask(app, fair, pair):
    event = fair["event"]
    buyer = sign_in(app.test_client(), pair["buyer_user"])
    forms = FormClient(buyer)
    url = f"/matching/events/{event.slug}/meetings"
    assert "Đăng ký gặp gỡ" in buyer.get(url).get_data(as_text=True)
    response = forms.post(f"{url}/join", {"side": "buyer", "slots": ["1", "2"]}, form_url=url)
    assert response.status_code == 302
    assert meetings.participant(event, buyer_id=pair["buyer"].id).available_slots == [1, 2]
    forms.post(f"{url}/request", {"side": "buyer", "producer_id": pair["producer"].id}, form_url=url)
    assert MeetingRequest.query.one().producer_id == pair["producer"].id
    organizer = sign_in(app.test_client(), fair["organizer"])
    FormClient(organizer).post(f"{url}/schedule", {}, form_url=url)
    assert MeetingRequest.query.one().status is MeetingStatus.SCHEDULED
    assert app.test_client().get(url).status_code == 302  # sign in first
