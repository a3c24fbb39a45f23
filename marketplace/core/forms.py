"""The project's form base class, and helpers shared by every form-handling view."""
import os

import wtforms
from babel.support import NullTranslations, Translations
from flask import current_app, flash
from flask_babel import get_locale
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms.i18n import messages_path

from config import Config
from marketplace.core.i18n import lazy_gettext as _l

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
