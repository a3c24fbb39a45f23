"""Progress figures on the fixture catalogue (tests/programme/conftest.py), against
numbers worked out by hand from its table; aggregates on SQLite and PostgreSQL."""
from datetime import date, datetime

import pytest

from marketplace.programme import services, stats
from marketplace.programme.metrics import REGISTRY, Scope, measure
from marketplace.programme.services import PlanInput, TargetInput
from tests.programme.conftest import NOW, TODAY


def _plan(officer, province, targets, former=None, area=None, years=(2023, 2023)):
    from marketplace.catalog.services import find_former_province
    data = PlanInput(province=province, former_province=find_former_province(former) if former else None,
                     area=area, start_year=years[0], end_year=years[1], document="Kế hoạch thử",
                     targets=[TargetInput(metric, *values, source=f"câu nguồn {metric}")
                              for metric, *values in targets])
    return services.create_plan(actor=officer, data=data, now=NOW)


def _by_metric(progress):
    return {item.target.metric: item for item in progress.targets}


def _indicators(progress):
    return {item.metric.code: item.measure for item in progress.indicators}


@pytest.mark.both_engines
def test_a_plan_of_a_former_province_counts_its_producers_only(catalogue, officer):
    plan = _plan(officer, catalogue["can_tho"], [
        ("new_products_3star", 10, None, None),
        ("new_products_4star", 10, None, None),
        ("new_products_5star", 2, None, None),
        ("new_products_3star_plus", None, 3, None),           # "at least 3"
        ("new_products_3_4star", None, 1, 4),                 # a range
        ("products_standardised", 92, None, None),
        ("share_subjects_cooperative", None, 4000, None),     # at least 40 %
        ("share_subjects_sme", 3000, None, None),             # 30 %
        ("showrooms", None, 2, 3),
        ("budget_total_vnd", 3_600_000_000, None, None),
    ], former="Cần Thơ")
    progress = services.plan_progress(plan, today=TODAY, now=NOW)
    rows = _by_metric(progress)

    # New 3 stars: a1, c1 (b3 rejected; D is Sóc Trăng; E unverified; c1's listing archived still counts).
    assert (rows["new_products_3star"].actual, rows["new_products_3star"].percent) == (2, 20)
    # New 4 stars: b1's upgrade from 3 stars; not a2's renewal, b2 (pending), b4 (revoked), d1 (Sóc Trăng).
    assert (rows["new_products_4star"].actual, rows["new_products_4star"].percent) == (1, 10)
    # New 5 stars: a3, decided on the period's last day.
    assert (rows["new_products_5star"].actual, rows["new_products_5star"].percent) == (1, 50)
    # First recognitions at 3+ stars: a1, a3, c1 (b1 was first recognised in 2022, a2 in 2020).
    item = rows["new_products_3star_plus"]
    assert (item.actual, item.percent, item.percent_max, item.reached) == (3, 100, None, True)
    # First recognitions at 3 or 4 stars: a1, c1 — against the range 1–4.
    item = rows["new_products_3_4star"]
    assert (item.actual, item.percent, item.percent_max, item.reached) == (2, 200, 50, True)
    # Products with a verified certificate decided in 2023, renewals included: a1, a2, a3, b1, c1.
    assert (rows["products_standardised"].actual, rows["products_standardised"].percent) == (5, 5)
    # Subjects on 31/12/2023: A (cooperative), B (enterprise), C (household); G's only certificate had expired.
    item = rows["share_subjects_cooperative"]
    assert (item.actual, item.measure.numerator, item.measure.denominator) == (3333, 1, 3)
    assert (item.percent, item.reached) == (83, False)
    item = rows["share_subjects_sme"]
    assert (item.actual, item.percent, item.reached) == (3333, 111, True)
    # Showrooms record only today's province: not measurable for a former province, never shown as 0.
    for code in ("showrooms", "budget_total_vnd"):
        assert rows[code].measure.measurable is False
        assert rows[code].actual is None and rows[code].percent is None and rows[code].reached is None
    assert "Cần Thơ" in str(rows["showrooms"].measure.note)

    indicators = _indicators(progress)
    assert indicators["exhibitors"].value == 1            # A at the Cần Thơ fair; D is Sóc Trăng
    assert indicators["trade_events"].measurable is False
    assert indicators["products_certified"].value == 6    # a1, a2, a3, b1, c1, h1 on 31/12/2023
    assert indicators["ocop_subjects"].value == 3
    assert (indicators["orders"].value, indicators["sales_vnd"].value) == (0, 0)  # measured: no order in 2023
    assert (len(progress.measured), len(progress.reached), len(progress.not_measurable)) == (8, 3, 2)


