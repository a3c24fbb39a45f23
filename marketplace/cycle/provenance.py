"""Reading where a certificate's stars come from — the public face of `models.Provenance`.

    provenance_for(certification) -> Provenance | None
    summary(provenance) -> Summary (province, round, members, average and part averages as text)

Other parts of the site (the product page, a verification page, the API) call these and
never join the cycle's tables themselves.
"""
from dataclasses import dataclass

from flask import g

from marketplace.core.facts import criteria_parts
from marketplace.cycle.models import Provenance
from marketplace.cycle.scoring import format_points
from marketplace.extensions import db


def provenance_for(certification):
    """The evaluation behind a certificate made by the cycle, or None (an uploaded certificate)."""
    if certification is None or certification.id is None:
        return None
    return db.session.execute(db.select(Provenance).where(Provenance.certification_id == certification.id)
                              ).scalar_one_or_none()


def place(province, locale="vi"):
    """"tỉnh Lâm Đồng", "thành phố Hà Nội" in Vietnamese; the name alone in English."""
    if locale == "en":
        return province.name_vi
    return f"{'thành phố' if province.kind == 'city' else 'tỉnh'} {province.name_vi}"


@dataclass(frozen=True)
class Summary:
    province: str  # "tỉnh Lâm Đồng" (the page's language)
    round_name: str
    members: int
    average: str  # "78" or "78,33"
    parts: list  # [("A", "31"), ("B", "20"), ("C", "27")]
    central_points: int | None
    decision_number: str
    signer: str

    def as_dict(self):
        return {"province": self.province, "round": self.round_name, "members": self.members,
                "average": self.average, "parts": dict(self.parts), "central_points": self.central_points,
                "decision_number": self.decision_number, "signer": self.signer}


def summary(provenance, locale=None):
    """The facts to show next to a badge, numbers written for `locale` (the page's by default)."""
    locale = locale or getattr(g, "locale", "vi")
    round_ = provenance.round
    parts = [(part.code, format_points(provenance.parts_x100.get(part.code, 0), locale)) for part in criteria_parts()]
    return Summary(province=place(round_.province, locale), round_name=round_.name, members=provenance.members,
                   average=format_points(provenance.average_x100, locale), parts=parts,
                   central_points=provenance.central_points, decision_number=provenance.certification.number,
                   signer=provenance.signer)


def summary_for(certification):
    """`summary(provenance_for(certification))`, or None — the helper templates use."""
    provenance = provenance_for(certification)
    return summary(provenance) if provenance is not None else None
