"""Matching operations: buyer organisations, demands and offers (one state machine for
both), connections with consent, messages, notification preferences.

Plain functions with explicit arguments: the acting user, the record, `today` or
`now` (no request, no current_user), one transaction each (`atomic`). Each checks
that the actor acts for the very buyer organisation or producer the record
belongs to (`access`); a refusal raises PermissionDenied and changes nothing.

A change to a post, in its own transaction: stamps the post for the in-memory
tables (`tables.bump_version`), asks search to reindex it, and leaves a
`matching.post_changed` message in the outbox. The outbox handler, after the
commit, recomputes the post's strong matches and tells both sides about new ones
(at once, or in the daily digest: each user's choice).
"""
from datetime import date, timedelta

from sqlalchemy import or_

from marketplace.accounts.access import require_confirmed
from marketplace.catalog.models import Category, Producer, Product, Province
from marketplace.catalog.services import unique_slug
from marketplace.core import submissions
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.outbox import enqueue
from marketplace.core.timeutil import utcnow
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.matching import access, notifications
from marketplace.matching.models import (BuyerKind, BuyerMember, BuyerOrganisation, Connection, ConnectionMessage,
                                         ConnectionStatus, Demand, MatchingPreference, NotifyFrequency, Offer,
                                         PostStatus, Side)
from marketplace.matching.tables import bump_version
from marketplace.matching.terms import (ALL_MONTHS, CERTIFICATE_BY_CODE, UNITS, Period, Recurrence,
                                        certificate_mask, month_mask)
from marketplace.search.events import request_reindex

POST_CHANGED = "matching.post_changed"
CATALOG_CHANGED = "matching.catalog_changed"
MAX_QUANTITY = 10 ** 12
MAX_PRICE = 10 ** 12
MAX_POST_DAYS = 366
PHONE_PATTERN = r"^(\+84|0)\d{9}$"

POST_TRANSITIONS = {
    PostStatus.DRAFT: {PostStatus.OPEN, PostStatus.CLOSED},
    PostStatus.OPEN: {PostStatus.PAUSED, PostStatus.CLOSED, PostStatus.EXPIRED},
    PostStatus.PAUSED: {PostStatus.OPEN, PostStatus.CLOSED, PostStatus.EXPIRED},
    PostStatus.EXPIRED: {PostStatus.OPEN, PostStatus.CLOSED},  # open again after a new expiry date
    PostStatus.CLOSED: set(),
}
# Moves people make; EXPIRED is the daily job's (`expire_posts`).
USER_POST_MOVES = {PostStatus.OPEN, PostStatus.PAUSED, PostStatus.CLOSED}

CONNECTION_TRANSITIONS = {
    ConnectionStatus.REQUESTED: {ConnectionStatus.ACCEPTED, ConnectionStatus.DECLINED, ConnectionStatus.WITHDRAWN},
    ConnectionStatus.ACCEPTED: set(),
    ConnectionStatus.DECLINED: set(),
    ConnectionStatus.WITHDRAWN: set(),
}
LIVE_CONNECTION = (ConnectionStatus.REQUESTED, ConnectionStatus.ACCEPTED)


# --- buyer organisations -------------------------------------------------------------

def _clean(text, limit, field, required=False, message=None):
    value = " ".join((text or "").split())
    if required and not value:
        raise ValidationError(message or _l("Trường này là bắt buộc."), field=field)
    if len(value) > limit:
        raise ValidationError(_l("Tối đa %(n)s ký tự.", n=limit), field=field)
    return value


def _contact(phone, email):
    import re

    from email_validator import EmailNotValidError, validate_email
    phone = re.sub(r"[\s.\-]", "", phone or "") or None
    if phone and not re.match(PHONE_PATTERN, phone):
        raise ValidationError(_l("Số điện thoại không hợp lệ (ví dụ 0912345678)."), field="phone")
    email = (email or "").strip() or None
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            raise ValidationError(_l("Email không hợp lệ."), field="email") from None
    return phone, email


