"""Matching pages: thin routes that find the record the user may act on, call a service, render.

Another party's demand, offer, connection or meeting answers 404, exactly like one
that does not exist; the services check membership again. Contact details reach a
page or a JSON answer only through `services.visible_contacts`.
"""
from functools import wraps

from flask import Response, abort, current_app, flash, g, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from marketplace.accounts.access import confirmed_required
from marketplace.catalog.models import Producer, Product, ProductStatus
from marketplace.catalog.services import find_category, find_province
from marketplace.core.errors import DomainError, PermissionDenied
from marketplace.core.forms import attach_error, show_first, stale_submission
from marketplace.core.submissions import AlreadySubmitted
from marketplace.core.timeutil import utcnow, vn_today
from marketplace.core.urls import external_url, site_host
from marketplace.events.models import Event
from marketplace.extensions import db, limiter
from marketplace.matching import access, bp, matcher, meetings, services
from marketplace.matching.forms import (BUYER_KINDS, AnswerForm, BuyerForm, ConfirmForm, ConnectForm, DemandForm,
                                        JoinForm, MeetingRequestForm, MessageForm, OfferForm, SettingsForm,
                                        StatusForm)
from marketplace.matching.models import (BuyerOrganisation, Connection, ConnectionStatus, Demand, MeetingRequest,
                                         Offer, PostStatus, Side)
from marketplace.matching.notifications import status_label
from marketplace.matching.terms import (PERIOD_LABELS, RECURRENCE_LABELS, certificate_codes, certificate_labels,
                                        months_of, unit_label)

BUYER_SESSION_KEY = "matching_buyer_id"
PRODUCER_SESSION_KEY = "studio_producer_id"  # the studio's choice: one acting producer across the workspace


# Template globals (not a context processor: the macros of matching/_macros.html use them too).
for _name, _helper in {"post_status_label": status_label, "unit_label": unit_label,
                       "certificate_labels": certificate_labels, "months_of": months_of,
                       "recurrence_label": lambda r: RECURRENCE_LABELS.get(r, r),
                       "period_label": lambda p: PERIOD_LABELS.get(p, p),
                       "buyer_kind_label": lambda k: BUYER_KINDS.get(k, k)}.items():
    bp.add_app_template_global(_helper, _name)


@bp.errorhandler(PermissionDenied)
def _permission_denied(error):
    from marketplace.core.errorpages import render_error
    return render_error(403)


def _locale():
    return getattr(g, "locale", "vi")


def _user_key():
    return f"user:{current_user.id}" if current_user.is_authenticated else request.remote_addr


def _connection_limit():
    return current_app.config["MATCHING_CONNECTION_RATE_LIMIT"]


def _message_limit():
    return current_app.config["MATCHING_MESSAGE_RATE_LIMIT"]


# --- who acts ----------------------------------------------------------------------

def acting_buyer():
    members = access.buyer_memberships(current_user)
    if not members:
        return None
    chosen = session.get(BUYER_SESSION_KEY)
    return next((m for m in members if m.buyer_id == chosen), members[0]).buyer


def acting_producer():
    members = access.producer_memberships(current_user)
    if not members:
        return None
    chosen = session.get(PRODUCER_SESSION_KEY)
    return next((m for m in members if m.producer_id == chosen), members[0]).producer


def buyer_required(view):
    @wraps(view)
    @confirmed_required
    def wrapper(*args, **kwargs):
        g.buyer = acting_buyer()
        if g.buyer is None:
            flash(_("Hãy tạo hồ sơ doanh nghiệp thu mua trước."), "info")
            return redirect(url_for("matching.new_buyer"))
        return view(*args, **kwargs)
    return wrapper


def producer_required(view):
    @wraps(view)
    @confirmed_required
    def wrapper(*args, **kwargs):
        g.producer = acting_producer()
        if g.producer is None:
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def _own_demand(demand_id):
    demand = db.session.get(Demand, demand_id)
    if demand is None or not access.is_buyer_member(current_user, demand.buyer_id):
        abort(404)
    return demand


def _own_offer(offer_id):
    offer = db.session.get(Offer, offer_id)
    if offer is None or not access.is_producer_member(current_user, offer.producer_id):
        abort(404)
    return offer


