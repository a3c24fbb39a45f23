"""`flask catalog ...`: reference data, the demo catalogue and synthetic data for benchmarks."""
import click
from flask.cli import AppGroup

from marketplace.catalog.models import Product
from marketplace.catalog.reference import load_reference_data
from marketplace.core.timeutil import vn_today
from marketplace.extensions import db

catalog_cli = AppGroup("catalog", help="Catalogue data: reference facts, demo and synthetic catalogues.")


@catalog_cli.command("load-reference")
def load_reference():
    """Mirror shared/data (provinces, regions, OCOP groups) into the database."""
    load_reference_data()
    click.echo("Reference data loaded.")


@catalog_cli.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the catalogue already has products.")
def demo(if_empty):
    """Load the demo catalogue (no network needed; safe to run twice) and the programme's plans."""
    from marketplace.catalog.demo import load_demo_catalogue
    from marketplace.core.storage import media_storage
    from marketplace.programme.cli import echo_summary
    from marketplace.programme.loader import load_plans
    load_reference_data()
    echo_summary(load_plans())  # the plans are reference data: loaded (idempotently) even when not empty
    if if_empty and db.session.execute(db.select(Product.id).limit(1)).first() is not None:
        click.echo("Catalogue not empty; demo not loaded.")
        return
    summary = load_demo_catalogue(media_storage(), vn_today())
    click.echo("Demo catalogue: " + ", ".join(f"{k} {v}" for k, v in summary.items()))
    from marketplace.events.demo import load_demo_events
    added = load_demo_events(vn_today())
    click.echo("Demo events: " + ", ".join(f"{k} {v}" for k, v in added.items()))
    from marketplace.matching.demo import load_demo_matching
    added = load_demo_matching(vn_today())
    click.echo("Demo matching: " + ", ".join(f"{k} {v}" for k, v in added.items()))
    from marketplace.inspection.demo import load_demo_inspection
    click.echo("Demo post-inspection: " + ", ".join(f"{k} {v}" for k, v in load_demo_inspection(vn_today()).items()))
    from marketplace.training.demo import load_demo_training
    click.echo("Demo training: " + ", ".join(f"{k} {v}" for k, v in load_demo_training(vn_today()).items()))
    from marketplace.cycle.demo import load_demo_cycle
    click.echo("Demo OCOP cycle: " + ", ".join(f"{k} {v}" for k, v in load_demo_cycle(vn_today()).items()))
    from marketplace.programme.demo import load_demo_plan
    click.echo(f"Demo plan in progress: {load_demo_plan(vn_today())} added")


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
    from marketplace.programme.figures import forget_all
    forget_all()  # the rows bypassed the session: the programme's stored figures are computed again
    click.echo(f"Query statistics refreshed (ANALYZE) in {analyze():.1f} s")
