"""The scoring rules, in one place: a product's score is the average of the council members'
totals (Decision 148/QĐ-TTg); its star band follows ocop.json `stars`; at the top band's
minimum (90) it is proposed to the central level; below the lowest certified band (50) the
members' notes on what to improve go to the producer.

Integer arithmetic on the sum of totals: the band uses the average rounded down (78.9 is
in the 70–89 band, 89.9 is not 90), the displayed average is rounded half up to hundredths.
"""
from dataclasses import dataclass

from marketplace.core.facts import criteria_parts, star_band_for, star_bands


def _half_up(numerator, denominator):
    return (2 * numerator + denominator) // (2 * denominator)


def proposal_threshold():
    """Points from which a product goes to the central council: the top band's minimum (90)."""
    bands = star_bands()
    return bands[max(bands)].min_points


def certified_minimum():
    """The lowest points a certified band starts at (50, 3 stars)."""
    return min(band.min_points for band in star_bands().values() if band.certified)


def needs_notes(points):
    """Below the lowest certified band (50): the members' notes on what to improve go to the producer."""
    return points < certified_minimum()


def proposed(points):
    """At the top band's minimum (90) or above: proposed to the central level."""
    return points >= proposal_threshold()


@dataclass(frozen=True)
class Result:
    scorers: int
    points: int  # the average, rounded down
    average_x100: int  # the average in hundredths, rounded half up
    parts_x100: dict  # {"A": 3100, ...}
    stars: int
    proposed: bool  # ≥ 90: to the central level
    needs_notes: bool  # < 50: the members' notes go to the producer


def result_of(scores):
    """The result of the members' `scores` (objects with `total` and `parts`); at least one."""
    n = len(scores)
    if n == 0:
        raise ValueError("no scores")
    total = sum(score.total for score in scores)
    points = total // n
    parts = {part.code: _half_up(100 * sum(score.parts.get(part.code, 0) for score in scores), n)
             for part in criteria_parts()}
    return Result(scorers=n, points=points, average_x100=_half_up(100 * total, n), parts_x100=parts,
                  stars=star_band_for(points).stars, proposed=proposed(points), needs_notes=needs_notes(points))


def format_points(value_x100, locale="vi"):
    """78 for 7800, 78,33 (vi) or 78.33 (en) for 7833."""
    whole, rest = divmod(int(value_x100), 100)
    if rest == 0:
        return str(whole)
    return f"{whole}{',' if locale == 'vi' else '.'}{rest:02d}".rstrip("0")
