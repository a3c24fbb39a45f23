"""Each hard rule and each scoring factor, on plain numbers (no database): the functions
are the ones that score a hundred thousand offers at once."""
from datetime import date

import numpy as np
import pytest

from marketplace.matching import scoring
from marketplace.matching.columns import Columns
from marketplace.matching.tables import demand_window
from marketplace.matching.terms import (ALL_MONTHS, FAMILY_INDEX, certificate_mask, month_mask, months_between,
                                        window_months)

TODAY = date(2026, 6, 1).toordinal()
FAR = date(2030, 1, 1).toordinal()
# Two provinces 35 km apart, and a third 1,150 km away.
DISTANCES = np.array([[0.0, 35.0, 1150.0], [35.0, 0.0, 1120.0], [1150.0, 1120.0, 0.0]])


def demand(**overrides):
    values = dict(id=1, category_id=2, group_id=1, province_index=0, family=FAMILY_INDEX["mass"],
                  quantity_base=1000.0, need_base=1000.0, recurring=False, target_price=50_000.0, min_stars=0,
                  certificates=0, window_mask=month_mask([6, 7]), window_length=1.0, n_words=3)
    values.update(overrides)
    return Columns(**values)


def offer(**overrides):
    values = dict(id=7, producer_id=3, category_id=2, group_id=1, province_index=1, family=FAMILY_INDEX["mass"],
                  monthly_base=1000.0, min_order_base=100.0, price_min=40_000.0, price_max=40_000.0,
                  season=ALL_MONTHS, certificates=0, delivery_mask=1 << 0, stars3_until=FAR, stars4_until=FAR,
                  stars5_until=0)
    values.update(overrides)
    return Columns(**values)


def rules(d, o):
    return {name: bool(value) for name, value in scoring.hard_rules(d, o, TODAY).items()}


def score(d, o, matched=3, record=0.5):
    return scoring.factors(d, o, TODAY, matched, record, DISTANCES)


# --- hard rules ------------------------------------------------------------------------------

def test_a_good_pair_passes_every_rule():
    assert all(rules(demand(), offer()).values())
    assert bool(scoring.passes(demand(), offer(), TODAY))


def test_stars_below_the_minimum_drop_the_pair():
    assert rules(demand(min_stars=4), offer())["stars"]  # 4 stars today
    assert not rules(demand(min_stars=5), offer())["stars"]
    # The certificate ran out yesterday: no stars today, whatever it said.
    expired = offer(stars3_until=TODAY - 1, stars4_until=TODAY - 1)
    assert not rules(demand(min_stars=3), expired)["stars"]
    assert rules(demand(min_stars=0), expired)["stars"]  # no minimum: stars are only a factor
    # Valid through today (inclusive), as Certification.is_current says.
    assert rules(demand(min_stars=4), offer(stars4_until=TODAY))["stars"]


def test_a_missing_required_certificate_drops_the_pair():
    required = certificate_mask(["vietgap", "haccp"])
    assert not rules(demand(certificates=required), offer(certificates=certificate_mask(["vietgap"])))["certificates"]
    assert rules(demand(certificates=required),
                 offer(certificates=certificate_mask(["vietgap", "haccp", "organic"])))["certificates"]
    assert rules(demand(certificates=0), offer(certificates=0))["certificates"]


def test_no_overlap_between_season_and_wanted_dates_drops_the_pair():
    summer = month_mask([6, 7, 8])
    assert rules(demand(window_mask=month_mask([7])), offer(season=summer))["season"]
    assert not rules(demand(window_mask=month_mask([11, 12])), offer(season=summer))["season"]
    # A window that has already passed has no months at all.
    assert not rules(demand(window_mask=0), offer(season=ALL_MONTHS))["season"]


def test_a_minimum_order_above_the_quantity_drops_the_pair():
    assert not rules(demand(quantity_base=500.0), offer(min_order_base=1000.0))["min_order"]
    assert rules(demand(quantity_base=1000.0), offer(min_order_base=1000.0))["min_order"]


