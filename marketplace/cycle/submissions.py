"""Every form of the cycle that creates something is idempotent per submission.

Each create form carries a hidden random token (`new_token()`), stored with the record
under a UNIQUE constraint (`submission_token`). Sending the same form twice — a double
tap, a retry after a timeout — finds the record the first submission made instead of
making a second one; two submissions racing each other are settled by the database
(the loser's INSERT fails on the unique key, it rolls back and returns the winner's
record). This is the seam a site-wide mechanism can replace: `once(...)`.
"""
import secrets

from marketplace.core.i18n import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from marketplace.core.errors import ValidationError
from marketplace.extensions import db

TOKEN_BYTES = 24  # 32 URL-safe characters


def new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


def _clean(token):
    token = (token or "").strip()
    if not token or len(token) > 64:
        raise ValidationError(_l("Biểu mẫu đã cũ hoặc không hợp lệ. Vui lòng tải lại trang và gửi lại."))
    return token


def _existing(model, token, owner_of, actor):
    row = db.session.execute(db.select(model).where(model.submission_token == token)).scalar_one_or_none()
    if row is not None and owner_of(row) != actor.id:
        # A token is random and private to one form; another account's token is never honoured.
        raise ValidationError(_l("Biểu mẫu đã cũ hoặc không hợp lệ. Vui lòng tải lại trang và gửi lại."))
    return row


def once(model, token, actor, owner_of, create):
    """`create(token)` (a service's whole transaction) unless this form was already handled.

    Returns (record, created): `created` is False when an earlier submission of the same
    form made the record. `owner_of(row)` names the account that made a row.
    """
    token = _clean(token)
    row = _existing(model, token, owner_of, actor)
    if row is not None:
        return row, False
    try:
        return create(token), True
    except IntegrityError:
        db.session.rollback()
        row = _existing(model, token, owner_of, actor)
        if row is None:
            raise
        return row, False
