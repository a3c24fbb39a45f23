"""Each province's roster of OCOP programme officials (cán bộ quản lý chương trình).

Officers type or import the names and e-mails of their province's officials. An
official is trained when a registration with the same e-mail was checked in at a
training course (an event of kind `training`, marketplace.events): the roster is the
denominator of "share of officials trained", the door's check-in the numerator.
"""
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db


class ProgrammeOfficial(db.Model):
    __tablename__ = "programme_officials"
    __table_args__ = (
        db.UniqueConstraint("province_id", "email", name="uq_programme_officials_province_email"),
    )
    id = db.Column(db.Integer, primary_key=True)
    province_id = db.Column(db.ForeignKey("provinces.id"), nullable=False, index=True)
    # For plans written for a province before the 2025 merger (e.g. Cần Thơ 2023).
    former_province_id = db.Column(db.ForeignKey("former_provinces.id"), index=True)
    full_name = db.Column(db.String(120), nullable=False)
    email = db.Column(db.String(254), nullable=False)  # normalised, lower case: the key to registrations
    position = db.Column(db.String(160), nullable=False, default="")  # post and agency
    created_by_id = db.Column(db.ForeignKey("users.id"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    removed_at = db.Column(db.DateTime)  # left the programme: kept, no longer counted

    province = db.relationship("Province")
    former_province = db.relationship("FormerProvince")

    @property
    def active(self):
        return self.removed_at is None
