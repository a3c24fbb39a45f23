"""Ticket codes and their QR images.

A code is 12 characters of Crockford's base32 (60 random bits from `secrets`):
unguessable, yet easy to read aloud and type at the door. People may type it in
lower case, with or without dashes or spaces, and with O for 0 or I/L for 1.
"""
import io
import re
import secrets

import qrcode
from qrcode.constants import ERROR_CORRECT_M

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_.]+")


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text):
    """The stored form of a typed code, or None when it cannot be one."""
    code = _SEPARATORS.sub("", (text or "").upper()).translate(_CONFUSABLE)
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def format_code(code):
    """ABCD-EFGH-JKMN: the code as printed on a ticket."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def qr_png(data, box_size=8):
    """A PNG image (bytes) of a QR code for `data`."""
    image = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=4)
    image.add_data(data)
    image.make(fit=True)
    buffer = io.BytesIO()
    image.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()