def test_quantities_in_units_that_do_not_convert_never_match():
    assert not rules(demand(family=FAMILY_INDEX["chai"]), offer(family=FAMILY_INDEX["mass"]))["unit"]


def test_rules_apply_to_many_offers_at_once():
    offers = offer(min_order_base=np.array([10.0, 5000.0, 10.0]), certificates=np.array([0, 0, 0]),
                   stars3_until=np.array([FAR, FAR, 0]), stars4_until=np.array([FAR, FAR, 0]),
                   stars5_until=np.array([0, 0, 0]), season=np.array([ALL_MONTHS] * 3),
                   family=np.array([FAMILY_INDEX["mass"]] * 3))
    passed = scoring.passes(demand(min_stars=3), offers, TODAY)
    assert passed.tolist() == [True, False, False]


# --- the wanted window ----------------------------------------------------------------------

def test_the_window_starts_today_and_counts_its_months():
    today = date(2026, 6, 20).toordinal()
    mask, length = demand_window(date(2026, 5, 1).toordinal(), date(2026, 8, 10).toordinal(), today)
    assert mask == month_mask([6, 7, 8]) and length == 2.0
    assert demand_window(0, date(2026, 6, 1).toordinal(), today) == (0, 1.0)  # already passed
    assert window_months(date(2026, 11, 15), date(2027, 2, 1)) == month_mask([11, 12, 1, 2])
    assert window_months(date(2026, 1, 1), date(2027, 6, 1)) == ALL_MONTHS
    assert months_between(date(2026, 6, 1), date(2026, 6, 3)) == 1


# --- factors --------------------------------------------------------------------------------

def test_weights_add_up_to_100_and_the_best_pair_scores_near_it():
    assert sum(scoring.WEIGHTS.values()) == 100
    best = score(demand(), offer(stars5_until=FAR), matched=3, record=1.0)
    assert int(scoring.rounded(best.total)) == 100


def test_product_fit_counts_the_demand_words_found_and_the_category():
    assert float(score(demand(), offer(), matched=3).points["product"]) == 20
    assert float(score(demand(), offer(), matched=2).points["product"]) == pytest.approx(20 * (0.8 * 2 / 3 + 0.2))
    other_sub = offer(category_id=3)  # same OCOP group, another subcategory
    assert float(score(demand(), other_sub, matched=0).points["product"]) == pytest.approx(20 * 0.2 * 0.5)
    assert float(score(demand(n_words=0), offer(), matched=0).points["product"]) == 20
    assert float(score(demand(n_words=0), other_sub, matched=0).points["product"]) == 10
    assert float(score(demand(n_words=0), offer(category_id=9, group_id=8), matched=0).points["product"]) == 0
    # A demand for a whole OCOP group: every subcategory of it is the right category.
    assert float(score(demand(n_words=0, category_id=1), other_sub, matched=0).points["product"]) == 20


def test_price_fit_against_the_budget():
    within = score(demand(target_price=50_000.0), offer(price_min=40_000.0, price_max=48_000.0))
    assert float(within.points["price"]) == 20
    straddles = score(demand(target_price=50_000.0), offer(price_min=45_000.0, price_max=60_000.0))
    assert float(straddles.points["price"]) == 15
    above = score(demand(target_price=50_000.0), offer(price_min=56_000.0, price_max=56_000.0))
    assert float(above.raw["over"]) == pytest.approx(0.12)
    assert float(above.points["price"]) == pytest.approx(15 * (1 - 0.12 / 0.30))
    far_above = score(demand(target_price=50_000.0), offer(price_min=80_000.0, price_max=80_000.0))
    assert float(far_above.points["price"]) == 0
    no_budget = score(demand(target_price=-1.0), offer())
    assert float(no_budget.points["price"]) == 10


