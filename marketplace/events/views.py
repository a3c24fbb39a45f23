"""Public pages: events and showrooms, the calendar, visitor registration and
tickets, and producers' booth applications. Thin: parse, call a service, render."""
from itertools import groupby

from flask import Response, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from marketplace.accounts.access import confirmed_required
from marketplace.catalog.models import Product, ProductStatus, Province
from marketplace.core.errors import DomainError, PermissionDenied
from marketplace.core.forms import attach_error, show_first
from marketplace.core.pagecache import cached, params
from marketplace.core.submissions import AlreadySubmitted
from marketplace.core.inputs import int_arg
from marketplace.core.timeutil import utcnow, vn_today
from marketplace.events import access, booths, bp, lookup, queries, visitors
from marketplace.events.calendar import event_ics, feed_ics
from marketplace.events.forms import ApplyForm, ConfirmForm, FindTicketsForm, VisitorForm
from marketplace.events.labels import EVENT_KINDS
from marketplace.events.models import BoothApplication, RegistrationStatus, VisitorRegistration
from marketplace.events.tickets import qr_png
from marketplace.events.times import local_day
from marketplace.extensions import db, limiter
from marketplace.core.urls import external_url, site_host


def _event_or_404(slug):
    event = queries.public_event_or_none(slug)
    if event is None:
        abort(404)
    return event


def _registration_limit():
    return current_app.config.get("EVENT_REGISTRATION_RATE_LIMIT", "20 per minute;200 per hour")


@bp.get("/events")
@cached(params("when", "province", "kind", "month", "page", defaults={"when": "upcoming", "page": "1"}))
def events():
    filters = queries.parse_event_filters(request.args)
    page = queries.public_events(filters, utcnow())
    days = [(day, list(items)) for day, items in groupby(page.items, key=lambda e: local_day(e.starts_at))]
    provinces = db.session.execute(db.select(Province).order_by(Province.name_ascii)).scalars().all()
    return render_template("events/list.html", filters=filters, page=page, days=days, provinces=provinces,
                           kinds=EVENT_KINDS, months=queries.month_choices(vn_today(), filters))


@bp.get("/events/calendar.ics")
def calendar_feed():
    events = queries.calendar_events(utcnow())
    body = feed_ics(events, lambda e: external_url("events.event", slug=e.slug),
                    site_host(), _("Sự kiện OCOP sắp diễn ra"))
    return Response(body, mimetype="text/calendar", headers={"Content-Disposition": "inline; filename=ocop-events.ics"})


@bp.get("/events/<slug>")
@cached()
def event(slug):
    item = _event_or_404(slug)
    now = utcnow()
    return render_template("events/event.html", event=item, exhibitors=queries.exhibitors(item),
                           shown_products=queries.shown_products, places_left=visitors.places_left(item),
                           registration_open=visitors.registration_open(item, now),
                           applications_open=booths.applications_open(item, now),
                           may_manage=access.may_manage_event(current_user, item))


@bp.get("/events/<slug>/calendar.ics")
def event_calendar(slug):
    item = _event_or_404(slug)
    body = event_ics(item, external_url("events.event", slug=item.slug), site_host())
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f"attachment; filename={item.slug}.ics"})


@bp.route("/events/<slug>/register", methods=["GET", "POST"])
@limiter.limit(_registration_limit, methods=["POST"])
def register(slug):
    item = _event_or_404(slug)
    form = VisitorForm()
    if request.method == "GET" and current_user.is_authenticated:
        form.name.data, form.email.data, form.phone.data = current_user.full_name, current_user.email, current_user.phone
    if form.validate_on_submit():
        try:
            registration = visitors.register_visitor(event=item, name=form.name.data, email=form.email.data,
                                                     phone=form.phone.data, user=current_user,
                                                     submission=form.submission_token)
        except AlreadySubmitted as done:  # the same form again: its ticket (the token is this browser's)
            first = db.session.get(VisitorRegistration, done.record_id)
            return show_first(done, url_for("events.ticket", code=first.code))
        except DomainError as error:
            attach_error(form, error)
        else:
            if registration.status is RegistrationStatus.CONFIRMED:
                flash(_("Đăng ký thành công. Đây là vé của bạn; hãy lưu lại trang này."), "success")
            else:
                flash(_("Sự kiện đã đủ chỗ. Bạn đang ở danh sách chờ; vé sẽ có hiệu lực khi có chỗ."), "info")
            return redirect(url_for("events.ticket", code=registration.code))
    open_now = visitors.registration_open(item, utcnow())
    status = 400 if form.errors else 200
    return render_template("events/register.html", event=item, form=form, registration_open=open_now,
                           places_left=visitors.places_left(item)), status


def _ticket_or_404(code):
    registration = visitors.find_registration(code)
    if registration is None:
        abort(404)
    return registration


def _private(response):
    """A ticket is reached by its secret code: keep it out of caches, referrers and search engines."""
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _find_tickets_limit():
    return current_app.config["TICKET_LOOKUP_RATE_LIMIT"]


def _find_tickets_address_limit():
    return current_app.config["TICKET_LOOKUP_ADDRESS_RATE_LIMIT"]


