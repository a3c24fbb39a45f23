"""One token per form shown, so that a create form sent twice creates one record.

A create form carries a hidden random token (`SubmissionField`, its error shown with the
`submission_errors` macro of templates/_submission.html); the record it creates
stores the token in a UNIQUE column named `submission`. A service looks the token up
first (`existing`) and returns the record already made; two copies racing each other
are stopped by the constraint, and `recover` turns the loser's IntegrityError into the
winner's record. A double click, a reload after POST or a retried request thus never
files a second report or a second inspection.
"""
import re
import secrets

from marketplace.core.i18n import lazy_gettext as _l
from wtforms import HiddenField
from wtforms.validators import Regexp

from marketplace.core.errors import ValidationError
from marketplace.extensions import db

PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def new_token():
    return secrets.token_urlsafe(18)  # 24 characters, 144 random bits


class SubmissionField(HiddenField):
    """The hidden token of one form shown; a fresh one each time the form is built empty."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("default", new_token)
        super().__init__(label, validators or [Regexp(PATTERN, message=_l("Biểu mẫu không hợp lệ, vui lòng tải "
                                                                            "lại trang và gửi lại."))], **kwargs)

    def post_validate(self, form, validation_stopped):
        """A refused token is replaced, so that the form shown again can be sent."""
        if self.errors:
            self.data = new_token()


def clean(token):
    """The token, or ValidationError (services are also called from the CLI and tests)."""
    if not isinstance(token, str) or not PATTERN.match(token):
        raise ValidationError(_l("Biểu mẫu không hợp lệ, vui lòng tải lại trang và gửi lại."), field="submission")
    return token


def existing(model, token):
    """The record created by this submission before, or None."""
    return db.session.execute(db.select(model).where(model.submission == token)).scalar_one_or_none()


def recover(model, token, error):
    """After a rolled-back IntegrityError: the record the other copy created, or re-raise."""
    db.session.rollback()
    row = existing(model, token)
    if row is None:
        raise error
    return row
