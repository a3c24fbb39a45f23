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
`PRIVATE_MEDIA_ROOT`). An S3-compatible store implements the same four methods
(`save`, `read`, `delete`, `exists`) plus `url`, and is chosen in `_build`.
"""
import os
import posixpath
import secrets
import tempfile
from typing import Protocol

from flask import current_app, url_for


class Storage(Protocol):
    def save(self, key: str, data: bytes, content_type: str) -> None: ...

    def read(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...

    def exists(self, key: str) -> bool: ...

    def url(self, key: str) -> str | None: ...


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


class LocalStorage:
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

    def url(self, key):
        if self.url_endpoint is None:
            return None
        return url_for(self.url_endpoint, filename=key)


def _build(kind):
    config = current_app.config
    # An S3-compatible backend would be selected here from configuration.
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