def _own_connection(connection_id):
    connection = db.session.get(Connection, connection_id)
    if connection is None or not access.sides_of(current_user, connection.buyer_id, connection.producer_id):
        abort(404)
    return connection


# --- landing -----------------------------------------------------------------------

@bp.get("/")
def home():
    buyer = producer = None
    if current_user.is_authenticated:
        buyer, producer = acting_buyer(), acting_producer()
    return render_template("matching/home.html", buyer=buyer, producer=producer,
                           events=meetings.b2b_events(utcnow()))


# --- buyer organisations -------------------------------------------------------------

def _buyer_fields(form):
    return dict(name=form.name.data, kind=form.kind.data, province=find_province(form.province.data),
                address=form.address.data, phone=form.phone.data, email=form.email.data,
                tax_code=form.tax_code.data, description=form.description.data)


@bp.route("/buyer/new", methods=["GET", "POST"])
@confirmed_required
def new_buyer():
    form = BuyerForm()
    if form.validate_on_submit():
        try:
            buyer = services.create_buyer_organisation(current_user, submission=form.submission_token,
                                                       **_buyer_fields(form))
        except AlreadySubmitted as done:
            session[BUYER_SESSION_KEY] = done.record_id
            return show_first(done, url_for("matching.new_demand"))
        except DomainError as error:
            attach_error(form, error)
        else:
            session[BUYER_SESSION_KEY] = buyer.id
            flash(_("Đã tạo hồ sơ doanh nghiệp. Hãy đăng nhu cầu đầu tiên."), "success")
            return redirect(url_for("matching.new_demand"))
    return render_template("matching/buyer_form.html", form=form, buyer=None), 400 if form.errors else 200


@bp.route("/buyer", methods=["GET", "POST"])
@buyer_required
def buyer_profile():
    buyer = g.buyer
    form = BuyerForm(obj=buyer)
    if request.method == "GET":
        form.kind.data, form.province.data = buyer.kind.value, buyer.province.slug
    if form.validate_on_submit():
        try:
            services.update_buyer_organisation(current_user, buyer, **_buyer_fields(form))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã lưu hồ sơ doanh nghiệp."), "success")
            return redirect(url_for("matching.buyer_profile"))
    return render_template("matching/buyer_form.html", form=form, buyer=buyer), 400 if form.errors else 200


# --- demands -----------------------------------------------------------------------

@bp.get("/demands")
@buyer_required
def demands():
    rows = db.session.execute(db.select(Demand).where(Demand.buyer_id == g.buyer.id)
                              .order_by(Demand.created_at.desc(), Demand.id.desc())).scalars().all()
    return render_template("matching/demands.html", demands=rows)


def _demand_fields(form):
    return dict(title=form.title.data, description=form.description.data,
                category=find_category(form.category.data), quantity=form.quantity.data, unit=form.unit.data,
                recurrence=form.recurrence.data, target_price=form.target_price.data,
                delivery_province=find_province(form.delivery_province.data), wanted_from=form.wanted_from.data,
                wanted_by=form.wanted_by.data, min_stars=int(form.min_stars.data) if form.min_stars.data else None,
                certificates=form.certificates.data or [], expires_on=form.expires_on.data)


@bp.route("/demands/new", methods=["GET", "POST"])
@buyer_required
def new_demand():
    today = vn_today()
    form = DemandForm(locale=_locale())
    if request.method == "GET":
        from datetime import timedelta
        form.delivery_province.data = g.buyer.province.slug
        form.wanted_by.data = today + timedelta(days=30)
        form.expires_on.data = today + timedelta(days=30)
    if form.validate_on_submit():
        try:
            demand = services.create_demand(current_user, g.buyer, today=today, publish=form.publish.data,
                                            submission=form.submission_token, **_demand_fields(form))
        except AlreadySubmitted as done:
            return show_first(done, url_for("matching.demand", demand_id=done.record_id))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã đăng nhu cầu. Các nhà cung cấp phù hợp nhất ở bên dưới.") if form.publish.data
                  else _("Đã lưu nháp."), "success")
            return redirect(url_for("matching.demand", demand_id=demand.id))
    return render_template("matching/demand_form.html", form=form, demand=None), 400 if form.errors else 200


