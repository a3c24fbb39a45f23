"""Guidance pages: public reading (/ocop/guidance), officers' writing (/admin/ocop/guidance),
and every private document of the cycle, served only to who may read it."""
from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from marketplace.accounts import jurisdiction
from marketplace.catalog.models import Province
from marketplace.catalog.services import find_province
from marketplace.core.downloads import send_private_document
from marketplace.cycle import access, bp, officer_bp
from marketplace.cycle.forms import AttachmentForm, ConfirmForm, GuidanceEditForm, GuidanceForm
from marketplace.cycle.models import DossierItem, GuidanceAttachment, GuidancePost, PlanDocument
from marketplace.cycle.services import guidance as services
from marketplace.cycle.views.common import confirmed, file_bytes, get_or_404, officer_required, status, submitted
from marketplace.extensions import db

NATIONAL = "national"


@bp.get("/guidance")
def guidance_list():
    key = request.args.get("province") or ""
    province = find_province(key) if key else None
    if key and province is None:
        abort(404)
    posts = services.published([province.id] if province else None)
    provinces = db.session.execute(db.select(Province).order_by(Province.name_ascii)).scalars().all()
    return render_template("cycle/guidance/list.html", posts=posts, province=province, provinces=provinces)


def _post_by_slug(slug):
    post = db.session.execute(db.select(GuidancePost).where(GuidancePost.slug == slug[:220])).scalar_one_or_none()
    if post is None or not services.readable(current_user, post):
        abort(404)
    return post


@bp.get("/guidance/<slug>")
def guidance_post(slug):
    return render_template("cycle/guidance/post.html", post=_post_by_slug(slug))


@bp.get("/guidance/<slug>/files/<int:attachment_id>")
def guidance_file(slug, attachment_id):
    post = _post_by_slug(slug)
    attachment = get_or_404(GuidanceAttachment, attachment_id, lambda row: row.post_id == post.id)
    return send_private_document(attachment.key, f"tai-lieu-{attachment.id}")


# --------------------------------------------------------------------------- private documents of the cycle

@bp.get("/documents/plans/<int:document_id>")
def plan_file(document_id):
    document = get_or_404(PlanDocument, document_id, lambda row: access.owns_plan(current_user, row.plan)
                          or access.officer_covers(current_user, row.plan.idea.province_id))
    return send_private_document(document.key, f"phuong-an-{document.plan_id}-{document.id}")


def _may_read_dossier(user, dossier):
    if access.owns_dossier(user, dossier) or access.officer_covers(user, dossier.province_id):
        return True
    return dossier.entry is not None and access.council_seat(user, dossier.entry.round_id) is not None


@bp.get("/documents/dossier-items/<int:item_id>")
def dossier_file(item_id):
    item = get_or_404(DossierItem, item_id, lambda row: row.key and _may_read_dossier(current_user, row.dossier))
    return send_private_document(item.key, f"ho-so-{item.dossier_id}-{item.position + 1}")


# --------------------------------------------------------------------------- officers write

def _province_choices(form):
    provinces = db.session.execute(jurisdiction.narrow(db.select(Province).order_by(Province.name_ascii),
                                                       current_user, Province.id)).scalars().all()
    national = jurisdiction.province_scope(current_user) is jurisdiction.EVERYWHERE
    form.province.choices = ([SelectChoice(NATIONAL, _("Toàn quốc"))] if national else []) + [
        SelectChoice(p.slug, p.name_vi) for p in provinces]


def _chosen_province(form):
    return None if form.province.data == NATIONAL else find_province(form.province.data)


def _own_post(post_id):
    return get_or_404(GuidancePost, post_id, lambda row: services.may_write(current_user, row.province_id))


@officer_bp.route("/guidance", methods=["GET", "POST"])
@officer_required
def guidance_admin():
    form = GuidanceForm()
    _province_choices(form)
    sent = submitted(form, lambda: services.create_post(
        current_user, submission=form.submission_token, province=_chosen_province(form), kind=form.kind.data,
        title=form.title.data, body=form.body.data), done=_("Đã lưu bản nháp; bấm “Đăng” để công bố."),
        to=lambda post: url_for(".guidance_edit", post_id=post.id),
        first=lambda post_id: url_for(".guidance_edit", post_id=post_id))
    return sent or (render_template("cycle/officer/guidance_list.html", posts=services.officer_posts(current_user),
                                    form=form), status(form))


def _edit_form(**kwargs):
    """The post form without its place (a post stays where it was written) nor a token (it creates nothing)."""
    return GuidanceEditForm(**kwargs)


def _edit_page(post, code=200, form=None, attachment_form=None):
    if form is None:
        form = _edit_form(obj=post)
        form.kind.data = post.kind.value
    return render_template("cycle/officer/guidance_edit.html", post=post, form=form, confirm=ConfirmForm(),
                           attachment_form=attachment_form or AttachmentForm(prefix="file")), code


@officer_bp.route("/guidance/<int:post_id>", methods=["GET", "POST"])
@officer_required
def guidance_edit(post_id):
    post = _own_post(post_id)
    if request.method == "GET":
        return _edit_page(post)
    form = _edit_form()
    return submitted(form, lambda: services.update_post(current_user, post, kind=form.kind.data, title=form.title.data,
                                                        body=form.body.data),
                     done=_("Đã lưu bài."), to=url_for(".guidance_edit", post_id=post.id)) or _edit_page(
        post, 400, form=form)


@officer_bp.post("/guidance/<int:post_id>/status")
@officer_required
def guidance_status(post_id):
    post = _own_post(post_id)
    return confirmed(lambda: services.move_post(current_user, post, request.form.get("to", "")),
                     done=_("Đã cập nhật trạng thái bài."), to=url_for(".guidance_edit", post_id=post.id))


@officer_bp.post("/guidance/<int:post_id>/attachments")
@officer_required
def guidance_attach(post_id):
    post = _own_post(post_id)
    form = AttachmentForm(prefix="file")
    return submitted(form, lambda: services.add_attachment(current_user, post, submission=form.submission_token,
                                                           name=form.name.data, data=file_bytes(form.file)),
                     done=_("Đã đính kèm tài liệu."), to=url_for(".guidance_edit", post_id=post.id)) or _edit_page(
        post, 400, attachment_form=form)


@officer_bp.post("/guidance/<int:post_id>/attachments/<int:attachment_id>/remove")
@officer_required
def guidance_detach(post_id, attachment_id):
    post = _own_post(post_id)
    attachment = get_or_404(GuidanceAttachment, attachment_id, lambda row: row.post_id == post.id)
    return confirmed(lambda: services.remove_attachment(current_user, attachment),
                     to=url_for(".guidance_edit", post_id=post.id))
