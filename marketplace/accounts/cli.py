"""`flask users ...`: create the first admin and other staff accounts from the shell."""
import click
from flask.cli import AppGroup

from marketplace.accounts.models import Role
from marketplace.accounts.services import register_user
from marketplace.core.errors import ValidationError

users_cli = AppGroup("users", help="Manage user accounts.")


def _create(email, name, password, role):
    try:
        user = register_user(email=email, password=password, full_name=name, role=role, self_service=False)
    except ValidationError as error:
        raise click.ClickException(str(error.message)) from error
    click.echo(f"Created {user.role.value} {user.email}")


@users_cli.command("create-admin")
@click.option("--email", required=True)
@click.option("--name", default="Quản trị viên")
@click.password_option()
def create_admin(email, name, password):
    """Create an administrator account."""
    _create(email, name, password, Role.ADMIN)


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.CONSUMER.value)
@click.password_option()
def create(email, name, role, password):
    """Create an account with any role (officers, organizers...)."""
    _create(email, name, password, role)
