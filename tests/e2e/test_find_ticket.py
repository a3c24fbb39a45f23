"""A visitor who closed the tab finds their ticket again, on a phone (390x844) and a desktop (1366x900).

A guest registers for the fair of the visitor site (tests/e2e/test_visitor.py), leaves, and later
asks /tickets/find for their tickets: the page only says they were sent (it never shows them);
the e-mail that arrives holds the ticket's link, and that link opens the same ticket.
The service-level rules (same answer for unknown addresses, past events not sent) are in
tests/events/test_find_tickets.py.
"""
import re

import pytest

from tests.conftest import link_in, read_mail
from tests.e2e.conftest import screenshot
from tests.e2e.test_visitor import OVERFLOW, SIZES, _axe, _page, site  # noqa: F401 (site: the fixture)

pytestmark = pytest.mark.e2e

SENT = "vé vừa được gửi lại vào hộp thư đó"


@pytest.mark.parametrize("size", SIZES)
def test_a_guest_finds_their_ticket_again_by_e_mail(site, browser, size):  # noqa: F811
    base, paths, app = site
    address = f"khach-vang-lai-{size}@example.vn"

    # A guest registers for the fair and gets a ticket, then closes the tab.
    page = _page(browser, base, size)
    page.goto(paths["event"])
    page.get_by_role("link", name="Đăng ký tham quan").first.click()
    page.fill("#name", "Đỗ Minh Khang")
    page.fill("#email", address)
    page.click("main input[type=submit][value='Đăng ký tham quan']")
    page.wait_for_url(re.compile(r"/tickets/[0-9A-Z]{12}$"))
    ticket_url = page.url
    code = page.locator(".ticket-code code").inner_text().strip()
    page.context.close()

    # Later, in a new browser: "Tìm lại vé", from the footer of any page.
    page = _page(browser, base, size)
    page.goto("/")
    page.locator("footer.site-footer").get_by_role("link", name=re.compile("Tìm lại vé")).click()
    page.wait_for_url(re.compile(r"/tickets/find$"))
    assert page.evaluate(OVERFLOW) <= 0, f"/tickets/find is wider than a {size} screen"
    page.get_by_label("Email").fill(address.upper())
    page.locator("main form input[type=submit]").click()
    page.wait_for_url(re.compile(r"/tickets/find$"))
    assert page.get_by_text(SENT).is_visible()
    assert code not in page.content() and ticket_url not in page.content()  # the code travels by e-mail only
    screenshot(page, f"find-ticket-sent-{size}")
    assert not _axe(page), _axe(page)

    # The mailbox holds the ticket's link; following it shows the same ticket.
    mails = [m for m in read_mail(app) if f"To: {address}" in m]
    assert len(mails) == 2, "the ticket at registration, and once more when asked"
    assert "gửi lại vé sự kiện" in mails[-1]
    link = link_in(mails[-1:], "/tickets/", to=address)
    assert link.rstrip(".,)") == ticket_url
    page.goto(link)
    assert page.locator(".ticket-code code").inner_text().strip() == code
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.evaluate(OVERFLOW) <= 0, f"the ticket is wider than a {size} screen"
    screenshot(page, f"find-ticket-opened-{size}")
    page.context.close()
