"""Trade promotion: fairs, exhibitions, OCOP weeks and showrooms; exhibitor booths,
visitor registration, tickets and check-in.

Two blueprints: `events` (public pages, tickets, producers' applications) and
`organizer` (the organizer's workspace under /organizer).
"""
from flask import Blueprint

bp = Blueprint("events", __name__)
organizer_bp = Blueprint("organizer", __name__)

from . import organizer, templating, views  # noqa: E402,F401  (routes register on the blueprints)