def create_buyer_organisation(user, *, name, kind, province, address="", phone=None, email=None, tax_code=None,
                              description="", is_demo=False, submission=None):
    """A buyer organisation with `user` as its owner; once per submitted form."""
    if user is None or not getattr(user, "id", None):
        raise PermissionDenied(_l("Cần đăng nhập."))
    require_confirmed(user)
    name = _clean(name, 200, "name", True, _l("Vui lòng nhập tên doanh nghiệp."))
    if province is None:
        raise ValidationError(_l("Cần chọn tỉnh, thành phố."), field="province")
    phone, email = _contact(phone, email)
    with atomic():
        claim = submissions.claim(submission, "buyer_organisation")
        buyer = BuyerOrganisation(slug=unique_slug(BuyerOrganisation, name), name=name, kind=BuyerKind(kind),
                                  province=province, address=_clean(address, 300, "address"), phone=phone,
                                  email=email, tax_code=_clean(tax_code, 20, "tax_code") or None,
                                  description=(description or "").strip()[:5000], is_demo=is_demo)
        db.session.add(buyer)
        db.session.add(BuyerMember(buyer=buyer, user_id=user.id, is_owner=True))
        db.session.flush()
        claim.done(buyer.id)
    return buyer


def update_buyer_organisation(user, buyer, *, name, kind, province, address="", phone=None, email=None,
                              tax_code=None, description=""):
    access.require_buyer(user, buyer)
    name = _clean(name, 200, "name", True, _l("Vui lòng nhập tên doanh nghiệp."))
    if province is None:
        raise ValidationError(_l("Cần chọn tỉnh, thành phố."), field="province")
    phone, email = _contact(phone, email)
    with atomic():
        buyer.name, buyer.kind, buyer.province = name, BuyerKind(kind), province
        buyer.address, buyer.phone, buyer.email = _clean(address, 300, "address"), phone, email
        buyer.tax_code = _clean(tax_code, 20, "tax_code") or None
        buyer.description = (description or "").strip()[:5000]
        # The delivery province of its demands is theirs; nothing to restamp.
    return buyer


def add_buyer_member(owner, buyer, user):
    """The owner lets another account act for the organisation."""
    member = db.session.get(BuyerMember, (buyer.id, owner.id)) if owner is not None else None
    if member is None or not member.is_owner:
        raise PermissionDenied(_l("Chỉ chủ tài khoản doanh nghiệp mới thêm được thành viên."))
    with atomic():
        if db.session.get(BuyerMember, (buyer.id, user.id)) is None:
            db.session.add(BuyerMember(buyer=buyer, user_id=user.id, is_owner=False))
    return buyer


# --- posts: common ------------------------------------------------------------------------

def _kind(post):
    return "demand" if isinstance(post, Demand) else "offer"


def post_changed(post):
    """Stamp the post for the in-memory tables, reindex it, recompute its matches after commit."""
    db.session.flush()
    post.row_version = bump_version()
    post.updated_at = utcnow()
    request_reindex(_kind(post), post.id)
    enqueue(POST_CHANGED, {"kind": _kind(post), "id": post.id})


def _int(value, field, low, high, message):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(message, field=field)
    return value


def _check_status_for_opening(post, today):
    if post.expires_on < today:
        raise ValidationError(_l("Ngày hết hạn tin đã qua; hãy chọn ngày mới trước khi mở lại."), field="expires_on")
    if isinstance(post, Offer):
        producer = post.producer or db.session.get(Producer, post.producer_id)
        if not producer.verified:
            raise ValidationError(_l("Chủ thể cần được xác minh trước khi đăng tin chào bán."))
    if isinstance(post, Demand) and post.wanted_by < today:
        raise ValidationError(_l("Thời hạn cần hàng đã qua."), field="wanted_by")


def _move(post, to_status, today):
    """The one move of the post state machine."""
    if to_status not in POST_TRANSITIONS[post.status]:
        raise InvalidTransition(_l("Không thể chuyển tin từ “%(src)s” sang “%(dst)s”.",
                                   src=notifications.status_label(post.status),
                                   dst=notifications.status_label(to_status)))
    if to_status is PostStatus.OPEN:
        _check_status_for_opening(post, today)
    post.status = to_status
    post_changed(post)


