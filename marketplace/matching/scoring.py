"""The rules of a match, written once for one pair or a hundred thousand.

Every function takes a demand side `d` and an offer side `o` whose attributes
are numpy arrays or plain numbers: one demand against many offers, one offer
against many demands, or one pair (the unit tests, the brute-force baseline)
all go through the same lines, by broadcasting.

Hard rules drop a pair whatever its score:

- units: the quantities must be comparable (kg and tấn are; kg and chai are not);
- stars: below the demand's minimum, using the stars of the offer's listing today
  by the star rule (`Certification.is_current`; an offer without a listing has none);
- certificates: every certificate the demand requires must be held;
- season: the offer's months must meet the months of the wanted dates;
- minimum order: the offer's minimum order must not exceed the quantity wanted.

What is left gets 0–100 points: product fit 20, price 20, quantity 20,
distance 15, stars 15, the producer's record 10 (see WEIGHTS and `factors`).
"""
from dataclasses import dataclass

import numpy as np

WEIGHTS = {"product": 20, "price": 20, "quantity": 20, "distance": 15, "stars": 15, "record": 10}
STRONG = 70  # a match from this score on is announced to both sides
PRICE_TOLERANCE = 0.30  # a price this much above the budget earns no price points
DISTANCE_SCALE_KM = 1600  # about Hà Nội to TP. Hồ Chí Minh: no distance points beyond
NO_DELIVERY_SHARE = 0.8  # the share of distance points when the producer does not deliver there
STAR_SHARE = {5: 1.0, 4: 0.8, 3: 0.6}
EARTH_RADIUS_KM = 6371.0
HARD_RULES = ("unit", "stars", "certificates", "season", "min_order")


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km (arrays or numbers)."""
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype=float)) for v in (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def stars_on(o, today):
    """Stars of the offer's listing on `today` (an ordinal): 5, 4, 3 or 0.

    `o.stars5_until` etc. are the last day (ordinal, 0 for never) a verified
    certificate of at least that many stars is valid: `Certification.is_current`
    for every day at once, so a certificate expiring at midnight needs no reload.
    """
    return np.where(o.stars5_until >= today, 5,
                    np.where(o.stars4_until >= today, 4, np.where(o.stars3_until >= today, 3, 0)))


def hard_rules(d, o, today):
    """{rule: boolean array, True where the pair passes}."""
    stars = stars_on(o, today)
    return {
        "unit": d.family == o.family,
        "stars": (d.min_stars == 0) | (stars >= d.min_stars),
        "certificates": (o.certificates & d.certificates) == d.certificates,
        "season": (o.season & d.window_mask) != 0,
        "min_order": o.min_order_base <= d.quantity_base,
    }


def passes(d, o, today):
    rules = hard_rules(d, o, today)
    ok = rules["unit"]
    for name in HARD_RULES[1:]:
        ok = ok & rules[name]
    return ok


@dataclass
class Factors:
    """Points per factor (arrays) and the raw figures each explanation is written from."""

    points: dict
    total: object
    raw: dict


def factors(d, o, today, matched_words, record_share, distances):
    """Points of each factor and the total (0–100) for the pairs of `d` and `o`.

    matched_words: how many of the demand's words (`d.n_words` of them) the offer's
    words contain; record_share: the producer's record as a share 0–1 (record.py);
    distances: km between provinces, by province index (tables.province_distances).
    """
    w = WEIGHTS
    # Product fit: the demand's words found in the offer, and the category.
    same_category = (d.category_id == o.category_id) | (d.category_id == o.group_id)
    category_share = np.where(same_category, 1.0, np.where(d.group_id == o.group_id, 0.5, 0.0))
    n_words = np.maximum(d.n_words, 1)
    word_share = np.where(d.n_words > 0, np.minimum(matched_words, n_words) / n_words, 0.0)
    product = np.where(d.n_words > 0, w["product"] * (0.8 * word_share + 0.2 * category_share),
                       w["product"] * category_share)

    # Price against the budget, both per base unit (per kg for kg and tấn alike); no budget
    # (-1): half the points.
    has_budget = np.asarray(d.target_price) >= 0
    budget = np.maximum(d.target_price, 1e-9)
    over = (o.price_min - budget) / budget
    price = np.where(np.logical_not(has_budget), w["price"] * 0.5,
                     np.where(o.price_max <= d.target_price, w["price"],
                              np.where(o.price_min <= d.target_price, w["price"] * 0.75,
                                       w["price"] * 0.75 * np.clip(1 - over / PRICE_TOLERANCE, 0.0, 1.0))))

    # Quantity: what the offer supplies over the need (a month's rates for a recurring need,
    # the months of the wanted window for a one-off one).
    supply = np.where(d.recurring, o.monthly_base, o.monthly_base * d.window_length)
    covered = np.clip(supply / np.maximum(d.need_base, 1e-9), 0.0, 1.0)
    quantity = w["quantity"] * covered

    # Distance between the producer's province and the delivery province.
    km = distances[d.province_index, o.province_index]
    delivers = (((o.delivery_mask >> d.province_index) & 1) == 1) | (d.province_index == o.province_index)
    near = np.clip(1 - km / DISTANCE_SCALE_KM, 0.0, 1.0)
    distance = np.where(delivers, w["distance"], w["distance"] * NO_DELIVERY_SHARE * near)

    stars_now = stars_on(o, today)
    stars = w["stars"] * np.where(stars_now == 5, STAR_SHARE[5],
                                  np.where(stars_now == 4, STAR_SHARE[4],
                                           np.where(stars_now == 3, STAR_SHARE[3], 0.0)))
    record = w["record"] * np.asarray(record_share, dtype=float)

    total = product + price + quantity + distance + stars + record
    shape = np.shape(total)

    def full(value):
        return np.broadcast_to(value, shape)

    points = {"product": full(product), "price": full(price), "quantity": full(quantity),
              "distance": full(distance), "stars": full(stars), "record": full(record)}
    raw = {"word_share": full(word_share), "category_share": full(category_share), "over": full(over),
           "covered": full(covered), "km": full(km), "delivers": full(delivers), "stars": full(stars_now)}
    return Factors(points=points, total=total, raw=raw)


def rounded(total):
    return np.clip(np.rint(total), 0, 100).astype(int)


__all__ = ["WEIGHTS", "STRONG", "HARD_RULES", "haversine_km", "stars_on", "hard_rules", "passes", "factors",
           "rounded"]
