"""The project's form base class, bounded fields, and helpers shared by every form-handling view.

`IntegerField` and `IdField` are the only number fields forms use: they accept
ASCII digits only and a bounded value, so that no form can hand a view a number
the database cannot hold (see core/inputs.py).
"""
import os

import wtforms
from babel.support import NullTranslations, Translations
from flask import current_app, flash, redirect
from flask_babel import get_locale
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from markupsafe import Markup
from wtforms import HiddenField
from wtforms import IntegerField as _WTFormsIntegerField
from wtforms.i18n import messages_path
from wtforms.validators import ValidationError as FieldError

from config import Config
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.inputs import DB_INT_MAX, parse_int
from marketplace.core.submissions import FIELD_NAME, clean_token, new_token

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]

TRANSLATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "translations")
_catalogues = {}


class LibraryMessages:
    """WTForms' and Flask-WTF's own messages ("This field is required.", "Not a valid choice.")
    in the page's language.

    The libraries ship no Vietnamese catalogue, so Flask-WTF's i18n showed them in English on
    Vietnamese pages. Ours is marketplace/translations/vi/LC_MESSAGES/wtforms.po (domain
    "wtforms", compiled by `make translations`); other languages use WTForms' catalogues.
    The locale is Flask-Babel's, read at each message, so a form built before the language
    was chosen still speaks it.
    """

    @staticmethod
    def _catalogue():
        locale = str(get_locale() or "vi")
        catalogue = _catalogues.get(locale)
        if catalogue is None:
            catalogue = Translations.load(TRANSLATIONS_DIR, [locale], domain="wtforms")
            if type(catalogue) is NullTranslations:
                catalogue = Translations.load(messages_path(), [locale], domain="wtforms")
            _catalogues[locale] = catalogue
        return catalogue

    def gettext(self, string):
        return self._catalogue().ugettext(string)

    def ngettext(self, singular, plural, n):
        return self._catalogue().ungettext(singular, plural, n)


LIBRARY_MESSAGES = LibraryMessages()


class Form(FlaskForm):
    """Every form of the project: Flask-WTF (CSRF) whose library messages follow the page's language."""

    class Meta:
        def get_translations(self, form):
            return LIBRARY_MESSAGES


class SubForm(wtforms.Form):
    """A form nested in another (FormField): no CSRF of its own, the same messages.

    FormField builds the nested form with the nested class's own Meta, so it needs its own."""

    class Meta:
        def get_translations(self, form):
            return LIBRARY_MESSAGES


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


def uploaded_bytes(field, limit_key):
    """The bytes of an uploaded file (at most the configured limit + 1, so the service can say
    "too big" without reading more), or None when no file was chosen."""
    storage = field.data
    if not storage or not getattr(storage, "filename", ""):
        return None
    return storage.stream.read(current_app.config[limit_key] + 1)


def image_field(label, required=False):
    """A picture upload field: a first check of the name and size. The content itself is checked by
    core.uploads in the service (a renamed GIF passes here and is refused there)."""
    validators = [FileRequired(message=_l("Vui lòng chọn ảnh."))] if required else []
    mb = Config.MAX_IMAGE_BYTES // (1024 * 1024)
    return FileField(label, validators=[
        *validators,
        FileAllowed(IMAGE_EXTENSIONS, message=_l("Chỉ nhận ảnh JPEG, PNG hoặc WebP.")),
        FileSize(Config.MAX_IMAGE_BYTES, message=_l("Ảnh quá lớn: tối đa %(mb)s MB.", mb=mb))])


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
