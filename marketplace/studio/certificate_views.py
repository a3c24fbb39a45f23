"""The producer's OCOP certificates in the studio: the list, submitting one for a product,
correcting it while it waits, and its scan (a private file).
"""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from marketplace.catalog.models import Certification, CertificationStatus, Product, ProductStatus
from marketplace.core.downloads import send_private_document
from marketplace.core.errors import DomainError
from marketplace.core.forms import attach_error, show_first, uploaded_bytes
from marketplace.core.inputs import page_arg
from marketplace.core.submissions import AlreadySubmitted
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from marketplace.studio import bp
from marketplace.studio import certificates
from marketplace.studio.acting import studio_required
from marketplace.studio.context import _certification, _product, _render, _status
from marketplace.studio.forms import CertificationForm


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
            certification = certificates.submit_certification(
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
                certificates.update_certification(current_user, cert,
                                                  scan=uploaded_bytes(form.scan, "MAX_DOCUMENT_BYTES"),
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
