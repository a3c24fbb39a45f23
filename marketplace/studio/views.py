"""Studio routes: thin; they find the record the user may act on, call a service, render.

A record of another producer is answered 404, exactly like one that does not
exist; a user with the wrong role gets 403. The services check membership again.
"""

from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload

from marketplace.accounts.access import unconfirmed_redirect
from marketplace.accounts.models import Role
from marketplace.catalog.models import (Certification, CertificationStatus, FormerProvince, ProducerMember, Product,
                                        ProductPhoto, ProductStatus)
from marketplace.catalog.rating import badge_for
from marketplace.catalog.services import find_category, find_province
from marketplace.core.downloads import send_private_document
from marketplace.core.errorpages import render_error
from marketplace.core.errors import DomainError, PermissionDenied
from marketplace.core.forms import attach_error, show_first, uploaded_bytes
from marketplace.core.spreadsheets import csv_response
from marketplace.core.submissions import AlreadySubmitted
from marketplace.core.inputs import page_arg
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.studio import bp, bulk, dashboard as panels
from marketplace.studio import services
from marketplace.studio.access import may_create_producer, memberships, producer_record
from marketplace.studio.acting import SESSION_KEY, studio_required
from marketplace.studio.forms import (AcceptInvitationForm, CertificationForm, ConfirmForm, InviteForm, PhotoForm,
                                      ProducerProfileForm, ProductForm, StatusForm, StockApplyForm, StockUploadForm,
                                      SwitchProducerForm)
from marketplace.studio.models import ProducerInvitation
from marketplace.core.urls import external_url

# --- who is acting for which producer -----------------------------------------------

@bp.before_request
def _confirmed_address_first():
    """The studio needs a confirmed e-mail address; an invitation link proves one by itself."""
    if request.endpoint != "studio.accept_invitation":
        return unconfirmed_redirect()
    return None


def _own_or_404(model, record_id, producer_of):
    row = producer_record(current_user, model, record_id, producer_of)
    if row is None:
        abort(404)
    return row


def _product(product_id):
    return _own_or_404(Product, product_id, lambda p: p.producer_id)


def _photo(photo_id):
    return _own_or_404(ProductPhoto, photo_id, lambda p: p.product.producer_id)


def _certification(cert_id):
    return _own_or_404(Certification, cert_id, lambda c: c.product.producer_id)


def _status(*forms):
    """400 when any field of these forms carries an error (WTForms caches `form.errors`)."""
    return 400 if any(field.errors for form in forms for field in form) else 200


def _locale():
    return getattr(g, "locale", "vi")


def _render(template, status=200, **context):
    return render_template(template, **context), status


@bp.app_context_processor
def _studio_link():
    """`has_studio()` for the header: producers, and anyone on a producer's team."""
    def has_studio():
        if not current_user.is_authenticated:
            return False
        if current_user.role == Role.PRODUCER:
            return True
        try:
            return bool(memberships(current_user))
        except SQLAlchemyError:  # an error page must not fail on its menu
            db.session.rollback()
            return False
    return {"has_studio": has_studio}


