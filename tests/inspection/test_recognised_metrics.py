"""A recognition stays a fact: programme figures count a certificate in the year it was decided
even after it expired (by date or by the daily command) or was downgraded by a post-inspection,
and the lower certificate a downgrade issues is not a "new" product at that level."""
from datetime import timedelta

from marketplace.catalog.models import CertificationStatus
from marketplace.catalog.services import find_province, transition_certification
from marketplace.core.timeutil import utcnow, vn_today
from marketplace.extensions import db
from marketplace.inspection.services import record_inspection
from marketplace.programme.metrics import Scope, measure
from marketplace.programme.stats import certifications_by_year


def _scope(year):
    return Scope.of_years(find_province("lam-dong"), year, year, vn_today(), utcnow())


def test_downgraded_and_expired_recognitions_still_count_in_their_year(shops, officers, make_product,
                                                                       make_certification):
    shop = shops["lam-dong"]
    first = vn_today() - timedelta(days=500)
    shop.certification.decided_on = first
    db.session.commit()
    year = first.year
    assert measure("new_products_5star", _scope(year)).value == 1
    record_inspection(officer=officers["lam-dong"], certification=shop.certification, inspected_on=vn_today(),
                      findings="Không còn đạt 5 sao", outcome="downgraded",
                      today=vn_today(), new_stars=4, new_points=80, decision_number="7/QĐ-UBND",
                      issuing_body="UBND tỉnh Lâm Đồng")
    assert measure("new_products_5star", _scope(year)).value == 1  # recognised at 5 stars that year
    assert measure("new_products_4star", _scope(vn_today().year)).value == 0  # lowered, not new
    assert measure("products_certified", _scope(vn_today().year)).value == 1

    other = make_product(producer=shop.producer, name="Trà xanh", status="active")
    old = make_certification(other, stars=3, number="8/QĐ-UBND", decided_on=vn_today() - timedelta(days=4 * 365))
    transition_certification(old, CertificationStatus.EXPIRED, today=vn_today())
    old_year = old.decided_on.year
    assert measure("new_products_3star", _scope(old_year)).value == 1
    rows = {(r["year"], r["stars"]): r["certifications"] for r in certifications_by_year(find_province("lam-dong"))}
    assert rows[(old_year, 3)] == 1 and rows[(year, 5)] == 1
