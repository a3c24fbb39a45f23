"""The VietQR payload: EMVCo TLV fields for a NAPAS transfer, and its CRC."""
import pytest

from marketplace.payments import vietqr


def test_crc16_ccitt_false_check_value():
    assert vietqr.crc16_ccitt_false(b"123456789") == 0x29B1


def test_payload_fields():
    data = vietqr.payload(bank_bin="970436", account_number="0011001234567", amount=150_000,
                          reference="OCOP7K3F9Q2M")
    fields = vietqr.parse(data)
    assert fields["00"] == "01" and fields["01"] == "12"
    merchant = vietqr.parse(fields["38"])
    # NAPAS GUID, then the beneficiary (BIN 970436, account 0011001234567, each length-prefixed), then the service.
    assert merchant == {"00": "A000000727", "01": "00069704360113" "0011001234567", "02": "QRIBFTTA"}
    assert vietqr.parse(merchant["01"]) == {"00": "970436", "01": "0011001234567"}
    assert fields["53"] == "704" and fields["54"] == "150000" and fields["58"] == "VN"
    assert vietqr.parse(fields["62"]) == {"08": "OCOP7K3F9Q2M"}
    assert data.startswith("000201010212") and data[-8:-4] == "6304"
    assert vietqr.is_valid(data)
    assert not vietqr.is_valid(data[:-1] + ("0" if data[-1] != "0" else "1"))


def test_the_amount_is_whole_dong_not_cents():
    data = vietqr.payload(bank_bin="970415", account_number="113366668888", amount=1_250_000, reference="OCOPAB")
    assert vietqr.parse(data)["54"] == "1250000"


@pytest.mark.parametrize("changes", [{"bank_bin": "97043"}, {"bank_bin": "abcdef"}, {"account_number": ""},
                                     {"account_number": "12 34"}, {"amount": 0}, {"amount": -5}, {"amount": 1.5}])
def test_bad_inputs_are_refused(changes):
    values = dict(bank_bin="970436", account_number="0011001234567", amount=100_000, reference="OCOP1")
    values.update(changes)
    with pytest.raises(ValueError):
        vietqr.payload(**values)


def test_transfer_content_keeps_only_what_banks_accept():
    data = vietqr.payload(bank_bin="970436", account_number="1", amount=1, reference="OCOP-12/Đơn")
    assert vietqr.parse(vietqr.parse(data)["62"])["08"] == "OCOP12n"


def test_svg_image():
    svg = vietqr.svg("000201")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "<path" in svg
