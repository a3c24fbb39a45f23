"""The cycle's forms (Flask-WTF: CSRF on every one).

Every form that creates a record is a `CreateForm` (core.forms.SubmissionMixin): its template
renders `{{ submission_field(form) }}` and the service claims the token (core.submissions), so
that the same form sent twice creates one record and the repeat leads to it.
"""
from marketplace.core.i18n import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import (BooleanField, DateField, EmailField, IntegerField, SelectField,
                     SelectMultipleField, StringField, SubmitField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from config import Config
from marketplace.core.forms import Form, SubmissionMixin
from marketplace.studio.forms import DOCUMENT_EXTENSIONS

_MB = 1024 * 1024


class CreateForm(SubmissionMixin, Form):
    """A form that creates a record: it carries the one-time token of the page it came from."""


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def document_field(label, required=False):
    validators = [FileRequired(message=_l("Vui lòng chọn tệp."))] if required else [Optional()]
    return FileField(label, validators=[
        *validators,
        FileAllowed(DOCUMENT_EXTENSIONS, message=_l("Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG, WebP.")),
        FileSize(Config.MAX_DOCUMENT_BYTES, message=_l("Tệp quá lớn: tối đa %(mb)s MB.",
                                                       mb=Config.MAX_DOCUMENT_BYTES // _MB))])


class ConfirmForm(Form):
    """A button that changes something: only the CSRF token travels."""


class DecisionForm(Form):
    decision = StringField()  # the button pressed; not rendered as a field
    reason = TextAreaField(_l("Lý do, hoặc nội dung cần bổ sung (chủ thể sẽ đọc được)"),
                           validators=[Length(max=1000, message=_l("Tối đa 1000 ký tự."))], render_kw={"rows": 3})


# --------------------------------------------------------------------------- producers

class IdeaEditForm(Form):
    """An idea's fields; sending back an idea the province returned changes it, creates nothing."""
    province = SelectField(_l("Đăng ký với tỉnh, thành phố"), validators=[Optional()])
    category = SelectField(_l("Nhóm sản phẩm OCOP"), validators=[DataRequired(message=_l("Vui lòng chọn nhóm."))])
    product_name = StringField(_l("Tên sản phẩm dự kiến"), validators=[
        DataRequired(message=_l("Vui lòng nhập tên sản phẩm.")), Length(max=200)])
    local_features = TextAreaField(_l("Nét riêng của địa phương (vì sao sản phẩm là của vùng này)"), validators=[
        DataRequired(message=_l("Vui lòng mô tả nét riêng của sản phẩm.")), Length(max=5000)], render_kw={"rows": 4})
    raw_materials = TextAreaField(_l("Nguyên liệu chính và nơi lấy nguyên liệu"), validators=[
        DataRequired(message=_l("Vui lòng ghi nguyên liệu và nguồn gốc.")), Length(max=5000)], render_kw={"rows": 4})


class IdeaForm(CreateForm, IdeaEditForm):
    submit = SubmitField(_l("Gửi ý tưởng cho tỉnh"))


class PlanEditForm(Form):
    """A plan's text, sent again after the province asked for changes (creates nothing)."""
    body = TextAreaField(_l("Phương án sản xuất kinh doanh (Markdown): thị trường, năng lực sản xuất, vốn, "
                            "lao động, tiến độ"), validators=[
        DataRequired(message=_l("Vui lòng nhập nội dung phương án.")), Length(max=50_000)], render_kw={"rows": 12})


class PlanForm(CreateForm, PlanEditForm):
    document_name = StringField(_l("Tên tài liệu kèm theo (nếu có)"), validators=[Length(max=200)])
    document = document_field(_l("Tài liệu kèm theo (PDF hoặc ảnh, tối đa 10 MB)"))
    submit = SubmitField(_l("Gửi phương án"))


class DocumentForm(CreateForm):
    name = StringField(_l("Tên tài liệu"), validators=[DataRequired(message=_l("Vui lòng nhập tên tài liệu.")),
                                                     Length(max=200)])
    file = document_field(_l("Tệp (PDF hoặc ảnh, tối đa 10 MB)"), required=True)
    submit = SubmitField(_l("Tải lên"))


class CommentForm(CreateForm):
    body = TextAreaField(_l("Ý kiến"), validators=[DataRequired(message=_l("Vui lòng nhập ý kiến.")),
                                                   Length(max=5000)], render_kw={"rows": 3})
    submit = SubmitField(_l("Gửi ý kiến"))


class MilestoneForm(CreateForm):
    title = StringField(_l("Mốc triển khai"), validators=[DataRequired(message=_l("Vui lòng nhập tên mốc.")),
                                                         Length(max=200)])
    planned_on = DateField(_l("Ngày dự kiến"), validators=[InputRequired(message=_l("Vui lòng nhập ngày dự kiến."))])
    note = TextAreaField(_l("Ghi chú"), validators=[Length(max=2000)], render_kw={"rows": 2})
    submit = SubmitField(_l("Thêm mốc"))


class MilestoneDoneForm(Form):
    done_on = DateField(_l("Ngày hoàn thành"), validators=[InputRequired(message=_l("Vui lòng nhập ngày."))])
    note = StringField(_l("Kết quả"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Báo đã xong"))


class DossierStartForm(CreateForm):
    source = SelectField(_l("Hồ sơ cho sản phẩm"), validators=[DataRequired(message=_l("Vui lòng chọn sản phẩm."))])
    unit = StringField(_l("Đơn vị bán (với sản phẩm mới)"), validators=[Length(max=60)],
                       render_kw={"placeholder": _l("ví dụ: hộp 500 g, chai 750 ml")})
    submit = SubmitField(_l("Lập hồ sơ"))


class ItemUploadForm(Form):
    file = document_field(_l("Tệp (PDF hoặc ảnh, tối đa 10 MB)"), required=True)


# --------------------------------------------------------------------------- officers

class DossierReturnForm(Form):
    flagged = MultiCheckboxField(_l("Tài liệu còn thiếu hoặc chưa đạt"), coerce=int, validate_choice=True)
    note = TextAreaField(_l("Ghi chú cho chủ thể"), validators=[Length(max=2000)], render_kw={"rows": 3})


class RoundForm(CreateForm):
    province = SelectField(_l("Tỉnh, thành phố"), validators=[DataRequired(message=_l("Vui lòng chọn tỉnh."))])
    name = StringField(_l("Tên đợt đánh giá"), validators=[DataRequired(message=_l("Vui lòng nhập tên đợt.")),
                                                          Length(max=200)],
                       render_kw={"placeholder": _l("ví dụ: Đợt 2 năm 2026")})
    submit = SubmitField(_l("Mở đợt đánh giá"))


class MemberForm(CreateForm):
    email = EmailField(_l("Email tài khoản của thành viên"), validators=[
        DataRequired(message=_l("Vui lòng nhập email.")),
        Email(message=_l("Email không hợp lệ."), check_deliverability=False), Length(max=254)],
        render_kw={"autocomplete": "off"})  # someone else's address
    role = SelectField(_l("Vai trò"), choices=[SelectChoice("member", _l("Thành viên")),
                                               SelectChoice("chair", _l("Chủ tịch hội đồng"))])
    submit = SubmitField(_l("Thêm vào hội đồng"))


class AssignForm(CreateForm):
    dossiers = MultiCheckboxField(_l("Hồ sơ đầy đủ"), coerce=int)
    submit = SubmitField(_l("Đưa vào đợt đánh giá"))


class _DecisionFields(Form):
    number = StringField(_l("Số quyết định"), validators=[DataRequired(message=_l("Vui lòng nhập số quyết định.")),
                                                         Length(max=80)], render_kw={"placeholder": "1234/QĐ-UBND"})
    decided_on = DateField(_l("Ngày quyết định"), validators=[InputRequired(message=_l("Vui lòng nhập ngày."))])
    signer = StringField(_l("Người ký"), validators=[DataRequired(message=_l("Vui lòng nhập người ký.")),
                                                    Length(max=200)])
    issuing_body = StringField(_l("Cơ quan ban hành"), validators=[
        DataRequired(message=_l("Vui lòng nhập cơ quan ban hành.")), Length(max=200)])


class RecognitionForm(CreateForm, _DecisionFields):
    entries = MultiCheckboxField(_l("Sản phẩm được công nhận"), coerce=int)
    submit = SubmitField(_l("Ghi quyết định công nhận"))


class CentralResultForm(CreateForm, _DecisionFields):
    points = IntegerField(_l("Điểm của hội đồng cấp trung ương"), validators=[
        InputRequired(message=_l("Vui lòng nhập điểm.")), NumberRange(min=0, max=100, message=_l("Điểm từ 0 đến 100."))])
    submit = SubmitField(_l("Ghi kết quả cấp trung ương"))


class SheetForm(CreateForm):
    group = SelectField(_l("Nhóm sản phẩm"), coerce=int)
    name = StringField(_l("Tên phiếu chấm"), validators=[DataRequired(message=_l("Vui lòng nhập tên phiếu.")),
                                                        Length(max=200)])
    file = FileField(_l("Tệp CSV hoặc JSON"), validators=[Optional(), FileAllowed(["csv", "json", "txt"], message=_l(
        "Chỉ nhận tệp .csv hoặc .json.")), FileSize(Config.MAX_CSV_BYTES, message=_l("Tệp quá lớn: tối đa 1 MB."))])
    text = TextAreaField(_l("Hoặc dán nội dung CSV (part,code,criterion,max_points)"),
                         validators=[Length(max=200_000)], render_kw={"rows": 10})
    submit = SubmitField(_l("Lưu phiếu chấm"))


class RequirementForm(CreateForm):
    group = SelectField(_l("Nhóm sản phẩm"), coerce=int)
    name_vi = StringField(_l("Tên tài liệu"), validators=[DataRequired(message=_l("Vui lòng nhập tên.")),
                                                         Length(max=200)])
    name_en = StringField(_l("Tên tiếng Anh"), validators=[Length(max=200)])
    required = BooleanField(_l("Bắt buộc"), default=True)
    submit = SubmitField(_l("Thêm tài liệu"))


class GuidanceEditForm(Form):
    """A post's fields but its place: a post stays where it was written (editing creates nothing)."""
    kind = SelectField(_l("Loại bài"), choices=[SelectChoice("guidance", _l("Hướng dẫn")),
                                                SelectChoice("news", _l("Tin tức")),
                                                SelectChoice("document", _l("Văn bản"))])
    title = StringField(_l("Tiêu đề"), validators=[DataRequired(message=_l("Vui lòng nhập tiêu đề.")),
                                                  Length(max=200)])
    body = TextAreaField(_l("Nội dung (Markdown)"), validators=[DataRequired(message=_l("Vui lòng nhập nội dung.")),
                                                                Length(max=50_000)], render_kw={"rows": 12})
    submit = SubmitField(_l("Lưu bài"))


class GuidanceForm(CreateForm, GuidanceEditForm):
    province = SelectField(_l("Áp dụng cho"))


class AttachmentForm(CreateForm):
    name = StringField(_l("Tên tài liệu"), validators=[DataRequired(message=_l("Vui lòng nhập tên tài liệu.")),
                                                     Length(max=200)])
    file = document_field(_l("Tệp (PDF hoặc ảnh, tối đa 10 MB)"), required=True)
    submit = SubmitField(_l("Đính kèm"))
