"""Uploads behave the same on both media stores: the local file system and an S3-compatible
server (moto, started by the tests on a free loopback port).

A photo a producer uploads comes back from /media with cache headers (and 304 when the
browser has it); a certificate scan reaches its owner and officers only, never through
/media, streamed, or (PRIVATE_MEDIA_DELIVERY=redirect) as a presigned URL that lives
PRIVATE_URL_SECONDS; a missing object is a 404, never a 500.
"""
import io
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from PIL import Image

from marketplace.core.storage import media_storage, private_storage
from tests.studio.fixtures import PDF_BYTES, TODAY, image_bytes, sign_in

WEEK = 7 * 24 * 3600


def _certificate(certificates, owner, product):
    return certificates.submit_certification(owner, product, scan=PDF_BYTES, today=TODAY, stars=4, points=80,
                                         number="1/QĐ", issuing_body="UBND", level="provincial",
                                         decided_on=TODAY - timedelta(days=365), expires_on=None)


@pytest.mark.both_stores
def test_an_uploaded_photo_is_served_back_with_cache_headers(app, client, forms, shop, media_store):
    owner, producer, product = shop()
    sign_in(client, owner)
    edit_url = f"/studio/products/{product.id}"
    response = forms.post(f"{edit_url}/photos", {"photo": (io.BytesIO(image_bytes("JPEG", size=(900, 600))), "a.jpg")},
                          form_url=edit_url, content_type="multipart/form-data")
    assert response.status_code == 302
    photo = product.photos[0]
    assert media_storage().keys(f"products/{product.id}/") == sorted([photo.path, photo.thumb_path])
    visitor = app.test_client()
    page = visitor.get(f"/media/{photo.path}")
    assert page.status_code == 200 and page.mimetype == "image/jpeg"
    assert page.cache_control.max_age == WEEK and page.headers.get("ETag")
    with Image.open(io.BytesIO(page.data)) as picture:
        assert picture.format == "JPEG" and picture.size == (photo.width, photo.height)
    again = visitor.get(f"/media/{photo.path}", headers={"If-None-Match": page.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    webp = visitor.get(f"/media/{photo.path[:-4]}.480w.webp")
    assert webp.status_code == 200 and webp.mimetype == "image/webp" and webp.cache_control.max_age == 365 * 24 * 3600
    assert media_storage().exists(f"{photo.path[:-4]}.480w.webp")  # made once, kept in the store


@pytest.mark.both_stores
def test_a_certificate_scan_reaches_its_owner_and_officers_only(client, shop, officer, app, media_store):
    from marketplace.studio import certificates
    owner, producer, product = shop()
    stranger, _, _ = shop(name="HTX Người Lạ")
    cert = _certificate(certificates, owner, product)
    assert private_storage().exists(cert.scan_path) and not media_storage().exists(cert.scan_path)
    assert client.get(f"/media/{cert.scan_path}").status_code == 404
    assert client.get(f"/studio/certifications/{cert.id}/scan").status_code in (302, 401)  # to the sign-in page
    sign_in(client, stranger)
    assert client.get(f"/studio/certifications/{cert.id}/scan").status_code in (403, 404)
    assert client.get(f"/admin/certifications/{cert.id}/scan").status_code in (403, 404)
    for reader, url in ((owner, f"/studio/certifications/{cert.id}/scan"),
                        (officer, f"/admin/certifications/{cert.id}/scan")):
        sign_in(client, reader)
        scan = client.get(url)
        assert scan.status_code == 200 and scan.data == PDF_BYTES and scan.mimetype == "application/pdf"
        assert scan.headers["Cache-Control"] == "private, no-store" and "sandbox" in scan.headers["Content-Security-Policy"]


@pytest.mark.both_stores
def test_a_missing_object_is_a_404(client, shop, media_store):
    from marketplace.studio import certificates
    owner, producer, product = shop()
    assert client.get(f"/media/products/{product.id}/nothing-page.jpg").status_code == 404
    assert client.get(f"/media/products/{product.id}/nothing-page.480w.webp").status_code == 404
    assert client.get("/media/../config.py").status_code == 404
    cert = _certificate(certificates, owner, product)
    private_storage().delete(cert.scan_path)  # lost from the store, still named by the record
    sign_in(client, owner)
    assert client.get(f"/studio/certifications/{cert.id}/scan").status_code == 404


@pytest.fixture
def redirecting(app, s3_settings):
    """The app on S3, private documents handed out as presigned URLs of 60 seconds."""
    from marketplace.core import storage
    app.config.update(s3_settings, PRIVATE_MEDIA_DELIVERY="redirect", PRIVATE_URL_SECONDS=60)
    storage.init_app(app)
    return app


def test_a_presigned_url_is_given_to_the_owner_only_and_expires_in_a_minute(redirecting, client, shop):
    from marketplace.studio import certificates
    owner, producer, product = shop()
    stranger, _, _ = shop(name="HTX Người Lạ")
    cert = _certificate(certificates, owner, product)
    sign_in(client, stranger)
    refused = client.get(f"/studio/certifications/{cert.id}/scan")
    assert refused.status_code in (403, 404) and "Location" not in refused.headers
    sign_in(client, owner)
    asked = datetime.now(timezone.utc)
    response = client.get(f"/studio/certifications/{cert.id}/scan")
    assert response.status_code == 302 and response.headers["Cache-Control"] == "private, no-store"
    location = response.headers["Location"]
    assert location.startswith(redirecting.config["S3_ENDPOINT_URL"] + "/")
    query = {name: values[0] for name, values in parse_qs(urlsplit(location).query).items()}
    # What the store is asked to enforce: valid from the signing instant for 60 seconds, no longer.
    # (moto keeps no clock for presigned URLs, so its refusal of a late one cannot be shown here.)
    assert query["X-Amz-Expires"] == "60"
    signed = datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    assert abs((signed - asked).total_seconds()) < 30
    assert "X-Amz-Signature" in query and query["response-cache-control"] == "private, no-store"
    fetched = requests.get(location, timeout=10)
    assert fetched.status_code == 200 and fetched.content == PDF_BYTES
    assert fetched.headers["Content-Type"] == "application/pdf"
    assert fetched.headers["Content-Disposition"] == f'attachment; filename="chung-nhan-ocop-{cert.id}.pdf"'
    private_storage().delete(cert.scan_path)
    assert client.get(f"/studio/certifications/{cert.id}/scan").status_code == 404  # no URL to nothing
