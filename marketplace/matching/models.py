"""Supply–demand matching (kết nối cung cầu): business buyers and their demands,
producers' supply offers, the strong matches found between them, connections made
with both sides' consent and their messages, and meetings at B2B events.

A business buyer is a `BuyerOrganisation` (distributor, supermarket, exporter,
restaurant...) acting through its members, exactly as a producer acts through
`ProducerMember`: one account may act for a producer and for a buyer
organisation, and a company may have several people on the site.

Every status column is the state of an explicit state machine whose moves are
written once, in matching.services (posts, connections) and matching.meetings.
Money is integer đồng per unit; times are naive UTC.
"""
import enum

from marketplace.core.dbtypes import value_enum
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db
from marketplace.matching.terms import ALL_MONTHS, Period, Recurrence


class BuyerKind(str, enum.Enum):
    DISTRIBUTOR = "distributor"    # nhà phân phối
    SUPERMARKET = "supermarket"    # siêu thị, chuỗi bán lẻ
    EXPORTER = "exporter"          # doanh nghiệp xuất khẩu
    RESTAURANT = "restaurant"      # nhà hàng, khách sạn, bếp ăn
    PROCESSOR = "processor"        # cơ sở chế biến
    OTHER = "other"


class BuyerOrganisation(db.Model):
    """A business that buys: its contact details are shown only to producers it has connected with."""

    __tablename__ = "buyer_organisations"
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(140), nullable=False, unique=True)
    name = db.Column(db.String(200), nullable=False)
    kind = db.Column(value_enum(BuyerKind, "buyer_kind"), nullable=False)
    province_id = db.Column(db.ForeignKey("provinces.id"), nullable=False, index=True)
    description = db.Column(db.Text, nullable=False, default="")
    # Contact details: hidden until a connection is accepted by both sides.
    address = db.Column(db.String(300), nullable=False, default="")
    phone = db.Column(db.String(20))
    email = db.Column(db.String(254))
    tax_code = db.Column(db.String(20))
    is_demo = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    province = db.relationship("Province")
    members = db.relationship("BuyerMember", back_populates="buyer", cascade="all, delete-orphan")


class BuyerMember(db.Model):
    """A user who may act for a buyer organisation."""

    __tablename__ = "buyer_members"
    buyer_id = db.Column(db.ForeignKey("buyer_organisations.id", ondelete="CASCADE"), primary_key=True)
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    is_owner = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    buyer = db.relationship("BuyerOrganisation", back_populates="members")
    user = db.relationship("User")


class PostStatus(str, enum.Enum):
    """A demand's or an offer's life: only open posts match."""

    DRAFT = "draft"
    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"
    EXPIRED = "expired"


