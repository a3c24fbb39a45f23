"""The producer's own pages in the studio: the dashboard, switching between the producers
one acts for, onboarding a new producer and its profile.
"""
from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.catalog.models import FormerProvince
from marketplace.catalog.services import find_province
from marketplace.core.downloads import send_private_document
from marketplace.core.errors import DomainError
from marketplace.core.forms import attach_error, show_first, uploaded_bytes
from marketplace.core.submissions import AlreadySubmitted
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.studio import bp, dashboard as panels
from marketplace.studio import profiles
from marketplace.studio.access import may_create_producer, memberships
from marketplace.studio.acting import SESSION_KEY, studio_required
from marketplace.studio.context import _locale, _render, _status
from marketplace.studio.forms import ConfirmForm, ProducerProfileForm, SwitchProducerForm


# --- dashboard and producer choice -------------------------------------------------------

@bp.get("/")
@studio_required
def dashboard():
    today = vn_today()
    config = current_app.config
    return render_template("studio/dashboard.html", today=today, counts=panels.counts(g.producer),
                           panels=panels.dashboard(g.producer, today,
                                                   low_stock_threshold=config["STUDIO_LOW_STOCK"],
                                                   reminder_days=config["CERTIFICATE_REMINDER_DAYS"]))


@bp.post("/switch")
@studio_required
def switch():
    form = SwitchProducerForm()
    if form.validate_on_submit():
        wanted = form.producer_id.data
        member = next((m for m in g.memberships if str(m.producer_id) == wanted), None)
        if member is None:
            abort(404)
        session[SESSION_KEY] = member.producer_id
    return redirect(url_for("studio.dashboard"))


# --- producer profile ----------------------------------------------------------------------

def _profile_fields(form):
    province = find_province(form.province.data)
    former = None
    if form.former_province.data:
        former = db.session.execute(db.select(FormerProvince).where(
            FormerProvince.slug == form.former_province.data)).scalar_one_or_none()
    return dict(name=form.name.data, kind=form.kind.data, province=province, former_province=former,
                address=form.address.data.strip(), story=form.story.data or "", phone=form.phone.data or None,
                email=(form.email.data or "").strip().lower() or None, website=form.website.data or None,
                tax_code=form.tax_code.data.strip())


@bp.route("/onboarding", methods=["GET", "POST"])
@login_required
def onboarding():
    if memberships(current_user):
        return redirect(url_for("studio.dashboard"))
    if not may_create_producer(current_user):
        abort(403)
    form = ProducerProfileForm(locale=_locale())
    if form.validate_on_submit():
        try:
            producer = profiles.create_profile(
                current_user, logo=uploaded_bytes(form.logo, "MAX_IMAGE_BYTES"),
                registration_doc=uploaded_bytes(form.registration_doc, "MAX_DOCUMENT_BYTES"),
                submission=form.submission_token, **_profile_fields(form))
        except AlreadySubmitted as done:
            session[SESSION_KEY] = done.record_id
            return show_first(done, url_for("studio.dashboard"))
        except DomainError as error:
            attach_error(form, error)
        else:
            session[SESSION_KEY] = producer.id
            flash(_("Đã tạo hồ sơ chủ thể. Cán bộ chương trình OCOP sẽ xác minh; trong lúc chờ, "
                    "bạn có thể đăng sản phẩm."), "success")
            return redirect(url_for("studio.dashboard"))
    return _render("studio/onboarding.html", _status(form), form=form)


@bp.route("/profile", methods=["GET", "POST"])
@studio_required
def profile():
    producer = g.producer
    form = ProducerProfileForm(obj=producer, locale=_locale())
    if request.method == "GET":
        form.province.data = producer.province.slug
        form.former_province.data = producer.former_province.slug if producer.former_province else ""
        form.kind.data = producer.kind.value
    if form.validate_on_submit():
        try:
            profiles.update_profile(
                current_user, producer, logo=uploaded_bytes(form.logo, "MAX_IMAGE_BYTES"),
                registration_doc=uploaded_bytes(form.registration_doc, "MAX_DOCUMENT_BYTES"), **_profile_fields(form))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã lưu hồ sơ."), "success")
            return redirect(url_for("studio.profile"))
    return _render("studio/profile.html", _status(form), form=form, producer=producer,
                   confirm=ConfirmForm())


@bp.post("/profile/resubmit")
@studio_required
def resubmit_profile():
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            profiles.resubmit_profile(current_user, g.producer)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã gửi lại hồ sơ để xác minh."), "success")
    return redirect(url_for("studio.profile"))


@bp.get("/profile/registration")
@studio_required
def registration_document():
    return send_private_document(g.producer.registration_doc_path, f"dang-ky-kinh-doanh-{g.producer.id}")