def _check_expiry(expires_on, today, field="expires_on"):
    if not isinstance(expires_on, date):
        raise ValidationError(_l("Cần ngày hết hạn tin."), field=field)
    if expires_on > today + timedelta(days=MAX_POST_DAYS):
        raise ValidationError(_l("Tin đăng có hiệu lực tối đa một năm."), field=field)


def _certificates(codes):
    unknown = [c for c in codes or () if c not in CERTIFICATE_BY_CODE]
    if unknown:
        raise ValidationError(_l("Chứng nhận không hợp lệ."), field="certificates")
    return certificate_mask(codes)


# --- demands ---------------------------------------------------------------------------

DEMAND_FIELDS = ("title", "description", "category", "quantity", "unit", "recurrence", "target_price",
                 "delivery_province", "wanted_from", "wanted_by", "min_stars", "certificates", "expires_on")


def _demand_values(*, title, category, quantity, unit, delivery_province, wanted_by, expires_on, today,
                   description="", recurrence=Recurrence.ONE_OFF, target_price=None, wanted_from=None,
                   min_stars=None, certificates=()):
    values = {"title": _clean(title, 200, "title", True, _l("Vui lòng nhập sản phẩm cần mua."))}
    if not isinstance(category, Category):
        raise ValidationError(_l("Cần chọn nhóm sản phẩm."), field="category")
    _int(quantity, "quantity", 1, MAX_QUANTITY, _l("Số lượng phải là số nguyên dương."))
    if unit not in UNITS:
        raise ValidationError(_l("Đơn vị không hợp lệ."), field="unit")
    if target_price is not None:
        _int(target_price, "target_price", 0, MAX_PRICE, _l("Giá mục tiêu không hợp lệ."))
    if not isinstance(delivery_province, Province):
        raise ValidationError(_l("Cần chọn tỉnh, thành phố nhận hàng."), field="delivery_province")
    if not isinstance(wanted_by, date):
        raise ValidationError(_l("Cần thời hạn nhận hàng."), field="wanted_by")
    if wanted_from is not None and wanted_from > wanted_by:
        raise ValidationError(_l("Ngày bắt đầu phải trước thời hạn nhận hàng."), field="wanted_from")
    if min_stars is not None and min_stars not in (3, 4, 5):
        raise ValidationError(_l("Hạng sao tối thiểu là 3, 4 hoặc 5."), field="min_stars")
    _check_expiry(expires_on, today)
    values.update(description=(description or "").strip()[:5000], category_id=category.id, quantity=quantity,
                  unit=unit, recurrence=Recurrence(recurrence), target_price=target_price,
                  delivery_province_id=delivery_province.id, wanted_from=wanted_from, wanted_by=wanted_by,
                  min_stars=min_stars, certificates=_certificates(certificates), expires_on=expires_on)
    return values


def create_demand(actor, buyer, *, today, publish=True, is_demo=False, submission=None, **fields):
    """A new demand of `buyer`, open at once (or a draft with publish=False); once per submitted form."""
    access.require_buyer(actor, buyer)
    values = _demand_values(today=today, **fields)
    with atomic():
        claim = submissions.claim(submission, "demand")
        demand = Demand(buyer_id=buyer.id, created_by_id=actor.id, status=PostStatus.DRAFT, is_demo=is_demo,
                        **values)
        db.session.add(demand)
        db.session.flush()
        claim.done(demand.id)
        if publish:
            _move(demand, PostStatus.OPEN, today)
        else:
            post_changed(demand)
    return demand


def _save_post(post, values, today):
    """Write validated values to a demand or an offer, one transaction; matches follow."""
    with atomic():
        for name, value in values.items():
            setattr(post, name, value)
        if post.status is PostStatus.OPEN:
            _check_status_for_opening(post, today)
        post_changed(post)
    return post


def _user_move(post, to_status, today):
    """A move its owner asked for (open, pause, close), one transaction."""
    to_status = PostStatus(to_status)
    if to_status not in USER_POST_MOVES:
        raise InvalidTransition(_l("Không thể thực hiện thao tác này."))
    with atomic():
        _move(post, to_status, today)
    return post


def update_demand(actor, demand, *, today, **fields):
    access.require_buyer(actor, demand.buyer)
    if demand.status is PostStatus.CLOSED:
        raise InvalidTransition(_l("Tin đã đóng, không thể sửa."))
    return _save_post(demand, _demand_values(today=today, **fields), today)


