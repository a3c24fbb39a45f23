"""Curated content of the demo catalogue: producers and their OCOP-style products.

Plain data, no logic (the loader is `catalog.demo`). The producers and
specialities are modelled on real OCOP products of their places, but every name,
phone number, e-mail and certificate number is made up for demonstration.

Each producer:
    name, kind (cooperative | cooperative_group | enterprise | household),
    province (code in provinces.json), former (name of the pre-2025 province, or None),
    commune (where it works, "Xã ..." / "Phường ..."), founded (year), about (one or two
    sentences for its story), products.
Each product:
    name, sub (an OCOP subcategory name in ocop.json), desc (Markdown sentences:
    origin, ingredients, how it is made), variants: list of (unit, price in đồng)
    or (unit, price, full listing name); optional stars (5 marks the rare 5-star
    products; otherwise the loader picks 3 or 4 stars, or none).
With one variant the listing takes the product name; with several, each listing is
"<name> <unit>" unless the variant names itself.
"""

# How to use and store, per subcategory; appended to every description.
USAGE = {
    "Nông sản tươi": "Bảo quản nơi thoáng mát hoặc ngăn mát tủ lạnh, dùng ngon nhất trong 5–7 ngày. "
                     "Rửa sạch trước khi dùng.",
    "Nông sản sơ chế": "Đóng gói hút chân không; sau khi mở túi nên buộc kín, để nơi khô ráo, "
                       "tránh ánh nắng trực tiếp.",
    "Thực phẩm chế biến": "Bảo quản ngăn mát 0–5 °C, dùng trong thời hạn ghi trên bao bì. "
                          "Không dùng khi bao bì phồng, rách.",
    "Gia vị, nước chấm": "Đậy kín nắp sau khi dùng, để nơi khô ráo thoáng mát. Hiện tượng đạm kết tinh "
                         "ở đáy chai là tự nhiên.",
    "Thủy sản": "Bảo quản ngăn đông −18 °C; rã đông trong ngăn mát trước khi chế biến.",
    "Bánh kẹo": "Để nơi khô ráo, tránh ẩm; dùng ngon nhất trong 2 tuần sau khi mở hộp.",
    "Mật ong": "Không cần để tủ lạnh; đậy kín nắp, tránh nắng. Mật ong nguyên chất có thể kết tinh "
               "khi trời lạnh, ngâm lọ trong nước ấm để tan.",
    "Chè, trà": "Pha với nước 80–90 °C, tráng trà một lần rồi hãm 2–3 phút. Bảo quản trong túi kín, "
                "tránh ẩm và mùi lạ.",
    "Cà phê, ca cao": "Pha phin hoặc pha máy; đóng kín túi van một chiều sau khi mở, dùng trong 30 ngày "
                      "để giữ hương.",
    "Rượu": "Sản phẩm có cồn, không dành cho người dưới 18 tuổi và phụ nữ mang thai. "
            "Uống có trách nhiệm; đã uống rượu bia không lái xe.",
    "Nước giải khát": "Ngon hơn khi uống lạnh; lắc đều trước khi dùng, sau khi mở nắp giữ trong "
                      "tủ lạnh và dùng hết trong 3 ngày.",
    "Dược liệu": "Dùng theo hướng dẫn của thầy thuốc. Để nơi khô ráo, thoáng mát, tránh mối mọt.",
    "Thực phẩm chức năng từ thảo dược": "Thực phẩm này không phải là thuốc và không có tác dụng thay thế "
                                        "thuốc chữa bệnh.",
    "Mỹ phẩm thảo dược": "Chỉ dùng ngoài da. Thử trước trên một vùng da nhỏ; tránh tiếp xúc với mắt.",
    "Tinh dầu": "Dùng cho máy khuếch tán (3–5 giọt) hoặc pha loãng trước khi thoa ngoài da. "
                "Để xa tầm tay trẻ em.",
    "Mây tre đan": "Lau bằng khăn khô, tránh để nơi ẩm ướt lâu ngày; phơi nắng nhẹ nếu bị ẩm.",
    "Gốm sứ": "Rửa bằng nước ấm và nước rửa chén thông thường; tránh va đập mạnh.",
    "Gỗ mỹ nghệ": "Lau bằng khăn mềm khô; tránh ánh nắng gắt và nơi quá ẩm để gỗ không cong nứt.",
    "Sơn mài, khảm trai": "Lau nhẹ bằng khăn mềm, không dùng hóa chất tẩy rửa; tránh nhiệt độ cao.",
    "Vải, lụa, may mặc": "Giặt tay bằng nước lạnh với xà phòng trung tính, phơi trong bóng râm, "
                         "là ở nhiệt độ thấp.",
    "Đồ trang trí": "Treo hoặc đặt nơi khô ráo, tránh nắng chiếu trực tiếp để giữ màu.",
    "Hoa": "Cắt chéo gốc và thay nước mỗi ngày (hoa cắt cành); chậu hoa đặt nơi có ánh sáng tán xạ, "
           "tưới khi giá thể khô.",
    "Cây cảnh": "Đặt nơi có nắng buổi sáng, tưới đẫm khi mặt đất khô; bón phân hữu cơ định kỳ mỗi tháng.",
    "Cá cảnh, chim cảnh": "Giao kèm túi oxy; thả túi vào bể 15–20 phút cho cân bằng nhiệt độ trước khi "
                          "thả cá. Người bán hướng dẫn chăm sóc sau khi mua.",
    "Điểm du lịch": "Vé dùng trong ngày; vui lòng đặt trước ít nhất 1 ngày vào mùa cao điểm.",
    "Du lịch cộng đồng, homestay": "Giá tính theo người; đặt trước ít nhất 2 ngày. "
                                   "Miễn phí cho trẻ em dưới 6 tuổi đi cùng bố mẹ.",
    "Trải nghiệm làng nghề": "Giá tính theo người, đã gồm nguyên vật liệu và sản phẩm mang về. "
                             "Nhóm từ 10 người vui lòng liên hệ trước.",
}

