"""Matching benchmark: 100,000 offers and 10,000 demands, with the brute-force scoring of
every pair measured in the same run as the baseline.

    .venv/bin/python -m bench.matching_bench                  # writes BENCHMARKS.md
    .venv/bin/python -m bench.matching_bench --offers 5000 --demands 500 --quick --no-write

What it does, in order:
1. a SQLite database under --workdir: the synthetic catalogue (`catalog.synthetic`, one
   product per offer) and the synthetic offers and demands (`matching.synthetic`), kept
   between runs unless --fresh; the offers and demands search indexes built from it;
2. the in-memory tables loaded from cold (what a new process pays once);
3. new demands posted one by one through `services.create_demand`, then their top 10
   offers with explanations (`matcher.rank_offers_for_demand`: refresh, engine, scoring,
   reasons), timed; the same demands scored by brute force (every open offer, one pair at
   a time, in plain Python) on a sample, and the two top-10 lists compared;
4. the full recomputation (`strong.recompute_all`, every open demand's strong matches,
   written), against the brute force extrapolated from the sample;
5. 500 meeting requests between 150 buyers and 100 exhibitors scheduled into 20-minute
   slots (`meetings.schedule`, database included), and the scheduler alone against a
   naive one that rescans every placed meeting for every slot;
6. figures into BENCHMARKS.md (between the matching-bench markers) and
   bench/results/matching-bench.json.
"""
import argparse
import json
import os
import random
import secrets
import shutil
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench.search_bench import machine, percentile, stats

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
MARK_START = "<!-- matching-bench:start -->"
MARK_END = "<!-- matching-bench:end -->"
TARGET_TOP10_P95_MS = 50.0
TARGET_RECOMPUTE_S = 60.0
TARGET_SCHEDULE_S = 1.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--demands", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workdir", default=str(RESULTS / "matching-bench"))
    parser.add_argument("--fresh", action="store_true", help="regenerate the data even if it is there")
    parser.add_argument("--new-demands", type=int, default=200, help="new demands posted and ranked")
    parser.add_argument("--brute", type=int, default=5, help="demands scored by brute force")
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--quick", action="store_true", help="fewer samples, for a try")
    parser.add_argument("--no-write", action="store_true", help="do not touch BENCHMARKS.md")
    parser.add_argument("--results", default=str(RESULTS / "matching-bench.json"), help="raw figures (JSON)")
    args = parser.parse_args(argv)
    if args.quick:
        args.new_demands, args.brute = 30, 2
    return args


# --- data ---------------------------------------------------------------------------------------

def prepare(args, today):
    from flask_migrate import upgrade

    from marketplace.catalog.models import Product
    from marketplace.catalog.reference import load_reference_data
    from marketplace.catalog.synthetic import generate_catalogue
    from marketplace.extensions import db
    from marketplace.matching.models import Demand, Offer
    from marketplace.matching.synthetic import generate_matching

    upgrade()
    load_reference_data()
    have_offers = db.session.execute(db.select(db.func.count(Offer.id))).scalar_one()
    if have_offers >= args.offers:
        have_demands = db.session.execute(db.select(db.func.count(Demand.id))).scalar_one()
        print(f"data: {have_offers} offers, {have_demands} demands already there")
        return {"offers": have_offers, "demands": have_demands, "generated_seconds": None}
    started = time.perf_counter()
    products = db.session.execute(db.select(db.func.count(Product.id))).scalar_one()
    if products < args.offers * 1.1:
        generate_catalogue(int(args.offers * 1.1) - products + 1, seed=args.seed, today=today, progress=True)
    generate_matching(args.offers, args.demands, today, seed=args.seed)
    seconds = time.perf_counter() - started
    print(f"data generated in {seconds:.1f} s")
    return {"offers": args.offers, "demands": args.demands, "generated_seconds": round(seconds, 1)}


