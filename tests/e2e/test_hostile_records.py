"""Hostile records in a real browser: no page runs a user's markup.

The live server runs on the hostile world of tests/escaping (every text users write holds
`<script>alert(n)</script>`, `"><img src=x onerror=alert(n)>` and a `</script>` breakout).
Chromium opens the main pages of each role — and types into the search box, whose
suggestions are drawn by script from the API — and the test fails on any `dialog` event:
whatever the HTML parser of the sweep could miss, the browser would run.
"""
import shutil

import pytest

from marketplace import create_app
from marketplace.accounts import sessions
from marketplace.extensions import db as _db
from tests.conftest import SHARED_DATA_DIR
from tests.e2e.conftest import serve
from tests.escaping.world import MARKUP, build_world, fill_markup

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def site(sqlite_template, tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile-e2e")
    path = base / "db.sqlite3"
    shutil.copyfile(sqlite_template, path)
    folders = {"MEDIA_ROOT": str(base / "media"), "PRIVATE_MEDIA_ROOT": str(base / "private"),
               "MAIL_DIR": str(base / "mail")}
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
                                           "SHARED_DATA_DIR": SHARED_DATA_DIR, **folders})
    with app.app_context():
        w = build_world(app)
        fill_markup(w)
        urls = {
            "anonymous": ["/", "/products?q=script+alert", f"/products/{w.product.slug}",
                          f"/producers/{w.producer.slug}", "/events", f"/events/{w.event.slug}",
                          f"/showrooms/{w.showroom.slug}", "/programme/", f"/programme/plans/{w.plan.slug}",
                          "/programme/provinces/ha-noi", f"/tickets/{w.registration.code}"],
            "consumer": ["/cart", "/checkout", f"/orders/{w.order.reference}", f"/orders/{w.card_order.reference}"],
            "buyer": [f"/matching/demands/{w.demand.id}", f"/matching/connections/{w.connection.id}"],
            "producer": ["/studio/", f"/matching/offers/{w.offer.id}", f"/studio/shipments/{w.order.shipments[0].id}",
                         "/studio/certifications", "/studio/team"],
            "organizer": [f"/organizer/events/{w.event.id}", f"/organizer/events/{w.event.id}/visitors",
                          f"/matching/events/{w.b2b.slug}/meetings"],
            "officer": ["/admin/", f"/admin/producers/{w.producer.id}", "/admin/audit", "/programme/post-inspection"],
        }
        for user in w.users.values():
            sessions.start(user)  # a real, revocable session, as signing in opens
        users = {role: user.get_id() for role, user in w.users.items()}  # what Flask-Login stores
        product_slug = w.product.slug
        _db.session.remove()
        _db.engine.dispose()
    with serve(path, folders["MEDIA_ROOT"], PRIVATE_MEDIA_ROOT=folders["PRIVATE_MEDIA_ROOT"],
               MAIL_DIR=folders["MAIL_DIR"]) as (url, live):
        yield {"url": url, "app": live, "urls": urls, "users": users, "product": product_slug}


def _context(browser, site, role):
    """A browser context signed in as `role` (a session cookie signed by the live app)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    if role != "anonymous":
        app = site["app"]
        cookie = app.session_interface.get_signing_serializer(app).dumps({"_user_id": site["users"][role],
                                                                          "_fresh": True})
        context.add_cookies([{"name": app.config["SESSION_COOKIE_NAME"], "value": cookie, "url": site["url"]}])
    return context


def test_no_page_of_hostile_records_runs_their_script(browser, site):
    dialogs = []
    # The listener works: a page that does run such markup is caught.
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(("self-check", dialog.message)), dialog.dismiss()))
    page.set_content(MARKUP.format(n=0).split("</script>", 1)[1])
    page.wait_for_timeout(200)
    assert dialogs, "the dialog listener caught nothing on a page that runs alert()"
    dialogs.clear()
    context.close()

    for role, paths in site["urls"].items():
        context = _context(browser, site, role)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("dialog", lambda dialog, role=role: (dialogs.append((role, page.url, dialog.message)),
                                                     dialog.dismiss()))
        for path in paths:
            response = page.goto(site["url"] + path, wait_until="load")
            assert response.status < 500, f"{path} answered {response.status}"
            assert "/account/login" not in page.url, f"{role} was not signed in on {path}"
        if role == "anonymous":  # suggestions are drawn by script from the API's highlight HTML
            page.goto(site["url"] + "/")
            page.fill("#site-q", "script alert")
            page.wait_for_selector("#site-q-suggestions li:not(.suggest-all)")  # hostile names drawn
            page.wait_for_timeout(300)  # an onerror would fire once the broken image fails
        if role == "producer":  # the stock CSV preview shows the file's cells in its errors
            page.goto(site["url"] + "/studio/stock")
            cell = MARKUP.format(n=0).replace(",", " ")
            page.set_input_files("input[type=file]", files=[{
                "name": "kho.csv", "mimeType": "text/csv",
                "buffer": f"slug,price,stock\n{site['product']},{cell},{cell}\n".encode()}])
            page.click("form.upload-form [type=submit]")
            page.wait_for_load_state("load")
        context.close()
    assert not dialogs, f"script from hostile records ran: {sorted(set(dialogs))}"
