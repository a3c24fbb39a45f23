"""The producer's team in the studio: members and invitations, inviting, removing and
revoking, and accepting an invitation from its link.
"""
from flask import abort, flash, g, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.catalog.models import ProducerMember
from marketplace.core.errors import DomainError
from marketplace.core.forms import show_first
from marketplace.core.submissions import AlreadySubmitted
from marketplace.core.urls import external_url
from marketplace.extensions import db
from marketplace.studio import bp
from marketplace.studio import membership
from marketplace.studio.acting import SESSION_KEY, studio_required
from marketplace.studio.forms import AcceptInvitationForm, ConfirmForm, InviteForm
from marketplace.studio.models import ProducerInvitation


@bp.get("/team")
@studio_required
def team():
    members, invitations = membership.team(g.producer)
    return render_template("studio/team.html", members=members, invitations=invitations, form=InviteForm(),
                           confirm=ConfirmForm(), is_owner=g.member.is_owner)


@bp.post("/team/invite")
@studio_required
def invite():
    if not g.member.is_owner:
        abort(403)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            membership.invite_member(current_user, g.producer, form.email.data,
                                     accept_url=lambda token: external_url("studio.accept_invitation", token=token),
                                     submission=form.submission_token)
        except AlreadySubmitted as done:
            return show_first(done, url_for("studio.team"))
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã gửi lời mời tới %(email)s.", email=form.email.data), "success")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "error")
    return redirect(url_for("studio.team"))


@bp.post("/team/members/<int:user_id>/remove")
@studio_required
def remove_member(user_id):
    member = db.session.get(ProducerMember, (g.producer.id, user_id))
    if member is None:
        abort(404)
    if not g.member.is_owner:
        abort(403)
    if ConfirmForm().validate_on_submit():
        try:
            membership.remove_member(current_user, member)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Đã xóa thành viên khỏi nhóm."), "success")
    return redirect(url_for("studio.team"))


@bp.post("/team/invitations/<int:invitation_id>/revoke")
@studio_required
def revoke_invitation(invitation_id):
    invitation = db.session.get(ProducerInvitation, invitation_id)
    if invitation is None or invitation.producer_id != g.producer.id:
        abort(404)
    if not g.member.is_owner:
        abort(403)
    if ConfirmForm().validate_on_submit():
        membership.revoke_invitation(current_user, invitation)
        flash(_("Đã hủy lời mời."), "success")
    return redirect(url_for("studio.team"))


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@login_required
def accept_invitation(token):
    invitation = membership.find_invitation(token)
    if invitation is None:
        abort(404)
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            producer = membership.accept_invitation(current_user, token, submission=form.submission_token)
        except AlreadySubmitted as done:
            session[SESSION_KEY] = done.record_id
            return show_first(done, url_for("studio.dashboard"))
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            session[SESSION_KEY] = producer.id
            flash(_("Bạn đã tham gia quản lý “%(name)s”.", name=producer.name), "success")
            return redirect(url_for("studio.dashboard"))
    return render_template("studio/invitation.html", invitation=invitation, form=form)