def build_indexes(today):
    from marketplace.matching.documents import SOURCES
    from marketplace.search import get_engine
    engine = get_engine()
    engine.ensure()
    counts, started = {}, time.perf_counter()
    for source in SOURCES:
        counts[source.index] = engine.rebuild(source.index, source.batches(today, 5000))
    return {"documents": counts, "seconds": round(time.perf_counter() - started, 1)}


def buyer_account():
    """A synthetic buyer organisation with a member, to post the new demands."""
    from marketplace.accounts.services import find_user_by_email, register_user
    from marketplace.extensions import db
    from marketplace.matching.models import BuyerMember, BuyerOrganisation
    user = find_user_by_email("bench-buyer@example.vn") or register_user(
        email="bench-buyer@example.vn", password=secrets.token_urlsafe(16), full_name="Bench", self_service=False)
    buyer = db.session.execute(db.select(BuyerOrganisation).order_by(BuyerOrganisation.id)).scalars().first()
    if db.session.get(BuyerMember, (buyer.id, user.id)) is None:
        db.session.add(BuyerMember(buyer_id=buyer.id, user_id=user.id, is_owner=False))
        db.session.commit()
    return buyer, user


def new_demand_fields(rng, today):
    from marketplace.catalog.models import Category, Province
    from marketplace.catalog.synthetic_words import SUBCATEGORIES
    from marketplace.extensions import db
    from marketplace.matching.synthetic import QUALIFIERS, _unit
    categories = {c.name_vi: c for c in db.session.execute(db.select(Category)).scalars()}
    provinces = list(db.session.execute(db.select(Province)).scalars())
    name = rng.choice([n for n in SUBCATEGORIES if n in categories])
    types, packs = SUBCATEGORIES[name]
    pack, low, high = rng.choice(packs)
    return dict(title=f"{rng.choice(types)} {rng.choice(QUALIFIERS)}".strip(), category=categories[name],
                quantity=rng.choice([100, 300, 1000]), unit=_unit(pack), target_price=int(rng.uniform(low, high) * 0.8),
                delivery_province=rng.choice(provinces), wanted_by=today + timedelta(days=rng.randint(20, 90)),
                expires_on=today + timedelta(days=60), min_stars=rng.choice([None, 3, 4]))


# --- brute force ------------------------------------------------------------------------------

def brute_force_top(tables, demand_id, today, limit=10):
    """Every open offer looked at one pair at a time, in plain Python (no index, no arrays): the
    baseline. It keeps the matcher's candidate rule (the demand's OCOP group, or all of its words
    in the offer, as the search engine asks: "đương quy" is no "đường thốt nốt" for sharing
    "duong"), so that the two top-10 lists can be compared."""
    from marketplace.matching import record, scoring
    demands, offers = tables.demands, tables.offers
    row = demands.row_of[demand_id]
    d = demands.row(row)
    words = demands.words[row]
    today_ordinal = today.toordinal()
    distances = tables.places.distances
    scored = []
    for o_row in range(offers.size):
        if not offers.active[o_row] or offers.expires[o_row] < today_ordinal:
            continue
        o = offers.row(o_row)
        matched = sum(1 for w in words if w in offers.tokens[o_row])
        if o.group_id != d.group_id and (not words or matched < len(words)):
            continue
        if not bool(scoring.passes(d, o, today_ordinal)):
            continue
        result = scoring.factors(d, o, today_ordinal, matched, record.record_shares(o.producer_id), distances)
        scored.append((-float(result.total), o.id))
    scored.sort()
    return [(offer_id, int(scoring.rounded(-total))) for total, offer_id in scored[:limit]]


# --- measurements -------------------------------------------------------------------------------

def forget_previous_runs(user):
    """Demands posted by an earlier run (the data is reused) and every recorded match go."""
    from marketplace.extensions import db
    from marketplace.matching.models import Demand, Match, MatchNotice
    db.session.execute(db.delete(MatchNotice))
    db.session.execute(db.delete(Match))
    db.session.execute(db.delete(Demand).where(Demand.created_by_id == user.id))
    db.session.commit()