PRODUCERS = [
    # ------------------------------------------------------------------ Hà Nội
    {
        "name": "HTX Gốm sứ Bát Tràng Cổ Truyền", "kind": "cooperative", "province": "HN", "former": None,
        "commune": "Xã Bát Tràng", "founded": 2009,
        "about": "Các nghệ nhân của hợp tác xã giữ cách làm gốm men lam, men rạn của làng Bát Tràng "
                 "hơn 500 năm tuổi bên sông Hồng.",
        "products": [
            {"name": "Bình hoa gốm men lam Bát Tràng", "sub": "Gốm sứ",
             "desc": "Bình được vuốt tay trên bàn xoay từ đất sét trắng, vẽ lam bằng bút lông hoạ tiết sen "
                     "và trúc rồi nung ở 1.250 °C trong lò ga. Mỗi chiếc có nét vẽ riêng, không trùng nhau.",
             "variants": [("chiếc cao 30 cm", 850_000), ("chiếc cao 45 cm", 1_650_000)]},
            {"name": "Bộ ấm chén men rạn Bát Tràng", "sub": "Gốm sứ",
             "desc": "Bộ ấm chén men rạn cổ màu ngà, vết rạn được tạo từ độ co giãn khác nhau giữa men và "
                     "xương gốm khi nguội. Dùng pha trà hằng ngày hoặc làm quà biếu.",
             "variants": [("bộ 1 ấm 6 chén", 650_000), ("bộ quà tặng kèm khay tre", 890_000)]},
            {"name": "Trải nghiệm nặn gốm làng Bát Tràng", "sub": "Trải nghiệm làng nghề",
             "desc": "Khách được nghệ nhân hướng dẫn vuốt gốm trên bàn xoay, vẽ và tô men cho sản phẩm "
                     "của mình; sản phẩm được nung và gửi về nhà sau 5 ngày.",
             "variants": [("vé/người, 2 giờ", 120_000, "Trải nghiệm nặn gốm Bát Tràng 2 giờ"),
                          ("vé/người, nửa ngày có vẽ men", 250_000, "Trải nghiệm vẽ men gốm Bát Tràng nửa ngày")]},
        ],
    },
    {
        "name": "Công ty TNHH Lụa Vạn Phúc Hà Đông", "kind": "enterprise", "province": "HN", "former": None,
        "commune": "Phường Hà Đông", "founded": 2012,
        "about": "Doanh nghiệp của một gia đình dệt lụa ba đời ở làng Vạn Phúc, vẫn giữ khung dệt "
                 "jacquard và hoa văn truyền thống như hoa sen, chữ thọ.",
        "products": [
            {"name": "Khăn lụa tơ tằm Vạn Phúc", "sub": "Vải, lụa, may mặc",
             "desc": "Khăn dệt từ tơ tằm nguyên chất, hoa văn chìm dệt trên khung jacquard, mặt lụa mềm, "
                     "mát và có độ bóng tự nhiên. Nhuộm màu bằng thuốc nhuộm an toàn cho da.",
             "variants": [("chiếc 50 x 180 cm", 480_000), ("chiếc vuông 90 x 90 cm", 420_000)]},
            {"name": "Vải lụa tơ tằm Vạn Phúc hoa văn chữ thọ", "sub": "Vải, lụa, may mặc",
             "desc": "Lụa khổ 90 cm dệt hoa văn chữ thọ, thích hợp may áo dài, sơ mi và khăn choàng. "
                     "Bán theo mét, cắt theo yêu cầu.",
             "variants": [("mét khổ 90 cm", 380_000)]},
            {"name": "Áo dài lụa Vạn Phúc may sẵn", "sub": "Vải, lụa, may mặc",
             "desc": "Áo dài nữ may sẵn từ lụa Vạn Phúc, đường may tay tỉ mỉ, có đủ cỡ S đến XL.",
             "variants": [("bộ", 2_200_000)]},
        ],
    },
    {
        "name": "HTX Mây tre đan Phú Vinh", "kind": "cooperative", "province": "HN", "former": None,
        "commune": "Xã Phú Nghĩa", "founded": 2005,
        "about": "Làng Phú Vinh (Chương Mỹ) nổi tiếng với nghề mây tre đan hơn 400 năm; hợp tác xã "
                 "tập hợp hơn 120 hộ thợ đan.",
        "products": [
            {"name": "Giỏ mây đan Phú Vinh", "sub": "Mây tre đan",
             "desc": "Giỏ đan tay từ sợi mây rừng đã luộc, phơi và hun diêm sinh chống mốc; khung cứng, "
                     "quai chắc, dùng đựng đồ, làm giỏ quà Tết.",
             "variants": [("chiếc đường kính 25 cm", 180_000), ("bộ 3 chiếc lồng nhau", 450_000)]},
            {"name": "Khay mây tre đan hình chữ nhật", "sub": "Mây tre đan",
             "desc": "Khay đan kiểu mắt cáo, viền tre uốn, phủ sơn PU gốc nước an toàn thực phẩm.",
             "variants": [("chiếc 40 x 30 cm", 220_000)]},
            {"name": "Đèn mây tre trang trí Phú Vinh", "sub": "Đồ trang trí",
             "desc": "Chụp đèn đan từ nan tre vót mỏng, ánh sáng xuyên qua mắt đan tạo bóng hoa văn ấm áp; "
                     "kèm đui và dây điện chuẩn.",
             "variants": [("chiếc đường kính 35 cm", 350_000), ("chiếc đường kính 50 cm", 520_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Nguyễn Thị Vân – Cốm làng Vòng", "kind": "household", "province": "HN",
        "former": None, "commune": "Phường Cầu Giấy", "founded": 1998,
        "about": "Gia đình bà Vân làm cốm làng Vòng đã bốn đời, mỗi mùa thu chỉ làm từ lúa nếp cái hoa vàng.",
        "products": [
            {"name": "Cốm làng Vòng", "sub": "Nông sản sơ chế",
             "desc": "Lúa nếp cái hoa vàng gặt lúc hạt còn sữa, rang trên chảo gang rồi giã chày tay nhiều "
                     "lượt, sàng sảy đến khi hạt cốm dẻo, xanh, thơm mùi lúa non. Gói trong lá sen.",
             "variants": [("gói 200 g", 65_000), ("gói 500 g", 155_000)]},
            {"name": "Bánh cốm làng Vòng nhân đậu xanh", "sub": "Bánh kẹo",
             "desc": "Vỏ bánh làm từ cốm và đường, nhân đậu xanh, dừa sợi; gói lá chuối và giấy đỏ.",
             "variants": [("hộp 10 chiếc", 120_000)]},
        ],
    },
    {
        "name": "Tổ hợp tác Hoa đào Nhật Tân", "kind": "cooperative_group", "province": "HN", "former": None,
        "commune": "Phường Tây Hồ", "founded": 2015,
        "about": "Những nhà vườn trồng đào lâu năm bãi sông Hồng, cung cấp đào cành và đào thế cho "
                 "Tết Hà Nội.",
        "products": [
            {"name": "Cành đào phai Nhật Tân", "sub": "Hoa",
             "desc": "Đào phai cánh dày, sắc hồng đậm, được tuốt lá và hãm nụ đúng lịch để nở vào dịp Tết. "
                     "Giao kèm hướng dẫn cắm và giữ hoa.",
             "variants": [("cành cao 1,2 m", 450_000), ("cành cao 1,8 m", 850_000)]},
            {"name": "Cây đào thế Nhật Tân", "sub": "Cây cảnh",
             "desc": "Đào trồng chậu uốn thế trực, thế hoành, gốc 5–7 năm tuổi; cây được trả lại vườn chăm "
                     "sau Tết theo thỏa thuận.",
             "variants": [("chậu cao 1,5 m", 3_500_000)]},
        ],
    },
    {
        "name": "HTX Khảm trai Chuôn Ngọ", "kind": "cooperative", "province": "HN", "former": None,
        "commune": "Xã Phú Xuyên", "founded": 2007,
        "about": "Làng Chuôn Ngọ giữ nghề khảm trai từ thế kỷ XI; hợp tác xã nhận đặt tranh và hộp "
                 "khảm theo mẫu.",
        "products": [
            {"name": "Tranh khảm trai Chuôn Ngọ phong cảnh làng quê", "sub": "Sơn mài, khảm trai",
             "desc": "Vỏ trai, ốc được cưa, mài thành mảnh mỏng rồi gắn lên nền gỗ sơn mài đen, mài bóng "
                     "nhiều lớp để hiện cảnh đồng quê, mái đình.",
             "variants": [("bức 40 x 60 cm", 2_800_000), ("bức 60 x 90 cm", 5_200_000)]},
            {"name": "Hộp đựng trang sức khảm trai", "sub": "Sơn mài, khảm trai",
             "desc": "Hộp gỗ sơn mài khảm hoa mai bằng xà cừ, lót nhung bên trong.",
             "variants": [("hộp 15 x 10 cm", 450_000)]},
        ],
    },
    # ------------------------------------------------------------------ Huế
    {
        "name": "Tổ hợp tác Nón lá Thủy Thanh", "kind": "cooperative_group", "province": "HUE",
        "former": "Thừa Thiên Huế", "commune": "Phường Thủy Thanh", "founded": 2016,
        "about": "Các chị thợ chằm nón của làng nón Thủy Thanh làm nón bài thơ, loại nón mỏng nhẹ "
                 "đặc trưng của xứ Huế.",
        "products": [
            {"name": "Nón bài thơ Huế", "sub": "Vải, lụa, may mặc",
             "desc": "Nón chằm hai lớp lá non phơi sương, kẹp giữa là những câu thơ và hình cắt giấy, "
                     "soi lên nắng mới thấy. Vành nón bằng tre vót, quai lụa.",
             "variants": [("chiếc", 180_000), ("chiếc kèm hộp quà", 230_000)]},
            {"name": "Nón lá trắng Huế", "sub": "Vải, lụa, may mặc",
             "desc": "Nón lá trắng 16 vòng, chằm bằng sợi cước mảnh, phủ một lớp dầu bóng chống thấm.",
             "variants": [("chiếc", 95_000)]},
            {"name": "Trải nghiệm chằm nón lá Huế", "sub": "Trải nghiệm làng nghề",
             "desc": "Khách học cách xếp lá, chằm vòng và vẽ nón cùng nghệ nhân, mang về chiếc nón tự làm.",
             "variants": [("vé/người", 150_000)]},
        ],
    },
    {
        "name": "Công ty TNHH Đặc sản Cố Đô", "kind": "enterprise", "province": "HUE",
        "former": "Thừa Thiên Huế", "commune": "Phường Phú Hội", "founded": 2014,
        "about": "Doanh nghiệp chế biến các món đặc sản Huế theo công thức gia truyền, có xưởng đạt "
                 "chứng nhận an toàn thực phẩm.",
        "products": [
            {"name": "Mè xửng Huế", "sub": "Bánh kẹo",
             "desc": "Kẹo nấu từ mạch nha, đường, bột năng, phủ mè rang và đậu phộng, dẻo mà không dính răng.",
             "variants": [("hộp 250 g", 45_000), ("hộp 500 g", 85_000)]},
            {"name": "Tôm chua Huế", "sub": "Gia vị, nước chấm",
             "desc": "Tôm đất ngâm rượu, trộn riềng, tỏi, ớt, măng và xôi nếp, ủ chua tự nhiên 7 ngày; "
                     "ăn kèm thịt luộc và rau sống.",
             "variants": [("hũ 500 g", 120_000)]},
            {"name": "Trà cung đình Huế", "sub": "Chè, trà",
             "desc": "Trà phối từ 12 vị thảo mộc: cỏ ngọt, hoa cúc, la hán quả, đại táo, kỷ tử... theo "
                     "công thức trà thời Nguyễn.",
             "variants": [("hộp 20 túi lọc", 65_000), ("hộp 300 g", 150_000)]},
        ],
    },
    {
        "name": "HTX Du lịch cộng đồng Thủy Biều", "kind": "cooperative", "province": "HUE",
        "former": "Thừa Thiên Huế", "commune": "Phường Thủy Biều", "founded": 2018,
        "about": "Các nhà vườn Thủy Biều mở cửa đón khách ở lại, đạp xe qua vườn thanh trà và học nấu "
                 "món Huế.",
        "products": [
            {"name": "Homestay nhà vườn Thủy Biều", "sub": "Du lịch cộng đồng, homestay",
             "desc": "Nhà rường trong vườn thanh trà bên sông Hương, phòng nghỉ sạch sẽ, bữa sáng bún bò "
                     "do chủ nhà nấu.",
             "variants": [("người/đêm", 350_000, "Homestay nhà vườn Thủy Biều (người/đêm)"),
                          ("gói 2 ngày 1 đêm/người", 890_000, "Tour 2 ngày 1 đêm nhà vườn Thủy Biều")]},
            {"name": "Thanh trà Thủy Biều", "sub": "Nông sản tươi",
             "desc": "Bưởi thanh trà vỏ mỏng, múi ráo, vị ngọt thanh pha chút the đặc trưng; thu hoạch từ "
                     "tháng 8 đến tháng 10.",
             "variants": [("túi 2 kg", 110_000)]},
        ],
    },
    # ------------------------------------------------------------------ Lai Châu, Điện Biên, Sơn La
    {
        "name": "HTX Du lịch cộng đồng Sin Suối Hồ", "kind": "cooperative", "province": "LCH", "former": None,
        "commune": "Xã Sin Suối Hồ", "founded": 2017,
        "about": "Bản người Mông trên độ cao 1.500 m, nổi tiếng với rừng lan, thác Tiên và những "
                 "con đường lát đá sạch đẹp.",
        "products": [
            {"name": "Homestay bản Sin Suối Hồ", "sub": "Du lịch cộng đồng, homestay",
             "desc": "Ngủ nhà trình tường của người Mông, ăn cơm cùng gia đình chủ nhà, xem múa khèn "
                     "buổi tối.",
             "variants": [("người/đêm", 280_000, "Homestay bản Sin Suối Hồ (người/đêm)")]},
            {"name": "Trekking rừng lan và thác Tiên Sin Suối Hồ", "sub": "Điểm du lịch",
             "desc": "Tour đi bộ 4 giờ có người bản địa dẫn đường, qua vườn lan rừng, nương chè Shan tuyết "
                     "và thác Tiên.",
             "variants": [("vé/người", 150_000)]},
        ],
    },
    {
        "name": "HTX Nông lâm sản Tam Đường", "kind": "cooperative", "province": "LCH", "former": None,
        "commune": "Xã Tam Đường", "founded": 2013,
        "about": "Hợp tác xã thu mua chè và nông sản của đồng bào Thái, Mông quanh Tam Đường.",
        "products": [
            {"name": "Chè Shan tuyết Tả Phìn", "sub": "Chè, trà",
             "desc": "Búp chè Shan tuyết hái từ cây chè cổ thụ trên 100 năm, sao tay trên chảo gang, "
                     "cánh chè phủ lớp lông tơ trắng như tuyết; nước vàng sánh, hậu ngọt.",
             "variants": [("túi 200 g", 250_000), ("hộp 500 g", 580_000)]},
            {"name": "Thịt trâu gác bếp Lai Châu", "sub": "Thực phẩm chế biến",
             "desc": "Thịt bắp trâu tẩm mắc khén, hạt dổi, ớt, gừng rồi treo gác bếp hun khói củi 2–3 "
                     "tháng; xé sợi chấm chẩm chéo.",
             "variants": [("túi 500 g", 550_000), ("túi 1 kg", 1_050_000)]},
        ],
    },
    {
        "name": "HTX Gạo sạch Mường Thanh", "kind": "cooperative", "province": "DBI", "former": None,
        "commune": "Xã Thanh Nưa", "founded": 2011,
        "about": "Cánh đồng Mường Thanh là vựa lúa lớn nhất Tây Bắc; hợp tác xã liên kết với hơn "
                 "300 hộ trồng lúa tám thơm.",
        "products": [
            {"name": "Gạo tám thơm Điện Biên", "sub": "Nông sản sơ chế",
             "desc": "Lúa tám thơm trồng trên cánh đồng Mường Thanh, phơi khô tự nhiên, xay xát giữ lớp "
                     "cám mỏng; cơm dẻo, thơm, để nguội không cứng.",
             "variants": [("túi 2 kg", 70_000), ("túi 5 kg", 165_000), ("bao 10 kg", 320_000)]},
            {"name": "Thịt trâu gác bếp Điện Biên", "sub": "Thực phẩm chế biến",
             "desc": "Thịt trâu thả đồi của đồng bào Thái, ướp mắc khén và gừng, sấy hun khói trên bếp củi.",
             "variants": [("túi 500 g", 520_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Lò Văn Pánh – Cà phê Mường Ảng", "kind": "household", "province": "DBI",
        "former": None, "commune": "Xã Mường Ảng", "founded": 2016,
        "about": "Vườn cà phê Arabica trên đồi Mường Ảng, chăm sóc theo hướng hữu cơ, rang mộc tại nhà.",
        "products": [
            {"name": "Cà phê Arabica Mường Ảng rang mộc", "sub": "Cà phê, ca cao",
             "desc": "Chỉ hái quả chín đỏ, sơ chế ướt, phơi giàn; rang mộc không tẩm bơ, hương trái cây "
                     "và vị chua thanh của Arabica vùng cao.",
             "variants": [("gói 250 g", 95_000), ("gói 500 g", 180_000)]},
        ],
    },
    {
        "name": "HTX Chè Shan tuyết Tà Xùa", "kind": "cooperative", "province": "SLA", "former": None,
        "commune": "Xã Tà Xùa", "founded": 2012,
        "about": "Nương chè cổ thụ ở độ cao trên 2.000 m quanh năm mây phủ của người Mông Tà Xùa.",
        "products": [
            {"name": "Trà Shan tuyết cổ thụ Tà Xùa", "sub": "Chè, trà", "stars": 5,
             "desc": "Một tôm hai lá từ cây chè Shan tuyết trăm năm tuổi, làm héo, vò và sao tay; cánh trà "
                     "xoăn phủ tuyết trắng, nước xanh vàng, hương mật ong rừng.",
             "variants": [("hộp 100 g", 320_000), ("hộp 250 g", 750_000)]},
            {"name": "Hồng trà Shan tuyết Tà Xùa", "sub": "Chè, trà",
             "desc": "Trà Shan tuyết lên men toàn phần, nước đỏ hổ phách, vị ngọt dịu, hợp pha trà sữa "
                     "hoặc uống nóng.",
             "variants": [("túi 200 g", 280_000)]},
        ],
    },
    {
        "name": "Tổ hợp tác Nông sản Mộc Châu", "kind": "cooperative_group", "province": "SLA", "former": None,
        "commune": "Phường Mộc Châu", "founded": 2017,
        "about": "Tổ hợp tác của các nhà vườn mận hậu, xoài và chè trên cao nguyên Mộc Châu.",
        "products": [
            {"name": "Mận hậu Mộc Châu", "sub": "Nông sản tươi",
             "desc": "Mận hậu giòn, chua ngọt, thu hoạch tháng 5–6 trên cao nguyên Mộc Châu; hái khi quả "
                     "vừa chín tới.",
             "variants": [("thùng 3 kg", 150_000), ("thùng 5 kg", 240_000)]},
            {"name": "Ô mai mận Mộc Châu", "sub": "Bánh kẹo",
             "desc": "Mận hậu chín được sên với đường phèn, gừng và cam thảo, dẻo thơm, chua ngọt.",
             "variants": [("hộp 300 g", 75_000)]},
            {"name": "Xoài tròn Yên Châu", "sub": "Nông sản tươi",
             "desc": "Xoài tròn Yên Châu quả nhỏ, vỏ mỏng, thịt vàng thơm đậm; đặc sản Sơn La vào tháng 5.",
             "variants": [("thùng 5 kg", 250_000)]},
        ],
    },
    # ------------------------------------------------------------------ Lạng Sơn, Cao Bằng
    {
        "name": "HTX Nông lâm sản Văn Quan", "kind": "cooperative", "province": "LSN", "former": None,
        "commune": "Xã Văn Quan", "founded": 2010,
        "about": "Văn Quan là thủ phủ cây hồi của Lạng Sơn; hợp tác xã có lò chưng cất tinh dầu hồi "
                 "riêng.",
        "products": [
            {"name": "Hoa hồi khô Lạng Sơn", "sub": "Gia vị, nước chấm",
             "desc": "Hồi vụ mùa thu hái khi quả già, phơi nắng tự nhiên đến khi cánh đỏ nâu, thơm nồng; "
                     "gia vị không thể thiếu của phở và các món hầm.",
             "variants": [("túi 200 g", 65_000), ("túi 500 g", 150_000)]},
            {"name": "Tinh dầu hồi Lạng Sơn", "sub": "Tinh dầu",
             "desc": "Chưng cất hơi nước từ quả hồi tươi, tinh dầu trong, thơm ấm; dùng xông, xoa bóp "
                     "khi pha loãng.",
             "variants": [("lọ 10 ml", 80_000), ("lọ 50 ml", 320_000)]},
        ],
    },
    {
        "name": "Tổ hợp tác Na Chi Lăng", "kind": "cooperative_group", "province": "LSN", "former": None,
        "commune": "Xã Chi Lăng", "founded": 2016,
        "about": "Vườn na trên núi đá vôi Chi Lăng, quả chín cây theo chỉ dẫn địa lý Na Chi Lăng.",
        "products": [
            {"name": "Na Chi Lăng", "sub": "Nông sản tươi",
             "desc": "Na dai trồng trên núi đá vôi, quả to, mắt thưa, thịt dày, ngọt sắc; hái già, "
                     "chín tự nhiên sau 1–2 ngày.",
             "variants": [("hộp 2 kg", 120_000), ("thùng 5 kg", 280_000)]},
        ],
    },
    {
        "name": "HTX Hạt dẻ Trùng Khánh", "kind": "cooperative", "province": "CBG", "former": None,
        "commune": "Xã Trùng Khánh", "founded": 2014,
        "about": "Những cây dẻ hàng chục năm tuổi trên đất Trùng Khánh cho hạt dẻ bùi, thơm, nổi tiếng "
                 "cả nước.",
        "products": [
            {"name": "Hạt dẻ Trùng Khánh", "sub": "Nông sản sơ chế",
             "desc": "Hạt dẻ nhặt khi quả tự rụng vào tháng 8–9, phơi se vỏ; rang cát hoặc luộc đều bùi "
                     "ngọt, thơm.",
             "variants": [("túi 500 g", 95_000), ("túi 1 kg", 180_000)]},
            {"name": "Hạt dẻ Trùng Khánh rang sẵn", "sub": "Thực phẩm chế biến",
             "desc": "Hạt dẻ rang củi khô, khía vỏ dễ bóc, đóng túi hút chân không.",
             "variants": [("túi 300 g", 75_000)]},
        ],
    },
    {
        "name": "HTX Du lịch cộng đồng Khuổi Ky", "kind": "cooperative", "province": "CBG", "former": None,
        "commune": "Xã Đàm Thủy", "founded": 2015,
        "about": "Làng đá cổ của người Tày cách thác Bản Giốc 3 km, giữ nguyên những ngôi nhà sàn đá.",
        "products": [
            {"name": "Homestay làng đá Khuổi Ky", "sub": "Du lịch cộng đồng, homestay",
             "desc": "Nghỉ trong nhà sàn đá cổ, ăn cơm lam, vịt quay bảy vị, nghe hát then; gần thác "
                     "Bản Giốc.",
             "variants": [("người/đêm", 300_000, "Homestay làng đá Khuổi Ky (người/đêm)")]},
            {"name": "Miến dong Nguyên Bình", "sub": "Nông sản sơ chế",
             "desc": "Miến làm thủ công từ tinh bột củ dong riềng, phơi nắng; sợi dai, trong, nấu không nát.",
             "variants": [("túi 500 g", 60_000), ("túi 1 kg", 115_000)]},
        ],
    },
    # ------------------------------------------------------------------ Quảng Ninh
    {
        "name": "Công ty TNHH Thực phẩm Biển Hạ Long", "kind": "enterprise", "province": "QNI", "former": None,
        "commune": "Phường Hạ Long", "founded": 2013,
        "about": "Xưởng chế biến chả mực giã tay và hải sản khô của vịnh Hạ Long, mua mực trực tiếp "
                 "từ tàu cá.",
        "products": [
            {"name": "Chả mực giã tay Hạ Long", "sub": "Thủy sản", "stars": 5,
             "desc": "Mực ống tươi đánh bắt trong ngày, giã tay bằng cối đá đến khi quánh dẻo, nêm thì là, "
                     "hạt tiêu; chả rán vàng giòn ngoài, dai ngọt trong.",
             "variants": [("túi 500 g", 210_000), ("túi 1 kg", 410_000)]},
            {"name": "Sá sùng khô Vân Đồn", "sub": "Thủy sản",
             "desc": "Sá sùng đào trên bãi cát Quan Lạn, lộn ruột rửa sạch, nướng than hoa rồi phơi khô; "
                     "dùng nấu nước dùng phở, rang giòn.",
             "variants": [("túi 100 g", 450_000)]},
        ],
    },
    {
        "name": "HTX Trà hoa vàng Ba Chẽ", "kind": "cooperative", "province": "QNI", "former": None,
        "commune": "Xã Ba Chẽ", "founded": 2014,
        "about": "Hợp tác xã trồng trà hoa vàng dưới tán rừng và ba kích tím, hai dược liệu quý của "
                 "Quảng Ninh.",
        "products": [
            {"name": "Trà hoa vàng Ba Chẽ", "sub": "Chè, trà",
             "desc": "Hoa trà vàng hái khi vừa nở, sấy lạnh giữ màu vàng óng; nước trà vàng trong, vị ngọt "
                     "hậu.",
             "variants": [("hộp 50 g", 450_000), ("hộp 100 g", 850_000)]},
            {"name": "Ba kích tím Quảng Ninh khô", "sub": "Dược liệu",
             "desc": "Củ ba kích tím trồng 3 năm, rút lõi, phơi khô; dùng ngâm rượu hoặc sắc uống.",
             "variants": [("túi 500 g", 350_000)]},
            {"name": "Rượu ba kích Quảng Ninh", "sub": "Rượu",
             "desc": "Rượu gạo ngâm ba kích tím khô tối thiểu 6 tháng, màu tím sậm, vị êm.",
             "variants": [("chai 500 ml", 180_000)]},
        ],
    },
    # ------------------------------------------------------------------ Thanh Hóa
    {
        "name": "Hộ kinh doanh Lê Thị Hường – Nem chua Thanh Hóa", "kind": "household", "province": "THA",
        "former": None, "commune": "Phường Hạc Thành", "founded": 2005,
        "about": "Cơ sở gia đình làm nem chua theo công thức truyền thống, mỗi ngày chỉ làm từ thịt "
                 "lợn mổ trong đêm.",
        "products": [
            {"name": "Nem chua Thanh Hóa", "sub": "Thực phẩm chế biến",
             "desc": "Thịt nạc mông xay, bì lợn thái chỉ, tỏi, ớt, lá đinh lăng, gói lá chuối; lên men tự "
                     "nhiên 3 ngày thì chín, vị chua dịu.",
             "variants": [("chục 10 chiếc", 50_000), ("túi 50 chiếc nhỏ", 120_000)]},
            {"name": "Nem chua rán Thanh Hóa", "sub": "Thực phẩm chế biến",
             "desc": "Nem chua lăn bột chiên xù, cấp đông; chỉ cần chiên 3 phút.",
             "variants": [("hộp 500 g", 85_000)]},
        ],
    },
    {
        "name": "HTX Chế biến hải sản Hậu Lộc", "kind": "cooperative", "province": "THA", "former": None,
        "commune": "Xã Hậu Lộc", "founded": 2008,
        "about": "Làng nghề mắm tôm ven biển Hậu Lộc, làm mắm từ moi biển theo cách phơi chượp truyền thống.",
        "products": [
            {"name": "Mắm tôm Hậu Lộc", "sub": "Gia vị, nước chấm", "stars": 5,
             "desc": "Moi tươi trộn muối hạt, ủ chượp dưới nắng 6–12 tháng, khuấy đảo hằng ngày; mắm sánh "
                     "mịn, màu tím hồng, thơm đặc trưng.",
             "variants": [("hũ 500 g", 55_000), ("chai 1 lít", 95_000)]},
            {"name": "Mắm tép Hà Yên", "sub": "Gia vị, nước chấm",
             "desc": "Tép đồng ướp muối, thính gạo rang và riềng, ủ chín 3 tháng; ăn kèm thịt ba chỉ.",
             "variants": [("hũ 400 g", 65_000)]},
        ],
    },
    {
        "name": "Tổ hợp tác Bánh gai Tứ Trụ", "kind": "cooperative_group", "province": "THA", "former": None,
        "commune": "Xã Thọ Xuân", "founded": 2017,
        "about": "Làng Tứ Trụ làm bánh gai từ thời Lê, những hộ thợ lâu năm góp vốn thành tổ hợp tác.",
        "products": [
            {"name": "Bánh gai Tứ Trụ", "sub": "Bánh kẹo",
             "desc": "Vỏ bánh từ lá gai giã nhuyễn với bột nếp cái hoa vàng, nhân đậu xanh, dừa, mỡ phần "
                     "và vừng; gói lá chuối khô.",
             "variants": [("túi 10 chiếc", 80_000), ("hộp 20 chiếc", 155_000)]},
        ],
    },
    # ------------------------------------------------------------------ Nghệ An, Hà Tĩnh
    {
        "name": "HTX Cam Xã Đoài", "kind": "cooperative", "province": "NAN", "former": None,
        "commune": "Xã Nghi Lộc", "founded": 2012,
        "about": "Những vườn cam Vinh lâu năm trên đất đồi pha cát, thu hoạch từ tháng 10 đến Tết.",
        "products": [
            {"name": "Cam Vinh", "sub": "Nông sản tươi",
             "desc": "Cam Vinh vỏ mỏng, màu xanh vàng, múi mọng nước, vị ngọt đậm và thơm; chỉ hái quả "
                     "đủ 9 tháng tuổi.",
             "variants": [("túi 3 kg", 135_000), ("thùng 10 kg", 420_000)]},
            {"name": "Nước cam Vinh ép nguyên chất", "sub": "Nước giải khát",
             "desc": "Ép lạnh từ cam Vinh chín cây, không thêm đường, không chất bảo quản; thanh trùng nhẹ.",
             "variants": [("chai 330 ml", 35_000), ("thùng 12 chai 330 ml", 390_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Hoàng Thị Lan – Tương Nam Đàn", "kind": "household", "province": "NAN",
        "former": None, "commune": "Xã Nam Đàn", "founded": 2001,
        "about": "Gia đình làm tương Nam Đàn từ nếp và đậu nành, ủ trong chum sành phơi sân.",
        "products": [
            {"name": "Tương Nam Đàn", "sub": "Gia vị, nước chấm",
             "desc": "Xôi nếp ủ mốc vàng, đậu nành rang vàng ngâm nước, muối hạt; phơi nắng trong chum "
                     "3 tháng. Vị ngọt đậm, chấm rau luộc, kho cá.",
             "variants": [("chai 500 ml", 35_000), ("can 2 lít", 120_000)]},
            {"name": "Nhút Thanh Chương", "sub": "Thực phẩm chế biến",
             "desc": "Xơ mít non thái sợi, trộn muối, gừng, ớt, ủ chua trong vại; món dân dã của xứ Nghệ.",
             "variants": [("hũ 500 g", 45_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Phan Thị Lý – Kẹo cu đơ", "kind": "household", "province": "HTI", "former": None,
        "commune": "Phường Thành Sen", "founded": 1995,
        "about": "Lò kẹo cu đơ ba thế hệ ở Hà Tĩnh, vẫn nấu mật mía bằng bếp than.",
        "products": [
            {"name": "Kẹo cu đơ Hà Tĩnh", "sub": "Bánh kẹo",
             "desc": "Mật mía nấu với gừng, đậu phộng rang, kẹp giữa hai lớp bánh đa nướng giòn; ngọt thơm "
                     "cay nhẹ mùi gừng.",
             "variants": [("hộp 300 g", 45_000), ("hộp 600 g", 85_000)]},
        ],
    },
    {
        "name": "HTX Bưởi Phúc Trạch Hương Khê", "kind": "cooperative", "province": "HTI", "former": None,
        "commune": "Xã Phúc Trạch", "founded": 2011,
        "about": "Hợp tác xã giữ giống bưởi Phúc Trạch và trồng sả chanh xen vườn để chưng cất tinh dầu.",
        "products": [
            {"name": "Bưởi Phúc Trạch", "sub": "Nông sản tươi",
             "desc": "Quả tròn, vỏ mỏng, tép hồng, ráo nước, ngọt mát; có chỉ dẫn địa lý Phúc Trạch.",
             "variants": [("quả 1,3–1,5 kg", 65_000), ("hộp quà 2 quả", 140_000)]},
            {"name": "Tinh dầu sả chanh Hương Khê", "sub": "Tinh dầu",
             "desc": "Chưng cất hơi nước từ lá sả chanh trồng hữu cơ, mùi thơm tươi mát, đuổi muỗi.",
             "variants": [("lọ 10 ml", 45_000), ("chai 100 ml", 280_000)]},
            {"name": "Tinh dầu vỏ bưởi Phúc Trạch", "sub": "Mỹ phẩm thảo dược",
             "desc": "Tinh dầu chưng cất từ vỏ bưởi tươi, pha cùng dầu dừa để ủ tóc, giảm gãy rụng.",
             "variants": [("chai 50 ml", 95_000)]},
        ],
    },
    # ------------------------------------------------------------------ Tuyên Quang (Hà Giang)
    {
        "name": "HTX Mật ong bạc hà Đồng Văn", "kind": "cooperative", "province": "TQG", "former": "Hà Giang",
        "commune": "Xã Đồng Văn", "founded": 2010,
        "about": "Hơn 200 hộ nuôi ong nội trên cao nguyên đá Đồng Văn, ong chỉ lấy mật từ hoa bạc hà "
                 "dại mùa thu.",
        "products": [
            {"name": "Mật ong bạc hà Hà Giang", "sub": "Mật ong", "stars": 5,
             "desc": "Mật của ong nội lấy từ hoa bạc hà dại nở tháng 10–12 trên cao nguyên đá; mật vàng "
                     "óng, thơm mát the nhẹ, có chỉ dẫn địa lý Mèo Vạc.",
             "variants": [("chai 500 ml", 420_000), ("chai 1 lít", 800_000)]},
            {"name": "Mật ong bạc hà Mèo Vạc lọ nhỏ", "sub": "Mật ong",
             "desc": "Mật bạc hà đóng lọ thủy tinh nhỏ tiện làm quà; lọc qua vải màn, không gia nhiệt.",
             "variants": [("lọ 250 ml", 230_000)]},
        ],
    },
    {
        "name": "HTX Chè Shan tuyết Hoàng Su Phì", "kind": "cooperative", "province": "TQG", "former": "Hà Giang",
        "commune": "Xã Hoàng Su Phì", "founded": 2012,
        "about": "Hợp tác xã của người Dao đỏ chăm sóc đồi chè Shan tuyết cổ thụ bên ruộng bậc thang.",
        "products": [
            {"name": "Trà Shan tuyết Hoàng Su Phì", "sub": "Chè, trà",
             "desc": "Chè cổ thụ không phân bón, không thuốc trừ sâu; sao sấy thủ công, hương khói nhẹ, "
                     "vị chát dịu rồi ngọt sâu.",
             "variants": [("túi 200 g", 220_000), ("hộp 500 g", 520_000)]},
            {"name": "Bạch trà Shan tuyết Hà Giang", "sub": "Chè, trà",
             "desc": "Chỉ hái búp non phủ lông trắng, làm héo tự nhiên và sấy nhẹ; nước trà vàng nhạt, "
                     "vị thanh.",
             "variants": [("hộp 100 g", 450_000)]},
            {"name": "Homestay ruộng bậc thang Hoàng Su Phì", "sub": "Du lịch cộng đồng, homestay",
             "desc": "Nhà trình tường nhìn ra ruộng bậc thang, đẹp nhất mùa nước đổ tháng 5 và mùa lúa chín "
                     "tháng 9.",
             "variants": [("người/đêm", 250_000, "Homestay ruộng bậc thang Hoàng Su Phì (người/đêm)")]},
        ],
    },
    {
        "name": "Tổ hợp tác Cam sành Hàm Yên", "kind": "cooperative_group", "province": "TQG",
        "former": "Tuyên Quang", "commune": "Xã Hàm Yên", "founded": 2014,
        "about": "Cam sành Hàm Yên mọng nước trên đất đồi dọc sông Lô.",
        "products": [
            {"name": "Cam sành Hàm Yên", "sub": "Nông sản tươi",
             "desc": "Vỏ sần, màu xanh vàng, múi vàng cam nhiều nước, vị ngọt chua hài hòa; trồng theo "
                     "VietGAP.",
             "variants": [("túi 3 kg", 90_000), ("thùng 10 kg", 280_000)]},
        ],
    },
    # ------------------------------------------------------------------ Lào Cai (Yên Bái)
    {
        "name": "Công ty TNHH Quế Văn Yên", "kind": "enterprise", "province": "LCI", "former": "Yên Bái",
        "commune": "Xã Văn Yên", "founded": 2011,
        "about": "Doanh nghiệp thu mua quế của đồng bào Dao vùng Đại Sơn và có xưởng chưng cất tinh dầu "
                 "quế riêng.",
        "products": [
            {"name": "Tinh dầu quế Văn Yên", "sub": "Tinh dầu",
             "desc": "Chưng cất hơi nước từ lá và cành quế Văn Yên 10 năm tuổi; tinh dầu vàng nhạt, mùi "
                     "thơm ấm, giúp xua muỗi và khử mùi phòng.",
             "variants": [("lọ 10 ml", 65_000), ("lọ 50 ml", 260_000), ("chai 100 ml", 480_000)]},
            {"name": "Quế thanh Văn Yên", "sub": "Gia vị, nước chấm",
             "desc": "Vỏ quế bóc từ cây 15 năm tuổi, cạo vỏ ngoài, cuộn thanh và phơi khô; hàm lượng tinh dầu "
                     "cao, cay ngọt.",
             "variants": [("túi 200 g", 70_000), ("túi 500 g", 160_000)]},
            {"name": "Bột quế nguyên chất Văn Yên", "sub": "Gia vị, nước chấm",
             "desc": "Quế thanh xay mịn, không pha trộn; dùng làm bánh, pha cà phê, ướp thịt.",
             "variants": [("hũ 100 g", 45_000)]},
        ],
    },
    {
        "name": "HTX Du lịch cộng đồng Tả Van", "kind": "cooperative", "province": "LCI", "former": "Lào Cai",
        "commune": "Xã Tả Van", "founded": 2016,
        "about": "Các gia đình người Giáy và Mông ở thung lũng Mường Hoa cùng làm du lịch cộng đồng.",
        "products": [
            {"name": "Homestay thung lũng Mường Hoa Tả Van", "sub": "Du lịch cộng đồng, homestay",
             "desc": "Nhà sàn gỗ của người Giáy nhìn ra ruộng bậc thang Mường Hoa, bữa tối lợn cắp nách và "
                     "rau cải mèo, tắm lá thuốc người Dao đỏ.",
             "variants": [("người/đêm", 320_000, "Homestay Tả Van Sa Pa (người/đêm)"),
                          ("gói 2 ngày 1 đêm trekking/người", 950_000, "Tour trekking Tả Van 2 ngày 1 đêm")]},
            {"name": "Rượu ngô men lá Bản Phố", "sub": "Rượu",
             "desc": "Ngô bản địa ủ men lá rừng, chưng cất bằng nồi đồng; rượu trong, thơm ngô, êm nồng.",
             "variants": [("chai 500 ml", 90_000), ("can 2 lít", 300_000)]},
        ],
    },
    {
        "name": "HTX Chè Suối Giàng", "kind": "cooperative", "province": "LCI", "former": "Yên Bái",
        "commune": "Xã Suối Giàng", "founded": 2013,
        "about": "Suối Giàng có hơn 400 ha chè Shan tuyết, nhiều cây trên 300 năm tuổi.",
        "products": [
            {"name": "Trà Shan tuyết Suối Giàng", "sub": "Chè, trà",
             "desc": "Búp chè cây cổ thụ, sao suốt trên chảo gang bằng lửa củi; nước vàng xanh, hương cốm, "
                     "vị ngọt hậu kéo dài.",
             "variants": [("túi 200 g", 230_000), ("hộp 500 g", 540_000)]},
        ],
    },
    # ------------------------------------------------------------------ Thái Nguyên (Bắc Kạn)
    {
        "name": "HTX Chè Tân Cương", "kind": "cooperative", "province": "TNG", "former": "Thái Nguyên",
        "commune": "Xã Tân Cương", "founded": 2008,
        "about": "Vùng chè đặc sản Tân Cương dưới chân núi Pháo, nơi làm nên danh tiếng “chè Thái”.",
        "products": [
            {"name": "Trà đinh Tân Cương", "sub": "Chè, trà", "stars": 5,
             "desc": "Chỉ hái phần búp đinh non nhất, sao tay hai lửa, cánh nhỏ như đinh, xoăn đều; nước "
                     "xanh trong, hương cốm non, vị chát dịu ngọt hậu.",
             "variants": [("hộp 100 g", 350_000), ("hộp 200 g", 680_000)]},
            {"name": "Chè móc câu Tân Cương", "sub": "Chè, trà",
             "desc": "Chè Thái Nguyên một tôm hai lá, cánh cong như lưỡi câu; đậm vị, hợp uống hằng ngày.",
             "variants": [("túi 200 g", 120_000), ("túi 500 g", 280_000), ("túi 1 kg", 540_000)]},
            {"name": "Trà nõn tôm Thái Nguyên", "sub": "Chè, trà",
             "desc": "Búp một tôm một lá, sao lửa nhẹ giữ màu xanh và hương cốm; đóng túi hút chân không.",
             "variants": [("túi 250 g", 190_000)]},
        ],
    },
    {
        "name": "HTX Miến dong Côn Minh", "kind": "cooperative", "province": "TNG", "former": "Bắc Kạn",
        "commune": "Xã Côn Minh", "founded": 2012,
        "about": "Hợp tác xã của người Tày ở Na Rì, làm miến dong từ củ dong riềng trồng trên nương.",
        "products": [
            {"name": "Miến dong Bắc Kạn", "sub": "Nông sản sơ chế",
             "desc": "Tinh bột dong riềng nguyên chất, tráng bánh, thái sợi và phơi nắng; sợi miến dai, "
                     "không bở, màu trong tự nhiên.",
             "variants": [("túi 500 g", 55_000), ("túi 1 kg", 105_000)]},
            {"name": "Hồng không hạt Bắc Kạn sấy dẻo", "sub": "Nông sản sơ chế",
             "desc": "Hồng không hạt Ba Bể gọt vỏ, sấy gió đến khi dẻo ngọt, phủ lớp phấn đường tự nhiên.",
             "variants": [("túi 500 g", 180_000)]},
        ],
    },
    # ------------------------------------------------------------------ Phú Thọ (Vĩnh Phúc, Hòa Bình)
    {
        "name": "HTX Bưởi Đoan Hùng", "kind": "cooperative", "province": "PTO", "former": "Phú Thọ",
        "commune": "Xã Chí Đám", "founded": 2010,
        "about": "Bưởi Sửu Chí Đám và bưởi Bằng Luân trồng ven sông Lô, có chỉ dẫn địa lý Đoan Hùng.",
        "products": [
            {"name": "Bưởi Đoan Hùng", "sub": "Nông sản tươi",
             "desc": "Quả nhỏ, vỏ mỏng, tép vàng ngà, giòn, ngọt thanh, không the đắng; ăn ngon nhất sau "
                     "khi hái 1–2 tuần.",
             "variants": [("túi 3 quả", 120_000), ("thùng 10 quả", 380_000)]},
            {"name": "Chè Long Cốc", "sub": "Chè, trà",
             "desc": "Chè xanh trồng trên đồi chè Long Cốc, sao tay; nước xanh, chát dịu.",
             "variants": [("túi 500 g", 180_000)]},
        ],
    },
    {
        "name": "Tổ hợp tác Cam Cao Phong", "kind": "cooperative_group", "province": "PTO", "former": "Hòa Bình",
        "commune": "Xã Cao Phong", "founded": 2015,
        "about": "Các chủ vườn cam lòng vàng Cao Phong trồng theo VietGAP, truy xuất được từng lô hàng.",
        "products": [
            {"name": "Cam lòng vàng Cao Phong", "sub": "Nông sản tươi",
             "desc": "Cam chín tháng 11–1, múi vàng đậm, mọng nước, vị ngọt đậm; có chỉ dẫn địa lý Cao Phong.",
             "variants": [("túi 3 kg", 120_000), ("thùng 10 kg", 380_000)]},
        ],
    },
    {
        "name": "HTX Du lịch bản Lác Mai Châu", "kind": "cooperative", "province": "PTO", "former": "Hòa Bình",
        "commune": "Xã Mai Châu", "founded": 2012,
        "about": "Bản Lác của người Thái trắng là một trong những điểm du lịch cộng đồng đầu tiên của "
                 "miền Bắc.",
        "products": [
            {"name": "Homestay nhà sàn bản Lác", "sub": "Du lịch cộng đồng, homestay",
             "desc": "Nhà sàn gỗ giữa cánh đồng Mai Châu, cơm lam, cá suối nướng, xem múa xòe Thái.",
             "variants": [("người/đêm", 250_000, "Homestay nhà sàn bản Lác Mai Châu (người/đêm)")]},
            {"name": "Khăn thổ cẩm dệt tay Mai Châu", "sub": "Vải, lụa, may mặc",
             "desc": "Khăn dệt trên khung cửi gỗ của người Thái, sợi bông nhuộm màu chàm và màu vỏ cây.",
             "variants": [("chiếc 40 x 160 cm", 220_000)]},
            {"name": "Trải nghiệm dệt thổ cẩm bản Lác", "sub": "Trải nghiệm làng nghề",
             "desc": "Học quay sợi, mắc khung và dệt một dải thổ cẩm nhỏ cùng các bà, các mẹ người Thái.",
             "variants": [("vé/người", 100_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Trần Văn Định – Su su Tam Đảo", "kind": "household", "province": "PTO",
        "former": "Vĩnh Phúc", "commune": "Xã Tam Đảo", "founded": 2014,
        "about": "Giàn su su trên độ cao 900 m của thị trấn mây Tam Đảo.",
        "products": [
            {"name": "Ngọn su su Tam Đảo", "sub": "Nông sản tươi",
             "desc": "Ngọn su su hái sáng sớm, xanh non, giòn ngọt; xào tỏi hoặc luộc chấm vừng.",
             "variants": [("bó 500 g", 25_000)]},
            {"name": "Quả su su Tam Đảo", "sub": "Nông sản tươi",
             "desc": "Quả su su nhỏ, vỏ xanh nhạt, ít xơ, ngọt nước; trồng ở độ cao 900 m.",
             "variants": [("túi 2 kg", 40_000)]},
        ],
    },
    # ------------------------------------------------------------------ Bắc Ninh (Bắc Giang)
    {
        "name": "HTX Vải thiều Lục Ngạn", "kind": "cooperative", "province": "BNH", "former": "Bắc Giang",
        "commune": "Xã Lục Ngạn", "founded": 2009,
        "about": "Hợp tác xã của hơn 150 hộ trồng vải thiều theo VietGAP và GlobalGAP ở Lục Ngạn.",
        "products": [
            {"name": "Vải thiều Lục Ngạn", "sub": "Nông sản tươi",
             "desc": "Vải thiều chín tháng 6, quả đỏ thẫm, hạt nhỏ, cùi dày, ráo và ngọt lịm; có chỉ dẫn "
                     "địa lý Lục Ngạn.",
             "variants": [("hộp 2 kg", 110_000), ("thùng 5 kg", 260_000)]},
            {"name": "Vải thiều sấy khô Lục Ngạn", "sub": "Nông sản sơ chế",
             "desc": "Vải sấy bằng lò than hoa 3 ngày 3 đêm theo cách truyền thống, cùi dẻo, màu nâu cánh "
                     "gián, ngọt đậm.",
             "variants": [("túi 500 g", 90_000), ("túi 1 kg", 170_000)]},
        ],
    },
    {
        "name": "Công ty TNHH Mỳ Chũ Nam Dương", "kind": "enterprise", "province": "BNH", "former": "Bắc Giang",
        "commune": "Phường Chũ", "founded": 2011,
        "about": "Làng Thủ Dương làm mỳ gạo Chũ hơn trăm năm; doanh nghiệp có xưởng sấy khép kín.",
        "products": [
            {"name": "Mỳ Chũ Bắc Giang", "sub": "Nông sản sơ chế",
             "desc": "Làm từ gạo Bao thai hồng trồng tại địa phương, tráng bánh, thái sợi và phơi trên "
                     "liếp tre; sợi dai, không chua, nấu nhanh.",
             "variants": [("gói 500 g", 32_000), ("túi 2 kg", 120_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Nguyễn Đăng Chế – Tranh Đông Hồ", "kind": "household", "province": "BNH",
        "former": "Bắc Ninh", "commune": "Xã Song Hồ", "founded": 1990,
        "about": "Gia đình nghệ nhân làm tranh dân gian Đông Hồ, in mộc bản trên giấy dó quét điệp.",
        "products": [
            {"name": "Tranh Đông Hồ Đám cưới chuột", "sub": "Đồ trang trí",
             "desc": "In thủ công từng màu bằng ván khắc gỗ lên giấy dó quét điệp; màu từ sỏi son, lá chàm, "
                     "than lá tre.",
             "variants": [("bức 30 x 40 cm", 150_000), ("bức đóng khung gỗ", 380_000)]},
            {"name": "Trải nghiệm in tranh Đông Hồ", "sub": "Trải nghiệm làng nghề",
             "desc": "Khách tự in một bức tranh bằng ván khắc cổ và mang về, nghe kể về các tích tranh.",
             "variants": [("vé/người", 80_000)]},
        ],
    },
    {
        "name": "HTX Đồ gỗ mỹ nghệ Đồng Kỵ", "kind": "cooperative", "province": "BNH", "former": "Bắc Ninh",
        "commune": "Phường Đồng Kỵ", "founded": 2006,
        "about": "Làng nghề gỗ mỹ nghệ Đồng Kỵ với những xưởng chạm khắc tay truyền thống.",
        "products": [
            {"name": "Tượng gỗ hương chạm tay Đồng Kỵ", "sub": "Gỗ mỹ nghệ",
             "desc": "Tượng Di Lặc bằng gỗ hương nguyên khối, chạm tay, đánh giấy ráp và phủ dầu tự nhiên.",
             "variants": [("tượng cao 30 cm", 1_800_000)]},
            {"name": "Hộp trà gỗ chạm hoa sen", "sub": "Gỗ mỹ nghệ",
             "desc": "Hộp gỗ gụ chạm hoa sen nổi, có ngăn đựng trà và chén; quà tặng doanh nghiệp.",
             "variants": [("hộp 25 x 20 cm", 650_000)]},
        ],
    },
    # ------------------------------------------------------------------ Hưng Yên (Thái Bình)
    {
        "name": "HTX Nhãn lồng Phố Hiến", "kind": "cooperative", "province": "HYN", "former": "Hưng Yên",
        "commune": "Phường Phố Hiến", "founded": 2010,
        "about": "Những vườn nhãn lồng cổ ven đê sông Hồng, giống nhãn từng dùng để tiến vua.",
        "products": [
            {"name": "Nhãn lồng Hưng Yên", "sub": "Nông sản tươi",
             "desc": "Quả to, cùi dày, ráo, giòn, ngọt sắc, hạt nhỏ; thu hoạch tháng 7–8, có chỉ dẫn địa "
                     "lý Hưng Yên.",
             "variants": [("hộp 2 kg", 130_000), ("thùng 5 kg", 310_000)]},
            {"name": "Long nhãn Hưng Yên", "sub": "Nông sản sơ chế",
             "desc": "Cùi nhãn lồng bóc tay, sấy than hoa đến khi dẻo, màu vàng nâu; nấu chè, hãm trà.",
             "variants": [("túi 500 g", 220_000), ("hộp 250 g", 120_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Vũ Thị Thoa – Tương Bần", "kind": "household", "province": "HYN",
        "former": "Hưng Yên", "commune": "Phường Mỹ Hào", "founded": 1997,
        "about": "Gia đình bà Thoa giữ nghề làm tương Bần ba đời, phơi tương trong chum sành cổ.",
        "products": [
            {"name": "Tương Bần Hưng Yên", "sub": "Gia vị, nước chấm",
             "desc": "Gạo nếp ủ mốc, đậu tương rang, muối biển và nước giếng khơi; phơi nắng ba tháng "
                     "đến khi tương sánh, màu vàng sậm, ngọt hậu.",
             "variants": [("chai 500 ml", 40_000), ("can 2 lít", 140_000)]},
        ],
    },
    {
        "name": "Công ty TNHH Bánh cáy Làng Nguyễn", "kind": "enterprise", "province": "HYN",
        "former": "Thái Bình", "commune": "Xã Đông Hưng", "founded": 2009,
        "about": "Bánh cáy làng Nguyễn (Thái Bình) là món quà quê nổi tiếng đất lúa.",
        "products": [
            {"name": "Bánh cáy làng Nguyễn", "sub": "Bánh kẹo",
             "desc": "Gạo nếp cái hoa vàng, mạch nha, gấc, vỏ quýt, gừng, vừng và mỡ phần ép thành thỏi; "
                     "ăn với trà xanh.",
             "variants": [("hộp 300 g", 55_000), ("hộp 500 g", 85_000)]},
            {"name": "Gạo tám xoan Thái Bình", "sub": "Nông sản sơ chế",
             "desc": "Gạo tám xoan hạt nhỏ, thon dài, cơm dẻo thơm; trồng vụ mùa trên đồng chiêm trũng.",
             "variants": [("túi 5 kg", 150_000)]},
        ],
    },
    # ------------------------------------------------------------------ Hải Phòng (Hải Dương)
    {
        "name": "Công ty TNHH Bánh đậu xanh Rồng Vàng Hải Dương", "kind": "enterprise", "province": "HPG",
        "former": "Hải Dương", "commune": "Phường Hải Dương", "founded": 2003,
        "about": "Cơ sở bánh đậu xanh lâu đời ở thành Đông, nay sản xuất trên dây chuyền khép kín.",
        "products": [
            {"name": "Bánh đậu xanh Hải Dương", "sub": "Bánh kẹo",
             "desc": "Đậu xanh đãi vỏ, đồ chín, xay mịn, sên với đường kính và mỡ lợn, tẩm hương hoa bưởi; "
                     "bánh mịn, tan trong miệng.",
             "variants": [("hộp 250 g", 40_000), ("hộp quà 600 g", 120_000)]},
            {"name": "Vải thiều Thanh Hà", "sub": "Nông sản tươi",
             "desc": "Vải thiều Thanh Hà chín sớm, vỏ đỏ tươi, cùi trắng, ngọt thanh; hái sáng sớm, giao "
                     "trong ngày.",
             "variants": [("hộp 2 kg", 100_000)]},
        ],
    },
    {
        "name": "HTX Nước mắm Cát Hải", "kind": "cooperative", "province": "HPG", "former": "Hải Phòng",
        "commune": "Đặc khu Cát Hải", "founded": 1959,
        "about": "Một trong những hợp tác xã nước mắm lâu đời nhất miền Bắc, ủ chượp trong bể gỗ.",
        "products": [
            {"name": "Nước mắm Cát Hải", "sub": "Gia vị, nước chấm",
             "desc": "Cá nục, cá trích tươi ủ với muối biển theo tỉ lệ 3:1 trong 12 tháng, kéo rút thủ "
                     "công; nước mắm màu cánh gián, đạm cao, hậu ngọt.",
             "variants": [("chai 500 ml", 75_000), ("can 2 lít", 260_000)]},
            {"name": "Trải nghiệm làng chài Cát Bà", "sub": "Điểm du lịch",
             "desc": "Đi thuyền thúng qua làng chài Cái Bèo, thăm bè nuôi cá và vịnh Lan Hạ.",
             "variants": [("vé/người", 180_000)]},
        ],
    },
    # ------------------------------------------------------------------ Ninh Bình (Nam Định, Hà Nam)
    {
        "name": "Công ty TNHH Cơm cháy Hoa Lư", "kind": "enterprise", "province": "NBH", "former": "Ninh Bình",
        "commune": "Phường Hoa Lư", "founded": 2015,
        "about": "Cơm cháy Ninh Bình làm từ gạo tám, nấu nồi gang, phơi và chiên trong ngày.",
        "products": [
            {"name": "Cơm cháy Ninh Bình", "sub": "Thực phẩm chế biến",
             "desc": "Cơm nấu nồi gang, lấy lớp cháy phơi khô rồi chiên giòn; ăn kèm ruốc, chà bông hoặc "
                     "với sốt thịt dê.",
             "variants": [("túi 500 g", 60_000), ("hộp chà bông 300 g", 75_000)]},
            {"name": "Rượu Kim Sơn", "sub": "Rượu",
             "desc": "Rượu nếp cái hoa vàng ủ men thuốc bắc, chưng cất nồi đồng, hạ thổ 6 tháng; nồng độ "
                     "35 độ, êm.",
             "variants": [("chai 500 ml", 95_000)]},
        ],
    },
    {
        "name": "HTX Du lịch cộng đồng Tam Cốc", "kind": "cooperative", "province": "NBH", "former": "Ninh Bình",
        "commune": "Xã Ninh Hải", "founded": 2017,
        "about": "Người làng chèo thuyền đưa khách qua ba hang, cánh đồng lúa Tam Cốc và mở homestay "
                 "trong thung núi.",
        "products": [
            {"name": "Vé thuyền Tam Cốc – Bích Động", "sub": "Điểm du lịch",
             "desc": "Thuyền nan do người làng chèo qua ba hang Cả, Hai, Ba giữa cánh đồng lúa; mùa lúa "
                     "chín đẹp nhất cuối tháng 5.",
             "variants": [("vé/người", 150_000)]},
            {"name": "Homestay thung Tam Cốc", "sub": "Du lịch cộng đồng, homestay",
             "desc": "Nhà mái ngói giữa thung núi đá vôi, xe đạp miễn phí, bữa tối dê núi, cơm cháy.",
             "variants": [("người/đêm", 380_000, "Homestay Tam Cốc Ninh Bình (người/đêm)")]},
        ],
    },
    {
        "name": "HTX Sơn mài Cát Đằng", "kind": "cooperative", "province": "NBH", "former": "Nam Định",
        "commune": "Xã Ý Yên", "founded": 2004,
        "about": "Làng Cát Đằng có nghề sơn mài hơn 700 năm, cung cấp thợ cho nhiều công trình di tích.",
        "products": [
            {"name": "Tranh sơn mài Cát Đằng", "sub": "Sơn mài, khảm trai",
             "desc": "Vẽ trên vóc gỗ bằng sơn ta, cẩn vỏ trứng, dát vàng bạc; mài và đánh bóng hơn 10 lớp "
                     "sơn, tranh sâu và sáng.",
             "variants": [("bức 40 x 60 cm", 2_500_000), ("bức 80 x 120 cm", 7_500_000)]},
            {"name": "Bình sơn mài dáng tỏi", "sub": "Sơn mài, khảm trai",
             "desc": "Cốt tre cuốn, phủ sơn then đen, trang trí hoa sen vàng ánh kim.",
             "variants": [("chiếc cao 35 cm", 950_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Đỗ Văn Tuấn – Bánh cuốn Phủ Lý", "kind": "household", "province": "NBH",
        "former": "Hà Nam", "commune": "Phường Phủ Lý", "founded": 2010,
        "about": "Gia đình làm bánh cuốn chả, bánh đa nem làng Chều nổi tiếng của Hà Nam.",
        "products": [
            {"name": "Bánh đa nem làng Chều", "sub": "Nông sản sơ chế",
             "desc": "Bánh tráng từ gạo tẻ xay nước, phơi trên phên tre; mỏng, dai, cuốn nem rán không vỡ.",
             "variants": [("tập 500 g", 40_000), ("tập 1 kg", 75_000)]},
        ],
    },
    # ------------------------------------------------------------------ Quảng Trị (Quảng Bình)
    {
        "name": "HTX Hồ tiêu Gio Linh", "kind": "cooperative", "province": "QTI", "former": "Quảng Trị",
        "commune": "Xã Gio Linh", "founded": 2011,
        "about": "Tiêu trồng trên đất đỏ bazan Cồn Tiên – Dốc Miếu, nổi tiếng cay nồng.",
        "products": [
            {"name": "Hồ tiêu Quảng Trị", "sub": "Gia vị, nước chấm",
             "desc": "Tiêu đen hạt chắc, tỉ trọng cao, phơi trên sân xi măng sạch; hương thơm đậm, cay sâu.",
             "variants": [("túi 200 g", 55_000), ("túi 500 g", 125_000)]},
            {"name": "Tinh dầu sả Quảng Trị", "sub": "Tinh dầu",
             "desc": "Sả Java trồng trên đồi Gio Linh, chưng cất hơi nước; dùng xông phòng, đuổi muỗi.",
             "variants": [("lọ 20 ml", 60_000)]},
        ],
    },
    {
        "name": "HTX Du lịch cộng đồng Phong Nha", "kind": "cooperative", "province": "QTI",
        "former": "Quảng Bình", "commune": "Xã Phong Nha", "founded": 2016,
        "about": "Những gia đình ở chân Phong Nha – Kẻ Bàng đón khách trải nghiệm sông Chày, hang Tối.",
        "products": [
            {"name": "Farmstay Phong Nha", "sub": "Du lịch cộng đồng, homestay",
             "desc": "Nhà vườn bên ruộng lúa và sông Son, đạp xe qua làng, bơi suối Nước Moọc.",
             "variants": [("người/đêm", 350_000, "Farmstay Phong Nha Kẻ Bàng (người/đêm)")]},
            {"name": "Khoai deo Quảng Bình", "sub": "Nông sản sơ chế",
             "desc": "Khoai lang luộc, thái lát, phơi nhiều nắng đến khi dẻo ngọt, phủ lớp đường tự nhiên.",
             "variants": [("túi 500 g", 70_000)]},
        ],
    },
    # ------------------------------------------------------------------ Đà Nẵng (Quảng Nam)
    {
        "name": "HTX Nước mắm Nam Ô", "kind": "cooperative", "province": "DNG", "former": "Đà Nẵng",
        "commune": "Phường Hải Vân", "founded": 2015,
        "about": "Làng nghề nước mắm Nam Ô hơn 300 năm, ủ cá cơm than trong thùng gỗ mít.",
        "products": [
            {"name": "Nước mắm Nam Ô", "sub": "Gia vị, nước chấm",
             "desc": "Cá cơm than đánh bắt tháng 3 âm lịch, ủ chượp với muối Sa Huỳnh trong thùng gỗ 12 "
                     "tháng; nước mắm nhĩ màu hổ phách, thơm dịu.",
             "variants": [("chai 500 ml", 110_000), ("chai 1 lít", 200_000)]},
        ],
    },
    {
        "name": "Công ty TNHH Sâm Ngọc Linh Trà My", "kind": "enterprise", "province": "DNG",
        "former": "Quảng Nam", "commune": "Xã Trà Linh", "founded": 2016,
        "about": "Doanh nghiệp liên kết với đồng bào Xơ Đăng trồng sâm Ngọc Linh dưới tán rừng núi "
                 "Ngọc Linh.",
        "products": [
            {"name": "Sâm Ngọc Linh tươi", "sub": "Dược liệu", "stars": 5,
             "desc": "Củ sâm Ngọc Linh 7 năm tuổi trồng dưới tán rừng ở độ cao trên 1.800 m, có tem truy "
                     "xuất nguồn gốc; ngâm mật ong, hầm gà hoặc ngậm lát.",
             "variants": [("củ 100 g", 25_000_000)]},
            {"name": "Trà túi lọc sâm Ngọc Linh", "sub": "Thực phẩm chức năng từ thảo dược",
             "desc": "Lá và thân sâm Ngọc Linh sấy lạnh, nghiền thô, đóng túi lọc; vị đắng nhẹ, ngọt hậu.",
             "variants": [("hộp 20 túi", 320_000)]},
            {"name": "Mật ong ngâm sâm Ngọc Linh", "sub": "Thực phẩm chức năng từ thảo dược",
             "desc": "Sâm Ngọc Linh thái lát ngâm mật ong rừng tối thiểu 3 tháng.",
             "variants": [("lọ 300 ml", 2_800_000)]},
        ],
    },
    {
        "name": "Tổ hợp tác Gốm Thanh Hà Hội An", "kind": "cooperative_group", "province": "DNG",
        "former": "Quảng Nam", "commune": "Phường Hội An Tây", "founded": 2014,
        "about": "Làng gốm Thanh Hà bên sông Thu Bồn, gốm đất nung đỏ không men từ thế kỷ XVI.",
        "products": [
            {"name": "Gốm đất nung Thanh Hà", "sub": "Gốm sứ",
             "desc": "Đất sét sông Thu Bồn vuốt tay, nung lò củi; gốm màu đỏ hồng, bình hoa và chậu trồng cây.",
             "variants": [("bình cao 25 cm", 180_000), ("bộ 12 con giáp mini", 250_000)]},
            {"name": "Trải nghiệm làm gốm Thanh Hà", "sub": "Trải nghiệm làng nghề",
             "desc": "Tự tay làm gốm trên bàn xoay đạp chân, tham quan công viên đất nung Thanh Hà.",
             "variants": [("vé/người", 60_000)]},
            {"name": "Lụa Mã Châu Duy Xuyên", "sub": "Vải, lụa, may mặc",
             "desc": "Lụa tơ tằm làng Mã Châu dệt trên khung cửi, mềm mát, màu nhuộm tự nhiên.",
             "variants": [("khăn 50 x 170 cm", 390_000)]},
        ],
    },
    # ------------------------------------------------------------------ Quảng Ngãi (Kon Tum)
    {
        "name": "HTX Tỏi Lý Sơn", "kind": "cooperative", "province": "QNG", "former": "Quảng Ngãi",
        "commune": "Đặc khu Lý Sơn", "founded": 2012,
        "about": "Tỏi trồng trên cát biển phủ đất núi lửa ở đảo Lý Sơn, tép nhỏ, cay nồng.",
        "products": [
            {"name": "Tỏi Lý Sơn", "sub": "Gia vị, nước chấm",
             "desc": "Tỏi cô đơn và tỏi nhiều tép trồng trên cát đảo, phơi gác bếp; thơm, cay dịu, hậu ngọt.",
             "variants": [("túi 500 g", 90_000), ("túi 1 kg", 170_000)]},
            {"name": "Tỏi đen Lý Sơn", "sub": "Thực phẩm chức năng từ thảo dược",
             "desc": "Tỏi Lý Sơn lên men ở nhiệt độ và độ ẩm kiểm soát trong 40 ngày, dẻo, vị ngọt chua.",
             "variants": [("hộp 250 g", 280_000)]},
        ],
    },
    {
        "name": "HTX Sâm Ngọc Linh Tu Mơ Rông", "kind": "cooperative", "province": "QNG", "former": "Kon Tum",
        "commune": "Xã Tu Mơ Rông", "founded": 2015,
        "about": "Hợp tác xã của đồng bào Xơ Đăng ở sườn bắc núi Ngọc Linh, trồng sâm và đương quy.",
        "products": [
            {"name": "Sâm Ngọc Linh Kon Tum", "sub": "Dược liệu",
             "desc": "Sâm trồng dưới tán rừng nguyên sinh, 5 năm tuổi, có giấy chứng nhận nguồn gốc giống.",
             "variants": [("củ 50 g", 11_000_000)]},
            {"name": "Cà phê Arabica Măng Đen", "sub": "Cà phê, ca cao",
             "desc": "Arabica trồng ở cao nguyên Măng Đen 1.200 m, sơ chế mật ong, rang vừa.",
             "variants": [("gói 250 g", 110_000), ("gói 500 g", 210_000)]},
            {"name": "Homestay Măng Đen", "sub": "Du lịch cộng đồng, homestay",
             "desc": "Nhà gỗ giữa rừng thông Măng Đen, thăm làng Kon Pring, thác Pa Sỹ.",
             "variants": [("người/đêm", 300_000, "Homestay rừng thông Măng Đen (người/đêm)")]},
        ],
    },
    # ------------------------------------------------------------------ Gia Lai (Bình Định)
    {
        "name": "HTX Rượu Bàu Đá Cù Lâm", "kind": "cooperative", "province": "GLA", "former": "Bình Định",
        "commune": "Xã Nhơn Lộc", "founded": 2013,
        "about": "Làng Cù Lâm nấu rượu bằng nước giếng Bàu Đá và men thuốc bắc gia truyền.",
        "products": [
            {"name": "Rượu Bàu Đá", "sub": "Rượu",
             "desc": "Gạo lứt đồ chín ủ men lá, chưng cất nồi đất, lấy nước giếng Bàu Đá; rượu trong, nồng "
                     "độ 40–45 độ, uống êm, không gắt.",
             "variants": [("chai 500 ml", 120_000), ("bình sứ 1 lít", 280_000), ("can 2 lít", 400_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Nguyễn Thị Mai – Bánh tráng Tam Quan", "kind": "household", "province": "GLA",
        "former": "Bình Định", "commune": "Phường Tam Quan", "founded": 2003,
        "about": "Xứ dừa Tam Quan làm bánh tráng nước dừa, nem chợ Huyện và tré.",
        "products": [
            {"name": "Bánh tráng nước dừa Tam Quan", "sub": "Bánh kẹo",
             "desc": "Bột gạo trộn nước cốt dừa, mè đen, tráng mỏng và phơi nắng; nướng than giòn, béo thơm.",
             "variants": [("xấp 10 chiếc", 40_000), ("thùng 50 chiếc", 180_000)]},
            {"name": "Nem chợ Huyện Bình Định", "sub": "Thực phẩm chế biến",
             "desc": "Nem thịt heo nạc, bì, tỏi, lá chùm ruột, gói lá chuối; lên men chua dịu.",
             "variants": [("chục 10 chiếc", 55_000)]},
        ],
    },
    {
        "name": "HTX Hồ tiêu Chư Sê", "kind": "cooperative", "province": "GLA", "former": "Gia Lai",
        "commune": "Xã Chư Sê", "founded": 2010,
        "about": "Vùng tiêu lớn nhất Tây Nguyên, hợp tác xã sản xuất theo tiêu chuẩn hữu cơ.",
        "products": [
            {"name": "Tiêu đen Chư Sê", "sub": "Gia vị, nước chấm",
             "desc": "Tiêu đất đỏ bazan, hạt to đều, phơi sấy sạch; cay nồng, thơm, có chỉ dẫn địa lý Chư Sê.",
             "variants": [("túi 250 g", 60_000), ("túi 1 kg", 220_000)]},
            {"name": "Cà phê Robusta Gia Lai rang xay", "sub": "Cà phê, ca cao",
             "desc": "Robusta hái chín, rang mộc vừa; vị đậm, đắng, hậu ngọt, pha phin truyền thống.",
             "variants": [("gói 500 g", 130_000)]},
        ],
    },
    # ------------------------------------------------------------------ Khánh Hòa (Ninh Thuận)
    {
        "name": "Công ty TNHH Yến sào Vĩnh Nguyên", "kind": "enterprise", "province": "KHA", "former": "Khánh Hòa",
        "commune": "Phường Nha Trang", "founded": 2008,
        "about": "Doanh nghiệp thu hoạch và tinh chế yến sào đảo và yến nhà ở vùng biển Nha Trang.",
        "products": [
            {"name": "Yến sào Khánh Hòa tinh chế", "sub": "Thủy sản", "stars": 5,
             "desc": "Tổ yến đảo được ngâm, nhặt lông thủ công bằng nhíp, định hình sợi; nấu chưng đường "
                     "phèn, hạt sen hoặc táo đỏ.",
             "variants": [("hộp 50 g", 2_600_000), ("hộp 100 g", 5_000_000)]},
            {"name": "Nước yến sào Khánh Hòa", "sub": "Nước giải khát",
             "desc": "Nước yến chưng với đường phèn, đóng lọ thủy tinh, tiệt trùng; uống lạnh ngon hơn.",
             "variants": [("hộp 6 lọ 70 ml", 180_000), ("thùng 30 lọ", 850_000)]},
        ],
    },
    {
        "name": "HTX Nho Phước Thuận", "kind": "cooperative", "province": "KHA", "former": "Ninh Thuận",
        "commune": "Xã Ninh Phước", "founded": 2012,
        "about": "Vùng nắng gió Ninh Thuận cho nho ba vụ một năm; hợp tác xã làm vang và nho sấy.",
        "products": [
            {"name": "Nho xanh Ninh Thuận", "sub": "Nông sản tươi",
             "desc": "Nho xanh NH01-48 giòn, ngọt đậm, trồng giàn theo VietGAP; hái khi chín đều chùm.",
             "variants": [("hộp 1 kg", 70_000), ("thùng 5 kg", 320_000)]},
            {"name": "Nho sấy dẻo Phan Rang", "sub": "Nông sản sơ chế",
             "desc": "Nho đỏ sấy lạnh không đường, giữ vị chua ngọt tự nhiên.",
             "variants": [("túi 500 g", 120_000)]},
            {"name": "Vang nho Phan Rang", "sub": "Rượu",
             "desc": "Vang đỏ lên men từ nho Cardinal, ủ thùng 6 tháng, nồng độ 12 độ.",
             "variants": [("chai 750 ml", 150_000)]},
        ],
    },
    {
        "name": "Tổ hợp tác Gốm Bàu Trúc", "kind": "cooperative_group", "province": "KHA",
        "former": "Ninh Thuận", "commune": "Xã Phước Dân", "founded": 2013,
        "about": "Làng gốm cổ nhất Đông Nam Á của người Chăm, nặn tay không dùng bàn xoay, nung lộ thiên.",
        "products": [
            {"name": "Gốm Chăm Bàu Trúc", "sub": "Gốm sứ",
             "desc": "Người thợ đi vòng quanh bàn nặn để tạo hình, trang trí bằng vỏ sò, nung ngoài trời "
                     "bằng rơm và củi; màu đỏ nâu loang tự nhiên.",
             "variants": [("bình cao 30 cm", 350_000), ("bình cao 60 cm", 1_200_000)]},
            {"name": "Trải nghiệm nặn gốm Chăm Bàu Trúc", "sub": "Trải nghiệm làng nghề",
             "desc": "Nghệ nhân người Chăm hướng dẫn nặn gốm đi lùi quanh bàn xoay, tham quan lò nung.",
             "variants": [("vé/người", 80_000)]},
        ],
    },
    # ------------------------------------------------------------------ Lâm Đồng (Đắk Nông, Bình Thuận)
    {
        "name": "Công ty TNHH Atiso Đà Lạt Xanh", "kind": "enterprise", "province": "LDG", "former": "Lâm Đồng",
        "commune": "Phường Lâm Viên – Đà Lạt", "founded": 2010,
        "about": "Vườn atiso và xưởng chế biến trên đồi Trại Mát, sản xuất trà và cao atiso.",
        "products": [
            {"name": "Trà atiso Đà Lạt túi lọc", "sub": "Chè, trà",
             "desc": "Thân, rễ, lá và hoa atiso Đà Lạt sấy khô, nghiền thô đóng túi lọc; thanh nhiệt, "
                     "uống nóng hoặc lạnh.",
             "variants": [("hộp 50 túi", 65_000), ("hộp 100 túi", 120_000)]},
            {"name": "Cao atiso Đà Lạt", "sub": "Thực phẩm chức năng từ thảo dược",
             "desc": "Lá atiso tươi nấu cô đặc nhiều giờ thành cao mềm màu đen bóng; pha nước ấm uống hằng "
                     "ngày.",
             "variants": [("hũ 200 g", 250_000), ("hũ 500 g", 580_000)]},
            {"name": "Bông atiso Đà Lạt sấy khô", "sub": "Dược liệu",
             "desc": "Bông atiso thái lát, sấy lạnh; hãm trà hoặc hầm giò heo.",
             "variants": [("túi 500 g", 190_000)]},
        ],
    },
    {
        "name": "HTX Dâu tây và Mứt Đà Lạt", "kind": "cooperative", "province": "LDG", "former": "Lâm Đồng",
        "commune": "Phường Xuân Hương – Đà Lạt", "founded": 2014,
        "about": "Hợp tác xã trồng dâu tây trong nhà kính và làm các loại mứt Đà Lạt thủ công.",
        "products": [
            {"name": "Dâu tây Đà Lạt", "sub": "Nông sản tươi",
             "desc": "Dâu tây giống Mỹ Đá trồng nhà kính thủy canh, quả đỏ mọng, thơm, chua ngọt.",
             "variants": [("hộp 500 g", 120_000), ("hộp 1 kg", 220_000)]},
            {"name": "Mứt dâu tây Đà Lạt", "sub": "Bánh kẹo",
             "desc": "Dâu tây chín ngâm đường, sấy dẻo ở nhiệt độ thấp; không phẩm màu.",
             "variants": [("hộp 500 g", 110_000)]},
            {"name": "Mứt hồng treo gió Đà Lạt", "sub": "Nông sản sơ chế",
             "desc": "Hồng trứng gọt vỏ, treo gió tự nhiên 30 ngày, xoa bóp hằng ngày đến khi dẻo, lên phấn.",
             "variants": [("hộp 500 g", 240_000)]},
            {"name": "Trải nghiệm hái dâu tây Đà Lạt", "sub": "Trải nghiệm làng nghề",
             "desc": "Tham quan nhà kính, tự hái dâu mang về 300 g, thưởng thức sữa chua dâu.",
             "variants": [("vé/người", 90_000)]},
        ],
    },
    {
        "name": "HTX Hoa lan Thái Phiên", "kind": "cooperative", "province": "LDG", "former": "Lâm Đồng",
        "commune": "Phường Langbiang – Đà Lạt", "founded": 2011,
        "about": "Làng hoa Thái Phiên hơn 80 năm, hợp tác xã chuyên lan hồ điệp, lan hài và hoa cúc.",
        "products": [
            {"name": "Lan hồ điệp Đà Lạt", "sub": "Hoa",
             "desc": "Chậu lan hồ điệp trồng trong nhà màng, cành dài, hoa bền 2–3 tháng; cắm chậu sứ "
                     "sẵn làm quà.",
             "variants": [("chậu 3 cành", 950_000), ("chậu 5 cành", 1_550_000)]},
            {"name": "Lan hài Đà Lạt", "sub": "Hoa",
             "desc": "Lan hài (Paphiopedilum) lai trồng chậu nhỏ, cánh môi hình chiếc hài, hoa bền 6 tuần.",
             "variants": [("chậu 1 cây", 350_000)]},
            {"name": "Hoa cúc họa mi Đà Lạt", "sub": "Hoa",
             "desc": "Cúc họa mi cắt cành trắng tinh, bó giấy kraft, giao kèm nước dưỡng.",
             "variants": [("bó 20 cành", 180_000)]},
        ],
    },
    {
        "name": "Công ty TNHH Cà phê Cầu Đất Highland Farm", "kind": "enterprise", "province": "LDG",
        "former": "Lâm Đồng", "commune": "Xã Xuân Trường – Đà Lạt", "founded": 2015,
        "about": "Nông trại Arabica trên độ cao 1.650 m ở Cầu Đất, Đà Lạt.",
        "products": [
            {"name": "Cà phê Arabica Cầu Đất", "sub": "Cà phê, ca cao",
             "desc": "Arabica Catimor và Bourbon hái chín đỏ, sơ chế ướt, rang mộc; hương hoa, vị chua "
                     "thanh, hậu ngọt caramel.",
             "variants": [("gói 250 g", 130_000), ("gói 500 g", 250_000)]},
            {"name": "Ca cao nguyên chất Lâm Đồng", "sub": "Cà phê, ca cao",
             "desc": "Hạt ca cao lên men 6 ngày, rang nhẹ, xay thành bột nguyên chất không đường.",
             "variants": [("hũ 250 g", 150_000)]},
        ],
    },
    {
        "name": "Công ty TNHH Nước mắm Phan Thiết Hòa Thắng", "kind": "enterprise", "province": "LDG",
        "former": "Bình Thuận", "commune": "Phường Phú Thủy", "founded": 1998,
        "about": "Nhà thùng nước mắm lâu năm ở Phan Thiết, ủ cá cơm trong thùng gỗ bời lời.",
        "products": [
            {"name": "Nước mắm Phan Thiết 35 độ đạm", "sub": "Gia vị, nước chấm",
             "desc": "Cá cơm ủ với muối hạt trong thùng gỗ 12–15 tháng, kéo rút nước nhất; màu cánh gián, "
                     "đạm cao, thơm dịu.",
             "variants": [("chai 500 ml", 75_000), ("can 2 lít", 260_000)]},
            {"name": "Mực một nắng Phan Thiết", "sub": "Thủy sản",
             "desc": "Mực lá câu đêm, làm sạch và phơi một nắng, cấp đông ngay; nướng than thơm ngọt.",
             "variants": [("túi 500 g", 320_000)]},
        ],
    },
    {
        "name": "HTX Thanh long Hàm Thuận Nam", "kind": "cooperative", "province": "LDG", "former": "Bình Thuận",
        "commune": "Xã Hàm Thuận Nam", "founded": 2010,
        "about": "Vùng thanh long lớn nhất cả nước; hợp tác xã có 120 ha đạt GlobalGAP.",
        "products": [
            {"name": "Thanh long ruột đỏ Bình Thuận", "sub": "Nông sản tươi",
             "desc": "Quả to, tai xanh, ruột đỏ tím, ngọt đậm; thu hoạch khi chín 30 ngày sau đậu quả.",
             "variants": [("thùng 5 kg", 130_000)]},
            {"name": "Thanh long ruột trắng Bình Thuận", "sub": "Nông sản tươi",
             "desc": "Thanh long ruột trắng giòn mát, có chỉ dẫn địa lý Bình Thuận.",
             "variants": [("thùng 5 kg", 90_000)]},
        ],
    },
    {
        "name": "HTX Mắc ca Tuy Đức", "kind": "cooperative", "province": "LDG", "former": "Đắk Nông",
        "commune": "Xã Tuy Đức", "founded": 2016,
        "about": "Mắc ca trồng xen cà phê trên cao nguyên Đắk Nông, chế biến sấy nứt vỏ tại chỗ.",
        "products": [
            {"name": "Hạt mắc ca Đắk Nông sấy nứt vỏ", "sub": "Nông sản sơ chế",
             "desc": "Mắc ca Úc trồng trên đất đỏ bazan, sấy nhiệt độ thấp 7 ngày, nứt vỏ, kèm dụng cụ tách.",
             "variants": [("túi 500 g", 170_000), ("hộp 1 kg", 320_000)]},
            {"name": "Cà phê Robusta Đắk Mil", "sub": "Cà phê, ca cao",
             "desc": "Robusta Đắk Mil chín cây, rang vừa; đậm, thơm, ít chua.",
             "variants": [("gói 500 g", 120_000)]},
        ],
    },
    # ------------------------------------------------------------------ Đắk Lắk (Phú Yên)
    {
        "name": "Công ty TNHH Cà phê Ban Mê Xanh", "kind": "enterprise", "province": "DLK", "former": "Đắk Lắk",
        "commune": "Phường Buôn Ma Thuột", "founded": 2009,
        "about": "Doanh nghiệp rang xay cà phê Buôn Ma Thuột, liên kết với 400 hộ trồng cà phê bền vững.",
        "products": [
            {"name": "Cà phê Buôn Ma Thuột rang xay nguyên chất", "sub": "Cà phê, ca cao", "stars": 5,
             "desc": "Robusta Buôn Ma Thuột có chỉ dẫn địa lý, hái chín trên 90%, phơi giàn, rang củi; "
                     "vị đậm, đắng dịu, hậu ngọt, hương sô-cô-la.",
             "variants": [("gói 250 g", 85_000), ("gói 500 g", 160_000), ("túi 1 kg", 300_000)]},
            {"name": "Cà phê hạt Robusta Honey Buôn Ma Thuột", "sub": "Cà phê, ca cao",
             "desc": "Sơ chế mật ong giữ lớp nhớt quả khi phơi, rang medium; dành cho pha máy espresso.",
             "variants": [("túi 1 kg", 380_000)]},
            {"name": "Cà phê phin giấy Ban Mê", "sub": "Cà phê, ca cao",
             "desc": "Cà phê rang xay đóng phin giấy tiện dụng, pha trong 3 phút.",
             "variants": [("hộp 10 gói", 75_000)]},
        ],
    },
    {
        "name": "HTX Mật ong Krông Năng", "kind": "cooperative", "province": "DLK", "former": "Đắk Lắk",
        "commune": "Xã Krông Năng", "founded": 2012,
        "about": "Các trại ong di chuyển theo mùa hoa cà phê, hoa chôm chôm trên cao nguyên Đắk Lắk.",
        "products": [
            {"name": "Mật ong hoa cà phê Đắk Lắk", "sub": "Mật ong",
             "desc": "Thu vào tháng 2–3 khi hoa cà phê nở trắng đồi; mật màu hổ phách, thơm hương hoa cà "
                     "phê, vị ngọt đậm.",
             "variants": [("chai 500 ml", 180_000), ("chai 1 lít", 330_000)]},
            {"name": "Viên nghệ mật ong Đắk Lắk", "sub": "Thực phẩm chức năng từ thảo dược",
             "desc": "Tinh bột nghệ vàng trộn mật ong hoa cà phê, vo viên, sấy khô.",
             "variants": [("hũ 250 g", 150_000)]},
            {"name": "Sầu riêng Ri6 Krông Pắc", "sub": "Nông sản tươi",
             "desc": "Sầu riêng Ri6 trồng trên đất đỏ bazan, cơm vàng, khô ráo, vị ngọt béo; cắt khi quả "
                     "đủ 105 ngày.",
             "variants": [("kg", 95_000)]},
        ],
    },
    {
        "name": "HTX Du lịch cộng đồng Buôn Akô Dhông", "kind": "cooperative", "province": "DLK",
        "former": "Đắk Lắk", "commune": "Phường Tân Lập", "founded": 2018,
        "about": "Buôn Ê Đê giữa lòng Buôn Ma Thuột, giữ nhà dài và không gian cồng chiêng.",
        "products": [
            {"name": "Homestay nhà dài Buôn Akô Dhông", "sub": "Du lịch cộng đồng, homestay",
             "desc": "Nghỉ trong nhà dài Ê Đê, thưởng thức cơm lam, gà nướng, rượu cần và cồng chiêng.",
             "variants": [("người/đêm", 300_000, "Homestay nhà dài Ê Đê Buôn Akô Dhông (người/đêm)")]},
            {"name": "Trải nghiệm dệt thổ cẩm Ê Đê", "sub": "Trải nghiệm làng nghề",
             "desc": "Học dệt thổ cẩm trên khung dệt đeo lưng cùng các nghệ nhân Ê Đê.",
             "variants": [("vé/người", 120_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Trần Văn Hải – Cá ngừ Phú Yên", "kind": "household", "province": "DLK",
        "former": "Phú Yên", "commune": "Phường Tuy Hòa", "founded": 2012,
        "about": "Gia đình ngư dân câu cá ngừ đại dương ở Tuy Hòa và làm các món cá ngừ khô.",
        "products": [
            {"name": "Cá ngừ đại dương Phú Yên phi lê", "sub": "Thủy sản",
             "desc": "Cá ngừ vây vàng câu tay, làm lạnh ngay trên tàu, phi lê và cấp đông −60 °C.",
             "variants": [("túi 500 g", 220_000), ("túi 1 kg", 420_000)]},
            {"name": "Bánh tráng Hòa Đa", "sub": "Nông sản sơ chế",
             "desc": "Bánh tráng mè đen làng Hòa Đa, tráng dày, phơi nắng; nướng giòn cuốn cá ngừ.",
             "variants": [("xấp 20 chiếc", 45_000)]},
        ],
    },
    # ------------------------------------------------------------------ TP. Hồ Chí Minh (Bình Dương, BR-VT)
    {
        "name": "HTX Cá cảnh Củ Chi", "kind": "cooperative", "province": "HCM", "former": "TP. Hồ Chí Minh",
        "commune": "Xã Củ Chi", "founded": 2013,
        "about": "Hợp tác xã nuôi cá cảnh xuất khẩu: cá koi, cá dĩa, cá betta và cá vàng.",
        "products": [
            {"name": "Cá koi Củ Chi", "sub": "Cá cảnh, chim cảnh",
             "desc": "Cá koi dòng Kohaku, Showa, Sanke lai Nhật, dài 20–25 cm, khỏe, đã cách ly và tẩy ký "
                     "sinh trùng.",
             "variants": [("con 20–25 cm", 450_000), ("cặp 30 cm", 1_800_000)]},
            {"name": "Cá dĩa Củ Chi", "sub": "Cá cảnh, chim cảnh",
             "desc": "Cá dĩa lam, đỏ bồ câu, cỡ 8–10 cm, màu đậm; tư vấn setup bể.",
             "variants": [("con 8–10 cm", 250_000)]},
            {"name": "Cá betta Halfmoon", "sub": "Cá cảnh, chim cảnh",
             "desc": "Cá betta đuôi bán nguyệt xòe 180°, nhiều màu; giao trong lọ riêng.",
             "variants": [("con", 120_000)]},
        ],
    },
    {
        "name": "Tổ hợp tác Hoa lan Củ Chi", "kind": "cooperative_group", "province": "HCM",
        "former": "TP. Hồ Chí Minh", "commune": "Xã Phú Hòa Đông", "founded": 2016,
        "about": "Các vườn lan ngoại thành Thành phố chuyên lan Mokara, Dendrobium cắt cành.",
        "products": [
            {"name": "Lan Mokara cắt cành", "sub": "Hoa",
             "desc": "Lan Mokara vàng, cam, đỏ, cành dài 50 cm, bền 2–3 tuần; giao sỉ và lẻ.",
             "variants": [("bó 10 cành", 150_000)]},
            {"name": "Lan Dendrobium chậu", "sub": "Hoa",
             "desc": "Lan Dendrobium trồng chậu gỗ, hoa tím trắng, ra hoa quanh năm.",
             "variants": [("chậu 2 cây", 280_000)]},
        ],
    },
    {
        "name": "Công ty TNHH Sơn mài Tương Bình Hiệp", "kind": "enterprise", "province": "HCM",
        "former": "Bình Dương", "commune": "Phường Thủ Dầu Một", "founded": 2000,
        "about": "Làng sơn mài Tương Bình Hiệp hơn 200 năm, sản phẩm xuất khẩu nhiều nước.",
        "products": [
            {"name": "Tranh sơn mài Bình Dương", "sub": "Sơn mài, khảm trai",
             "desc": "Tranh sơn mài cẩn vỏ trứng và khảm trai đề tài hoa sen, cá chép; mài vẽ nhiều lớp.",
             "variants": [("bức 60 x 90 cm", 4_200_000)]},
            {"name": "Bộ khay sơn mài Tương Bình Hiệp", "sub": "Sơn mài, khảm trai",
             "desc": "Bộ 3 khay gỗ sơn mài màu đỏ son và đen, dùng bày bánh mứt ngày Tết.",
             "variants": [("bộ 3 khay", 680_000)]},
            {"name": "Măng cụt Lái Thiêu", "sub": "Nông sản tươi",
             "desc": "Măng cụt vườn cổ Lái Thiêu, vỏ tím, múi trắng, ngọt thanh.",
             "variants": [("túi 2 kg", 160_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Phạm Thị Hoa – Khô cá Long Hải", "kind": "household", "province": "HCM",
        "former": "Bà Rịa - Vũng Tàu", "commune": "Xã Long Hải", "founded": 2007,
        "about": "Gia đình ngư dân làng chài Long Hải, làm khô cá và mắm theo lối cũ.",
        "products": [
            {"name": "Khô cá dứa một nắng Long Hải", "sub": "Thủy sản",
             "desc": "Cá dứa xẻ bướm, ướp muối nhạt, tỏi, ớt, phơi một nắng; chiên hoặc nướng ăn cơm.",
             "variants": [("túi 500 g", 260_000)]},
            {"name": "Nước mắm cá cơm Long Hải", "sub": "Gia vị, nước chấm",
             "desc": "Cá cơm tươi ủ muối hạt trong lu sành 12 tháng; đạm 30 độ.",
             "variants": [("chai 500 ml", 65_000)]},
        ],
    },
    # ------------------------------------------------------------------ Đồng Nai (Bình Phước)
    {
        "name": "Công ty TNHH Điều Vàng Bù Đăng", "kind": "enterprise", "province": "DNI", "former": "Bình Phước",
        "commune": "Xã Bù Đăng", "founded": 2008,
        "about": "Doanh nghiệp chế biến hạt điều Bình Phước, mua điều thô trực tiếp từ nông dân.",
        "products": [
            {"name": "Hạt điều rang muối Bình Phước", "sub": "Nông sản sơ chế",
             "desc": "Hạt điều W240 còn vỏ lụa, rang củi với muối hột; giòn, bùi, béo.",
             "variants": [("hũ 500 g", 210_000), ("túi 1 kg", 400_000)]},
            {"name": "Hạt điều trắng W320 Bình Phước", "sub": "Nông sản sơ chế",
             "desc": "Nhân điều bóc vỏ lụa, sấy khô; dùng làm sữa hạt, làm bánh.",
             "variants": [("túi 500 g", 190_000)]},
            {"name": "Sữa hạt điều Bình Phước", "sub": "Nước giải khát",
             "desc": "Sữa nấu từ hạt điều và nước dừa, ít đường, không chất bảo quản.",
             "variants": [("chai 330 ml", 28_000)]},
        ],
    },
    {
        "name": "HTX Bưởi Tân Triều", "kind": "cooperative", "province": "DNI", "former": "Đồng Nai",
        "commune": "Xã Tân Triều", "founded": 2012,
        "about": "Cù lao Tân Triều bên sông Đồng Nai nổi tiếng với bưởi đường lá cam.",
        "products": [
            {"name": "Bưởi đường lá cam Tân Triều", "sub": "Nông sản tươi",
             "desc": "Quả nhỏ, vỏ mỏng, múi vàng, ráo, ngọt đậm; có chỉ dẫn địa lý Tân Triều.",
             "variants": [("quả 1–1,2 kg", 55_000), ("túi 3 quả", 150_000)]},
            {"name": "Chôm chôm Long Khánh", "sub": "Nông sản tươi",
             "desc": "Chôm chôm Thái tróc, cùi dày, giòn, ngọt; thu hoạch tháng 5–7.",
             "variants": [("túi 2 kg", 70_000)]},
        ],
    },
    # ------------------------------------------------------------------ Tây Ninh (Long An)
    {
        "name": "Hộ kinh doanh Võ Thị Hạnh – Bánh tráng Trảng Bàng", "kind": "household", "province": "TNH",
        "former": "Tây Ninh", "commune": "Phường Trảng Bàng", "founded": 1996,
        "about": "Lò bánh tráng phơi sương của gia đình bà Hạnh, mỗi đêm phơi sương hàng nghìn chiếc.",
        "products": [
            {"name": "Bánh tráng phơi sương Trảng Bàng", "sub": "Nông sản sơ chế",
             "desc": "Bánh tráng gạo mỏng nướng than rồi phơi sương đêm cho mềm dẻo; cuốn thịt heo luộc "
                     "với rau rừng, chấm mắm nêm.",
             "variants": [("túi 500 g", 60_000), ("túi 1 kg", 110_000)]},
            {"name": "Bánh canh Trảng Bàng sợi khô", "sub": "Nông sản sơ chế",
             "desc": "Sợi bánh canh bột gạo phơi khô, nấu với giò heo và tôm; không hàn the.",
             "variants": [("gói 500 g", 35_000)]},
        ],
    },
    {
        "name": "Công ty TNHH Muối tôm Tây Ninh Hoàng Minh", "kind": "enterprise", "province": "TNH",
        "former": "Tây Ninh", "commune": "Phường Tân Ninh", "founded": 2013,
        "about": "Xưởng muối tôm, muối ớt Tây Ninh, món chấm trái cây nổi tiếng khắp cả nước.",
        "products": [
            {"name": "Muối tôm Tây Ninh", "sub": "Gia vị, nước chấm",
             "desc": "Muối hột rang với tôm khô xay, ớt, tỏi phi, sả; cay mặn vừa, chấm xoài, cóc, ổi.",
             "variants": [("hũ 200 g", 35_000), ("hũ 500 g", 75_000)]},
            {"name": "Muối ớt xanh Tây Ninh", "sub": "Gia vị, nước chấm",
             "desc": "Ớt xanh, lá chanh, sữa đặc và muối, xay sệt; chấm hải sản.",
             "variants": [("chai 250 ml", 40_000)]},
        ],
    },
    {
        "name": "HTX Gạo Nàng Thơm Chợ Đào", "kind": "cooperative", "province": "TNH", "former": "Long An",
        "commune": "Xã Mỹ Lệ", "founded": 2014,
        "about": "Giống lúa Nàng Thơm Chợ Đào từng là gạo tiến vua, trồng trên đất phèn nhẹ ven sông "
                 "Vàm Cỏ.",
        "products": [
            {"name": "Gạo Nàng Thơm Chợ Đào", "sub": "Nông sản sơ chế",
             "desc": "Hạt gạo nhỏ, trong, cơm dẻo và thơm mùi lá dứa; trồng một vụ mỗi năm.",
             "variants": [("túi 5 kg", 160_000), ("bao 10 kg", 310_000)]},
            {"name": "Thanh long Châu Thành Long An", "sub": "Nông sản tươi",
             "desc": "Thanh long ruột đỏ trồng theo VietGAP ở Châu Thành, quả to, ngọt.",
             "variants": [("thùng 5 kg", 125_000)]},
        ],
    },
    # ------------------------------------------------------------------ Cần Thơ (Sóc Trăng, Hậu Giang)
    {
        "name": "Công ty TNHH Bánh pía Mỹ Xuyên", "kind": "enterprise", "province": "CTO", "former": "Sóc Trăng",
        "commune": "Xã Vũng Thơm", "founded": 2002,
        "about": "Lò bánh pía của một gia đình người Hoa ở Vũng Thơm, làm bánh pía sầu riêng trứng muối "
                 "từ năm 1980.",
        "products": [
            {"name": "Bánh pía sầu riêng trứng muối Sóc Trăng", "sub": "Bánh kẹo", "stars": 5,
             "desc": "Vỏ bánh nhiều lớp mỏng cán tay, nhân đậu xanh, sầu riêng Ri6 và lòng đỏ trứng muối; "
                     "nướng lò đến khi vàng mặt.",
             "variants": [("túi 4 cái 500 g", 85_000), ("hộp 8 cái", 165_000)]},
            {"name": "Bánh pía kim sa Sóc Trăng", "sub": "Bánh kẹo",
             "desc": "Bánh pía mini nhân kim sa trứng muối chảy, vỏ mềm, ăn kèm trà nóng.",
             "variants": [("hộp 12 cái 360 g", 95_000)]},
            {"name": "Lạp xưởng tươi Sóc Trăng", "sub": "Thực phẩm chế biến",
             "desc": "Thịt nạc vai và mỡ heo, rượu mai quế lộ, đường, phơi nắng 2 ngày; chiên vàng ăn cơm.",
             "variants": [("túi 500 g", 140_000)]},
        ],
    },
    {
        "name": "HTX Lúa gạo ST25 Mỹ Xuyên", "kind": "cooperative", "province": "CTO", "former": "Sóc Trăng",
        "commune": "Xã Mỹ Xuyên", "founded": 2015,
        "about": "Hợp tác xã trồng giống lúa ST25 trên đất luân canh lúa – tôm của Sóc Trăng.",
        "products": [
            {"name": "Gạo ST25", "sub": "Nông sản sơ chế", "stars": 5,
             "desc": "Giống lúa ST25 của kỹ sư Hồ Quang Cua, từng đoạt giải gạo ngon nhất thế giới; hạt dài, "
                     "cơm dẻo, thơm lá dứa, để nguội vẫn mềm.",
             "variants": [("túi 2 kg", 80_000), ("túi 5 kg", 190_000), ("bao 10 kg", 370_000)]},
            {"name": "Gạo ST25 lúa tôm hữu cơ", "sub": "Nông sản sơ chế",
             "desc": "Lúa ST25 trồng một vụ trên ruộng nuôi tôm, không phân hóa học, không thuốc trừ sâu.",
             "variants": [("túi 5 kg", 240_000)]},
        ],
    },
    {
        "name": "HTX Du lịch Chợ nổi Cái Răng", "kind": "cooperative", "province": "CTO", "former": "Cần Thơ",
        "commune": "Phường Cái Răng", "founded": 2016,
        "about": "Các chủ ghe và nhà vườn ven sông Cần Thơ cùng làm du lịch sông nước.",
        "products": [
            {"name": "Tour chợ nổi Cái Răng bình minh", "sub": "Điểm du lịch",
             "desc": "Đi ghe lúc 5 giờ sáng ngắm chợ nổi Cái Răng, ăn hủ tiếu trên ghe, thăm lò hủ tiếu "
                     "và vườn trái cây.",
             "variants": [("vé/người", 250_000)]},
            {"name": "Homestay miệt vườn Cần Thơ", "sub": "Du lịch cộng đồng, homestay",
             "desc": "Nhà vườn ven rạch, bắt cá, tát mương, nấu lẩu mắm cùng chủ nhà.",
             "variants": [("người/đêm", 300_000, "Homestay miệt vườn Cần Thơ (người/đêm)")]},
            {"name": "Trải nghiệm làm hủ tiếu Cái Răng", "sub": "Trải nghiệm làng nghề",
             "desc": "Xem quy trình xay bột, tráng bánh, phơi và cắt hủ tiếu; tự tay tráng một bánh.",
             "variants": [("vé/người", 70_000)]},
        ],
    },
    {
        "name": "HTX Khóm Cầu Đúc", "kind": "cooperative", "province": "CTO", "former": "Hậu Giang",
        "commune": "Phường Vị Tân", "founded": 2013,
        "about": "Khóm Cầu Đúc trồng trên đất phèn Hỏa Tiến, vị ngọt thanh, ít xơ.",
        "products": [
            {"name": "Khóm Cầu Đúc", "sub": "Nông sản tươi",
             "desc": "Khóm Queen quả nhỏ, mắt lồi, thịt vàng đậm, thơm và ngọt; có chỉ dẫn địa lý Cầu Đúc.",
             "variants": [("túi 3 quả", 45_000)]},
            {"name": "Khóm sấy dẻo Cầu Đúc", "sub": "Nông sản sơ chế",
             "desc": "Khóm Cầu Đúc sấy lạnh, giữ vị chua ngọt, không thêm đường.",
             "variants": [("túi 250 g", 65_000)]},
            {"name": "Mật ong khóm Hậu Giang", "sub": "Mật ong",
             "desc": "Mật ong thu từ vùng trồng khóm và tràm Hỏa Tiến, vị ngọt dịu, hậu chua nhẹ.",
             "variants": [("chai 500 ml", 150_000)]},
        ],
    },
    # ------------------------------------------------------------------ Vĩnh Long (Bến Tre, Trà Vinh)
    {
        "name": "HTX Bưởi Năm Roi Mỹ Hòa", "kind": "cooperative", "province": "VLG", "former": "Vĩnh Long",
        "commune": "Phường Bình Minh", "founded": 2008,
        "about": "Vùng bưởi Năm Roi Bình Minh ven sông Hậu, nơi có chỉ dẫn địa lý bưởi Năm Roi.",
        "products": [
            {"name": "Bưởi Năm Roi", "sub": "Nông sản tươi",
             "desc": "Quả hình quả lê, vỏ mỏng, múi ráo, không hạt, ngọt thanh chua nhẹ; trồng trên đất phù "
                     "sa ven sông Hậu.",
             "variants": [("quả 1,2–1,5 kg", 45_000), ("thùng 5 quả", 210_000)]},
            {"name": "Nước bưởi Năm Roi ép", "sub": "Nước giải khát",
             "desc": "Ép lạnh từ bưởi Năm Roi, không đường, thanh trùng nhẹ.",
             "variants": [("chai 330 ml", 30_000)]},
        ],
    },
    {
        "name": "Tổ hợp tác Gốm đỏ Mang Thít", "kind": "cooperative_group", "province": "VLG",
        "former": "Vĩnh Long", "commune": "Xã Mang Thít", "founded": 2015,
        "about": "“Vương quốc gốm đỏ” với hàng trăm lò gạch, lò gốm hình vòm dọc sông Cổ Chiên.",
        "products": [
            {"name": "Gốm đỏ Mang Thít", "sub": "Gốm sứ",
             "desc": "Đất sét phù sa vuốt khuôn, nung lò bao 30 ngày đêm; chậu, lu, đồ trang trí màu đỏ "
                     "gạch đặc trưng.",
             "variants": [("chậu cao 40 cm", 220_000), ("bộ 3 chậu", 450_000)]},
            {"name": "Tham quan làng gốm Mang Thít", "sub": "Điểm du lịch",
             "desc": "Đi xuồng dọc kênh Thầy Cai ngắm hàng trăm lò gốm, tham quan bảo tàng gốm đỏ.",
             "variants": [("vé/người", 100_000)]},
        ],
    },
    {
        "name": "HTX Sầu riêng Tân Thới Cái Mơn", "kind": "cooperative", "province": "VLG", "former": "Bến Tre",
        "commune": "Xã Chợ Lách", "founded": 2011,
        "about": "Vùng cù lao Cái Mơn – Chợ Lách, quê hương của sầu riêng Ri6 và sầu riêng cơm vàng "
                 "hạt lép.",
        "products": [
            {"name": "Sầu riêng Ri6 Tân Thới", "sub": "Nông sản tươi",
             "desc": "Sầu riêng Ri6 chín cây trên đất cù lao Cái Mơn, cơm vàng đậm, ráo, béo, hạt lép; "
                     "tuyển trái 2,5–4 kg.",
             "variants": [("kg", 120_000, "Sầu riêng Ri6 Tân Thới (giá theo kg)"), ("trái 3 kg", 360_000)]},
            {"name": "Sầu riêng cơm vàng hạt lép Cái Mơn", "sub": "Nông sản tươi",
             "desc": "Giống sầu riêng cơm vàng hạt lép Chín Hóa, cơm dày, ngọt đậm, mùi thơm nhẹ.",
             "variants": [("kg", 135_000)]},
            {"name": "Cơm sầu riêng Ri6 cấp đông", "sub": "Nông sản sơ chế",
             "desc": "Múi sầu riêng Ri6 tách sẵn, cấp đông nhanh −35 °C, giữ nguyên vị; làm sinh tố, kem.",
             "variants": [("hộp 500 g", 180_000)]},
        ],
    },
    {
        "name": "Công ty TNHH Kẹo dừa Mỏ Cày", "kind": "enterprise", "province": "VLG", "former": "Bến Tre",
        "commune": "Xã Mỏ Cày", "founded": 1999,
        "about": "Xứ dừa Bến Tre với lò kẹo dừa thủ công chuyển thành xưởng hiện đại, vẫn giữ vị truyền "
                 "thống.",
        "products": [
            {"name": "Kẹo dừa Bến Tre", "sub": "Bánh kẹo",
             "desc": "Nước cốt dừa tươi, mạch nha và đường nấu trên chảo đến khi sánh dẻo, cắt viên gói giấy "
                     "gạo; béo ngậy, thơm dừa.",
             "variants": [("hộp 250 g", 35_000), ("hộp 400 g", 55_000)]},
            {"name": "Kẹo dừa sầu riêng Bến Tre", "sub": "Bánh kẹo",
             "desc": "Kẹo dừa truyền thống thêm cơm sầu riêng Ri6, thơm nồng, ngọt béo.",
             "variants": [("hộp 400 g", 65_000)]},
            {"name": "Kẹo dừa lá dứa Bến Tre", "sub": "Bánh kẹo",
             "desc": "Kẹo dừa nấu với nước lá dứa tươi, màu xanh tự nhiên, thơm dịu.",
             "variants": [("hộp 400 g", 60_000)]},
            {"name": "Dầu dừa nguyên chất Bến Tre", "sub": "Mỹ phẩm thảo dược",
             "desc": "Ép lạnh từ cơm dừa khô, không tẩy màu; dưỡng da, dưỡng tóc, tẩy trang.",
             "variants": [("chai 100 ml", 55_000), ("chai 250 ml", 115_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Huỳnh Văn Tư – Cây kiểng Cái Mơn", "kind": "household", "province": "VLG",
        "former": "Bến Tre", "commune": "Xã Vĩnh Thành", "founded": 2004,
        "about": "Nhà vườn ở làng hoa kiểng Cái Mơn, chuyên bonsai mai chiếu thủy và kiểng thú.",
        "products": [
            {"name": "Bonsai mai chiếu thủy Cái Mơn", "sub": "Cây cảnh",
             "desc": "Mai chiếu thủy 8–10 năm tuổi, dáng bay thế trực, tạo tán bằng cắt tỉa; hoa trắng "
                     "thơm về đêm.",
             "variants": [("chậu cao 60 cm", 2_500_000), ("chậu mini để bàn", 650_000)]},
            {"name": "Kiểng thú tạo hình Cái Mơn", "sub": "Cây cảnh",
             "desc": "Cây cúc tần, xanh tạo hình con giáp bằng khung thép uốn và cắt tỉa nhiều năm.",
             "variants": [("cây cao 1 m", 1_800_000)]},
        ],
    },
    {
        "name": "HTX Dừa sáp Cầu Kè", "kind": "cooperative", "province": "VLG", "former": "Trà Vinh",
        "commune": "Xã Cầu Kè", "founded": 2012,
        "about": "Dừa sáp đặc sản Trà Vinh; hợp tác xã ươm giống bằng phương pháp nuôi cấy phôi.",
        "products": [
            {"name": "Dừa sáp Cầu Kè", "sub": "Nông sản tươi", "stars": 5,
             "desc": "Cơm dừa dày, dẻo, sệt như sáp, nước đục sánh, béo; ăn với đá bào, làm kem; có chỉ "
                     "dẫn địa lý Cầu Kè.",
             "variants": [("trái", 150_000), ("hộp quà 2 trái", 320_000)]},
            {"name": "Bánh tét Trà Cuôn", "sub": "Thực phẩm chế biến",
             "desc": "Bánh tét nếp, nhân thịt mỡ, trứng muối, lạp xưởng, tôm khô; gói lá chuối, luộc 8 giờ.",
             "variants": [("đòn 1 kg", 180_000)]},
        ],
    },
    # ------------------------------------------------------------------ Đồng Tháp (Tiền Giang)
    {
        "name": "HTX Xoài cát Hòa Lộc", "kind": "cooperative", "province": "DTP", "former": "Tiền Giang",
        "commune": "Xã Hòa Lộc", "founded": 2010,
        "about": "Xã Hòa Lộc (Cái Bè) là nơi khởi nguồn giống xoài cát Hòa Lộc, vua của các loại xoài.",
        "products": [
            {"name": "Xoài cát Hòa Lộc", "sub": "Nông sản tươi",
             "desc": "Quả to 400–600 g, vỏ vàng chanh khi chín, thịt dẻo, mịn, ít xơ, ngọt đậm thơm; bao "
                     "trái từ khi còn nhỏ.",
             "variants": [("hộp 2 kg", 180_000), ("thùng 5 kg", 430_000)]},
            {"name": "Xoài sấy dẻo Hòa Lộc", "sub": "Nông sản sơ chế",
             "desc": "Xoài cát chín sấy lạnh, ít đường, dẻo thơm.",
             "variants": [("túi 250 g", 75_000)]},
            {"name": "Vú sữa Lò Rèn Vĩnh Kim", "sub": "Nông sản tươi",
             "desc": "Vú sữa vỏ mỏng, màu xanh ngọc, thịt trắng đục nhiều sữa, ngọt mát.",
             "variants": [("túi 2 kg", 110_000)]},
        ],
    },
    {
        "name": "Công ty TNHH Hủ tiếu Mỹ Tho", "kind": "enterprise", "province": "DTP", "former": "Tiền Giang",
        "commune": "Phường Mỹ Tho", "founded": 2006,
        "about": "Làm hủ tiếu khô từ gạo Gò Cát, loại gạo cứng làm nên sợi hủ tiếu Mỹ Tho dai.",
        "products": [
            {"name": "Hủ tiếu Mỹ Tho sợi khô", "sub": "Nông sản sơ chế",
             "desc": "Gạo Gò Cát ngâm, xay, tráng bánh và phơi nắng, cắt sợi nhỏ; sợi dai, trong, không hàn "
                     "the.",
             "variants": [("gói 500 g", 30_000), ("thùng 10 gói", 280_000)]},
            {"name": "Sơ ri Gò Công sấy dẻo", "sub": "Nông sản sơ chế",
             "desc": "Sơ ri trồng trên đất giồng cát Gò Công, sấy dẻo chua ngọt.",
             "variants": [("túi 250 g", 60_000)]},
        ],
    },
    {
        "name": "HTX Sen Tháp Mười", "kind": "cooperative", "province": "DTP", "former": "Đồng Tháp",
        "commune": "Xã Tháp Mười", "founded": 2013,
        "about": "Đồng sen Tháp Mười, nơi cả hạt, tim, ngó và lá sen đều thành sản phẩm.",
        "products": [
            {"name": "Hạt sen sấy Đồng Tháp", "sub": "Nông sản sơ chế",
             "desc": "Hạt sen tươi tách tim, sấy khô; nấu chè, hầm, nấu cháo đều bùi.",
             "variants": [("túi 500 g", 150_000)]},
            {"name": "Trà tim sen Đồng Tháp", "sub": "Chè, trà",
             "desc": "Tim sen phơi khô, sao nhẹ; hãm uống giúp ngủ ngon.",
             "variants": [("hộp 100 g", 70_000)]},
            {"name": "Trà lá sen Tháp Mười", "sub": "Thực phẩm chức năng từ thảo dược",
             "desc": "Lá sen bánh tẻ sấy khô, thái nhỏ, đóng túi lọc.",
             "variants": [("hộp 30 túi", 60_000)]},
            {"name": "Tham quan đồng sen Tháp Mười", "sub": "Điểm du lịch",
             "desc": "Đi xuồng giữa đồng sen, chụp ảnh áo bà ba, thưởng thức cơm gói lá sen.",
             "variants": [("vé/người", 60_000)]},
        ],
    },
    {
        "name": "Tổ hợp tác Hoa kiểng Sa Đéc", "kind": "cooperative_group", "province": "DTP",
        "former": "Đồng Tháp", "commune": "Phường Sa Đéc", "founded": 2014,
        "about": "Làng hoa Sa Đéc trăm năm tuổi với những liếp hoa kê trên giàn cao giữa ruộng.",
        "products": [
            {"name": "Cúc mâm xôi Sa Đéc", "sub": "Hoa",
             "desc": "Cúc mâm xôi vàng tròn như quả cầu, chơi Tết bền 1 tháng.",
             "variants": [("cặp chậu", 500_000)]},
            {"name": "Hoa hồng Sa Đéc chậu", "sub": "Hoa",
             "desc": "Hồng cổ Sa Đéc trồng chậu, hoa thơm, ra hoa quanh năm.",
             "variants": [("chậu", 150_000)]},
            {"name": "Bonsai linh sam Sa Đéc", "sub": "Cây cảnh",
             "desc": "Linh sam lá nhỏ, thân xù xì, dáng văn nhân; chậu men Bát Tràng.",
             "variants": [("chậu để bàn", 950_000)]},
            {"name": "Tham quan làng hoa Sa Đéc", "sub": "Điểm du lịch",
             "desc": "Đi giữa các giàn hoa, chụp ảnh, tham quan vườn hồng Tư Tôn.",
             "variants": [("vé/người", 40_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Nguyễn Văn Sáu – Nem Lai Vung", "kind": "household", "province": "DTP",
        "former": "Đồng Tháp", "commune": "Xã Lai Vung", "founded": 2000,
        "about": "Lò nem gia đình ở Lai Vung, thịt heo mua trong ngày từ lò mổ địa phương.",
        "products": [
            {"name": "Nem Lai Vung", "sub": "Thực phẩm chế biến",
             "desc": "Thịt heo nạc đùi, da heo thái sợi, tỏi, ớt, gói lá chùm ruột và lá chuối; chua nhẹ.",
             "variants": [("chục 10 chiếc", 60_000), ("túi 50 chiếc", 280_000)]},
            {"name": "Khô cá lóc Đồng Tháp", "sub": "Thủy sản",
             "desc": "Cá lóc đồng xẻ bướm, ướp muối nhạt, phơi 2 nắng; nướng xé chấm xoài chua.",
             "variants": [("túi 500 g", 230_000)]},
        ],
    },
    # ------------------------------------------------------------------ Cà Mau (Bạc Liêu)
    {
        "name": "HTX Mật ong rừng tràm U Minh", "kind": "cooperative", "province": "CMU", "former": "Cà Mau",
        "commune": "Xã U Minh", "founded": 2011,
        "about": "Nghề “gác kèo ong” độc đáo của rừng tràm U Minh Hạ, ong làm tổ trên kèo gác sẵn.",
        "products": [
            {"name": "Mật ong rừng tràm U Minh", "sub": "Mật ong",
             "desc": "Mật ong khai thác từ kèo ong trong rừng tràm, vị ngọt thanh, hơi chua nhẹ, thơm hoa "
                     "tràm; nghề gác kèo ong là di sản văn hóa phi vật thể.",
             "variants": [("chai 500 ml", 250_000), ("chai 1 lít", 470_000)]},
            {"name": "Tinh dầu tràm Cà Mau", "sub": "Tinh dầu",
             "desc": "Chưng cất lá tràm gió, thơm ấm; xoa giữ ấm cho trẻ nhỏ khi pha loãng.",
             "variants": [("chai 50 ml", 70_000), ("chai 100 ml", 120_000)]},
            {"name": "Trải nghiệm gác kèo ong U Minh", "sub": "Trải nghiệm làng nghề",
             "desc": "Đi xuồng vào rừng tràm cùng thợ ăn ong, xem gác kèo, lấy mật và ăn cá đồng nướng trui.",
             "variants": [("vé/người", 200_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Lê Văn Ba – Khô cá lóc U Minh", "kind": "household", "province": "CMU",
        "former": "Cà Mau", "commune": "Xã Khánh Lâm", "founded": 2005,
        "about": "Gia đình làm khô cá lóc đồng, cá sặc rằn và tôm khô Rạch Gốc.",
        "products": [
            {"name": "Khô cá lóc U Minh", "sub": "Thủy sản",
             "desc": "Cá lóc đồng mùa nước nổi, xẻ, ướp muối, phơi nắng 3 ngày; thịt chắc, ngọt.",
             "variants": [("túi 500 g", 250_000), ("túi 1 kg", 480_000)]},
            {"name": "Tôm khô Rạch Gốc", "sub": "Thủy sản",
             "desc": "Tôm đất luộc nước muối, phơi nắng, đập bỏ vỏ; tôm đỏ au, ngọt tự nhiên.",
             "variants": [("túi 250 g", 280_000), ("túi 500 g", 540_000)]},
            {"name": "Khô cá sặc rằn Cà Mau", "sub": "Thủy sản",
             "desc": "Cá sặc rằn ướp muối đường, phơi một nắng, chiên giòn ăn với cơm nóng.",
             "variants": [("túi 500 g", 160_000)]},
        ],
    },
    {
        "name": "HTX Muối Bạc Liêu", "kind": "cooperative", "province": "CMU", "former": "Bạc Liêu",
        "commune": "Phường Hiệp Thành", "founded": 2009,
        "about": "Nghề làm muối thủ công ven biển Bạc Liêu, hạt muối trắng to, ít chát.",
        "products": [
            {"name": "Muối hột Bạc Liêu", "sub": "Gia vị, nước chấm",
             "desc": "Muối phơi trên ruộng trải bạt, hạt trắng, vị mặn dịu; muối thủ công đã được công nhận "
                     "di sản.",
             "variants": [("túi 1 kg", 20_000)]},
            {"name": "Muối ớt tôm Bạc Liêu", "sub": "Gia vị, nước chấm",
             "desc": "Muối hột rang với tôm khô, ớt và tỏi, cay thơm.",
             "variants": [("hũ 200 g", 38_000)]},
            {"name": "Tham quan nhà Công tử Bạc Liêu", "sub": "Điểm du lịch",
             "desc": "Dinh thự Pháp cổ của công tử Bạc Liêu, cùng khu lưu niệm nhạc sĩ Cao Văn Lầu.",
             "variants": [("vé/người", 50_000)]},
        ],
    },
    # ------------------------------------------------------------------ An Giang (Kiên Giang)
    {
        "name": "Công ty TNHH Nước mắm Phú Quốc Hưng Thành", "kind": "enterprise", "province": "AGG",
        "former": "Kiên Giang", "commune": "Đặc khu Phú Quốc", "founded": 1995,
        "about": "Nhà thùng nước mắm ở Dương Đông, ủ cá cơm than trong thùng gỗ bời lời theo chỉ dẫn "
                 "địa lý Phú Quốc.",
        "products": [
            {"name": "Nước mắm Phú Quốc 40 độ đạm", "sub": "Gia vị, nước chấm", "stars": 5,
             "desc": "Cá cơm than tươi đánh bắt quanh đảo, ướp muối ngay trên tàu, ủ trong thùng gỗ bời lời "
                     "12 tháng; nước mắm nhĩ màu cánh gián, thơm, hậu ngọt. Được bảo hộ tên gọi xuất xứ tại "
                     "châu Âu.",
             "variants": [("chai 500 ml", 125_000), ("chai 1 lít", 230_000)]},
            {"name": "Nước mắm Phú Quốc 30 độ đạm", "sub": "Gia vị, nước chấm",
             "desc": "Nước mắm cá cơm Phú Quốc dùng nêm nấu hằng ngày, vị mặn dịu, thơm.",
             "variants": [("chai 500 ml", 75_000), ("can 2 lít", 240_000)]},
            {"name": "Rượu sim Phú Quốc", "sub": "Rượu",
             "desc": "Trái sim rừng chín ngâm và lên men, màu tím đỏ, vị chát ngọt.",
             "variants": [("chai 500 ml", 110_000)]},
        ],
    },
    {
        "name": "HTX Hồ tiêu Phú Quốc", "kind": "cooperative", "province": "AGG", "former": "Kiên Giang",
        "commune": "Đặc khu Phú Quốc", "founded": 2012,
        "about": "Các vườn tiêu Khu Tượng, Cửa Dương trồng trên đất đồi ven biển đảo Ngọc.",
        "products": [
            {"name": "Tiêu đen Phú Quốc", "sub": "Gia vị, nước chấm",
             "desc": "Tiêu trồng trên đất đảo, hạt chắc, cay nồng, thơm; phơi sấy sạch, không nhuộm.",
             "variants": [("hũ 100 g", 45_000), ("túi 500 g", 180_000)]},
            {"name": "Tiêu đỏ Phú Quốc", "sub": "Gia vị, nước chấm",
             "desc": "Chỉ hái những chùm chín đỏ trên cây, phơi giữ màu; vị cay ngọt, thơm hơn tiêu đen.",
             "variants": [("hũ 100 g", 95_000)]},
            {"name": "Tham quan vườn tiêu Phú Quốc", "sub": "Điểm du lịch",
             "desc": "Tham quan vườn tiêu, tìm hiểu cách trồng và phơi tiêu, mua tiêu tại vườn.",
             "variants": [("vé/người", 30_000)]},
        ],
    },
    {
        "name": "Hộ kinh doanh Trần Thị Nga – Mắm Châu Đốc", "kind": "household", "province": "AGG",
        "former": "An Giang", "commune": "Phường Châu Đốc", "founded": 1993,
        "about": "Gia đình làm mắm ba đời ở chợ Châu Đốc, thủ phủ mắm miền Tây.",
        "products": [
            {"name": "Mắm thái Châu Đốc", "sub": "Gia vị, nước chấm",
             "desc": "Cá lóc ủ muối và thính, thái sợi, trộn đu đủ bào, tỏi, ớt, đường thốt nốt.",
             "variants": [("hũ 500 g", 85_000)]},
            {"name": "Mắm cá linh Châu Đốc", "sub": "Gia vị, nước chấm",
             "desc": "Cá linh non mùa nước nổi ủ muối và đường thốt nốt; nấu lẩu mắm, mắm kho.",
             "variants": [("hũ 500 g", 70_000)]},
            {"name": "Khô cá tra phồng An Giang", "sub": "Thủy sản",
             "desc": "Cá tra phồng nuôi bè sông Hậu, xẻ, phơi một nắng; chiên giòn.",
             "variants": [("túi 500 g", 150_000)]},
        ],
    },
    {
        "name": "HTX Đường thốt nốt Tri Tôn", "kind": "cooperative", "province": "AGG", "former": "An Giang",
        "commune": "Xã Tri Tôn", "founded": 2014,
        "about": "Hợp tác xã của người Khmer vùng Bảy Núi, trèo cây thốt nốt lấy nước hoa mỗi sáng.",
        "products": [
            {"name": "Đường thốt nốt Tri Tôn", "sub": "Thực phẩm chế biến",
             "desc": "Nước hoa thốt nốt nấu trên lò củi đến khi kết tinh, đổ khuôn; vị ngọt thanh, thơm.",
             "variants": [("túi 500 g", 55_000), ("túi 1 kg", 100_000)]},
            {"name": "Nước thốt nốt tươi đóng chai", "sub": "Nước giải khát",
             "desc": "Nước thốt nốt thu trong sáng sớm, lọc và thanh trùng nhẹ, ngọt mát.",
             "variants": [("chai 330 ml", 20_000)]},
        ],
    },
]
