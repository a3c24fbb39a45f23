"""The media store is chosen by configuration and an incomplete choice stops the app at start-up,
with a sentence that says what to set; a bucket that does not answer shows in /healthz."""
import re

import pytest

from marketplace import create_app
from tests.conftest import SHARED_DATA_DIR, app_folders


def _create(tmp_path, database_url="sqlite://", **settings):
    return create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": database_url,
                                            **app_folders(tmp_path), "SHARED_DATA_DIR": SHARED_DATA_DIR, **settings})


@pytest.mark.parametrize("settings,said", [
    ({"MEDIA_STORE": "s3"}, "MEDIA_STORE=s3 needs S3_BUCKET"),
    ({"MEDIA_STORE": "s3", "S3_BUCKET": ""}, "MEDIA_STORE=s3 needs S3_BUCKET"),
    ({"MEDIA_STORE": "ftp"}, "MEDIA_STORE must be one of local, s3; got 'ftp'"),
    ({"PRIVATE_MEDIA_DELIVERY": "redirect"}, "PRIVATE_MEDIA_DELIVERY=redirect needs MEDIA_STORE=s3"),
    ({"PRIVATE_MEDIA_DELIVERY": "email"}, "PRIVATE_MEDIA_DELIVERY must be one of stream, redirect"),
    ({"MEDIA_STORE": "s3", "S3_BUCKET": "b", "PRIVATE_URL_SECONDS": 0}, "PRIVATE_URL_SECONDS must be a positive"),
])
def test_an_incomplete_media_configuration_stops_the_app_with_a_clear_message(tmp_path, settings, said):
    with pytest.raises(RuntimeError, match=re.escape(said)):
        _create(tmp_path, **settings)


def test_s3_without_credentials_stops_the_app(tmp_path, s3_settings, monkeypatch):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")  # no instance role to ask for, here
    with pytest.raises(RuntimeError, match="found no credentials"):
        _create(tmp_path, **s3_settings)


def test_production_refuses_s3_without_a_bucket(production_app):
    with pytest.raises(RuntimeError, match="S3_BUCKET"):
        production_app(MEDIA_STORE="s3", S3_BUCKET=None)


def test_the_local_store_stays_the_default(tmp_path):
    app = _create(tmp_path)
    assert app.config["MEDIA_STORE"] == "local" and "media_storage" not in app.extensions


def test_healthz_tells_whether_the_bucket_answers(tmp_path, database_url, s3_settings):
    app = _create(tmp_path, database_url, **s3_settings)
    checks = app.test_client().get("/healthz").get_json()["checks"]
    assert checks["media"] == {"ok": True, "store": "s3", "bucket": s3_settings["S3_BUCKET"]}
    lost = _create(tmp_path, database_url, **{**s3_settings, "S3_BUCKET": "no-such-bucket-here"})
    body = lost.test_client().get("/healthz").get_json()
    assert body["status"] == "degraded" and body["checks"]["media"]["ok"] is False


def test_only_the_storage_seam_touches_the_media_folders():
    """Sweep: code that reads MEDIA_ROOT / PRIVATE_MEDIA_ROOT or serves files from a folder itself
    bypasses the configured store and breaks on S3 (as the demo loader and the WebP route once did)."""
    import pathlib
    package = pathlib.Path(__file__).resolve().parents[2] / "marketplace"
    allowed = {"core/storage.py": ("MEDIA_ROOT", "send_from_directory"), "core/assets.py": ("send_from_directory",)}
    offenders = []
    for path in sorted(package.rglob("*.py")):
        name, source = path.relative_to(package).as_posix(), path.read_text(encoding="utf-8")
        for word in ("MEDIA_ROOT", "send_from_directory", "send_file("):
            if word in source and not any(word.startswith(ok) for ok in allowed.get(name, ())):
                offenders.append(f"{name}: {word}")
    assert offenders == []
