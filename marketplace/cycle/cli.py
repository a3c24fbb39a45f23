"""`flask cycle ...`: the cycle's reference data."""
import click
from flask.cli import AppGroup

cycle_cli = AppGroup("cycle", help="The OCOP cycle: dossier checklists and scoring sheets.")


@cycle_cli.command("load-requirements")
def load_requirements():
    """Add the default dossier checklist items that are missing (safe to run twice)."""
    from marketplace.cycle.services.requirements import load_defaults
    click.echo(f"Dossier requirements added: {load_defaults()}")


@cycle_cli.command("import-sheet")
@click.argument("group", type=click.IntRange(1, 6))
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--name", required=True, help="The sheet's name, e.g. 'Phiếu chấm nhóm Thực phẩm 2026'.")
@click.option("--admin-email", required=True, help="The national officer or admin recording the import.")
def import_sheet(group, path, name, admin_email):
    """Import the scoring sheet of an OCOP GROUP (1–6) from a CSV or JSON file."""
    from marketplace.accounts.services import find_user_by_email
    from marketplace.core.errors import DomainError
    from marketplace.cycle.services import sheets
    officer = find_user_by_email(admin_email)
    if officer is None:
        raise click.ClickException(f"No account {admin_email}")
    try:
        with open(path, "rb") as handle:
            specs, _name = sheets.parse(handle.read(), path)
        sheet = sheets.import_sheet(officer, group_code=group, name=name, specs=specs)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    click.echo(f"Sheet {sheet.id} for group {group}: {len(sheet.criteria)} criteria")
