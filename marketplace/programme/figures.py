"""The figures of the programme pages and open data, stored and kept up to date, so that
a page never recomputes them from every row (at 100,000 products that took seconds per
request, and eight visitors could take the whole site down).

What is stored (`ProgrammeFigures`, one row per province and part):
- "stats": the province's products with current stars per OCOP group, its recognised
  certificates per year of decision, its products whose stars lapse within 90 days;
- "plan:<id>": a plan's measured targets and indicators (its scope: former province, years);
- "year:<yyyy>": the province's indicators for a year (the province page's "this year",
  the open data's `indicators`).
National figures are the sum of the provinces' rows.

How it stays exact:
- a change: programme.changes notices every flushed row that moves a figure and writes an
  outbox message in the same transaction, naming the provinces and the kinds of change;
  its handler (`apply_changes`, run by `flask worker`) recomputes only the cells moved by
  those kinds, in those provinces (computed from the province's own rows, not all rows);
- time alone: each cell stores when it may change without a write — midnight in Vietnam
  for certificates current "today", the next start of a published event for "events held
  by now" — and a read after that instant computes the expired cells again;
- a plan edited to another scope, or given a target with another metric: the plan's part
  records its scope and cells, and a read that finds them different computes it again.

A read that finds a part missing or expired computes it once, under a per-province lock
on PostgreSQL (pg_advisory_xact_lock), so that concurrent visitors wait for one computation
instead of each running it; the others then read the stored row.
"""
from datetime import datetime, timedelta

from sqlalchemy import func, select

from marketplace.catalog.models import Province
from marketplace.core import pagecache
from marketplace.core.timeutil import utcnow
from marketplace.events.models import Event, EventKind, EventStatus
from marketplace.extensions import db
from marketplace.programme import stats
from marketplace.programme.measures import (CATALOGUE, DAY, EVENT_STARTS, KINDS, PLANS, Scope, from_numbers,
                                            is_measured, metric_for, vn_midnight_utc)
from marketplace.programme.metrics import INDICATORS
from marketplace.programme.models import ProgrammeFigures, ProgrammePlan

TABLE = ProgrammeFigures.__table__
STATS = "stats"
STATS_CELLS = {"certified": True, "by_year": False, "expiring": True}  # cell -> changes at midnight
LOCK_CLASS = 15_015  # pg_advisory_xact_lock(LOCK_CLASS, province_id): one computation per province at a time
NATIONAL_FROM = 4  # stats of this many provinces or more: one national query, split per province


def plan_part(plan_id):
    return f"plan:{plan_id}"


def year_part(year):
    return f"year:{year}"


# --------------------------------------------------------------------------- what a part holds

class Clock:
    """When cells computed at (today, now) may change without a write; asked once per computation."""

    def __init__(self, today, now):
        self.today, self.now = today, now
        self.midnight = vn_midnight_utc(today + timedelta(days=1))
        self._starts = {}

    def next_event_start(self, start_utc, end_utc):
        """The first start after now of a published trade event starting in [start_utc, end_utc), or None."""
        key = (start_utc, end_utc)
        if key not in self._starts:
            self._starts[key] = db.session.execute(
                select(func.min(Event.starts_at)).where(
                    Event.status == EventStatus.PUBLISHED, Event.kind != EventKind.TRAINING,
                    Event.starts_at > self.now, Event.starts_at >= start_utc, Event.starts_at < end_utc)).scalar()
        return self._starts[key]

    def metric_expiry(self, metric, scope):
        if metric.clock == DAY and scope.end >= scope.today:  # counts what is current on today
            return self.midnight
        if metric.clock == EVENT_STARTS:
            return self.next_event_start(scope.start_utc, scope.end_utc)
        return None


