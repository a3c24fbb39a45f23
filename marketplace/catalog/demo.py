"""The demo catalogue: believable OCOP producers and products, loaded without network.

`load_demo_catalogue(store, today)` turns the curated content of
`catalog.demo_data` into rows through the catalogue services (one transaction),
with OCOP certificates spread over the last four years relative to `today` (so
some are expired, some pending, a couple rejected) and photos drawn locally with
Pillow, written to the media store (local folder or S3 bucket). Everything is decided
by a seeded random generator before the database is touched, so two loads make the
same catalogue, and a second load adds nothing: producers and products are keyed by
deterministic slugs.
"""
import io
import math
import os
import random
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, ImageOps
from sqlalchemy import func, select

from marketplace.catalog import demo_data
from marketplace.catalog.models import (Category, Certification, CertificationLevel, CertificationStatus,
                                        FormerProvince, Producer, ProducerKind, Product, ProductPhoto,
                                        ProductStatus, Province)
from marketplace.catalog.services import add_certification, create_producer, create_product
from marketplace.core.facts import star_bands
from marketplace.core.text import fold, slugify
from marketplace.core.timeutil import add_months
from marketplace.extensions import db

SEED = 20250701
MEDIA_DIR = "demo"
PHOTO_SIZE = (800, 600)
THUMB_SIZE = (400, 300)
LOGO_SIZE = 200
JPEG_QUALITY = 80

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
    if len(variant) > 2:
        return variant[2]
    if len(product["variants"]) == 1:
        return product["name"]
    unit = variant[0]
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
            f"**Sử dụng và bảo quản:** {demo_data.USAGE[product['sub']]}")


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
    for producer in demo_data.PRODUCERS:
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
                unit, price = variant[0], variant[1]
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
        raise ValueError(f"demo_data has listings with the same slug: {sorted(duplicates)}")
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


# --------------------------------------------------------------------------- pictures

GROUP_PALETTES = {
    "thuc-pham": ((255, 246, 228), (240, 176, 112), [(196, 62, 42), (222, 120, 36), (120, 150, 60), (150, 90, 50)]),
    "do-uong": ((232, 245, 236), (110, 160, 120), [(92, 58, 36), (40, 110, 70), (170, 60, 60), (210, 150, 40)]),
    "thao-duoc": ((238, 247, 230), (140, 186, 110), [(70, 120, 50), (160, 120, 40), (110, 70, 120), (200, 170, 60)]),
    "thu-cong-my-nghe": ((246, 238, 226), (186, 146, 104), [(40, 70, 140), (150, 50, 40), (120, 90, 50), (30, 30, 30)]),
    "sinh-vat-canh": ((236, 246, 255), (140, 196, 214), [(220, 80, 130), (240, 160, 40), (60, 140, 80), (230, 90, 50)]),
    "dich-vu-du-lich": ((196, 228, 255), (255, 226, 190),
                        [(60, 120, 70), (120, 80, 50), (200, 90, 40), (70, 110, 160)]),
}
SHAPES = {
    "nong-san-tuoi": "fruit", "nong-san-so-che": "bag", "thuc-pham-che-bien": "box", "gia-vi-nuoc-cham": "bottle",
    "thuy-san": "fish", "banh-keo": "box", "mat-ong": "jar", "che-tra": "leaf", "ca-phe-ca-cao": "bag",
    "ruou": "bottle", "nuoc-giai-khat": "bottle", "duoc-lieu": "leaf", "thuc-pham-chuc-nang-tu-thao-duoc": "jar",
    "my-pham-thao-duoc": "jar", "tinh-dau": "vial", "may-tre-dan": "basket", "gom-su": "vase",
    "go-my-nghe": "box", "son-mai-kham-trai": "frame", "vai-lua-may-mac": "fabric", "do-trang-tri": "frame",
    "hoa": "flower", "cay-canh": "tree", "ca-canh-chim-canh": "fish", "diem-du-lich": "landscape",
    "du-lich-cong-dong-homestay": "house", "trai-nghiem-lang-nghe": "house",
}

