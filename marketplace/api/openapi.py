"""The OpenAPI 3.1 description of the read API, served at /api/v1/openapi.json.

Built from code so that it cannot drift from what the API accepts and answers: the
sort orders, producer kinds, page limits, dataset names and their columns come from
the modules that use them, and tests/api/test_openapi.py fuzzes the live API against
this document with Schemathesis (every response must match it).

To describe a new endpoint: write its operation with `operation(...)` (parameters from
`query(...)`/`path(...)`, responses from `ok(...)`/`csv_ok()`/`ERRORS`), add any schema it
returns to `SCHEMAS`, and add one line to `paths()`.
"""
import json
from pathlib import Path

from marketplace.catalog.models import CertificationLevel, ProducerKind
from marketplace.catalog.queries import MAX_PAGE, MAX_PRICE, MAX_QUERY_LENGTH, SORTS
from marketplace.catalog.rating import BadgeState
from marketplace.programme import exports
from marketplace.programme.api import DATASETS
from marketplace.programme.services import MAX_YEAR, MIN_YEAR

VERSION = "1.0.0"


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema):
    if "$ref" in schema:
        return {"oneOf": [schema, {"type": "null"}]}
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return {**schema, "type": [*kinds, "null"]}


def obj(required=None, optional=None, additional=False):
    """An object schema: `required` and `optional` map property names to schemas."""
    properties = {**(required or {}), **(optional or {})}
    return {"type": "object", "properties": properties, "required": sorted(required or {}),
            "additionalProperties": additional}