class Part:
    """One part of a province's figures: which cells it needs and how each is computed."""

    def __init__(self, name, province, clock, plan=None, year=None):
        self.name, self.province, self.clock, self.plan = name, province, clock, plan
        if plan is not None:
            self.scope = Scope.of_plan(plan, clock.today, clock.now)
            codes = [t.metric for t in plan.targets] + list(INDICATORS)
            self.signature = "|".join(str(v) for v in (plan.province_id, plan.former_province_id or "",
                                                       plan.area or "", plan.start_year, plan.end_year))
        elif year is not None:
            self.scope = Scope.of_years(province, year, year, clock.today, clock.now)
            codes, self.signature = list(INDICATORS), str(year)
        else:
            self.scope, codes, self.signature = None, [], ""
        self.codes = list(dict.fromkeys(c for c in codes if is_measured(c, self.scope))) if self.scope else []

    @property
    def cells(self):
        return list(STATS_CELLS) if self.name == STATS else self.codes

    def sources(self, cell):
        return {CATALOGUE} if self.name == STATS else set(metric_for(cell).sources)

    def stale_cells(self, row, kinds=None):
        """(cells to compute, whether to write the row): all without a row or for another scope; else
        those missing, expired or moved by `kinds` (a set of change kinds)."""
        if row is None or row.signature != self.signature:
            return set(self.cells), True
        data = row.data or {}
        out = set()
        for cell in self.cells:
            found = data.get(cell)
            if found is None or (found[1] is not None and datetime.fromisoformat(found[1]) <= self.clock.now):
                out.add(cell)
            elif kinds and (self.sources(cell) & kinds or (PLANS in kinds and self.plan is not None)):
                out.add(cell)
        return out, bool(out)

    def compute(self, cells):
        """{cell: [numbers, expiry ISO or None]} for `cells` (metric cells only; stats come in bulk)."""
        out = {}
        shared = {}  # subjects per kind are counted once for the three metrics that use them
        for code in cells:
            metric = metric_for(code)
            found = _computed(metric, self.scope, shared)
            expiry = self.clock.metric_expiry(metric, self.scope)
            out[code] = [found.numbers(), expiry.isoformat() if expiry else None]
        return out


def _computed(metric, scope, shared):
    from marketplace.programme import metrics
    if metric.code in ("ocop_subjects", "share_subjects_cooperative", "share_subjects_sme"):
        kinds = shared.get("subjects")
        if kinds is None:
            kinds = shared["subjects"] = metrics.subjects_by_kind(scope)
        return metrics.measure_subjects(metric.code, kinds)
    return metric.compute(scope)


def _stats_cells(province_ids, cells, clock):
    """{province_id: {cell: [payload, expiry]}} for the stats cells asked, in bulk."""
    many = len(province_ids) >= NATIONAL_FROM
    provinces = {p.id: p for p in db.session.execute(select(Province).where(Province.id.in_(province_ids))).scalars()}
    out = {pid: {} for pid in province_ids}
    midnight = clock.midnight.isoformat()

    def each(compute, cell, shape):
        rows_by = {pid: [] for pid in province_ids}
        if many:
            for row in compute(None):
                if row[0] in rows_by:
                    rows_by[row[0]].append(row)
        else:
            for pid in province_ids:
                rows_by[pid] = compute(provinces[pid])
        for pid in province_ids:
            out[pid][cell] = [shape(rows_by[pid]), midnight if STATS_CELLS[cell] else None]

    if "certified" in cells:
        each(lambda p: [(r["province_id"], r["group_id"], r["stars"], r["products"])
                        for r in stats.certified_products(clock.today, p)],
             "certified", lambda rows: [list(r[1:]) for r in rows])
    if "by_year" in cells:
        each(lambda p: [(r["province_id"], r["year"], r["stars"], r["certifications"])
                        for r in stats.certifications_by_year(p)],
             "by_year", lambda rows: [list(r[1:]) for r in rows])
    if "expiring" in cells:
        each(lambda p: list(stats.expiring_counts(clock.today, province=p).items()),
             "expiring", lambda rows: sum(n for _, n in rows))
    return out


# --------------------------------------------------------------------------- the store

