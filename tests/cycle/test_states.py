"""Every state machine of the cycle, through the services: the allowed moves happen, every
other move is refused with InvalidTransition and changes nothing."""
import pytest

from marketplace.core.errors import InvalidTransition, ValidationError
from marketplace.cycle import states
from marketplace.cycle.models import GuidancePost
from marketplace.cycle.services import decisions, dossiers, guidance, ideas, rounds
from marketplace.cycle.states import (DossierStatus, EntryStatus, GuidanceStatus, IdeaStatus, PlanStatus,
                                      RoundStatus)
from marketplace.extensions import db


def _refused(call, record, field="status"):
    """`call()` raises InvalidTransition and `record` keeps its state, also in the database."""
    before = getattr(record, field)
    with pytest.raises(InvalidTransition):
        call()
    db.session.expire_all()
    assert getattr(record, field) == before


@pytest.mark.parametrize("machine", [states.IDEA, states.PLAN, states.DOSSIER, states.ROUND, states.ENTRY,
                                     states.GUIDANCE])
def test_every_machine_refuses_what_its_table_does_not_list(machine):
    class Record:
        status = None
    for current in machine.states:
        for target in machine.states:
            record = Record()
            record.status = current
            if target in machine.transitions[current]:
                assert machine.move(record, target) == current and record.status == target
            else:
                with pytest.raises(InvalidTransition):
                    machine.move(record, target)
                assert record.status == current
    record = Record()
    record.status = next(iter(machine.states))
    with pytest.raises(InvalidTransition):  # an unknown state is a refusal, never a ValueError (500)
        machine.move(record, "nonsense")


def test_idea_machine(world):
    idea = world.idea()
    assert idea.status is IdeaStatus.SUBMITTED
    _refused(lambda: ideas.resubmit_idea(world.owner, idea, category=idea.category, product_name="X",
                                         local_features="Y", raw_materials="Z"), idea)
    ideas.decide_idea(world.officer, idea, "request_changes", "Ghi rõ vùng nguyên liệu.")
    assert idea.status is IdeaStatus.CHANGES_REQUESTED and idea.reason == "Ghi rõ vùng nguyên liệu."
    _refused(lambda: ideas.decide_idea(world.officer, idea, "acknowledge"), idea)
    ideas.resubmit_idea(world.owner, idea, category=idea.category, product_name="Cà phê chồn",
                        local_features="Độ cao 1.600 m", raw_materials="30 hộ Cầu Đất")
    assert idea.status is IdeaStatus.SUBMITTED and idea.product_name == "Cà phê chồn"
    ideas.decide_idea(world.officer, idea, "acknowledge")
    assert idea.status is IdeaStatus.ACKNOWLEDGED
    for decision in ("acknowledge", "decline", "request_changes"):
        _refused(lambda: ideas.decide_idea(world.officer, idea, decision, "lý do"), idea)
    declined = world.idea(name="Ý tưởng khác")
    ideas.decide_idea(world.officer, declined, "decline", "Không gắn với địa phương.")
    assert declined.status is IdeaStatus.DECLINED
    _refused(lambda: ideas.decide_idea(world.officer, declined, "acknowledge"), declined)


def test_plan_machine(world):
    idea = world.idea()
    _refused(lambda: ideas.submit_plan(world.owner, idea, body="Phương án"), idea)
    assert idea.plan is None  # a plan only for an acknowledged idea
    ideas.decide_idea(world.officer, idea, "acknowledge")
    plan = ideas.submit_plan(world.owner, idea, body="Phương án")
    assert plan.status is PlanStatus.SUBMITTED
    _refused(lambda: ideas.submit_plan(world.owner, idea, body="Phương án thứ hai"), plan)
    _refused(lambda: ideas.resubmit_plan(world.owner, plan, body="Sửa"), plan)
    ideas.decide_plan(world.officer, plan, "request_changes", "Thêm giá thành.")
    assert plan.status is PlanStatus.CHANGES_REQUESTED
    _refused(lambda: ideas.decide_plan(world.officer, plan, "accept"), plan)
    ideas.resubmit_plan(world.owner, plan, body="Phương án có giá thành")
    ideas.decide_plan(world.officer, plan, "accept")
    assert plan.status is PlanStatus.ACCEPTED
    _refused(lambda: ideas.decide_plan(world.officer, plan, "request_changes", "Lại"), plan)
    _refused(lambda: ideas.add_plan_document(world.owner, plan, name="Tệp", data=b"%PDF-"), plan)


