"""Plans and their progress: officers add and edit plans; progress is computed.

Plain functions with explicit arguments (the acting user, `today`, `now`); one
transaction each; typed errors from core.errors. Plans loaded from
shared/data/program_targets.json are changed in that file (see programme.loader),
so the officers' operations refuse them.
"""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import selectinload

from marketplace.accounts import jurisdiction
from marketplace.catalog.models import FormerProvince, Province
from marketplace.catalog.services import unique_slug
from marketplace.core import submissions
from marketplace.core.errors import DomainError, PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.extensions import db
from marketplace.programme.metrics import INDICATORS, REGISTRY, Measure, Metric, Scope, measure, metric_for
from marketplace.programme.models import SHARE_SCALE, ProgrammePlan, ProgrammeTarget, TargetUnit

MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_TARGETS = 40


# --------------------------------------------------------------------------- who may act

def may_edit_plans(user, province_id=None):
    """Programme officers and admins (who hold the officer role too); with `province_id`,
    only those whose jurisdiction covers that province (accounts.jurisdiction)."""
    if province_id is None:
        return jurisdiction.is_officer(user)
    return jurisdiction.covers(user, province_id)


def _require_officer(actor, province_id=None):
    if not jurisdiction.is_officer(actor):
        raise PermissionDenied(_l("Chỉ cán bộ chương trình OCOP mới được sửa kế hoạch."))
    if province_id is not None and not jurisdiction.covers(actor, province_id):
        raise PermissionDenied(_l("Kế hoạch này thuộc tỉnh, thành phố khác: bạn không sửa được."))


# --------------------------------------------------------------------------- input and its rules

@dataclass
class TargetInput:
    metric: str
    value: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    source: str = ""


@dataclass
class PlanInput:
    province: Province | None
    start_year: int | None
    end_year: int | None
    document: str
    targets: list = field(default_factory=list)
    former_province: FormerProvince | None = None
    area: str | None = None


def validate_plan(data):
    """Raise ValidationError (with the field's name) unless `data` makes a sound plan."""
    if data.province is None:
        raise ValidationError(_l("Cần chọn tỉnh, thành phố."), field="province")
    if data.former_province is not None and data.former_province.province_id != data.province.id:
        raise ValidationError(_l("Tỉnh cũ không thuộc tỉnh, thành phố đã chọn."), field="former_province")
    if data.area is not None and len(data.area) > 200:
        raise ValidationError(_l("Tên địa bàn quá dài."), field="area")
    for name, year in (("start_year", data.start_year), ("end_year", data.end_year)):
        if year is None or not MIN_YEAR <= year <= MAX_YEAR:
            raise ValidationError(_l("Năm phải từ %(min)s đến %(max)s.", min=MIN_YEAR, max=MAX_YEAR), field=name)
    if data.end_year < data.start_year:
        raise ValidationError(_l("Năm kết thúc không được trước năm bắt đầu."), field="end_year")
    if not (data.document or "").strip() or len(data.document.strip()) > 300:
        raise ValidationError(_l("Cần tên văn bản kế hoạch (tối đa 300 ký tự)."), field="document")
    if not data.targets:
        raise ValidationError(_l("Cần ít nhất một chỉ tiêu."), field="targets")
    if len(data.targets) > MAX_TARGETS:
        raise ValidationError(_l("Tối đa %(n)s chỉ tiêu.", n=MAX_TARGETS), field="targets")
    for number, target in enumerate(data.targets, start=1):
        _validate_target(number, target)


