"""The organizer's workspace (/organizer): own events and showrooms only.

Every route loads the record named in the URL and checks that the signed-in
organizer may act on that very record (access.may_manage_event /
may_manage_showroom); another organizer's record is a 404, as if it did not exist.
"""
from urllib.parse import urlsplit

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import unconfirmed_redirect
from marketplace.accounts.models import Role
from marketplace.catalog.models import Province
from marketplace.core.errors import DomainError
from marketplace.core.forms import attach_error, show_first, uploaded_bytes
from marketplace.core.spreadsheets import csv_response, write_csv
from marketplace.core.submissions import AlreadySubmitted
from marketplace.events import organizer_bp as bp
from marketplace.events import access, booths, lifecycle, media, queries, showrooms
from marketplace.events import visitors as visitor_service  # `visitors` is a route here
from marketplace.events.forms import (CheckInForm, ConfirmForm, DecisionForm, EventForm, EventStatusForm,
                                      ShowroomForm, StockForm)
from marketplace.events.labels import label
from marketplace.events.models import BoothApplication, Event, EventStatus, Showroom
from marketplace.events.tickets import format_code
from marketplace.events.times import to_local, to_utc
from marketplace.extensions import db

DECISIONS = {"accept": "accepted", "reject": "rejected", "waitlist": "waitlisted", "cancel": "cancelled"}
EVENT_ACTIONS = {"publish": EventStatus.PUBLISHED, "postpone": EventStatus.POSTPONED,
                 "cancel": EventStatus.CANCELLED}


@bp.before_request
def _organizers_only():
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if current_user.role not in (Role.ORGANIZER, Role.ADMIN):
        abort(403)
    return unconfirmed_redirect()  # a confirmed address first (accounts.access)


def _own_event_or_404(event_id):
    event = db.session.get(Event, event_id)
    if event is None or not access.may_manage_event(current_user, event):
        abort(404)
    return event


def _own_showroom_or_404(showroom_id):
    showroom = db.session.get(Showroom, showroom_id)
    if showroom is None or not access.may_manage_showroom(current_user, showroom):
        abort(404)
    return showroom


def _province_choices():
    provinces = db.session.execute(db.select(Province).order_by(Province.name_ascii)).scalars().all()
    return [("", _("— Chọn —"))] + [(p.slug, p.name_vi) for p in provinces]


def _province(slug):
    return db.session.execute(db.select(Province).where(Province.slug == slug)).scalar_one_or_none()


@bp.get("/")
def dashboard():
    events = queries.organizer_events(current_user)
    return render_template("events/organizer/dashboard.html", events=events, counts=queries.event_counts(events),
                           showrooms=queries.organizer_showrooms(current_user))


# --- events -----------------------------------------------------------------------

def _event_fields(form):
    return dict(kind=form.kind.data, title=form.title.data, description=form.description.data or "",
                venue=form.venue.data or "", address=form.address.data or "", province=_province(form.province.data),
                starts_at=to_utc(form.starts_at.data), ends_at=to_utc(form.ends_at.data),
                booth_count=form.booth_count.data or 0, application_deadline=to_utc(form.application_deadline.data),
                visitor_capacity=form.visitor_capacity.data)


@bp.route("/events/new", methods=["GET", "POST"])
def new_event():
    form = EventForm()
    form.province.choices = _province_choices()
    if form.validate_on_submit():
        try:
            event = media.create_event(organizer=current_user, cover=uploaded_bytes(form.cover, "MAX_IMAGE_BYTES"),
                                       submission=form.submission_token, **_event_fields(form))
        except AlreadySubmitted as done:
            return show_first(done, url_for("organizer.event", event_id=done.record_id))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã tạo sự kiện (bản nháp). Kiểm tra lại rồi bấm “Công bố”."), "success")
            return redirect(url_for("organizer.event", event_id=event.id))
    return render_template("events/organizer/event_form.html", form=form, event=None), 400 if form.errors else 200


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
def edit_event(event_id):
    event = _own_event_or_404(event_id)
    form = EventForm(obj=None if request.method == "POST" else event)
    form.province.choices = _province_choices()
    if request.method == "GET":
        form.kind.data, form.province.data = event.kind.value, event.province.slug
        form.starts_at.data = to_local(event.starts_at).replace(tzinfo=None)
        form.ends_at.data = to_local(event.ends_at).replace(tzinfo=None)
        form.application_deadline.data = (to_local(event.application_deadline).replace(tzinfo=None)
                                          if event.application_deadline else None)
    if form.validate_on_submit():
        try:
            media.update_event(event, cover=uploaded_bytes(form.cover, "MAX_IMAGE_BYTES"),
                               remove_cover=form.remove_cover.data, **_event_fields(form))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã lưu thay đổi."), "success")
            return redirect(url_for("organizer.event", event_id=event.id))
    return render_template("events/organizer/event_form.html", form=form, event=event), 400 if form.errors else 200


