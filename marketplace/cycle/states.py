"""The OCOP cycle's state machines: one enum of states per record, one table of allowed
moves, one function that moves (`Machine.move`), and InvalidTransition for any other move.

    idea      submitted ⇄ changes_requested; submitted → acknowledged | declined
    plan      submitted ⇄ changes_requested; submitted → accepted
    dossier   draft → submitted; submitted → returned | complete; returned → submitted;
              complete → evaluated (its round's scoring closed)
    round     open → scoring → closed
    entry     assigned → evaluated | proposed (≥ 90 points, to the central level);
              evaluated → recognised | not_recognised (the province's decision);
              proposed → recognised | not_recognised (the central result)
    guidance  draft → published ⇄ withdrawn
"""
import enum

from marketplace.core.i18n import lazy_gettext as _l

from marketplace.core.errors import InvalidTransition


class IdeaStatus(str, enum.Enum):
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    ACKNOWLEDGED = "acknowledged"
    DECLINED = "declined"


class PlanStatus(str, enum.Enum):
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    ACCEPTED = "accepted"


class DossierStatus(str, enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    COMPLETE = "complete"
    EVALUATED = "evaluated"


class RoundStatus(str, enum.Enum):
    OPEN = "open"
    SCORING = "scoring"
    CLOSED = "closed"


class EntryStatus(str, enum.Enum):
    ASSIGNED = "assigned"
    EVALUATED = "evaluated"
    PROPOSED = "proposed"
    RECOGNISED = "recognised"
    NOT_RECOGNISED = "not_recognised"


class GuidanceStatus(str, enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


LABELS = {
    "submitted": _l("Đã gửi, chờ xem xét"),
    "changes_requested": _l("Cần bổ sung, sửa đổi"),
    "acknowledged": _l("Đã tiếp nhận"),
    "declined": _l("Không tiếp nhận"),
    "accepted": _l("Đã chấp thuận"),
    "draft": _l("Nháp"),
    "returned": _l("Trả lại để bổ sung"),
    "complete": _l("Đầy đủ"),
    "evaluated": _l("Đã đánh giá"),
    "open": _l("Đang chuẩn bị"),
    "scoring": _l("Đang chấm điểm"),
    "closed": _l("Đã kết thúc chấm điểm"),
    "assigned": _l("Chờ chấm điểm"),
    "proposed": _l("Đề nghị cấp trung ương"),
    "recognised": _l("Được công nhận"),
    "not_recognised": _l("Không được công nhận"),
    "published": _l("Đã đăng"),
    "withdrawn": _l("Đã gỡ"),
}


def label(status):
    """The state's name for people (lazy, translated)."""
    value = getattr(status, "value", status)
    return LABELS.get(value, value)


class Machine:
    """One state machine: `move(record, to)` changes `record.status` or raises InvalidTransition."""

    def __init__(self, name, states, transitions):
        self.name, self.states, self.transitions = name, states, transitions
        assert set(transitions) == set(states), f"{name}: every state needs a row"

    def allows(self, current, to):
        return self.states(to) in self.transitions[self.states(current)]

    def move(self, record, to):
        """Move `record` to state `to`; returns the state it left."""
        current = record.status
        try:
            to = self.states(to)
        except ValueError:
            raise InvalidTransition(_l("Trạng thái không hợp lệ.")) from None
        if to not in self.transitions[current]:
            raise InvalidTransition(_l("Không thể chuyển %(what)s từ “%(src)s” sang “%(dst)s”.", what=self.name,
                                       src=label(current), dst=label(to)))
        record.status = to
        return current


I, P, D, R, E, G = IdeaStatus, PlanStatus, DossierStatus, RoundStatus, EntryStatus, GuidanceStatus

IDEA = Machine(_l("ý tưởng sản phẩm"), IdeaStatus, {
    I.SUBMITTED: {I.ACKNOWLEDGED, I.CHANGES_REQUESTED, I.DECLINED},
    I.CHANGES_REQUESTED: {I.SUBMITTED},
    I.ACKNOWLEDGED: set(),
    I.DECLINED: set(),
})

PLAN = Machine(_l("phương án sản xuất kinh doanh"), PlanStatus, {
    P.SUBMITTED: {P.ACCEPTED, P.CHANGES_REQUESTED},
    P.CHANGES_REQUESTED: {P.SUBMITTED},
    P.ACCEPTED: set(),
})

DOSSIER = Machine(_l("hồ sơ đánh giá"), DossierStatus, {
    D.DRAFT: {D.SUBMITTED},
    D.SUBMITTED: {D.RETURNED, D.COMPLETE},
    D.RETURNED: {D.SUBMITTED},
    D.COMPLETE: {D.EVALUATED},
    D.EVALUATED: set(),
})

ROUND = Machine(_l("đợt đánh giá"), RoundStatus, {
    R.OPEN: {R.SCORING},
    R.SCORING: {R.CLOSED},
    R.CLOSED: set(),
})

ENTRY = Machine(_l("sản phẩm trong đợt đánh giá"), EntryStatus, {
    E.ASSIGNED: {E.EVALUATED, E.PROPOSED},
    E.EVALUATED: {E.RECOGNISED, E.NOT_RECOGNISED},
    E.PROPOSED: {E.RECOGNISED, E.NOT_RECOGNISED},
    E.RECOGNISED: set(),
    E.NOT_RECOGNISED: set(),
})

GUIDANCE = Machine(_l("bài hướng dẫn"), GuidanceStatus, {
    G.DRAFT: {G.PUBLISHED},
    G.PUBLISHED: {G.WITHDRAWN},
    G.WITHDRAWN: {G.PUBLISHED},
})