# Colours of well-known things, matched on folded product names (first match wins).
OBJECT_COLOURS = [
    (("dau tay", "vai thieu", "vai say", "thanh long ruot do", "ot "), (200, 40, 50)),
    (("sau rieng", "mit "), (150, 160, 60)),
    (("cam ", "cam vinh", "quyt", "mang cau"), (232, 130, 30)),
    (("xoai", "dua sap", "khom", "nhan long", "mat ong"), (226, 176, 40)),
    (("buoi", "na chi lang", "nho xanh", "su su", "thanh tra"), (130, 170, 60)),
    (("man hau", "nho say", "mang cut", "ruou sim"), (120, 40, 80)),
    (("ca phe", "ca cao", "que ", "hat de", "tieu den"), (110, 70, 40)),
    (("men lam",), (40, 70, 150)),
]


def ascii_text(text):
    """Diacritics off, case kept ("Đặc sản" → "Dac san"), for Pillow's built-in font."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("–", "-")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()


@lru_cache(maxsize=8)
def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError, ImportError):  # Pillow without FreeType: fixed bitmap font
        return ImageFont.load_default()


@lru_cache(maxsize=16)
def _background(group_slug, flipped):
    top, bottom, _ = GROUP_PALETTES.get(group_slug, GROUP_PALETTES["thuc-pham"])
    if flipped:
        top, bottom = bottom, top
    gradient = Image.linear_gradient("L").resize(PHOTO_SIZE)
    return ImageOps.colorize(gradient, top, bottom)


def _shade(colour, factor):
    return tuple(max(0, min(255, int(c * factor))) for c in colour)


def _leaf(draw, cx, cy, length, width, angle, colour):
    points = []
    for i in range(17):
        t = i / 16
        points.append((t * length, math.sin(math.pi * t) * width / 2))
    for i in range(15, 0, -1):
        t = i / 16
        points.append((t * length, -math.sin(math.pi * t) * width / 2))
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    draw.polygon([(cx + x * cos_a - y * sin_a, cy + x * sin_a + y * cos_a) for x, y in points], fill=colour)
    draw.line([(cx, cy), (cx + length * cos_a, cy + length * sin_a)], fill=_shade(colour, 0.7), width=2)


def _w(width, s, least=1):
    """A line width scaled with the object, never thinner than `least`."""
    return max(least, int(width * s))


def _draw_shape(draw, shape, cx, cy, s, colour, accent, rng):
    """One stylised object centred on (cx, cy), s = scale (1 ≈ 400 px tall)."""
    dark, light = _shade(colour, 0.65), _shade(colour, 1.35)
    draw.ellipse((cx - 150 * s, cy + 175 * s, cx + 150 * s, cy + 215 * s), fill=_shade(accent, 0.8))  # shadow
    if shape == "bottle":
        draw.rounded_rectangle((cx - 70 * s, cy - 60 * s, cx + 70 * s, cy + 195 * s), radius=int(22 * s), fill=colour)
        draw.polygon([(cx - 70 * s, cy - 50 * s), (cx - 26 * s, cy - 125 * s), (cx + 26 * s, cy - 125 * s),
                      (cx + 70 * s, cy - 50 * s)], fill=colour)
        draw.rectangle((cx - 26 * s, cy - 185 * s, cx + 26 * s, cy - 120 * s), fill=colour)
        draw.rectangle((cx - 31 * s, cy - 225 * s, cx + 31 * s, cy - 182 * s), fill=dark)
        draw.rectangle((cx - 70 * s, cy + 10 * s, cx + 70 * s, cy + 120 * s), fill=(250, 246, 236))
        draw.rectangle((cx - 70 * s, cy + 10 * s, cx + 70 * s, cy + 30 * s), fill=accent)
        draw.line([(cx - 45 * s, cy - 40 * s), (cx - 45 * s, cy - 5 * s)], fill=light, width=_w(8, s))
    elif shape == "vial":
        draw.rounded_rectangle((cx - 55 * s, cy - 20 * s, cx + 55 * s, cy + 195 * s), radius=int(14 * s), fill=colour)
        draw.rectangle((cx - 22 * s, cy - 70 * s, cx + 22 * s, cy - 15 * s), fill=dark)
        draw.ellipse((cx - 28 * s, cy - 150 * s, cx + 28 * s, cy - 62 * s), fill=(40, 40, 40))
        draw.rectangle((cx - 55 * s, cy + 50 * s, cx + 55 * s, cy + 140 * s), fill=(250, 246, 236))
        _leaf(draw, cx + 60 * s, cy + 180 * s, 140 * s, 50 * s, -0.6, accent)
    elif shape == "jar":
        draw.rounded_rectangle((cx - 110 * s, cy - 75 * s, cx + 110 * s, cy + 195 * s), radius=int(45 * s), fill=colour)
        draw.rounded_rectangle((cx - 95 * s, cy - 130 * s, cx + 95 * s, cy - 70 * s), radius=int(10 * s), fill=dark)
        draw.rectangle((cx - 110 * s, cy + 10 * s, cx + 110 * s, cy + 110 * s), fill=(250, 246, 236))
        draw.ellipse((cx - 25 * s, cy + 35 * s, cx + 25 * s, cy + 85 * s), fill=accent)
        draw.line([(cx - 80 * s, cy - 50 * s), (cx - 80 * s, cy)], fill=light, width=_w(10, s))
    elif shape == "bag":
        draw.polygon([(cx - 120 * s, cy - 130 * s), (cx + 120 * s, cy - 130 * s), (cx + 135 * s, cy + 195 * s),
                      (cx - 135 * s, cy + 195 * s)], fill=colour)
        for i in range(12):
            x = cx - 120 * s + i * 20 * s
            draw.polygon([(x, cy - 130 * s), (x + 10 * s, cy - 150 * s), (x + 20 * s, cy - 130 * s)], fill=colour)
        draw.rectangle((cx - 120 * s, cy - 115 * s, cx + 120 * s, cy - 95 * s), fill=dark)
        draw.ellipse((cx - 70 * s, cy - 40 * s, cx + 70 * s, cy + 100 * s), fill=(250, 246, 236))
        for _ in range(14):
            bx, by = cx + rng.uniform(-40, 40) * s, cy + 30 * s + rng.uniform(-40, 40) * s
            draw.ellipse((bx - 9 * s, by - 6 * s, bx + 9 * s, by + 6 * s), fill=accent)
    elif shape == "box":
        draw.polygon([(cx - 150 * s, cy - 60 * s), (cx - 90 * s, cy - 120 * s), (cx + 170 * s, cy - 120 * s),
                      (cx + 110 * s, cy - 60 * s)], fill=light)
        draw.polygon([(cx + 110 * s, cy - 60 * s), (cx + 170 * s, cy - 120 * s), (cx + 170 * s, cy + 130 * s),
                      (cx + 110 * s, cy + 190 * s)], fill=dark)
        draw.rectangle((cx - 150 * s, cy - 60 * s, cx + 110 * s, cy + 190 * s), fill=colour)
        draw.rectangle((cx - 30 * s, cy - 60 * s, cx - 5 * s, cy + 190 * s), fill=accent)
        draw.polygon([(cx - 30 * s, cy - 60 * s), (cx + 30 * s, cy - 120 * s), (cx + 55 * s, cy - 120 * s),
                      (cx - 5 * s, cy - 60 * s)], fill=accent)
    elif shape == "fruit":
        for dx, dy, r in ((-80, 60, 95), (85, 70, 90), (0, -30, 105)):
            x, y, r = cx + dx * s, cy + dy * s, r * s
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
            draw.ellipse((x - r * 0.55, y - r * 0.6, x - r * 0.15, y - r * 0.2), fill=light)
        _leaf(draw, cx, cy - 125 * s, 120 * s, 50 * s, -0.5, accent)
        _leaf(draw, cx, cy - 125 * s, 100 * s, 40 * s, -2.5, _shade(accent, 0.8))
    elif shape == "fish":
        draw.ellipse((cx - 160 * s, cy - 70 * s, cx + 90 * s, cy + 70 * s), fill=colour)
        draw.polygon([(cx + 70 * s, cy), (cx + 170 * s, cy - 80 * s), (cx + 170 * s, cy + 80 * s)], fill=dark)
        draw.polygon([(cx - 40 * s, cy - 60 * s), (cx + 10 * s, cy - 120 * s), (cx + 30 * s, cy - 55 * s)], fill=dark)
        draw.ellipse((cx - 125 * s, cy - 25 * s, cx - 100 * s, cy), fill=(255, 255, 255))
        draw.ellipse((cx - 118 * s, cy - 18 * s, cx - 106 * s, cy - 6 * s), fill=(20, 20, 20))
        for i in range(3):
            y = cy + (110 + 25 * i) * s
            draw.arc((cx - 200 * s, y - 20 * s, cx + 200 * s, y + 20 * s), 0, 180, fill=accent, width=_w(4, s))
    elif shape == "leaf":
        for i, angle in enumerate((-2.2, -1.6, -1.0, -0.5)):
            _leaf(draw, cx - 10 * s, cy + 20 * s, (170 - i * 10) * s, 70 * s, angle, _shade(colour, 0.85 + i * 0.12))
        draw.chord((cx - 120 * s, cy + 40 * s, cx + 120 * s, cy + 200 * s), 0, 180, fill=accent)
        draw.rectangle((cx - 120 * s, cy + 110 * s, cx + 120 * s, cy + 122 * s), fill=_shade(accent, 0.7))
    elif shape == "vase":
        points = []
        for i in range(25):
            t = i / 24
            y = cy - 190 * s + t * 385 * s
            w = (45 + 95 * math.sin(math.pi * min(1.0, t * 1.15)) ** 1.5) * s
            points.append((cx + w, y))
        draw.polygon(points + [(2 * cx - x, y) for x, y in reversed(points)], fill=colour)
        for k in range(3):
            y = cy - 40 * s + k * 60 * s
            draw.arc((cx - 120 * s, y - 25 * s, cx + 120 * s, y + 25 * s), 0, 180, fill=accent, width=_w(6, s))
        _leaf(draw, cx, cy - 190 * s, 110 * s, 40 * s, -1.2, (70, 130, 60))
    elif shape == "basket":
        draw.arc((cx - 120 * s, cy - 190 * s, cx + 120 * s, cy + 40 * s), 180, 360, fill=dark, width=_w(14, s, 2))
        draw.polygon([(cx - 170 * s, cy - 70 * s), (cx + 170 * s, cy - 70 * s), (cx + 125 * s, cy + 195 * s),
                      (cx - 125 * s, cy + 195 * s)], fill=colour)
        for i in range(1, 8):
            y = cy - 70 * s + i * 33 * s
            draw.line([(cx - 170 * s + i * 6 * s, y), (cx + 170 * s - i * 6 * s, y)], fill=dark, width=_w(4, s))
        for i in range(-6, 7):
            draw.line([(cx + i * 26 * s, cy - 70 * s), (cx + i * 19 * s, cy + 195 * s)], fill=light, width=_w(3, s))
    elif shape == "frame":
        draw.rectangle((cx - 190 * s, cy - 160 * s, cx + 190 * s, cy + 190 * s), fill=dark)
        draw.rectangle((cx - 165 * s, cy - 135 * s, cx + 165 * s, cy + 165 * s), fill=(26, 22, 20))
        draw.ellipse((cx + 50 * s, cy - 110 * s, cx + 120 * s, cy - 40 * s), fill=(230, 180, 60))
        draw.polygon([(cx - 165 * s, cy + 120 * s), (cx - 60 * s, cy - 40 * s), (cx + 30 * s, cy + 60 * s),
                      (cx + 90 * s, cy + 10 * s), (cx + 165 * s, cy + 120 * s)], fill=colour)
        draw.rectangle((cx - 165 * s, cy + 120 * s, cx + 165 * s, cy + 165 * s), fill=accent)
    elif shape == "fabric":
        for band in range(6):
            base = cy - 170 * s + band * 65 * s
            points = [(cx - 260 * s + i * 13 * s, base + 22 * s * math.sin(i / 3.0 + band)) for i in range(41)]
            tone = colour if band % 2 == 0 else accent
            draw.line(points, fill=tone, width=_w(52, s, 2), joint="curve")
    elif shape == "flower":
        draw.line([(cx, cy + 20 * s), (cx - 10 * s, cy + 195 * s)], fill=(60, 120, 60), width=_w(10, s, 2))
        _leaf(draw, cx - 5 * s, cy + 120 * s, 110 * s, 45 * s, -0.4, (70, 140, 70))
        _leaf(draw, cx - 8 * s, cy + 150 * s, 100 * s, 40 * s, -2.8, (60, 125, 60))
        for k in range(8):
            a = k * math.pi / 4
            px, py = cx + math.cos(a) * 70 * s, cy - 60 * s + math.sin(a) * 70 * s
            draw.ellipse((px - 50 * s, py - 50 * s, px + 50 * s, py + 50 * s), fill=colour if k % 2 else light)
        draw.ellipse((cx - 38 * s, cy - 98 * s, cx + 38 * s, cy - 22 * s), fill=accent)
    elif shape == "tree":
        draw.polygon([(cx - 130 * s, cy + 110 * s), (cx + 130 * s, cy + 110 * s), (cx + 100 * s, cy + 195 * s),
                      (cx - 100 * s, cy + 195 * s)], fill=accent)
        draw.line([(cx, cy + 110 * s), (cx - 30 * s, cy + 20 * s), (cx + 20 * s, cy - 50 * s),
                   (cx - 10 * s, cy - 110 * s)],
                  fill=(110, 80, 50), width=_w(22, s, 3))
        for dx, dy, r in ((-110, -60, 65), (60, -110, 70), (-20, -170, 60), (110, -30, 55), (-60, -130, 50)):
            x, y, r = cx + dx * s, cy + dy * s, r * s
            draw.ellipse((x - r, y - r * 0.7, x + r, y + r * 0.7), fill=colour)
    elif shape == "landscape":
        draw.ellipse((cx + 90 * s, cy - 200 * s, cx + 190 * s, cy - 100 * s), fill=(250, 200, 80))
        draw.polygon([(cx - 300 * s, cy + 120 * s), (cx - 150 * s, cy - 120 * s), (cx - 30 * s, cy + 40 * s),
                      (cx + 60 * s, cy - 60 * s), (cx + 300 * s, cy + 120 * s)], fill=colour)
        draw.polygon([(cx - 300 * s, cy + 120 * s), (cx + 300 * s, cy + 120 * s), (cx + 300 * s, cy + 200 * s),
                      (cx - 300 * s, cy + 200 * s)], fill=accent)
        draw.polygon([(cx - 60 * s, cy + 150 * s), (cx + 40 * s, cy + 150 * s), (cx + 20 * s, cy + 170 * s),
                      (cx - 40 * s, cy + 170 * s)], fill=(90, 60, 40))
    else:  # house
        draw.polygon([(cx - 300 * s, cy + 60 * s), (cx - 170 * s, cy - 140 * s), (cx - 60 * s, cy + 60 * s)],
                     fill=_shade(accent, 0.9))
        draw.polygon([(cx + 60 * s, cy + 60 * s), (cx + 190 * s, cy - 160 * s), (cx + 300 * s, cy + 60 * s)],
                     fill=_shade(accent, 0.8))
        draw.polygon([(cx - 170 * s, cy - 20 * s), (cx, cy - 150 * s), (cx + 170 * s, cy - 20 * s)], fill=dark)
        draw.rectangle((cx - 130 * s, cy - 20 * s, cx + 130 * s, cy + 100 * s), fill=colour)
        for x in (-110, -40, 40, 110):
            draw.rectangle((cx + (x - 8) * s, cy + 100 * s, cx + (x + 8) * s, cy + 190 * s), fill=dark)
        draw.rectangle((cx - 25 * s, cy + 20 * s, cx + 25 * s, cy + 100 * s), fill=(60, 40, 30))
        draw.rectangle((cx - 100 * s, cy + 15 * s, cx - 55 * s, cy + 55 * s), fill=(250, 230, 160))
        draw.rectangle((cx + 55 * s, cy + 15 * s, cx + 100 * s, cy + 55 * s), fill=(250, 230, 160))


def _fit(text, font, width):
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "...") > width:
        text = text[:-1]
    return text.rstrip() + "..."


def render_product_photo(name, unit, group_slug, sub_slug, seed, index):
    """An 800x600 picture: the group's colours, a stylised object, the name in ASCII."""
    rng = random.Random(f"{seed}:{index}")
    _, _, colours = GROUP_PALETTES.get(group_slug, GROUP_PALETTES["thuc-pham"])
    image = _background(group_slug, index % 2 == 1).copy()
    draw = ImageDraw.Draw(image)
    colour = rng.choice(colours)
    folded = fold(name)
    for words, tone in OBJECT_COLOURS:  # a durian is olive, a strawberry red...
        if any(word in folded for word in words):
            colour = tone
            break
    shape = SHAPES.get(sub_slug, "box")
    if shape == "leaf":
        colour = rng.choice([(70, 130, 60), (96, 150, 70), (60, 110, 70)])
    accent = rng.choice([c for c in colours if c != colour])
    for _ in range(6):  # soft dots in the background
        r = rng.randint(20, 70)
        x, y = rng.randint(0, PHOTO_SIZE[0]), rng.randint(0, 460)
        tone = _shade(image.getpixel((min(x, 799), min(y, 599))), 1.06)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tone)
    if index == 0:
        _draw_shape(draw, shape, 400, 270, 1.0, colour, accent, rng)
    else:  # a second view: three smaller objects
        for cx, cy in ((210, 300), (590, 300), (400, 200)):
            _draw_shape(draw, shape, cx, cy, 0.55, rng.choice(colours), accent, rng)
    draw.rectangle((0, 520, PHOTO_SIZE[0], PHOTO_SIZE[1]), fill=(32, 32, 32))
    font = _font(30)
    caption = ascii_text(name) if index == 0 else "Quy cach: " + ascii_text(unit)
    draw.text((24, 540), _fit(caption, font, PHOTO_SIZE[0] - 140), fill=(255, 255, 255), font=font)
    draw.text((PHOTO_SIZE[0] - 96, 545), "OCOP", fill=(240, 200, 80), font=_font(24))
    return image


