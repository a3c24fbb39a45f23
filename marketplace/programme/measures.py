"""The frame every plan metric fits in: where and when it is measured (Scope), what it
shows (Measure), what it is (Metric, in REGISTRY), and what moves it.

The metrics themselves are declared in programme.metrics. Each says, besides how it
is computed, what makes its figure change, so that stored figures (programme.figures)
are recomputed only when it may have changed:

- `sources`: the kinds of record change that move it (KINDS below; programme.changes
  turns every flushed row into such kinds, per province, through the outbox);
- `clock`: what moves it without any write — "day" when it counts certificates current
  on the period's as-of day (a certificate stops counting at midnight, Vietnam's time),
  "events" when it counts events that have started by now.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable

from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.timeutil import VN_TZ
from marketplace.programme.models import TargetUnit

PRODUCER_LEVEL = "producer"  # records that know a producer's current and former province
PROVINCE_LEVEL = "province"  # records that know only the current province (showrooms, events)

# The kinds of change that move figures (see programme.changes for which rows are which).
CATALOGUE = "catalogue"    # certificates, products, producers
EVENTS = "events"          # trade events and booth applications
SHOWROOMS = "showrooms"
ORDERS = "orders"          # orders and their parcels
CYCLE = "cycle"            # dossiers, evaluation rounds and their entries
TRAINING = "training"      # rosters of officials and check-ins at training courses
PLANS = "plans"            # the plans and their targets themselves
KINDS = frozenset({CATALOGUE, EVENTS, SHOWROOMS, ORDERS, CYCLE, TRAINING, PLANS})

DAY, EVENT_STARTS = "day", "events"  # the clocks


@dataclass(frozen=True)
class Scope:
    """Where and when to measure: a current unit (or a former province or area of it) and a period."""

    province: object  # catalog.models.Province
    start: date
    end: date
    today: date
    now: datetime  # naive UTC
    former_province: object = None
    area: str | None = None

    @classmethod
    def of_plan(cls, plan, today, now):
        return cls(province=plan.province, former_province=plan.former_province, area=plan.area or None,
                   start=date(plan.start_year, 1, 1), end=date(plan.end_year, 12, 31), today=today, now=now)

    @classmethod
    def of_years(cls, province, start_year, end_year, today, now):
        return cls(province=province, start=date(start_year, 1, 1), end=date(end_year, 12, 31), today=today,
                   now=now)

    @property
    def as_of(self):
        """The day stock-like figures (current certificates, subjects) are taken: the period's end, or today."""
        return min(self.today, self.end)

    @property
    def start_utc(self):
        return vn_midnight_utc(self.start)

    @property
    def end_utc(self):
        """Exclusive: the first instant after the period, in naive UTC."""
        return vn_midnight_utc(self.end + timedelta(days=1))


def vn_midnight_utc(day):
    """The first instant of a Vietnamese calendar day, in naive UTC."""
    return datetime.combine(day, time.min, tzinfo=VN_TZ).astimezone(timezone.utc).replace(tzinfo=None)


@dataclass(frozen=True)
class Measure:
    """What the marketplace shows for one metric: a value (count, đồng or basis points), or why not."""

    value: int | None = None
    numerator: int | None = None
    denominator: int | None = None
    measurable: bool = True
    note: object = None  # a (lazy) sentence shown with the figure

    def numbers(self):
        """What is stored of a computed measure (programme.figures); `from_numbers` makes it again."""
        return [self.value, self.numerator, self.denominator]


@dataclass(frozen=True)
class Metric:
    code: str
    label: object
    unit: TargetUnit
    how: object  # how it is computed, or why it cannot be
    compute: Callable[[Scope], Measure] | None = None
    level: str = PRODUCER_LEVEL
    in_plans: bool = True  # a metric of program_targets.json; False: a marketplace indicator
    sources: frozenset = KINDS  # what moves it (measured metrics say; unknown: everything)
    clock: str | None = None  # DAY, EVENT_STARTS or None
    empty: object = None  # the note shown when a share has nothing to divide

    @property
    def measurable(self):
        return self.compute is not None


REGISTRY: dict[str, Metric] = {}


def measured(code, label, unit, how, *, sources, clock=None, empty=None, level=PRODUCER_LEVEL, in_plans=True):
    """Register `compute(scope) -> Measure` as the computation of metric `code`, moved by `sources`."""
    unknown = set(sources) - KINDS
    if unknown or clock not in (None, DAY, EVENT_STARTS):
        raise ValueError(f"metric {code}: unknown sources {unknown} or clock {clock!r}")

    def register(compute):
        REGISTRY[code] = Metric(code, label, unit, how, compute, level, in_plans, frozenset(sources), clock, empty)
        return compute
    return register


def not_measurable(code, label, unit, why, *, in_plans=True):
    REGISTRY[code] = Metric(code, label, unit, why, None, PRODUCER_LEVEL, in_plans)


def metric_for(code):
    """The registered metric, or a stand-in for a code the registry does not know (never measurable)."""
    metric = REGISTRY.get(code)
    if metric is None:
        metric = Metric(code, code, TargetUnit.COUNT, _l("Chưa có cách tính cho chỉ tiêu này trên sàn."))
    return metric


def not_measured(metric, scope):
    """The "not measurable" Measure of `metric` in `scope` with its reason, or None when it is measured."""
    if metric.compute is None:
        return Measure(measurable=False, note=metric.how)
    if scope.area:
        return Measure(measurable=False, note=_l(
            "Kế hoạch của %(area)s: sàn chỉ ghi tỉnh (và tỉnh cũ) của chủ thể, không ghi huyện, nên không tách "
            "riêng được địa bàn này; so với số liệu cả %(province)s sẽ cho tiến độ cao hơn thực tế.",
            area=scope.area, province=scope.province.name_vi))
    if metric.level == PROVINCE_LEVEL and scope.former_province is not None:
        return Measure(measurable=False, note=_l(
            "Điểm bán và sự kiện chỉ ghi tỉnh, thành phố hiện nay, không ghi tỉnh cũ %(former)s.",
            former=scope.former_province.name_vi))
    return None


def _finish(metric, found):
    if found.value is None and found.denominator == 0 and found.note is None and metric.empty is not None:
        return Measure(numerator=found.numerator, denominator=0, note=metric.empty)
    return found


def measure(code, scope):
    """The Measure of metric `code` in `scope`, computed now; "not measurable" with the reason when it cannot be."""
    metric = metric_for(code)
    return not_measured(metric, scope) or _finish(metric, metric.compute(scope))


def from_numbers(code, scope, numbers):
    """The Measure of metric `code` from its stored numbers ([value, numerator, denominator])."""
    metric = metric_for(code)
    value, numerator, denominator = numbers
    return not_measured(metric, scope) or _finish(metric, Measure(value, numerator, denominator))


def is_measured(code, scope):
    return not_measured(metric_for(code), scope) is None
