"""What the simulated visitors of a load run do (Locust; bench/load_bench.py runs it headless).

Two kinds of visitor, three anonymous ones for each buyer, each waiting 1 to 3 s between
steps as a person reading a page does:

- Visitor (anonymous): the home page, the catalogue (first pages, filters and sorts, a
  province, a group), searches with short generic words and with words from product names,
  product pages, the events, the programme, the read API;
- Buyer: signs in with an account made before the run (bench/load_data.py) and buys
  something straight away; then looks at products and searches, adds to the cart from a
  product page (the page's form: CSRF and submission tokens), checks out with cash on
  delivery (the checkout page, the shipping fee for a province as the page's script asks
  it, the order placed), and now and then signs out and in again.

Every answer is checked for what a person would see, not only its status: a product added
says so, an order placed lands on the order's page, a sign-in leaves the sign-in page.
Anything else counts as a failure in the report.

Each visitor plays its own client behind the reverse proxy (deploy/nginx): it sends
X-Forwarded-Proto: https and X-Forwarded-For with an address of its own, as nginx does for
each real client; the site runs with TRUSTED_PROXIES=1, so its rate limits count per
visitor, at their production values. Forms go with the page they came from as Referer, as
a browser sends it (over HTTPS, Flask-WTF refuses a form without one from this site). The
plan (LOAD_PLAN, a JSON file) lists the buyers, the products and the words.
"""
import html
import http.cookiejar
import itertools
import json
import os
import random
import re

from locust import FastHttpUser, between, task

PLAN = json.load(open(os.environ["LOAD_PLAN"], encoding="utf-8"))
_addresses = itertools.count(1)
_buyers = itertools.count(0)
_INPUT = re.compile(r"<input\b[^>]*>")
_VALUE = re.compile(r'\bvalue="([^"]*)"')


def hidden(page, name):
    """The value of the first <input name=`name`> of a page, or None."""
    for tag in _INPUT.findall(page):
        if f'name="{name}"' in tag:
            found = _VALUE.search(tag)
            return html.unescape(found.group(1)) if found else ""
    return None


class BehindTheProxy(http.cookiejar.DefaultCookiePolicy):
    """The site's cookies are Secure (HTTPS only); the connection to the proxy is HTTPS, the
    proxy's to gunicorn plain HTTP on loopback: the visitor sends them as its browser would."""

    def return_ok_secure(self, cookie, request):
        return True


