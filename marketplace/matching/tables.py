"""Open posts as columns of numbers, in memory, kept in step with the database.

Matching a demand means scoring thousands of offers; a SQL row per offer would be
read, converted and scored one by one. Instead each process keeps the posts as
numpy columns (one array per attribute, one position per post) and scores them
all at once (`scoring`).

Keeping in step: every transaction that changes a post (or what its matching
depends on: a listing's certificates, a producer's verification) bumps the
counter of `MatchingState` and stamps the changed rows with it (`row_version`).
The counter's row is locked until commit, so versions become visible in order.
Before each use a table reads the counter (one indexed row) and, when it moved,
reloads only the rows stamped above the version it had: an edit anywhere shows up
in every process on its next match, without reloading 100,000 rows.

Rows never move: a closed post stays in place, inactive. A process that restarts
loads only the open posts.
"""
import threading
from collections import defaultdict
from datetime import date

import numpy as np
from sqlalchemy import func, update

from marketplace.catalog.models import Category, Certification, CertificationStatus, Producer, Product, Province
from marketplace.extensions import db
from marketplace.matching.models import Demand, MatchingState, Offer, PostStatus
from marketplace.matching.scoring import haversine_km
from marketplace.matching.terms import (FAMILY_INDEX, PER_MONTH, UNITS, Period, Recurrence, months_between,
                                        window_months)
from marketplace.search.analysis import analyze, words

STAR_LEVELS = (3, 4, 5)


# --- the version counter ------------------------------------------------------------

def current_version():
    version = db.session.execute(db.select(MatchingState.version).where(MatchingState.id == 1)).scalar()
    return int(version or 0)


def bump_version():
    """Take the next version for this transaction (locks the counter until commit)."""
    moved = db.session.execute(update(MatchingState).where(MatchingState.id == 1)
                               .values(version=MatchingState.version + 1)
                               .execution_options(synchronize_session=False)).rowcount
    if not moved:
        db.session.add(MatchingState(id=1, version=1))
        db.session.flush()
    return current_version()


def stamp_offers(where):
    """Mark the offers matching `where` (a SQL condition) as changed in this transaction."""
    version = bump_version()
    db.session.execute(update(Offer).where(where).values(row_version=version)
                       .execution_options(synchronize_session=False))
    return version


# --- reference: provinces -------------------------------------------------------------

class Places:
    """Province positions (index in the distance matrix) and the matrix of km between them."""

    def __init__(self):
        provinces = db.session.execute(db.select(Province.id, Province.lat, Province.lon, Province.name_vi)
                                       .order_by(Province.id)).all()
        self.index = {row.id: i for i, row in enumerate(provinces)}
        self.ids = [row.id for row in provinces]
        self.names = {row.id: row.name_vi for row in provinces}
        lat = np.array([row.lat or 0.0 for row in provinces])
        lon = np.array([row.lon or 0.0 for row in provinces])
        self.distances = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
        if len(self.ids) > 62:
            raise RuntimeError("delivery masks hold at most 62 provinces")

    def mask(self, province_ids, nationwide=False):
        if nationwide:
            return -1  # every bit
        mask = 0
        for province_id in province_ids or ():
            if province_id in self.index:
                mask |= 1 << self.index[province_id]
        return mask


class Columns:
    """Attribute access to a set of arrays (a view of some rows, or one row as numbers)."""

    def __init__(self, **arrays):
        self.__dict__.update(arrays)


# --- the tables -----------------------------------------------------------------------

