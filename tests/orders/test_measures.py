"""What orders feed elsewhere: the studio dashboard's order panels and the programme's
`orders` and `sales_vnd` indicators, each from this producer's or this area's records only."""
from datetime import timedelta

import pytest

from marketplace.core.timeutil import vn_today
from marketplace.orders import cancellation, fulfilment, panels
from marketplace.programme.metrics import Scope, measure
from tests.orders.conftest import NOW


def _deliver(owner, shipment, when):
    fulfilment.producer_move(owner, shipment, "confirm", now=when)
    fulfilment.producer_move(owner, shipment, "ship", now=when, carrier="VNPost", tracking_number="EV1")
    fulfilment.producer_move(owner, shipment, "deliver", now=when)


@pytest.fixture
def sales(shop, place):
    first = place({shop.tea: 2, shop.rice: 1}, now=NOW - timedelta(days=40))
    second = place({shop.tea: 1, shop.honey: 1}, now=NOW)
    cancelled = place({shop.honey: 3}, now=NOW)
    cancellation.cancel_order(cancelled, now=NOW)
    north_first = next(s for s in first.shipments if s.producer_id == shop.north.id)
    _deliver(shop.north_owner, north_first, NOW - timedelta(days=35))
    return first, second, cancelled


def _label(moment):
    """The dashboard's name of the month `moment` (naive UTC) falls in, in Vietnam."""
    return f"{vn_today(moment):%m/%Y}"  # the year in full: never read as a day


@pytest.mark.both_engines
def test_programme_indicators_count_orders_and_delivered_sales(shop, sales):
    from marketplace.catalog.services import find_province
    # The years the sales fall in (40 days ago and today: one year, or two in January).
    first_year, last_year = vn_today(NOW - timedelta(days=40)).year, vn_today(NOW).year
    today = vn_today(NOW)

    def scope(province, first=first_year, last=last_year):
        return Scope.of_years(find_province(province), first, last, today=today, now=NOW)
    ha_noi = scope("ha-noi")
    assert measure("orders", ha_noi).value == 2  # the cancelled order does not count
    assert measure("sales_vnd", ha_noi).value == 2 * 120_000  # delivered goods only, no shipping
    can_tho = scope("can-tho")
    assert (measure("orders", can_tho).value, measure("sales_vnd", can_tho).value) == (1, 0)
    earlier = scope("ha-noi", first_year - 1, first_year - 1)
    assert (measure("orders", earlier).value, measure("sales_vnd", earlier).value) == (0, 0)
    this_year_only = scope("ha-noi", last_year, last_year)
    assert measure("orders", this_year_only).value == (2 if first_year == last_year else 1)


def test_dashboard_order_panels(shop, sales):
    today = vn_today(NOW)
    waiting = panels.orders_waiting_panel(shop.north)
    assert [s.order.reference for s in waiting["shipments"]] == [sales[1].reference]
    assert panels.orders_waiting_panel(shop.south)["shipments"][0].order.reference == sales[0].reference
    points = panels.sales_by_month_panel(shop.north, today)["points"]
    assert len(points) == 12 and points[-1] == (_label(NOW), 0)  # this month: nothing delivered yet
    delivered_in = _label(NOW - timedelta(days=35))  # the month before, or the one before that
    assert [p for p in points if p[1]] == [(delivered_in, 240_000)]
    assert panels.sales_by_month_panel(shop.south, today) is None
    bars = panels.best_sellers_panel(shop.north, today)["bars"]
    assert bars == [("Chè Shan tuyết", 3), ("Mật ong bạc hà", 1)]  # the cancelled 3 jars do not count


def test_dashboard_page_shows_the_order_panels(shop, sales, client, forms):
    forms.post("/account/login", {"email": shop.north_owner.email, "password": "mat-khau-123"})
    html = client.get("/studio/").get_data(as_text=True)
    assert "Đơn hàng cần xử lý" in html and sales[1].reference in html
    assert "Doanh số theo tháng" in html and "Bán chạy nhất" in html
