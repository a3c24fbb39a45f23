"""The programme's stored figures (programme.figures): the pages and the open data read them
instead of recomputing every row per request; a change moves them through the outbox; time
alone (midnight, an event starting) moves the cells that depend on it; and they always agree
with the figures computed directly (services.plan_progress, programme.stats)."""
import threading
from datetime import date, datetime, timedelta, timezone

import pytest
import time_machine
from sqlalchemy import event

from marketplace.core.outbox import OutboxMessage, drain
from marketplace.events.models import Event, EventKind, EventStatus
from marketplace.programme import changes, figures, services, stats
from marketplace.programme.loader import load_plans
from marketplace.programme.models import ProgrammeFigures
from tests.programme.conftest import NOW, TODAY


def _stars(client, province="can-tho"):
    """{stars: products with current stars} of a province, from the open data (the stored figures)."""
    rows = client.get(f"/api/v1/stats/products?province={province}").get_json()["items"]
    out = {3: 0, 4: 0, 5: 0}
    for row in rows:
        out[row["stars"]] += row["products"]
    return out


def _indicator(client, code, province="can-tho", year=2023):
    items = client.get(f"/api/v1/stats/indicators?province={province}&year={year}").get_json()["items"]
    return {row["metric"]: row["actual"] for row in items}[code]


class Statements:
    """The SQL statements run while the `with` block runs."""

    def __init__(self, engine):
        self.engine, self.seen = engine, []

    def _record(self, conn, cursor, statement, parameters, context, executemany):
        self.seen.append(statement)

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._record)

    def reading(self, table):
        return [s for s in self.seen if f" {table}" in s and s.lstrip().upper().startswith("SELECT")]


@pytest.mark.both_engines
def test_pages_read_stored_figures_and_a_change_moves_them_through_the_outbox(client, db, catalogue,
                                                                              make_certification):
    assert _stars(client) == {3: 1, 4: 0, 5: 1}  # a4 and a3 are current on 22/11/2026
    assert client.get("/programme/provinces/can-tho").status_code == 200  # its parts are stored now
    with Statements(db.engine) as statements:
        assert client.get("/programme/provinces/can-tho").status_code == 200
        assert _stars(client) == {3: 1, 4: 0, 5: 1}
    assert statements.reading("certifications") == []  # nothing recomputed from the rows
    assert db.session.scalar(db.select(db.func.count(ProgrammeFigures.id))) == 2  # stats, this year

    drain()
    before = db.session.scalar(db.select(db.func.max(OutboxMessage.id))) or 0  # (the fixtures' rows predate
    make_certification(catalogue["products"]["a1"], stars=4, decided_on=TODAY - timedelta(days=10))  # the clock)
    pending = db.session.execute(db.select(OutboxMessage.payload).where(
        OutboxMessage.topic == changes.TOPIC, OutboxMessage.id > before,
        OutboxMessage.processed_at.is_(None))).scalars().all()
    assert [p["provinces"] for p in pending] == [{str(catalogue["can_tho"].id): ["catalogue"]}]
    assert _stars(client) == {3: 1, 4: 0, 5: 1}  # stored: the change is not applied yet
    drain()
    assert _stars(client) == {3: 1, 4: 1, 5: 1}
    html = client.get("/programme/").get_data(as_text=True)
    assert 'href="/programme/provinces/can-tho"' in html
    national = client.get("/api/v1/stats/products").get_json()["items"]
    assert sum(r["products"] for r in national if r["province_code"] == catalogue["can_tho"].code) == 3


@pytest.mark.both_engines
def test_stored_figures_agree_with_the_figures_computed_directly(client, db, catalogue):
    load_plans()
    plans = services.all_plans(TODAY)
    stored = figures.plan_progress(plans, TODAY, NOW)
    for plan, progress in zip(plans, stored):
        direct = services.plan_progress(plan, today=TODAY, now=NOW)
        assert [(t.target.metric, t.measure) for t in progress.targets] == \
            [(t.target.metric, t.measure) for t in direct.targets], plan.slug
        assert [(i.metric.code, i.measure) for i in progress.indicators] == \
            [(i.metric.code, i.measure) for i in direct.indicators], plan.slug
    for province in (None, catalogue["can_tho"], catalogue["ha_noi"]):
        kept = figures.Stats(TODAY, province, NOW)
        key = lambda r: sorted(r.items())  # noqa: E731
        assert sorted(kept.certified_products(), key=key) == sorted(stats.certified_products(TODAY, province), key=key)
        assert sorted(kept.certifications_by_year(), key=key) == \
            sorted(stats.certifications_by_year(province), key=key)
        assert kept.expiring_counts() == stats.expiring_counts(TODAY, province=province)
    for year in (2023, 2024, 2026):
        kept = figures.indicators_for(catalogue["can_tho"], year, TODAY, NOW)
        direct = services.indicators_for(catalogue["can_tho"], start_year=year, end_year=year, today=TODAY, now=NOW)
        assert [(i.metric.code, i.measure) for i in kept] == [(i.metric.code, i.measure) for i in direct]


