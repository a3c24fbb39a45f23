"""Read-side of the events domain: public lists, exhibitors, what a product page and
a province page show, the calendar feed and the organizer's counts."""
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import selectinload, with_expression

from marketplace.accounts.models import Role
from marketplace.catalog.models import Producer, Product, ProductStatus, Province, certified_stars_column
from marketplace.catalog.queries import public_products_clause
from marketplace.core import pagecache
from marketplace.core.inputs import MAX_PAGE, parse_int
from marketplace.events.models import (ApplicationStatus, BoothApplication, BoothApplicationProduct, Event,
                                       EventKind, EventStatus, RegistrationStatus, Showroom, ShowroomProduct,
                                       VisitorRegistration)
from marketplace.core.timeutil import utcnow, vn_today
from marketplace.events.times import local_month_bounds
from marketplace.extensions import db

PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.POSTPONED, EventStatus.CANCELLED)


@dataclass
class EventFilters:
    when: str = "upcoming"  # "upcoming" or "past"
    province: Province | None = None
    kind: EventKind | None = None
    year: int | None = None
    month: int | None = None
    page: int = 1
    per_page: int = 20

    @property
    def month_key(self):
        return f"{self.year:04d}-{self.month:02d}" if self.month else ""


def parse_event_filters(args):
    """Filters from a query string; unknown values are dropped, never an error page."""
    filters = EventFilters()
    if args.get("when") == "past":
        filters.when = "past"
    province_key = (args.get("province") or "").strip().lower()
    if province_key:
        filters.province = db.session.execute(db.select(Province).where(
            db.or_(Province.slug == province_key, Province.code == province_key.upper()))).scalar_one_or_none()
    try:
        filters.kind = EventKind(args.get("kind") or "")
    except ValueError:
        filters.kind = None
    month = (args.get("month") or "").strip()
    if len(month) == 7 and month[4] == "-":
        year, number = parse_int(month[:4], 2000, 2100), parse_int(month[5:], 1, 12)
        if year is not None and number is not None:
            filters.year, filters.month = year, number
    filters.page = parse_int(args.get("page") or "1", 1, MAX_PAGE) or 1
    return filters


MONTHS_OFFERED = 12


def month_choices(today, filters):
    """(year, month) pairs the month filter offers: the next 12 months for upcoming events, the
    last 12 for past ones (Vietnam's calendar), plus the month asked for if it is elsewhere.
    A <select> rather than the browser's month input, which many phone browsers lack."""
    months = []
    year, month = today.year, today.month
    step = -1 if filters.when == "past" else 1
    for _ in range(MONTHS_OFFERED):
        months.append((year, month))
        month += step
        if month == 13:
            year, month = year + 1, 1
        elif month == 0:
            year, month = year - 1, 12
    if filters.month and (filters.year, filters.month) not in months:
        months.append((filters.year, filters.month))
        months.sort(reverse=step < 0)
    return months


def public_events(filters, now):
    """A page of events a visitor may see: upcoming ones by start, past ones latest first.

    A month filter uses Vietnam's calendar: the events that start in that month there.
    """
    query = (db.select(Event).where(Event.status.in_(PUBLIC_STATUSES))
             .options(selectinload(Event.province)))
    if filters.when == "past":
        query = query.where(Event.ends_at < now).order_by(Event.starts_at.desc(), Event.id.desc())
    else:
        query = query.where(Event.ends_at >= now).order_by(Event.starts_at, Event.id)
    if filters.province is not None:
        query = query.where(Event.province_id == filters.province.id)
    if filters.kind is not None:
        query = query.where(Event.kind == filters.kind)
    if filters.month:
        start, end = local_month_bounds(filters.year, filters.month)
        query = query.where(Event.starts_at >= start, Event.starts_at < end)
    pagecache.expires_at(next_moment(now))
    return db.paginate(query, page=filters.page, per_page=filters.per_page, error_out=False)


def upcoming_events(now, limit=4):
    """The next published events (not cancelled or postponed: the home page invites to them)."""
    return db.session.execute(
        db.select(Event).where(Event.status == EventStatus.PUBLISHED, Event.ends_at >= now)
        .order_by(Event.starts_at, Event.id).limit(limit).options(selectinload(Event.province))).scalars().all()


def some_showrooms(limit=6):
    """A few active showrooms for the home page, newest first."""
    return db.session.execute(
        db.select(Showroom).where(Showroom.is_active.is_(True)).order_by(Showroom.created_at.desc(), Showroom.id.desc())
        .limit(limit).options(selectinload(Showroom.province))).scalars().all()


