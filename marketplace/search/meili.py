"""The Meilisearch engine, through the official client, for deployments that
outgrow one machine (MEILI_URL, MEILI_KEY).

Index settings are applied by code (`index_settings`): searchable attributes in
order of importance, filterable and sortable attributes, ranking rules (words,
then an explicit sort, typos, proximity, attribute, exactness, stars), typo
tolerance (1 typo from 4 letters, 2 from 9; none on region names), the synonyms
and stop words of `synonyms.json`. Documents and queries are folded by us, so the
engine's own normalisation never has to know about đ.

Every filter is written by `filter_expression`, which accepts only attributes of
the index spec and quotes and escapes every value, whatever the user sent.
"""
import logging
import re

import meilisearch
from meilisearch.errors import MeilisearchApiError, MeilisearchError

from marketplace.search.analysis import analyze, load_vocabulary
from marketplace.search.base import AnyOf, Eq, Range, SearchEngine, SearchResult, SearchUnavailable

log = logging.getLogger(__name__)

_ATTRIBUTE = re.compile(r"^[a-z][a-z0-9_]*$")
TASK_TIMEOUT_MS = 60_000
MAX_TOTAL_HITS = 10_000


# --- filters -------------------------------------------------------------------------

def quote(value):
    """A filter value as a double-quoted Meilisearch string, backslashes and quotes escaped."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"unsupported filter value {value!r}")
    text = str(value)
    if "\x00" in text:
        raise ValueError("NUL in a filter value")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def attribute(name, allowed):
    if name not in allowed or not _ATTRIBUTE.match(name):
        raise ValueError(f"{name!r} is not a filterable attribute")
    return name


def clause_expression(clause, allowed):
    field = attribute(clause.field, allowed)
    if isinstance(clause, Eq):
        return f"{field} = {quote(clause.value)}"
    if isinstance(clause, AnyOf):
        if not clause.values:
            return f"{field} IN []"
        return f"{field} IN [{', '.join(quote(v) for v in clause.values)}]"
    if isinstance(clause, Range):
        parts = []
        if clause.gte is not None:
            parts.append(f"{field} >= {quote(int(clause.gte))}")
        if clause.lte is not None:
            parts.append(f"{field} <= {quote(int(clause.lte))}")
        return " AND ".join(parts) if parts else None
    raise TypeError(f"unknown filter {clause!r}")


def filter_expression(clauses, allowed):
    """Meilisearch filter syntax for filter clauses (all must hold), or None."""
    parts = [clause_expression(c, allowed) for c in clauses]
    parts = [f"({p})" for p in parts if p]
    return " AND ".join(parts) or None


# --- settings --------------------------------------------------------------------------

def index_settings(spec, vocabulary=None, max_total_hits=MAX_TOTAL_HITS):
    vocabulary = vocabulary or load_vocabulary()
    synonyms = {}
    for group in vocabulary.groups:
        for phrase in group:
            synonyms[phrase] = [other for other in group if other != phrase]
    ranking = ["words", "sort", "typo", "proximity", "attribute", "exactness"]
    if spec.tie_break:
        ranking.append(f"{spec.tie_break}:desc")
    return {
        "searchableAttributes": list(spec.text_fields),
        "displayedAttributes": ["id"],
        "filterableAttributes": list(spec.filterable),
        "sortableAttributes": list(spec.sortable),
        "rankingRules": ranking,
        "typoTolerance": {
            "enabled": True,
            "minWordSizeForTypos": {"oneTypo": 4, "twoTypos": 9},
            "disableOnAttributes": [f for f in spec.text_fields if f not in spec.typo_fields],
        },
        "synonyms": synonyms,
        "stopWords": sorted(" ".join(p) for p in vocabulary.stop_words if len(p) == 1),
        "pagination": {"maxTotalHits": max_total_hits},
        "faceting": {"maxValuesPerFacet": 500},
    }


class MeiliEngine(SearchEngine):
    name = "meilisearch"

    def __init__(self, specs, url, api_key=None, prefix="", timeout=2, vocabulary=None,
                 max_total_hits=MAX_TOTAL_HITS):
        super().__init__(specs)
        self.max_total_hits = max_total_hits
        self.url = url
        self.prefix = prefix or ""
        self.vocabulary = vocabulary or load_vocabulary()
        self.client = meilisearch.Client(url, api_key, timeout=timeout)
        self._ensured = set()

    def uid(self, index):
        self.spec(index)
        return f"{self.prefix}{index}"

    def _call(self, what, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except MeilisearchError as exc:
            raise SearchUnavailable(f"meilisearch {what}: {exc}") from exc

    def _wait(self, task):
        uid = getattr(task, "task_uid", None)
        if uid is None:
            return None
        done = self._call("wait", self.client.wait_for_task, uid, timeout_in_ms=TASK_TIMEOUT_MS)
        status = getattr(done, "status", None)
        if status != "succeeded":
            raise SearchUnavailable(f"meilisearch task {uid} {status}: {getattr(done, 'error', None)}")
        return done

    def _create(self, uid, spec):
        try:
            self._wait(self._call("create", self.client.create_index, uid, {"primaryKey": "id"}))
        except SearchUnavailable as exc:
            if "index_already_exists" not in str(exc) and "already exists" not in str(exc):
                raise
        self._wait(self._call("settings", self.client.index(uid).update_settings,
                              index_settings(spec, self.vocabulary, self.max_total_hits)))

    def ensure(self):
        for name, spec in self.specs.items():
            self._create(self.uid(name), spec)
            self._ensured.add(name)

    def _ensure_one(self, index):
        if index not in self._ensured:
            self._create(self.uid(index), self.spec(index))
            self._ensured.add(index)

    def upsert(self, index, documents):
        documents = [{k: v for k, v in doc.items()} for doc in documents]
        if not documents:
            return
        self._ensure_one(index)
        self._wait(self._call("add", self.client.index(self.uid(index)).add_documents, documents, "id"))

    def delete(self, index, ids):
        ids = [int(i) for i in ids]
        if not ids:
            return
        self._ensure_one(index)
        self._wait(self._call("delete", self.client.index(self.uid(index)).delete_documents, ids=ids))

    def rebuild(self, index, batches, progress=None):
        """Fill a fresh index beside the live one, then swap them: searches never see it half full."""
        spec, live = self.spec(index), self.uid(index)
        staging = f"{live}__rebuild"
        self._ensure_one(index)
        try:
            self._wait(self.client.delete_index(staging))
        except (MeilisearchError, SearchUnavailable):
            pass
        self._create(staging, spec)
        count = 0
        for batch in batches:
            if batch:
                self._wait(self._call("add", self.client.index(staging).add_documents, batch, "id"))
            count += len(batch)
            if progress:
                progress(len(batch))
        self._wait(self._call("swap", self.client.swap_indexes, [{"indexes": [live, staging]}]))
        self._wait(self._call("drop", self.client.delete_index, staging))
        return count

    def count(self, index):
        try:
            stats = self.client.index(self.uid(index)).get_stats()
        except MeilisearchApiError as exc:
            if exc.code == "index_not_found":
                return 0  # nothing was ever written to it (no offers yet): empty, not broken
            raise SearchUnavailable(f"meilisearch stats: {exc}") from exc
        except MeilisearchError as exc:
            raise SearchUnavailable(f"meilisearch stats: {exc}") from exc
        return int(getattr(stats, "number_of_documents", 0))

    def health(self):
        try:
            self._call("health", self.client.health)
            counts = {name: self.count(name) for name in self.specs}
        except (SearchUnavailable, MeilisearchApiError) as exc:
            return {"ok": False, "engine": self.name, "url": self.url, "error": str(exc)[:300]}
        return {"ok": True, "engine": self.name, "url": self.url, "documents": counts}

    # --- search ------------------------------------------------------------------------

    def _params(self, spec, request, query, clauses, strategy, limit, offset, facets=(), sort=True):
        params = {"indexUid": self.uid(spec.name), "q": query, "attributesToRetrieve": ["id"],
                  "matchingStrategy": strategy}
        expression = filter_expression(clauses, spec.filterable)
        if expression:
            params["filter"] = expression
        if facets:
            params["facets"] = list(facets)
        if sort and request.sort is not None:
            if request.sort.field not in spec.sortable:
                raise ValueError(f"{request.sort.field!r} is not sortable")
            params["sort"] = [f"{request.sort.field}:{'desc' if request.sort.descending else 'asc'}"]
        if limit and offset % limit == 0:
            params.update(page=offset // limit + 1, hitsPerPage=limit)
        elif limit:
            params.update(offset=offset, limit=limit)
        else:
            params.update(page=1, hitsPerPage=0)
        return params

    def _queries(self, spec, request, query, strategy):
        """The main query, then one per facet whose own filter must be left out, then the counts."""
        active_tags = {c.tag for c in request.filters if c.tag}
        main_facets = [f.field for f in request.facets if not f.counts and f.tag not in active_tags]
        queries = [self._params(spec, request, query, request.filters, strategy, request.limit,
                                request.offset, main_facets)]
        plan = []
        for facet in request.facets:
            kept = [c for c in request.filters if not (facet.tag and c.tag == facet.tag)]
            if facet.counts:
                for key, clause in facet.counts:
                    queries.append(self._params(spec, request, query, kept + [clause], strategy, 0, 0, sort=False))
                    plan.append((facet, key))
            elif facet.tag in active_tags:
                queries.append(self._params(spec, request, query, kept, strategy, 0, 0, [facet.field], sort=False))
                plan.append((facet, None))
        return queries, main_facets, plan

    def search(self, request):
        spec = self.spec(request.index)
        plan = analyze(request.query, self.vocabulary, prefix=request.prefix)
        query = " ".join(plan.words)
        strategy, partial = "all", False
        queries, main_facets, facet_plan = self._queries(spec, request, query, strategy)
        results = self._call("search", self.client.multi_search, queries)["results"]
        if query and _total(results[0]) == 0 and plan.n_words > 1:
            strategy, partial = "last", True
            queries, main_facets, facet_plan = self._queries(spec, request, query, strategy)
            results = self._call("search", self.client.multi_search, queries)["results"]
        main = results[0]
        facets = {}
        int_fields = set(spec.int_fields)
        for facet in request.facets:
            if not facet.counts and facet.field in main_facets:
                facets[facet.name] = _distribution(main, facet.field, facet.field in int_fields)
        for (facet, key), result in zip(facet_plan, results[1:]):
            if facet.counts:
                facets.setdefault(facet.name, {})[key] = _total(result)
            else:
                facets[facet.name] = _distribution(result, facet.field, facet.field in int_fields)
        return SearchResult(ids=[int(hit["id"]) for hit in main.get("hits", [])], total=_total(main),
                            facets=facets, partial=partial and _total(main) > 0, engine=self.name)


def _total(result):
    if "totalHits" in result:
        return int(result["totalHits"])
    return int(result.get("estimatedTotalHits", 0))


def _distribution(result, field, numeric):
    counts = (result.get("facetDistribution") or {}).get(field, {})
    out = {}
    for key, count in counts.items():
        if numeric:
            try:
                key = int(float(key))
            except ValueError:
                continue
        out[key] = count
    return out
