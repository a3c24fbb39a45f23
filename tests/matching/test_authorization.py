"""Nobody acts on another party's records: another buyer's demand, another producer's offer,
another pair's connection each answer 404 (403 for the wrong kind of account), and nothing changes."""
from datetime import timedelta

import pytest

from marketplace.extensions import db
from marketplace.matching.models import Connection, ConnectionMessage, ConnectionStatus, Demand, Offer, PostStatus
from marketplace.matching.services.connections import request_connection, send_message
from marketplace.matching.services.posts import create_offer, transition_demand, transition_offer
from tests.conftest import FormClient
from tests.matching.conftest import TODAY, sign_in

LATER = (TODAY + timedelta(days=200)).isoformat()  # a valid date in the forms: only the access check may refuse


@pytest.fixture
def others(app, pair, make_buyer, make_seller, make_demand, make_offer, drain):
    """Another buyer with its demand, another producer with its offer, and the first pair's connection."""
    rival_buyer, rival_buyer_user = make_buyer(name="Nhà phân phối Khác")
    rival_demand = make_demand(rival_buyer, rival_buyer_user, title="Bưởi năm roi")
    rival_producer, rival_producer_user = make_seller(name="HTX Khác")
    rival_offer = make_offer(rival_producer, rival_producer_user, title="Bưởi năm roi loại 1")
    connection = request_connection(pair["buyer_user"], side="buyer", buyer=pair["buyer"],
                                    producer=pair["producer"], demand=pair["demand"], offer=pair["offer"])
    drain()
    return {"demand": rival_demand, "offer": rival_offer, "connection": connection,
            "buyer_user": rival_buyer_user, "producer_user": rival_producer_user}


def _snapshot(pair, others):
    db.session.expire_all()
    demand, offer, connection = pair["demand"], pair["offer"], others["connection"]
    return (demand.title, demand.status, demand.quantity, offer.title, offer.status, offer.price_min,
            connection.status, len(connection.messages), Connection.query.count(),
            others["demand"].status, others["offer"].status)


def _demand_routes(demand_id):
    fields = {"title": "Chiếm", "category": "nong-san-tuoi", "quantity": "1", "unit": "kg",
              "delivery_province": "ha-noi", "wanted_by": LATER, "expires_on": LATER,
              "recurrence": "one_off"}
    return [("get", f"/matching/demands/{demand_id}", None), ("get", f"/matching/demands/{demand_id}/edit", None),
            ("post", f"/matching/demands/{demand_id}/edit", fields),
            ("post", f"/matching/demands/{demand_id}/status", {"status": "closed"}),
            ("get", f"/matching/demands/{demand_id}/matches.json", None)]


def _offer_routes(offer_id):
    fields = {"title": "Chiếm", "category": "nong-san-tuoi", "quantity": "1", "unit": "kg", "period": "month",
              "price_min": "1", "expires_on": LATER, "product": "0"}
    return [("get", f"/matching/offers/{offer_id}", None), ("get", f"/matching/offers/{offer_id}/edit", None),
            ("post", f"/matching/offers/{offer_id}/edit", fields),
            ("post", f"/matching/offers/{offer_id}/status", {"status": "closed"}),
            ("get", f"/matching/offers/{offer_id}/matches.json", None)]


def _connection_routes(connection_id):
    return [("get", f"/matching/connections/{connection_id}", None),
            ("get", f"/matching/connections/{connection_id}.json", None),
            ("post", f"/matching/connections/{connection_id}/answer", {"answer": "accept"}),
            ("post", f"/matching/connections/{connection_id}/withdraw", {}),
            ("post", f"/matching/connections/{connection_id}/messages", {"body": "Chen ngang"})]


def _try(client, routes, token):
    codes = []
    for method, url, data in routes:
        if method == "get":
            codes.append(client.get(url).status_code)
        else:
            codes.append(client.post(url, data={**data, "csrf_token": token}).status_code)
    return codes