def transition_demand(actor, demand, to_status, *, today):
    access.require_buyer(actor, demand.buyer)
    return _user_move(demand, to_status, today)


# --- offers ----------------------------------------------------------------------------

def _offer_values(producer, *, title, category, quantity, unit, price_min, expires_on, today, description="",
                  period=Period.MONTH, min_order=0, price_max=None, season_months=(), delivers_nationwide=False,
                  delivery_provinces=(), certificates=(), product=None):
    values = {"title": _clean(title, 200, "title", True, _l("Vui lòng nhập sản phẩm chào bán."))}
    if not isinstance(category, Category):
        raise ValidationError(_l("Cần chọn nhóm sản phẩm."), field="category")
    if product is not None and (not isinstance(product, Product) or product.producer_id != producer.id):
        raise ValidationError(_l("Chỉ liên kết được sản phẩm của chính chủ thể."), field="product")
    _int(quantity, "quantity", 1, MAX_QUANTITY, _l("Số lượng phải là số nguyên dương."))
    if unit not in UNITS:
        raise ValidationError(_l("Đơn vị không hợp lệ."), field="unit")
    _int(min_order, "min_order", 0, MAX_QUANTITY, _l("Đơn hàng tối thiểu không hợp lệ."))
    _int(price_min, "price_min", 0, MAX_PRICE, _l("Giá không hợp lệ."))
    if price_max is not None:
        _int(price_max, "price_max", price_min, MAX_PRICE, _l("Giá cao nhất phải từ giá thấp nhất trở lên."))
        if price_max == price_min:
            price_max = None
    try:
        season = month_mask(season_months) or ALL_MONTHS
    except (ValueError, TypeError):
        raise ValidationError(_l("Tháng không hợp lệ."), field="season_months") from None
    provinces = sorted({p.id for p in delivery_provinces or () if isinstance(p, Province)})
    _check_expiry(expires_on, today)
    values.update(description=(description or "").strip()[:5000], category_id=category.id, quantity=quantity,
                  unit=unit, period=Period(period), min_order=min_order, price_min=price_min, price_max=price_max,
                  season_months=season, delivers_nationwide=bool(delivers_nationwide),
                  delivery_province_ids=provinces, certificates=_certificates(certificates),
                  product_id=product.id if product is not None else None, expires_on=expires_on)
    return values


def create_offer(actor, producer, *, today, publish=True, is_demo=False, submission=None, **fields):
    """A new supply offer of `producer`, open at once (or a draft with publish=False); once per submitted form."""
    access.require_producer(actor, producer)
    values = _offer_values(producer, today=today, **fields)
    with atomic():
        claim = submissions.claim(submission, "offer")
        offer = Offer(producer_id=producer.id, created_by_id=actor.id, status=PostStatus.DRAFT, is_demo=is_demo,
                      **values)
        offer.producer = producer
        db.session.add(offer)
        db.session.flush()
        claim.done(offer.id)
        if publish:
            _move(offer, PostStatus.OPEN, today)
        else:
            post_changed(offer)
    return offer


def update_offer(actor, offer, *, today, **fields):
    access.require_producer(actor, offer.producer)
    if offer.status is PostStatus.CLOSED:
        raise InvalidTransition(_l("Tin đã đóng, không thể sửa."))
    return _save_post(offer, _offer_values(offer.producer, today=today, **fields), today)


def transition_offer(actor, offer, to_status, *, today):
    access.require_producer(actor, offer.producer)
    return _user_move(offer, to_status, today)


def expire_posts(today):
    """Open and paused posts whose expiry date has passed become expired (the daily job);
    returns how many. Matching ignores them from that day on anyway."""
    count = 0
    with atomic():
        for model in (Demand, Offer):
            posts = db.session.execute(db.select(model).where(
                model.status.in_([PostStatus.OPEN, PostStatus.PAUSED]), model.expires_on < today)).scalars().all()
            for post in posts:
                _move(post, PostStatus.EXPIRED, today)
                count += 1
    return count


# --- catalogue changes that move matches ---------------------------------------------------

