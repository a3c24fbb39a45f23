"""Programme pages, who may edit plans, and the open data (CSV and JSON well formed)."""
import csv
import io
import json
from datetime import timedelta

import pytest

from marketplace.core.timeutil import vn_today
from marketplace.programme import services
from marketplace.programme.loader import load_plans
from marketplace.programme.models import ProgrammePlan, ProgrammeTarget
from marketplace.programme.services import PlanInput, TargetInput
from tests.programme.conftest import NOW


def login(forms, user, password="mat-khau-123"):
    response = forms.post("/account/login", {"email": user.email, "password": password})
    assert response.status_code == 302


def _officer_plan(officer):
    from marketplace.catalog.services import find_province
    return services.create_plan(actor=officer, now=NOW, data=PlanInput(
        province=find_province("can-tho"), start_year=2026, end_year=2026, document="Kế hoạch 9/KH-UBND",
        targets=[TargetInput("new_products_4star", 5, source="có thêm 5 sản phẩm 4 sao")]))


def _form(**overrides):
    data = {"province": "can-tho", "former_province": "", "area": "", "start_year": "2026", "end_year": "2026",
            "document": "Kế hoạch 12/KH-UBND",
            "targets-0-metric": "new_products_3star_plus", "targets-0-value": "", "targets-0-min_value": "10",
            "targets-0-max_value": "12", "targets-0-source": "từ 10 - 12 sản phẩm",
            "targets-1-metric": "share_subjects_cooperative", "targets-1-value": "37,5",
            "targets-1-source": "37,5% chủ thể là hợp tác xã",
            "targets-2-metric": "budget_total_vnd", "targets-2-value": "3.600.000.000",
            "targets-2-source": "3,6 tỷ đồng",
            "targets-3-metric": ""}
    data.update(overrides)
    return data


def _counts(db):
    return (db.session.execute(db.select(db.func.count(ProgrammePlan.id))).scalar_one(),
            db.session.execute(db.select(db.func.count(ProgrammeTarget.id))).scalar_one())


# --------------------------------------------------------------------------- authorization

def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(client, forms, db, officer):
    plan = _officer_plan(officer)
    before = _counts(db)
    for url in ("/programme/plans/new", f"/programme/plans/{plan.slug}/edit", "/programme/post-inspection",
                "/programme/post-inspection.csv"):
        response = client.get(url)
        assert response.status_code == 302 and "/account/login" in response.headers["Location"], url
    for url in ("/programme/plans/new", f"/programme/plans/{plan.slug}/edit", f"/programme/plans/{plan.slug}/delete"):
        response = forms.post(url, _form(document="Đổi tên"), form_url="/account/login")
        assert response.status_code == 302 and "/account/login" in response.headers["Location"], url
    db.session.expire_all()
    assert _counts(db) == before and db.session.get(ProgrammePlan, plan.id).document == "Kế hoạch 9/KH-UBND"


@pytest.mark.parametrize("role", ["consumer", "producer", "organizer"])
def test_other_roles_are_refused_and_change_nothing(client, forms, db, make_user, officer, role):
    plan = _officer_plan(officer)
    before = _counts(db)
    login(forms, make_user(role))
    for url in ("/programme/plans/new", f"/programme/plans/{plan.slug}/edit", "/programme/post-inspection",
                "/programme/post-inspection.csv"):
        assert client.get(url).status_code == 403, url
    for url in ("/programme/plans/new", f"/programme/plans/{plan.slug}/edit", f"/programme/plans/{plan.slug}/delete"):
        assert forms.post(url, _form(document="Đổi tên"), form_url="/programme/").status_code == 403, url
    db.session.expire_all()
    assert _counts(db) == before and db.session.get(ProgrammePlan, plan.id).document == "Kế hoạch 9/KH-UBND"
    html = client.get(f"/programme/plans/{plan.slug}").get_data(as_text=True)
    assert "Sửa kế hoạch" not in html and "Cán bộ OCOP" not in html  # the editor's name is for officers


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_officers_and_admins_add_and_edit_plans(client, forms, db, make_user, role):
    user = make_user(role, full_name="Nguyễn Thị Kế Hoạch")
    login(forms, user)
    assert client.get("/programme/plans/new?province=can-tho").status_code == 200
    response = forms.post("/programme/plans/new", _form(), form_url="/programme/plans/new")
    assert response.status_code == 302, response.get_data(as_text=True)
    plan = services.find_plan("can-tho-2026")
    assert (plan.created_by, plan.edited_by, plan.from_file) == (user, user, False)
    assert [(t.metric, t.value, t.min_value, t.max_value) for t in plan.targets] == [
        ("new_products_3star_plus", None, 10, 12), ("share_subjects_cooperative", 3750, None, None),
        ("budget_total_vnd", 3_600_000_000, None, None)]

    edit = f"/programme/plans/{plan.slug}/edit"
    html = client.get(edit).get_data(as_text=True)
    assert 'value="37.5"' in html and 'value="3600000000"' in html
    response = forms.post(edit, _form(document="Kế hoạch 12/KH-UBND (sửa)", **{"targets-1-metric": ""}),
                          form_url=edit)
    assert response.status_code == 302
    db.session.expire_all()
    plan = services.find_plan("can-tho-2026")
    assert plan.document == "Kế hoạch 12/KH-UBND (sửa)" and len(plan.targets) == 2
    html = client.get(f"/programme/plans/{plan.slug}").get_data(as_text=True)
    assert "Nguyễn Thị Kế Hoạch" in html

    response = forms.post(f"/programme/plans/{plan.slug}/delete", {}, form_url=f"/programme/plans/{plan.slug}")
    assert response.status_code == 302
    assert services.find_plan("can-tho-2026") is None and _counts(db) == (0, 0)