@bp.route("/demands/<int:demand_id>/edit", methods=["GET", "POST"])
@buyer_required
def edit_demand(demand_id):
    demand = _own_demand(demand_id)
    today = vn_today()
    form = DemandForm(obj=demand, locale=_locale())
    if request.method == "GET":
        form.category.data = demand.category.slug
        form.delivery_province.data = demand.delivery_province.slug
        form.recurrence.data = demand.recurrence.value
        form.min_stars.data = str(demand.min_stars or "")
        form.certificates.data = certificate_codes(demand.certificates)
    if form.validate_on_submit():
        try:
            services.update_demand(current_user, demand, today=today, **_demand_fields(form))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã lưu nhu cầu."), "success")
            return redirect(url_for("matching.demand", demand_id=demand.id))
    return render_template("matching/demand_form.html", form=form, demand=demand), 400 if form.errors else 200


@bp.post("/demands/<int:demand_id>/status")
@buyer_required
def demand_status(demand_id):
    demand = _own_demand(demand_id)
    form = StatusForm()
    if form.validate_on_submit():
        try:
            services.transition_demand(current_user, demand, form.status.data, today=vn_today())
        except (DomainError, ValueError) as error:
            flash(str(getattr(error, "message", error)), "error")
        else:
            flash(_("Đã cập nhật trạng thái: %(status)s.", status=status_label(demand.status)), "success")
    return redirect(url_for("matching.demand", demand_id=demand.id))


def _pair_connections(buyer_ids, producer_ids):
    """{(buyer_id, producer_id): the latest connection} for these parties."""
    if not buyer_ids or not producer_ids:
        return {}
    rows = db.session.execute(db.select(Connection).where(
        Connection.buyer_id.in_(set(buyer_ids)), Connection.producer_id.in_(set(producer_ids)))
        .order_by(Connection.id)).scalars().all()
    return {(c.buyer_id, c.producer_id): c for c in rows}


def _offer_rows(ids):
    rows = db.session.execute(db.select(Offer).where(Offer.id.in_(ids)).options(
        selectinload(Offer.producer).selectinload(Producer.province), selectinload(Offer.product),
        selectinload(Offer.category))).scalars().all()
    return {o.id: o for o in rows}


def _demand_rows(ids):
    rows = db.session.execute(db.select(Demand).where(Demand.id.in_(ids)).options(
        selectinload(Demand.buyer).selectinload(BuyerOrganisation.province), selectinload(Demand.delivery_province),
        selectinload(Demand.category))).scalars().all()
    return {d.id: d for d in rows}


def _demand_matches(demand, today, limit=20):
    ranking = matcher.rank_offers_for_demand(demand.id, today, limit=limit)
    offers = _offer_rows([m.offer_id for m in ranking.matches])
    connections = _pair_connections([demand.buyer_id], [o.producer_id for o in offers.values()])
    items = [(m, offers[m.offer_id], connections.get((demand.buyer_id, offers[m.offer_id].producer_id)))
             for m in ranking.matches if m.offer_id in offers]
    return ranking, items


@bp.get("/demands/<int:demand_id>")
@buyer_required
def demand(demand_id):
    item = _own_demand(demand_id)
    today = vn_today()
    ranking, matches = _demand_matches(item, today)
    return render_template("matching/demand.html", demand=item, ranking=ranking, matches=matches,
                           connect_form=ConnectForm(), status_form=StatusForm(), today=today)


def _contacts_json(viewer, connection):
    if connection is None:
        return None
    return services.visible_contacts(viewer, connection)


def _connection_json(connection):
    if connection is None:
        return None
    return {"id": connection.id, "status": connection.status.value,
            "requested_by": connection.requested_by_side.value,
            "url": url_for("matching.connection", connection_id=connection.id)}


def _reasons_json(match):
    return [reason.as_dict() for reason in match.reasons]


