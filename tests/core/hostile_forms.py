"""Forms as a browser sees them, for the hostile-input sweep: parsed from a page, then filled in
the way a careful user would (required fields, contacts, the first row of repeated rows), so that
a form posted as found is accepted and the sweep's hostile values reach the writes behind it."""
import itertools
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

from marketplace.core.timeutil import vn_today
from tests.core.hostile_world import PASSWORD, PDF_BYTES, png_bytes


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea", "button"
    value: str = ""
    checked: bool = False
    options: list = field(default_factory=list)
    accept: str = ""
    required: bool = False


@dataclass
class Form:
    action: str
    method: str
    fields: list

    def signature(self):
        return (self.method, urlsplit(self.action).path, tuple(sorted({f.name for f in self.fields})))


class FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms, self.form, self.select, self.textarea = page_url, [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = Form(a.get("action") or self.page_url, (a.get("method") or "get").lower(), [])
            self.forms.append(self.form)
        elif tag == "option" and self.select is not None:
            self.select.options.append((a.get("value") or "", "selected" in a))
        elif self.form is None or not a.get("name"):
            return
        elif tag == "input":
            self.form.fields.append(Field(a["name"], (a.get("type") or "text").lower(), a.get("value") or "",
                                          "checked" in a, accept=a.get("accept") or "", required="required" in a))
        elif tag == "button":
            self.form.fields.append(Field(a["name"], "button", a.get("value") or ""))
        elif tag == "select":
            self.select = Field(a["name"], "select", required="required" in a)
        elif tag == "textarea":
            self.textarea = Field(a["name"], "textarea")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None and self.form is not None:
            self.form.fields.append(self.select)
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            self.textarea.value = self.textarea.value.removeprefix("\r").removeprefix("\n")
            self.form.fields.append(self.textarea)
            self.textarea = None


def forms_of(html, page_url):
    parser = FormParser(page_url)
    parser.feed(html)
    return parser.forms


_unique = itertools.count(1)


def _fill(f, known):
    """A plausible value for an empty required field, so that the form as found is valid where it can be."""
    name, today = f.name.lower(), vn_today()
    if name in known:
        return known[name]
    if f.kind == "email" or "email" in name:
        return f"quet{next(_unique)}@example.vn"
    if f.kind == "tel" or "phone" in name:
        return "0912345678"
    if f.kind == "password" or name in ("password", "confirm", "current"):
        return PASSWORD
    if f.kind in ("date", "datetime-local") or name.endswith(("_on", "_by", "_from", "_at", "deadline")):
        # past for decisions, then deadline < start < end < expiry
        days = -30 if "decided" in name else 20 if "deadline" in name else 30 if name.endswith(("_from", "starts_at")) \
            else 60
        day = today + timedelta(days=days)
        return f"{day}T09:00" if f.kind == "datetime-local" or name.endswith("_at") else day.isoformat()
    if "price" in name:
        return "100000"
    if name.endswith("value"):
        return "10"
    if f.kind == "number" or name in ("quantity", "stock", "points"):
        return "60" if name == "points" else "1"
    if f.kind == "url" or name == "website":
        return "https://example.vn"
    if name == "tax_code":
        return "0101234567"
    if f.kind == "textarea":
        return "Nội dung thử nghiệm đủ dài."
    return "Thử nghiệm"


def _is_document(f):
    return "pdf" in f.accept or f.name in ("scan", "registration_doc", "document")


def _file_for(f):
    if _is_document(f):
        return PDF_BYTES, "giay.pdf"
    if "csv" in f.accept or f.name == "file":
        return b"sku,price,stock\n", "kho.csv"
    return png_bytes(), "anh.png"


def _wanted(f):
    """Whether an empty field gets a value: required ones, contacts, passwords, the first row of many."""
    return (f.required or f.kind in ("email", "password") or "phone" in f.name
            or f.name.endswith(("-0-value", "-0-source")))


def baseline(form, known=None):
    """The form's data as a browser would send it, empty required fields filled in: (pairs, files)."""
    pairs, files, radios, buttons, boxes = [], {}, set(), [], {}
    for f in form.fields:
        if f.kind in ("submit", "reset", "image") or f.name == "csrf_token":
            continue
        if f.kind == "button":
            buttons.append(f)
        elif f.kind == "file":
            if f.required or _is_document(f):  # optional pictures are left out: decoding them is slow
                files[f.name] = _file_for(f)
        elif f.kind == "checkbox":
            boxes.setdefault(f.name, []).append(f)
        elif f.kind == "radio":
            if f.name not in radios and (f.checked or not any(g.name == f.name and g.checked for g in form.fields)):
                radios.add(f.name)
                pairs.append((f.name, f.value))
        elif f.kind == "select":
            chosen = next((v for v, selected in f.options if selected), f.options[0][0] if f.options else "")
            if not chosen and (f.required or "-0-" in f.name):  # a required choice, or the first row of many
                chosen = next((v for v, _ in f.options if v), "")
            pairs.append((f.name, chosen))
        elif f.kind == "hidden" or f.value.strip() or not _wanted(f):
            pairs.append((f.name, f.value))
        else:
            pairs.append((f.name, _fill(f, known or {})))
    for name, group in boxes.items():  # the boxes as found; where none is ticked, the first
        ticked = [b for b in group if b.checked] or group[:1]
        pairs += [(b.name, b.value or "y") for b in ticked]
    button = next((b for b in buttons if b.name != "refresh"), None)
    if button is not None:
        pairs.append((button.name, button.value))
    return pairs, files
