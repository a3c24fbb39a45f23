"""Photos as WebP in the widths a screen needs (`srcset`), made once from the stored picture.

A 1200 px JPEG costs a phone on 4G a second it does not need to spend: beside every
stored picture `<key>.jpg` the media route also answers `<key>.<width>w.webp` for a few
fixed widths, and pages offer them in a `<picture>` with `srcset` and `sizes`, the
browser picking the smallest that fills the slot. The JPEG stays as the fallback.

The WebP file is made by Pillow on the first request from the picture we stored
ourselves (already decoded, checked and re-encoded by `core.uploads`), written to the
media store and served from there afterwards; keys are random and never reused, so
a derivative never goes stale and is cached for a year. Only the widths below are
made (no one can ask the server to resize to arbitrary sizes), never wider than the
picture itself. Photos stored before this change get their WebP files the same way.
"""
import io
import re

from markupsafe import Markup
from PIL import Image
from werkzeug.exceptions import NotFound

from marketplace.core.storage import StorageKeyError, media_storage

WIDTHS = (240, 480, 800, 1200)
YEAR = 365 * 24 * 3600
SOURCE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
DERIVED = re.compile(r"^(?P<stem>.+)\.(?P<width>\d+)w\.webp$")


def webp_key(key, width):
    """`products/1/ab-page.jpg`, 480 -> `products/1/ab-page.480w.webp`."""
    stem = key.rsplit(".", 1)[0] if "." in key.rsplit("/", 1)[-1] else key
    return f"{stem}.{width}w.webp"


def derived_source(filename):
    """The stored picture a WebP derivative is made from, or None when `filename` is not one."""
    match = DERIVED.match(filename)
    if not match or int(match["width"]) not in WIDTHS:
        return None
    store = media_storage()
    for ext in SOURCE_EXTENSIONS:
        try:
            if store.exists(match["stem"] + ext):
                return match["stem"] + ext, int(match["width"])
        except StorageKeyError:
            return None
    return None


def _make_webp(data, width):
    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGB")
        if image.width > width:
            image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, format="WEBP", quality=80, method=4)
        return out.getvalue()


def serve_derived(filename):
    """Answer `/media/<key>.<width>w.webp`: make the file once, then serve it with a year's cache."""
    found = derived_source(filename)
    if found is None:
        raise NotFound()
    source, width = found
    store = media_storage()
    if not store.exists(filename):
        try:
            data = _make_webp(store.read(source), width)
        except (OSError, ValueError, Image.DecompressionBombError):
            raise NotFound() from None
        store.save(filename, data, "image/webp")
    response = store.send(filename, max_age=YEAR)
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response


def webp_srcset(key, max_width):
    """`url 240w, url 480w, ...` up to the picture's own width (at least the smallest size)."""
    from flask import url_for
    widths = [w for w in WIDTHS if w <= (max_width or WIDTHS[-1])] or [WIDTHS[0]]
    return ", ".join(f"{url_for('core.media', filename=webp_key(key, w))} {w}w" for w in widths)


_LAZY = Markup('<picture><source type="image/webp" srcset="{srcset}" sizes="{sizes}">'
               '<img class="{css}" src="{src}" alt="{alt}" width="{width}" height="{height}"'
               ' loading="lazy" decoding="async"></picture>')
_EAGER = Markup('<picture><source type="image/webp" srcset="{srcset}" sizes="{sizes}">'
                '<img class="{css}" src="{src}" alt="{alt}" width="{width}" height="{height}"'
                ' fetchpriority="high"></picture>')


def picture(key, *, alt, width, height, sizes, largest=None, eager=False, css_class=""):
    """A `<picture>`: WebP sources in several widths (up to `largest`), the stored JPEG as fallback.

    `eager` for the first picture above the fold (fetched at once, with high priority);
    every other one is lazy. `width`/`height` give the box its proportions before it loads.
    """
    from flask import url_for
    template = _EAGER if eager else _LAZY
    return template.format(srcset=webp_srcset(key, largest or width), sizes=sizes, css=css_class,
                           src=url_for("core.media", filename=key), alt=alt, width=width or "",
                           height=height or "")
