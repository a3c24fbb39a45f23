"""Who may act for which producer.

A user acts for a producer only through a `ProducerMember` row (the owner or a
team member). Every studio service checks it for the very record it touches;
views use `producer_record` to turn another producer's id into a 404.
"""

from marketplace.accounts.access import is_confirmed, require_confirmed
from marketplace.accounts.models import Role
from marketplace.catalog.models import Producer, ProducerMember
from marketplace.core.errors import PermissionDenied
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.extensions import db


def memberships(user):
    """The producers `user` acts for, owners first, then by name."""
    if user is None or not getattr(user, "id", None):
        return []
    return db.session.execute(
        db.select(ProducerMember).join(ProducerMember.producer).where(ProducerMember.user_id == user.id)
        .order_by(ProducerMember.is_owner.desc(), Producer.name)).scalars().all()


def membership(user, producer_id):
    if user is None or not getattr(user, "id", None) or producer_id is None:
        return None
    return db.session.get(ProducerMember, (producer_id, user.id))


def require_member(user, producer, *, owner=False):
    """The user's membership of `producer`, or PermissionDenied (owner=True: owners only).

    Acting for a producer needs a confirmed e-mail address (accounts.access)."""
    member = membership(user, producer.id if producer is not None else None)
    if member is None or not user.is_active:
        raise PermissionDenied(_l("Bạn không quản lý chủ thể này."))
    require_confirmed(user)
    if owner and not member.is_owner:
        raise PermissionDenied(_l("Chỉ chủ gian hàng mới làm được việc này."))
    return member


def may_create_producer(user):
    """Producers create one profile; others join a team by invitation."""
    return user is not None and user.role == Role.PRODUCER and is_confirmed(user) and not memberships(user)


def producer_record(user, model, record_id, producer_of):
    """`model` row `record_id` if `user` acts for its producer, else None (the view answers 404).

    `producer_of(row)` gives the row's producer id; a row of another producer is
    reported exactly like a row that does not exist.
    """
    row = db.session.get(model, record_id)
    if row is None or membership(user, producer_of(row)) is None:
        return None
    return row
