"""Programme officers' and admins' work: verifying producers and OCOP certificates, the audit log."""
from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import views  # noqa: E402,F401