def public_event_or_none(slug):
    with pagecache.declared():  # its row is the page's tag
        event = db.session.execute(db.select(Event).where(Event.slug == slug, Event.status.in_(PUBLIC_STATUSES))
                                   .options(selectinload(Event.province))).scalar_one_or_none()
    if event is not None:
        pagecache.expires_at(next_moment_of(event, utcnow()))
    return event


def next_moment_of(event, now):
    """When this event's page changes by itself: it starts, applications close, it ends."""
    moments = [m for m in (event.starts_at, event.ends_at, event.application_deadline) if m is not None and m > now]
    return min(moments, default=None)


def next_moment(now):
    """When any public event starts, closes its applications or ends: lists of events (upcoming,
    past) change by themselves then. A new or changed event forgets them anyway."""
    with pagecache.declared():
        found = [db.session.execute(db.select(func.min(column)).where(Event.status.in_(PUBLIC_STATUSES), column > now))
                 .scalar() for column in (Event.starts_at, Event.ends_at, Event.application_deadline)]
    return min((m for m in found if m is not None), default=None)


def _card_options(product_loader, today):
    """What a product card shows, loaded with the products: photos, producer and province, and
    today's stars (`listed_stars`, the rule of catalog.rating), so exhibitors and showrooms show
    the same card, stars included, as the catalogue."""
    return (product_loader.selectinload(Product.photos),
            product_loader.selectinload(Product.producer).selectinload(Producer.province),
            product_loader.with_expression(Product.listed_stars, certified_stars_column(today)))


def exhibitors(event, today=None):
    """Accepted applications by booth number, each with its public products loaded."""
    products = selectinload(BoothApplication.items).selectinload(BoothApplicationProduct.product)
    applications = db.session.execute(
        db.select(BoothApplication).where(BoothApplication.event_id == event.id,
                                          BoothApplication.status == ApplicationStatus.ACCEPTED)
        .order_by(BoothApplication.booth_number)
        .options(selectinload(BoothApplication.producer), *_card_options(products, today or vn_today()))
    ).scalars().all()
    return [app for app in applications if app.producer.verified]


def shown_products(application):
    return [p for p in application.products if p.status is ProductStatus.ACTIVE]


def upcoming_events_of_product(product_id, now, limit=10):
    """Published, upcoming events where this product will be on an accepted exhibitor's booth."""
    # events.caching names this tag when an application of the product's changes.
    with pagecache.declared("events", pagecache.set_tag("booth_application_products", "product_id", product_id)):
        events = _upcoming_events_of_product(product_id, now, limit)
    pagecache.expires_at(min((e.ends_at for e in events), default=None))
    return events


def _upcoming_events_of_product(product_id, now, limit):
    return db.session.execute(
        db.select(Event).join(BoothApplication, BoothApplication.event_id == Event.id)
        .join(BoothApplicationProduct, BoothApplicationProduct.application_id == BoothApplication.id)
        .where(BoothApplicationProduct.product_id == product_id,
               BoothApplication.status == ApplicationStatus.ACCEPTED,
               Event.status.in_((EventStatus.PUBLISHED, EventStatus.POSTPONED)), Event.ends_at >= now)
        .order_by(Event.starts_at).limit(limit).options(selectinload(Event.province))).scalars().all()


def showrooms_of_product(product_id, limit=20):
    return db.session.execute(
        db.select(Showroom).join(ShowroomProduct, ShowroomProduct.showroom_id == Showroom.id)
        .where(ShowroomProduct.product_id == product_id, Showroom.is_active.is_(True))
        .order_by(Showroom.name).limit(limit).options(selectinload(Showroom.province))).scalars().all()


@dataclass
class ProductPromotions:
    events: list
    showrooms: list

    def __bool__(self):
        return bool(self.events or self.showrooms)


def product_promotions(product, now):
    """What a product page shows: upcoming events with the product, showrooms that stock it."""
    return ProductPromotions(upcoming_events_of_product(product.id, now), showrooms_of_product(product.id))


def showrooms_in_province(province):
    return db.session.execute(db.select(Showroom).where(Showroom.province_id == province.id,
                                                         Showroom.is_active.is_(True))
                              .order_by(Showroom.name)).scalars().all()


def public_showrooms(province=None):
    query = (db.select(Showroom).where(Showroom.is_active.is_(True)).order_by(Showroom.name)
             .options(selectinload(Showroom.province)))
    if province is not None:
        query = query.where(Showroom.province_id == province.id)
    return db.session.execute(query).scalars().all()


