"""Small checks shared by the cycle's services."""
from marketplace.core.i18n import lazy_gettext as _l

from marketplace.core.errors import ValidationError


def text(value, field, *, label, maximum, required=True):
    """Trimmed text within `maximum` characters; required unless told otherwise."""
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(_l("Vui lòng nhập %(label)s.", label=label), field=field)
    if len(value) > maximum:
        raise ValidationError(_l("%(label)s tối đa %(n)s ký tự.", label=label, n=maximum), field=field)
    return value


def reason(value, needed, field="reason"):
    value = (value or "").strip()
    if needed and not value:
        raise ValidationError(_l("Cần nêu lý do hoặc nội dung cần bổ sung."), field=field)
    if len(value) > 1000:
        raise ValidationError(_l("Lý do tối đa 1000 ký tự."), field=field)
    return value or None


def not_after(day, today, field, label):
    if day is None:
        raise ValidationError(_l("Vui lòng nhập %(label)s.", label=label), field=field)
    if day > today:
        raise ValidationError(_l("%(label)s không được sau hôm nay.", label=label), field=field)
    return day
