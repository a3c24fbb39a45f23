"""Send one filled-in form twice, as a double tap, a reload or the back button would, and check
that one record was created and that the repeat leads to it (core/submissions.py)."""
import io

REPEAT_NOTE = "Biểu mẫu này đã được gửi trước đó"


def filled(forms, url, data, form_url=None):
    """The form on `form_url` posting to `url` as the browser would send it: its hidden fields
    (CSRF token, one-time submission token...) and `data`."""
    fields = {**forms.hidden(form_url or url, url), **data}
    assert any(name.split("-")[-1] == "submission" and value for name, value in fields.items()), \
        f"the form posting to {url} carries no submission token"
    return fields


def post(client, url, fields, files=None):
    payload = dict(fields)
    for name, (content, filename) in (files or {}).items():
        payload[name] = (io.BytesIO(content), filename)
    return client.post(url, data=payload, content_type="multipart/form-data" if files else None)


def assert_created_once(forms, url, data, count, form_url=None, files=None, note=True):
    """Post the same form twice; exactly one record more (`count()`), both answers lead to it,
    the second with a note saying so (`note=False` where the page itself answers a repeat)."""
    client = forms.client
    fields = filled(forms, url, data, form_url)
    before = count()
    first = post(client, url, fields, files)
    assert first.status_code == 302, _problems(first)
    second = post(client, url, fields, files)
    assert second.status_code == 302, _problems(second)
    assert second.headers["Location"] == first.headers["Location"]
    assert count() == before + 1
    page = client.get(second.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert not note or REPEAT_NOTE in page
    return first, second


def assert_refused_without_token(forms, url, data, count, form_url=None, files=None):
    """The same form without its token (a page from before tokens): nothing is created, the user is told."""
    fields = {k: v for k, v in filled(forms, url, data, form_url).items() if k.split("-")[-1] != "submission"}
    before = count()
    response = post(forms.client, url, fields, files)
    assert response.status_code in (200, 302, 400)
    text = forms.client.get(response.headers["Location"]).get_data(as_text=True) \
        if response.status_code == 302 else response.get_data(as_text=True)
    assert "thiếu mã gửi" in text
    assert count() == before


def _problems(response):
    """What a refused form says (its error and flash messages), for the assertion's message."""
    import re
    text = response.get_data(as_text=True)
    found = re.findall(r'class="(?:field-error|flash[^"]*)"[^>]*>(.*?)<', text, re.S)
    return f"{response.status_code}: {found or text[:500]}"
