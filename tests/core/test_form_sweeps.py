"""Sweeps over every form of the site: phone, e-mail, name and address fields tell the browser what
they are (input type and autocomplete, WCAG 1.3.5), and a page that shows a form's errors shows them
first in an error summary with links to the fields (templates/_forms.html)."""
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
import wtforms
from wtforms.fields.core import UnboundField

import marketplace
from marketplace.core.forms import Form, SubForm, autofill_attributes, is_phone_field

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# The autocomplete tokens of the HTML standard a field of ours may use ("off": someone else's details).
ADDRESS_TOKENS = {"street-address", "address-line1", "address-line2", "address-level1", "address-level2",
                  "address-level3", "postal-code", "country-name", "off"}


def _form_classes():
    for module in pkgutil.walk_packages(marketplace.__path__, "marketplace."):
        if module.name.endswith(("forms", "organizer")) or ".forms." in module.name:
            importlib.import_module(module.name)
    seen, todo = set(), [Form, SubForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return sorted(seen, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _fields(form_class):
    """The fields of a form class, bound to nothing: enough to read their type, label and attributes."""
    for name in dir(form_class):
        unbound = getattr(form_class, name, None)
        if isinstance(unbound, UnboundField):
            yield unbound.bind(form=None, name=name, _meta=Form.Meta())


def test_every_form_class_is_found():
    names = {c.__name__ for c in _form_classes()}
    assert {"CheckoutForm", "RegisterForm", "VisitorForm", "ProducerProfileForm", "BuyerForm"} <= names


def test_personal_fields_say_what_they_are(app):
    problems = []
    for form_class, field in ((c, f) for c in _form_classes() for f in _fields(c)):
        attrs = autofill_attributes(field)
        label = str(field.label.text).lower()
        where = f"{form_class.__name__}.{field.name}"
        if is_phone_field(field) and (attrs.get("type"), attrs.get("autocomplete")) != ("tel", "tel"):
            problems.append(f"{where}: a phone field needs type=tel autocomplete=tel, has {attrs}")
        if isinstance(field, wtforms.EmailField) or field.name == "email":
            if attrs.get("type") != "email" or attrs.get("autocomplete") not in ("email", "username", "off"):
                problems.append(f"{where}: an e-mail field needs type=email and autocomplete email, has {attrs}")
        if re.search(r"\bhọ (và )?tên\b", label) and attrs.get("autocomplete") not in ("name", "off"):
            problems.append(f"{where}: a person's name needs autocomplete=name (or off), has {attrs}")
        if (label.startswith(("địa chỉ", "số nhà", "phường")) and "web" not in label
                and attrs.get("autocomplete") not in ADDRESS_TOKENS):
            problems.append(f"{where}: an address needs an address autocomplete (or off), has {attrs}")
        if isinstance(field, wtforms.PasswordField) and attrs.get("autocomplete") not in (
                "new-password", "current-password", "one-time-code"):
            problems.append(f"{where}: a password needs autocomplete new-password or current-password")
    assert problems == []


def test_the_rendered_pages_carry_the_attributes(app, client, forms, shop_product):
    """What the browser gets, on the pages with the most personal details."""
    forms.post("/cart/add", {"product_id": shop_product.id, "quantity": 1}, form_url=f"/products/{shop_product.slug}")
    pages = {url: client.get(url).get_data(as_text=True)
             for url in ("/account/register", "/account/login", "/account/password/reset")}
    checkout = client.get("/checkout")
    pages["/checkout"] = checkout.get_data(as_text=True)
    inputs = {url: re.findall(r"<(?:input|select)\b[^>]*>", html) for url, html in pages.items()}
    found = {url: {re.search(r'name="([^"]+)"', tag).group(1): tag for tag in tags if 'name="' in tag}
             for url, tags in inputs.items()}
    assert 'type="tel"' in found["/account/register"]["phone"] and 'autocomplete="tel"' in found["/account/register"]["phone"]
    assert 'autocomplete="name"' in found["/account/register"]["full_name"]
    assert 'autocomplete="new-password"' in found["/account/register"]["password"]
    assert 'autocomplete="username"' in found["/account/login"]["email"]
    assert 'autocomplete="current-password"' in found["/account/login"]["password"]
    checkout_fields = found["/checkout"]
    assert checkout.status_code == 200, pages["/checkout"][:300]
    for name, token in (("name", "name"), ("phone", "tel"), ("email", "email"), ("province", "address-level1"),
                        ("ward", "address-level2"), ("street", "address-line1")):
        assert f'autocomplete="{token}"' in checkout_fields[name], (name, checkout_fields[name])
    assert 'type="tel"' in checkout_fields["phone"] and 'type="email"' in checkout_fields["email"]


@pytest.fixture
def shop_product(make_product):
    return make_product(name="Chè Shan tuyết", stock=5)


# --- error summaries ------------------------------------------------------------------------------

FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S | re.I)
# Forms whose errors never come back on the same page (the view flashes them and redirects), so a
# summary there would never show.
FLASHED = {
    "orders/studio_shipment.html": "ship and cancel: errors are flashed after the redirect",
    "orders/studio_booking.html": "decline and cancel: errors are flashed after the redirect",
}


def _pages_with_field_forms():
    for path in sorted(TEMPLATES.rglob("*.html")):
        rel = str(path.relative_to(TEMPLATES))
        text = path.read_text(encoding="utf-8")
        if path.name.startswith("_") or "{% extends" not in text:
            continue
        for block in FORM.findall(text):
            if not re.search(r'method="post"', block[:300], re.I):
                continue
            names = re.findall(r"field\((\w+)\.", block)
            if not names and re.search(r'include "[\w/]*_fields\.html"', block):
                names = ["form"]
            if names:
                yield rel, names[0], text


def test_every_page_that_renders_form_fields_has_an_error_summary():
    missing = sorted({f"{rel} → error_summary({var})" for rel, var, text in _pages_with_field_forms()
                      if f"error_summary({var})" not in text and rel not in FLASHED})
    assert missing == [], "a page shows form errors without {{ error_summary(form) }} before the form"


def test_the_list_of_pages_without_a_summary_is_not_stale():
    assert set(FLASHED) <= {rel for rel, _var, _text in _pages_with_field_forms()}


@pytest.mark.parametrize("url, data, first", [
    ("/account/register", {"full_name": "", "email": "khong-phai-email", "password": "ngan"}, "full_name"),
    ("/account/login", {"email": "", "password": ""}, "email"),
])
def test_a_refused_form_starts_with_a_summary_linking_to_each_field(client, forms, url, data, first):
    response = forms.post(url, data)
    html = response.get_data(as_text=True)
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert summary, html[:500]
    assert 'role="alert"' in summary.group(0) and 'tabindex="-1"' in summary.group(0)
    links = re.findall(r'href="#([\w-]+)"', summary.group(1))
    assert links and links[0] == first
    for target in links:
        assert f'id="{target}"' in html  # every link leads to a field on the page
    assert html.index("error-summary") < html.index("<form method=\"post\" novalidate")
    assert re.search(r"/static/js/forms\.[0-9a-f]{12}\.js", html)  # moves the focus where browsers ignore autofocus
