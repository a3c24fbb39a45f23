"""The producer's workspace: profile, listings, photos, certificates, stock, team."""
from flask import Blueprint

bp = Blueprint("studio", __name__)

from . import views  # noqa: E402,F401
