"""Meetings at B2B matchmaking events (phiên kết nối giao thương).

At a published event of kind `b2b_session`, buyer organisations join the
meetings, exhibitors (accepted booth applications) take part as they are, and
either side asks for a meeting with the other. The organizer runs the scheduler:
the event's hours are cut into fixed slots (MEETING_SLOT_MINUTES, 20 by default,
between 08:00 and 17:30 Vietnam time on each day of the event), and requests are
placed highest score first (the best match between the two sides' posts), each
in the earliest slot both sides have free and are available for. Nobody is ever
in two meetings at once; a request no slot fits becomes `unscheduled` and is tried
again at the next run. Each participant gets an agenda, as a page and as .ics.

Meeting request states: requested → scheduled | unscheduled | withdrawn;
unscheduled → scheduled | withdrawn; scheduled → withdrawn.
"""
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from flask import current_app
from icalendar import Calendar, Event as ICalEvent, vText

from marketplace.catalog.models import Producer
from marketplace.core import submissions
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.timeutil import utcnow
from marketplace.core.transactions import atomic
from marketplace.events.models import ApplicationStatus, BoothApplication, Event, EventKind, EventStatus
from marketplace.events.access import may_manage_event
from marketplace.events.times import to_local, to_utc
from marketplace.extensions import db
from marketplace.matching import access, notifications
from marketplace.matching.models import (BuyerOrganisation, MeetingParticipant, MeetingRequest, MeetingStatus,
                                         Side)

DAY_START = time(8, 0)
DAY_END = time(17, 30)
MEETING_TRANSITIONS = {
    MeetingStatus.REQUESTED: {MeetingStatus.SCHEDULED, MeetingStatus.UNSCHEDULED, MeetingStatus.WITHDRAWN},
    MeetingStatus.UNSCHEDULED: {MeetingStatus.SCHEDULED, MeetingStatus.WITHDRAWN},
    MeetingStatus.SCHEDULED: {MeetingStatus.WITHDRAWN},
    MeetingStatus.WITHDRAWN: set(),
}
ACTIVE = (MeetingStatus.REQUESTED, MeetingStatus.SCHEDULED, MeetingStatus.UNSCHEDULED)


def slot_minutes():
    return int(current_app.config.get("MEETING_SLOT_MINUTES", 20))


def is_b2b(event):
    return event is not None and event.kind is EventKind.B2B_SESSION and event.status is EventStatus.PUBLISHED


def meeting_slots(event, minutes=None):
    """[(start, end)] naive UTC: fixed slots within the event's hours, 08:00–17:30 local each day."""
    minutes = minutes or slot_minutes()
    step = timedelta(minutes=minutes)
    start, end = to_local(event.starts_at), to_local(event.ends_at)
    slots, day = [], start.date()
    while day <= end.date():
        opens = max(start, datetime.combine(day, DAY_START, tzinfo=start.tzinfo))
        closes = min(end, datetime.combine(day, DAY_END, tzinfo=start.tzinfo))
        moment = opens
        while moment + step <= closes:
            slots.append((to_utc(moment), to_utc(moment + step)))
            moment += step
        day += timedelta(days=1)
    return slots


# --- who takes part ------------------------------------------------------------------------

def exhibitor_ids(event):
    return set(db.session.execute(db.select(BoothApplication.producer_id).where(
        BoothApplication.event_id == event.id, BoothApplication.status == ApplicationStatus.ACCEPTED)).scalars())


def booth_numbers(event):
    return dict(db.session.execute(db.select(BoothApplication.producer_id, BoothApplication.booth_number).where(
        BoothApplication.event_id == event.id, BoothApplication.status == ApplicationStatus.ACCEPTED)).all())


def participant(event, *, buyer_id=None, producer_id=None):
    query = db.select(MeetingParticipant).where(MeetingParticipant.event_id == event.id)
    query = query.where(MeetingParticipant.buyer_id == buyer_id) if buyer_id is not None else \
        query.where(MeetingParticipant.producer_id == producer_id)
    return db.session.execute(query).scalar_one_or_none()


def is_participant(event, side, party_id):
    if side is Side.PRODUCER:
        return party_id in exhibitor_ids(event)
    return participant(event, buyer_id=party_id) is not None


def _check_slots(event, slots):
    if slots is None:
        return None
    count = len(meeting_slots(event))
    chosen = sorted({int(s) for s in slots})
    if any(not 0 <= s < count for s in chosen):
        raise ValidationError(_l("Khung giờ không hợp lệ."), field="slots")
    if not chosen:
        raise ValidationError(_l("Chọn ít nhất một khung giờ."), field="slots")
    return chosen