def test_stars_that_lapse_at_midnight_leave_the_figures_without_any_write(client, db, catalogue, make_certification):
    before = db.session.scalar(db.select(db.func.max(OutboxMessage.id))) or 0  # (the fixtures' rows predate the clock)
    make_certification(catalogue["products"]["a1"], stars=4, decided_on=TODAY - timedelta(days=1000),
                       expires_on=TODAY)  # its last day is today
    drain()
    assert _stars(client) == {3: 1, 4: 1, 5: 1}
    pending = db.session.scalar(db.select(db.func.count(OutboxMessage.id)).where(  # no change to apply
        OutboxMessage.topic == changes.TOPIC, OutboxMessage.id > before, OutboxMessage.processed_at.is_(None)))
    # 00:00:30 tomorrow in Vietnam (17:00:30 UTC today): no write happened in between
    with time_machine.travel(datetime(2026, 11, 22, 17, 0, 30, tzinfo=timezone.utc), tick=False):
        assert _stars(client) == {3: 1, 4: 0, 5: 1}
    assert pending == 0


def test_an_event_counts_once_it_has_started_without_any_write(client, db, catalogue, make_user):
    organizer = make_user("organizer")
    starts = NOW + timedelta(hours=3)
    db.session.add(Event(slug="hoi-cho-sap-dien-ra", organizer_id=organizer.id, kind=EventKind.FAIR, title="Sắp",
                         province=catalogue["can_tho"], starts_at=starts, ends_at=starts + timedelta(hours=4),
                         status=EventStatus.PUBLISHED))
    db.session.commit()
    drain()
    assert _indicator(client, "trade_events", year=2026) == 0
    with time_machine.travel(starts.replace(tzinfo=timezone.utc) + timedelta(minutes=1), tick=False):
        assert _indicator(client, "trade_events", year=2026) == 1


def test_a_plan_edited_to_another_scope_shows_its_new_figures_at_once(client, db, catalogue, officer):
    from marketplace.catalog.services import find_province
    plan = services.create_plan(actor=officer, now=NOW, data=services.PlanInput(
        province=find_province("can-tho"), start_year=2023, end_year=2023, document="Kế hoạch thử",
        targets=[services.TargetInput("new_products_5star", 2, source="2 sản phẩm 5 sao")]))
    url = f"/api/v1/stats/plans/{plan.slug}"
    actual = lambda: {r["metric"]: r["actual"] for r in client.get(url).get_json()["items"]  # noqa: E731
                      if r["kind"] == "target"}
    assert actual() == {"new_products_5star": 1}  # a3
    services.update_plan(plan, actor=officer, now=NOW, data=services.PlanInput(
        province=find_province("can-tho"), start_year=2024, end_year=2024, document="Kế hoạch thử",
        targets=[services.TargetInput("new_products_5star", 2, source="2 sản phẩm 5 sao"),
                 services.TargetInput("new_products_3star", 1, source="1 sản phẩm 3 sao")]))
    assert actual() == {"new_products_5star": 0, "new_products_3star": 1}  # a4, decided 1/1/2024; no drain


