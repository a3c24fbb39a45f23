"""A small catalogue in today's Cần Thơ (former Cần Thơ and Sóc Trăng) and Hà Nội whose
programme figures were computed by hand for 22 November 2026; see the table in
`catalogue`'s docstring. It is a dated scenario: while a test uses it, the clock is
pinned to that day (time-machine), so the pages that ask the clock agree with it."""
from datetime import date, datetime, timezone

import pytest
import time_machine

from marketplace.events.models import (ApplicationStatus, BoothApplication, Event, EventKind, EventStatus,
                                       Showroom)

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 5, 0)  # naive UTC, 12:00 in Vietnam


@pytest.fixture
def pinned_clock():
    with time_machine.travel(NOW.replace(tzinfo=timezone.utc), tick=True):
        yield


@pytest.fixture
def catalogue(pinned_clock, db, make_user, make_producer, make_product, make_certification):
    """Producers (all verified but E), products and certificates:

    | producer | kind        | former     | product: certificates (stars, decided, status)                       |
    |----------|-------------|------------|----------------------------------------------------------------------|
    | A        | cooperative | Cần Thơ    | a1: 3★ 2023-03-01                                                    |
    |          |             |            | a2: 4★ 2020-05-10, renewed 4★ 2023-05-01                             |
    |          |             |            | a3 (Rượu): 5★ 2023-12-31                                             |
    |          |             |            | a4: 3★ 2024-01-01                                                    |
    |          |             |            | h1: 4★ 2022-03-01 (expires 2025-03-01)                               |
    | B        | enterprise  | Cần Thơ    | b1: 3★ 2022-02-01, upgraded 4★ 2023-07-01                           |
    |          |             |            | b2: 4★ 2023-04-01 pending; b3: 3★ 2023-04-01 rejected;               |
    |          |             |            | b4: 4★ 2023-08-01 revoked                                            |
    | C        | household   | Cần Thơ    | c1 (archived listing): 3★ 2023-09-09                                |
    | D        | cooperative | Sóc Trăng  | d1: 4★ 2023-02-02                                                    |
    | E (unverified) | enterprise | Cần Thơ | e1: 5★ 2023-03-03                                                |
    | F (Hà Nội) | cooperative | —        | f1 (Gốm sứ): 3★ 2023-01-01                                           |
    | G        | cooperative | Cần Thơ    | g1: 3★ 2019-06-01 (expired 2022-06-01)                               |

    Certificates last 36 months. Events: in Cần Thơ, a fair held in June 2023 (A
    exhibits), a cancelled one in 2023, one starting 31/12/2023 18:00 UTC (already
    1/1/2024 in Vietnam), a draft; in Hà Nội, a 2023 fair where D exhibits (and a
    rejected application of B). Showrooms: two in Cần Thơ (one closed), one in Hà Nội.
    """
    a = make_producer("HTX A", province="can-tho", former="Cần Thơ", kind="cooperative")
    b = make_producer("Công ty B", province="can-tho", former="Cần Thơ", kind="enterprise")
    c = make_producer("Hộ C", province="can-tho", former="Cần Thơ", kind="household")
    d = make_producer("HTX D", province="can-tho", former="Sóc Trăng", kind="cooperative")
    e = make_producer("Công ty E", province="can-tho", former="Cần Thơ", kind="enterprise", verified=False)
    f = make_producer("HTX F", province="ha-noi", kind="cooperative")
    g = make_producer("HTX G", province="can-tho", former="Cần Thơ", kind="cooperative")

    def product(producer, name, **extra):
        return make_product(name=name, producer=producer, **extra)

    def cert(item, stars, day, status="verified"):
        return make_certification(item, stars=stars, decided_on=day, status=status)

    p = {}
    p["a1"] = product(a, "a1"); cert(p["a1"], 3, date(2023, 3, 1))
    p["a2"] = product(a, "a2"); cert(p["a2"], 4, date(2020, 5, 10)); cert(p["a2"], 4, date(2023, 5, 1))
    p["a3"] = product(a, "a3", category="ruou"); cert(p["a3"], 5, date(2023, 12, 31))
    p["a4"] = product(a, "a4"); cert(p["a4"], 3, date(2024, 1, 1))
    p["h1"] = product(a, "h1"); cert(p["h1"], 4, date(2022, 3, 1))
    p["b1"] = product(b, "b1"); cert(p["b1"], 3, date(2022, 2, 1)); cert(p["b1"], 4, date(2023, 7, 1))
    p["b2"] = product(b, "b2"); cert(p["b2"], 4, date(2023, 4, 1), "pending")
    p["b3"] = product(b, "b3"); cert(p["b3"], 3, date(2023, 4, 1), "rejected")
    p["b4"] = product(b, "b4"); cert(p["b4"], 4, date(2023, 8, 1), "revoked")
    p["c1"] = product(c, "c1", status="archived"); cert(p["c1"], 3, date(2023, 9, 9))
    p["d1"] = product(d, "d1"); cert(p["d1"], 4, date(2023, 2, 2))
    p["e1"] = product(e, "e1"); cert(p["e1"], 5, date(2023, 3, 3))
    p["f1"] = product(f, "f1", category="gom-su"); cert(p["f1"], 3, date(2023, 1, 1))
    p["g1"] = product(g, "g1"); cert(p["g1"], 3, date(2019, 6, 1))

    organizer = make_user("organizer")
    can_tho, ha_noi = a.province, f.province

    def event(slug, province, starts_at, status=EventStatus.PUBLISHED):
        item = Event(slug=slug, organizer_id=organizer.id, kind=EventKind.FAIR, title=slug, province=province,
                     starts_at=starts_at, ends_at=starts_at.replace(hour=starts_at.hour + 4), status=status)
        db.session.add(item)
        return item

    held = event("hoi-cho-can-tho-2023", can_tho, datetime(2023, 6, 1, 1, 0))
    event("huy-2023", can_tho, datetime(2023, 9, 1, 1, 0), EventStatus.CANCELLED)
    event("giao-thua", can_tho, datetime(2023, 12, 31, 18, 0))  # 01:00 on 1/1/2024 in Vietnam
    event("nhap", can_tho, datetime(2023, 10, 1, 1, 0), EventStatus.DRAFT)
    ha_noi_fair = event("hoi-cho-ha-noi-2023", ha_noi, datetime(2023, 11, 1, 1, 0))
    db.session.add_all([
        BoothApplication(event=held, producer=a, status=ApplicationStatus.ACCEPTED, booth_number=1),
        BoothApplication(event=ha_noi_fair, producer=d, status=ApplicationStatus.ACCEPTED, booth_number=1),
        BoothApplication(event=ha_noi_fair, producer=b, status=ApplicationStatus.REJECTED),
        Showroom(slug="sr-1", organizer_id=organizer.id, name="Điểm 1", address="x", province=can_tho),
        Showroom(slug="sr-2", organizer_id=organizer.id, name="Điểm 2", address="x", province=can_tho,
                 is_active=False),
        Showroom(slug="sr-3", organizer_id=organizer.id, name="Điểm 3", address="x", province=ha_noi),
    ])
    db.session.commit()
    return {"products": p, "can_tho": can_tho, "ha_noi": ha_noi, "producers": {
        "a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g}}


@pytest.fixture
def officer(make_user):
    return make_user("officer", full_name="Cán bộ OCOP")
