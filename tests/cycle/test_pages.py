"""The cycle through its pages, as people use them (forms with CSRF, no JavaScript): every
step's form works, bad input is answered 400 with a message and changes nothing."""
import io
import re

from marketplace.catalog.models import CertificationStatus
from marketplace.cycle.models import Dossier, EvaluationRound, ProductIdea, ScoringSheet
from marketplace.cycle.states import DossierStatus, EntryStatus, IdeaStatus, PlanStatus, RoundStatus
from marketplace.extensions import db
from tests.conftest import FormClient
from tests.cycle.conftest import PDF_BYTES, sign_in


def _hidden(html, name):
    match = re.search(rf'name="{re.escape(name)}" type="hidden" value="([^"]*)"', html) or re.search(
        rf'type="hidden" name="{re.escape(name)}" value="([^"]*)"', html)
    return match.group(1)


def _post(client, url, data, page=None, **kwargs):
    """The form of `page` that posts to `url`, sent as a browser does: its hidden fields (the CSRF
    token, the one-time submission token, prefixed on pages with several forms) and `data`."""
    return client.post(url, data={**FormClient(client).hidden(page or url, url), **data}, **kwargs)


def _text(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def test_from_idea_to_a_complete_dossier_through_the_pages(world, client):
    sign_in(client, world.owner)
    response = _post(client, "/studio/ocop/ideas/new", {"category": "ca-phe-ca-cao", "product_name": "",
                                                        "local_features": "x", "raw_materials": "y"})
    assert response.status_code == 400 and "Vui lòng nhập tên sản phẩm." in _text(response)
    response = _post(client, "/studio/ocop/ideas/new", {"category": "ca-phe-ca-cao", "product_name": "Cà phê muối",
                                                        "local_features": "Rang với muối hồng.",
                                                        "raw_materials": "Arabica Cầu Đất."})
    idea = db.session.execute(db.select(ProductIdea)).scalar_one()
    assert response.status_code == 302 and idea.province_id == world.lam_dong.id

    sign_in(client, world.officer)
    response = _post(client, f"/admin/ocop/ideas/{idea.id}", {"decision": "decline", "reason": ""})
    assert response.status_code == 400 and idea.status is IdeaStatus.SUBMITTED
    response = _post(client, f"/admin/ocop/ideas/{idea.id}", {"decision": "acknowledge", "reason": ""})
    assert response.status_code == 302 and db.session.get(ProductIdea, idea.id).status is IdeaStatus.ACKNOWLEDGED

    sign_in(client, world.owner)
    response = _post(client, f"/studio/ocop/ideas/{idea.id}/plan", {
        "body": "## Thị trường\nQuán cà phê Đà Lạt.", "document_name": "Thuyết minh",
        "document": (io.BytesIO(PDF_BYTES), "thuyet-minh.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 302
    plan = db.session.get(ProductIdea, idea.id).plan
    assert [d.name for d in plan.documents] == ["Thuyết minh"]
    assert client.get(f"/ocop/documents/plans/{plan.documents[0].id}").data.startswith(b"%PDF")

    sign_in(client, world.officer)
    response = _post(client, f"/admin/ocop/plans/{plan.id}/comments", {"comment-body": "Bổ sung giá thành."},
                     page=f"/admin/ocop/plans/{plan.id}")
    assert response.status_code == 302 and plan.comments[0].by_officer
    response = _post(client, f"/admin/ocop/plans/{plan.id}", {"decision": "accept"})
    assert response.status_code == 302 and db.session.get(type(plan), plan.id).status is PlanStatus.ACCEPTED

    sign_in(client, world.owner)
    response = _post(client, f"/studio/ocop/plans/{plan.id}/milestones", {
        "ms-title": "Mua máy rang", "ms-planned_on": world.today.isoformat(), "ms-note": ""},
        page=f"/studio/ocop/plans/{plan.id}")
    assert response.status_code == 302 and plan.milestones[0].title == "Mua máy rang"
    page = client.get("/studio/ocop/dossiers/new").get_data(as_text=True)
    assert f'value="plan:{plan.id}"' in page and f'value="product:{world.product.id}"' in page
    response = _post(client, "/studio/ocop/dossiers/new", {"source": f"plan:{plan.id}", "unit": "hộp 250 g"})
    dossier = db.session.execute(db.select(Dossier)).scalar_one()
    assert response.status_code == 302 and dossier.product.name == "Cà phê muối"
    url = f"/studio/ocop/dossiers/{dossier.id}"
    token = _hidden(client.get(url).get_data(as_text=True), "csrf_token")
    bad = client.post(f"{url}/items/{dossier.items[0].id}", data={"csrf_token": token, "file": (
        io.BytesIO(b"not a document"), "virus.exe")}, content_type="multipart/form-data", follow_redirects=True)
    assert "Chỉ nhận tệp PDF hoặc ảnh" in _text(bad)
    for item in dossier.items:
        client.post(f"{url}/items/{item.id}", data={"csrf_token": token, "file": (io.BytesIO(PDF_BYTES), "a.pdf")},
                    content_type="multipart/form-data")
    assert client.post(f"{url}/submit", data={"csrf_token": token}).status_code == 302
    assert db.session.get(Dossier, dossier.id).status is DossierStatus.SUBMITTED

    sign_in(client, world.officer)
    page = client.get(f"/admin/ocop/dossiers/{dossier.id}").get_data(as_text=True)
    assert page.count('name="flagged"') == len(dossier.items)
    response = _post(client, f"/admin/ocop/dossiers/{dossier.id}/return",
                     {"flagged": [str(dossier.items[1].id)], "note": "Ảnh mờ."}, page=f"/admin/ocop/dossiers/{dossier.id}")
    assert response.status_code == 302 and db.session.get(Dossier, dossier.id).status is DossierStatus.RETURNED
    sign_in(client, world.owner)
    assert "Ảnh mờ." in client.get(url).get_data(as_text=True)
    client.post(f"{url}/submit", data={"csrf_token": token})
    sign_in(client, world.officer)
    _post(client, f"/admin/ocop/dossiers/{dossier.id}/complete", {}, page=f"/admin/ocop/dossiers/{dossier.id}")
    assert db.session.get(Dossier, dossier.id).status is DossierStatus.COMPLETE


def test_a_round_scored_and_decided_through_the_pages(world, client):
    dossier = world.complete_dossier()
    chair, second, third = world.council()
    sign_in(client, world.officer)
    response = _post(client, "/admin/ocop/rounds", {"province": "lam-dong", "name": "Đợt 2"})
    round_ = db.session.execute(db.select(EvaluationRound)).scalar_one()
    assert response.status_code == 302 and response.location.endswith(f"/rounds/{round_.id}")
    url = f"/admin/ocop/rounds/{round_.id}"
    response = _post(client, f"{url}/members", {"member-email": "khong-co@example.vn", "member-role": "member"},
                     page=url)
    assert response.status_code == 400 and "Không có tài khoản nào với email này" in _text(response)
    for user, role in ((chair, "chair"), (second, "member"), (third, "member")):
        assert _post(client, f"{url}/members", {"member-email": user.email, "member-role": role},
                     page=url).status_code == 302
    assert _post(client, f"{url}/entries", {"assign-dossiers": [str(dossier.id)]}, page=url).status_code == 302
    assert _post(client, f"{url}/start", {}, page=url).status_code == 302
    assert db.session.get(EvaluationRound, round_.id).status is RoundStatus.SCORING
    entry = round_.entries[0]
    criteria = entry.sheet.criteria

    def score(user, values, note=""):
        sign_in(client, user)
        data = {f"c{c.id}": str(v) for c, v in zip(criteria, values)}
        return _post(client, f"/ocop/council/rounds/{round_.id}/entries/{entry.id}", {**data, "note": note})

    response = score(second, ["9"] * len(criteria))  # above a criterion's maximum
    assert response.status_code == 400 and "Từ 0 đến 5 điểm." in _text(response) and not entry.scores
    response = score(second, ["²"] + ["1"] * (len(criteria) - 1))
    assert response.status_code == 400 and not entry.scores
    from marketplace.cycle.demo import points_for
    for user, parts in ((chair, (31, 20, 26)), (second, (31, 20, 27)), (third, (31, 20, 28))):
        values = points_for(entry.sheet, dict(zip("ABC", parts)))
        assert score(user, [values[c.id] for c in criteria], note="Tốt").status_code == 302
    sign_in(client, chair)
    page = client.get(f"/ocop/council/rounds/{round_.id}").get_data(as_text=True)
    response = client.post(f"/ocop/council/rounds/{round_.id}/close", data={"csrf_token": _hidden(page, "csrf_token")})
    assert response.status_code == 302 and db.session.get(EvaluationRound, round_.id).status is RoundStatus.CLOSED

    sign_in(client, world.officer)
    page = client.get(url).get_data(as_text=True)
    checkbox = re.search(r'<input[^>]*name="decision-entries"[^>]*>', page).group(0)
    assert "checked" in checkbox and f'value="{entry.id}"' in checkbox  # recognisable products come pre-checked
    response = _post(client, f"{url}/decision", {
        "decision-entries": [str(entry.id)], "decision-number": "77/QĐ-UBND", "decision-decided_on": "ngày mai",
        "decision-signer": "Chủ tịch", "decision-issuing_body": "UBND tỉnh Lâm Đồng"}, page=url)
    assert response.status_code == 400 and not world.product.certifications
    response = _post(client, f"{url}/decision", {
        "decision-entries": [str(entry.id)], "decision-number": "77/QĐ-UBND",
        "decision-decided_on": world.today.isoformat(), "decision-signer": "Chủ tịch",
        "decision-issuing_body": "UBND tỉnh Lâm Đồng"}, page=url)
    assert response.status_code == 302
    db.session.expire_all()
    assert entry.status is EntryStatus.RECOGNISED
    assert [(c.stars, c.status) for c in world.product.certifications] == [(4, CertificationStatus.VERIFIED)]
    html = _text(client.get(f"/products/{world.product.slug}"))
    assert "Hội đồng tỉnh Lâm Đồng, Đợt 2, điểm trung bình 78/100: A 31, B 20, C 27" in html


def test_sheets_and_checklists_through_the_pages(world, client):
    sign_in(client, world.national)
    before = db.session.query(ScoringSheet).count()
    response = _post(client, "/admin/ocop/sheets", {"group": "1", "name": "Phiếu sai",
                                                    "text": "part,code,criterion,max_points\nA,A1,x,39\n"})
    assert response.status_code == 400 and "Phần A cộng lại 39 điểm, phải đúng 40 điểm." in _text(response)
    csv = "part,code,criterion,max_points\nA,A1,Nguyên liệu,40\nB,B1,Tiếp thị,25\nC,C1,Chất lượng,35\n"
    response = _post(client, "/admin/ocop/sheets", {"group": "1", "name": "Phiếu nhóm 1 (tệp)", "text": "",
                                                    "file": (io.BytesIO(csv.encode()), "phieu.csv")},
                     content_type="multipart/form-data")
    assert response.status_code == 302 and db.session.query(ScoringSheet).count() == before + 1
    assert "Phiếu nhóm 1 (tệp)" in client.get(response.location).get_data(as_text=True)
    response = _post(client, "/admin/ocop/requirements", {"group": "6", "name_vi": "Giấy phép lữ hành",
                                                          "name_en": "", "required": "y"})
    assert response.status_code == 302 and "Giấy phép lữ hành" in client.get("/admin/ocop/requirements").get_data(
        as_text=True)
    sign_in(client, world.officer)  # a provincial officer reads, without the forms
    assert "Nhập phiếu chấm" not in client.get("/admin/ocop/sheets").get_data(as_text=True)


def test_a_person_without_a_producer_and_the_english_pages(world, client, make_user):
    person = make_user(full_name="K'Dung")
    sign_in(client, person)
    page = client.get("/studio/ocop/ideas/new").get_data(as_text=True)
    assert 'name="province"' in page
    response = _post(client, "/studio/ocop/ideas/new", {"province": "lam-dong", "category": "ruou",
                                                        "product_name": "Rượu cần", "local_features": "Men lá",
                                                        "raw_materials": "Gạo nếp"})
    assert response.status_code == 302
    assert client.get("/studio/ocop/dossiers/new").status_code == 302  # dossiers need a producer first
    client.get("/lang/en")
    html = client.get("/studio/ocop/").get_data(as_text=True)
    assert "Rượu cần" in html and 'lang="en"' in html and "Register a product idea" in html
    assert "Sent, waiting" in html  # the idea's state, in English


def test_the_central_result_through_the_page(world, client):
    members = world.council()
    round_ = world.round(members, [world.complete_dossier()])
    entry = round_.entries[0]
    for member in members:
        world.score(member, entry, 38, 24, 30)
    from marketplace.cycle.services import rounds
    rounds.close_scoring(members[0], round_)
    sign_in(client, world.officer)
    url = f"/admin/ocop/rounds/{round_.id}"
    prefix = f"central{entry.id}-"
    fields = {f"{prefix}points": "93", f"{prefix}number": "9/QĐ-BNNMT", f"{prefix}signer": "Thứ trưởng",
              f"{prefix}issuing_body": "Bộ Nông nghiệp và Môi trường", f"{prefix}decided_on": ""}
    response = _post(client, f"{url}/entries/{entry.id}/central", fields, page=url)
    assert response.status_code == 400 and "Vui lòng nhập ngày." in _text(response)
    response = _post(client, f"{url}/entries/{entry.id}/central",
                     {**fields, f"{prefix}decided_on": world.today.isoformat()}, page=url)
    assert response.status_code == 302
    db.session.expire_all()
    assert entry.status is EntryStatus.RECOGNISED and world.product.certifications[0].stars == 5
