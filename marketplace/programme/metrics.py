"""What each plan metric means on this marketplace: a computation over its own
records, or "not measurable here" with the reason. Nothing here is typed in.

Every metric is one entry of REGISTRY (programme.measures), made by one of two declarations:

    @measured("orders", _l("Đơn hàng sản phẩm OCOP"), TargetUnit.COUNT, _l("how it is counted"),
              sources={ORDERS})
    def orders(scope):
        return Measure(value=...)

    not_measurable("budget_total_vnd", _l("Tổng kinh phí"), TargetUnit.VND, _l("why not"))

so that measuring orders and sales once checkout exists is one function replacing
its `not_measurable` line. A computation receives a Scope (the unit, its former
province or area, the period, and explicit `today`/`now`) and returns a Measure. It also
says what moves its figure (`sources`, `clock`: see programme.measures), which is what keeps
the stored figures of the programme pages (programme.figures) exact.

Where a plan's place is narrower than a current province:
- a former province (plans written before the 2025 merger): producer-based
  metrics count the producers whose `former_province` is that province; records
  that carry only the current province (showrooms, events) cannot be split and
  are "not measurable" for such a plan;
- an area such as a district: producers carry no district, and counting the whole
  province against a district's target would overstate progress, so every metric
  of such a plan is "not measurable", with the reason shown.

Counted records: recognised certificates (verified, also once expired or downgraded by a
post-inspection; pending, rejected and revoked never count) of products of verified producers,
whatever the listing's status (a recognition stays a fact when a listing is archived).
"""
from sqlalchemy import and_, distinct, func, select
from sqlalchemy.orm import aliased

from marketplace.catalog.models import RECOGNISED_STATUSES, Certification, Producer, ProducerKind, Product
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.events.models import ApplicationStatus, BoothApplication, Event, EventKind, EventStatus, Showroom
from marketplace.extensions import db
from marketplace.orders.models import Order, Shipment, ShipmentStatus
from marketplace.programme import cycle_counts
from marketplace.programme.measures import (CATALOGUE, CYCLE, DAY, EVENT_STARTS, EVENTS, ORDERS,  # noqa: F401
                                            PRODUCER_LEVEL, PROVINCE_LEVEL, REGISTRY, SHOWROOMS, TRAINING, Measure,
                                            Metric, Scope, from_numbers, measure, measured, metric_for,
                                            not_measurable)
from marketplace.programme.models import SHARE_SCALE, TargetUnit
from marketplace.training.services import officials_trained


# --------------------------------------------------------------------------- building blocks

RECOGNISED = RECOGNISED_STATUSES
_NO_SUBJECTS = _l("Chưa có chủ thể nào có sản phẩm được chứng nhận trên địa bàn.")


def _in_area(scope):
    """SQL: the verified producers of the scope's unit (or of its former province)."""
    clause = and_(Producer.province_id == scope.province.id, Producer.verified.is_(True))
    if scope.former_province is not None:
        clause = and_(clause, Producer.former_province_id == scope.former_province.id)
    return clause


def _scalar(query):
    return db.session.execute(query).scalar_one() or 0


def new_products(scope, stars):
    """Products first recognised, in the period, at a level in `stars` (a set of star counts).

    A verified certificate decided in the period counts when the product had no
    earlier verified certificate of min(stars) stars or more: a renewal or a
    re-evaluation at the same level is not a new product, an upgrade from 3 to 4
    stars is a new 4-star product, and "3 stars or more" counts only products
    recognised for the first time.

    That is: each product's first recognised certificate of min(stars) stars or more
    (earliest decision, then lowest id) is found once with a window function over the
    area's certificates, and counted when it falls in the period at a level in `stars`.
    (A correlated NOT EXISTS per certificate scanned the area's certificates once each.)
    """
    cert = aliased(Certification)
    first = (select(cert.stars.label("stars"), cert.decided_on.label("decided_on"),
                    func.row_number().over(partition_by=cert.product_id,
                                           order_by=(cert.decided_on, cert.id)).label("rank"))
             .join(Product, Product.id == cert.product_id)
             .join(Producer, Producer.id == Product.producer_id)
             .where(_in_area(scope), cert.status.in_(RECOGNISED), cert.stars >= min(stars))
             .subquery())
    query = (select(func.count()).select_from(first)
             .where(first.c.rank == 1, first.c.decided_on >= scope.start, first.c.decided_on <= scope.end,
                    first.c.stars.in_(sorted(stars))))
    return Measure(value=_scalar(query))


def _current_on(day, cert=Certification):
    return and_(cert.status.in_(RECOGNISED), cert.decided_on <= day, cert.expires_on >= day)


