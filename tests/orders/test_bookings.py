"""Services are not parcels: a group-6 product is booked for a date (or nights) and a number of
people, with no address and no shipping; its capacity per date is held by the bookings, and the
producer confirms, declines or completes each booking."""
from dataclasses import dataclass
from datetime import timedelta

import pytest

from marketplace.catalog.models import ProducerMember
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationError
from marketplace.core.timeutil import vn_today
from marketplace.orders import booking_cart, booking_services, cancellation, checkout, reviews
from marketplace.orders.bookings import BookingRequest
from marketplace.orders.kinds import Kind, kind_of
from marketplace.orders.models import (Booking, BookingStatus, Order, PaymentStatus, ServiceCount, ServiceDay,
                                       ServiceTerms)
from marketplace.payments.models import Refund
from tests.conftest import sign_in
from tests.orders.conftest import NOW, contact


@dataclass
class Tourism:
    producer: object
    owner: object
    stay: object  # homestay, 300.000 ₫ per person per night, 6 guests a night (booked by night)
    boat: object  # boat ticket, 150.000 ₫ per person, 10 a day (one date)


@pytest.fixture
def tourism(db, make_user, make_producer, make_product):
    owner = make_user(role="producer")
    producer = make_producer(name="HTX Du lịch Tả Van", province="lao-cai")
    db.session.add(ProducerMember(producer=producer, user=owner, is_owner=True))
    db.session.commit()
    stay = make_product(name="Homestay Tả Van", producer=producer, category="du-lich-cong-dong-homestay",
                        price=300_000, stock=6, unit="người/đêm")
    boat = make_product(name="Vé thuyền Tam Cốc", producer=producer, category="diem-du-lich", price=150_000,
                        stock=10, unit="vé/người")
    return Tourism(producer, owner, stay, boat)


def _day(n):
    return vn_today(NOW) + timedelta(days=n)


def booked_on(db, product, day):
    db.session.expire_all()
    row = db.session.get(ServiceDay, (product.id, day))
    return row.booked if row else 0


def book(product, start, people, nights=0, quantity=None):
    end = start + timedelta(days=nights) if nights else start
    return BookingRequest(product.id, start, end, quantity or people, people)


@pytest.fixture
def place_bookings(rules, tourism):
    def place(bookings, items=None, method="cod", province=None, **kwargs):
        who = contact(province) if province else contact(province="ha-noi", ward="", street="")
        if not province:
            who = checkout.Contact(name=who.name, phone=who.phone, email=who.email)
        return checkout.place_order(items=items or {}, contact=who, payment_method=method, rules=rules, now=NOW,
                                    bookings=bookings, **kwargs)
    return place


# --- the rule --------------------------------------------------------------------------------

def test_group_six_is_a_service_and_other_groups_are_goods(tourism, shop):
    assert kind_of(tourism.stay) == kind_of(tourism.boat) == Kind.SERVICE
    assert kind_of(shop.tea) == Kind.GOODS


# --- placing an order of services -----------------------------------------------------------

def test_a_homestay_is_booked_without_address_or_shipping(tourism, place_bookings, db, mailbox):
    order = place_bookings([book(tourism.stay, _day(10), people=2, nights=3)])
    assert order.province_id is None and order.street is None and order.ward is None
    assert order.shipping_total == 0 and order.shipments == []
    assert order.total == 300_000 * 2 * 3
    booking = order.bookings[0]
    assert (booking.status, booking.nights, booking.people, booking.ends_on) == (
        BookingStatus.REQUESTED, 3, 2, _day(13))
    assert [booked_on(db, tourism.stay, _day(n)) for n in (9, 10, 11, 12, 13)] == [0, 2, 2, 2, 0]
    mails = mailbox()
    to_producer = next(m for m in mails if tourism.owner.email in m)
    assert "Homestay Tả Van" in to_producer and _day(10).strftime("%d/%m/%Y") in to_producer
    to_buyer = next(m for m in mails if "To: nguoimua@example.vn" in m)
    assert "Giao đến" not in to_buyer and "chờ chủ thể xác nhận" in to_buyer


def test_a_mixed_cart_ships_only_the_goods(tourism, shop, place_bookings, app):
    order = place_bookings([book(tourism.boat, _day(3), people=4)], items={shop.tea.id: 1}, province="ha-noi")
    assert [s.producer_id for s in order.shipments] == [shop.north.id]
    assert order.shipping_total == app.config["SHIPPING_FEE_SAME_PROVINCE"]  # the tea's parcel; the boat is not shipped
    assert order.total == 120_000 + 4 * 150_000 + order.shipping_total
    assert order.street == "12 Phố Hòe Nhai"