@bp.get("/demands/<int:demand_id>/matches.json")
@buyer_required
def demand_matches_json(demand_id):
    item = _own_demand(demand_id)
    ranking, matches = _demand_matches(item, vn_today())
    out = []
    for match, offer, connection in matches:
        out.append({
            "offer": {"id": offer.id, "title": offer.title, "price_min": offer.price_min, "price_max": offer.price_max,
                      "unit": offer.unit, "quantity": offer.quantity, "period": offer.period.value,
                      "min_order": offer.min_order},
            "producer": {"id": offer.producer.id, "name": offer.producer.name,
                         "province": offer.producer.province.name_vi},
            "score": match.score, "reasons": _reasons_json(match),
            "connection": _connection_json(connection),
            "contacts": _contacts_json(current_user, connection),
        })
    return jsonify(demand={"id": item.id, "title": item.title, "status": item.status.value}, matches=out,
                   candidates=ranking.candidates, considered=ranking.considered, dropped=ranking.dropped)


# --- offers ------------------------------------------------------------------------

def _producer_products(producer):
    return db.session.execute(db.select(Product).where(Product.producer_id == producer.id,
                                                       Product.status != ProductStatus.ARCHIVED)
                              .order_by(Product.name)).scalars().all()


@bp.get("/offers")
@producer_required
def offers():
    rows = db.session.execute(db.select(Offer).where(Offer.producer_id == g.producer.id)
                              .order_by(Offer.created_at.desc(), Offer.id.desc())).scalars().all()
    return render_template("matching/offers.html", offers=rows)


def _offer_fields(form, producer):
    product = db.session.get(Product, form.product.data) if form.product.data else None
    provinces = [find_province(slug) for slug in form.delivery_provinces.data or []]
    return dict(title=form.title.data, description=form.description.data, category=find_category(form.category.data),
                product=product, quantity=form.quantity.data, unit=form.unit.data, period=form.period.data,
                min_order=form.min_order.data or 0, price_min=form.price_min.data, price_max=form.price_max.data,
                season_months=[int(m) for m in form.season_months.data or []],
                delivers_nationwide=form.delivers_nationwide.data,
                delivery_provinces=[p for p in provinces if p is not None],
                certificates=form.certificates.data or [], expires_on=form.expires_on.data)


@bp.route("/offers/new", methods=["GET", "POST"])
@producer_required
def new_offer():
    today = vn_today()
    form = OfferForm(locale=_locale(), products=_producer_products(g.producer))
    if request.method == "GET":
        from datetime import timedelta
        form.expires_on.data = today + timedelta(days=60)
        form.delivery_provinces.data = [g.producer.province.slug]
    if form.validate_on_submit():
        try:
            offer = services.create_offer(current_user, g.producer, today=today, publish=form.publish.data,
                                          submission=form.submission_token, **_offer_fields(form, g.producer))
        except AlreadySubmitted as done:
            return show_first(done, url_for("matching.offer", offer_id=done.record_id))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã đăng tin chào bán. Các nhu cầu phù hợp nhất ở bên dưới.") if form.publish.data
                  else _("Đã lưu nháp."), "success")
            return redirect(url_for("matching.offer", offer_id=offer.id))
    return render_template("matching/offer_form.html", form=form, offer=None), 400 if form.errors else 200


@bp.route("/offers/<int:offer_id>/edit", methods=["GET", "POST"])
@producer_required
def edit_offer(offer_id):
    offer = _own_offer(offer_id)
    today = vn_today()
    form = OfferForm(obj=offer, locale=_locale(), products=_producer_products(offer.producer))
    if request.method == "GET":
        from marketplace.catalog.models import Province
        form.category.data = offer.category.slug
        form.product.data = offer.product_id or 0
        form.period.data = offer.period.value
        form.season_months.data = [str(m) for m in months_of(offer.season_months)] \
            if offer.season_months != 4095 else []
        form.certificates.data = certificate_codes(offer.certificates)
        form.delivery_provinces.data = [p.slug for p in db.session.execute(db.select(Province).where(
            Province.id.in_(offer.delivery_province_ids or [-1]))).scalars()]
    if form.validate_on_submit():
        try:
            services.update_offer(current_user, offer, today=today, **_offer_fields(form, offer.producer))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã lưu tin chào bán."), "success")
            return redirect(url_for("matching.offer", offer_id=offer.id))
    return render_template("matching/offer_form.html", form=form, offer=offer), 400 if form.errors else 200


