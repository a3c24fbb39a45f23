"""The producer's team: invitations by e-mail (a one-time link, valid INVITATION_DAYS),
accepting one, revoking it, removing a member (owners themselves cannot be removed).

Every function takes the acting user (`actor`) and checks, through `studio.access`, that
they act for the very producer whose record they touch; a refusal raises PermissionDenied
and changes nothing. Each function is one transaction (studio.files.file_transaction).
"""
import hashlib
import secrets
from datetime import timedelta

from marketplace.accounts.models import Role
from marketplace.accounts.services import mark_email_confirmed, normalise_email
from marketplace.audit import services as audit
from marketplace.catalog.models import ProducerMember
from marketplace.core import submissions
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db
from marketplace.studio import notifications
from marketplace.studio.access import require_member
from marketplace.studio.files import file_transaction
from marketplace.studio.models import ProducerInvitation


INVITATION_DAYS = 14


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def invite_member(actor, producer, email, accept_url, submission=None):
    """The owner invites someone by e-mail; `accept_url(token)` builds the link sent to them.
    Once per submitted form: a repeat neither revokes the first link nor sends a second e-mail."""
    require_member(actor, producer, owner=True)
    email = normalise_email(email)
    if not email or "@" not in email:
        raise ValidationError(_l("Email không hợp lệ."), field="email")
    if any(m.user.email == email for m in producer.members):
        raise ValidationError(_l("Người này đã ở trong nhóm."), field="email")
    now = utcnow()
    token = secrets.token_urlsafe(32)
    with file_transaction():
        claim = submissions.claim(submission, "invitation")
        for old in db.session.execute(db.select(ProducerInvitation).where(
                ProducerInvitation.producer_id == producer.id, ProducerInvitation.email == email,
                ProducerInvitation.accepted_at.is_(None), ProducerInvitation.revoked_at.is_(None))).scalars():
            old.revoked_at = now  # one open invitation per address: the newest
        invitation = ProducerInvitation(producer=producer, email=email, token_hash=_token_hash(token),
                                        invited_by=actor, created_at=now,
                                        expires_at=now + timedelta(days=INVITATION_DAYS))
        db.session.add(invitation)
        db.session.flush()
        claim.done(invitation.id)
        audit.record("team.invited", invitation, actor=actor, producer=producer, email=email)
        notifications.dispatch(notifications.compose_invitation(invitation, accept_url(token)))
    return invitation


def find_invitation(token):
    if not token or len(token) > 100:
        return None
    return db.session.execute(db.select(ProducerInvitation).where(
        ProducerInvitation.token_hash == _token_hash(token))).scalar_one_or_none()


def accept_invitation(user, token, submission=None):
    """`user` joins the team the invitation names, if it is open and addressed to them; once per
    submitted form, and once per invitation (its row is locked while it is checked and used).

    The link reached that address, so accepting it also confirms the account's address.
    """
    submissions.check(submission, "team_membership")  # the first one used the invitation up
    invitation = find_invitation(token)
    if invitation is None or not invitation.is_open(utcnow()):
        raise ValidationError(_l("Lời mời không còn hiệu lực."))
    if normalise_email(user.email) != invitation.email:
        raise PermissionDenied(_l("Lời mời này gửi tới một địa chỉ email khác. Hãy đăng nhập bằng %(email)s.",
                                  email=invitation.email))
    if user.has_role(Role.OFFICER):
        raise PermissionDenied(_l("Cán bộ xác minh không thể tham gia nhóm của chủ thể."))
    producer = invitation.producer
    with file_transaction():
        submissions.claim(submission, "team_membership").done(producer.id)
        db.session.refresh(invitation, with_for_update=True)
        if not invitation.is_open(utcnow()):  # used meanwhile (another tab)
            raise ValidationError(_l("Lời mời không còn hiệu lực."))
        mark_email_confirmed(user, commit=False)
        if db.session.get(ProducerMember, (producer.id, user.id)) is None:
            member = ProducerMember(producer=producer, user=user, is_owner=False)
            db.session.add(member)
            audit.record("team.joined", member, actor=user, producer=producer)
        invitation.accepted_at = utcnow()
        invitation.accepted_by_id = user.id
    return producer


def revoke_invitation(actor, invitation):
    require_member(actor, invitation.producer, owner=True)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        return invitation
    with file_transaction():
        invitation.revoked_at = utcnow()
        audit.record("team.invitation_revoked", invitation, actor=actor, producer=invitation.producer,
                     email=invitation.email)
    return invitation


def remove_member(actor, member):
    """The owner removes a team member (owners themselves cannot be removed)."""
    producer = member.producer
    require_member(actor, producer, owner=True)
    if member.is_owner:
        raise ValidationError(_l("Không thể xóa chủ gian hàng khỏi nhóm."))
    with file_transaction():
        audit.record("team.removed", member, actor=actor, producer=producer, email=member.user.email)
        producer.members.remove(member)  # delete-orphan: the row goes too


def team(producer):
    """Members (owners first) and open invitations of `producer`."""
    now = utcnow()
    members = sorted(producer.members, key=lambda m: (not m.is_owner, m.user.full_name))
    invitations = db.session.execute(db.select(ProducerInvitation).where(
        ProducerInvitation.producer_id == producer.id, ProducerInvitation.accepted_at.is_(None),
        ProducerInvitation.revoked_at.is_(None), ProducerInvitation.expires_at > now)
        .order_by(ProducerInvitation.created_at.desc())).scalars().all()
    return members, invitations
