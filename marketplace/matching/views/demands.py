"""A buyer organisation's demands: list, post, edit, open/pause/close, and the page (and JSON)
of each demand with its best-matching offers."""
from flask import flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.catalog.services import find_category, find_province
from marketplace.core.errors import DomainError
from marketplace.core.forms import attach_error, show_first
from marketplace.core.submissions import AlreadySubmitted
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.matching import bp
from marketplace.matching.forms import ConnectForm, DemandForm, StatusForm
from marketplace.matching.models import Demand
from marketplace.matching.notifications import status_label
from marketplace.matching.services import posts
from marketplace.matching.terms import certificate_codes
from marketplace.matching.views.acting import buyer_required, own_demand, page_locale
from marketplace.matching.views.match_lists import connection_summary, contacts_json, demand_matches, reasons_json


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
    form = DemandForm(locale=page_locale())
    if request.method == "GET":
        from datetime import timedelta
        form.delivery_province.data = g.buyer.province.slug
        form.wanted_by.data = today + timedelta(days=30)
        form.expires_on.data = today + timedelta(days=30)
    if form.validate_on_submit():
        try:
            demand = posts.create_demand(current_user, g.buyer, today=today, publish=form.publish.data,
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
    demand = own_demand(demand_id)
    today = vn_today()
    form = DemandForm(obj=demand, locale=page_locale())
    if request.method == "GET":
        form.category.data = demand.category.slug
        form.delivery_province.data = demand.delivery_province.slug
        form.recurrence.data = demand.recurrence.value
        form.min_stars.data = str(demand.min_stars or "")
        form.certificates.data = certificate_codes(demand.certificates)
    if form.validate_on_submit():
        try:
            posts.update_demand(current_user, demand, today=today, **_demand_fields(form))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã lưu nhu cầu."), "success")
            return redirect(url_for("matching.demand", demand_id=demand.id))
    return render_template("matching/demand_form.html", form=form, demand=demand), 400 if form.errors else 200


@bp.post("/demands/<int:demand_id>/status")
@buyer_required
def demand_status(demand_id):
    demand = own_demand(demand_id)
    form = StatusForm()
    if form.validate_on_submit():
        try:
            posts.transition_demand(current_user, demand, form.status.data, today=vn_today())
        except (DomainError, ValueError) as error:
            flash(str(getattr(error, "message", error)), "error")
        else:
            flash(_("Đã cập nhật trạng thái: %(status)s.", status=status_label(demand.status)), "success")
    return redirect(url_for("matching.demand", demand_id=demand.id))


@bp.get("/demands/<int:demand_id>")
@buyer_required
def demand(demand_id):
    item = own_demand(demand_id)
    today = vn_today()
    ranking, matches = demand_matches(item, today)
    return render_template("matching/demand.html", demand=item, ranking=ranking, matches=matches,
                           connect_form=ConnectForm(), status_form=StatusForm(), today=today)


@bp.get("/demands/<int:demand_id>/matches.json")
@buyer_required
def demand_matches_json(demand_id):
    item = own_demand(demand_id)
    ranking, matches = demand_matches(item, vn_today())
    out = []
    for match, offer, connection in matches:
        out.append({
            "offer": {"id": offer.id, "title": offer.title, "price_min": offer.price_min, "price_max": offer.price_max,
                      "unit": offer.unit, "quantity": offer.quantity, "period": offer.period.value,
                      "min_order": offer.min_order},
            "producer": {"id": offer.producer.id, "name": offer.producer.name,
                         "province": offer.producer.province.name_vi},
            "score": match.score, "reasons": reasons_json(match),
            "connection": connection_summary(connection),
            "contacts": contacts_json(current_user, connection),
        })
    return jsonify(demand={"id": item.id, "title": item.title, "status": item.status.value}, matches=out,
                   candidates=ranking.candidates, considered=ranking.considered, dropped=ranking.dropped)