@bp.errorhandler(PermissionDenied)
def _permission_denied(error):
    return render_error(403)


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
            producer = services.create_profile(
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
            services.update_profile(
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
            services.resubmit_profile(current_user, g.producer)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã gửi lại hồ sơ để xác minh."), "success")
    return redirect(url_for("studio.profile"))


@bp.get("/profile/registration")
@studio_required
def registration_document():
    return send_private_document(g.producer.registration_doc_path, f"dang-ky-kinh-doanh-{g.producer.id}")


# --- listings ---------------------------------------------------------------------------------

@bp.get("/products")
@studio_required
def products():
    status = request.args.get("status") or None
    query = (db.select(Product).where(Product.producer_id == g.producer.id).order_by(Product.updated_at.desc())
             .options(selectinload(Product.photos)))  # the list's thumbnails
    if status in {s.value for s in ProductStatus}:
        query = query.where(Product.status == ProductStatus(status))
    else:
        status = None
        query = query.where(Product.status != ProductStatus.ARCHIVED)
    page = db.paginate(query, page=page_arg(), per_page=50, error_out=False)
    return render_template("studio/products.html", page=page, status=status, statuses=list(ProductStatus))


def _product_fields(form):
    category = find_category(form.category.data)
    if category is None:
        abort(400)
    return dict(category=category, name=form.name.data, price=form.price.data, unit=form.unit.data,
                stock=form.stock.data, description=form.description.data or "", origin=form.origin.data or "")


@bp.route("/products/new", methods=["GET", "POST"])
@studio_required
def new_product():
    form = ProductForm(locale=_locale())
    if form.validate_on_submit():
        try:
            product = services.create_listing(current_user, g.producer, submission=form.submission_token,
                                              **_product_fields(form))
        except AlreadySubmitted as done:
            return show_first(done, url_for("studio.edit_product", product_id=done.record_id))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã lưu bản nháp. Thêm ảnh rồi bấm “Đăng bán”."), "success")
            return redirect(url_for("studio.edit_product", product_id=product.id))
    return _render("studio/product_new.html", _status(form), form=form)


@bp.route("/products/<int:product_id>", methods=["GET", "POST"])
@studio_required
def edit_product(product_id):
    product = _product(product_id)
    form = ProductForm(obj=product, locale=_locale())
    if form.validate_on_submit():
        try:
            services.update_listing(current_user, product, **_product_fields(form))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã lưu sản phẩm."), "success")
            return redirect(url_for("studio.edit_product", product_id=product.id))
    return _edit_page(product, form=form)


def _edit_page(product, form=None, photo_form=None):
    if form is None or not form.is_submitted():
        # From the record: the select holds category slugs, not Category objects.
        form = form or ProductForm(obj=product, locale=_locale(), formdata=None)
        form.category.data = product.category.slug
    photo_form = photo_form or PhotoForm(formdata=None)
    status = _status(form, photo_form)
    return _render("studio/product_edit.html", status, form=form, product=product, photo_form=photo_form,
                   confirm=ConfirmForm(), status_form=StatusForm(), badge=badge_for(product))


@bp.get("/products/<int:product_id>/preview")
@studio_required
def preview_product(product_id):
    product = _product(product_id)
    today = vn_today()
    return render_template("studio/preview.html", product=product, badge=badge_for(product, today), related=[],
                           today=today)


def _status_message(status):
    return {
        ProductStatus.ACTIVE: _("Sản phẩm đã được đăng bán."),
        ProductStatus.DRAFT: _("Sản phẩm đã chuyển về nháp và không còn hiển thị."),
        ProductStatus.ARCHIVED: _("Sản phẩm đã được lưu trữ."),
    }[status]


@bp.post("/products/<int:product_id>/status")
@studio_required
def product_status(product_id):
    product = _product(product_id)
    form = StatusForm()
    if form.validate_on_submit():
        try:
            services.change_listing_status(current_user, product, form.status.data)
        except (DomainError, ValueError) as error:
            flash(str(getattr(error, "message", _("Trạng thái không hợp lệ."))), "error")
        else:
            flash(_status_message(product.status), "success")
            if product.status == ProductStatus.ACTIVE and not g.producer.verified:
                flash(_("Sản phẩm sẽ hiển thị công khai khi hồ sơ chủ thể được xác minh."), "info")
    return redirect(url_for("studio.edit_product", product_id=product.id))


# --- photos -------------------------------------------------------------------------------------

@bp.post("/products/<int:product_id>/photos")
@studio_required
def add_photo(product_id):
    product = _product(product_id)
    form = PhotoForm()
    if form.validate_on_submit():
        try:
            services.add_photo(current_user, product, uploaded_bytes(form.photo, "MAX_IMAGE_BYTES"), form.alt.data,
                               submission=form.submission_token)
        except AlreadySubmitted as done:
            return show_first(done, url_for("studio.edit_product", product_id=product.id) + "#photos")
        except DomainError as error:
            form.photo.errors = [*form.photo.errors, str(error.message)]
        else:
            flash(_("Đã thêm ảnh."), "success")
            return redirect(url_for("studio.edit_product", product_id=product.id) + "#photos")
    return _edit_page(product, photo_form=form)


@bp.post("/photos/<int:photo_id>/delete")
@studio_required
def delete_photo(photo_id):
    photo = _photo(photo_id)
    product_id = photo.product_id
    if ConfirmForm().validate_on_submit():
        try:
            services.delete_photo(current_user, photo)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã xóa ảnh."), "success")
    return redirect(url_for("studio.edit_product", product_id=product_id) + "#photos")


@bp.post("/photos/<int:photo_id>/cover")
@studio_required
def cover_photo(photo_id):
    photo = _photo(photo_id)
    if ConfirmForm().validate_on_submit():
        services.make_cover(current_user, photo)
        flash(_("Đã đặt làm ảnh đại diện."), "success")
    return redirect(url_for("studio.edit_product", product_id=photo.product_id) + "#photos")


# --- certificates ----------------------------------------------------------------------------------

@bp.get("/certifications")
@studio_required
def certifications():
    page = db.paginate(
        db.select(Certification).join(Certification.product).where(Product.producer_id == g.producer.id)
        .order_by(Certification.created_at.desc())
        .options(selectinload(Certification.product).selectinload(Product.photos)),  # the list's thumbnails
        page=page_arg(), per_page=50, error_out=False)
    recent = db.session.execute(
        db.select(Product).where(Product.producer_id == g.producer.id, Product.status != ProductStatus.ARCHIVED)
        .order_by(Product.updated_at.desc()).limit(30)).scalars().all()
    return render_template("studio/certifications.html", page=page, certifications=page.items, products=recent,
                           today=vn_today())


def _cert_fields(form):
    return dict(stars=form.stars.data, points=form.points.data, number=form.number.data,
                issuing_body=form.issuing_body.data, level=form.level.data, decided_on=form.decided_on.data,
                expires_on=form.expires_on.data)


@bp.route("/products/<int:product_id>/certifications/new", methods=["GET", "POST"])
@studio_required
def new_certification(product_id):
    product = _product(product_id)
    form = CertificationForm()
    if form.validate_on_submit():
        try:
            certification = services.submit_certification(
                current_user, product, scan=uploaded_bytes(form.scan, "MAX_DOCUMENT_BYTES"), today=vn_today(),
                submission=form.submission_token, **_cert_fields(form))
        except AlreadySubmitted as done:
            return show_first(done, url_for("studio.certification", cert_id=done.record_id))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã gửi chứng nhận. Sao OCOP sẽ hiển thị khi cán bộ xác minh xong."), "success")
            return redirect(url_for("studio.certification", cert_id=certification.id))
    return _render("studio/certification_new.html", _status(form), form=form, product=product)


@bp.route("/certifications/<int:cert_id>", methods=["GET", "POST"])
@studio_required
def certification(cert_id):
    cert = _certification(cert_id)
    editable = cert.status in (CertificationStatus.PENDING, CertificationStatus.REJECTED)
    form = CertificationForm(obj=cert)
    if request.method == "GET":
        form.level.data = cert.level.value
    if request.method == "POST":
        if not editable:
            abort(409)
        if form.validate_on_submit():
            try:
                services.update_certification(current_user, cert, scan=uploaded_bytes(form.scan, "MAX_DOCUMENT_BYTES"),
                                              today=vn_today(), **_cert_fields(form))
            except DomainError as error:
                attach_error(form, error)
            else:
                flash(_("Đã gửi lại chứng nhận để xác minh."), "success")
                return redirect(url_for("studio.certification", cert_id=cert.id))
    return _render("studio/certification.html", _status(form), cert=cert, form=form,
                   editable=editable, today=vn_today())


@bp.get("/certifications/<int:cert_id>/scan")
@studio_required
def certification_scan(cert_id):
    cert = _certification(cert_id)
    return send_private_document(cert.scan_path, f"chung-nhan-ocop-{cert.id}")


# --- bulk stock and price ------------------------------------------------------------------------------

@bp.route("/stock", methods=["GET", "POST"])
@studio_required
def stock():
    form = StockUploadForm()
    preview = None
    if form.validate_on_submit():
        data = form.file.data.stream.read(current_app.config["MAX_CSV_BYTES"] + 1)
        if len(data) > current_app.config["MAX_CSV_BYTES"]:
            form.file.errors = [*form.file.errors, _("Tệp quá lớn: tối đa 1 MB.")]
        else:
            preview = bulk.preview_import(current_user, g.producer, data, form.file.data.filename)
    status = 400 if _status(form) == 400 or (preview is not None and not preview.ok) else 200
    return _render("studio/stock.html", status, form=form, preview=preview,
                   apply_form=StockApplyForm(token=preview.token if preview else None))


@bp.post("/stock/apply")
@studio_required
def stock_apply():
    form = StockApplyForm()
    if form.validate_on_submit():
        try:
            count = bulk.apply_import(current_user, g.producer, form.token.data)
        except AlreadySubmitted as done:
            return show_first(done, url_for("studio.products"))
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã cập nhật %(n)s sản phẩm.", n=count), "success")
            return redirect(url_for("studio.products"))
    return redirect(url_for("studio.stock"))


@bp.get("/stock.csv")
@studio_required
def stock_csv():
    return csv_response(bulk.export_stock_csv(g.producer), f"ton-kho-{g.producer.slug}.csv")


# --- team ---------------------------------------------------------------------------------------------

@bp.get("/team")
@studio_required
def team():
    members, invitations = services.team(g.producer)
    return render_template("studio/team.html", members=members, invitations=invitations, form=InviteForm(),
                           confirm=ConfirmForm(), is_owner=g.member.is_owner)


@bp.post("/team/invite")
@studio_required
def invite():
    if not g.member.is_owner:
        abort(403)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            services.invite_member(current_user, g.producer, form.email.data,
                                   accept_url=lambda token: external_url("studio.accept_invitation", token=token),
                                   submission=form.submission_token)
        except AlreadySubmitted as done:
            return show_first(done, url_for("studio.team"))
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã gửi lời mời tới %(email)s.", email=form.email.data), "success")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "error")
    return redirect(url_for("studio.team"))


@bp.post("/team/members/<int:user_id>/remove")
@studio_required
def remove_member(user_id):
    member = db.session.get(ProducerMember, (g.producer.id, user_id))
    if member is None:
        abort(404)
    if not g.member.is_owner:
        abort(403)
    if ConfirmForm().validate_on_submit():
        try:
            services.remove_member(current_user, member)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã xóa thành viên khỏi nhóm."), "success")
    return redirect(url_for("studio.team"))


@bp.post("/team/invitations/<int:invitation_id>/revoke")
@studio_required
def revoke_invitation(invitation_id):
    invitation = db.session.get(ProducerInvitation, invitation_id)
    if invitation is None or invitation.producer_id != g.producer.id:
        abort(404)
    if not g.member.is_owner:
        abort(403)
    if ConfirmForm().validate_on_submit():
        services.revoke_invitation(current_user, invitation)
        flash(_("Đã hủy lời mời."), "success")
    return redirect(url_for("studio.team"))


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@login_required
def accept_invitation(token):
    invitation = services.find_invitation(token)
    if invitation is None:
        abort(404)
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            producer = services.accept_invitation(current_user, token, submission=form.submission_token)
        except AlreadySubmitted as done:
            session[SESSION_KEY] = done.record_id
            return show_first(done, url_for("studio.dashboard"))
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            session[SESSION_KEY] = producer.id
            flash(_("Bạn đã tham gia quản lý “%(name)s”.", name=producer.name), "success")
            return redirect(url_for("studio.dashboard"))
    return render_template("studio/invitation.html", invitation=invitation, form=form)

