"""A province in the middle of its OCOP year, for the demo: `load_demo_cycle(today)`.

Lâm Đồng's officers have published guidance; ideas wait at each state; plans are
submitted, returned and accepted (with milestones on time and late); dossiers are drafts,
waiting, returned and complete; a round closed about six weeks ago with a council of three,
whose decision recognised two products (their stars and provenance are in the catalogue),
proposed one to the central level and sent notes to one below 50 points; a second round is
being scored. Everything goes through the cycle's services, dated relative to `today`.

Idempotent: nothing is added when the demo officer already exists. Uses the demo catalogue's
Lâm Đồng producers (without them nothing is added). Demo accounts get random passwords.
"""
import secrets
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

from marketplace.accounts.models import Role
from marketplace.accounts.services import assign_province, find_user_by_email, register_user
from marketplace.catalog.models import (Certification, CertificationStatus, Producer, ProducerMember, Product,
                                        ProductStatus)
from marketplace.catalog.services import find_category, find_province
from marketplace.core.timeutil import VN_TZ
from marketplace.cycle.services import decisions, dossiers, guidance, ideas, requirements, rounds, sheets
from marketplace.extensions import db

PROVINCE = "lam-dong"
OFFICER = "can-bo-lam-dong@demo.ocop.vn"
NATIONAL = "can-bo-trung-uong@demo.ocop.vn"
COUNCIL = [("chu-tich-hoi-dong@demo.ocop.vn", "Trần Văn Minh (chủ tịch hội đồng, demo)", "chair"),
           ("thanh-vien-1@demo.ocop.vn", "Lê Thị Hạnh (thành viên hội đồng, demo)", "member"),
           ("thanh-vien-2@demo.ocop.vn", "Phạm Quốc Bảo (thành viên hội đồng, demo)", "member")]
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")
SHEET = Path(__file__).resolve().parent / "data" / "demo_sheet.json"

# Each member's (A, B, C) in the closed round, per product: averages 78, 62.67, 91.67 and 44.33.
CLOSED_SCORES = [
    [(31, 20, 26), (31, 20, 27), (31, 20, 28)],
    [(26, 15, 21), (25, 16, 22), (26, 14, 23)],
    [(37, 23, 31), (38, 24, 31), (36, 23, 32)],
    [(18, 10, 16), (17, 11, 15), (19, 10, 17)],
]
NOTES = ["Bao bì chưa có thông tin truy xuất nguồn gốc; cần kiểm nghiệm lại chỉ tiêu vi sinh.",
         "Nên xây dựng câu chuyện sản phẩm gắn với vùng nguyên liệu và mở thêm kênh phân phối.", ""]


def points_for(sheet, parts):
    """Points per criterion of `sheet` adding up to `parts` ({"A": 31, ...}), filled in order."""
    left, points = dict(parts), {}
    for criterion in sheet.criteria:
        value = min(criterion.max_points, left.get(criterion.part, 0))
        points[criterion.id] = value
        left[criterion.part] = left.get(criterion.part, 0) - value
    return points


def _account(email, name, role, password=None):
    user = find_user_by_email(email)
    if user is None:
        user = register_user(email=email, password=password or secrets.token_urlsafe(24), full_name=name, role=role,
                             self_service=False)
    return user


def _owner(producer):
    """The demo account acting for a demo producer (made once)."""
    email = f"chu-the-{producer.slug}@demo.ocop.vn"[:254]
    user = _account(email, f"Đại diện {producer.name} (demo)", Role.PRODUCER)
    if db.session.get(ProducerMember, (producer.id, user.id)) is None:
        db.session.add(ProducerMember(producer=producer, user=user, is_owner=True))
        db.session.commit()
    return user


def _at(day, hour=9):
    """A Vietnamese day and hour as the naive UTC timestamp the database keeps."""
    return datetime.combine(day, time(hour), tzinfo=VN_TZ).astimezone(timezone.utc).replace(tzinfo=None)


def _uncertified(province):
    """Active demo products of the province without any verified certificate, oldest first."""
    verified = db.select(Certification.id).where(Certification.product_id == Product.id,
                                                 Certification.status == CertificationStatus.VERIFIED).exists()
    return db.session.execute(db.select(Product).join(Product.producer).where(
        Producer.province_id == province.id, Producer.is_demo.is_(True), Product.status == ProductStatus.ACTIVE,
        ~verified)
        .order_by(Product.id)).scalars().all()


def _certified(province):
    current = db.select(Certification.id).where(Certification.product_id == Product.id,
                                                Certification.status == CertificationStatus.VERIFIED).exists()
    return db.session.execute(db.select(Product).join(Product.producer).where(
        Producer.province_id == province.id, Producer.is_demo.is_(True), current).order_by(Product.id)).scalars().all()


def _filled(owner, dossier, *, missing=()):
    """Every line uploaded (a small PDF), or marked missing when its position is in `missing`."""
    for item in dossier.items:
        if item.position in missing:
            dossiers.mark_missing(owner, item)
        else:
            dossiers.upload_item(owner, item, PDF)
    return dossier


