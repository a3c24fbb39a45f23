"""Roster forms: add one official, import a CSV (each idempotent per submission), remove one."""
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from marketplace.core.forms import Form, SubmissionMixin
from marketplace.core.i18n import lazy_gettext as _l

MAX_CSV_BYTES = 1024 * 1024


class OfficialForm(SubmissionMixin, Form):
    full_name = StringField(_l("Họ tên"), validators=[DataRequired(_l("Cần họ tên.")), Length(max=120)],
                            render_kw={"autocomplete": "off"})
    email = EmailField(_l("Email (dùng để nhận ra cán bộ khi đăng ký lớp tập huấn)"),
                       validators=[DataRequired(_l("Cần email.")), Length(max=254)],
                       render_kw={"autocomplete": "off"})  # an official's address, not the officer's own
    position = StringField(_l("Chức vụ, cơ quan"), validators=[Optional(), Length(max=160)])
    former_province = SelectField(_l("Tỉnh cũ (trước 1/7/2025), nếu có"), validators=[Optional()])


class ImportForm(SubmissionMixin, Form):
    file = FileField(_l("Tệp CSV (UTF-8): ho_ten,email,chuc_vu,tinh_cu"), validators=[
        FileRequired(_l("Vui lòng chọn tệp.")), FileAllowed(["csv", "txt"], _l("Chỉ nhận tệp CSV.")),
        FileSize(MAX_CSV_BYTES, message=_l("Tệp quá lớn (tối đa 1 MB)."))])


class RemoveForm(Form):
    pass
