"""The code printed in a certificate's QR: the certificate's id, signed.

`URLSafeSerializer` (itsdangerous) signs the id with the app's SECRET_KEY and a salt of
its own, so a code cannot be guessed from another or made up: a tampered or invented
code fails the signature and the page answers 404. The code is URL-safe and short
(about 30 characters for six-digit ids), which keeps the QR small enough for a label.

Printed labels outlive key changes: when SECRET_KEY is rotated, keep the old key in
SECRET_KEY_FALLBACKS (a Flask setting) and old codes still verify.
"""
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

SALT = "ocop-certificate-verify"
MAX_CODE_LENGTH = 120


def _serializer():
    keys = [*(current_app.config.get("SECRET_KEY_FALLBACKS") or []), current_app.config["SECRET_KEY"]]
    return URLSafeSerializer(keys, salt=SALT)  # the last key signs; every key verifies


def code_for(certification):
    return _serializer().dumps(certification.id)


def certification_id(code):
    """The id inside a genuine code, or None for anything else."""
    if not isinstance(code, str) or not code or len(code) > MAX_CODE_LENGTH:
        return None
    try:
        value = _serializer().loads(code)
    except (BadSignature, UnicodeError, ValueError):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    return value