def _complete(officer, owner, product):
    dossier = _filled(owner, dossiers.start_dossier(owner, product.producer, product=product))
    dossiers.submit_dossier(owner, dossier)
    return dossiers.complete_dossier(officer, dossier)


def _ideas(officer, person, owners, today):
    """Ideas at each state, plans submitted, returned and accepted (with milestones); returns the accepted plan."""
    lam_dong, added = find_province(PROVINCE), {"ideas": 0, "plans": 0}

    def idea(user, producer, category, name, local, materials, days_ago):
        item = ideas.register_idea(user, producer=producer, province=lam_dong,
                                   category=find_category(category), product_name=name, local_features=local,
                                   raw_materials=materials)
        item.submitted_at = item.created_at = _at(today - timedelta(days=days_ago))
        added["ideas"] += 1
        return item

    (p1, u1), (p2, u2) = owners[0], owners[1 % len(owners)]
    idea(person, None, "ruou", "Rượu cần Lạc Dương", "Men lá rừng của người K'Ho, ủ trong ché sành.",
         "Gạo nếp nương và men lá từ các xã Lạc Dương.", 3)
    asked = idea(u1, p1, "che-tra", "Trà hoa atiso đỏ", "Atiso đỏ trồng trên đồi Trại Mát.",
                 "Đài hoa atiso đỏ của 12 hộ liên kết.", 20)
    ideas.decide_idea(officer, asked, "request_changes", "Cần ghi rõ diện tích vùng nguyên liệu và sản lượng dự kiến.")
    declined = idea(u2, p2, "nong-san-tuoi", "Dâu tây nhập giống trồng chậu", "Trồng trong nhà kính.",
                    "Giống nhập khẩu, giá thể mua ngoài tỉnh.", 45)
    ideas.decide_idea(officer, declined, "decline", "Nguyên liệu và giống không gắn với địa phương.")
    waiting = idea(u1, p1, "duoc-lieu", "Cao atiso túi lọc", "Cao atiso cô đặc theo cách làm của hợp tác xã.",
                   "Lá atiso Đà Lạt.", 60)
    ideas.decide_idea(officer, waiting, "acknowledge")
    plans = []
    for user, producer, category, name, days in ((u2, p2, "banh-keo", "Mứt dâu tây sấy lạnh", 90),
                                                 (u1, p1, "thuc-pham-chuc-nang-tu-thao-duoc", "Viên atiso", 100),
                                                 (u2, p2, "nong-san-so-che", "Hồng treo gió túi quà", 150)):
        item = idea(user, producer, category, name, "Sản phẩm truyền thống của Đà Lạt.", "Nguyên liệu trong tỉnh.",
                    days)
        ideas.decide_idea(officer, item, "acknowledge")
        plan = ideas.submit_plan(user, item, documents=[("Thuyết minh phương án", PDF)], body=(
            f"## Thị trường\nCửa hàng đặc sản Đà Lạt và sàn thương mại điện tử.\n\n## Sản xuất\n{name}: "
            "công suất 2 tấn/năm, 15 lao động địa phương.\n\n## Vốn\n600 triệu đồng, trong đó 40% vốn vay."))
        plan.submitted_at = _at(today - timedelta(days=days - 10))
        plans.append((user, plan))
        added["plans"] += 1
    ideas.decide_plan(officer, plans[1][1], "request_changes", "Bổ sung phương án tiêu thụ và giá thành dự kiến.")
    user, accepted = plans[2]
    ideas.comment_on_plan(officer, accepted, body="Đề nghị ưu tiên liên kết với tổ hợp tác Xuân Thọ.")
    ideas.decide_plan(officer, accepted, "accept")
    for title, planned, done in (("Đăng ký mã số vùng trồng", -100, -95), ("Mua máy sấy lạnh", -20, None),
                                 ("Thiết kế bao bì mới", 40, None)):
        milestone = ideas.add_milestone(user, accepted, title=title,
                                        planned_on=today + timedelta(days=planned))
        if done is not None:
            ideas.report_milestone(user, milestone, done_on=today + timedelta(days=done), note="Đã hoàn thành.",
                                   today=today)
    return user, accepted, added


def _dossiers(officer, certified, accepted_owner, accepted_plan):
    """A draft (a new product from the accepted plan), one waiting, one returned, one complete and unassigned."""
    added = 0
    draft = dossiers.start_dossier(accepted_owner, accepted_plan.idea.producer, plan=accepted_plan,
                                   unit="túi 250 g")
    dossiers.upload_item(accepted_owner, draft.items[0], PDF)
    added += 1
    for index, product in enumerate(certified[:3]):
        owner = _owner(product.producer)
        dossier = _filled(owner, dossiers.start_dossier(owner, product.producer, product=product),
                          missing=(3,) if index == 1 else ())
        dossiers.submit_dossier(owner, dossier)
        if index == 1:
            dossiers.return_dossier(officer, dossier, flagged_ids=[dossier.items[3].id],
                                    note="Bổ sung nhãn sản phẩm đang sử dụng.")
        elif index == 2:
            dossiers.complete_dossier(officer, dossier)
        added += 1
    return added


