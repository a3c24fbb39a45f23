"""Hostile input stops at the edge, once, before any view reads it.

A review found the same few shapes of bad input reaching 500 pages all over the
site: a NUL byte (PostgreSQL text cannot hold one), ids and page numbers beyond the
database's integer range, digits that are not ASCII ("²" passes `str.isdigit()` and
then fails `int()`; "٣" is silently 3), a newline in `next=` breaking the redirect,
non-ASCII text in `secrets.compare_digest`. Each view used to defend itself, and
most did not. Here is the one place for each:

- `reject_control_characters` (a before-request hook): a control character in the
  path, a query parameter or a form field is a 400 page in the user's language.
  Form values keep tab, CR and LF (text areas have lines); URLs keep only tab. A
  query string beyond 4 KB is a 400 as well (it would be echoed in every link).
- `IdConverter` replaces Werkzeug's `int` converter: ASCII digits within the
  database's INTEGER range, so `/admin/producers/2147483648` is a 404.
- `parse_int`, `int_arg`, `page_arg`: whole numbers typed in ASCII digits, within bounds.
- `safe_next`: where `next=` may send the browser (a path on this site, nothing else).
- `same_secret`: constant-time comparison of secrets that any text may be given to.
- `remove_bidi` and the flush listener: bidirectional control characters (which can
  make "gnoh tậM" read as "Mật ong" or reverse a price) never reach a stored text.

Forms use the bounded fields of `core.forms` (IntegerField, IdField).
"""
import hmac
import re
from urllib.parse import urlsplit

from flask import request
from sqlalchemy import String, event, inspect
from werkzeug.routing import IntegerConverter

from marketplace.core.i18n import lazy_gettext as _l

# The range of the INTEGER columns every id and most counts live in (PostgreSQL's int4;
# SQLite stores up to 2**63 - 1, and a larger Python int cannot even be bound).
DB_INT_MAX = 2 ** 31 - 1
# BIGINT columns (money, matching quantities).
DB_BIGINT_MAX = 2 ** 63 - 1
MAX_PAGE = 10_000
# Longer query strings are refused (a reverse proxy refuses them too: nginx's default
# limit for a request line is 8 KB). Nothing the site links to comes near it.
MAX_QUERY_STRING = 4096

# C0 controls and DEL. URLs may keep a tab (pasted text); form values keep tab, CR and LF.
_CONTROL_IN_URL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_FORM = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Right-to-left and left-to-right embeddings, overrides and isolates, their terminators,
# the LRM/RLM marks and the Arabic letter mark.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_INTEGER = re.compile(r"[+-]?[0-9]{1,19}")

TOO_LONG_MESSAGE = _l("Địa chỉ trang quá dài. Vui lòng rút ngắn từ khóa hoặc bỏ bớt bộ lọc rồi thử lại.")
CONTROL_MESSAGE = _l("Yêu cầu có ký tự điều khiển không hợp lệ (chẳng hạn ký tự NUL) trong địa chỉ hoặc nội dung "
                     "đã nhập. Vui lòng kiểm tra lại rồi thử lần nữa.")


# --- numbers ----------------------------------------------------------------------------

