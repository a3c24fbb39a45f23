"""One tantivy index of the embedded engine, on disk or in memory: its schema and analyzer,
opening it, reading with fresh segments, writing under the lock.

One tantivy index per `IndexSpec`, in a folder under SEARCH_INDEX_DIR named after
the spec's shape (a new shape gets a new, empty folder: run `flask search
reindex`), or in memory when SEARCH_INDEX_DIR is "" (tests). Any number of
processes read; one writes at a time (tantivy's lock file): a second writer gets
`SearchUnavailable` and its outbox messages are retried. Readers notice another
process's commit by the change of meta.json and reload.
"""
import hashlib
import os
import threading
from pathlib import Path

import tantivy
from tantivy import Query

from marketplace.search.analysis import MAX_WORD_LENGTH
from marketplace.search.base import SearchUnavailable

ANALYZER = "vn_folded"
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


class Store:
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
