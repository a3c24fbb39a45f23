"""Demo training in Lâm Đồng: `load_demo_training(today)`.

A roster of eight programme officials of Lâm Đồng, a training course held twelve days
before the load day (an event of kind `training`) where five of them and two producers
registered and six were checked in at the door, and an officer's plan for that year whose
target is "100 % of officials trained", so its page shows the measured share. Everything
goes through the services (registrations and check-ins with the course's own times).
Safe to run twice: the course is found by its slug, officials by e-mail, the plan by its
document.
"""
import secrets
from datetime import datetime, time, timedelta

from marketplace.accounts.models import Role
from marketplace.accounts.services import find_user_by_email, register_user
from marketplace.catalog.services import find_province
from marketplace.core.timeutil import VN_TZ
from marketplace.events import lifecycle, visitors
from marketplace.events.models import Event, EventKind, EventStatus
from marketplace.events.times import local_day, to_utc
from marketplace.extensions import db
from marketplace.inspection.demo import demo_officer
from marketplace.programme import services as programme
from marketplace.programme.models import ProgrammePlan
from marketplace.training import services

SLUG = "demo-tap-huan-ocop-lam-dong"
ORGANIZER_EMAIL = "khuyen-nong.lam-dong@demo.ocop.vn"
PLAN_DOCUMENT = "Kế hoạch đào tạo cán bộ quản lý chương trình OCOP (minh họa)"
OFFICIALS = [  # name, position, attended
    ("Nguyễn Thị Thu Hà", "Chi cục Phát triển nông thôn", True),
    ("Trần Văn Minh", "Văn phòng Điều phối nông thôn mới", True),
    ("Lê Hoàng Nam", "Sở Công Thương", True),
    ("Phạm Thị Lan", "UBND xã Lạc Dương", True),
    ("Võ Đức Tài", "UBND phường Lâm Viên – Đà Lạt", False),  # registered, did not come
    ("Đặng Minh Châu", "UBND xã Cầu Đất", False),
    ("Hồ Thị Ngọc", "Trung tâm Khuyến nông", False),
    ("Bùi Quang Huy", "UBND xã Đức Trọng", False),
]
PRODUCERS = [("Chủ HTX Dâu tây (demo)", "htx-dau-tay@demo.ocop.vn"),
             ("Chủ cơ sở Atiso (demo)", "co-so-atiso@demo.ocop.vn")]


def _email(index):
    return f"can-bo-{index + 1}.lam-dong@demo.ocop.vn"


def _organizer():
    user = find_user_by_email(ORGANIZER_EMAIL)
    if user is None:
        user = register_user(email=ORGANIZER_EMAIL, password=secrets.token_urlsafe(24), role=Role.ORGANIZER,
                             full_name="Trung tâm Khuyến nông Lâm Đồng (demo)", self_service=False)
    return user


def _roster(officer, province):
    added = 0
    on_roster = {o.email for o in services.roster(province, include_removed=True)}
    for index, (name, position, _attended) in enumerate(OFFICIALS):
        if _email(index) not in on_roster:
            services.add_official(officer=officer, province=province, full_name=name, email=_email(index),
                                  position=position)
            added += 1
    return added


def _course(province, today):
    """The course, with its registrations and check-ins; None when it already exists."""
    if db.session.execute(db.select(Event.id).where(Event.slug == SLUG)).first() is not None:
        return None
    organizer = _organizer()
    starts = to_utc(datetime.combine(today - timedelta(days=12), time(8, 0), tzinfo=VN_TZ))
    event = lifecycle.create_event(
        organizer=organizer, kind=EventKind.TRAINING, title="Tập huấn quản lý chương trình OCOP 2 ngày (demo)",
        province=province, starts_at=starts, ends_at=starts + timedelta(days=1, hours=9), slug=SLUG,
        venue="Hội trường Trung tâm Khuyến nông", address="Đường Trần Phú, phường Xuân Hương – Đà Lạt",
        visitor_capacity=60, is_demo=True, commit=False,
        description="Lớp tập huấn minh họa cho cán bộ quản lý chương trình OCOP và chủ thể: quy trình đánh giá, "
                    "phân hạng, hồ sơ sản phẩm, hậu kiểm.")
    lifecycle.transition_event(event, EventStatus.PUBLISHED, now=starts - timedelta(days=20), commit=False)
    people = [(name, _email(i), attended) for i, (name, _p, attended) in enumerate(OFFICIALS[:5])]
    people += [(name, email, True) for name, email in PRODUCERS]
    for offset, (name, email, attended) in enumerate(people):
        registration = visitors.register_visitor(event=event, name=name, email=email, commit=False,
                                                 now=starts - timedelta(days=10 - offset))
        if attended:
            visitors.check_in(event=event, code=registration.code, staff=organizer, commit=False,
                              now=starts + timedelta(minutes=10 + offset))
    db.session.commit()
    return event


def _plan(officer, province, year, now):
    if db.session.execute(db.select(ProgrammePlan.id).where(ProgrammePlan.document == PLAN_DOCUMENT,
                                                            ProgrammePlan.start_year == year)).first():
        return 0
    programme.create_plan(actor=officer, now=now, data=programme.PlanInput(
        province=province, start_year=year, end_year=year, document=PLAN_DOCUMENT,
        targets=[programme.TargetInput(metric="officials_trained_share", value=10000,
                                       source="100% cán bộ quản lý chương trình OCOP các cấp được đào tạo")]))
    return 1


def load_demo_training(today):
    """Add the missing demo roster, course and plan; return what was added."""
    officer, province = demo_officer(), find_province("lam-dong")
    added = {"officials": _roster(officer, province), "courses": 0, "plans": 0}
    event = _course(province, today)
    if event is not None:
        added["courses"] = 1
    event = event or db.session.execute(db.select(Event).where(Event.slug == SLUG)).scalar_one()
    added["plans"] = _plan(officer, province, local_day(event.starts_at).year, event.starts_at)
    return added
