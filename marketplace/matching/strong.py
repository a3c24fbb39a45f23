"""Strong matches kept in the database, so that each side hears about a pair once.

After a post changes (outbox message `matching.post_changed`, handled after the
commit) its strong matches are recomputed: new pairs are recorded and announced
to the users of both sides, at once or in their daily digest; pairs that are no
longer strong are marked inactive. `recompute_all` does the same for every open
demand (nightly, and after bulk loads).
"""
import logging
import time
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, update

from marketplace.core.timeutil import utcnow
from marketplace.extensions import db
from marketplace.matching import access, matcher, notifications, scoring
from marketplace.matching.models import (Demand, Match, MatchNotice, NotifyFrequency, Offer, PostStatus,
                                         Side)
from marketplace.matching.tables import get_tables

log = logging.getLogger(__name__)

KEEP_PER_POST = 20  # strong matches recorded per post and computation


@dataclass
class Report:
    posts: int = 0
    strong: int = 0
    new: int = 0
    deactivated: int = 0
    seconds: float = 0.0


def _existing(condition):
    return {(m.demand_id, m.offer_id): m for m in db.session.execute(db.select(Match).where(condition)).scalars()}


def _apply(found, existing, now, report, new_matches):
    """found: {(demand_id, offer_id): score} strong now; existing: those recorded for the same posts."""
    for pair, score in found.items():
        match = existing.get(pair)
        if match is None:
            match = Match(demand_id=pair[0], offer_id=pair[1], score=score, active=True, first_found_at=now,
                          updated_at=now)
            db.session.add(match)
            new_matches.append(match)
            report.new += 1
        elif not match.active or match.score != score:
            match.active, match.score, match.updated_at = True, score, now
    gone = [m.id for pair, m in existing.items() if pair not in found and m.active]
    if gone:
        db.session.execute(update(Match).where(Match.id.in_(gone)).values(active=False, updated_at=now)
                           .execution_options(synchronize_session=False))
        report.deactivated += len(gone)


def refresh_post(kind, post_id, today, now=None):
    """Recompute one post's strong matches; announce the new ones. Returns a Report."""
    now = now or utcnow()
    report = Report(posts=1)
    model = Demand if kind == "demand" else Offer
    post = db.session.get(model, post_id)
    if post is None:
        return report
    tables = get_tables().refresh(today)
    found = {}
    if post.status is PostStatus.OPEN:
        if kind == "demand":
            ranking = matcher.rank_offers_for_demand(post_id, today, limit=KEEP_PER_POST, reasons=False,
                                                     tables=tables)
        else:
            ranking = matcher.rank_demands_for_offer(post_id, today, limit=KEEP_PER_POST, reasons=False,
                                                     tables=tables)
        found = {(m.demand_id, m.offer_id): m.score for m in ranking.matches if m.score >= scoring.STRONG}
    report.strong = len(found)
    existing = _existing(Match.demand_id == post_id if kind == "demand" else Match.offer_id == post_id)
    new_matches = []
    _apply(found, existing, now, report, new_matches)
    db.session.flush()
    announce(new_matches, today, now)
    return report


def handle_post_changed(payloads, today=None):
    """Outbox handler for matching.post_changed: each post once per batch."""
    from marketplace.core.timeutil import vn_today
    today = today or vn_today()
    for kind, post_id in sorted({(p["kind"], int(p["id"])) for p in payloads}):
        refresh_post(kind, post_id, today)


def recompute_all(today, now=None, progress=None, announce_new=True):
    """Every open demand's strong matches, from scratch (the nightly job; `flask matching recompute`)."""
    started = time.perf_counter()
    now = now or utcnow()
    tables = get_tables().refresh(today)
    report = Report()
    demands = tables.demands
    today_ordinal = today.toordinal()
    found, engine_cache = {}, {}
    for row in range(demands.size):
        if not demands.active[row] or demands.expires[row] < today_ordinal:
            continue
        demand_id = int(demands.id[row])
        ranking = matcher.rank_offers_for_demand(demand_id, today, limit=KEEP_PER_POST, reasons=False,
                                                 tables=tables, engine_cache=engine_cache)
        for m in ranking.matches:
            if m.score >= scoring.STRONG:
                found[(m.demand_id, m.offer_id)] = m.score
        report.posts += 1
        if progress:
            progress(1)
    report.strong = len(found)
    _write_all(found, now, report)
    if announce_new and report.new:
        new_matches = db.session.execute(db.select(Match).where(Match.first_found_at == now)).scalars().all()
        announce(new_matches, today, now)
    db.session.commit()
    report.seconds = time.perf_counter() - started
    return report


