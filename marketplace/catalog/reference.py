"""Load the reference data (regions, provinces, former provinces, OCOP groups and
subcategories) from shared/data into the database.

The JSON files stay the single source; this only mirrors them into tables so
that products can point at them. Loading is an upsert by code or slug, so it is
safe to run on every start and after the data files change.
"""
from marketplace.catalog.models import Category, FormerProvince, MacroRegion, Province, Region
from marketplace.core.facts import ocop_facts, provinces_facts
from marketplace.core.text import slugify
from marketplace.extensions import db

# The browsing subcategories are named in Vietnamese in ocop.json; these are
# their English labels (a translation, not a fact, so it lives with the code).
SUBCATEGORY_NAMES_EN = {
    "Nông sản tươi": "Fresh produce",
    "Nông sản sơ chế": "Minimally processed produce",
    "Thực phẩm chế biến": "Processed foods",
    "Gia vị, nước chấm": "Spices and sauces",
    "Thủy sản": "Seafood and fish",
    "Bánh kẹo": "Cakes and sweets",
    "Mật ong": "Honey",
    "Chè, trà": "Tea",
    "Cà phê, ca cao": "Coffee and cocoa",
    "Rượu": "Rice wines and spirits",
    "Nước giải khát": "Soft drinks and juices",
    "Dược liệu": "Medicinal herbs",
    "Thực phẩm chức năng từ thảo dược": "Herbal supplements",
    "Mỹ phẩm thảo dược": "Herbal cosmetics",
    "Tinh dầu": "Essential oils",
    "Mây tre đan": "Rattan and bamboo",
    "Gốm sứ": "Ceramics",
    "Gỗ mỹ nghệ": "Fine woodwork",
    "Sơn mài, khảm trai": "Lacquer and mother-of-pearl",
    "Vải, lụa, may mặc": "Fabrics, silk and garments",
    "Đồ trang trí": "Decorations",
    "Hoa": "Flowers",
    "Cây cảnh": "Bonsai and ornamental plants",
    "Cá cảnh, chim cảnh": "Ornamental fish and birds",
    "Điểm du lịch": "Destinations",
    "Du lịch cộng đồng, homestay": "Community tourism and homestays",
    "Trải nghiệm làng nghề": "Craft village experiences",
}


def _upsert(model, key, values):
    row = db.session.execute(db.select(model).filter_by(**key)).scalar_one_or_none()
    if row is None:
        row = model(**key)
        db.session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
    return row


def load_regions_and_provinces(data_dir=None):
    facts = provinces_facts(data_dir)
    macros = {}
    for position, item in enumerate(facts["macro_regions"]):
        macros[item["code"]] = _upsert(MacroRegion, {"code": item["code"]}, {
            "slug": slugify(item["name_vi"]), "name_vi": item["name_vi"], "name_en": item["name_en"],
            "position": position})
    regions = {}
    for position, item in enumerate(facts["regions"]):
        regions[item["code"]] = _upsert(Region, {"code": item["code"]}, {
            "slug": slugify(item["name_vi"]), "name_vi": item["name_vi"], "name_en": item["name_en"],
            "position": position})
    db.session.flush()
    for item in facts["provinces"]:
        province = _upsert(Province, {"code": item["code"]}, {
            "slug": slugify(item["name_ascii"]), "name_vi": item["name_vi"], "name_ascii": item["name_ascii"],
            "kind": item["kind"], "region": regions[item["region"]], "macro_region": macros[item["macro_region"]],
            "centre": item.get("centre"), "lat": item.get("lat"), "lon": item.get("lon")})
        db.session.flush()
        for position, former_name in enumerate(item.get("former", [])):
            _upsert(FormerProvince, {"slug": slugify(former_name)}, {
                "name_vi": former_name, "province": province, "position": position})
    db.session.flush()


def load_categories(data_dir=None):
    for position, group in enumerate(ocop_facts(data_dir)["groups"]):
        parent = _upsert(Category, {"slug": group["slug"]}, {
            "parent": None, "ocop_code": group["code"], "name_vi": group["name_vi"],
            "name_en": group["name_en"], "position": position})
        db.session.flush()
        for sub_position, name_vi in enumerate(group["subcategories_vi"]):
            _upsert(Category, {"slug": slugify(name_vi)}, {
                "parent": parent, "ocop_code": group["code"], "name_vi": name_vi,
                "name_en": SUBCATEGORY_NAMES_EN.get(name_vi, name_vi), "position": sub_position})
    db.session.flush()


def load_reference_data(data_dir=None):
    """Mirror provinces and categories into the database; one transaction."""
    load_regions_and_provinces(data_dir)
    load_categories(data_dir)
    db.session.commit()
