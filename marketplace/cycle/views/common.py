"""What the cycle's views share: finding a record or answering 404, uploaded bytes, status codes."""
from functools import wraps

from flask import abort, current_app, flash, redirect
from flask_login import current_user, login_required

from marketplace.accounts import jurisdiction
from marketplace.core.errorpages import render_error
from marketplace.core.errors import DomainError
from marketplace.core.forms import attach_error, show_first
from marketplace.core.submissions import AlreadySubmitted
from marketplace.extensions import db

MAX_ID = 2 ** 31 - 1  # beyond an INTEGER column: not found, never a database error


def get_or_404(model, record_id, allowed=None):
    """The row, if it exists and `allowed(row)` (else 404: another person's record looks like none)."""
    if not 0 < record_id <= MAX_ID:
        abort(404)
    row = db.session.get(model, record_id)
    if row is None or (allowed is not None and not allowed(row)):
        abort(404)
    return row


def officer_required(view):
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not jurisdiction.is_officer(current_user):
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def file_bytes(field, limit_key="MAX_DOCUMENT_BYTES"):
    """The uploaded bytes (at most the limit + 1, so the service can say "too big"), or None."""
    storage = field.data
    if not storage or not getattr(storage, "filename", ""):
        return None
    return storage.stream.read(current_app.config[limit_key] + 1)


def status(*forms):
    """400 when a field of these forms, or the form itself, carries an error."""
    return 400 if any(form.form_errors or any(field.errors for field in form) for form in forms) else 200


def report(error, form=None):
    """A service's refusal, next to its field or as a message (always as plain, escaped text).

    A refusal that names no field of the form is flashed and kept in `form.form_errors`,
    so that the page is still answered 400.
    """
    if form is None:
        flash(str(error.message), "error")
        return
    field = getattr(form, error.field, None) if error.field else None
    if field is None or not hasattr(field, "errors"):
        form.form_errors.append(str(error.message))
    attach_error(form, error)


def submitted(form, action, *, to, done=None, first=None):
    """The usual life of a form: when it is sent and valid, run `action()` (a service call).

    On success flash `done` and redirect to `to` (a URL, or a function of what `action`
    returned); a refusal is shown with the form (`report`) and None is returned, so that the
    view renders its page again (answered 400 by `status`). A create form sent again
    (core.submissions.AlreadySubmitted) leads to what the first one made: `first(record_id)`,
    or `to` when that is a URL. A form without its token is not valid: shown again, 400.
    """
    if not form.validate_on_submit():
        return None
    try:
        result = action()
    except AlreadySubmitted as repeat:
        return show_first(repeat, first(repeat.record_id) if first is not None else to)
    except DomainError as error:
        report(error, form)
        return None
    if done:
        flash(done, "success")
    return redirect(to(result) if callable(to) else to)


def confirmed(action, *, to, done=None, form=None):
    """A button or a small form whose page is elsewhere (by default a ConfirmForm: only the CSRF token).

    Runs `action()` when the form is valid, flashes a refusal, the form's errors or `done`, and
    always goes back to `to`.
    """
    from marketplace.cycle.forms import ConfirmForm
    form = form or ConfirmForm()
    if form.validate_on_submit():
        try:
            action()
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            if done:
                flash(done, "success")
    elif form.is_submitted():
        flash(" ".join(str(message) for field in form for message in field.errors), "error")
    return redirect(to)


def forbidden(error):
    return render_error(403, str(error.message))


def ids(values):
    """Integers from a list of form values, dropping anything else."""
    out = []
    for value in values or []:
        text = str(value)
        if text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID:
            out.append(int(text))
    return out


__all__ = ["DomainError", "confirmed", "file_bytes", "forbidden", "get_or_404", "ids", "officer_required", "report", "status",
           "submitted"]
