"""The officers' plan form (Flask-WTF: CSRF on every form) and how its numbers are read."""
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from wtforms import FieldList, FormField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from marketplace.core.forms import Form, IntegerField, SubForm, SubmissionMixin
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.inputs import DB_BIGINT_MAX, parse_int
from marketplace.programme.metrics import REGISTRY
from marketplace.programme.models import SHARE_SCALE, TargetUnit
from marketplace.programme.services import MAX_TARGETS, MAX_YEAR, MIN_YEAR

EMPTY_TARGET_ROWS = 3


def metric_choices():
    plans, indicators = _l("Chỉ tiêu trong kế hoạch"), _l("Số liệu của sàn")
    choices = [SelectChoice("", _l("— Không dùng dòng này —"))]
    for metric in REGISTRY.values():
        label = metric.label if metric.measurable else _l("%(label)s (sàn không đo được)", label=metric.label)
        choices.append(SelectChoice(metric.code, label, optgroup=plans if metric.in_plans else indicators))
    return choices


class TargetForm(SubForm):
    """One row of the plan: a metric, a value or a min–max range, and the sentence quoted from the plan."""

    metric = SelectField(_l("Chỉ tiêu"), validators=[Optional()])
    value = StringField(_l("Giá trị"), validators=[Length(max=30)])
    min_value = StringField(_l("Hoặc từ"), validators=[Length(max=30)])
    max_value = StringField(_l("đến"), validators=[Length(max=30)])
    source = TextAreaField(_l("Câu trích trong văn bản"), validators=[Length(max=1000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.metric.choices = metric_choices()


class PlanForm(SubmissionMixin, Form):
    province = SelectField(_l("Tỉnh, thành phố (hiện nay)"),
                           validators=[DataRequired(message=_l("Cần chọn tỉnh, thành phố."))])
    former_province = SelectField(_l("Tỉnh cũ (kế hoạch trước 1/7/2025)"), validators=[Optional()])
    area = StringField(_l("Địa bàn hẹp hơn (huyện, vùng), nếu có"), validators=[Length(max=200)])
    start_year = IntegerField(_l("Từ năm"), validators=[
        DataRequired(message=_l("Cần năm bắt đầu.")),
        NumberRange(min=MIN_YEAR, max=MAX_YEAR, message=_l("Năm không hợp lệ."))])
    end_year = IntegerField(_l("Đến năm"), validators=[
        DataRequired(message=_l("Cần năm kết thúc.")),
        NumberRange(min=MIN_YEAR, max=MAX_YEAR, message=_l("Năm không hợp lệ."))])
    document = StringField(_l("Văn bản (số, ngày ban hành)"), validators=[
        DataRequired(message=_l("Cần tên văn bản kế hoạch.")), Length(max=300)])
    targets = FieldList(FormField(TargetForm), min_entries=1, max_entries=MAX_TARGETS)
    submit = SubmitField(_l("Lưu kế hoạch"))


class ConfirmForm(Form):
    submit = SubmitField(_l("Xóa kế hoạch"))


def parse_figure(text, unit):
    """The stored integer for what an officer typed: a count, đồng, or a per cent (→ basis points).

    Accepts thousands separators ("3.600.000" or "3,600,000") for counts and đồng,
    and "40", "40%" or "37,5" for shares. Raises ValueError on anything else.
    """
    cleaned = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    unit = TargetUnit(unit)
    if unit is TargetUnit.SHARE:
        try:
            number = Decimal(cleaned.rstrip("%").replace(",", "."))
        except InvalidOperation:
            raise ValueError(text) from None
        if not number.is_finite() or number.adjusted() > 5:  # 1e999999 would overflow the arithmetic
            raise ValueError(text)
        return int((number * SHARE_SCALE / 100).to_integral_value(rounding=ROUND_HALF_UP))
    cleaned = cleaned.removesuffix("₫").removesuffix("đ").replace(".", "").replace(",", "")
    value = parse_int(cleaned, 0, DB_BIGINT_MAX)
    if value is None:
        raise ValueError(text)
    return value


def input_text(value, unit):
    """The inverse of parse_figure, to fill the form with a stored value."""
    if value is None:
        return ""
    if TargetUnit(unit) is TargetUnit.SHARE:
        text = format(Decimal(value) * 100 / SHARE_SCALE, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)
