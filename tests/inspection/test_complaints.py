"""A buyer reports a problem from a product page; the report reaches only the producer's
province's officers, who answer it (the reporter gets the answer by e-mail); the form is
rate-limited, idempotent per submission, and refuses bad input without a trace."""
import pytest

from marketplace.extensions import db
from marketplace.inspection.models import Complaint, ComplaintStatus
from tests.registry.fixtures import sign_in
from tests.submissions import assert_created_once, assert_refused_without_token


def report(forms, shop, **fields):
    url = f"/products/{shop.product.slug}/report"
    data = {"kind": "ocop_claim", "message": "Nhãn in 5 sao nhưng quét mã không thấy chứng nhận.",
            "email": "nguoimua@example.vn", "name": "Trần Thị Bình", **fields}  # the token: the page's own
    return forms.post(url, data, form_url=f"/products/{shop.product.slug}")


def count():
    return db.session.execute(db.select(db.func.count(Complaint.id))).scalar()


def test_a_guest_report_reaches_only_that_provinces_officers(client, forms, shops, officers):
    shop = shops["lam-dong"]
    page = client.get(f"/products/{shop.product.slug}").get_data(as_text=True)
    assert f'action="/products/{shop.product.slug}/report"' in page and 'name="submission"' in page
    response = report(forms, shop)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/products/{shop.product.slug}")
    complaint = db.session.execute(db.select(Complaint)).scalar_one()
    assert complaint.province_id == shop.producer.province_id and complaint.status == ComplaintStatus.NEW
    assert complaint.certification_id == shop.certification.id and complaint.reporter_id is None
    url = f"/programme/complaints/{complaint.id}"
    for who in ("lam-dong", "national", "admin"):
        sign_in(client, officers[who])
        assert shop.product.name in client.get("/programme/complaints").get_data(as_text=True)
        assert client.get(url).status_code == 200
    sign_in(client, officers["ha-noi"])
    assert shop.product.name not in client.get("/programme/complaints").get_data(as_text=True)
    assert client.get(url).status_code == 404
    assert forms.post(url, {"action": "closed", "note": "x"}, form_url="/programme/complaints").status_code == 404


@pytest.mark.both_engines
def test_officers_answer_and_the_reporter_reads_it(client, forms, shops, officers, mailbox, make_user):
    shop = shops["lam-dong"]
    buyer = make_user(email="khach@example.vn", full_name="Lê Văn Cường")
    sign_in(client, buyer)
    assert report(forms, shop, email="someone-else@example.vn").status_code == 302
    complaint = db.session.execute(db.select(Complaint)).scalar_one()
    assert complaint.reporter_email == "khach@example.vn" and complaint.reporter_name == "Lê Văn Cường"
    url = f"/programme/complaints/{complaint.id}"
    sign_in(client, officers["lam-dong"])
    assert forms.post(url, {"action": "in_review"}).status_code == 302
    refused = forms.post(url, {"action": "answered", "answer": ""})
    assert refused.status_code == 400 and "Không được để trống" in refused.get_data(as_text=True)
    assert mailbox() == []
    answer = "Chứng nhận 101/QĐ-UBND còn hiệu lực; mã QR bạn quét là của lô hàng cũ. Cảm ơn bạn."
    assert forms.post(url, {"action": "answered", "answer": answer}).status_code == 302
    db.session.refresh(complaint)
    assert complaint.status == ComplaintStatus.ANSWERED and complaint.handled_by_id == officers["lam-dong"].id
    [message] = mailbox()
    assert "To: khach@example.vn" in message and answer in message and shop.product.name in message
    again = forms.post(url, {"action": "answered", "answer": "lần hai"})
    assert again.status_code == 400 and len(mailbox()) == 1  # answered once, e-mailed once
    assert forms.post(url, {"action": "closed"}).status_code == 302
    db.session.refresh(complaint)
    assert complaint.status == ComplaintStatus.CLOSED


def test_closing_without_an_answer_needs_a_note(client, forms, shops, officers):
    shop = shops["lam-dong"]
    report(forms, shop)
    complaint = db.session.execute(db.select(Complaint)).scalar_one()
    url = f"/programme/complaints/{complaint.id}"
    sign_in(client, officers["lam-dong"])
    assert forms.post(url, {"action": "closed"}).status_code == 400
    assert forms.post(url, {"action": "reopened"}).status_code == 400
    assert forms.post(url, {"action": "closed", "note": "Phản ánh trùng"}).status_code == 302
    db.session.refresh(complaint)
    assert complaint.status == ComplaintStatus.CLOSED and complaint.note == "Phản ánh trùng"


@pytest.mark.parametrize("fields, message", [
    ({"email": ""}, "Cần một email hợp lệ"),
    ({"email": "not-an-email"}, "Cần một email hợp lệ"),
    ({"message": "ngắn"}, "Mô tả từ 10 đến 2000 ký tự"),
    ({"message": "x" * 2001}, "Mô tả từ 10 đến 2000 ký tự"),
    ({"kind": "bribe"}, "Lựa chọn không hợp lệ"),
    ({"name": "n" * 121}, "Tối đa 120 ký tự"),
    ({"submission": "../../etc"}, "thiếu mã gửi"),
])
def test_bad_reports_are_explained_and_leave_nothing(client, forms, shops, fields, message):
    response = report(forms, shops["lam-dong"], **fields)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert count() == 0


def test_one_form_sent_twice_files_one_report(client, forms, shops):
    product = shops["lam-dong"].product
    data = {"kind": "quality", "message": "Hộp nhận được bị móp.", "email": "nguoimua@example.vn"}
    first, _ = assert_created_once(forms, f"/products/{product.slug}/report", data, count,
                                   form_url=f"/products/{product.slug}")
    assert first.headers["Location"] == f"/products/{product.slug}"
    assert_refused_without_token(forms, f"/products/{product.slug}/report", data, count,
                                 form_url=f"/products/{product.slug}")


def test_reports_are_rate_limited(app, client, forms, shops):
    app.config["COMPLAINT_RATE_LIMIT"] = "2 per hour"
    assert report(forms, shops["lam-dong"]).status_code == 302
    assert report(forms, shops["lam-dong"]).status_code == 302
    assert report(forms, shops["lam-dong"]).status_code == 429
    assert count() == 2


def test_what_reporters_type_is_escaped_for_officers(client, forms, shops, officers):
    report(forms, shops["lam-dong"], message='<script>alert("x")</script> hàng giả', name="<b>Khách</b>")
    complaint = db.session.execute(db.select(Complaint)).scalar_one()
    sign_in(client, officers["lam-dong"])
    for url in ("/programme/complaints", f"/programme/complaints/{complaint.id}"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "<b>Khách</b>" not in html
        assert "&lt;script&gt;" in html


def test_only_public_products_take_reports(client, forms, shops):
    shop = shops["lam-dong"]
    shop.product.status = "draft"
    db.session.commit()
    assert client.get(f"/products/{shop.product.slug}/report").status_code == 404
    assert client.post(f"/products/{shop.product.slug}/report", data={}).status_code in (400, 404)
    assert count() == 0


def test_complaint_queue_is_for_officers(client, make_user):
    assert client.get("/programme/complaints").status_code == 302
    sign_in(client, make_user(role="consumer"))
    assert client.get("/programme/complaints").status_code == 403
    assert client.get("/programme/complaints/1").status_code == 403
