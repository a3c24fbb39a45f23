"""What the matching services check in what people type: text cleaned of extra spaces and
within its length, whole numbers within their range, a Vietnamese phone number and an e-mail,
a post's expiry date (at most a year ahead), certificate codes. Each refusal is a
ValidationError naming the field."""
from datetime import date, timedelta


from marketplace.core.errors import ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.matching.terms import CERTIFICATE_BY_CODE, certificate_mask

MAX_QUANTITY = 10 ** 12
MAX_PRICE = 10 ** 12
MAX_POST_DAYS = 366
PHONE_PATTERN = r"^(\+84|0)\d{9}$"


def clean_text(text, limit, field, required=False, message=None):
    value = " ".join((text or "").split())
    if required and not value:
        raise ValidationError(message or _l("Trường này là bắt buộc."), field=field)
    if len(value) > limit:
        raise ValidationError(_l("Tối đa %(n)s ký tự.", n=limit), field=field)
    return value


def contact_details(phone, email):
    import re

    from email_validator import EmailNotValidError, validate_email
    phone = re.sub(r"[\s.\-]", "", phone or "") or None
    if phone and not re.match(PHONE_PATTERN, phone):
        raise ValidationError(_l("Số điện thoại không hợp lệ (ví dụ 0912345678)."), field="phone")
    email = (email or "").strip() or None
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            raise ValidationError(_l("Email không hợp lệ."), field="email") from None
    return phone, email


def whole_number(value, field, low, high, message):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(message, field=field)
    return value


def check_expiry(expires_on, today, field="expires_on"):
    if not isinstance(expires_on, date):
        raise ValidationError(_l("Cần ngày hết hạn tin."), field=field)
    if expires_on > today + timedelta(days=MAX_POST_DAYS):
        raise ValidationError(_l("Tin đăng có hiệu lực tối đa một năm."), field=field)


def certificates_mask(codes):
    unknown = [c for c in codes or () if c not in CERTIFICATE_BY_CODE]
    if unknown:
        raise ValidationError(_l("Chứng nhận không hợp lệ."), field="certificates")
    return certificate_mask(codes)
