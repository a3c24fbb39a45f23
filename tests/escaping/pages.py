"""Reading pages as a browser would (stdlib html.parser), and walking a site's links.

`scan(html)` reports markup that did not come from our templates: an element attribute
that runs script (on*=, javascript: URLs), an inline script or comment holding a payload,
a JSON-LD block that no longer parses (a `</script>` broke out of it). It also collects
the page's text and attribute values as a reader sees them (entities decoded), so a test
can check that a hostile value was shown, as text.
"""
import json
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


@dataclass
class Scan:
    injected: list = field(default_factory=list)
    text: list = field(default_factory=list)
    links: list = field(default_factory=list)

    @property
    def visible(self):
        return "\n".join(self.text)


class _Parser(HTMLParser):
    def __init__(self, scan):
        super().__init__(convert_charrefs=True)
        self.scan = scan
        self.script = None  # (type, [text]) while inside <script>

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.scan.injected.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value and value.strip().lower().startswith(("javascript:", "data:text")):
                self.scan.injected.append(f"<{tag} {name}={value!r}>")
            if value:
                self.scan.text.append(value)
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.scan.links.append(href)
        if tag == "script":
            attributes = dict(attrs)
            self.script = (attributes.get("type") or "", [], attributes.get("src") or attributes.get("nonce"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            kind, parts, ours = self.script  # ours: a src, or a CSP nonce the injected markup cannot know
            body = "".join(parts)
            if kind == "application/ld+json":
                try:
                    json.loads(body)
                except ValueError:
                    self.scan.injected.append(f"JSON-LD broken out of: {body[:120]!r}")
            elif ours is None or "alert(" in body:
                self.scan.injected.append(f"<script>{body[:120]}</script>")
            self.script = None

    def handle_data(self, data):
        if self.script is not None:
            self.script[1].append(data)
        self.scan.text.append(data)

    def handle_comment(self, data):
        self.scan.injected.append(f"<!--{data[:120]}")


def scan(html):
    result = Scan()
    parser = _Parser(result)
    parser.feed(html)
    parser.close()
    if parser.script is not None:
        result.injected.append("a <script> left open")
    return result


@dataclass
class Visit:
    url: str
    status: int
    scan: Scan


def crawl(app, client, seeds, *, skip, per_endpoint=2, counts=None):
    """GET the seeds, then follow same-site links breadth first, at most `per_endpoint` URLs per
    endpoint (seeds always); returns the HTML pages visited, as Visits. `skip` is a set of endpoints;
    `counts` (endpoint -> pages opened) may be shared by several walks so that they split the work."""
    adapter = app.url_map.bind("localhost")
    queue, seen, visits = deque(seeds), set(), []
    counts = Counter() if counts is None else counts
    seeds = set(seeds)
    while queue:
        url = queue.popleft()
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != "localhost" or url in seen:
            continue
        try:
            endpoint, _ = adapter.match(parts.path, method="GET")
        except RequestRedirect:
            endpoint = None
        except HTTPException:
            continue
        if endpoint in skip or (url not in seeds and counts[endpoint] >= per_endpoint):
            continue
        seen.add(url)
        counts[endpoint] += 1
        response = client.get(url)
        if response.status_code in (301, 302, 303):
            queue.append(urljoin(url, response.headers["Location"]))
            continue
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        if response.mimetype != "text/html":
            continue
        page = scan(response.get_data(as_text=True))
        visits.append(Visit(url, response.status_code, page))
        for link in page.links:
            target = urljoin(url, link).split("#")[0]
            if target.startswith("http://localhost/"):
                target = target[len("http://localhost"):]
            if target.startswith("/"):
                queue.append(target)
    return visits
