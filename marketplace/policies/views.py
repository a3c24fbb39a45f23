"""/policies/<slug>: one policy page in the visitor's language; the footer's operator details."""
from dataclasses import dataclass

from flask import abort, current_app, g, render_template

from marketplace.core.i18n import lazy_gettext as _l
from marketplace.policies import bp

# slug -> title; the order is the footer's.
POLICIES = {
    "returns": _l("Chính sách đổi trả và hoàn tiền"),
    "privacy": _l("Chính sách bảo mật thông tin"),
    "shipping": _l("Chính sách vận chuyển"),
    "payment": _l("Chính sách thanh toán"),
    "terms": _l("Điều khoản sử dụng"),
}


@dataclass(frozen=True)
class Operator:
    name: str
    registration: str
    registration_issuer: str
    address: str
    email: str
    hotline: str
    hours: str

    @property
    def hotline_uri(self):
        """tel: link of the hotline (digits and a leading + only)."""
        digits = "".join(ch for ch in self.hotline if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""


def operator():
    config = current_app.config
    return Operator(name=config.get("OPERATOR_NAME", ""), registration=config.get("OPERATOR_REGISTRATION", ""),
                    registration_issuer=config.get("OPERATOR_REGISTRATION_ISSUER", ""),
                    address=config.get("OPERATOR_ADDRESS", ""), email=config.get("OPERATOR_EMAIL", ""),
                    hotline=config.get("OPERATOR_HOTLINE", ""), hours=config.get("OPERATOR_HOURS", ""))


@bp.app_context_processor
def _footer():
    return {"site_operator": operator, "policy_pages": POLICIES}


def _figures():
    """The settings the policies quote, so that they say what checkout applies."""
    config = current_app.config
    return {key: config.get(key) for key in (
        "SHIPPING_FEE_SAME_PROVINCE", "SHIPPING_FEE_SAME_REGION", "SHIPPING_FEE_ELSEWHERE", "SHIPPING_FREE_FROM",
        "RESERVATION_MINUTES_CARD", "RESERVATION_MINUTES_BANK_TRANSFER")}


@bp.get("/policies/<slug>")
def policy(slug):
    if slug not in POLICIES:
        abort(404)
    language = "en" if getattr(g, "locale", "vi") == "en" else "vi"
    return render_template(f"policies/{language}/{slug}.html", slug=slug, title=POLICIES[slug],
                           site=operator(), figures=_figures(), policies=POLICIES)