@pytest.mark.postgresql_only
def test_concurrent_first_visitors_compute_the_figures_once(app, db, catalogue):
    """Eight visitors at once on an empty store: every one answered, one row per part (the
    per-province lock makes the others wait and read what the first stored)."""
    load_plans()
    answers, computed = [], []

    def visit():
        with app.app_context(), app.test_client() as client:  # each visitor its own context and session
            answers.append(client.get("/programme/").status_code)

    def count(conn, cursor, statement, parameters, context, executemany):
        if "programme_figures" in statement and statement.lstrip().upper().startswith("INSERT"):
            computed.append(statement)
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        threads = [threading.Thread(target=visit) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert answers == [200] * 8
    parts = db.session.execute(db.select(ProgrammeFigures.province_id, ProgrammeFigures.part)).all()
    assert len(parts) == len(set(parts)) and len(computed) == len(parts)


# --------------------------------------------------------------------------- what moves what

def _payloads(db):
    rows = db.session.execute(db.select(OutboxMessage.payload).where(OutboxMessage.topic == changes.TOPIC)).scalars()
    found = {}
    for payload in rows:
        for province_id, kinds in payload["provinces"].items():
            found.setdefault(int(province_id), set()).update(kinds)
        for kind in payload["everywhere"]:
            found.setdefault("*", set()).add(kind)
    db.session.execute(db.delete(OutboxMessage))
    db.session.commit()
    return found


def test_each_kind_of_change_names_its_provinces(db, catalogue, make_user):
    from marketplace.events.models import Showroom
    from marketplace.training.models import ProgrammeOfficial
    can_tho, ha_noi = catalogue["can_tho"].id, catalogue["ha_noi"].id
    _payloads(db)
    producer = catalogue["producers"]["f"]
    producer.province_id = can_tho  # a producer moves: both provinces, everything it counts in
    db.session.commit()
    assert _payloads(db) == {can_tho: set(changes.KINDS), ha_noi: set(changes.KINDS)}
    producer.story = "Câu chuyện mới"  # a column no figure reads
    db.session.commit()
    assert _payloads(db) == {}
    showroom = db.session.execute(db.select(Showroom).where(Showroom.slug == "sr-3")).scalar_one()
    showroom.is_active = False
    db.session.commit()
    assert _payloads(db) == {ha_noi: {"showrooms"}}
    fair = db.session.execute(db.select(Event).where(Event.slug == "hoi-cho-ha-noi-2023")).scalar_one()
    fair.status = EventStatus.CANCELLED  # its province, and those of its accepted exhibitors (D, Cần Thơ)
    db.session.commit()
    assert _payloads(db) == {ha_noi: {"events"}, can_tho: {"events"}}
    course = Event(slug="tap-huan", organizer_id=make_user("organizer").id, kind=EventKind.TRAINING, title="Lớp",
                   province=catalogue["ha_noi"], starts_at=NOW, ends_at=NOW + timedelta(hours=2),
                   status=EventStatus.PUBLISHED)
    db.session.add(course)
    db.session.commit()
    assert _payloads(db)["*"] == {"training"}  # a course's check-ins count for every province's roster
    db.session.add(ProgrammeOfficial(province_id=can_tho, full_name="Cán bộ", email="cb@example.vn"))
    db.session.commit()
    assert _payloads(db) == {can_tho: {"training"}}


def test_every_column_the_figures_read_is_watched(app, db, catalogue, officer):
    """A sweep over the SQL the figures run: a new metric reading a table or a column whose
    changes programme.changes does not watch would leave its figure stale; this fails first."""
    from sqlalchemy.sql import visitors

    load_plans()
    plan = services.create_plan(actor=officer, now=NOW, data=services.PlanInput(
        province=catalogue["can_tho"], start_year=2023, end_year=2026, document="Mọi chỉ tiêu",
        targets=[services.TargetInput(code, 1, source="x") for code, metric in
                 sorted(figures.metric_for.__globals__["REGISTRY"].items()) if metric.measurable]))
    read = set()

    def record(conn, clauseelement, multiparams, params, execution_options):
        if not getattr(clauseelement, "is_select", False):  # what they store, and the page cache's messages
            return
        for element in visitors.iterate(clauseelement):
            table = getattr(element, "table", None)
            if getattr(element, "key", None) is not None and getattr(table, "name", None) and hasattr(table, "c"):
                if element.key in table.c and getattr(table, "fullname", None):
                    read.add((table.name, element.key))

    event.listen(db.engine, "before_execute", record)
    try:
        figures.plan_progress([plan], TODAY, NOW)
        figures.indicators_for(catalogue["can_tho"], 2024, TODAY, NOW)
        figures.Stats(TODAY, None, NOW)
    finally:
        event.remove(db.engine, "before_execute", record)
    watched = {model.__tablename__: (columns, model) for model, (columns, _, _) in changes.watched().items()}
    unwatched = set()
    for table, column in read:
        if table == "programme_figures":
            continue
        if table not in watched:
            unwatched.add((table, column))
            continue
        columns, model = watched[table]
        primary = {c.name for c in model.__table__.primary_key}
        if columns is not None and column not in columns | primary:
            unwatched.add((table, column))
    assert read and not unwatched, sorted(unwatched)


def test_whole_numbers_are_formatted_as_babel_does():
    from babel.numbers import format_decimal

    from marketplace.programme.charts import whole_number
    for locale in ("vi", "en"):
        for value in (0, 7, 999, 1000, 12_345, 1_234_567, 3_600_000_000, -4321):
            assert whole_number(value, locale) == format_decimal(value, locale=locale)


def test_the_nightly_refresh_computes_what_expired(client, db, catalogue):
    assert client.get("/programme/provinces/can-tho").status_code == 200
    with time_machine.travel(datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc), tick=False):
        today = date(2026, 11, 23)
        assert figures.refresh_due(today) >= 1
        stamps = db.session.execute(db.select(ProgrammeFigures.expires_at)).scalars().all()
        assert all(stamp is None or stamp > datetime(2026, 11, 23, 1, 0) for stamp in stamps)
        assert figures.refresh_due(today) == 0


