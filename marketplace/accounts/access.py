"""Who may act for a business: a signed-in, active account whose e-mail address is confirmed.

Acting as a producer (the studio, booth applications, supply offers), as an
organizer (events, showrooms) or for a buyer company (matching) needs a confirmed
address. An unconfirmed account may do what a guest may (browse, cart, checkout,
visitor registration) and, signed in, keep its cart, follow and review its own
orders and change its password.

`is_confirmed` is the rule; services of those domains check it through their own
access functions (studio.access, matching.access, events.access), and views use
`confirmed_required` (or `unconfirmed_redirect`) to send the person to the page that
sends the link again, instead of a bare 403.
"""
from functools import wraps

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from marketplace.core.i18n import lazy_gettext as _l
from flask_login import current_user, login_required

from marketplace.core.errors import PermissionDenied


def is_confirmed(user):
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)
                and getattr(user, "email_confirmed", False))


class EmailNotConfirmed(PermissionDenied):
    """The account has not confirmed its e-mail address yet."""


def require_confirmed(user):
    if not is_confirmed(user):
        raise EmailNotConfirmed(_l("Hãy xác nhận địa chỉ email của tài khoản trước (mở liên kết trong thư "
                                   "chúng tôi đã gửi)."))


def unconfirmed_redirect():
    """For a signed-in, unconfirmed user: the page that sends the link again (then back here); else None."""
    if current_user.is_authenticated and not current_user.email_confirmed:
        flash(_("Hãy xác nhận địa chỉ email trước khi quản lý gian hàng, sự kiện hoặc doanh nghiệp thu mua."),
              "info")
        back = request.full_path if request.method == "GET" else None
        return redirect(url_for("accounts.confirm_pending", next=back.rstrip("?") if back else None))
    return None


def confirmed_required(view):
    """`login_required`, and a confirmed address (else the page that sends the link again)."""
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        return unconfirmed_redirect() or view(*args, **kwargs)
    return wrapper
