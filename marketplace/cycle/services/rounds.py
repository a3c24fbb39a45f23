"""Evaluation rounds and their councils.

The province opens a round, forms its council (accounts with a role for that round: one
chair, members), assigns complete dossiers and starts scoring. Each member scores each
product on its group's sheet — except the products of a producer the member acts for.
Members see only their own scores until the chair closes scoring; closing computes each
product's result (cycle.scoring): ≥ 90 points is proposed to the central level, below 50
the members' notes go to the producer.
"""
from marketplace.core.i18n import lazy_gettext as _l

from marketplace.accounts.services import find_user_by_email
from marketplace.core import submissions
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.timeutil import utcnow
from marketplace.cycle import access, files, notifications, queries
from marketplace.cycle.models import (CouncilMember, CouncilRole, Dossier, EvaluationRound, RoundEntry, Score,
                                      ScoreLine)
from marketplace.cycle.scoring import result_of
from marketplace.cycle.services.common import text
from marketplace.cycle.services.sheets import active_sheet
from marketplace.cycle.states import DOSSIER, ENTRY, ROUND, DossierStatus, EntryStatus, RoundStatus
from marketplace.extensions import db

MIN_COUNCIL = 3  # a chair and at least two members


def open_round(officer, *, province, name, submission=None):
    """A new round of the province. Like every create service of the cycle, once per submitted form
    (`submission`, core.submissions): claimed first, so a repeat raises AlreadySubmitted naming the
    first record instead of failing on what the first one changed ("already in the council")."""
    if province is None:
        raise ValidationError(_l("Vui lòng chọn tỉnh, thành phố."), field="province")
    access.require_officer(officer, province.id)
    name = text(name, "name", label=_l("tên đợt đánh giá"), maximum=200)
    with files.transaction():
        claim = submissions.claim(submission, "evaluation_round")
        round_ = EvaluationRound(province_id=province.id, name=name, status=RoundStatus.OPEN,
                                 created_by_id=officer.id)
        db.session.add(round_)
        db.session.flush()
        claim.done(round_.id)
    return round_


def _preparing(officer, round_):
    access.require_officer(officer, round_.province_id)
    if round_.status != RoundStatus.OPEN:
        raise InvalidTransition(_l("Hội đồng và danh sách sản phẩm chỉ thay đổi khi đợt đánh giá chưa bắt đầu chấm."))


def add_member(officer, round_, *, email, role=CouncilRole.MEMBER, submission=None):
    """Seat an existing account in the round's council (the chair, or a member); the repeat of a
    submitted form names the account seated (AlreadySubmitted.record_id: its user id)."""
    _preparing(officer, round_)
    role = CouncilRole(role)
    user = find_user_by_email(email or "")
    if user is None or not user.is_active:
        raise ValidationError(_l("Không có tài khoản nào với email này; thành viên cần có tài khoản trên sàn."),
                              field="email")
    with files.transaction():
        claim = submissions.claim(submission, "council_member")
        if db.session.get(CouncilMember, (round_.id, user.id)) is not None:
            raise ValidationError(_l("Người này đã ở trong hội đồng."), field="email")
        if role == CouncilRole.CHAIR and any(seat.role == CouncilRole.CHAIR for seat in round_.members):
            raise ValidationError(_l("Hội đồng đã có chủ tịch."), field="role")
        seat = CouncilMember(round=round_, user=user, role=role)
        db.session.add(seat)
        db.session.flush()
        claim.done(user.id)
    return seat


def remove_member(officer, round_, seat):
    _preparing(officer, round_)
    with files.transaction():
        db.session.delete(seat)


def assignable_dossiers(round_):
    """Complete dossiers of the round's province not yet in any round."""
    return db.session.execute(
        db.select(Dossier).where(Dossier.province_id == round_.province_id, Dossier.status == DossierStatus.COMPLETE,
                                 ~Dossier.entry.has()).order_by(Dossier.completed_at, Dossier.id)).scalars().all()


def assign(officer, round_, dossiers, *, submission=None):
    """Put complete dossiers of the province into the round, each with its group's active sheet.

    Several entries per form: the repeat of a submitted form names the round (AlreadySubmitted)."""
    _preparing(officer, round_)
    if not dossiers:
        raise ValidationError(_l("Chọn ít nhất một hồ sơ."), field="dossiers")
    with files.transaction():
        claim = submissions.claim(submission, "round_entries")
        for dossier in dossiers:
            if dossier.province_id != round_.province_id or dossier.status != DossierStatus.COMPLETE:
                raise ValidationError(_l("Chỉ đưa vào đợt các hồ sơ đầy đủ của tỉnh."), field="dossiers")
            if dossier.entry is not None:
                raise ValidationError(_l("Hồ sơ “%(name)s” đã ở trong một đợt đánh giá.", name=dossier.product.name),
                                      field="dossiers")
        sheets = {}
        for dossier in dossiers:
            sheet = sheets.setdefault(dossier.group_code, active_sheet(dossier.group_code))
            if sheet is None:
                raise ValidationError(_l("Chưa có phiếu chấm điểm cho nhóm của “%(name)s”.",
                                         name=dossier.product.name), field="dossiers")
        entries = [RoundEntry(round=round_, dossier=dossier, sheet=sheets[dossier.group_code],
                              status=EntryStatus.ASSIGNED) for dossier in dossiers]
        db.session.add_all(entries)
        db.session.flush()
        claim.done(round_.id)
    return entries


