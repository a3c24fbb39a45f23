"""`flask matching ...`: the daily jobs of supply–demand matching."""
import click
from flask.cli import AppGroup

from marketplace.core.timeutil import vn_today

matching_cli = AppGroup("matching", help="Supply–demand matching: recompute matches, digests, expiry.")


@matching_cli.command("recompute")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--no-announce", is_flag=True, help="Record new strong matches without telling anyone.")
def recompute(quiet, no_announce):
    """Recompute every open demand's strong matches (nightly; safe to run twice)."""
    from tqdm import tqdm

    from marketplace.matching.strong import recompute_all
    from marketplace.matching.tables import get_tables
    today = vn_today()
    tables = get_tables().refresh(today)
    bar = None if quiet else tqdm(total=int(tables.demands.active.sum()), desc="demands", unit="demand")
    try:
        report = recompute_all(today, progress=bar.update if bar else None, announce_new=not no_announce)
    finally:
        if bar:
            bar.close()
    click.echo(f"{report.posts} demands, {report.strong} strong matches ({report.new} new, "
               f"{report.deactivated} no longer strong) in {report.seconds:.1f} s.")


@matching_cli.command("digest")
def digest():
    """Send the daily digest of new strong matches to those who chose it."""
    from marketplace.matching.strong import send_digests
    click.echo(f"Digests sent: {send_digests(vn_today())}")


@matching_cli.command("expire")
def expire():
    """Mark open and paused posts past their expiry date as expired."""
    from marketplace.matching.services.posts import expire_posts
    click.echo(f"Posts expired: {expire_posts(vn_today())}")


@matching_cli.command("daily")
@click.pass_context
def daily(ctx):
    """expire, recompute, then digest: run once a day (cron or a systemd timer)."""
    ctx.invoke(expire)
    ctx.invoke(recompute, quiet=True, no_announce=False)
    ctx.invoke(digest)
