"""Synthetic offers and demands for the matching benchmark (bulk inserts, seconds for 100,000).

Offers are made from the catalogue's products (run `catalog.synthetic.generate_catalogue`
first): one offer per product, linked to it (so its stars follow its certificates), in
the product's category, at a wholesale price, from the product's producer. Demands ask
for the kinds of product of the same word lists, in every province, from synthetic
buyer organisations. Rows bypass the services: afterwards rebuild the search indexes
and let the in-memory tables load (their version counter is moved past the new rows).
"""
import random
from datetime import timedelta

from sqlalchemy import func, insert, select, update

from marketplace.catalog.models import Category, Producer, Product, Province
from marketplace.catalog.synthetic_words import SUBCATEGORIES
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db
from marketplace.matching.models import BuyerKind, BuyerOrganisation, Demand, MatchingState, Offer, PostStatus
from marketplace.matching.terms import ALL_MONTHS, CERTIFICATES, Period, Recurrence, month_mask

CHUNK = 5000
PACK_UNITS = {"túi": "tui", "hộp": "hop", "thùng": "thung", "chai": "chai", "hũ": "hop", "gói": "goi", "can": "chai",
              "lọ": "chai", "bánh": "chiec", "chiếc": "chiec", "bộ": "bo", "bức": "chiec"}
QUALIFIERS = ["", "loại 1", "sạch", "hữu cơ", "đặc sản", "xuất khẩu", "số lượng lớn"]


def _unit(pack):
    first = (pack or "").split(" ")[0].lower()
    if first in ("túi", "thùng") and ("kg" in pack or " g" in pack):
        return "kg"
    return PACK_UNITS.get(first, "kg")


def _max_id(model):
    return db.session.execute(select(func.coalesce(func.max(model.id), 0))).scalar_one()


def _insert(model, rows):
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(model), rows[start:start + CHUNK])


def generate_matching(n_offers, n_demands, today, seed=42, buyers=500):
    """Insert `n_offers` offers (from existing products) and `n_demands` demands; one transaction."""
    rng = random.Random(seed)
    now = utcnow()
    version = _max_id(Offer) + _max_id(Demand) + 1
    products = db.session.execute(select(Product.id, Product.producer_id, Product.category_id, Product.name,
                                         Product.price, Product.unit).join(Producer, Producer.id == Product.producer_id)
                                  .where(Producer.verified.is_(True)).order_by(Product.id).limit(n_offers)).all()
    if len(products) < n_offers:
        raise RuntimeError(f"need {n_offers} products of verified producers, found {len(products)}")
    provinces = list(db.session.execute(select(Province.id)).scalars())
    categories = {c.name_vi: c.id for c in db.session.execute(select(Category)).scalars()}
    producer_province = dict(db.session.execute(select(Producer.id, Producer.province_id)).all())

    offer_base = _max_id(Offer)
    offers = []
    for i, (product_id, producer_id, category_id, name, price, pack) in enumerate(products):
        season = ALL_MONTHS if rng.random() < 0.6 else month_mask(
            sorted({(rng.randrange(12) + k) % 12 + 1 for k in range(rng.randint(3, 7))}))
        wholesale = max(int(price * rng.uniform(0.6, 0.9)) // 100 * 100, 100)
        delivers = rng.random()
        offers.append({
            "id": offer_base + i + 1, "producer_id": producer_id, "product_id": product_id, "created_by_id": None,
            "title": name, "description": "", "category_id": category_id,
            "quantity": rng.choice([200, 500, 1000, 3000, 10000]), "unit": _unit(pack),
            "period": rng.choice([Period.MONTH, Period.MONTH, Period.WEEK, Period.YEAR]).value,
            "min_order": rng.choice([0, 10, 50, 100, 500]), "price_min": wholesale,
            "price_max": wholesale + wholesale // 5 if rng.random() < 0.3 else None, "season_months": season,
            "delivers_nationwide": delivers < 0.3,
            "delivery_province_ids": [producer_province[producer_id]] + rng.sample(provinces, rng.randint(0, 4)),
            "certificates": sum(1 << c.bit for c in CERTIFICATES if rng.random() < 0.15),
            "expires_on": today + timedelta(days=rng.randint(-10, 120)),
            "status": (PostStatus.OPEN if rng.random() < 0.92 else rng.choice([PostStatus.PAUSED,
                                                                               PostStatus.CLOSED])).value,
            "row_version": version, "is_demo": False, "created_at": now, "updated_at": now})
    _insert(Offer, offers)

    buyer_base = _max_id(BuyerOrganisation)
    kinds = list(BuyerKind)
    _insert(BuyerOrganisation, [{
        "id": buyer_base + i + 1, "slug": f"nguoi-mua-{buyer_base + i + 1}", "name": f"Doanh nghiệp thu mua {i + 1}",
        "kind": kinds[i % len(kinds)].value, "province_id": provinces[i % len(provinces)], "description": "",
        "address": f"Số {i + 1} đường Thử", "phone": None, "email": None, "tax_code": None, "is_demo": False,
        "created_at": now} for i in range(buyers)])

    subcategories = [(name, types, packs) for name, (types, packs) in SUBCATEGORIES.items() if name in categories]
    demand_base = _max_id(Demand)
    demands = []
    for i in range(n_demands):
        name, types, packs = rng.choice(subcategories)
        pack, low, high = rng.choice(packs)
        title = f"{rng.choice(types)} {rng.choice(QUALIFIERS)}".strip()
        wanted_by = today + timedelta(days=rng.randint(7, 120))
        demands.append({
            "id": demand_base + i + 1, "buyer_id": buyer_base + rng.randrange(buyers) + 1, "created_by_id": None,
            "title": title, "description": "", "category_id": categories[name],
            "quantity": rng.choice([50, 100, 300, 1000, 5000]), "unit": _unit(pack),
            "recurrence": rng.choice(list(Recurrence)).value,
            "target_price": int(rng.uniform(low, high) * 0.8) // 100 * 100 if rng.random() < 0.8 else None,
            "delivery_province_id": rng.choice(provinces),
            "wanted_from": today if rng.random() < 0.3 else None, "wanted_by": wanted_by,
            "min_stars": rng.choice([None, None, 3, 4, 5]),
            "certificates": (1 << CERTIFICATES[0].bit) if rng.random() < 0.1 else 0,
            "expires_on": wanted_by, "status": PostStatus.OPEN.value, "row_version": version, "is_demo": False,
            "created_at": now, "updated_at": now})
    _insert(Demand, demands)
    if db.session.execute(select(MatchingState.id).where(MatchingState.id == 1)).first() is None:
        db.session.add(MatchingState(id=1, version=version))
    else:
        db.session.execute(update(MatchingState).where(MatchingState.id == 1).values(version=version))
    db.session.commit()
    return {"offers": len(offers), "demands": len(demands), "buyers": buyers}
