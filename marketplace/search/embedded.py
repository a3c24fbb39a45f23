"""The embedded engine: tantivy (a Rust search library) in the web process.

One tantivy index per `IndexSpec`, in a folder under SEARCH_INDEX_DIR named after
the spec's shape (a new shape gets a new, empty folder: run `flask search
reindex`), or in memory when SEARCH_INDEX_DIR is "" (tests). Any number of
processes read; one writes at a time (tantivy's lock file): a second writer gets
`SearchUnavailable` and its outbox messages are retried. Readers notice another
process's commit by the change of meta.json and reload.

Ranking is built into the score, which is made of constant parts so that the
rules apply in order, like Meilisearch's ranking rules:

    words matched   100000 each (every query word counts; a synonym of two words counts two)
    typos           +2000 exact or prefix, +1000 one typo, +0 two typos  (per word)
    proximity       +500 when all the words follow each other in the name, +300 in the second
                    field; +150 / +100 for each pair of neighbouring words that does
    attribute       +90 name, +50 producer/places/category, +20 third field, +0 after (per word)
    exactness       +10 a whole word rather than a prefix or a synonym (per word)
    tie break       +0.5 per star

A search keeps the documents that match every query word (all but one from five
words on: people add words that are in no product); when none does, it keeps those
matching as many words as the best document does, and says the result is partial.
"""
import hashlib
import logging
import os
import threading
from dataclasses import replace
from pathlib import Path

import tantivy
from tantivy import FieldType, Occur, Order, Query

from marketplace.search.analysis import MAX_WORD_LENGTH, analyze, load_vocabulary
from marketplace.search.base import AnyOf, Eq, Range, SearchEngine, SearchResult, SearchUnavailable

log = logging.getLogger(__name__)

WORD = 100_000.0  # more than all the other parts of a 10-word query together (10 × 2100)
TYPO_TIERS = {0: 2_000.0, 1: 1_000.0, 2: 0.0}
ATTRIBUTE_WEIGHTS = (90.0, 50.0, 20.0)
EXACT = 10.0
SYNONYM = 5.0
PROXIMITY_FIRST = 500.0
PROXIMITY_OTHER = 300.0
PAIR_FIRST = 150.0
PAIR_OTHER = 100.0
TIE_BREAK_STEP = 0.5
TIE_BREAK_VALUES = range(1, 6)
ANALYZER = "vn_folded"
MAX_TOTAL_HITS = 10_000  # the deepest result a page may show (as Meilisearch's pagination.maxTotalHits)
LAYOUT_VERSION = 1  # bump when the way fields are laid out changes


def _analyzer():
    # Text arrives folded (core.text.fold); lower-casing and ASCII folding again keep the
    # index right even for text that did not.
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(MAX_WORD_LENGTH + 1))
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .build())


def _schema(spec):
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    for name in spec.text_fields:
        builder.add_text_field(name, tokenizer_name=ANALYZER, index_option="position")
    for name in spec.int_fields:
        builder.add_unsigned_field(name, indexed=True, fast=True)
    for name in spec.keyword_fields:
        builder.add_text_field(name, fast=True, tokenizer_name="raw")
    for name in spec.sort_text_fields:
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


def _layout_key(spec):
    shape = repr((LAYOUT_VERSION, spec.text_fields, spec.int_fields, spec.keyword_fields, spec.sort_text_fields))
    return hashlib.sha1(shape.encode()).hexdigest()[:10]


