"""Register, sign in, sign out, change password."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from marketplace.accounts import bp
from marketplace.accounts.models import Role
from marketplace.accounts.forms import BUSINESS_BUYER, ChangePasswordForm, LoginForm, LogoutForm, RegisterForm
from marketplace.accounts.services import authenticate, change_password, register_user
from marketplace.core.errors import ValidationError
from marketplace.core.forms import attach_error
from marketplace.core.inputs import safe_next
from marketplace.extensions import limiter


def _safe_next(default):
    return safe_next(request.args.get("next"), default)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("catalog.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        business_buyer = form.role.data == BUSINESS_BUYER
        try:
            user = register_user(email=form.email.data, password=form.password.data, full_name=form.full_name.data,
                                 phone=form.phone.data, role=Role.CONSUMER if business_buyer else form.role.data)
        except ValidationError as error:
            attach_error(form, error)
        else:
            login_user(user)
            flash(_("Chào mừng %(name)s! Tài khoản đã được tạo.", name=user.full_name), "success")
            # A new producer goes straight to creating their producer profile.
            landing = url_for("studio.onboarding") if user.role == Role.PRODUCER else url_for("catalog.home")
            if business_buyer:  # next: the buyer organisation's profile
                landing = url_for("matching.new_buyer")
            return redirect(_safe_next(landing))
    return render_template("accounts/register.html", form=form), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("catalog.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            flash(_("Đăng nhập thành công."), "success")
            return redirect(_safe_next(url_for("catalog.home")))
        flash(_("Email hoặc mật khẩu không đúng."), "error")
        return render_template("accounts/login.html", form=form), 400
    return render_template("accounts/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
@login_required
def logout():
    form = LogoutForm()
    if form.validate_on_submit():
        logout_user()
        flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("catalog.home"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_password(current_user, form.current.data, form.password.data)
        except ValidationError as error:
            attach_error(form, error)
        else:
            flash(_("Đã đổi mật khẩu."), "success")
            return redirect(url_for("accounts.password"))
    return render_template("accounts/password.html", form=form), 400 if form.errors else 200