class Client(FastHttpUser):
    """A browser behind the reverse proxy: its own address, HTTPS as the proxy saw it."""

    abstract = True
    wait_time = between(1, 3)

    def __init__(self, environment):
        n = next(_addresses)
        self.default_headers = {"X-Forwarded-Proto": "https", "Accept-Language": "vi",
                                "X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}
        super().__init__(environment)
        self.client.cookiejar.set_policy(BehindTheProxy())
        self.rng = random.Random(n)

    def page(self, path, name, expect=200):
        with self.client.get(path, name=name, catch_response=True) as answer:
            if answer.status_code != expect:
                answer.failure(f"{answer.status_code} for {path}")
            return answer.text or ""

    def send(self, path, name, data, came_from):
        """POST a form as a browser does: with the page it came from as Referer (the CSRF check
        over HTTPS wants one of this site, Flask-WTF's strict SSL check)."""
        origin = "https://" + self.host.split("://", 1)[1].rstrip("/")
        return self.client.post(path, name=name, data=data, catch_response=True,
                                headers={"Referer": origin + came_from})

    def product(self):
        return self.rng.choice(PLAN["products"])

    def browse(self):
        choice = self.rng.random()
        if choice < 0.4:
            self.page(f"/products?page={self.rng.randint(1, 5)}", "catalogue")
        elif choice < 0.7:
            province = self.rng.choice(PLAN["provinces"])
            stars = self.rng.choice(["", "&stars=3", "&stars=4"])
            sort = self.rng.choice(["", "&sort=price_asc", "&sort=stars"])
            self.page(f"/products?province={province}{stars}{sort}", "catalogue, filters")
        elif choice < 0.85:
            self.page(f"/provinces/{self.rng.choice(PLAN['provinces'])}", "province page")
        else:
            self.page(f"/categories/{self.rng.choice(PLAN['categories'])}", "category page")

    def search(self):
        self.page("/products?q=" + self.rng.choice(PLAN["words"]), "search")


class Visitor(Client):
    weight = 3

    @task(2)
    def home(self):
        self.page("/", "home")

    @task(4)
    def catalogue(self):
        self.browse()

    @task(3)
    def search(self):
        super().search()

    @task(5)
    def product_page(self):
        self.page(f"/products/{self.product()}", "product page")

    @task(1)
    def events(self):
        self.page(self.rng.choice(["/events", "/programme/"]), "events, programme")

    @task(1)
    def api(self):
        self.page("/api/v1/products?q=" + self.rng.choice(PLAN["words"]), "API search")


class Buyer(Client):
    weight = 1

    def on_start(self):
        self.email = PLAN["buyers"][next(_buyers) % len(PLAN["buyers"])]
        self.in_cart = 0
        self.sign_in()
        self.checkout()  # a buyer comes to buy: every one places an order at least once

    def sign_in(self):
        form = self.page("/account/login", "sign in: form")
        with self.send("/account/login", "sign in", {"csrf_token": hidden(form, "csrf_token"), "email": self.email,
                                                     "password": PLAN["password"]}, "/account/login") as answer:
            if answer.status_code != 200 or "/account/login" in answer.url:
                answer.failure(f"sign-in refused ({answer.status_code})")

    @task(1)
    def sign_out_and_in(self):
        page = self.page("/cart", "cart")
        with self.send("/account/logout", "sign out", {"csrf_token": hidden(page, "csrf_token")}, "/cart") as answer:
            if answer.status_code != 200 or 'action="/account/logout"' in (answer.text or ""):
                answer.failure(f"sign-out refused ({answer.status_code})")
        self.in_cart = 0
        self.sign_in()

    @task(4)
    def look(self):
        if self.rng.random() < 0.5:
            self.search()
        else:
            self.browse()
        self.page(f"/products/{self.product()}", "product page (signed in)")

    @task(3)
    def add_to_cart(self):
        item = self.rng.choice(PLAN["buy"])
        page = self.page(f"/products/{item['slug']}", "product page (signed in)")
        data = {"csrf_token": hidden(page, "csrf_token"), "submission": hidden(page, "submission"),
                "product_id": str(item["id"]), "quantity": str(self.rng.randint(1, 2)),
                "next": f"/products/{item['slug']}"}
        with self.send("/cart/add", "add to cart", data, f"/products/{item['slug']}") as answer:
            if answer.status_code != 200 or "Đã thêm" not in (answer.text or ""):
                answer.failure(f"not added ({answer.status_code})")
            else:
                self.in_cart += 1

    @task(1)
    def checkout(self):
        if not self.in_cart:
            self.add_to_cart()
        page = self.page("/checkout", "checkout: form")
        province = self.rng.choice(PLAN["provinces"])
        with self.client.get(f"/checkout/fees?province={province}", name="checkout: shipping fee",
                             catch_response=True) as answer:
            fees = answer.json() if answer.status_code == 200 else {}
            if not fees.get("expected_total"):
                answer.failure(f"no total ({answer.status_code})")
                return
        data = {"csrf_token": hidden(page, "csrf_token"), "submission": hidden(page, "submission"),
                "name": "Người mua thử", "phone": "0912345678", "email": self.email, "province": province,
                "ward": "Phường Một", "street": "Số 1 đường Thử", "note": "", "payment_method": "cod",
                "expected_total": fees["expected_total"]}
        with self.send("/checkout", "checkout: place order (COD)", data, "/checkout") as answer:
            if answer.status_code != 200 or "/orders/" not in answer.url:
                answer.failure(f"no order ({answer.status_code})")
            else:
                self.in_cart = 0
