"""Post-inspection of certified products and buyers' reports (complaints) about them."""
from flask import Blueprint

bp = Blueprint("inspection", __name__)

from . import views  # noqa: E402,F401