class Demand(db.Model):
    """A buyer's need: what, how much, when, where, at what price, with which stars and certificates."""

    __tablename__ = "demands"
    __table_args__ = (
        db.CheckConstraint("quantity > 0", name="quantity_positive"),
        db.CheckConstraint("target_price IS NULL OR target_price >= 0", name="target_price_not_negative"),
        db.CheckConstraint("min_stars IS NULL OR min_stars BETWEEN 3 AND 5", name="min_stars_range"),
        db.CheckConstraint("wanted_from IS NULL OR wanted_from <= wanted_by", name="window_in_order"),
        db.Index("ix_demands_status_expires", "status", "expires_on"),
    )
    id = db.Column(db.Integer, primary_key=True)
    buyer_id = db.Column(db.ForeignKey("buyer_organisations.id"), nullable=False, index=True)
    created_by_id = db.Column(db.ForeignKey("users.id"))
    # The product wanted, in a trader's words ("Bưởi da xanh loại 1"): its folded words are
    # what offers are matched on.
    title = db.Column(db.String(200), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")
    category_id = db.Column(db.ForeignKey("categories.id"), nullable=False, index=True)
    quantity = db.Column(db.BigInteger, nullable=False)  # per delivery
    unit = db.Column(db.String(10), nullable=False)  # terms.UNITS
    recurrence = db.Column(value_enum(Recurrence, "demand_recurrence"), nullable=False, default=Recurrence.ONE_OFF)
    target_price = db.Column(db.BigInteger)  # đồng per unit; None: open to offers
    delivery_province_id = db.Column(db.ForeignKey("provinces.id"), nullable=False, index=True)
    wanted_from = db.Column(db.Date)
    wanted_by = db.Column(db.Date, nullable=False)
    min_stars = db.Column(db.SmallInteger)
    certificates = db.Column(db.Integer, nullable=False, default=0)  # required: terms.CERTIFICATES bits
    expires_on = db.Column(db.Date, nullable=False)
    status = db.Column(value_enum(PostStatus, "demand_status"), nullable=False, default=PostStatus.DRAFT)
    row_version = db.Column(db.BigInteger, nullable=False, default=0, index=True)
    is_demo = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    buyer = db.relationship("BuyerOrganisation")
    category = db.relationship("Category")
    delivery_province = db.relationship("Province")


class Offer(db.Model):
    """A producer's supply offer: what, how much per period, from which order size, at what price, when."""

    __tablename__ = "offers"
    __table_args__ = (
        db.CheckConstraint("quantity > 0", name="quantity_positive"),
        db.CheckConstraint("min_order >= 0", name="min_order_not_negative"),
        db.CheckConstraint("price_min >= 0", name="price_not_negative"),
        db.CheckConstraint("price_max IS NULL OR price_max >= price_min", name="price_range_in_order"),
        db.CheckConstraint("season_months BETWEEN 1 AND 4095", name="season_months_range"),
        db.Index("ix_offers_status_expires", "status", "expires_on"),
    )
    id = db.Column(db.Integer, primary_key=True)
    producer_id = db.Column(db.ForeignKey("producers.id"), nullable=False, index=True)
    created_by_id = db.Column(db.ForeignKey("users.id"))
    product_id = db.Column(db.ForeignKey("products.id", ondelete="SET NULL"), index=True)  # the listing, if any
    title = db.Column(db.String(200), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")
    category_id = db.Column(db.ForeignKey("categories.id"), nullable=False, index=True)
    quantity = db.Column(db.BigInteger, nullable=False)  # available per `period`
    unit = db.Column(db.String(10), nullable=False)
    period = db.Column(value_enum(Period, "offer_period"), nullable=False, default=Period.MONTH)
    min_order = db.Column(db.BigInteger, nullable=False, default=0)  # in `unit`
    price_min = db.Column(db.BigInteger, nullable=False)  # đồng per unit
    price_max = db.Column(db.BigInteger)  # a range's top; None: one price
    season_months = db.Column(db.Integer, nullable=False, default=ALL_MONTHS)  # terms.month_mask
    delivers_nationwide = db.Column(db.Boolean, nullable=False, default=False)
    delivery_province_ids = db.Column(db.JSON, nullable=False, default=list)
    certificates = db.Column(db.Integer, nullable=False, default=0)  # held: terms.CERTIFICATES bits
    expires_on = db.Column(db.Date, nullable=False)
    status = db.Column(value_enum(PostStatus, "offer_status"), nullable=False, default=PostStatus.DRAFT)
    row_version = db.Column(db.BigInteger, nullable=False, default=0, index=True)
    is_demo = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    producer = db.relationship("Producer")
    product = db.relationship("Product")
    category = db.relationship("Category")


class MatchingState(db.Model):
    """One row: a counter bumped in every transaction that changes a post (or what a post's
    matching depends on). Each process keeps its in-memory tables of posts and reloads only
    the rows whose `row_version` is above the version it last saw."""

    __tablename__ = "matching_state"
    id = db.Column(db.Integer, primary_key=True)
    version = db.Column(db.BigInteger, nullable=False, default=0)


class Match(db.Model):
    """A strong match found between a demand and an offer (score at or above the threshold).

    Kept so that each side hears about a pair once: a pair that weakens is marked
    inactive, and if it becomes strong again nobody is told twice.
    """

    __tablename__ = "matches"
    __table_args__ = (
        db.UniqueConstraint("demand_id", "offer_id", name="uq_matches_demand_offer"),
        db.CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
    )
    id = db.Column(db.Integer, primary_key=True)
    demand_id = db.Column(db.ForeignKey("demands.id", ondelete="CASCADE"), nullable=False)
    offer_id = db.Column(db.ForeignKey("offers.id", ondelete="CASCADE"), nullable=False, index=True)
    score = db.Column(db.SmallInteger, nullable=False)
    active = db.Column(db.Boolean, nullable=False, default=True)
    first_found_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    demand = db.relationship("Demand")
    offer = db.relationship("Offer")


class NotifyFrequency(str, enum.Enum):
    IMMEDIATE = "immediate"
    DAILY = "daily"
    NEVER = "never"


class MatchingPreference(db.Model):
    """How a user wants to hear about new strong matches (default: a daily digest)."""

    __tablename__ = "matching_preferences"
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    frequency = db.Column(value_enum(NotifyFrequency, "notify_frequency"), nullable=False,
                          default=NotifyFrequency.DAILY)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)


class MatchNotice(db.Model):
    """One user to be told about one strong match: sent at once, or kept for the daily digest."""

    __tablename__ = "match_notices"
    __table_args__ = (
        db.UniqueConstraint("match_id", "user_id", name="uq_match_notices_match_user"),
        db.Index("ix_match_notices_pending", "sent_at", "user_id"),
    )
    id = db.Column(db.Integer, primary_key=True)
    match_id = db.Column(db.ForeignKey("matches.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    side = db.Column(db.String(10), nullable=False)  # "buyer" or "producer"
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    sent_at = db.Column(db.DateTime)

    match = db.relationship("Match")


class Side(str, enum.Enum):
    BUYER = "buyer"
    PRODUCER = "producer"


class ConnectionStatus(str, enum.Enum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class Connection(db.Model):
    """A request to connect a buyer organisation and a producer, and its answer.

    Contact details of either side are shown to the other only while an accepted
    connection exists for the pair.
    """

    __tablename__ = "connections"
    __table_args__ = (db.Index("ix_connections_pair", "buyer_id", "producer_id", "status"),)
    id = db.Column(db.Integer, primary_key=True)
    buyer_id = db.Column(db.ForeignKey("buyer_organisations.id", ondelete="CASCADE"), nullable=False)
    producer_id = db.Column(db.ForeignKey("producers.id", ondelete="CASCADE"), nullable=False, index=True)
    demand_id = db.Column(db.ForeignKey("demands.id", ondelete="SET NULL"))
    offer_id = db.Column(db.ForeignKey("offers.id", ondelete="SET NULL"))
    requested_by_side = db.Column(value_enum(Side, "connection_side", length=10), nullable=False)
    requested_by_id = db.Column(db.ForeignKey("users.id"))
    message = db.Column(db.String(2000), nullable=False, default="")
    status = db.Column(value_enum(ConnectionStatus, "connection_status"), nullable=False,
                       default=ConnectionStatus.REQUESTED)
    decided_by_id = db.Column(db.ForeignKey("users.id"))
    decided_at = db.Column(db.DateTime)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    buyer = db.relationship("BuyerOrganisation")
    producer = db.relationship("Producer")
    demand = db.relationship("Demand")
    offer = db.relationship("Offer")
    requested_by = db.relationship("User", foreign_keys=[requested_by_id])
    messages = db.relationship("ConnectionMessage", back_populates="connection", cascade="all, delete-orphan",
                               order_by="ConnectionMessage.id")


class ConnectionMessage(db.Model):
    """A message of the thread of an accepted connection."""

    __tablename__ = "connection_messages"
    id = db.Column(db.Integer, primary_key=True)
    connection_id = db.Column(db.ForeignKey("connections.id", ondelete="CASCADE"), nullable=False, index=True)
    sender_id = db.Column(db.ForeignKey("users.id"))
    sender_side = db.Column(value_enum(Side, "message_side", length=10), nullable=False)
    body = db.Column(db.String(4000), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    connection = db.relationship("Connection", back_populates="messages")
    sender = db.relationship("User")


class MeetingParticipant(db.Model):
    """A buyer organisation or an exhibiting producer taking part in an event's B2B meetings,
    with the slots it is available for (None: all of them)."""

    __tablename__ = "meeting_participants"
    __table_args__ = (
        db.UniqueConstraint("event_id", "buyer_id", name="uq_meeting_participants_event_buyer"),
        db.UniqueConstraint("event_id", "producer_id", name="uq_meeting_participants_event_producer"),
        db.CheckConstraint("(buyer_id IS NULL) <> (producer_id IS NULL)", name="one_side"),
    )
    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True)
    buyer_id = db.Column(db.ForeignKey("buyer_organisations.id", ondelete="CASCADE"))
    producer_id = db.Column(db.ForeignKey("producers.id", ondelete="CASCADE"))
    available_slots = db.Column(db.JSON)  # list of slot numbers; None: every slot
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    buyer = db.relationship("BuyerOrganisation")
    producer = db.relationship("Producer")


class MeetingStatus(str, enum.Enum):
    REQUESTED = "requested"
    SCHEDULED = "scheduled"
    UNSCHEDULED = "unscheduled"  # the scheduler found no slot both sides have free
    WITHDRAWN = "withdrawn"


class MeetingRequest(db.Model):
    """A request for a meeting between a buyer and an exhibitor at a B2B event, and its slot."""

    __tablename__ = "meeting_requests"
    __table_args__ = (
        db.Index("ix_meeting_requests_event_status", "event_id", "status"),
        db.CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
    )
    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.ForeignKey("events.id", ondelete="CASCADE"), nullable=False)
    buyer_id = db.Column(db.ForeignKey("buyer_organisations.id", ondelete="CASCADE"), nullable=False, index=True)
    producer_id = db.Column(db.ForeignKey("producers.id", ondelete="CASCADE"), nullable=False, index=True)
    requested_by_side = db.Column(value_enum(Side, "meeting_side", length=10), nullable=False)
    requested_by_id = db.Column(db.ForeignKey("users.id"))
    note = db.Column(db.String(500), nullable=False, default="")
    score = db.Column(db.SmallInteger, nullable=False, default=0)  # best match between the two, when asked
    status = db.Column(value_enum(MeetingStatus, "meeting_status"), nullable=False, default=MeetingStatus.REQUESTED)
    slot = db.Column(db.Integer)
    starts_at = db.Column(db.DateTime)  # UTC, while scheduled
    ends_at = db.Column(db.DateTime)
    scheduled_at = db.Column(db.DateTime)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    event = db.relationship("Event")
    buyer = db.relationship("BuyerOrganisation")
    producer = db.relationship("Producer")
