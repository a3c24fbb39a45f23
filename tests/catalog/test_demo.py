"""The demo catalogue and the synthetic benchmark catalogue."""
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from marketplace.catalog.demo import content
from marketplace.catalog.demo.loader import load_demo_catalogue
from marketplace.catalog.demo.plan import build_plan
from marketplace.catalog.models import (Category, Certification, CertificationLevel, CertificationStatus, Producer,
                                        ProducerKind, Product, ProductPhoto, ProductStatus)
from marketplace.catalog.rating import BadgeState, badge_for
from marketplace.catalog.services import create_producer, find_province, points_in_band, product_search_text
from marketplace.catalog.synthetic import generate_catalogue
from marketplace.core.facts import ocop_facts, provinces_facts
from marketplace.core.storage import media_storage
from marketplace.core.text import fold, slugify
from marketplace.core.timeutil import vn_today

# Specialities that search relevance tests will look for, folded.
SPECIALITIES = [
    "sau rieng ri6", "tan thoi", "ca phe buon ma thuot", "mat ong bac ha", "nuoc mam phu quoc", "tan cuong",
    "buoi nam roi", "keo dua ben tre", "banh pia", "gao st25", "vai thieu luc ngan", "nhan long hung yen",
    "shan tuyet", "ruou bau da", "bat trang", "lua van phuc", "phu vinh", "non bai tho hue", "tinh dau que",
    "tinh dau sa", "sam ngoc linh", "atiso", "mut dau tay", "dau tay da lat", "lan ho diep", "bonsai", "ca koi",
    "homestay", "trai nghiem", "nuoc mam phan thiet", "yen sao khanh hoa", "cha muc", "mam tom", "tieu den phu quoc",
    "hat dieu", "banh trang phoi suong trang bang", "muoi tom tay ninh", "xoai cat hoa loc", "kho ca loc",
    "cam vinh", "keo cu do", "nem chua thanh hoa", "mien dong", "thit trau gac bep", "hat de trung khanh",
    "hoa hoi kho lang son",
]
# (product name starts with, current province slug, former province name)
PLACED = [
    ("Sầu riêng Ri6 Tân Thới", "vinh-long", "Bến Tre"),
    ("Kẹo dừa Bến Tre", "vinh-long", "Bến Tre"),
    ("Gạo ST25", "can-tho", "Sóc Trăng"),
    ("Bánh pía sầu riêng trứng muối Sóc Trăng", "can-tho", "Sóc Trăng"),
    ("Nước mắm Phú Quốc 40 độ đạm", "an-giang", "Kiên Giang"),
    ("Mật ong bạc hà Hà Giang", "tuyen-quang", "Hà Giang"),
    ("Nước mắm Phan Thiết", "lam-dong", "Bình Thuận"),
    ("Sâm Ngọc Linh tươi", "da-nang", "Quảng Nam"),
    ("Rượu Bàu Đá", "gia-lai", "Bình Định"),
    ("Vải thiều Lục Ngạn", "bac-ninh", "Bắc Giang"),
    ("Hạt điều rang muối Bình Phước", "dong-nai", "Bình Phước"),
    ("Xoài cát Hòa Lộc", "dong-thap", "Tiền Giang"),
    ("Cà phê Buôn Ma Thuột", "dak-lak", "Đắk Lắk"),
    ("Trà đinh Tân Cương", "thai-nguyen", "Thái Nguyên"),
    ("Bình hoa gốm men lam Bát Tràng", "ha-noi", None),
    ("Khăn lụa tơ tằm Vạn Phúc", "ha-noi", None),
]


def _products(db):
    return db.session.execute(select(Product)).scalars().all()


