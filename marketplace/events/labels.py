"""Human names of the events domain's kinds and states, in the page's language."""
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.events.models import ApplicationStatus, BoothSize, EventKind, EventStatus, RegistrationStatus

EVENT_KINDS = {
    EventKind.FAIR: _l("Hội chợ"),
    EventKind.EXHIBITION: _l("Triển lãm"),
    EventKind.OCOP_WEEK: _l("Tuần hàng OCOP"),
    EventKind.SHOWROOM_OPENING: _l("Khai trương điểm giới thiệu sản phẩm"),
    EventKind.LIVESTREAM: _l("Phiên bán hàng trực tuyến"),
    EventKind.B2B_SESSION: _l("Phiên kết nối giao thương"),
    EventKind.TRAINING: _l("Lớp tập huấn, đào tạo OCOP"),
}

EVENT_STATUSES = {
    EventStatus.DRAFT: _l("Bản nháp"),
    EventStatus.PUBLISHED: _l("Đã công bố"),
    EventStatus.POSTPONED: _l("Tạm hoãn"),
    EventStatus.CANCELLED: _l("Đã hủy"),
}

APPLICATION_STATUSES = {
    ApplicationStatus.SUBMITTED: _l("Chờ xét duyệt"),
    ApplicationStatus.ACCEPTED: _l("Được chấp nhận"),
    ApplicationStatus.REJECTED: _l("Bị từ chối"),
    ApplicationStatus.WAITLISTED: _l("Danh sách chờ"),
    ApplicationStatus.WITHDRAWN: _l("Đã rút"),
    ApplicationStatus.CANCELLED: _l("Đã hủy"),
}

REGISTRATION_STATUSES = {
    RegistrationStatus.CONFIRMED: _l("Đã xác nhận"),
    RegistrationStatus.WAITLISTED: _l("Danh sách chờ"),
    RegistrationStatus.CHECKED_IN: _l("Đã check-in"),
    RegistrationStatus.CANCELLED: _l("Đã hủy"),
}

BOOTH_SIZES = {
    BoothSize.STANDARD: _l("Tiêu chuẩn 3 × 3 m"),
    BoothSize.DOUBLE: _l("Đôi 3 × 6 m"),
    BoothSize.LARGE: _l("Lớn 6 × 6 m"),
}

_TABLES = {EventKind: EVENT_KINDS, EventStatus: EVENT_STATUSES, ApplicationStatus: APPLICATION_STATUSES,
           RegistrationStatus: REGISTRATION_STATUSES, BoothSize: BOOTH_SIZES}


def label(value):
    """The name of any kind or state above. (The enums are str-based and share values
    such as "cancelled", so the table is chosen by the value's class.)"""
    table = _TABLES.get(type(value))
    return table[value] if table is not None else value