def _rows(province_ids, names=None):
    query = select(TABLE).where(TABLE.c.province_id.in_(sorted(province_ids)))
    if names is not None:
        query = query.where(TABLE.c.part.in_(sorted(names)))
    return {(row.province_id, row.part): row for row in db.session.execute(query)}


def _lock(province_ids):
    if db.engine.dialect.name == "postgresql":
        for province_id in sorted(province_ids):
            db.session.execute(select(func.pg_advisory_xact_lock(LOCK_CLASS, province_id)))


def _upsert(province_id, part, signature, data, now):
    expiries = [datetime.fromisoformat(x) for _, x in data.values() if x is not None]
    values = {"province_id": province_id, "part": part, "signature": signature, "data": data,
              "expires_at": min(expiries) if expiries else None, "computed_at": now}
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(TABLE).values(**values)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=["province_id", "part"],
        set_={k: statement.excluded[k] for k in ("signature", "data", "expires_at", "computed_at")}))


def _refresh(parts, kinds=None, lock=True):
    """Compute what is stale in `parts` (a list of Part) and store it; returns {(province_id, name): data}."""
    if not parts:
        return {}
    province_ids = {p.province.id for p in parts}
    if lock:
        _lock(province_ids)
    rows = _rows(province_ids, {p.name for p in parts})  # read again: another process may have done it
    clock = parts[0].clock
    todo = {}
    for part in parts:
        stale, write = part.stale_cells(rows.get((part.province.id, part.name)), kinds)
        if write:
            todo[part] = stale
    stats_todo = {part.province.id: cells for part, cells in todo.items() if part.name == STATS}
    bulk = _stats_cells(sorted(stats_todo), set().union(*stats_todo.values()), clock) if stats_todo else {}
    out = {}
    for part in parts:
        row = rows.get((part.province.id, part.name))
        kept = dict(row.data) if row is not None and row.signature == part.signature else {}
        if part in todo:
            fresh = bulk.get(part.province.id, {}) if part.name == STATS else part.compute(todo[part])
            kept = {cell: value for cell, value in {**kept, **fresh}.items() if cell in part.cells}
            _upsert(part.province.id, part.name, part.signature, kept, clock.now)
        out[(part.province.id, part.name)] = kept
    return out


def _read(parts):
    """The data of `parts`, computing (and storing) what is missing or expired."""
    rows = _rows({p.province.id for p in parts}, {p.name for p in parts})
    out, stale = {}, []
    for part in parts:
        row = rows.get((part.province.id, part.name))
        if part.stale_cells(row)[1]:
            stale.append(part)
        else:
            out[(part.province.id, part.name)] = row.data
    if stale:
        quiet = not (db.session.new or db.session.dirty or db.session.deleted)
        out.update(_refresh(stale))
        if quiet:  # a page's read: keep what was computed (nothing else of the request is committed)
            db.session.commit()
    for data in out.values():  # a kept page that shows these cells ends when the first of them may change
        for _, expiry in (data or {}).values():
            if expiry is not None:
                pagecache.expires_at(datetime.fromisoformat(expiry))
    return out


# --------------------------------------------------------------------------- what pages and open data read

def _clock(today, now):
    return Clock(today, now or utcnow())


def _provinces(province=None):
    if province is not None:
        return [province]
    return db.session.execute(select(Province).order_by(Province.id)).scalars().all()


class Stats:
    """The stored "stats" of one province or of all (read once per page), in the shapes of
    programme.stats: the same rows the pages, charts, CSV and JSON already use."""

    def __init__(self, today, province=None, now=None):
        clock = _clock(today, now)
        provinces = _provinces(province)
        data = _read([Part(STATS, p, clock) for p in provinces])
        self.cells = {p.id: data[(p.id, STATS)] for p in provinces}

    def certified_products(self):
        """As stats.certified_products: [{province_id, group_id, stars, products}]."""
        return [{"province_id": pid, "group_id": g, "stars": s, "products": n}
                for pid, cells in self.cells.items() for g, s, n in cells["certified"][0]]

    def certifications_by_year(self):
        """As stats.certifications_by_year: [{year, province_id, stars, certifications}]."""
        return [{"year": y, "province_id": pid, "stars": s, "certifications": n}
                for pid, cells in self.cells.items() for y, s, n in cells["by_year"][0]]

    def expiring_counts(self):
        """As stats.expiring_counts (the 90-day window): {province_id: count}."""
        return {pid: cells["expiring"][0] for pid, cells in self.cells.items() if cells["expiring"][0]}


