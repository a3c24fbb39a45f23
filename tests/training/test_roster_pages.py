"""The roster pages: a provincial officer keeps only its province's roster (others answer 404),
adds one official per submission, imports a CSV all-or-nothing and idempotently (once per
submitted form, too), removes."""
import io

import pytest

from marketplace.extensions import db
from marketplace.training.models import ProgrammeOfficial
from tests.registry.fixtures import sign_in
from tests.submissions import assert_created_once, assert_refused_without_token


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
    data = {"full_name": "<i>Nguyễn</i> Thị Hoa", "email": "Hoa.NT@LamDong.gov.vn", "position": "Chi cục PTNT"}
    url = "/programme/officials/add?province=lam-dong"
    first, _ = assert_created_once(forms, url, data, lambda: len(officials()), form_url="/programme/officials")
    assert first.headers["Location"] == "/programme/officials?province=lam-dong"
    assert_refused_without_token(forms, url, {**data, "email": "khac@lamdong.gov.vn"}, lambda: len(officials()),
                                 form_url="/programme/officials")
    [official] = officials()
    assert official.email == "hoa.nt@lamdong.gov.vn"
    html = client.get("/programme/officials").get_data(as_text=True)
    assert "&lt;i&gt;Nguyễn&lt;/i&gt; Thị Hoa" in html and "<i>Nguyễn" not in html
    refused = forms.post(url, {**data, "email": "not-an-email"}, form_url="/programme/officials")
    assert refused.status_code == 400 and "Email không hợp lệ" in refused.get_data(as_text=True)
    wrong_former = forms.post(url, {**data, "email": "b@x.vn", "former_province": "ben-tre"},
                              form_url="/programme/officials")
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
               {"full_name": "Cán bộ X", "email": "x@lamdong.gov.vn"},
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


def test_one_import_form_sent_twice_leads_to_the_roster(client, forms, officers):
    sign_in(client, officers["lam-dong"])
    url, page = "/programme/officials/import?province=lam-dong", "/programme/officials?province=lam-dong"
    first, _ = assert_created_once(forms, url, {}, lambda: len(officials()), form_url=page,
                                   files={"file": ("ho_ten,email\nLê Văn A,a@lamdong.gov.vn\n".encode(), "a.csv")})
    assert first.headers["Location"] == page


@pytest.mark.postgresql_only
def test_one_import_sent_four_times_at_once_writes_each_official_once(app, officers):
    """Without the claimed token the copies raced for the same e-mails (a unique key: an error page)."""
    from marketplace.accounts.models import User
    from marketplace.catalog.services import find_province
    from marketplace.core.submissions import AlreadySubmitted, new_token
    from marketplace.training import services
    from tests.threads import at_once
    officer_id, token = officers["lam-dong"].id, new_token()
    data = "ho_ten,email\nLê Văn A,a@lamdong.gov.vn\nTrần B,b@lamdong.gov.vn\n".encode()
    db.session.remove()

    def send(i):
        try:
            result = services.import_officials(officer=db.session.get(User, officer_id),
                                               province=find_province("lam-dong"), data=data, submission=token)
            return "imported", result.added
        except AlreadySubmitted as repeat:
            return "repeat", repeat.record_id

    outcomes, errors = at_once(app, 4, send)
    assert errors == []
    assert sorted(outcomes) == [("imported", 2)] + [("repeat", find_province("lam-dong").id)] * 3
    assert len(officials()) == 2