def subjects_by_kind(scope):
    """OCOP subjects (producers with a product certified on the scope's as-of day) per kind.

    A join from the area's producers to their current certificates, producers counted once
    (a correlated EXISTS per producer made the engine scan every certificate per producer).
    """
    query = (select(Producer.kind, func.count(distinct(Producer.id)))
             .join(Product, Product.producer_id == Producer.id)
             .join(Certification, Certification.product_id == Product.id)
             .where(_in_area(scope), _current_on(scope.as_of))
             .group_by(Producer.kind))
    return {ProducerKind(kind): count for kind, count in db.session.execute(query).all()}


def share(numerator, denominator):
    """Basis points, rounded half up; None when there is nothing to divide."""
    if not denominator:
        return None
    return (numerator * SHARE_SCALE * 2 + denominator) // (denominator * 2)


def _share_of_kind(scope, kind):
    return measure_subjects(SUBJECT_SHARES[kind], subjects_by_kind(scope))


SUBJECT_SHARES = {ProducerKind.COOPERATIVE: "share_subjects_cooperative", ProducerKind.ENTERPRISE: "share_subjects_sme"}


def measure_subjects(code, kinds):
    """The Measure of "ocop_subjects" or a share of subjects from the subjects per kind (computed
    once for the three of them when figures are stored, programme.figures)."""
    total = sum(kinds.values())
    if code == "ocop_subjects":
        return Measure(value=total)
    part = kinds.get(next(kind for kind, name in SUBJECT_SHARES.items() if name == code), 0)
    if not total:
        return Measure(numerator=0, denominator=0)  # the metric's `empty` note says why
    return Measure(value=share(part, total), numerator=part, denominator=total)


def _held_events(scope):
    """Published trade events (training courses are not) that started in the period and by `now`."""
    return and_(Event.status == EventStatus.PUBLISHED, Event.kind != EventKind.TRAINING,
                Event.starts_at >= scope.start_utc, Event.starts_at < scope.end_utc, Event.starts_at <= scope.now)


# --------------------------------------------------------------------------- the metrics of the plans

@measured("new_products_3star_plus", _l("Sản phẩm mới đạt từ 3 sao trở lên"), TargetUnit.COUNT,
          _l("Sản phẩm được công nhận OCOP lần đầu (chứng nhận đã xác minh) có ngày quyết định trong kỳ."),
          sources={CATALOGUE})
def _new_3_plus(scope):
    return new_products(scope, {3, 4, 5})


@measured("new_products_3star", _l("Sản phẩm mới đạt 3 sao"), TargetUnit.COUNT,
          _l("Sản phẩm được công nhận lần đầu ở hạng 3 sao trong kỳ (chứng nhận đã xác minh, theo ngày quyết "
             "định); gia hạn, đánh giá lại cùng hạng không tính."), sources={CATALOGUE})
def _new_3(scope):
    return new_products(scope, {3})


@measured("new_products_4star", _l("Sản phẩm mới đạt 4 sao"), TargetUnit.COUNT,
          _l("Sản phẩm lần đầu đạt 4 sao trong kỳ, kể cả sản phẩm nâng hạng từ 3 sao (chứng nhận đã xác minh); "
             "gia hạn cùng hạng không tính."), sources={CATALOGUE})
def _new_4(scope):
    return new_products(scope, {4})


@measured("new_products_5star", _l("Sản phẩm mới đạt 5 sao"), TargetUnit.COUNT,
          _l("Sản phẩm lần đầu đạt 5 sao trong kỳ (chứng nhận đã xác minh, theo ngày quyết định)."),
          sources={CATALOGUE})
def _new_5(scope):
    return new_products(scope, {5})


@measured("new_products_3_4star", _l("Sản phẩm mới đạt 3–4 sao"), TargetUnit.COUNT,
          _l("Sản phẩm được công nhận OCOP lần đầu ở hạng 3 hoặc 4 sao trong kỳ (chứng nhận đã xác minh)."),
          sources={CATALOGUE})
def _new_3_4(scope):
    return new_products(scope, {3, 4})


@measured("products_standardised", _l("Sản phẩm được tiêu chuẩn hóa"), TargetUnit.COUNT,
          _l("Sản phẩm có chứng nhận OCOP đã xác minh với ngày quyết định trong kỳ, kể cả sản phẩm được đánh giá "
             "lại."), sources={CATALOGUE})
def _standardised(scope):
    query = (select(func.count(distinct(Certification.product_id)))
             .join(Product, Product.id == Certification.product_id).join(Producer, Producer.id == Product.producer_id)
             .where(_in_area(scope), Certification.status.in_(RECOGNISED), Certification.decided_on >= scope.start,
                    Certification.decided_on <= scope.end))
    return Measure(value=_scalar(query))


