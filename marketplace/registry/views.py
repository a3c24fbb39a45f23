"""Public verify pages (/ocop/verify…) and the producer's label downloads (/studio/…/label.*).

Thin: find the certificate (a genuine signed code, a number, or a record the signed-in
user acts for), ask `services` what it says today, render. Unknown, tampered and made-up
codes answer 404 exactly like a certificate that does not exist.
"""
from flask import Response, abort, render_template, request
from flask_login import current_user, login_required

from marketplace.catalog.models import Certification
from marketplace.catalog.rating import CertificateState
from marketplace.core.text import slugify
from marketplace.core.timeutil import vn_today
from marketplace.registry import bp, labels, services
from marketplace.registry.codes import code_for
from marketplace.registry.structured_data import certificate_jsonld, verify_url
from marketplace.studio.access import memberships, producer_record

bp.add_app_template_global(code_for, "verify_code")

LABEL_TYPES = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf"}
# An SVG opened on its own is a document of our origin: it may run nothing.
SVG_CSP = "default-src 'none'; frame-ancestors 'none'"


@bp.get("/ocop/verify")
def lookup():
    number = " ".join(request.args.get("number", "").split())
    error, results = None, None
    if len(number) > services.MAX_NUMBER_LENGTH:
        error = services.MAX_NUMBER_LENGTH
    elif number:
        results = services.verifications(services.find_by_number(number), vn_today())
    return render_template("registry/lookup.html", number=number, results=results, too_long=error,
                           states=CertificateState), 400 if error else 200


def _certificate_or_404(code):
    certification = services.find_by_code(code)
    if certification is None:
        abort(404)
    return certification


@bp.get("/ocop/verify/<code>")
def verify(code):
    today = vn_today()
    verification = services.verification(_certificate_or_404(code), today)
    response = Response(render_template("registry/verify.html", v=verification, today=today,
                                        jsonld=certificate_jsonld(verification), states=CertificateState))
    response.headers["Cache-Control"] = "no-cache"  # the state may change any day
    return response


@bp.get("/ocop/verify/<code>/qr.svg")
def qr(code):
    _certificate_or_404(code)
    body = labels.qr_svg(verify_url(code))
    return Response(body, mimetype="image/svg+xml",
                    headers={"Cache-Control": "public, max-age=86400", "Content-Security-Policy": SVG_CSP})


@bp.get("/studio/certifications/<int:cert_id>/label.<fmt>")
@login_required
def label(cert_id, fmt):
    """The printable label of a valid certificate of a producer the user acts for."""
    if fmt not in LABEL_TYPES:
        abort(404)
    if not memberships(current_user):
        abort(403)
    certification = producer_record(current_user, Certification, cert_id, lambda c: c.product.producer_id)
    if certification is None:
        abort(404)
    verification = services.verification(certification, vn_today())
    if verification.state is not CertificateState.VALID:
        abort(404)  # a label promises a valid certificate
    layout = labels.layout(verification, verify_url(verification.code))
    if fmt == "svg":
        body = labels.svg(layout)
    elif fmt == "png":
        body = labels.png(layout)
    else:
        body = labels.pdf(layout, title=f"OCOP {certification.stars} sao – {certification.product.name}")
    filename = f"nhan-ocop-{slugify(certification.product.name, max_length=60)}-{certification.id}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "private, no-store"}
    if fmt == "svg":
        headers["Content-Security-Policy"] = SVG_CSP
    return Response(body, mimetype=LABEL_TYPES[fmt], headers=headers)
