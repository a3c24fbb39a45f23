"""The two in-memory tables of a process (open offers and open demands): how each row is read
from the database and turned into numbers, and the one holder per application (`get_tables`).

Matching a demand means scoring thousands of offers; a SQL row per offer would be read,
converted and scored one by one. Instead each process keeps the posts as numpy columns
(`columns.Table`) and scores them all at once (`scoring`).

Keeping in step: before each use a table reads the version counter (`versions`, one indexed
row) and, when it moved, reloads only the rows stamped above the version it had: an edit
anywhere shows up in every process on its next match, without reloading 100,000 rows. A
process that starts loads only the open posts.
"""
import threading
from collections import defaultdict
from datetime import date

import numpy as np
from sqlalchemy import func

from marketplace.catalog.models import Category, Certification, CertificationStatus, Producer, Product
from marketplace.extensions import db
from marketplace.matching.columns import Places, Table
from marketplace.matching.models import Demand, Offer, PostStatus
from marketplace.matching.terms import (FAMILY_INDEX, PER_MONTH, UNITS, Period, Recurrence, months_between,
                                        window_months)
from marketplace.search.analysis import analyze, words

STAR_LEVELS = (3, 4, 5)


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


def preload_tables(app, today):
    """Load the tables once in the process that forks the web workers (gunicorn's master, see
    deploy/gunicorn.conf.py), before it forks: every worker, the first ones and each one started
    later in place of another, begins with the tables in memory, shared copy-on-write, and its
    first match only catches up with the rows stamped since (`Table.refresh`), instead of
    reading every open post itself. Returns the tables."""
    with app.app_context():
        return get_tables(app).refresh(today)
