"""The roster pages: a provincial officer keeps only its province's roster (others answer 404),
adds one official per submission, imports a CSV all-or-nothing and idempotently, removes."""
import io

from marketplace.extensions import db
from marketplace.training.models import ProgrammeOfficial
from tests.registry.fixtures import new_token, sign_in


def officials():
    return db.session.execute(db.select(ProgrammeOfficial).order_by(ProgrammeOfficial.email)).scalars().all()


def test_roster_pages_are_for_officers_of_that_province(client, officers, make_user):
    assert client.get("/programme/officials").status_code == 302
    sign_in(client, make_user(role="organizer"))
    assert client.get("/programme/officials").status_code == 403
    sign_in(client, officers["ha-noi"])
    assert client.get("/programme/officials?province=lam-dong").status_code == 404
    assert client.post("/programme/officials/add?province=lam-dong", data={}).status_code in (400, 404)
    page = client.get("/programme/officials").get_data(as_text=True)
    assert "Hà Nội" in page and 'value="lam-dong"' not in page
    sign_in(client, officers["national"])
    assert "Chọn một tỉnh" in client.get("/programme/officials").get_data(as_text=True)
    assert client.get("/programme/officials?province=lam-dong").status_code == 200
    assert client.get("/programme/officials?province=atlantis").status_code == 404


def test_add_once_per_submission_and_escaped(client, forms, officers):
    sign_in(client, officers["lam-dong"])
    data = {"full_name": "<i>Nguyễn</i> Thị Hoa", "email": "Hoa.NT@LamDong.gov.vn", "position": "Chi cục PTNT",
            "submission": new_token()}
    url = "/programme/officials/add?province=lam-dong"
    assert forms.post(url, data, form_url="/programme/officials").status_code == 302
    assert forms.post(url, data, form_url="/programme/officials").status_code == 302
    [official] = officials()
    assert official.email == "hoa.nt@lamdong.gov.vn"
    html = client.get("/programme/officials").get_data(as_text=True)
    assert "&lt;i&gt;Nguyễn&lt;/i&gt; Thị Hoa" in html and "<i>Nguyễn" not in html
    refused = forms.post(url, {**data, "email": "not-an-email", "submission": new_token()},
                         form_url="/programme/officials")
    assert refused.status_code == 400 and "Email không hợp lệ" in refused.get_data(as_text=True)
    wrong_former = forms.post(url, {**data, "email": "b@x.vn", "former_province": "ben-tre",
                                    "submission": new_token()}, form_url="/programme/officials")
    assert wrong_former.status_code == 400 and len(officials()) == 1


def test_csv_import_is_all_or_nothing_and_idempotent(client, forms, officers):
    sign_in(client, officers["national"])
    url = "/programme/officials/import?province=can-tho"
    page = "/programme/officials?province=can-tho"

    def send(text):
        return forms.post(url, {"file": (io.BytesIO(text.encode("utf-8")), "can-bo.csv")}, form_url=page,
                          content_type="multipart/form-data")

    bad = send("ho_ten,email,chuc_vu,tinh_cu\nLê Văn A,a@cantho.gov.vn,,Sóc Trăng\nTrần B,khong-phai-email,,\n"
               "Phạm C,c@cantho.gov.vn,,Bến Tre\n")
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "Dòng 3" in html and "Dòng 4" in html and officials() == []
    good = "Họ tên,Email,Chức vụ,Tỉnh cũ\nLê Văn A,a@cantho.gov.vn,Phó Chi cục,Sóc Trăng\nTrần B,b@cantho.gov.vn,,\n"
    assert send(good).status_code == 302 and send(good).status_code == 302
    rows = officials()
    assert [(o.email, o.former_province.slug if o.former_province else None) for o in rows] == [
        ("a@cantho.gov.vn", "soc-trang"), ("b@cantho.gov.vn", None)]
    assert send("ten\nx\n").status_code == 400
    assert forms.post(url, {"file": (io.BytesIO(b"\xff\xfe\x00bad"), "x.csv")}, form_url=page,
                      content_type="multipart/form-data").status_code == 400
    assert len(officials()) == 2


def test_remove_only_in_ones_province(client, forms, officers):
    sign_in(client, officers["lam-dong"])
    forms.post("/programme/officials/add?province=lam-dong",
               {"full_name": "Cán bộ X", "email": "x@lamdong.gov.vn", "submission": new_token()},
               form_url="/programme/officials")
    [official] = officials()
    sign_in(client, officers["ha-noi"])
    assert forms.post(f"/programme/officials/{official.id}/remove", {},
                      form_url="/programme/officials").status_code == 404
    sign_in(client, officers["lam-dong"])
    assert forms.post(f"/programme/officials/{official.id}/remove", {},
                      form_url="/programme/officials").status_code == 302
    db.session.refresh(official)
    assert official.removed_at is not None
    assert "x@lamdong.gov.vn" not in client.get("/programme/officials").get_data(as_text=True)
