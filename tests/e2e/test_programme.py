"""An officer opens a province's programme page on a phone (Chromium) and sees its
plan's targets with the marketplace's figures and progress.

The live server runs on a copy of the demo catalogue with the plans of
program_targets.json loaded; the expected figures come from the services on the
same database, the page must show them.
"""
import re
import shutil

import pytest
from playwright.sync_api import expect

from marketplace.accounts.services import register_user
from marketplace.core.timeutil import utcnow, vn_today
from marketplace.extensions import db
from marketplace.programme import services
from marketplace.programme.loader import load_plans
from tests.e2e.conftest import open_menu, serve

pytestmark = pytest.mark.e2e
PASSWORD = "mat-khau-e2e-123"
OFFICER = "can-bo@example.vn"


@pytest.fixture(scope="module")
def programme_server(demo_template, tmp_path_factory):
    base = tmp_path_factory.mktemp("programme-e2e")
    shutil.copyfile(demo_template["path"], base / "db.sqlite3")
    with serve(base / "db.sqlite3", demo_template["media"]) as (url, app):
        with app.app_context():
            load_plans()
            register_user(email=OFFICER, password=PASSWORD, full_name="Cán bộ OCOP Cần Thơ", role="officer",
                          self_service=False)
            progress = services.plan_progress(services.find_plan("can-tho-2023"), today=vn_today(), now=utcnow())
            expected = {item.target.metric: (item.actual, item.percent) for item in progress.targets}
            db.session.remove()
        yield url, expected


def test_an_officer_sees_a_provinces_plan_targets_with_progress(programme_server, page):
    url, expected = programme_server
    page.goto(url + "/account/login")
    page.fill("#email", OFFICER)
    page.fill("#password", PASSWORD)
    page.click("main form input[type=submit]")
    page.wait_for_url(re.compile(r"/$"))

    open_menu(page).get_by_role("link", name="Tiến độ OCOP").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiến độ chương trình OCOP")
    page.get_by_role("link", name="Cần Thơ", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiến độ OCOP: Cần Thơ")

    plan = page.locator("article.plan-card", has_text="Kế hoạch số 80/KH-UBND")
    expect(plan).to_be_visible()
    expect(plan).to_contain_text("Cần Thơ (địa giới trước 1/7/2025)")
    for metric in ("new_products_3star", "new_products_4star", "new_products_5star", "products_standardised"):
        actual, percent = expected[metric]
        row = plan.locator(f'tr[data-metric="{metric}"]')
        # The whole number, not a part of another ("1" must not pass for "10").
        expect(row.locator("td.actual")).to_have_text(re.compile(rf"(^|\D){actual}(\D|$)"))
        expect(row.locator("td.progress")).to_have_text(re.compile(rf"(^|\D){percent}%"))
        expect(row.locator("svg.chart-progress")).to_be_visible()
    row = plan.locator('tr[data-metric="new_products_4star"]')
    expect(row.locator("td.goal")).to_have_text("10")
    # On a phone each figure carries its column's name (the table header is hidden there).
    expect(row.locator("td.actual")).to_match_aria_snapshot("- cell /Trên sàn \\d+/")
    budget = plan.locator('tr[data-metric="budget_total_vnd"]')
    expect(budget).to_contain_text("3.600.000.000")
    expect(budget).to_contain_text("Không đo được trên sàn")

    # Officers also get the post-inspection list and may add a plan.
    expect(page.get_by_role("link", name="Danh sách hậu kiểm")).to_be_visible()
    expect(page.get_by_role("link", name="Thêm kế hoạch")).to_be_visible()

    plan.get_by_role("link", name="Kế hoạch số 80/KH-UBND").click()
    expect(page.locator('tr[data-metric="new_products_4star"] q')).to_have_text("10 sản phẩm 4 sao")
