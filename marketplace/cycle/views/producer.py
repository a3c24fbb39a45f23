"""The producer's side of the cycle (/studio/ocop): ideas, plans and milestones, dossiers,
results and the guidance that applies. Also open to a signed-in person without a producer
yet, who registers ideas and plans in their own name.

Another person's idea, plan or dossier answers 404, as if it did not exist; the services
check again.
"""
from functools import wraps

from flask import flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from marketplace.catalog.models import Category, Product, Province
from marketplace.core.errors import PermissionDenied
from marketplace.core.timeutil import vn_today
from marketplace.cycle import access, queries, studio_bp as bp
from marketplace.cycle.forms import (CommentForm, ConfirmForm, DocumentForm, DossierStartForm, IdeaEditForm, IdeaForm,
                                     ItemUploadForm, MilestoneDoneForm, MilestoneForm, PlanEditForm, PlanForm)
from marketplace.cycle.models import BusinessPlan, Dossier, DossierItem, Milestone, ProductIdea
from marketplace.cycle.services import dossiers as dossier_services, guidance, ideas as idea_services
from marketplace.cycle.states import IdeaStatus
from marketplace.cycle.views.common import confirmed, file_bytes, forbidden, get_or_404, status, submitted
from marketplace.extensions import db
from marketplace.studio.access import memberships
from marketplace.studio.forms import category_choices
from marketplace.studio.context import SESSION_KEY

bp.register_error_handler(PermissionDenied, forbidden)


def acting(view):
    """Signed in; `g.producer` is the producer chosen in the studio, or None for a person without one."""
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        members = memberships(current_user)
        chosen = session.get(SESSION_KEY)
        member = next((m for m in members if m.producer_id == chosen), members[0] if members else None)
        g.memberships, g.member, g.producer = members, member, member.producer if member else None
        return view(*args, **kwargs)
    return wrapper


def _idea(idea_id):
    return get_or_404(ProductIdea, idea_id, lambda row: access.owns_idea(current_user, row))


def _plan(plan_id):
    return get_or_404(BusinessPlan, plan_id, lambda row: access.owns_plan(current_user, row))


def _dossier(dossier_id):
    return get_or_404(Dossier, dossier_id, lambda row: access.owns_dossier(current_user, row))


def _locale():
    return getattr(g, "locale", "vi")


@bp.get("/")
@acting
def overview():
    own = queries.own_ideas(current_user, g.producer)
    provinces = {idea.province_id for idea in own} | ({g.producer.province_id} if g.producer else set())
    return render_template("cycle/studio/overview.html", ideas=own, dossiers=queries.producer_dossiers(g.producer),
                           posts=guidance.published(provinces, limit=10))


# --------------------------------------------------------------------------- ideas

def _idea_form(obj=None):
    """The new idea form (it creates: a token), or with `obj` the form that sends an idea back (it does not)."""
    form = IdeaForm() if obj is None else IdeaEditForm(obj=obj)
    form.category.choices = [SelectChoice("", _("— Chọn nhóm —"))] + category_choices(_locale())
    provinces = db.session.execute(db.select(Province).order_by(Province.name_ascii)).scalars().all()
    form.province.choices = [SelectChoice("", _("— Chọn tỉnh, thành phố —"))] + [
        SelectChoice(p.slug, p.name_vi) for p in provinces]
    if obj is not None and request.method == "GET":
        form.category.data = obj.category.slug
        form.province.data = obj.province.slug
    return form


def _idea_fields(form):
    category = db.session.execute(db.select(Category).where(Category.slug == form.category.data)).scalar_one_or_none()
    return dict(category=category, product_name=form.product_name.data, local_features=form.local_features.data,
                raw_materials=form.raw_materials.data)


@bp.route("/ideas/new", methods=["GET", "POST"])
@acting
def new_idea():
    form = _idea_form()
    province = None if g.producer else db.session.execute(
        db.select(Province).where(Province.slug == (form.province.data or ""))).scalar_one_or_none()
    sent = submitted(form, lambda: idea_services.register_idea(current_user, submission=form.submission_token,
                                                               producer=g.producer, province=province,
                                                               **_idea_fields(form)),
                     done=_("Đã gửi ý tưởng sản phẩm cho tỉnh. Bạn sẽ nhận email khi tỉnh xem xét."),
                     to=lambda idea: url_for(".idea", idea_id=idea.id),
                     first=lambda idea_id: url_for(".idea", idea_id=idea_id))
    return sent or (render_template("cycle/studio/idea_new.html", form=form), status(form))