STRING, INTEGER, NUMBER, BOOLEAN = {"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "boolean"}
URL, DATE = {"type": "string", "format": "uri"}, {"type": "string", "format": "date"}
COUNT = {"type": "integer", "minimum": 0}

SCHEMAS = {
    "Error": obj({"error": obj({"status": INTEGER, "message": STRING},
                               {"fields": {"type": "object", "additionalProperties": STRING}})}),
    "ProvinceRef": obj({"code": STRING, "slug": STRING, "name": STRING}, {"former_province": STRING}),
    "ProductSummary": obj({
        "slug": STRING, "name": STRING, "price": COUNT, "currency": {"const": "VND"}, "unit": STRING,
        "in_stock": BOOLEAN, "stars": nullable({"type": "integer", "minimum": 3, "maximum": 5}),
        "category": STRING, "group": STRING,
        "producer": obj({"slug": STRING, "name": STRING, "kind": {"enum": [k.value for k in ProducerKind]}}),
        "province": ref("ProvinceRef"), "url": URL, "image": nullable(URL),
    }, {"highlight": obj({"name": {"type": "string", "description": "HTML: matched words in <mark>"}})}),
    "Certification": obj({
        "state": {"enum": [s.value for s in BadgeState if s is not BadgeState.NONE]},
        "stars": {"type": "integer", "minimum": 3, "maximum": 5}, "points": COUNT, "number": STRING,
        "issuing_body": STRING, "level": {"enum": [level.value for level in CertificationLevel]},
        "decided_on": DATE, "expires_on": DATE}),
    "SearchMeta": obj({"engine": STRING, "degraded": BOOLEAN, "partial": BOOLEAN, "alternatives": {
        "type": "array", "items": obj({"label": STRING, "total": COUNT, "params": {
            "type": "object", "additionalProperties": {"type": ["string", "integer"]}}})}}),
    "ProductPage": obj({"items": {"type": "array", "items": ref("ProductSummary")}, "total": COUNT,
                        "reachable": {**COUNT, "description": "how many of `total` the pages reach "
                                      "(SEARCH_MAX_RESULTS); `pages` counts those"},
                        "page": {"type": "integer", "minimum": 1}, "per_page": {"type": "integer", "minimum": 1},
                        "pages": COUNT, "search": ref("SearchMeta")},
                       {"facets": {"type": "object", "description": "counts per facet value",
                                   "additionalProperties": {"type": "object", "additionalProperties": COUNT}}}),
    "Suggestion": {"oneOf": [
        obj({"type": {"const": "product"}, "name": STRING, "highlight": STRING, "url": STRING,
             "stars": nullable(INTEGER), "price": COUNT, "producer": STRING}),
        obj({"type": {"const": "producer"}, "name": STRING, "highlight": STRING, "url": STRING,
             "province": STRING})]},
    "Suggestions": obj({"query": STRING, "engine": STRING, "degraded": BOOLEAN,
                        "items": {"type": "array", "items": ref("Suggestion")}}),
    "Province": obj({"code": STRING, "slug": STRING, "name": STRING, "name_ascii": STRING, "kind": STRING,
                     "region": STRING, "macro_region": STRING, "former_provinces": {"type": "array", "items": STRING},
                     "lat": nullable(NUMBER), "lon": nullable(NUMBER)}),
    "Provinces": obj({"items": {"type": "array", "items": ref("Province")}, "total": COUNT}),
    "DatasetIndex": obj({"datasets": {"type": "array", "items": obj(
        {"name": {"enum": sorted(DATASETS)}, "description": STRING, "json": URL, "csv": URL})}}),
}
# ProductDetail: the summary and more.
SCHEMAS["ProductDetail"] = obj(
    {**SCHEMAS["ProductSummary"]["properties"], "description": STRING, "description_html": STRING,
     "origin": nullable(STRING), "stock": COUNT, "photos": {"type": "array", "items": URL},
     "certification": nullable(ref("Certification"))})

# The columns of each open dataset (programme/exports.py), typed.
_TEXT, _NTEXT, _NINT, _NNUM, _NBOOL = STRING, nullable(STRING), nullable(INTEGER), nullable(NUMBER), nullable(BOOLEAN)
COLUMN_TYPES = {
    "province_code": _TEXT, "province": _TEXT, "group": _TEXT, "group_name_vi": _TEXT, "group_name_en": _TEXT,
    "stars": INTEGER, "products": COUNT, "year": INTEGER, "certifications": COUNT, "window_days": COUNT,
    "expiring_until": DATE, "products_expiring": COUNT, "plan": _TEXT, "former_province": _NTEXT, "area": _NTEXT,
    "start_year": INTEGER, "end_year": INTEGER, "document": _NTEXT, "kind": {"enum": ["target", "indicator"]},
    "metric": _TEXT, "metric_label_vi": _TEXT, "metric_label_en": _TEXT, "unit": {"enum": ["count", "share", "vnd"]},
    "target_value": _NNUM, "target_min": _NNUM, "target_max": _NNUM, "actual": _NNUM, "numerator": _NNUM,
    "denominator": _NNUM, "percent": _NINT, "percent_of_max": _NINT, "reached": _NBOOL, "measurable": BOOLEAN,
    "note_vi": _NTEXT, "note_en": _NTEXT, "source": _NTEXT,
}
DATASET_FIELDS = {"products": exports.PRODUCTS_FIELDS, "certifications": exports.CERTIFICATIONS_FIELDS,
                  "expiring": exports.EXPIRING_FIELDS, "plans": exports.PLAN_FIELDS,
                  "indicators": exports.INDICATOR_FIELDS}


def dataset_schema(name, fields, extra=None):
    row = obj({f: COLUMN_TYPES[f] for f in fields})
    return obj({"dataset": {"const": name} if "{" not in name else STRING, "as_of": DATE,
                "description": nullable(STRING), "fields": {"type": "array", "items": {"enum": list(fields)}},
                "total": COUNT, "items": {"type": "array", "items": row}, **(extra or {})})


SCHEMAS["Plan"] = obj({"slug": STRING, "province_code": STRING, "province": STRING, "former_province": _NTEXT,
                       "area": _NTEXT, "start_year": INTEGER, "end_year": INTEGER, "document": _NTEXT,
                       "from_file": BOOLEAN, "seed": _NTEXT, "edited_at": nullable(STRING)})


def _certificate_check_schemas():
    """The verify API's schemas, from the JSON Schema the registry validates its answers with
    (marketplace/registry/schema.json): its `$defs` become components of this document."""
    schema = json.loads((Path(__file__).resolve().parents[1] / "registry" / "schema.json").read_text("utf-8"))
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    text = json.dumps(schema)
    for name in defs:
        text = text.replace(f'"#/$defs/{name}"', f'"#/components/schemas/Certificate{name.title()}"')
    return {"CertificateCheck": json.loads(text),
            **{f"Certificate{name.title()}": value for name, value in defs.items()}}


SCHEMAS.update(_certificate_check_schemas())
SCHEMAS["CertificateChecks"] = obj({"number": STRING, "total": COUNT,
                                    "items": {"type": "array", "items": ref("CertificateCheck")}})


# --- parameters and responses ------------------------------------------------------------

def query(name, schema, description, required=False):
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


def path(name, schema, description):
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema}


def ok(schema_name, description):
    return {"200": {"description": description, "content": {"application/json": {"schema": ref(schema_name)}}}}


def ok_schema(schema, description):
    return {"200": {"description": description, "content": {"application/json": {"schema": schema}}}}


def csv_ok(description):
    return {"200": {"description": description, "content": {"text/csv": {"schema": STRING}}}}


def error(status, description):
    return {str(status): {"description": description, "content": {"application/json": {"schema": ref("Error")}}}}


ERRORS = {**error(400, "a parameter is invalid (the fields are named), or the request carries a control "
                       "character or a query string over 4 KB"),
          **error(404, "no such record")}


def operation(operation_id, summary, parameters=(), responses=None, tags=("catalogue",)):
    return {"get": {"operationId": operation_id, "summary": summary, "tags": list(tags),
                    "parameters": list(parameters), "responses": {**(responses or {}), **ERRORS}}}


