"""Vietnamese text folding and slugs.

People type on phones without diacritics, so every search and lookup compares
folded text: lower case, accents removed, and đ → d (which Unicode decomposition
alone does not do, since đ is a letter of its own, not d with a mark).
"""
import re
import unicodedata

from slugify import slugify as _slugify

_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})
_SPACES = re.compile(r"\s+")


def fold(text):
    """Return `text` lower-cased, without diacritics, with đ → d and spaces squeezed."""
    if not text:
        return ""
    text = text.translate(_D_MAP)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def slugify(text, max_length=120):
    """A URL slug from Vietnamese text: "Đặc sản Đà Lạt" → "dac-san-da-lat"."""
    return _slugify(fold(text), max_length=max_length, word_boundary=True) or "item"
