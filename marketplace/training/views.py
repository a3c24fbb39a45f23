"""Officers keep their province's roster of programme officials and see who was trained.

Officer role required (403); a provincial officer works on its own province only (another
province, or another province's official, answers 404). National officers choose one.
"""
from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from marketplace.accounts import jurisdiction
from marketplace.admin.views import officer_required
from marketplace.catalog.models import FormerProvince, Province
from marketplace.catalog.services import find_province
from marketplace.core.errors import DomainError
from marketplace.core.forms import attach_error, show_first
from marketplace.core.submissions import AlreadySubmitted
from marketplace.core.timeutil import utcnow, vn_today
from marketplace.events.models import Event, EventKind, EventStatus
from marketplace.extensions import db
from marketplace.training import bp, services
from marketplace.training.forms import ImportForm, OfficialForm, RemoveForm
from marketplace.training.models import ProgrammeOfficial


def _province():
    """The province asked for (or the officer's own); None for a national officer who chose none."""
    try:
        return jurisdiction.chosen_province(current_user, request.args.get("province"), find_province)
    except jurisdiction.NotCovered:
        abort(404)


def _official_form(province):
    form = OfficialForm()
    formers = db.session.execute(db.select(FormerProvince).where(FormerProvince.province_id == province.id)
                                 .order_by(FormerProvince.position)).scalars().all()
    form.former_province.choices = [SelectChoice("", "—")] + [SelectChoice(f.slug, f.name_vi) for f in formers]
    return form


def _render(province, official_form=None, import_form=None, import_result=None, status=200):
    context = {"province": province, "national": jurisdiction.province_scope(current_user) is jurisdiction.EVERYWHERE,
               "provinces": db.session.execute(jurisdiction.narrow(db.select(Province).order_by(Province.name_ascii),
                                                                   current_user, Province.id)).scalars().all()}
    if province is not None:
        # programme.metrics reads this package's services: imported here, not at module load.
        from marketplace.programme.metrics import Scope, measure
        today = vn_today()
        officials = services.roster(province)
        context.update(
            officials=officials, trainings=services.trainings_by_email({o.email for o in officials}),
            official_form=official_form or _official_form(province), import_form=import_form or ImportForm(),
            remove_form=RemoveForm(), import_result=import_result, year=today.year,
            measure=measure("officials_trained_share", Scope.of_years(province, today.year, today.year, today,
                                                                       utcnow())),
            courses=db.session.execute(
                db.select(Event).where(Event.kind == EventKind.TRAINING, Event.province_id == province.id,
                                       Event.status != EventStatus.DRAFT,
                                       Event.starts_at >= utcnow() - timedelta(days=365))
                .order_by(Event.starts_at.desc()).limit(20)).scalars().all())
    return render_template("training/roster.html", **context), status


@bp.get("/programme/officials")
@officer_required
def roster():
    return _render(_province())


def _province_or_404():
    province = _province()
    if province is None:
        abort(404)
    return province


@bp.post("/programme/officials/add")
@officer_required
def add():
    province = _province_or_404()
    form = _official_form(province)
    if form.validate_on_submit():
        try:
            official = services.add_official(
                officer=current_user, province=province, full_name=form.full_name.data, email=form.email.data,
                position=form.position.data, submission=form.submission_token,
                former_province=services.find_former(province, form.former_province.data))
        except AlreadySubmitted as done:
            return show_first(done, url_for("training.roster", province=province.slug))
        except DomainError as error:
            attach_error(form, error)
        else:
            flash(_("Đã ghi %(name)s vào danh sách cán bộ.", name=official.full_name), "success")
            return redirect(url_for("training.roster", province=province.slug))
    return _render(province, official_form=form, status=400)


@bp.post("/programme/officials/import")
@officer_required
def import_csv():
    province = _province_or_404()
    form = ImportForm()
    result = None
    if form.validate_on_submit():
        try:
            result = services.import_officials(officer=current_user, province=province, data=form.file.data.read(),
                                               submission=form.submission_token)
        except AlreadySubmitted as done:
            return show_first(done, url_for("training.roster", province=province.slug))
        except DomainError as error:
            attach_error(form, error)
        else:
            if not result.errors:
                flash(_("Đã nhập danh sách: %(added)s người mới, %(updated)s người cập nhật.", added=result.added,
                        updated=result.updated), "success")
                return redirect(url_for("training.roster", province=province.slug))
    return _render(province, import_form=form, import_result=result, status=400)


@bp.post("/programme/officials/<int:official_id>/remove")
@officer_required
def remove(official_id):
    official = db.session.get(ProgrammeOfficial, official_id)
    if official is None or not jurisdiction.covers(current_user, official.province_id):
        abort(404)
    if RemoveForm().validate_on_submit():
        services.remove_official(officer=current_user, official=official)
        flash(_("Đã bỏ %(name)s khỏi danh sách cán bộ.", name=official.full_name), "success")
    return redirect(url_for("training.roster", province=official.province.slug))
