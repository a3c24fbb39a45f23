"""Open data of the programme: GET /api/v1/stats/<dataset> (JSON) and <dataset>.csv.

Read-only, public, no sign-in; the same figures as the programme pages. A bad
parameter is a 400 naming the field, as in the catalogue API.
"""
from flask import abort, jsonify, request

from marketplace.catalog.services import find_province
from marketplace.core.spreadsheets import csv_response
from marketplace.core.inputs import parse_int
from marketplace.core.timeutil import utcnow, vn_today
from marketplace.programme import api_bp as bp
from marketplace.programme import exports, services
from marketplace.core.urls import external_url

DATASETS = {
    "products": "Products holding a current verified OCOP certificate, per province, OCOP group and stars.",
    "certifications": "Verified OCOP certificates per year of decision, province and stars.",
    "expiring": "Products whose last current certificate expires within 90 days, per province.",
    "plans": "Every target of the local OCOP plans with the marketplace's actual figure and progress.",
    "indicators": "The marketplace's indicators for one province and year (province required; year defaults "
                  "to this year).",
}


class BadParameter(Exception):
    def __init__(self, field, message):
        super().__init__(message)
        self.field, self.message = field, message


@bp.errorhandler(BadParameter)
def _bad_parameter(error):
    return jsonify(error={"status": 400, "message": "invalid parameters",
                          "fields": {error.field: error.message}}), 400


def _province(required=False):
    key = request.args.get("province", "").strip()
    if not key:
        if required:
            raise BadParameter("province", "required: a province code or slug")
        return None
    province = find_province(key)
    if province is None:
        raise BadParameter("province", "unknown province (a code such as CTO or a slug such as can-tho)")
    return province


def _respond(name, fields, rows, fmt, today, **extra):
    if fmt == "csv":
        filename = f"ocop-{name.replace('/', '-')}-{today.isoformat()}.csv"
        response = csv_response(exports.to_csv(fields, rows), filename, private=False)
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response
    response = jsonify(dataset=name, as_of=today.isoformat(), description=DATASETS.get(name.split("/")[0]),
                       fields=fields, total=len(rows), items=rows, **extra)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/")
def index():
    return jsonify(datasets=[{"name": name, "description": text,
                              "json": external_url("programme_api.dataset", name=name),
                              "csv": external_url("programme_api.dataset", name=name, fmt="csv")}
                             for name, text in DATASETS.items()])


@bp.get("/<name>", defaults={"fmt": "json"})
@bp.get("/<name>.<any(csv, json):fmt>")
def dataset(name, fmt):
    today = vn_today()
    if name == "products":
        fields, rows = exports.products_dataset(today, _province())
    elif name == "certifications":
        fields, rows = exports.certifications_dataset(_province())
    elif name == "expiring":
        fields, rows = exports.expiring_dataset(today, _province())
    elif name == "plans":
        fields, rows = exports.plans_dataset(today, utcnow(), _province())
    elif name == "indicators":
        province = _province(required=True)
        year = parse_int(request.args.get("year", str(today.year)), services.MIN_YEAR, services.MAX_YEAR)
        if year is None:
            raise BadParameter("year", "a year between 1990 and 2100")
        fields, rows = exports.indicators_dataset(province, year, today, utcnow())
    else:
        abort(404)
    return _respond(name, fields, rows, fmt, today)


@bp.get("/plans/<slug>", defaults={"fmt": "json"})
@bp.get("/plans/<slug>.<any(csv, json):fmt>")
def plan(slug, fmt):
    item = services.find_plan(slug)
    if item is None:
        abort(404)
    today = vn_today()
    fields, rows = exports.plan_dataset(item, today, utcnow())
    return _respond(f"plans/{item.slug}", fields, rows, fmt, today, plan={
        "slug": item.slug, "province_code": item.province.code, "province": item.province.name_vi,
        "former_province": item.former_province.name_vi if item.former_province else None, "area": item.area,
        "start_year": item.start_year, "end_year": item.end_year, "document": item.document,
        "from_file": item.from_file, "seed": item.seed,
        "edited_at": item.edited_at.isoformat() + "Z" if item.edited_at else None})
