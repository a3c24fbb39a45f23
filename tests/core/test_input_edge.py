"""Hostile input is answered at the edge: a clear 400 or 404 in the user's language, nothing written.

One test per defect the review found (issue 11, item 4), each on SQLite and PostgreSQL:
NUL bytes, ids and page numbers beyond the integer range, non-ASCII digits, a non-ASCII
order key, a newline in `next=`, a tampered checkout total, and bidirectional control
characters in names and titles. The sweep over every route is tests/core/test_hostile_sweep.py.
"""
import pytest

from marketplace.accounts.models import User
from marketplace.catalog.models import Producer, Product
from marketplace.extensions import db
from marketplace.orders.models import CartItem, Order
from tests.conftest import FormClient

pytestmark = pytest.mark.both_engines


def sign_in(client, user):
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
    return client


def count(model):
    db.session.expire_all()
    return db.session.execute(db.select(db.func.count()).select_from(model)).scalar_one()


@pytest.fixture
def owner(make_user, make_producer, make_product):
    from marketplace.catalog.models import ProducerMember
    user = make_user(role="producer")
    producer = make_producer(name="HTX Mật ong Bạc Hà")
    db.session.add(ProducerMember(producer=producer, user=user, is_owner=True))
    db.session.commit()
    product = make_product(producer=producer, name="Mật ong bạc hà", price=250_000, stock=5)
    return user, producer, product


# --- NUL and other control characters ------------------------------------------------------

@pytest.mark.parametrize("url", ["/products?q=m%00t", "/products/mat-ong%00", "/?x=%00", "/events?province=ha%00noi",
                                 "/provinces/ha-noi?page=%00", "/api/v1/products?q=%00", "/search?q=%01",
                                 "/account/login?next=/%00"])
def test_a_nul_byte_anywhere_in_the_address_is_a_400_page(client, engine, url, owner):
    response = client.get(url)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    if url.startswith("/api/"):
        assert "ký tự điều khiển" in response.get_json()["error"]["message"]
    else:
        assert "ký tự điều khiển" in body and "Về trang chủ" in body


def test_the_400_page_speaks_the_visitors_language(client, engine):
    client.get("/lang/en")
    response = client.get("/products?q=m%00t")
    assert response.status_code == 400 and "control character" in response.get_data(as_text=True)


def test_a_nul_byte_in_a_form_field_writes_nothing(client, engine, owner):
    forms = FormClient(client)
    users = count(User)
    response = forms.post("/account/register", {"full_name": "Nguyễn\x00Văn", "email": "moi@example.vn",
                                                "password": "mat-khau-123", "confirm": "mat-khau-123",
                                                "role": "consumer"})
    assert response.status_code == 400 and "ký tự điều khiển" in response.get_data(as_text=True)
    assert count(User) == users


def test_newlines_stay_allowed_in_text_areas_but_not_in_single_line_controls(client, engine, owner):
    """A description has lines; an address bar has none."""
    assert client.get("/products?q=m%0At").status_code == 400
    user, producer, product = owner
    sign_in(client, user)
    forms = FormClient(client)
    response = forms.post(f"/studio/products/{product.id}",
                          {"name": "Mật ong bạc hà", "category": "mat-ong", "price": "250000", "unit": "hũ",
                           "stock": "5", "description": "Dòng một\r\nDòng hai"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Product, product.id).description.splitlines() == ["Dòng một", "Dòng hai"]


# --- ids and page numbers beyond the integer range; non-ASCII digits ---------------------------

@pytest.mark.parametrize("number", ["2147483648", "9223372036854775808", "100000000000000000000", "٣", "²"])
def test_ids_beyond_the_integer_range_are_not_found(client, engine, make_user, owner, number):
    admin = make_user(role="admin")
    user, producer, product = owner
    sign_in(client, admin)
    assert client.get(f"/admin/producers/{number}").status_code == 404
    assert client.get(f"/admin/certifications/{number}").status_code == 404
    sign_in(client, user)
    assert client.get(f"/studio/products/{number}").status_code == 404
    assert client.get(f"/studio/shipments/{number}").status_code == 404


def test_arabic_indic_digits_do_not_name_a_record(client, engine, make_user, owner):
    """`/studio/products/٣` is not product 3."""
    user, producer, product = owner
    sign_in(client, user)
    digits = str(product.id).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert client.get(f"/studio/products/{product.id}").status_code == 200
    assert client.get(f"/studio/products/{digits}").status_code == 404


@pytest.mark.parametrize("page", [str(10 ** 20), str(2 ** 63), "²", "٣", "-1", "0"])
def test_page_numbers_out_of_range_fall_back_to_a_page_that_exists(client, engine, make_user, owner, page):
    admin = make_user(role="admin")
    user, producer, product = owner
    sign_in(client, admin)
    for url in ("/admin/producers", "/admin/certifications", "/admin/audit", "/events", "/products"):
        response = client.get(f"{url}?page={page}&producer={page}")
        assert response.status_code in (200, 400), url
    sign_in(client, user)
    assert client.get(f"/studio/products?page={page}").status_code in (200, 400)
    assert client.get(f"/api/v1/suggest?q=mat&limit={page}").status_code in (200, 400)


@pytest.mark.parametrize("value", [str(10 ** 20), str(2 ** 31), "²", "-5"])
def test_a_product_id_beyond_the_integer_range_in_a_form_adds_nothing(client, engine, owner, value):
    user, producer, product = owner
    forms = FormClient(client)
    response = forms.post("/cart/add", {"product_id": value, "quantity": "1"}, form_url=f"/products/{product.slug}")
    assert response.status_code == 302
    assert client.get("/cart").get_data(as_text=True).count("cart-line") == 0
    buyer_cart = count(CartItem)
    response = forms.post("/cart/update", {"product_id": value, "quantity": "1"},
                          form_url=f"/products/{product.slug}")
    assert response.status_code == 302 and count(CartItem) == buyer_cart


@pytest.mark.parametrize("value", [str(10 ** 20), str(2 ** 31), "²"])
def test_integer_fields_refuse_values_beyond_their_range(client, engine, owner, value):
    user, producer, product = owner
    sign_in(client, user)
    forms = FormClient(client)
    products = count(Product)
    response = forms.post("/studio/products/new", {"name": "Chè", "category": "mat-ong", "price": "120000",
                                                   "unit": "hộp", "stock": value}, form_url="/studio/products/new")
    assert response.status_code == 400 and count(Product) == products
    if value == str(2 ** 31):
        return  # 2.147.483.648 ₫ is a price (up to 10 billion đồng); the stock field has no such range
    response = forms.post("/studio/products/new", {"name": "Chè", "category": "mat-ong", "price": value,
                                                   "unit": "hộp", "stock": "1"}, form_url="/studio/products/new")
    assert response.status_code == 400 and count(Product) == products


# --- secrets, redirects, checkout ----------------------------------------------------------------

def _guest_order(client, product):
    forms = FormClient(client)
    forms.post("/cart/add", {"product_id": str(product.id), "quantity": "1"}, form_url=f"/products/{product.slug}")
    page = client.get("/checkout").get_data(as_text=True)
    assert "Đặt hàng" in page
    return forms


def test_a_non_ascii_order_key_is_not_found(client, engine, owner):
    user, producer, product = owner
    from marketplace.orders import services
    from marketplace.orders.models import PaymentMethod
    from marketplace.catalog.services import find_province
    from marketplace.core.timeutil import utcnow
    rules = services.CheckoutRules.from_config(client.application.config, [PaymentMethod.COD])
    order = services.place_order(
        items={product.id: 1}, payment_method="cod", rules=rules, now=utcnow(), user=None,
        contact=services.Contact(name="Khách", phone="0912345678", email="khach@example.vn",
                                 province=find_province("ha-noi"), ward="Phường A", street="1 Phố B", note=""))
    for key in ("khóa-bí-mật", "\u00e9" * 40, order.access_token + "é"):
        assert client.get(f"/orders/{order.reference}?key={key}").status_code == 404
    assert client.get(f"/orders/{order.reference}?key={order.access_token}").status_code == 302


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example",
                                    "javascript:alert(1)", "/%09/evil.example", "/products%20//evil"])
