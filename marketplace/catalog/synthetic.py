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

# Per subcategory: product types, then pack sizes as (unit, lowest price, highest price) in đồng.
SUBCATEGORIES = {
    "Nông sản tươi": (
        ["Bưởi da xanh", "Cam sành", "Xoài cát", "Sầu riêng", "Nhãn", "Vải thiều", "Chuối già", "Thanh long",
         "Mít Thái", "Măng cụt", "Chôm chôm", "Dưa lưới", "Bơ sáp", "Khoai lang tím", "Dứa", "Ổi lê", "Na",
         "Hồng giòn", "Quýt đường", "Rau cải mầm", "Su su", "Bưởi Diễn", "Mận hậu", "Vú sữa"],
        [("túi 1 kg", 25_000, 150_000), ("hộp 2 kg", 60_000, 300_000), ("thùng 5 kg", 120_000, 650_000)]),
    "Nông sản sơ chế": (
        ["Gạo thơm", "Gạo lứt", "Nếp cái hoa vàng", "Hạt điều rang muối", "Mắc ca sấy", "Miến dong", "Bún khô",
         "Hủ tiếu khô", "Bánh tráng", "Măng khô", "Nấm hương khô", "Mít sấy", "Chuối sấy dẻo", "Xoài sấy",
         "Long nhãn", "Hạt sen sấy", "Lạc nhân", "Bột sắn dây", "Mộc nhĩ", "Cốm"],
        [("túi 500 g", 30_000, 250_000), ("túi 1 kg", 50_000, 450_000), ("túi 5 kg", 120_000, 400_000)]),
    "Thực phẩm chế biến": (
        ["Chả lụa", "Giò bò", "Lạp xưởng", "Nem chua", "Thịt trâu gác bếp", "Thịt lợn gác bếp", "Chà bông",
         "Ruốc tôm", "Cơm cháy", "Bánh chưng", "Bánh tét", "Dưa cải muối", "Cà pháo muối", "Đường thốt nốt",
         "Mạch nha", "Giò xào"],
        [("túi 500 g", 40_000, 600_000), ("hộp 300 g", 35_000, 250_000), ("túi 1 kg", 80_000, 1_100_000)]),
    "Gia vị, nước chấm": (
        ["Nước mắm cá cơm", "Nước mắm nhĩ", "Mắm tôm", "Mắm ruốc", "Tương bần", "Tương ớt", "Muối tôm",
         "Muối ớt", "Tiêu đen", "Tiêu sọ", "Hạt mắc khén", "Ớt bột", "Sa tế", "Tỏi", "Quế thanh", "Hoa hồi",
         "Giấm gạo", "Dầu điều"],
        [("chai 500 ml", 35_000, 150_000), ("hũ 200 g", 25_000, 120_000), ("can 2 lít", 100_000, 350_000)]),
    "Thủy sản": (
        ["Cá khô một nắng", "Khô cá lóc", "Khô mực", "Tôm khô", "Cá cơm sấy", "Chả cá thu", "Chả mực",
         "Cá thu một nắng", "Ruốc biển", "Hàu sữa", "Ốc hương", "Ba khía muối", "Cá basa phi lê", "Mực một nắng"],
        [("túi 500 g", 80_000, 600_000), ("túi 1 kg", 150_000, 1_100_000), ("hộp 250 g", 60_000, 350_000)]),
    "Bánh kẹo": (
        ["Kẹo dừa", "Kẹo lạc", "Kẹo gừng", "Bánh pía", "Bánh đậu xanh", "Bánh cốm", "Bánh gai", "Bánh khô mè",
         "Bánh in", "Mè xửng", "Ô mai", "Mứt gừng", "Mứt dừa", "Bánh phồng sữa", "Kẹo chuối", "Bánh cáy"],
        [("hộp 250 g", 25_000, 90_000), ("hộp 500 g", 45_000, 180_000), ("túi 1 kg", 80_000, 300_000)]),
    "Mật ong": (
        ["Mật ong hoa cà phê", "Mật ong hoa nhãn", "Mật ong hoa vải", "Mật ong rừng", "Mật ong bạc hà",
         "Mật ong hoa tràm", "Mật ong hoa keo", "Mật ong ruồi", "Sữa ong chúa", "Phấn hoa"],
        [("chai 500 ml", 120_000, 450_000), ("chai 1 lít", 220_000, 850_000), ("lọ 250 ml", 70_000, 250_000)]),
    "Chè, trà": (
        ["Chè xanh", "Trà Shan tuyết", "Chè búp", "Hồng trà", "Trà ô long", "Trà atiso", "Trà hoa cúc",
         "Trà lá sen", "Trà gạo lứt", "Trà hoa vàng", "Trà mãng cầu", "Trà gừng", "Trà dây", "Trà giảo cổ lam"],
        [("túi 200 g", 60_000, 350_000), ("hộp 100 g", 50_000, 500_000), ("túi 500 g", 120_000, 700_000)]),
    "Cà phê, ca cao": (
        ["Cà phê Robusta rang xay", "Cà phê Arabica rang xay", "Cà phê hạt rang mộc", "Cà phê phin giấy",
         "Cà phê hòa tan", "Ca cao nguyên chất", "Sô-cô-la đen", "Bột ca cao"],
        [("gói 250 g", 50_000, 160_000), ("gói 500 g", 90_000, 300_000), ("túi 1 kg", 160_000, 550_000)]),
    "Rượu": (
        ["Rượu nếp cái", "Rượu ngô men lá", "Rượu đế", "Rượu sim", "Rượu mơ", "Rượu chuối hột", "Rượu ba kích",
         "Rượu cần", "Rượu táo mèo", "Vang nho", "Vang sim"],
        [("chai 500 ml", 60_000, 250_000), ("chai 750 ml", 90_000, 400_000), ("can 2 lít", 150_000, 500_000)]),
    "Nước giải khát": (
        ["Nước ép cam", "Nước dừa", "Nước ép bưởi", "Siro chanh dây", "Nước yến", "Nước mía", "Nước sâm",
         "Trà thảo mộc đóng chai", "Sữa hạt điều", "Sữa bắp", "Nước chanh muối"],
        [("chai 330 ml", 15_000, 45_000), ("thùng 24 chai", 250_000, 900_000), ("chai 1 lít", 40_000, 120_000)]),
    "Dược liệu": (
        ["Đinh lăng", "Ba kích tím", "Sâm dây", "Đương quy", "Cà gai leo", "Giảo cổ lam", "Hà thủ ô đỏ",
         "Nấm linh chi", "Atiso khô", "Xạ đen", "Nghệ đen", "Hoài sơn", "Tam thất", "Khôi nhung"],
        [("túi 500 g", 80_000, 600_000), ("túi 1 kg", 150_000, 1_100_000), ("hộp 200 g", 60_000, 400_000)]),
    "Thực phẩm chức năng từ thảo dược": (
        ["Tinh bột nghệ", "Viên nghệ mật ong", "Cao atiso", "Cao đinh lăng", "Trà túi lọc cà gai leo",
         "Bột tam thất", "Cao ích mẫu", "Viên xạ đen", "Tỏi đen", "Cao hà thủ ô"],
        [("hũ 200 g", 90_000, 450_000), ("hộp 30 gói", 80_000, 350_000), ("hũ 500 g", 200_000, 900_000)]),
    "Mỹ phẩm thảo dược": (
        ["Xà phòng sả chanh", "Dầu gội bồ kết", "Dầu dừa", "Son dưỡng sáp ong", "Muối tắm thảo dược",
         "Nước hoa bưởi", "Sữa rửa mặt nghệ", "Dầu gội vỏ bưởi", "Kem dưỡng nghệ", "Lá tắm người Dao"],
        [("chai 100 ml", 40_000, 180_000), ("chai 250 ml", 70_000, 300_000), ("bánh 100 g", 25_000, 90_000)]),
    "Tinh dầu": (
        ["Tinh dầu sả chanh", "Tinh dầu quế", "Tinh dầu tràm", "Tinh dầu hồi", "Tinh dầu bưởi",
         "Tinh dầu bạc hà", "Tinh dầu gừng", "Tinh dầu hương nhu", "Tinh dầu tràm trà", "Tinh dầu sả java"],
        [("lọ 10 ml", 35_000, 120_000), ("lọ 50 ml", 120_000, 400_000), ("chai 100 ml", 200_000, 650_000)]),
    "Mây tre đan": (
        ["Giỏ mây", "Khay tre", "Làn cói", "Hộp lục bình", "Thảm cói", "Rổ tre", "Đèn tre", "Túi cói", "Mẹt tre",
         "Chao đèn mây"],
        [("chiếc", 60_000, 450_000), ("bộ 3 chiếc", 150_000, 900_000)]),
    "Gốm sứ": (
        ["Bình gốm", "Bộ ấm chén", "Đĩa gốm", "Chậu gốm", "Bát gốm", "Lọ hoa", "Tượng gốm", "Cốc sứ"],
        [("chiếc", 80_000, 1_500_000), ("bộ", 250_000, 2_500_000)]),
    "Gỗ mỹ nghệ": (
        ["Tượng gỗ", "Hộp gỗ", "Khay trà gỗ", "Tranh gỗ", "Đĩa gỗ", "Bộ đũa gỗ", "Lược sừng"],
        [("chiếc", 60_000, 3_500_000), ("bộ", 150_000, 2_000_000)]),
    "Sơn mài, khảm trai": (
        ["Tranh sơn mài", "Hộp sơn mài", "Khay sơn mài", "Bình sơn mài", "Tranh khảm trai", "Hộp khảm trai"],
        [("bức 40 x 60 cm", 900_000, 5_000_000), ("chiếc", 200_000, 1_500_000)]),
    "Vải, lụa, may mặc": (
        ["Khăn lụa", "Vải lụa tơ tằm", "Khăn thổ cẩm", "Túi thổ cẩm", "Áo dài lụa", "Nón lá", "Khăn choàng",
         "Vải lanh"],
        [("chiếc", 80_000, 2_500_000), ("mét", 150_000, 600_000)]),
    "Đồ trang trí": (
        ["Tranh dân gian", "Đèn lồng", "Tò he", "Chuông gió tre", "Tranh thêu tay", "Mô hình thuyền",
         "Hoa giấy", "Tranh giấy dó"],
        [("chiếc", 40_000, 1_200_000), ("bộ", 100_000, 1_500_000)]),
    "Hoa": (
        ["Lan hồ điệp", "Hoa cúc", "Hoa hồng", "Hoa đào", "Hoa mai", "Hoa lily", "Hoa cát tường", "Hoa đồng tiền"],
        [("chậu", 120_000, 1_800_000), ("bó 10 cành", 80_000, 400_000)]),
    "Cây cảnh": (
        ["Bonsai sanh", "Bonsai mai chiếu thủy", "Cây quất", "Cây tùng", "Cây sen đá", "Cây kim tiền",
         "Bonsai linh sam", "Cây trà hoa"],
        [("chậu", 150_000, 15_000_000)]),
    "Cá cảnh, chim cảnh": (
        ["Cá koi", "Cá dĩa", "Cá betta", "Cá vàng", "Cá la hán", "Chim chào mào", "Chim họa mi"],
        [("con", 50_000, 3_000_000), ("cặp", 120_000, 5_000_000)]),
    "Điểm du lịch": (
        ["Vé tham quan khu sinh thái", "Vé tham quan làng cổ", "Tour thuyền", "Vé tham quan vườn trái cây",
         "Vé tham quan đồi chè", "Tour đạp xe làng quê"],
        [("vé/người", 30_000, 300_000)]),
    "Du lịch cộng đồng, homestay": (
        ["Homestay nhà sàn", "Homestay nhà vườn", "Farmstay", "Tour du lịch cộng đồng", "Homestay ven sông",
         "Nhà nghỉ cộng đồng"],
        [("người/đêm", 200_000, 600_000), ("gói 2 ngày 1 đêm/người", 600_000, 1_800_000)]),
    "Trải nghiệm làng nghề": (
        ["Trải nghiệm làm gốm", "Trải nghiệm dệt thổ cẩm", "Trải nghiệm làm bánh", "Trải nghiệm đan lát",
         "Trải nghiệm làm nón", "Trải nghiệm làm hương"],
        [("vé/người", 50_000, 350_000)]),
}

