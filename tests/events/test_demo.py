"""The demo events and showrooms: present, idempotent, using the catalogue's public products,
and dated from the day they are loaded (three coming, one just held)."""
from marketplace.core.timeutil import utcnow, vn_today

from marketplace.events.demo import load_demo_events
from marketplace.events.models import ApplicationStatus, BoothApplication, Event, Showroom, ShowroomProduct


def test_demo_events_load_once(db, client, make_product):
    products = [make_product(name=f"Đặc sản demo {n}") for n in range(6)]
    first = load_demo_events(vn_today())
    assert first["events"] == 4 and first["showrooms"] == 3 and first["exhibitors"] >= 3
    counts = (db.session.query(Event).count(), db.session.query(Showroom).count(),
              db.session.query(BoothApplication).count(), db.session.query(ShowroomProduct).count())
    second = load_demo_events(vn_today())
    assert set(second.values()) == {0}
    assert counts == (db.session.query(Event).count(), db.session.query(Showroom).count(),
                      db.session.query(BoothApplication).count(), db.session.query(ShowroomProduct).count())
    accepted = db.session.query(BoothApplication).filter_by(status=ApplicationStatus.ACCEPTED).all()
    assert sorted(a.booth_number for a in accepted if a.event.slug == "demo-hoi-cho-ocop-ha-noi") == [1, 2, 3, 4, 5, 6]
    fair = db.session.query(Event).filter_by(slug="demo-hoi-cho-ocop-ha-noi").one()
    assert fair.is_demo and client.get("/events/demo-hoi-cho-ocop-ha-noi").status_code == 200
    assert products[0].name in client.get(f"/events/{fair.slug}").get_data(as_text=True)


def test_demo_events_without_a_catalogue(db):
    assert load_demo_events(vn_today())["events"] == 4


def test_demo_events_are_dated_from_the_day_they_are_loaded(db, client):
    load_demo_events(vn_today())
    now = utcnow()
    events = db.session.query(Event).all()
    coming = sorted(e.slug for e in events if e.starts_at > now)
    assert coming == ["demo-hoi-cho-ocop-ha-noi", "demo-ket-noi-giao-thuong-tp-hcm", "demo-tuan-hang-ocop-da-nang"]
    assert [e.slug for e in events if e.ends_at < now] == ["demo-trien-lam-ocop-can-tho"]
    upcoming = client.get("/events").get_data(as_text=True)
    assert all(title in upcoming for title in ("Hội chợ OCOP Hà Nội (demo)", "Tuần hàng OCOP miền Trung"))
    assert "Triển lãm sản phẩm OCOP Đồng bằng sông Cửu Long (demo)" in client.get("/events?when=past").get_data(
        as_text=True)
