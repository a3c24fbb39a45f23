"""`flask search reindex`: rebuilds every index from the database, with a progress bar."""
import pytest

from marketplace.catalog.models import Product
from marketplace.core.outbox import drain
from marketplace.search import get_engine
from marketplace.search.base import SearchRequest


def test_reindex_command_rebuilds_from_the_database(app, db, make_product, make_producer):
    kept = make_product(name="Bưởi Phúc Trạch")
    gone = make_product(name="Bưởi Diễn")
    make_producer(name="HTX chưa xác minh", verified=False)
    drain()
    engine = get_engine(app)
    assert engine.count("products") == 2
    # Changed behind the outbox's back (e.g. a bulk import): only a reindex notices.
    db.session.execute(db.update(Product).where(Product.id == gone.id).values(status="archived"))
    db.session.commit()
    kept_id = kept.id
    result = app.test_cli_runner().invoke(args=["search", "reindex", "--batch-size", "100"])
    assert result.exit_code == 0, result.output
    assert "Reindexed 1 products, 2 producers, 0 offers, 0 demands with the embedded engine" in result.output
    assert "index products" in result.output  # the progress bar
    assert engine.search(SearchRequest(index="products", query="buoi")).ids == [kept_id]


def test_status_and_query_commands(app, make_product):
    make_product(name="Cốm làng Vòng")
    drain()
    runner = app.test_cli_runner()
    status = runner.invoke(args=["search", "status"])
    assert '"products": 1' in status.output and '"outbox_due": 0' in status.output
    found = runner.invoke(args=["search", "query", "com", "lang", "vong"])
    assert "1 found by embedded" in found.output and "Cốm làng Vòng" in found.output


@pytest.mark.both_engines
def test_python_twin_of_the_public_clause_agrees_with_sql(db, make_producer, make_product):
    from marketplace.catalog.models import Producer
    from marketplace.catalog.queries import public_products_clause
    from marketplace.search.documents import is_public
    for verified in (True, False):
        producer = make_producer(verified=verified)
        for status in ("draft", "active", "archived"):
            make_product(producer=producer, status=status)
    rows = db.session.execute(db.select(Product.id, Product.status, Producer.verified, public_products_clause())
                              .join(Product.producer)).all()
    assert len(rows) == 6
    assert all(is_public(status, verified) == bool(public) for _, status, verified, public in rows)
    assert sum(1 for *_, public in rows if public) == 1
