"""Who may see and act on what: a provincial officer only in its province (404 elsewhere,
PermissionDenied from the services), a producer only on its own ideas, plans and dossiers,
a council member only in its round, and every route checks the very record it touches."""
import pytest

from marketplace.core.errors import PermissionDenied
from marketplace.cycle import queries
from marketplace.cycle.models import BusinessPlan, Dossier, ProductIdea
from marketplace.cycle.services import dossiers, ideas, rounds
from marketplace.extensions import db
from tests.cycle.conftest import PDF_BYTES, sign_in


@pytest.fixture
def hanoi(world):
    """Hà Nội's records: an idea with an accepted plan (a document and a milestone), a submitted dossier,
    a complete dossier in an open round."""
    idea = world.idea(world.other_owner, world.other_producer, name="Gốm men rạn")
    ideas.decide_idea(world.other_officer, idea, "acknowledge")
    plan = ideas.submit_plan(world.other_owner, idea, body="Phương án",
                             documents=[("Thuyết minh", PDF_BYTES)])
    ideas.decide_plan(world.other_officer, plan, "accept")
    milestone = ideas.add_milestone(world.other_owner, plan, title="Lò nung mới",
                                    planned_on=world.today)
    waiting = world.filled_dossier(world.other_product, world.other_owner)
    _o, _p, second = world.shop("HTX Gốm số 2", "ha-noi", "Bình gốm")
    complete = world.complete_dossier(second, _o, world.other_officer)
    round_ = rounds.open_round(world.other_officer, province=world.ha_noi, name="Đợt Hà Nội")
    member = world.make_user(full_name="Thành viên Hà Nội")
    rounds.add_member(world.other_officer, round_, email=member.email, role="chair")
    rounds.assign(world.other_officer, round_, [complete])
    return {"idea": plan.idea, "plan": plan, "document": plan.documents[0], "milestone": milestone, "dossier": waiting, "round": round_,
            "entry": round_.entries[0], "member": member, "item": waiting.items[0]}


def _state(records):
    db.session.expire_all()
    return (records["idea"].status, records["plan"].status, records["dossier"].status, records["round"].status,
            len(records["round"].members), records["milestone"].done_on, records["item"].key,
            len(records["plan"].comments))


def test_a_provincial_officer_cannot_decide_on_another_provinces_records(world, hanoi):
    officer = world.officer
    idea = world.idea()  # a submitted idea of Hà Nội's producer would be refused the same way
    other_idea = ideas.register_idea(world.other_owner, producer=world.other_producer,
                                     category=idea.category, product_name="Gốm", local_features="A",
                                     raw_materials="B")
    for call in (lambda: ideas.decide_idea(officer, other_idea, "acknowledge"),
                 lambda: ideas.comment_on_plan(officer, hanoi["plan"], body="?"),
                 lambda: dossiers.complete_dossier(officer, hanoi["dossier"]),
                 lambda: dossiers.return_dossier(officer, hanoi["dossier"], flagged_ids=[], note="Thiếu"),
                 lambda: rounds.add_member(officer, hanoi["round"], email=world.owner.email),
                 lambda: rounds.start_scoring(officer, hanoi["round"]),
                 lambda: rounds.open_round(officer, province=world.ha_noi, name="Đợt lạ")):
        before = _state(hanoi)
        with pytest.raises(PermissionDenied):
            call()
        assert _state(hanoi) == before
    ideas.decide_idea(world.national, other_idea, "acknowledge")  # a national officer may


def test_lists_and_dashboard_hold_only_the_officers_province(world, hanoi):
    mine = world.filled_dossier()
    ld_idea = world.idea()
    assert [d.id for d in queries.dossiers(world.officer)] == [mine.id]
    assert {i.id for i in queries.ideas(world.officer)} == {ld_idea.id}
    assert queries.plans(world.officer) == [] and queries.rounds(world.officer) == []
    assert {d.id for d in queries.dossiers(world.national)} >= {mine.id, hanoi["dossier"].id}
    waiting = queries.waiting(world.officer, world.today)
    assert (waiting.dossiers, waiting.ideas, waiting.rounds_preparing) == (1, 1, 0)
    assert queries.waiting(world.national, world.today).rounds_preparing == 1


OFFICER_GETS = ["/admin/ocop/ideas/{idea}", "/admin/ocop/plans/{plan}", "/admin/ocop/dossiers/{dossier}",
                "/admin/ocop/rounds/{round}", "/ocop/documents/dossier-items/{item}", "/ocop/documents/plans/{document}"]
OFFICER_POSTS = ["/admin/ocop/ideas/{idea}", "/admin/ocop/plans/{plan}", "/admin/ocop/plans/{plan}/comments",
                 "/admin/ocop/dossiers/{dossier}/return", "/admin/ocop/dossiers/{dossier}/complete",
                 "/admin/ocop/rounds/{round}/members", "/admin/ocop/rounds/{round}/members/{member}/remove",
                 "/admin/ocop/rounds/{round}/entries", "/admin/ocop/rounds/{round}/entries/{entry}/remove",
                 "/admin/ocop/rounds/{round}/start", "/admin/ocop/rounds/{round}/decision",
                 "/admin/ocop/rounds/{round}/entries/{entry}/central"]


