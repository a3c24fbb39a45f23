"""`flask users ...`: create the first admin and other staff accounts from the shell."""
import click
from flask.cli import AppGroup

from marketplace.accounts.models import Role
from marketplace.accounts.services import assign_province, find_user_by_email, register_user
from marketplace.core.errors import DomainError, ValidationError


def _province(key):
    """The province named on the command line (slug or code), or None for "national"."""
    from marketplace.catalog.services import find_province
    if not key or key == "national":
        return None
    province = find_province(key)
    if province is None:
        raise ValidationError(f"No province {key!r} (use a slug such as lam-dong, a code, or national)")
    return province

users_cli = AppGroup("users", help="Manage user accounts.")


def _create(email, name, password, role, province=None):
    try:
        place = _province(province)  # before the account exists, so a typo creates nothing
        user = register_user(email=email, password=password, full_name=name, role=role, self_service=False)
        if place is not None:
            assign_province(user, place)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    where = f" of {user.province.name_vi}" if user.province else ""
    click.echo(f"Created {user.role.value} {user.email}{where}")


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
@click.option("--province", default=None, help="For an officer: the province (slug or code) they work for; "
                                               "leave out for a national officer.")
@click.password_option()
def create(email, name, role, password, province):
    """Create an account with any role (officers, organizers...)."""
    _create(email, name, password, role, province)


@users_cli.command("set-province")
@click.argument("email")
@click.argument("province")
def set_province(email, province):
    """Make an officer provincial (PROVINCE: slug or code) or national (PROVINCE: national)."""
    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account {email}")
    try:
        assign_province(user, _province(province))
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    click.echo(f"{user.email}: {user.province.name_vi if user.province else 'national'}")
