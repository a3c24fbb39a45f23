"""“Tài khoản của tôi”: the signed-in person's own page and the account menu of the header.

One account may hold several roles at once (a producer's team member who is also a
buyer company's member, an officer on a council…). This package gathers, for one
user, what each role gives them: the header's account menu (`menu.account_menu`) and
the /account/ page (orders, tickets, booth applications, connections, profile). It
reads the other domains and nothing reads it, so it may depend on all of them.
"""
from flask import Blueprint

bp = Blueprint("myaccount", __name__)

from . import views  # noqa: E402,F401  (routes and the template global register on bp)
