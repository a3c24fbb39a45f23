"""`flask orders expire`: release the stock of unpaid orders whose time ran out (cron or the worker, every few minutes)."""
import click
from flask.cli import AppGroup

from marketplace.core.timeutil import utcnow
from marketplace.orders.cancellation import expire_orders

orders_cli = AppGroup("orders", help="Orders: expire unpaid orders.")


@orders_cli.command("expire")
def expire_command():
    """Cancel unpaid card and transfer orders past their reservation time; their stock goes back on sale."""
    count = expire_orders(now=utcnow())
    click.echo(f"expired {count} unpaid order(s)")