def test_curated_data_is_consistent(app):
    """Every producer sits in a real province (and one of its former provinces), every
    product in a real subcategory, and listing slugs are unique (build_plan checks)."""
    provinces = {p["code"]: p for p in provinces_facts()["provinces"]}
    subcategories = {name for group in ocop_facts()["groups"] for name in group["subcategories_vi"]}
    for producer in content.producers():
        province = provinces[producer["province"]]
        assert producer["former"] is None or producer["former"] in province["former"], producer["name"]
        assert producer["kind"] in {kind.value for kind in ProducerKind}
        for product in producer["products"]:
            assert product["sub"] in subcategories, product["name"]
            assert product["sub"] in content.usage()
            assert product["variants"], product["name"]
            for variant in product["variants"]:
                assert isinstance(variant["price"], int) and 1_000 <= variant["price"] <= 100_000_000, product["name"]
    group_of = {slugify(name): group["slug"] for group in ocop_facts()["groups"]
                for name in group["subcategories_vi"]}
    plans = build_plan({code: (p["name_vi"], p["kind"]) for code, p in provinces.items()}, group_of, vn_today())
    slugs = [listing.slug for plan in plans for listing in plan.listings]
    assert len(slugs) == len(set(slugs))
    assert all(len(listing.name) <= 200 and len(listing.unit) <= 60 for plan in plans for listing in plan.listings)


def test_demo_catalogue(demo_app, demo_template):
    from marketplace.extensions import db
    today = vn_today()
    media_root = Path(demo_app.config["MEDIA_ROOT"])
    summary = demo_template["summary"]

    producers = db.session.execute(select(Producer)).scalars().all()
    products = _products(db)
    assert summary["producers"] == len(producers) >= 60
    assert summary["products"] == len(products) >= 300
    assert all(p.is_demo and p.verified for p in producers)
    assert {p.kind for p in producers} == set(ProducerKind)
    assert len({p.province_id for p in producers}) >= 30
    assert sum(p.former_province_id is not None for p in producers) >= len(producers) * 0.6
    for producer in producers:
        assert producer.former_province is None or producer.former_province.province_id == producer.province_id
        assert producer.email.endswith("example.vn") and producer.phone.startswith("0")
        assert producer.story and producer.address
        assert producer.logo_path and (media_root / producer.logo_path).is_file()

    # All six OCOP groups, with their subcategories.
    groups = {p.category.group.slug for p in products}
    assert groups == {g["slug"] for g in ocop_facts()["groups"]}
    assert all(p.category.parent_id is not None for p in products)

    # Real specialities, in the right (current and former) provinces.
    haystack = " | ".join(fold(p.name) + " " + p.search_text for p in products)
    missing = [word for word in SPECIALITIES if word not in haystack]
    assert not missing
    for prefix, province_slug, former in PLACED:
        matches = [p for p in products if p.name.startswith(prefix)]
        assert matches, prefix
        for product in matches:
            assert product.producer.province.slug == province_slug, product.name
            if former:
                assert product.producer.former_province.name_vi == former, product.name
                assert fold(former) in product.search_text

    # Listings look like a shop's.
    assert len({p.slug for p in products}) == len(products)
    assert all(p.price > 0 and p.unit and p.origin.startswith(("Xã", "Phường", "Đặc khu")) for p in products)
    assert all(len(p.description) > 120 for p in products)
    assert any(p.unit == "vé/người" for p in products)
    assert 0 < sum(p.stock == 0 for p in products) < len(products) * 0.2
    statuses = Counter(p.status for p in products)
    assert statuses[ProductStatus.DRAFT] and statuses[ProductStatus.ARCHIVED]
    assert statuses[ProductStatus.ACTIVE] >= len(products) * 0.9
    created = sorted(p.created_at for p in products)
    assert (created[-1] - created[0]).days > 200

    # Certificates: 3, 4 and 5 stars, points inside the band, the right level.
    certifications = db.session.execute(select(Certification)).scalars().all()
    assert summary["certifications"] == len(certifications)
    assert {c.stars for c in certifications} == {3, 4, 5}
    for c in certifications:
        assert points_in_band(c.stars, c.points), (c.stars, c.points)
        assert c.level == (CertificationLevel.CENTRAL if c.stars == 5 else CertificationLevel.PROVINCIAL)
        assert c.issuing_body.startswith("Bộ Nông nghiệp" if c.stars == 5 else "UBND ")
        assert "/QĐ-" in c.number
        assert c.expires_on > c.decided_on
        assert (today - c.decided_on).days <= 4 * 366
    statuses = Counter(c.status for c in certifications)
    assert statuses[CertificationStatus.PENDING] >= 5
    assert statuses[CertificationStatus.REJECTED] >= 1
    assert statuses[CertificationStatus.VERIFIED] >= len(certifications) * 0.7
    expired = [c for c in certifications if c.is_expired(today)]
    assert len(expired) >= 10

    badges = Counter(badge_for(p, today).state for p in products)
    assert badges[BadgeState.EXPIRED] >= 10 and badges[BadgeState.PENDING] >= 5
    uncertified = sum(not p.certifications for p in products)
    assert 0.12 * len(products) <= uncertified <= 0.22 * len(products)
    five_stars = sum(badge_for(p, today).stars == 5 for p in products)
    assert 0.04 * len(products) <= five_stars <= 0.09 * len(products)

    # Photos: one or two per product, on disk, 800x600 with a 400x300 thumbnail.
    photos = db.session.execute(select(ProductPhoto)).scalars().all()
    assert summary["photos"] == len(photos)
    per_product = Counter(photo.product_id for photo in photos)
    assert set(per_product) == {p.id for p in products}
    assert set(per_product.values()) <= {1, 2}
    for photo in photos:
        assert photo.path.startswith("demo/") and photo.alt == photo.product.name
        assert (media_root / photo.path).is_file() and (media_root / photo.thumb_path).is_file()
        assert (photo.width, photo.height) == (800, 600)
    sample = photos[0]
    with Image.open(media_root / sample.path) as image:
        assert image.size == (800, 600) and image.format == "JPEG"
    with Image.open(media_root / sample.thumb_path) as image:
        assert image.size == (400, 300)


