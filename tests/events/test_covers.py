"""Event covers take the one upload path (core.uploads): the same refusals as product photos,
no metadata kept, and a replaced or removed cover's file is deleted from the store."""
import io
from datetime import datetime, time, timedelta

import pytest
from PIL import Image

from marketplace.core.storage import media_storage
from marketplace.core.timeutil import vn_today
from marketplace.events.models import Event
from tests.core.test_uploads import _png_header_only
from tests.events.test_pages import login
from tests.studio.fixtures import image_bytes

DAY = vn_today() + timedelta(days=40)
pytestmark = pytest.mark.both_stores  # on the local file system and on an S3-compatible server


def _fields(**overrides):
    starts = datetime.combine(DAY, time(8, 0))
    return {"kind": "fair", "title": "Hội chợ OCOP có ảnh bìa", "province": "ha-noi",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"), **overrides}


def _with_cover(data, name="bia.png", **overrides):
    return {**_fields(**overrides), "cover": (io.BytesIO(data), name)}


def _stored(app):
    """The cover files in the media store (its key without the events/ folder)."""
    return [key.split("/", 1)[1] for key in media_storage().keys("events/")]


def _jpeg_with_secrets():
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh bí mật"
    return image_bytes("JPEG", size=(900, 600), exif=exif.tobytes(), comment=b"toa do nha rieng")


@pytest.fixture
def signed_in(forms, organizer):
    login(forms, organizer)
    return forms


def test_a_cover_is_re_encoded_without_metadata_and_served(signed_in, client, app, db):
    response = signed_in.post("/organizer/events/new", _with_cover(_jpeg_with_secrets(), "bia.jpg"),
                              content_type="multipart/form-data")
    assert response.status_code == 302
    event = db.session.query(Event).one()
    assert event.cover_path.startswith("events/") and event.cover_path.endswith(".jpg")
    served = client.get(f"/media/{event.cover_path}")
    assert served.status_code == 200
    assert b"toa do" not in served.data and b"Exif" not in served.data and "bí mật".encode() not in served.data
    assert Image.open(io.BytesIO(served.data)).format == "JPEG"


@pytest.mark.parametrize("data,name,message", [
    (image_bytes("GIF"), "bia.gif", "Chỉ nhận ảnh JPEG, PNG hoặc WebP"),
    (image_bytes("GIF"), "bia.jpg", "không phải ảnh JPEG, PNG hoặc WebP hợp lệ"),  # renamed: the content decides
    (image_bytes("BMP"), "bia.png", "không phải ảnh JPEG, PNG hoặc WebP hợp lệ"),
    (image_bytes("TIFF"), "bia.jpg", "không phải ảnh JPEG, PNG hoặc WebP hợp lệ"),
    (image_bytes("ICO", size=(64, 64)), "bia.png", "không phải ảnh JPEG, PNG hoặc WebP hợp lệ"),
    (image_bytes("PNG", size=(60, 40)), "bia.png", "Ảnh quá nhỏ"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "bia.png", "không phải ảnh JPEG, PNG hoặc WebP hợp lệ"),
    (image_bytes("PNG")[:200], "bia.png", "không phải ảnh JPEG, PNG hoặc WebP hợp lệ"),  # truncated
    (_png_header_only(20_000, 20_000), "bia.png", "Ảnh quá lớn"),  # declares 400 megapixels
], ids=["gif", "gif-renamed", "bmp", "tiff", "ico", "tiny", "svg", "truncated", "pixel-bomb"])
def test_refused_covers_are_explained_and_nothing_is_written(signed_in, app, db, data, name, message):
    response = signed_in.post("/organizer/events/new", _with_cover(data, name), content_type="multipart/form-data")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.query(Event).count() == 0 and _stored(app) == []


def test_a_cover_over_the_configured_size_is_refused(signed_in, app, db):
    app.config["MAX_IMAGE_BYTES"] = 20_000
    noisy = Image.effect_noise((400, 400), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, format="PNG")
    response = signed_in.post("/organizer/events/new", _with_cover(buffer.getvalue()),
                              content_type="multipart/form-data")
    assert response.status_code == 400 and "Tệp quá lớn" in response.get_data(as_text=True)
    assert db.session.query(Event).count() == 0 and _stored(app) == []


def test_a_replaced_cover_is_deleted_and_a_removed_one_too(signed_in, client, app, db):
    signed_in.post("/organizer/events/new", _with_cover(image_bytes("PNG")), content_type="multipart/form-data")
    event = db.session.query(Event).one()
    first = event.cover_path
    edit = f"/organizer/events/{event.id}/edit"
    assert "Bỏ ảnh bìa hiện tại" in client.get(edit).get_data(as_text=True)
    response = signed_in.post(edit, _with_cover(image_bytes("WEBP", color=(10, 120, 30))),
                              content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.refresh(event)
    second = event.cover_path
    assert second != first and _stored(app) == [second.split("/")[1]]
    assert client.get(f"/media/{first}").status_code == 404
    # An edit without a new file keeps the cover.
    assert signed_in.post(edit, _fields(title="Tên mới")).status_code == 302
    db.session.refresh(event)
    assert event.cover_path == second and event.title == "Tên mới"
    # Removing it deletes the file.
    assert signed_in.post(edit, {**_fields(), "remove_cover": "y"}).status_code == 302
    db.session.refresh(event)
    assert event.cover_path is None and _stored(app) == []


def test_a_refused_edit_keeps_the_old_cover_and_leaves_no_new_file(signed_in, app, db):
    signed_in.post("/organizer/events/new", _with_cover(image_bytes("PNG")), content_type="multipart/form-data")
    event = db.session.query(Event).one()
    first = event.cover_path
    wrong_times = _with_cover(image_bytes("JPEG"), ends_at=f"{DAY:%Y-%m-%d}T07:00")  # ends before it starts
    response = signed_in.post(f"/organizer/events/{event.id}/edit", wrong_times, content_type="multipart/form-data")
    assert response.status_code == 400 and "Thời gian kết thúc phải sau" in response.get_data(as_text=True)
    db.session.refresh(event)
    assert event.cover_path == first and _stored(app) == [first.split("/")[1]]
