"""Anyone can check a star: the public verify page of every OCOP certificate, its JSON,
and the printable labels (QR) producers stick on their goods."""
from flask import Blueprint

bp = Blueprint("registry", __name__)
api_bp = Blueprint("registry_api", __name__)

from . import api, views  # noqa: E402,F401