class Table:
    """Columns of one kind of post. Subclasses say which columns and how a row is read."""

    dtypes = {}

    def __init__(self, places):
        self.places = places
        self.version = -1
        self.size = 0
        self.arrays = {name: np.zeros(0, dtype=dtype) for name, dtype in self.dtypes.items()}
        self.row_of = {}
        self.tokens = []  # per row: the set of folded words
        self.postings = defaultdict(set)  # word -> rows
        self._posting_arrays = {}
        self._groups = None
        self._pools = {}
        self.lock = threading.RLock()

    # columns
    def __getattr__(self, name):
        arrays = self.__dict__.get("arrays")
        if arrays is not None and name in arrays:
            return arrays[name]
        raise AttributeError(name)

    def view(self, rows):
        return Columns(**{name: array[rows] for name, array in self.arrays.items()})

    def row(self, row):
        return Columns(**{name: array[row].item() for name, array in self.arrays.items()})

    # words
    def posting(self, word):
        array = self._posting_arrays.get(word)
        if array is None:
            rows = self.postings.get(word)
            array = np.fromiter(rows, dtype=np.int64, count=len(rows)) if rows else np.zeros(0, dtype=np.int64)
            self._posting_arrays[word] = array
        return array

    def word_counts(self, query_words):
        """How many of `query_words` each row's words contain (an int array over all rows)."""
        counts = np.zeros(self.size, dtype=np.int16)
        for word in set(query_words):
            rows = self.posting(word)
            if rows.size:
                counts[rows] += 1
        return counts

    def group_rows(self, group_id):
        if self._groups is None:
            groups = {}
            for value in np.unique(self.arrays["group_id"]):
                groups[int(value)] = np.flatnonzero(self.arrays["group_id"] == value)
            self._groups = groups
        return self._groups.get(int(group_id), np.zeros(0, dtype=np.int64))

    def pool(self, group_id, today):
        """(rows, view) of the active, unexpired rows of an OCOP group on `today` (an ordinal):
        the candidates every match of that group starts from, kept until the table changes."""
        key = (int(group_id), int(today))
        found = self._pools.get(key)
        if found is None:
            rows = self.group_rows(group_id)
            rows = rows[self.arrays["active"][rows] & (self.arrays["expires"][rows] >= today)]
            if len(self._pools) > 64:
                self._pools.clear()
            found = self._pools[key] = (rows, self.view(rows))
        return found

    # loading
    def refresh(self, today):
        """Bring the table up to date with the database (cheap when nothing changed)."""
        with self.lock:
            version = current_version()
            if self.version < 0:
                self._apply(self.load(None, today), today)
            elif version > self.version:
                self._apply(self.load(self.version, today), today)
            self.version = max(self.version, version)
            self.after_refresh(today)
        return self

    def after_refresh(self, today):
        pass

    def _apply(self, records, today):
        """records: list of (id, {column: value}, tokens)."""
        if not records:
            return
        new = [r for r in records if r[0] not in self.row_of]
        old = [r for r in records if r[0] in self.row_of]
        for record_id, values, tokens in old:
            row = self.row_of[record_id]
            for name, value in values.items():
                self.arrays[name][row] = value
            self._index_words(row, tokens)
        if new:
            start = self.size
            for name, dtype in self.dtypes.items():
                added = np.array([values[name] for _, values, _ in new], dtype=dtype)
                self.arrays[name] = np.concatenate([self.arrays[name], added])
            self.tokens.extend([frozenset()] * len(new))
            for offset, (record_id, _, tokens) in enumerate(new):
                self.row_of[record_id] = start + offset
                self._index_words(start + offset, tokens)
            self.size += len(new)
        self._groups = None
        self._pools = {}

    def _index_words(self, row, tokens):
        tokens = frozenset(tokens)
        previous = self.tokens[row]
        for word in previous - tokens:
            self.postings[word].discard(row)
            self._posting_arrays.pop(word, None)
        for word in tokens - previous:
            self.postings[word].add(row)
            self._posting_arrays.pop(word, None)
        self.tokens[row] = tokens


def _ordinal(day):
    return day.toordinal() if day else 0


def _parents():
    return dict(db.session.execute(db.select(Category.id, Category.parent_id)).all())


def offer_tokens(title, product_name=None):
    tokens = set(words(title))
    if product_name and product_name != title:
        tokens.update(words(product_name))
    return tokens


def demand_words(title):
    """The words a demand is matched on: its title folded, without stop words, each once."""
    return list(dict.fromkeys(analyze(title or "", prefix=False).words))


