"""A visitor who closed the tab finds a ticket again (/tickets/find, events/lookup.py), and a
signed-in visitor sees their tickets on "Tài khoản của tôi" (/account/)."""
from datetime import timedelta

from marketplace.core.timeutil import utcnow
from marketplace.events import visitors
from marketplace.events.models import VisitorRegistration
from marketplace.extensions import db
from tests.conftest import sign_in

SENT = "vé vừa được gửi lại vào hộp thư đó"


def _tickets_mail(sent, address):
    return [m for m in sent() if address in m and "gửi lại vé sự kiện" in m]


def test_a_guest_gets_their_upcoming_tickets_by_e_mail_and_the_page_never_shows_them(make_event, forms, sent):
    coming = make_event(title="Hội chợ OCOP Hà Nội mùa thu")
    other = make_event(title="Tuần lễ OCOP Huế")
    ticket = visitors.register_visitor(event=coming, name="Trần Thị Hoa", email="hoa@example.vn")
    visitors.register_visitor(event=other, name="Trần Thị Hoa", email="hoa@example.vn")
    cancelled = visitors.register_visitor(event=other, name="Người khác", email="khac@example.vn")
    visitors.cancel_registration(cancelled)
    before = len(sent())

    page = forms.post("/tickets/find", {"email": "  Hoa@Example.VN "}, follow_redirects=True)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and SENT in html
    assert ticket.code not in html  # the code travels by e-mail only
    mails = _tickets_mail(sent, "hoa@example.vn")
    assert len(sent()) == before + 1 and len(mails) == 1
    assert ticket.code in mails[0] and f"/tickets/{ticket.code}" in mails[0]
    assert "Hội chợ OCOP Hà Nội mùa thu" in mails[0] and "Tuần lễ OCOP Huế" in mails[0]

    # An address without a live ticket gets the same answer and no e-mail.
    for address in ("ai-do@example.vn", "khac@example.vn"):
        page = forms.post("/tickets/find", {"email": address}, follow_redirects=True)
        assert SENT in page.get_data(as_text=True)
        assert _tickets_mail(sent, address) == []
    assert len(sent()) == before + 1


def test_a_past_event_is_not_sent_again(make_event, db, forms, sent):
    event = make_event(title="Hội chợ đã qua")
    visitors.register_visitor(event=event, name="Lê Văn Nam", email="nam@example.vn")
    event.starts_at, event.ends_at = utcnow() - timedelta(days=5), utcnow() - timedelta(days=3)
    db.session.commit()
    forms.post("/tickets/find", {"email": "nam@example.vn"}, follow_redirects=True)
    assert _tickets_mail(sent, "nam@example.vn") == []


def test_a_bad_address_is_refused_in_words_and_sends_nothing(forms, sent):
    page = forms.post("/tickets/find", {"email": "không phải email"})
    assert page.status_code == 400
    assert "Email không hợp lệ" in page.get_data(as_text=True)
    assert sent() == []


def test_the_account_page_lists_the_tickets_and_leads_a_guest_ticket_back(make_event, make_user, client):
    event = make_event(title="Phiên chợ OCOP cuối tuần")
    user = make_user(email="mai@example.vn", full_name="Phạm Thị Mai")
    mine = visitors.register_visitor(event=event, name="Phạm Thị Mai", email="mai@example.vn", user=user)
    by_address = visitors.register_visitor(event=make_event(title="Hội chợ Đà Lạt"), name="Phạm Thị Mai",
                                           email="mai@example.vn")  # as a guest, with the account's address
    someone = visitors.register_visitor(event=event, name="Người lạ", email="la@example.vn")
    sign_in(client, user)
    html = client.get("/account/").get_data(as_text=True)
    assert f"/tickets/{mine.code}" in html and f"/tickets/{by_address.code}" in html
    assert f"/tickets/{someone.code}" not in html
    assert "Phiên chợ OCOP cuối tuần" in html and "/tickets/find" in html
    assert db.session.query(VisitorRegistration).count() == 3


def test_the_account_page_asks_a_visitor_to_sign_in(client):
    response = client.get("/account/")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]
