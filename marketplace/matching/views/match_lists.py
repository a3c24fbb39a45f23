"""The ranked matches a demand or offer page shows: the matched rows loaded in a few queries,
each pair's latest connection, and their JSON form (contacts only when both sides agreed)."""
from flask import url_for
from sqlalchemy.orm import selectinload

from marketplace.catalog.models import Producer
from marketplace.extensions import db
from marketplace.matching import matcher
from marketplace.matching.models import BuyerOrganisation, Connection, Demand, Offer
from marketplace.matching.services import connections


def _pair_connections(buyer_ids, producer_ids):
    """{(buyer_id, producer_id): the latest connection} for these parties."""
    if not buyer_ids or not producer_ids:
        return {}
    rows = db.session.execute(db.select(Connection).where(
        Connection.buyer_id.in_(set(buyer_ids)), Connection.producer_id.in_(set(producer_ids)))
        .order_by(Connection.id)).scalars().all()
    return {(c.buyer_id, c.producer_id): c for c in rows}


def _offer_rows(ids):
    rows = db.session.execute(db.select(Offer).where(Offer.id.in_(ids)).options(
        selectinload(Offer.producer).selectinload(Producer.province), selectinload(Offer.product),
        selectinload(Offer.category))).scalars().all()
    return {o.id: o for o in rows}


def _demand_rows(ids):
    rows = db.session.execute(db.select(Demand).where(Demand.id.in_(ids)).options(
        selectinload(Demand.buyer).selectinload(BuyerOrganisation.province), selectinload(Demand.delivery_province),
        selectinload(Demand.category))).scalars().all()
    return {d.id: d for d in rows}


def demand_matches(demand, today, limit=20):
    ranking = matcher.rank_offers_for_demand(demand.id, today, limit=limit)
    offers = _offer_rows([m.offer_id for m in ranking.matches])
    connections = _pair_connections([demand.buyer_id], [o.producer_id for o in offers.values()])
    items = [(m, offers[m.offer_id], connections.get((demand.buyer_id, offers[m.offer_id].producer_id)))
             for m in ranking.matches if m.offer_id in offers]
    return ranking, items


def offer_matches(offer, today, limit=20):
    ranking = matcher.rank_demands_for_offer(offer.id, today, limit=limit)
    demands = _demand_rows([m.demand_id for m in ranking.matches])
    connections = _pair_connections([d.buyer_id for d in demands.values()], [offer.producer_id])
    items = [(m, demands[m.demand_id], connections.get((demands[m.demand_id].buyer_id, offer.producer_id)))
             for m in ranking.matches if m.demand_id in demands]
    return ranking, items


def contacts_json(viewer, connection):
    if connection is None:
        return None
    return connections.visible_contacts(viewer, connection)


def connection_summary(connection):
    if connection is None:
        return None
    return {"id": connection.id, "status": connection.status.value,
            "requested_by": connection.requested_by_side.value,
            "url": url_for("matching.connection", connection_id=connection.id)}


def reasons_json(match):
    return [reason.as_dict() for reason in match.reasons]