def render_logo(name, seed):
    rng = random.Random(seed)
    colour = rng.choice([c for palette in GROUP_PALETTES.values() for c in palette[2]])
    image = Image.new("RGB", (LOGO_SIZE, LOGO_SIZE), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, LOGO_SIZE - 6, LOGO_SIZE - 6), fill=colour)
    draw.ellipse((18, 18, LOGO_SIZE - 18, LOGO_SIZE - 18), outline=(255, 255, 255), width=3)
    initials = logo_initials(name)
    font = _font(72 if len(initials) <= 2 else 56)
    draw.text((LOGO_SIZE / 2, LOGO_SIZE / 2), initials, fill=(255, 255, 255), font=font, anchor="mm")
    return image


def logo_initials(name):
    """Two or three ASCII letters from the distinctive part of a producer's name."""
    if "–" in name:
        name = name.split("–", 1)[1]
    for prefix in ("HTX", "Tổ hợp tác", "Công ty TNHH", "Hộ kinh doanh"):
        if name.startswith(prefix + " "):
            name = name[len(prefix) + 1:]
    words = [w for w in ascii_text(name).split() if w[:1].isalpha()]
    return "".join(w[0].upper() for w in words[:3]) or "OC"


def _encoded(image, fmt, **options):
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _save_photo(listing, index, store, rel_path, rel_thumb):
    image = render_product_photo(listing.name, listing.unit, listing.group_slug, listing.sub_slug,
                                 listing.slug, index)
    store.save(rel_path, _encoded(image, "JPEG", quality=JPEG_QUALITY), "image/jpeg")
    store.save(rel_thumb, _encoded(image.reduce(2), "JPEG", quality=JPEG_QUALITY), "image/jpeg")


