"""Recognition: the province's decision for the products it recognises, and the central
result of the products it proposed. Each recognised product gets a VERIFIED certificate at
once, through the catalogue's own services (no upload, no second check), and a Provenance
row saying which round, council and averages it comes from. The star rule itself stays
`Certification.is_current`.
"""
from marketplace.core.i18n import lazy_gettext as _l

from marketplace.audit import services as audit
from marketplace.catalog import services as catalog
from marketplace.catalog.models import CertificationLevel, CertificationStatus
from marketplace.core import submissions
from marketplace.core.errors import InvalidTransition, ValidationError
from marketplace.core.facts import star_band_for
from marketplace.core.timeutil import utcnow, vn_today
from marketplace.cycle import access, files, notifications
from marketplace.cycle.models import Provenance, RecognitionDecision
from marketplace.cycle.scoring import certified_minimum, proposal_threshold
from marketplace.cycle.services.common import not_after, text
from marketplace.cycle.states import ENTRY, EntryStatus, RoundStatus
from marketplace.extensions import db


def _decision_fields(number, signer, issuing_body, decided_on, today, earliest):
    fields = dict(number=text(number, "number", label=_l("số quyết định"), maximum=80),
                  signer=text(signer, "signer", label=_l("người ký"), maximum=200),
                  issuing_body=text(issuing_body, "issuing_body", label=_l("cơ quan ban hành"), maximum=200),
                  decided_on=not_after(decided_on, today, "decided_on", _l("ngày quyết định")))
    if earliest is not None and decided_on < earliest:
        raise ValidationError(_l("Ngày quyết định không được trước ngày kết thúc chấm điểm."), field="decided_on")
    return fields


def recognisable(entry):
    """An entry the province itself may recognise: evaluated (not proposed), in a certified band below 90."""
    return (entry.status == EntryStatus.EVALUATED and entry.points is not None
            and certified_minimum() <= entry.points < proposal_threshold())


def _certify(officer, entry, *, stars, points, level, number, issuing_body, decided_on, signer, decision=None,
             central_points=None):
    """The VERIFIED certificate of a recognised entry, its provenance, the audit entry and the e-mail."""
    dossier = entry.dossier
    certification = catalog.add_certification(product=dossier.product, stars=stars, points=points, number=number,
                                              issuing_body=issuing_body, level=level, decided_on=decided_on,
                                              status=CertificationStatus.VERIFIED, commit=False)
    certification.reviewed_at, certification.reviewed_by_id = utcnow(), officer.id
    db.session.add(Provenance(certification=certification, entry=entry, round_id=entry.round_id,
                              decision=decision, average_x100=entry.average_x100, parts_x100=entry.parts_x100,
                              members=entry.scorers, central_points=central_points, signer=signer))
    ENTRY.move(entry, EntryStatus.RECOGNISED)
    entry.decided_at = utcnow()
    audit.record("certification.recognised", certification, actor=officer, producer=dossier.producer,
                 round_id=entry.round_id, stars=stars, points=points, number=number)
    notifications.recognised(entry, certification)
    return certification


def record_decision(officer, round_, *, number, decided_on, signer, issuing_body, entry_ids, today=None,
                    submission=None):
    """The province's decision: the chosen entries are recognised, the other evaluated ones are not.

    Proposed entries (≥ 90 points) wait for the central result. Once per submitted form
    (`submission`, core.submissions), claimed before the checks the first decision changes
    ("already decided", entries no longer recognisable): a repeat raises AlreadySubmitted.
    """
    access.require_officer(officer, round_.province_id)
    if round_.status != RoundStatus.CLOSED:
        raise InvalidTransition(_l("Chỉ ghi quyết định sau khi hội đồng kết thúc chấm điểm."))
    closed_on = vn_today(round_.closed_at) if round_.closed_at else None
    fields = _decision_fields(number, signer, issuing_body, decided_on, today or vn_today(), closed_on)
    wanted = {int(i) for i in entry_ids}
    with files.transaction():
        claim = submissions.claim(submission, "recognition_decision")
        if round_.decision is not None:
            raise InvalidTransition(_l("Đợt đánh giá này đã có quyết định công nhận."))
        chosen = [entry for entry in round_.entries if entry.id in wanted]
        if len(chosen) != len(wanted) or not all(recognisable(entry) for entry in chosen):
            raise ValidationError(_l("Chỉ công nhận sản phẩm đã đánh giá đạt từ %(min)s đến dưới %(max)s điểm; sản "
                                     "phẩm từ %(max)s điểm chờ kết quả cấp trung ương.", min=certified_minimum(),
                                     max=proposal_threshold()), field="entries")
        for entry in chosen:
            access.require_officer(officer, round_.province_id, producer_id=entry.dossier.producer_id)
        decision = RecognitionDecision(round=round_, created_by_id=officer.id, **fields)
        db.session.add(decision)
        db.session.flush()
        claim.done(decision.id)
        for entry in round_.entries:
            if entry in chosen:
                _certify(officer, entry, stars=entry.stars, points=entry.points, level=CertificationLevel.PROVINCIAL,
                         decision=decision, **fields)
            elif entry.status == EntryStatus.EVALUATED:
                ENTRY.move(entry, EntryStatus.NOT_RECOGNISED)
                entry.decided_at = utcnow()
                notifications.not_recognised(entry)
    return decision


def record_central_result(officer, entry, *, points, number, decided_on, signer, issuing_body, today=None,
                          submission=None):
    """The central council's result for a proposed product: a certificate in the band of its points
    (the top band, 5 stars: central level; a lower band: recognised at the provincial level), or not recognised.

    Once per submitted form (`submission`): a repeat raises AlreadySubmitted naming the entry."""
    access.require_officer(officer, entry.round.province_id, producer_id=entry.dossier.producer_id)
    if isinstance(points, bool) or not isinstance(points, int) or not 0 <= points <= 100:
        raise ValidationError(_l("Điểm từ 0 đến 100."), field="points")
    closed_on = vn_today(entry.round.closed_at) if entry.round.closed_at else None
    fields = _decision_fields(number, signer, issuing_body, decided_on, today or vn_today(), closed_on)
    band = star_band_for(points)
    with files.transaction():
        claim = submissions.claim(submission, "central_result")  # before the status the first result moves
        if entry.status != EntryStatus.PROPOSED:
            raise InvalidTransition(_l("Chỉ ghi kết quả cấp trung ương cho sản phẩm đã được đề nghị."))
        claim.done(entry.id)
        entry.central_points = points
        if band.certified:
            level = (CertificationLevel.CENTRAL if band.min_points >= proposal_threshold()
                     else CertificationLevel.PROVINCIAL)
            certification = _certify(officer, entry, stars=band.stars, points=points, level=level,
                                     central_points=points, **fields)
        else:
            certification = None
            ENTRY.move(entry, EntryStatus.NOT_RECOGNISED)
            entry.decided_at = utcnow()
            notifications.not_recognised(entry)
    return certification
