"""Evaluation dossiers: the producer fills its group's checklist (each document uploaded,
as a private document, or marked missing) and sends it; the province returns it listing
what is missing, or marks it complete. A complete dossier can then join an evaluation round.
"""
from marketplace.core.i18n import lazy_gettext as _l

from marketplace.catalog import services as catalog
from marketplace.core import submissions
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.timeutil import utcnow
from marketplace.cycle import access, files, notifications
from marketplace.cycle.models import Dossier, DossierItem, ItemState
from marketplace.cycle.services.common import text
from marketplace.cycle.services.requirements import ensure_defaults, requirements_for
from marketplace.cycle.states import DOSSIER, DossierStatus, PlanStatus
from marketplace.extensions import db

OPEN_STATES = (DossierStatus.DRAFT, DossierStatus.SUBMITTED, DossierStatus.RETURNED, DossierStatus.COMPLETE)
EDITABLE = (DossierStatus.DRAFT, DossierStatus.RETURNED)


def open_dossier_of(product):
    """The product's dossier still on its way to a result, or None (one at a time per product)."""
    return db.session.execute(db.select(Dossier).where(Dossier.product_id == product.id,
                                                       Dossier.status.in_(OPEN_STATES))).scalars().first()


def _plan_for(actor, producer, plan):
    """An accepted plan of this producer (a person's plan joins the producer it now acts for)."""
    access.require(access.owns_plan(actor, plan))
    if plan.status != PlanStatus.ACCEPTED:
        raise ValidationError(_l("Chỉ lập hồ sơ cho phương án đã được chấp thuận."), field="plan")
    idea = plan.idea
    if idea.producer_id not in (None, producer.id):
        raise PermissionDenied(_l("Phương án này thuộc chủ thể khác."))
    if idea.province_id != producer.province_id:
        raise ValidationError(_l("Phương án được đăng ký ở tỉnh, thành phố khác với chủ thể."), field="plan")
    return plan


def start_dossier(actor, producer, *, product=None, plan=None, unit="", submission=None):
    """A draft dossier for an existing product, or for a new one from an accepted plan (a draft listing).

    Once per submitted form (`submission`, core.submissions)."""
    access.require(access.acts_for(actor, producer.id), _l("Bạn không quản lý chủ thể này."))
    if plan is not None:
        plan = _plan_for(actor, producer, plan)
    if product is not None and product.producer_id != producer.id:
        raise PermissionDenied(_l("Sản phẩm này thuộc chủ thể khác."))
    if product is None and plan is None:
        raise ValidationError(_l("Chọn một sản phẩm, hoặc một phương án đã được chấp thuận."), field="product")
    if product is None:
        unit = text(unit, "unit", label=_l("đơn vị bán"), maximum=60)
    ensure_defaults()

    with files.transaction():
        claim = submissions.claim(submission, "dossier")  # checks that depend on earlier submissions come after
        if product is not None and open_dossier_of(product) is not None:
            raise ValidationError(_l("Sản phẩm này đang có một hồ sơ đánh giá chưa có kết quả."), field="product")
        item = product
        if item is None:
            idea = plan.idea
            idea.producer_id = producer.id
            item = catalog.create_product(producer=producer, category=idea.category, name=idea.product_name,
                                          price=0, unit=unit, commit=False)
        group_code = item.category.group.ocop_code
        dossier = Dossier(product=item, producer_id=producer.id, province_id=producer.province_id,
                          plan_id=plan.id if plan else None, group_code=group_code, status=DossierStatus.DRAFT,
                          created_by_id=actor.id)
        dossier.items = [DossierItem(requirement_id=req.id, name_vi=req.name_vi, name_en=req.name_en,
                                     required=req.required, position=position)
                         for position, req in enumerate(requirements_for(group_code))]
        db.session.add(dossier)
        db.session.flush()
        claim.done(dossier.id)
    return dossier


def _editable(actor, item):
    dossier = item.dossier
    access.require(access.owns_dossier(actor, dossier))
    if dossier.status not in EDITABLE:
        raise InvalidTransition(_l("Hồ sơ đã gửi; chỉ sửa được khi còn nháp hoặc khi tỉnh trả lại."))
    return dossier


def upload_item(actor, item, data):
    """Attach the document of one checklist line (replacing an earlier one)."""
    dossier = _editable(actor, item)
    old = item.key
    with files.transaction() as new:
        item.key = new.save_document(f"dossiers/{dossier.id}", data)
        item.state, item.uploaded_at, item.flagged = ItemState.UPLOADED, utcnow(), False
    files.forget(old)
    return item


def mark_missing(actor, item):
    """The producer does not have this document (said openly, rather than left blank)."""
    _editable(actor, item)
    old = item.key
    with files.transaction():
        item.key, item.state, item.uploaded_at = None, ItemState.MISSING, None
    files.forget(old)
    return item


def submit_dossier(actor, dossier):
    """Send the dossier to the province: every line uploaded or marked missing."""
    access.require(access.owns_dossier(actor, dossier))
    empty = [item.name_vi for item in dossier.items if item.state == ItemState.EMPTY]
    if empty:
        raise ValidationError(_l("Còn tài liệu chưa tải lên hoặc chưa đánh dấu “không có”: %(names)s.",
                                 names="; ".join(empty)))
    with files.transaction():
        DOSSIER.move(dossier, DossierStatus.SUBMITTED)
        dossier.submitted_at = utcnow()
    return dossier


def return_dossier(officer, dossier, *, flagged_ids, note=""):
    """Return the dossier listing what is missing or insufficient (flagged lines and a note)."""
    access.require_officer(officer, dossier.province_id, producer_id=dossier.producer_id)
    note = text(note, "note", label=_l("ghi chú"), maximum=2000, required=False)
    wanted = {int(i) for i in flagged_ids}
    if not wanted and not note:
        raise ValidationError(_l("Đánh dấu tài liệu còn thiếu hoặc ghi rõ cần bổ sung gì."), field="note")
    if not wanted <= {item.id for item in dossier.items}:
        raise ValidationError(_l("Tài liệu không thuộc hồ sơ này."))
    with files.transaction():
        DOSSIER.move(dossier, DossierStatus.RETURNED)
        for item in dossier.items:
            item.flagged = item.id in wanted
        dossier.return_note, dossier.checked_at, dossier.checked_by_id = note or None, utcnow(), officer.id
        notifications.dossier_checked(dossier)
    return dossier


def complete_dossier(officer, dossier):
    """Mark the dossier complete: every required document is there."""
    access.require_officer(officer, dossier.province_id, producer_id=dossier.producer_id)
    lacking = [item.name_vi for item in dossier.items if item.required and item.state != ItemState.UPLOADED]
    if lacking:
        raise ValidationError(_l("Hồ sơ chưa đầy đủ, còn thiếu: %(names)s. Hãy trả lại để chủ thể bổ sung.",
                                 names="; ".join(lacking)))
    with files.transaction():
        DOSSIER.move(dossier, DossierStatus.COMPLETE)
        for item in dossier.items:
            item.flagged = False
        dossier.return_note = None
        dossier.completed_at = dossier.checked_at = utcnow()
        dossier.checked_by_id = officer.id
        notifications.dossier_checked(dossier)
    return dossier
