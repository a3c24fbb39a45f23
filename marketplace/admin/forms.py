"""Officers' decision form: the decision and, for a refusal, the reason the producer will read."""
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from marketplace.core.forms import Form
from marketplace.core.i18n import lazy_gettext as _l


class DecisionForm(Form):
    decision = StringField(validators=[DataRequired()])  # the button pressed; not rendered as a field
    reason = TextAreaField(_l("Lý do (bắt buộc khi từ chối, tạm ngừng hoặc thu hồi; chủ thể sẽ đọc được)"),
                           validators=[Length(max=500, message=_l("Lý do tối đa 500 ký tự."))],
                           render_kw={"rows": 3})
