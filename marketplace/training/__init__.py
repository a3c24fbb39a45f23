"""Training of programme officials: each province's roster, matched by e-mail to the
check-ins of training courses (events of kind `training`), and the share trained."""
from flask import Blueprint

bp = Blueprint("training", __name__)

from . import views  # noqa: E402,F401
