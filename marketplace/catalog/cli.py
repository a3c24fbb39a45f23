"""`flask catalog ...`: reference data and synthetic data for benchmarks (the demo is `flask demo`,
marketplace/demo.py)."""
import click
from flask import current_app
from flask.cli import AppGroup

from marketplace.catalog.reference import load_reference_data
from marketplace.catalog.signals import bulk_written
from marketplace.core.timeutil import vn_today

catalog_cli = AppGroup("catalog", help="Catalogue data: reference facts and synthetic catalogues.")


@catalog_cli.command("load-reference")
def load_reference():
    """Mirror shared/data (provinces, regions, OCOP groups) into the database."""
    load_reference_data()
    click.echo("Reference data loaded.")


@catalog_cli.command("generate")
@click.option("--products", "n_products", type=click.IntRange(1, 5_000_000), default=100_000, show_default=True)
@click.option("--seed", type=int, default=42, show_default=True)
def generate(n_products, seed):
    """Add a large synthetic catalogue for benchmarks (no photos)."""
    from marketplace.catalog.synthetic import generate_catalogue
    load_reference_data()
    summary = generate_catalogue(n_products, seed=seed, today=vn_today(), progress=True)
    from marketplace.core import pagecache
    pagecache.clear()  # written with plain SQL, which the page cache does not see
    click.echo("Synthetic catalogue: " + ", ".join(f"{k} {v}" for k, v in summary.items()))
    from marketplace.core.maintenance import analyze
    bulk_written.send(current_app._get_current_object())  # the programme computes its stored figures again
    click.echo(f"Query statistics refreshed (ANALYZE) in {analyze():.1f} s")
