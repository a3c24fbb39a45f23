"""Demands and supply offers: one state machine for both (draft, open, paused, expired,
closed), created, edited and moved by their owner, expired by the daily job.

A change to a post, in its own transaction: stamps the post for the in-memory tables
(`versions.bump_version`), asks search to reindex it, and leaves a `matching.post_changed`
message in the outbox. The outbox handler, after the commit, recomputes the post's strong
matches and tells both sides about new ones (at once, or in the daily digest: each user's
choice). A change in the catalogue that moves matches (a listing's certificates, a
producer's verification) restamps the offers it touches (`on_catalog_changed`)."""
from datetime import date

from sqlalchemy import or_

from marketplace.catalog.models import Category, Producer, Product, Province
from marketplace.core import submissions
from marketplace.core.errors import InvalidTransition, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.outbox import enqueue
from marketplace.core.timeutil import utcnow
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.matching import access, notifications
from marketplace.matching.models import Demand, Offer, PostStatus
from marketplace.matching.services.inputs import (MAX_PRICE, MAX_QUANTITY, certificates_mask, check_expiry, clean_text,
                                                  whole_number)
from marketplace.matching.terms import ALL_MONTHS, UNITS, Period, Recurrence, month_mask
from marketplace.matching.versions import bump_version
from marketplace.search.events import request_reindex

POST_CHANGED = "matching.post_changed"
CATALOG_CHANGED = "matching.catalog_changed"

POST_TRANSITIONS = {
    PostStatus.DRAFT: {PostStatus.OPEN, PostStatus.CLOSED},
    PostStatus.OPEN: {PostStatus.PAUSED, PostStatus.CLOSED, PostStatus.EXPIRED},
    PostStatus.PAUSED: {PostStatus.OPEN, PostStatus.CLOSED, PostStatus.EXPIRED},
    PostStatus.EXPIRED: {PostStatus.OPEN, PostStatus.CLOSED},  # open again after a new expiry date
    PostStatus.CLOSED: set(),
}

# Moves people make; EXPIRED is the daily job's (`expire_posts`).
USER_POST_MOVES = {PostStatus.OPEN, PostStatus.PAUSED, PostStatus.CLOSED}


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


# --- demands ------------------------------------------------------------------------------

def _demand_values(*, title, category, quantity, unit, delivery_province, wanted_by, expires_on, today,
                   description="", recurrence=Recurrence.ONE_OFF, target_price=None, wanted_from=None,
                   min_stars=None, certificates=()):
    values = {"title": clean_text(title, 200, "title", True, _l("Vui lòng nhập sản phẩm cần mua."))}
    if not isinstance(category, Category):
        raise ValidationError(_l("Cần chọn nhóm sản phẩm."), field="category")
    whole_number(quantity, "quantity", 1, MAX_QUANTITY, _l("Số lượng phải là số nguyên dương."))
    if unit not in UNITS:
        raise ValidationError(_l("Đơn vị không hợp lệ."), field="unit")
    if target_price is not None:
        whole_number(target_price, "target_price", 0, MAX_PRICE, _l("Giá mục tiêu không hợp lệ."))
    if not isinstance(delivery_province, Province):
        raise ValidationError(_l("Cần chọn tỉnh, thành phố nhận hàng."), field="delivery_province")
    if not isinstance(wanted_by, date):
        raise ValidationError(_l("Cần thời hạn nhận hàng."), field="wanted_by")
    if wanted_from is not None and wanted_from > wanted_by:
        raise ValidationError(_l("Ngày bắt đầu phải trước thời hạn nhận hàng."), field="wanted_from")
    if min_stars is not None and min_stars not in (3, 4, 5):
        raise ValidationError(_l("Hạng sao tối thiểu là 3, 4 hoặc 5."), field="min_stars")
    check_expiry(expires_on, today)
    values.update(description=(description or "").strip()[:5000], category_id=category.id, quantity=quantity,
                  unit=unit, recurrence=Recurrence(recurrence), target_price=target_price,
                  delivery_province_id=delivery_province.id, wanted_from=wanted_from, wanted_by=wanted_by,
                  min_stars=min_stars, certificates=certificates_mask(certificates), expires_on=expires_on)
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


# --- offers -------------------------------------------------------------------------------

def _offer_values(producer, *, title, category, quantity, unit, price_min, expires_on, today, description="",
                  period=Period.MONTH, min_order=0, price_max=None, season_months=(), delivers_nationwide=False,
                  delivery_provinces=(), certificates=(), product=None):
    values = {"title": clean_text(title, 200, "title", True, _l("Vui lòng nhập sản phẩm chào bán."))}
    if not isinstance(category, Category):
        raise ValidationError(_l("Cần chọn nhóm sản phẩm."), field="category")
    if product is not None and (not isinstance(product, Product) or product.producer_id != producer.id):
        raise ValidationError(_l("Chỉ liên kết được sản phẩm của chính chủ thể."), field="product")
    whole_number(quantity, "quantity", 1, MAX_QUANTITY, _l("Số lượng phải là số nguyên dương."))
    if unit not in UNITS:
        raise ValidationError(_l("Đơn vị không hợp lệ."), field="unit")
    whole_number(min_order, "min_order", 0, MAX_QUANTITY, _l("Đơn hàng tối thiểu không hợp lệ."))
    whole_number(price_min, "price_min", 0, MAX_PRICE, _l("Giá không hợp lệ."))
    if price_max is not None:
        whole_number(price_max, "price_max", price_min, MAX_PRICE, _l("Giá cao nhất phải từ giá thấp nhất trở lên."))
        if price_max == price_min:
            price_max = None
    try:
        season = month_mask(season_months) or ALL_MONTHS
    except (ValueError, TypeError):
        raise ValidationError(_l("Tháng không hợp lệ."), field="season_months") from None
    provinces = sorted({p.id for p in delivery_provinces or () if isinstance(p, Province)})
    check_expiry(expires_on, today)
    values.update(description=(description or "").strip()[:5000], category_id=category.id, quantity=quantity,
                  unit=unit, period=Period(period), min_order=min_order, price_min=price_min, price_max=price_max,
                  season_months=season, delivers_nationwide=bool(delivers_nationwide),
                  delivery_province_ids=provinces, certificates=certificates_mask(certificates),
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


# --- catalogue changes that move matches --------------------------------------------------

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
