"""Sign up, confirm the address, sign in and out, change or reset the password.

Signing up and asking for a reset link answer with the same page whatever the
address (see accounts.services). Links from e-mails open a page with one button:
the POST does the work, so a mail scanner that opens links changes nothing.
"""
from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from marketplace.accounts import bp, services, sessions
from marketplace.accounts.forms import (BUSINESS_BUYER, ChangePasswordForm, ConfirmForm, EmailForm, LoginForm,
                                        LogoutForm, RegisterForm, ResetPasswordForm)
from marketplace.accounts.models import Role
from marketplace.accounts.tokens import CONFIRM, RESET, InvalidLink
from marketplace.core.errors import ValidationError
from marketplace.core.forms import attach_error
from marketplace.core.inputs import safe_next
from marketplace.extensions import limiter

CHECK_EMAIL_KEY = "accounts_check_email"


def _login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


def _safe_next(default):
    return safe_next(request.args.get("next"), default)


def _landing(role):
    """Where a newly confirmed account starts: producers create their profile, organizers their events."""
    if role == Role.PRODUCER:
        return url_for("studio.onboarding")
    if role == Role.ORGANIZER:
        return url_for("organizer.dashboard")
    return url_for("storefront.home")


def _sign_in(user, remember=False):
    """Open a revocable session (accounts.sessions) and sign the browser into it."""
    sessions.start(user)
    login_user(user, remember=remember)


def _sign_out():
    if current_user.is_authenticated:
        sessions.end(current_user, current_user.session_token)
    logout_user()


def _check_your_email(kind, email):
    session[CHECK_EMAIL_KEY] = {"kind": kind, "email": (email or "").strip()[:254]}
    return redirect(url_for("accounts.check_email"))


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("storefront.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        business_buyer = form.role.data == BUSINESS_BUYER
        role = Role.CONSUMER if business_buyer else Role(form.role.data)
        next_url = _safe_next(url_for("matching.new_buyer") if business_buyer else _landing(role))
        try:
            services.sign_up(email=form.email.data, password=form.password.data, full_name=form.full_name.data,
                             phone=form.phone.data, role=role, locale=getattr(g, "locale", "vi"),
                             next_url=None if next_url == url_for("storefront.home") else next_url)
        except ValidationError as error:
            attach_error(form, error)
        else:
            return _check_your_email("signup", form.email.data)
    return render_template("accounts/register.html", form=form), 400 if form.errors else 200


@bp.get("/check-email")
def check_email():
    """The same page after signing up with any address, or asking for a link."""
    info = session.get(CHECK_EMAIL_KEY) or {}
    return render_template("accounts/check_email.html", kind=info.get("kind"), email=info.get("email"))


@bp.route("/confirm", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def confirm_pending():
    """Send the confirmation link again: to the signed-in account, or to a typed address."""
    next_url = _safe_next(None)
    if current_user.is_authenticated and current_user.email_confirmed:
        return redirect(next_url or url_for("storefront.home"))
    signed_in = current_user.is_authenticated
    form = ConfirmForm() if signed_in else EmailForm()
    if form.validate_on_submit():
        if signed_in:
            services.resend_confirmation(user=current_user, next_url=next_url)
            flash(_("Đã gửi lại liên kết xác nhận tới %(email)s.", email=current_user.email), "success")
            return redirect(url_for("accounts.confirm_pending", next=next_url))
        services.resend_confirmation(email=form.email.data, next_url=next_url)
        return _check_your_email("resend", form.email.data)
    return render_template("accounts/confirm_pending.html", form=form, signed_in=signed_in), \
        400 if form.errors else 200


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token):
    """A confirmation link: a page with one button; the POST confirms and signs the owner in."""
    form = ConfirmForm()
    try:
        user = services.peek_link(token, CONFIRM)
        if not form.validate_on_submit():
            return render_template("accounts/confirm.html", user=user, form=form, error=None), \
                400 if form.errors else 200
        user, next_url = services.confirm_email(token)
    except InvalidLink as error:
        return render_template("accounts/confirm.html", error=str(error.message), form=None), 400
    if current_user.is_authenticated and current_user.id != user.id:
        _sign_out()
    if not current_user.is_authenticated:
        _sign_in(user)
    flash(_("Đã xác nhận địa chỉ email %(email)s.", email=user.email), "success")
    return redirect(safe_next(next_url, _landing(user.role)))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("storefront.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            _sign_in(user, remember=form.remember.data)
            flash(_("Đăng nhập thành công."), "success")
            return redirect(_safe_next(url_for("storefront.home")))
        flash(_("Email hoặc mật khẩu không đúng."), "error")
        return render_template("accounts/login.html", form=form), 400
    return render_template("accounts/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
@login_required
def logout():
    form = LogoutForm()
    if form.validate_on_submit():
        _sign_out()
        flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("storefront.home"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current.data, form.password.data,
                                     keep_session=current_user.session_token)
        except ValidationError as error:
            attach_error(form, error)
        else:
            flash(_("Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã kết thúc."), "success")
            return redirect(url_for("accounts.password"))
    return render_template("accounts/password.html", form=form), 400 if form.errors else 200


@bp.route("/password/reset", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def reset_request():
    form = EmailForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        return _check_your_email("reset", form.email.data)
    return render_template("accounts/reset_request.html", form=form), 400 if form.errors else 200


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def reset(token):
    """A reset link: choose the new password; every session of the account ends, this browser signs in."""
    form = ResetPasswordForm()
    try:
        services.peek_link(token, RESET)
        if form.validate_on_submit():
            user = services.reset_password(token, form.password.data)
            if current_user.is_authenticated:
                logout_user()  # its session ended with the others
            _sign_in(user)
            flash(_("Đã đặt mật khẩu mới. Mọi phiên đăng nhập cũ của tài khoản đã kết thúc."), "success")
            return redirect(url_for("storefront.home"))
    except InvalidLink as error:
        return render_template("accounts/reset.html", error=str(error.message), form=None), 400
    except ValidationError as error:
        attach_error(form, error)
    return render_template("accounts/reset.html", form=form, error=None), 400 if form.errors else 200