class _Store:
    """One tantivy index: open, search with fresh segments, write under the lock."""

    def __init__(self, spec, directory):
        self.spec = spec
        self.schema = _schema(spec)
        self.directory = Path(directory) / f"{spec.name}-{_layout_key(spec)}" if directory else None
        try:
            if self.directory:
                self.directory.mkdir(parents=True, exist_ok=True)
                self.index = tantivy.Index(self.schema, path=str(self.directory), reuse=True)
            else:
                self.index = tantivy.Index(self.schema)
        except (OSError, ValueError) as exc:
            raise SearchUnavailable(f"cannot open index {spec.name}: {exc}") from exc
        self.index.register_tokenizer(ANALYZER, _analyzer())
        self._seen_meta = None
        self._reload_lock = threading.Lock()

    def _meta_stamp(self):
        try:
            stat = os.stat(self.directory / "meta.json")
        except OSError as exc:
            raise SearchUnavailable(f"index {self.spec.name} is gone: {exc}") from exc
        return stat.st_mtime_ns, stat.st_size, stat.st_ino

    def searcher(self):
        if self.directory is not None:
            stamp = self._meta_stamp()
            if stamp != self._seen_meta:
                with self._reload_lock:
                    self.index.reload()
                    self._seen_meta = stamp
        return self.index.searcher()

    def writer(self, heap_size=32_000_000, threads=1):
        try:
            return self.index.writer(heap_size=heap_size, num_threads=threads)
        except ValueError as exc:  # LockBusy: another process is writing
            raise SearchUnavailable(f"index {self.spec.name} is busy: {exc}") from exc

    def committed(self, writer):
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        if self.directory is not None:
            self._seen_meta = self._meta_stamp()

    def delete_ids(self, writer, ids):
        # By query: delete_documents_by_term would build a signed term that misses u64 ids.
        for start in range(0, len(ids), 1000):
            writer.delete_documents_by_query(Query.term_set_query(self.schema, "id", ids[start:start + 1000]))

    def document(self, doc):
        return tantivy.Document.from_dict({k: v for k, v in doc.items() if v is not None and v != ""}, self.schema)


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
                    store = self._stores[index] = _Store(self.spec(index), self.directory)
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

    def _filter_query(self, schema, spec, clause):
        if isinstance(clause, Eq):
            value = int(clause.value) if clause.field in spec.int_fields else str(clause.value)
            return Query.term_query(schema, clause.field, value)
        if isinstance(clause, AnyOf):
            values = [int(v) if clause.field in spec.int_fields else str(v) for v in clause.values]
            return Query.term_set_query(schema, clause.field, values) if values else Query.empty_query()
        if isinstance(clause, Range):
            if clause.gte is None and clause.lte is None:
                return Query.all_query()
            return Query.range_query(schema, clause.field, FieldType.Unsigned,
                                     None if clause.gte is None else max(int(clause.gte), 0),
                                     None if clause.lte is None else max(int(clause.lte), 0))
        raise TypeError(f"unknown filter {clause!r}")

    def _check_fields(self, spec, request):
        for clause in request.filters:
            if clause.field not in spec.filterable:
                raise ValueError(f"{clause.field!r} is not filterable in {spec.name}")
        if request.sort is not None and request.sort.field not in spec.sortable:
            raise ValueError(f"{request.sort.field!r} is not sortable in {spec.name}")

    def _word_query(self, schema, spec, term, searcher):
        if term.typos and len(term.word) < 4 and any(searcher.doc_freq(f, term.word) for f in spec.text_fields):
            term = replace(term, typos=0)  # a short word that exists is meant as typed ("ong", not "long")
        options = []
        for position, field in enumerate(spec.text_fields):
            attribute = ATTRIBUTE_WEIGHTS[position] if position < len(ATTRIBUTE_WEIGHTS) else 0.0
            exact = WORD + TYPO_TIERS[0] + attribute + EXACT
            options.append(Query.const_score_query(Query.term_query(schema, field, term.word), exact))
            if term.prefix and (field in spec.typo_fields or len(term.word) >= 3):
                # (one or two letters would expand to thousands of words in long descriptions)
                options.append(Query.const_score_query(
                    Query.fuzzy_term_query(schema, field, term.word, 0, True, True), WORD + TYPO_TIERS[0] + attribute))
            if field not in spec.typo_fields or (len(term.word) < 5 and position > 0):
                continue  # short words take a typo in the first field only, where they are few
            for distance in range(1, term.typos + 1):
                options.append(Query.const_score_query(
                    Query.fuzzy_term_query(schema, field, term.word, distance, True, False),
                    WORD + TYPO_TIERS[distance] + attribute))
            if term.prefix_typos:
                options.append(Query.const_score_query(
                    Query.fuzzy_term_query(schema, field, term.word, 1, True, True), WORD + TYPO_TIERS[1] + attribute))
        return Query.disjunction_max_query(options)

    def _phrase_word_query(self, schema, spec, words):
        """A synonym phrase: every word, exactly, in one field (the best field counts)."""
        options = []
        for position, field in enumerate(spec.text_fields):
            attribute = ATTRIBUTE_WEIGHTS[position] if position < len(ATTRIBUTE_WEIGHTS) else 0.0
            score = WORD + TYPO_TIERS[0] + attribute + SYNONYM
            if len(words) == 1:
                query = Query.term_query(schema, field, words[0])
            else:
                query = Query.phrase_query(schema, field, list(words))
            options.append(Query.const_score_query(query, score))
        return Query.disjunction_max_query(options)

    def _unit_query(self, schema, spec, unit, searcher):
        if unit.span == 1:
            typed = self._word_query(schema, spec, unit.terms[0], searcher)
        else:
            # Each typed word matches on its own; the unit scores their average.
            typed = Query.boost_query(Query.boolean_query(
                [(Occur.Must, self._word_query(schema, spec, t, searcher)) for t in unit.terms]), 1.0 / unit.span)
        if not unit.synonyms:
            return typed
        return Query.disjunction_max_query([typed] + [self._phrase_word_query(schema, spec, s)
                                                       for s in unit.synonyms])

    def _text_clauses(self, schema, spec, plan, searcher):
        """One Should clause per query word (a unit of n words repeated n times)."""
        clauses = []
        for unit in plan.units:
            query = self._unit_query(schema, spec, unit, searcher)
            clauses.extend([query] * unit.span)
        return clauses

    def _bonus_clauses(self, schema, spec, plan):
        """Proximity (the typed words side by side, all of them or two by two) and the tie break."""
        bonuses = []
        words = plan.words
        last_is_prefix = bool(words) and plan.units[-1].terms[-1].prefix
        if last_is_prefix and len(words[-1]) < 3:
            words, last_is_prefix = words[:-1], False  # "bac h": the proximity of "h..." costs more than it tells
        if len(words) >= 2:

            def phrase(field, part, ends_query):
                if ends_query and last_is_prefix:
                    return Query.phrase_prefix_query(schema, field, part)
                return Query.phrase_query(schema, field, part)

            for position, field in enumerate(spec.text_fields[:2]):
                weights = (PROXIMITY_FIRST, PAIR_FIRST) if position == 0 else (PROXIMITY_OTHER, PAIR_OTHER)
                if len(words) > 2:
                    bonuses.append(Query.const_score_query(phrase(field, words, True), weights[0]))
                if position > 0 and len(words) > 4:
                    continue  # long queries: pairs in the name only (each pair is a phrase query)
                for i in range(len(words) - 1):
                    pair = words[i:i + 2]
                    bonuses.append(Query.const_score_query(phrase(field, pair, i + 2 == len(words)),
                                                           weights[0] if len(words) == 2 else weights[1]))
        if spec.tie_break:
            for value in TIE_BREAK_VALUES:
                bonuses.append(Query.const_score_query(
                    Query.term_query(schema, spec.tie_break, value), value * TIE_BREAK_STEP))
        return bonuses

    def _compose(self, text_clauses, minimum, bonuses, filters):
        parts = []
        if text_clauses:
            parts.append((Occur.Must, Query.boolean_query([(Occur.Should, q) for q in text_clauses], minimum)))
        else:
            parts.append((Occur.Must, Query.const_score_query(Query.all_query(), 0.0)))
        parts.extend((Occur.Should, q) for q in bonuses)
        parts.extend((Occur.Must, Query.const_score_query(q, 0.0)) for q in filters)
        return Query.boolean_query(parts)

    def search(self, request):
        spec = self.spec(request.index)
        self._check_fields(spec, request)
        store = self._store(request.index)
        schema = store.schema
        try:
            searcher = store.searcher()
            plan = analyze(request.query, self.vocabulary, prefix=request.prefix)
            text_clauses = self._text_clauses(schema, spec, plan, searcher)
            bonuses = self._bonus_clauses(schema, spec, plan) if request.sort is None else []
            filters = [(c, self._filter_query(schema, spec, c)) for c in request.filters]
            all_filters = [q for _, q in filters]
            minimum = _minimum_words(plan.n_words)
            query = self._compose(text_clauses, minimum, bonuses, all_filters)
            result, partial = self._run(searcher, query, request), False
            if text_clauses and result.count == 0 and minimum > 1:
                best = self._best_word_count(searcher, text_clauses, bonuses, all_filters)
                if best:
                    minimum = _minimum_words(best)
                    query = self._compose(text_clauses, minimum, bonuses, all_filters)
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
        probe = self._compose(text_clauses, 1, [], filters)
        top = searcher.search(probe, limit=1, count=False)
        if not top.hits:
            return 0
        return int(top.hits[0][0] // WORD)

    def _facets(self, searcher, request, text_clauses, minimum, filters):
        active_tags = {clause.tag for clause, _ in filters if clause.tag}
        groups = {}
        for facet in request.facets:
            key = facet.tag if facet.tag in active_tags else None
            groups.setdefault(key, []).append(facet)
        out = {}
        for tag, facets in groups.items():
            kept = [q for clause, q in filters if tag is None or clause.tag != tag]
            query = self._compose(text_clauses, minimum, [], kept)
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


def _minimum_words(n):
    """How many of n query words a document must match: all of up to four, one less beyond."""
    return n if n <= 4 else n - 1


def _facet_key(key):
    if isinstance(key, float) and key.is_integer():
        return int(key)
    return key
