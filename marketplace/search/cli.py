"""`flask search ...`: rebuild the indexes, look at their state, try a query."""
import json
import time

import click
from flask.cli import AppGroup
from tqdm import tqdm

from marketplace.core.timeutil import vn_today

search_cli = AppGroup("search", help="Search indexes: reindex, status, query.")


@search_cli.command("reindex")
@click.option("--batch-size", type=click.IntRange(100, 50_000), default=2000, show_default=True)
@click.option("--quiet", is_flag=True, help="No progress bar.")
def reindex(batch_size, quiet):
    """Rebuild every search index from the database (searches keep working meanwhile)."""
    from marketplace.search import get_engine
    from marketplace.search.indexing import reindex_all
    bars = []

    def progress(name, total):
        if quiet:
            return None
        bar = tqdm(total=total, desc=f"index {name}", unit="doc", unit_scale=True, mininterval=0.5)
        bars.append(bar)
        return bar.update

    engine = get_engine()
    if engine is None:
        raise click.ClickException("SEARCH_ENGINE=database: there is no index to build")
    started = time.perf_counter()
    try:
        counts = reindex_all(engine, vn_today(), batch_size=batch_size, progress=progress)
    finally:
        for bar in bars:
            bar.close()
    seconds = time.perf_counter() - started
    from marketplace.core import pagecache
    pagecache.clear()  # sorting by stars follows the new index: every kept listing is rendered again
    click.echo(f"Reindexed {', '.join(f'{n} {name}' for name, n in counts.items())} "
               f"with the {engine.name} engine in {seconds:.1f} s.")


@search_cli.command("status")
def status():
    """The engine, its document counts and the outbox backlog, as JSON."""
    from marketplace.core.outbox import pending_count
    from marketplace.search.service import engine_health
    click.echo(json.dumps({"search": engine_health(), "outbox_due": pending_count()}, indent=2))


@search_cli.command("query")
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", default=10, show_default=True)
def query(words, limit):
    """Print the products a query finds, best first (for tuning relevance)."""
    from marketplace.search.service import search_products_text
    for line in search_products_text(" ".join(words), vn_today(), limit=limit):
        click.echo(line)
