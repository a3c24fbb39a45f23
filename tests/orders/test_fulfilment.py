"""Every move of the shipment and payment state machines, who may make it, stock
released on cancellation and expiry, refunds queued, and the producers' pages."""
from datetime import timedelta

import pytest

from marketplace.core import outbox
from marketplace.core.errors import InvalidTransition, PermissionDenied
from marketplace.orders import cancellation, fulfilment, transfers
from marketplace.orders.models import Order, PaymentStatus, ShipmentStatus
from marketplace.orders.state import PAYMENT_TRANSITIONS, SHIPMENT_TRANSITIONS, move_payment, move_shipment
from tests.orders.conftest import NOW, stock_of

ALL_SHIPMENT_MOVES = [(a, b) for a in ShipmentStatus for b in ShipmentStatus]


def _put_in(db, shipment, status):
    shipment.status = status
    db.session.commit()


@pytest.mark.parametrize("start,target", ALL_SHIPMENT_MOVES, ids=lambda s: s.value)
def test_shipment_state_machine(shop, place, db, start, target):
    order = place({shop.tea: 1})
    shipment = order.shipments[0]
    _put_in(db, shipment, start)
    allowed = target in SHIPMENT_TRANSITIONS[start]
    if allowed:
        move_shipment(shipment, target, now=NOW, carrier="VNPost", tracking_number="EV123456789VN")
        assert shipment.status == target
    else:
        with pytest.raises(InvalidTransition):
            move_shipment(shipment, target, now=NOW, carrier="VNPost", tracking_number="EV123456789VN")
        assert shipment.status == start


@pytest.mark.parametrize("start,target", [(a, b) for a in PaymentStatus for b in PaymentStatus],
                         ids=lambda s: s.value)
def test_payment_state_machine(shop, place, db, start, target):
    order = place({shop.tea: 1})
    order.payment_status = start
    if target in PAYMENT_TRANSITIONS[start]:
        move_payment(order, target, now=NOW)
        assert order.payment_status == target
    else:
        with pytest.raises(InvalidTransition):
            move_payment(order, target, now=NOW)
        assert order.payment_status == start


def test_cash_on_delivery_is_paid_when_every_parcel_is_delivered(shop, place, db):
    order = place({shop.tea: 1, shop.rice: 2})
    north, south = sorted(order.shipments, key=lambda s: s.producer_id != shop.north.id)
    for owner, shipment in ((shop.north_owner, north), (shop.south_owner, south)):
        fulfilment.producer_move(owner, shipment, "confirm", now=NOW)
        fulfilment.producer_move(owner, shipment, "ship", now=NOW, carrier="GHTK", tracking_number="S123")
    fulfilment.producer_move(shop.north_owner, north, "deliver", now=NOW)
    db.session.refresh(order)
    assert order.payment_status == PaymentStatus.UNPAID and north.cash_collected_at == NOW
    fulfilment.producer_move(shop.south_owner, south, "deliver", now=NOW + timedelta(hours=1))
    db.session.refresh(order)
    assert order.payment_status == PaymentStatus.PAID and order.paid_at == NOW + timedelta(hours=1)


def test_card_or_transfer_parcels_leave_only_once_paid(shop, place, db):
    order = place({shop.tea: 1}, method="bank_transfer")
    shipment = order.shipments[0]
    fulfilment.producer_move(shop.north_owner, shipment, "confirm", now=NOW)
    with pytest.raises(InvalidTransition, match="chưa được thanh toán"):
        fulfilment.producer_move(shop.north_owner, shipment, "ship", now=NOW, carrier="GHN", tracking_number="1")
    transfers.mark_transfer_received(shop.north_owner, order, now=NOW)  # the only producer of the order
    fulfilment.producer_move(shop.north_owner, shipment, "ship", now=NOW, carrier="GHN", tracking_number="1")
    assert shipment.status == ShipmentStatus.SHIPPED and shipment.carrier == "GHN"


def test_shipping_needs_carrier_and_tracking_number(shop, place):
    order = place({shop.tea: 1})
    shipment = order.shipments[0]
    fulfilment.producer_move(shop.north_owner, shipment, "confirm", now=NOW)
    with pytest.raises(InvalidTransition):
        fulfilment.producer_move(shop.north_owner, shipment, "ship", now=NOW, carrier=" ", tracking_number="")
    assert shipment.status == ShipmentStatus.CONFIRMED