def unassign(officer, entry):
    _preparing(officer, entry.round)
    with files.transaction():
        db.session.delete(entry)


def eligible(seat_user_id, entry):
    return not access.conflicted(seat_user_id, entry.dossier.producer_id)


def start_scoring(officer, round_):
    """Open scoring: the council has a chair and at least three people, and there are products."""
    access.require_officer(officer, round_.province_id)
    chairs = [seat for seat in round_.members if seat.role == CouncilRole.CHAIR]
    if len(chairs) != 1 or len(round_.members) < MIN_COUNCIL:
        raise ValidationError(_l("Hội đồng cần một chủ tịch và ít nhất %(n)s người.", n=MIN_COUNCIL))
    if not round_.entries:
        raise ValidationError(_l("Đợt đánh giá chưa có sản phẩm nào."))
    for entry in round_.entries:
        if not any(eligible(seat.user_id, entry) for seat in round_.members):
            raise ValidationError(_l("Không thành viên nào chấm được “%(name)s” (xung đột lợi ích).",
                                     name=entry.dossier.product.name))
    with files.transaction():
        ROUND.move(round_, RoundStatus.SCORING)
        round_.scoring_started_at = utcnow()
        notifications.council_called(round_, round_.members)
    return round_


def submit_score(member, entry, *, points, note="", submission=None):
    """A member's score of one product: {criterion id: points}, every criterion within its maximum.

    Sending again (the page shown again) replaces the member's earlier score while scoring is
    open; the same form sent twice (`submission`) raises AlreadySubmitted instead, and two
    copies sent at once wait for each other rather than both inserting the first score.
    """
    round_ = entry.round
    if access.council_seat(member, round_.id) is None:
        raise PermissionDenied(_l("Bạn không ở trong hội đồng của đợt này."))
    if not eligible(member.id, entry):
        raise PermissionDenied(_l("Bạn tham gia chủ thể của sản phẩm này nên không chấm điểm sản phẩm này."))
    if round_.status != RoundStatus.SCORING:
        raise InvalidTransition(_l("Đợt đánh giá không ở giai đoạn chấm điểm."))
    note = text(note, "note", label=_l("nhận xét"), maximum=5000, required=False)
    lines, parts = {}, {}
    for criterion in entry.sheet.criteria:
        value = points.get(criterion.id)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= criterion.max_points:
            raise ValidationError(_l("Tiêu chí %(code)s: điểm từ 0 đến %(max)s.", code=criterion.code,
                                     max=criterion.max_points), field=f"c{criterion.id}")
        lines[criterion.id] = value
        parts[criterion.part] = parts.get(criterion.part, 0) + value
    with files.transaction():
        claim = submissions.claim(submission, "score")
        score = db.session.execute(db.select(Score).where(Score.entry_id == entry.id, Score.member_id == member.id)
                                   ).scalar_one_or_none()
        if score is None:
            score = Score(entry=entry, member_id=member.id)
            db.session.add(score)
        score.parts, score.total, score.note, score.submitted_at = parts, sum(lines.values()), note, utcnow()
        score.lines = [ScoreLine(criterion_id=criterion_id, points=value) for criterion_id, value in lines.items()]
        db.session.flush()
        claim.done(score.id)
    return score


def missing_scores(round_):
    """[(member, entry)] pairs still to score (conflicted pairs excluded)."""
    scored = {(score.member_id, score.entry_id) for entry in round_.entries for score in entry.scores}
    return [(seat.user, entry) for entry in round_.entries for seat in round_.members
            if eligible(seat.user_id, entry) and (seat.user_id, entry.id) not in scored]


def close_scoring(chair, round_):
    """The chair closes scoring: results computed, scores visible, producers told."""
    if not access.is_chair(chair, round_.id):
        raise PermissionDenied(_l("Chỉ chủ tịch hội đồng mới kết thúc chấm điểm."))
    if round_.status != RoundStatus.SCORING:
        raise InvalidTransition(_l("Đợt đánh giá không ở giai đoạn chấm điểm."))
    missing = missing_scores(round_)
    if missing:
        raise ValidationError(_l("Còn %(n)s phiếu chưa chấm: %(who)s.", n=len(missing), who="; ".join(
            f"{user.full_name} – {entry.dossier.product.name}" for user, entry in missing[:10])))
    now = utcnow()
    with files.transaction():
        ROUND.move(round_, RoundStatus.CLOSED)
        round_.closed_at, round_.closed_by_id = now, chair.id
        for entry in round_.entries:
            result = result_of(entry.scores)
            entry.scorers, entry.points, entry.average_x100 = result.scorers, result.points, result.average_x100
            entry.parts_x100, entry.stars = result.parts_x100, result.stars
            ENTRY.move(entry, EntryStatus.PROPOSED if result.proposed else EntryStatus.EVALUATED)
            if result.proposed:
                entry.proposed_at = now
            DOSSIER.move(entry.dossier, DossierStatus.EVALUATED)
            notifications.result_ready(entry, queries.producer_notes(entry))
    return round_
