"""One submitted form, at most one record: idempotent creation, guaranteed by the database.

Every form that creates something carries a hidden field `submission` holding a
random token drawn when the page was rendered (`submission_field(form)` in
the templates). The service that creates the record claims that token *first* in its
transaction, by inserting it into `form_submissions` (the token is the primary
key), and writes the new record's id on the same row before it commits:

    with atomic():
        claim = submissions.claim(token, "demand")
        demand = Demand(...); db.session.add(demand); db.session.flush()
        claim.done(demand.id)

A second submission of the same form (a double tap, a reload of the POST, the
back button) inserts the same token again. If the first one has committed, the
primary key refuses it at once; if the first one is still running, PostgreSQL
makes the second insert wait for it and then refuses it (SQLite lets one writer
at a time, with the same result). Either way the second transaction is rolled
back and `AlreadySubmitted` carries the id of the first record, so the view can
lead the user to what their first submission created instead of an error. If the
first transaction fails, its claim is rolled back with it and the token may be
used again.

Claiming first matters: a service that locked a row or took stock before
claiming would, as the second of two, wait for the first and then fail on the
state the first left behind ("out of stock", "already registered") instead of
finding the first record.

A token is a secret of the page it was rendered in (like the CSRF token), so
holding it shows that the request comes from whoever submitted the form; views
may give the same access to the first record (a guest's order) on that basis.

A view whose form has no token (a page kept open from before this version, or a
hand-made request) does not create anything: the form is shown again with a new
token and a message asking to send it again (`SubmissionMixin`). Services called
from the CLI, the API, the demo loaders or tests pass `submission=None` and are
not deduplicated.
"""
import re
import secrets
from datetime import timedelta

from marketplace.core.i18n import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from marketplace.core.errors import DomainError, ValidationError
from marketplace.core.pagecache import render as pagecache_render
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db

FIELD_NAME = "submission"
# How long a used token is remembered (`flask worker` forgets older ones, hourly). CSRF tokens do not
# expire (WTF_CSRF_TIME_LIMIT = None), so a page kept open longer than this could create again.
KEEP = timedelta(days=30)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class FormSubmission(db.Model):
    """A form token already used, the kind of record it created and that record's id."""

    __tablename__ = "form_submissions"
    token = db.Column(db.String(64), primary_key=True)
    kind = db.Column(db.String(40), nullable=False)
    record_id = db.Column(db.Integer)  # set in the same transaction as the record
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)


class AlreadySubmitted(DomainError):
    """This form was submitted before: `record_id` is what the first submission created."""

    def __init__(self, kind, record_id):
        super().__init__(_l("Biểu mẫu này đã được gửi trước đó; đây là kết quả của lần gửi ấy."))
        self.kind = kind
        self.record_id = record_id


def new_token():
    # A page kept in the page cache holds a placeholder, drawn anew for each visitor it is served to.
    return pagecache_render.submission_placeholder() or secrets.token_urlsafe(18)


def clean_token(value):
    """The token as sent, or None when it is missing or not one of ours."""
    value = value if isinstance(value, str) else ""
    return value if _TOKEN.match(value) else None


class _NoClaim:
    def done(self, record_id):
        return None


class Claim:
    def __init__(self, row):
        self.row = row

    def done(self, record_id):
        """Write the created record's id on the claim (same transaction, not yet committed)."""
        self.row.record_id = record_id
        db.session.flush()


def _existing(token, kind):
    row = db.session.get(FormSubmission, token, populate_existing=True)
    if row is None:
        return None
    if row.kind != kind or row.record_id is None:
        raise ValidationError(_l("Biểu mẫu này đã được dùng. Hãy tải lại trang rồi gửi lại."))
    return AlreadySubmitted(kind, row.record_id)


def check(token, kind):
    """Raise AlreadySubmitted when `token` already created a record (a courtesy check before
    validations that the first submission made fail, e.g. an emptied cart); `claim` is the guarantee."""
    if token is None:
        return
    done = _existing(token, kind)
    if done is not None:
        raise done


def claim(token, kind):
    """Claim `token` for the record this transaction creates; call it before anything else
    in the transaction. Raises AlreadySubmitted (after rolling the transaction back) when
    the token was claimed before. `None` claims nothing (callers without a form)."""
    if token is None:
        return _NoClaim()
    done = _existing(token, kind)  # already committed: no insert needed to know
    if done is not None:
        db.session.rollback()
        raise done
    row = FormSubmission(token=token, kind=kind, created_at=utcnow())
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        done = _existing(token, kind)
        if done is None:  # the row went away (purged) between the insert and the read
            raise ValidationError(_l("Biểu mẫu này đã được dùng. Hãy tải lại trang rồi gửi lại.")) from None
        raise done from None
    return Claim(row)


def purge(before):
    """Forget tokens used before `before` (see KEEP); returns how many."""
    result = db.session.execute(db.delete(FormSubmission).where(FormSubmission.created_at < before))
    db.session.commit()
    return result.rowcount

