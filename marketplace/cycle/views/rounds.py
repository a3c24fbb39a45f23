"""Officers' pages for evaluation rounds (/admin/ocop/rounds), scoring sheets and dossier
checklists. A round of another province answers 404."""
from flask import abort, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from marketplace.accounts import jurisdiction
from marketplace.catalog.models import Province
from marketplace.core.errors import ValidationError
from marketplace.core.facts import ocop_facts
from marketplace.core.timeutil import vn_today
from marketplace.cycle import access, officer_bp as bp, queries
from marketplace.cycle.provenance import place
from marketplace.cycle.forms import (AssignForm, CentralResultForm, ConfirmForm, MemberForm, RecognitionForm,
                                     RequirementForm, RoundForm, SheetForm)
from marketplace.cycle.models import (CouncilMember, Dossier, DossierRequirement, EvaluationRound, RoundEntry,
                                      ScoringSheet)
from marketplace.cycle.services import decisions, requirements, rounds as round_services, sheets
from marketplace.cycle.views.common import (MAX_ID, confirmed, file_bytes, get_or_404, ids, officer_required,
                                            status, submitted)
from marketplace.extensions import db


def _round(round_id):
    return get_or_404(EvaluationRound, round_id, lambda row: access.officer_covers(current_user, row.province_id))


def _provinces():
    query = jurisdiction.narrow(db.select(Province).order_by(Province.name_ascii), current_user, Province.id)
    return db.session.execute(query).scalars().all()


def _groups():
    name = "name_en" if getattr(g, "locale", "vi") == "en" else "name_vi"
    return [SelectChoice(str(group["code"]), f'{group["code"]}. {group[name]}') for group in ocop_facts()["groups"]]


@bp.route("/rounds", methods=["GET", "POST"])
@officer_required
def rounds():
    form = RoundForm()
    form.province.choices = [SelectChoice(p.slug, p.name_vi) for p in _provinces()]
    province = next((p for p in _provinces() if p.slug == form.province.data), None)
    sent = submitted(form, lambda: round_services.open_round(current_user, submission=form.submission_token,
                                                             province=province, name=form.name.data),
                     to=lambda item: url_for(".round_", round_id=item.id),
                     first=lambda round_id: url_for(".round_", round_id=round_id))
    return sent or (render_template("cycle/officer/rounds.html", rounds=queries.rounds(current_user), form=form),
                    status(form))


def _round_page(item, code=200, **forms):
    forms.setdefault("member_form", MemberForm(prefix="member"))
    assign_form = forms.setdefault("assign_form", AssignForm(prefix="assign"))
    candidates = round_services.assignable_dossiers(item)
    assign_form.dossiers.choices = [(d.id, f"{d.product.name} – {d.producer.name}") for d in candidates]
    decision_form = forms.setdefault("decision_form", RecognitionForm(prefix="decision"))
    recognisable = [entry for entry in item.entries if decisions.recognisable(entry)]
    decision_form.entries.choices = [(e.id, e.dossier.product.name) for e in recognisable]
    if not decision_form.is_submitted():
        decision_form.entries.data = [e.id for e in recognisable]
        decision_form.issuing_body.data = f"UBND {place(item.province)}"
    central_forms = {entry.id: CentralResultForm(prefix=f"central{entry.id}") for entry in item.entries
                     if entry.status.value == "proposed"}
    central_forms.update([forms.pop("central_form")] if "central_form" in forms else [])  # (entry id, sent form)
    return render_template("cycle/officer/round.html", round=item, confirm=ConfirmForm(), central_forms=central_forms,
                           missing=round_services.missing_scores(item) if item.status.value == "scoring" else [],
                           **forms), code


@bp.get("/rounds/<int:round_id>")
@officer_required
def round_(round_id):
    return _round_page(_round(round_id))


def _back(item, anchor=None):
    return url_for(".round_", round_id=item.id, _anchor=anchor)


@bp.post("/rounds/<int:round_id>/members")
@officer_required
def add_member(round_id):
    item = _round(round_id)
    form = MemberForm(prefix="member")
    return submitted(form, lambda: round_services.add_member(current_user, item, email=form.email.data,
                                                             role=form.role.data, submission=form.submission_token),
                     done=_("Đã thêm thành viên hội đồng."), to=_back(item, "council")
                     ) or _round_page(item, 400, member_form=form)


@bp.post("/rounds/<int:round_id>/members/<int:user_id>/remove")
@officer_required
def remove_member(round_id, user_id):
    item = _round(round_id)
    seat = db.session.get(CouncilMember, (item.id, user_id)) if 0 < user_id <= MAX_ID else None
    if seat is None:
        abort(404)
    return confirmed(lambda: round_services.remove_member(current_user, item, seat), to=_back(item, "council"))


@bp.post("/rounds/<int:round_id>/entries")
@officer_required
def assign(round_id):
    item = _round(round_id)
    form = AssignForm(prefix="assign")
    # The dossiers already in this round stay valid choices: the repeat of a sent form must reach the
    # service, which leads it to the first result (a new form naming them is refused there).
    form.dossiers.choices = [(d.id, d.product.name) for d in round_services.assignable_dossiers(item)] + [
        (entry.dossier_id, entry.dossier.product.name) for entry in item.entries]
    return submitted(form, lambda: round_services.assign(current_user, item, [
        get_or_404(Dossier, dossier_id) for dossier_id in ids(form.dossiers.data)],
        submission=form.submission_token),
        done=_("Đã đưa hồ sơ vào đợt đánh giá."), to=_back(item, "entries")) or _round_page(item, 400, assign_form=form)


