"""The profile form of /account/ (Flask-WTF: CSRF)."""
from wtforms import SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from marketplace.core.forms import Form
from marketplace.core.i18n import lazy_gettext as _l


class ProfileForm(Form):
    full_name = StringField(_l("Họ và tên"), render_kw={"autocomplete": "name"}, validators=[DataRequired(message=_l("Vui lòng nhập họ tên.")),
                                                          Length(max=120)])
    phone = StringField(_l("Số điện thoại"), validators=[Length(max=20)])
    locale = SelectField(_l("Ngôn ngữ"), choices=[SelectChoice("vi", "Tiếng Việt"), SelectChoice("en", "English")],
                         default="vi")
    submit = SubmitField(_l("Lưu hồ sơ"))
