"""Helpers shared by every form-handling view."""
from flask import current_app, flash
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize

from config import Config

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


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