def test_a_mixed_cart_still_needs_the_goods_address(tourism, shop, rules):
    who = checkout.Contact(name="Trần Thị Mua", phone="0912345678", email="a@example.vn")
    with pytest.raises(ValidationError) as refused:
        checkout.place_order(items={shop.tea.id: 1}, contact=who, payment_method="cod", rules=rules, now=NOW,
                             bookings=[book(tourism.boat, _day(3), people=1)])
    assert refused.value.field == "province"


def test_a_date_never_holds_more_than_its_capacity(tourism, place_bookings, db):
    place_bookings([book(tourism.stay, _day(5), people=4, nights=2)])
    with pytest.raises(ValidationError, match="Ngày " + _day(6).strftime("%d/%m/%Y") + " chỉ còn 2 chỗ"):
        place_bookings([book(tourism.stay, _day(6), people=3, nights=1)])
    assert booked_on(db, tourism.stay, _day(6)) == 4 and db.session.query(Order).count() == 1
    place_bookings([book(tourism.stay, _day(6), people=2, nights=2)])  # the last two places, and the next night
    assert [booked_on(db, tourism.stay, _day(n)) for n in (5, 6, 7)] == [4, 6, 2]


def test_the_cart_refuses_what_cannot_be_had(tourism, db):
    today = vn_today()
    with pytest.raises(ValidationError, match="đã qua"):
        booking_cart.add_booking([], tourism.boat.id, starts_on=today - timedelta(days=1), people=2, today=today)
    with pytest.raises(ValidationError, match="trả phòng"):
        booking_cart.add_booking([], tourism.stay.id, starts_on=today, ends_on=today, people=2, today=today)
    with pytest.raises(ValidationError, match="tối đa 14 đêm"):
        booking_cart.add_booking([], tourism.stay.id, starts_on=today, ends_on=today + timedelta(days=15), people=2,
                                 today=today)
    with pytest.raises(ValidationError, match="chỉ còn 10 chỗ|kín chỗ"):
        booking_cart.add_booking([], tourism.boat.id, starts_on=today, people=11, today=today)
    for people in (0, -1, 100, "abc", None):
        with pytest.raises(ValidationError):
            booking_cart.add_booking([], tourism.boat.id, starts_on=today, people=people, today=today)
    cart = booking_cart.add_booking([], tourism.stay.id, starts_on=today, ends_on=today + timedelta(days=2), people=4,
                                    today=today)
    with pytest.raises(ValidationError, match="chỉ còn 2 chỗ"):  # the cart's own stay on the same night is counted
        booking_cart.add_booking(cart, tourism.stay.id, starts_on=today + timedelta(days=1),
                                 ends_on=today + timedelta(days=3), people=3, today=today)
    again = booking_cart.add_booking(cart, tourism.stay.id, starts_on=today, ends_on=today + timedelta(days=1),
                                     people=6, today=today)  # the same first date replaces the line
    assert [(b.people, b.nights) for b in again] == [(6, 1)]


def test_a_tampered_session_booking_is_dropped():
    good = [5, "2031-01-02", "2031-01-04", 2, 2]
    raw = [good, [5, "x", "2031-01-04", 2, 2], [6, "2031-01-02", "2030-01-01", 1, 1], [7, "2031-01-02", "2031-03-01", 1, 1],
           [8, "2031-01-02", "2031-01-02", -1, 1], [9, "2031-01-02", "2031-01-02", 1, 10**6], "nonsense", [1, 2]]
    assert booking_cart.to_session(booking_cart.normalise_bookings(raw)) == [good]


# --- the producer's side ----------------------------------------------------------------------

def test_units_capacity_counts_rooms_not_guests(tourism, place_bookings, db):
    booking_services.save_terms(tourism.owner, tourism.stay, counts="units", by_night=True)
    assert db.session.get(ServiceTerms, tourism.stay.id).counts == ServiceCount.UNITS
    order = place_bookings([book(tourism.stay, _day(2), people=5, nights=1, quantity=2)])
    assert order.total == 300_000 * 2 and booked_on(db, tourism.stay, _day(2)) == 2


def test_confirm_then_complete_with_pay_on_arrival(tourism, place_bookings, db, mailbox):
    order = place_bookings([book(tourism.boat, _day(0), people=3)])
    booking = order.bookings[0]
    booking_services.producer_booking_move(tourism.owner, booking, "confirm", now=NOW)
    booking_services.producer_booking_move(tourism.owner, booking, "complete", now=NOW)
    db.session.expire_all()
    order = db.session.get(Order, order.id)
    assert order.bookings[0].status == BookingStatus.COMPLETED and order.bookings[0].cash_collected_at == NOW
    assert order.payment_status == PaymentStatus.PAID
    subjects = [m for m in mailbox() if "To: nguoimua@example.vn" in m]
    assert any("đã được xác nhận" in m for m in subjects) and any("Cảm ơn bạn đã sử dụng" in m for m in subjects)


