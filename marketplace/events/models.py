"""Trade promotion: events (fairs, exhibitions, OCOP weeks...), exhibitor booth
applications, visitor registrations with tickets, and permanent showrooms.

Times are naive UTC in the database (see core.timeutil); pages show them in
Asia/Ho_Chi_Minh. Each status column is the state of an explicit state machine
whose moves are written once: events.lifecycle, events.booths, events.visitors.
"""
import enum

from marketplace.core.dbtypes import value_enum
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db


class EventKind(str, enum.Enum):
    FAIR = "fair"                      # hội chợ
    EXHIBITION = "exhibition"          # triển lãm
    OCOP_WEEK = "ocop_week"            # tuần hàng OCOP
    SHOWROOM_OPENING = "showroom_opening"
    LIVESTREAM = "livestream"          # phiên bán hàng trực tuyến
    B2B_SESSION = "b2b_session"        # phiên kết nối giao thương
    # Lớp tập huấn, đào tạo for programme officials and producers: registration gives the
    # roster, check-in at the door the attendance (see marketplace.training).
    TRAINING = "training"


class EventStatus(str, enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class ApplicationStatus(str, enum.Enum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WAITLISTED = "waitlisted"
    WITHDRAWN = "withdrawn"   # by the producer
    CANCELLED = "cancelled"   # by the organizer, after acceptance


class BoothSize(str, enum.Enum):
    STANDARD = "3x3"
    DOUBLE = "3x6"
    LARGE = "6x6"


class RegistrationStatus(str, enum.Enum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CHECKED_IN = "checked_in"
    CANCELLED = "cancelled"


class Event(db.Model):
    __tablename__ = "events"
    __table_args__ = (
        db.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        db.CheckConstraint("booth_count >= 0", name="booth_count_not_negative"),
        db.CheckConstraint("visitor_capacity IS NULL OR visitor_capacity >= 0", name="capacity_not_negative"),
        db.Index("ix_events_status_starts", "status", "starts_at"),
    )
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(160), nullable=False, unique=True)
    organizer_id = db.Column(db.ForeignKey("users.id"), nullable=False, index=True)
    kind = db.Column(value_enum(EventKind, "event_kind"), nullable=False)
    title = db.Column(db.String(200), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")  # Markdown, sanitised on render
    cover_path = db.Column(db.String(300))
    venue = db.Column(db.String(200), nullable=False, default="")
    address = db.Column(db.String(300), nullable=False, default="")
    province_id = db.Column(db.ForeignKey("provinces.id"), nullable=False, index=True)
    starts_at = db.Column(db.DateTime, nullable=False)  # UTC
    ends_at = db.Column(db.DateTime, nullable=False)    # UTC
    # Kept when an event is postponed: the dates it had before (schema.org previousStartDate).
    previous_starts_at = db.Column(db.DateTime)
    previous_ends_at = db.Column(db.DateTime)
    booth_count = db.Column(db.Integer, nullable=False, default=0)
    application_deadline = db.Column(db.DateTime)  # UTC; None: until the event starts
    visitor_capacity = db.Column(db.Integer)        # None: no limit
    status = db.Column(value_enum(EventStatus, "event_status"), nullable=False, default=EventStatus.DRAFT)
    status_reason = db.Column(db.String(500))
    published_at = db.Column(db.DateTime)
    is_demo = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    organizer = db.relationship("User")
    province = db.relationship("Province")
    applications = db.relationship("BoothApplication", back_populates="event", cascade="all, delete-orphan",
                                   order_by="BoothApplication.id")

    @property
    def is_public(self):
        return self.status is not EventStatus.DRAFT

    @property
    def is_rescheduled(self):
        return self.previous_starts_at is not None


class BoothApplication(db.Model):
    """A producer's request for a booth at an event, with the products it will show."""

    __tablename__ = "booth_applications"
    __table_args__ = (
        db.UniqueConstraint("event_id", "booth_number", name="uq_booth_applications_event_booth"),
        db.CheckConstraint("booth_number IS NULL OR booth_number >= 1", name="booth_number_positive"),
        db.Index("ix_booth_applications_event_status", "event_id", "status"),
    )
    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.ForeignKey("events.id", ondelete="CASCADE"), nullable=False)
    producer_id = db.Column(db.ForeignKey("producers.id"), nullable=False, index=True)
    submitted_by_id = db.Column(db.ForeignKey("users.id"))
    status = db.Column(value_enum(ApplicationStatus, "application_status"), nullable=False,
                       default=ApplicationStatus.SUBMITTED)
    booth_size = db.Column(value_enum(BoothSize, "booth_size", length=10), nullable=False, default=BoothSize.STANDARD)
    needs_power = db.Column(db.Boolean, nullable=False, default=False)
    note = db.Column(db.String(1000), nullable=False, default="")
    booth_number = db.Column(db.Integer)  # set while accepted
    reason = db.Column(db.String(500))     # why rejected or cancelled
    waitlisted_at = db.Column(db.DateTime)  # the waiting list's order
    decided_at = db.Column(db.DateTime)
    decided_by_id = db.Column(db.ForeignKey("users.id"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    event = db.relationship("Event", back_populates="applications")
    producer = db.relationship("Producer")
    items = db.relationship("BoothApplicationProduct", back_populates="application", cascade="all, delete-orphan",
                            order_by="BoothApplicationProduct.position")

    @property
    def products(self):
        return [item.product for item in self.items]


class BoothApplicationProduct(db.Model):
    """A product a producer will show at its booth."""

    __tablename__ = "booth_application_products"
    application_id = db.Column(db.ForeignKey("booth_applications.id", ondelete="CASCADE"), primary_key=True)
    product_id = db.Column(db.ForeignKey("products.id", ondelete="CASCADE"), primary_key=True, index=True)
    position = db.Column(db.Integer, nullable=False, default=0)

    application = db.relationship("BoothApplication", back_populates="items")
    product = db.relationship("Product")


class VisitorRegistration(db.Model):
    """A visitor's place at an event, and the ticket they show at the door."""

    __tablename__ = "visitor_registrations"
    __table_args__ = (
        db.Index("ix_visitor_registrations_event_status", "event_id", "status"),
    )
    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.ForeignKey("events.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.ForeignKey("users.id"), index=True)
    code = db.Column(db.String(32), nullable=False, unique=True)  # random, unguessable ticket code
    name = db.Column(db.String(120), nullable=False)
    email = db.Column(db.String(254))
    phone = db.Column(db.String(20))
    status = db.Column(value_enum(RegistrationStatus, "registration_status"), nullable=False)
    waitlisted_at = db.Column(db.DateTime)
    confirmed_at = db.Column(db.DateTime)
    checked_in_at = db.Column(db.DateTime)
    checked_in_by_id = db.Column(db.ForeignKey("users.id"))
    cancelled_at = db.Column(db.DateTime)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    event = db.relationship("Event")


class Showroom(db.Model):
    """A permanent place where OCOP products can be seen and bought (điểm giới thiệu và bán sản phẩm OCOP)."""

    __tablename__ = "showrooms"
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(160), nullable=False, unique=True)
    organizer_id = db.Column(db.ForeignKey("users.id"), nullable=False, index=True)
    name = db.Column(db.String(200), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")
    address = db.Column(db.String(300), nullable=False)
    province_id = db.Column(db.ForeignKey("provinces.id"), nullable=False, index=True)
    opening_hours = db.Column(db.String(300), nullable=False, default="")
    cover_path = db.Column(db.String(300))  # the showroom's photo (events.media); None: the site's drawing
    phone = db.Column(db.String(20))
    email = db.Column(db.String(254))
    is_active = db.Column(db.Boolean, nullable=False, default=True)
    is_demo = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    organizer = db.relationship("User")
    province = db.relationship("Province")
    items = db.relationship("ShowroomProduct", back_populates="showroom", cascade="all, delete-orphan",
                            order_by="ShowroomProduct.added_at")


class ShowroomProduct(db.Model):
    """A product stocked at a showroom."""

    __tablename__ = "showroom_products"
    showroom_id = db.Column(db.ForeignKey("showrooms.id", ondelete="CASCADE"), primary_key=True)
    product_id = db.Column(db.ForeignKey("products.id", ondelete="CASCADE"), primary_key=True, index=True)
    added_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    showroom = db.relationship("Showroom", back_populates="items")
    product = db.relationship("Product")
