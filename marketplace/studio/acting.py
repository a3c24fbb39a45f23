"""Who is acting in the producer's workspace: the producer chosen in the session and the
decorator every producer page wears (the studio's, and orders' and cycle's producer pages).

A module of its own, not a part of studio/views.py: orders' views use the decorator while
studio's dashboard reads orders' models, and importing it from studio's views made the two
packages' imports depend on which loaded first.
"""
from functools import wraps

from flask import abort, g, redirect, session, url_for
from flask_login import current_user, login_required

from marketplace.accounts.access import unconfirmed_redirect
from marketplace.studio.access import may_create_producer, memberships

SESSION_KEY = "studio_producer_id"


def studio_required(view):
    """Signed in and acting for at least one producer; `g.producer` is the one chosen."""
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        unconfirmed = unconfirmed_redirect()  # also for the studio pages of other blueprints (orders)
        if unconfirmed is not None:
            return unconfirmed
        members = memberships(current_user)
        if not members:
            if may_create_producer(current_user):
                return redirect(url_for("studio.onboarding"))
            abort(403)
        chosen = session.get(SESSION_KEY)
        member = next((m for m in members if m.producer_id == chosen), members[0])
        g.memberships, g.member, g.producer = members, member, member.producer
        return view(*args, **kwargs)
    return wrapper

