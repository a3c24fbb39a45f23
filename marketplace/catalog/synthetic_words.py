"""The word lists the synthetic benchmark catalogue (`catalog.synthetic`) composes names from.

Per OCOP subcategory: product types and pack sizes with price ranges; per product group:
qualities, producers' lines of work and description sentences; brands, communes and
people's names for producers. Plain Vietnamese words, no logic.
"""
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
