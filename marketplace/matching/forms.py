"""Forms of the matching pages (Flask-WTF: CSRF on every one)."""
from wtforms import (BooleanField, DateField, EmailField, HiddenField, RadioField, SelectChoice,
                     SelectField, StringField, SubmitField, TextAreaField)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, Regexp

from marketplace.accounts.forms import PHONE_PATTERN
from marketplace.catalog.models import Category
from marketplace.core.forms import Form, IdField, IntegerField, SubmissionMixin
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.events.forms import MultiCheckboxField
from marketplace.extensions import db
from marketplace.matching.models import BuyerKind, NotifyFrequency
from marketplace.matching.services.inputs import MAX_QUANTITY
from marketplace.matching.terms import CERTIFICATES, PERIOD_LABELS, RECURRENCE_LABELS, UNITS
from marketplace.studio.forms import MoneyField, province_choices

BUYER_KINDS = {
    BuyerKind.DISTRIBUTOR: _l("Nhà phân phối"),
    BuyerKind.SUPERMARKET: _l("Siêu thị, chuỗi bán lẻ"),
    BuyerKind.EXPORTER: _l("Doanh nghiệp xuất khẩu"),
    BuyerKind.RESTAURANT: _l("Nhà hàng, khách sạn, bếp ăn"),
    BuyerKind.PROCESSOR: _l("Cơ sở chế biến"),
    BuyerKind.OTHER: _l("Khác"),
}
MONTH_CHOICES = [SelectChoice(str(m), _l("Tháng %(m)s", m=m)) for m in range(1, 13)]


def category_choices(locale="vi"):
    """OCOP groups and, indented, their subcategories."""
    rows = db.session.execute(db.select(Category).order_by(Category.position, Category.id)).scalars().all()
    groups = [c for c in rows if c.parent_id is None]
    choices = [SelectChoice("", _l("— Chọn nhóm sản phẩm —"))]
    for group in sorted(groups, key=lambda g: (g.position, g.id)):
        name = group.name_en if locale == "en" else group.name_vi
        choices.append(SelectChoice(group.slug, name))
        for child in sorted((c for c in rows if c.parent_id == group.id), key=lambda c: (c.position, c.id)):
            choices.append(SelectChoice(child.slug, "— " + (child.name_en if locale == "en" else child.name_vi)))
    return choices


def unit_choices():
    return [SelectChoice(u.code, u.label) for u in UNITS.values()]


def certificate_choices():
    return [SelectChoice(c.code, c.label) for c in CERTIFICATES]


