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
from tests.conftest import FormClient, sign_in

pytestmark = [pytest.mark.both_engines, pytest.mark.undated]  # undated: what the edge refuses (control characters, sizes, ids, next) takes no day
HUGE = [str(2 ** 31), str(2 ** 63), str(10 ** 20)]
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


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


def product_form(**changes):
    return {"name": "Mật ong bạc hà", "category": "mat-ong", "price": "250000", "unit": "hũ", "stock": "5",
            **changes}


# --- control characters ---------------------------------------------------------------------

def test_a_control_character_anywhere_in_the_address_is_a_400_page(client, engine, owner):
    for url in ["/products?q=m%00t", "/products/mat-ong%00", "/?x=%00", "/events?province=ha%00noi",
                "/provinces/ha-noi?page=%00", "/search?q=%01", "/account/login?next=/%00", "/products?q=m%0At",
                "/products?q=%7f", "/studio/products/1%00"]:
        response = client.get(url)
        assert response.status_code == 400, url
        body = response.get_data(as_text=True)
        assert "ký tự điều khiển" in body and "Về trang chủ" in body, url
    assert "ký tự điều khiển" in client.get("/api/v1/products?q=%00").get_json()["error"]["message"]
    assert client.get("/products?q=m%09t").status_code == 200  # a pasted tab is no harm


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


def test_text_areas_keep_their_lines(client, engine, owner):
    user, producer, product = owner
    sign_in(client, user)
    response = FormClient(client).post(f"/studio/products/{product.id}",
                                       product_form(description="Dòng một\r\nDòng hai\tcột"))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Product, product.id).description.splitlines() == ["Dòng một", "Dòng hai\tcột"]


def test_a_query_string_over_4_kb_is_a_400_page(client, engine):
    assert client.get("/products?q=" + "x" * 100_000).status_code == 400
    assert client.get("/products?q=" + "x" * 200).status_code == 200


# --- ids, page numbers, numbers in forms ----------------------------------------------------------

def test_ids_beyond_the_integer_range_or_in_other_digits_are_not_found(client, engine, make_user, owner):
    admin = make_user(role="admin")
    user, producer, product = owner
    for number in [*HUGE, "٣", "²", "-1"]:
        sign_in(client, admin)
        assert client.get(f"/admin/producers/{number}").status_code == 404, number
        assert client.get(f"/admin/certifications/{number}").status_code == 404, number
        sign_in(client, user)
        assert client.get(f"/studio/products/{number}").status_code == 404, number
        assert client.get(f"/studio/shipments/{number}").status_code == 404, number
    digits = str(product.id).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert client.get(f"/studio/products/{product.id}").status_code == 200
    assert client.get(f"/studio/products/{digits}").status_code == 404  # "٣" is not product 3


def test_page_numbers_out_of_range_show_a_page_that_exists(client, engine, make_user, owner):
    admin = make_user(role="admin")
    user, producer, product = owner
    for page in [*HUGE, "²", "٣", "-1", "0"]:
        sign_in(client, admin)
        for url in ("/admin/producers", "/admin/certifications", "/admin/audit", "/events", "/products"):
            assert client.get(f"{url}?page={page}&producer={page}").status_code == 200, (url, page)
        sign_in(client, user)
        assert client.get(f"/studio/products?page={page}").status_code == 200, page
        assert client.get(f"/studio/certifications?page={page}").status_code == 200, page
        assert client.get(f"/api/v1/suggest?q=mat&limit={page}").status_code == 400, page
    assert client.get("/api/v1/suggest?q=mat&limit=3").status_code == 200


def test_a_product_id_beyond_the_integer_range_in_a_form_adds_nothing(client, engine, owner):
    user, producer, product = owner
    forms = FormClient(client)
    for value in [*HUGE, "²", "٣", "-5", "abc"]:
        response = forms.post("/cart/add", {"product_id": value, "quantity": "1"},
                              form_url=f"/products/{product.slug}")
        # Refused, back on the page the form was on, with the message there.
        assert response.status_code == 302 and response.headers["Location"] == f"/products/{product.slug}", value
        assert "Mật ong bạc hà" not in client.get("/cart").get_data(as_text=True), value
    sign_in(client, user)
    forms = FormClient(client)
    for value in [*HUGE, "²"]:
        forms.post("/cart/update", {"product_id": value, "quantity": "1"}, form_url=f"/products/{product.slug}")
        assert count(CartItem) == 0, value


def test_integer_fields_refuse_digits_and_values_beyond_their_range(client, engine, owner):
    user, producer, product = owner
    sign_in(client, user)
    forms = FormClient(client)
    products = count(Product)
    for stock in [*HUGE, "²", "٣", "1e3"]:
        response = forms.post("/studio/products/new", product_form(stock=stock), form_url="/studio/products/new")
        assert response.status_code == 400, stock
        if stock in ("²", "٣"):
            assert "chữ số 0–9" in response.get_data(as_text=True)
    for price in [str(10 ** 11), str(10 ** 20), "²"]:  # up to 10 billion đồng is a price
        response = forms.post("/studio/products/new", product_form(price=price), form_url="/studio/products/new")
        assert response.status_code == 400, price
    assert count(Product) == products


