"""Council members' pages (/ocop/council): the rounds they sit on, each product's scoring
sheet, and the chair's "close scoring". A round the user does not sit on answers 404; a
member conflicted with a producer cannot open its products' sheets (403, with the reason).
"""
from flask import render_template, url_for
from flask_babel import gettext as _
from marketplace.core.i18n import lazy_gettext as _l
from flask_login import current_user, login_required
from marketplace.core.forms import Form, SubmissionMixin
from wtforms import IntegerField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange

from marketplace.core.errors import PermissionDenied
from marketplace.cycle import access, bp, queries
from marketplace.cycle.forms import ConfirmForm
from marketplace.cycle.models import EvaluationRound, RoundEntry
from marketplace.cycle.services import rounds as round_services
from marketplace.cycle.states import RoundStatus
from marketplace.cycle.views.common import confirmed, forbidden, get_or_404, status, submitted

bp.register_error_handler(PermissionDenied, forbidden)


def _seated_round(round_id):
    return get_or_404(EvaluationRound, round_id, lambda row: access.council_seat(current_user, row.id) is not None)


def scoring_form(sheet, score=None):
    """A form with one whole-number field per criterion of `sheet` (c<criterion id>), and the notes;
    its first sending creates the member's score, so it carries a one-time token (SubmissionMixin)."""
    fields = {}
    previous = {line.criterion_id: line.points for line in score.lines} if score is not None else {}
    for criterion in sheet.criteria:
        fields[f"c{criterion.id}"] = IntegerField(
            f"{criterion.code}. {criterion.text}", default=previous.get(criterion.id),
            validators=[InputRequired(message=_l("Vui lòng chấm tiêu chí này.")),
                        NumberRange(min=0, max=criterion.max_points,
                                    message=_l("Từ 0 đến %(max)s điểm.", max=criterion.max_points))],
            render_kw={"inputmode": "numeric", "min": 0, "max": criterion.max_points})
    fields["note"] = TextAreaField(_l("Nhận xét, điều sản phẩm cần cải thiện (chủ thể đọc được nếu dưới 50 điểm)"),
                                   default=score.note if score is not None else "",
                                   validators=[Length(max=5000)], render_kw={"rows": 4})
    fields["submit"] = SubmitField(_l("Lưu phiếu chấm"))
    return type("ScoringForm", (SubmissionMixin, Form), fields)()


@bp.get("/council/")
@login_required
def council():
    return render_template("cycle/council/home.html", seats=queries.seats(current_user))


@bp.get("/council/rounds/<int:round_id>")
@login_required
def council_round(round_id):
    item = _seated_round(round_id)
    mine = {score.entry_id: score for entry in item.entries for score in entry.scores
            if score.member_id == current_user.id}
    rows = [(entry, mine.get(entry.id), round_services.eligible(current_user.id, entry),
             queries.visible_scores(current_user, entry)) for entry in item.entries]
    chair = access.is_chair(current_user, item.id)
    return render_template("cycle/council/round.html", round=item, rows=rows, chair=chair, confirm=ConfirmForm(),
                           missing=round_services.missing_scores(item)
                           if chair and item.status == RoundStatus.SCORING else [])


@bp.route("/council/rounds/<int:round_id>/entries/<int:entry_id>", methods=["GET", "POST"])
@login_required
def score(round_id, entry_id):
    item = _seated_round(round_id)
    entry = get_or_404(RoundEntry, entry_id, lambda row: row.round_id == item.id)
    if not round_services.eligible(current_user.id, entry):
        raise PermissionDenied(_l("Bạn tham gia chủ thể của sản phẩm này nên không chấm điểm sản phẩm này."))
    own = next((s for s in entry.scores if s.member_id == current_user.id), None)
    form = scoring_form(entry.sheet, own)
    sent = submitted(form, lambda: round_services.submit_score(
        current_user, entry, points={c.id: form[f"c{c.id}"].data for c in entry.sheet.criteria},
        note=form.note.data or "", submission=form.submission_token),
        done=_("Đã lưu phiếu chấm “%(name)s”.", name=entry.dossier.product.name),
        to=url_for(".council_round", round_id=item.id))
    if sent:
        return sent
    return render_template("cycle/council/score.html", round=item, entry=entry, form=form, own=own,
                           scores=queries.visible_scores(current_user, entry)), status(form)


@bp.post("/council/rounds/<int:round_id>/close")
@login_required
def close(round_id):
    item = _seated_round(round_id)
    return confirmed(lambda: round_services.close_scoring(current_user, item),
                     done=_("Đã kết thúc chấm điểm; kết quả đã được tính và gửi cho các chủ thể."),
                     to=url_for(".council_round", round_id=item.id))