class BuyerForm(SubmissionMixin, Form):
    name = StringField(_l("Tên doanh nghiệp"), validators=[
        DataRequired(message=_l("Vui lòng nhập tên doanh nghiệp.")), Length(max=200)],
        render_kw={"autocomplete": "organization"})
    kind = SelectField(_l("Loại hình"), choices=[SelectChoice(k.value, v) for k, v in BUYER_KINDS.items()])
    province = SelectField(_l("Tỉnh, thành phố"), validators=[DataRequired(message=_l("Cần chọn tỉnh, thành phố."))])
    address = StringField(_l("Địa chỉ"), validators=[Length(max=300)], render_kw={"autocomplete": "street-address"})
    phone = StringField(_l("Số điện thoại"), validators=[
        Optional(), Regexp(PHONE_PATTERN, message=_l("Số điện thoại không hợp lệ (ví dụ 0912345678)."))])
    email = EmailField(_l("Email liên hệ"), validators=[
        Optional(), Email(message=_l("Email không hợp lệ."), check_deliverability=False), Length(max=254)])
    tax_code = StringField(_l("Mã số thuế"), validators=[Length(max=20)])
    description = TextAreaField(_l("Giới thiệu ngắn"), validators=[Length(max=5000)])
    submit = SubmitField(_l("Lưu hồ sơ doanh nghiệp"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.province.choices = province_choices()


class _PostFields(SubmissionMixin, Form):
    category = SelectField(_l("Nhóm sản phẩm"), validators=[DataRequired(message=_l("Cần chọn nhóm sản phẩm."))])
    description = TextAreaField(_l("Mô tả thêm (quy cách, chất lượng, đóng gói…)"), validators=[Length(max=5000)])
    quantity = IntegerField(_l("Số lượng"), maximum=MAX_QUANTITY, validators=[
        InputRequired(message=_l("Vui lòng nhập số lượng.")),
        NumberRange(min=1, max=10 ** 12, message=_l("Số lượng phải là số nguyên dương."))])
    unit = SelectField(_l("Đơn vị"), default="kg")
    certificates = MultiCheckboxField(_l("Chứng nhận"))
    expires_on = DateField(_l("Tin hết hạn ngày"), validators=[DataRequired(message=_l("Cần ngày hết hạn tin."))])

    def __init__(self, *args, locale="vi", **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = category_choices(locale)
        self.unit.choices = unit_choices()
        self.certificates.choices = certificate_choices()


class DemandForm(_PostFields):
    title = StringField(_l("Sản phẩm cần mua"), validators=[
        DataRequired(message=_l("Vui lòng nhập sản phẩm cần mua.")), Length(max=200)])
    recurrence = SelectField(_l("Tần suất"), choices=[SelectChoice(k.value, v) for k, v in RECURRENCE_LABELS.items()])
    target_price = MoneyField(_l("Giá mục tiêu mỗi đơn vị (đồng, để trống nếu chưa có)"))
    delivery_province = SelectField(_l("Tỉnh, thành phố nhận hàng"),
                                    validators=[DataRequired(message=_l("Cần chọn tỉnh, thành phố nhận hàng."))])
    wanted_from = DateField(_l("Nhận hàng từ ngày (không bắt buộc)"), validators=[Optional()])
    wanted_by = DateField(_l("Nhận hàng muộn nhất ngày"), validators=[DataRequired(message=_l("Cần thời hạn nhận hàng."))])
    min_stars = SelectField(_l("Hạng sao OCOP tối thiểu"), choices=[
        SelectChoice("", _l("Không yêu cầu")), SelectChoice("3", _l("3 sao trở lên")),
        SelectChoice("4", _l("4 sao trở lên")), SelectChoice("5", _l("5 sao"))])
    publish = BooleanField(_l("Đăng ngay (bỏ chọn để lưu nháp)"), default=True)
    submit = SubmitField(_l("Lưu nhu cầu"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.certificates.label.text = _l("Chứng nhận bắt buộc")
        self.delivery_province.choices = province_choices()


class OfferForm(_PostFields):
    title = StringField(_l("Sản phẩm chào bán"), validators=[
        DataRequired(message=_l("Vui lòng nhập sản phẩm chào bán.")), Length(max=200)])
    product = SelectField(_l("Liên kết với sản phẩm đang bán (để tính sao OCOP)"), coerce=int)
    period = SelectField(_l("Số lượng tính theo"), choices=[SelectChoice(k.value, v) for k, v in PERIOD_LABELS.items()],
                         default="month")
    min_order = IntegerField(_l("Đơn hàng tối thiểu (cùng đơn vị)"), default=0, maximum=MAX_QUANTITY, validators=[
        Optional(), NumberRange(min=0, max=10 ** 12, message=_l("Đơn hàng tối thiểu không hợp lệ."))])
    price_min = MoneyField(_l("Giá mỗi đơn vị (đồng)"), validators=[InputRequired(message=_l("Vui lòng nhập giá."))])
    price_max = MoneyField(_l("Giá cao nhất nếu là khoảng giá (đồng, không bắt buộc)"))
    season_months = MultiCheckboxField(_l("Mùa vụ: các tháng có hàng (để trống nếu quanh năm)"),
                                       choices=MONTH_CHOICES)
    delivers_nationwide = BooleanField(_l("Giao hàng toàn quốc"))
    delivery_provinces = MultiCheckboxField(_l("Hoặc giao đến các tỉnh, thành phố"))
    publish = BooleanField(_l("Đăng ngay (bỏ chọn để lưu nháp)"), default=True)
    submit = SubmitField(_l("Lưu tin chào bán"))

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.certificates.label.text = _l("Chứng nhận đang có")
        self.product.choices = [SelectChoice(0, _l("— Không liên kết —"))] + [
            SelectChoice(p.id, p.name) for p in products]
        self.delivery_provinces.choices = province_choices()[1:]


class StatusForm(Form):
    status = HiddenField(validators=[DataRequired()])


class ConnectForm(SubmissionMixin, Form):
    demand_id = IdField(validators=[DataRequired()])
    offer_id = IdField(validators=[DataRequired()])
    side = HiddenField(validators=[DataRequired()])
    message = TextAreaField(_l("Lời nhắn (không bắt buộc)"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Gửi yêu cầu kết nối"))


class AnswerForm(Form):
    answer = HiddenField(validators=[DataRequired()])


class ConfirmForm(Form):
    submit = SubmitField(_l("Xác nhận"))


class MessageForm(SubmissionMixin, Form):
    body = TextAreaField(_l("Tin nhắn"), validators=[DataRequired(message=_l("Tin nhắn trống.")), Length(max=4000)])
    submit = SubmitField(_l("Gửi tin nhắn"))


class SettingsForm(Form):
    frequency = RadioField(_l("Báo cho tôi khi có đối tác phù hợp mới"), choices=[
        SelectChoice(NotifyFrequency.IMMEDIATE.value, _l("Ngay khi có")),
        SelectChoice(NotifyFrequency.DAILY.value, _l("Bản tin mỗi ngày một lần")),
        SelectChoice(NotifyFrequency.NEVER.value, _l("Không gửi email"))])
    submit = SubmitField(_l("Lưu"))


class JoinForm(Form):
    slots = MultiCheckboxField(_l("Các khung giờ bạn có thể gặp"))
    submit = SubmitField(_l("Lưu"))


class MeetingRequestForm(SubmissionMixin, Form):
    buyer_id = IdField()
    producer_id = IdField()
    side = HiddenField(validators=[DataRequired()])
    note = StringField(_l("Nội dung muốn trao đổi (không bắt buộc)"), validators=[Length(max=500)])
    submit = SubmitField(_l("Xin gặp"))