class OfferTable(Table):
    dtypes = {
        "id": np.int64, "producer_id": np.int64, "product_id": np.int64, "category_id": np.int64,
        "group_id": np.int64, "province_index": np.int64, "family": np.int64, "monthly_base": np.float64,
        "min_order_base": np.float64, "price_min": np.float64, "price_max": np.float64, "season": np.int64,
        "certificates": np.int64, "delivery_mask": np.int64, "expires": np.int64, "stars3_until": np.int64,
        "stars4_until": np.int64, "stars5_until": np.int64, "active": np.bool_,
    }

    def load(self, since_version, today):
        query = (db.select(Offer.id, Offer.producer_id, Offer.product_id, Offer.title, Offer.category_id,
                           Offer.quantity, Offer.unit, Offer.period, Offer.min_order, Offer.price_min,
                           Offer.price_max, Offer.season_months, Offer.delivers_nationwide,
                           Offer.delivery_province_ids, Offer.certificates, Offer.expires_on, Offer.status,
                           Producer.province_id, Producer.verified, Product.name)
                 .select_from(Offer).join(Producer, Producer.id == Offer.producer_id)
                 .outerjoin(Product, Product.id == Offer.product_id))
        if since_version is None:
            query = query.where(Offer.status == PostStatus.OPEN)
        else:
            query = query.where(Offer.row_version > since_version)
        rows = db.session.connection().execute(query).all()  # Core rows: no ORM bookkeeping for 100,000
        star_days = product_star_days([row.product_id for row in rows if row.product_id])
        parents = _parents()
        records = []
        for row in rows:
            unit = UNITS.get(row.unit)
            factor = unit.factor if unit else 1
            days = star_days.get(row.product_id, {})
            period = Period(row.period)
            values = {
                "id": row.id, "producer_id": row.producer_id, "product_id": row.product_id or 0,
                "category_id": row.category_id, "group_id": parents.get(row.category_id) or row.category_id,
                "province_index": self.places.index.get(row.province_id, 0),
                "family": FAMILY_INDEX.get(unit.family, -1) if unit else -1,
                "monthly_base": row.quantity * (unit.factor if unit else 1) * PER_MONTH[period],
                "min_order_base": row.min_order * (unit.factor if unit else 1),
                # prices per base unit (per kg for a price per tấn), so that units compare
                "price_min": row.price_min / factor,
                "price_max": (row.price_max if row.price_max is not None else row.price_min) / factor,
                "season": row.season_months, "certificates": row.certificates,
                "delivery_mask": self.places.mask(row.delivery_province_ids, row.delivers_nationwide),
                "expires": _ordinal(row.expires_on),
                "stars3_until": _ordinal(days.get(3)), "stars4_until": _ordinal(days.get(4)),
                "stars5_until": _ordinal(days.get(5)),
                "active": PostStatus(row.status) is PostStatus.OPEN and bool(row.verified) and unit is not None,
            }
            records.append((row.id, values, offer_tokens(row.title, row.name)))
        return records


def product_star_days(product_ids):
    """{product_id: {3: last day, 4: ..., 5: ...}}: for each level, the latest expiry of a verified
    certificate with at least that many stars (the star rule, for every day at once)."""
    days = defaultdict(dict)
    ids = sorted(set(product_ids))
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        rows = db.session.connection().execute(
            db.select(Certification.product_id, Certification.stars, func.max(Certification.expires_on))
            .where(Certification.product_id.in_(chunk), Certification.status == CertificationStatus.VERIFIED)
            .group_by(Certification.product_id, Certification.stars)).all()
        for product_id, stars, expires_on in rows:
            for level in STAR_LEVELS:
                if stars >= level and expires_on > days[product_id].get(level, date.min):
                    days[product_id][level] = expires_on
    return days


