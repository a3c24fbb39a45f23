"""The catalogue's data: where products come from, what they are, who makes them,
and the OCOP certificates behind their stars."""
import enum

from sqlalchemy import and_, func, select
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import query_expression

from marketplace.core.dbtypes import value_enum
from marketplace.core.timeutil import utcnow
from marketplace.extensions import db


class MacroRegion(db.Model):
    """North, Central, South."""

    __tablename__ = "macro_regions"
    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(20), nullable=False, unique=True)
    slug = db.Column(db.String(40), nullable=False, unique=True)
    name_vi = db.Column(db.String(80), nullable=False)
    name_en = db.Column(db.String(80), nullable=False)
    position = db.Column(db.Integer, nullable=False, default=0)


class Region(db.Model):
    """One of the six socio-economic regions."""

    __tablename__ = "regions"
    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(20), nullable=False, unique=True)
    slug = db.Column(db.String(80), nullable=False, unique=True)
    name_vi = db.Column(db.String(120), nullable=False)
    name_en = db.Column(db.String(120), nullable=False)
    position = db.Column(db.Integer, nullable=False, default=0)

    provinces = db.relationship("Province", back_populates="region", order_by="Province.name_ascii")


class Province(db.Model):
    """One of the 34 provincial units in force since 1 July 2025."""

    __tablename__ = "provinces"
    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(10), nullable=False, unique=True)
    slug = db.Column(db.String(80), nullable=False, unique=True)
    name_vi = db.Column(db.String(80), nullable=False)
    name_ascii = db.Column(db.String(80), nullable=False)
    kind = db.Column(db.String(20), nullable=False)  # "city" or "province"
    region_id = db.Column(db.ForeignKey("regions.id"), nullable=False, index=True)
    macro_region_id = db.Column(db.ForeignKey("macro_regions.id"), nullable=False, index=True)
    centre = db.Column(db.String(80))
    lat = db.Column(db.Float)
    lon = db.Column(db.Float)

    region = db.relationship("Region", back_populates="provinces")
    macro_region = db.relationship("MacroRegion")
    former_provinces = db.relationship("FormerProvince", back_populates="province",
                                       order_by="FormerProvince.position")


class FormerProvince(db.Model):
    """A province before the 2025 merger, now part of `province`.

    Producers keep it in their address so that a search for "Bến Tre" still leads
    to the products of the old Bến Tre, now in Vĩnh Long.
    """

    __tablename__ = "former_provinces"
    id = db.Column(db.Integer, primary_key=True)
    province_id = db.Column(db.ForeignKey("provinces.id"), nullable=False, index=True)
    slug = db.Column(db.String(80), nullable=False, unique=True)
    name_vi = db.Column(db.String(80), nullable=False)
    position = db.Column(db.Integer, nullable=False, default=0)

    province = db.relationship("Province", back_populates="former_provinces")


class Category(db.Model):
    """An OCOP product group (parent is None) or a browsing subcategory of one."""

    __tablename__ = "categories"
    id = db.Column(db.Integer, primary_key=True)
    parent_id = db.Column(db.ForeignKey("categories.id"), index=True)
    ocop_code = db.Column(db.Integer)  # 1..6 for the groups of Decision 919/QĐ-TTg
    slug = db.Column(db.String(120), nullable=False, unique=True)
    name_vi = db.Column(db.String(160), nullable=False)
    name_en = db.Column(db.String(160), nullable=False)
    position = db.Column(db.Integer, nullable=False, default=0)

    parent = db.relationship("Category", remote_side=[id], back_populates="children")
    children = db.relationship("Category", back_populates="parent", order_by="Category.position")

    @property
    def group(self):
        return self.parent or self

    @property
    def is_group(self):
        return self.parent_id is None


class ProducerKind(str, enum.Enum):
    COOPERATIVE = "cooperative"
    COOPERATIVE_GROUP = "cooperative_group"
    ENTERPRISE = "enterprise"
    HOUSEHOLD = "household"


class ProducerStatus(str, enum.Enum):
    """Where a producer stands with the programme's officers (see catalog.services.transition_producer)."""

    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


def _status_from_verified(context):
    """A producer inserted with only `verified` (demo and synthetic loaders) gets the matching status."""
    return ProducerStatus.VERIFIED if context.get_current_parameters().get("verified") else ProducerStatus.PENDING


