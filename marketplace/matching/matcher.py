"""Finding and ranking matches: candidates, hard rules, scores, reasons.

For a demand, the candidates are the open offers of the same OCOP group (its own
subcategory and the related ones) and the offers the search engine finds for the
demand's words (folded: "buoi da xanh" finds "Bưởi da xanh" in any category). The
hard rules drop what cannot work; the rest is scored (`scoring`) and the best come
first, each with its reasons in a trader's words. From an offer towards demands it
is the same, the other way round (the engine searches the `demands` index).

Everything is computed from the in-memory tables (`tables`), refreshed from the
database first, so a page always ranks the posts as they are now.
"""
import logging
import time
from dataclasses import dataclass, field

import numpy as np
from flask_babel import format_decimal

from marketplace.core.i18n import lazy_gettext as _l
from marketplace.matching import record, scoring
from marketplace.matching.tables import get_tables
from marketplace.search.base import Range, SearchRequest

log = logging.getLogger(__name__)

ENGINE_CANDIDATES = 300  # word hits asked of the search engine per post


class Number:
    """A number formatted in the reader's language when the text is shown (1.150 / 1,150)."""

    def __init__(self, value, digits=0):
        self.value, self.digits = value, digits

    def __str__(self):
        value = round(self.value, self.digits) if self.digits else int(round(self.value))
        try:
            return format_decimal(value)
        except Exception:  # outside an app context
            return str(value)


@dataclass
class Reason:
    factor: str
    points: float
    weight: int
    text: object  # a lazy string: rendered in the reader's language

    @property
    def label(self):
        return FACTOR_LABELS[self.factor]

    def as_dict(self):
        return {"factor": self.factor, "points": round(self.points, 1), "max": self.weight, "text": str(self.text)}


FACTOR_LABELS = {
    "product": _l("Mặt hàng"), "price": _l("Giá"), "quantity": _l("Số lượng"), "distance": _l("Khoảng cách"),
    "stars": _l("Sao OCOP"), "record": _l("Uy tín giao hàng"),
}


@dataclass
class Pair:
    demand_id: int
    offer_id: int
    score: int
    exact: float
    reasons: list = field(default_factory=list)


@dataclass
class Ranking:
    matches: list
    candidates: int = 0  # scored after the hard rules dropped some
    considered: int = 0  # before the hard rules
    dropped: dict = field(default_factory=dict)  # rule -> pairs it dropped
    engine: str = "none"
    took_ms: float = 0.0


# --- candidates ---------------------------------------------------------------------

def _engine_ids(index, text, today, limit=ENGINE_CANDIDATES, cache=None):
    """Ids the search engine finds for the folded words of `text` (empty when it cannot answer)."""
    from marketplace.search import get_engine
    from marketplace.search.specs import day_number
    if not text or not text.strip():
        return [], "none"
    key = (index, text, today)
    if cache is not None and key in cache:
        return cache[key]
    try:
        engine = get_engine()
        if engine is None:
            return [], "database"
        result = engine.search(SearchRequest(index=index, query=text, limit=limit, prefix=False,
                                             filters=(Range("expires_on", gte=day_number(today)),)))
        if cache is not None:
            cache[key] = (result.ids, engine.name)
        return result.ids, engine.name
    except Exception as exc:  # matching goes on with the categories alone
        log.warning("matching: search engine unavailable for %s: %s", index, exc)
        return [], "unavailable"


def _rows(table, ids):
    rows = [table.row_of[i] for i in ids if i in table.row_of]
    return np.array(rows, dtype=np.int64)


def _top(totals, ids, limit):
    """Positions of the `limit` best totals (ties: lower id first)."""
    if totals.size == 0:
        return np.zeros(0, dtype=np.int64)
    if totals.size > limit:
        kth = np.partition(totals, totals.size - limit)[totals.size - limit]
        keep = np.flatnonzero(totals >= kth)
    else:
        keep = np.arange(totals.size)
    order = np.lexsort((ids[keep], -totals[keep]))
    return keep[order][:limit]


# --- one demand against offers --------------------------------------------------------

def _segments(table, group_id, engine_ids, today):
    """The candidates as [(rows, view)]: the table's live rows of the OCOP group (cached until the
    table changes), then the engine's live hits outside that group."""
    pool_rows, pool_view = table.pool(group_id, today)
    segments = [(pool_rows, pool_view)]
    extra = _rows(table, engine_ids)
    if extra.size:
        extra = extra[(table.group_id[extra] != group_id) & table.active[extra] & (table.expires[extra] >= today)]
        if extra.size:
            segments.append((extra, table.view(extra)))
    return segments


