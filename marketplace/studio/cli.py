"""`flask studio ...`: the daily certificate jobs (run from cron or a systemd timer)."""
import click
from flask import current_app
from flask.cli import AppGroup

from marketplace.core.timeutil import vn_today
from marketplace.studio.jobs import expire_certificates, send_expiry_reminders

studio_cli = AppGroup("studio", help="Producer studio jobs: certificate expiry and reminders.")


@studio_cli.command("expire-certificates")
def expire_command():
    """Mark verified certificates past their expiry date as expired and tell their producers."""
    click.echo(f"Certificates expired: {expire_certificates(vn_today())}")


@studio_cli.command("send-reminders")
def reminders_command():
    """Remind producers of certificates expiring within 60 days (once per certificate)."""
    days = current_app.config["CERTIFICATE_REMINDER_DAYS"]
    click.echo(f"Expiry reminders sent: {send_expiry_reminders(vn_today(), days)}")


@studio_cli.command("daily")
@click.pass_context
def daily_command(ctx):
    """Both jobs, in order: expire, then remind. Run once a day."""
    ctx.invoke(expire_command)
    ctx.invoke(reminders_command)
