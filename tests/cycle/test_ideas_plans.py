"""Idea registration and business plans: who registers, what the province answers, what
people are told, and that the same form sent twice makes one record."""
from datetime import timedelta

import pytest

from marketplace.catalog.services import find_category
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.core.submissions import AlreadySubmitted, new_token
from marketplace.cycle.models import Milestone, PlanComment, ProductIdea
from marketplace.cycle.services import ideas
from marketplace.cycle.states import IdeaStatus
from marketplace.extensions import db
from tests.cycle.conftest import PDF_BYTES


def _register(user, **extra):
    fields = dict(category=find_category("ruou"), product_name="Rượu cần Lạc Dương",
                  local_features="Men lá rừng của người K'Ho.", raw_materials="Gạo nếp nương Lạc Dương.")
    return ideas.register_idea(user, **{**fields, **extra})


def test_a_person_without_a_producer_registers_an_idea_with_a_province(world, make_user, letters):
    person = make_user(full_name="K'Dung")
    idea = _register(person, province=world.lam_dong)
    assert (idea.producer_id, idea.province_id, idea.applicant_id) == (None, world.lam_dong.id, person.id)
    with pytest.raises(ValidationError) as refused:
        _register(person)  # no producer and no province
    assert refused.value.field == "province"
    ideas.decide_idea(world.officer, idea, "request_changes", "Ghi sản lượng dự kiến mỗi năm.")
    [(to, subject, body)] = letters()
    assert to == person.email and subject == "Ý tưởng sản phẩm “Rượu cần Lạc Dương” cần bổ sung"
    assert "Ghi sản lượng dự kiến mỗi năm." in body


def test_a_producer_registers_with_its_own_province_whatever_it_asks(world):
    idea = ideas.register_idea(world.owner, producer=world.producer, province=world.ha_noi,
                               category=find_category("ca-phe-ca-cao"), product_name="Cà phê", local_features="A",
                               raw_materials="B")
    assert idea.province_id == world.lam_dong.id
    with pytest.raises(PermissionDenied):  # a producer the user does not act for
        ideas.register_idea(world.owner, producer=world.other_producer,
                            category=find_category("ca-phe-ca-cao"), product_name="X", local_features="A",
                            raw_materials="B")


def test_the_same_form_sent_twice_registers_one_idea(world):
    token = new_token()
    first = _register(world.owner, producer=world.producer, submission=token)
    with pytest.raises(AlreadySubmitted) as repeat:
        _register(world.owner, producer=world.producer, submission=token)
    assert repeat.value.record_id == first.id and db.session.query(ProductIdea).count() == 1
    _register(world.owner, producer=world.producer)  # no form (the CLI, a loader): not deduplicated
    assert db.session.query(ProductIdea).count() == 2


def test_plans_comments_documents_and_what_the_producer_is_told(world, letters):
    idea = world.idea()
    ideas.decide_idea(world.officer, idea, "acknowledge")
    plan = ideas.submit_plan(world.owner, idea, body="**Thị trường**: Đà Lạt",
                             documents=[("Thuyết minh", PDF_BYTES)])
    assert [d.name for d in plan.documents] == ["Thuyết minh"]
    with pytest.raises(ValidationError):  # an upload that is not a PDF or an image is refused
        ideas.add_plan_document(world.owner, plan, name="Tệp lạ", data=b"MZ\x90\x00 not a pdf")
    assert len(plan.documents) == 1
    ideas.comment_on_plan(world.officer, plan, body="Cần tính giá thành.")
    ideas.comment_on_plan(world.owner, plan, body="Đã bổ sung.")
    assert [(c.by_officer, c.body) for c in plan.comments] == [(True, "Cần tính giá thành."), (False, "Đã bổ sung.")]
    with pytest.raises(PermissionDenied):  # another province's officer, another producer
        ideas.comment_on_plan(world.other_officer, plan, body="?")
    with pytest.raises(PermissionDenied):
        ideas.comment_on_plan(world.other_owner, plan, body="?")
    ideas.decide_plan(world.officer, plan, "accept")
    sent = letters()
    assert [subject for _to, subject, _body in sent] == [
        "Ý tưởng sản phẩm “Cà phê chồn Cầu Đất” đã được tiếp nhận",
        "Ý kiến mới về phương án sản xuất kinh doanh “Cà phê chồn Cầu Đất”",
        "Phương án sản xuất kinh doanh “Cà phê chồn Cầu Đất” đã được chấp thuận"]
    assert {to for to, _subject, _body in sent} == {world.owner.email}
    assert "Cần tính giá thành." in sent[1][2]
    assert db.session.query(PlanComment).count() == 2


def test_milestones_of_an_accepted_plan(world):
    plan = world.accepted_plan()
    today = world.today
    late = ideas.add_milestone(world.owner, plan, title="Mua máy sấy",
                               planned_on=today - timedelta(days=5))
    ideas.add_milestone(world.owner, plan, title="Bao bì mới", planned_on=today + timedelta(days=30))
    with pytest.raises(ValidationError):  # done in the future
        ideas.report_milestone(world.owner, late, done_on=today + timedelta(days=1), note="", today=today)
    ideas.report_milestone(world.owner, late, done_on=today, note="Máy đã chạy thử.", today=today)
    assert (late.done_on, late.note) == (today, "Máy đã chạy thử.")
    with pytest.raises(PermissionDenied):
        ideas.report_milestone(world.other_owner, late, done_on=today, note="", today=today)
    submitted = world.idea(name="Khác")
    ideas.decide_idea(world.officer, submitted, "acknowledge")
    other_plan = ideas.submit_plan(world.owner, submitted, body="P")
    with pytest.raises(Exception) as refused:  # milestones only once the plan is accepted
        ideas.add_milestone(world.owner, other_plan, title="X", planned_on=today)
    assert type(refused.value).__name__ == "InvalidTransition"
    assert db.session.query(Milestone).count() == 2


def test_an_officer_never_decides_on_its_own_idea(world):
    idea = _register(world.officer, province=world.lam_dong)
    with pytest.raises(PermissionDenied):
        ideas.decide_idea(world.officer, idea, "acknowledge")
    assert idea.status is IdeaStatus.SUBMITTED
