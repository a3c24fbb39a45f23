"""New accounts confirm their address with a one-time link before acting for a business.

Links are read from the real mailbox (the outbox drained into .eml files) and used
through the pages, as a person would.
"""
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine

from marketplace.accounts import services, tokens
from marketplace.accounts.services import find_user_by_email
from marketplace.core.errors import PermissionDenied
from marketplace.core.timeutil import utcnow
from tests.conftest import link_in
from tests.forgery import tampered

PASSWORD = "mat-khau-an-toan"


def _sign_up(forms, email="hoa@example.vn", role="producer", **extra):
    data = {"full_name": "Nguyễn Thị Hoa", "email": email, "phone": "", "role": role, "password": PASSWORD,
            "confirm": PASSWORD, **extra}
    response = forms.post("/account/register", data)
    assert response.status_code == 302
    return find_user_by_email(email)


def _login(forms, email):
    assert forms.post("/account/login", {"email": email, "password": PASSWORD}).status_code == 302


def _confirm_link(mailbox, email):
    return urlsplit(link_in(mailbox(), "/account/confirm/", to=email)).path


@pytest.mark.parametrize("role,pages", [
    ("producer", ["/studio/", "/studio/onboarding", "/studio/products", "/studio/shipments", "/events/applications",
                  "/matching/offers"]),
    ("organizer", ["/organizer/", "/organizer/events/new", "/organizer/showrooms/new"]),
    ("business_buyer", ["/matching/buyer/new", "/matching/demands", "/matching/connections", "/matching/settings"]),
])
def test_an_unconfirmed_account_is_sent_to_confirm_before_acting_for_a_business(forms, client, mailbox, role,
                                                                                pages):
    user = _sign_up(forms, role=role)
    _login(forms, user.email)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302, page
        assert urlsplit(response.headers["Location"]).path == "/account/confirm", page
    landing = client.get("/account/confirm").get_data(as_text=True)
    assert "hoa@example.vn của tài khoản chưa được xác nhận" in landing
    # The link from the mailbox confirms the address; then the same pages open.
    response = forms.post(_confirm_link(mailbox, user.email), {})
    assert response.status_code == 302
    for page in pages:
        response = client.get(page)
        assert response.status_code in (200, 302, 403), page  # 403: no producer profile yet
        assert "/account/confirm" not in response.headers.get("Location", ""), page


def test_services_refuse_unconfirmed_accounts_too(forms, db, make_producer):
    from marketplace.catalog.models import ProducerMember
    from marketplace.catalog.services import find_province
    from marketplace.events import access, lifecycle
    from marketplace.matching.services.buyers import create_buyer_organisation
    from marketplace.studio import listings
    from marketplace.studio.access import may_create_producer
    producer_user = _sign_up(forms, email="sx@example.vn", role="producer")
    organizer = _sign_up(forms, email="btc@example.vn", role="organizer")
    buyer = _sign_up(forms, email="mua@example.vn", role="business_buyer")
    assert not may_create_producer(producer_user)
    producer = make_producer()
    db.session.add(ProducerMember(producer=producer, user=producer_user, is_owner=True))  # as if it had one
    db.session.commit()
    with pytest.raises(PermissionDenied):
        listings.create_listing(producer_user, producer, category=None, name="X", price=1000, unit="hộp")
    assert access.producers_of_user(producer_user) == []
    now = utcnow()
    with pytest.raises(PermissionDenied):
        lifecycle.create_event(organizer=organizer, kind="fair", title="Hội chợ", province=find_province("ha-noi"),
                               starts_at=now + timedelta(days=9), ends_at=now + timedelta(days=10))
    with pytest.raises(PermissionDenied):
        create_buyer_organisation(buyer, name="Siêu thị", kind="supermarket",
                                  province=find_province("ha-noi"))


def test_an_unconfirmed_consumer_shops_signed_in(forms, client, make_product):
    """What an unconfirmed account may do: what a guest may, plus its own cart, orders and password."""
    product = make_product(stock=5)
    user = _sign_up(forms, email="an@example.vn", role="consumer")
    _login(forms, user.email)
    assert forms.post("/cart/add", {"product_id": product.id, "quantity": 2}, form_url=f"/products/{product.slug}"
                      ).status_code == 302
    assert product.name in client.get("/cart").get_data(as_text=True)
    for page in ("/orders", "/account/password", "/checkout"):
        assert client.get(page).status_code == 200, page


def test_the_link_works_once(forms, client, mailbox):
    user = _sign_up(forms)
    link = _confirm_link(mailbox, user.email)
    page = client.get(link)
    assert page.status_code == 200 and "Xác nhận hoa@example.vn là địa chỉ email" in page.get_data(as_text=True)
    assert not user.email_confirmed  # opening the page (as a mail scanner would) changes nothing
    response = forms.post(link, {})
    assert response.status_code == 302 and response.headers["Location"].endswith("/studio/onboarding")
    assert user.email_confirmed
    forms.post("/account/logout", {}, form_url="/")
    again = client.get(link)
    assert again.status_code == 400 and "đã được dùng" in again.get_data(as_text=True)
    assert "Đăng xuất" not in client.get("/").get_data(as_text=True)  # a spent link signs nobody in


