"""What the demo load will create, decided before the database is touched.

`build_plan(provinces, categories_by_slug, today)` reads the curated content and a seeded
random generator and returns producer plans with their listings and certificates: dates
relative to `today`, issuing bodies worded as they were on the day of each decision
(ministry and provinces before and after the 2025 mergers).
"""
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from marketplace.catalog.demo import content
from marketplace.catalog.models import CertificationLevel, CertificationStatus, ProducerKind, ProductStatus
from marketplace.core.facts import star_bands
from marketplace.core.text import slugify
from marketplace.core.timeutil import add_months

SEED = 20250701
MEDIA_DIR = "demo"

# Administrative changes the certificate wording follows.
MINISTRY_MERGED_ON = date(2025, 3, 1)   # MARD + MONRE → Bộ Nông nghiệp và Môi trường
PROVINCES_MERGED_ON = date(2025, 7, 1)  # 63 → 34 provincial units
HUE_CITY_SINCE = date(2025, 1, 1)       # Thừa Thiên Huế → thành phố Huế
FORMER_CITIES = {"Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ"}

# Shares of the non-5-star product lines (a line = a curated product and its pack sizes).
SHARE_UNCERTIFIED = 0.17
SHARE_PENDING = 0.07
SHARE_EXPIRED = 0.17
N_REJECTED = 2
SHARE_RENEWED_OF_EXPIRED = 0.35
N_DRAFT = 8
N_ARCHIVED = 5
SHARE_OUT_OF_STOCK = 0.08

KIND_LABELS = {
    ProducerKind.COOPERATIVE: "hợp tác xã",
    ProducerKind.COOPERATIVE_GROUP: "tổ hợp tác",
    ProducerKind.ENTERPRISE: "doanh nghiệp",
    ProducerKind.HOUSEHOLD: "hộ kinh doanh",
}
TOURISM_GROUP = "dich-vu-du-lich"
REJECTION_REASONS = [
    "Số quyết định không có trong danh sách công bố của tỉnh; đề nghị tải lên bản quyết định có dấu.",
    "Ảnh giấy chứng nhận mờ, không đọc được ngày quyết định và điểm đánh giá.",
]
MOBILE_PREFIXES = ["090", "091", "093", "094", "096", "097", "098", "032", "033", "034", "035", "036", "037",
                   "038", "039", "070", "076", "077", "078", "079", "081", "083", "084", "085", "086", "088"]
STREETS = ["Trần Hưng Đạo", "Lê Lợi", "Nguyễn Huệ", "Hùng Vương", "Quang Trung", "Lý Thường Kiệt",
           "Hai Bà Trưng", "Nguyễn Trãi", "Lê Duẩn", "Phan Bội Châu", "Võ Thị Sáu", "Ngô Quyền"]
NAME_CLASSIFIERS = ("chiếc", "cái", "con", "quả", "trái", "bức", "cành")
SOUTHERN_PROVINCES = {"HCM", "DNI", "TNH", "CTO", "VLG", "DTP", "CMU", "AGG"}


# --------------------------------------------------------------------------- the plan

@dataclass
class CertPlan:
    stars: int
    points: int
    number: str
    issuing_body: str
    level: CertificationLevel
    decided_on: date
    status: CertificationStatus
    reason: str | None = None


@dataclass
class ListingPlan:
    slug: str
    name: str
    sub_slug: str
    group_slug: str
    unit: str
    price: int
    stock: int
    status: ProductStatus
    origin: str
    description: str
    created_at: datetime
    n_photos: int
    certs: list = field(default_factory=list)


@dataclass
class ProducerPlan:
    slug: str
    name: str
    kind: ProducerKind
    province_code: str
    former_name: str | None
    address: str
    story: str
    phone: str
    email: str
    website: str | None
    tax_code: str
    created_at: datetime
    listings: list = field(default_factory=list)

    @property
    def logo_path(self):
        return f"{MEDIA_DIR}/producers/{self.slug}.png"


def _place_label(name_vi, kind):
    """"tỉnh Đắk Lắk", "thành phố Hà Nội", "thành phố Hồ Chí Minh"."""
    if kind == "city":
        return "thành phố " + name_vi.removeprefix("TP. ")
    return "tỉnh " + name_vi


def _former_label(former, decided_on):
    if former == "Thừa Thiên Huế" and decided_on >= HUE_CITY_SINCE:
        return "thành phố Huế"
    if former in FORMER_CITIES:
        return "thành phố " + former.removeprefix("TP. ")
    return "tỉnh " + former


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _listing_name(product, variant):
    if "name" in variant:
        return variant["name"]
    if len(product["variants"]) == 1:
        return product["name"]
    unit = variant["unit"]
    first, _, rest = unit.partition(" ")
    if first in NAME_CLASSIFIERS:
        unit = rest
    return f"{product['name']} {unit}".strip()


