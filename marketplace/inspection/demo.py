"""Demo post-inspections and complaints in Lâm Đồng: `load_demo_inspection(today)`.

Run after the demo catalogue (it uses the public demo products of Lâm Đồng). Four
inspections in the last weeks, one of each outcome (maintained, warning, downgraded,
revoked), an answered complaint and an open one, all made through the services by a
demo officer of Lâm Đồng (random password: sign in as an admin, or give the account a
password with `flask users`). Safe to run twice: nothing is added once the demo officer's
inspections exist; a complaint is found by its demo reporter's address and its message.
"""
import secrets
from datetime import timedelta

from marketplace.accounts.models import Role
from marketplace.accounts.services import assign_province, find_user_by_email, register_user
from marketplace.catalog.models import Certification, Producer, Product
from marketplace.catalog.queries import public_products_clause
from marketplace.catalog.services import find_province
from marketplace.extensions import db
from marketplace.inspection import services
from marketplace.inspection.models import Complaint, ComplaintStatus, Inspection

OFFICER_EMAIL = "can-bo.lam-dong@demo.ocop.vn"
PROVINCE = "lam-dong"
REPORTER_EMAIL = "nguoi-mua@demo.ocop.vn"

# outcome, days ago, findings, whether it lowers the stars by one
REASSESSED_POINTS = {4: 82, 3: 66}  # inside the band of the new stars
INSPECTIONS = [
    ("maintained", 40, "Cơ sở sản xuất đạt yêu cầu; hồ sơ truy xuất nguồn gốc đầy đủ.", False),
    ("warning", 26, "Nhãn chưa ghi hạn sử dụng theo quy định; yêu cầu khắc phục trong 30 ngày.", False),
    ("downgraded", 14, "Hai chỉ tiêu chất lượng không còn đạt hạng cũ; hội đồng đánh giá lại, hạ một hạng.", True),
    ("revoked", 6, "Chủ thể ngừng sản xuất, không duy trì được tiêu chuẩn sản phẩm OCOP.", False),
]
COMPLAINTS = [
    ("answered", "ocop_claim", "Bao bì in 5 sao nhưng trên sàn chỉ thấy 4 sao, đâu là thông tin đúng?",
     "Sản phẩm đã được hạ hạng xuống 4 sao sau hậu kiểm; bao bì cũ đang được thu hồi. Cảm ơn anh đã phản ánh."),
    ("open", "quality", "Hộp nhận được bị móp và có mùi lạ, đề nghị kiểm tra lô hàng.", None),
]


def demo_officer():
    """The demo programme officer of Lâm Đồng (created once)."""
    user = find_user_by_email(OFFICER_EMAIL)
    if user is None:
        user = register_user(email=OFFICER_EMAIL, password=secrets.token_urlsafe(24), role=Role.OFFICER,
                             full_name="Cán bộ OCOP Lâm Đồng (demo)", self_service=False)
        assign_province(user, find_province(PROVINCE))
    return user


def _current_certificates(today):
    """Current certificates of public demo products of Lâm Đồng decided over 60 days ago, most stars first."""
    province = find_province(PROVINCE)
    return db.session.execute(
        db.select(Certification).join(Product, Product.id == Certification.product_id)
        .join(Producer, Producer.id == Product.producer_id)
        .where(Producer.is_demo.is_(True), Producer.province_id == province.id, public_products_clause(),
               Certification.is_current(today), Certification.decided_on <= today - timedelta(days=60))
        .order_by(Certification.stars.desc(), Product.id)).scalars().all()


def _inspect(officer, certificates, today):
    added = 0
    used = set()
    for outcome, days, findings, downgrade in INSPECTIONS:
        wanted = [c for c in certificates if c.product_id not in used and (not downgrade or c.stars >= 4)]
        if not wanted:
            continue
        cert = wanted[0] if downgrade else wanted[-1]
        used.add(cert.product_id)
        lower = cert.stars - 1 if downgrade else None
        services.record_inspection(
            officer=officer, certification=cert, inspected_on=today - timedelta(days=days), findings=findings,
            outcome=outcome, today=today,
            new_stars=lower, new_points=REASSESSED_POINTS.get(lower),
            decision_number=f"{100 + days}/QĐ-UBND (demo)" if outcome in ("downgraded", "revoked") else None,
            issuing_body="UBND tỉnh Lâm Đồng")
        added += 1
    return added


def _complain(officer, products, today):
    added = 0
    for (_state, kind, message, answer), product in zip(COMPLAINTS, products):
        if db.session.execute(db.select(Complaint.id).where(Complaint.reporter_email == REPORTER_EMAIL,
                                                            Complaint.message == message)).first() is not None:
            continue
        complaint = services.file_complaint(
            product=product, kind=kind, message=message, email=REPORTER_EMAIL, name="Người mua (demo)", today=today)
        if answer:
            services.move_complaint(officer, complaint, ComplaintStatus.IN_REVIEW)
            services.move_complaint(officer, complaint, ComplaintStatus.ANSWERED, answer=answer)
        added += 1
    return added


def load_demo_inspection(today):
    """Add the demo inspections and complaints that are missing; return what was added."""
    officer = demo_officer()
    added = {"inspections": 0, "complaints": 0}
    if db.session.execute(db.select(Inspection.id).where(Inspection.officer_id == officer.id)).first() is None:
        added["inspections"] = _inspect(officer, _current_certificates(today), today)
    province = find_province(PROVINCE)
    products = db.session.execute(
        db.select(Product).join(Product.producer)
        .where(Producer.is_demo.is_(True), Producer.province_id == province.id, public_products_clause())
        .order_by(Product.id).limit(len(COMPLAINTS))).scalars().all()
    added["complaints"] = _complain(officer, products, today)
    return added
