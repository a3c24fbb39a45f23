"""What the cycle tells people by e-mail (Vietnamese text from templates/email/cycle_*.txt).

Services call these inside their transaction; `studio.notifications.dispatch` hands each
message to the outbox (core.mail), so it leaves only if the transaction commits. Links
are built from SITE_URL (configuration), never from the request's Host header.
"""
from flask import render_template
from flask_babel import force_locale

from marketplace.core.urls import external_url as link
from marketplace.studio.notifications import Message, dispatch, producer_recipients


def _render(name, **context):
    with force_locale("vi"):
        return render_template(f"email/cycle_{name}.txt", **context).strip() + "\n"


def _send(topic, to, subject, template, meta=None, **context):
    recipients = list(dict.fromkeys(address for address in to if address))
    return dispatch(Message(topic=f"cycle.{topic}", to=recipients, subject=subject,
                            body=_render(template, **context), meta=meta or {}))


def _idea_people(idea):
    emails = [idea.applicant.email] if idea.applicant and idea.applicant.is_active else []
    return emails + (producer_recipients(idea.producer) if idea.producer else [])


IDEA_SUBJECTS = {
    "acknowledged": "Ý tưởng sản phẩm “{name}” đã được tiếp nhận",
    "changes_requested": "Ý tưởng sản phẩm “{name}” cần bổ sung",
    "declined": "Ý tưởng sản phẩm “{name}” không được tiếp nhận",
}


def idea_decided(idea):
    status = idea.status.value
    return _send(f"idea.{status}", _idea_people(idea), IDEA_SUBJECTS[status].format(name=idea.product_name), "idea",
                 meta={"idea_id": idea.id, "status": status}, idea=idea, status=status,
                 url=link("cycle_studio.idea", idea_id=idea.id))


PLAN_SUBJECTS = {
    "accepted": "Phương án sản xuất kinh doanh “{name}” đã được chấp thuận",
    "changes_requested": "Phương án sản xuất kinh doanh “{name}” cần sửa đổi",
    "comment": "Ý kiến mới về phương án sản xuất kinh doanh “{name}”",
}


def plan_news(plan, what, comment=None):
    """`what`: accepted, changes_requested or comment (an officer's remark)."""
    idea = plan.idea
    return _send(f"plan.{what}", _idea_people(idea), PLAN_SUBJECTS[what].format(name=idea.product_name), "plan",
                 meta={"plan_id": plan.id, "what": what}, plan=plan, idea=idea, what=what, comment=comment,
                 url=link("cycle_studio.plan", plan_id=plan.id))


def dossier_checked(dossier):
    status = dossier.status.value
    subject = (f"Hồ sơ đánh giá sản phẩm “{dossier.product.name}” đã đầy đủ" if status == "complete"
               else f"Hồ sơ đánh giá sản phẩm “{dossier.product.name}” cần bổ sung")
    flagged = [item for item in dossier.items if item.flagged]
    return _send(f"dossier.{status}", producer_recipients(dossier.producer), subject, "dossier",
                 meta={"dossier_id": dossier.id, "status": status}, dossier=dossier, status=status, flagged=flagged,
                 url=link("cycle_studio.dossier", dossier_id=dossier.id))


def council_called(round_, seats):
    """Scoring has started: each member gets the link to the round's scoring page."""
    return _send("council.scoring", [seat.user.email for seat in seats if seat.user.is_active],
                 f"Mời chấm điểm sản phẩm OCOP: {round_.name}", "council",
                 meta={"round_id": round_.id}, round=round_, url=link("cycle.council_round", round_id=round_.id))


def result_ready(entry, notes):
    """Scoring is closed: the producer learns the average, the band and what comes next."""
    dossier = entry.dossier
    return _send(f"result.{entry.status.value}", producer_recipients(dossier.producer),
                 f"Kết quả đánh giá sản phẩm OCOP “{dossier.product.name}”", "result",
                 meta={"entry_id": entry.id, "status": entry.status.value}, entry=entry, dossier=dossier,
                 notes=notes, url=link("cycle_studio.dossier", dossier_id=dossier.id))


def recognised(entry, certification):
    dossier = entry.dossier
    return _send("recognised", producer_recipients(dossier.producer),
                 f"Sản phẩm “{dossier.product.name}” được công nhận OCOP {certification.stars} sao", "recognised",
                 meta={"entry_id": entry.id, "certification_id": certification.id}, entry=entry,
                 dossier=dossier, certification=certification,
                 url=link("storefront.product", slug=dossier.product.slug))


def not_recognised(entry):
    dossier = entry.dossier
    return _send("not_recognised", producer_recipients(dossier.producer),
                 f"Sản phẩm “{dossier.product.name}” chưa được công nhận OCOP", "not_recognised",
                 meta={"entry_id": entry.id}, entry=entry, dossier=dossier,
                 url=link("cycle_studio.dossier", dossier_id=dossier.id))
