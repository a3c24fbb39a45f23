"""Studio forms (Flask-WTF: CSRF on every one). File fields check the extension and size;
the services then verify the content itself (core.uploads)."""
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import (DateField, EmailField, HiddenField, SelectChoice, SelectField, StringField,
                     SubmitField, TextAreaField, URLField)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, Regexp

from config import Config
from marketplace.accounts.forms import PHONE_PATTERN
from marketplace.catalog.models import Category, CertificationLevel, FormerProvince, Province
from marketplace.core.facts import ocop_facts
from marketplace.core.forms import Form, IMAGE_EXTENSIONS, IntegerField, SubmissionMixin, image_field
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.money import parse_vnd
from marketplace.extensions import db

DOCUMENT_EXTENSIONS = ["pdf", *IMAGE_EXTENSIONS]
_MB = 1024 * 1024


def _document_field(label, required=False):
    validators = [FileRequired(message=_l("Vui lòng chọn tệp."))] if required else []
    return FileField(label, validators=[
        *validators,
        FileAllowed(DOCUMENT_EXTENSIONS, message=_l("Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG, WebP.")),
        FileSize(Config.MAX_DOCUMENT_BYTES, message=_l("Tệp quá lớn: tối đa %(mb)s MB.",
                                                       mb=Config.MAX_DOCUMENT_BYTES // _MB))])


class MoneyField(StringField):
    """An amount in đồng; accepts 150000, 150.000, 150,000 ₫."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data in (None, ""):
            self.data = None
            return
        try:
            self.data = parse_vnd(self.data)
        except ValueError:
            self.data = None
            raise ValueError(_l("Giá không hợp lệ: ghi số đồng, ví dụ 150000 hoặc 150.000.")) from None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)


def province_choices():
    provinces = db.session.execute(db.select(Province).order_by(Province.name_ascii)).scalars().all()
    return [SelectChoice("", _l("— Chọn tỉnh, thành phố —"))] + [SelectChoice(p.slug, p.name_vi) for p in provinces]


def former_province_choices():
    rows = db.session.execute(
        db.select(FormerProvince).join(FormerProvince.province).order_by(Province.name_ascii, FormerProvince.position)
    ).scalars().all()
    return [SelectChoice("", _l("— Không —"))] + [
        SelectChoice(f.slug, _l("%(old)s (nay thuộc %(new)s)", old=f.name_vi, new=f.province.name_vi)) for f in rows]


def kind_choices(locale="vi"):
    return [SelectChoice(k["code"], k["name_en"] if locale == "en" else k["name_vi"])
            for k in ocop_facts()["producer_kinds"]]


class ProducerProfileForm(SubmissionMixin, Form):
    name = StringField(_l("Tên chủ thể (HTX, doanh nghiệp, hộ kinh doanh)"), validators=[
        DataRequired(message=_l("Vui lòng nhập tên chủ thể.")), Length(max=200)])
    kind = SelectField(_l("Loại chủ thể"), validators=[DataRequired()])
    province = SelectField(_l("Tỉnh, thành phố"), validators=[
        DataRequired(message=_l("Vui lòng chọn tỉnh, thành phố."))])
    former_province = SelectField(_l("Tỉnh cũ (trước 1/7/2025), nếu có"), validators=[Optional()])
    address = StringField(_l("Địa chỉ sản xuất"), validators=[
        DataRequired(message=_l("Vui lòng nhập địa chỉ.")), Length(max=300)])
    tax_code = StringField(_l("Mã số thuế / số đăng ký kinh doanh"), validators=[
        DataRequired(message=_l("Vui lòng nhập mã số thuế hoặc số đăng ký kinh doanh.")),
        Regexp(r"^[0-9A-Za-z./-]{6,20}$", message=_l("Mã số không hợp lệ (6–20 chữ số hoặc ký tự)."))])
    story = TextAreaField(_l("Câu chuyện sản phẩm (Markdown)"), validators=[Length(max=10_000)],
                          render_kw={"rows": 6})
    phone = StringField(_l("Số điện thoại liên hệ"), validators=[
        Optional(), Regexp(PHONE_PATTERN, message=_l("Số điện thoại không hợp lệ (ví dụ 0912345678)."))])
    email = EmailField(_l("Email liên hệ"), validators=[
        Optional(), Email(message=_l("Email không hợp lệ."), check_deliverability=False), Length(max=254)])
    website = URLField(_l("Website"), validators=[Optional(), Regexp(r"^https?://", message=_l(
        "Địa chỉ web cần bắt đầu bằng http:// hoặc https://")), Length(max=300)])
    logo = image_field(_l("Logo (JPEG, PNG hoặc WebP)"))
    registration_doc = _document_field(_l("Giấy chứng nhận đăng ký kinh doanh (PDF hoặc ảnh)"))
    submit = SubmitField(_l("Lưu hồ sơ"))

    def __init__(self, *args, locale="vi", **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = kind_choices(locale)
        self.province.choices = province_choices()
        self.former_province.choices = former_province_choices()


def category_choices(locale="vi"):
    groups = db.session.execute(
        db.select(Category).where(Category.parent_id.is_(None)).order_by(Category.position)).scalars().all()
    name = (lambda c: c.name_en) if locale == "en" else (lambda c: c.name_vi)
    return [SelectChoice(c.slug, name(c), optgroup=name(g)) for g in groups for c in (g.children or [g])]


class ProductForm(SubmissionMixin, Form):
    name = StringField(_l("Tên sản phẩm"), validators=[
        DataRequired(message=_l("Vui lòng nhập tên sản phẩm.")), Length(max=200)])
    category = SelectField(_l("Nhóm sản phẩm"), validators=[DataRequired(message=_l("Vui lòng chọn nhóm."))])
    price = MoneyField(_l("Giá bán (đồng)"), validators=[InputRequired(message=_l("Vui lòng nhập giá."))],
                       render_kw={"inputmode": "numeric", "placeholder": "150.000"})
    unit = StringField(_l("Đơn vị bán"), validators=[
        DataRequired(message=_l("Vui lòng nhập đơn vị bán.")), Length(max=60)],
        render_kw={"placeholder": _l("ví dụ: hộp 500 g, chai 750 ml")})
    stock = IntegerField(_l("Tồn kho"), default=0, validators=[
        InputRequired(message=_l("Vui lòng nhập tồn kho.")),
        NumberRange(min=0, max=1_000_000, message=_l("Tồn kho từ 0 đến 1.000.000."))],
        render_kw={"inputmode": "numeric", "min": 0})
    origin = StringField(_l("Xuất xứ (vùng nguyên liệu, nơi sản xuất)"), validators=[Length(max=200)])
    description = TextAreaField(_l("Mô tả (Markdown: **đậm**, *nghiêng*, danh sách - ...)"),
                                validators=[Length(max=20_000)], render_kw={"rows": 10})
    submit = SubmitField(_l("Lưu sản phẩm"))

    def __init__(self, *args, locale="vi", **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = category_choices(locale)


class PhotoForm(SubmissionMixin, Form):
    photo = image_field(_l("Ảnh sản phẩm (JPEG, PNG hoặc WebP, tối đa 8 MB)"), required=True)
    alt = StringField(_l("Mô tả ngắn của ảnh (cho người khiếm thị)"), validators=[Length(max=200)])
    submit = SubmitField(_l("Tải ảnh lên"))


class StatusForm(Form):
    status = HiddenField(validators=[DataRequired()])


class ConfirmForm(Form):
    """A button that changes something: only the CSRF token travels."""


class CertificationForm(SubmissionMixin, Form):
    stars = SelectField(_l("Hạng sao"), coerce=int, choices=[SelectChoice(str(n), f"{n} ★") for n in (3, 4, 5)],
                        validators=[InputRequired()])
    points = IntegerField(_l("Điểm đánh giá (trên 100)"), validators=[
        InputRequired(message=_l("Vui lòng nhập điểm.")),
        NumberRange(min=0, max=100, message=_l("Điểm từ 0 đến 100."))], render_kw={"inputmode": "numeric"})
    number = StringField(_l("Số quyết định / số giấy chứng nhận"), validators=[
        DataRequired(message=_l("Vui lòng nhập số quyết định.")), Length(max=80)],
        render_kw={"placeholder": "1234/QĐ-UBND"})
    issuing_body = StringField(_l("Cơ quan công nhận"), validators=[
        DataRequired(message=_l("Vui lòng nhập cơ quan công nhận.")), Length(max=200)],
        render_kw={"placeholder": _l("ví dụ: UBND tỉnh Lâm Đồng")})
    level = SelectField(_l("Cấp công nhận"), choices=[
        SelectChoice(CertificationLevel.PROVINCIAL.value, _l("Cấp tỉnh")),
        SelectChoice(CertificationLevel.CENTRAL.value, _l("Cấp trung ương")),
        SelectChoice(CertificationLevel.DISTRICT.value, _l("Cấp huyện (trước 1/7/2025)"))])
    decided_on = DateField(_l("Ngày quyết định"), validators=[
        InputRequired(message=_l("Vui lòng nhập ngày quyết định."))])
    expires_on = DateField(_l("Ngày hết hạn (để trống: 36 tháng sau ngày quyết định)"), validators=[Optional()])
    scan = _document_field(_l("Bản chụp giấy chứng nhận (PDF hoặc ảnh, tối đa 10 MB)"))
    submit = SubmitField(_l("Gửi để xác minh"))


class InviteForm(SubmissionMixin, Form):
    email = EmailField(_l("Email người được mời"), validators=[
        DataRequired(message=_l("Vui lòng nhập email.")),
        Email(message=_l("Email không hợp lệ."), check_deliverability=False), Length(max=254)])
    submit = SubmitField(_l("Gửi lời mời"))


class StockUploadForm(Form):
    file = FileField(_l("Tệp CSV"), validators=[
        FileRequired(message=_l("Vui lòng chọn tệp CSV.")),
        FileAllowed(["csv", "txt"], message=_l("Chỉ nhận tệp .csv.")),
        FileSize(Config.MAX_CSV_BYTES, message=_l("Tệp quá lớn: tối đa 1 MB."))])
    submit = SubmitField(_l("Xem trước thay đổi"))


class StockApplyForm(Form):
    token = HiddenField(validators=[DataRequired()])
    submit = SubmitField(_l("Áp dụng tất cả thay đổi"))


class AcceptInvitationForm(SubmissionMixin, Form):
    """The "accept" button of a team invitation (it creates a membership: once per submitted form)."""


class SwitchProducerForm(Form):
    producer_id = HiddenField(validators=[DataRequired()])
