"""The page of products a listing shows, whoever answered it (an engine or the database):
shaped like Flask-SQLAlchemy's Pagination so the templates page through either alike, and
saying how it was searched (engine, degraded, partial, nearby searches)."""
import math
from dataclasses import dataclass, field


@dataclass
class ListingPage:
    """One page of products, shaped like Flask-SQLAlchemy's Pagination for the templates."""

    items: list
    total: int
    page: int
    per_page: int
    facets: dict = field(default_factory=dict)
    highlights: dict = field(default_factory=dict)  # product id -> Markup of its name
    engine: str = "database"
    degraded: bool = False  # the engine should have answered and could not
    partial: bool = False  # no product has every word; these have most of them
    alternatives: list = field(default_factory=list)
    took_ms: float = 0.0
    # How many of `total` the pages can reach: the engine answers no deeper (SEARCH_MAX_RESULTS,
    # like Meilisearch's maxTotalHits); None when every one can (the database answered).
    reachable_limit: int | None = None

    @property
    def reachable(self):
        """How many results the pages show at most: the pager, the API's `pages` and the page agree."""
        return self.total if self.reachable_limit is None else min(self.total, self.reachable_limit)

    @property
    def truncated(self):
        """More results than the pages can show: narrow the search to see the others."""
        return self.reachable < self.total

    @property
    def beyond(self):
        """A page number past the last page that has results."""
        return self.total > 0 and self.page > self.pages

    @property
    def pages(self):
        return max(1, math.ceil(self.reachable / self.per_page)) if self.total else 0

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def prev_num(self):
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self):
        return self.page + 1 if self.has_next else None

    def iter_pages(self, *, left_edge=2, left_current=2, right_current=4, right_edge=2):
        """Page numbers to link, None for a gap (the algorithm of Flask-SQLAlchemy)."""
        pages_end = self.pages + 1
        if pages_end == 1:
            return
        left_end = min(1 + left_edge, pages_end)
        yield from range(1, left_end)
        if left_end == pages_end:
            return
        mid_start = max(left_end, self.page - left_current)
        mid_end = min(self.page + right_current + 1, pages_end)
        if mid_start - left_end > 0:
            yield None
        yield from range(mid_start, mid_end)
        if mid_end == pages_end:
            return
        right_start = max(mid_end, pages_end - right_edge)
        if right_start - mid_end > 0:
            yield None
        yield from range(right_start, pages_end)
