"""Every create form of the cycle, sent twice as a double tap or a reload would: one record, and the
repeat leads to it with a note (core.submissions), never an error such as "already has a plan",
"already in the council" or "already decided". A form without its token creates nothing."""
from datetime import timedelta

from marketplace.cycle.models import (BusinessPlan, CouncilMember, Dossier, DossierRequirement, EvaluationRound,
                                      GuidanceAttachment, GuidancePost, Milestone, PlanComment, PlanDocument,
                                      ProductIdea, Provenance, RecognitionDecision, RoundEntry, Score, ScoringSheet)
from marketplace.cycle.services import guidance, ideas, rounds
from marketplace.cycle.states import IdeaStatus, PlanStatus
from marketplace.extensions import db
from tests.conftest import FormClient
from tests.cycle.conftest import PDF_BYTES, sign_in
from tests.submissions import assert_created_once, assert_refused_without_token

IDEA = {"category": "ca-phe-ca-cao", "product_name": "Cà phê mật ong", "local_features": "Sơ chế mật ong.",
        "raw_materials": "Cà phê Cầu Đất."}
SHEET_CSV = "part,code,criterion,max_points\nA,A1,Nguyên liệu,40\nB,B1,Tiếp thị,25\nC,C1,Chất lượng,35\n"


def _count(model):
    return lambda: db.session.query(model).count()


def _as(client, user):
    sign_in(client, user)
    return FormClient(client)


def test_an_idea_sent_twice_is_one_idea(world, client):
    forms = _as(client, world.owner)
    first, _ = assert_created_once(forms, "/studio/ocop/ideas/new", IDEA, _count(ProductIdea))
    assert first.location == f"/studio/ocop/ideas/{db.session.query(ProductIdea.id).scalar()}"
    assert_refused_without_token(forms, "/studio/ocop/ideas/new", IDEA, _count(ProductIdea))


def test_a_plan_sent_twice_is_one_plan_not_already_has_a_plan(world, client):
    idea = world.idea()
    ideas.decide_idea(world.officer, idea, "acknowledge")
    forms = _as(client, world.owner)
    url = f"/studio/ocop/ideas/{idea.id}/plan"
    first, _ = assert_created_once(forms, url, {"body": "## Thị trường\nĐà Lạt."}, _count(BusinessPlan))
    assert first.location == f"/studio/ocop/plans/{db.session.query(BusinessPlan.id).scalar()}"


def test_plan_documents_comments_and_milestones_sent_twice(world, client):
    idea = world.idea()
    ideas.decide_idea(world.officer, idea, "acknowledge")
    plan = ideas.submit_plan(world.owner, idea, body="Phương án")
    page = f"/studio/ocop/plans/{plan.id}"
    forms = _as(client, world.owner)
    assert_created_once(forms, f"{page}/documents", {"doc-name": "Thuyết minh"}, _count(PlanDocument), form_url=page,
                        files={"doc-file": (PDF_BYTES, "thuyet-minh.pdf")})
    assert_created_once(forms, f"{page}/comments", {"comment-body": "Đã bổ sung."}, _count(PlanComment),
                        form_url=page)
    assert_refused_without_token(forms, f"{page}/comments", {"comment-body": "Lần nữa."}, _count(PlanComment),
                                 form_url=page)
    officer = _as(client, world.officer)
    assert_created_once(officer, f"/admin/ocop/plans/{plan.id}/comments", {"comment-body": "Cần tính giá thành."},
                        _count(PlanComment), form_url=f"/admin/ocop/plans/{plan.id}")
    ideas.decide_plan(world.officer, plan, "accept")
    forms = _as(client, world.owner)
    assert_created_once(forms, f"{page}/milestones", {"ms-title": "Mua máy rang", "ms-note": "",
                                                     "ms-planned_on": (world.today + timedelta(days=9)).isoformat()},
                        _count(Milestone), form_url=page)


def test_a_dossier_sent_twice_is_one_dossier_not_already_on_its_way(world, client):
    forms = _as(client, world.owner)
    first, _ = assert_created_once(forms, "/studio/ocop/dossiers/new", {"source": f"product:{world.product.id}"},
                                   _count(Dossier))
    assert first.location == f"/studio/ocop/dossiers/{db.session.query(Dossier.id).scalar()}"


def test_a_round_its_council_and_its_entries_sent_twice(world, client):
    dossier = world.complete_dossier()
    chair = world.council(1)[0]
    forms = _as(client, world.officer)
    first, _ = assert_created_once(forms, "/admin/ocop/rounds", {"province": "lam-dong", "name": "Đợt 2"},
                                   _count(EvaluationRound))
    round_id = db.session.query(EvaluationRound.id).scalar()
    assert first.location == f"/admin/ocop/rounds/{round_id}"
    page = f"/admin/ocop/rounds/{round_id}"
    assert_created_once(forms, f"{page}/members", {"member-email": chair.email, "member-role": "chair"},
                        _count(CouncilMember), form_url=page)
    assert_created_once(forms, f"{page}/entries", {"assign-dossiers": [str(dossier.id)]}, _count(RoundEntry),
                        form_url=page)


