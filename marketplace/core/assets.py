"""Static files under content-hashed names, cached for a year and sent compressed.

A phone on a slow network should fetch the style sheets, scripts and fonts once:
`url_for("static", filename="css/site.css")` gives `/static/css/site.<hash>.css`,
where the hash is taken from the file's bytes. A changed file gets a new name, so the
old one may be cached "for ever" (`max-age` of a year, `immutable`) without a visitor
ever seeing a stale style sheet after a release. The plain name still answers (a
font referred to from a style sheet, an old link) with a short cache.

Text files (CSS, JS, SVG, fonts) go out gzip-compressed to browsers that accept it;
the compressed bytes are made once per file version and kept in memory (the static
folder is small and read-only). This is Flask's own static route with a different
view: no CDN, nothing written to disk, nothing to build before `make run`.
"""
import gzip
import hashlib
import mimetypes
import os
import re
import threading

from flask import current_app, request, send_from_directory
from werkzeug.exceptions import NotFound

YEAR = 365 * 24 * 3600
SHORT = 3600  # the plain, unhashed name: an hour
HASHED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{12})(?P<ext>\.[A-Za-z0-9]+)$")
COMPRESSIBLE = {".css", ".js", ".svg", ".ttf", ".otf", ".json", ".txt", ".map"}
_lock = threading.Lock()


class _Manifest:
    """Digests and gzip bytes of the static files, recomputed when a file changes (size or mtime)."""

    def __init__(self, root):
        self.root = root
        self.digests = {}  # filename -> (stat key, digest)
        self.compressed = {}  # (filename, digest) -> gzip bytes

    def _path(self, filename):
        path = os.path.abspath(os.path.join(self.root, filename))
        if not path.startswith(self.root + os.sep) or not os.path.isfile(path):
            return None
        return path

    def digest(self, filename):
        path = self._path(filename)
        if path is None:
            return None
        stat = os.stat(path)
        key = (stat.st_size, stat.st_mtime_ns)
        known = self.digests.get(filename)
        if known and known[0] == key:
            return known[1]
        with open(path, "rb") as handle:
            digest = hashlib.sha256(handle.read()).hexdigest()[:12]
        with _lock:
            self.digests[filename] = (key, digest)
        return digest

    def gzipped(self, filename, digest):
        cached = self.compressed.get((filename, digest))
        if cached is None:
            with open(self._path(filename), "rb") as handle:
                cached = gzip.compress(handle.read(), compresslevel=9, mtime=0)
            with _lock:
                self.compressed[(filename, digest)] = cached
        return cached


def _manifest():
    return current_app.extensions["static_manifest"]


def hashed_name(filename):
    """`css/site.css` -> `css/site.<12 hex>.css` (unchanged when there is no such file)."""
    digest = _manifest().digest(filename)
    if digest is None:
        return filename
    stem, ext = os.path.splitext(filename)
    return f"{stem}.{digest}{ext}"


def _add_hash(endpoint, values):
    if endpoint == "static" and "filename" in values and not current_app.config.get("STATIC_PLAIN_NAMES"):
        values["filename"] = hashed_name(values["filename"])


def serve_static(filename):
    """The static route: a hashed name is cached for a year (and gzip-compressed); a plain name for an hour."""
    manifest = _manifest()
    match = HASHED.match(filename)
    if match:
        plain = match["stem"] + match["ext"]
        if manifest.digest(plain) != match["digest"]:
            raise NotFound()  # an old version: its bytes are gone, never serve new bytes under an old hash
        return _send(plain, match["digest"], YEAR, immutable=True)
    return _send(filename, None, SHORT, immutable=False)


def _send(filename, digest, max_age, immutable):
    manifest = _manifest()
    ext = os.path.splitext(filename)[1].lower()
    if digest and ext in COMPRESSIBLE and "gzip" in request.headers.get("Accept-Encoding", ""):
        body = manifest.gzipped(filename, digest)
        response = current_app.response_class(body, mimetype=mimetypes.guess_type(filename)[0])
        response.headers["Content-Encoding"] = "gzip"
        response.set_etag(digest + "-gz")
        response.make_conditional(request)
    else:
        response = send_from_directory(manifest.root, filename, max_age=max_age)
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    if immutable:
        response.cache_control.immutable = True
    if ext in COMPRESSIBLE:
        response.vary.add("Accept-Encoding")
    return response


def init_app(app):
    """Serve `static/` through `serve_static` and hash every `url_for("static", ...)`."""
    app.extensions["static_manifest"] = _Manifest(os.path.abspath(app.static_folder))
    app.view_functions["static"] = serve_static
    app.url_defaults(_add_hash)