def measure_new_demands(args, today):
    from marketplace.matching import matcher, services
    from marketplace.matching.tables import get_tables
    rng = random.Random(args.seed + 1)
    buyer, user = buyer_account()
    create_ms, rank_ms, total_ms, found, ids = [], [], [], [], []
    for _ in range(args.new_demands):
        fields = new_demand_fields(rng, today)
        started = time.perf_counter()
        demand = services.create_demand(user, buyer, today=today, **fields)
        created = time.perf_counter()
        ranking = matcher.rank_offers_for_demand(demand.id, today, limit=10)
        for match in ranking.matches:  # the explanations, as a page shows them
            [str(reason.text) for reason in match.reasons]
        done = time.perf_counter()
        create_ms.append((created - started) * 1000)
        rank_ms.append((done - created) * 1000)
        total_ms.append((done - started) * 1000)
        found.append(len(ranking.matches))
        ids.append((demand.id, [(m.offer_id, m.score) for m in ranking.matches], ranking.considered,
                    ranking.candidates))
    tables = get_tables().refresh(today)
    brute_ms, overlap, same_scores = [], [], []
    for demand_id, fast, _, _ in ids[:args.brute]:
        started = time.perf_counter()
        slow = brute_force_top(tables, demand_id, today)
        brute_ms.append((time.perf_counter() - started) * 1000)
        if slow:
            overlap.append(len({o for o, _ in fast} & {o for o, _ in slow}) / len(slow))
            same_scores.append([s for _, s in fast] == [s for _, s in slow])
    considered = [c for _, _, c, _ in ids]
    passed = [p for _, _, _, p in ids]
    return {"create_ms": stats(create_ms), "rank_ms": stats(rank_ms), "total_ms": stats(total_ms),
            "brute_ms": stats(brute_ms), "with_matches": round(sum(1 for f in found if f) / len(found), 2),
            "considered_p50": int(percentile(considered, 50)), "passed_p50": int(percentile(passed, 50)),
            "top10_overlap": round(sum(overlap) / len(overlap), 3) if overlap else None,
            "same_top10_scores": round(sum(same_scores) / len(same_scores), 3) if same_scores else None,
            "n": len(rank_ms), "n_brute": len(brute_ms), "rank_samples": sorted(round(x, 2) for x in rank_ms)}


def measure_recompute(today):
    from marketplace.matching.strong import recompute_all
    first = recompute_all(today, announce_new=False)
    second = recompute_all(today, announce_new=False)
    return {"first": {"posts": first.posts, "strong": first.strong, "new": first.new,
                      "seconds": round(first.seconds, 2)},
            "again": {"posts": second.posts, "strong": second.strong, "new": second.new,
                      "seconds": round(second.seconds, 2)}}


def naive_schedule(wants, n_slots, availability):
    """The baseline: for each request, best first, try every slot and rescan every meeting placed."""
    placed = []
    result = {}
    for want in sorted(wants, key=lambda w: (-w.score, w.order, w.id)):
        result[want.id] = None
        for slot in range(n_slots):
            if slot not in availability.get(want.buyer, range(n_slots)) or \
                    slot not in availability.get(want.producer, range(n_slots)):
                continue
            if any(s == slot and (b == want.buyer or p == want.producer) for b, p, s in placed):
                continue
            placed.append((want.buyer, want.producer, slot))
            result[want.id] = slot
            break
    return result


