"""Evaluation dossiers: the checklist each OCOP group needs, filled item by item, checked by
the province, returned with what is missing or found complete."""
import pytest

from marketplace.catalog.models import Product, ProductStatus
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.storage import private_storage
from marketplace.core.submissions import AlreadySubmitted, new_token
from marketplace.cycle.models import Dossier, ItemState
from marketplace.cycle.services import dossiers, requirements
from marketplace.cycle.states import DossierStatus
from marketplace.extensions import db
from tests.cycle.conftest import PDF_BYTES


def test_each_group_has_its_own_default_checklist(world):
    food = [r.name_vi for r in requirements.requirements_for(1)]
    tourism = [r.name_vi for r in requirements.requirements_for(6)]
    assert any("an toàn thực phẩm" in name for name in food)
    assert not any("an toàn thực phẩm" in name for name in tourism)
    assert any("du lịch" in name for name in tourism)
    for group in range(1, 7):  # the shared documents are in every group's list
        names = [r.name_vi for r in requirements.requirements_for(group)]
        assert any("Nhãn sản phẩm" in name for name in names) and any("Câu chuyện" in name for name in names)
    assert requirements.load_defaults() == 0  # loading twice adds nothing


def test_a_dossier_copies_its_checklist_and_a_later_change_does_not_alter_it(world):
    dossier = dossiers.start_dossier(world.owner, world.producer, product=world.product)
    group = world.product.category.group.ocop_code
    assert dossier.group_code == group == 2
    assert [i.name_vi for i in dossier.items] == [r.name_vi for r in requirements.requirements_for(group)]
    added = requirements.add_requirement(world.national, group_code=group, name_vi="Chứng nhận hữu cơ")
    retired = requirements.requirements_for(group)[0]
    requirements.set_active(world.national, retired, False)
    db.session.expire_all()
    assert "Chứng nhận hữu cơ" not in [i.name_vi for i in dossier.items]
    assert retired.name_vi in [i.name_vi for i in dossier.items]
    names = [r.name_vi for r in requirements.requirements_for(group)]
    assert added.name_vi in names and retired.name_vi not in names
    with pytest.raises(PermissionDenied):  # the checklist is national data
        requirements.add_requirement(world.officer, group_code=group, name_vi="Tỉnh tự thêm")


def test_submitting_needs_every_line_uploaded_or_marked_missing(world):
    dossier = dossiers.start_dossier(world.owner, world.producer, product=world.product)
    for item in dossier.items[:-1]:
        dossiers.upload_item(world.owner, item, PDF_BYTES)
    with pytest.raises(ValidationError) as refused:
        dossiers.submit_dossier(world.owner, dossier)
    assert dossier.items[-1].name_vi in str(refused.value.message)
    dossiers.mark_missing(world.owner, dossier.items[-1])
    dossiers.submit_dossier(world.owner, dossier)
    assert dossier.status is DossierStatus.SUBMITTED


def test_the_province_returns_a_dossier_listing_what_is_missing(world, letters):
    dossier = dossiers.start_dossier(world.owner, world.producer, product=world.product)
    label = next(item for item in dossier.items if "Nhãn" in item.name_vi)
    for item in dossier.items:
        if item is label:
            dossiers.mark_missing(world.owner, item)
        else:
            dossiers.upload_item(world.owner, item, PDF_BYTES)
    dossiers.submit_dossier(world.owner, dossier)
    with pytest.raises(ValidationError) as refused:  # a required document is missing: it cannot be complete
        dossiers.complete_dossier(world.officer, dossier)
    assert label.name_vi in str(refused.value.message)
    with pytest.raises(ValidationError):  # returning says what is missing
        dossiers.return_dossier(world.officer, dossier, flagged_ids=[], note="")
    dossiers.return_dossier(world.officer, dossier, flagged_ids=[label.id], note="Nhãn cần ghi mã QR truy xuất.")
    assert dossier.status is DossierStatus.RETURNED and [i.id for i in dossier.items if i.flagged] == [label.id]
    [(to, subject, body)] = letters()
    assert to == world.owner.email and "cần bổ sung" in subject
    assert f"- {label.name_vi}" in body and "Nhãn cần ghi mã QR truy xuất." in body
    dossiers.upload_item(world.owner, label, PDF_BYTES)
    assert label.state is ItemState.UPLOADED and not label.flagged
    dossiers.submit_dossier(world.owner, dossier)
    dossiers.complete_dossier(world.officer, dossier)
    assert dossier.status is DossierStatus.COMPLETE and dossier.completed_at is not None
    assert "đã đầy đủ" in letters()[-1][1]


@pytest.mark.both_stores  # the document on the local file system and on S3
def test_a_replaced_or_withdrawn_document_leaves_no_file_behind(world):
    dossier = dossiers.start_dossier(world.owner, world.producer, product=world.product)
    item = dossier.items[0]
    dossiers.upload_item(world.owner, item, PDF_BYTES)
    first = item.key
    dossiers.upload_item(world.owner, item, PDF_BYTES)
    assert item.key != first and not private_storage().exists(first) and private_storage().exists(item.key)
    second = item.key
    dossiers.mark_missing(world.owner, item)
    assert item.key is None and not private_storage().exists(second)
    with pytest.raises(ValidationError):  # not a document: refused, nothing stored
        dossiers.upload_item(world.owner, item, b"<script>alert(1)</script>")
    assert item.state is ItemState.MISSING


def test_a_new_product_from_an_accepted_plan_gets_a_draft_listing(world):
    plan = world.accepted_plan()
    with pytest.raises(ValidationError):  # a new listing needs its unit
        dossiers.start_dossier(world.owner, world.producer, plan=plan)
    dossier = dossiers.start_dossier(world.owner, world.producer, plan=plan, unit="hộp 250 g")
    product = dossier.product
    assert (product.name, product.status, product.producer_id, product.unit) == (
        plan.idea.product_name, ProductStatus.DRAFT, world.producer.id, "hộp 250 g")
    assert dossier.plan_id == plan.id
    with pytest.raises(PermissionDenied):  # another producer cannot take this plan
        dossiers.start_dossier(world.other_owner, world.other_producer, plan=plan, unit="hộp")


def test_one_dossier_on_its_way_per_product_and_one_per_form(world):
    token = new_token()
    first = dossiers.start_dossier(world.owner, world.producer, submission=token, product=world.product)
    with pytest.raises(AlreadySubmitted) as repeat:  # not "already has a dossier": the first one's
        dossiers.start_dossier(world.owner, world.producer, submission=token, product=world.product)
    assert repeat.value.record_id == first.id
    with pytest.raises(ValidationError):
        dossiers.start_dossier(world.owner, world.producer, product=world.product)
    with pytest.raises(PermissionDenied):
        dossiers.start_dossier(world.owner, world.producer, product=world.other_product)
    with pytest.raises(PermissionDenied):
        dossiers.start_dossier(world.other_owner, world.producer, product=world.product)
    assert db.session.query(Dossier).count() == 1 and db.session.query(Product).count() == 2


def test_an_officer_cannot_complete_its_own_producers_dossier(world):
    from tests.cycle.conftest import add_member
    add_member(world.officer, world.producer)
    dossier = world.filled_dossier()
    with pytest.raises(PermissionDenied):
        dossiers.complete_dossier(world.officer, dossier)
    with pytest.raises(InvalidTransition):
        dossiers.complete_dossier(world.national, dossiers.complete_dossier(world.national, dossier))
