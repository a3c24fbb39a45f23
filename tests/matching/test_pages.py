"""The matching pages render for their people, in Vietnamese and in English; forms post through
the views (CSRF) into the services."""
from datetime import timedelta

from marketplace.extensions import db
from marketplace.matching.models import BuyerOrganisation, Demand, NotifyFrequency, Offer, PostStatus
from marketplace.matching.services.preferences import preference_of
from tests.conftest import FormClient
from tests.matching.conftest import TODAY, sign_in


def test_every_page_renders(app, pair):
    buyer = sign_in(app.test_client(), pair["buyer_user"])
    producer = sign_in(app.test_client(), pair["producer_user"])
    for url in ("/matching/", "/matching/demands", "/matching/demands/new", f"/matching/demands/{pair['demand'].id}",
                f"/matching/demands/{pair['demand'].id}/edit", "/matching/buyer", "/matching/connections",
                "/matching/settings"):
        assert buyer.get(url).status_code == 200, url
    for url in ("/matching/offers", "/matching/offers/new", f"/matching/offers/{pair['offer'].id}",
                f"/matching/offers/{pair['offer'].id}/edit", "/studio/"):
        assert producer.get(url).status_code == 200, url
    assert "Chào bán sỉ (kết nối cung cầu)" in producer.get("/studio/").get_data(as_text=True)


def test_reasons_in_english(app, pair):
    buyer = sign_in(app.test_client(), pair["buyer_user"])
    page = buyer.get(f"/matching/demands/{pair['demand'].id}?lang=en").get_data(as_text=True)
    assert "price within budget" in page and "covers the whole quantity" in page
    assert "OCOP 4 stars, certificate valid" in page and "km away, delivers to" in page
    data = buyer.get(f"/matching/demands/{pair['demand'].id}/matches.json").get_json()
    assert data["matches"][0]["reasons"][1] == {"factor": "price", "points": 20.0, "max": 20,
                                                "text": "price within budget"}


def test_a_buyer_creates_the_organisation_and_a_demand_through_the_forms(app, make_user, pair):
    user = make_user(email="moi@example.vn")
    client = sign_in(app.test_client(), user)
    forms = FormClient(client)
    assert client.get("/matching/demands").headers["Location"].endswith("/matching/buyer/new")
    response = forms.post("/matching/buyer/new", {"name": "Bếp ăn Hoa Sen", "kind": "restaurant",
                                                  "province": "da-nang", "phone": "0905111222"})
    assert response.status_code == 302
    buyer = BuyerOrganisation.query.filter_by(name="Bếp ăn Hoa Sen").one()
    response = forms.post("/matching/demands/new", {
        "title": "Bưởi da xanh", "category": "nong-san-tuoi", "quantity": "300", "unit": "kg",
        "recurrence": "weekly", "target_price": "55.000", "delivery_province": "da-nang",
        "wanted_by": (TODAY + timedelta(days=20)).isoformat(), "expires_on": (TODAY + timedelta(days=20)).isoformat(),
        "min_stars": "3", "certificates": ["vietgap"], "publish": "y"})
    assert response.status_code == 302
    demand = Demand.query.filter_by(buyer_id=buyer.id).one()
    assert demand.status is PostStatus.OPEN and demand.target_price == 55_000 and demand.certificates == 1
    # A bad form says what is wrong and changes nothing.
    response = forms.post("/matching/demands/new", {"title": "", "category": "nong-san-tuoi", "quantity": "0",
                                                    "unit": "kg", "recurrence": "one_off"})
    assert response.status_code == 400 and Demand.query.filter_by(buyer_id=buyer.id).count() == 1


def test_a_producer_posts_an_offer_and_pauses_it(app, pair):
    client = sign_in(app.test_client(), pair["producer_user"])
    forms = FormClient(client)
    response = forms.post("/matching/offers/new", {
        "title": "Bưởi năm roi", "category": "nong-san-tuoi", "product": "0", "quantity": "800", "unit": "kg",
        "period": "week", "min_order": "100", "price_min": "30000", "price_max": "35000",
        "season_months": ["8", "9", "10"], "delivery_provinces": ["ha-noi", "vinh-long"],
        "expires_on": (TODAY + timedelta(days=30)).isoformat(), "certificates": ["vietgap", "globalgap"],
        "publish": "y"})
    assert response.status_code == 302
    offer = Offer.query.filter_by(title="Bưởi năm roi").one()
    assert offer.status is PostStatus.OPEN and offer.season_months == 0b111 << 7 and offer.price_max == 35_000
    assert len(offer.delivery_province_ids) == 2
    forms.post(f"/matching/offers/{offer.id}/status", {"status": "paused"}, form_url=f"/matching/offers/{offer.id}")
    db.session.expire_all()
    assert offer.status is PostStatus.PAUSED


def test_the_notification_choice_is_saved(app, pair):
    client = sign_in(app.test_client(), pair["buyer_user"])
    FormClient(client).post("/matching/settings", {"frequency": "immediate"})
    assert preference_of(pair["buyer_user"].id) is NotifyFrequency.IMMEDIATE
