"""Passwords are hashed with the configured method: scrypt in production (slow on purpose),
a cheap one in tests. The production hash is exercised end to end here, so that the suite's
cheap hash never hides a problem with the real one."""
import pytest

from config import Config, ProductionConfig
from marketplace.accounts.services import find_user_by_email

pytestmark = pytest.mark.undated  # password hashes take no day

SCRYPT_PREFIX = "scrypt:32768:8:1$"  # Werkzeug's scrypt with its default cost (N=2^15, r=8, p=1)


def test_production_hashes_with_scrypt():
    assert ProductionConfig.PASSWORD_HASH_METHOD == Config.PASSWORD_HASH_METHOD == "scrypt"


def test_an_account_made_with_scrypt_signs_in_and_changes_its_password(app, forms, client, db):
    app.config["PASSWORD_HASH_METHOD"] = ProductionConfig.PASSWORD_HASH_METHOD
    response = forms.post("/account/register", {
        "full_name": "Trần Thị Bình", "email": "binh@example.vn", "phone": "0912345678", "role": "consumer",
        "password": "mat-khau-an-toan", "confirm": "mat-khau-an-toan"})
    assert response.status_code == 302
    user = find_user_by_email("binh@example.vn")
    assert user.password_hash.startswith(SCRYPT_PREFIX) and "mat-khau-an-toan" not in user.password_hash
    assert "Đăng xuất" not in client.get("/").get_data(as_text=True)  # signing up does not sign in (confirm first)
    wrong = forms.post("/account/login", {"email": "binh@example.vn", "password": "mat-khau-an-toa"})
    assert wrong.status_code == 400 and "Email hoặc mật khẩu không đúng" in wrong.get_data(as_text=True)
    right = forms.post("/account/login", {"email": "binh@example.vn", "password": "mat-khau-an-toan"})
    assert right.status_code == 302 and "Đăng xuất" in client.get("/").get_data(as_text=True)
    changed = forms.post("/account/password", {"current": "mat-khau-an-toan", "password": "mat-khau-moi-2",
                                               "confirm": "mat-khau-moi-2"})
    assert changed.status_code == 302
    db.session.expire_all()
    user = find_user_by_email("binh@example.vn")
    assert user.password_hash.startswith(SCRYPT_PREFIX)
    assert user.check_password("mat-khau-moi-2") and not user.check_password("mat-khau-an-toan")


def test_a_hash_made_with_another_method_still_signs_in(app, forms, make_user):
    """Changing PASSWORD_HASH_METHOD (tests' cheap hash → scrypt) keeps older accounts usable."""
    app.config["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:1"
    user = make_user(email="an@example.vn", password="dung-mat-khau")
    assert user.password_hash.startswith("pbkdf2:sha256:1$")  # the configured method is the one used
    app.config["PASSWORD_HASH_METHOD"] = "scrypt"
    response = forms.post("/account/login", {"email": "an@example.vn", "password": "dung-mat-khau"})
    assert response.status_code == 302