@bp.post("/offers/<int:offer_id>/status")
@producer_required
def offer_status(offer_id):
    offer = _own_offer(offer_id)
    form = StatusForm()
    if form.validate_on_submit():
        try:
            services.transition_offer(current_user, offer, form.status.data, today=vn_today())
        except (DomainError, ValueError) as error:
            flash(str(getattr(error, "message", error)), "error")
        else:
            flash(_("Đã cập nhật trạng thái: %(status)s.", status=status_label(offer.status)), "success")
    return redirect(url_for("matching.offer", offer_id=offer.id))


def _offer_matches(offer, today, limit=20):
    ranking = matcher.rank_demands_for_offer(offer.id, today, limit=limit)
    demands = _demand_rows([m.demand_id for m in ranking.matches])
    connections = _pair_connections([d.buyer_id for d in demands.values()], [offer.producer_id])
    items = [(m, demands[m.demand_id], connections.get((demands[m.demand_id].buyer_id, offer.producer_id)))
             for m in ranking.matches if m.demand_id in demands]
    return ranking, items


@bp.get("/offers/<int:offer_id>")
@producer_required
def offer(offer_id):
    item = _own_offer(offer_id)
    today = vn_today()
    ranking, matches = _offer_matches(item, today)
    return render_template("matching/offer.html", offer=item, ranking=ranking, matches=matches,
                           connect_form=ConnectForm(), status_form=StatusForm(), today=today)


@bp.get("/offers/<int:offer_id>/matches.json")
@producer_required
def offer_matches_json(offer_id):
    item = _own_offer(offer_id)
    ranking, matches = _offer_matches(item, vn_today())
    out = []
    for match, demand_row, connection in matches:
        out.append({
            "demand": {"id": demand_row.id, "title": demand_row.title, "quantity": demand_row.quantity,
                       "unit": demand_row.unit, "target_price": demand_row.target_price,
                       "delivery_province": demand_row.delivery_province.name_vi,
                       "wanted_by": demand_row.wanted_by.isoformat()},
            "buyer": {"id": demand_row.buyer.id, "name": demand_row.buyer.name, "kind": demand_row.buyer.kind.value,
                      "province": demand_row.buyer.province.name_vi},
            "score": match.score, "reasons": _reasons_json(match),
            "connection": _connection_json(connection),
            "contacts": _contacts_json(current_user, connection),
        })
    return jsonify(offer={"id": item.id, "title": item.title, "status": item.status.value}, matches=out,
                   candidates=ranking.candidates, considered=ranking.considered, dropped=ranking.dropped)


# --- connections -------------------------------------------------------------------

@bp.post("/connect")
@confirmed_required
@limiter.limit(_connection_limit, key_func=_user_key)
def connect():
    form = ConnectForm()
    valid = form.validate_on_submit()
    if not valid and set(form.errors) != {"submission"}:
        abort(400)
    try:
        side = Side(form.side.data)
        demand_row = db.session.get(Demand, int(form.demand_id.data))
        offer_row = db.session.get(Offer, int(form.offer_id.data))
    except ValueError:
        abort(400)
    if demand_row is None or offer_row is None:
        abort(404)
    own = demand_row if side is Side.BUYER else offer_row
    if side is Side.BUYER and not access.is_buyer_member(current_user, own.buyer_id):
        abort(404)
    if side is Side.PRODUCER and not access.is_producer_member(current_user, own.producer_id):
        abort(404)
    back = url_for("matching.demand", demand_id=demand_row.id) if side is Side.BUYER else \
        url_for("matching.offer", offer_id=offer_row.id)
    if not valid and stale_submission(form):  # only the token is missing: nothing sent, back to the page
        return redirect(back)
    if side is Side.BUYER and offer_row.status is not PostStatus.OPEN or \
            side is Side.PRODUCER and demand_row.status is not PostStatus.OPEN:
        flash(_("Tin này không còn mở."), "error")
        return redirect(back)
    try:
        connection = services.request_connection(current_user, side=side, buyer=demand_row.buyer,
                                                 producer=offer_row.producer, message=form.message.data,
                                                 demand=demand_row, offer=offer_row,
                                                 submission=form.submission_token)
    except AlreadySubmitted as done:
        return show_first(done, url_for("matching.connection", connection_id=done.record_id))
    except DomainError as error:
        flash(str(error.message), "error")
        return redirect(back)
    flash(_("Đã gửi yêu cầu kết nối. Thông tin liên hệ của hai bên sẽ hiển thị khi bên kia đồng ý."), "success")
    return redirect(url_for("matching.connection", connection_id=connection.id))


