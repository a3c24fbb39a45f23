"""Helpers and bounded fields shared by every form-handling view.

`IntegerField` and `IdField` are the only number fields forms use: they accept
ASCII digits only and a bounded value, so that no form can hand a view a number
the database cannot hold (see core/inputs.py).
"""
from flask import flash
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField
from wtforms import IntegerField as _WTFormsIntegerField

from marketplace.core.inputs import DB_INT_MAX, parse_int


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


class IntegerField(_WTFormsIntegerField):
    """A whole number typed in ASCII digits, between `minimum` and `maximum` (the INTEGER range by default).

    The field's NumberRange validator keeps its own message for the field's own rule;
    this bound only guarantees that nothing beyond what the column holds gets through
    ("²", "٣" or 10**20 are refused here, with a message, before any validator).
    """

    def __init__(self, label=None, validators=None, minimum=-DB_INT_MAX, maximum=DB_INT_MAX, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.minimum, self.maximum = minimum, maximum

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        raw = valuelist[0]
        if raw is None or str(raw).strip() == "":
            self.data = None
            return
        self.data = parse_int(raw, self.minimum, self.maximum)
        if self.data is None:
            raise ValueError(_l("Hãy nhập một số nguyên hợp lệ (chữ số 0–9)."))


class IdField(HiddenField):
    """The id of a record, sent back by a form: an int within the INTEGER range, or None.

    A tampered value ("²", 10**20, "abc") is None and the field's error says the
    choice is unknown; views then answer as for a record that does not exist.
    """

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = parse_int(valuelist[0], 1, DB_INT_MAX)
        if self.data is None and str(valuelist[0] or "").strip():
            raise ValueError(_l("Mục đã chọn không tồn tại."))

    def _value(self):
        return "" if self.data is None else str(self.data)
