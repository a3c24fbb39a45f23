"""What the events domain tells people by e-mail, composed here and sent through `dispatch`.

Each `*_message` function composes one message (recipient, subject, text body
rendered from templates/email/*.txt, in Vietnamese) and returns None when there
is nobody to write to (a visitor who left only a phone number). Services call
`dispatch` inside their transaction, after every check has passed and right
before they commit.

`dispatch` is the single place that hands a message over for delivery: to
`core.mail.queue`, an outbox row in the same transaction.
"""
from dataclasses import asdict, dataclass
from datetime import datetime

from flask import render_template
from flask_babel import force_locale

from marketplace.core import mail
from marketplace.core.urls import external_url
from marketplace.events.models import ApplicationStatus, EventStatus, RegistrationStatus
from marketplace.events.tickets import format_code

@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str
    kind: str  # what it is about, e.g. "ticket", "application_accepted"

    def as_payload(self):
        return asdict(self)


# Links in e-mails come from SITE_URL (core/urls.py), never from the request's Host header;
# the old name stays for callers written before that helper.
absolute_url = external_url


def _render(template, **context):
    with force_locale("vi"):
        return render_template(f"email/{template}.txt", **context).strip() + "\n"


def _compose(kind, to, subject, template, **context):
    if not to:
        return None
    return Message(to=to, subject=subject, body=_render(template, **context), kind=kind)


# --- visitors -----------------------------------------------------------------

def ticket_message(registration):
    """The ticket of a confirmed visitor (also sent when a waiting-list place is confirmed)."""
    event = registration.event
    return _compose("ticket", registration.email, f"Vé tham dự: {event.title}", "ticket",
                    registration=registration, event=event, code=format_code(registration.code),
                    ticket_url=external_url("events.ticket", code=registration.code),
                    event_url=external_url("events.event", slug=event.slug))


def tickets_again_message(email, registrations, language="vi"):
    """The tickets of one address, asked for again on /tickets/find (in the page's language)."""
    language = "en" if language == "en" else "vi"
    template = "tickets_again.en" if language == "en" else "tickets_again"
    subject = "Your OCOP event tickets" if language == "en" else "Vé sự kiện OCOP của bạn"
    tickets = [{"registration": r, "event": r.event, "code": format_code(r.code),
                "ticket_url": external_url("events.ticket", code=r.code)} for r in registrations]
    with force_locale(language):
        body = render_template(f"email/{template}.txt", tickets=tickets,
                               find_url=external_url("events.find_tickets")).strip() + "\n"
    return Message(to=email, subject=subject, body=body, kind="tickets_again")


def waitlisted_message(registration):
    event = registration.event
    return _compose("visitor_waitlisted", registration.email, f"Danh sách chờ: {event.title}",
                    "visitor_waitlisted", registration=registration, event=event,
                    ticket_url=external_url("events.ticket", code=registration.code))


def event_changed_message(event, registration):
    """To a visitor when the event is cancelled, postponed or given new dates."""
    if registration.status not in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED):
        return None
    return _compose(f"event_{event.status.value}", registration.email, _change_subject(event),
                    "event_changed", event=event, name=registration.name,
                    event_url=external_url("events.event", slug=event.slug))


# --- exhibitors ---------------------------------------------------------------

def _producer_address(application):
    return application.producer.email or _owner_email(application.producer)


def _owner_email(producer):
    owners = sorted(producer.members, key=lambda m: (not m.is_owner, m.created_at or datetime.min))
    return owners[0].user.email if owners else None


APPLICATION_SUBJECTS = {
    ApplicationStatus.SUBMITTED: "Đã nhận đơn đăng ký gian hàng",
    ApplicationStatus.ACCEPTED: "Đơn đăng ký gian hàng được chấp nhận",
    ApplicationStatus.REJECTED: "Đơn đăng ký gian hàng không được chấp nhận",
    ApplicationStatus.WAITLISTED: "Đơn đăng ký gian hàng vào danh sách chờ",
    ApplicationStatus.CANCELLED: "Gian hàng đã bị hủy",
    ApplicationStatus.WITHDRAWN: "Đã rút đơn đăng ký gian hàng",
}


def application_message(application):
    """To the producer, about the state its booth application has just reached."""
    event = application.event
    subject = f"{APPLICATION_SUBJECTS[application.status]}: {event.title}"
    return _compose(f"application_{application.status.value}", _producer_address(application), subject,
                    "application_status", application=application, event=event,
                    applications_url=external_url("events.my_applications"),
                    event_url=external_url("events.event", slug=event.slug))


def new_application_message(application):
    """To the organizer: a producer has applied for a booth."""
    event = application.event
    return _compose("application_new", event.organizer.email, f"Đơn đăng ký gian hàng mới: {event.title}",
                    "application_new", application=application, event=event,
                    manage_url=external_url("organizer.event", event_id=event.id))


def exhibitor_event_changed_message(event, application):
    if application.status not in (ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED,
                                  ApplicationStatus.SUBMITTED):
        return None
    return _compose(f"event_{event.status.value}", _producer_address(application), _change_subject(event),
                    "event_changed", event=event, name=application.producer.name,
                    event_url=external_url("events.event", slug=event.slug))


def _change_subject(event):
    if event.status is EventStatus.CANCELLED:
        return f"Sự kiện đã hủy: {event.title}"
    if event.status is EventStatus.POSTPONED:
        return f"Sự kiện tạm hoãn: {event.title}"
    return f"Sự kiện đổi lịch: {event.title}"


# --- delivery -----------------------------------------------------------------

def dispatch(message):
    """Send one message once the caller's transaction commits (through the outbox);
    None (nobody to write to) is skipped."""
    if message is None:
        return None
    return mail.queue(message.to, message.subject, message.body, topic=f"events.{message.kind}")