def measure_scheduling(args, today):
    from sqlalchemy import insert

    from marketplace.accounts.services import find_user_by_email, register_user
    from marketplace.catalog.models import Producer, Province
    from marketplace.core.timeutil import VN_TZ, utcnow
    from marketplace.events.models import (ApplicationStatus, BoothApplication, Event, EventKind, EventStatus)
    from marketplace.events.times import to_utc
    from marketplace.extensions import db
    from marketplace.matching import meetings
    from marketplace.matching.models import (BuyerOrganisation, MeetingParticipant, MeetingRequest, MeetingStatus,
                                             Side)
    rng = random.Random(args.seed + 2)
    organizer = find_user_by_email("bench-organizer@example.vn") or register_user(
        email="bench-organizer@example.vn", password=secrets.token_urlsafe(16), full_name="Bench", role="organizer",
        self_service=False)
    now = utcnow()
    starts = to_utc(datetime.combine(today + timedelta(days=10), datetime.min.time().replace(hour=8), tzinfo=VN_TZ))
    slug = f"bench-b2b-{secrets.token_hex(4)}"
    event = Event(slug=slug, organizer_id=organizer.id, kind=EventKind.B2B_SESSION, title="Bench B2B",
                  province_id=db.session.execute(db.select(Province.id)).scalars().first(), starts_at=starts,
                  ends_at=starts + timedelta(hours=9, minutes=30), booth_count=200, status=EventStatus.PUBLISHED,
                  published_at=now)
    db.session.add(event)
    db.session.flush()
    producers = list(db.session.execute(db.select(Producer.id).where(Producer.verified.is_(True))
                                        .order_by(Producer.id).limit(100)).scalars())
    buyers = list(db.session.execute(db.select(BuyerOrganisation.id).order_by(BuyerOrganisation.id)
                                     .limit(150)).scalars())
    db.session.execute(insert(BoothApplication), [
        {"event_id": event.id, "producer_id": p, "status": ApplicationStatus.ACCEPTED.value, "booth_number": n + 1,
         "booth_size": "3x3", "needs_power": False, "note": "", "created_at": now} for n, p in enumerate(producers)])
    n_slots = len(meetings.meeting_slots(event, 20))
    db.session.execute(insert(MeetingParticipant), [
        {"event_id": event.id, "buyer_id": b, "producer_id": None, "created_at": now,
         "available_slots": sorted(rng.sample(range(n_slots), rng.randint(n_slots // 2, n_slots)))
         if rng.random() < 0.4 else None} for b in buyers])
    pairs = set()
    while len(pairs) < args.meetings:
        pairs.add((rng.choice(buyers), rng.choice(producers)))
    db.session.execute(insert(MeetingRequest), [
        {"event_id": event.id, "buyer_id": b, "producer_id": p, "requested_by_side": Side.BUYER.value,
         "note": "", "score": rng.randint(0, 100), "status": MeetingStatus.REQUESTED.value,
         "created_at": now + timedelta(seconds=i)} for i, (b, p) in enumerate(sorted(pairs))])
    db.session.commit()
    started = time.perf_counter()
    report = meetings.schedule(organizer, event, notify=False)
    with_db = time.perf_counter() - started
    # The scheduler alone, and the naive baseline, on the same requests.
    requests = db.session.execute(db.select(MeetingRequest).where(MeetingRequest.event_id == event.id)).scalars().all()
    wants = [meetings.Want(r.id, ("b", r.buyer_id), ("p", r.producer_id), r.score, i) for i, r in enumerate(requests)]
    availability = {("b", p.buyer_id): set(p.available_slots) for p in db.session.execute(
        db.select(MeetingParticipant).where(MeetingParticipant.event_id == event.id)).scalars()
        if p.available_slots is not None}
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        fast = meetings.assign_slots(wants, n_slots, availability)
        runs.append(time.perf_counter() - started)
    started = time.perf_counter()
    slow = naive_schedule(wants, n_slots, availability)
    naive = time.perf_counter() - started
    assert fast == slow, "the scheduler and the baseline disagree"
    placed = {(r.slot, r.buyer_id) for r in requests if r.slot is not None}
    assert len(placed) == sum(1 for r in requests if r.slot is not None)
    return {"requests": len(requests), "slots": n_slots, "buyers": len(buyers), "exhibitors": len(producers),
            "scheduled": report.scheduled, "unscheduled": report.unscheduled, "with_db_s": round(with_db, 3),
            "scheduler_ms": round(min(runs) * 1000, 2), "naive_ms": round(naive * 1000, 1)}


# --- report -------------------------------------------------------------------------------------

def _ratio(a, b):
    return f"{a / b:,.0f}×" if b else "–"


def render(r):
    m, n = r["machine"], r["new_demands"]
    rc, sc = r["recompute"], r["scheduling"]
    per_demand_brute_s = n["brute_ms"]["p50"] / 1000
    brute_total = per_demand_brute_s * rc["first"]["posts"]
    met = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    lines = [
        MARK_START, "## Matching (`bench/matching_bench.py`)", "",
        f"Run {r['when']} on {m['cpus']} cores ({m['cpu'] or 'unknown CPU'}), Python {m['python']}, numpy "
        f"{r['numpy']}, tantivy {m['tantivy']}, SQLite; load average at start {m['load_average']}. Data: "
        f"{r['data']['offers']:,} synthetic offers (one per synthetic product, linked to it, so stars follow its "
        f"certificates) and {r['data']['demands']:,} demands from 500 buyers (`matching.synthetic`, seed {r['seed']}); "
        f"{r['indexes']['documents']['offers']:,} offers and {r['indexes']['documents']['demands']:,} demands open and "
        f"indexed (built in {r['indexes']['seconds']} s). In-memory tables loaded from cold in {r['cold_load_s']} s "
        "(once per process).", "",
        f"**Top 10 for one new demand, with explanations** — {n['n']} demands posted one by one through "
        "`services.create_demand`, then `matcher.rank_offers_for_demand` (refresh of the in-memory tables, search "
        "engine for the words, hard rules and scores over the candidates, reasons in words); milliseconds. "
        f"Median candidates: {n['considered_p50']:,} offers, {n['passed_p50']:,} after the hard rules; "
        f"{n['with_matches']:.0%} of the demands had matches. Brute force: every open offer scored one pair at a time "
        f"in plain Python with the same rules ({n['n_brute']} of the same demands).", "",
        "| step | p50 | p95 |", "|---|---:|---:|",
        f"| rank the top 10 with reasons | {n['rank_ms']['p50']} | **{n['rank_ms']['p95']}** |",
        f"| post the demand (service, commit) | {n['create_ms']['p50']} | {n['create_ms']['p95']} |",
        f"| both | {n['total_ms']['p50']} | {n['total_ms']['p95']} |",
        f"| brute force, every pair (baseline) | {n['brute_ms']['p50']} | {n['brute_ms']['p95']} |", "",
        f"Brute force ÷ ranking (p50): {_ratio(n['brute_ms']['p50'], n['rank_ms']['p50'])}. The same top 10 as "
        f"brute force: {n['top10_overlap']:.0%} of the offers, identical score lists in "
        f"{n['same_top10_scores']:.0%} of the demands (differences come from the engine: words matched with a "
        "typo or a synonym, or most words when no offer has them all).", "",
        f"**Full recomputation** (`flask matching recompute`: every open demand's strong matches, computed and "
        f"written, from an empty `matches` table): {rc['first']['seconds']} s for {rc['first']['posts']:,} demands "
        f"(the synthetic ones and those posted above), {rc['first']['strong']:,} "
        f"strong matches recorded; run again on unchanged data {rc['again']['seconds']} s ({rc['again']['new']} new). "
        f"Brute force would take about {brute_total:,.0f} s ({per_demand_brute_s:.2f} s per demand × "
        f"{rc['first']['posts']:,}, extrapolated from the measured sample): "
        f"{_ratio(brute_total, rc['first']['seconds'])} longer.", "",
        f"**Scheduling** {sc['requests']} meeting requests ({sc['buyers']} buyers, {sc['exhibitors']} exhibitors, "
        f"{sc['slots']} slots of 20 minutes, 40% of the buyers with limited availability): "
        f"{sc['with_db_s']} s with the database (`meetings.schedule`: load, place, write), "
        f"{sc['scheduled']} scheduled and {sc['unscheduled']} left unscheduled; the scheduler alone "
        f"{sc['scheduler_ms']} ms against {sc['naive_ms']} ms for the naive baseline that rescans every placed "
        f"meeting for each slot ({_ratio(sc['naive_ms'], sc['scheduler_ms'])}), with identical placements; no one "
        "double-booked (checked).", "",
        f"Targets: top 10 p95 < {TARGET_TOP10_P95_MS:.0f} ms — {n['rank_ms']['p95']} ms "
        f"({met(n['rank_ms']['p95'] < TARGET_TOP10_P95_MS)}); full recomputation < {TARGET_RECOMPUTE_S:.0f} s — "
        f"{rc['first']['seconds']} s ({met(rc['first']['seconds'] < TARGET_RECOMPUTE_S)}); 500 requests scheduled "
        f"< {TARGET_SCHEDULE_S:.0f} s — {sc['with_db_s']} s ({met(sc['with_db_s'] < TARGET_SCHEDULE_S)}).", "",
        "Reproduce: `.venv/bin/python -m bench.matching_bench` (the data is generated once under `bench/results/`, "
        "then reused; `--fresh` regenerates it). Raw figures: `bench/results/matching-bench.json`.", MARK_END]
    return "\n".join(lines) + "\n"


def write_benchmarks(section):
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8")
    if MARK_START in text and MARK_END in text:
        before, rest = text.split(MARK_START, 1)
        after = rest.split(MARK_END, 1)[1].lstrip("\n")
        text = before + section + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv=None):
    args = parse_args(argv)
    work = Path(args.workdir)
    if args.fresh and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    env = {"APP_ENV": "production", "SECRET_KEY": secrets.token_hex(16),
           "DATABASE_URL": f"sqlite:///{work / 'matching.sqlite3'}", "SEARCH_INDEX_DIR": str(work / "index"),
           "SEARCH_ENGINE": "embedded", "MEDIA_ROOT": str(work / "media"), "MAIL_DIR": str(work / "mail"),
           "OUTBOX_DRAIN_AFTER_REQUEST": "0", "RATELIMIT_ENABLED": "0", "SITE_URL": "http://localhost",
           "TRUSTED_PROXIES": "0",
           "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"}
    os.environ.pop("MEILI_URL", None)
    os.environ.update(env)

    import numpy

    from marketplace import create_app
    from marketplace.core.timeutil import vn_today
    from marketplace.matching.tables import get_tables

    today = vn_today()
    report = {"when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "seed": args.seed,
              "machine": machine(), "numpy": numpy.__version__}
    app = create_app("production")
    with app.app_context():
        print("1. data")
        report["data"] = prepare(args, today)
        forget_previous_runs(buyer_account()[1])
        from marketplace.extensions import db
        from marketplace.matching.models import Demand
        report["data"]["demands"] = db.session.execute(db.select(db.func.count(Demand.id))).scalar_one()
        shutil.rmtree(work / "index", ignore_errors=True)
        report["indexes"] = build_indexes(today)
        print(f"   indexes {report['indexes']}")
        print("2. cold load")
        started = time.perf_counter()
        tables = get_tables().refresh(today)
        report["cold_load_s"] = round(time.perf_counter() - started, 2)
        print(f"   {tables.offers.size} offers, {tables.demands.size} demands in {report['cold_load_s']} s")
        print("3. new demands")
        report["new_demands"] = measure_new_demands(args, today)
        print(f"   rank p50 {report['new_demands']['rank_ms']['p50']} ms, p95 {report['new_demands']['rank_ms']['p95']}"
              f" ms; brute force p50 {report['new_demands']['brute_ms']['p50']} ms")
        print("4. full recomputation")
        report["recompute"] = measure_recompute(today)
        print(f"   {report['recompute']}")
        print("5. scheduling")
        report["scheduling"] = measure_scheduling(args, today)
        print(f"   {report['scheduling']}")
    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    section = render(report)
    print(section)
    if not args.no_write:
        write_benchmarks(section)
        print("BENCHMARKS.md updated")
    return report


if __name__ == "__main__":
    main(sys.argv[1:])