def test_a_stay_cannot_be_completed_before_its_date_nor_moved_backwards(tourism, place_bookings, db):
    order = place_bookings([book(tourism.boat, _day(4), people=1)])
    booking = order.bookings[0]
    with pytest.raises(InvalidTransition):
        booking_services.producer_booking_move(tourism.owner, booking, "complete", now=NOW)  # still requested
    booking_services.producer_booking_move(tourism.owner, booking, "confirm", now=NOW)
    with pytest.raises(InvalidTransition, match="Chưa đến ngày"):
        booking_services.producer_booking_move(tourism.owner, booking, "complete", now=NOW)
    with pytest.raises(InvalidTransition):
        booking_services.producer_booking_move(tourism.owner, booking, "decline", now=NOW, reason="x")


def test_declining_a_paid_booking_gives_the_places_back_and_refunds_it(tourism, place_bookings, db, make_user):
    from marketplace.orders.transfers import mark_transfer_received
    order = place_bookings([book(tourism.stay, _day(8), people=6, nights=2)], method="bank_transfer")
    mark_transfer_received(tourism.owner, order, now=NOW)  # the producer's own order: they may mark it
    assert booked_on(db, tourism.stay, _day(9)) == 6
    with pytest.raises(ValidationError):
        booking_services.producer_booking_move(tourism.owner, order.bookings[0], "decline", now=NOW, reason=" ")
    booking_services.producer_booking_move(tourism.owner, order.bookings[0], "decline", now=NOW,
                                           reason="Nhà đang sửa mái")
    db.session.expire_all()
    order = db.session.get(Order, order.id)
    assert order.bookings[0].status == BookingStatus.DECLINED
    assert [booked_on(db, tourism.stay, _day(n)) for n in (8, 9)] == [0, 0]
    assert order.payment_status == PaymentStatus.REFUNDED and order.refunded_amount == order.total
    from marketplace.core import outbox
    outbox.drain()
    assert db.session.query(Refund).one().amount == 300_000 * 6 * 2


def test_another_producer_cannot_move_a_booking(tourism, place_bookings, make_user, make_producer, db):
    order = place_bookings([book(tourism.boat, _day(1), people=1)])
    stranger = make_user(role="producer")
    db.session.add(ProducerMember(producer=make_producer(), user=stranger, is_owner=True))
    db.session.commit()
    with pytest.raises(PermissionDenied):
        booking_services.producer_booking_move(stranger, order.bookings[0], "confirm", now=NOW)


def test_a_closed_day_takes_no_booking_and_a_booked_day_cannot_be_closed(tourism, place_bookings, db):
    today = vn_today()
    booking_services.close_day(tourism.owner, tourism.boat, today + timedelta(days=3), today=today)
    with pytest.raises(ValidationError, match="không nhận khách"):
        booking_cart.add_booking([], tourism.boat.id, starts_on=today + timedelta(days=3), people=1, today=today)
    place_bookings([book(tourism.boat, today + timedelta(days=4), people=1)])
    with pytest.raises(ValidationError, match="đã có khách đặt"):
        booking_services.close_day(tourism.owner, tourism.boat, today + timedelta(days=4), today=today)
    booking_services.open_day(tourism.owner, tourism.boat, today + timedelta(days=3), today=today)
    assert booking_cart.add_booking([], tourism.boat.id, starts_on=today + timedelta(days=3), people=1, today=today)


def test_buyer_cancellation_and_expiry_give_the_places_back(tourism, place_bookings, db):
    cancelled = place_bookings([book(tourism.boat, _day(2), people=4)])
    cancellation.cancel_order(cancelled, now=NOW)
    assert booked_on(db, tourism.boat, _day(2)) == 0
    unpaid = place_bookings([book(tourism.boat, _day(2), people=10)], method="bank_transfer")
    assert booked_on(db, tourism.boat, _day(2)) == 10
    assert cancellation.expire_orders(now=NOW + timedelta(days=3)) == 1
    db.session.expire_all()
    assert booked_on(db, tourism.boat, _day(2)) == 0
    assert db.session.get(Booking, unpaid.bookings[0].id).status == BookingStatus.CANCELLED


def test_a_completed_stay_can_be_reviewed(tourism, place_bookings, db):
    order = place_bookings([book(tourism.boat, _day(0), people=1)])
    order.user_id = tourism.owner.id
    db.session.commit()
    for action in ("confirm", "complete"):
        booking_services.producer_booking_move(tourism.owner, order.bookings[0], action, now=NOW)
    assert [i.product_id for i in reviews.reviewable_items(order, tourism.owner)] == [tourism.boat.id]
    review = reviews.add_review(tourism.owner, order, tourism.boat.id, rating=5,
                                body="Thuyền đẹp, người chèo vui",
                                now=NOW)
    assert review.id


