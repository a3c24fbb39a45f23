"""Event cover images: checked with Pillow, resized, stored under MEDIA_ROOT/events/."""
import os
import secrets

from PIL import Image, UnidentifiedImageError

from marketplace.core.errors import ValidationError
from marketplace.core.i18n import lazy_gettext as _l

MAX_SIDE = 1600
MAX_PIXELS = 40_000_000


def save_cover(stream, media_root):
    """Store an uploaded image as JPEG; return its path relative to the media store."""
    try:
        with Image.open(stream) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_l("Ảnh quá lớn."), field="cover")
            image.load()
            picture = image.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(_l("Tệp không phải là ảnh hợp lệ."), field="cover") from None
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    relative = f"events/{secrets.token_hex(12)}.jpg"
    target = os.path.join(media_root, relative)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    picture.save(target, "JPEG", quality=85, optimize=True)
    return relative
