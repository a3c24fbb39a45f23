"""A buyer scans the QR of a product page's certificate: the verify page says valid; after an
officer revokes the certificate (a post-inspection) the same page says revoked."""
import shutil
from datetime import timedelta

import pytest

from marketplace.catalog.services import (add_certification, create_producer, create_product, find_category,
                                          find_province)
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db
from tests.e2e.conftest import serve

pytestmark = pytest.mark.e2e

PRODUCT = "Mứt dâu tây Đà Lạt hũ 300 g"


@pytest.fixture
def live(tmp_path, sqlite_template):
    shutil.copyfile(sqlite_template, tmp_path / "live.sqlite3")
    with serve(tmp_path / "live.sqlite3", tmp_path / "media", MAIL_DIR=str(tmp_path / "mail")) as (base, app):
        with app.app_context():
            from marketplace.accounts.services import assign_province, register_user
            producer = create_producer(name="HTX Dâu tây Đà Lạt", kind="cooperative",
                                       province=find_province("lam-dong"), address="Phường Lâm Viên", verified=True)
            product = create_product(producer=producer, category=find_category("nong-san-tuoi"), name=PRODUCT,
                                     price=85_000, unit="hũ 300 g", stock=20, status="active")
            add_certification(product=product, stars=4, points=81, number="321/QĐ-UBND", issuing_body="UBND tỉnh",
                              level="provincial", decided_on=vn_today() - timedelta(days=200), status="verified")
            officer = register_user(email="canbo@lamdong.gov.vn", password="mat-khau-123", full_name="Cán bộ",
                                    role="officer", self_service=False)
            assign_province(officer, find_province("lam-dong"))
            ids = {"product": product.slug, "certification": product.certifications[0].id, "officer": officer.id}
            db.session.remove()
        yield base, app, ids


def test_the_qr_link_says_valid_then_revoked(live, page):
    base, app, ids = live
    page.goto(f"{base}/products/{ids['product']}")
    link = page.locator("a[data-verify-link]")
    link.scroll_into_view_if_needed()
    page.wait_for_function("() => { const img = document.querySelector('a[data-verify-link] img');"
                           " return img && img.complete && img.naturalWidth > 0; }")  # the QR is drawn
    link.click()
    page.wait_for_url("**/ocop/verify/**")
    assert page.locator("h1").inner_text() == PRODUCT
    assert "Còn hiệu lực" in page.locator(".verify-state").inner_text()
    verify_url = page.url
    with app.app_context():
        from marketplace.accounts.models import User
        from marketplace.catalog.models import Certification
        from marketplace.inspection.services import record_inspection
        record_inspection(officer=db.session.get(User, ids["officer"]),
                          certification=db.session.get(Certification, ids["certification"]),
                          inspected_on=vn_today(), findings="Không còn sản xuất theo tiêu chuẩn", outcome="revoked",
                          today=vn_today())
        db.session.remove()
    page.goto(verify_url)
    assert "Đã bị thu hồi" in page.locator(".verify-state").inner_text()
    page.goto(f"{base}/products/{ids['product']}")
    assert page.locator("a[data-verify-link]").count() == 0 and "OCOP 4" not in page.content()
