"""Every form's messages in the page's language: Vietnamese on vi pages, English on en pages.

WTForms and Flask-WTF ship no Vietnamese messages, so "Field cannot be longer than 120
characters." and "Not a valid choice." appeared on Vietnamese pages. The sweep finds every
form class of marketplace/, submits it empty (required), too long (length), with an unknown
choice, a word for a number or a date, an unknown file type, and too small numbers and too
short text (ranges), in both languages, and reads each message. It also checks that each
kind of rule a field has did fire, so that a form the sweep cannot drive fails it.
"""
import importlib
import io
import pkgutil
import re

import pytest
from flask_babel import force_locale
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from werkzeug.datastructures import FileStorage, MultiDict
from wtforms import (BooleanField, DateField, DateTimeField, DateTimeLocalField, DecimalField, FieldList,
                     FloatField, FormField, HiddenField, IntegerField, RadioField, SelectField,
                     SelectMultipleField, SubmitField)
from wtforms import Form as WTForm
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

import marketplace
from marketplace.core.forms import Form, SubForm
from tests.conftest import FormClient

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def in_vietnamese(message):
    """Vietnamese writes diacritics in nearly every sentence; English messages name only the đồng."""
    return bool(VIETNAMESE.search(message.replace("đồng", "")))
NUMBERS = (IntegerField, DecimalField, FloatField)
DATES = (DateField, DateTimeField, DateTimeLocalField)
CHOICES = (SelectField, RadioField, SelectMultipleField)


def form_classes():
    """Every form class defined in marketplace/ (every module imported, subclasses walked)."""
    for info in pkgutil.walk_packages(marketplace.__path__, "marketplace."):
        importlib.import_module(info.name)
    found, todo = set(), [FlaskForm, WTForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("marketplace.") and sub not in (Form, SubForm):
                found.add(sub)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def _has(field, *kinds):
    return [v for v in field.validators if isinstance(v, kinds)]


def _values(field, run):
    """What a careless (or hostile) user sends in this field, for one run."""
    if isinstance(field, FileField):
        if run == "empty":
            return []
        return [FileStorage(io.BytesIO(b"x"), filename="tep.exe")]
    if isinstance(field, (SubmitField, BooleanField)):
        return []
    if run == "empty":
        return [""]
    if run == "bad":
        if isinstance(field, CHOICES):
            return ["khong-co-lua-chon"]
        if isinstance(field, NUMBERS + DATES):
            return ["mười"]
        longest = max([v.max for v in _has(field, Length) if v.max and v.max > 0], default=0)
        return ["x" * (longest + 1)] if longest else ["mười"]
    # run == "small": below every minimum
    if isinstance(field, NUMBERS):
        return ["-999999999"]
    return ["x"]


def _formdata(form, run):
    data = MultiDict()
    for field in _fields(form):
        for value in _values(field, run):
            data.add(field.name, value)
    return data


def _fields(form):
    for field in form:
        if isinstance(field, FieldList):
            for entry in field.entries:
                yield from (_fields(entry.form) if isinstance(entry, FormField) else [entry])
        elif isinstance(field, FormField):
            yield from _fields(field.form)
        elif field.name != "csrf_token":
            yield field


def _messages(errors):
    if isinstance(errors, dict):
        for value in errors.values():
            yield from _messages(value)
    elif isinstance(errors, (list, tuple)):
        for value in errors:
            yield from _messages(value)
    elif errors is not None:
        yield str(errors)


def _submit(app, cls, run, lang):
    """(form, its errors as {field name: [messages]}) after validating one run in `lang`."""
    with app.test_request_context(method="POST"), force_locale(lang):
        blank = cls(meta={"csrf": False})
        form = cls(formdata=_formdata(blank, run), meta={"csrf": False})
        for field in _fields(form):
            if isinstance(field, CHOICES) and field.choices is None:  # choices a view fills in
                field.choices = [("mot", "Một")]
        form.validate()
        errors = {field.name: [str(m) for m in _messages(field.errors)] for field in _fields(form)}
        errors["_form"] = [str(m) for m in _messages(getattr(form, "form_errors", []))]
        return form, errors


def test_every_form_uses_the_project_base_class():
    assert form_classes(), "no form found"
    strays = [cls.__qualname__ for cls in form_classes() if not issubclass(cls, (Form, SubForm))]
    assert not strays, f"forms whose library messages would be English on Vietnamese pages: {strays}"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_form_message_is_in_the_page_language(app, lang):
    wrong, silent = [], []
    for cls in form_classes():
        runs = {run: _submit(app, cls, run, lang) for run in ("empty", "bad", "small")}
        for run, (form, errors) in runs.items():
            for name, messages in errors.items():
                for message in messages:
                    if in_vietnamese(message) != (lang == "vi"):
                        wrong.append(f"{cls.__name__}.{name} ({run}): {message}")
        form = runs["bad"][0]
        for field in _fields(form):
            expected = []
            if _has(field, DataRequired, InputRequired, FileRequired):
                expected.append("empty")
            if (_has(field, Length) and any(v.max and v.max > 0 for v in _has(field, Length))) or \
                    isinstance(field, NUMBERS + DATES) or _has(field, FileAllowed) or \
                    (isinstance(field, CHOICES) and not isinstance(field, HiddenField)):
                expected.append("bad")
            if _has(field, NumberRange) and any(v.min is not None for v in _has(field, NumberRange)):
                expected.append("small")
            silent += [f"{cls.__name__}.{field.name} ({run})" for run in expected
                       if not runs[run][1].get(field.name)]
    assert not wrong, f"messages not in {lang}:\n" + "\n".join(wrong)
    assert not silent, "rules that did not fire (the sweep cannot drive these fields):\n" + "\n".join(silent)


@pytest.mark.parametrize("lang, expected, unexpected", [
    ("vi", "Tối đa 120 ký tự.", "Field cannot be longer"),
    ("en", "Field cannot be longer than 120 characters.", "Tối đa"),
])
def test_a_refused_sign_up_page_speaks_the_page_language(client, lang, expected, unexpected):
    client.get(f"/?lang={lang}")
    response = FormClient(client).post("/account/register", {
        "full_name": "x" * 121, "email": "a@example.vn", "role": "consumer", "password": "mat-khau-123",
        "confirm": "mat-khau-123"})
    page = response.get_data(as_text=True)
    assert response.status_code in (200, 400) and expected in page and unexpected not in page