# --- the pages --------------------------------------------------------------------------------

def test_booking_from_the_product_page_to_an_order_without_address(tourism, client, forms, db):
    page = client.get(f"/products/{tourism.stay.slug}").get_data(as_text=True)
    assert 'name="starts_on"' in page and 'name="ends_on"' in page and 'type="date"' in page
    assert 'name="quantity"' not in page  # guests, not a quantity
    start = vn_today() + timedelta(days=20)
    response = forms.post("/cart/book", {"product_id": tourism.stay.id, "starts_on": start.isoformat(),
                                         "ends_on": (start + timedelta(days=2)).isoformat(), "people": "3"},
                          form_url=f"/products/{tourism.stay.slug}")
    assert response.status_code == 302
    cart = client.get("/cart").get_data(as_text=True)
    assert "Homestay Tả Van" in cart and "2 đêm" in cart and "phí giao hàng, tính theo địa chỉ" not in cart
    checkout_page = client.get("/checkout").get_data(as_text=True)
    assert 'name="province"' not in checkout_page and 'name="street"' not in checkout_page
    assert "Thanh toán khi đến nơi" in checkout_page and "Phí giao hàng" not in checkout_page
    total = 300_000 * 3 * 2
    assert f'name="expected_total" type="hidden" value="{total}"' in checkout_page
    response = forms.post("/checkout", {"name": "Lê Khách", "phone": "0987654321", "email": "khach@example.vn",
                                        "payment_method": "cod", "expected_total": str(total)}, form_url="/checkout")
    assert response.status_code == 302, response.get_data(as_text=True)
    order = db.session.query(Order).one()
    assert order.total == total and order.bookings[0].starts_on == start and order.province_id is None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Chờ xác nhận" in page and "Giao đến" not in page


def test_the_booking_form_refuses_bad_dates_with_a_message(tourism, client, forms, db):
    for data in ({"starts_on": "not-a-date"}, {"starts_on": "2001-01-01"}, {"starts_on": ""},
                 {"starts_on": vn_today().isoformat(), "people": "-4"}):
        response = forms.post("/cart/book", {"product_id": tourism.boat.id, "people": "2", **data},
                              form_url=f"/products/{tourism.boat.slug}", follow_redirects=True)
        assert response.status_code == 200
        assert 'class="flash flash-error"' in response.get_data(as_text=True)
    assert booking_cart.user_bookings(tourism.owner.id) == [] and db.session.query(ServiceDay).count() == 0


def test_the_producer_sees_and_confirms_bookings_in_the_studio(tourism, place_bookings, client, forms, db,
                                                               make_user, make_producer):
    order = place_bookings([book(tourism.boat, _day(1), people=2)])
    booking = order.bookings[0]
    sign_in(client, tourism.owner)
    listing = client.get("/studio/bookings").get_data(as_text=True)
    assert "Vé thuyền Tam Cốc" in listing and "Chờ xác nhận" in listing
    response = forms.post(f"/studio/bookings/{booking.id}/confirm", {}, form_url=f"/studio/bookings/{booking.id}")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Booking, booking.id).status == BookingStatus.CONFIRMED
    stranger = make_user(role="producer")
    db.session.add(ProducerMember(producer=make_producer(), user=stranger, is_owner=True))
    db.session.commit()
    other = FormClientFor(client.application, stranger)
    assert other.get(f"/studio/bookings/{booking.id}").status_code == 404


def FormClientFor(app, user):
    client = app.test_client()
    sign_in(client, user)
    return client


def test_the_studio_sets_how_a_service_is_booked(tourism, client, forms, db):
    sign_in(client, tourism.owner)
    page = client.get(f"/studio/products/{tourism.boat.id}").get_data(as_text=True)
    assert 'id="service"' in page
    response = forms.post(f"/studio/products/{tourism.boat.id}/service", {"counts": "units", "by_night": "y"},
                          form_url=f"/studio/products/{tourism.boat.id}")
    assert response.status_code == 302
    terms = db.session.get(ServiceTerms, tourism.boat.id)
    assert terms.counts == ServiceCount.UNITS and terms.by_night
    day = vn_today() + timedelta(days=5)
    forms.post(f"/studio/products/{tourism.boat.id}/service/close", {"day": day.isoformat()},
               form_url=f"/studio/products/{tourism.boat.id}")
    assert db.session.get(ServiceDay, (tourism.boat.id, day)).closed
    product_page = client.get(f"/products/{tourism.boat.slug}").get_data(as_text=True)
    assert f'datetime="{day.isoformat()}"' in product_page