def parse_int(text, minimum=0, maximum=DB_INT_MAX):
    """The whole number `text` spells in ASCII digits (an optional sign), within bounds; else None.

    `int()` alone accepts "٣" and "1_000", refuses "²" that `isdigit()` accepts, and has
    no bound: a page number of 10**20 reaches the database as an OFFSET it cannot hold.
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        value = text
    else:
        text = str(text or "").strip()
        if not _INTEGER.fullmatch(text):
            return None
        value = int(text)
    return value if minimum <= value <= maximum else None


def int_arg(name, default=None, minimum=0, maximum=DB_INT_MAX):
    """A whole-number query parameter of this request; `default` when missing or unusable."""
    value = parse_int(request.args.get(name), minimum, maximum)
    return default if value is None else value


def page_arg(name="page", maximum=MAX_PAGE):
    """The page number asked for: 1 to `maximum`, and 1 for anything else."""
    return int_arg(name, 1, 1, maximum)


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: ASCII digits within the INTEGER range, anything else is a 404."""

    regex = r"[0-9]{1,10}"

    def __init__(self, map, fixed_digits=0, min=0, max=DB_INT_MAX, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


# --- redirects and secrets ----------------------------------------------------------------

def safe_next(target, default):
    """`target` when it is a path on this site (`/orders?x=1`), otherwise `default`.

    Refused: other hosts (`//evil.example`, `https://…`, `/\\evil.example`, which
    browsers read as `//`), schemes (`javascript:`), and control characters or
    spaces, which would break the Location header or hide a host behind them.
    """
    if not isinstance(target, str) or not target.startswith("/") or len(target) > 2000:
        return default
    if "\\" in target or _CONTROL_IN_PATH.search(target) or any(ch.isspace() for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        return default
    return target


def same_secret(given, expected):
    """Whether `given` equals the secret `expected`, in constant time, whatever text `given` is.

    `secrets.compare_digest` raises TypeError on non-ASCII str; bytes compare any text.
    """
    if given is None or expected is None:
        return False
    return hmac.compare_digest(str(given).encode("utf-8", "surrogatepass"),
                               str(expected).encode("utf-8", "surrogatepass"))


# --- text ---------------------------------------------------------------------------------

def remove_bidi(text):
    """`text` without bidirectional control characters (other types pass through)."""
    if type(text) is not str:  # noqa: E721 (a str Enum member is left alone)
        return text
    return _BIDI.sub("", text)


def _clean_text_columns(session, flush_context, instances):
    """Before every flush: no stored text keeps a bidirectional control character.

    Only loaded, changed values are looked at (`state.dict`), so nothing is loaded
    and an unchanged row is not written.
    """
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        for key in _text_keys(state.mapper):
            value = state.dict.get(key)
            if type(value) is str and _BIDI.search(value):  # noqa: E721
                setattr(obj, key, remove_bidi(value))


_TEXT_KEYS = {}


def _text_keys(mapper):
    keys = _TEXT_KEYS.get(mapper)
    if keys is None:
        keys = _TEXT_KEYS[mapper] = tuple(
            prop.key for prop in mapper.column_attrs
            if len(prop.columns) == 1 and isinstance(getattr(prop.columns[0], "type", None), String))
    return keys


# --- the edge -----------------------------------------------------------------------------

def _has_control(multidict, pattern):
    for key, values in multidict.lists():
        if pattern.search(key) or any(isinstance(v, str) and pattern.search(v) for v in values):
            return True
    return False


def reject_control_characters():
    """A before-request hook: control characters in the path, query or form, or a query string
    beyond MAX_QUERY_STRING bytes, are a 400 page."""
    from marketplace.core.errorpages import render_error

    if len(request.query_string) > MAX_QUERY_STRING:
        return render_error(400, str(TOO_LONG_MESSAGE))
    hostile = (_CONTROL_IN_PATH.search(request.path) or _has_control(request.args, _CONTROL_IN_URL))
    if not hostile and request.method in ("POST", "PUT", "PATCH", "DELETE"):
        hostile = (_has_control(request.form, _CONTROL_IN_FORM)
                   or any(_CONTROL_IN_PATH.search(f.filename or "") for _, f in request.files.items(multi=True)))
    if hostile:
        return render_error(400, str(CONTROL_MESSAGE))
    return None


def init_app(app):
    """Install the edge: call before any blueprint is registered (the converter binds at registration)."""
    from marketplace.extensions import db

    app.url_map.converters["int"] = IdConverter
    app.before_request(reject_control_characters)
    session_class = db.session.session_factory.class_
    if not event.contains(session_class, "before_flush", _clean_text_columns):
        event.listen(session_class, "before_flush", _clean_text_columns)
