"""Keeping the database's query planner informed: `flask analyze`.

The planner chooses between indexes from statistics about the tables. SQLite has none
until ANALYZE runs, and then keeps them until it runs again: without them, at 100,000
products it read the programme's certificates through the wrong index and one province's
page took 3 s instead of 10 ms. PostgreSQL's autovacuum analyzes tables as they change,
but not at once after a bulk load. So ANALYZE runs after the bulk loaders (`flask catalog
generate`) and nightly (deploy/ocop-nightly.timer); it is cheap (seconds at 100,000 products)
and safe beside live traffic.
"""
import time

import click

from marketplace.extensions import db


def analyze():
    """Refresh the planner's statistics of every table; returns the seconds it took."""
    started = time.perf_counter()
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.exec_driver_sql("ANALYZE")
        if connection.dialect.name != "postgresql":
            connection.commit()
    return time.perf_counter() - started


def analyze_if_never():
    """ANALYZE a SQLite database that has never been analyzed (no sqlite_stat1), at start-up:
    the embedded database of a single machine gets its statistics without anyone running
    `flask analyze`. Returns the seconds it took, or None when there was nothing to do."""
    with db.engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            return None
        found = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").first()
    return None if found else analyze()


@click.command("analyze")
def analyze_command():
    """Refresh the database's query statistics (ANALYZE): after bulk loads, and nightly."""
    click.echo(f"ANALYZE done in {analyze():.1f} s")
