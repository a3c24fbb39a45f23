"""Static files: content-hashed names cached for a year, gzip for text, the old hash gone.

A phone fetches the style sheets, scripts and fonts once per release: the name changes
with the bytes, so a long cache never shows a stale file.
"""
import gzip
import hashlib
import re
from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "static"


def _linked(html, pattern):
    found = re.findall(pattern, html)
    assert found, pattern
    return found


def test_pages_link_static_files_by_content_hash_and_they_are_cached_for_a_year(client):
    html = client.get("/").get_data(as_text=True)
    links = _linked(html, r'(?:href|src)="(/static/[^"]+)"')
    for link in links:
        match = re.fullmatch(r"/static/(.+)\.([0-9a-f]{12})(\.\w+)", link)
        assert match, f"{link} has no content hash in its name"
        plain = match[1] + match[3]
        assert hashlib.sha256((STATIC / plain).read_bytes()).hexdigest()[:12] == match[2]
        response = client.get(link)
        assert response.status_code == 200
        assert response.cache_control.max_age == 365 * 24 * 3600 and response.cache_control.immutable
        assert response.cache_control.public


def test_text_files_go_out_compressed_to_browsers_that_accept_it(client):
    html = client.get("/").get_data(as_text=True)
    css = _linked(html, r'href="(/static/css/site\.[0-9a-f]{12}\.css)"')[0]
    plain = (STATIC / "css/site.css").read_bytes()
    compressed = client.get(css, headers={"Accept-Encoding": "gzip, br"})
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert compressed.mimetype == "text/css" and "Accept-Encoding" in compressed.headers["Vary"]
    assert gzip.decompress(compressed.data) == plain and len(compressed.data) < len(plain) / 2
    again = client.get(css, headers={"Accept-Encoding": "gzip", "If-None-Match": compressed.headers["ETag"]})
    assert again.status_code == 304
    identity = client.get(css)
    assert "Content-Encoding" not in identity.headers and identity.data == plain


def test_an_old_hash_is_not_served_and_the_plain_name_has_a_short_cache(client):
    assert client.get("/static/css/site.0123456789ab.css").status_code == 404
    plain = client.get("/static/css/site.css")
    assert plain.status_code == 200 and plain.cache_control.max_age == 3600 and not plain.cache_control.immutable
    assert client.get("/static/../config.py").status_code == 404
    assert client.get("/static/css/nothing.0123456789ab.css").status_code == 404
