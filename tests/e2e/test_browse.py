"""A visitor browses the demo catalogue in a real browser."""
import re

import pytest

from tests.e2e.conftest import open_menu

pytestmark = pytest.mark.e2e


def test_visitor_filters_by_province_and_stars_and_sees_the_certificate(live_server, page):
    base, _app = live_server
    page.goto(base + "/")
    assert page.get_by_role("heading", level=1).is_visible()

    page.get_by_role("link", name="Xem tất cả sản phẩm").click()
    page.wait_for_url(re.compile(r"/products"))
    assert page.locator(".search-degraded").count() == 0  # the search engine answers the listing
    total_before = int(re.search(r"\d+", page.locator(".results-count").inner_text()).group())

    assert not page.get_by_label("Tỉnh, thành phố").is_visible()  # on a phone the results come first
    page.locator("summary", has_text="Bộ lọc").click()
    page.get_by_label("Tỉnh, thành phố").select_option("dak-lak")
    page.get_by_label("Từ 4 sao").check()
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(re.compile(r"province=dak-lak"))
    assert "stars=4" in page.url

    count = int(re.search(r"\d+", page.locator(".results-count").inner_text()).group())
    assert 0 < count < total_before
    cards = page.locator(".product-card")
    assert cards.count() == min(count, 24)
    for i in range(cards.count()):
        assert "Đắk Lắk" in cards.nth(i).locator(".card-producer").inner_text()
        assert cards.nth(i).locator(".badge-stars").count() == 1

    cards.first.locator("a.card-link").click()
    page.wait_for_url(re.compile(r"/products/[a-z0-9-]+$"))
    certificate = page.locator(".certificate-ok")
    assert certificate.is_visible()
    assert re.search(r"OCOP [45] sao", certificate.get_by_role("heading").inner_text())
    assert re.search(r"\d+/QĐ", certificate.locator(".cert-number").inner_text())
    assert certificate.locator(".cert-expiry").inner_text().strip()
    assert "₫" in page.locator(".price.big").inner_text()


def test_english_switch_and_no_horizontal_scroll_on_a_phone(live_server, page):
    base, _app = live_server
    page.goto(base + "/products")
    page.get_by_role("link", name="EN", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    menu = open_menu(page)  # the site menu, in English
    menu.locator("summary", has_text="OCOP products").click()
    assert menu.get_by_role("link", name="All products").is_visible()
    page.locator(".menu-button").click()  # closed again
    page.locator("summary", has_text="Filters").click()
    assert page.get_by_role("button", name="Filter").is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
