"""Programme pages: the national overview, a page per province and per plan (public, kept
by the page cache for anonymous visitors: they read the stored figures, whose changes and
expiry times forget them); plan editing and the post-inspection list (programme officers
and admins only).

Every officer route checks `services.may_edit_plans(current_user)`: anonymous
visitors are sent to sign in, everyone else without the officer role gets 403.
"""
from functools import wraps

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from marketplace.accounts import jurisdiction
from marketplace.catalog.models import FormerProvince, Province
from marketplace.catalog.pages import former_note, former_province_by_slug, group_categories, one_or_404
from marketplace.catalog.services import find_province
from marketplace.core.errors import DomainError
from marketplace.core.spreadsheets import csv_response
from marketplace.core.forms import show_first
from marketplace.core.pagecache import cached, params
from marketplace.core.submissions import AlreadySubmitted
from marketplace.core.templating import localized
from marketplace.core.timeutil import utcnow, vn_today
from marketplace.extensions import db
from marketplace.programme import bp, exports, figures, services, stats
from marketplace.programme.forms import EMPTY_TARGET_ROWS, ConfirmForm, PlanForm, input_text, parse_figure
from marketplace.programme.metrics import REGISTRY
from marketplace.programme.models import ProgrammePlan
from marketplace.programme.services import PlanInput, TargetInput
from marketplace.core.urls import external_url


def officer_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()
        if not services.may_edit_plans(current_user):
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def _province_or_404(slug):
    return one_or_404(Province, slug=slug)


def _plan_or_404(slug):
    plan = services.find_plan(slug)
    if plan is None:
        abort(404)
    return plan


def _own_plan_or_404(slug):
    """A plan the signed-in officer may change: in their province (national officers: any)."""
    plan = _plan_or_404(slug)
    if not services.may_edit_plans(current_user, plan.province_id):
        abort(404)
    return plan


def _stars_rows(table, items, label):
    """Chart rows [(label, {3: n, 4: n, 5: n})] for the items that have products, most first."""
    rows = [(label(item), table[item.id]) for item in items if item.id in table]
    return sorted(rows, key=lambda row: -sum(row[1].values()))


def _group_rows(products):
    table = stats.stars_table(products, "group_id", "products")
    return [(localized(group), table.get(group.id, {})) for group in group_categories()]


def _year_rows(certifications, today):
    table = stats.stars_table(certifications, "year", "certifications")
    return [(str(year), table.get(year, {})) for year in stats.year_span(certifications, today)]


# --------------------------------------------------------------------------- public pages

@bp.get("/")
@cached()
def overview():
    today, now = vn_today(), utcnow()
    stored = figures.Stats(today, now=now)
    products = stored.certified_products()
    provinces = db.session.execute(db.select(Province).order_by(Province.name_ascii)).scalars().all()
    by_province = stats.stars_table(products, "province_id", "products")
    plans = services.all_plans(today)
    plan_counts = {}
    for item in plans:
        plan_counts[item.province_id] = plan_counts.get(item.province_id, 0) + 1
    return render_template(
        "programme/overview.html", today=today, by_stars=stats.totals_by(products, "stars", "products"),
        group_rows=_group_rows(products), year_rows=_year_rows(stored.certifications_by_year(), today),
        provinces=provinces, by_province=by_province,
        province_rows=_stars_rows(by_province, provinces, lambda p: p.name_vi),
        expiring=stored.expiring_counts(), window=stats.EXPIRY_WINDOW_DAYS, plan_counts=plan_counts,
        progress=figures.plan_progress(plans, today, now, with_indicators=False))


@bp.get("/provinces/<slug>")
@cached(params("former"))
def province(slug):
    item = db.session.execute(db.select(Province).where(Province.slug == slug)).scalar_one_or_none()
    if item is None:  # a province merged in 2025 (as the catalogue accepts them): today's unit, which says so
        former = former_province_by_slug(slug)
        if former is None:
            abort(404)
        return redirect(url_for("programme.province", slug=former.province.slug, former=former.slug), 301)
    today, now = vn_today(), utcnow()
    stored = figures.Stats(today, item, now)
    products = stored.certified_products()
    plans = services.plans_of_province(item, today)
    return render_template(
        "programme/province.html", province=item, today=today,
        progress=figures.plan_progress(plans, today, now, with_indicators=False),
        indicators=figures.indicators_for(item, today.year, today, now),
        by_stars=stats.totals_by(products, "stars", "products"), group_rows=_group_rows(products),
        year_rows=_year_rows(stored.certifications_by_year(), today),
        expiring=stored.expiring_counts().get(item.id, 0), window=stats.EXPIRY_WINDOW_DAYS,
        may_edit=services.may_edit_plans(current_user, item.id), former=former_note(item, request.args.get("former")))


