"""Sign-up, sign-in and password forms (Flask-WTF: CSRF on every one)."""
from wtforms import BooleanField, EmailField, PasswordField, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, Regexp

from marketplace.accounts.models import Role
from marketplace.core.forms import Form
from marketplace.core.i18n import lazy_gettext as _l

PASSWORD_RULES = [DataRequired(message=_l("Vui lòng nhập mật khẩu.")),
                  Length(min=8, max=128, message=_l("Mật khẩu cần từ 8 đến 128 ký tự."))]
# Vietnamese phone numbers: 0 or +84, then 9 digits (mobile and landline after 2017).
PHONE_PATTERN = r"^(\+84|0)\d{9}$"
# A business buyer signs up as a consumer account and then creates its buyer organisation
# (matching.models.BuyerOrganisation): the choice only decides where the new account lands.
BUSINESS_BUYER = "business_buyer"


class RegisterForm(Form):
    full_name = StringField(_l("Họ và tên"), validators=[DataRequired(message=_l("Vui lòng nhập họ tên.")),
                                                          Length(max=120)], render_kw={"autocomplete": "name"})
    email = EmailField(_l("Email"), validators=[DataRequired(message=_l("Vui lòng nhập email.")),
                                                 Email(message=_l("Email không hợp lệ."), check_deliverability=False),
                                                 Length(max=254)])
    phone = StringField(_l("Số điện thoại"), validators=[
        Optional(), Regexp(PHONE_PATTERN, message=_l("Số điện thoại không hợp lệ (ví dụ 0912345678)."))])
    role = RadioField(_l("Tôi là"), default=Role.CONSUMER.value, choices=[
        SelectChoice(Role.CONSUMER.value, _l("Người mua")),
        SelectChoice(Role.PRODUCER.value, _l("Chủ thể OCOP (HTX, doanh nghiệp, hộ kinh doanh)")),
        SelectChoice(BUSINESS_BUYER, _l("Doanh nghiệp thu mua (nhà phân phối, siêu thị, xuất khẩu, nhà hàng)")),
        SelectChoice(Role.ORGANIZER.value, _l("Đơn vị tổ chức hội chợ, điểm giới thiệu sản phẩm")),
    ])
    password = PasswordField(_l("Mật khẩu"), validators=PASSWORD_RULES, render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Nhập lại mật khẩu"), validators=[
        EqualTo("password", message=_l("Hai mật khẩu không khớp."))], render_kw={"autocomplete": "new-password"})
    submit = SubmitField(_l("Đăng ký"))


class LoginForm(Form):
    email = EmailField(_l("Email"), validators=[DataRequired(message=_l("Vui lòng nhập email."))],
                       render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(message=_l("Vui lòng nhập mật khẩu."))],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Ghi nhớ đăng nhập"))
    submit = SubmitField(_l("Đăng nhập"))


class ResetPasswordForm(Form):
    """A new password, typed twice (the reset link's page)."""
    password = PasswordField(_l("Mật khẩu mới"), validators=PASSWORD_RULES, render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Nhập lại mật khẩu mới"), validators=[
        EqualTo("password", message=_l("Hai mật khẩu không khớp."))], render_kw={"autocomplete": "new-password"})
    submit = SubmitField(_l("Đặt mật khẩu mới"))


class ChangePasswordForm(ResetPasswordForm):
    """The same, knowing the current one (signed in)."""
    current = PasswordField(_l("Mật khẩu hiện tại"), validators=[DataRequired(message=_l("Vui lòng nhập mật khẩu."))],
                            render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Đổi mật khẩu"))


class LogoutForm(Form):
    submit = SubmitField(_l("Đăng xuất"))


class EmailForm(Form):
    """Password reset and "send the confirmation link again": just the address."""
    email = EmailField(_l("Email"), validators=[DataRequired(message=_l("Vui lòng nhập email.")),
                                                 Email(message=_l("Email không hợp lệ."), check_deliverability=False),
                                                 Length(max=254)])
    submit = SubmitField(_l("Gửi liên kết"))


class ConfirmForm(Form):
    """One button (POST with CSRF), so that a mail scanner opening a link changes nothing."""
    submit = SubmitField(_l("Xác nhận"))
