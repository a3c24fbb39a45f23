"""The read API is what its OpenAPI document says: Schemathesis (PyPI) fuzzes every operation of
/api/v1/openapi.json against a live server on a copy of the demo catalogue.

Checks: no 5xx, every status and content type documented, every JSON body valid against its
schema, and data the schema forbids (a page of 10**20, stars=7, a year of 99999) refused with a
4xx. Bounded: a fixed number of examples per operation, derandomized, no example database.
"""
import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, negative_data_rejection,
                                               response_schema_conformance, status_code_conformance)

from tests.e2e.conftest import serve

pytestmark = pytest.mark.undated  # the API's answers against its schema: shapes, not days

EXAMPLES_PER_OPERATION = 12
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          negative_data_rejection]


@pytest.fixture(scope="module")
def api_server(tmp_path_factory, demo_template):
    base = tmp_path_factory.mktemp("openapi")
    shutil.copyfile(demo_template["path"], base / "api.sqlite3")
    with serve(base / "api.sqlite3", demo_template["media"]) as (url, _app):
        yield url


@pytest.fixture
def api_schema(api_server):
    return schemathesis.openapi.from_url(f"{api_server}/api/v1/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
          phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
def test_every_answer_matches_the_document(case):
    case.call_and_validate(checks=CHECKS)


def test_the_document_lists_every_api_route(app):
    """A new /api/v1 route without its description in marketplace/api/openapi.py fails here."""
    import re

    from marketplace.api.openapi import document
    from marketplace.programme.api import DATASETS
    templates = [re.compile("^" + re.sub(r"\\{[a-z_]+\\}", "[^/]+", re.escape(p)) + "$") for p in document()["paths"]]
    samples = {"slug": ["mat-ong"], "name": list(DATASETS), "fmt": ["csv", "json"], "code": ["MTg0.abc"]}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1") or rule.endpoint == "api.openapi":
            continue
        paths = [rule.rule]
        for name in rule.arguments:
            pattern = re.compile(rf"<(?:[^:>]+:)?{name}>|<any\([^)]*\):{name}>")
            paths = [pattern.sub(value, p) for p in paths for value in samples[name]]
        for concrete in paths:
            assert any(t.match(concrete) for t in templates), f"{concrete} ({rule.rule}) is not in the OpenAPI document"


def test_the_document_is_served_and_linked_from_the_readme(client):
    from pathlib import Path
    body = client.get("/api/v1/openapi.json").get_json()
    assert body["openapi"].startswith("3.1") and "/api/v1/products" in body["paths"]
    assert "/api/v1/openapi.json" in (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
