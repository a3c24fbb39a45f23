"""The OCOP star badge a product shows: one rule for pages, filters and the API.

A product shows stars only while it has a verified certificate whose expiry date
has not passed (`Certification.is_current`, usable in Python and SQL). An expired
certificate is shown as expired and never counts in star filters; a pending one
is shown as awaiting verification, without stars.
"""
import enum
from dataclasses import dataclass

from marketplace.catalog.models import Certification, CertificationStatus
from marketplace.core.timeutil import vn_today


class BadgeState(str, enum.Enum):
    CERTIFIED = "certified"
    EXPIRED = "expired"
    PENDING = "pending"
    NONE = "none"


@dataclass(frozen=True)
class Badge:
    state: BadgeState
    certification: Certification | None = None

    @property
    def stars(self):
        """Stars to display and filter on: only for a current certificate."""
        return self.certification.stars if self.state is BadgeState.CERTIFIED else None


def current_certification(certifications, today=None):
    """The current certificate with the most stars (latest decision on a tie), or None."""
    today = today or vn_today()
    current = [c for c in certifications if c.is_current(today)]
    return max(current, key=lambda c: (c.stars, c.decided_on), default=None)


def badge_for(product, today=None):
    today = today or vn_today()
    certifications = list(product.certifications)
    current = current_certification(certifications, today)
    if current is not None:
        return Badge(BadgeState.CERTIFIED, current)
    expired = [c for c in certifications if c.is_expired(today)]
    if expired:
        return Badge(BadgeState.EXPIRED, max(expired, key=lambda c: c.expires_on))
    pending = [c for c in certifications if c.status == CertificationStatus.PENDING]
    if pending:
        return Badge(BadgeState.PENDING, pending[0])
    return Badge(BadgeState.NONE)
