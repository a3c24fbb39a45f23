"""The search seam: what an index holds, what a search asks, what it answers, and
the interface every engine implements.

Engines see only plain data: documents are dicts of folded text and integers,
filters and facets are the small value types below. What a product or a producer
becomes in an index is decided once, in `search.documents`; how the storefront
asks is decided in `search.service`. Adding an index for another domain (events,
offers) means writing an `IndexSpec` and a document builder, nothing in the engines.
"""
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from marketplace.core.outbox import RetryLater


class SearchUnavailable(RetryLater):
    """The engine cannot answer or accept writes now (down, locked, misconfigured)."""


@dataclass(frozen=True)
class IndexSpec:
    """The shape of one index.

    text_fields: searched, most important first ("name before description"); the
        first one also gets the phrase (words close together) bonus.
    int_fields: non-negative integers to filter, facet and sort on.
    keyword_fields: short exact strings to filter and facet on.
    sortable: fields a search may sort on (ints, keywords or `sort_text_fields`).
    sort_text_fields: folded strings kept only for sorting (e.g. name A–Z).
    tie_break: int field that orders otherwise equal relevance (higher first).
    typo_fields: the text fields where a word may match with typos; the others need
        exact words or prefixes (names of regions would otherwise match half the queries).
    """

    name: str
    text_fields: tuple
    int_fields: tuple = ()
    keyword_fields: tuple = ()
    sortable: tuple = ()
    sort_text_fields: tuple = ()
    tie_break: str | None = None
    typo_fields: tuple | None = None  # text fields where typos are tolerated (None: all)

    def __post_init__(self):
        if self.typo_fields is None:
            object.__setattr__(self, "typo_fields", self.text_fields)

    @property
    def filterable(self):
        return self.int_fields + self.keyword_fields


# --- filters -----------------------------------------------------------------
# `tag` names the facet a filter belongs to, so that facet's counts can ignore it
# (choosing a province must not hide the other provinces' counts).

@dataclass(frozen=True)
class Eq:
    field: str
    value: object
    tag: str | None = None


@dataclass(frozen=True)
class AnyOf:
    field: str
    values: tuple
    tag: str | None = None


@dataclass(frozen=True)
class Range:
    field: str
    gte: int | None = None
    lte: int | None = None
    tag: str | None = None


@dataclass(frozen=True)
class Facet:
    """Counts per value of `field` (terms), or, when `counts` is given, one count per
    named filter (e.g. {3: Range("stars3_until", gte=today), ...})."""

    name: str
    field: str | None = None
    counts: tuple = ()  # ((key, Range | Eq), ...)
    tag: str | None = None  # filters with this tag are ignored for this facet's counts


@dataclass(frozen=True)
class Sort:
    field: str
    descending: bool = False


@dataclass(frozen=True)
class SearchRequest:
    index: str
    query: str = ""
    filters: tuple = ()
    facets: tuple = ()
    sort: Sort | None = None  # None: by relevance (then tie_break)
    offset: int = 0
    limit: int = 20
    # Matching of the last word as a prefix (search as you type); off for exact lookups.
    prefix: bool = True


@dataclass
class SearchResult:
    ids: list
    total: int
    facets: dict = field(default_factory=dict)
    # True when no document matched every word and these match most of them.
    partial: bool = False
    engine: str = ""


class SearchEngine(ABC):
    """What an engine does. Implementations: `embedded.EmbeddedEngine`, `meili.MeiliEngine`."""

    name = "abstract"

    def __init__(self, specs):
        self.specs = {spec.name: spec for spec in specs}

    def spec(self, index):
        try:
            return self.specs[index]
        except KeyError:
            raise ValueError(f"unknown index {index!r}") from None

    @abstractmethod
    def ensure(self):
        """Create the indexes and apply their settings (idempotent)."""
        ...

    @abstractmethod
    def upsert(self, index, documents):
        """Add or replace documents (dicts with an integer "id")."""
        ...

    @abstractmethod
    def delete(self, index, ids):
        ...

    @abstractmethod
    def rebuild(self, index, batches, progress=None):
        """Replace every document of `index` by those of `batches` (an iterable of lists);
        searches see the old documents until the new ones are all in. Returns the count.
        `progress(n)` is called after each batch."""
        ...

    @abstractmethod
    def search(self, request):
        """A `SearchResult` for a `SearchRequest`."""
        ...

    @abstractmethod
    def count(self, index):
        ...

    @abstractmethod
    def health(self):
        """{"ok": bool, "engine": name, ...details}; never raises."""
        ...

    def close(self):
        pass