def _score_round(round_, members, scores):
    for entry, member_scores in zip(round_.entries, scores):
        for (member, parts, note) in member_scores:
            rounds.submit_score(member, entry, points=points_for(entry.sheet, parts), note=note)


def load_demo_cycle(today):
    """Create the demo OCOP year of Lâm Đồng when it is not there; returns what was added."""
    added = {"ideas": 0, "plans": 0, "dossiers": 0, "rounds": 0, "certificates": 0}
    lam_dong = find_province(PROVINCE)
    if lam_dong is None or find_user_by_email(OFFICER) is not None:
        return added
    products = _uncertified(lam_dong)
    if len(products) < 5:
        return added
    requirements.ensure_defaults()
    officer = assign_province(_account(OFFICER, "Cán bộ OCOP Lâm Đồng (demo)", Role.OFFICER), lam_dong)
    national = _account(NATIONAL, "Cán bộ OCOP trung ương (demo)", Role.OFFICER)
    person = _account("nguoi-dan-lac-duong@demo.ocop.vn", "K'Dung (người dân, demo)", Role.CONSUMER)
    council = [(_account(email, name, Role.CONSUMER), role) for email, name, role in COUNCIL]
    specs, name = sheets.parse(SHEET.read_bytes(), SHEET.name)
    for group in sheets.group_codes():
        if sheets.active_sheet(group) is None:
            sheets.import_sheet(national, group_code=group, name=name, specs=specs)

    for kind, title, body, province in (
            ("guidance", "Hướng dẫn đăng ký ý tưởng sản phẩm OCOP năm nay",
             "Chủ thể đăng ký **ý tưởng sản phẩm** trên Chợ OCOP, mục *Chu trình OCOP*.\n\n"
             "- Ghi rõ nét riêng của địa phương\n- Ghi nguyên liệu và nơi lấy nguyên liệu", lam_dong),
            ("document", "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP (Quyết định 148/QĐ-TTg)",
             "Bộ tiêu chí gồm ba phần: A (40 điểm), B (25 điểm), C (35 điểm).", None)):
        author = officer if province else national
        post = guidance.create_post(author, province=province, kind=kind, title=title, body=body)
        guidance.add_attachment(author, post, name="Văn bản hướng dẫn (PDF)", data=PDF)
        guidance.move_post(author, post, "published")

    owners = list(dict.fromkeys((product.producer, _owner(product.producer)) for product in products))
    accepted_owner, accepted_plan, counts = _ideas(officer, person, owners, today)
    added.update(counts)
    added["dossiers"] += _dossiers(officer, _certified(lam_dong), accepted_owner, accepted_plan)

    closed_on = today - timedelta(days=45)
    closed = rounds.open_round(officer, province=lam_dong, name=f"Đợt 1 năm {closed_on.year}")
    running = rounds.open_round(officer, province=lam_dong,
                                name=f"Đợt {2 if closed_on.year == today.year else 1} năm {today.year}")
    for round_, chosen in ((closed, products[:4]), (running, products[4:5])):
        for user, role in council:
            rounds.add_member(officer, round_, email=user.email, role=role)
        complete = [_complete(officer, _owner(p.producer), p) for p in chosen]
        rounds.assign(officer, round_, complete)
        rounds.start_scoring(officer, round_)
        added["rounds"] += 1
        added["dossiers"] += len(complete)
    members = [user for user, _role in council]
    _score_round(closed, members, [[(member, dict(zip("ABC", parts)), NOTES[i] if k == 3 else "")
                                    for i, (member, parts) in enumerate(zip(members, product_scores))]
                                   for k, product_scores in enumerate(CLOSED_SCORES)])
    _score_round(running, members[:1], [[(members[0], {"A": 30, "B": 19, "C": 25}, "")]])
    rounds.close_scoring(members[0], closed)
    closed.scoring_started_at, closed.closed_at = _at(closed_on - timedelta(days=10)), _at(closed_on, 16)
    for entry in closed.entries:  # the round's history, dated before its close
        entry.dossier.submitted_at = _at(closed_on - timedelta(days=30))
        entry.dossier.completed_at = entry.dossier.checked_at = _at(closed_on - timedelta(days=20))
        entry.proposed_at = closed.closed_at if entry.proposed_at else None
    db.session.commit()
    decision = decisions.record_decision(
        officer, closed, number="1568/QĐ-UBND", decided_on=closed_on + timedelta(days=14),
        signer="Phó Chủ tịch UBND tỉnh Lâm Đồng (demo)", issuing_body="UBND tỉnh Lâm Đồng",
        entry_ids=[entry.id for entry in closed.entries if decisions.recognisable(entry)], today=today)
    added["certificates"] = sum(1 for entry in closed.entries if entry.status.value == "recognised")
    decision.created_at = _at(closed_on + timedelta(days=14))
    db.session.commit()
    return added

