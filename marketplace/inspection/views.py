"""Officers record inspections and answer complaints; buyers report a problem from a product page.

Thin routes. Officer routes need the officer role (403 otherwise) and answer 404 for a
certificate or complaint of a province the officer does not cover, exactly as for one
that does not exist. Every create form is idempotent per submission (its token).
"""
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.admin.views import officer_required
from marketplace.catalog.models import Certification
from marketplace.catalog.pages import public_product_or_404
from marketplace.catalog.rating import certificate_state
from marketplace.core.errors import DomainError
from marketplace.core.forms import attach_error, show_first
from marketplace.core.inputs import page_arg
from marketplace.core.submissions import AlreadySubmitted
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db, limiter
from marketplace.inspection import bp, services
from marketplace.inspection.forms import ComplaintActionForm, ComplaintForm, InspectionForm
from marketplace.inspection.labels import COMPLAINT_KINDS, COMPLAINT_STATUSES, label
from marketplace.inspection.models import Complaint, ComplaintStatus

bp.add_app_template_global(label, "inspection_label")
bp.add_app_template_global(ComplaintForm, "complaint_form")


def _complaint_limit():
    return current_app.config.get("COMPLAINT_RATE_LIMIT", "5 per hour;20 per day")


def _status(form, failed=False):
    """400 when the form was refused (a field's error, or a service's error shown as a message)."""
    return 400 if request.method == "POST" and (failed or any(field.errors for field in form)) else 200


# --- post-inspection ---------------------------------------------------------------------------

def _certification_or_404(cert_id):
    certification = db.session.get(Certification, cert_id)
    if certification is None or not services.may_inspect(current_user, certification):
        abort(404)
    return certification


@bp.route("/programme/inspections/new/<int:cert_id>", methods=["GET", "POST"])
@officer_required
def new_inspection(cert_id):
    certification = _certification_or_404(cert_id)
    today = vn_today()
    form, failed = InspectionForm(), False
    if request.method == "GET":
        form.inspected_on.data = today
        form.issuing_body.data = certification.issuing_body
    if form.validate_on_submit():
        try:
            inspection = services.record_inspection(
                officer=current_user, certification=certification, inspected_on=form.inspected_on.data,
                findings=form.findings.data, outcome=form.outcome.data, submission=form.submission_token,
                today=today, new_stars=int(form.new_stars.data) if form.new_stars.data else None,
                new_points=form.new_points.data, decision_number=form.decision_number.data,
                issuing_body=form.issuing_body.data)
        except AlreadySubmitted as done:  # the list shows the first one (there is no page per inspection)
            return show_first(done, url_for("inspection.inspections"))
        except DomainError as error:
            attach_error(form, error)
            failed = True
        else:
            flash(_("Đã ghi kết quả hậu kiểm: %(outcome)s.", outcome=label(inspection.outcome)), "success")
            return redirect(url_for("inspection.inspections"))
    return render_template("inspection/new.html", certification=certification, form=form,
                           state=certificate_state(certification, today)), _status(form, failed)


@bp.get("/programme/inspections")
@officer_required
def inspections():
    page = services.inspections_page(current_user, page=page_arg())
    return render_template("inspection/list.html", page=page)


# --- complaints: officers ----------------------------------------------------------------------

def _complaint_or_404(complaint_id):
    complaint = db.session.get(Complaint, complaint_id)
    if complaint is None or not services.may_handle(current_user, complaint):
        abort(404)
    return complaint


@bp.get("/programme/complaints")
@officer_required
def complaints():
    status = request.args.get("status") or None
    if status not in {s.value for s in ComplaintStatus}:
        status = None
    page = services.complaints_page(current_user, status=status, page=page_arg())
    return render_template("inspection/complaints.html", page=page, status=status, statuses=COMPLAINT_STATUSES,
                           waiting=services.open_complaint_counts(current_user))


@bp.route("/programme/complaints/<int:complaint_id>", methods=["GET", "POST"])
@officer_required
def complaint(complaint_id):
    item = _complaint_or_404(complaint_id)
    form, failed = ComplaintActionForm(), False
    if form.validate_on_submit():
        try:
            services.move_complaint(current_user, item, form.action.data, answer=form.answer.data,
                                    note=form.note.data)
        except DomainError as error:
            attach_error(form, error)
            failed = True
        else:
            flash(_("Phản ánh: %(status)s.", status=label(item.status)), "success")
            return redirect(url_for("inspection.complaint", complaint_id=item.id))
    return render_template("inspection/complaint.html", complaint=item, form=form,
                           moves=services.COMPLAINT_TRANSITIONS[item.status]), _status(form, failed)


# --- complaints: buyers ------------------------------------------------------------------------

@bp.route("/products/<slug>/report", methods=["GET", "POST"])
@limiter.limit(_complaint_limit, methods=["POST"])
def report(slug):
    product = public_product_or_404(slug)
    form, failed = ComplaintForm(), False
    if form.validate_on_submit():
        try:
            services.file_complaint(
                product=product, kind=form.kind.data, message=form.message.data, email=form.email.data,
                name=form.name.data, submission=form.submission_token, today=vn_today(),
                reporter=current_user if current_user.is_authenticated else None)
        except AlreadySubmitted as done:  # the reporter sees no list of reports: back to the product
            return show_first(done, url_for("storefront.product", slug=product.slug))
        except DomainError as error:
            attach_error(form, error)
            failed = True
        else:
            flash(_("Cảm ơn bạn. Phản ánh đã được gửi tới cán bộ chương trình OCOP của %(province)s; câu trả "
                    "lời sẽ được gửi qua email.", province=product.producer.province.name_vi), "success")
            return redirect(url_for("storefront.product", slug=product.slug))
    return render_template("inspection/report.html", product=product, form=form,
                           kinds=COMPLAINT_KINDS), _status(form, failed)
