"""Local OCOP plans (kế hoạch, đề án) and the targets they set.

A plan belongs to one of the 34 current provincial units; a plan written before
the 2025 merger for a province that is now part of a larger unit names that
former province, and a plan of a district names it as its `area`. Targets are
numbers only: what the marketplace has achieved is computed from its records
(see programme.metrics), never typed in.

Values are integers in the target's unit: a count, đồng for money, and basis
points for shares (10000 = 100 %, so 40 % is 4000).
"""
import enum

from marketplace.core.dbtypes import value_enum
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db


class TargetUnit(str, enum.Enum):
    COUNT = "count"
    SHARE = "share"  # basis points: 10000 = 100 %
    VND = "vnd"      # integer đồng


SHARE_SCALE = 10_000  # basis points in 100 %


class ProgrammePlan(db.Model):
    __tablename__ = "programme_plans"
    __table_args__ = (
        db.CheckConstraint("end_year >= start_year", name="period_in_order"),
        db.CheckConstraint("start_year BETWEEN 1990 AND 2100", name="start_year_range"),
        db.CheckConstraint("end_year BETWEEN 1990 AND 2100", name="end_year_range"),
    )
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(120), nullable=False, unique=True)
    province_id = db.Column(db.ForeignKey("provinces.id"), nullable=False, index=True)
    former_province_id = db.Column(db.ForeignKey("former_provinces.id"), index=True)
    area = db.Column(db.String(200))  # a district or other part of the unit, as the plan names it
    start_year = db.Column(db.Integer, nullable=False)
    end_year = db.Column(db.Integer, nullable=False)
    document = db.Column(db.String(300), nullable=False)  # "Kế hoạch số 80/KH-UBND"
    # The plan's source as people cite it: who issued it and the article it was read from.
    issuer = db.Column(db.String(200))  # "UBND thành phố Cần Thơ"
    article_title = db.Column(db.String(300))  # the headline of the article (shared/seeds)
    seed = db.Column(db.String(200))  # the article in shared/seeds/ the plan was read from
    # Loaded from shared/data/program_targets.json: that file stays the plan's single
    # source, so such a plan is changed there (and reloaded), not in the officers' form.
    from_file = db.Column(db.Boolean, nullable=False, default=False)
    created_by_id = db.Column(db.ForeignKey("users.id"))
    edited_by_id = db.Column(db.ForeignKey("users.id"))
    edited_at = db.Column(db.DateTime)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    province = db.relationship("Province")
    former_province = db.relationship("FormerProvince")
    created_by = db.relationship("User", foreign_keys=[created_by_id])
    edited_by = db.relationship("User", foreign_keys=[edited_by_id])
    targets = db.relationship("ProgrammeTarget", back_populates="plan", cascade="all, delete-orphan",
                              order_by="ProgrammeTarget.position")

    def covers_year(self, year):
        return self.start_year <= year <= self.end_year

    def __repr__(self):
        return f"<ProgrammePlan {self.slug}>"


class ProgrammeTarget(db.Model):
    """One number a plan sets: an exact value, an "at least" minimum, or a min–max range."""

    __tablename__ = "programme_targets"
    __table_args__ = (
        db.CheckConstraint(
            "(value IS NOT NULL AND min_value IS NULL AND max_value IS NULL) OR "
            "(value IS NULL AND min_value IS NOT NULL AND (max_value IS NULL OR max_value >= min_value))",
            name="value_or_range"),
        db.CheckConstraint("(value IS NULL OR value >= 0) AND (min_value IS NULL OR min_value >= 0)",
                           name="not_negative"),
    )
    id = db.Column(db.Integer, primary_key=True)
    plan_id = db.Column(db.ForeignKey("programme_plans.id", ondelete="CASCADE"), nullable=False, index=True)
    position = db.Column(db.Integer, nullable=False, default=0)
    metric = db.Column(db.String(60), nullable=False)  # a code of programme.metrics.REGISTRY
    unit = db.Column(value_enum(TargetUnit, "target_unit", length=10), nullable=False)
    value = db.Column(db.BigInteger)
    min_value = db.Column(db.BigInteger)
    max_value = db.Column(db.BigInteger)
    source = db.Column(db.String(1000), nullable=False)  # the plan's own sentence, quoted

    plan = db.relationship("ProgrammePlan", back_populates="targets")

    @property
    def is_range(self):
        return self.min_value is not None and self.max_value is not None

    @property
    def goal(self):
        """The number that counts as reached: the value, or the minimum of a range."""
        return self.value if self.value is not None else self.min_value


class ProgrammeFigures(db.Model):
    """Stored figures of one province, one row per part: "stats" (products with current
    stars per group, certificates per year, certificates expiring soon), "plan:<id>" (one
    plan's measures) and "year:<yyyy>" (the province's indicators for a year).

    Derived data, never typed in: programme.figures computes a part, stores it here and
    reads it back; programme.changes recomputes the parts a change moves (through the
    outbox). `data` maps each cell to [numbers, expiry]; `expires_at` is the earliest
    cell expiry (a certificate's last day passing at midnight, an event starting), after
    which the expired cells are computed again on the next read. `signature` is the scope
    a plan part was computed for (province, former province, area, years): another scope
    means the plan was edited and the part is computed again.
    """

    __tablename__ = "programme_figures"
    __table_args__ = (db.UniqueConstraint("province_id", "part"),)

    id = db.Column(db.Integer, primary_key=True)
    province_id = db.Column(db.ForeignKey("provinces.id", ondelete="CASCADE"), nullable=False, index=True)
    part = db.Column(db.String(40), nullable=False)
    signature = db.Column(db.String(200), nullable=False, default="")
    data = db.Column(db.JSON, nullable=False)
    expires_at = db.Column(db.DateTime)  # naive UTC; NULL: only a change moves these figures
    computed_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    def __repr__(self):
        return f"<ProgrammeFigures {self.province_id} {self.part}>"