def _validate_target(number, target):
    def fail(message):
        raise ValidationError(_l("Chỉ tiêu %(n)s: %(message)s", n=number, message=message), field="targets")

    if target.metric not in REGISTRY:
        fail(_l("chỉ tiêu không có trong danh mục."))
    unit = REGISTRY[target.metric].unit
    numbers = [v for v in (target.value, target.min_value, target.max_value) if v is not None]
    if target.value is not None and (target.min_value is not None or target.max_value is not None):
        fail(_l("nhập một giá trị hoặc một khoảng, không nhập cả hai."))
    if target.value is None and target.min_value is None:
        fail(_l("cần giá trị, hoặc mức tối thiểu của khoảng."))
    if any(isinstance(v, bool) or not isinstance(v, int) or v < 0 for v in numbers):
        fail(_l("giá trị phải là số không âm."))
    if target.max_value is not None and target.max_value < target.min_value:
        fail(_l("mức tối đa phải lớn hơn hoặc bằng mức tối thiểu."))
    if unit is TargetUnit.SHARE and any(v > SHARE_SCALE for v in numbers):
        fail(_l("tỷ lệ không vượt quá 100 phần trăm."))
    if not (target.source or "").strip():
        fail(_l("cần trích câu nêu chỉ tiêu trong văn bản."))
    if len(target.source.strip()) > 1000:
        fail(_l("câu trích quá dài (tối đa 1000 ký tự)."))


def _same_targets(plan, targets):
    current = [(t.metric, t.value, t.min_value, t.max_value, t.source) for t in plan.targets]
    wanted = [(t.metric, t.value, t.min_value, t.max_value, t.source.strip()) for t in targets]
    return current == wanted


def apply_plan(plan, data):
    """Copy validated `data` onto `plan`, reusing target rows by position; True when anything changed."""
    changed = False
    values = {"province": data.province, "former_province": data.former_province,
              "area": (data.area or "").strip() or None, "start_year": data.start_year,
              "end_year": data.end_year, "document": data.document.strip()}
    for name, value in values.items():
        if getattr(plan, name) != value:
            setattr(plan, name, value)
            changed = True
    if not _same_targets(plan, data.targets):
        changed = True
        rows = list(plan.targets)
        for position, target in enumerate(data.targets):
            row = rows[position] if position < len(rows) else None
            if row is None:
                row = ProgrammeTarget(position=position)
                plan.targets.append(row)
            row.position = position
            row.metric = target.metric
            row.unit = REGISTRY[target.metric].unit if target.metric in REGISTRY else TargetUnit.COUNT
            row.value, row.min_value, row.max_value = target.value, target.min_value, target.max_value
            row.source = target.source.strip()
        for row in rows[len(data.targets):]:
            plan.targets.remove(row)
    return changed


def place_slug_text(data):
    place = data.area or (data.former_province.name_vi if data.former_province else data.province.name_vi)
    years = str(data.start_year) if data.start_year == data.end_year else f"{data.start_year}-{data.end_year}"
    return f"{place} {years}"


# --------------------------------------------------------------------------- officers' operations

def create_plan(*, actor, data, now, commit=True, submission=None):
    """A new plan entered by an officer (marked as created and edited by them); once per submitted form."""
    _require_officer(actor)
    validate_plan(data)
    _require_officer(actor, data.province.id)
    claim = submissions.claim(submission, "programme_plan")
    plan = ProgrammePlan(slug=unique_slug(ProgrammePlan, place_slug_text(data)), from_file=False,
                         start_year=data.start_year, end_year=data.end_year, document=data.document.strip(),
                         created_by=actor, edited_by=actor, edited_at=now, created_at=now, updated_at=now)
    db.session.add(plan)
    apply_plan(plan, data)
    db.session.flush()
    claim.done(plan.id)
    _finish(commit)
    return plan


def _refuse_file_plan(plan):
    if plan.from_file:
        raise DomainError(_l("Kế hoạch này được nạp từ tệp program_targets.json; hãy sửa tệp đó rồi chạy "
                             "“flask programme load-plans”."))


def update_plan(plan, *, actor, data, now, commit=True):
    """Change an officers' plan; the change is marked with who made it and when."""
    _require_officer(actor, plan.province_id)
    _refuse_file_plan(plan)
    validate_plan(data)
    _require_officer(actor, data.province.id)
    if apply_plan(plan, data):
        plan.edited_by, plan.edited_at, plan.updated_at = actor, now, now
    _finish(commit)
    return plan


