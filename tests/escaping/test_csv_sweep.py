"""CSV injection, swept: formulas in every text a user can write, every CSV the site serves.

The hostile world (tests/escaping/world.py) is filled with cells that a spreadsheet would run:
starting with =, +, -, @, a tab or a carriage return, and holding `;=cmd|…` and a line break
followed by a formula (Excel in a semicolon locale splits there, quotes or not). Every CSV
endpoint of the URL map is fetched by whoever may read it: every field must be quoted, no
field or piece after a separator may start a formula (numbers our code wrote excepted), and
each export must carry the hostile texts it is known to hold — proof that they were read.
"""
import csv
import io
import re

import pytest

from marketplace.core.spreadsheets import FORMULA_START, cell, neutralise, write_csv
from marketplace.programme.api import DATASETS
from tests.escaping.conftest import sign_in
from tests.escaping.world import fill

STARTS = ["=", "+", "-", "@", "\t=", "\r=", " =", "\uff1d"]
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def formula(n, key):
    return f"{STARTS[n % len(STARTS)]}CSV{n}C+1;=cmd|' /C calc'!A0\n@SUM(1)\t-2+3;  +1"


def _csv_urls(w):
    """Each CSV endpoint: (role, [urls], columns its files must show)."""
    event = w.event.id
    return {
        "organizer.visitors_csv": ("organizer", [f"/organizer/events/{event}/visitors.csv"],
                                   {"visitor_registrations.name", "visitor_registrations.email"}),
        "organizer.exhibitors_csv": ("organizer", [f"/organizer/events/{event}/exhibitors.csv"],
                                     {"producers.name", "booth_applications.note", "booth_applications.reason",
                                      "products.name"}),
        "programme.post_inspection_csv": ("officer", ["/programme/post-inspection.csv"],
                                          {"producers.name", "products.name", "certifications.number",
                                           "certifications.issuing_body"}),
        "studio.stock_csv": ("producer", ["/studio/stock.csv"], {"products.name"}),
        "programme_api.dataset": ("anonymous", [f"/api/v1/stats/{name}.csv?province=ha-noi" for name in DATASETS],
                                  {"programme_plans.area", "programme_plans.document", "programme_targets.source"}),
        "programme_api.plan": ("anonymous", [f"/api/v1/stats/plans/{w.plan.slug}.csv"],
                               {"programme_plans.area", "programme_targets.source"}),
    }


def csv_endpoints(app):
    return {rule.endpoint for rule in app.url_map.iter_rules() if ".csv" in rule.rule or "any(csv" in rule.rule}


def every_field_quoted(text):
    """True when each field of each record opens with a double quote (RFC 4180, quotes kept)."""
    inside, at_start = False, True
    for char in text.lstrip("\ufeff"):
        if at_start and not inside:
            if char != '"':
                return False
            at_start = False
        if char == '"':
            inside = not inside
        elif not inside and char == ",":
            at_start = True
        elif not inside and char == "\n":
            at_start = True
    return True


def risky(field):
    """Where a spreadsheet would read a formula in this field: its start, and after any ; tab or line break."""
    found = []
    if not NUMBER.fullmatch(field) and field.lstrip(" \t\r\n")[:1] in tuple(FORMULA_START):
        found.append(field[:40])
    if field[:1] in ("\t", "\r"):
        found.append(field[:40])
    for piece in re.split(r"[;\t\r\n]", field)[1:]:
        if piece.lstrip(" \t\r\n")[:1] in tuple(FORMULA_START):
            found.append(piece[:40])
    return found


def test_every_csv_export_is_quoted_and_runs_no_formula(app, world):
    filled = fill(world, formula)
    urls = _csv_urls(world)
    assert csv_endpoints(app) == set(urls), "a CSV endpoint is missing from this sweep (or left the site)"
    problems, shown = [], {}
    for endpoint, (role, paths, expected) in urls.items():
        client = app.test_client()
        if role != "anonymous":
            sign_in(client, world.users[role])
        text = ""
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200 and response.mimetype == "text/csv", path
            body = response.get_data(as_text=True)
            text += body
            if not every_field_quoted(body):
                problems.append(f"{path}: a field is not quoted")
            for row in csv.reader(io.StringIO(body.lstrip("\ufeff"))):
                problems += [f"{path}: {piece!r}" for field in row for piece in risky(field)]
        shown[endpoint] = {filled[int(n)] for n in re.findall(r"CSV(\d+)C", text)}
        missing = expected - shown[endpoint]
        assert not missing, f"{endpoint}: the hostile {sorted(missing)} never reached the file"
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize("text, expected", [
    ("=1+1", "'=1+1"), ("+84912345678", "'+84912345678"), ("-3", "'-3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\rabc", "'\rabc"), (" =1", "' =1"), ("\uff1d1", "'\uff1d1"),
    ("Bưởi;=cmd|' /C calc'!A0", "Bưởi;'=cmd|' /C calc'!A0"), ("a; -2", "a;' -2"), ("a\n=1", "a\n'=1"),
    ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"), ("Mật ong; 500 g", "Mật ong; 500 g"), ("", ""),
])
def test_text_cells_are_neutralised_where_a_formula_could_start(text, expected):
    assert neutralise(text) == expected


def test_numbers_our_code_writes_stay_numbers():
    assert [cell(v) for v in (-5, 0, 150_000, 0.375, 1.0, True, None)] == ["-5", "0", "150000", "0.375", "1", "true",
                                                                         ""]
    assert write_csv(["a", "b"], [[-5, "-5"]]) == '"a","b"\r\n"-5","\'-5"\r\n'


def test_only_core_spreadsheets_writes_csv():
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    writers = [path.relative_to(root).as_posix() for path in (root / "marketplace").rglob("*.py")
               if re.search(r"csv\.(writer|DictWriter)\b", path.read_text(encoding="utf-8"))]
    assert writers == ["marketplace/core/spreadsheets.py"]