def _phone(rng):
    digits = f"{rng.randint(0, 9_999_999):07d}"
    return f"{rng.choice(MOBILE_PREFIXES)}{digits[0]} {digits[1:4]} {digits[4:]}"


def _web_name(producer):
    """A short, clearly fake domain label: "sau-rieng-tan-thoi"."""
    name = producer["name"]
    if "–" in name:
        name = name.split("–", 1)[1]
    for prefix in ("HTX", "Tổ hợp tác", "Công ty TNHH", "Hộ kinh doanh"):
        if name.startswith(prefix + " "):
            name = name[len(prefix) + 1:]
    return "-".join(slugify(name).split("-")[:4])


def _story(producer, province_label, kind, products, rng):
    former = producer["former"]
    moved = ""
    if former and former != producer["province_name"]:  # "tỉnh Vĩnh Long (tỉnh Bến Tre cũ)"
        moved = f" ({_former_label(former, date(2024, 1, 1))} cũ)"
    if kind == ProducerKind.COOPERATIVE:
        scale = f"{rng.randint(12, 180)} thành viên, phần lớn là hộ sản xuất trong xã"
    elif kind == ProducerKind.COOPERATIVE_GROUP:
        scale = f"{rng.randint(7, 25)} tổ viên cùng góp vốn, góp công"
    elif kind == ProducerKind.ENTERPRISE:
        scale = f"{rng.randint(15, 120)} lao động, xưởng sản xuất đạt chuẩn an toàn thực phẩm"
    else:
        scale = f"{rng.randint(2, 8)} lao động là người trong gia đình"
    names = ", ".join(p["name"] for p in products[:3])
    return (f"**{producer['name']}** là {KIND_LABELS[kind]} thành lập năm {producer['founded']} tại "
            f"{_lower_first(producer['commune'])}, {province_label}{moved}.\n\n"
            f"{producer['about']}\n\n"
            f"- Quy mô: {scale}.\n"
            f"- Sản phẩm chủ lực: {names}.\n"
            f"- Nhận đơn lẻ và đơn sỉ cho nhà phân phối, siêu thị trên toàn quốc.")


def _description(product, unit, origin, producer_name):
    return (f"{product['desc']}\n\n"
            f"- **Quy cách:** {unit}\n"
            f"- **Xuất xứ:** {origin}\n"
            f"- **Chủ thể sản xuất:** {producer_name}\n\n"
            f"**Sử dụng và bảo quản:** {content.usage()[product['sub']]}")


def _certificate(rng, stars, decided_on, status, province_name, province_kind, former, reason=None):
    band = star_bands()[stars]  # points inside the star's band (shared/data/ocop.json)
    points = rng.randint(band.min_points, band.max_points)
    number = rng.randint(120, 4800)
    if stars == 5:
        level = CertificationLevel.CENTRAL
        if decided_on < MINISTRY_MERGED_ON:
            body, suffix = "Bộ Nông nghiệp và Phát triển nông thôn", "QĐ-BNN-VPĐP"
        else:
            body, suffix = "Bộ Nông nghiệp và Môi trường", "QĐ-BNNMT"
    else:
        level = CertificationLevel.PROVINCIAL
        if former and decided_on < PROVINCES_MERGED_ON:
            body = "UBND " + _former_label(former, decided_on)
        else:
            body = "UBND " + _place_label(province_name, province_kind)
        suffix = "QĐ-UBND"
    return CertPlan(stars=stars, points=points, number=f"{number}/{suffix}", issuing_body=body, level=level,
                    decided_on=decided_on, status=status, reason=reason)


def _days_ago(today, rng, low, high):
    return today - timedelta(days=rng.randint(low, high))