def test_quantity_is_the_share_covered():
    half = score(demand(need_base=2000.0), offer(monthly_base=1000.0))
    assert float(half.raw["covered"]) == pytest.approx(0.5) and float(half.points["quantity"]) == 10
    # A one-off need over a three-month window: three months of supply count.
    window = score(demand(need_base=2400.0, window_length=3.0), offer(monthly_base=1000.0))
    assert float(window.points["quantity"]) == 20
    # A recurring need compares monthly rates.
    monthly = score(demand(recurring=True, need_base=1250.0, window_length=3.0), offer(monthly_base=1000.0))
    assert float(monthly.raw["covered"]) == pytest.approx(0.8) and float(monthly.points["quantity"]) == 16


def test_distance_between_provinces_and_delivery():
    near = score(demand(province_index=0), offer(province_index=1, delivery_mask=1 << 0))
    assert float(near.raw["km"]) == 35 and bool(near.raw["delivers"]) and float(near.points["distance"]) == 15
    no_delivery = score(demand(province_index=0), offer(province_index=2, delivery_mask=1 << 2))
    assert not bool(no_delivery.raw["delivers"])
    assert float(no_delivery.points["distance"]) == pytest.approx(15 * 0.8 * (1 - 1150 / 1600))
    nationwide = score(demand(province_index=0), offer(province_index=2, delivery_mask=-1))
    assert bool(nationwide.raw["delivers"]) and float(nationwide.points["distance"]) == 15
    same_province = score(demand(province_index=2), offer(province_index=2, delivery_mask=0))
    assert bool(same_province.raw["delivers"])


def test_haversine_matches_known_distances():
    hanoi, hcm = (21.028, 105.854), (10.776, 106.700)
    assert float(scoring.haversine_km(*hanoi, *hcm)) == pytest.approx(1140, abs=15)
    assert float(scoring.haversine_km(*hanoi, *hanoi)) == 0


def test_stars_earn_points_only_while_current():
    assert float(score(demand(), offer(stars5_until=FAR)).points["stars"]) == 15
    assert float(score(demand(), offer()).points["stars"]) == 12  # 4 stars
    assert float(score(demand(), offer(stars4_until=0)).points["stars"]) == 9  # 3 stars
    gone = offer(stars3_until=TODAY - 1, stars4_until=TODAY - 1)
    assert float(score(demand(), gone).points["stars"]) == 0


def test_the_record_factor_is_neutral_until_orders_exist():
    from marketplace.matching.record import NEUTRAL_SHARE, record_reason, record_shares
    shares = record_shares(np.array([1, 2, 3]))
    assert shares.tolist() == [NEUTRAL_SHARE] * 3
    assert float(score(demand(), offer(), record=NEUTRAL_SHARE).points["record"]) == 5
    assert "chưa có dữ liệu đơn hàng" in str(record_reason(NEUTRAL_SHARE))


def test_one_pair_and_many_pairs_give_the_same_scores():
    offers = offer(price_min=np.array([40_000.0, 60_000.0]), price_max=np.array([40_000.0, 60_000.0]),
                   monthly_base=np.array([1000.0, 300.0]), province_index=np.array([1, 2]),
                   delivery_mask=np.array([1, 4]), stars3_until=np.array([FAR, FAR]),
                   stars4_until=np.array([FAR, 0]), stars5_until=np.array([0, 0]), category_id=np.array([2, 3]))
    many = score(demand(), offers, matched=np.array([3, 1]))
    for i in range(2):
        one = score(demand(), offer(price_min=[40_000.0, 60_000.0][i], price_max=[40_000.0, 60_000.0][i],
                                    monthly_base=[1000.0, 300.0][i], province_index=[1, 2][i],
                                    delivery_mask=[1, 4][i], stars4_until=[FAR, 0][i], category_id=[2, 3][i]),
                    matched=[3, 1][i])
        assert float(one.total) == pytest.approx(float(many.total[i]))