def _save_logo(name, slug, store, rel_path):
    store.save(rel_path, _encoded(render_logo(name, slug), "PNG"), "image/png")


# --------------------------------------------------------------------------- loading

def load_demo_catalogue(store, today: date) -> dict:
    """Load the demo catalogue (idempotent), its pictures into `store` (core.storage.media_storage(),
    local or S3); returns the demo catalogue's counts."""
    provinces = {p.code: p for p in db.session.execute(select(Province)).scalars()}
    if not provinces:
        raise RuntimeError("Reference data is missing: run `flask catalog load-reference` first.")
    formers = {f.name_vi: f for f in db.session.execute(select(FormerProvince)).scalars()}
    categories = {c.slug: c for c in db.session.execute(select(Category)).scalars()}
    group_of = {c.slug: c.group.slug for c in categories.values() if not c.is_group}
    plans = build_plan({code: (p.name_vi, p.kind) for code, p in provinces.items()}, group_of, today)

    producer_slugs = [plan.slug for plan in plans]
    product_slugs = [listing.slug for plan in plans for listing in plan.listings]
    existing_producers = {p.slug: p for p in db.session.execute(
        select(Producer).where(Producer.slug.in_(producer_slugs))).scalars()}
    existing_products = set(db.session.execute(
        select(Product.slug).where(Product.slug.in_(product_slugs))).scalars())

    added = {"producers": 0, "products": 0}
    # Pictures are drawn and encoded in threads (Pillow releases the GIL while encoding)
    # while this thread talks to the database; all are written before the commit.
    pictures = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1), thread_name_prefix="demo-media")
    futures = []
    try:
        for plan in plans:
            producer = existing_producers.get(plan.slug)
            if producer is None:
                futures.append(pictures.submit(_save_logo, plan.name, plan.slug, store, plan.logo_path))
                producer = create_producer(
                    name=plan.name, kind=plan.kind, province=provinces[plan.province_code],
                    former_province=formers.get(plan.former_name) if plan.former_name else None,
                    address=plan.address, story=plan.story, phone=plan.phone, email=plan.email,
                    website=plan.website, tax_code=plan.tax_code, logo_path=plan.logo_path, verified=True,
                    is_demo=True, slug=plan.slug, commit=False)
                producer.created_at = plan.created_at
                producer.verified_at = plan.created_at + timedelta(days=3)
                added["producers"] += 1
            for listing in plan.listings:
                if listing.slug in existing_products:
                    continue
                futures.extend(_add_listing(producer, listing, categories[listing.sub_slug], store, pictures))
                added["products"] += 1
        for future in futures:
            future.result()  # re-raises a failed write
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    finally:
        pictures.shutdown(wait=True, cancel_futures=True)
    summary = demo_counts()
    summary.update({f"added_{key}": value for key, value in added.items()})
    return summary


