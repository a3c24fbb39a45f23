"""The matching landing page and a user's own matching set-up: the buyer organisation they
create and edit, and how often they hear about new matches."""
from flask import flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import confirmed_required
from marketplace.catalog.services import find_province
from marketplace.core.errors import DomainError
from marketplace.core.forms import attach_error, show_first
from marketplace.core.submissions import AlreadySubmitted
from marketplace.core.timeutil import utcnow
from marketplace.matching import bp, meetings
from marketplace.matching.forms import BuyerForm, SettingsForm
from marketplace.matching.services import buyers, preferences
from marketplace.matching.views.acting import BUYER_SESSION_KEY, acting_buyer, acting_producer, buyer_required


@bp.get("/")
def home():
    buyer = producer = None
    if current_user.is_authenticated:
        buyer, producer = acting_buyer(), acting_producer()
    return render_template("matching/home.html", buyer=buyer, producer=producer,
                           events=meetings.b2b_events(utcnow()))


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
            buyer = buyers.create_buyer_organisation(current_user, submission=form.submission_token,
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
            buyers.update_buyer_organisation(current_user, buyer, **_buyer_fields(form))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã lưu hồ sơ doanh nghiệp."), "success")
            return redirect(url_for("matching.buyer_profile"))
    return render_template("matching/buyer_form.html", form=form, buyer=buyer), 400 if form.errors else 200


@bp.route("/settings", methods=["GET", "POST"])
@confirmed_required
def settings():
    form = SettingsForm()
    if request.method == "GET":
        form.frequency.data = preferences.preference_of(current_user.id).value
    if form.validate_on_submit():
        preferences.set_preference(current_user, form.frequency.data)
        flash(_("Đã lưu cách nhận thông báo."), "success")
        return redirect(url_for("matching.settings"))
    return render_template("matching/settings.html", form=form)
