"""Training: courses are an event kind whose door check-in is the attendance; each province's
officers keep a roster of programme officials; "share of officials trained" is measured from both."""
import json
import re
from datetime import timedelta

import pytest

from marketplace.catalog.services import find_former_province, find_province
from marketplace.core.timeutil import utcnow
from marketplace.events import lifecycle, visitors
from marketplace.events.models import EventKind, EventStatus
from marketplace.events.times import local_day
from marketplace.extensions import db
from marketplace.programme.metrics import Scope, measure
from marketplace.training import services
from marketplace.training.models import ProgrammeOfficial


@pytest.fixture
def organizer(make_user):
    return make_user(role="organizer", email="khuyennong@example.vn", full_name="Trung tâm Khuyến nông")


def course(organizer, province="lam-dong", days_ago=3, kind=EventKind.TRAINING, title="Tập huấn OCOP"):
    """A published course that started `days_ago` days ago and lasts two days."""
    starts = utcnow().replace(microsecond=0) - timedelta(days=days_ago)
    event = lifecycle.create_event(organizer=organizer, kind=kind, title=title, province=find_province(province),
                                   starts_at=starts, ends_at=starts + timedelta(days=max(days_ago, 0) + 2))
    lifecycle.transition_event(event, EventStatus.PUBLISHED)
    return event


def attend(event, organizer, name, email, check_in=True):
    registration = visitors.register_visitor(event=event, name=name, email=email)
    if check_in:
        visitors.check_in(event=event, code=registration.code, staff=organizer)
    return registration


def add(officer, province, name, email, former=None):
    return services.add_official(officer=officer, province=find_province(province), full_name=name, email=email,
                                 former_province=find_former_province(former) if former else None)


def share_in_year_of(event, province="lam-dong", former=None):
    year = local_day(event.starts_at).year
    scope = Scope.of_years(find_province(province), year, year, local_day(event.starts_at) + timedelta(days=3),
                           utcnow())
    if former:
        scope = Scope(**{**scope.__dict__, "former_province": find_former_province(former)})
    return measure("officials_trained_share", scope)


@pytest.mark.both_engines
def test_share_of_officials_trained_counts_check_ins_of_rostered_e_mails(officers, organizer):
    officer = officers["lam-dong"]
    for n in range(4):
        add(officer, "lam-dong", f"Cán bộ {n}", f"canbo{n}@lamdong.gov.vn")
    add(officers["ha-noi"], "ha-noi", "Cán bộ Hà Nội", "canbo.hn@hanoi.gov.vn")
    training = course(organizer)
    fair = course(organizer, kind=EventKind.FAIR, title="Hội chợ")
    assert share_in_year_of(training).measurable and share_in_year_of(training).value == 0
    attend(training, organizer, "Cán bộ 0", "CanBo0@LamDong.gov.vn")          # matched whatever the case
    attend(training, organizer, "Cán bộ 1", "canbo1@lamdong.gov.vn", check_in=False)  # registered, never came
    attend(training, organizer, "Khách", "khach@example.vn")                  # not an official
    attend(fair, organizer, "Cán bộ 2", "canbo2@lamdong.gov.vn")              # a fair is not a training
    attend(training, organizer, "Cán bộ Hà Nội", "canbo.hn@hanoi.gov.vn")     # another province's roster
    result = share_in_year_of(training)
    assert (result.numerator, result.denominator, result.value) == (1, 4, 2500)
    second = course(organizer, province="ha-noi", title="Tập huấn OCOP tại Hà Nội")  # a course anywhere counts
    attend(second, organizer, "Cán bộ 3", "canbo3@lamdong.gov.vn")
    attend(second, organizer, "Cán bộ 0", "canbo0@lamdong.gov.vn")  # twice trained, counted once
    assert share_in_year_of(training).numerator == 2
    official = db.session.execute(db.select(ProgrammeOfficial).filter_by(email="canbo3@lamdong.gov.vn")).scalar_one()
    services.remove_official(officer=officer, official=official)
    result = share_in_year_of(training)
    assert (result.numerator, result.denominator) == (1, 3)


def test_courses_outside_the_period_do_not_count(officers, organizer):
    add(officers["lam-dong"], "lam-dong", "Cán bộ A", "a@lamdong.gov.vn")
    old = course(organizer, days_ago=400)
    attend(old, organizer, "Cán bộ A", "a@lamdong.gov.vn")
    year = local_day(old.starts_at).year + 1
    scope = Scope.of_years(find_province("lam-dong"), year, year, local_day(old.starts_at) + timedelta(days=400),
                           utcnow())
    assert measure("officials_trained_share", scope).numerator == 0
    assert share_in_year_of(old).numerator == 1


def test_a_plan_of_a_former_province_counts_its_officials(officers, organizer):
    officer = officers["national"]
    add(officer, "can-tho", "Cán bộ Cần Thơ cũ", "ct@cantho.gov.vn", former="can-tho")
    add(officer, "can-tho", "Cán bộ Sóc Trăng cũ", "st@soctrang.gov.vn", former="soc-trang")
    training = course(organizer, province="can-tho")
    attend(training, organizer, "Cán bộ Sóc Trăng cũ", "st@soctrang.gov.vn")
    assert (share_in_year_of(training, "can-tho", former="can-tho").numerator,
            share_in_year_of(training, "can-tho", former="can-tho").denominator) == (0, 1)
    assert share_in_year_of(training, "can-tho").numerator == 1


def test_no_roster_is_said_not_shown_as_zero(organizer):
    result = share_in_year_of(course(organizer))
    assert result.measurable and result.value is None and "Chưa có danh sách" in str(result.note)


def test_a_training_course_is_not_a_trade_event(officers, organizer):
    fair = course(organizer, kind=EventKind.FAIR, title="Hội chợ")
    before = measure("trade_events", Scope.of_years(find_province("lam-dong"), local_day(fair.starts_at).year,
                                                    local_day(fair.starts_at).year, local_day(fair.starts_at),
                                                    utcnow())).value
    course(organizer)
    after = measure("trade_events", Scope.of_years(find_province("lam-dong"), local_day(fair.starts_at).year,
                                                   local_day(fair.starts_at).year, local_day(fair.starts_at),
                                                   utcnow())).value
    assert before == after == 1


def test_course_page_is_an_education_event(client, organizer):
    event = course(organizer, days_ago=-10)
    html = client.get(f"/events/{event.slug}").get_data(as_text=True)
    data = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "EducationEvent" and "Lớp tập huấn, đào tạo OCOP" in html
    assert "Lớp tập huấn" in client.get("/events?kind=training").get_data(as_text=True)


def test_officials_targets_in_the_plans_file_are_now_measurable(app):
    with open(f"{app.config['SHARED_DATA_DIR']}/program_targets.json", encoding="utf-8") as handle:
        plans = json.load(handle)["plans"]
    using = [p["id"] for p in plans if any(t["metric"] == "officials_trained_share" for t in p["targets"])]
    assert using == ["can-tho-2023", "hai-phong-2021-2025", "ca-mau-2020"]
    from marketplace.programme.metrics import REGISTRY
    assert REGISTRY["officials_trained_share"].measurable
