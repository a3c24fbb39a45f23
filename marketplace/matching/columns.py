"""Posts as columns of numbers in memory, and how they are queried.

A `Table` holds one numpy array per attribute (one position per post), the folded words of
each row with an inverted index (word -> rows), and the candidate pools of an OCOP group;
`refresh` brings it up to date through the version counter (`versions`), and its subclasses
(`tables.OfferTable`, `tables.DemandTable`) say how a row is read from the database.
`Places` holds the provinces' positions and the km between them; `Columns` is a view of some
rows (or one row) as attributes.

Rows never move: a closed post stays in place, inactive.
"""
import threading
from collections import defaultdict

import numpy as np

from marketplace.catalog.models import Province
from marketplace.extensions import db
from marketplace.matching.scoring import haversine_km
from marketplace.matching.versions import current_version


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
