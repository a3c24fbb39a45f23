"""Meetings at B2B events: joining with the slots one can meet in, asking to meet the other
side, the organiser's scheduling, and each party's agenda (page and iCalendar)."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import confirmed_required
from marketplace.catalog.models import Producer
from marketplace.core.errors import DomainError
from marketplace.core.forms import show_first, stale_submission
from marketplace.core.submissions import AlreadySubmitted
from marketplace.core.timeutil import vn_today
from marketplace.core.urls import external_url, site_host
from marketplace.events.models import Event
from marketplace.extensions import db, limiter
from marketplace.matching import access, bp, meetings
from marketplace.matching.forms import ConfirmForm, JoinForm, MeetingRequestForm
from marketplace.matching.models import BuyerOrganisation, MeetingRequest, Side
from marketplace.matching.views.acting import acting_buyer, acting_producer, connection_limit, user_key


def _b2b_event_or_404(slug):
    event = db.session.execute(db.select(Event).where(Event.slug == slug)).scalar_one_or_none()
    if not meetings.is_b2b(event):
        abort(404)
    return event


def _slot_choices(event):
    from marketplace.core.templating import local_datetime
    from wtforms import SelectChoice
    return [SelectChoice(str(i), f"{local_datetime(start, 'EEE dd/MM HH:mm')}–{local_datetime(end, 'HH:mm')}")
            for i, (start, end) in enumerate(meetings.meeting_slots(event))]


def _meeting_context(event):
    from marketplace.events.access import may_manage_event
    buyer, producer = acting_buyer(), acting_producer()
    exhibitors = meetings.exhibitor_ids(event)
    producer = producer if producer is not None and producer.id in exhibitors else None
    buyer_participant = meetings.participant(event, buyer_id=buyer.id) if buyer is not None else None
    producer_participant = meetings.participant(event, producer_id=producer.id) if producer is not None else None
    mine = []
    if buyer is not None or producer is not None:
        conditions = []
        if buyer is not None:
            conditions.append(MeetingRequest.buyer_id == buyer.id)
        if producer is not None:
            conditions.append(MeetingRequest.producer_id == producer.id)
        mine = db.session.execute(db.select(MeetingRequest).where(MeetingRequest.event_id == event.id,
                                                                  db.or_(*conditions))
                                  .order_by(MeetingRequest.id)).scalars().all()
    exhibitor_rows = db.session.execute(db.select(Producer).where(Producer.id.in_(exhibitors or [-1]))
                                        .order_by(Producer.name)).scalars().all()
    buyer_rows = db.session.execute(db.select(BuyerOrganisation).join(
        meetings.MeetingParticipant, meetings.MeetingParticipant.buyer_id == BuyerOrganisation.id)
        .where(meetings.MeetingParticipant.event_id == event.id).order_by(BuyerOrganisation.name)).scalars().all()
    return {"event": event, "buyer": buyer, "producer": producer, "buyer_participant": buyer_participant,
            "producer_participant": producer_participant, "mine": mine, "exhibitors": exhibitor_rows,
            "buyers": buyer_rows, "may_manage": may_manage_event(current_user, event),
            "slots": meetings.meeting_slots(event), "requested_pairs": {(r.buyer_id, r.producer_id) for r in mine
                                                                       if r.status.value != "withdrawn"}}


@bp.get("/events/<slug>/meetings")
@confirmed_required
def event_meetings(slug):
    event = _b2b_event_or_404(slug)
    context = _meeting_context(event)
    join_form = JoinForm()
    join_form.slots.choices = _slot_choices(event)
    participant = context["buyer_participant"] or context["producer_participant"]
    join_form.slots.data = [str(s) for s in (participant.available_slots if participant and
                                             participant.available_slots is not None
                                             else range(len(context["slots"])))]
    all_requests = meetings.event_requests(event) if context["may_manage"] else []
    return render_template("matching/meetings.html", join_form=join_form, request_form=MeetingRequestForm(),
                           confirm_form=ConfirmForm(), all_requests=all_requests, **context)


@bp.post("/events/<slug>/meetings/join")
@confirmed_required
def join_meetings(slug):
    event = _b2b_event_or_404(slug)
    form = JoinForm()
    form.slots.choices = _slot_choices(event)
    side = request.form.get("side")
    if form.validate_on_submit():
        try:
            if side == "producer":
                producer = acting_producer()
                if producer is None:
                    abort(403)
                meetings.join_meetings(current_user, event, producer=producer,
                                       available_slots=[int(s) for s in form.slots.data or []])
            else:
                buyer = acting_buyer()
                if buyer is None:
                    return redirect(url_for("matching.new_buyer"))
                meetings.join_meetings(current_user, event, buyer=buyer,
                                       available_slots=[int(s) for s in form.slots.data or []])
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã lưu các khung giờ bạn có thể gặp."), "success")
    else:
        flash(_("Chọn ít nhất một khung giờ."), "error")
    return redirect(url_for("matching.event_meetings", slug=event.slug))


@bp.post("/events/<slug>/meetings/request")
@confirmed_required
@limiter.limit(connection_limit, key_func=user_key)
def request_meeting(slug):
    event = _b2b_event_or_404(slug)
    form = MeetingRequestForm()
    if not form.validate_on_submit():
        if stale_submission(form):
            return redirect(url_for("matching.event_meetings", slug=event.slug))
        abort(400)
    try:
        side = Side(form.side.data)
        if side is Side.BUYER:
            buyer = acting_buyer()
            producer = db.session.get(Producer, int(form.producer_id.data))
        else:
            producer = acting_producer()
            buyer = db.session.get(BuyerOrganisation, int(form.buyer_id.data))
    except (ValueError, TypeError):
        abort(400)
    if buyer is None or producer is None:
        abort(404)
    try:
        meetings.request_meeting(current_user, event, side=side, buyer=buyer, producer=producer,
                                 note=form.note.data, today=vn_today(), submission=form.submission_token)
    except AlreadySubmitted as done:
        return show_first(done, url_for("matching.event_meetings", slug=event.slug))
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Đã gửi yêu cầu gặp. Ban tổ chức sẽ xếp lịch."), "success")
    return redirect(url_for("matching.event_meetings", slug=event.slug))


@bp.post("/meetings/<int:request_id>/withdraw")
@confirmed_required
def withdraw_meeting(request_id):
    item = db.session.get(MeetingRequest, request_id)
    if item is None or not access.sides_of(current_user, item.buyer_id, item.producer_id):
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            meetings.withdraw_meeting(current_user, item)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã hủy yêu cầu gặp."), "success")
    return redirect(url_for("matching.event_meetings", slug=item.event.slug))


@bp.post("/events/<slug>/meetings/schedule")
@confirmed_required
def schedule(slug):
    event = _b2b_event_or_404(slug)
    if ConfirmForm().validate_on_submit():
        try:
            report = meetings.schedule(current_user, event)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã xếp lịch %(n)s cuộc gặp; %(m)s yêu cầu chưa có khung giờ phù hợp.",
                    n=report.scheduled + report.kept, m=report.unscheduled), "success")
    return redirect(url_for("matching.event_meetings", slug=event.slug))


def _agenda_for_user(event):
    buyer, producer = acting_buyer(), acting_producer()
    if buyer is not None and meetings.participant(event, buyer_id=buyer.id) is not None:
        return Side.BUYER, buyer, meetings.agenda(event, buyer_id=buyer.id)
    if producer is not None and producer.id in meetings.exhibitor_ids(event):
        return Side.PRODUCER, producer, meetings.agenda(event, producer_id=producer.id)
    abort(404)


@bp.get("/events/<slug>/agenda")
@confirmed_required
def agenda(slug):
    event = _b2b_event_or_404(slug)
    side, party, items = _agenda_for_user(event)
    return render_template("matching/agenda.html", event=event, side=side.value, party=party, items=items)


@bp.get("/events/<slug>/agenda.ics")
@confirmed_required
def agenda_ics(slug):
    event = _b2b_event_or_404(slug)
    side, party, items = _agenda_for_user(event)
    body = meetings.agenda_ics(event, items, side, site_host(),
                               external_url("matching.agenda", slug=event.slug))
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f"attachment; filename=lich-gap-{event.slug}.ics",
                             "Cache-Control": "private, no-store"})