def test_the_link_expires(forms, client, mailbox, app):
    user = _sign_up(forms)
    link = _confirm_link(mailbox, user.email)
    hours = app.config["EMAIL_CONFIRM_HOURS"]
    with time_machine.travel(utcnow() + timedelta(hours=hours - 1), tick=False):
        assert client.get(link).status_code == 200
    with time_machine.travel(utcnow() + timedelta(hours=hours + 1), tick=False):
        response = client.get(link)
        assert response.status_code == 400 and "hết hạn" in response.get_data(as_text=True)
        token = forms.token("/account/login")
        assert client.post(link, data={"csrf_token": token}).status_code == 400
    assert not user.email_confirmed


def test_the_link_dies_when_the_password_or_the_address_changes(forms, client, mailbox, db):
    user = _sign_up(forms)
    link = _confirm_link(mailbox, user.email)
    services.change_password(user, PASSWORD, "mat-khau-moi-789")
    assert client.get(link).status_code == 400
    forms.post("/account/confirm", {"email": user.email})  # a new link, for the new password
    link = _confirm_link(mailbox, user.email)
    assert client.get(link).status_code == 200
    user.email = "hoa.moi@example.vn"
    db.session.commit()
    assert client.get(link).status_code == 400
    assert forms.post(link, {}, form_url="/account/login").status_code == 400
    assert not user.email_confirmed


def test_forged_and_cross_purpose_links_are_refused(forms, client, mailbox, app):
    user = _sign_up(forms)
    link = _confirm_link(mailbox, user.email)
    token = link.rsplit("/", 1)[1]
    for bad in (tampered(token), "x" * 2000, "%00", "."):
        assert client.get(f"/account/confirm/{bad}").status_code in (400, 404), bad
    reset_token = tokens.issue(user, tokens.RESET)  # signed with the same key, for another purpose
    assert client.get(f"/account/confirm/{reset_token}").status_code == 400
    assert client.get(f"/account/password/reset/{token}").status_code == 400


def test_sending_the_link_again(forms, client, mailbox, make_user):
    user = _sign_up(forms)
    confirmed = make_user(email="da-xac-nhan@example.vn")
    assert len(mailbox()) == 1
    # A visitor asks for an address: the same answer for an unconfirmed, a confirmed and an unknown one.
    answers = []
    for email in (user.email, confirmed.email, "khong-ai@example.vn"):
        response = forms.post("/account/confirm", {"email": email})
        answers.append((response.status_code, response.headers["Location"]))
        text = client.get("/account/check-email").get_data(as_text=True)
        assert f"Nếu {email} là địa chỉ của một tài khoản chưa xác nhận" in text
    assert len(set(answers)) == 1
    sent = mailbox()
    assert len(sent) == 2 and f"To: {user.email}" in sent[-1]
    # Signed in, one button sends it again; the newest link works.
    _login(forms, user.email)
    response = forms.post("/account/confirm", {})
    assert response.status_code == 302 and len(mailbox()) == 3
    assert forms.post(_confirm_link(mailbox, user.email), {}).status_code == 302
    assert user.email_confirmed


def test_the_link_leads_back_to_where_the_person_was_going(forms, client, mailbox):
    user = _sign_up(forms, role="business_buyer")
    response = forms.post(_confirm_link(mailbox, user.email), {})
    assert response.headers["Location"].endswith("/matching/buyer/new")
    assert client.get("/matching/buyer/new").status_code == 200


def test_staff_and_factory_accounts_are_confirmed(make_user):
    for role in ("consumer", "producer", "organizer", "officer", "admin"):
        assert make_user(role=role).email_confirmed


def test_english_accounts_get_the_mail_in_english(forms, client, mailbox):
    client.get("/?lang=en")
    _sign_up(forms, email="anna@example.com", role="consumer")
    [message] = mailbox()
    assert "Subject: Confirm your e-mail address on" in message and "The link works once" in message


def test_accepting_a_team_invitation_proves_the_address(forms, client, mailbox, make_user, make_producer, db):
    from marketplace.catalog.models import ProducerMember
    from marketplace.studio import membership
    owner = make_user(role="producer")
    producer = make_producer()
    db.session.add(ProducerMember(producer=producer, user=owner, is_owner=True))
    db.session.commit()
    invited = _sign_up(forms, email="thanh-vien@example.vn", role="consumer")
    membership.invite_member(owner, producer, invited.email,
                             accept_url=lambda token: f"http://localhost/studio/invitations/{token}")
    link = urlsplit(link_in(mailbox(), "/studio/invitations/", to=invited.email)).path
    _login(forms, invited.email)
    assert client.get(link).status_code == 200  # the invitation page opens without a confirmed address
    response = forms.post(link, {})
    assert response.status_code == 302 and response.headers["Location"].endswith("/studio/")
    assert invited.email_confirmed and client.get("/studio/").status_code == 200


def test_the_account_pages_speak_both_languages(forms, client, mailbox):
    user = _sign_up(forms, email="an@example.vn", role="consumer")
    link = _confirm_link(mailbox, user.email)
    expected = {"vi": {"/account/check-email": "Hãy kiểm tra hộp thư", "/account/confirm": "Xác nhận địa chỉ email",
                       link: "Xác nhận an@example.vn là địa chỉ email", "/account/password/reset": "Quên mật khẩu",
                       "/account/login": "Quên mật khẩu?"},
                "en": {"/account/check-email": "Check your inbox", "/account/confirm": "Confirm your e-mail address",
                       link: "Confirm an@example.vn as the e-mail address", "/account/password/reset": "Forgot password",
                       "/account/login": "Forgot your password?"}}
    for lang, pages in expected.items():
        client.get(f"/?lang={lang}")
        for url, text in pages.items():
            response = client.get(url)
            assert response.status_code == 200 and text in response.get_data(as_text=True), (lang, url)
