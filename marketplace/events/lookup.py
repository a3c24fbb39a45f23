"""Finding a ticket again: a signed-in visitor's registrations, and a guest's tickets
sent again to the address they registered with.

A ticket is reached by its secret code, so a visitor who closed the tab has lost it
unless they kept the e-mail. A guest types the address; the tickets of that address
are e-mailed to it, never shown on the page, and the page says the same whether or
not the address registered anywhere (so it tells nobody who goes where). The view
limits how often one client and one address may ask.
"""
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import or_
from sqlalchemy.orm import selectinload

from marketplace.core.errors import ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.transactions import atomic
from marketplace.events import notifications
from marketplace.events.models import Event, RegistrationStatus, VisitorRegistration
from marketplace.events.queries import PUBLIC_STATUSES
from marketplace.extensions import db

MAX_TICKETS_PER_MESSAGE = 30


def clean_email(email):
    """The address as registrations store it (normalised, lower case), or a ValidationError."""
    email = (email or "").strip()
    if not email:
        raise ValidationError(_l("Vui lòng nhập email."), field="email")
    try:
        return validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise ValidationError(_l("Email không hợp lệ."), field="email") from None


def live_tickets_of_email(email, now):
    """Registrations of `email` that still mean something: not cancelled, event not over."""
    return db.session.execute(
        db.select(VisitorRegistration).join(VisitorRegistration.event)
        .where(VisitorRegistration.email == email, VisitorRegistration.status != RegistrationStatus.CANCELLED,
               Event.status.in_(PUBLIC_STATUSES), Event.ends_at >= now)
        .order_by(Event.starts_at, VisitorRegistration.id).limit(MAX_TICKETS_PER_MESSAGE)
        .options(selectinload(VisitorRegistration.event).selectinload(Event.province))).scalars().all()


def send_tickets_again(email, now, language="vi"):
    """E-mail the live tickets of `email` to that address; nothing when there are none.

    Returns nothing on purpose: the caller must answer the same either way.
    """
    email = clean_email(email)
    with atomic():
        tickets = live_tickets_of_email(email, now)
        if tickets:
            notifications.dispatch(notifications.tickets_again_message(email, tickets, language))


def registrations_of_user(user, limit=50):
    """A signed-in visitor's registrations: made while signed in, or with the account's
    address once that address is confirmed. Upcoming first is the caller's choice; here
    newest events first."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    mine = VisitorRegistration.user_id == user.id
    if user.email_confirmed:
        mine = or_(mine, VisitorRegistration.email == user.email.lower())
    return db.session.execute(
        db.select(VisitorRegistration).join(VisitorRegistration.event)
        .where(mine, Event.status.in_(PUBLIC_STATUSES))
        .order_by(Event.starts_at.desc(), VisitorRegistration.id.desc()).limit(limit)
        .options(selectinload(VisitorRegistration.event).selectinload(Event.province))).scalars().all()