# The OCOP cycle run on the site (marketplace.cycle): counted by programme.cycle_counts.
for _code, _label, _how, _count in (
        ("products_evaluated", _l("Sản phẩm được đánh giá, xếp hạng"), _l(
            "Sản phẩm được hội đồng tỉnh chấm điểm trên sàn trong các đợt kết thúc chấm điểm trong kỳ (kể cả dưới "
            "3 sao); đánh giá hai lần trong kỳ tính một lần."), cycle_counts.evaluated),
        ("products_to_higher_level", _l("Sản phẩm tham gia đánh giá cấp trên"), _l(
            "Sản phẩm được hội đồng tỉnh chấm từ 90 điểm và đề nghị cấp trung ương đánh giá trong kỳ."),
         cycle_counts.proposed),
        ("products_completed_dossiers", _l("Sản phẩm hoàn thiện hồ sơ đánh giá"), _l(
            "Sản phẩm có hồ sơ đánh giá, phân hạng được cán bộ tỉnh xác nhận đầy đủ trên sàn trong kỳ."),
         cycle_counts.completed_dossiers)):
    measured(_code, _label, TargetUnit.COUNT, _how, sources={CYCLE})(lambda scope, count=_count: Measure(value=count(scope)))

not_measurable("products_value_chain", _l("Sản phẩm phát triển theo chuỗi giá trị"), TargetUnit.COUNT,
               _l("Sàn không ghi nhận chuỗi giá trị của sản phẩm."))
not_measurable("organisations_developed", _l("Tổ chức kinh tế được phát triển, củng cố"), TargetUnit.COUNT,
               _l("Sàn không ghi nhận việc thành lập, củng cố hay cơ cấu lại tổ chức kinh tế."))


@measured("share_subjects_cooperative", _l("Tỷ lệ chủ thể OCOP là hợp tác xã"), TargetUnit.SHARE,
          _l("Trong các chủ thể có ít nhất một sản phẩm có chứng nhận còn hiệu lực vào cuối kỳ (hoặc hôm nay nếu kỳ "
             "chưa kết thúc), tỷ lệ là hợp tác xã."), sources={CATALOGUE}, clock=DAY, empty=_NO_SUBJECTS)
def _share_cooperative(scope):
    return _share_of_kind(scope, ProducerKind.COOPERATIVE)


@measured("share_subjects_sme", _l("Tỷ lệ chủ thể OCOP là doanh nghiệp vừa và nhỏ"), TargetUnit.SHARE,
          _l("Trong các chủ thể có ít nhất một sản phẩm có chứng nhận còn hiệu lực vào cuối kỳ (hoặc hôm nay nếu kỳ "
             "chưa kết thúc), tỷ lệ là doanh nghiệp."), sources={CATALOGUE}, clock=DAY, empty=_NO_SUBJECTS)
def _share_sme(scope):
    return _share_of_kind(scope, ProducerKind.ENTERPRISE)


@measured("showrooms", _l("Điểm giới thiệu và bán sản phẩm OCOP"), TargetUnit.COUNT,
          _l("Điểm giới thiệu, bán sản phẩm OCOP đang hoạt động trên sàn tại tỉnh, thành phố (sàn không ghi ngày "
             "khai trương)."), level=PROVINCE_LEVEL, sources={SHOWROOMS})
def _showrooms(scope):
    query = select(func.count(Showroom.id)).where(Showroom.province_id == scope.province.id,
                                                  Showroom.is_active.is_(True))
    return Measure(value=_scalar(query))


not_measurable("tourism_villages", _l("Làng du lịch gắn với sản phẩm địa phương"), TargetUnit.COUNT,
               _l("Sàn không ghi nhận làng du lịch."))


@measured("officials_trained_share", _l("Tỷ lệ cán bộ quản lý chương trình được đào tạo"), TargetUnit.SHARE,
          _l("Cán bộ trong danh sách cán bộ chương trình OCOP của địa bàn đã được check-in ít nhất một lớp tập huấn "
             "(sự kiện loại đào tạo, ở bất kỳ đâu) bắt đầu trong kỳ; cán bộ được nhận ra theo email đăng ký."),
          sources={TRAINING}, empty=_l("Chưa có danh sách cán bộ chương trình của địa bàn."))
def _officials_trained(scope):
    trained, total = officials_trained(scope.province, scope.start_utc, scope.end_utc, scope.former_province)
    if not total:
        return Measure(numerator=0, denominator=0)  # the metric's `empty` note says why
    return Measure(value=share(trained, total), numerator=trained, denominator=total)


not_measurable("budget_total_vnd", _l("Tổng kinh phí"), TargetUnit.VND,
               _l("Sàn không ghi nhận kinh phí của chương trình."))
not_measurable("budget_state_vnd", _l("Kinh phí từ ngân sách nhà nước"), TargetUnit.VND,
               _l("Sàn không ghi nhận kinh phí của chương trình."))