# Where a slug or code of these is expected, unknown values are a 400 naming the field.
CATALOGUE_PARAMETERS = [
    query("q", STRING, f"words (diacritics and đ optional); over {MAX_QUERY_LENGTH} characters (spaces "
                       "squeezed) is a 400"),
    query("group", STRING, "slug of an OCOP group"),
    query("subcategory", STRING, "slug of a subcategory"),
    query("province", STRING, "slug or code of one of the 34 units, or the slug of a former province"),
    query("region", STRING, "slug of one of the 6 regions or 3 macro regions"),
    query("stars", {"type": "integer", "minimum": 1, "maximum": 5}, "minimum current OCOP stars"),
    query("min_price", {"type": "integer", "minimum": 0, "maximum": MAX_PRICE}, "đồng"),
    query("max_price", {"type": "integer", "minimum": 0, "maximum": MAX_PRICE}, "đồng, not below min_price"),
    query("kind", {"enum": [k.value for k in ProducerKind]}, "producer kind"),
    query("sort", {"enum": list(SORTS)}, "order (relevance needs q)"),
    query("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, "page number"),
    query("per_page", {"type": "integer", "minimum": 1, "maximum": 10_000}, "products per page (at most 96 "
                                                                             "are given)"),
    query("facets", STRING, "1, true, yes or on: add the counts per facet"),
]
PROVINCE = query("province", STRING, "code (CTO) or slug (can-tho) of one of the 34 units; unknown is a 400")


def _dataset_paths():
    out = {}
    for name, description in DATASETS.items():
        parameters = [PROVINCE if name != "indicators" else {**PROVINCE, "required": True}]
        if name == "indicators":
            parameters.append(query("year", {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
                                    "the year (default: this year)"))
        json_op = operation(f"stats_{name}", description, parameters,
                            ok_schema(dataset_schema(name, DATASET_FIELDS[name]), "the dataset"), tags=("open data",))
        out[f"/api/v1/stats/{name}"] = json_op
        out[f"/api/v1/stats/{name}.json"] = {"get": {**json_op["get"], "operationId": f"stats_{name}_json"}}
        out[f"/api/v1/stats/{name}.csv"] = operation(f"stats_{name}_csv", f"{description} (CSV)", parameters,
                                                     csv_ok("UTF-8 CSV with a header line"), tags=("open data",))
    slug = path("slug", STRING, "the plan's slug")
    plan = dataset_schema("plans/{slug}", exports.PLAN_FIELDS, {"plan": ref("Plan")})
    out["/api/v1/stats/plans/{slug}"] = operation("stats_plan", "One plan's targets and indicators", [slug],
                                                  ok_schema(plan, "the plan's rows"), tags=("open data",))
    out["/api/v1/stats/plans/{slug}.json"] = operation("stats_plan_json", "One plan (JSON)", [slug],
                                                       ok_schema(plan, "the plan's rows"), tags=("open data",))
    out["/api/v1/stats/plans/{slug}.csv"] = operation("stats_plan_csv", "One plan (CSV)", [slug],
                                                      csv_ok("UTF-8 CSV with a header line"), tags=("open data",))
    return out


def paths():
    return {
        "/api/v1/products": operation("list_products", "The catalogue: filters, sorting, pages, facets",
                                      CATALOGUE_PARAMETERS, ok("ProductPage", "a page of products")),
        "/api/v1/products/{slug}": operation("get_product", "One public product", [path("slug", STRING, "slug")],
                                             ok("ProductDetail", "the product")),
        "/api/v1/suggest": operation("suggest", "Suggestions while typing", [
            query("q", STRING, "what was typed so far"),
            query("limit", {"type": "integer", "minimum": 1, "maximum": 10}, "at most this many products (6); "
                                                                             "anything else is a 400")],
            ok("Suggestions", "products and producers")),
        "/api/v1/provinces": operation("list_provinces", "The 34 provinces and cities", [],
                                       ok("Provinces", "every province")),
        "/api/v1/stats/": operation("list_datasets", "The open datasets", [], ok("DatasetIndex", "the datasets"),
                                    tags=("open data",)),
        **_dataset_paths(),
        "/api/v1/ocop/verify/{code}": operation(
            "verify_certificate", "Check an OCOP certificate by the signed code of its QR",
            [path("code", STRING, "the code printed in the certificate's QR (a made-up or altered one is a 404)")],
            ok("CertificateCheck", "the certificate as its public verify page shows it"), tags=("certificates",)),
        "/api/v1/ocop/verify": operation(
            "find_certificates", "Find OCOP certificates by decision or certificate number",
            [query("number", STRING, "the number (any case, diacritics optional), or its part before the first "
                                     "/; required", required=True)],
            ok("CertificateChecks", "every certificate with that number"), tags=("certificates",)),
    }


def document():
    """The OpenAPI document, as a dict ready for JSON."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Chợ OCOP read API", "version": VERSION,
                 "description": "Public, read-only JSON (and CSV for open data). Vietnamese names; money in "
                                "integer đồng. See the README's JSON API section."},
        "servers": [{"url": "/"}],
        "paths": paths(),
        "components": {"schemas": SCHEMAS},
    }