class Producer(db.Model):
    """A chủ thể OCOP: the cooperative, firm or household that makes products.

    `verification_status` is the state machine; `verified` is the flag public
    queries read, kept equal to "status is verified" by the services and by a
    CHECK constraint.
    """

    __tablename__ = "producers"
    __table_args__ = (
        db.CheckConstraint("verified = (verification_status = 'verified')", name="verified_matches_status"),
    )
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(140), nullable=False, unique=True)
    name = db.Column(db.String(200), nullable=False)
    kind = db.Column(value_enum(ProducerKind, "producer_kind"), nullable=False)
    province_id = db.Column(db.ForeignKey("provinces.id"), nullable=False, index=True)
    former_province_id = db.Column(db.ForeignKey("former_provinces.id"), index=True)
    address = db.Column(db.String(300), nullable=False, default="")
    story = db.Column(db.Text, nullable=False, default="")
    phone = db.Column(db.String(20))
    email = db.Column(db.String(254))
    website = db.Column(db.String(300))
    tax_code = db.Column(db.String(20))
    logo_path = db.Column(db.String(300))
    verified = db.Column(db.Boolean, nullable=False, default=False)
    verified_at = db.Column(db.DateTime)
    verification_status = db.Column(value_enum(ProducerStatus, "producer_status"), nullable=False,
                                     default=_status_from_verified, index=True)
    status_reason = db.Column(db.String(500))  # why it was rejected or suspended; the producer sees it
    reviewed_at = db.Column(db.DateTime)
    reviewed_by_id = db.Column(db.ForeignKey("users.id"))
    # Business registration (giấy chứng nhận đăng ký kinh doanh), a key in the private store.
    registration_doc_path = db.Column(db.String(300))
    is_demo = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    province = db.relationship("Province")
    former_province = db.relationship("FormerProvince")
    products = db.relationship("Product", back_populates="producer")
    members = db.relationship("ProducerMember", back_populates="producer", cascade="all, delete-orphan")


class ProducerMember(db.Model):
    """A user who may act for a producer (the owner, or a member of the team)."""

    __tablename__ = "producer_members"
    producer_id = db.Column(db.ForeignKey("producers.id", ondelete="CASCADE"), primary_key=True)
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    is_owner = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    producer = db.relationship("Producer", back_populates="members")
    user = db.relationship("User")


class ProductStatus(str, enum.Enum):
    DRAFT = "draft"
    ACTIVE = "active"
    ARCHIVED = "archived"


