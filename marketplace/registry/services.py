"""What checking a certificate shows: found by its signed code or by its number.

The state is `catalog.rating.certificate_state` (the badge's rule plus revocation and
downgrade), so the verify page, its JSON, the product page and the catalogue agree.
Certificates of producers the programme never verified (pending or rejected profiles)
are not shown: nobody vouches for who they are.
"""
import re
from dataclasses import dataclass, field

from sqlalchemy.orm import selectinload

from marketplace.catalog.models import Certification, Producer, ProducerStatus, Product, ProductStatus
from marketplace.catalog.rating import CertificateState, certificate_state
from marketplace.core.text import fold
from marketplace.extensions import db
from marketplace.inspection.models import Inspection
from marketplace.registry.codes import certification_id, code_for

KNOWN_PRODUCERS = (ProducerStatus.VERIFIED, ProducerStatus.SUSPENDED)
MAX_MATCHES = 50
MAX_NUMBER_LENGTH = 80
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Verification:
    """Everything the verify page and its JSON say about one certificate."""

    certification: Certification
    state: CertificateState
    code: str
    product_public: bool
    replaced_by: Certification | None = None  # the lower certificate after a downgrade
    replaces: Certification | None = None     # the certificate this one replaced
    inspections: list = field(default_factory=list)

    @property
    def product(self):
        return self.certification.product

    @property
    def producer(self):
        return self.certification.product.producer

    @property
    def last_inspection(self):
        return self.inspections[0] if self.inspections else None


def _shown(certification):
    return certification is not None and certification.product.producer.verification_status in KNOWN_PRODUCERS


def _with_product():
    return selectinload(Certification.product).selectinload(Product.producer).selectinload(Producer.province)


def find_by_code(code):
    """The certificate behind a genuine code, or None (also for unknown producers)."""
    cert_id = certification_id(code)
    if cert_id is None:
        return None
    cert = db.session.execute(db.select(Certification).where(Certification.id == cert_id)
                              .options(_with_product())).scalar_one_or_none()
    return cert if _shown(cert) else None


def normalise_number(text):
    """A decision or certificate number as compared: folded (no diacritics, đ → d, lower case), no spaces."""
    return _SPACES.sub("", fold(text or ""))


def find_by_number(number, limit=MAX_MATCHES):
    """Certificates whose number is `number` (typed in any case, with or without diacritics), or whose
    number part before the first "/" is it ("123" finds 123/QĐ-UBND of every issuer), newest first."""
    wanted = normalise_number(number)[:MAX_NUMBER_LENGTH]
    digits = _DIGITS.search(wanted)
    if not wanted or digits is None:
        return []
    candidates = db.session.execute(
        db.select(Certification).where(Certification.number.like(f"%{digits.group(0)}%"))
        .options(_with_product()).order_by(Certification.decided_on.desc(), Certification.id.desc())
        .limit(2000)).scalars().all()
    found = []
    for cert in candidates:
        stored = normalise_number(cert.number)
        if (stored == wanted or stored.split("/", 1)[0] == wanted) and _shown(cert):
            found.append(cert)
            if len(found) >= limit:
                break
    return found


def _replacement_links(cert_ids):
    """{certificate id: (replaced_by, replaces)} from the downgrade inspections touching these ids."""
    rows = db.session.execute(
        db.select(Inspection).where(Inspection.replacement_id.is_not(None),
                                    db.or_(Inspection.certification_id.in_(cert_ids),
                                           Inspection.replacement_id.in_(cert_ids)))).scalars().all()
    links = {}
    for row in rows:
        links.setdefault(row.certification_id, [None, None])[0] = row.replacement
        links.setdefault(row.replacement_id, [None, None])[1] = row.certification
    return links


def verifications(certifications, today):
    """The verification of each certificate, in the same order (three queries for the whole list)."""
    if not certifications:
        return []
    ids = [c.id for c in certifications]
    links = _replacement_links(ids)
    inspections = {}
    for row in db.session.execute(
            db.select(Inspection).where(Inspection.certification_id.in_(ids))
            .order_by(Inspection.inspected_on.desc(), Inspection.id.desc())).scalars():
        inspections.setdefault(row.certification_id, []).append(row)
    out = []
    for cert in certifications:
        replaced_by, replaces = links.get(cert.id, (None, None))
        public = cert.product.status == ProductStatus.ACTIVE and cert.product.producer.verified
        out.append(Verification(certification=cert, state=certificate_state(cert, today), code=code_for(cert),
                                product_public=public, replaced_by=replaced_by, replaces=replaces,
                                inspections=inspections.get(cert.id, [])))
    return out


def verification(certification, today):
    return verifications([certification], today)[0]
