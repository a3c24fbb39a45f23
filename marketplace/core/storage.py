"""Where uploaded files live: a small storage seam.

Services store bytes under a *key* (a relative, slash-separated path such as
`products/12/3f9c…-page.jpg`) and keep only the key in the database. Two stores
exist:

- the **media** store holds what anyone may see (product photos, logos); its
  keys are served at `/media/<key>`;
- the **private** store holds documents only the producer's team and officers may
  read (certificate scans, business registrations); views stream them after
  checking who asks.

`LocalStorage` keeps files on the local file system (`MEDIA_ROOT`,
`PRIVATE_MEDIA_ROOT`), the default. With MEDIA_STORE=s3 both stores live in one
bucket of an S3-compatible server (core.s3storage), built once by `init_app`, which
refuses to start on an incomplete configuration. Both kinds have the same methods:
`save`, `read` (FileNotFoundError when missing), `delete`, `exists`, `keys`, `url`
and `send` (a response for the /media route); the S3 store adds `signed_url`.
"""
import os
import posixpath
import secrets
import tempfile
from typing import Protocol

from flask import current_app, send_from_directory, url_for
from werkzeug.exceptions import NotFound


class Storage(Protocol):
    def save(self, key: str, data: bytes, content_type: str) -> None: ...

    def read(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...

    def exists(self, key: str) -> bool: ...

    def keys(self, prefix: str = "") -> list[str]: ...

    def url(self, key: str) -> str | None: ...

    def send(self, key: str, *, max_age: int): ...


class StorageKeyError(ValueError):
    """A key that would escape the store (absolute, `..`, backslashes)."""


def check_key(key: str) -> str:
    if not key or key.startswith("/") or "\\" in key or "\x00" in key:
        raise StorageKeyError(key)
    normal = posixpath.normpath(key)
    if normal != key or normal.startswith("..") or "/../" in f"/{normal}/":
        raise StorageKeyError(key)
    return key


def new_key(prefix: str, suffix: str) -> str:
    """A fresh, unguessable key: `<prefix>/<random><suffix>`."""
    return check_key(f"{prefix.strip('/')}/{secrets.token_hex(12)}{suffix}")


class AddressedStore:
    """What both kinds of store share: the /media address of a public key, the 404 of a bad one."""

    url_endpoint = None

    def url(self, key):
        if self.url_endpoint is None:
            return None
        return url_for(self.url_endpoint, filename=key)

    @staticmethod
    def served_key(key):
        """`key` when it is one a store could hold; a request for anything else is a 404."""
        try:
            return check_key(key)
        except StorageKeyError:
            raise NotFound() from None


class LocalStorage(AddressedStore):
    """Files under `root` on the local file system."""

    def __init__(self, root: str, url_endpoint: str | None = None):
        self.root = os.path.abspath(root)
        self.url_endpoint = url_endpoint

    def _path(self, key: str) -> str:
        path = os.path.abspath(os.path.join(self.root, check_key(key)))
        if not path.startswith(self.root + os.sep):
            raise StorageKeyError(key)
        return path

    def save(self, key, data, content_type="application/octet-stream"):
        path = self._path(key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        # Write to a temporary file and rename, so a reader never sees half a file.
        handle, temp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, path)
        except BaseException:
            if os.path.exists(temp):
                os.unlink(temp)
            raise

    def read(self, key):
        with open(self._path(key), "rb") as handle:
            return handle.read()

    def delete(self, key):
        try:
            os.unlink(self._path(key))
        except FileNotFoundError:
            pass

    def exists(self, key):
        return os.path.isfile(self._path(key))

    def keys(self, prefix=""):
        """Every stored key under `prefix`, sorted (files being written are not keys yet)."""
        found = []
        for folder, _, names in os.walk(self.root):
            for name in names:
                key = os.path.relpath(os.path.join(folder, name), self.root).replace(os.sep, "/")
                if not name.startswith(".upload-") and key.startswith(prefix):
                    found.append(key)
        return sorted(found)

    def send(self, key, *, max_age):
        """A response with the file (Werkzeug's conditional requests and ranges); 404 when missing."""
        return send_from_directory(self.root, self.served_key(key), max_age=max_age)


STORES = ("local", "s3")
DELIVERIES = ("stream", "redirect")


def check_settings(config):
    """The problems of the media settings, as sentences for the person deploying (empty: fine)."""
    problems = []
    store = config.get("MEDIA_STORE") or "local"
    if store not in STORES:
        problems.append(f"MEDIA_STORE must be one of {', '.join(STORES)}; got {store!r}")
    elif store == "s3" and not config.get("S3_BUCKET"):
        problems.append("MEDIA_STORE=s3 needs S3_BUCKET, the name of an existing private bucket (and "
                        "S3_ENDPOINT_URL for a server other than AWS, credentials in AWS_ACCESS_KEY_ID and "
                        "AWS_SECRET_ACCESS_KEY)")
    delivery = config.get("PRIVATE_MEDIA_DELIVERY") or "stream"
    if delivery not in DELIVERIES:
        problems.append(f"PRIVATE_MEDIA_DELIVERY must be one of {', '.join(DELIVERIES)}; got {delivery!r}")
    elif delivery == "redirect" and store != "s3":
        problems.append("PRIVATE_MEDIA_DELIVERY=redirect needs MEDIA_STORE=s3 (presigned URLs): "
                        "the local store streams documents")
    if int(config.get("PRIVATE_URL_SECONDS") or 0) <= 0:
        problems.append("PRIVATE_URL_SECONDS must be a positive number of seconds")
    return problems


def init_app(app):
    """Refuse an incomplete media configuration at start-up; build the S3 stores once per app.

    The local stores are built on each use from MEDIA_ROOT / PRIVATE_MEDIA_ROOT (cheap, and
    a test may point them elsewhere after the app exists).
    """
    problems = check_settings(app.config)
    if problems:
        raise RuntimeError("; ".join(problems))
    if app.config.get("MEDIA_STORE") == "s3":
        from marketplace.core.s3storage import S3Storage, make_client
        client, bucket, prefix = make_client(app.config), app.config["S3_BUCKET"], app.config.get("S3_PREFIX") or ""
        app.extensions["media_storage"] = S3Storage(client, bucket, f"{prefix}media/", url_endpoint="core.media")
        app.extensions["private_storage"] = S3Storage(client, bucket, f"{prefix}private/")
        from marketplace.core.views import register_health_check
        register_health_check(app, "media", app.extensions["media_storage"].health)


def _build(kind):
    config = current_app.config
    if kind == "media":
        return LocalStorage(config["MEDIA_ROOT"], url_endpoint="core.media")
    return LocalStorage(config["PRIVATE_MEDIA_ROOT"])


def media_storage() -> Storage:
    """The public store: photos and logos, served at /media/<key>."""
    return current_app.extensions.get("media_storage") or _build("media")


def private_storage() -> Storage:
    """The private store: documents streamed only through authorised routes."""
    return current_app.extensions.get("private_storage") or _build("private")


class NewFiles:
    """Files written during a transaction; `discard` removes them again if it fails
    (pass it as `core.transactions.atomic(undo=files.discard)`)."""

    def __init__(self):
        self.saved = []

    def save(self, store, key, data, content_type):
        store.save(key, data, content_type)
        self.saved.append((store, key))
        return key

    def discard(self):
        for store, key in self.saved:
            store.delete(key)


def forget(store, *keys):
    """Delete files no longer referenced, after the commit that dropped them (empty keys are skipped)."""
    for key in keys:
        if key:
            store.delete(key)
