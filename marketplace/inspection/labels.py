"""Human names of post-inspection outcomes and of complaints' kinds and states."""
from marketplace.core.i18n import lazy_gettext as _l

from marketplace.inspection.models import ComplaintKind, ComplaintStatus, InspectionOutcome

OUTCOMES = {
    InspectionOutcome.MAINTAINED: _l("Giữ nguyên hạng"),
    InspectionOutcome.WARNING: _l("Nhắc nhở, yêu cầu khắc phục"),
    InspectionOutcome.DOWNGRADED: _l("Hạ hạng sao"),
    InspectionOutcome.REVOKED: _l("Thu hồi chứng nhận"),
}

COMPLAINT_KINDS = {
    ComplaintKind.OCOP_CLAIM: _l("Sao, chứng nhận OCOP không đúng"),
    ComplaintKind.QUALITY: _l("Chất lượng, an toàn thực phẩm, nhãn mác"),
    ComplaintKind.OTHER: _l("Vấn đề khác"),
}

COMPLAINT_STATUSES = {
    ComplaintStatus.NEW: _l("Mới"),
    ComplaintStatus.IN_REVIEW: _l("Đang xem xét"),
    ComplaintStatus.ANSWERED: _l("Đã trả lời"),
    ComplaintStatus.CLOSED: _l("Đã đóng"),
}

_TABLES = {InspectionOutcome: OUTCOMES, ComplaintKind: COMPLAINT_KINDS, ComplaintStatus: COMPLAINT_STATUSES}


def label(value):
    """The name of an outcome, a kind or a state (chosen by the value's class)."""
    table = _TABLES.get(type(value))
    return table[value] if table is not None else value