def test_next_never_leaves_the_site(client, engine, make_user, target):
    response = client.get(f"/lang/en?next={target}")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    user = make_user(email="khach@example.vn")
    forms = FormClient(client)
    response = forms.post(f"/account/login?next={target}", {"email": user.email, "password": "mat-khau-123"},
                          form_url="/account/login")
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_a_newline_in_next_is_refused_not_a_broken_redirect(client, engine, owner):
    """In the address it is a 400 page (the edge); in a form field the redirect goes to the default."""
    assert client.get("/lang/en?next=/products%0d%0aSet-Cookie:%20x=1").status_code == 400
    user, producer, product = owner
    forms = FormClient(client)
    response = forms.post("/cart/add", {"product_id": str(product.id), "quantity": "1",
                                        "next": "/products\r\nSet-Cookie: x=1"}, form_url=f"/products/{product.slug}")
    assert response.status_code == 302 and response.headers["Location"] == "/cart"
    response = forms.post("/cart/add", {"product_id": "abc", "quantity": "1", "next": "/products\nx"},
                          form_url=f"/products/{product.slug}")
    assert response.status_code == 302 and response.headers["Location"] == "/cart"


def test_next_keeps_a_path_on_the_site(client, engine):
    response = client.get("/lang/en?next=/products%3Fq%3Dmat%2Bong")
    assert response.headers["Location"].endswith("/products?q=mat+ong")


@pytest.mark.parametrize("total", ["²", "٣", str(10 ** 20), "-1", "1e9"])
def test_a_tampered_checkout_total_places_nothing(client, engine, owner, total):
    user, producer, product = owner
    forms = _guest_order(client, product)
    orders = count(Order)
    response = forms.post("/checkout", {"name": "Khách", "phone": "0912345678", "email": "khach@example.vn",
                                        "province": "ha-noi", "ward": "Phường A", "street": "1 Phố B",
                                        "payment_method": "cod", "expected_total": total})
    assert response.status_code == 400 and "Đặt hàng" in response.get_data(as_text=True)
    assert count(Order) == orders


# --- bidirectional control characters ----------------------------------------------------------------

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_bidirectional_controls_are_removed_from_names_and_titles(client, engine, owner):
    forms = FormClient(client)
    response = forms.post("/account/register", {"full_name": f"Nguyễn\u202eVăn{BIDI}An", "email": "an@example.vn",
                                                "password": "mat-khau-123", "confirm": "mat-khau-123",
                                                "role": "producer"})
    assert response.status_code == 302
    assert db.session.execute(db.select(User.full_name).where(User.email == "an@example.vn")).scalar_one() \
        == "NguyễnVănAn"
    user, producer, product = owner
    sign_in(client, user)
    forms = FormClient(client)
    response = forms.post(f"/studio/products/{product.id}",
                          {"name": f"Mật ong \u202egnoh tậM{BIDI}", "category": "mat-ong", "price": "250000",
                           "unit": "h\u2067ũ", "stock": "5", "description": "ok \u202e"})
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Product, product.id)
    assert saved.name == "Mật ong gnoh tậM" and saved.unit == "hũ" and "\u202e" not in saved.description
    assert not any(ch in (db.session.get(Producer, producer.id).name) for ch in BIDI)
