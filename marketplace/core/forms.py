"""Helpers shared by every form-handling view."""
from flask import flash


def attach_error(form, error):
    """Show a service's DomainError next to the field it names, or as a flash message.

    Services validate again what forms already checked (they are also called from
    the CLI and the API), so their errors must reach the user like a form error.
    """
    field = getattr(form, error.field, None) if error.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, str(error.message)]
    else:
        flash(str(error.message), "error")
