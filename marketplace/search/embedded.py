"""The embedded engine: tantivy (a Rust search library) in the web process.

Its parts: `embedded_store` (one tantivy index per `IndexSpec`, on disk under SEARCH_INDEX_DIR
or in memory: schema, reading, writing under the lock) and `embedded_queries` (the ranking: how
a request becomes scored tantivy queries). Here: the `SearchEngine` interface over them, paging
(MAX_TOTAL_HITS), partial results and facet counts.

A search keeps the documents that match every query word (all but one from five
words on: people add words that are in no product); when none does, it keeps those
matching as many words as the best document does, and says the result is partial.
"""
import logging
import threading

import tantivy
from tantivy import Order

from marketplace.search import embedded_queries as queries
from marketplace.search.analysis import analyze, load_vocabulary
from marketplace.search.base import Range, SearchEngine, SearchResult, SearchUnavailable
from marketplace.search.embedded_store import Store

log = logging.getLogger(__name__)

MAX_TOTAL_HITS = 10_000  # the deepest result a page may show (as Meilisearch's pagination.maxTotalHits)


class EmbeddedEngine(SearchEngine):
    name = "embedded"

    def __init__(self, specs, directory, vocabulary=None, max_total_hits=MAX_TOTAL_HITS):
        super().__init__(specs)
        self.max_total_hits = max_total_hits
        self.directory = directory
        self.vocabulary = vocabulary or load_vocabulary()
        self._stores = {}
        self._lock = threading.Lock()

    # --- plumbing -----------------------------------------------------------------

    def _store(self, index):
        store = self._stores.get(index)
        if store is None:
            with self._lock:
                store = self._stores.get(index)
                if store is None:
                    store = self._stores[index] = Store(self.spec(index), self.directory)
        return store

    def ensure(self):
        for name in self.specs:
            self._store(name)

    def upsert(self, index, documents):
        documents = list(documents)
        if not documents:
            return
        store = self._store(index)
        writer = store.writer()
        try:
            store.delete_ids(writer, [int(doc["id"]) for doc in documents])
            for doc in documents:
                writer.add_document(store.document(doc))
            store.committed(writer)
        except SearchUnavailable:
            raise
        except Exception as exc:
            writer.rollback()
            raise SearchUnavailable(f"index {index}: {exc}") from exc

    def delete(self, index, ids):
        ids = [int(i) for i in ids]
        if not ids:
            return
        store = self._store(index)
        writer = store.writer()
        try:
            store.delete_ids(writer, ids)
            store.committed(writer)
        except Exception as exc:
            writer.rollback()
            raise SearchUnavailable(f"index {index}: {exc}") from exc

    def rebuild(self, index, batches, progress=None):
        store = self._store(index)
        writer = store.writer(heap_size=256_000_000, threads=2)
        count = 0
        try:
            writer.delete_all_documents()
            for batch in batches:
                for doc in batch:
                    writer.add_document(store.document(doc))
                count += len(batch)
                if progress:
                    progress(len(batch))
            store.committed(writer)
        except BaseException:
            writer.rollback()
            raise
        return count

    def count(self, index):
        return self._store(index).searcher().num_docs

    def health(self):
        try:
            counts = {name: self.count(name) for name in self.specs}
        except Exception as exc:
            return {"ok": False, "engine": self.name, "error": f"{exc.__class__.__name__}: {exc}"}
        return {"ok": True, "engine": self.name, "documents": counts,
                "storage": str(self.directory) if self.directory else "memory"}

    # --- queries ------------------------------------------------------------------

    def search(self, request):
        spec = self.spec(request.index)
        queries.check_fields(spec, request)
        store = self._store(request.index)
        schema = store.schema
        try:
            searcher = store.searcher()
            plan = analyze(request.query, self.vocabulary, prefix=request.prefix)
            text_clauses = queries.text_clauses(schema, spec, plan, searcher)
            bonuses = queries.bonus_clauses(schema, spec, plan) if request.sort is None else []
            filters = [(c, queries.filter_query(schema, spec, c)) for c in request.filters]
            all_filters = [q for _, q in filters]
            minimum = queries.minimum_words(plan.n_words)
            query = queries.compose(text_clauses, minimum, bonuses, all_filters)
            result, partial = self._run(searcher, query, request), False
            if text_clauses and result.count == 0 and minimum > 1:
                best = self._best_word_count(searcher, text_clauses, bonuses, all_filters)
                if best:
                    minimum = queries.minimum_words(best)
                    query = queries.compose(text_clauses, minimum, bonuses, all_filters)
                    result = self._run(searcher, query, request)
                    partial = True
            ids = (searcher.fast_field_values("id", [address for _, address in result.hits])
                   if result.hits else [])
            facets = self._facets(searcher, request, text_clauses, minimum, filters) if request.facets else {}
        except SearchUnavailable:
            raise
        except (OSError, RuntimeError) as exc:
            raise SearchUnavailable(f"{request.index}: {exc}") from exc
        return SearchResult(ids=[int(i) for i in ids], total=result.count, facets=facets, partial=partial,
                            engine=self.name)

    def _run(self, searcher, query, request):
        kwargs = {}
        if request.sort is not None:
            kwargs = {"order_by_field": request.sort.field,
                      "order": Order.Desc if request.sort.descending else Order.Asc}
        offset = max(request.offset, 0)
        if offset >= self.max_total_hits:  # like Meilisearch's maxTotalHits: deep pages are empty, counts stay
            counted = searcher.search(query, limit=1, count=True)
            return tantivy.SearchResult([], counted.count)
        return searcher.search(query, limit=max(request.limit, 0) or 1, count=True, offset=offset, **kwargs)

    def _best_word_count(self, searcher, text_clauses, bonuses, filters):
        """How many query words the best document matches (0: none matches any)."""
        probe = queries.compose(text_clauses, 1, [], filters)
        top = searcher.search(probe, limit=1, count=False)
        if not top.hits:
            return 0
        return int(top.hits[0][0] // queries.WORD)

    def _facets(self, searcher, request, text_clauses, minimum, filters):
        active_tags = {clause.tag for clause, _ in filters if clause.tag}
        groups = {}
        for facet in request.facets:
            key = facet.tag if facet.tag in active_tags else None
            groups.setdefault(key, []).append(facet)
        out = {}
        for tag, facets in groups.items():
            kept = [q for clause, q in filters if tag is None or clause.tag != tag]
            query = queries.compose(text_clauses, minimum, [], kept)
            aggs = {}
            for facet in facets:
                if facet.counts:
                    for key, clause in facet.counts:
                        if not isinstance(clause, Range):
                            raise TypeError("count facets take Range filters")
                        bound = {"key": "hit"}
                        if clause.gte is not None:
                            bound["from"] = float(clause.gte)
                        if clause.lte is not None:
                            bound["to"] = float(clause.lte) + 1
                        aggs[f"{facet.name}::{key}"] = {"range": {"field": clause.field, "ranges": [bound]}}
                else:
                    aggs[facet.name] = {"terms": {"field": facet.field, "size": 500}}
            raw = searcher.aggregate(query, aggs)
            for facet in facets:
                if facet.counts:
                    out[facet.name] = {key: sum(b["doc_count"] for b in raw[f"{facet.name}::{key}"]["buckets"]
                                                if b.get("key") == "hit")
                                       for key, _ in facet.counts}
                else:
                    out[facet.name] = {_facet_key(b["key"]): b["doc_count"] for b in raw[facet.name]["buckets"]}
        return out


def _facet_key(key):
    if isinstance(key, float) and key.is_integer():
        return int(key)
    return key
