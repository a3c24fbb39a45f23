"""Who may act for which buyer organisation or producer, in matching.

A user acts for a buyer organisation through a `BuyerMember` row and for a producer
through a `ProducerMember` row (studio.access). Services check it for the very
record they touch; views turn another party's record into a 404 with the
`*_or_none` helpers.
"""

from marketplace.accounts.access import is_confirmed
from marketplace.catalog.models import Producer, ProducerMember
from marketplace.core.errors import PermissionDenied
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.extensions import db
from marketplace.matching.models import BuyerMember, BuyerOrganisation, Side


def _user_id(user):
    if user is None or not getattr(user, "is_authenticated", True) or not getattr(user, "id", None):
        return None
    if not getattr(user, "is_active", True) or not is_confirmed(user):
        return None  # an unconfirmed address acts for nobody (accounts.access)
    return user.id


def buyer_memberships(user):
    user_id = _user_id(user)
    if user_id is None:
        return []
    return db.session.execute(
        db.select(BuyerMember).join(BuyerMember.buyer).where(BuyerMember.user_id == user_id)
        .order_by(BuyerMember.is_owner.desc(), BuyerOrganisation.name)).scalars().all()


def producer_memberships(user):
    user_id = _user_id(user)
    if user_id is None:
        return []
    return db.session.execute(
        db.select(ProducerMember).join(ProducerMember.producer).where(ProducerMember.user_id == user_id)
        .order_by(ProducerMember.is_owner.desc(), Producer.name)).scalars().all()


def is_buyer_member(user, buyer_id):
    user_id = _user_id(user)
    return user_id is not None and buyer_id is not None and \
        db.session.get(BuyerMember, (buyer_id, user_id)) is not None


def is_producer_member(user, producer_id):
    user_id = _user_id(user)
    return user_id is not None and producer_id is not None and \
        db.session.get(ProducerMember, (producer_id, user_id)) is not None


def require_buyer(user, buyer):
    if buyer is None or not is_buyer_member(user, buyer.id):
        raise PermissionDenied(_l("Bạn không đại diện cho doanh nghiệp này."))


def require_producer(user, producer):
    if producer is None or not is_producer_member(user, producer.id):
        raise PermissionDenied(_l("Bạn không quản lý chủ thể này."))


def sides_of(user, buyer_id, producer_id):
    """The sides of the pair `user` acts for (a user may, rarely, act for both)."""
    sides = set()
    if is_buyer_member(user, buyer_id):
        sides.add(Side.BUYER)
    if is_producer_member(user, producer_id):
        sides.add(Side.PRODUCER)
    return sides


def member_user_ids(side, party_id):
    """The users acting for a buyer organisation or a producer (who hear about its matches)."""
    if side is Side.BUYER:
        query = db.select(BuyerMember.user_id).where(BuyerMember.buyer_id == party_id)
    else:
        query = db.select(ProducerMember.user_id).where(ProducerMember.producer_id == party_id)
    return list(db.session.execute(query).scalars())