# --- secrets, redirects, checkout ----------------------------------------------------------------

def test_a_non_ascii_order_key_is_not_found(client, engine, owner):
    from marketplace.catalog.services import find_province
    from marketplace.core.timeutil import utcnow
    from marketplace.orders import services
    from marketplace.orders.models import PaymentMethod
    user, producer, product = owner
    rules = services.CheckoutRules.from_config(client.application.config, [PaymentMethod.COD])
    order = services.place_order(
        items={product.id: 1}, payment_method="cod", rules=rules, now=utcnow(), user=None,
        contact=services.Contact(name="Khách", phone="0912345678", email="khach@example.vn",
                                 province=find_province("ha-noi"), ward="Phường A", street="1 Phố B", note=""))
    for key in ("khóa-bí-mật", "\u00e9" * 40, order.access_token + "é", "😀"):
        assert client.get(f"/orders/{order.reference}?key={key}").status_code == 404, key
    assert client.get(f"/orders/{order.reference}?key={order.access_token}").status_code == 302


def test_next_never_leaves_the_site(client, engine, make_user):
    user = make_user(email="khach@example.vn")
    for target in ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
                   "/%09/evil.example", "/products%20//evil"]:
        response = client.get(f"/lang/en?next={target}")
        assert response.status_code == 302 and response.headers["Location"] == "/", target
        forms = FormClient(client)
        response = forms.post(f"/account/login?next={target}", {"email": user.email, "password": "mat-khau-123"},
                              form_url="/account/login")
        assert response.status_code == 302 and response.headers["Location"] == "/", target
        client.post("/account/logout", data={"csrf_token": forms.token("/account/password")})
    response = client.get("/lang/en?next=/products%3Fq%3Dmat%2Bong")
    assert response.headers["Location"].endswith("/products?q=mat+ong")


def test_a_newline_in_next_is_refused_not_a_broken_redirect(client, engine, owner):
    """In the address it is a 400 page (the edge); in a form field the redirect goes to the default."""
    assert client.get("/lang/en?next=/products%0d%0aSet-Cookie:%20x=1").status_code == 400
    user, producer, product = owner
    forms = FormClient(client)
    for data in ({"product_id": str(product.id), "quantity": "1", "next": "/products\r\nSet-Cookie: x=1"},
                 {"product_id": "abc", "quantity": "1", "next": "/products\nx"}):
        response = forms.post("/cart/add", data, form_url=f"/products/{product.slug}")
        assert response.status_code == 302 and response.headers["Location"] == "/cart"


def test_a_tampered_checkout_total_places_nothing(client, engine, owner):
    user, producer, product = owner
    forms = FormClient(client)
    forms.post("/cart/add", {"product_id": str(product.id), "quantity": "1"}, form_url=f"/products/{product.slug}")
    orders = count(Order)
    for total in ["²", "٣", str(10 ** 20), "-1", "1e9"]:
        response = forms.post("/checkout", {"name": "Khách", "phone": "0912345678", "email": "khach@example.vn",
                                            "province": "ha-noi", "ward": "Phường A", "street": "1 Phố B",
                                            "payment_method": "cod", "expected_total": total})
        assert response.status_code == 400 and "Đặt hàng" in response.get_data(as_text=True), total
    assert count(Order) == orders


# --- bidirectional control characters ----------------------------------------------------------------

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
    response = FormClient(client).post(f"/studio/products/{product.id}", product_form(
        name=f"Mật ong \u202egnoh tậM{BIDI}", unit="h\u2067ũ", description="ok \u202e"))
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Product, product.id)
    assert saved.name == "Mật ong gnoh tậM" and saved.unit == "hũ" and "\u202e" not in saved.description
    response = FormClient(client).post("/studio/profile", {
        "name": "HTX \u202eMật ong", "kind": "cooperative", "province": "ha-noi", "address": "Xã \u2066A",
        "tax_code": "0101234567"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Producer, producer.id).name == "HTX Mật ong"


def test_a_share_with_a_huge_exponent_is_refused_not_an_overflow(client, engine, make_user):
    """"1e999999 %" overflowed Decimal's arithmetic (decimal.Overflow, a 500) in the plan form."""
    from marketplace.programme.models import ProgrammePlan
    sign_in(client, make_user(role="officer"))
    plans = count(ProgrammePlan)
    for value in ("1e999999", "1e99999999999", "9" * 5000, "1e6%"):
        response = FormClient(client).post("/programme/plans/new", {
            "province": "ha-noi", "start_year": "2026", "end_year": "2027", "document": "Kế hoạch 9/KH",
            "targets-0-metric": "share_subjects_cooperative", "targets-0-value": value,
            "targets-0-source": "40% chủ thể là hợp tác xã"})
        assert response.status_code == 400, value
    assert count(ProgrammePlan) == plans
