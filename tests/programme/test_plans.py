"""Loading the plans of program_targets.json, and the officers' plan operations."""
import json
import shutil

import pytest

from marketplace.catalog.services import find_former_province, find_province
from marketplace.core.errors import DomainError, PermissionDenied, ValidationError
from marketplace.programme import services
from marketplace.programme.loader import load_plans
from marketplace.programme.models import ProgrammePlan, ProgrammeTarget, TargetUnit
from marketplace.programme.services import PlanInput, TargetInput
from tests.conftest import SHARED_DATA_DIR
from tests.programme.conftest import NOW


def _plans(db):
    return {p.slug: p for p in db.session.execute(db.select(ProgrammePlan)).scalars()}


def test_loading_the_plans_file_twice_changes_nothing(db):
    assert load_plans() == {"added": 5, "updated": 0, "unchanged": 0, "removed": 0, "skipped": []}
    ids = sorted(db.session.execute(db.select(ProgrammeTarget.id)).scalars())
    assert load_plans() == {"added": 0, "updated": 0, "unchanged": 5, "removed": 0, "skipped": []}
    assert sorted(db.session.execute(db.select(ProgrammeTarget.id)).scalars()) == ids


def test_plans_are_placed_where_the_file_says(db):
    load_plans()
    plans = _plans(db)
    # Older plans of provinces merged in 2025 apply to the former province.
    assert (plans["can-tho-2023"].province.code, plans["can-tho-2023"].former_province.name_vi) == ("CTO", "Cần Thơ")
    assert plans["hai-phong-2021-2025"].former_province.name_vi == "Hải Phòng"
    assert plans["ca-mau-2020"].former_province.name_vi == "Cà Mau"
    assert plans["cao-bang-2023"].former_province is None        # Cao Bằng was not merged
    phu_xuyen = plans["phu-xuyen-2019-2020"]
    assert (phu_xuyen.province.code, phu_xuyen.former_province, phu_xuyen.area) == ("HN", None, "huyện Phú Xuyên")
    assert (phu_xuyen.start_year, phu_xuyen.end_year, phu_xuyen.from_file) == (2019, 2020, True)
    assert phu_xuyen.seed == "002_cfdb2c5520ac1527.txt"

    targets = {t.metric: t for t in plans["cao-bang-2023"].targets}
    assert (targets["share_subjects_cooperative"].unit, targets["share_subjects_cooperative"].min_value) == \
        (TargetUnit.SHARE, 4000)
    assert targets["share_subjects_sme"].value == 3000
    assert targets["new_products_3star_plus"].source.startswith("có thêm từ 30 sản phẩm")
    range_target = plans["phu-xuyen-2019-2020"].targets[0]
    assert (range_target.metric, range_target.min_value, range_target.max_value) == ("products_evaluated", 100, 120)
    budget = {t.metric: t for t in plans["can-tho-2023"].targets}["budget_total_vnd"]
    assert (budget.unit, budget.value) == (TargetUnit.VND, 3_600_000_000)