def delete_plan(plan, *, actor, commit=True):
    _require_officer(actor, plan.province_id)
    _refuse_file_plan(plan)
    db.session.delete(plan)
    _finish(commit)


def _finish(commit):
    if commit:
        db.session.commit()
    else:
        db.session.flush()


# --------------------------------------------------------------------------- reading plans

def _plan_options():
    return (selectinload(ProgrammePlan.targets), selectinload(ProgrammePlan.province),
            selectinload(ProgrammePlan.former_province), selectinload(ProgrammePlan.edited_by))


def find_plan(slug):
    return db.session.execute(db.select(ProgrammePlan).where(ProgrammePlan.slug == slug)
                              .options(*_plan_options())).scalar_one_or_none()


def _plan_order(plan, year):
    current = plan.start_year <= year <= plan.end_year
    return (not current, -plan.end_year, -plan.start_year, plan.slug)


def plans_of_province(province, today):
    """The unit's plans: those covering this year first, then the most recent."""
    plans = db.session.execute(db.select(ProgrammePlan).where(ProgrammePlan.province_id == province.id)
                               .options(*_plan_options())).scalars().all()
    return sorted(plans, key=lambda p: _plan_order(p, today.year))


def all_plans(today):
    plans = db.session.execute(db.select(ProgrammePlan).options(*_plan_options())).scalars().all()
    return sorted(plans, key=lambda p: (p.province.name_ascii, _plan_order(p, today.year)))


# --------------------------------------------------------------------------- progress

def percent(actual, goal):
    """Whole per cent of `goal` reached (rounded down, so 100 % means reached); None when undefined."""
    if actual is None or goal is None or goal <= 0:
        return None
    return actual * 100 // goal


@dataclass(frozen=True)
class TargetProgress:
    target: ProgrammeTarget
    metric: Metric
    measure: Measure

    @property
    def actual(self):
        return self.measure.value if self.measure.measurable else None

    @property
    def percent(self):
        """Against the value, or against the minimum of a range ("at least")."""
        return percent(self.actual, self.target.goal)

    @property
    def percent_max(self):
        """Against the maximum of a range (None for other targets)."""
        return percent(self.actual, self.target.max_value) if self.target.max_value is not None else None

    @property
    def reached(self):
        """True or False when measured; None when it cannot be told."""
        if self.actual is None:
            return None
        return self.actual >= self.target.goal


@dataclass(frozen=True)
class Indicator:
    metric: Metric
    measure: Measure


@dataclass(frozen=True)
class PlanProgress:
    plan: ProgrammePlan
    scope: Scope
    targets: list
    indicators: list

    @property
    def measured(self):
        return [t for t in self.targets if t.actual is not None]

    @property
    def reached(self):
        return [t for t in self.targets if t.reached]

    @property
    def not_measurable(self):
        return [t for t in self.targets if not t.measure.measurable]


def plan_progress(plan, *, today: date, now, with_indicators=True, measures=measure):
    """Each target of `plan` with what the marketplace shows, and the other indicators of its scope.

    `measures(code, scope)` gives each Measure: computed now by default; the pages pass the
    stored figures' (programme.figures)."""
    scope = Scope.of_plan(plan, today, now)
    cache = {}

    def measured(code):
        if code not in cache:
            cache[code] = measures(code, scope)
        return cache[code]

    targets = [TargetProgress(t, metric_for(t.metric), measured(t.metric)) for t in plan.targets]
    indicators = [Indicator(metric_for(code), measured(code)) for code in INDICATORS] if with_indicators else []
    return PlanProgress(plan, scope, targets, indicators)


def indicators_for(province, *, start_year, end_year, today, now):
    """The marketplace's indicators for a whole unit over some years (the province page's "this year")."""
    scope = Scope.of_years(province, start_year, end_year, today, now)
    return [Indicator(metric_for(code), measure(code, scope)) for code in INDICATORS]