def on_catalog_changed(payloads):
    """Outbox handler: a listing's certificates or a producer's verification changed, so the
    stars or the eligibility of their offers did: stamp those offers and recompute them."""
    product_ids = {p["id"] for p in payloads if p.get("kind") == "product"}
    producer_ids = {p["id"] for p in payloads if p.get("kind") == "producer"}
    conditions = []
    if product_ids:
        conditions.append(Offer.product_id.in_(product_ids))
    if producer_ids:
        conditions.append(Offer.producer_id.in_(producer_ids))
    if not conditions:
        return
    offers = db.session.execute(db.select(Offer).where(or_(*conditions))).scalars().all()
    if not offers:
        return
    version = bump_version()
    for offer in offers:
        offer.row_version = version
        request_reindex("offer", offer.id)
        enqueue(POST_CHANGED, {"kind": "offer", "id": offer.id})


# --- notification preferences -----------------------------------------------------------

def preference_of(user_id):
    preference = db.session.get(MatchingPreference, user_id)
    return preference.frequency if preference is not None else NotifyFrequency.DAILY


def set_preference(user, frequency):
    frequency = NotifyFrequency(frequency)
    with atomic():
        preference = db.session.get(MatchingPreference, user.id)
        if preference is None:
            preference = MatchingPreference(user_id=user.id)
            db.session.add(preference)
        preference.frequency = frequency
        preference.updated_at = utcnow()
    return preference


# --- connections ----------------------------------------------------------------------

def contacts_visible(buyer_id, producer_id):
    """True once a connection of this buyer organisation and producer has been accepted by both."""
    return db.session.execute(db.select(Connection.id).where(
        Connection.buyer_id == buyer_id, Connection.producer_id == producer_id,
        Connection.status == ConnectionStatus.ACCEPTED).limit(1)).first() is not None


def live_connection(buyer_id, producer_id):
    return db.session.execute(db.select(Connection).where(
        Connection.buyer_id == buyer_id, Connection.producer_id == producer_id,
        Connection.status.in_(LIVE_CONNECTION)).order_by(Connection.id.desc()).limit(1)).scalar_one_or_none()


def declined_by_other_side(buyer_id, producer_id, side):
    """Did the other side decline a request this side sent for the pair? Then it is not asked again."""
    return db.session.execute(db.select(Connection.id).where(
        Connection.buyer_id == buyer_id, Connection.producer_id == producer_id,
        Connection.status == ConnectionStatus.DECLINED, Connection.requested_by_side == side).limit(1)
    ).first() is not None


def request_connection(actor, *, side, buyer, producer, message="", demand=None, offer=None, now=None,
                       submission=None):
    """`side` (buyer or producer), acted for by `actor`, asks to connect with the other one
    (once per submitted form: a repeat finds the first request, not "already requested")."""
    side = Side(side)
    now = now or utcnow()
    if buyer is None or producer is None:
        raise ValidationError(_l("Không tìm thấy bên cần kết nối."))
    if side is Side.BUYER:
        access.require_buyer(actor, buyer)
    else:
        access.require_producer(actor, producer)
    if demand is not None and demand.buyer_id != buyer.id:
        raise ValidationError(_l("Nhu cầu không thuộc doanh nghiệp này."))
    if offer is not None and offer.producer_id != producer.id:
        raise ValidationError(_l("Tin chào bán không thuộc chủ thể này."))
    if not producer.verified:
        raise ValidationError(_l("Chủ thể này chưa được xác minh."))
    message = (message or "").strip()
    if len(message) > 2000:
        raise ValidationError(_l("Lời nhắn tối đa 2000 ký tự."), field="message")
    with atomic():
        claim = submissions.claim(submission, "connection")
        existing = live_connection(buyer.id, producer.id)
        if existing is not None:
            if existing.status is ConnectionStatus.ACCEPTED:
                raise ValidationError(_l("Hai bên đã kết nối với nhau."))
            raise ValidationError(_l("Đã có một yêu cầu kết nối đang chờ trả lời."))
        if declined_by_other_side(buyer.id, producer.id, side):
            raise PermissionDenied(_l("Bên kia đã từ chối kết nối; không thể gửi lại yêu cầu."))
        connection = Connection(buyer_id=buyer.id, producer_id=producer.id, requested_by_side=side,
                                requested_by_id=actor.id, message=message, created_at=now,
                                demand_id=demand.id if demand is not None else None,
                                offer_id=offer.id if offer is not None else None,
                                status=ConnectionStatus.REQUESTED)
        connection.buyer, connection.producer = buyer, producer
        db.session.add(connection)
        db.session.flush()
        claim.done(connection.id)
        notifications.connection_requested(connection)
    return connection


