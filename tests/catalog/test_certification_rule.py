"""The OCOP star rule: only a verified, unexpired certificate shows stars and counts in filters."""
from datetime import date, timedelta

import pytest

from marketplace.catalog.queries import CatalogFilters, browse_products
from marketplace.catalog.rating import BadgeState, badge_for
from marketplace.catalog.services import add_certification, default_expiry, transition_certification
from marketplace.core.errors import InvalidTransition, ValidationError

TODAY = date(2026, 11, 22)


def _listed(stars, today=TODAY):
    page = browse_products(CatalogFilters(stars=stars, per_page=100), today)
    return {p.slug for p in page.items}


@pytest.mark.both_engines
def test_verified_unexpired_certificate_shows_stars_and_counts_in_filter(make_product, make_certification):
    product = make_product()
    make_certification(product, stars=4, decided_on=date(2025, 3, 1))
    badge = badge_for(product, TODAY)
    assert badge.state is BadgeState.CERTIFIED and badge.stars == 4
    assert product.slug in _listed(4)
    assert product.slug not in _listed(5)


@pytest.mark.both_engines
def test_expired_certificate_is_shown_expired_and_drops_out_of_star_filters(make_product, make_certification):
    product = make_product()
    cert = make_certification(product, stars=5, decided_on=date(2023, 1, 10))
    assert cert.expires_on == date(2026, 1, 10)
    badge = badge_for(product, TODAY)
    assert badge.state is BadgeState.EXPIRED and badge.stars is None
    assert product.slug not in _listed(3)


@pytest.mark.both_engines
def test_certificate_counts_through_its_expiry_day_and_not_after(make_product, make_certification):
    product = make_product()
    make_certification(product, stars=3, decided_on=date(2023, 11, 22))
    expiry = date(2026, 11, 22)
    assert product.slug in _listed(3, today=expiry)
    assert product.slug not in _listed(3, today=expiry + timedelta(days=1))


@pytest.mark.both_engines
@pytest.mark.parametrize("status", ["pending", "rejected", "revoked"])
def test_unverified_certificates_never_show_stars(make_product, make_certification, status):
    product = make_product()
    make_certification(product, stars=5, status=status, decided_on=date(2025, 6, 1))
    badge = badge_for(product, TODAY)
    assert badge.stars is None
    assert badge.state is (BadgeState.PENDING if status == "pending" else BadgeState.NONE)
    assert product.slug not in _listed(3)


def test_highest_current_certificate_wins(make_product, make_certification):
    product = make_product()
    make_certification(product, stars=3, decided_on=date(2024, 1, 1))
    make_certification(product, stars=4, decided_on=date(2025, 1, 1))
    make_certification(product, stars=5, decided_on=date(2022, 1, 1))  # expired
    assert badge_for(product, TODAY).stars == 4
    assert product.slug in _listed(4) and product.slug not in _listed(5)


@pytest.mark.parametrize("stars,points", [(3, 49), (3, 70), (4, 69), (4, 90), (5, 89), (5, 101)])
def test_points_outside_the_star_band_are_refused(make_product, stars, points, db):
    product = make_product()
    with pytest.raises(ValidationError) as error:
        add_certification(product=product, stars=stars, points=points, number="1/QĐ", issuing_body="UBND",
                          level="provincial", decided_on=date(2025, 1, 1))
    assert error.value.field == "points"
    db.session.rollback()
    assert product.certifications == []


@pytest.mark.parametrize("stars", [1, 2, 6])
def test_only_three_to_five_stars_are_certified(make_product, stars):
    with pytest.raises(ValidationError):
        add_certification(product=make_product(), stars=stars, points=40, number="1/QĐ", issuing_body="UBND",
                          level="provincial", decided_on=date(2025, 1, 1))


@pytest.mark.parametrize("stars,points", [(3, 50), (3, 69), (4, 70), (4, 89), (5, 90), (5, 100)])
def test_band_edges_are_accepted(make_product, stars, points):
    cert = add_certification(product=make_product(), stars=stars, points=points, number="1/QĐ",
                             issuing_body="UBND", level="provincial", decided_on=date(2025, 1, 1))
    assert cert.points == points


def test_expiry_defaults_to_36_months_and_can_be_stated(make_product, make_certification):
    assert default_expiry(date(2024, 2, 29)) == date(2027, 2, 28)
    cert = make_certification(make_product(), decided_on=date(2025, 1, 1), expires_on=date(2026, 6, 30))
    assert cert.expires_on == date(2026, 6, 30)


def test_certification_state_machine(make_product, make_certification, make_user):
    officer = make_user(role="officer")
    cert = make_certification(make_product(), status="pending")
    with pytest.raises(ValidationError):
        transition_certification(cert, "rejected", actor=officer, reason="  ")
    transition_certification(cert, "verified", actor=officer)
    assert cert.status.value == "verified" and cert.reviewed_by_id == officer.id
    with pytest.raises(InvalidTransition):
        transition_certification(cert, "pending", actor=officer)
    transition_certification(cert, "revoked", actor=officer, reason="Hậu kiểm không đạt")
    with pytest.raises(InvalidTransition):
        transition_certification(cert, "verified", actor=officer)
