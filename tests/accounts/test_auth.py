"""Register, sign in, sign out, change password; CSRF and rate limits.

Sessions: test_sessions.py; confirmation: test_confirmation.py; what answers reveal: test_anonymity.py."""
import pytest

from marketplace.accounts.models import Role, User
from marketplace.accounts.services import find_user_by_email


def _register(forms, **overrides):
    data = {"full_name": "Trần Thị Bình", "email": "binh@example.vn", "phone": "0912345678", "role": "consumer",
            "password": "mat-khau-an-toan", "confirm": "mat-khau-an-toan", **overrides}
    return forms.post("/account/register", data)


def test_register_creates_an_unconfirmed_account_and_mails_the_link(forms, client, mailbox, db):
    response = _register(forms)
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/check-email")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Chúng tôi vừa gửi thư tới binh@example.vn" in page
    user = find_user_by_email("BINH@example.vn")
    assert user.role is Role.CONSUMER and user.password_hash != "mat-khau-an-toan"
    assert user.check_password("mat-khau-an-toan") and not user.email_confirmed
    [message] = mailbox()
    assert "To: binh@example.vn" in message and "/account/confirm/" in message
    assert "Đăng xuất" not in client.get("/").get_data(as_text=True)  # signing up does not sign in


@pytest.mark.parametrize("overrides,message", [
    ({"email": "khong-phai-email"}, "Email không hợp lệ"),
    ({"password": "ngan", "confirm": "ngan"}, "Mật khẩu cần từ 8 đến 128 ký tự"),
    ({"confirm": "khac-hoan-toan"}, "Hai mật khẩu không khớp"),
    ({"phone": "12345"}, "Số điện thoại không hợp lệ"),
    ({"role": "admin"}, "Lựa chọn không hợp lệ"),  # WTForms' own message, in Vietnamese
])
def test_bad_registration_explains_and_creates_nothing(forms, db, overrides, message):
    response = _register(forms, **overrides)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.query(User).count() == 0


def test_login_logout_and_wrong_password(forms, client, make_user):
    make_user(email="an@example.vn", password="dung-mat-khau")
    bad = forms.post("/account/login", {"email": "an@example.vn", "password": "sai-mat-khau"})
    assert bad.status_code == 400 and "Email hoặc mật khẩu không đúng" in bad.get_data(as_text=True)
    ok = forms.post("/account/login", {"email": "an@example.vn", "password": "dung-mat-khau"})
    assert ok.status_code == 302
    assert "Đăng xuất" in client.get("/").get_data(as_text=True)
    forms.post("/account/logout", {}, form_url="/")
    assert "Đăng nhập" in client.get("/").get_data(as_text=True)


def test_login_redirect_stays_on_this_site(forms, make_user):
    make_user(email="an@example.vn", password="dung-mat-khau")
    response = forms.post("/account/login?next=https://evil.example/x",
                          {"email": "an@example.vn", "password": "dung-mat-khau"})
    assert response.headers["Location"] == "/"


def test_forms_without_csrf_token_are_refused(client, make_user, db):
    make_user(email="an@example.vn", password="dung-mat-khau")
    response = client.post("/account/login", data={"email": "an@example.vn", "password": "dung-mat-khau"})
    assert response.status_code == 400
    assert "biểu mẫu không hợp lệ" in response.get_data(as_text=True)
    response = client.post("/account/register", data={"full_name": "X", "email": "x@example.vn",
                                                      "password": "12345678", "confirm": "12345678"})
    assert response.status_code == 400 and db.session.query(User).count() == 1


def test_login_is_rate_limited(forms, make_user):
    make_user(email="an@example.vn", password="dung-mat-khau")
    token = forms.token("/account/login")
    statuses = [forms.client.post("/account/login", data={"email": "an@example.vn", "password": "sai",
                                                          "csrf_token": token}).status_code for _ in range(11)]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429


def test_change_password(forms, client, make_user):
    user = make_user(email="an@example.vn", password="mat-khau-cu-1")
    forms.post("/account/login", {"email": "an@example.vn", "password": "mat-khau-cu-1"})
    wrong = forms.post("/account/password", {"current": "sai-roi-nhe", "password": "mat-khau-moi-2",
                                             "confirm": "mat-khau-moi-2"})
    assert wrong.status_code == 400 and "Mật khẩu hiện tại không đúng" in wrong.get_data(as_text=True)
    ok = forms.post("/account/password", {"current": "mat-khau-cu-1", "password": "mat-khau-moi-2",
                                          "confirm": "mat-khau-moi-2"})
    assert ok.status_code == 302
    assert user.check_password("mat-khau-moi-2")
    assert "Đăng xuất" in client.get("/").get_data(as_text=True)  # this session stays signed in


def test_password_page_needs_sign_in(client):
    response = client.get("/account/password")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_create_admin_command(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create-admin", "--email", "admin@example.vn",
                                 "--password", "quan-tri-123"])
    assert result.exit_code == 0, result.output
    admin = find_user_by_email("admin@example.vn")
    assert admin.role is Role.ADMIN and admin.has_role("officer")
    assert admin.email_confirmed  # staff-created accounts need no confirmation link
    again = runner.invoke(args=["users", "create-admin", "--email", "admin@example.vn", "--password", "x" * 9])
    assert again.exit_code != 0 and "đã được đăng ký" in again.output
