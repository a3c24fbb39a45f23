"""Who may act on events: an organizer (or admin) with a confirmed address for their own
events and showrooms, a member of a verified producer for that producer. The services of
events.lifecycle, events.booths, events.visitors and events.showrooms check these on the
very record; views use them to show or hide what a user may do.
"""
from marketplace.accounts.access import is_confirmed
from marketplace.accounts.models import Role
from marketplace.catalog.models import Producer, ProducerMember
from marketplace.extensions import db


def acts_as_organizer(user):
    """An organizer or an admin whose e-mail address is confirmed (accounts.access)."""
    return is_confirmed(user) and user.role in (Role.ORGANIZER, Role.ADMIN)


def may_manage_event(user, event):
    """The event's own organizer, or an admin."""
    if not acts_as_organizer(user) or event is None:
        return False
    return user.role is Role.ADMIN or (user.role is Role.ORGANIZER and event.organizer_id == user.id)


def may_manage_showroom(user, showroom):
    if not acts_as_organizer(user) or showroom is None:
        return False
    return user.role is Role.ADMIN or (user.role is Role.ORGANIZER and showroom.organizer_id == user.id)


def producers_of_user(user):
    """The verified producers this user may act for (ProducerMember; a confirmed address)."""
    if not is_confirmed(user):
        return []
    return db.session.execute(
        db.select(Producer).join(ProducerMember, ProducerMember.producer_id == Producer.id)
        .where(ProducerMember.user_id == user.id, Producer.verified.is_(True)).order_by(Producer.name)
    ).scalars().all()


def may_act_for_producer(user, producer):
    return producer is not None and any(p.id == producer.id for p in producers_of_user(user))