@bp.route("/ideas/<int:idea_id>", methods=["GET", "POST"])
@acting
def idea(idea_id):
    item = _idea(idea_id)
    form = _idea_form(obj=item)
    sent = submitted(form, lambda: idea_services.resubmit_idea(current_user, item, **_idea_fields(form)),
                     done=_("Đã gửi lại ý tưởng cho tỉnh."), to=url_for(".idea", idea_id=item.id))
    if sent:
        return sent
    return render_template("cycle/studio/idea.html", idea=item, form=form,
                           editable=item.status == IdeaStatus.CHANGES_REQUESTED), status(form)


# --------------------------------------------------------------------------- plans

@bp.route("/ideas/<int:idea_id>/plan", methods=["GET", "POST"])
@acting
def new_plan(idea_id):
    item = _idea(idea_id)
    if item.plan is not None and request.method == "GET":  # a POST goes on: a repeat is led to the plan with a note
        return redirect(url_for(".plan", plan_id=item.plan.id))
    form = PlanForm()

    def send():
        data = file_bytes(form.document)
        documents = [((form.document_name.data or "").strip() or _("Tài liệu phương án"), data)] if data else []
        return idea_services.submit_plan(current_user, item, submission=form.submission_token, body=form.body.data,
                                         documents=documents)
    sent = submitted(form, send, done=_("Đã gửi phương án sản xuất kinh doanh cho tỉnh."),
                     to=lambda plan: url_for(".plan", plan_id=plan.id),
                     first=lambda plan_id: url_for(".plan", plan_id=plan_id))
    if sent:
        return sent
    return render_template("cycle/studio/plan_new.html", idea=item, form=form), status(form)


def _plan_page(plan, code=200, **forms):
    forms.setdefault("edit_form", PlanEditForm(obj=plan))
    forms.setdefault("document_form", DocumentForm(prefix="doc"))
    forms.setdefault("comment_form", CommentForm(prefix="comment"))
    forms.setdefault("milestone_form", MilestoneForm(prefix="ms"))
    return render_template("cycle/studio/plan.html", plan=plan, idea=plan.idea, today=vn_today(),
                           done_form=MilestoneDoneForm(prefix="done"), **forms), code


@bp.route("/plans/<int:plan_id>", methods=["GET", "POST"])
@acting
def plan(plan_id):
    item = _plan(plan_id)
    if request.method == "GET":
        return _plan_page(item)
    form = PlanEditForm(obj=item)
    return submitted(form, lambda: idea_services.resubmit_plan(current_user, item, body=form.body.data),
                     done=_("Đã gửi lại phương án cho tỉnh."), to=url_for(".plan", plan_id=item.id)) or _plan_page(
        item, status(form), edit_form=form)


@bp.post("/plans/<int:plan_id>/documents")
@acting
def plan_document(plan_id):
    item = _plan(plan_id)
    form = DocumentForm(prefix="doc")
    return submitted(form, lambda: idea_services.add_plan_document(current_user, item,
                                                                   submission=form.submission_token,
                                                                   name=form.name.data, data=file_bytes(form.file)),
                     done=_("Đã tải tài liệu lên."), to=url_for(".plan", plan_id=item.id, _anchor="documents")
                     ) or _plan_page(item, 400, document_form=form)


@bp.post("/plans/<int:plan_id>/comments")
@acting
def plan_comment(plan_id):
    item = _plan(plan_id)
    form = CommentForm(prefix="comment")
    return submitted(form, lambda: idea_services.comment_on_plan(current_user, item,
                                                                 submission=form.submission_token,
                                                                 body=form.body.data),
                     to=url_for(".plan", plan_id=item.id, _anchor="comments")) or _plan_page(item, 400,
                                                                                              comment_form=form)


@bp.post("/plans/<int:plan_id>/milestones")
@acting
def add_milestone(plan_id):
    item = _plan(plan_id)
    form = MilestoneForm(prefix="ms")
    return submitted(form, lambda: idea_services.add_milestone(current_user, item, submission=form.submission_token,
                                                               title=form.title.data, planned_on=form.planned_on.data,
                                                               note=form.note.data or ""),
                     done=_("Đã thêm mốc triển khai."), to=url_for(".plan", plan_id=item.id, _anchor="milestones")
                     ) or _plan_page(item, 400, milestone_form=form)


