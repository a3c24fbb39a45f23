"""`flask programme ...`: load the local OCOP plans of shared/data/program_targets.json."""
import click
from flask.cli import AppGroup

from marketplace.programme.loader import load_plans

programme_cli = AppGroup("programme", help="Local OCOP plans and their targets.")


def echo_summary(summary):
    click.echo("Plans: " + ", ".join(f"{key} {value}" for key, value in summary.items() if key != "skipped"))
    for slug in summary["skipped"]:
        click.echo(f"Skipped {slug}: an officers' plan already uses this id.", err=True)


@programme_cli.command("load-plans")
def load_plans_command():
    """Mirror the plans of program_targets.json into the database (idempotent)."""
    echo_summary(load_plans())