def _ids(records):
    return {"idea": records["idea"].id, "plan": records["plan"].id, "dossier": records["dossier"].id,
            "round": records["round"].id, "entry": records["entry"].id, "member": records["member"].id,
            "item": records["item"].id, "milestone": records["milestone"].id, "document": records["document"].id}


def test_another_provinces_records_answer_404_on_every_officer_route(world, hanoi, client, forms):
    sign_in(client, world.officer)
    ids = _ids(hanoi)
    token = forms.token("/admin/ocop/rounds")
    before = _state(hanoi)
    for url in OFFICER_GETS:
        assert client.get(url.format(**ids)).status_code == 404, url
    for url in OFFICER_POSTS:
        response = client.post(url.format(**ids), data={"csrf_token": token, "decision": "acknowledge",
                                                       "member-email": world.owner.email, "comment-body": "?"})
        assert response.status_code == 404, url
    assert _state(hanoi) == before
    sign_in(client, world.other_officer)
    for url in OFFICER_GETS:
        assert client.get(url.format(**ids)).status_code == 200, url


STUDIO_GETS = ["/studio/ocop/ideas/{idea}", "/studio/ocop/ideas/{idea}/plan", "/studio/ocop/plans/{plan}",
               "/studio/ocop/dossiers/{dossier}", "/ocop/documents/dossier-items/{item}",
               "/ocop/documents/plans/{document}"]
STUDIO_POSTS = ["/studio/ocop/ideas/{idea}", "/studio/ocop/ideas/{idea}/plan", "/studio/ocop/plans/{plan}",
                "/studio/ocop/plans/{plan}/documents", "/studio/ocop/plans/{plan}/comments",
                "/studio/ocop/plans/{plan}/milestones", "/studio/ocop/milestones/{milestone}/done",
                "/studio/ocop/dossiers/{dossier}/items/{item}", "/studio/ocop/dossiers/{dossier}/items/{item}/missing",
                "/studio/ocop/dossiers/{dossier}/submit"]


def test_a_producer_cannot_touch_another_producers_idea_plan_or_dossier(world, hanoi, client, forms):
    sign_in(client, world.owner)
    ids = _ids(hanoi)
    token = forms.token("/studio/ocop/ideas/new")
    before = _state(hanoi)
    for url in STUDIO_GETS:
        assert client.get(url.format(**ids)).status_code == 404, url
    for url in STUDIO_POSTS:
        response = client.post(url.format(**ids), data={"csrf_token": token, "body": "Chiếm", "done-done_on":
                                                       world.today.isoformat(), "comment-body": "?"})
        assert response.status_code == 404, url
    assert _state(hanoi) == before
    assert (db.session.query(ProductIdea).count(), db.session.query(BusinessPlan).count(),
            db.session.query(Dossier).count()) == (1, 1, 2)
    sign_in(client, world.other_owner)
    for url in STUDIO_GETS:  # the owner reaches every one (the plan form leads to the existing plan)
        assert client.get(url.format(**ids)).status_code in (200, 302), url


@pytest.mark.both_stores  # the document on the local file system and on S3
def test_council_pages_belong_to_the_rounds_members(world, hanoi, client):
    ids = _ids(hanoi)
    urls = ["/ocop/council/rounds/{round}", "/ocop/council/rounds/{round}/entries/{entry}"]
    sign_in(client, world.make_user(full_name="Người ngoài"))
    for url in urls:
        assert client.get(url.format(**ids)).status_code == 404
    assert client.get("/ocop/documents/dossier-items/{item}".format(
        item=hanoi["entry"].dossier.items[0].id)).status_code == 404
    sign_in(client, hanoi["member"])
    assert client.get(urls[0].format(**ids)).status_code == 200
    assert client.get("/ocop/documents/dossier-items/{item}".format(
        item=hanoi["entry"].dossier.items[0].id)).status_code == 200  # members read the dossiers they score


def test_roles_and_sign_in(world, client):
    for url in ("/admin/ocop/", "/admin/ocop/ideas", "/admin/ocop/rounds", "/admin/ocop/sheets"):
        assert client.get(url).status_code == 302  # to the sign-in page
        sign_in(client, world.owner)
        assert client.get(url).status_code == 403
        with client.session_transaction() as session:
            session.clear()
    for url in ("/studio/ocop/", "/studio/ocop/ideas/new", "/ocop/council/"):
        assert client.get(url).status_code == 302
    assert client.get("/ocop/guidance").status_code == 200


def test_huge_and_foreign_ids_are_not_found(world, client):
    sign_in(client, world.officer)
    for url in ("/admin/ocop/ideas/2147483648", "/admin/ocop/dossiers/99999999999999999999",
                "/admin/ocop/rounds/0", "/ocop/documents/plans/2147483648"):
        assert client.get(url).status_code == 404, url
    sign_in(client, world.owner)
    assert client.get("/studio/ocop/dossiers/2147483648").status_code == 404
    assert PDF_BYTES  # the fixtures' document is a real PDF
