"""News, guidance and documents the programme's officers publish, per province or nationally."""
import enum

from marketplace.core.dbtypes import value_enum
from marketplace.core.timeutil import utcnow
from marketplace.cycle.states import GuidanceStatus
from marketplace.extensions import db


class GuidanceKind(str, enum.Enum):
    NEWS = "news"
    GUIDANCE = "guidance"
    DOCUMENT = "document"


class GuidancePost(db.Model):
    """A post; `province_id` NULL means national (it applies to every producer)."""

    __tablename__ = "cycle_guidance_posts"
    id = db.Column(db.Integer, primary_key=True)
    province_id = db.Column(db.ForeignKey("provinces.id"), index=True)
    kind = db.Column(value_enum(GuidanceKind, "guidance_kind"), nullable=False, default=GuidanceKind.GUIDANCE)
    title = db.Column(db.String(200), nullable=False)
    slug = db.Column(db.String(220), nullable=False, unique=True)
    body = db.Column(db.Text, nullable=False, default="")  # Markdown, sanitised on render
    status = db.Column(value_enum(GuidanceStatus, "guidance_status"), nullable=False, default=GuidanceStatus.DRAFT,
                       index=True)
    published_at = db.Column(db.DateTime)
    author_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    province = db.relationship("Province")
    author = db.relationship("User")
    attachments = db.relationship("GuidanceAttachment", back_populates="post", order_by="GuidanceAttachment.id",
                                  cascade="all, delete-orphan")


class GuidanceAttachment(db.Model):
    """A document attached to a post (PDF or re-encoded image, in the private store)."""

    __tablename__ = "cycle_guidance_attachments"
    id = db.Column(db.Integer, primary_key=True)
    post_id = db.Column(db.ForeignKey("cycle_guidance_posts.id", ondelete="CASCADE"), nullable=False, index=True)
    name = db.Column(db.String(200), nullable=False)
    key = db.Column(db.String(300), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    post = db.relationship("GuidancePost", back_populates="attachments")
