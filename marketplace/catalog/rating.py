"""The OCOP star badge a product shows: one rule for pages, filters and the API.

A product shows stars only while it has a verified certificate whose expiry date
has not passed (`Certification.is_current`, usable in Python and SQL). An expired
certificate is shown as expired and never counts in star filters; a pending one
is shown as awaiting verification, without stars.

`certificate_state` extends the same rule to one certificate as a buyer checks it
(valid, expired, revoked, downgraded by a post-inspection, pending, not verified).
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


class CertificateState(str, enum.Enum):
    """What checking one certificate says (the public verify page, its JSON and the labels)."""

    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    DOWNGRADED = "downgraded"
    PENDING = "pending"
    NOT_VERIFIED = "not_verified"  # refused by an officer: the claim was never verified


_STATE_OF_STATUS = {
    CertificationStatus.REVOKED: CertificateState.REVOKED,
    CertificationStatus.DOWNGRADED: CertificateState.DOWNGRADED,
    CertificationStatus.PENDING: CertificateState.PENDING,
    CertificationStatus.REJECTED: CertificateState.NOT_VERIFIED,
}


def certificate_state(certification, today=None):
    """The state of one certificate today: the badge's rule (`is_current`, `is_expired`)
    and, past it, what the certificate's status says (revoked, downgraded, pending, refused)."""
    today = today or vn_today()
    if certification.is_current(today):
        return CertificateState.VALID
    if certification.is_expired(today):
        return CertificateState.EXPIRED
    return _STATE_OF_STATUS[certification.status]
