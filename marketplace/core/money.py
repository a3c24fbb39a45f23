"""Money is an integer number of đồng; this module formats it and reads what people type.

VND has no minor unit, so there is nothing to round: 150000 is 150.000 ₫.
"""
import re

from babel.numbers import format_decimal


def format_vnd(amount, locale="vi"):
    """`150.000 ₫` in Vietnamese, `₫150,000` in English."""
    if amount is None:
        return ""
    number = format_decimal(int(amount), locale=locale, group_separator=True)
    if str(locale).startswith("vi"):
        return f"{number}\u00a0₫"
    return f"₫{number}"


_GROUPED = re.compile(r"^[0-9]{1,3}([.,\u00a0 ][0-9]{3})+$")


def parse_vnd(text):
    """An amount typed by a person, in đồng: `150000`, `150.000`, `150,000 ₫`, `150 000đ`.

    VND has no minor unit, so a dot or comma can only group thousands. Raises
    ValueError for anything else (decimals, signs, letters, empty).
    """
    if isinstance(text, int) and not isinstance(text, bool):
        return text
    cleaned = str(text or "").strip().lower()
    for suffix in ("₫", "vnđ", "vnd", "đồng", "đ"):
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)].strip()
            break
    if re.fullmatch(r"[0-9]+", cleaned):
        return int(cleaned)
    if _GROUPED.match(cleaned):
        return int(re.sub(r"[^0-9]", "", cleaned))
    raise ValueError(text)
