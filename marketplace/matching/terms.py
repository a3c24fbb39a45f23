"""The small vocabularies of supply–demand matching: units, certificates, seasons,
recurrence. Plain data and pure functions, no database.

Quantities are integers in the unit the trader typed; a unit belongs to a family
(mass, volume, or a count of one kind of package) and has a factor to the family's
base unit, so "2 tấn" and "500 kg" compare as 2000 and 500. Two posts whose units
are of different families (or different packages) cannot be compared: that pair
never matches.

Certificates other than OCOP (VietGAP, organic, HACCP...) are declared by the
trader and stored as a bit set; a demand's required set must be inside an offer's
held set. Months of a season are a 12-bit set (bit 0 = January).
"""
import enum
from dataclasses import dataclass
from datetime import date

from marketplace.core.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class Unit:
    code: str
    family: str
    factor: int
    label: object


UNITS = {unit.code: unit for unit in (
    Unit("kg", "mass", 1, _l("kg")),
    Unit("tan", "mass", 1000, _l("tấn")),
    Unit("lit", "volume", 1, _l("lít")),
    Unit("chai", "chai", 1, _l("chai")),
    Unit("hop", "hop", 1, _l("hộp")),
    Unit("goi", "goi", 1, _l("gói")),
    Unit("tui", "tui", 1, _l("túi")),
    Unit("thung", "thung", 1, _l("thùng")),
    Unit("chiec", "chiec", 1, _l("chiếc")),
    Unit("bo", "bo", 1, _l("bộ")),
)}
FAMILIES = sorted({unit.family for unit in UNITS.values()})
FAMILY_INDEX = {family: index for index, family in enumerate(FAMILIES)}


def base_quantity(quantity, unit_code):
    return int(quantity) * UNITS[unit_code].factor


def unit_label(code):
    unit = UNITS.get(code)
    return unit.label if unit else code


@dataclass(frozen=True)
class Certificate:
    code: str
    bit: int
    label: object


CERTIFICATES = (
    Certificate("vietgap", 0, _l("VietGAP")),
    Certificate("globalgap", 1, _l("GlobalGAP")),
    Certificate("organic", 2, _l("Hữu cơ (organic)")),
    Certificate("haccp", 3, _l("HACCP")),
    Certificate("iso22000", 4, _l("ISO 22000")),
    Certificate("halal", 5, _l("Halal")),
)
CERTIFICATE_BY_CODE = {c.code: c for c in CERTIFICATES}


def certificate_mask(codes):
    mask = 0
    for code in codes or ():
        mask |= 1 << CERTIFICATE_BY_CODE[code].bit
    return mask


def certificate_codes(mask):
    return [c.code for c in CERTIFICATES if mask and mask & (1 << c.bit)]


def certificate_labels(mask):
    return [c.label for c in CERTIFICATES if mask and mask & (1 << c.bit)]


ALL_MONTHS = (1 << 12) - 1


def month_mask(months):
    mask = 0
    for month in months or ():
        month = int(month)
        if not 1 <= month <= 12:
            raise ValueError(month)
        mask |= 1 << (month - 1)
    return mask


def months_of(mask):
    return [m for m in range(1, 13) if mask & (1 << (m - 1))]


def window_months(start: date, end: date):
    """The 12-bit set of months a date window touches (a year or more: every month)."""
    if end < start:
        return 0
    span = (end.year - start.year) * 12 + end.month - start.month
    if span >= 11:
        return ALL_MONTHS
    mask, year, month = 0, start.year, start.month
    for _ in range(span + 1):
        mask |= 1 << (month - 1)
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return mask


def months_between(start: date, end: date):
    """How many months a window lasts, counted generously (a few days count as one), 1 to 12."""
    days = (end - start).days + 1
    return max(1, min(12, round(days / 30.4) or 1))


class Recurrence(str, enum.Enum):
    """How often a buyer needs the quantity."""

    ONE_OFF = "one_off"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class Period(str, enum.Enum):
    """The period an offer's quantity is available per."""

    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


# Quantities per month: what a recurring need or an offer's capacity amounts to in one month.
PER_MONTH = {Recurrence.WEEKLY: 52 / 12, Recurrence.MONTHLY: 1.0, Recurrence.QUARTERLY: 1 / 3,
             Period.WEEK: 52 / 12, Period.MONTH: 1.0, Period.YEAR: 1 / 12}

RECURRENCE_LABELS = {
    Recurrence.ONE_OFF: _l("Một lần"),
    Recurrence.WEEKLY: _l("Hằng tuần"),
    Recurrence.MONTHLY: _l("Hằng tháng"),
    Recurrence.QUARTERLY: _l("Hằng quý"),
}
PERIOD_LABELS = {
    Period.WEEK: _l("mỗi tuần"),
    Period.MONTH: _l("mỗi tháng"),
    Period.YEAR: _l("mỗi năm"),
}
