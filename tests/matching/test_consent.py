"""Contact details (phone, e-mail, address) stay hidden until both sides agreed: in the
pages, in the JSON and in every e-mail. A declined pair is not asked again; requests and
messages are rate-limited."""
import json

import pytest

from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.matching.models import Connection, ConnectionStatus
from marketplace.matching.services.connections import (answer_connection, request_connection, send_message,
                                                      visible_contacts, withdraw_connection)
from tests.conftest import FormClient
from tests.matching.conftest import (BUYER_ADDRESS, BUYER_EMAIL, BUYER_PHONE, PRODUCER_ADDRESS, PRODUCER_EMAIL,
                                     PRODUCER_PHONE, sign_in)

BUYER_CONTACTS = (BUYER_PHONE, BUYER_EMAIL, BUYER_ADDRESS)
PRODUCER_CONTACTS = (PRODUCER_PHONE, PRODUCER_EMAIL, PRODUCER_ADDRESS)


def _clean(text, contacts):
    return not any(value in text for value in contacts)


@pytest.fixture
def clients(app, pair):
    buyer = sign_in(app.test_client(), pair["buyer_user"])
    producer = sign_in(app.test_client(), pair["producer_user"])
    return buyer, producer


def _pages(pair, connection=None):
    pages = [f"/matching/demands/{pair['demand'].id}", f"/matching/demands/{pair['demand'].id}/matches.json",
             f"/matching/offers/{pair['offer'].id}", f"/matching/offers/{pair['offer'].id}/matches.json",
             "/matching/connections"]
    if connection is not None:
        pages += [f"/matching/connections/{connection.id}", f"/matching/connections/{connection.id}.json"]
    return pages


