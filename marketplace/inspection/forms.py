"""Forms of post-inspection and complaints (Flask-WTF: CSRF on each; a create form also
carries a one-time submission token, core.forms.SubmissionMixin). The services check again."""
from wtforms import (DateField, EmailField, IntegerField, RadioField, SelectChoice, SelectField, StringField,
                     TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from marketplace.core.forms import Form, SubmissionMixin
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.inspection.labels import COMPLAINT_KINDS, OUTCOMES
from marketplace.inspection.services import MAX_MESSAGE, MAX_TEXT, MIN_MESSAGE


class InspectionForm(SubmissionMixin, Form):
    inspected_on = DateField(_l("Ngày hậu kiểm"), validators=[InputRequired(_l("Cần ngày hậu kiểm."))])
    outcome = RadioField(_l("Kết quả"), choices=[SelectChoice(k.value, v) for k, v in OUTCOMES.items()],
                         validators=[InputRequired(_l("Hãy chọn kết quả."))])
    findings = TextAreaField(_l("Nhận xét, phát hiện (chủ thể sẽ đọc được)"), render_kw={"rows": 5},
                             validators=[DataRequired(_l("Cần ghi nhận xét.")), Length(max=MAX_TEXT)])
    decision_number = StringField(_l("Số quyết định hạ hạng hoặc thu hồi"),
                                  validators=[Optional(), Length(max=80)])
    new_stars = SelectField(_l("Hạng sao mới (khi hạ hạng)"), validators=[Optional()],
                            choices=[SelectChoice("", "—"), SelectChoice("4", "4 ★"), SelectChoice("3", "3 ★")])
    new_points = IntegerField(_l("Điểm đánh giá lại (khi hạ hạng)"),
                              validators=[Optional(), NumberRange(0, 100, _l("Điểm từ 0 đến 100."))])
    issuing_body = StringField(_l("Cơ quan ra quyết định hạ hạng"), validators=[Optional(), Length(max=200)])


class ComplaintForm(SubmissionMixin, Form):
    kind = SelectField(_l("Vấn đề"), choices=[SelectChoice(k.value, v) for k, v in COMPLAINT_KINDS.items()],
                       validators=[InputRequired(_l("Hãy chọn loại vấn đề."))])
    message = TextAreaField(_l("Mô tả"), render_kw={"rows": 4, "maxlength": MAX_MESSAGE}, validators=[
        DataRequired(_l("Hãy mô tả vấn đề.")),
        Length(min=MIN_MESSAGE, max=MAX_MESSAGE, message=_l("Mô tả từ %(min)d đến %(max)d ký tự."))])
    email = EmailField(_l("Email để nhận trả lời"), render_kw={"autocomplete": "email", "maxlength": 254},
                       validators=[Optional(), Length(max=254)])
    name = StringField(_l("Họ tên (không bắt buộc)"), render_kw={"autocomplete": "name", "maxlength": 120},
                       validators=[Optional(), Length(max=120)])


class ComplaintActionForm(Form):
    action = StringField(validators=[DataRequired()])  # the button pressed
    answer = TextAreaField(_l("Trả lời (gửi tới người phản ánh qua email)"), render_kw={"rows": 5},
                           validators=[Optional(), Length(max=MAX_TEXT)])
    note = TextAreaField(_l("Ghi chú khi đóng mà không trả lời (chỉ cán bộ đọc được)"), render_kw={"rows": 2},
                         validators=[Optional(), Length(max=500)])