@pytest.mark.both_engines
def test_a_plan_of_the_whole_province_with_a_range_target(catalogue, officer):
    plan = _plan(officer, catalogue["can_tho"], [
        ("new_products_3star_plus", None, 2, 6),
        ("new_products_4star", 10, None, None),
        ("share_subjects_cooperative", None, 4000, None),
        ("showrooms", 2, None, None),
    ])
    progress = services.plan_progress(plan, today=TODAY, now=NOW)
    rows = _by_metric(progress)
    item = rows["new_products_3star_plus"]                  # a1, a3, c1 and Sóc Trăng's d1
    assert (item.actual, item.percent, item.percent_max, item.reached) == (4, 200, 66, True)
    assert (rows["new_products_4star"].actual, rows["new_products_4star"].percent) == (2, 20)  # b1, d1
    item = rows["share_subjects_cooperative"]               # A and D among A, B, C, D
    assert (item.actual, item.measure.numerator, item.measure.denominator, item.percent) == (5000, 2, 4, 125)
    assert (rows["showrooms"].actual, rows["showrooms"].percent) == (1, 50)  # the closed one does not count
    indicators = _indicators(progress)
    # The June fair only: not the cancelled one, the draft, or the one on 1/1/2024 in Vietnam.
    assert indicators["trade_events"].value == 1
    assert indicators["exhibitors"].value == 2              # A in Cần Thơ, D in Hà Nội; B was rejected


def test_a_district_plan_is_not_measured_against_the_whole_province(catalogue, officer):
    plan = _plan(officer, catalogue["can_tho"], [("new_products_3star", 1, None, None), ("showrooms", 1, None, None)],
                 area="huyện Phong Điền")
    progress = services.plan_progress(plan, today=TODAY, now=NOW)
    assert [item.target.metric for item in progress.targets] == ["new_products_3star", "showrooms"]
    for item in progress.targets:
        assert item.measure.measurable is False and item.actual is None
        assert "huyện Phong Điền" in str(item.measure.note)


def test_periods_follow_vietnams_calendar_and_events_count_once_held(catalogue):
    can_tho = catalogue["can_tho"]
    scope_2024 = Scope.of_years(can_tho, 2024, 2024, TODAY, NOW)
    assert measure("trade_events", scope_2024).value == 1   # 31/12/2023 18:00 UTC is 1/1/2024 in Vietnam
    before = Scope.of_years(can_tho, 2024, 2024, date(2023, 12, 31), datetime(2023, 12, 31, 17, 0))
    assert measure("trade_events", before).value == 0       # not held yet
    assert measure("new_products_3star", scope_2024).value == 1   # a4, decided on 1/1/2024


@pytest.mark.both_engines
def test_national_and_provincial_aggregates(catalogue):
    today = date(2025, 1, 15)
    products = stats.certified_products(today)
    assert stats.totals_by(products, "stars", "products") == {3: 4, 4: 4, 5: 1}
    # 3★ a1, a4, c1 (Cần Thơ) and f1 (Hà Nội); 4★ a2, b1 (its highest), d1, h1; 5★ a3; E is unverified.
    by_province = stats.stars_table(products, "province_id", "products")
    assert by_province[catalogue["can_tho"].id] == {3: 3, 4: 4, 5: 1}
    assert by_province[catalogue["ha_noi"].id] == {3: 1, 4: 0, 5: 0}
    from marketplace.catalog.services import find_category
    by_group = stats.stars_table(products, "group_id", "products")
    assert by_group[find_category("thuc-pham").id] == {3: 3, 4: 4, 5: 0}
    assert by_group[find_category("do-uong").id] == {3: 0, 4: 0, 5: 1}
    assert by_group[find_category("thu-cong-my-nghe").id] == {3: 1, 4: 0, 5: 0}
    assert stats.certified_products(today, catalogue["ha_noi"]) == [
        {"province_id": catalogue["ha_noi"].id, "group_id": find_category("thu-cong-my-nghe").id, "stars": 3,
         "products": 1}]

    years = stats.certifications_by_year(catalogue["can_tho"])
    assert stats.stars_table(years, "year", "certifications") == {
        2019: {3: 1, 4: 0, 5: 0}, 2020: {3: 0, 4: 1, 5: 0}, 2022: {3: 1, 4: 1, 5: 0},
        2023: {3: 2, 4: 3, 5: 1}, 2024: {3: 1, 4: 0, 5: 0}}
    assert stats.totals_by(stats.certifications_by_year(), "year", "certifications")[2023] == 7  # + f1

    # Within 90 days of 15/01/2025: h1 (01/03/2025). b1's 3★ (01/02/2025) is superseded by its 4★.
    assert stats.expiring_counts(today) == {catalogue["can_tho"].id: 1}
    rows = stats.expiring_certifications(today)
    assert [(r.product.name, r.certification.stars, r.days_left) for r in rows] == [("h1", 4, 45)]
    assert stats.expiring_certifications(today, province=catalogue["ha_noi"]) == []


def test_every_metric_of_the_plans_file_is_in_the_registry(app):
    from marketplace.programme.loader import plans_facts
    assert set(plans_facts()["metrics"]) <= set(REGISTRY)
    assert {"orders", "sales_vnd", "trade_events", "exhibitors"} <= set(REGISTRY)


def test_percentages_round_down_and_shares_round_half_up():
    from marketplace.programme.metrics import share
    assert services.percent(99, 100) == 99 and services.percent(2, 3) == 66 and services.percent(0, 5) == 0
    assert services.percent(None, 5) is None and services.percent(3, 0) is None
    assert share(1, 3) == 3333 and share(2, 3) == 6667 and share(1, 8) == 1250 and share(0, 0) is None