def _overview_stars(client):
    """{stars: the count /programme/ shows} for 3, 4 and 5 stars (the page's first figures)."""
    import re
    html = client.get("/programme/").get_data(as_text=True)
    return {int(s): int(n) for n, s in re.findall(r"<strong>(\d+)</strong> <small>sản phẩm (\d) sao</small>", html)}


@pytest.mark.both_engines
def test_the_programme_page_shows_a_certificate_verified_then_revoked(client, db, catalogue, officer,
                                                                     make_certification):
    """An officer's decisions move the national page's figures once the outbox worker has run,
    without anyone recomputing the page from every certificate."""
    from marketplace.admin.services import decide_certification
    assert _overview_stars(client) == {3: 1, 4: 0, 5: 1}  # computed once and stored
    waiting = make_certification(catalogue["products"]["a1"], stars=4, status="pending",
                                 decided_on=TODAY - timedelta(days=10))
    drain()
    assert _overview_stars(client) == {3: 1, 4: 0, 5: 1}  # a pending certificate counts nowhere
    decide_certification(officer, waiting, "verify")
    drain()
    assert _overview_stars(client) == {3: 1, 4: 1, 5: 1}
    decide_certification(officer, waiting, "revoke", reason="Hồ sơ giả mạo")
    drain()
    assert _overview_stars(client) == {3: 1, 4: 0, 5: 1}


def test_flask_catalog_generate_makes_the_stored_figures_count_the_new_rows(app, client, db, catalogue):
    """The synthetic catalogue bypasses the session (no outbox message): the catalogue's signal
    (catalog.signals.bulk_written) makes the programme forget its stored figures."""
    def national():
        return sum(row["products"] for row in client.get("/api/v1/stats/products").get_json()["items"])

    before = national()  # stored now
    assert db.session.execute(db.select(db.func.count()).select_from(ProgrammeFigures)).scalar_one() > 0
    result = app.test_cli_runner().invoke(args=["catalog", "generate", "--products", "200", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert national() > before


def test_programme_pages_are_kept_for_visitors_and_forgotten_when_their_figures_move(client, db, catalogue, officer,
                                                                                     make_certification, make_user):
    """The public programme pages come from the page cache (a visitor's request reads nothing);
    a change that moves their figures, once the outbox worker has run, or the start of an
    event they count, shows on the next request."""
    from marketplace.admin.services import decide_certification
    from marketplace.core.pagecache import HEADER
    pages = ("/programme/", "/programme/provinces/can-tho")
    for url in pages:
        client.get(url)  # the first visitor's request stores the figures (a write: that page is not kept)
        client.get(url)
        assert client.get(url).headers[HEADER] == "hit", url
    waiting = make_certification(catalogue["products"]["a1"], stars=4, status="pending",
                                 decided_on=TODAY - timedelta(days=10))
    drain()
    decide_certification(officer, waiting, "verify")
    drain()
    for url in pages:
        assert client.get(url).headers[HEADER] == "miss", url
    assert _overview_stars(client) == {3: 1, 4: 1, 5: 1}

    starts = NOW + timedelta(hours=3)
    db.session.add(Event(slug="hoi-cho-chieu-nay", organizer_id=make_user("organizer").id, kind=EventKind.FAIR,
                         title="Hội chợ chiều nay", province=catalogue["can_tho"], starts_at=starts,
                         ends_at=starts + timedelta(hours=4), status=EventStatus.PUBLISHED))
    db.session.commit()
    drain()
    client.get(pages[1])
    assert client.get(pages[1]).headers[HEADER] == "hit"
    with time_machine.travel(starts.replace(tzinfo=timezone.utc) + timedelta(minutes=1), tick=False):
        assert client.get(pages[1]).headers[HEADER] != "hit"  # its "trade events" figure moved by itself