def _typed_address():
    """The rate-limit key of the address asked for: one inbox is not flooded from many clients."""
    return "tickets:" + (request.form.get("email") or "").strip().lower()[:254]


@bp.route("/tickets/find", methods=["GET", "POST"])
@limiter.limit(_find_tickets_limit, methods=["POST"])
@limiter.limit(_find_tickets_address_limit, methods=["POST"], key_func=_typed_address)
def find_tickets():
    """Lost a ticket? A guest's tickets are e-mailed again; the page never shows them and
    answers the same whether or not the address registered (events.lookup)."""
    form = FindTicketsForm()
    if form.validate_on_submit():
        try:
            lookup.send_tickets_again(form.email.data, utcnow(), getattr(g, "locale", "vi"))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Nếu địa chỉ này đã đăng ký tham quan sự kiện sắp diễn ra, vé vừa được gửi lại vào hộp thư đó. "
                    "Hãy kiểm tra cả thư mục thư rác."), "success")
            return redirect(url_for("events.find_tickets"))
    return render_template("events/find_tickets.html", form=form), 400 if form.errors else 200


@bp.get("/tickets/<code>")
def ticket(code):
    registration = _ticket_or_404(code)
    html = render_template("events/ticket.html", registration=registration, event=registration.event,
                           cancel_form=ConfirmForm(), may_check_in=access.may_manage_event(current_user,
                                                                                           registration.event))
    return _private(current_app.make_response(html))


@bp.get("/tickets/<code>/qr.png")
def ticket_qr(code):
    registration = _ticket_or_404(code)
    png = qr_png(external_url("events.ticket", code=registration.code))
    return _private(Response(png, mimetype="image/png"))


@bp.post("/tickets/<code>/cancel")
def cancel_ticket(code):
    registration = _ticket_or_404(code)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            visitors.cancel_registration(registration)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã hủy đăng ký. Cảm ơn bạn đã báo trước."), "info")
    return redirect(url_for("events.ticket", code=registration.code))


# --- producers ------------------------------------------------------------------

@bp.route("/events/<slug>/apply", methods=["GET", "POST"])
@confirmed_required
def apply(slug):
    item = _event_or_404(slug)
    producers = access.producers_of_user(current_user)
    if not producers:
        abort(403)
    form = ApplyForm()
    form.producer.choices = [SelectChoice(p.id, p.name) for p in producers]
    wanted = form.producer.data if request.method == "POST" else int_arg("producer")
    chosen = next((p for p in producers if p.id == wanted), producers[0])
    form.producer.data = chosen.id
    products = db.session.execute(db.select(Product).where(Product.producer_id == chosen.id,
                                                           Product.status == ProductStatus.ACTIVE)
                                  .order_by(Product.name)).scalars().all()
    form.products.choices = [SelectChoice(p.id, p.name) for p in products]
    if form.validate_on_submit():
        try:
            booths.apply_for_booth(event=item, producer=chosen, user=current_user, product_ids=form.products.data,
                                   booth_size=form.booth_size.data, needs_power=form.needs_power.data,
                                   note=form.note.data, submission=form.submission_token)
        except AlreadySubmitted as done:
            return show_first(done, url_for("events.my_applications"))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã gửi đơn đăng ký gian hàng. Ban tổ chức sẽ trả lời qua email."), "success")
            return redirect(url_for("events.my_applications"))
    status = 400 if form.errors else 200
    return render_template("events/apply.html", event=item, form=form, producer=chosen, producers=producers,
                           applications_open=booths.applications_open(item, utcnow())), status


@bp.get("/events/applications")
@confirmed_required
def my_applications():
    producers = access.producers_of_user(current_user)
    applications = queries.applications_of_producers([p.id for p in producers])
    return render_template("events/my_applications.html", applications=applications, producers=producers,
                           withdraw_form=ConfirmForm())


@bp.post("/events/applications/<int:application_id>/withdraw")
@confirmed_required
def withdraw(application_id):
    application = db.session.get(BoothApplication, application_id)
    if application is None or not access.may_act_for_producer(current_user, application.producer):
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            booths.withdraw_application(application, user=current_user)
        except PermissionDenied:
            abort(403)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã rút đơn đăng ký gian hàng."), "info")
    return redirect(url_for("events.my_applications"))


# --- showrooms ------------------------------------------------------------------

@bp.get("/showrooms")
@cached(params("province"))
def showrooms():
    province = None
    key = (request.args.get("province") or "").strip().lower()
    if key:
        province = db.session.execute(db.select(Province).where(Province.slug == key)).scalar_one_or_none()
    provinces = db.session.execute(db.select(Province).order_by(Province.name_ascii)).scalars().all()
    return render_template("events/showrooms.html", showrooms=queries.public_showrooms(province),
                           province=province, provinces=provinces)


@bp.get("/showrooms/<slug>")
@cached()
def showroom(slug):
    item = queries.public_showroom_or_none(slug)
    if item is None:
        abort(404)
    return render_template("events/showroom.html", showroom=item, products=queries.showroom_products(item),
                           may_manage=access.may_manage_showroom(current_user, item))

