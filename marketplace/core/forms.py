"""Helpers shared by every form-handling view."""
from flask import flash, redirect
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import HiddenField
from wtforms.validators import ValidationError as FieldError

from marketplace.core.submissions import FIELD_NAME, clean_token, new_token


def attach_error(form, error):
    """Show a service's DomainError next to the field it names, or as a flash message.

    Services validate again what forms already checked (they are also called from
    the CLI and the API), so their errors must reach the user like a form error.
    """
    field = getattr(form, error.field, None) if error.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, str(error.message)]
    else:
        flash(str(error.message), "error")


MISSING_SUBMISSION = _l("Biểu mẫu đã cũ hoặc thiếu mã gửi. Vui lòng kiểm tra lại rồi gửi lần nữa.")


class SubmissionMixin:
    """For a form that creates something: it must carry the token of the page it came from.

    The template renders the token with `{{ submission_field(form) }}` (a new one per
    rendered form); the view passes `form.submission_token` to the service, which claims it
    (core/submissions.py). Without a valid token the form does not validate: it is shown
    again, with a new token and the message, and nothing is created.
    """

    submission = HiddenField()

    @property
    def submission_token(self):
        raw = self.submission.raw_data
        return clean_token(raw[0] if raw else None)

    def validate_submission(self, field):
        if self.submission_token is None:
            raise FieldError(MISSING_SUBMISSION)

    def hidden_tag(self, *fields):
        """Flask-WTF's hidden fields but the token, which `submission_field(form)` renders."""
        return super().hidden_tag(*(fields or [f for f in self if f.name != FIELD_NAME]))


def submission_field(form=None):
    """Template global: the hidden input with a new token, and the form's token error if any.

    Call it once per rendered form: a loop of forms (one review form per product) gets a
    token each. A form shown again after an error gets a new token too; the refused
    submission claimed nothing, so either token would do.
    """
    html = Markup('<input type="hidden" name="%s" value="%s">') % (FIELD_NAME, new_token())
    field = getattr(form, FIELD_NAME, None)
    for message in getattr(field, "errors", None) or ():
        html += Markup('<p class="field-error" role="alert">%s</p>') % message
    return html


def stale_submission(form):
    """True when a posted form's only fault is a missing token (a page from before tokens, or
    kept open too long): the view says so and leads back instead of answering 400."""
    if set(form.errors) == {FIELD_NAME}:
        flash(str(MISSING_SUBMISSION), "error")
        return True
    return False


def show_first(done, url):
    """A repeated submission (core.submissions.AlreadySubmitted): lead the user to what the
    first one created, at `url`, with a note; never an error page."""
    flash(str(done.message), "info")
    return redirect(url)