class Product(db.Model):
    __tablename__ = "products"
    __table_args__ = (
        db.CheckConstraint("price >= 0", name="price_not_negative"),
        db.CheckConstraint("stock >= 0", name="stock_not_negative"),
        db.Index("ix_products_status_created", "status", "created_at"),
        db.Index("ix_products_status_price", "status", "price"),
    )
    id = db.Column(db.Integer, primary_key=True)
    producer_id = db.Column(db.ForeignKey("producers.id"), nullable=False, index=True)
    category_id = db.Column(db.ForeignKey("categories.id"), nullable=False, index=True)
    slug = db.Column(db.String(160), nullable=False, unique=True)
    name = db.Column(db.String(200), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")  # Markdown, sanitised on render
    price = db.Column(db.BigInteger, nullable=False)  # integer đồng
    unit = db.Column(db.String(60), nullable=False)  # "chai 500 ml", "hộp 200 g"
    stock = db.Column(db.Integer, nullable=False, default=0)
    status = db.Column(value_enum(ProductStatus, "product_status"), nullable=False, default=ProductStatus.DRAFT)
    origin = db.Column(db.String(200), nullable=False, default="")
    # Folded name, producer and places, kept by the catalog services for the
    # database fallback search (the search engine has its own index).
    search_text = db.Column(db.Text, nullable=False, default="")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    # Filled by catalogue queries with the stars of the current certificate (or None);
    # see catalog.rating for the rule and catalog.queries for where it is loaded.
    listed_stars = query_expression()

    producer = db.relationship("Producer", back_populates="products")
    category = db.relationship("Category")
    photos = db.relationship("ProductPhoto", back_populates="product", order_by="ProductPhoto.position",
                             cascade="all, delete-orphan")
    certifications = db.relationship("Certification", back_populates="product",
                                     order_by="Certification.decided_on.desc()", cascade="all, delete-orphan")

    @property
    def cover(self):
        return self.photos[0] if self.photos else None

    @property
    def in_stock(self):
        return self.stock > 0


class ProductPhoto(db.Model):
    """A photo of a product; `path` is relative to the media store."""

    __tablename__ = "product_photos"
    id = db.Column(db.Integer, primary_key=True)
    product_id = db.Column(db.ForeignKey("products.id", ondelete="CASCADE"), nullable=False, index=True)
    path = db.Column(db.String(300), nullable=False)
    thumb_path = db.Column(db.String(300))
    alt = db.Column(db.String(200), nullable=False, default="")
    width = db.Column(db.Integer)
    height = db.Column(db.Integer)
    position = db.Column(db.Integer, nullable=False, default=0)

    product = db.relationship("Product", back_populates="photos")


class CertificationStatus(str, enum.Enum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"
    REVOKED = "revoked"
    EXPIRED = "expired"  # set by the daily command once the expiry date has passed
    # Lowered by a post-inspection (inspection.services): replaced by a new verified
    # certificate with fewer stars, decided on the inspection's day.
    DOWNGRADED = "downgraded"


# Statuses of a certificate that was a real recognition when it was decided: still verified,
# run out (expired) or later lowered by a post-inspection (downgraded). Programme figures that
# count recognitions by their decision date read these; the star badge reads only VERIFIED
# (Certification.is_current).
RECOGNISED_STATUSES = (CertificationStatus.VERIFIED, CertificationStatus.EXPIRED, CertificationStatus.DOWNGRADED)


class CertificationLevel(str, enum.Enum):
    """Who recognised the rating: the province (3-4 stars) or the centre (5 stars)."""

    PROVINCIAL = "provincial"
    CENTRAL = "central"
    DISTRICT = "district"  # 3 stars before the two-tier local government of July 2025


class Certification(db.Model):
    """An OCOP certificate (quyết định công nhận) for one product."""

    __tablename__ = "certifications"
    __table_args__ = (
        db.CheckConstraint("stars BETWEEN 3 AND 5", name="stars_certified_range"),
        db.CheckConstraint("points BETWEEN 0 AND 100", name="points_range"),
        db.CheckConstraint("expires_on > decided_on", name="expires_after_decision"),
        db.Index("ix_certifications_current", "product_id", "status", "expires_on"),
    )
    id = db.Column(db.Integer, primary_key=True)
    product_id = db.Column(db.ForeignKey("products.id", ondelete="CASCADE"), nullable=False)
    stars = db.Column(db.SmallInteger, nullable=False)
    points = db.Column(db.SmallInteger, nullable=False)
    number = db.Column(db.String(80), nullable=False)  # certificate or decision number
    issuing_body = db.Column(db.String(200), nullable=False)
    level = db.Column(value_enum(CertificationLevel, "certification_level"), nullable=False)
    decided_on = db.Column(db.Date, nullable=False)
    expires_on = db.Column(db.Date, nullable=False)
    status = db.Column(value_enum(CertificationStatus, "certification_status"), nullable=False,
                       default=CertificationStatus.PENDING, index=True)
    status_reason = db.Column(db.String(500))
    reviewed_at = db.Column(db.DateTime)
    reviewed_by_id = db.Column(db.ForeignKey("users.id"))
    scan_path = db.Column(db.String(300))  # key in the private store (PDF or re-encoded image)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    # When the producer was reminded that the certificate expires soon (once per certificate).
    reminder_sent_at = db.Column(db.DateTime)
    # An expiry beyond the validity of shared/data/ocop.json (36 months) is accepted only with an
    # officer's recorded exception: why, who, when (catalog.services.check_certification).
    validity_exception_reason = db.Column(db.String(500))
    validity_exception_by_id = db.Column(db.ForeignKey("users.id"))
    validity_exception_at = db.Column(db.DateTime)

    product = db.relationship("Product", back_populates="certifications")
    validity_exception_by = db.relationship("User", foreign_keys=[validity_exception_by_id])

    # The rule for a star badge, in one place, usable in Python and in SQL:
    # a certificate counts while it is verified and its expiry date (inclusive,
    # in Vietnamese calendar days) has not passed.
    @hybrid_method
    def is_current(self, today):
        return self.status == CertificationStatus.VERIFIED and self.expires_on >= today

    @is_current.expression
    def is_current(cls, today):
        return and_(cls.status == CertificationStatus.VERIFIED, cls.expires_on >= today)

    def is_expired(self, today):
        """Was verified and its validity has run out (whether or not the daily command has run)."""
        return (self.status == CertificationStatus.EXPIRED
                or (self.status == CertificationStatus.VERIFIED and self.expires_on < today))


def certified_stars_column(today):
    """SQL: the highest stars of a product's current certificates, or NULL."""
    return (select(func.max(Certification.stars))
            .where(Certification.product_id == Product.id, Certification.is_current(today))
            .correlate(Product)
            .scalar_subquery())
