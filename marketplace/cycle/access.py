"""Who may act on which record of the cycle.

- A producer acts through `ProducerMember` (studio.access); an idea without a producer
  belongs to its applicant alone. Another person's idea, plan or dossier is "not found".
- An officer acts only on records of its province, or of any province when national
  (accounts.jurisdiction), and never on a producer it acts for itself.
- A council member acts for one round (`CouncilMember`), and does not score the products
  of a producer it acts for.
"""
from marketplace.core.i18n import lazy_gettext as _l

from marketplace.accounts import jurisdiction
from marketplace.catalog.models import ProducerMember
from marketplace.core.errors import PermissionDenied
from marketplace.cycle.models import CouncilMember, CouncilRole
from marketplace.extensions import db
from marketplace.studio.access import membership


def signed_in(user):
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def acts_for(user, producer_id):
    return signed_in(user) and producer_id is not None and membership(user, producer_id) is not None


def owns_idea(user, idea):
    """The applicant, or anyone acting for the idea's producer."""
    return signed_in(user) and (idea.applicant_id == user.id or acts_for(user, idea.producer_id))


def owns_plan(user, plan):
    return owns_idea(user, plan.idea)


def owns_dossier(user, dossier):
    return acts_for(user, dossier.producer_id)


def require(allowed, message=None):
    if not allowed:
        raise PermissionDenied(message or _l("Bạn không có quyền với hồ sơ này."))


def officer_covers(user, province_id):
    """An officer who may see records of this province (else the page answers 404)."""
    return jurisdiction.covers(user, province_id)


def require_officer(user, province_id, *, producer_id=None, applicant_id=None):
    """An officer of this province who is not deciding on its own producer or idea."""
    if not jurisdiction.is_officer(user):
        raise PermissionDenied(_l("Chỉ cán bộ chương trình OCOP mới làm được việc này."))
    if not jurisdiction.covers(user, province_id):
        raise PermissionDenied(_l("Hồ sơ này thuộc tỉnh, thành phố khác: bạn không xử lý được."))
    if (applicant_id is not None and applicant_id == user.id) or (
            producer_id is not None and db.session.get(ProducerMember, (producer_id, user.id)) is not None):
        raise PermissionDenied(_l("Bạn không thể xét hồ sơ của chủ thể mà chính mình tham gia."))


def require_national_officer(user):
    """Nation-wide data (scoring sheets, dossier checklists) is changed by national officers and admins."""
    if not jurisdiction.is_officer(user) or jurisdiction.province_scope(user) is not jurisdiction.EVERYWHERE:
        raise PermissionDenied(_l("Chỉ cán bộ cấp trung ương (không thuộc một tỉnh) mới sửa được dữ liệu dùng "
                                  "chung cả nước."))


def council_seat(user, round_id):
    """The user's seat in this round's council, or None."""
    if not signed_in(user):
        return None
    return db.session.get(CouncilMember, (round_id, user.id))


def is_chair(user, round_id):
    seat = council_seat(user, round_id)
    return seat is not None and seat.role == CouncilRole.CHAIR


def conflicted(user_id, producer_id):
    """A member who acts for the producer does not score its products."""
    return db.session.get(ProducerMember, (producer_id, user_id)) is not None
