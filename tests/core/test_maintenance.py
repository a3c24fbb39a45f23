"""`flask analyze` and the start-up ANALYZE of a never-analyzed SQLite database: the query
planner gets statistics (at 100,000 products, without them SQLite read the certificates
through the wrong index and a programme page took seconds)."""
from marketplace.core.maintenance import analyze_if_never


def _stat_tables(db):
    return set(db.session.execute(db.text("SELECT tbl FROM sqlite_stat1")).scalars())


def test_a_never_analyzed_database_is_analyzed_once(app, db, make_product):
    make_product(name="Mật ong")
    db.session.commit()
    has_stats = "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
    if db.session.execute(db.text(has_stats)).scalar():
        db.session.execute(db.text("DROP TABLE sqlite_stat1"))
        db.session.commit()
    db.session.close()
    assert analyze_if_never() is not None
    assert "products" in _stat_tables(db)
    assert analyze_if_never() is None  # analyzed already: start-up does not do it again


def test_flask_analyze_refreshes_the_statistics(app, db, make_product):
    make_product(name="Mật ong")
    db.session.commit()
    db.session.close()
    result = app.test_cli_runner().invoke(args=["analyze"])
    assert result.exit_code == 0 and "ANALYZE done" in result.output
    assert "products" in _stat_tables(db)