@bp.post("/rounds/<int:round_id>/entries/<int:entry_id>/remove")
@officer_required
def unassign(round_id, entry_id):
    item = _round(round_id)
    entry = get_or_404(RoundEntry, entry_id, lambda row: row.round_id == item.id)
    return confirmed(lambda: round_services.unassign(current_user, entry), to=_back(item, "entries"))


@bp.post("/rounds/<int:round_id>/start")
@officer_required
def start(round_id):
    item = _round(round_id)
    return confirmed(lambda: round_services.start_scoring(current_user, item), to=_back(item),
                     done=_("Đã mở chấm điểm; các thành viên hội đồng được mời qua email."))


@bp.post("/rounds/<int:round_id>/decision")
@officer_required
def decision(round_id):
    item = _round(round_id)
    form = RecognitionForm(prefix="decision")
    # Every entry of the round is a valid choice here (the service says which may be recognised), so that
    # the repeat of a sent decision, whose entries are recognised by now, reaches the service.
    form.entries.choices = [(e.id, e.dossier.product.name) for e in item.entries]
    return submitted(form, lambda: decisions.record_decision(
        current_user, item, number=form.number.data, decided_on=form.decided_on.data, signer=form.signer.data,
        issuing_body=form.issuing_body.data, entry_ids=ids(form.entries.data), today=vn_today(),
        submission=form.submission_token),
        done=_("Đã ghi quyết định công nhận; sao OCOP hiển thị ngay trên trang sản phẩm."),
        to=_back(item, "results")) or _round_page(item, 400, decision_form=form)


@bp.post("/rounds/<int:round_id>/entries/<int:entry_id>/central")
@officer_required
def central(round_id, entry_id):
    item = _round(round_id)
    entry = get_or_404(RoundEntry, entry_id, lambda row: row.round_id == item.id)
    form = CentralResultForm(prefix=f"central{entry.id}")
    return submitted(form, lambda: decisions.record_central_result(
        current_user, entry, points=form.points.data, number=form.number.data, decided_on=form.decided_on.data,
        signer=form.signer.data, issuing_body=form.issuing_body.data, today=vn_today(),
        submission=form.submission_token),
        done=_("Đã ghi kết quả cấp trung ương."), to=_back(item, "results")) or _round_page(
        item, 400, central_form=(entry.id, form))


# --------------------------------------------------------------------------- sheets and checklists

def _national():
    return jurisdiction.province_scope(current_user) is jurisdiction.EVERYWHERE


@bp.route("/sheets", methods=["GET", "POST"])
@officer_required
def sheets_page():
    form = SheetForm()
    form.group.choices = _groups()

    def save():
        data = file_bytes(form.file, "MAX_CSV_BYTES")
        try:
            if data is None and not (form.text.data or "").strip():
                raise ValidationError(_("Chọn tệp CSV/JSON hoặc dán nội dung CSV."), field="text")
            specs, _name = sheets.parse(data if data is not None else form.text.data,
                                        form.file.data.filename if data is not None else "")
            return sheets.import_sheet(current_user, submission=form.submission_token, group_code=form.group.data,
                                       name=form.name.data, specs=specs)
        except ValidationError as error:
            if error.field == "criteria":  # the criteria came from the file or the text box
                error.field = "file" if data is not None else "text"
            raise
    sent = submitted(form, save, to=lambda sheet: url_for(".sheet", sheet_id=sheet.id), done=_("Đã lưu phiếu chấm."),
                     first=lambda sheet_id: url_for(".sheet", sheet_id=sheet_id))
    active = {group.value: sheets.active_sheet(int(group.value)) for group in form.group.choices}
    return sent or (render_template("cycle/officer/sheets.html", form=form, active=active, national=_national()),
                    status(form))


@bp.get("/sheets/<int:sheet_id>")
@officer_required
def sheet(sheet_id):
    return render_template("cycle/officer/sheet.html", sheet=get_or_404(ScoringSheet, sheet_id))


@bp.route("/requirements", methods=["GET", "POST"])
@officer_required
def requirements_page():
    form = RequirementForm()
    form.group.choices = _groups()
    sent = submitted(form, lambda: requirements.add_requirement(
        current_user, group_code=form.group.data, name_vi=form.name_vi.data, name_en=form.name_en.data or "",
        required=form.required.data, submission=form.submission_token),
        done=_("Đã thêm tài liệu vào danh mục hồ sơ."), to=url_for(".requirements_page"))
    if sent:
        return sent
    by_group = {choice.value: requirements.requirements_for(int(choice.value), active_only=False)
                for choice in form.group.choices}
    return render_template("cycle/officer/requirements.html", form=form, groups=form.group.choices, by_group=by_group,
                           confirm=ConfirmForm(), national=_national()), status(form)


@bp.post("/requirements/<int:requirement_id>/toggle")
@officer_required
def toggle_requirement(requirement_id):
    """The button says which state it wants (`active` 1 or 0), so that pressing it twice does not undo it."""
    requirement = get_or_404(DossierRequirement, requirement_id)
    wanted = request.form.get("active", "") == "1"
    return confirmed(lambda: requirements.set_active(current_user, requirement, wanted),
                     to=url_for(".requirements_page"))