def public_showroom_or_none(slug):
    return db.session.execute(db.select(Showroom).where(Showroom.slug == slug, Showroom.is_active.is_(True))
                              ).scalar_one_or_none()


def showroom_products(showroom, today=None):
    return db.session.execute(
        db.select(Product).join(ShowroomProduct, ShowroomProduct.product_id == Product.id).join(Product.producer)
        .where(ShowroomProduct.showroom_id == showroom.id, public_products_clause())
        .order_by(Product.name).options(selectinload(Product.photos), selectinload(Product.producer)
                                        .selectinload(Producer.province),
                                        with_expression(Product.listed_stars,
                                                        certified_stars_column(today or vn_today())))
    ).scalars().all()


def calendar_events(now, limit=500):
    """Events for the iCalendar feed: not yet over, not drafts (cancelled ones say so)."""
    return db.session.execute(
        db.select(Event).where(Event.status.in_(PUBLIC_STATUSES), Event.ends_at >= now)
        .order_by(Event.starts_at).limit(limit).options(selectinload(Event.province))).scalars().all()


# --- the organizer's workspace --------------------------------------------------------

def organizer_events(user):
    query = db.select(Event).order_by(Event.starts_at.desc()).options(selectinload(Event.province))
    if user.role is not Role.ADMIN:
        query = query.where(Event.organizer_id == user.id)
    return db.session.execute(query).scalars().all()


def organizer_showrooms(user):
    query = db.select(Showroom).order_by(Showroom.name)
    if user.role is not Role.ADMIN:
        query = query.where(Showroom.organizer_id == user.id)
    return db.session.execute(query).scalars().all()


@dataclass
class EventCounts:
    booths: int = 0
    booths_taken: int = 0
    applications: dict = None
    registrations: dict = None
    capacity: int | None = None

    @property
    def to_decide(self):
        return self.applications.get(ApplicationStatus.SUBMITTED, 0)

    @property
    def confirmed(self):
        return (self.registrations.get(RegistrationStatus.CONFIRMED, 0)
                + self.registrations.get(RegistrationStatus.CHECKED_IN, 0))

    @property
    def checked_in(self):
        return self.registrations.get(RegistrationStatus.CHECKED_IN, 0)

    @property
    def waitlisted(self):
        return self.registrations.get(RegistrationStatus.WAITLISTED, 0)


def event_counts(events):
    """Counts per event id: applications and registrations by status, booths taken."""
    ids = [e.id for e in events]
    counts = {e.id: EventCounts(booths=e.booth_count, capacity=e.visitor_capacity, applications={},
                                registrations={}) for e in events}
    if not ids:
        return counts
    for event_id, status, n in db.session.execute(
            db.select(BoothApplication.event_id, BoothApplication.status, func.count())
            .where(BoothApplication.event_id.in_(ids)).group_by(BoothApplication.event_id, BoothApplication.status)):
        counts[event_id].applications[status] = n
    for event_id, status, n in db.session.execute(
            db.select(VisitorRegistration.event_id, VisitorRegistration.status, func.count())
            .where(VisitorRegistration.event_id.in_(ids))
            .group_by(VisitorRegistration.event_id, VisitorRegistration.status)):
        counts[event_id].registrations[status] = n
    for event_id, n in db.session.execute(
            db.select(BoothApplication.event_id, func.count()).where(BoothApplication.event_id.in_(ids),
                                                                      BoothApplication.booth_number.is_not(None))
            .group_by(BoothApplication.event_id)):
        counts[event_id].booths_taken = n
    return counts


def event_applications(event):
    return db.session.execute(
        db.select(BoothApplication).where(BoothApplication.event_id == event.id)
        .order_by(BoothApplication.created_at, BoothApplication.id)
        .options(selectinload(BoothApplication.producer),
                 selectinload(BoothApplication.items).selectinload(BoothApplicationProduct.product))
    ).scalars().all()


def event_registrations(event, status=None):
    query = db.select(VisitorRegistration).where(VisitorRegistration.event_id == event.id)
    if status is not None:
        query = query.where(VisitorRegistration.status == status)
    return db.session.execute(query.order_by(VisitorRegistration.created_at, VisitorRegistration.id)).scalars().all()


def applications_of_producers(producer_ids):
    if not producer_ids:
        return []
    return db.session.execute(
        db.select(BoothApplication).where(BoothApplication.producer_id.in_(producer_ids))
        .order_by(BoothApplication.created_at.desc())
        .options(selectinload(BoothApplication.event), selectinload(BoothApplication.producer),
                 selectinload(BoothApplication.items).selectinload(BoothApplicationProduct.product))
    ).scalars().all()
