"""Buyer organisations (companies, cooperatives, supermarkets, exporters) and the accounts
that act for them: created once per submitted form by their owner, edited by a member, members
added by the owner."""


from marketplace.accounts.access import require_confirmed
from marketplace.catalog.services import unique_slug
from marketplace.core import submissions
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.core.transactions import atomic
from marketplace.extensions import db
from marketplace.matching import access
from marketplace.matching.models import BuyerKind, BuyerMember, BuyerOrganisation
from marketplace.matching.services.inputs import clean_text, contact_details


def create_buyer_organisation(user, *, name, kind, province, address="", phone=None, email=None, tax_code=None,
                              description="", is_demo=False, submission=None):
    """A buyer organisation with `user` as its owner; once per submitted form."""
    if user is None or not getattr(user, "id", None):
        raise PermissionDenied(_l("Cần đăng nhập."))
    require_confirmed(user)
    name = clean_text(name, 200, "name", True, _l("Vui lòng nhập tên doanh nghiệp."))
    if province is None:
        raise ValidationError(_l("Cần chọn tỉnh, thành phố."), field="province")
    phone, email = contact_details(phone, email)
    with atomic():
        claim = submissions.claim(submission, "buyer_organisation")
        buyer = BuyerOrganisation(slug=unique_slug(BuyerOrganisation, name), name=name, kind=BuyerKind(kind),
                                  province=province, address=clean_text(address, 300, "address"), phone=phone,
                                  email=email, tax_code=clean_text(tax_code, 20, "tax_code") or None,
                                  description=(description or "").strip()[:5000], is_demo=is_demo)
        db.session.add(buyer)
        db.session.add(BuyerMember(buyer=buyer, user_id=user.id, is_owner=True))
        db.session.flush()
        claim.done(buyer.id)
    return buyer


def update_buyer_organisation(user, buyer, *, name, kind, province, address="", phone=None, email=None,
                              tax_code=None, description=""):
    access.require_buyer(user, buyer)
    name = clean_text(name, 200, "name", True, _l("Vui lòng nhập tên doanh nghiệp."))
    if province is None:
        raise ValidationError(_l("Cần chọn tỉnh, thành phố."), field="province")
    phone, email = contact_details(phone, email)
    with atomic():
        buyer.name, buyer.kind, buyer.province = name, BuyerKind(kind), province
        buyer.address, buyer.phone, buyer.email = clean_text(address, 300, "address"), phone, email
        buyer.tax_code = clean_text(tax_code, 20, "tax_code") or None
        buyer.description = (description or "").strip()[:5000]
        # The delivery province of its demands is theirs; nothing to restamp.
    return buyer


def add_buyer_member(owner, buyer, user):
    """The owner lets another account act for the organisation."""
    member = db.session.get(BuyerMember, (buyer.id, owner.id)) if owner is not None else None
    if member is None or not member.is_owner:
        raise PermissionDenied(_l("Chỉ chủ tài khoản doanh nghiệp mới thêm được thành viên."))
    with atomic():
        if db.session.get(BuyerMember, (buyer.id, user.id)) is None:
            db.session.add(BuyerMember(buyer=buyer, user_id=user.id, is_owner=False))
    return buyer
