"""The account menu of the header: one section per role the signed-in user holds.

Roles are not one column: a producer is anyone on a producer's team
(`ProducerMember`), a business buyer anyone in a buyer company (`BuyerMember`), a
council member anyone sitting on a scoring round (`CouncilMember`); organizers,
officers and admins are account roles. A user with several sees each section.
"""
from dataclasses import dataclass, field

from flask import url_for

from marketplace.accounts.jurisdiction import is_officer
from marketplace.accounts.models import Role
from marketplace.catalog.models import ProducerMember
from marketplace.core.i18n import lazy_gettext as _l
from marketplace.cycle.models import CouncilMember
from marketplace.extensions import db
from marketplace.matching.models import BuyerMember


@dataclass
class Link:
    label: str
    url: str


@dataclass
class Section:
    key: str  # personal, producer, organizer, buyer, officer, council
    title: str
    links: list = field(default_factory=list)


def _exists(query):
    return db.session.execute(query.limit(1)).first() is not None


def roles_of(user):
    """The set of section keys `user` is entitled to (always "personal" when signed in)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    roles = {"personal"}
    if user.role is Role.PRODUCER or _exists(db.select(ProducerMember.producer_id)
                                             .where(ProducerMember.user_id == user.id)):
        roles.add("producer")
    if user.role in (Role.ORGANIZER, Role.ADMIN):
        roles.add("organizer")
    if _exists(db.select(BuyerMember.buyer_id).where(BuyerMember.user_id == user.id)):
        roles.add("buyer")
    if is_officer(user):
        roles.add("officer")
    if _exists(db.select(CouncilMember.round_id).where(CouncilMember.user_id == user.id)):
        roles.add("council")
    return roles


def account_menu(user):
    """The sections of `user`'s account menu, in a fixed order; [] for a visitor."""
    roles = roles_of(user)
    if not roles:
        return []
    sections = [Section("personal", _l("Của tôi"), [
        Link(_l("Tài khoản của tôi"), url_for("myaccount.overview")),
        Link(_l("Đơn hàng của tôi"), url_for("orders.history")),
        Link(_l("Vé sự kiện của tôi"), url_for("myaccount.overview", _anchor="tickets")),
        Link(_l("Hồ sơ và mật khẩu"), url_for("myaccount.overview", _anchor="profile")),
    ])]
    if "producer" in roles:
        sections.append(Section("producer", _l("Chủ thể OCOP"), [
            Link(_l("Gian hàng của tôi"), url_for("studio.dashboard")),
            Link(_l("Đơn hàng cần giao"), url_for("orders.studio_shipments")),
            Link(_l("Đăng ký gian hàng hội chợ"), url_for("events.my_applications")),
            Link(_l("Chào bán sỉ"), url_for("matching.offers")),
            Link(_l("Kết nối với người mua"), url_for("matching.connections")),
        ]))
    if "organizer" in roles:
        sections.append(Section("organizer", _l("Đơn vị tổ chức"), [
            Link(_l("Khu vực tổ chức: sự kiện và điểm giới thiệu"), url_for("organizer.dashboard")),
            Link(_l("Tạo sự kiện mới"), url_for("organizer.new_event")),
        ]))
    if "buyer" in roles:
        sections.append(Section("buyer", _l("Doanh nghiệp thu mua"), [
            Link(_l("Nhu cầu thu mua"), url_for("matching.demands")),
            Link(_l("Kết nối với nhà cung cấp"), url_for("matching.connections")),
            Link(_l("Hồ sơ doanh nghiệp"), url_for("matching.buyer_profile")),
        ]))
    if "officer" in roles:
        sections.append(Section("officer", _l("Cán bộ chương trình OCOP"), [
            Link(_l("Xét duyệt"), url_for("admin.queue")),
            Link(_l("Hậu kiểm"), url_for("programme.post_inspection")),
            Link(_l("Phản ánh của người mua"), url_for("inspection.complaints")),
            Link(_l("Chu trình OCOP của tỉnh"), url_for("cycle_officer.dashboard")),
            Link(_l("Chuyển khoản chờ xác nhận"), url_for("orders.transfers")),
            Link(_l("Cán bộ và tập huấn"), url_for("training.roster")),
        ]))
    if "council" in roles:
        sections.append(Section("council", _l("Hội đồng đánh giá"), [
            Link(_l("Vòng chấm điểm của tôi"), url_for("cycle.council")),
        ]))
    return sections