def plan_progress(plans, today, now=None, with_indicators=True):
    """services.plan_progress for each of `plans`, from the stored figures (a list, in order)."""
    from marketplace.programme.services import plan_progress as progress_of
    clock = _clock(today, now)
    parts = [Part(plan_part(plan.id), plan.province, clock, plan=plan) for plan in plans]
    data = _read(parts)
    out = []
    for plan, part in zip(plans, parts):
        cells = data[(plan.province_id, part.name)]
        out.append(progress_of(plan, today=today, now=clock.now, with_indicators=with_indicators,
                               measures=lambda code, scope, cells=cells: _measure(code, scope, cells)))
    return out


def indicators_for(province, year, today, now=None):
    """services.indicators_for one year of a province, from the stored figures."""
    from marketplace.programme.services import Indicator
    clock = _clock(today, now)
    part = Part(year_part(year), province, clock, year=year)
    cells = _read([part])[(province.id, part.name)]
    return [Indicator(metric_for(code), _measure(code, part.scope, cells)) for code in INDICATORS]


def _measure(code, scope, cells):
    found = cells.get(code)
    return from_numbers(code, scope, found[0] if found else [None, None, None])


# --------------------------------------------------------------------------- after changes

def _stored_parts(province, clock):
    """The parts stored for `province`, as Parts; rows of plans gone elsewhere or deleted, and of
    past or future years' indicators, are dropped (computed again when asked)."""
    names = {row.part for row in db.session.execute(select(TABLE.c.part).where(TABLE.c.province_id == province.id))}
    plans = {plan.id: plan for plan in db.session.execute(
        select(ProgrammePlan).where(ProgrammePlan.province_id == province.id)).scalars()}
    parts, gone = [], set()
    for name in sorted(names):
        if name == STATS:
            parts.append(Part(STATS, province, clock))
        elif name.startswith("plan:") and int(name.split(":", 1)[1]) in plans:
            parts.append(Part(name, province, clock, plan=plans[int(name.split(":", 1)[1])]))
        elif name == year_part(clock.today.year):
            parts.append(Part(name, province, clock, year=clock.today.year))
        else:
            gone.add(name)
    if gone:
        db.session.execute(TABLE.delete().where(TABLE.c.province_id == province.id, TABLE.c.part.in_(gone)))
    return parts


def apply_changes(changes, today, now):
    """Recompute the stored cells that `changes` ({province_id: set of kinds}) move; no commit
    (the outbox drain commits). Parts never read stay uncomputed until a page asks."""
    clock = _clock(today, now)
    for province_id in sorted(changes):
        kinds = set(changes[province_id]) & KINDS
        province = db.session.get(Province, province_id)
        if province is None or not kinds:
            continue
        _lock([province_id])
        _refresh(_stored_parts(province, clock), kinds=kinds, lock=False)


def forget_all():
    """Drop every stored figure (after a bulk load that bypassed the session); computed again when read."""
    db.session.execute(TABLE.delete())
    db.session.commit()


def refresh_due(today, now=None):
    """Compute every stored part whose cells have expired, and commit (the nightly job, so that
    the first visitors after midnight do not wait); returns how many provinces were due."""
    clock = _clock(today, now)
    due = sorted(set(db.session.execute(select(TABLE.c.province_id).where(
        TABLE.c.expires_at.is_not(None), TABLE.c.expires_at <= clock.now)).scalars()))
    _lock(due)
    parts = []
    for province_id in due:
        parts.extend(_stored_parts(db.session.get(Province, province_id), clock))
    _refresh(parts, lock=False)
    db.session.commit()
    return len(due)
