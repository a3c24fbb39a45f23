"""Checking what people upload before anything is stored.

Photos are trusted only after Pillow has decoded them completely: the format must
be JPEG, PNG or WebP, the size and the pixel count are limited (a small file that
declares a huge picture, a "decompression bomb", is refused before decoding), and
every variant is re-encoded from the pixels, so no metadata (EXIF, GPS position,
comments, colour profiles) survives. Documents (certificate scans) are a PDF,
recognised by its magic bytes, or an image treated like a photo.

Every picture people upload (product photos, logos, event covers, scans) goes
through `process_image` — from services, through `process_upload`, which applies
the configured limits — and nothing else opens uploaded bytes.
"""
import io
import struct
import warnings
from dataclasses import dataclass, field

from flask import current_app
from PIL import Image, ImageOps, UnidentifiedImageError

from marketplace.core.errors import ValidationError
from marketplace.core.i18n import lazy_gettext as _l

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MIN_SIDE = 100

# name: (mode, width, height). "fit" keeps the proportions inside the box and never
# enlarges; "cover" fills the box exactly (centre crop), as the 4:3 product cards do.
PHOTO_VARIANTS = {"page": ("fit", 1200, 1200), "list": ("cover", 480, 360)}
LOGO_VARIANTS = {"logo": ("fit", 320, 320)}
SCAN_VARIANTS = {"scan": ("fit", 2400, 2400)}
COVER_VARIANTS = {"cover": ("fit", 1600, 1600)}  # event covers


@dataclass
class Variant:
    name: str
    data: bytes
    width: int
    height: int
    content_type: str = "image/jpeg"
    extension: str = ".jpg"


@dataclass
class ProcessedImage:
    source_format: str
    width: int
    height: int
    variants: dict = field(default_factory=dict)


@dataclass
class Document:
    data: bytes
    content_type: str
    extension: str


def _mb(n):
    return f"{n / (1024 * 1024):g}"


def check_size(data, max_bytes):
    if not data:
        raise ValidationError(_l("Tệp trống, vui lòng chọn lại."))
    if len(data) > max_bytes:
        raise ValidationError(_l("Tệp quá lớn: tối đa %(mb)s MB.", mb=_mb(max_bytes)))


class NotAnImage(ValidationError):
    """The bytes are not a decodable JPEG, PNG or WebP image."""


def _open_checked(data, max_pixels):
    """Decode `data` fully, or raise ValidationError saying why not."""
    invalid = NotAnImage(_l("Tệp không phải ảnh JPEG, PNG hoặc WebP hợp lệ."))
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ALLOWED_FORMATS:
                raise invalid
            width, height = probe.size
            if width * height > max_pixels:
                raise _too_many_pixels(width, height, max_pixels)
            probe.verify()  # structure and checksums, without decoding pixels
            image = Image.open(io.BytesIO(data))
            image.load()  # decode every pixel: a truncated or corrupt file fails here
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(None, None, max_pixels) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, TypeError, struct.error):
            raise invalid from None
    if min(image.size) < MIN_SIDE:
        raise ValidationError(_l("Ảnh quá nhỏ: cần ít nhất %(n)s×%(n)s điểm ảnh.", n=MIN_SIDE))
    return image


def _too_many_pixels(width, height, max_pixels):
    if width and height:
        return ValidationError(_l("Ảnh quá lớn (%(w)s×%(h)s điểm ảnh); tối đa %(mp)s megapixel.",
                                  w=width, h=height, mp=max_pixels // 1_000_000))
    return ValidationError(_l("Ảnh quá lớn; tối đa %(mp)s megapixel.", mp=max_pixels // 1_000_000))


def _flatten(image):
    """RGB pixels in the right orientation; transparency goes onto white."""
    try:
        image = ImageOps.exif_transpose(image)
    except Exception:  # a broken orientation tag is not worth refusing the photo
        pass
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image):
    out = io.BytesIO()
    # A fresh encode from pixels. Pillow would carry over what it read into `info`
    # (JPEG comments, ICC profiles, DPI), so that goes, and no exif= is passed.
    image.info = {}
    image.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()


def process_image(data, *, max_bytes, max_pixels, variants=PHOTO_VARIANTS):
    """Verify an uploaded image and make its re-encoded variants.

    Raises ValidationError (with a message for the person uploading) when the file
    is empty, too big, not a JPEG/PNG/WebP image, corrupt, too small, or declares
    more than `max_pixels` pixels.
    """
    check_size(data, max_bytes)
    image = _open_checked(data, max_pixels)
    source_format = image.format
    pixels = _flatten(image)
    result = ProcessedImage(source_format=source_format, width=pixels.width, height=pixels.height)
    for name, (mode, width, height) in variants.items():
        if mode == "cover":
            resized = ImageOps.fit(pixels, (width, height), Image.Resampling.LANCZOS)
        else:
            resized = pixels.copy()
            resized.thumbnail((width, height), Image.Resampling.LANCZOS)
        result.variants[name] = Variant(name, _encode(resized), resized.width, resized.height)
    return result


def process_upload(data, variants):
    """`process_image` with the configured limits (MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS)."""
    config = current_app.config
    return process_image(data, max_bytes=config["MAX_IMAGE_BYTES"], max_pixels=config["MAX_IMAGE_PIXELS"],
                         variants=variants)


PDF_MAGIC = b"%PDF-"


def process_document(data, *, max_bytes, max_pixels):
    """A certificate scan or registration document: a PDF (by its magic bytes) or an image.

    Images go through `process_image` (decoded, re-encoded, metadata gone); a PDF is
    kept as sent and only ever served to authorised people as a download.
    """
    check_size(data, max_bytes)
    if data.startswith(PDF_MAGIC):
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(_l("Tệp PDF không đầy đủ hoặc bị hỏng."))
        return Document(data=data, content_type="application/pdf", extension=".pdf")
    try:
        processed = process_image(data, max_bytes=max_bytes, max_pixels=max_pixels, variants=SCAN_VARIANTS)
    except NotAnImage:
        raise ValidationError(_l("Tài liệu phải là tệp PDF hoặc ảnh JPEG, PNG, WebP.")) from None
    scan = processed.variants["scan"]
    return Document(data=scan.data, content_type=scan.content_type, extension=scan.extension)