def test_a_bad_plan_form_is_explained_and_saves_nothing(client, forms, db, officer):
    login(forms, officer)
    response = forms.post("/programme/plans/new", _form(**{"targets-0-max_value": "8"}),
                          form_url="/programme/plans/new")
    assert response.status_code == 400
    assert "mức tối đa phải lớn hơn hoặc bằng mức tối thiểu" in response.get_data(as_text=True)
    response = forms.post("/programme/plans/new", _form(**{"targets-1-value": "bốn mươi"}),
                          form_url="/programme/plans/new")
    assert response.status_code == 400 and "Chỉ tiêu 2: số không hợp lệ." in response.get_data(as_text=True)
    response = forms.post("/programme/plans/new", _form(end_year="2020"), form_url="/programme/plans/new")
    assert response.status_code == 400 and "Năm kết thúc không được trước năm bắt đầu." in \
        response.get_data(as_text=True)
    assert _counts(db) == (0, 0)


def test_plans_from_the_file_cannot_be_edited_on_the_site(client, forms, db, officer):
    load_plans()
    login(forms, officer)
    response = client.get("/programme/plans/cao-bang-2023/edit")
    assert response.status_code == 302 and response.headers["Location"].endswith("/programme/plans/cao-bang-2023")
    before = _counts(db)
    forms.post("/programme/plans/cao-bang-2023/delete", {}, form_url="/programme/plans/cao-bang-2023")
    assert _counts(db) == before
    html = client.get("/programme/plans/cao-bang-2023").get_data(as_text=True)
    assert "flask programme load-plans" in html


# --------------------------------------------------------------------------- pages

def test_pages_show_plans_targets_sources_and_charts(client, db, catalogue):
    load_plans()
    html = client.get("/programme/").get_data(as_text=True)
    assert "Tiến độ chương trình OCOP" in html and "<svg" in html and "Kế hoạch số 80/KH-UBND" in html
    assert 'href="/programme/provinces/can-tho"' in html and "/api/v1/stats/products.csv" in html

    html = client.get("/programme/provinces/can-tho").get_data(as_text=True)
    assert "Kế hoạch số 80/KH-UBND" in html and "Cần Thơ (địa giới trước 1/7/2025)" in html
    assert 'data-metric="new_products_4star"' in html and "Không đo được trên sàn" in html
    assert html.count('class="chart ') >= 2 and '<table class="data">' in html  # charts and their tables

    html = client.get("/programme/plans/phu-xuyen-2019-2020").get_data(as_text=True)
    assert "tổ chức đánh giá, xếp hạng từ 100 - 120 sản phẩm" in html          # the source, quoted
    assert "100–120" in html and "huyện Phú Xuyên" in html
    assert client.get("/programme/plans/nope").status_code == 404
    assert client.get("/programme/provinces/nope").status_code == 404


def test_pages_speak_english(client, db):
    load_plans()
    html = client.get("/programme/plans/can-tho-2023?lang=en").get_data(as_text=True)
    assert "New 4-star products" in html and "Not measurable here" in html
    assert "Cần Thơ (boundaries before 1 July 2025)" in html


def test_footer_nav_and_province_page_link_to_the_programme(client):
    html = client.get("/provinces/can-tho").get_data(as_text=True)
    assert 'href="/programme/provinces/can-tho"' in html and 'href="/programme/"' in html


