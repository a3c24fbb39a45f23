"""Mirror the plans of shared/data/program_targets.json into the database.

The JSON file stays the single source of those plans: loading is an upsert by the
plan's `id` (the slug here), a plan that left the file is removed, and a second
load changes nothing. Officers' plans (entered on the site) are never touched; a
file plan whose id is already taken by an officers' plan is skipped and reported.

The file names the unit the plan was written for. When that is a province merged
in 2025 (a former province of the current unit, e.g. "Cần Thơ" within today's
Cần Thơ, which also covers Sóc Trăng and Hậu Giang) and the plan starts before the
merger took effect, the plan is that former province's. An optional
"former_province" key (a name, or null) overrides the inference.
"""
import json
from pathlib import Path

from flask import current_app

from marketplace.catalog.models import Province
from marketplace.extensions import db
from marketplace.programme.metrics import REGISTRY
from marketplace.programme.models import SHARE_SCALE, ProgrammePlan, TargetUnit
from marketplace.programme.services import PlanInput, TargetInput, apply_plan, validate_plan

PLANS_FILE = "program_targets.json"
MERGER_YEAR = 2025  # the 34 units exist from 1 July 2025; plans starting by then name the old ones


def plans_facts(data_dir=None):
    """The file as it is now (read afresh, not from the facts cache: it may have just been edited)."""
    path = Path(data_dir or current_app.config["SHARED_DATA_DIR"]) / PLANS_FILE
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _number(metric, raw):
    """A JSON number in the target's stored unit: shares become basis points."""
    if raw is None:
        return None
    unit = REGISTRY[metric].unit if metric in REGISTRY else TargetUnit.COUNT
    if unit is TargetUnit.SHARE:
        return int(round(float(raw) * SHARE_SCALE))
    return int(raw)


def _former(item, province):
    formers = {f.name_vi: f for f in province.former_provinces}
    if "former_province" in item:
        name = item["former_province"]
        if name is None:
            return None
        if name not in formers:
            raise ValueError(f"plan {item['id']}: {name!r} is not a former province of {province.name_vi}")
        return formers[name]
    if item["period"][0] <= MERGER_YEAR and item["province"] in formers:
        return formers[item["province"]]
    return None


def plan_input(item, provinces):
    """The PlanInput of one plan of the file."""
    province = provinces.get(item["province_code"])
    if province is None:
        raise ValueError(f"plan {item['id']}: unknown province code {item['province_code']!r} "
                         "(run `flask catalog load-reference` first)")
    targets = [TargetInput(metric=t["metric"], value=_number(t["metric"], t.get("value")),
                           min_value=_number(t["metric"], t.get("min")),
                           max_value=_number(t["metric"], t.get("max")), source=t["source"])
               for t in item["targets"]]
    return PlanInput(province=province, former_province=_former(item, province), area=item.get("area"),
                     start_year=int(item["period"][0]), end_year=int(item["period"][1]),
                     document=item["document"], targets=targets)


def _source_of(item):
    """The plan's source as the file gives it: the maintainers' seed key (never shown on a page),
    the issuing body and the article's headline (shown, as people cite the plan)."""
    return item.get("seed"), (item.get("issuer") or None), (item.get("article_title") or None)


def _source(plan):
    return plan.seed, plan.issuer, plan.article_title


def load_plans(data_dir=None):
    """Upsert the file's plans; one transaction. Returns counts: added, updated, unchanged, removed, skipped."""
    facts = plans_facts(data_dir)
    provinces = {p.code: p for p in db.session.execute(db.select(Province)).scalars()}
    existing = {p.slug: p for p in db.session.execute(db.select(ProgrammePlan)).scalars()}
    summary = {"added": 0, "updated": 0, "unchanged": 0, "removed": 0, "skipped": []}
    try:
        slugs = set()
        for item in facts["plans"]:
            data = plan_input(item, provinces)
            validate_plan(data)
            slug = item["id"]
            slugs.add(slug)
            plan = existing.get(slug)
            if plan is not None and not plan.from_file:
                summary["skipped"].append(slug)
                continue
            if plan is None:
                plan = ProgrammePlan(slug=slug, from_file=True, start_year=data.start_year, end_year=data.end_year,
                                     document=data.document)
                db.session.add(plan)
                apply_plan(plan, data)
                summary["added"] += 1
            else:
                changed = apply_plan(plan, data)
                if _source(plan) != _source_of(item):
                    changed = True
                summary["updated" if changed else "unchanged"] += 1
            plan.seed, plan.issuer, plan.article_title = _source_of(item)
        for slug, plan in existing.items():
            if plan.from_file and slug not in slugs:
                db.session.delete(plan)
                summary["removed"] += 1
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return summary
