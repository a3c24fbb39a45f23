"""What the marketplace tells account owners by e-mail: confirm your address, someone tried
to register your address, reset your password.

Bodies are text templates (templates/email/account_*.txt, with an `.en.txt` twin for
accounts whose language is English); they leave through the outbox (core.mail) in
the caller's transaction. Links are absolute (`_link`), built in one place.
"""
from flask import render_template
from flask_babel import force_locale

from marketplace.core import mail
from marketplace.core.urls import external_url

SUBJECTS = {
    "confirm": {"vi": "Xác nhận địa chỉ email của bạn trên Chợ OCOP",
                "en": "Confirm your e-mail address on Chợ OCOP"},
    "exists": {"vi": "Địa chỉ email của bạn vừa được dùng để đăng ký trên Chợ OCOP",
               "en": "Your e-mail address was just used to sign up on Chợ OCOP"},
    "reset": {"vi": "Đặt lại mật khẩu Chợ OCOP", "en": "Reset your Chợ OCOP password"},
}


def _language(user, fallback="vi"):
    return "en" if (user.locale or fallback) == "en" else "vi"


def _link(endpoint, **values):
    return external_url(endpoint, **values)


def _send(user, kind, template, language, **context):
    suffix = ".en" if language == "en" else ""
    with force_locale(language):
        body = render_template(f"email/{template}{suffix}.txt", user=user, **context).strip() + "\n"
    return mail.queue(user.email, SUBJECTS[kind][language], body, topic=f"account.{kind}")


def send_confirmation(user, token, hours):
    """The one-time link that confirms `user`'s address."""
    return _send(user, "confirm", "account_confirm", _language(user),
                 link=_link("accounts.confirm", token=token), hours=hours)


def send_already_registered(user, language):
    """Someone signed up with an address that has an account: tell its owner, reveal nothing to them."""
    return _send(user, "exists", "account_exists", _language(user, language),
                 login_link=_link("accounts.login"), reset_link=_link("accounts.reset_request"))


def send_password_reset(user, token, minutes):
    return _send(user, "reset", "account_reset", _language(user),
                 link=_link("accounts.reset", token=token), minutes=minutes)
