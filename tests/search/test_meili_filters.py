"""Meilisearch filters and settings, built by code: every value quoted and escaped,
only the spec's attributes accepted (no server needed)."""
import pytest

from marketplace.search.base import AnyOf, Eq, Range
from marketplace.search.specs import PRODUCTS
from marketplace.search.meili import clause_expression, filter_expression, index_settings, quote

ALLOWED = PRODUCTS.filterable
HOSTILE = [
    '" OR kind = "enterprise',
    'cooperative" OR 1 = 1 OR kind = "',
    "\\",
    '\\"',
    "a\\\" OR id EXISTS",
    "') OR ('1'='1",
    "x\nOR price > 0",
    "TO 5",
    "NOT",
    "đặc sản \u202e",
    "' OR ''='",
]


def _unquote(literal):
    """Read back a double-quoted literal the way Meilisearch's filter parser does."""
    assert literal[0] == '"' and literal[-1] == '"'
    out, i, body = [], 0, literal[1:-1]
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 1
            out.append(body[i])
        else:
            assert ch != '"', f"unescaped quote inside {literal!r}"
            out.append(ch)
        i += 1
    return "".join(out)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_stay_inside_one_quoted_string(value):
    literal = quote(value)
    assert _unquote(literal) == value
    expression = clause_expression(Eq("kind", value), ALLOWED)
    assert expression == f"kind = {literal}"
    # Nothing outside the literal: the expression is exactly attribute, operator, one string.
    assert expression[len("kind = "):] == literal


def test_any_of_quotes_each_value():
    expression = clause_expression(AnyOf("kind", ('a", "b', "c")), ALLOWED)
    assert expression == 'kind IN ["a\\", \\"b", "c"]'


def test_ranges_take_integers_only_and_are_quoted():
    assert clause_expression(Range("price", gte=100, lte="200"), ALLOWED) == 'price >= "100" AND price <= "200"'
    with pytest.raises(ValueError):
        clause_expression(Range("price", gte="1 OR 1=1"), ALLOWED)


def test_only_known_attributes_are_accepted():
    for name in ("kind OR 1", "description", "unknown", "Kind", ""):
        with pytest.raises(ValueError):
            clause_expression(Eq(name, "x"), ALLOWED)


def test_nul_and_non_scalar_values_are_refused():
    with pytest.raises(ValueError):
        quote("a\x00b")
    with pytest.raises(ValueError):
        quote(None)


def test_filter_expression_joins_clauses_in_parentheses():
    expression = filter_expression([Eq("province_id", 3), Range("stars4_until", gte=20261122), Range("price")],
                                   ALLOWED)
    assert expression == '(province_id = "3") AND (stars4_until >= "20261122")'
    assert filter_expression([], ALLOWED) is None


def test_settings_are_applied_by_code():
    settings = index_settings(PRODUCTS)
    assert settings["searchableAttributes"] == ["name", "context", "description", "area"]
    assert settings["rankingRules"][:2] == ["words", "sort"] and settings["rankingRules"][-1] == "stars:desc"
    assert settings["typoTolerance"]["minWordSizeForTypos"] == {"oneTypo": 4, "twoTypos": 9}
    assert settings["typoTolerance"]["disableOnAttributes"] == ["description", "area"]
    assert "cafe" in settings["synonyms"]["ca phe"] and "ca phe" in settings["synonyms"]["cafe"]
    assert "mua" in settings["stopWords"]
    assert set(settings["filterableAttributes"]) >= {"province_id", "stars4_until", "price", "kind"}
    assert set(settings["sortableAttributes"]) == {"price", "stars", "created_at", "name_sort"}