def test_officers_get_the_post_inspection_list_with_csv(client, forms, db, officer, make_product,
                                                        make_certification):
    today = vn_today()
    soon = make_product(name="Mắm cá linh")
    make_certification(soon, stars=4, decided_on=today - timedelta(days=1000), expires_on=today + timedelta(days=20))
    renewed = make_product(name="Bánh pía")
    make_certification(renewed, stars=3, decided_on=today - timedelta(days=1000), expires_on=today + timedelta(days=5))
    make_certification(renewed, stars=3, decided_on=today - timedelta(days=10))
    later = make_product(name="Trà")
    make_certification(later, stars=3, decided_on=today - timedelta(days=880), expires_on=today + timedelta(days=200))
    login(forms, officer)
    html = client.get("/programme/post-inspection?province=ha-noi").get_data(as_text=True)
    html = html.split("<main", 1)[1].split("</main>", 1)[0]  # the footer's address has "Tràng Tiền"
    assert "Mắm cá linh" in html and "Bánh pía" not in html and "Trà" not in html
    assert client.get("/programme/post-inspection?province=atlantis").status_code == 404
    response = client.get("/programme/post-inspection.csv?province=HN")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["product"], r["stars"], r["days_left"], r["province_code"]) for r in rows] == [
        ("Mắm cá linh", "4", "20", "HN")]


# --------------------------------------------------------------------------- open data

def _csv(response):
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_open_data_as_csv_and_json(client, db, catalogue):
    load_plans()
    index = json.loads(client.get("/api/v1/stats/").get_data(as_text=True))
    names = {d["name"] for d in index["datasets"]}
    assert names == {"products", "certifications", "expiring", "plans", "indicators"}

    for name in ("products", "certifications", "expiring", "plans"):
        body = json.loads(client.get(f"/api/v1/stats/{name}").get_data(as_text=True))
        rows = _csv(client.get(f"/api/v1/stats/{name}.csv"))
        assert rows, name  # every dataset has rows on this catalogue (the header alone would prove nothing)
        assert body["dataset"] == name and body["total"] == len(body["items"]) == len(rows), name
        assert list(rows[0].keys()) == body["fields"], name

    years = _csv(client.get("/api/v1/stats/certifications.csv?province=can-tho"))
    assert {(r["year"], r["stars"]): r["certifications"] for r in years if r["year"] == "2023"} == {
        ("2023", "3"): "2", ("2023", "4"): "3", ("2023", "5"): "1"}

    plans = json.loads(client.get("/api/v1/stats/plans?province=CBG").get_data(as_text=True))["items"]
    share = next(r for r in plans if r["metric"] == "share_subjects_cooperative")
    assert (share["target_min"], share["unit"], share["source"]) == (0.4, "share", "ít nhất có 40% chủ thể OCOP là "
                                                                                   "hợp tác xã")
    assert share["metric_label_en"] == "Share of OCOP subjects that are cooperatives"

    body = json.loads(client.get("/api/v1/stats/plans/can-tho-2023").get_data(as_text=True))
    assert body["plan"]["former_province"] == "Cần Thơ" and body["plan"]["from_file"] is True
    kinds = {r["kind"] for r in body["items"]}
    assert kinds == {"target", "indicator"}
    budget = next(r for r in body["items"] if r["metric"] == "budget_total_vnd")
    assert (budget["target_value"], budget["actual"], budget["measurable"]) == (3_600_000_000, None, False)
    rows = _csv(client.get("/api/v1/stats/plans/can-tho-2023.csv"))
    new_3 = next(r for r in rows if r["metric"] == "new_products_3star" and r["kind"] == "target")
    assert (new_3["target_value"], new_3["measurable"], new_3["source"]) == (
        "10", "true", "Phát triển thêm 10 sản phẩm OCOP 3 sao")
    assert client.get("/api/v1/stats/plans/nope").status_code == 404

    indicators = json.loads(client.get("/api/v1/stats/indicators?province=can-tho&year=2023").get_data(
        as_text=True))["items"]
    assert {r["metric"]: r["actual"] for r in indicators}["trade_events"] == 1


@pytest.mark.parametrize("url, field", [
    ("/api/v1/stats/products?province=atlantis", "province"),
    ("/api/v1/stats/indicators", "province"),
    ("/api/v1/stats/indicators?province=HN&year=19x", "year"),
])
def test_bad_parameters_are_a_400_naming_the_field(client, url, field):
    response = client.get(url)
    assert response.status_code == 400 and field in response.get_json()["error"]["fields"]


def test_csv_cells_cannot_run_as_formulas():
    from marketplace.programme.exports import to_csv
    text = to_csv(["name", "n", "share", "ok"], [{"name": "=HYPERLINK(1)", "n": 3, "share": 0.375, "ok": True}])
    assert list(csv.reader(io.StringIO(text))) == [["name", "n", "share", "ok"], ["'=HYPERLINK(1)", "3", "0.375",
                                                                                  "true"]]