def join_meetings(actor, event, *, buyer=None, producer=None, available_slots=None, now=None):
    """A buyer organisation joins the event's meetings, or either side sets its availability."""
    if not is_b2b(event):
        raise ValidationError(_l("Sự kiện này không có phiên gặp gỡ giao thương."))
    now = now or utcnow()
    if buyer is not None:
        access.require_buyer(actor, buyer)
    elif producer is not None:
        access.require_producer(actor, producer)
        if producer.id not in exhibitor_ids(event):
            raise PermissionDenied(_l("Chỉ đơn vị có gian hàng được chấp nhận mới tham gia gặp gỡ."))
    else:
        raise ValidationError(_l("Cần chọn doanh nghiệp hoặc chủ thể."))
    slots = _check_slots(event, available_slots)
    with atomic():
        row = participant(event, buyer_id=buyer.id) if buyer is not None else participant(event,
                                                                                          producer_id=producer.id)
        if row is None:
            row = MeetingParticipant(event_id=event.id, buyer_id=buyer.id if buyer else None,
                                     producer_id=producer.id if producer else None, created_at=now)
            db.session.add(row)
        row.available_slots = slots
    return row


def request_meeting(actor, event, *, side, buyer, producer, note="", today, now=None, submission=None):
    """Ask for a meeting between `buyer` and `producer` at the event (as `side`); once per submitted form."""
    side = Side(side)
    now = now or utcnow()
    if not is_b2b(event):
        raise ValidationError(_l("Sự kiện này không có phiên gặp gỡ giao thương."))
    if side is Side.BUYER:
        access.require_buyer(actor, buyer)
    else:
        access.require_producer(actor, producer)
    if buyer is None or participant(event, buyer_id=buyer.id) is None:
        raise ValidationError(_l("Doanh nghiệp mua cần đăng ký tham gia gặp gỡ trước."))
    if producer is None or producer.id not in exhibitor_ids(event):
        raise ValidationError(_l("Chủ thể này không có gian hàng tại sự kiện."))
    from marketplace.matching.matcher import best_pair_score
    with atomic():
        claim = submissions.claim(submission, "meeting_request")
        existing = db.session.execute(db.select(MeetingRequest.id).where(
            MeetingRequest.event_id == event.id, MeetingRequest.buyer_id == buyer.id,
            MeetingRequest.producer_id == producer.id, MeetingRequest.status.in_(ACTIVE))).first()
        if existing is not None:
            raise ValidationError(_l("Hai bên đã có yêu cầu gặp tại sự kiện này."))
        request = MeetingRequest(event_id=event.id, buyer_id=buyer.id, producer_id=producer.id,
                                 requested_by_side=side, requested_by_id=actor.id,
                                 note=(note or "").strip()[:500], created_at=now,
                                 score=best_pair_score(buyer.id, producer.id, today),
                                 status=MeetingStatus.REQUESTED)
        db.session.add(request)
        db.session.flush()
        claim.done(request.id)
    return request


def _move(request, to_status, now):
    if to_status not in MEETING_TRANSITIONS[request.status]:
        raise InvalidTransition(_l("Không thể thay đổi yêu cầu gặp này."))
    request.status = to_status
    if to_status is not MeetingStatus.SCHEDULED:
        request.slot, request.starts_at, request.ends_at = None, None, None


def withdraw_meeting(actor, request, *, now=None):
    now = now or utcnow()
    if not access.sides_of(actor, request.buyer_id, request.producer_id):
        raise PermissionDenied(_l("Bạn không thuộc cuộc gặp này."))
    with atomic():
        _move(request, MeetingStatus.WITHDRAWN, now)
    return request


# --- the scheduler -------------------------------------------------------------------------

@dataclass(frozen=True)
class Want:
    """What the scheduler sees of a request."""

    id: int
    buyer: object  # any hashable key of the buyer side
    producer: object
    score: int
    order: int  # tie break: earlier requests first


def assign_slots(wants, n_slots, availability, busy=None):
    """{want id: slot or None}: highest score first, each in the earliest slot both sides have
    free and are available for. availability: {party key: set of slots} (a missing key: every
    slot); busy: {party key: set of slots already taken}. Slot sets are bit masks inside."""
    every = (1 << n_slots) - 1
    free = {}

    def mask(key):
        if key not in free:
            allowed = availability.get(key)
            value = every if allowed is None else sum(1 << s for s in allowed if 0 <= s < n_slots)
            for s in (busy or {}).get(key, ()):
                value &= ~(1 << s)
            free[key] = value
        return free[key]

    result = {}
    for want in sorted(wants, key=lambda w: (-w.score, w.order, w.id)):
        common = mask(want.buyer) & mask(want.producer)
        if not common:
            result[want.id] = None
            continue
        slot = (common & -common).bit_length() - 1
        free[want.buyer] &= ~(1 << slot)
        free[want.producer] &= ~(1 << slot)
        result[want.id] = slot
    return result


@dataclass
class ScheduleReport:
    scheduled: int = 0
    unscheduled: int = 0
    kept: int = 0


