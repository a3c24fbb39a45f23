"""Officers' forms: a decision (with, for a refusal, the reason the producer will read); an exception
to the certificate validity rule."""
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from marketplace.core.forms import Form
from marketplace.core.i18n import lazy_gettext as _l


class DecisionForm(Form):
    decision = StringField(validators=[DataRequired()])  # the button pressed; not rendered as a field
    reason = TextAreaField(_l("Lý do (bắt buộc khi từ chối, tạm ngừng hoặc thu hồi; chủ thể sẽ đọc được)"),
                           validators=[Length(max=500, message=_l("Lý do tối đa 500 ký tự."))],
                           render_kw={"rows": 3})


class ValidityExceptionForm(Form):
    """An expiry later than the usual validity, as printed on the certificate, and why it is accepted."""
    expires_on = DateField(_l("Hạn ghi trên giấy chứng nhận"),
                           validators=[DataRequired(message=_l("Cần ngày hết hạn ghi trên giấy chứng nhận."))])
    reason = TextAreaField(_l("Lý do chấp nhận ngoại lệ (ghi vào nhật ký)"),
                           validators=[DataRequired(message=_l("Cần nêu lý do của ngoại lệ.")),
                                       Length(max=500, message=_l("Lý do tối đa 500 ký tự."))],
                           render_kw={"rows": 2})
