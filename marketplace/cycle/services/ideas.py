"""Idea registration and business plans.

A producer, or a signed-in person about to become one, registers a product idea with a
province; the province acknowledges it, asks for changes (the applicant edits and sends
it again) or declines it with a reason. For an acknowledged idea the applicant submits a
production and business plan (text and documents); the province comments, asks for
changes, or accepts it; the producer then reports the plan's milestones.
"""
from marketplace.core.i18n import lazy_gettext as _l

from marketplace.core import submissions
from marketplace.core.errors import InvalidTransition, ValidationError
from marketplace.core.timeutil import utcnow
from marketplace.cycle import access, files, notifications
from marketplace.cycle.models import BusinessPlan, Milestone, PlanComment, PlanDocument, ProductIdea
from marketplace.cycle.services.common import not_after, reason as checked_reason, text
from marketplace.cycle.states import IDEA, PLAN, IdeaStatus, PlanStatus
from marketplace.extensions import db

MAX_DOCUMENTS = 10


def _idea_fields(category, product_name, local_features, raw_materials):
    if category is None:
        raise ValidationError(_l("Vui lòng chọn nhóm sản phẩm."), field="category")
    return dict(category_id=category.id,
                product_name=text(product_name, "product_name", label=_l("tên sản phẩm"), maximum=200),
                local_features=text(local_features, "local_features", label=_l("nét riêng của địa phương"),
                                    maximum=5000),
                raw_materials=text(raw_materials, "raw_materials", label=_l("nguyên liệu và nguồn gốc"),
                                   maximum=5000))


def register_idea(actor, *, province=None, producer=None, category=None, product_name="", local_features="",
                  raw_materials="", submission=None):
    """A new idea, sent to the province: the producer's, or `province` for a person without a producer.

    Every create service of the cycle is once per submitted form (`submission`, core.submissions):
    the token is claimed first in the transaction, and a repeat raises AlreadySubmitted."""
    access.require(access.signed_in(actor), _l("Vui lòng đăng nhập."))
    if producer is not None:
        access.require(access.acts_for(actor, producer.id), _l("Bạn không quản lý chủ thể này."))
        province = producer.province
    if province is None:
        raise ValidationError(_l("Vui lòng chọn tỉnh, thành phố."), field="province")
    fields = _idea_fields(category, product_name, local_features, raw_materials)

    with files.transaction():
        claim = submissions.claim(submission, "product_idea")
        idea = ProductIdea(province_id=province.id, producer_id=producer.id if producer else None,
                           applicant_id=actor.id, status=IdeaStatus.SUBMITTED, submitted_at=utcnow(), **fields)
        db.session.add(idea)
        db.session.flush()
        claim.done(idea.id)
    return idea


def resubmit_idea(actor, idea, *, category=None, product_name="", local_features="", raw_materials=""):
    """The applicant's corrected idea, sent again after the province asked for changes."""
    access.require(access.owns_idea(actor, idea))
    fields = _idea_fields(category, product_name, local_features, raw_materials)
    with files.transaction():
        IDEA.move(idea, IdeaStatus.SUBMITTED)
        for name, value in fields.items():
            setattr(idea, name, value)
        idea.submitted_at = utcnow()
    return idea


IDEA_DECISIONS = {"acknowledge": IdeaStatus.ACKNOWLEDGED, "request_changes": IdeaStatus.CHANGES_REQUESTED,
                  "decline": IdeaStatus.DECLINED}


def _decision(decisions, decision):
    try:
        return decisions[decision]
    except KeyError:
        raise ValidationError(_l("Quyết định không hợp lệ.")) from None


def decide_idea(officer, idea, decision, reason=None):
    """Acknowledge, ask for changes (reason), or decline (reason); the applicant is told by e-mail."""
    to = _decision(IDEA_DECISIONS, decision)
    access.require_officer(officer, idea.province_id, producer_id=idea.producer_id, applicant_id=idea.applicant_id)
    why = checked_reason(reason, to != IdeaStatus.ACKNOWLEDGED)
    with files.transaction():
        IDEA.move(idea, to)
        idea.reason, idea.reviewed_by_id, idea.reviewed_at = why, officer.id, utcnow()
        notifications.idea_decided(idea)
    return idea


# --------------------------------------------------------------------------- business plans

def _plan_body(body):
    return text(body, "body", label=_l("nội dung phương án"), maximum=50_000)


