"""What officers, producers and council members see: lists narrowed to what they may see,
and the officers' dashboard of what waits for them at each stage."""
from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlalchemy.orm import selectinload

from marketplace.accounts import jurisdiction
from marketplace.cycle.access import council_seat
from marketplace.cycle.models import (BusinessPlan, CouncilMember, Dossier, EvaluationRound, Milestone, ProductIdea,
                                      RoundEntry)
from marketplace.cycle.scoring import needs_notes
from marketplace.cycle.states import DossierStatus, EntryStatus, IdeaStatus, PlanStatus, RoundStatus
from marketplace.extensions import db


# --------------------------------------------------------------------------- officers

def ideas(officer, status=None):
    query = db.select(ProductIdea).options(selectinload(ProductIdea.province), selectinload(ProductIdea.producer))
    query = jurisdiction.narrow(query, officer, ProductIdea.province_id)
    if status:
        query = query.where(ProductIdea.status == status)
    return db.session.execute(query.order_by(ProductIdea.submitted_at, ProductIdea.id)).scalars().all()


def plans(officer, status=None):
    query = db.select(BusinessPlan).join(BusinessPlan.idea).options(selectinload(BusinessPlan.idea))
    query = jurisdiction.narrow(query, officer, ProductIdea.province_id)
    if status:
        query = query.where(BusinessPlan.status == status)
    return db.session.execute(query.order_by(BusinessPlan.submitted_at, BusinessPlan.id)).scalars().all()


def dossiers(officer, status=None):
    query = db.select(Dossier).options(selectinload(Dossier.product), selectinload(Dossier.producer))
    query = jurisdiction.narrow(query, officer, Dossier.province_id)
    if status:
        query = query.where(Dossier.status == status)
    return db.session.execute(query.order_by(Dossier.submitted_at, Dossier.id)).scalars().all()


def rounds(officer):
    query = jurisdiction.narrow(db.select(EvaluationRound), officer, EvaluationRound.province_id)
    return db.session.execute(query.order_by(EvaluationRound.created_at.desc(), EvaluationRound.id.desc())
                              ).scalars().all()


@dataclass(frozen=True)
class Waiting:
    ideas: int
    plans: int
    dossiers: int
    complete_unassigned: int
    rounds_preparing: int
    rounds_scoring: int
    decisions_due: int
    central_due: int
    milestones_late: int


def _count(query, officer, column):
    return db.session.execute(jurisdiction.narrow(query, officer, column)).scalar_one()


def waiting(officer, today):
    """What waits for the officer's province (or the whole country) at each stage."""
    count = func.count()
    rounds_by_status = lambda status: _count(  # noqa: E731
        db.select(count).select_from(EvaluationRound).where(EvaluationRound.status == status), officer,
        EvaluationRound.province_id)
    return Waiting(
        ideas=_count(db.select(count).select_from(ProductIdea).where(ProductIdea.status == IdeaStatus.SUBMITTED),
                     officer, ProductIdea.province_id),
        plans=_count(db.select(count).select_from(BusinessPlan).join(BusinessPlan.idea)
                     .where(BusinessPlan.status == PlanStatus.SUBMITTED), officer, ProductIdea.province_id),
        dossiers=_count(db.select(count).select_from(Dossier).where(Dossier.status == DossierStatus.SUBMITTED),
                        officer, Dossier.province_id),
        complete_unassigned=_count(db.select(count).select_from(Dossier).where(
            Dossier.status == DossierStatus.COMPLETE, ~Dossier.entry.has()), officer, Dossier.province_id),
        rounds_preparing=rounds_by_status(RoundStatus.OPEN),
        rounds_scoring=rounds_by_status(RoundStatus.SCORING),
        decisions_due=_count(db.select(count).select_from(EvaluationRound).where(
            EvaluationRound.status == RoundStatus.CLOSED, ~EvaluationRound.decision.has(),
            EvaluationRound.entries.any(RoundEntry.status == EntryStatus.EVALUATED)), officer,
            EvaluationRound.province_id),
        central_due=_count(db.select(count).select_from(RoundEntry).join(RoundEntry.round).where(
            RoundEntry.status == EntryStatus.PROPOSED), officer, EvaluationRound.province_id),
        milestones_late=_count(db.select(count).select_from(Milestone).join(Milestone.plan).join(BusinessPlan.idea)
                               .where(Milestone.done_on.is_(None), Milestone.planned_on < today), officer,
                               ProductIdea.province_id))


# --------------------------------------------------------------------------- producers

def own_ideas(user, producer=None):
    """The user's own ideas without a producer, and the ideas of the producer it acts for."""
    clause = (ProductIdea.applicant_id == user.id) & ProductIdea.producer_id.is_(None)
    if producer is not None:
        clause = or_(clause, ProductIdea.producer_id == producer.id)
    return db.session.execute(db.select(ProductIdea).where(clause).options(selectinload(ProductIdea.plan))
                              .order_by(ProductIdea.created_at.desc(), ProductIdea.id.desc())).scalars().all()


def producer_dossiers(producer):
    if producer is None:
        return []
    return db.session.execute(db.select(Dossier).where(Dossier.producer_id == producer.id)
                              .options(selectinload(Dossier.product), selectinload(Dossier.entry))
                              .order_by(Dossier.created_at.desc(), Dossier.id.desc())).scalars().all()


def accepted_plans(user, producer):
    """Accepted plans the producer may start a dossier from (its own and its members' personal ones)."""
    return [idea.plan for idea in own_ideas(user, producer)
            if idea.plan is not None and idea.plan.status == PlanStatus.ACCEPTED
            and idea.province_id == producer.province_id]


# --------------------------------------------------------------------------- council members

def seats(user):
    """The user's council seats, newest round first."""
    return db.session.execute(db.select(CouncilMember).where(CouncilMember.user_id == user.id)
                              .join(CouncilMember.round).order_by(EvaluationRound.created_at.desc())).scalars().all()


def visible_scores(viewer, entry):
    """Scores the viewer may read: all once scoring is closed, else only the viewer's own."""
    if entry.round.status == RoundStatus.CLOSED:
        return list(entry.scores)
    seat = council_seat(viewer, entry.round_id)
    return [score for score in entry.scores if seat is not None and score.member_id == viewer.id]


def producer_notes(entry):
    """The members' notes on what to improve, shown to the producer of a product below 50 points."""
    if entry is None or entry.round.status != RoundStatus.CLOSED or entry.points is None:
        return []
    if not needs_notes(entry.points):
        return []
    return [score.note for score in entry.scores if score.note.strip()]


def sits_on_a_council(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return db.session.execute(db.select(CouncilMember.round_id).where(CouncilMember.user_id == user.id).limit(1)
                              ).first() is not None