def test_a_producer_cannot_move_another_producers_shipment(shop, place, db):
    order = place({shop.tea: 1, shop.rice: 1})
    south_parcel = next(s for s in order.shipments if s.producer_id == shop.south.id)
    with pytest.raises(PermissionDenied):
        fulfilment.producer_move(shop.north_owner, south_parcel, "confirm", now=NOW)
    with pytest.raises(PermissionDenied):
        fulfilment.producer_move(shop.buyer, south_parcel, "cancel", now=NOW)
    assert south_parcel.status == ShipmentStatus.PLACED


def test_transfer_of_a_two_producer_order_is_marked_by_an_officer_only(shop, place, make_user):
    order = place({shop.tea: 1, shop.rice: 1}, method="bank_transfer")
    with pytest.raises(PermissionDenied):
        transfers.mark_transfer_received(shop.north_owner, order, now=NOW)
    with pytest.raises(PermissionDenied):
        transfers.mark_transfer_received(shop.buyer, order, now=NOW)
    officer = make_user(role="officer")
    transfers.mark_transfer_received(officer, order, now=NOW)
    assert order.payment_status == PaymentStatus.PAID
    with pytest.raises(InvalidTransition):
        transfers.mark_transfer_received(officer, order, now=NOW)
    cod = place({shop.tea: 1})
    with pytest.raises(InvalidTransition):
        transfers.mark_transfer_received(officer, cod, now=NOW)


def test_buyer_cancels_before_shipment_and_stock_comes_back(shop, place, db, mailbox):
    order = place({shop.tea: 3, shop.rice: 2}, user=shop.buyer)
    assert stock_of(db, shop.tea) == 7
    cancellation.cancel_order(order, now=NOW)
    assert all(s.status == ShipmentStatus.CANCELLED for s in order.shipments)
    assert (stock_of(db, shop.tea), stock_of(db, shop.rice)) == (10, 20)
    with pytest.raises(InvalidTransition):
        cancellation.cancel_order(order, now=NOW)  # twice: refused, stock not released again
    assert stock_of(db, shop.tea) == 10
    assert any("đã được hủy" in m for m in mailbox())


def test_buyer_cannot_cancel_once_a_parcel_has_left(shop, place, db):
    order = place({shop.tea: 1, shop.rice: 1})
    north = next(s for s in order.shipments if s.producer_id == shop.north.id)
    fulfilment.producer_move(shop.north_owner, north, "confirm", now=NOW)
    fulfilment.producer_move(shop.north_owner, north, "ship", now=NOW, carrier="VNPost", tracking_number="X")
    with pytest.raises(InvalidTransition, match="đã có kiện hàng được gửi đi"):
        cancellation.cancel_order(order, now=NOW)
    assert stock_of(db, shop.rice) == 19


def test_cancelling_a_paid_parcel_queues_its_refund(shop, place, db, make_user):
    order = place({shop.tea: 1, shop.rice: 1}, method="bank_transfer")
    transfers.mark_transfer_received(make_user(role="officer"), order, now=NOW)
    north = next(s for s in order.shipments if s.producer_id == shop.north.id)
    fulfilment.producer_move(shop.north_owner, north, "cancel", now=NOW, reason="Hết hàng trong kho")
    assert order.refunded_amount == north.total and order.payment_status == PaymentStatus.PAID
    cancellation.cancel_order(order, now=NOW)
    assert order.payment_status == PaymentStatus.REFUNDED and order.refunded_amount == order.total
    refunds = [m.payload for m in db.session.query(outbox.OutboxMessage).filter_by(topic="payments.refund")]
    assert sorted(r["amount"] for r in refunds) == sorted([north.total, order.total - north.total])
    outbox.drain()
    from marketplace.payments.models import Refund
    assert {r.status.value for r in db.session.query(Refund)} == {"manual"}  # a transfer goes back by hand
    outbox.drain()
    assert db.session.query(Refund).count() == 2  # a message handled twice refunds once


def test_unpaid_orders_expire_and_release_their_stock(shop, place, db, mailbox):
    card = place({shop.honey: 2}, method="card")
    transfer = place({shop.honey: 1}, method="bank_transfer")
    cod = place({shop.honey: 1})
    assert stock_of(db, shop.honey) == 1
    assert cancellation.expire_orders(now=NOW + timedelta(minutes=29)) == 0
    assert cancellation.expire_orders(now=NOW + timedelta(minutes=31)) == 1
    assert stock_of(db, shop.honey) == 3
    db.session.refresh(card)
    assert card.expired_at is not None and card.is_cancelled
    assert cancellation.expire_orders(now=NOW + timedelta(days=3)) == 1  # the transfer; cash on delivery never
    assert stock_of(db, shop.honey) == 4
    db.session.refresh(cod)
    assert not cod.is_cancelled
    assert cancellation.expire_orders(now=NOW + timedelta(days=30)) == 0  # already expired: nothing twice
    assert stock_of(db, shop.honey) == 4
    assert any("hết thời hạn thanh toán" in m for m in mailbox())
    assert transfer.reference