def _add_listing(producer, listing, category, store, pictures):
    """Create one product with its certificates and photos; returns the picture jobs."""
    product = create_product(
        producer=producer, category=category, name=listing.name, price=listing.price, unit=listing.unit,
        stock=listing.stock, description=listing.description, origin=listing.origin, status=listing.status,
        slug=listing.slug, created_at=listing.created_at, commit=False)
    for plan in listing.certs:
        certification = add_certification(
            product=product, stars=plan.stars, points=plan.points, number=plan.number,
            issuing_body=plan.issuing_body, level=plan.level, decided_on=plan.decided_on, status=plan.status,
            commit=False)
        certification.created_at = datetime.combine(plan.decided_on, time(2, 0)) + timedelta(days=10)
        if plan.status != CertificationStatus.PENDING:
            certification.reviewed_at = certification.created_at + timedelta(days=2)
            certification.status_reason = plan.reason
    jobs = []
    for index in range(listing.n_photos):
        rel_path = f"{MEDIA_DIR}/{listing.slug}-{index + 1}.jpg"
        rel_thumb = f"{MEDIA_DIR}/{listing.slug}-{index + 1}-thumb.jpg"
        jobs.append(pictures.submit(_save_photo, listing, index, store, rel_path, rel_thumb))
        # Setting the many-to-one side does not load the (empty) photo collection.
        db.session.add(ProductPhoto(product=product, path=rel_path, thumb_path=rel_thumb, alt=listing.name,
                                    width=PHOTO_SIZE[0], height=PHOTO_SIZE[1], position=index))
    return jobs


def demo_counts():
    """How big the demo catalogue in the database is."""
    demo_products = select(Product.id).join(Producer).where(Producer.is_demo.is_(True))

    def count(query):
        return db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()

    return {
        "producers": count(select(Producer.id).where(Producer.is_demo.is_(True))),
        "products": count(demo_products),
        "certifications": count(select(Certification.id).where(Certification.product_id.in_(demo_products))),
        "photos": count(select(ProductPhoto.id).where(ProductPhoto.product_id.in_(demo_products))),
    }