@bp.get("/events/<int:event_id>")
def event(event_id):
    event = _own_event_or_404(event_id)
    applications = queries.event_applications(event)
    return render_template("events/organizer/event.html", event=event, applications=applications,
                           counts=queries.event_counts([event])[event.id], status_form=EventStatusForm(),
                           decision_form=DecisionForm(), free_booths=booths.free_booths(event))


@bp.post("/events/<int:event_id>/status")
def event_status(event_id):
    event = _own_event_or_404(event_id)
    form = EventStatusForm()
    if not form.validate_on_submit() or form.action.data not in EVENT_ACTIONS:
        flash(_("Thao tác không hợp lệ."), "error")
        return redirect(url_for("organizer.event", event_id=event.id))
    try:
        lifecycle.transition_event(event, EVENT_ACTIONS[form.action.data], reason=form.reason.data,
                                   new_starts_at=to_utc(form.new_starts_at.data),
                                   new_ends_at=to_utc(form.new_ends_at.data))
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        flash(_("Sự kiện: %(status)s.", status=label(event.status)), "success")
    return redirect(url_for("organizer.event", event_id=event.id))


@bp.post("/applications/<int:application_id>/decision")
def decide(application_id):
    application = db.session.get(BoothApplication, application_id)
    if application is None:
        abort(404)
    event = _own_event_or_404(application.event_id)
    form = DecisionForm()
    if not form.validate_on_submit() or form.action.data not in DECISIONS:
        flash(_("Thao tác không hợp lệ."), "error")
        return redirect(url_for("organizer.event", event_id=event.id))
    try:
        booths.decide_application(application, DECISIONS[form.action.data], actor=current_user,
                                  reason=form.reason.data)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        flash(_("%(producer)s: %(status)s.", producer=application.producer.name, status=label(application.status)),
              "success")
    return redirect(url_for("organizer.event", event_id=event.id, _anchor="applications"))


@bp.get("/events/<int:event_id>/visitors")
def visitors(event_id):
    event = _own_event_or_404(event_id)
    return render_template("events/organizer/visitors.html", event=event,
                           registrations=queries.event_registrations(event),
                           counts=queries.event_counts([event])[event.id])


def ticket_code_from(text):
    """A typed code, or a scanned ticket address (…/tickets/<code>), reduced to the code."""
    text = (text or "").strip()
    path = urlsplit(text).path if "://" in text else text
    if "/tickets/" in path:
        return path.split("/tickets/", 1)[1].split("/")[0]
    return text


@bp.route("/events/<int:event_id>/checkin", methods=["GET", "POST"])
def check_in(event_id):
    event = _own_event_or_404(event_id)
    form = CheckInForm()
    result, refused, pending = None, None, None
    if request.method == "GET" and request.args.get("code"):
        # Arriving from a scanned ticket: show whose ticket it is and ask to confirm.
        form.code.data = request.args["code"]
        pending = visitor_service.find_registration(ticket_code_from(form.code.data))
        if pending is not None and pending.event_id != event.id:
            pending = None
    if form.validate_on_submit():
        try:
            result = visitor_service.check_in(event=event, code=ticket_code_from(form.code.data), staff=current_user)
        except visitor_service.AlreadyCheckedIn as error:
            refused = error.registration
        except DomainError as error:
            attach_error(form, error)
        else:
            form.code.data = ""
    counts = queries.event_counts([event])[event.id]
    status = 409 if refused is not None else 400 if form.errors else 200
    return render_template("events/organizer/checkin.html", event=event, form=form, result=result, refused=refused,
                           pending=pending, counts=counts), status


def _csv_response(filename, header, rows):
    return csv_response(write_csv(header, rows, bom=True), filename)  # the BOM: Excel reads UTF-8


def _local(value):
    return to_local(value).strftime("%Y-%m-%d %H:%M") if value else ""