def schedule(actor, event, *, now=None, notify=True):
    """Place every requested or unscheduled meeting of the event; scheduled ones stay where they are."""
    now = now or utcnow()
    if not may_manage_event(actor, event):
        raise PermissionDenied(_l("Bạn không quản lý sự kiện này."))
    if not is_b2b(event):
        raise ValidationError(_l("Sự kiện này không có phiên gặp gỡ giao thương."))
    slots = meeting_slots(event)
    report = ScheduleReport()
    with atomic():
        requests = db.session.execute(db.select(MeetingRequest).where(
            MeetingRequest.event_id == event.id, MeetingRequest.status.in_(ACTIVE))
            .with_for_update()).scalars().all()
        participants = db.session.execute(db.select(MeetingParticipant).where(
            MeetingParticipant.event_id == event.id)).scalars().all()
        availability = {}
        for p in participants:
            if p.available_slots is not None:
                availability[("b", p.buyer_id) if p.buyer_id else ("p", p.producer_id)] = set(p.available_slots)
        busy = {}
        for r in requests:
            if r.status is MeetingStatus.SCHEDULED and r.slot is not None:
                busy.setdefault(("b", r.buyer_id), set()).add(r.slot)
                busy.setdefault(("p", r.producer_id), set()).add(r.slot)
                report.kept += 1
        open_requests = [r for r in requests if r.status is not MeetingStatus.SCHEDULED]
        wants = [Want(id=r.id, buyer=("b", r.buyer_id), producer=("p", r.producer_id), score=r.score,
                      order=int(r.created_at.timestamp() * 1000)) for r in open_requests]
        placed = assign_slots(wants, len(slots), availability, busy)
        for r in open_requests:
            slot = placed.get(r.id)
            if slot is None:
                if r.status is not MeetingStatus.UNSCHEDULED:
                    _move(r, MeetingStatus.UNSCHEDULED, now)
                report.unscheduled += 1
            else:
                _move(r, MeetingStatus.SCHEDULED, now)
                r.slot, (r.starts_at, r.ends_at), r.scheduled_at = slot, slots[slot], now
                report.scheduled += 1
        db.session.flush()
        if notify and report.scheduled:
            _send_agendas(event)
    return report


def _send_agendas(event):
    booths = booth_numbers(event)
    scheduled = agenda_rows(event)
    for side, key in ((Side.BUYER, "buyer_id"), (Side.PRODUCER, "producer_id")):
        parties = sorted({getattr(m, key) for m in scheduled})
        for party_id in parties:
            mine = [AgendaItem.of(m, booths) for m in scheduled if getattr(m, key) == party_id]
            notifications.meetings_scheduled(event, side, party_id, mine)


# --- agendas -------------------------------------------------------------------------------

def agenda_rows(event, *, buyer_id=None, producer_id=None):
    query = db.select(MeetingRequest).where(MeetingRequest.event_id == event.id,
                                            MeetingRequest.status == MeetingStatus.SCHEDULED)
    if buyer_id is not None:
        query = query.where(MeetingRequest.buyer_id == buyer_id)
    if producer_id is not None:
        query = query.where(MeetingRequest.producer_id == producer_id)
    return db.session.execute(query.order_by(MeetingRequest.starts_at, MeetingRequest.id)).scalars().all()


@dataclass
class AgendaItem:
    id: int
    starts_at: datetime
    ends_at: datetime
    buyer: BuyerOrganisation
    producer: Producer
    booth: int | None

    @classmethod
    def of(cls, request, booths):
        return cls(id=request.id, starts_at=request.starts_at, ends_at=request.ends_at, buyer=request.buyer,
                   producer=request.producer, booth=booths.get(request.producer_id))


def agenda(event, *, buyer_id=None, producer_id=None):
    booths = booth_numbers(event)
    return [AgendaItem.of(r, booths) for r in agenda_rows(event, buyer_id=buyer_id, producer_id=producer_id)]


def agenda_ics(event, items, side, host, url):
    """bytes of an iCalendar with one VEVENT per meeting (UTC times)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Cho OCOP//Lich gap giao thuong//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Lịch gặp: {event.title}")
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for item in items:
        other = item.producer.name if side is Side.BUYER else item.buyer.name
        entry = ICalEvent()
        entry.add("uid", f"meeting-{item.id}@{host}")
        entry.add("dtstamp", utcnow().replace(tzinfo=timezone.utc))
        entry.add("dtstart", item.starts_at.replace(tzinfo=timezone.utc))
        entry.add("dtend", item.ends_at.replace(tzinfo=timezone.utc))
        entry.add("summary", f"Gặp {other}")
        where = [f"Gian số {item.booth}" if item.booth else None, event.venue, event.province.name_vi]
        entry.add("location", vText(", ".join(part for part in where if part)))
        entry.add("url", url)
        calendar.add_component(entry)
    return calendar.to_ical()


def event_requests(event):
    return db.session.execute(db.select(MeetingRequest).where(MeetingRequest.event_id == event.id)
                              .order_by(MeetingRequest.status, MeetingRequest.score.desc(),
                                        MeetingRequest.id)).scalars().all()


def b2b_events(now):
    """Published B2B sessions that have not ended, soonest first."""
    return db.session.execute(db.select(Event).where(
        Event.kind == EventKind.B2B_SESSION, Event.status == EventStatus.PUBLISHED, Event.ends_at > now)
        .order_by(Event.starts_at)).scalars().all()