@bp.post("/milestones/<int:milestone_id>/done")
@acting
def milestone_done(milestone_id):
    milestone = get_or_404(Milestone, milestone_id, lambda row: access.owns_plan(current_user, row.plan))
    form = MilestoneDoneForm(prefix="done")
    return confirmed(lambda: idea_services.report_milestone(current_user, milestone, done_on=form.done_on.data,
                                                            note=form.note.data or "", today=vn_today()),
                     form=form, done=_("Đã ghi nhận mốc hoàn thành."),
                     to=url_for(".plan", plan_id=milestone.plan_id, _anchor="milestones"))


# --------------------------------------------------------------------------- dossiers

def _start_choices(form):
    products = db.session.execute(db.select(Product).where(Product.producer_id == g.producer.id)
                                  .order_by(Product.name)).scalars().all()
    plans = queries.accepted_plans(current_user, g.producer)
    form.source.choices = ([SelectChoice("", _("— Chọn —"))]
                           + [SelectChoice(f"product:{p.id}", p.name, optgroup=_("Sản phẩm đã có")) for p in products]
                           + [SelectChoice(f"plan:{p.id}", p.idea.product_name, optgroup=_("Sản phẩm mới theo phương án"))
                              for p in plans])
    return {f"product:{p.id}": ("product", p) for p in products} | {f"plan:{p.id}": ("plan", p) for p in plans}


@bp.route("/dossiers/new", methods=["GET", "POST"])
@acting
def new_dossier():
    if g.producer is None:
        flash(_("Hồ sơ đánh giá được lập cho sản phẩm của một chủ thể: hãy tạo hồ sơ chủ thể trước."), "info")
        return redirect(url_for("studio.onboarding"))
    form = DossierStartForm()
    sources = _start_choices(form)

    def start():
        kind, record = sources[form.source.data]
        return dossier_services.start_dossier(current_user, g.producer, submission=form.submission_token,
                                              unit=form.unit.data or "", product=record if kind == "product" else None,
                                              plan=record if kind == "plan" else None)
    sent = submitted(form, start, to=lambda dossier: url_for(".dossier", dossier_id=dossier.id),
                     first=lambda dossier_id: url_for(".dossier", dossier_id=dossier_id))
    if sent:
        return sent
    return render_template("cycle/studio/dossier_new.html", form=form), status(form)


@bp.get("/dossiers/<int:dossier_id>")
@acting
def dossier(dossier_id):
    item = _dossier(dossier_id)
    return render_template("cycle/studio/dossier.html", dossier=item, confirm=ConfirmForm(),
                           notes=queries.producer_notes(item.entry))


def _item(dossier_id, item_id):
    item = get_or_404(DossierItem, item_id, lambda row: row.dossier_id == dossier_id
                      and access.owns_dossier(current_user, row.dossier))
    return item


@bp.post("/dossiers/<int:dossier_id>/items/<int:item_id>")
@acting
def upload_item(dossier_id, item_id):
    item = _item(dossier_id, item_id)
    form = ItemUploadForm()
    return confirmed(lambda: dossier_services.upload_item(current_user, item, file_bytes(form.file)), form=form,
                     done=_("Đã tải lên “%(name)s”.", name=item.name_vi),
                     to=url_for(".dossier", dossier_id=dossier_id, _anchor=f"item-{item.id}"))


@bp.post("/dossiers/<int:dossier_id>/items/<int:item_id>/missing")
@acting
def missing_item(dossier_id, item_id):
    item = _item(dossier_id, item_id)
    return confirmed(lambda: dossier_services.mark_missing(current_user, item),
                     to=url_for(".dossier", dossier_id=dossier_id, _anchor=f"item-{item.id}"))


@bp.post("/dossiers/<int:dossier_id>/submit")
@acting
def submit_dossier(dossier_id):
    item = _dossier(dossier_id)
    return confirmed(lambda: dossier_services.submit_dossier(current_user, item),
                     done=_("Đã gửi hồ sơ cho tỉnh kiểm tra."), to=url_for(".dossier", dossier_id=item.id))
