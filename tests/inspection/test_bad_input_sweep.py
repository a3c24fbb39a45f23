"""A sweep of this part's create forms on both engines: a NUL or control character, or an
over-long value, in any text field is a 400 with a message, and nothing is created (PostgreSQL
refuses NUL in text: without the check that would be a 500 there)."""
import pytest

from marketplace.extensions import db
from marketplace.inspection.models import Complaint, Inspection
from marketplace.training.models import ProgrammeOfficial
from tests.registry.fixtures import days_ago, sign_in

BAD = ["a\x00b", "x\x1by", "z" * 6000]


def _forms(shops):
    shop = shops["lam-dong"]
    return [
        ("complaint", None, f"/products/{shop.product.slug}/report", f"/products/{shop.product.slug}",
         {"kind": "quality", "message": "Hàng bị móp khi nhận", "email": "a@example.vn", "name": "An"},
         ["message", "name"], Complaint),
        ("inspection", "lam-dong", f"/programme/inspections/new/{shop.certification.id}", None,
         {"inspected_on": days_ago(1).isoformat(), "outcome": "downgraded", "findings": "Sai phạm",
          "decision_number": "1/QĐ", "issuing_body": "UBND", "new_stars": "4", "new_points": "80"},
         ["findings", "decision_number", "issuing_body"],
         Inspection),
        ("official", "lam-dong", "/programme/officials/add?province=lam-dong", "/programme/officials",
         {"full_name": "Cán bộ A", "email": "a@lamdong.gov.vn", "position": "Chi cục"}, ["full_name", "position"],
         ProgrammeOfficial),
    ]


@pytest.mark.both_engines
def test_bad_text_in_any_field_is_refused(app, client, forms, shops, officers):
    app.config["COMPLAINT_RATE_LIMIT"] = "1000 per hour"  # this sweep posts many times
    for name, officer, url, form_url, good, fields, model in _forms(shops):
        if officer:
            sign_in(client, officers[officer])
        for field in fields:
            for bad in BAD:
                response = forms.post(url, {**good, field: bad}, form_url=form_url)  # a new token each time
                assert response.status_code == 400, (name, field, repr(bad[:5]))
        assert db.session.execute(db.select(db.func.count(model.id))).scalar() == 0, name
        assert forms.post(url, good, form_url=form_url).status_code == 302, name