@bp.get("/events/<int:event_id>/exhibitors.csv")
def exhibitors_csv(event_id):
    event = _own_event_or_404(event_id)
    rows = ([a.booth_number, a.producer.name, label(a.status), a.booth_size.value, "x" if a.needs_power else "",
             "; ".join(p.name for p in a.products), a.producer.phone, a.producer.email, a.note, a.reason,
             _local(a.created_at), _local(a.decided_at)]
            for a in queries.event_applications(event))
    header = [_("Gian số"), _("Chủ thể"), _("Trạng thái"), _("Diện tích"), _("Cần điện"), _("Sản phẩm"),
              _("Điện thoại"), _("Email"), _("Ghi chú"), _("Lý do"), _("Ngày gửi"), _("Ngày quyết định")]
    return _csv_response(f"{event.slug}-exhibitors.csv", header, rows)


@bp.get("/events/<int:event_id>/visitors.csv")
def visitors_csv(event_id):
    event = _own_event_or_404(event_id)
    rows = ([format_code(r.code), r.name, r.email, r.phone, label(r.status), _local(r.created_at),
             _local(r.checked_in_at)] for r in queries.event_registrations(event))
    header = [_("Mã vé"), _("Họ tên"), _("Email"), _("Điện thoại"), _("Trạng thái"), _("Ngày đăng ký"),
              _("Check-in lúc")]
    return _csv_response(f"{event.slug}-visitors.csv", header, rows)


# --- showrooms -----------------------------------------------------------------------

def _showroom_fields(form):
    return dict(name=form.name.data, address=form.address.data, province=_province(form.province.data),
                opening_hours=form.opening_hours.data or "", description=form.description.data or "",
                phone=form.phone.data or None, email=form.email.data or None)


@bp.route("/showrooms/new", methods=["GET", "POST"])
def new_showroom():
    form = ShowroomForm()
    form.province.choices = _province_choices()
    if form.validate_on_submit():
        try:
            showroom = media.create_showroom(organizer=current_user, submission=form.submission_token,
                                             photo=uploaded_bytes(form.photo, "MAX_IMAGE_BYTES"),
                                             **_showroom_fields(form))
        except AlreadySubmitted as done:
            return show_first(done, url_for("organizer.showroom", showroom_id=done.record_id))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã tạo điểm giới thiệu sản phẩm."), "success")
            return redirect(url_for("organizer.showroom", showroom_id=showroom.id))
    return render_template("events/organizer/showroom_form.html", form=form, showroom=None), \
        400 if form.errors else 200


@bp.route("/showrooms/<int:showroom_id>", methods=["GET", "POST"])
def showroom(showroom_id):
    showroom = _own_showroom_or_404(showroom_id)
    form = ShowroomForm(obj=None if request.method == "POST" else showroom)
    form.province.choices = _province_choices()
    if request.method == "GET":
        form.province.data = showroom.province.slug
    if form.validate_on_submit():
        try:
            media.update_showroom(showroom, is_active=form.is_active.data,
                                  photo=uploaded_bytes(form.photo, "MAX_IMAGE_BYTES"),
                                  remove_photo=form.remove_photo.data, **_showroom_fields(form))
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            flash(_("Đã lưu thay đổi."), "success")
            return redirect(url_for("organizer.showroom", showroom_id=showroom.id))
    return render_template("events/organizer/showroom_form.html", form=form, showroom=showroom,
                           stock_form=StockForm(formdata=None), remove_form=ConfirmForm()), 400 if form.errors else 200


@bp.post("/showrooms/<int:showroom_id>/products")
def stock(showroom_id):
    showroom = _own_showroom_or_404(showroom_id)
    form = StockForm()
    if form.validate_on_submit():
        try:
            showrooms.stock_product(showroom, showrooms.find_product_for_showroom(form.product.data))
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã thêm sản phẩm."), "success")
    else:
        flash(_("Nhập mã hoặc đường dẫn sản phẩm."), "error")
    return redirect(url_for("organizer.showroom", showroom_id=showroom.id))


@bp.post("/showrooms/<int:showroom_id>/products/<int:product_id>/remove")
def unstock(showroom_id, product_id):
    showroom = _own_showroom_or_404(showroom_id)
    if ConfirmForm().validate_on_submit():
        showrooms.unstock_product(showroom, product_id)
        flash(_("Đã bỏ sản phẩm khỏi điểm giới thiệu."), "info")
    return redirect(url_for("organizer.showroom", showroom_id=showroom.id))
