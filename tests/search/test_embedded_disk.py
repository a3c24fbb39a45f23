"""The embedded engine on disk: durable, shared by processes, one writer at a time."""
import pytest

from marketplace.search.base import SearchRequest, SearchUnavailable
from marketplace.search.embedded import EmbeddedEngine
from marketplace.search.specs import PRODUCTS, SPECS


def _doc(doc_id, name, price=100_000):
    return {"id": doc_id, "name": name, "context": "", "description": "", "area": "", "name_sort": name,
            "group_id": 1, "category_id": 2, "province_id": 3, "region_id": 4, "macro_region_id": 5,
            "producer_id": 6, "stars": 0, "stars3_until": 0, "stars4_until": 0, "stars5_until": 0,
            "price": price, "price_band": 1, "created_at": 1_700_000_000 + doc_id, "kind": "household"}


def _ids(engine, q):
    return engine.search(SearchRequest(index=PRODUCTS.name, query=q)).ids


def test_the_index_survives_a_restart_and_upserts_replace(tmp_path):
    first = EmbeddedEngine(SPECS, tmp_path)
    first.upsert("products", [_doc(1, "mat ong rung"), _doc(2, "nuoc mam")])
    first.upsert("products", [_doc(1, "mat ong bac ha")])
    assert first.count("products") == 2
    again = EmbeddedEngine(SPECS, tmp_path)
    assert _ids(again, "bac ha") == [1] and _ids(again, "rung") == []
    again.delete("products", [1, 99])
    assert again.count("products") == 1


def test_another_process_sees_commits_without_restarting(tmp_path):
    reader, writer = EmbeddedEngine(SPECS, tmp_path), EmbeddedEngine(SPECS, tmp_path)
    assert _ids(reader, "tra") == []
    writer.upsert("products", [_doc(7, "tra shan tuyet")])
    assert _ids(reader, "tra") == [7]


def test_a_second_writer_is_told_to_retry_later(tmp_path):
    holder, other = EmbeddedEngine(SPECS, tmp_path), EmbeddedEngine(SPECS, tmp_path)
    lock = holder._store("products").writer()
    try:
        with pytest.raises(SearchUnavailable):
            other.upsert("products", [_doc(1, "x")])
    finally:
        lock.rollback()
        del lock
    other.upsert("products", [_doc(1, "x")])
    assert other.count("products") == 1


def test_rebuild_replaces_everything_at_once(tmp_path):
    engine = EmbeddedEngine(SPECS, tmp_path)
    engine.upsert("products", [_doc(1, "cu"), _doc(2, "cu")])
    seen = []
    total = engine.rebuild("products", iter([[_doc(3, "moi")], [_doc(4, "moi")]]), progress=seen.append)
    assert total == 2 and seen == [1, 1]
    assert sorted(_ids(engine, "moi")) == [3, 4] and _ids(engine, "cu") == []


def test_an_unusable_directory_is_reported_not_raised(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    engine = EmbeddedEngine(SPECS, blocker)
    health = engine.health()
    assert health["ok"] is False and health["engine"] == "embedded"
    with pytest.raises(SearchUnavailable):
        engine.search(SearchRequest(index="products", query="x"))


def test_partial_matching_keeps_the_documents_with_the_most_words():
    engine = EmbeddedEngine(SPECS, None)
    engine.upsert("products", [_doc(1, "mat ong hoa nhan hung yen loai mot"), _doc(2, "mat ong hoa nhan"),
                               _doc(3, "mat ong")])
    # Ten words, eight of them in document 1: no document has nine, so those with eight are kept.
    result = engine.search(SearchRequest(index=PRODUCTS.name, query="mat ong hoa nhan hung yen loai mot zzz qqq"))
    assert result.partial and result.ids == [1]
    result = engine.search(SearchRequest(index=PRODUCTS.name, query="mat ong hoa nhan zzz"))
    assert not result.partial and sorted(result.ids) == [1, 2]  # four of five words is enough from five on
    assert engine.search(SearchRequest(index=PRODUCTS.name, query="mat ong zzz")).ids[0] in (1, 2, 3)


def test_deep_pages_are_empty_but_counted():
    engine = EmbeddedEngine(SPECS, None)
    engine.upsert("products", [_doc(i, "mat ong") for i in range(1, 4)])
    deep = engine.search(SearchRequest(index=PRODUCTS.name, query="mat ong", offset=50_000, limit=24))
    assert deep.ids == [] and deep.total == 3
    assert len(engine.search(SearchRequest(index=PRODUCTS.name, query="mat ong", offset=1, limit=24)).ids) == 2
