"""The province's recognition decision, and the provenance of every certificate the cycle made.

`Provenance` is the link from a catalogue certificate to the evaluation behind it: which
round and council, the average score and each part's average. It is a table of this
package (one row per certificate, `certification_id` unique) rather than columns of
`certifications`, so the catalogue keeps knowing nothing of the cycle.
"""
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db


class RecognitionDecision(db.Model):
    """Quyết định công nhận: the provincial decision recognising a round's products."""

    __tablename__ = "cycle_decisions"
    id = db.Column(db.Integer, primary_key=True)
    round_id = db.Column(db.ForeignKey("cycle_rounds.id", ondelete="CASCADE"), nullable=False, unique=True)
    number = db.Column(db.String(80), nullable=False)
    decided_on = db.Column(db.Date, nullable=False)
    signer = db.Column(db.String(200), nullable=False)
    issuing_body = db.Column(db.String(200), nullable=False)
    created_by_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    round = db.relationship("EvaluationRound", back_populates="decision")


class Provenance(db.Model):
    """Where a certificate's stars come from: round, council, averages (hundredths of a point)."""

    __tablename__ = "cycle_provenance"
    id = db.Column(db.Integer, primary_key=True)
    certification_id = db.Column(db.ForeignKey("certifications.id", ondelete="CASCADE"), nullable=False,
                                 unique=True)
    entry_id = db.Column(db.ForeignKey("cycle_round_entries.id", ondelete="CASCADE"), nullable=False, unique=True)
    round_id = db.Column(db.ForeignKey("cycle_rounds.id", ondelete="CASCADE"), nullable=False, index=True)
    decision_id = db.Column(db.ForeignKey("cycle_decisions.id", ondelete="SET NULL"))  # NULL: central result
    average_x100 = db.Column(db.Integer, nullable=False)
    parts_x100 = db.Column(db.JSON, nullable=False)  # {"A": 3100, "B": 2000, "C": 2700}
    members = db.Column(db.SmallInteger, nullable=False)  # how many members' scores were averaged
    central_points = db.Column(db.SmallInteger)  # set when the stars come from the central council
    signer = db.Column(db.String(200), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    certification = db.relationship("Certification")
    entry = db.relationship("RoundEntry")
    round = db.relationship("EvaluationRound")
    decision = db.relationship("RecognitionDecision")