@bp.get("/plans/<slug>")
@cached()
def plan(slug):
    item = _plan_or_404(slug)
    progress = figures.plan_progress([item], vn_today(), utcnow())[0]
    return render_template("programme/plan.html", plan=item, progress=progress,
                           may_edit=services.may_edit_plans(current_user, item.province_id),
                           delete_form=ConfirmForm())


# --------------------------------------------------------------------------- officers: plans

def _fill_choices(form):
    """Provinces to choose from: all of them for a national officer, their own for a provincial one."""
    provinces = db.session.execute(jurisdiction.narrow(db.select(Province).order_by(Province.name_ascii),
                                                       current_user, Province.id)).scalars().all()
    form.province.choices = [SelectChoice("", _("— Chọn —"))] + [SelectChoice(p.slug, p.name_vi) for p in provinces]
    formers = db.session.execute(jurisdiction.narrow(
        db.select(FormerProvince).join(FormerProvince.province).order_by(Province.name_ascii, FormerProvince.position),
        current_user, Province.id)).scalars().all()
    form.former_province.choices = [SelectChoice("", _("— Không —"))] + [
        SelectChoice(f.slug, _("%(former)s (nay thuộc %(province)s)", former=f.name_vi, province=f.province.name_vi))
        for f in formers]


def _plan_input(form):
    """A PlanInput from the posted form, or None after attaching what could not be read."""
    province = find_province(form.province.data)
    former = (db.session.execute(db.select(FormerProvince).where(FormerProvince.slug == form.former_province.data))
              .scalar_one_or_none() if form.former_province.data else None)
    targets, problems = [], []
    for number, entry in enumerate(form.targets.entries, start=1):
        row = entry.form
        if not row.metric.data:
            continue
        unit = REGISTRY[row.metric.data].unit
        try:
            values = [parse_figure(row[name].data, unit) for name in ("value", "min_value", "max_value")]
        except ValueError:
            problems.append(_("Chỉ tiêu %(n)s: số không hợp lệ.", n=number))
            continue
        targets.append(TargetInput(row.metric.data, *values, source=row.source.data or ""))
    if problems:
        form.form_errors.extend(problems)
        return None
    return PlanInput(province=province, former_province=former, area=(form.area.data or "").strip() or None,
                     start_year=form.start_year.data, end_year=form.end_year.data, document=form.document.data or "",
                     targets=targets)


def _attach_error(form, error):
    field = getattr(form, error.field, None) if error.field and error.field != "targets" else None
    if field is not None:
        field.errors = [*field.errors, str(error.message)]
    else:
        form.form_errors.append(str(error.message))


def _pad_rows(form):
    """A few empty rows after the used ones, so that targets can be added without JavaScript."""
    used = sum(1 for entry in form.targets.entries if entry.form.metric.data)
    while len(form.targets.entries) < min(used + EMPTY_TARGET_ROWS, form.targets.max_entries):
        form.targets.append_entry()


def _render_form(form, plan=None, status=200):
    _pad_rows(form)
    return render_template("programme/plan_form.html", form=form, plan=plan), status


@bp.route("/plans/new", methods=["GET", "POST"])
@officer_required
def new_plan():
    form = PlanForm()
    _fill_choices(form)
    if request.method == "GET":
        form.province.data = request.args.get("province", "")
        this_year = vn_today().year
        form.start_year.data = form.end_year.data = this_year
    if form.validate_on_submit():
        data = _plan_input(form)
        if data is not None:
            try:
                item = services.create_plan(actor=current_user, data=data, now=utcnow(),
                                            submission=form.submission_token)
            except AlreadySubmitted as done:
                first = db.session.get(ProgrammePlan, done.record_id)
                return show_first(done, url_for("programme.plan", slug=first.slug))
            except DomainError as error:
                db.session.rollback()
                _attach_error(form, error)
            else:
                flash(_("Đã lưu kế hoạch."), "success")
                return redirect(url_for("programme.plan", slug=item.slug))
    return _render_form(form, status=400 if request.method == "POST" else 200)


