"""The plans measured: products evaluated, sent to the higher level and given complete dossiers
are counted from the cycle's records, per province (or former province) and period."""
from datetime import timedelta

import pytest

from marketplace.catalog.services import find_former_province, update_producer
from marketplace.core.timeutil import utcnow
from marketplace.cycle.services import rounds
from marketplace.programme import services as programme
from marketplace.programme.metrics import Scope, measure
from marketplace.programme.services import PlanInput, TargetInput


def _scope(world, province, year_offset=0, former=None):
    year = world.today.year + year_offset
    scope = Scope.of_years(province, year, year, world.today, utcnow())
    return scope if former is None else Scope(**{**scope.__dict__, "former_province": find_former_province(former)})


def _figures(scope):
    return tuple(measure(code, scope).value for code in
                 ("products_evaluated", "products_to_higher_level", "products_completed_dossiers"))


@pytest.mark.both_engines
def test_the_cycles_steps_are_counted_where_and_when_they_happened(world, engine):
    members = world.council()
    _o, _p, second = world.shop("HTX Lâm Đồng 2", "lam-dong", "Trà Cầu Đất")
    update_producer(_p, name=_p.name, kind="cooperative", province=world.lam_dong,
                    former_province=find_former_province("dak-nong"), address="Xã Tuy Đức")
    round_ = world.round(members, [world.complete_dossier(), world.complete_dossier(second, _o)])
    world.complete_dossier(world.other_product, world.other_owner, world.other_officer)  # Hà Nội
    _w, _x, waiting = world.shop("HTX Chờ", "lam-dong", "Chưa đủ")
    world.filled_dossier(waiting, _w)  # submitted, not yet complete: not counted
    assert _figures(_scope(world, world.lam_dong)) == (0, 0, 2)  # scoring not closed yet
    first, other = round_.entries
    for member in members:
        world.score(member, first, 38, 24, 30)   # 92: proposed
        world.score(member, other, 30, 20, 25)
    rounds.close_scoring(members[0], round_)
    assert _figures(_scope(world, world.lam_dong)) == (2, 1, 2)
    assert _figures(_scope(world, world.ha_noi)) == (0, 0, 1)
    assert _figures(_scope(world, world.lam_dong, -1)) == (0, 0, 0)  # another year
    assert _figures(_scope(world, world.lam_dong, former="dak-nong")) == (1, 0, 1)


def test_a_plans_targets_are_measured_now(world):
    data = PlanInput(province=world.lam_dong, former_province=None, area=None, start_year=world.today.year,
                     end_year=world.today.year, document="Kế hoạch OCOP thử", targets=[
                         TargetInput("products_evaluated", None, 1, 3, source="đánh giá 1–3 sản phẩm"),
                         TargetInput("products_completed_dossiers", 2, None, None, source="hoàn thiện 2 hồ sơ"),
                         TargetInput("products_to_higher_level", 1, None, None, source="1 sản phẩm lên trung ương")])
    plan = programme.create_plan(actor=world.officer, data=data, now=utcnow())
    world.complete_dossier()
    progress = programme.plan_progress(plan, today=world.today, now=utcnow() + timedelta(seconds=1))
    rows = {item.target.metric: item for item in progress.targets}
    assert all(item.measure.measurable for item in progress.targets)
    assert (rows["products_completed_dossiers"].actual, rows["products_completed_dossiers"].percent) == (1, 50)
    assert (rows["products_evaluated"].actual, rows["products_to_higher_level"].actual) == (0, 0)
