"""The storefront: provinces, categories, producers, products and their OCOP stars."""
from flask import Blueprint

bp = Blueprint("catalog", __name__)

from . import views  # noqa: E402,F401