not_measurable("budget_other_vnd", _l("Kinh phí xã hội hóa, nguồn khác"), TargetUnit.VND,
               _l("Sàn không ghi nhận kinh phí của chương trình."))


# --------------------------------------------------------------------------- the marketplace's own indicators

@measured("products_certified", _l("Sản phẩm có chứng nhận OCOP còn hiệu lực"), TargetUnit.COUNT,
          _l("Sản phẩm có chứng nhận đã xác minh còn hiệu lực vào cuối kỳ (hoặc hôm nay nếu kỳ chưa kết thúc)."),
          in_plans=False, sources={CATALOGUE}, clock=DAY)
def _products_certified(scope):
    query = (select(func.count(distinct(Certification.product_id)))
             .join(Product, Product.id == Certification.product_id).join(Producer, Producer.id == Product.producer_id)
             .where(_in_area(scope), _current_on(scope.as_of)))
    return Measure(value=_scalar(query))


@measured("ocop_subjects", _l("Chủ thể OCOP"), TargetUnit.COUNT,
          _l("Chủ thể có ít nhất một sản phẩm có chứng nhận còn hiệu lực vào cuối kỳ (hoặc hôm nay nếu kỳ chưa "
             "kết thúc)."), in_plans=False, sources={CATALOGUE}, clock=DAY)
def _subjects(scope):
    return Measure(value=sum(subjects_by_kind(scope).values()))


@measured("trade_events", _l("Sự kiện xúc tiến thương mại đã tổ chức"), TargetUnit.COUNT,
          _l("Hội chợ, triển lãm, tuần hàng... đã công bố trên sàn, diễn ra tại tỉnh, thành phố trong kỳ (đã bắt "
             "đầu; sự kiện hoãn, hủy không tính)."), level=PROVINCE_LEVEL, in_plans=False,
          sources={EVENTS}, clock=EVENT_STARTS)
def _trade_events(scope):
    query = select(func.count(Event.id)).where(Event.province_id == scope.province.id, _held_events(scope))
    return Measure(value=_scalar(query))


@measured("exhibitors", _l("Lượt chủ thể tham gia gian hàng"), TargetUnit.COUNT,
          _l("Đơn đăng ký gian hàng được chấp nhận của các chủ thể trên địa bàn, tại các sự kiện đã diễn ra trong "
             "kỳ ở bất kỳ đâu."), in_plans=False, sources={EVENTS}, clock=EVENT_STARTS)
def _exhibitors(scope):
    query = (select(func.count(BoothApplication.id))
             .join(Event, Event.id == BoothApplication.event_id)
             .join(Producer, Producer.id == BoothApplication.producer_id)
             .where(BoothApplication.status == ApplicationStatus.ACCEPTED, _held_events(scope), _in_area(scope)))
    return Measure(value=_scalar(query))


@measured("orders", _l("Đơn hàng sản phẩm OCOP"), TargetUnit.COUNT,
          _l("Đơn hàng đặt trên sàn trong kỳ (theo ngày đặt, giờ Việt Nam) có ít nhất một kiện hàng không bị hủy "
             "của chủ thể trên địa bàn; một đơn mua của hai chủ thể trên địa bàn tính một lần."), in_plans=False,
          sources={ORDERS})
def _orders(scope):
    query = (select(func.count(distinct(Order.id)))
             .join(Shipment, Shipment.order_id == Order.id).join(Producer, Producer.id == Shipment.producer_id)
             .where(_in_area(scope), Shipment.status != ShipmentStatus.CANCELLED,
                    Order.placed_at >= scope.start_utc, Order.placed_at < scope.end_utc))
    return Measure(value=_scalar(query))


@measured("sales_vnd", _l("Doanh số bán sản phẩm OCOP"), TargetUnit.VND,
          _l("Tiền hàng (không gồm phí giao hàng) của các kiện hàng của chủ thể trên địa bàn đã giao cho người "
             "mua trong kỳ, theo ngày giao (giờ Việt Nam)."), in_plans=False,
          sources={ORDERS})
def _sales(scope):
    query = (select(func.coalesce(func.sum(Shipment.subtotal), 0))
             .join(Producer, Producer.id == Shipment.producer_id)
             .where(_in_area(scope), Shipment.status == ShipmentStatus.DELIVERED,
                    Shipment.delivered_at >= scope.start_utc, Shipment.delivered_at < scope.end_utc))
    return Measure(value=int(_scalar(query)))

# What province and plan pages show besides the targets, in this order.
INDICATORS = ("new_products_3star", "new_products_4star", "new_products_5star", "products_certified",
              "ocop_subjects", "share_subjects_cooperative", "share_subjects_sme", "showrooms", "trade_events",
              "exhibitors", "orders", "sales_vnd")
