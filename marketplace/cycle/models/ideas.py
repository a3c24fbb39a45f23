"""Product ideas registered with a province, the business plans that follow them, and the
plans' comments, documents and implementation milestones."""
from marketplace.core.dbtypes import value_enum
from marketplace.core.timeutil import utcnow
from marketplace.cycle.states import IdeaStatus, PlanStatus
from marketplace.extensions import db


class ProductIdea(db.Model):
    """An idea for an OCOP product, registered by a producer or by a person about to become one.

    `producer_id` is NULL for a person without a producer yet (the applicant alone acts on it).
    """

    __tablename__ = "cycle_ideas"
    id = db.Column(db.Integer, primary_key=True)
    province_id = db.Column(db.ForeignKey("provinces.id"), nullable=False, index=True)
    producer_id = db.Column(db.ForeignKey("producers.id", ondelete="SET NULL"), index=True)
    applicant_id = db.Column(db.ForeignKey("users.id"), nullable=False, index=True)
    category_id = db.Column(db.ForeignKey("categories.id"), nullable=False)
    product_name = db.Column(db.String(200), nullable=False)
    local_features = db.Column(db.Text, nullable=False)  # what makes it local
    raw_materials = db.Column(db.Text, nullable=False)  # the raw materials and where they come from
    status = db.Column(value_enum(IdeaStatus, "idea_status"), nullable=False, default=IdeaStatus.SUBMITTED,
                       index=True)
    reason = db.Column(db.String(1000))  # the officer's last request or refusal; the applicant reads it
    reviewed_by_id = db.Column(db.ForeignKey("users.id"))
    reviewed_at = db.Column(db.DateTime)
    submitted_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    province = db.relationship("Province")
    producer = db.relationship("Producer")
    applicant = db.relationship("User", foreign_keys=[applicant_id])
    category = db.relationship("Category")
    plan = db.relationship("BusinessPlan", back_populates="idea", uselist=False)


class BusinessPlan(db.Model):
    """The production and business plan (phương án sản xuất kinh doanh) of an acknowledged idea."""

    __tablename__ = "cycle_plans"
    id = db.Column(db.Integer, primary_key=True)
    idea_id = db.Column(db.ForeignKey("cycle_ideas.id", ondelete="CASCADE"), nullable=False, unique=True)
    body = db.Column(db.Text, nullable=False)  # Markdown
    status = db.Column(value_enum(PlanStatus, "plan_status"), nullable=False, default=PlanStatus.SUBMITTED,
                       index=True)
    created_by_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    reviewed_by_id = db.Column(db.ForeignKey("users.id"))
    reviewed_at = db.Column(db.DateTime)
    submitted_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    idea = db.relationship("ProductIdea", back_populates="plan")
    documents = db.relationship("PlanDocument", back_populates="plan", order_by="PlanDocument.id",
                                cascade="all, delete-orphan")
    comments = db.relationship("PlanComment", back_populates="plan", order_by="PlanComment.id",
                               cascade="all, delete-orphan")
    milestones = db.relationship("Milestone", back_populates="plan",
                                 order_by="[Milestone.planned_on, Milestone.id]", cascade="all, delete-orphan")


class PlanDocument(db.Model):
    __tablename__ = "cycle_plan_documents"
    id = db.Column(db.Integer, primary_key=True)
    plan_id = db.Column(db.ForeignKey("cycle_plans.id", ondelete="CASCADE"), nullable=False, index=True)
    name = db.Column(db.String(200), nullable=False)
    key = db.Column(db.String(300), nullable=False)  # private store
    uploaded_by_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    plan = db.relationship("BusinessPlan", back_populates="documents")


class PlanComment(db.Model):
    """A remark on a plan: the province's comments and requests, the producer's answers."""

    __tablename__ = "cycle_plan_comments"
    id = db.Column(db.Integer, primary_key=True)
    plan_id = db.Column(db.ForeignKey("cycle_plans.id", ondelete="CASCADE"), nullable=False, index=True)
    author_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    by_officer = db.Column(db.Boolean, nullable=False, default=False)
    body = db.Column(db.Text, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    plan = db.relationship("BusinessPlan", back_populates="comments")
    author = db.relationship("User")


class Milestone(db.Model):
    """A step of an accepted plan's implementation, reported by the producer."""

    __tablename__ = "cycle_milestones"
    id = db.Column(db.Integer, primary_key=True)
    plan_id = db.Column(db.ForeignKey("cycle_plans.id", ondelete="CASCADE"), nullable=False, index=True)
    title = db.Column(db.String(200), nullable=False)
    planned_on = db.Column(db.Date, nullable=False)
    done_on = db.Column(db.Date)
    note = db.Column(db.Text, nullable=False, default="")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    plan = db.relationship("BusinessPlan", back_populates="milestones")