def test_the_file_stays_the_source_of_its_plans(db, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(SHARED_DATA_DIR, data_dir)
    load_plans(str(data_dir))
    facts = json.loads((data_dir / "program_targets.json").read_text(encoding="utf-8"))
    facts["plans"][0]["targets"][0]["value"] = 95               # a changed target
    del facts["plans"][-1]                                      # a plan that left the file
    (data_dir / "program_targets.json").write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    assert load_plans(str(data_dir)) == {"added": 0, "updated": 1, "unchanged": 3, "removed": 1, "skipped": []}
    plans = _plans(db)
    assert "ca-mau-2020" not in plans and plans["can-tho-2023"].targets[0].value == 95


def _data(province="can-tho", **changes):
    values = dict(province=find_province(province), start_year=2026, end_year=2026, document="Kế hoạch 9/KH-UBND",
                  targets=[TargetInput("new_products_4star", 5, source="có thêm 5 sản phẩm 4 sao")])
    values.update(changes)
    return PlanInput(**values)


def test_officers_create_and_edit_plans_marked_with_their_name(db, officer, make_user):
    plan = services.create_plan(actor=officer, data=_data(), now=NOW)
    assert (plan.slug, plan.from_file, plan.created_by, plan.edited_by, plan.edited_at) == (
        "can-tho-2026", False, officer, officer, NOW)
    admin = make_user("admin")
    later = NOW.replace(hour=9)
    services.update_plan(plan, actor=admin, now=later, data=_data(
        former_province=find_former_province("Hậu Giang"), targets=[
            TargetInput("new_products_4star", None, 4, 6, source="từ 4 đến 6 sản phẩm 4 sao"),
            TargetInput("share_subjects_cooperative", None, 4000, source="ít nhất 40% là hợp tác xã")]))
    assert (plan.edited_by, plan.edited_at, plan.created_by) == (admin, later, officer)
    assert [(t.metric, t.unit, t.value, t.min_value, t.max_value) for t in plan.targets] == [
        ("new_products_4star", TargetUnit.COUNT, None, 4, 6), ("share_subjects_cooperative", TargetUnit.SHARE,
                                                               None, 4000, None)]
    services.update_plan(plan, actor=officer, now=later.replace(hour=10), data=_data(
        former_province=find_former_province("Hậu Giang"), targets=[
            TargetInput("new_products_4star", None, 4, 6, source="từ 4 đến 6 sản phẩm 4 sao")]))
    assert len(plan.targets) == 1 and plan.edited_by == officer
    assert db.session.execute(db.select(db.func.count(ProgrammeTarget.id))).scalar_one() == 1


@pytest.mark.parametrize("changes, field", [
    ({"province": None}, "province"),
    ({"former_province": "Bến Tre"}, "former_province"),          # Bến Tre is now part of Vĩnh Long
    ({"end_year": 2025}, "end_year"),
    ({"start_year": 1800}, "start_year"),
    ({"document": "  "}, "document"),
    ({"targets": []}, "targets"),
    ({"targets": [TargetInput("no_such_metric", 1, source="x")]}, "targets"),
    ({"targets": [TargetInput("showrooms", 2, 1, source="x")]}, "targets"),          # a value and a range
    ({"targets": [TargetInput("showrooms", None, 3, 2, source="x")]}, "targets"),    # max below min
    ({"targets": [TargetInput("showrooms", None, None, 3, source="x")]}, "targets"),  # max without min
    ({"targets": [TargetInput("share_subjects_sme", 12000, source="x")]}, "targets"),  # 120 %
    ({"targets": [TargetInput("showrooms", -1, source="x")]}, "targets"),
    ({"targets": [TargetInput("showrooms", 2, source=" ")]}, "targets"),
])
def test_unsound_plans_are_refused(db, officer, changes, field):
    if "former_province" in changes:
        changes["former_province"] = find_former_province(changes["former_province"])
    with pytest.raises(ValidationError) as refused:
        services.create_plan(actor=officer, data=_data(**changes), now=NOW)
    assert refused.value.field == field
    assert db.session.execute(db.select(ProgrammePlan)).first() is None


@pytest.mark.parametrize("role", ["consumer", "producer", "organizer"])
def test_only_officers_and_admins_may_change_plans(db, make_user, officer, role):
    someone = make_user(role)
    with pytest.raises(PermissionDenied):
        services.create_plan(actor=someone, data=_data(), now=NOW)
    with pytest.raises(PermissionDenied):
        services.create_plan(actor=None, data=_data(), now=NOW)
    plan = services.create_plan(actor=officer, data=_data(), now=NOW)
    with pytest.raises(PermissionDenied):
        services.update_plan(plan, actor=someone, data=_data(document="Khác"), now=NOW)
    with pytest.raises(PermissionDenied):
        services.delete_plan(plan, actor=someone)
    db.session.rollback()
    assert db.session.get(ProgrammePlan, plan.id).document == "Kế hoạch 9/KH-UBND"


def test_plans_from_the_file_are_changed_in_the_file_only(db, officer):
    load_plans()
    plan = services.find_plan("cao-bang-2023")
    with pytest.raises(DomainError):
        services.update_plan(plan, actor=officer, data=_data("cao-bang"), now=NOW)
    with pytest.raises(DomainError):
        services.delete_plan(plan, actor=officer)
    db.session.rollback()
    assert services.find_plan("cao-bang-2023").document == "Kế hoạch 1070/KH-UBND (05/5/2023)"


def test_an_officers_plan_keeps_its_id_when_the_file_wants_it(db, officer):
    services.create_plan(actor=officer, data=_data("cao-bang", start_year=2023, end_year=2023), now=NOW)
    assert services.find_plan("cao-bang-2023").from_file is False
    summary = load_plans()
    assert (summary["added"], summary["skipped"]) == (4, ["cao-bang-2023"])
    assert services.find_plan("cao-bang-2023").from_file is False


def test_the_cli_loads_the_plans(app):
    result = app.test_cli_runner().invoke(args=["programme", "load-plans"])
    assert result.exit_code == 0, result.output
    assert "added 5" in result.output