QUALITIES = {
    "thuc-pham": ["hữu cơ", "truyền thống", "đặc biệt", "thượng hạng", "loại 1", "gia truyền", "sạch", "VietGAP",
                  "nguyên chất"],
    "do-uong": ["nguyên chất", "thượng hạng", "đặc biệt", "truyền thống", "hữu cơ", "cao cấp", "thủ công"],
    "thao-duoc": ["hữu cơ", "nguyên chất", "thiên nhiên", "cao cấp", "truyền thống"],
    "thu-cong-my-nghe": ["thủ công", "truyền thống", "cao cấp", "mỹ nghệ", "cổ truyền"],
    "sinh-vat-canh": ["cao cấp", "đặc biệt", "thuần chủng", "loại 1"],
    "dich-vu-du-lich": ["cộng đồng", "sinh thái", "trọn gói", "trải nghiệm"],
}
DOMAINS = {
    "thuc-pham": ["Nông nghiệp", "Nông sản sạch", "Chế biến nông sản", "Dịch vụ nông nghiệp", "Thủy sản"],
    "do-uong": ["Chè", "Cà phê", "Nông nghiệp", "Đồ uống"],
    "thao-duoc": ["Dược liệu", "Nông nghiệp", "Thảo dược"],
    "thu-cong-my-nghe": ["Thủ công mỹ nghệ", "Làng nghề", "Mây tre đan"],
    "sinh-vat-canh": ["Sinh vật cảnh", "Hoa cây cảnh"],
    "dich-vu-du-lich": ["Du lịch cộng đồng", "Du lịch sinh thái"],
}
SENTENCES = {
    "thuc-pham": ["Nguyên liệu chọn lọc tại địa phương, chế biến theo quy trình khép kín, không chất bảo quản.",
                  "Sản xuất theo tiêu chuẩn VietGAP, đóng gói hút chân không, truy xuất được nguồn gốc.",
                  "Giữ hương vị truyền thống của vùng quê, phù hợp làm quà biếu."],
    "do-uong": ["Chế biến từ nguyên liệu tươi của vùng trồng, giữ trọn hương vị tự nhiên.",
                "Không phẩm màu, không hương liệu; bảo quản nơi khô ráo, thoáng mát."],
    "thao-duoc": ["Dược liệu trồng dưới tán rừng, thu hái đúng vụ, sơ chế và sấy khô tại chỗ.",
                  "Sản phẩm không phải là thuốc và không có tác dụng thay thế thuốc chữa bệnh."],
    "thu-cong-my-nghe": ["Làm thủ công hoàn toàn bởi nghệ nhân làng nghề, mỗi sản phẩm là duy nhất.",
                         "Nguyên liệu tự nhiên, hoàn thiện bằng sơn và dầu an toàn."],
    "sinh-vat-canh": ["Được chăm sóc tại vườn, giao kèm hướng dẫn chăm sóc.",
                      "Đóng gói cẩn thận, bảo hành sống khi nhận hàng."],
    "dich-vu-du-lich": ["Trải nghiệm văn hóa bản địa cùng người dân địa phương; đặt trước ít nhất một ngày.",
                        "Giá đã gồm hướng dẫn viên là người địa phương và bữa ăn theo chương trình."],
}
BRANDS = ["Hương Quê", "Đất Lành", "Sao Việt", "Nông Sản Xanh", "Quê Nhà", "Phú Gia", "Tâm An", "Hồng Phát",
          "Thiên Phúc", "An Khang", "Việt Xanh", "Mộc An", "Phương Nam", "Đồng Xanh", "Bảo Ngọc"]