def test_a_score_sent_twice_is_one_score(world, client):
    members = world.council()
    round_ = world.round(members, [world.complete_dossier()])
    entry = round_.entries[0]
    from marketplace.cycle.demo import points_for
    values = points_for(entry.sheet, {"A": 31, "B": 20, "C": 27})
    forms = _as(client, members[1])
    url = f"/ocop/council/rounds/{round_.id}/entries/{entry.id}"
    assert_created_once(forms, url, {**{f"c{c.id}": str(values[c.id]) for c in entry.sheet.criteria}, "note": "Tốt"},
                        _count(Score))


def _closed_round(world, points):
    members = world.council()
    round_ = world.round(members, [world.complete_dossier()])
    entry = round_.entries[0]
    for member in members:
        world.score(member, entry, *points)
    rounds.close_scoring(members[0], round_)
    return round_, entry


def test_a_recognition_decision_sent_twice_is_one_decision(world, client):
    round_, entry = _closed_round(world, (31, 20, 27))
    forms = _as(client, world.officer)
    page = f"/admin/ocop/rounds/{round_.id}"
    assert_created_once(forms, f"{page}/decision", {
        "decision-entries": [str(entry.id)], "decision-number": "77/QĐ-UBND",
        "decision-decided_on": world.today.isoformat(), "decision-signer": "Chủ tịch",
        "decision-issuing_body": "UBND tỉnh Lâm Đồng"}, _count(RecognitionDecision), form_url=page)
    assert len(world.product.certifications) == 1


def test_a_central_result_sent_twice_is_one_certificate(world, client):
    round_, entry = _closed_round(world, (38, 24, 30))
    forms = _as(client, world.officer)
    page, prefix = f"/admin/ocop/rounds/{round_.id}", f"central{entry.id}-"
    assert_created_once(forms, f"{page}/entries/{entry.id}/central", {
        f"{prefix}points": "93", f"{prefix}number": "9/QĐ-BNNMT", f"{prefix}signer": "Thứ trưởng",
        f"{prefix}issuing_body": "Bộ Nông nghiệp và Môi trường", f"{prefix}decided_on": world.today.isoformat()},
        _count(Provenance), form_url=page)


def test_a_scoring_sheet_and_a_checklist_line_sent_twice(world, client):
    forms = _as(client, world.national)
    first, _ = assert_created_once(forms, "/admin/ocop/sheets", {"group": "1", "name": "Phiếu nhóm 1 mới",
                                                                "text": SHEET_CSV}, _count(ScoringSheet))
    assert first.location == f"/admin/ocop/sheets/{db.session.query(db.func.max(ScoringSheet.id)).scalar()}"
    assert_created_once(forms, "/admin/ocop/requirements", {"group": "6", "name_vi": "Giấy phép lữ hành",
                                                            "name_en": "", "required": "y"},
                        _count(DossierRequirement))


def test_a_guidance_post_and_its_attachment_sent_twice(world, client):
    forms = _as(client, world.officer)
    data = {"province": "lam-dong", "kind": "news", "title": "Tin mới", "body": "Nội dung"}
    first, _ = assert_created_once(forms, "/admin/ocop/guidance", data, _count(GuidancePost))
    post = db.session.query(GuidancePost).one()
    assert first.location == f"/admin/ocop/guidance/{post.id}"
    assert_created_once(forms, f"/admin/ocop/guidance/{post.id}/attachments", {"file-name": "Văn bản"},
                        _count(GuidanceAttachment), form_url=f"/admin/ocop/guidance/{post.id}",
                        files={"file-file": (PDF_BYTES, "van-ban.pdf")})
    assert_refused_without_token(forms, "/admin/ocop/guidance", {**data, "title": "Khác"}, _count(GuidancePost))


def test_the_edit_forms_create_nothing_and_need_no_token(world, client):
    """Sending back a returned idea or plan and editing a post change a record: no token, no refusal."""
    idea = world.idea()
    ideas.decide_idea(world.officer, idea, "request_changes", "Ghi sản lượng.")
    forms = _as(client, world.owner)
    response = forms.post(f"/studio/ocop/ideas/{idea.id}", {**IDEA, "product_name": "Cà phê chồn"})
    assert response.status_code == 302 and db.session.get(ProductIdea, idea.id).status is IdeaStatus.SUBMITTED
    ideas.decide_idea(world.officer, idea, "acknowledge")
    plan = ideas.submit_plan(world.owner, idea, body="Phương án")
    ideas.decide_plan(world.officer, plan, "request_changes", "Thêm giá thành.")
    response = forms.post(f"/studio/ocop/plans/{plan.id}", {"body": "Phương án có giá thành"})
    assert response.status_code == 302 and db.session.get(BusinessPlan, plan.id).status is PlanStatus.SUBMITTED
    post = guidance.create_post(world.officer, province=world.lam_dong, kind="news", title="Tin", body="A")
    forms = _as(client, world.officer)
    response = forms.post(f"/admin/ocop/guidance/{post.id}", {"kind": "news", "title": "Tin sửa", "body": "B"})
    assert response.status_code == 302 and db.session.get(GuidancePost, post.id).title == "Tin sửa"
    assert db.session.query(ProductIdea).count() == db.session.query(GuidancePost).count() == 1
