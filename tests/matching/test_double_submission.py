"""Matching forms sent twice (a double tap, a reload) create one record and the repeat shows it:
buyer organisation, demand, offer, connection request (the same request, not "already asked"),
message, meeting request."""
from datetime import timedelta

from marketplace.matching.models import (BuyerOrganisation, Connection, ConnectionMessage, Demand, MeetingRequest,
                                         Offer)
from marketplace.matching.services.connections import answer_connection, request_connection
from tests.conftest import FormClient
from tests.matching.conftest import TODAY, sign_in
from tests.matching.test_meetings import fair  # noqa: F401  (fixture)
from tests.submissions import assert_created_once, assert_refused_without_token


def _client(app, user):
    return FormClient(sign_in(app.test_client(), user))


def test_a_buyer_organisation_sent_twice_is_one(app, make_user):
    forms = _client(app, make_user(email="moi@example.vn"))
    assert_created_once(forms, "/matching/buyer/new", {"name": "Bếp ăn Hoa Sen", "kind": "restaurant",
                                                       "province": "da-nang", "phone": "0905111222"},
                        BuyerOrganisation.query.count)


def test_a_demand_sent_twice_is_one_demand(app, pair):
    forms = _client(app, pair["buyer_user"])
    day = (TODAY + timedelta(days=20)).isoformat()
    data = {"title": "Bưởi da xanh", "category": "nong-san-tuoi", "quantity": "300", "unit": "kg",
            "recurrence": "weekly", "delivery_province": "da-nang", "wanted_by": day, "expires_on": day,
            "min_stars": "3", "publish": "y"}
    assert_created_once(forms, "/matching/demands/new", data, Demand.query.count)
    assert_refused_without_token(forms, "/matching/demands/new", data, Demand.query.count)


def test_an_offer_sent_twice_is_one_offer(app, pair):
    forms = _client(app, pair["producer_user"])
    assert_created_once(forms, "/matching/offers/new", {
        "title": "Bưởi năm roi", "category": "nong-san-tuoi", "product": "0", "quantity": "800", "unit": "kg",
        "period": "week", "price_min": "30000", "expires_on": (TODAY + timedelta(days=30)).isoformat(),
        "publish": "y"}, Offer.query.count)


def test_a_connection_request_sent_twice_is_one_request(app, pair):
    forms = _client(app, pair["buyer_user"])
    first, _second = assert_created_once(
        forms, "/matching/connect", {"demand_id": pair["demand"].id, "offer_id": pair["offer"].id, "side": "buyer",
                                     "message": "Chúng tôi cần 2 tấn mỗi tháng."},
        Connection.query.count, form_url=f"/matching/demands/{pair['demand'].id}")
    assert first.headers["Location"] == f"/matching/connections/{Connection.query.one().id}"


def test_a_message_sent_twice_is_one_message(app, pair):
    connection = request_connection(pair["buyer_user"], side="buyer", buyer=pair["buyer"],
                                    producer=pair["producer"], demand=pair["demand"], offer=pair["offer"])
    answer_connection(pair["producer_user"], connection, True)
    url = f"/matching/connections/{connection.id}"
    assert_created_once(_client(app, pair["buyer_user"]), f"{url}/messages", {"body": "Khi nào giao thử được?"},
                        ConnectionMessage.query.count, form_url=url)


def test_a_meeting_request_sent_twice_is_one_request(app, fair, pair):  # noqa: F811
    forms = _client(app, pair["buyer_user"])
    url = f"/matching/events/{fair['event'].slug}/meetings"
    forms.post(f"{url}/join", {"side": "buyer", "slots": ["1", "2"]}, form_url=url)
    assert_created_once(forms, f"{url}/request", {"side": "buyer", "producer_id": pair["producer"].id},
                        MeetingRequest.query.count, form_url=url)
