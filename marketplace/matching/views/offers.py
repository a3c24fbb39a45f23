"""A producer's supply offers: list, post, edit, open/pause/close, and the page (and JSON)
of each offer with its best-matching demands."""
from flask import flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.catalog.models import Product, ProductStatus
from marketplace.catalog.services import find_category, find_province
from marketplace.core.errors import DomainError
from marketplace.core.forms import attach_error, show_first
from marketplace.core.submissions import AlreadySubmitted
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.matching import bp
from marketplace.matching.forms import ConnectForm, OfferForm, StatusForm
from marketplace.matching.models import Offer
from marketplace.matching.notifications import status_label
from marketplace.matching.services import posts
from marketplace.matching.terms import certificate_codes, months_of
from marketplace.matching.views.acting import own_offer, page_locale, producer_required
from marketplace.matching.views.match_lists import connection_summary, contacts_json, offer_matches, reasons_json


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
    form = OfferForm(locale=page_locale(), products=_producer_products(g.producer))
    if request.method == "GET":
        from datetime import timedelta
        form.expires_on.data = today + timedelta(days=60)
        form.delivery_provinces.data = [g.producer.province.slug]
    if form.validate_on_submit():
        try:
            offer = posts.create_offer(current_user, g.producer, today=today, publish=form.publish.data,
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
    offer = own_offer(offer_id)
    today = vn_today()
    form = OfferForm(obj=offer, locale=page_locale(), products=_producer_products(offer.producer))
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
            posts.update_offer(current_user, offer, today=today, **_offer_fields(form, offer.producer))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã lưu tin chào bán."), "success")
            return redirect(url_for("matching.offer", offer_id=offer.id))
    return render_template("matching/offer_form.html", form=form, offer=offer), 400 if form.errors else 200


@bp.post("/offers/<int:offer_id>/status")
@producer_required
def offer_status(offer_id):
    offer = own_offer(offer_id)
    form = StatusForm()
    if form.validate_on_submit():
        try:
            posts.transition_offer(current_user, offer, form.status.data, today=vn_today())
        except (DomainError, ValueError) as error:
            flash(str(getattr(error, "message", error)), "error")
        else:
            flash(_("Đã cập nhật trạng thái: %(status)s.", status=status_label(offer.status)), "success")
    return redirect(url_for("matching.offer", offer_id=offer.id))


@bp.get("/offers/<int:offer_id>")
@producer_required
def offer(offer_id):
    item = own_offer(offer_id)
    today = vn_today()
    ranking, matches = offer_matches(item, today)
    return render_template("matching/offer.html", offer=item, ranking=ranking, matches=matches,
                           connect_form=ConnectForm(), status_form=StatusForm(), today=today)


@bp.get("/offers/<int:offer_id>/matches.json")
@producer_required
def offer_matches_json(offer_id):
    item = own_offer(offer_id)
    ranking, matches = offer_matches(item, vn_today())
    out = []
    for match, demand_row, connection in matches:
        out.append({
            "demand": {"id": demand_row.id, "title": demand_row.title, "quantity": demand_row.quantity,
                       "unit": demand_row.unit, "target_price": demand_row.target_price,
                       "delivery_province": demand_row.delivery_province.name_vi,
                       "wanted_by": demand_row.wanted_by.isoformat()},
            "buyer": {"id": demand_row.buyer.id, "name": demand_row.buyer.name, "kind": demand_row.buyer.kind.value,
                      "province": demand_row.buyer.province.name_vi},
            "score": match.score, "reasons": reasons_json(match),
            "connection": connection_summary(connection),
            "contacts": contacts_json(current_user, connection),
        })
    return jsonify(offer={"id": item.id, "title": item.title, "status": item.status.value}, matches=out,
                   candidates=ranking.candidates, considered=ranking.considered, dropped=ranking.dropped)
