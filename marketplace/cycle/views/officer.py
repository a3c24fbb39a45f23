"""The province's side of the cycle (/admin/ocop): the dashboard of what waits at each stage,
and the decisions on ideas, plans and dossiers. A record of another province answers 404."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.core.errors import PermissionDenied
from marketplace.core.timeutil import vn_today
from marketplace.cycle import access, officer_bp as bp, queries
from marketplace.cycle.forms import CommentForm, ConfirmForm, DecisionForm, DossierReturnForm
from marketplace.cycle.models import BusinessPlan, Dossier, ItemState, ProductIdea
from marketplace.cycle.services import dossiers as dossier_services, ideas as idea_services
from marketplace.cycle.states import DossierStatus, IdeaStatus, PlanStatus
from marketplace.cycle.views.common import (DomainError, forbidden, get_or_404, ids, officer_required, report, status,
                                            submitted)

bp.register_error_handler(PermissionDenied, forbidden)


def _covered(row):
    return access.officer_covers(current_user, row.province_id)


def _status_arg(states):
    wanted = request.args.get("status") or ""
    return states(wanted) if wanted in {s.value for s in states} else None


@bp.get("/")
@officer_required
def dashboard():
    return render_template("cycle/officer/dashboard.html", waiting=queries.waiting(current_user, vn_today()),
                           rounds=queries.rounds(current_user)[:10])


# --------------------------------------------------------------------------- ideas

@bp.get("/ideas")
@officer_required
def ideas():
    wanted = _status_arg(IdeaStatus)
    return render_template("cycle/officer/ideas.html", ideas=queries.ideas(current_user, wanted), status=wanted,
                           states=list(IdeaStatus))


@bp.route("/ideas/<int:idea_id>", methods=["GET", "POST"])
@officer_required
def idea(idea_id):
    item = get_or_404(ProductIdea, idea_id, _covered)
    form = DecisionForm()
    sent = submitted(form, lambda: idea_services.decide_idea(current_user, item, request.form.get("decision", ""),
                                                             form.reason.data),
                     done=_("Đã ghi quyết định; người đăng ký được báo qua email."), to=url_for(".idea", idea_id=item.id))
    if sent:
        return sent
    return render_template("cycle/officer/idea.html", idea=item, form=form), status(form)


# --------------------------------------------------------------------------- plans

def _plan(plan_id):
    return get_or_404(BusinessPlan, plan_id, lambda row: _covered(row.idea))


@bp.get("/plans")
@officer_required
def plans():
    wanted = _status_arg(PlanStatus)
    return render_template("cycle/officer/plans.html", plans=queries.plans(current_user, wanted), status=wanted,
                           states=list(PlanStatus))


def _plan_page(plan, code=200, form=None, comment_form=None):
    return render_template("cycle/officer/plan.html", plan=plan, idea=plan.idea, today=vn_today(),
                           form=form or DecisionForm(), comment_form=comment_form or CommentForm(prefix="comment")), code


@bp.route("/plans/<int:plan_id>", methods=["GET", "POST"])
@officer_required
def plan(plan_id):
    item = _plan(plan_id)
    form = DecisionForm()
    sent = submitted(form, lambda: idea_services.decide_plan(current_user, item, request.form.get("decision", ""),
                                                             form.reason.data),
                     done=_("Đã ghi quyết định về phương án."), to=url_for(".plan", plan_id=item.id))
    return sent or _plan_page(item, status(form), form=form)


@bp.post("/plans/<int:plan_id>/comments")
@officer_required
def plan_comment(plan_id):
    item = _plan(plan_id)
    form = CommentForm(prefix="comment")
    return submitted(form, lambda: idea_services.comment_on_plan(current_user, item,
                                                                 submission=form.submission_token,
                                                                 body=form.body.data),
                     done=_("Đã gửi ý kiến; chủ thể được báo qua email."),
                     to=url_for(".plan", plan_id=item.id, _anchor="comments")) or _plan_page(item, 400, comment_form=form)


# --------------------------------------------------------------------------- dossiers

@bp.get("/dossiers")
@officer_required
def dossiers():
    wanted = _status_arg(DossierStatus)
    return render_template("cycle/officer/dossiers.html", dossiers=queries.dossiers(current_user, wanted),
                           status=wanted, states=list(DossierStatus))


def _return_form(dossier):
    form = DossierReturnForm()
    form.flagged.choices = [(item.id, item.name_vi) for item in dossier.items]
    if not form.is_submitted():
        form.flagged.data = [item.id for item in dossier.items if item.state != ItemState.UPLOADED]
    return form


@bp.get("/dossiers/<int:dossier_id>")
@officer_required
def dossier(dossier_id):
    item = get_or_404(Dossier, dossier_id, _covered)
    return render_template("cycle/officer/dossier.html", dossier=item, return_form=_return_form(item),
                           confirm=ConfirmForm())


@bp.post("/dossiers/<int:dossier_id>/return")
@officer_required
def return_dossier(dossier_id):
    item = get_or_404(Dossier, dossier_id, _covered)
    form = _return_form(item)
    sent = submitted(form, lambda: dossier_services.return_dossier(current_user, item, flagged_ids=ids(form.flagged.data),
                                                                   note=form.note.data or ""),
                     done=_("Đã trả hồ sơ kèm danh sách cần bổ sung."), to=url_for(".dossier", dossier_id=item.id))
    if sent:
        return sent
    return render_template("cycle/officer/dossier.html", dossier=item, return_form=form, confirm=ConfirmForm()), 400


@bp.post("/dossiers/<int:dossier_id>/complete")
@officer_required
def complete_dossier(dossier_id):
    item = get_or_404(Dossier, dossier_id, _covered)
    if ConfirmForm().validate_on_submit():
        try:
            dossier_services.complete_dossier(current_user, item)
        except DomainError as error:
            report(error)
        else:
            flash(_("Hồ sơ đã đầy đủ; có thể đưa vào đợt đánh giá."), "success")
    return redirect(url_for(".dossier", dossier_id=item.id))