def build_plan(provinces, categories_by_slug, today):
    """Everything the demo load will create, decided before touching the database.

    `provinces`: code → (name_vi, kind); `categories_by_slug`: subcategory slug → group slug.
    """
    rng = random.Random(SEED)
    plans, lines = [], []   # lines: (producer plan, producer dict, product dict, [listing plans])
    midnight = datetime.combine(today, time(0, 0))
    for producer in content.producers():
        province_name, province_kind = provinces[producer["province"]]
        producer = dict(producer, province_name=province_name)
        kind = ProducerKind(producer["kind"])
        label = _place_label(province_name, province_kind)
        commune = producer["commune"]
        if commune.startswith("Phường"):
            address = f"Số {rng.randint(2, 250)} đường {rng.choice(STREETS)}, {_lower_first(commune)}, {label}"
        elif commune.startswith("Đặc khu"):
            address = f"Khu phố {rng.randint(1, 9)}, {_lower_first(commune)}, {label}"
        elif producer["province"] in SOUTHERN_PROVINCES:  # hamlets are "ấp" in the south
            address = f"Ấp {rng.randint(1, 9)}, {_lower_first(commune)}, {label}"
        else:
            address = f"Thôn {rng.randint(1, 12)}, {_lower_first(commune)}, {label}"
        web = _web_name(producer)
        plan = ProducerPlan(
            slug=slugify(producer["name"]), name=producer["name"], kind=kind, province_code=producer["province"],
            former_name=producer["former"], address=address,
            story=_story(producer, label, kind, producer["products"], rng), phone=_phone(rng),
            email=f"lienhe@{web}.example.vn",
            website=f"https://{web}.example.vn" if kind == ProducerKind.ENTERPRISE else None,
            tax_code=str(rng.randint(1_000_000_000, 9_999_999_999)),
            created_at=midnight - timedelta(days=rng.randint(380, 760), seconds=rng.randint(8 * 3600, 30 * 3600)))
        origin = f"{commune}, {label}"
        for product in producer["products"]:
            sub_slug = slugify(product["sub"])
            group_slug = categories_by_slug[sub_slug]
            line = []
            for variant in product["variants"]:
                unit, price = variant["unit"], variant["price"]
                name = _listing_name(product, variant)
                if group_slug == TOURISM_GROUP:
                    stock = rng.randint(8, 40)
                elif price >= 2_000_000:
                    stock = rng.randint(1, 12)
                else:
                    stock = rng.randint(15, 600)
                line.append(ListingPlan(
                    slug=slugify(name, max_length=150), name=name, sub_slug=sub_slug, group_slug=group_slug,
                    unit=unit, price=price, stock=stock, status=ProductStatus.ACTIVE, origin=origin,
                    description=_description(product, unit, origin, producer["name"]),
                    created_at=midnight - timedelta(days=rng.randint(0, 364),
                                                    seconds=rng.randint(8 * 3600, 30 * 3600)),
                    n_photos=1 + (rng.random() < 0.45)))
            plan.listings.extend(line)
            lines.append((plan, producer, product, line))
        plans.append(plan)

    _plan_certificates(rng, lines, provinces, today)
    listings = [listing for plan in plans for listing in plan.listings]
    _plan_statuses(rng, listings)
    slugs = [listing.slug for listing in listings]
    duplicates = {slug for slug in slugs if slugs.count(slug) > 1}
    if duplicates:  # a data error, caught by the tests
        raise ValueError(f"the demo content has listings with the same slug: {sorted(duplicates)}")
    return plans


def _plan_certificates(rng, lines, provinces, today):
    """Certificates per product line: the same decision covers all its pack sizes."""
    ordinary = [entry for entry in lines if entry[2].get("stars") != 5]
    rng.shuffle(ordinary)
    n = len(ordinary)
    n_none, n_pending, n_expired = round(n * SHARE_UNCERTIFIED), round(n * SHARE_PENDING), round(n * SHARE_EXPIRED)
    fates = (["none"] * n_none + ["pending"] * n_pending + ["rejected"] * N_REJECTED + ["expired"] * n_expired)
    fates += ["current"] * (n - len(fates))
    fate_of = {id(entry[3]): fate for entry, fate in zip(ordinary, fates)}

    for plan, producer, product, line in lines:
        province_name, province_kind = provinces[plan.province_code]
        former = plan.former_name

        def cert(stars, decided_on, status=CertificationStatus.VERIFIED, reason=None):
            return _certificate(rng, stars, decided_on, status, province_name, province_kind, former, reason)

        certs = []
        if product.get("stars") == 5:
            certs.append(cert(5, _days_ago(today, rng, 60, 34 * 30)))
        else:
            stars = 4 if rng.random() < 0.5 else 3
            fate = fate_of[id(line)]
            if fate == "pending":
                certs.append(cert(stars, _days_ago(today, rng, 7, 150), CertificationStatus.PENDING))
            elif fate == "rejected":
                certs.append(cert(stars, _days_ago(today, rng, 60, 400), CertificationStatus.REJECTED,
                                  rng.choice(REJECTION_REASONS)))
            elif fate == "expired":
                decided = add_months(today, -rng.randint(37, 47)) - timedelta(days=rng.randint(1, 25))
                certs.append(cert(stars, decided))
                if rng.random() < SHARE_RENEWED_OF_EXPIRED:  # re-evaluated since, maybe one star more
                    certs.append(cert(min(stars + (rng.random() < 0.3), 4), _days_ago(today, rng, 20, 200)))
            elif fate == "current":
                certs.append(cert(stars, _days_ago(today, rng, 20, 34 * 30)))
        for listing in line:
            listing.certs = certs


def _plan_statuses(rng, listings):
    candidates = [listing for listing in listings
                  if not any(c.stars == 5 for c in listing.certs)]
    rng.shuffle(candidates)
    for listing in candidates[:N_DRAFT]:
        listing.status = ProductStatus.DRAFT
    for listing in candidates[N_DRAFT:N_DRAFT + N_ARCHIVED]:
        listing.status = ProductStatus.ARCHIVED
    shuffled = list(listings)
    rng.shuffle(shuffled)
    for listing in shuffled[:round(len(listings) * SHARE_OUT_OF_STOCK)]:
        listing.stock = 0

