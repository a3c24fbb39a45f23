"""/account/: the signed-in person's own page, and the profile form it holds.

The header's account menu (`account_menu()` in templates) is registered here too.
"""
from flask import flash, redirect, render_template, session, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import SQLAlchemyError

from marketplace.accounts import services as account_services
from marketplace.core.errors import ValidationError
from marketplace.core.forms import attach_error
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db
from marketplace.myaccount import bp, menu, queries
from marketplace.myaccount.forms import ProfileForm


@bp.app_template_global("account_menu")
def _account_menu():
    """The header's menu sections for the signed-in user ([] for a visitor); an error page
    must not fail on its header, so a database error gives the personal section only."""
    try:
        return menu.account_menu(current_user)
    except SQLAlchemyError:
        db.session.rollback()
        return []


def _render(form, status=200):
    return render_template("myaccount/overview.html", form=form,
                           overview=queries.overview(current_user, utcnow()), now=utcnow()), status


@bp.get("/")
@login_required
def overview():
    form = ProfileForm(data={"full_name": current_user.full_name, "phone": current_user.phone or "",
                             "locale": current_user.locale or "vi"})
    return _render(form)


@bp.post("/profile")
@login_required
def profile():
    form = ProfileForm()
    if form.validate_on_submit():
        try:
            account_services.update_profile(current_user, full_name=form.full_name.data, phone=form.phone.data,
                                            locale=form.locale.data)
        except ValidationError as error:
            attach_error(form, error)
        else:
            session["lang"] = current_user.locale or "vi"  # the page follows the language just chosen
            with force_locale(session["lang"]):
                flash(_("Đã lưu hồ sơ."), "success")
            return redirect(url_for("myaccount.overview", _anchor="profile"))
    return _render(form, 400)
