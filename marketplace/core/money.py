"""Money is an integer number of đồng; this module only formats it.

VND has no minor unit, so there is nothing to round: 150000 is 150.000 ₫.
"""
from babel.numbers import format_decimal


def format_vnd(amount, locale="vi"):
    """`150.000 ₫` in Vietnamese, `₫150,000` in English."""
    if amount is None:
        return ""
    number = format_decimal(int(amount), locale=locale, group_separator=True)
    if str(locale).startswith("vi"):
        return f"{number}\u00a0₫"
    return f"₫{number}"