@bp.get("/connections")
@confirmed_required
def connections():
    rows = services.connections_of(current_user)
    return render_template("matching/connections.html", connections=rows)


def _connection_context(connection):
    sides = access.sides_of(current_user, connection.buyer_id, connection.producer_id)
    asked = Side.PRODUCER if connection.requested_by_side is Side.BUYER else Side.BUYER
    return {"connection": connection, "sides": sides, "may_answer": asked in sides
            and connection.status is ConnectionStatus.REQUESTED,
            "may_withdraw": connection.requested_by_side in sides and connection.status is ConnectionStatus.REQUESTED,
            "contacts": services.visible_contacts(current_user, connection),
            "viewer_side": Side.BUYER if Side.BUYER in sides else Side.PRODUCER}


@bp.get("/connections/<int:connection_id>")
@confirmed_required
def connection(connection_id):
    item = _own_connection(connection_id)
    return render_template("matching/connection.html", answer_form=AnswerForm(), confirm_form=ConfirmForm(),
                           message_form=MessageForm(), **_connection_context(item))


@bp.get("/connections/<int:connection_id>.json")
@confirmed_required
def connection_json(connection_id):
    item = _own_connection(connection_id)
    context = _connection_context(item)
    return jsonify(id=item.id, status=item.status.value, requested_by=item.requested_by_side.value,
                   buyer={"id": item.buyer.id, "name": item.buyer.name, "province": item.buyer.province.name_vi},
                   producer={"id": item.producer.id, "name": item.producer.name,
                             "province": item.producer.province.name_vi},
                   message=item.message, contacts=context["contacts"],
                   messages=[{"side": m.sender_side.value, "body": m.body, "at": m.created_at.isoformat() + "Z"}
                             for m in item.messages] if item.status is ConnectionStatus.ACCEPTED else [])


@bp.post("/connections/<int:connection_id>/answer")
@confirmed_required
def answer(connection_id):
    item = _own_connection(connection_id)
    form = AnswerForm()
    if form.validate_on_submit() and form.answer.data in ("accept", "decline"):
        try:
            services.answer_connection(current_user, item, form.answer.data == "accept")
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Hai bên đã kết nối: thông tin liên hệ hiển thị bên dưới.") if form.answer.data == "accept"
                  else _("Đã từ chối kết nối. Bên kia sẽ không thể gửi lại yêu cầu."), "success")
    return redirect(url_for("matching.connection", connection_id=item.id))


@bp.post("/connections/<int:connection_id>/withdraw")
@confirmed_required
def withdraw(connection_id):
    item = _own_connection(connection_id)
    if ConfirmForm().validate_on_submit():
        try:
            services.withdraw_connection(current_user, item)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã rút lại yêu cầu kết nối."), "success")
    return redirect(url_for("matching.connection", connection_id=item.id))


@bp.post("/connections/<int:connection_id>/messages")
@confirmed_required
@limiter.limit(_message_limit, key_func=_user_key)
def send_message(connection_id):
    item = _own_connection(connection_id)
    form = MessageForm()
    if form.validate_on_submit():
        try:
            services.send_message(current_user, item, form.body.data, submission=form.submission_token)
        except AlreadySubmitted as done:
            return show_first(done, url_for("matching.connection", connection_id=item.id, _anchor="thread"))
        except DomainError as error:
            flash(str(error.message), "error")
    else:
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "error")
    return redirect(url_for("matching.connection", connection_id=item.id, _anchor="thread"))


# --- settings ----------------------------------------------------------------------

@bp.route("/settings", methods=["GET", "POST"])
@confirmed_required
def settings():
    form = SettingsForm()
    if request.method == "GET":
        form.frequency.data = services.preference_of(current_user.id).value
    if form.validate_on_submit():
        services.set_preference(current_user, form.frequency.data)
        flash(_("Đã lưu cách nhận thông báo."), "success")
        return redirect(url_for("matching.settings"))
    return render_template("matching/settings.html", form=form)


# --- meetings at B2B events ----------------------------------------------------------

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
@limiter.limit(_connection_limit, key_func=_user_key)
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