def _text(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


def test_contacts_hidden_until_both_agree_in_html_json_and_mail(app, pair, clients, mailbox, drain):
    buyer, producer = clients
    # The buyer sees the ranked offer with its reasons, and nothing of the producer's contacts.
    page = _text(buyer, f"/matching/demands/{pair['demand'].id}")
    assert "HTX Bưởi Mỏ Cày" in page and "giá trong ngân sách" in page
    data = json.loads(_text(buyer, f"/matching/demands/{pair['demand'].id}/matches.json"))
    assert data["matches"][0]["contacts"] is None and data["matches"][0]["connection"] is None
    for client, contacts in ((buyer, PRODUCER_CONTACTS), (producer, BUYER_CONTACTS)):
        for url in _pages(pair):
            if ("/demands/" in url and client is producer) or ("/offers/" in url and client is buyer):
                continue
            assert _clean(_text(client, url), contacts), url

    # The buyer asks to connect, with a message.
    response = FormClient(buyer).post("/matching/connect", {
        "demand_id": pair["demand"].id, "offer_id": pair["offer"].id, "side": "buyer",
        "message": "Chúng tôi cần 2 tấn mỗi tháng cho chuỗi siêu thị."},
        form_url=f"/matching/demands/{pair['demand'].id}")
    assert response.status_code == 302
    connection = Connection.query.one()
    assert connection.status is ConnectionStatus.REQUESTED
    drain()
    mails = mailbox()
    assert len(mails) == 1 and "Siêu thị Xanh muốn kết nối với bạn" in mails[0]
    assert _clean(mails[0], BUYER_CONTACTS + PRODUCER_CONTACTS)
    # Still hidden for both, everywhere, while the request waits.
    for client, contacts in ((buyer, PRODUCER_CONTACTS), (producer, BUYER_CONTACTS)):
        for url in _pages(pair, connection):
            if ("/demands/" in url and client is producer) or ("/offers/" in url and client is buyer):
                continue
            assert _clean(_text(client, url), contacts), url
    page = _text(producer, f"/matching/connections/{connection.id}")
    assert "Thông tin liên hệ được ẩn cho đến khi cả hai bên đồng ý kết nối" in page
    assert "Chúng tôi cần 2 tấn mỗi tháng" in page
    assert json.loads(_text(producer, f"/matching/connections/{connection.id}.json"))["contacts"] is None

    # The producer accepts: each side now sees the other's contacts, in the page and in the JSON.
    response = FormClient(producer).post(f"/matching/connections/{connection.id}/answer", {"answer": "accept"},
                                         form_url=f"/matching/connections/{connection.id}")
    assert response.status_code == 302
    buyer_view = _text(buyer, f"/matching/connections/{connection.id}")
    assert all(value in buyer_view for value in PRODUCER_CONTACTS) and _clean(buyer_view, BUYER_CONTACTS)
    producer_view = _text(producer, f"/matching/connections/{connection.id}")
    assert all(value in producer_view for value in BUYER_CONTACTS)
    assert json.loads(_text(buyer, f"/matching/connections/{connection.id}.json"))["contacts"] == {
        "phone": PRODUCER_PHONE, "email": PRODUCER_EMAIL, "address": PRODUCER_ADDRESS}
    matches = json.loads(_text(buyer, f"/matching/demands/{pair['demand'].id}/matches.json"))["matches"]
    assert matches[0]["contacts"]["phone"] == PRODUCER_PHONE and matches[0]["connection"]["status"] == "accepted"
    # E-mails never carry contacts, even after the agreement.
    drain()
    assert all(_clean(m, BUYER_CONTACTS + PRODUCER_CONTACTS) for m in mailbox())

    # A message thread opens.
    FormClient(buyer).post(f"/matching/connections/{connection.id}/messages", {"body": "Khi nào giao thử được?"},
                           form_url=f"/matching/connections/{connection.id}")
    assert "Khi nào giao thử được?" in _text(producer, f"/matching/connections/{connection.id}")


def test_contacts_stay_hidden_from_third_parties(app, pair, make_buyer, make_seller):
    connection = request_connection(pair["buyer_user"], side="buyer", buyer=pair["buyer"],
                                    producer=pair["producer"], demand=pair["demand"], offer=pair["offer"])
    answer_connection(pair["producer_user"], connection, True)
    _, stranger = make_buyer(name="Đối thủ")
    assert visible_contacts(stranger, connection) is None
    client = sign_in(app.test_client(), stranger)
    assert client.get(f"/matching/connections/{connection.id}").status_code == 404
    assert client.get(f"/matching/connections/{connection.id}.json").status_code == 404


def test_a_declined_pair_is_not_asked_again(pair, app):
    connection = request_connection(pair["buyer_user"], side="buyer", buyer=pair["buyer"],
                                    producer=pair["producer"], message="Xin chào")
    with pytest.raises(ValidationError):  # one request waiting at a time
        request_connection(pair["buyer_user"], side="buyer", buyer=pair["buyer"], producer=pair["producer"])
    with pytest.raises(PermissionDenied):  # only the side that was asked answers
        answer_connection(pair["buyer_user"], connection, True)
    answer_connection(pair["producer_user"], connection, False)
    assert visible_contacts(pair["buyer_user"], connection) is None
    with pytest.raises(PermissionDenied):
        request_connection(pair["buyer_user"], side="buyer", buyer=pair["buyer"], producer=pair["producer"])
    # The page no longer offers to connect; it says the request was declined.
    page = sign_in(app.test_client(), pair["buyer_user"]).get(
        f"/matching/demands/{pair['demand'].id}").get_data(as_text=True)
    assert "Đã từ chối" in page and 'name="side" value="buyer"' not in page
    # The producer who declined may still change its mind and ask.
    again = request_connection(pair["producer_user"], side="producer", buyer=pair["buyer"],
                               producer=pair["producer"])
    answer_connection(pair["buyer_user"], again, True)
    assert visible_contacts(pair["buyer_user"], again)["phone"] == PRODUCER_PHONE


def test_a_withdrawn_request_hides_nothing_new_and_can_be_sent_again(pair):
    connection = request_connection(pair["buyer_user"], side="buyer", buyer=pair["buyer"],
                                    producer=pair["producer"])
    withdraw_connection(pair["buyer_user"], connection)
    assert connection.status is ConnectionStatus.WITHDRAWN
    with pytest.raises(Exception):
        send_message(pair["buyer_user"], connection, "Xin chào")
    request_connection(pair["buyer_user"], side="buyer", buyer=pair["buyer"], producer=pair["producer"])


def test_connection_requests_and_messages_are_rate_limited(app, pair, make_seller, make_offer, drain):
    app.config["MATCHING_CONNECTION_RATE_LIMIT"] = "2 per minute"
    offers = [pair["offer"]]
    for n in range(2):
        producer, user = make_seller(name=f"HTX Thêm {n}")
        offers.append(make_offer(producer, user))
    drain()
    buyer = sign_in(app.test_client(), pair["buyer_user"])
    forms = FormClient(buyer)
    codes = [forms.post("/matching/connect", {"demand_id": pair["demand"].id, "offer_id": o.id, "side": "buyer"},
                        form_url=f"/matching/demands/{pair['demand'].id}").status_code for o in offers]
    assert codes == [302, 302, 429]
    assert Connection.query.count() == 2