COMMUNES = ["Tân Phú", "Phú Lộc", "Hòa Bình", "An Thạnh", "Mường Khương", "Bình Minh", "Long Hưng", "Tân Lập",
            "Đông Sơn", "Quảng Điền", "Hương Sơn", "Cẩm Thủy", "Ea Tu", "Krông Bông", "Sín Chải", "Nà Hang",
            "Mỹ Hòa", "Vĩnh Thạnh", "Phước Long", "Cái Bè", "Tam Nông", "An Phú", "Thới Lai", "Ngọc Hiển",
            "Yên Thế", "Thanh Sơn", "Hữu Lũng", "Bảo Lạc", "Mường La", "Tuần Giáo", "Phong Thổ", "Lập Thạch",
            "Kim Bôi", "Tiên Du", "Văn Giang", "Kiến Thụy", "Gia Viễn", "Hải Lăng", "Điện Bàn", "Sơn Tịnh",
            "Hoài Nhơn", "Cam Lâm", "Di Linh", "Cư M'gar", "Củ Chi", "Xuân Lộc", "Gò Dầu", "Phong Điền",
            "Cầu Ngang", "Lai Vung", "Năm Căn", "Tịnh Biên", "Thanh Chương", "Can Lộc", "Như Xuân", "Hạ Hòa",
            "Bắc Quang", "Văn Chấn", "Đại Từ", "Tiên Yên"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý", "Lò", "Hà", "Giàng", "Sùng"]
MIDDLES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Xuân", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Lan", "Linh", "Long",
         "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Tú", "Tuấn", "Vân", "Yến"]
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
