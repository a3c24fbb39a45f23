"""Forms of the events pages (Flask-WTF: CSRF on every one)."""
from wtforms import (BooleanField, DateTimeLocalField, EmailField, HiddenField, RadioField,
                     SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from marketplace.core.forms import Form, IntegerField, SubmissionMixin, image_field
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.events.labels import BOOTH_SIZES, EVENT_KINDS
from marketplace.events.models import BoothSize, EventKind
from marketplace.events.lifecycle import MAX_BOOTHS, MAX_CAPACITY

PHONE_PATTERN = r"^(\+84|0)\d{9}$"
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class EventForm(SubmissionMixin, Form):
    kind = SelectField(_l("Loại sự kiện"), choices=[SelectChoice(k.value, v) for k, v in EVENT_KINDS.items()],
                       default=EventKind.FAIR.value)
    title = StringField(_l("Tên sự kiện"), validators=[DataRequired(message=_l("Vui lòng nhập tên sự kiện.")),
                                                       Length(max=200)])
    description = TextAreaField(_l("Giới thiệu"), validators=[Length(max=20_000)])
    venue = StringField(_l("Địa điểm"), validators=[Length(max=200)])
    # The venue's address, not the organizer's own: the browser offers nothing.
    address = StringField(_l("Địa chỉ"), validators=[Length(max=300)], render_kw={"autocomplete": "off"})
    province = SelectField(_l("Tỉnh, thành phố"), validators=[DataRequired(message=_l("Cần chọn tỉnh, thành phố."))])
    starts_at = DateTimeLocalField(_l("Bắt đầu (giờ Việt Nam)"), format=LOCAL_FORMAT,
                                   validators=[DataRequired(message=_l("Cần thời gian bắt đầu."))])
    ends_at = DateTimeLocalField(_l("Kết thúc (giờ Việt Nam)"), format=LOCAL_FORMAT,
                                 validators=[DataRequired(message=_l("Cần thời gian kết thúc."))])
    booth_count = IntegerField(_l("Số gian hàng"), default=0, validators=[
        Optional(), NumberRange(min=0, max=MAX_BOOTHS, message=_l("Số gian hàng phải từ 0 đến %(max)s."))])
    application_deadline = DateTimeLocalField(_l("Hạn đăng ký gian hàng (giờ Việt Nam)"), format=LOCAL_FORMAT,
                                              validators=[Optional()])
    visitor_capacity = IntegerField(_l("Số khách tham quan tối đa (để trống nếu không giới hạn)"), validators=[
        Optional(), NumberRange(min=0, max=MAX_CAPACITY, message=_l("Sức chứa không hợp lệ."))])
    cover = image_field(_l("Ảnh bìa (JPEG, PNG hoặc WebP)"))
    remove_cover = BooleanField(_l("Bỏ ảnh bìa hiện tại"))
    submit = SubmitField(_l("Lưu sự kiện"))


class EventStatusForm(Form):
    action = HiddenField(validators=[DataRequired()])
    reason = StringField(_l("Lý do"), validators=[Length(max=500)])
    new_starts_at = DateTimeLocalField(_l("Bắt đầu mới (giờ Việt Nam)"), format=LOCAL_FORMAT, validators=[Optional()])
    new_ends_at = DateTimeLocalField(_l("Kết thúc mới (giờ Việt Nam)"), format=LOCAL_FORMAT, validators=[Optional()])


class DecisionForm(Form):
    action = HiddenField(validators=[DataRequired()])
    reason = StringField(_l("Lý do"), validators=[Length(max=500)])


class ApplyForm(SubmissionMixin, Form):
    producer = SelectField(_l("Chủ thể OCOP"), coerce=int)
    products = MultiCheckboxField(_l("Sản phẩm sẽ trưng bày"), coerce=int)
    booth_size = RadioField(_l("Diện tích gian hàng"), choices=[SelectChoice(k.value, v) for k, v in BOOTH_SIZES.items()],
                            default=BoothSize.STANDARD.value)
    needs_power = BooleanField(_l("Cần nguồn điện"))
    note = TextAreaField(_l("Ghi chú cho ban tổ chức"), validators=[Length(max=1000)])
    submit = SubmitField(_l("Gửi đơn đăng ký"))


class VisitorForm(SubmissionMixin, Form):
    name = StringField(_l("Họ và tên"), validators=[DataRequired(message=_l("Vui lòng nhập họ tên.")),
                                                    Length(max=120)], render_kw={"autocomplete": "name"})
    email = EmailField(_l("Email"), validators=[Optional(), Email(message=_l("Email không hợp lệ."),
                                                                 check_deliverability=False), Length(max=254)])
    phone = StringField(_l("Số điện thoại"), validators=[
        Optional(), Regexp(PHONE_PATTERN, message=_l("Số điện thoại không hợp lệ (ví dụ 0912345678)."))])
    submit = SubmitField(_l("Đăng ký tham quan"))


class CheckInForm(Form):
    code = StringField(_l("Mã vé"), validators=[DataRequired(message=_l("Nhập mã vé.")), Length(max=300)])
    submit = SubmitField(_l("Check-in"))


class ConfirmForm(Form):
    """A button that changes something (cancel a ticket, withdraw an application...)."""
    submit = SubmitField(_l("Xác nhận"))


class ShowroomForm(SubmissionMixin, Form):
    name = StringField(_l("Tên điểm giới thiệu sản phẩm"), validators=[
        DataRequired(message=_l("Vui lòng nhập tên.")), Length(max=200)])
    description = TextAreaField(_l("Giới thiệu"), validators=[Length(max=20_000)])
    address = StringField(_l("Địa chỉ"), validators=[DataRequired(message=_l("Cần địa chỉ.")), Length(max=300)],
                          render_kw={"autocomplete": "off"})  # the showroom's, not the organizer's own
    province = SelectField(_l("Tỉnh, thành phố"), validators=[DataRequired(message=_l("Cần chọn tỉnh, thành phố."))])
    opening_hours = StringField(_l("Giờ mở cửa"), validators=[Length(max=300)])
    phone = StringField(_l("Số điện thoại"), validators=[
        Optional(), Regexp(PHONE_PATTERN, message=_l("Số điện thoại không hợp lệ (ví dụ 0912345678)."))])
    email = EmailField(_l("Email"), validators=[Optional(), Email(message=_l("Email không hợp lệ."),
                                                                 check_deliverability=False)])
    is_active = BooleanField(_l("Đang mở cửa"), default=True)
    photo = image_field(_l("Ảnh điểm giới thiệu (JPEG, PNG hoặc WebP)"))
    remove_photo = BooleanField(_l("Bỏ ảnh hiện tại"))
    submit = SubmitField(_l("Lưu"))


class StockForm(Form):
    product = StringField(_l("Mã sản phẩm (slug) hoặc đường dẫn trang sản phẩm"), validators=[
        DataRequired(message=_l("Nhập mã hoặc đường dẫn sản phẩm.")), Length(max=300)])
    submit = SubmitField(_l("Thêm sản phẩm"))


class FindTicketsForm(Form):
    """A guest's address, to have their tickets e-mailed again (events.lookup)."""
    email = EmailField(_l("Email đã dùng khi đăng ký"), validators=[
        DataRequired(message=_l("Vui lòng nhập email.")), Length(max=254)])
    submit = SubmitField(_l("Gửi lại vé vào email này"))
