"""Who acts on a matching page: the buyer organisation or producer the signed-in user acts
for, the decorators that require one, and the lookups that answer 404 for another party's
demand, offer or connection, exactly like one that does not exist (the services check
membership again)."""
from functools import wraps

from flask import abort, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import confirmed_required
from marketplace.extensions import db
from marketplace.matching import access
from marketplace.matching.models import Connection, Demand, Offer

BUYER_SESSION_KEY = "matching_buyer_id"
PRODUCER_SESSION_KEY = "studio_producer_id"  # the studio's choice: one acting producer across the workspace


def page_locale():
    return getattr(g, "locale", "vi")


def user_key():
    return f"user:{current_user.id}" if current_user.is_authenticated else request.remote_addr


def connection_limit():
    return current_app.config["MATCHING_CONNECTION_RATE_LIMIT"]


def message_limit():
    return current_app.config["MATCHING_MESSAGE_RATE_LIMIT"]


def acting_buyer():
    members = access.buyer_memberships(current_user)
    if not members:
        return None
    chosen = session.get(BUYER_SESSION_KEY)
    return next((m for m in members if m.buyer_id == chosen), members[0]).buyer


def acting_producer():
    members = access.producer_memberships(current_user)
    if not members:
        return None
    chosen = session.get(PRODUCER_SESSION_KEY)
    return next((m for m in members if m.producer_id == chosen), members[0]).producer


def buyer_required(view):
    @wraps(view)
    @confirmed_required
    def wrapper(*args, **kwargs):
        g.buyer = acting_buyer()
        if g.buyer is None:
            flash(_("Hãy tạo hồ sơ doanh nghiệp thu mua trước."), "info")
            return redirect(url_for("matching.new_buyer"))
        return view(*args, **kwargs)
    return wrapper


def producer_required(view):
    @wraps(view)
    @confirmed_required
    def wrapper(*args, **kwargs):
        g.producer = acting_producer()
        if g.producer is None:
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def own_demand(demand_id):
    demand = db.session.get(Demand, demand_id)
    if demand is None or not access.is_buyer_member(current_user, demand.buyer_id):
        abort(404)
    return demand


def own_offer(offer_id):
    offer = db.session.get(Offer, offer_id)
    if offer is None or not access.is_producer_member(current_user, offer.producer_id):
        abort(404)
    return offer


def own_connection(connection_id):
    connection = db.session.get(Connection, connection_id)
    if connection is None or not access.sides_of(current_user, connection.buyer_id, connection.producer_id):
        abort(404)
    return connection