def test_dossier_machine(world):
    dossier = world.filled_dossier(submit=False)
    assert dossier.status is DossierStatus.DRAFT
    _refused(lambda: dossiers.complete_dossier(world.officer, dossier), dossier)
    _refused(lambda: dossiers.return_dossier(world.officer, dossier, flagged_ids=[], note="Thiếu"), dossier)
    dossiers.submit_dossier(world.owner, dossier)
    _refused(lambda: dossiers.submit_dossier(world.owner, dossier), dossier)
    _refused(lambda: dossiers.mark_missing(world.owner, dossier.items[0]), dossier.items[0], "state")
    dossiers.return_dossier(world.officer, dossier, flagged_ids=[dossier.items[0].id], note="")
    assert dossier.status is DossierStatus.RETURNED and dossier.items[0].flagged
    _refused(lambda: dossiers.complete_dossier(world.officer, dossier), dossier)
    dossiers.submit_dossier(world.owner, dossier)
    dossiers.complete_dossier(world.officer, dossier)
    assert dossier.status is DossierStatus.COMPLETE and not any(item.flagged for item in dossier.items)
    _refused(lambda: dossiers.return_dossier(world.officer, dossier, flagged_ids=[], note="Muộn"), dossier)
    _refused(lambda: dossiers.upload_item(world.owner, dossier.items[0], b"%PDF-1.4\n%%EOF\n"), dossier)


def test_round_and_entry_machines(world):
    members = world.council()
    round_ = world.round(members, [world.complete_dossier()], start=False)
    entry = round_.entries[0]
    _refused(lambda: world.score(members[1], entry, 30, 20, 25), round_)  # not scoring yet
    _refused(lambda: rounds.close_scoring(members[0], round_), round_)
    rounds.start_scoring(world.officer, round_)
    assert round_.status is RoundStatus.SCORING
    _refused(lambda: rounds.start_scoring(world.officer, round_), round_)
    _refused(lambda: rounds.add_member(world.officer, round_, email=world.owner.email), round_)
    _refused(lambda: decisions.record_decision(world.officer, round_, number="1/QĐ", decided_on=world.today,
                                               signer="A", issuing_body="UBND", entry_ids=[]), round_)
    for member in members:
        world.score(member, entry, 31, 20, 27)
    rounds.close_scoring(members[0], round_)
    assert round_.status is RoundStatus.CLOSED and entry.status is EntryStatus.EVALUATED
    assert entry.dossier.status is DossierStatus.EVALUATED
    _refused(lambda: rounds.close_scoring(members[0], round_), round_)
    _refused(lambda: world.score(members[1], entry, 40, 25, 35), entry)
    _refused(lambda: decisions.record_central_result(world.officer, entry, points=95, number="1/QĐ-BNN",
                                                     decided_on=world.today, signer="B", issuing_body="Bộ"), entry)
    decisions.record_decision(world.officer, round_, number="12/QĐ-UBND", decided_on=world.today, signer="A",
                              issuing_body="UBND tỉnh Lâm Đồng", entry_ids=[entry.id])
    assert entry.status is EntryStatus.RECOGNISED
    _refused(lambda: decisions.record_decision(world.officer, round_, number="13/QĐ-UBND", decided_on=world.today,
                                               signer="A", issuing_body="UBND", entry_ids=[]), entry)


def test_guidance_machine(world):
    post = guidance.create_post(world.officer, province=world.lam_dong, kind="news",
                                title="Tin", body="Nội dung")
    assert post.status is GuidanceStatus.DRAFT
    _refused(lambda: guidance.move_post(world.officer, post, "withdrawn"), post)
    guidance.move_post(world.officer, post, "published")
    first = post.published_at
    _refused(lambda: guidance.move_post(world.officer, post, "published"), post)
    _refused(lambda: guidance.move_post(world.officer, post, "draft"), post)
    guidance.move_post(world.officer, post, "withdrawn")
    guidance.move_post(world.officer, post, "published")
    assert db.session.get(GuidancePost, post.id).published_at == first


def test_a_reason_is_required_to_ask_for_changes_or_decline(world):
    idea = world.idea()
    for decision in ("request_changes", "decline"):
        with pytest.raises(ValidationError):
            ideas.decide_idea(world.officer, idea, decision, "  ")
    with pytest.raises(ValidationError):
        ideas.decide_idea(world.officer, idea, "approve-everything")
    assert idea.status is IdeaStatus.SUBMITTED
