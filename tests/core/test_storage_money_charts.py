"""The storage seam, VND parsing and the SVG charts."""
import pytest

from marketplace.core.charts import bar_chart, column_chart
from marketplace.core.money import parse_vnd
from marketplace.core.storage import LocalStorage, StorageKeyError, check_key, media_storage, new_key, private_storage


@pytest.mark.parametrize("key", ["../etc/passwd", "/abs/file", "a/../../b", "a\\b", "a/./b", "", "x\x00y", ".."])
def test_keys_that_escape_the_store_are_refused(key):
    with pytest.raises(StorageKeyError):
        check_key(key)


@pytest.mark.both_stores
@pytest.mark.parametrize("kind", ["media", "private"])
def test_storage_round_trip(app, media_store, kind):
    store = media_storage() if kind == "media" else private_storage()
    key = new_key("products/7", "-page.jpg")
    assert key.startswith("products/7/") and key.endswith("-page.jpg")
    store.save(key, b"bytes", "image/jpeg")
    assert store.exists(key) and store.read(key) == b"bytes" and store.keys("products/7/") == [key]
    with app.test_request_context():
        assert store.url(key) == (f"/media/{key}" if kind == "media" else None)
    store.delete(key)
    store.delete(key)  # deleting twice is fine
    assert not store.exists(key) and store.keys() == []
    with pytest.raises(FileNotFoundError):
        store.read(key)
    with pytest.raises(StorageKeyError):
        store.save("../outside.jpg", b"bytes", "image/jpeg")


def test_local_storage_never_shows_half_a_file(tmp_path):
    store = LocalStorage(str(tmp_path / "media"))
    store.save("products/7/a.jpg", b"bytes", "image/jpeg")
    assert not any(p.name.startswith(".upload-") for p in (tmp_path / "media" / "products" / "7").iterdir())


@pytest.mark.both_stores
def test_media_route_serves_what_the_media_store_saved(app, client, media_store):
    media_storage().save("products/1/x.jpg", b"\xff\xd8data", "image/jpeg")
    response = client.get("/media/products/1/x.jpg")
    assert response.status_code == 200 and response.data == b"\xff\xd8data" and response.mimetype == "image/jpeg"
    assert client.get("/media/products/1/y.jpg").status_code == 404
    private_storage().save("scans/1.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    assert client.get("/media/scans/1.pdf").status_code == 404  # the private store is never at /media


@pytest.mark.parametrize("text,amount", [("150000", 150000), ("150.000", 150000), ("150,000 ₫", 150000),
                                         ("1.500.000 VND", 1500000), ("150 000đ", 150000), ("0", 0), (42, 42)])
def test_parse_vnd_reads_what_people_type(text, amount):
    assert parse_vnd(text) == amount


@pytest.mark.parametrize("text", ["", "1.5", "-5", "12.34.567", "abc", "1,00", "١٢٣", "1e6", True])
def test_parse_vnd_refuses_the_rest(text):
    with pytest.raises(ValueError):
        parse_vnd(text)


def test_bar_chart_escapes_labels_and_scales_bars():
    svg = bar_chart([("<script>", 10), ("Mật ong", 5), ("Hết", 0)], title="Tồn kho")
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-label="Tồn kho"' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count("<rect") == 3 and 'width="0"' in svg
    assert bar_chart([], title="x") == ""


def test_column_chart_draws_one_column_per_point():
    svg = column_chart([("T1", 1_500_000), ("T2", 0), ("T3", 3_000_000)], title="Doanh số",
                       formatter=lambda v: f"{v} đ")
    assert svg.count("<rect") == 3 and "3000000 đ" in svg
