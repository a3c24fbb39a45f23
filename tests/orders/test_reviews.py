"""Verified-purchase reviews: only the buyer, only after delivery, once per product per order,
1 to 5 with a text; shown on the product page apart from the OCOP stars."""
import pytest

from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.orders import fulfilment, reviews
from marketplace.orders.models import Review
from tests.orders.conftest import NOW


def _deliver(shop, shipment):
    owner = shop.north_owner if shipment.producer_id == shop.north.id else shop.south_owner
    fulfilment.producer_move(owner, shipment, "confirm", now=NOW)
    fulfilment.producer_move(owner, shipment, "ship", now=NOW, carrier="VNPost", tracking_number="EV1")
    fulfilment.producer_move(owner, shipment, "deliver", now=NOW)


@pytest.fixture
def delivered(shop, place):
    order = place({shop.tea: 1, shop.rice: 1}, user=shop.buyer)
    _deliver(shop, next(s for s in order.shipments if s.producer_id == shop.north.id))
    return order


def test_the_buyer_reviews_a_delivered_item_once(shop, delivered, db):
    assert [i.product_id for i in reviews.reviewable_items(delivered, shop.buyer)] == [shop.tea.id]
    reviews.add_review(shop.buyer, delivered, shop.tea.id, rating=5, body="Chè thơm, nước xanh.", now=NOW)
    with pytest.raises(ValidationError, match="đã đánh giá"):
        reviews.add_review(shop.buyer, delivered, shop.tea.id, rating=4, body="Lần hai nữa nhé", now=NOW)
    assert db.session.query(Review).count() == 1
    assert reviews.reviewable_items(delivered, shop.buyer) == []


def test_no_review_before_delivery_or_by_someone_else(shop, delivered, make_user):
    with pytest.raises(ValidationError, match="đã giao"):
        reviews.add_review(shop.buyer, delivered, shop.rice.id, rating=5, body="Chưa nhận mà", now=NOW)
    with pytest.raises(PermissionDenied):
        reviews.add_review(make_user(), delivered, shop.tea.id, rating=1, body="Tôi không mua", now=NOW)
    with pytest.raises(ValidationError):
        reviews.add_review(shop.buyer, delivered, shop.honey.id, rating=5, body="Không có trong đơn", now=NOW)


@pytest.mark.parametrize("rating", [0, 6, -1, "năm", None, 10**9])
def test_rating_must_be_one_to_five(shop, delivered, rating):
    with pytest.raises(ValidationError):
        reviews.add_review(shop.buyer, delivered, shop.tea.id, rating=rating, body="Bình thường thôi", now=NOW)


@pytest.mark.parametrize("body", ["", "   ", "ok", "x" * 2001])
def test_review_text_is_required_and_bounded(shop, delivered, body):
    with pytest.raises(ValidationError):
        reviews.add_review(shop.buyer, delivered, shop.tea.id, rating=4, body=body, now=NOW)


def test_reviews_show_on_the_product_page_apart_from_ocop_stars(shop, delivered, client, forms, make_certification):
    make_certification(shop.tea, stars=4)
    forms.post("/account/login", {"email": shop.buyer.email, "password": "mat-khau-123"})
    url = f"/orders/{delivered.reference}"
    page = client.get(url).get_data(as_text=True)
    assert "Đánh giá sản phẩm đã nhận" in page
    forms.post(f"{url}/reviews", {"product_id": shop.tea.id, "rating": "2", "body": "Hơi đắng so với mong đợi."},
               form_url=url)
    html = client.get(f"/products/{shop.tea.slug}").get_data(as_text=True)
    assert "Hơi đắng so với mong đợi." in html and "2.0/5" in html and "Đã mua hàng" in html
    assert "Sản phẩm OCOP 4 sao" in html  # the certificate's stars are unchanged by a buyer's rating
    response = forms.post(f"{url}/reviews", {"product_id": shop.rice.id, "rating": "5", "body": "Gạo chưa tới"},
                          form_url=url, follow_redirects=True)
    assert response.status_code == 200 and "đã giao" in response.get_data(as_text=True)
