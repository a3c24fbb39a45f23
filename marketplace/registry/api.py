"""The verify page as JSON, part of the read API: GET /api/v1/ocop/verify/<code> and
GET /api/v1/ocop/verify?number=… (public, read-only, Access-Control-Allow-Origin: *)."""
from flask import jsonify, request

from marketplace.core.timeutil import vn_today
from marketplace.registry import api_bp as bp
from marketplace.registry import services
from marketplace.registry.codes import code_for
from marketplace.registry.structured_data import certificate_json


@bp.after_request
def _open_to_all(response):
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/verify/<code>")
def verify(code):
    certification = services.find_by_code(code)
    if certification is None:
        return jsonify(error={"status": 404, "message": "no certificate has this code"}), 404
    today = vn_today()
    return jsonify(certificate_json(services.verification(certification, today), today, code_for))


@bp.get("/verify")
def by_number():
    number = " ".join(request.args.get("number", "").split())
    if not number or len(number) > services.MAX_NUMBER_LENGTH:
        return jsonify(error={"status": 400, "message": "invalid parameters",
                              "fields": {"number": f"required: a decision or certificate number of at most "
                                                   f"{services.MAX_NUMBER_LENGTH} characters"}}), 400
    today = vn_today()
    found = services.verifications(services.find_by_number(number), today)
    return jsonify(number=number, total=len(found),
                   items=[certificate_json(item, today, code_for) for item in found])