def _write_all(found, now, report, chunk=5000):
    """Record a full computation with Core statements (hundreds of thousands of pairs): insert the
    new pairs, update the changed ones, deactivate the recorded pairs that are no longer strong."""
    existing = {(demand_id, offer_id): (match_id, score, active) for match_id, demand_id, offer_id, score, active
                in db.session.connection().execute(db.select(Match.id, Match.demand_id, Match.offer_id,
                                                             Match.score, Match.active)).all()}
    new_rows, changed, gone = [], [], []
    for pair, score in found.items():
        recorded = existing.get(pair)
        if recorded is None:
            new_rows.append({"demand_id": pair[0], "offer_id": pair[1], "score": score, "active": True,
                             "first_found_at": now, "updated_at": now})
        elif recorded[1] != score or not recorded[2]:
            changed.append({"match_id": recorded[0], "new_score": score})
    for pair, (match_id, _score, active) in existing.items():
        if active and pair not in found:
            gone.append(match_id)
    for start in range(0, len(new_rows), chunk):
        db.session.execute(insert(Match), new_rows[start:start + chunk])
    if changed:
        statement = (update(Match).where(Match.id == bindparam("match_id"))
                     .values(score=bindparam("new_score"), active=True, updated_at=now))
        for start in range(0, len(changed), chunk):
            db.session.connection().execute(statement, changed[start:start + chunk])
    for start in range(0, len(gone), chunk):
        db.session.execute(update(Match).where(Match.id.in_(gone[start:start + chunk]))
                           .values(active=False, updated_at=now).execution_options(synchronize_session=False))
    report.new, report.deactivated = len(new_rows), len(gone)


# --- telling people -----------------------------------------------------------------------

def announce(new_matches, today, now):
    """A notice per user of both sides of each new strong match: mailed at once to those who
    chose it, kept for the digest of those who chose the daily digest, none for the others."""
    if not new_matches:
        return
    from marketplace.matching.services.preferences import preference_of
    demands = {d.id: d for d in db.session.execute(db.select(Demand).where(
        Demand.id.in_({m.demand_id for m in new_matches}))).scalars()}
    offers = {o.id: o for o in db.session.execute(db.select(Offer).where(
        Offer.id.in_({m.offer_id for m in new_matches}))).scalars()}
    immediate = defaultdict(list)
    members = {}
    for match in new_matches:
        demand, offer = demands[match.demand_id], offers[match.offer_id]
        for side, party_id in ((Side.BUYER, demand.buyer_id), (Side.PRODUCER, offer.producer_id)):
            key = (side, party_id)
            if key not in members:
                members[key] = access.member_user_ids(side, party_id)
            for user_id in members[key]:
                frequency = preference_of(user_id)
                if frequency is NotifyFrequency.NEVER:
                    continue
                notice = MatchNotice(match=match, user_id=user_id, side=side.value, created_at=now)
                db.session.add(notice)
                if frequency is NotifyFrequency.IMMEDIATE:
                    notice.sent_at = now
                    immediate[user_id].append((side, match))
    for user_id, items in immediate.items():
        notifications.new_matches(user_id, items, today, digest=False)


def send_digests(today, now=None):
    """One e-mail per user with the notices waiting for their digest; returns how many were sent."""
    from marketplace.matching.services.preferences import preference_of
    now = now or utcnow()
    pending = db.session.execute(db.select(MatchNotice).where(MatchNotice.sent_at.is_(None))
                                 .order_by(MatchNotice.user_id, MatchNotice.id)).scalars().all()
    by_user = defaultdict(list)
    silent = {user_id for user_id in {n.user_id for n in pending}
              if preference_of(user_id) is NotifyFrequency.NEVER}  # changed their mind since
    for notice in pending:
        if notice.match.active and notice.user_id not in silent:
            by_user[notice.user_id].append((Side(notice.side), notice.match))
        notice.sent_at = now
    for user_id, items in by_user.items():
        notifications.new_matches(user_id, items, today, digest=True)
    db.session.commit()
    return len(by_user)