class DemandTable(Table):
    dtypes = {
        "id": np.int64, "buyer_id": np.int64, "category_id": np.int64, "group_id": np.int64,
        "province_index": np.int64, "family": np.int64, "quantity_base": np.float64, "need_base": np.float64,
        "recurring": np.bool_, "target_price": np.float64, "min_stars": np.int64, "certificates": np.int64,
        "wanted_from": np.int64, "wanted_by": np.int64, "expires": np.int64, "n_words": np.int64,
        "window_mask": np.int64, "window_length": np.float64, "active": np.bool_,
    }

    def __init__(self, places):
        super().__init__(places)
        self.window_day = None
        self.words = []  # per row: the demand's words, in order
        self.titles = []  # per row: the demand's title as typed

    def load(self, since_version, today):
        query = db.select(Demand.id, Demand.buyer_id, Demand.title, Demand.category_id, Demand.quantity, Demand.unit,
                          Demand.recurrence, Demand.target_price, Demand.delivery_province_id, Demand.wanted_from,
                          Demand.wanted_by, Demand.min_stars, Demand.certificates, Demand.expires_on, Demand.status)
        if since_version is None:
            query = query.where(Demand.status == PostStatus.OPEN)
        else:
            query = query.where(Demand.row_version > since_version)
        parents = _parents()
        records = []
        for row in db.session.connection().execute(query).all():
            unit = UNITS.get(row.unit)
            recurrence = Recurrence(row.recurrence)
            quantity = row.quantity * (unit.factor if unit else 1)
            found = demand_words(row.title)
            values = {
                "id": row.id, "buyer_id": row.buyer_id, "category_id": row.category_id,
                "group_id": parents.get(row.category_id) or row.category_id,
                "province_index": self.places.index.get(row.delivery_province_id, 0),
                "family": FAMILY_INDEX.get(unit.family, -2) if unit else -2,
                "quantity_base": quantity,
                "need_base": quantity * PER_MONTH[recurrence] if recurrence is not Recurrence.ONE_OFF else quantity,
                "recurring": recurrence is not Recurrence.ONE_OFF,
                "target_price": row.target_price / (unit.factor if unit else 1) if row.target_price is not None else -1,
                "min_stars": row.min_stars or 0, "certificates": row.certificates,
                "wanted_from": _ordinal(row.wanted_from), "wanted_by": _ordinal(row.wanted_by),
                "expires": _ordinal(row.expires_on), "n_words": len(found),
                "window_mask": 0, "window_length": 1.0,
                "active": PostStatus(row.status) is PostStatus.OPEN and unit is not None,
            }
            records.append((row.id, values, (found, row.title)))
        return records

    def _apply(self, records, today):
        super()._apply([(i, v, set(found)) for i, v, (found, _title) in records], today)
        for record_id, values, (found, title) in records:
            row = self.row_of[record_id]
            while len(self.words) <= row:
                self.words.append([])
                self.titles.append("")
            self.words[row], self.titles[row] = found, title
            self._set_window(row, today)

    def _set_window(self, row, today):
        mask, length = demand_window(self.arrays["wanted_from"][row], self.arrays["wanted_by"][row], today)
        self.arrays["window_mask"][row] = mask
        self.arrays["window_length"][row] = length

    def after_refresh(self, today):
        """The wanted window's months start today: recompute them when the day changes."""
        if self.window_day != today:
            for row in range(self.size):
                self._set_window(row, today)
            self.window_day = today


def demand_window(wanted_from, wanted_by, today):
    """(months of the window still ahead, as a 12-bit set; its length in months) on `today`;
    dates as ordinals. A window that has passed has no months: nothing can match it."""
    start = max(int(today), int(wanted_from or 0))
    if int(wanted_by) < start:
        return 0, 1.0
    first, last = date.fromordinal(start), date.fromordinal(int(wanted_by))
    return window_months(first, last), float(months_between(first, last))


class MatchingTables:
    """The two tables of one process, refreshed together."""

    def __init__(self):
        self.places = Places()
        self.offers = OfferTable(self.places)
        self.demands = DemandTable(self.places)
        self.lock = threading.RLock()

    def refresh(self, today):
        today_ordinal = today.toordinal() if isinstance(today, date) else int(today)
        self.offers.refresh(today_ordinal)
        self.demands.refresh(today_ordinal)
        return self


def get_tables(app=None):
    from flask import current_app
    app = app or current_app._get_current_object()
    tables = app.extensions.get("matching_tables")
    if tables is None:
        tables = app.extensions["matching_tables"] = MatchingTables()
    return tables


def reset_tables(app=None):
    """Forget the in-memory tables (after a bulk load that bypassed the services)."""
    from flask import current_app
    (app or current_app._get_current_object()).extensions.pop("matching_tables", None)
