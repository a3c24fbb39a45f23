"""Event forms sent twice (a double tap, a reload) create one record and the repeat shows it:
visitor registration (the same ticket, not "already registered"), booth application, and the
organizer's new event and showroom."""
from marketplace.events.models import BoothApplication, Event, Showroom, VisitorRegistration
from tests.events.test_pages import login
from tests.submissions import assert_created_once, assert_refused_without_token


def _count(db, model):
    db.session.expire_all()
    return db.session.query(model).count()


def test_a_registration_sent_twice_is_one_ticket(forms, client, make_event, db, sent):
    event = make_event(visitor_capacity=100)
    url = f"/events/{event.slug}/register"
    data = {"name": "Phạm Thị Dung", "email": "dung@example.vn"}
    first, _second = assert_created_once(forms, url, data, lambda: _count(db, VisitorRegistration))
    registration = db.session.query(VisitorRegistration).one()
    assert first.headers["Location"] == f"/tickets/{registration.code}"
    assert sum("dung@example.vn" in message for message in sent()) == 1  # one ticket e-mail
    assert_refused_without_token(forms, url, {"name": "Hồ Văn Em", "phone": "0987654321"},
                                 lambda: _count(db, VisitorRegistration))


def test_a_booth_application_sent_twice_is_one_application(forms, make_event, exhibitor, db):
    event = make_event()
    producer, member, products = exhibitor()
    login(forms, member)
    assert_created_once(forms, f"/events/{event.slug}/apply",
                        {"producer": producer.id, "products": [p.id for p in products], "booth_size": "3x3"},
                        lambda: _count(db, BoothApplication))


def test_a_new_event_sent_twice_is_one_event(forms, organizer, db):
    login(forms, organizer)
    assert_created_once(forms, "/organizer/events/new", {
        "kind": "fair", "title": "Hội chợ OCOP cuối năm", "province": "ha-noi", "venue": "Hoàng Thành",
        "starts_at": "2030-12-31T09:00", "ends_at": "2031-01-01T17:00", "booth_count": "20"},
        lambda: _count(db, Event))


def test_a_new_showroom_sent_twice_is_one_showroom(forms, organizer, db):
    login(forms, organizer)
    assert_created_once(forms, "/organizer/showrooms/new",
                        {"name": "Điểm OCOP Hồ Gươm", "address": "1 Đinh Tiên Hoàng", "province": "ha-noi"},
                        lambda: _count(db, Showroom))
