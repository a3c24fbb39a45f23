"""Uploads are trusted only after Pillow has decoded them: good files, hostile files, documents."""
import io
import struct
import zlib

import pytest
from PIL import Image

from marketplace.core.errors import ValidationError
from marketplace.core.uploads import process_document, process_image
from tests.studio.fixtures import PDF_BYTES, image_bytes

LIMITS = {"max_bytes": 8 * 1024 * 1024, "max_pixels": 40_000_000}


def _png_header_only(width, height):
    """A tiny PNG that declares width × height pixels: a decompression bomb's header."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _refused(data, text, **limits):
    with pytest.raises(ValidationError) as error:
        process_image(data, **{**LIMITS, **limits})
    assert text in str(error.value.message)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_good_images_make_page_and_list_variants(fmt):
    result = process_image(image_bytes(fmt, size=(2000, 1500)), **LIMITS)
    assert result.source_format == fmt
    page, thumb = result.variants["page"], result.variants["list"]
    assert (page.width, page.height) == (1200, 900)
    assert (thumb.width, thumb.height) == (480, 360)
    for variant in (page, thumb):
        decoded = Image.open(io.BytesIO(variant.data))
        assert decoded.format == "JPEG" and decoded.size == (variant.width, variant.height)


def test_small_images_are_not_enlarged_for_the_page():
    page = process_image(image_bytes(size=(300, 200)), **LIMITS).variants["page"]
    assert (page.width, page.height) == (300, 200)


def test_metadata_is_stripped_and_orientation_applied():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "Máy ảnh bí mật"  # Make
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 0.0)}  # GPS latitude
    data = image_bytes("JPEG", size=(600, 400), exif=exif.tobytes(), comment=b"toa do nha rieng")
    assert b"Exif" in data
    result = process_image(data, **LIMITS)
    for variant in result.variants.values():
        assert b"Exif" not in variant.data and "bí mật".encode() not in variant.data
        assert b"toa do" not in variant.data
        assert not Image.open(io.BytesIO(variant.data)).getexif()
    assert result.variants["page"].height > result.variants["page"].width  # turned upright


def test_transparent_png_goes_onto_white():
    data = image_bytes("PNG", mode="RGBA", color=(0, 0, 0, 0))
    page = process_image(data, **LIMITS).variants["page"]
    assert Image.open(io.BytesIO(page.data)).getpixel((10, 10)) >= (250, 250, 250)


def test_not_an_image_is_refused():
    _refused(b"<html><script>alert(1)</script></html>", "không phải ảnh")
    _refused(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "không phải ảnh")


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused(fmt):
    _refused(image_bytes(fmt), "JPEG, PNG hoặc WebP")


def test_truncated_image_is_refused():
    data = image_bytes("JPEG", size=(800, 600))
    _refused(data[: len(data) // 2], "không phải ảnh")


def test_corrupt_png_checksum_is_refused():
    data = bytearray(image_bytes("PNG"))
    data[40] ^= 0xFF  # inside the first IDAT chunk
    _refused(bytes(data), "không phải ảnh")


def test_too_many_bytes_is_refused():
    _refused(image_bytes("PNG"), "Tệp quá lớn", max_bytes=1000)


def test_empty_file_is_refused():
    _refused(b"", "Tệp trống")


def test_decompression_bomb_over_our_limit_is_refused_before_decoding():
    bomb = _png_header_only(8000, 8000)  # 64 megapixels in a few hundred bytes
    assert len(bomb) < 1000
    _refused(bomb, "tối đa 40 megapixel")


def test_decompression_bomb_over_pillows_limit_is_refused():
    _refused(_png_header_only(100_000, 100_000), "megapixel")


def test_tiny_images_are_refused():
    _refused(image_bytes(size=(50, 50)), "quá nhỏ")


def test_pdf_documents_are_kept_as_sent():
    document = process_document(PDF_BYTES, **LIMITS)
    assert document.content_type == "application/pdf" and document.extension == ".pdf"
    assert document.data == PDF_BYTES


def test_image_documents_are_re_encoded():
    document = process_document(image_bytes("PNG", size=(1000, 1400)), **LIMITS)
    assert document.content_type == "image/jpeg" and document.data.startswith(b"\xff\xd8")


@pytest.mark.parametrize("data,text", [
    (b"MZ\x90\x00 executable", "PDF hoặc ảnh"),
    (b"%PDF-1.7\n truncated without an end", "PDF không đầy đủ"),
    (b"", "Tệp trống"),
])
def test_bad_documents_are_refused(data, text):
    with pytest.raises(ValidationError) as error:
        process_document(data, **LIMITS)
    assert text in str(error.value.message)


def test_large_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        process_document(PDF_BYTES + b"0" * 2000, max_bytes=1000, max_pixels=LIMITS["max_pixels"])
    assert "Tệp quá lớn" in str(error.value.message)
