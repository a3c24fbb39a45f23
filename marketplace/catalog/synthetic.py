"""A large synthetic catalogue for benchmarks: `flask catalog generate --products 100000`.

Producers and products are composed from Vietnamese word lists (product types ×
qualities × places) over all 34 provinces, their former provinces and every OCOP
subcategory, with OCOP certificates (mostly verified; some pending, rejected or
expired). No photos. Rows go in with SQLAlchemy Core bulk inserts, chunk by chunk,
so 100,000 products take seconds rather than minutes.

Ids are assigned here (after the current maximum) so that products can point at
their producers and certificates at their products without reading anything back;
slugs carry the id ("sp-123456-..."), so a second run never collides with the first.
On PostgreSQL the id sequences are moved past the new rows at the end, and rows go in with COPY
(same transaction). Run it on a quiet database: it is a benchmark tool, not something
to run beside live traffic.

The rows bypass the catalogue services, so no search outbox messages are written:
rebuild the search index afterwards with `flask search reindex`.
"""
import random
from datetime import date, datetime, time, timedelta
from time import perf_counter

from sqlalchemy import func, insert, select, text
from tqdm import tqdm

from marketplace.catalog.models import (Category, Certification, CertificationLevel, CertificationStatus,
                                        FormerProvince, Producer, ProducerKind, Product, ProductStatus, Province)
from marketplace.catalog.synthetic_words import (BRANDS, COMMUNES, DOMAINS, GIVEN, MIDDLES, QUALITIES, SENTENCES,
                                                SUBCATEGORIES, SURNAMES)
from marketplace.core.facts import certificate_valid_months, star_bands
from marketplace.core.text import fold, slugify
from marketplace.core.timeutil import add_months, utcnow, vn_today
from marketplace.extensions import db

CHUNK = 5000
PRODUCTS_PER_PRODUCER = 20
SHARE_CERTIFIED = 0.70
MINISTRY_MERGED_ON = date(2025, 3, 1)
PROVINCES_MERGED_ON = date(2025, 7, 1)
FORMER_CITIES = {"Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ"}

KINDS = [ProducerKind.COOPERATIVE, ProducerKind.COOPERATIVE_GROUP, ProducerKind.ENTERPRISE, ProducerKind.HOUSEHOLD]
KIND_WEIGHTS = [40, 12, 23, 25]
STAR_WEIGHTS = [52, 40, 8]
STATUS_WEIGHTS = {CertificationStatus.VERIFIED: 86, CertificationStatus.PENDING: 10, CertificationStatus.REJECTED: 4}


def _place_label(name_vi, kind):
    return ("thành phố " + name_vi.removeprefix("TP. ")) if kind == "city" else ("tỉnh " + name_vi)


def _reference():
    provinces = []
    formers = {}
    for former in db.session.execute(select(FormerProvince).order_by(FormerProvince.position)).scalars():
        formers.setdefault(former.province_id, []).append((former.id, former.name_vi))
    for province in db.session.execute(select(Province).order_by(Province.code)).scalars():
        provinces.append((province.id, province.name_vi, province.kind, formers.get(province.id, [])))
    subcategories = []
    for category in db.session.execute(select(Category).where(Category.parent_id.isnot(None))).scalars():
        if category.name_vi in SUBCATEGORIES:
            subcategories.append((category.id, category.name_vi, category.parent.slug, category.parent.name_vi))
    if not provinces or not subcategories:
        raise RuntimeError("Reference data is missing: run `flask catalog load-reference` first.")
    return provinces, subcategories


def _max_id(model):
    return db.session.execute(select(func.coalesce(func.max(model.id), 0))).scalar_one()


def _midnight(today):
    return datetime.combine(today, time(0, 0))