def _form_from_plan(plan):
    form = PlanForm(data={
        "province": plan.province.slug, "former_province": plan.former_province.slug if plan.former_province else "",
        "area": plan.area or "", "start_year": plan.start_year, "end_year": plan.end_year, "document": plan.document,
        "targets": [{"metric": t.metric, "value": input_text(t.value, t.unit),
                     "min_value": input_text(t.min_value, t.unit), "max_value": input_text(t.max_value, t.unit),
                     "source": t.source} for t in plan.targets]})
    return form


@bp.route("/plans/<slug>/edit", methods=["GET", "POST"])
@officer_required
def edit_plan(slug):
    item = _own_plan_or_404(slug)
    if item.from_file:
        flash(_("Kế hoạch này được nạp từ tệp program_targets.json; hãy sửa tệp đó rồi chạy "
                "“flask programme load-plans”."), "error")
        return redirect(url_for("programme.plan", slug=item.slug))
    form = PlanForm() if request.method == "POST" else _form_from_plan(item)
    _fill_choices(form)
    if form.validate_on_submit():
        data = _plan_input(form)
        if data is not None:
            try:
                services.update_plan(item, actor=current_user, data=data, now=utcnow())
            except DomainError as error:
                db.session.rollback()
                _attach_error(form, error)
            else:
                flash(_("Đã lưu kế hoạch."), "success")
                return redirect(url_for("programme.plan", slug=item.slug))
    return _render_form(form, plan=item, status=400 if request.method == "POST" else 200)


@bp.post("/plans/<slug>/delete")
@officer_required
def delete_plan(slug):
    item = _own_plan_or_404(slug)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    province_slug = item.province.slug
    try:
        services.delete_plan(item, actor=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("programme.plan", slug=slug))
    flash(_("Đã xóa kế hoạch."), "success")
    return redirect(url_for("programme.province", slug=province_slug))


# --------------------------------------------------------------------------- officers: post-inspection

def _inspection_province():
    """The province asked for; a provincial officer always gets their own (another one is 404)."""
    try:
        return jurisdiction.chosen_province(current_user, request.args.get("province"), find_province)
    except jurisdiction.NotCovered:
        abort(404)


@bp.get("/post-inspection")
@officer_required
def post_inspection():
    province, today = _inspection_province(), vn_today()
    rows = stats.expiring_certifications(today, province=province)
    provinces = db.session.execute(jurisdiction.narrow(db.select(Province).order_by(Province.name_ascii),
                                                       current_user, Province.id)).scalars().all()
    national = jurisdiction.province_scope(current_user) is jurisdiction.EVERYWHERE
    return render_template("programme/post_inspection.html", rows=rows, province=province, provinces=provinces,
                           national=national,
                           today=today, window=stats.EXPIRY_WINDOW_DAYS,
                           counts=stats.expiring_counts(today))


POST_INSPECTION_FIELDS = ["province_code", "province", "former_province", "producer", "producer_phone",
                          "producer_email", "product", "product_url", "stars", "certificate_number", "issuing_body",
                          "decided_on", "expires_on", "days_left"]


@bp.get("/post-inspection.csv")
@officer_required
def post_inspection_csv():
    province, today = _inspection_province(), vn_today()
    rows = [{"province_code": r.province.code, "province": r.province.name_vi,
             "former_province": r.former_province.name_vi if r.former_province else None,
             "producer": r.producer.name, "producer_phone": r.producer.phone, "producer_email": r.producer.email,
             "product": r.product.name, "product_url": external_url("storefront.product", slug=r.product.slug),
             "stars": r.certification.stars, "certificate_number": r.certification.number,
             "issuing_body": r.certification.issuing_body, "decided_on": r.certification.decided_on.isoformat(),
             "expires_on": r.certification.expires_on.isoformat(), "days_left": r.days_left}
            for r in stats.expiring_certifications(today, province=province)]
    name = f"hau-kiem-{province.slug if province else 'toan-quoc'}-{today.isoformat()}.csv"
    return csv_response(exports.to_csv(POST_INSPECTION_FIELDS, rows, bom=True), name)
