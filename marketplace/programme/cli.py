"""`flask programme ...`: load the local OCOP plans of shared/data/program_targets.json; keep the
stored figures of the programme pages fresh."""
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


@programme_cli.command("refresh-figures")
@click.option("--all", "everything", is_flag=True, help="Forget every stored figure first (after a bulk load "
                                                         "that bypassed the application).")
def refresh_figures_command(everything):
    """Compute the stored programme figures that expired (run after midnight, Vietnam's time)."""
    from marketplace.core.timeutil import vn_today
    from marketplace.programme import figures
    if everything:
        figures.forget_all()
        figures.Stats(vn_today())  # the national page's figures, computed once now
        click.echo("Stored figures computed again.")
        return
    click.echo(f"Provinces refreshed: {figures.refresh_due(vn_today())}")