def generate_catalogue(n_products: int, seed: int = 42, today=None, progress: bool = False) -> dict:
    """Add `n_products` synthetic products (and about one producer per 20); one transaction."""
    if n_products < 1:
        raise ValueError("n_products must be at least 1")
    started = perf_counter()
    today = today or vn_today()
    rng = random.Random(seed)
    provinces, subcategories = _reference()
    subs_by_group = {}
    for sub in subcategories:
        subs_by_group.setdefault(sub[2], []).append(sub)
    groups = sorted(subs_by_group)
    valid_months = certificate_valid_months()
    bands = star_bands()
    midnight = _midnight(today)
    now = utcnow()

    # ---- producers
    producer_base = _max_id(Producer)
    n_producers = max(1, round(n_products / PRODUCTS_PER_PRODUCER))
    producer_rows, producer_info = [], []
    for i in range(n_producers):
        pid = producer_base + i + 1
        province_id, province_name, province_kind, formers = provinces[i % len(provinces)]
        former_id, former_name = rng.choice(formers) if formers and rng.random() < 0.85 else (None, None)
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        main_group = rng.choice(groups)
        specialities = rng.sample(subs_by_group[main_group], min(3, len(subs_by_group[main_group])))
        specialities.append(rng.choice(subcategories))
        commune = rng.choice(COMMUNES)
        place = former_name or province_name
        if kind == ProducerKind.COOPERATIVE:
            name = f"HTX {rng.choice(DOMAINS[main_group])} {commune}"
        elif kind == ProducerKind.COOPERATIVE_GROUP:
            name = f"Tổ hợp tác {rng.choice(DOMAINS[main_group])} {commune}"
        elif kind == ProducerKind.ENTERPRISE:
            name = f"Công ty TNHH {rng.choice(BRANDS)} {place.removeprefix('TP. ')}"
        else:
            name = f"Hộ kinh doanh {rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"
        label = _place_label(province_name, province_kind)
        origin = f"Xã {commune}, {label}"
        created = midnight - timedelta(days=rng.randint(400, 1500), seconds=rng.randint(8 * 3600, 30 * 3600))
        producer_rows.append({
            "id": pid, "slug": f"sp-{pid}-{slugify(name, max_length=100)}", "name": name, "kind": kind.value,
            "province_id": province_id, "former_province_id": former_id,
            "address": f"Thôn {rng.randint(1, 12)}, xã {commune}, {label}",
            "story": f"{name} sản xuất các sản phẩm OCOP tại xã {commune}, {label}.",
            "phone": f"09{rng.randint(0, 9)}{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
            "email": f"lienhe{pid}@example.vn", "website": None, "tax_code": str(rng.randint(10**9, 10**10 - 1)),
            "logo_path": None, "verified": True, "verification_status": "verified",
            "verified_at": created + timedelta(days=5), "is_demo": False,
            "created_at": created})
        folded = " ".join(part for part in (fold(name), fold(province_name)) if part)
        producer_info.append({
            "id": pid, "name": name, "specialities": specialities, "origin": origin,
            "folded": folded, "former_folded": fold(former_name) if former_name else "",
            "origin_folded": fold(origin), "place": place, "commune": commune,
            "province": (province_name, province_kind, former_name)})
    for start in range(0, len(producer_rows), CHUNK):
        _bulk_insert(Producer.__table__, producer_rows[start:start + CHUNK])

    # ---- products and certificates
    product_base = _max_id(Product)
    weights = [rng.paretovariate(1.5) for _ in range(n_producers)]  # a few producers list many products
    owners = rng.choices(producer_info, weights=weights, k=n_products)
    folded_names, folded_categories = {}, {}
    n_certifications = 0
    bar = tqdm(total=n_products, unit="sp", desc="Sản phẩm", disable=not progress)
    try:
        for start in range(0, n_products, CHUNK):
            product_rows, certification_rows = [], []
            for offset in range(start, min(start + CHUNK, n_products)):
                product_id = product_base + offset + 1
                owner = owners[offset]
                category_id, sub_name, group_slug, group_name = rng.choice(owner["specialities"])
                types, units = SUBCATEGORIES[sub_name]
                quality = rng.choice(QUALITIES[group_slug]) if rng.random() < 0.6 else ""
                where = owner["place"] if rng.random() < 0.7 else owner["commune"]
                name = " ".join(part for part in (rng.choice(types), quality, where) if part)
                unit, low, high = rng.choice(units)
                step = 1000 if high < 1_000_000 else 10_000
                price = rng.randint(low // step, high // step) * step
                roll = rng.random()
                status = (ProductStatus.DRAFT if roll < 0.03 else ProductStatus.ARCHIVED if roll < 0.05
                          else ProductStatus.ACTIVE)
                created = midnight - timedelta(seconds=rng.randint(8 * 3600, 730 * 86400))
                folded_name = folded_names.get(name)
                if folded_name is None:
                    folded_name = folded_names[name] = fold(name)
                folded_category = folded_categories.get(category_id)
                if folded_category is None:
                    folded_category = folded_categories[category_id] = f"{fold(sub_name)} {fold(group_name)}"
                # The same words, in the same order, as services.product_search_text.
                search_text = " ".join(part for part in (folded_name, owner["folded"], owner["origin_folded"],
                                                         owner["former_folded"], folded_category) if part)
                product_rows.append({
                    "id": product_id, "producer_id": owner["id"], "category_id": category_id,
                    "slug": f"sp-{product_id}-{slugify(name, max_length=100)}", "name": name,
                    "description": f"{name} do {owner['name']} sản xuất tại {owner['origin']}. "
                                   f"{rng.choice(SENTENCES[group_slug])}",
                    "price": price, "unit": unit, "stock": 0 if rng.random() < 0.1 else rng.randint(1, 1000),
                    "status": status.value, "origin": owner["origin"], "search_text": search_text,
                    "created_at": created, "updated_at": created})
                if rng.random() < SHARE_CERTIFIED:
                    certification_rows.append(_certificate(rng, product_id, owner, today, valid_months, bands, now))
            _bulk_insert(Product.__table__, product_rows)
            _bulk_insert(Certification.__table__, certification_rows)
            n_certifications += len(certification_rows)
            bar.update(len(product_rows))
        _advance_sequences()
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    finally:
        bar.close()
    return {"producers": n_producers, "products": n_products, "certifications": n_certifications,
            "seconds": round(perf_counter() - started, 1)}


def _certificate(rng, product_id, owner, today, valid_months, bands, now):
    stars = rng.choices((3, 4, 5), STAR_WEIGHTS)[0]
    status = rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
    if status == CertificationStatus.PENDING:
        decided_on = today - timedelta(days=rng.randint(3, 180))
    else:  # over the last four years: a quarter of them have expired
        decided_on = today - timedelta(days=rng.randint(10, 48 * 30))
    band = bands[stars]
    province_name, province_kind, former_name = owner["province"]
    if stars == 5:
        level = CertificationLevel.CENTRAL
        if decided_on < MINISTRY_MERGED_ON:
            body, suffix = "Bộ Nông nghiệp và Phát triển nông thôn", "QĐ-BNN-VPĐP"
        else:
            body, suffix = "Bộ Nông nghiệp và Môi trường", "QĐ-BNNMT"
    else:
        level, suffix = CertificationLevel.PROVINCIAL, "QĐ-UBND"
        if former_name and decided_on < PROVINCES_MERGED_ON:
            body = "UBND " + (("thành phố " + former_name.removeprefix("TP. ")) if former_name in FORMER_CITIES
                              else ("tỉnh " + former_name))
        else:
            body = "UBND " + _place_label(province_name, province_kind)
    created = datetime.combine(decided_on, time(2, 0)) + timedelta(days=rng.randint(3, 20))
    reviewed = None if status == CertificationStatus.PENDING else min(created + timedelta(days=3), now)
    return {
        "product_id": product_id, "stars": stars, "points": rng.randint(band.min_points, band.max_points),
        "number": f"{rng.randint(100, 4999)}/{suffix}", "issuing_body": body, "level": level.value,
        "decided_on": decided_on, "expires_on": add_months(decided_on, valid_months), "status": status.value,
        "status_reason": ("Hồ sơ chưa khớp với quyết định công bố." if status == CertificationStatus.REJECTED
                          else None),
        "reviewed_at": reviewed, "reviewed_by_id": None, "scan_path": None, "created_at": min(created, now)}


def _bulk_insert(table, rows):
    """A Core executemany INSERT; on PostgreSQL with psycopg, COPY (several times faster,
    same transaction: it runs on the session's own connection)."""
    if not rows:
        return
    connection = db.session.connection()
    if connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg":
        columns = list(rows[0])
        with connection.connection.driver_connection.cursor() as cursor:
            with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[column] for column in columns])
    else:
        db.session.execute(insert(table), rows)


def _advance_sequences():
    """PostgreSQL hands out ids from sequences, which explicit ids do not move."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for table in ("producers", "products"):
        db.session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"))
