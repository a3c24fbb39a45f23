"""Evaluation rounds: the scoring sheets (data per OCOP group), the council of a round,
the dossiers assigned to it and each member's scores."""
import enum

from marketplace.core.dbtypes import value_enum
from marketplace.core.timeutil import utcnow
from marketplace.cycle.states import EntryStatus, RoundStatus
from marketplace.extensions import db


class ScoringSheet(db.Model):
    """The detailed criteria of an OCOP group (1–6), entered or imported by officers.

    Each part's criteria add up to that part's maximum in ocop.json (checked on import).
    One sheet per group is active; a round entry keeps the sheet it was assigned with.
    """

    __tablename__ = "cycle_scoring_sheets"
    id = db.Column(db.Integer, primary_key=True)
    group_code = db.Column(db.SmallInteger, nullable=False, index=True)
    name = db.Column(db.String(200), nullable=False)
    active = db.Column(db.Boolean, nullable=False, default=True)
    created_by_id = db.Column(db.ForeignKey("users.id"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    criteria = db.relationship("SheetCriterion", back_populates="sheet", order_by="SheetCriterion.position",
                               cascade="all, delete-orphan")


class SheetCriterion(db.Model):
    __tablename__ = "cycle_sheet_criteria"
    __table_args__ = (db.UniqueConstraint("sheet_id", "code"),
                      db.CheckConstraint("max_points > 0", name="max_points_positive"))
    id = db.Column(db.Integer, primary_key=True)
    sheet_id = db.Column(db.ForeignKey("cycle_scoring_sheets.id", ondelete="CASCADE"), nullable=False, index=True)
    part = db.Column(db.String(4), nullable=False)  # a part code of ocop.json criteria (A, B, C)
    code = db.Column(db.String(20), nullable=False)
    text = db.Column(db.String(500), nullable=False)
    max_points = db.Column(db.SmallInteger, nullable=False)
    position = db.Column(db.Integer, nullable=False)

    sheet = db.relationship("ScoringSheet", back_populates="criteria")


class EvaluationRound(db.Model):
    """A province's evaluation round (đợt đánh giá, phân hạng) and its council."""

    __tablename__ = "cycle_rounds"
    id = db.Column(db.Integer, primary_key=True)
    province_id = db.Column(db.ForeignKey("provinces.id"), nullable=False, index=True)
    name = db.Column(db.String(200), nullable=False)
    status = db.Column(value_enum(RoundStatus, "round_status"), nullable=False, default=RoundStatus.OPEN, index=True)
    created_by_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    scoring_started_at = db.Column(db.DateTime)
    closed_at = db.Column(db.DateTime, index=True)
    closed_by_id = db.Column(db.ForeignKey("users.id"))

    province = db.relationship("Province")
    members = db.relationship("CouncilMember", back_populates="round", cascade="all, delete-orphan",
                              order_by="[CouncilMember.role, CouncilMember.created_at]")
    entries = db.relationship("RoundEntry", back_populates="round", order_by="RoundEntry.id",
                              cascade="all, delete-orphan")
    decision = db.relationship("RecognitionDecision", back_populates="round", uselist=False)


class CouncilRole(str, enum.Enum):
    CHAIR = "chair"
    MEMBER = "member"


class CouncilMember(db.Model):
    """An account's role in one round's council: not a global role. One chair per round."""

    __tablename__ = "cycle_council_members"
    __table_args__ = (
        db.Index("uq_cycle_council_members_one_chair", "round_id", unique=True,
                 sqlite_where=db.text("role = 'chair'"), postgresql_where=db.text("role = 'chair'")),
    )
    round_id = db.Column(db.ForeignKey("cycle_rounds.id", ondelete="CASCADE"), primary_key=True)
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    role = db.Column(value_enum(CouncilRole, "council_role"), nullable=False, default=CouncilRole.MEMBER)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    round = db.relationship("EvaluationRound", back_populates="members")
    user = db.relationship("User")


class RoundEntry(db.Model):
    """A complete dossier assigned to a round, and its result once scoring is closed.

    Averages are kept in hundredths of a point (7833 = 78.33): the average of the members'
    totals and, per part, the average of the members' part totals (`parts_x100`: {"A": 3100,…}).
    """

    __tablename__ = "cycle_round_entries"
    id = db.Column(db.Integer, primary_key=True)
    round_id = db.Column(db.ForeignKey("cycle_rounds.id", ondelete="CASCADE"), nullable=False, index=True)
    dossier_id = db.Column(db.ForeignKey("cycle_dossiers.id", ondelete="CASCADE"), nullable=False, unique=True)
    sheet_id = db.Column(db.ForeignKey("cycle_scoring_sheets.id"), nullable=False)
    status = db.Column(value_enum(EntryStatus, "entry_status"), nullable=False, default=EntryStatus.ASSIGNED,
                       index=True)
    scorers = db.Column(db.SmallInteger)
    points = db.Column(db.SmallInteger)  # the average, rounded down: what the star band and the certificate use
    average_x100 = db.Column(db.Integer)
    parts_x100 = db.Column(db.JSON)
    stars = db.Column(db.SmallInteger)  # the band of `points` (1–5)
    proposed_at = db.Column(db.DateTime, index=True)  # sent to the central level (≥ 90 points)
    central_points = db.Column(db.SmallInteger)  # the central council's result, when it came
    decided_at = db.Column(db.DateTime)

    round = db.relationship("EvaluationRound", back_populates="entries")
    dossier = db.relationship("Dossier", back_populates="entry")
    sheet = db.relationship("ScoringSheet")
    scores = db.relationship("Score", back_populates="entry", cascade="all, delete-orphan", order_by="Score.id")


class Score(db.Model):
    """One council member's score of one entry: points per criterion, part totals, notes."""

    __tablename__ = "cycle_scores"
    __table_args__ = (db.UniqueConstraint("entry_id", "member_id"),)
    id = db.Column(db.Integer, primary_key=True)
    entry_id = db.Column(db.ForeignKey("cycle_round_entries.id", ondelete="CASCADE"), nullable=False, index=True)
    member_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    total = db.Column(db.SmallInteger, nullable=False)
    parts = db.Column(db.JSON, nullable=False)  # {"A": 31, "B": 20, "C": 27}
    note = db.Column(db.Text, nullable=False, default="")  # what to improve; the producer reads it below 50
    submitted_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    entry = db.relationship("RoundEntry", back_populates="scores")
    member = db.relationship("User")
    lines = db.relationship("ScoreLine", cascade="all, delete-orphan")


class ScoreLine(db.Model):
    __tablename__ = "cycle_score_lines"
    score_id = db.Column(db.ForeignKey("cycle_scores.id", ondelete="CASCADE"), primary_key=True)
    criterion_id = db.Column(db.ForeignKey("cycle_sheet_criteria.id"), primary_key=True)
    points = db.Column(db.SmallInteger, nullable=False)
