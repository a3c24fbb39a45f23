"""VietQR: the EMVCo merchant-presented QR code that Vietnamese banking apps read
to fill in a transfer (NAPAS 247), and its rendering as an SVG image.

The payload is a string of TLV fields (two-digit tag, two-digit length, value):

    00 "01"               payload format indicator
    01 "12"               point of initiation: dynamic (one amount, one order)
    38 merchant account   00 GUID "A000000727" (NAPAS)
                          01 beneficiary: 00 bank BIN (6 digits), 01 account number
                          02 service code "QRIBFTTA" (transfer to an account)
    53 "704"              currency: VND
    54 amount             integer đồng
    58 "VN"               country
    62 additional data    08 purpose of transaction: the order reference
    63 CRC                CRC-16/CCITT-FALSE of everything before it, "6304" included
"""
import io
import re

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"


def tlv(tag, value):
    value = str(value)
    if len(value) > 99:
        raise ValueError(f"VietQR field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def _purpose(text):
    """Banking apps accept letters, digits and spaces in the transfer content."""
    return re.sub(r"[^A-Za-z0-9 ]", "", text or "")[:25]


def payload(*, bank_bin, account_number, amount, reference):
    """The VietQR string for a transfer of `amount` đồng to the account, with `reference` as its content."""
    if not re.fullmatch(r"\d{6}", str(bank_bin or "")):
        raise ValueError("the bank BIN is 6 digits")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", str(account_number or "")):
        raise ValueError("the account number is 1 to 19 letters or digits")
    if not isinstance(amount, int) or amount <= 0 or amount > 9_999_999_999_999:
        raise ValueError("the amount is a positive whole number of đồng")
    beneficiary = tlv("00", bank_bin) + tlv("01", account_number)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_TO_ACCOUNT)
    body = (tlv("00", "01") + tlv("01", "12") + tlv("38", merchant) + tlv("53", "704") + tlv("54", amount)
            + tlv("58", "VN") + tlv("62", tlv("08", _purpose(reference))) + "6304")
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def parse(text):
    """The TLV fields of a payload as {tag: value} (nested fields stay strings); for tests and checks."""
    fields, position = {}, 0
    while position < len(text):
        tag, length = text[position:position + 2], int(text[position + 2:position + 4])
        fields[tag] = text[position + 4:position + 4 + length]
        position += 4 + length
    return fields


def is_valid(text):
    """The CRC in tag 63 matches the rest of the payload."""
    if len(text) < 8 or text[-8:-4] != "6304":
        return False
    return f"{crc16_ccitt_false(text[:-4].encode('ascii')):04X}" == text[-4:].upper()


def svg(data, box_size=10):
    """The QR code of `data` as an SVG document (text), drawn by the qrcode library."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=4,
                         image_factory=qrcode.image.svg.SvgPathImage)
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue().decode("utf-8")
