"""Cart, checkout, fulfilment and review forms (Flask-WTF: CSRF on every one)."""
from wtforms import (BooleanField, DateField, EmailField, HiddenField, RadioField, SelectChoice, SelectField,
                     StringField, TelField, TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from marketplace.catalog.models import Province
from marketplace.core.forms import Form, IdField, IntegerField, SubmissionMixin
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.extensions import db
from marketplace.orders.bookings import MAX_PEOPLE
from marketplace.orders.models import ServiceCount
from marketplace.orders.cart import MAX_LINE_QUANTITY
from marketplace.orders.state import method_label


class AddToCartForm(SubmissionMixin, Form):
    product_id = IdField(validators=[DataRequired()])
    quantity = IntegerField(_l("Số lượng"), default=1, validators=[
        InputRequired(message=_l("Nhập số lượng.")),
        NumberRange(min=1, max=MAX_LINE_QUANTITY, message=_l("Số lượng từ 1 đến %(max)s.", max=MAX_LINE_QUANTITY))])


class CartLineForm(Form):
    product_id = IdField(validators=[DataRequired()])
    quantity = IntegerField(_l("Số lượng"), validators=[
        InputRequired(message=_l("Nhập số lượng.")),
        NumberRange(min=0, max=MAX_LINE_QUANTITY, message=_l("Số lượng từ 0 đến %(max)s.", max=MAX_LINE_QUANTITY))])


class ConfirmForm(Form):
    """A button that changes something: only the CSRF token travels."""


class CardPaymentForm(SubmissionMixin, Form):
    """The card form's request (sent by its script): the Stripe payment method and the attempt's token."""

    payment_method = HiddenField()


def province_choices():
    provinces = db.session.execute(db.select(Province).order_by(Province.name_ascii)).scalars().all()
    return [SelectChoice("", _l("— Chọn tỉnh, thành phố —"))] + [SelectChoice(p.slug, p.name_vi) for p in provinces]


class CheckoutForm(SubmissionMixin, Form):
    name = StringField(_l("Họ tên người nhận"), validators=[DataRequired(message=_l("Vui lòng nhập họ tên.")),
                                                           Length(max=120)], render_kw={"autocomplete": "name"})
    phone = TelField(_l("Số điện thoại"), validators=[DataRequired(message=_l("Vui lòng nhập số điện thoại.")),
                                                     Length(max=20)])
    email = EmailField(_l("Email"), validators=[DataRequired(message=_l("Vui lòng nhập email.")), Length(max=254)])
    province = SelectField(_l("Tỉnh, thành phố"), validators=[DataRequired(message=_l("Vui lòng chọn tỉnh, thành phố."))],
                           render_kw={"autocomplete": "address-level1"})
    ward = StringField(_l("Phường, xã"), validators=[DataRequired(message=_l("Vui lòng nhập phường, xã.")),
                                                   Length(max=120)], render_kw={"autocomplete": "address-level2"})
    street = StringField(_l("Số nhà, đường, thôn/ấp"), validators=[
        DataRequired(message=_l("Vui lòng nhập địa chỉ.")), Length(max=300)],
        render_kw={"autocomplete": "address-line1"})
    note = TextAreaField(_l("Ghi chú cho người bán (không bắt buộc)"), validators=[Optional(), Length(max=500)])
    payment_method = RadioField(_l("Cách thanh toán"), validators=[
        DataRequired(message=_l("Vui lòng chọn cách thanh toán."))])
    expected_total = HiddenField()

    ADDRESS_FIELDS = ("province", "ward", "street")

    def __init__(self, *args, methods=(), needs_address=True, services=False, **kwargs):
        """`needs_address`: the cart has goods to ship (a cart of services only asks for no address);
        `services`: it has services, whose cash is paid on arrival."""
        super().__init__(*args, **kwargs)
        self.province.choices = province_choices()
        self.payment_method.choices = [SelectChoice(m.value, method_label(m, goods=needs_address, services=services))
                                       for m in methods]
        if not needs_address:
            for name in self.ADDRESS_FIELDS:
                self[name].validators = [Optional()]
                self[name].flags.required = False


class ShipForm(Form):
    carrier = StringField(_l("Đơn vị vận chuyển"), validators=[
        DataRequired(message=_l("Nhập đơn vị vận chuyển.")), Length(max=80)])
    tracking_number = StringField(_l("Mã vận đơn"), validators=[
        DataRequired(message=_l("Nhập mã vận đơn.")), Length(max=80)])


class CancelShipmentForm(Form):
    reason = StringField(_l("Lý do hủy"), validators=[DataRequired(message=_l("Nhập lý do hủy.")), Length(max=300)])


class ReviewForm(SubmissionMixin, Form):
    product_id = IdField(validators=[DataRequired()])
    rating = SelectField(_l("Chấm điểm"), default="5",
                         choices=[SelectChoice(str(n), "★" * n + "☆" * (5 - n)) for n in (5, 4, 3, 2, 1)])
    body = TextAreaField(_l("Nhận xét"), validators=[DataRequired(message=_l("Hãy viết vài lời nhận xét.")),
                                                    Length(min=5, max=2000)])


# --- services: booking a date --------------------------------------------------------

class BookingForm(SubmissionMixin, Form):
    """The product page's booking form of a service: a date (and a departure date for nights),
    guests, and places when the capacity counts units (rooms, boats)."""

    product_id = IdField(validators=[DataRequired()])
    starts_on = DateField(_l("Ngày sử dụng"), validators=[InputRequired(message=_l("Vui lòng chọn ngày."))])
    ends_on = DateField(_l("Ngày trả phòng"), validators=[Optional()])
    people = IntegerField(_l("Số người"), default=2, validators=[
        InputRequired(message=_l("Nhập số người.")),
        NumberRange(min=1, max=MAX_PEOPLE, message=_l("Số người từ 1 đến %(n)s.", n=MAX_PEOPLE))])
    quantity = IntegerField(_l("Số phòng, chỗ"), default=1, validators=[
        Optional(), NumberRange(min=1, max=MAX_PEOPLE, message=_l("Số phòng, chỗ từ 1 đến %(n)s.", n=MAX_PEOPLE))])

    def __init__(self, *args, terms=None, **kwargs):
        super().__init__(*args, **kwargs)
        if terms is not None and terms.by_night:
            self.starts_on.label.text = _l("Ngày nhận phòng")
            self.ends_on.validators = [InputRequired(message=_l("Vui lòng chọn ngày trả phòng."))]


class RemoveBookingForm(Form):
    product_id = IdField(validators=[DataRequired()])
    starts_on = HiddenField(validators=[DataRequired()])


class BookingReasonForm(Form):
    reason = StringField(_l("Lý do"), validators=[DataRequired(message=_l("Nhập lý do để người mua được biết.")),
                                                  Length(max=300)])


class ServiceTermsForm(Form):
    counts = RadioField(_l("Sức chứa mỗi ngày tính theo"), default=ServiceCount.PEOPLE.value, choices=[
        SelectChoice(ServiceCount.PEOPLE.value, _l("Số người (khách)")),
        SelectChoice(ServiceCount.UNITS.value, _l("Số phòng, chỗ, thuyền… (mỗi đơn vị nhận nhiều khách)"))],
        validators=[DataRequired(message=_l("Chọn sức chứa tính theo người hay theo phòng, chỗ."))])
    by_night = BooleanField(_l("Đặt theo đêm (ngày nhận phòng và ngày trả phòng)"))


class ServiceDayForm(Form):
    day = DateField(_l("Ngày"), validators=[InputRequired(message=_l("Vui lòng chọn ngày."))])