def test_another_buyers_demand_is_404_and_unchanged(app, pair, others):
    before = _snapshot(pair, others)
    client = sign_in(app.test_client(), others["buyer_user"])
    token = FormClient(client).token("/matching/demands")
    assert set(_try(client, _demand_routes(pair["demand"].id), token)) == {404}
    # Asking to connect on behalf of a demand that is not theirs.
    response = client.post("/matching/connect", data={"demand_id": pair["demand"].id, "offer_id": others["offer"].id,
                                                      "side": "buyer", "csrf_token": token})
    assert response.status_code == 404
    assert _snapshot(pair, others) == before


def test_another_producers_offer_is_404_and_unchanged(app, pair, others):
    before = _snapshot(pair, others)
    client = sign_in(app.test_client(), others["producer_user"])
    token = FormClient(client).token("/matching/offers")
    assert set(_try(client, _offer_routes(pair["offer"].id), token)) == {404}
    response = client.post("/matching/connect", data={"demand_id": others["demand"].id, "offer_id": pair["offer"].id,
                                                      "side": "producer", "csrf_token": token})
    assert response.status_code == 404
    assert _snapshot(pair, others) == before


def test_another_pairs_connection_is_404_and_unchanged(app, pair, others):
    before = _snapshot(pair, others)
    for user in (others["buyer_user"], others["producer_user"]):
        client = sign_in(app.test_client(), user)
        token = FormClient(client).token("/matching/connections")
        assert set(_try(client, _connection_routes(others["connection"].id), token)) == {404}
    assert _snapshot(pair, others) == before
    assert ConnectionMessage.query.count() == 0


def test_the_requesting_side_cannot_answer_its_own_request(app, pair, others):
    client = sign_in(app.test_client(), pair["buyer_user"])
    forms = FormClient(client)
    forms.post(f"/matching/connections/{others['connection'].id}/answer", {"answer": "accept"},
               form_url=f"/matching/connections/{others['connection'].id}")
    db.session.expire_all()
    assert others["connection"].status is ConnectionStatus.REQUESTED


def test_the_wrong_kind_of_account(app, pair, make_user):
    consumer = sign_in(app.test_client(), make_user(email="khach@example.vn"))
    assert consumer.get("/matching/offers").status_code == 403
    assert consumer.get("/matching/offers/new").status_code == 403
    response = consumer.get("/matching/demands")
    assert response.status_code == 302 and response.headers["Location"].endswith("/matching/buyer/new")
    anonymous = app.test_client()
    for url in ("/matching/demands", "/matching/offers", "/matching/connections", "/matching/settings"):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/account/login" in response.headers["Location"]
    assert anonymous.get("/matching/").status_code == 200


def test_services_check_membership_too(pair, others):
    from marketplace.core.errors import PermissionDenied
    from marketplace.catalog.services import find_category
    with pytest.raises(PermissionDenied):
        transition_demand(others["buyer_user"], pair["demand"], "closed", today=pair["demand"].wanted_by)
    with pytest.raises(PermissionDenied):
        transition_offer(others["producer_user"], pair["offer"], "paused", today=pair["demand"].wanted_by)
    with pytest.raises(PermissionDenied):
        create_offer(others["producer_user"], pair["producer"], today=pair["demand"].wanted_by,
                     title="x", category=find_category("mat-ong"), quantity=1, unit="kg", price_min=1,
                     expires_on=pair["demand"].expires_on)
    with pytest.raises(PermissionDenied):
        request_connection(others["producer_user"], side="producer", buyer=pair["buyer"],
                           producer=pair["producer"])
    with pytest.raises(PermissionDenied):
        send_message(others["buyer_user"], others["connection"], "Xin chào")
    assert db.session.get(Demand, pair["demand"].id).status is PostStatus.OPEN
    assert db.session.get(Offer, pair["offer"].id).status is PostStatus.OPEN
