"""Every route of post-inspection, complaints, rosters and labels checks who asks: a sweep over
the URL map, so that a route added later without a check fails here."""
import re

from tests.registry.fixtures import sign_in

PUBLIC = {"registry.lookup", "registry.verify", "registry.qr", "registry_api.verify", "registry_api.by_number",
          "inspection.report"}
OFFICERS_ONLY = ("inspection.", "training.")
PRODUCERS_ONLY = {"registry.label"}


def _url(rule):
    values = {"cert_id": 1, "complaint_id": 1, "official_id": 1, "code": "x", "slug": "x", "fmt": "pdf"}
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: str(values[m.group(1)]), rule.rule)


def _rules(app):
    return [r for r in app.url_map.iter_rules()
            if r.endpoint.startswith(("inspection.", "training.", "registry.", "registry_api."))]


def test_every_route_is_classified(app):
    for rule in _rules(app):
        assert (rule.endpoint in PUBLIC or rule.endpoint in PRODUCERS_ONLY
                or rule.endpoint.startswith(OFFICERS_ONLY)), rule.endpoint


def test_anonymous_visitors_and_other_roles_are_refused(app, client, make_user):
    rules = [r for r in _rules(app) if r.endpoint not in PUBLIC]
    assert len(rules) >= 9
    for rule in rules:
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(_url(rule), method=method)
            assert response.status_code in (302, 400), (rule.rule, method, response.status_code)
            if response.status_code == 302:
                assert "/account/login" in response.headers["Location"]
    sign_in(client, make_user(role="consumer"))
    for rule in rules:
        if "GET" in rule.methods:
            assert client.get(_url(rule)).status_code == 403, rule.rule
