"""Escaping by construction: lazy messages are text, and the source keeps it that way.

Flask-Babel's own lazy strings call themselves safe HTML (`__html__` returns the raw
string), so a lazily formatted message that interpolated a user's words rendered them as
markup. The project's `marketplace.core.i18n.lazy_gettext` escapes instead; these tests
prove it in every way a message reaches HTML, and read the source so that nobody imports
the unsafe kind again, wraps arbitrary text in `Markup`, or marks text `|safe` in a template.
The pages themselves are swept with hostile records in tests/core/test_xss_sweep.py.
"""
import ast
import re
from pathlib import Path

from flask import render_template_string
from markupsafe import Markup, escape
from wtforms.fields import Label

from marketplace.core.i18n import lazy_gettext

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"

# Modules allowed to build Markup from something other than a literal, and why it is safe there.
MARKUP_BUILDERS = {
    "marketplace/core/charts.py": "SVG built from numbers; every label and title passes through escape()",
    "marketplace/programme/charts.py": "SVG built from numbers; every label passes through escape()",
    "marketplace/core/markdown.py": "the output of nh3 (Ammonia), which keeps only a few harmless tags",
    "marketplace/search/highlight.py": "escape() of every piece of text; only its own <mark> tags are literal",
}
# Templates allowed to print a value with |safe, and why.
SAFE_FILTER = {
    "templates/orders/order.html": "transfer.svg: the VietQR SVG drawn by qrcode from our own payload",
}
LAZY_NAMES = {"lazy_gettext", "lazy_ngettext", "lazy_pgettext", "lazy_npgettext", "LazyString"}


def python_sources():
    return sorted((ROOT / "marketplace").rglob("*.py"))


def relative(path):
    return path.relative_to(ROOT).as_posix()


def test_a_lazy_message_interpolating_user_text_renders_escaped(app):
    message = lazy_gettext("Chỉ còn %(n)s %(unit)s; hãy giảm số lượng.", n=2, unit=HOSTILE)
    with app.test_request_context():
        page = render_template_string("<p>{{ message }}</p><p>{{ _('Lý do: %(why)s', why=message) }}</p>",
                                      message=message)
    assert "<script>" not in page and "<img" not in page
    assert page.count(ESCAPED) == 2


def test_a_lazy_message_is_escaped_by_every_markup_helper(app):
    message = lazy_gettext("Tìm “%(q)s”", q=HOSTILE)
    with app.test_request_context():
        for html in (escape(message), Markup("<p>{}</p>").format(message), Markup("<p>%s</p>") % message,
                     Markup("<p>%(m)s</p>") % {"m": message}, Label("q", message)()):
            assert "<script>" not in html and "<img" not in html, html
            assert ESCAPED in html


def test_a_lazy_message_stays_plain_text_outside_html(app):
    """E-mails, CSV cells and JSON take str(): the user's words exactly as typed."""
    with app.test_request_context():
        assert str(lazy_gettext("Tìm “%(q)s”", q=HOSTILE)) == f"Tìm “{HOSTILE}”"


def test_no_module_uses_flask_babels_lazy_strings():
    offenders = []
    for path in python_sources():
        if relative(path) == "marketplace/core/i18n.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("flask_babel"):
                offenders += [f"{relative(path)}:{node.lineno} imports {alias.name}"
                              for alias in node.names if alias.name in LAZY_NAMES or alias.name == "*"]
            elif isinstance(node, ast.Attribute) and node.attr in LAZY_NAMES:
                offenders.append(f"{relative(path)}:{node.lineno} uses .{node.attr}")
    assert not offenders, ("use marketplace.core.i18n.lazy_gettext, whose messages are never safe HTML:\n"
                           + "\n".join(offenders))


def test_markup_is_built_only_from_literals_outside_the_few_builders():
    offenders = []
    for path in python_sources():
        if relative(path) in MARKUP_BUILDERS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name == "Markup" and not all(isinstance(arg, ast.Constant) for arg in node.args):
                offenders.append(f"{relative(path)}:{node.lineno}")
    assert not offenders, "Markup() over a value that may hold user text:\n" + "\n".join(offenders)


def test_templates_mark_nothing_safe_but_the_listed_values():
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"autoescape\s+false", text):
            offenders.append(f"{relative(path)}: autoescape false")
        if re.search(r"\|\s*safe\b|filter\s+safe", text) and relative(path) not in SAFE_FILTER:
            offenders.append(f"{relative(path)}: |safe")
    assert not offenders, "\n".join(offenders)


def test_an_excerpt_is_plain_text_escaped_once_where_it_lands(app):
    from marketplace.core.markdown import plain_excerpt
    text = 'Bưởi & cam "ngọt", 5 > 3 <img src=x onerror=alert(1)> **đậm**'
    assert plain_excerpt(text) == 'Bưởi & cam "ngọt", 5 > 3 đậm'
    with app.test_request_context():
        page = render_template_string('<meta name="description" content="{{ text|excerpt }}">', text=text)
    assert page == '<meta name="description" content="Bưởi &amp; cam &#34;ngọt&#34;, 5 &gt; 3 đậm">'
