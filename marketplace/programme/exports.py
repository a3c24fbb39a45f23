"""The programme's open data: each dataset as field names and rows, written as CSV or JSON.

The same rows feed GET /api/v1/stats/<dataset>(.csv) and the download links of the
pages. Numbers are in their natural unit: counts, đồng (integers), and shares as
fractions (0.4 = 40 %, as in program_targets.json). Labels come in Vietnamese and
English whatever the visitor's language, so a file means the same to everyone.
"""
from datetime import timedelta

from flask_babel import force_locale

from marketplace.catalog.models import Category, Province
from marketplace.core.spreadsheets import write_csv
from marketplace.extensions import db
from marketplace.programme import figures, services, stats
from marketplace.programme.models import SHARE_SCALE, TargetUnit


def _both(label):
    with force_locale("vi"):
        vi = str(label)
    with force_locale("en"):
        en = str(label)
    return vi, en


def natural(value, unit):
    """A stored value in its natural unit (shares as fractions)."""
    if value is None:
        return None
    if TargetUnit(unit) is TargetUnit.SHARE:
        return value / SHARE_SCALE
    return value


def _provinces():
    return {p.id: p for p in db.session.execute(db.select(Province)).scalars()}


def _groups():
    return {c.id: c for c in db.session.execute(db.select(Category).where(Category.parent_id.is_(None))).scalars()}


PRODUCTS_FIELDS = ["province_code", "province", "group", "group_name_vi", "group_name_en", "stars", "products"]


def products_dataset(today, province=None):
    provinces, groups = _provinces(), _groups()
    rows = []
    for row in figures.Stats(today, province).certified_products():
        p, g = provinces[row["province_id"]], groups[row["group_id"]]
        rows.append({"province_code": p.code, "province": p.name_vi, "group": g.slug, "group_name_vi": g.name_vi,
                     "group_name_en": g.name_en, "stars": row["stars"], "products": row["products"]})
    rows.sort(key=lambda r: (r["province"], r["group"], r["stars"]))
    return PRODUCTS_FIELDS, rows


CERTIFICATIONS_FIELDS = ["year", "province_code", "province", "stars", "certifications"]


def certifications_dataset(today, province=None):
    provinces = _provinces()
    rows = [{"year": row["year"], "province_code": provinces[row["province_id"]].code,
             "province": provinces[row["province_id"]].name_vi, "stars": row["stars"],
             "certifications": row["certifications"]}
            for row in figures.Stats(today, province).certifications_by_year()]
    rows.sort(key=lambda r: (r["year"], r["province"], r["stars"]))
    return CERTIFICATIONS_FIELDS, rows


EXPIRING_FIELDS = ["province_code", "province", "window_days", "expiring_until", "products_expiring"]


def expiring_dataset(today, province=None, days=stats.EXPIRY_WINDOW_DAYS):
    provinces = _provinces()
    counts = (figures.Stats(today, province).expiring_counts() if days == stats.EXPIRY_WINDOW_DAYS
              else stats.expiring_counts(today, days, province))
    chosen = [province] if province is not None else sorted(provinces.values(), key=lambda p: p.name_ascii)
    until = (today + timedelta(days=days)).isoformat()
    rows = [{"province_code": p.code, "province": p.name_vi, "window_days": days, "expiring_until": until,
             "products_expiring": counts.get(p.id, 0)} for p in chosen]
    return EXPIRING_FIELDS, rows


PLAN_FIELDS = ["plan", "province_code", "province", "former_province", "area", "start_year", "end_year",
               "document", "kind", "metric", "metric_label_vi", "metric_label_en", "unit", "target_value",
               "target_min", "target_max", "actual", "numerator", "denominator", "percent", "percent_of_max",
               "reached", "measurable", "note_vi", "note_en", "source"]


def _plan_columns(plan):
    return {"plan": plan.slug, "province_code": plan.province.code, "province": plan.province.name_vi,
            "former_province": plan.former_province.name_vi if plan.former_province else None,
            "area": plan.area, "start_year": plan.start_year, "end_year": plan.end_year, "document": plan.document}


def _measure_columns(metric, measure):
    label_vi, label_en = _both(metric.label)
    note_vi, note_en = _both(measure.note) if measure.note is not None else (None, None)
    return {"metric": metric.code, "metric_label_vi": label_vi, "metric_label_en": label_en,
            "unit": metric.unit.value, "actual": natural(measure.value, metric.unit) if measure.measurable else None,
            "numerator": measure.numerator, "denominator": measure.denominator, "measurable": measure.measurable,
            "note_vi": note_vi, "note_en": note_en}


def plan_rows(progress, with_indicators=False):
    base = _plan_columns(progress.plan)
    rows = []
    for item in progress.targets:
        target = item.target
        rows.append({**base, "kind": "target", **_measure_columns(item.metric, item.measure),
                     "unit": target.unit.value,
                     "target_value": natural(target.value, target.unit),
                     "target_min": natural(target.min_value, target.unit),
                     "target_max": natural(target.max_value, target.unit),
                     "percent": item.percent, "percent_of_max": item.percent_max, "reached": item.reached,
                     "source": target.source})
    if with_indicators:
        for indicator in progress.indicators:
            rows.append({**base, "kind": "indicator", **_measure_columns(indicator.metric, indicator.measure),
                         "target_value": None, "target_min": None, "target_max": None, "percent": None,
                         "percent_of_max": None, "reached": None, "source": None})
    return rows


def plans_dataset(today, now, province=None):
    plans = services.plans_of_province(province, today) if province is not None else services.all_plans(today)
    rows = []
    for progress in figures.plan_progress(plans, today, now, with_indicators=False):
        rows.extend(plan_rows(progress))
    return PLAN_FIELDS, rows


def plan_dataset(plan, today, now):
    return PLAN_FIELDS, plan_rows(figures.plan_progress([plan], today, now)[0], with_indicators=True)


INDICATOR_FIELDS = ["province_code", "province", "start_year", "end_year", "metric", "metric_label_vi",
                    "metric_label_en", "unit", "actual", "numerator", "denominator", "measurable", "note_vi",
                    "note_en"]


def indicators_dataset(province, year, today, now):
    rows = []
    for indicator in figures.indicators_for(province, year, today, now):
        rows.append({"province_code": province.code, "province": province.name_vi, "start_year": year,
                     "end_year": year, **_measure_columns(indicator.metric, indicator.measure)})
    return INDICATOR_FIELDS, rows


# --------------------------------------------------------------------------- writing

def to_csv(fields, rows, bom=False):
    """The rows (dicts) as CSV, columns in the order of `fields` (core.spreadsheets: quoted, no formulas)."""
    return write_csv(fields, ([row.get(name) for name in fields] for row in rows), bom=bom)
