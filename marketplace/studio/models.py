"""The producer workspace's own records: team invitations and pending CSV imports."""
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db


class ProducerInvitation(db.Model):
    """An invitation for someone to join a producer's team.

    The link sent by e-mail carries a random token; only its SHA-256 is stored, so
    the table alone cannot be used to join a team. It works once, for the invited
    e-mail address, until it expires or the owner revokes it.
    """

    __tablename__ = "producer_invitations"
    id = db.Column(db.Integer, primary_key=True)
    producer_id = db.Column(db.ForeignKey("producers.id", ondelete="CASCADE"), nullable=False, index=True)
    email = db.Column(db.String(254), nullable=False)
    token_hash = db.Column(db.String(64), nullable=False, unique=True)
    invited_by_id = db.Column(db.ForeignKey("users.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    expires_at = db.Column(db.DateTime, nullable=False)
    accepted_at = db.Column(db.DateTime)
    accepted_by_id = db.Column(db.ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at = db.Column(db.DateTime)

    producer = db.relationship("Producer")
    invited_by = db.relationship("User", foreign_keys=[invited_by_id])

    def is_open(self, now):
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now


class StockImport(db.Model):
    """A previewed CSV stock and price update, waiting for the person to apply it.

    `changes` lists, per product, the values seen at preview time and the new ones:
    [{"product_id", "slug", "old_price", "new_price", "old_stock", "new_stock"}]. Applying
    checks nothing moved in between, then writes every row or none.
    """

    __tablename__ = "stock_imports"
    id = db.Column(db.Integer, primary_key=True)
    token = db.Column(db.String(64), nullable=False, unique=True)
    producer_id = db.Column(db.ForeignKey("producers.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    filename = db.Column(db.String(200), nullable=False, default="")
    changes = db.Column(db.JSON, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    applied_at = db.Column(db.DateTime)
