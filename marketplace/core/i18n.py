"""Lazily translated text that is never HTML: the project's only `lazy_gettext`.

Flask-Babel's `LazyString` defines `__html__` as the raw string, so Jinja (and
`markupsafe.escape`, `Markup.format`, `Markup % ...`) takes every lazily translated
message for safe markup. A message that interpolates a user's words, such as
`lazy_gettext("Chỉ còn %(n)s %(unit)s", unit=product.unit)`, would then render that
unit as HTML on every buyer's cart page: stored XSS.

`LazyText` is a `LazyString` whose `__html__` escapes: a lazy message is plain text
wherever it lands, exactly like the `str` that `gettext` returns. Our messages hold no
markup (a template that wants a link writes the link itself), so nothing is lost.

Why a module of our own rather than patching `flask_babel.speaklater.LazyString` at
app creation: a patch of a third-party class is invisible at the import site, applies
only once `create_app` ran (scripts, workers and tests importing a module directly
would not get it) and silently stops working if the library renames the class. Here the
safe type is explicit, and `tests/core/test_escaping_source.py` forbids importing
Flask-Babel's lazy functions anywhere else, so the unsafe kind cannot come back.
"""
from flask_babel import gettext, ngettext
from flask_babel.speaklater import LazyString
from markupsafe import escape


class LazyText(LazyString):
    """A lazily translated message; plain text, escaped when it meets HTML."""

    def __html__(self):
        return escape(str(self))


def lazy_gettext(string, **variables):
    """`gettext` evaluated when used (module constants, form labels), never safe HTML."""
    return LazyText(gettext, string, **variables)


def lazy_ngettext(singular, plural, num, **variables):
    """`ngettext` evaluated when used, never safe HTML."""
    return LazyText(ngettext, singular, plural, num, **variables)