def test_a_paid_order_does_not_expire(shop, place, db, make_user):
    order = place({shop.tea: 1}, method="bank_transfer")
    transfers.mark_transfer_received(make_user(role="officer"), order, now=NOW)
    assert cancellation.expire_orders(now=NOW + timedelta(days=30)) == 0
    assert stock_of(db, shop.tea) == 9


def test_flask_orders_expire_command(shop, place, app, db):
    place({shop.tea: 2}, method="card", now=NOW - timedelta(days=1))
    result = app.test_cli_runner().invoke(args=["orders", "expire"])
    assert result.exit_code == 0 and "expired 1" in result.output
    assert stock_of(db, shop.tea) == 10


# --- pages: producers see their own parcels only; refused moves are messages ------------

def _login(forms, user):
    forms.post("/account/login", {"email": user.email, "password": "mat-khau-123"})


def test_producer_pages_show_only_their_own_parcels(shop, place, client, forms):
    order = place({shop.tea: 1, shop.rice: 1})
    north = next(s for s in order.shipments if s.producer_id == shop.north.id)
    south = next(s for s in order.shipments if s.producer_id == shop.south.id)
    _login(forms, shop.north_owner)
    listing = client.get("/studio/shipments").get_data(as_text=True)
    assert order.reference in listing
    page = client.get(f"/studio/shipments/{north.id}").get_data(as_text=True)
    assert "Chè Shan tuyết" in page and "Gạo thơm ST25" not in page
    assert client.get(f"/studio/shipments/{south.id}").status_code == 404
    response = forms.post(f"/studio/shipments/{south.id}/confirm", {}, form_url=f"/studio/shipments/{north.id}")
    assert response.status_code == 404
    assert south.status == ShipmentStatus.PLACED


def test_producer_moves_a_parcel_through_the_pages(shop, place, client, forms, db):
    order = place({shop.tea: 1})
    shipment = order.shipments[0]
    _login(forms, shop.north_owner)
    url = f"/studio/shipments/{shipment.id}"
    assert forms.post(f"{url}/confirm", {}, form_url=url).status_code == 302
    response = forms.post(f"{url}/ship", {"carrier": "", "tracking_number": ""}, form_url=url, follow_redirects=True)
    assert "Nhập đơn vị vận chuyển" in response.get_data(as_text=True)
    forms.post(f"{url}/ship", {"carrier": "Viettel Post", "tracking_number": "VTP123"}, form_url=url)
    response = forms.post(f"{url}/confirm", {}, form_url=url, follow_redirects=True)  # a forbidden move
    assert response.status_code == 200 and "Không thể chuyển kiện hàng" in response.get_data(as_text=True)
    forms.post(f"{url}/deliver", {}, form_url=url)
    db.session.refresh(order)
    assert order.shipments[0].status == ShipmentStatus.DELIVERED and order.payment_status == PaymentStatus.PAID
    assert client.post(f"{url}/explode", data={}).status_code in (400, 404)


def test_buyer_cancel_page_shows_a_message_when_refused(shop, place, client, forms, db):
    order = place({shop.tea: 1}, user=shop.buyer)
    fulfilment.producer_move(shop.north_owner, order.shipments[0], "confirm", now=NOW)
    fulfilment.producer_move(shop.north_owner, order.shipments[0], "ship", now=NOW, carrier="A", tracking_number="B")
    _login(forms, shop.buyer)
    url = f"/orders/{order.reference}"
    response = forms.post(f"{url}/cancel", {}, form_url="/orders", follow_redirects=True)
    assert response.status_code == 200 and "đã có kiện hàng được gửi đi" in response.get_data(as_text=True)


def test_officer_lists_and_confirms_transfers(shop, place, client, forms, make_user, db):
    order = place({shop.tea: 1, shop.rice: 1}, method="bank_transfer")
    officer = make_user(role="officer")
    _login(forms, shop.buyer)
    assert client.get("/orders/transfers").status_code == 403
    client.post("/account/logout", data={"csrf_token": forms.token("/orders")})
    _login(forms, officer)
    assert order.reference in client.get("/orders/transfers").get_data(as_text=True)
    forms.post(f"/orders/{order.reference}/transfer-received", {}, form_url="/orders/transfers")
    db.session.refresh(order)
    assert order.payment_status == PaymentStatus.PAID
    assert db.session.get(Order, order.id).paid_at is not None