def rank_offers_for_demand(demand_id, today, limit=10, reasons=True, tables=None, engine_cache=None):
    """The best offers for an open demand, with reasons: a `Ranking` (empty when the demand
    is not open). `engine_cache` (a dict) lets a batch ask the engine once per set of words."""
    started = time.perf_counter()
    tables = tables or get_tables().refresh(today)
    demands, offers = tables.demands, tables.offers
    today_ordinal = today.toordinal()
    row = demands.row_of.get(demand_id)
    if row is None or not demands.active[row] or demands.expires[row] < today_ordinal:
        return Ranking(matches=[])
    d = demands.row(row)
    words = demands.words[row]
    engine_ids, engine_name = _engine_ids("offers", " ".join(words), today, cache=engine_cache)
    segments = _segments(offers, d.group_id, engine_ids, today_ordinal)
    counts = offers.word_counts(words) if words else None
    ranking = _score(d, segments, counts, today_ordinal, tables, limit, reasons, direction="offers")
    ranking.engine = engine_name
    ranking.took_ms = (time.perf_counter() - started) * 1000
    return ranking


# --- one offer against demands --------------------------------------------------------

def rank_demands_for_offer(offer_id, today, limit=10, reasons=True, tables=None):
    """The best open demands for an open offer, with reasons."""
    started = time.perf_counter()
    tables = tables or get_tables().refresh(today)
    demands, offers = tables.demands, tables.offers
    today_ordinal = today.toordinal()
    row = offers.row_of.get(offer_id)
    if row is None or not offers.active[row] or offers.expires[row] < today_ordinal:
        return Ranking(matches=[])
    o = offers.row(row)
    tokens = offers.tokens[row]
    engine_ids, engine_name = _engine_ids("demands", " ".join(sorted(tokens)), today)
    segments = _segments(demands, o.group_id, engine_ids, today_ordinal)
    ranking = _score(o, segments, demands.word_counts(tokens), today_ordinal, tables, limit, reasons,
                     direction="demands")
    ranking.engine = engine_name
    ranking.took_ms = (time.perf_counter() - started) * 1000
    return ranking


def _score(post, segments, counts, today, tables, limit, with_reasons, direction):
    """Hard rules over each segment of candidates, then scores of those kept, best first.

    post: the one demand (direction "offers") or offer (direction "demands"), as numbers;
    counts: per row of the other table, how many of the demand's words are matched (None: no words).
    """
    other = tables.offers if direction == "offers" else tables.demands
    considered = sum(int(rows.size) for rows, _ in segments)
    dropped = dict.fromkeys(scoring.HARD_RULES, 0)
    kept = []
    for rows, view in segments:
        if not rows.size:
            continue
        rules = scoring.hard_rules(post, view, today) if direction == "offers" else \
            scoring.hard_rules(view, post, today)
        ok = np.ones(rows.size, dtype=bool)
        for name in scoring.HARD_RULES:
            passed = np.broadcast_to(rules[name], ok.shape)
            dropped[name] += int(np.count_nonzero(ok & ~passed))
            ok &= passed
        kept.append(rows[ok])
    kept_rows = np.concatenate(kept) if kept else np.zeros(0, dtype=np.int64)
    if kept_rows.size == 0:
        return Ranking(matches=[], considered=considered, dropped=dropped)
    kept_view = other.view(kept_rows)
    matched = counts[kept_rows] if counts is not None else np.zeros(kept_rows.size, dtype=np.int16)
    d, o = (post, kept_view) if direction == "offers" else (kept_view, post)
    result = scoring.factors(d, o, today, matched, record.record_shares(o.producer_id), tables.places.distances)
    totals = np.asarray(result.total, dtype=float)
    best = _top(totals, kept_view.id, limit)
    matches = []
    for position in best:
        total = float(totals[position])
        other_id = int(kept_view.id[position])
        demand_id, offer_id = (int(post.id), other_id) if direction == "offers" else (other_id, int(post.id))
        match = Pair(demand_id=demand_id, offer_id=offer_id, score=int(scoring.rounded(total)), exact=total)
        if with_reasons:
            match.reasons = explain(result, position, tables, d, o, direction)
        matches.append(match)
    return Ranking(matches=matches, candidates=int(kept_rows.size), considered=considered, dropped=dropped)


# --- reasons --------------------------------------------------------------------------

def _at(value, position):
    array = np.asarray(value)
    return array.item() if array.ndim == 0 else array[position].item()


def explain(result, position, tables, d, o, direction):
    """The reasons of one scored pair, in the order of the factors."""
    raw = {name: _at(value, position) for name, value in result.raw.items()}
    points = {name: _at(value, position) for name, value in result.points.items()}
    d_row = {name: _at(getattr(d, name), position) for name in ("target_price", "province_index", "n_words",
                                                                 "id", "recurring")}
    o_row = {name: _at(getattr(o, name), position) for name in ("price_min", "price_max", "id", "producer_id")}
    demands, offers = tables.demands, tables.offers
    d_index = demands.row_of.get(d_row["id"])
    words = demands.words[d_index] if d_index is not None else []
    title = demands.titles[d_index] if d_index is not None else ""
    tokens = offers.tokens[offers.row_of[o_row["id"]]] if o_row["id"] in offers.row_of else frozenset()
    province = tables.places.names.get(tables.places.ids[d_row["province_index"]], "")
    return [
        Reason("product", points["product"], scoring.WEIGHTS["product"], _product_text(raw, words, tokens, title)),
        Reason("price", points["price"], scoring.WEIGHTS["price"], _price_text(raw, d_row, o_row)),
        Reason("quantity", points["quantity"], scoring.WEIGHTS["quantity"], _quantity_text(raw)),
        Reason("distance", points["distance"], scoring.WEIGHTS["distance"], _distance_text(raw, province)),
        Reason("stars", points["stars"], scoring.WEIGHTS["stars"], _stars_text(raw)),
        Reason("record", points["record"], scoring.WEIGHTS["record"],
               record.record_reason(points["record"] / scoring.WEIGHTS["record"])),
    ]


