"""`flask demo`: the demonstration site, composed from each domain's own demo loader.

This module sits above the domains (the app factory registers the command), so that no
domain imports another to load its demo. Each loader is idempotent and returns what it
added. They run in dependency order: reference data and the programme's plans (reference
facts, loaded even when the site is not empty), then the catalogue, whose producers and
listings the others build on; events and showrooms; matching (buyers, offers from the demo
listings, a B2B session at a demo event); post-inspection and training; Lâm Đồng in the
middle of its OCOP year; last, a plan in progress.
"""
import click

from marketplace.catalog.demo.loader import load_demo_catalogue
from marketplace.catalog.models import Product
from marketplace.catalog.reference import load_reference_data
from marketplace.core.storage import media_storage
from marketplace.core.timeutil import vn_today
from marketplace.cycle.demo import load_demo_cycle
from marketplace.events.demo import load_demo_events
from marketplace.extensions import db
from marketplace.inspection.demo import load_demo_inspection
from marketplace.matching.demo import load_demo_matching
from marketplace.programme.cli import echo_summary
from marketplace.programme.demo import load_demo_plan
from marketplace.programme.loader import load_plans
from marketplace.training.demo import load_demo_training

# After the catalogue, in this order: each (label, loader(today) -> {what: how many added}).
LOADERS = [
    ("Demo events", load_demo_events),
    ("Demo matching", load_demo_matching),
    ("Demo post-inspection", load_demo_inspection),
    ("Demo training", load_demo_training),
    ("Demo OCOP cycle", load_demo_cycle),
]


def _counts(summary):
    return ", ".join(f"{key} {value}" for key, value in summary.items())


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Load only the reference data and plans when the catalogue "
                                                "already has products.")
def demo_command(if_empty):
    """Load the demo site: catalogue, events, matching, inspections, training, OCOP cycle and plans
    (no network needed; safe to run twice)."""
    load_reference_data()
    echo_summary(load_plans())  # the plans are reference data: loaded (idempotently) even when not empty
    if if_empty and db.session.execute(db.select(Product.id).limit(1)).first() is not None:
        click.echo("Catalogue not empty; demo not loaded.")
        return
    today = vn_today()
    click.echo("Demo catalogue: " + _counts(load_demo_catalogue(media_storage(), today)))
    for label, load in LOADERS:
        click.echo(f"{label}: {_counts(load(today))}")
    click.echo(f"Demo plan in progress: {load_demo_plan(today)} added")
