"""Officer and admin routes: the review queue, decisions, documents and the audit log."""
from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import Role
from marketplace.admin import bp
from marketplace.admin import services
from marketplace.admin.forms import DecisionForm, ValidityExceptionForm
from marketplace.catalog.models import Certification, CertificationStatus, Producer, ProducerStatus, Product
from marketplace.catalog.rating import badge_for
from marketplace.catalog.services import default_expiry
from marketplace.core.downloads import send_private_document
from marketplace.core.errorpages import render_error
from marketplace.core.errors import DomainError, PermissionDenied
from marketplace.core.inputs import int_arg, page_arg
from marketplace.extensions import db


def officer_required(view):
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.has_role(Role.OFFICER):
            abort(403)
        return view(*args, **kwargs)
    return wrapper


@bp.errorhandler(PermissionDenied)
def _permission_denied(error):
    return render_error(403, str(error.message))


def _producer_or_404(producer_id):
    """The producer, if it exists and lies in the officer's province (else 404: nothing leaks)."""
    row = db.session.get(Producer, producer_id)
    if row is None or not services.may_see(current_user, row):
        abort(404)
    return row


def _certification_or_404(cert_id):
    row = db.session.get(Certification, cert_id)
    if row is None or not services.may_see(current_user, row.product.producer):
        abort(404)
    return row


@bp.get("/")
@officer_required
def queue():
    producers, certifications = services.review_queue(current_user)
    return render_template("admin/queue.html", producers=producers, certifications=certifications)


@bp.get("/producers")
@officer_required
def producers():
    status = request.args.get("status") or None
    if status not in {s.value for s in ProducerStatus}:
        status = None
    q = (request.args.get("q") or "").strip()[:100]
    page = services.producers_page(current_user, status=status, q=q, page=page_arg())
    return render_template("admin/producers.html", page=page, status=status, q=q, statuses=list(ProducerStatus))


@bp.get("/producers/<int:producer_id>")
@officer_required
def producer(producer_id):
    item = _producer_or_404(producer_id)
    products = db.session.execute(db.select(Product).where(Product.producer_id == item.id)
                                  .options(selectinload(Product.certifications))
                                  .order_by(Product.name)).scalars().all()
    return render_template("admin/producer.html", producer=item, products=products, form=DecisionForm(),
                           history=services.history("producer", item.id))


def _decide(decide, record, done_message, back_url):
    """Apply the decision posted with DecisionForm; back to the queue when done, to the record otherwise."""
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            decide(current_user, record, form.decision.data, form.reason.data)
        except PermissionDenied:
            raise
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(done_message, "success")
            return redirect(url_for("admin.queue"))
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")
    return redirect(back_url)


@bp.post("/producers/<int:producer_id>/decision")
@officer_required
def producer_decision(producer_id):
    item = _producer_or_404(producer_id)
    return _decide(services.decide_producer, item, _("Đã ghi quyết định cho “%(name)s”.", name=item.name),
                   url_for("admin.producer", producer_id=item.id))


@bp.get("/producers/<int:producer_id>/registration")
@officer_required
def producer_registration(producer_id):
    item = _producer_or_404(producer_id)
    return send_private_document(item.registration_doc_path, f"dang-ky-kinh-doanh-{item.id}")


@bp.get("/certifications")
@officer_required
def certifications():
    status = request.args.get("status") or None
    if status not in {s.value for s in CertificationStatus}:
        status = None
    page = services.certifications_page(current_user, status=status, page=page_arg())
    return render_template("admin/certifications.html", page=page, status=status,
                           statuses=list(CertificationStatus))


@bp.get("/certifications/<int:cert_id>")
@officer_required
def certification(cert_id):
    cert = _certification_or_404(cert_id)
    others = [c for c in cert.product.certifications if c.id != cert.id]
    return render_template("admin/certification.html", cert=cert, product=cert.product,
                           producer=cert.product.producer, others=others, form=DecisionForm(),
                           exception_form=ValidityExceptionForm(formdata=None),
                           latest_expiry=default_expiry(cert.decided_on),
                           badge=badge_for(cert.product), history=services.history("certification", cert.id))


@bp.post("/certifications/<int:cert_id>/validity-exception")
@officer_required
def certification_validity_exception(cert_id):
    """Record an exception to the validity rule for a waiting certificate (reason required)."""
    cert = _certification_or_404(cert_id)
    form = ValidityExceptionForm()
    if form.validate_on_submit():
        try:
            services.record_validity_exception(current_user, cert, form.expires_on.data, form.reason.data)
        except PermissionDenied:
            raise
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã ghi nhận ngoại lệ về thời hạn cho chứng nhận %(number)s.", number=cert.number), "success")
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")
    return redirect(url_for("admin.certification", cert_id=cert.id))


@bp.post("/certifications/<int:cert_id>/decision")
@officer_required
def certification_decision(cert_id):
    cert = _certification_or_404(cert_id)
    return _decide(services.decide_certification, cert,
                   _("Đã ghi quyết định cho chứng nhận %(number)s.", number=cert.number),
                   url_for("admin.certification", cert_id=cert.id))


@bp.get("/certifications/<int:cert_id>/scan")
@officer_required
def certification_scan(cert_id):
    cert = _certification_or_404(cert_id)
    return send_private_document(cert.scan_path, f"chung-nhan-ocop-{cert.id}")


@bp.get("/audit")
@officer_required
def audit_log():
    producer_id = int_arg("producer")
    action = (request.args.get("action") or "").strip()[:60] or None
    page = services.audit_page(current_user, producer_id=producer_id, action=action, page=page_arg())
    return render_template("admin/audit.html", page=page, producer_id=producer_id, action=action)