def _category_text(share):
    if share >= 1:
        return _l("đúng loại hàng")
    if share > 0:
        return _l("cùng nhóm hàng")
    return _l("khác nhóm hàng")


def _product_text(raw, words, tokens, title):
    if not words:
        return _category_text(raw["category_share"])
    found = [w for w in words if w in tokens]
    if len(found) == len(words):
        return _l("đúng mặt hàng “%(words)s”, %(category)s", words=title or " ".join(words),
                  category=_category_text(raw["category_share"]))
    if found:
        return _l("khớp %(n)s/%(total)s từ: %(words)s; %(category)s", n=len(found), total=len(words),
                  words=", ".join(found), category=_category_text(raw["category_share"]))
    return _l("không có từ “%(words)s”; %(category)s", words=title or " ".join(words),
              category=_category_text(raw["category_share"]))


def _price_text(raw, d, o):
    if d["target_price"] < 0:
        return _l("bên mua chưa nêu giá mục tiêu")
    if o["price_max"] <= d["target_price"]:
        return _l("giá trong ngân sách")
    if o["price_min"] <= d["target_price"]:
        return _l("một phần khoảng giá trong ngân sách")
    return _l("giá cao hơn ngân sách %(percent)s%%", percent=Number(raw["over"] * 100))


def _quantity_text(raw):
    if raw["covered"] >= 0.995:
        return _l("đủ số lượng")
    return _l("đủ %(percent)s%% số lượng", percent=Number(raw["covered"] * 100))


def _distance_text(raw, province):
    km = Number(raw["km"])
    if raw["delivers"]:
        if raw["km"] < 1:
            return _l("cùng tỉnh, giao được đến %(province)s", province=province)
        return _l("cách %(km)s km, giao được đến %(province)s", km=km, province=province)
    return _l("cách %(km)s km, chưa giao đến %(province)s", km=km, province=province)


def _stars_text(raw):
    if raw["stars"]:
        return _l("OCOP %(stars)s sao, chứng nhận còn hiệu lực", stars=raw["stars"])
    return _l("chưa có sao OCOP còn hiệu lực")


# --- one given pair ----------------------------------------------------------------------

def explain_pair(demand_id, offer_id, today, tables=None):
    """The score and reasons of one demand and one offer as they are now, or None when either
    is not open or a hard rule drops the pair (see `failed_rules`)."""
    tables = tables or get_tables().refresh(today)
    demands, offers = tables.demands, tables.offers
    d_row, o_row = demands.row_of.get(demand_id), offers.row_of.get(offer_id)
    if d_row is None or o_row is None or not demands.active[d_row] or not offers.active[o_row]:
        return None
    today_ordinal = today.toordinal()
    if demands.expires[d_row] < today_ordinal or offers.expires[o_row] < today_ordinal:
        return None
    d, o = demands.row(d_row), offers.row(o_row)
    if not bool(scoring.passes(d, o, today_ordinal)):
        return None
    words = demands.words[d_row]
    matched = sum(1 for w in words if w in offers.tokens[o_row])
    result = scoring.factors(d, o, today_ordinal, matched, record.record_shares(o.producer_id),
                             tables.places.distances)
    total = float(result.total)
    return Pair(demand_id=demand_id, offer_id=offer_id, score=int(scoring.rounded(total)), exact=total,
                reasons=explain(result, 0, tables, d, o, "pair"))


def failed_rules(demand_id, offer_id, today, tables=None):
    """The hard rules a pair fails (empty when it passes or a post is not open)."""
    tables = tables or get_tables().refresh(today)
    demands, offers = tables.demands, tables.offers
    d_row, o_row = demands.row_of.get(demand_id), offers.row_of.get(offer_id)
    if d_row is None or o_row is None:
        return []
    rules = scoring.hard_rules(demands.row(d_row), offers.row(o_row), today.toordinal())
    return [name for name in scoring.HARD_RULES if not bool(rules[name])]


def best_pair_score(buyer_id, producer_id, today, tables=None):
    """The best score between a buyer's open demands and a producer's open offers (0 when none
    passes the hard rules): what orders meeting requests at an event."""
    tables = tables or get_tables().refresh(today)
    demands, offers = tables.demands, tables.offers
    d_rows = np.flatnonzero((demands.buyer_id == buyer_id) & demands.active) if demands.size else []
    o_rows = np.flatnonzero((offers.producer_id == producer_id) & offers.active) if offers.size else []
    best = 0
    for d_row in d_rows:
        for o_row in o_rows:
            pair = explain_pair(int(demands.id[d_row]), int(offers.id[o_row]), today, tables)
            if pair is not None:
                best = max(best, pair.score)
    return best