def submit_plan(actor, idea, *, body, documents=(), submission=None):
    """The plan of an acknowledged idea, with its documents [(name, bytes)]; one plan per idea."""
    access.require(access.owns_idea(actor, idea))
    body = _plan_body(body)
    if idea.status != IdeaStatus.ACKNOWLEDGED:
        raise InvalidTransition(_l("Chỉ gửi phương án cho ý tưởng đã được tỉnh tiếp nhận."))
    if len(documents) > MAX_DOCUMENTS:
        raise ValidationError(_l("Tối đa %(n)s tài liệu.", n=MAX_DOCUMENTS), field="document")

    with files.transaction() as new:
        claim = submissions.claim(submission, "business_plan")  # before "already has a plan": the repeat finds it
        if idea.plan is not None:
            raise InvalidTransition(_l("Ý tưởng này đã có phương án; hãy mở phương án để sửa."))
        plan = BusinessPlan(idea=idea, body=body, status=PlanStatus.SUBMITTED, created_by_id=actor.id,
                            submitted_at=utcnow())
        db.session.add(plan)
        db.session.flush()
        claim.done(plan.id)
        for name, data in documents:
            plan.documents.append(PlanDocument(name=name, uploaded_by_id=actor.id,
                                               key=new.save_document(f"plans/{plan.id}", data, "document")))
    return plan


def resubmit_plan(actor, plan, *, body):
    access.require(access.owns_plan(actor, plan))
    body = _plan_body(body)
    with files.transaction():
        PLAN.move(plan, PlanStatus.SUBMITTED)
        plan.body, plan.submitted_at = body, utcnow()
    return plan


def add_plan_document(actor, plan, *, name, data, submission=None):
    """A document added by the producer while the plan is not yet accepted."""
    access.require(access.owns_plan(actor, plan))
    name = text(name, "name", label=_l("tên tài liệu"), maximum=200)
    if plan.status == PlanStatus.ACCEPTED:
        raise InvalidTransition(_l("Phương án đã được chấp thuận; không thêm tài liệu được nữa."))

    with files.transaction() as new:
        claim = submissions.claim(submission, "plan_document")  # before counting and before the file is written
        if len(plan.documents) >= MAX_DOCUMENTS:
            raise ValidationError(_l("Tối đa %(n)s tài liệu.", n=MAX_DOCUMENTS), field="document")
        document = PlanDocument(plan=plan, name=name, uploaded_by_id=actor.id,
                                key=new.save_document(f"plans/{plan.id}", data, "document"))
        db.session.add(document)
        db.session.flush()
        claim.done(document.id)
    return document


def comment_on_plan(author, plan, *, body, submission=None):
    """A remark: by an officer of the province (the producer is told) or by the producer."""
    is_officer = access.officer_covers(author, plan.idea.province_id)
    if not is_officer:
        access.require(access.owns_plan(author, plan))
    body = text(body, "body", label=_l("ý kiến"), maximum=5000)

    with files.transaction():
        claim = submissions.claim(submission, "plan_comment")
        comment = PlanComment(plan=plan, author_id=author.id, by_officer=is_officer, body=body)
        db.session.add(comment)
        db.session.flush()
        claim.done(comment.id)
        if is_officer:
            notifications.plan_news(plan, "comment", comment)
    return comment


PLAN_DECISIONS = {"accept": PlanStatus.ACCEPTED, "request_changes": PlanStatus.CHANGES_REQUESTED}


def decide_plan(officer, plan, decision, reason=None):
    """Accept, or ask for changes (what to change is kept as the officer's comment)."""
    to = _decision(PLAN_DECISIONS, decision)
    idea = plan.idea
    access.require_officer(officer, idea.province_id, producer_id=idea.producer_id, applicant_id=idea.applicant_id)
    why = checked_reason(reason, to == PlanStatus.CHANGES_REQUESTED)
    with files.transaction():
        PLAN.move(plan, to)
        plan.reviewed_by_id, plan.reviewed_at = officer.id, utcnow()
        comment = None
        if why:
            comment = PlanComment(plan=plan, author_id=officer.id, by_officer=True, body=why)
            db.session.add(comment)
        notifications.plan_news(plan, to.value, comment)
    return plan


# --------------------------------------------------------------------------- milestones

def add_milestone(actor, plan, *, title, planned_on, note="", submission=None):
    """A step of an accepted plan's implementation (planned date; reported done later)."""
    access.require(access.owns_plan(actor, plan))
    title = text(title, "title", label=_l("tên mốc"), maximum=200)
    note = text(note, "note", label=_l("ghi chú"), maximum=2000, required=False)
    if planned_on is None:
        raise ValidationError(_l("Vui lòng nhập ngày dự kiến."), field="planned_on")
    if plan.status != PlanStatus.ACCEPTED:
        raise InvalidTransition(_l("Các mốc triển khai được ghi sau khi phương án được chấp thuận."))

    with files.transaction():
        claim = submissions.claim(submission, "milestone")
        milestone = Milestone(plan=plan, title=title, planned_on=planned_on, note=note)
        db.session.add(milestone)
        db.session.flush()
        claim.done(milestone.id)
    return milestone


def report_milestone(actor, milestone, *, done_on, note, today):
    """The producer reports a milestone done (a date not in the future) with a note."""
    access.require(access.owns_plan(actor, milestone.plan))
    not_after(done_on, today, "done_on", _l("ngày hoàn thành"))
    note = text(note, "note", label=_l("ghi chú"), maximum=2000, required=False)
    with files.transaction():
        milestone.done_on, milestone.note = done_on, note or milestone.note
    return milestone
