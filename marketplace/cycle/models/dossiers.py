"""Evaluation dossiers: the checklist of documents each OCOP group needs (data, per group),
and each producer's dossier for one product, item by item."""
import enum

from marketplace.core.dbtypes import value_enum
from marketplace.core.timeutil import utcnow
from marketplace.cycle.states import DossierStatus
from marketplace.extensions import db


class DossierRequirement(db.Model):
    """One document of a group's checklist (group_code: the OCOP group 1–6 of ocop.json).

    Configurable: officers add, rename or retire requirements; a dossier copies the list it
    started with, so a later change never alters a dossier already sent.
    """

    __tablename__ = "cycle_dossier_requirements"
    __table_args__ = (db.UniqueConstraint("group_code", "code"),)
    id = db.Column(db.Integer, primary_key=True)
    group_code = db.Column(db.SmallInteger, nullable=False, index=True)
    code = db.Column(db.String(60), nullable=False)
    name_vi = db.Column(db.String(200), nullable=False)
    name_en = db.Column(db.String(200), nullable=False, default="")
    required = db.Column(db.Boolean, nullable=False, default=True)
    position = db.Column(db.Integer, nullable=False, default=0)
    active = db.Column(db.Boolean, nullable=False, default=True)


class Dossier(db.Model):
    """A producer's evaluation dossier (hồ sơ đánh giá, phân hạng) for one product."""

    __tablename__ = "cycle_dossiers"
    id = db.Column(db.Integer, primary_key=True)
    product_id = db.Column(db.ForeignKey("products.id", ondelete="CASCADE"), nullable=False, index=True)
    producer_id = db.Column(db.ForeignKey("producers.id", ondelete="CASCADE"), nullable=False, index=True)
    province_id = db.Column(db.ForeignKey("provinces.id"), nullable=False, index=True)
    plan_id = db.Column(db.ForeignKey("cycle_plans.id", ondelete="SET NULL"), index=True)
    group_code = db.Column(db.SmallInteger, nullable=False)
    status = db.Column(value_enum(DossierStatus, "dossier_status"), nullable=False, default=DossierStatus.DRAFT,
                       index=True)
    return_note = db.Column(db.Text)  # what the province asked for when it returned the dossier
    submitted_at = db.Column(db.DateTime)
    checked_at = db.Column(db.DateTime)
    checked_by_id = db.Column(db.ForeignKey("users.id"))
    completed_at = db.Column(db.DateTime, index=True)  # when the province found it complete
    created_by_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    product = db.relationship("Product")
    producer = db.relationship("Producer")
    province = db.relationship("Province")
    plan = db.relationship("BusinessPlan")
    items = db.relationship("DossierItem", back_populates="dossier", order_by="DossierItem.position",
                            cascade="all, delete-orphan")
    entry = db.relationship("RoundEntry", back_populates="dossier", uselist=False)


class ItemState(str, enum.Enum):
    EMPTY = "empty"
    UPLOADED = "uploaded"
    MISSING = "missing"  # the producer says it does not have this document


class DossierItem(db.Model):
    """One line of a dossier's checklist: uploaded (a private document), marked missing, or not yet done."""

    __tablename__ = "cycle_dossier_items"
    __table_args__ = (db.UniqueConstraint("dossier_id", "position"),)
    id = db.Column(db.Integer, primary_key=True)
    dossier_id = db.Column(db.ForeignKey("cycle_dossiers.id", ondelete="CASCADE"), nullable=False, index=True)
    requirement_id = db.Column(db.ForeignKey("cycle_dossier_requirements.id", ondelete="SET NULL"))
    name_vi = db.Column(db.String(200), nullable=False)
    name_en = db.Column(db.String(200), nullable=False, default="")
    required = db.Column(db.Boolean, nullable=False, default=True)
    position = db.Column(db.Integer, nullable=False)
    state = db.Column(value_enum(ItemState, "dossier_item_state"), nullable=False, default=ItemState.EMPTY)
    key = db.Column(db.String(300))  # private store
    uploaded_at = db.Column(db.DateTime)
    flagged = db.Column(db.Boolean, nullable=False, default=False)  # the province found it missing or insufficient

    dossier = db.relationship("Dossier", back_populates="items")
