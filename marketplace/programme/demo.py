"""A demo plan in progress: `load_demo_plan(today)`.

The plans of shared/data/program_targets.json are real documents with their own
years (2019–2025). As time passes their periods lie further behind, while the demo
catalogue's certificates are always decided in the years before the day it is
loaded; after a while every plan would show nothing done. So that the programme
pages show a plan under way whatever the day, the demo adds one officers' plan for
Hà Nội in its second year (last year to next year, from the day it is loaded),
entered by a demo officer and marked as an illustration in its document's name.
Idempotent (found by its document and author); offline. The demo officer has a
random password, like the demo organizer.
"""
from marketplace.accounts.demo import demo_account
from marketplace.accounts.models import Role
from marketplace.catalog.services import find_province
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db
from marketplace.programme.models import SHARE_SCALE, ProgrammePlan
from marketplace.programme.services import PlanInput, TargetInput, create_plan

OFFICER_EMAIL = "can-bo@demo.ocop.vn"
DOCUMENT = "Kế hoạch phát triển sản phẩm OCOP Hà Nội giai đoạn {start}–{end} (minh họa)"
TARGETS = [
    ("new_products_3star_plus", 60, None, "Phát triển thêm ít nhất 60 sản phẩm OCOP đạt từ 3 sao trở lên"),
    ("new_products_4star", 20, None, "trong đó 20 sản phẩm đạt 4 sao"),
    ("products_standardised", 80, None, "Chuẩn hóa 80 sản phẩm theo bộ tiêu chí OCOP"),
    ("share_subjects_cooperative", None, 40 * SHARE_SCALE // 100, "ít nhất 40% chủ thể OCOP là hợp tác xã"),
    ("showrooms", 3, None, "Xây dựng 3 điểm giới thiệu và bán sản phẩm OCOP"),
]


def load_demo_plan(today):
    """Add the demo plan for the years around `today` unless it is there; returns 1 or 0."""
    start, end = today.year - 1, today.year + 1
    document = DOCUMENT.format(start=start, end=end)
    officer = demo_account(OFFICER_EMAIL, "Cán bộ Văn phòng Điều phối OCOP (demo)", Role.OFFICER)
    if db.session.execute(db.select(ProgrammePlan.id).where(ProgrammePlan.document == document,
                                                            ProgrammePlan.created_by_id == officer.id)).first():
        return 0
    targets = [TargetInput(metric=metric, value=value, min_value=minimum, source=source)
               for metric, value, minimum, source in TARGETS]
    create_plan(actor=officer, now=utcnow(), data=PlanInput(province=find_province("HN"), start_year=start,
                                                             end_year=end, document=document, targets=targets))
    return 1