def _move_connection(connection, to_status, actor, now):
    if to_status not in CONNECTION_TRANSITIONS[connection.status]:
        raise InvalidTransition(_l("Yêu cầu kết nối này đã được trả lời."))
    connection.status = to_status
    connection.decided_by_id = actor.id
    connection.decided_at = now


def answer_connection(actor, connection, accept, *, now=None):
    """The side that was asked accepts or declines."""
    now = now or utcnow()
    asked = Side.PRODUCER if connection.requested_by_side is Side.BUYER else Side.BUYER
    if asked not in access.sides_of(actor, connection.buyer_id, connection.producer_id):
        raise PermissionDenied(_l("Chỉ bên nhận được yêu cầu mới trả lời được."))
    with atomic():
        db.session.refresh(connection, with_for_update=True)
        _move_connection(connection, ConnectionStatus.ACCEPTED if accept else ConnectionStatus.DECLINED, actor, now)
        notifications.connection_answered(connection)
    return connection


def withdraw_connection(actor, connection, *, now=None):
    now = now or utcnow()
    if connection.requested_by_side not in access.sides_of(actor, connection.buyer_id, connection.producer_id):
        raise PermissionDenied(_l("Chỉ bên gửi yêu cầu mới rút lại được."))
    with atomic():
        db.session.refresh(connection, with_for_update=True)
        _move_connection(connection, ConnectionStatus.WITHDRAWN, actor, now)
    return connection


def send_message(actor, connection, body, *, now=None, submission=None):
    """A message in the thread of an accepted connection, once per submitted form."""
    now = now or utcnow()
    sides = access.sides_of(actor, connection.buyer_id, connection.producer_id)
    if not sides:
        raise PermissionDenied(_l("Bạn không thuộc kết nối này."))
    if connection.status is not ConnectionStatus.ACCEPTED:
        raise InvalidTransition(_l("Chỉ nhắn tin được khi hai bên đã đồng ý kết nối."))
    body = (body or "").strip()
    if not body:
        raise ValidationError(_l("Tin nhắn trống."), field="body")
    if len(body) > 4000:
        raise ValidationError(_l("Tin nhắn tối đa 4000 ký tự."), field="body")
    side = Side.BUYER if Side.BUYER in sides else Side.PRODUCER
    with atomic():
        claim = submissions.claim(submission, "connection_message")
        message = ConnectionMessage(connection_id=connection.id, sender_id=actor.id, sender_side=side, body=body,
                                    created_at=now)
        db.session.add(message)
        db.session.flush()
        claim.done(message.id)
        notifications.message_sent(connection, message)
    return message


def connections_of(user):
    """Connections of every buyer organisation and producer `user` acts for, newest first."""
    buyer_ids = [m.buyer_id for m in access.buyer_memberships(user)]
    producer_ids = [m.producer_id for m in access.producer_memberships(user)]
    if not buyer_ids and not producer_ids:
        return []
    return db.session.execute(db.select(Connection).where(or_(
        Connection.buyer_id.in_(buyer_ids or [-1]), Connection.producer_id.in_(producer_ids or [-1])))
        .order_by(Connection.created_at.desc(), Connection.id.desc())).scalars().all()


def contact_card(party):
    """What a party's contact details are: shown only through `visible_contacts`."""
    return {"phone": party.phone, "email": party.email, "address": party.address or None}


def visible_contacts(viewer, connection):
    """The other side's contact details for `viewer`, or None while they may not see them."""
    sides = access.sides_of(viewer, connection.buyer_id, connection.producer_id)
    if not sides or not contacts_visible(connection.buyer_id, connection.producer_id):
        return None
    if Side.BUYER in sides:
        return contact_card(connection.producer)
    return contact_card(connection.buyer)