def test_loading_twice_adds_nothing(demo_app, demo_template):
    from marketplace.extensions import db
    media_root = demo_app.config["MEDIA_ROOT"]
    first = demo_template["summary"]
    files = sorted(p.name for p in Path(media_root, "demo").iterdir())
    second = load_demo_catalogue(media_storage(), vn_today())

    assert second["added_producers"] == 0 and second["added_products"] == 0
    for key in ("producers", "products", "certifications", "photos"):
        assert second[key] == first[key]
    assert db.session.execute(select(func.count(Product.id))).scalar_one() == first["products"]
    assert db.session.execute(select(func.count(ProductPhoto.id))).scalar_one() == first["photos"]
    assert sorted(p.name for p in Path(media_root, "demo").iterdir()) == files


@pytest.mark.both_engines
def test_synthetic_catalogue(app, db):
    before = db.session.execute(select(func.count(Product.id))).scalar_one()
    summary = generate_catalogue(2000, seed=7, today=vn_today())
    assert summary["products"] == 2000 and summary["producers"] == 100
    assert db.session.execute(select(func.count(Product.id))).scalar_one() == before + 2000

    products = _products(db)
    assert all(p.search_text for p in products)
    for product in products[::97]:  # the same words the catalogue services would write
        assert product.search_text == product_search_text(product)
    producers = db.session.execute(select(Producer)).scalars().all()
    assert all(p.verified and not p.is_demo and p.slug.startswith("sp-") for p in producers)
    assert len({p.province_id for p in producers}) == 34
    assert {p.kind for p in producers} == set(ProducerKind)
    subcategories = db.session.execute(
        select(func.count(Category.id)).where(Category.parent_id.isnot(None))).scalar_one()
    assert len({p.category_id for p in products}) == subcategories

    certifications = db.session.execute(select(Certification)).scalars().all()
    assert 0.6 * 2000 <= len(certifications) <= 0.8 * 2000
    assert all(points_in_band(c.stars, c.points) for c in certifications)
    today = vn_today()
    assert any(c.is_expired(today) for c in certifications)
    assert any(c.status == CertificationStatus.PENDING for c in certifications)

    # A second run does not collide, and the services can still add rows afterwards
    # (on PostgreSQL the id sequences were moved past the explicit ids).
    generate_catalogue(2000, seed=7, today=today)
    assert db.session.execute(select(func.count(Product.id))).scalar_one() == before + 4000
    assert db.session.execute(select(func.count(func.distinct(Product.slug)))).scalar_one() == before + 4000
    producer = create_producer(name="HTX Kiểm tra sau khi sinh dữ liệu", kind="cooperative",
                               province=find_province("ha-noi"))
    assert producer.id > max(p.id for p in producers)
