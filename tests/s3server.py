"""A throwaway S3-compatible server for the tests of the S3 media store: moto's server mode.

moto (PyPI) answers the S3 API over HTTP like a real server; it runs as a subprocess on
a free loopback port, is stopped when the test session ends, and also if the test
process dies first (the kernel sends it SIGTERM when its parent goes). Each test gets
a bucket of its own (`new_bucket`), so tests stay independent under xdist.

What moto does not do: it keeps no clock for presigned URLs (an expired one still
works there), and it checks no signature unless IAM users are set up. The tests of
expiry therefore read what the URL asks of the server (X-Amz-Date, X-Amz-Expires).
"""
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass

import pytest

from tests import hygiene

ACCESS_KEY, SECRET_KEY, REGION = "test-access-key", "test-secret-key", "us-east-1"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class MotoServer:
    """The running server's address, and what the tests ask of it."""
    url: str

    def client(self):
        import boto3
        return boto3.session.Session().client("s3", endpoint_url=self.url, region_name=REGION,
                                              aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)

    def new_bucket(self):
        name = f"ocop-test-{secrets.token_hex(6)}"
        self.client().create_bucket(Bucket=name)
        return name


def _stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _start_moto():
    """`python -m moto.server` on a free loopback port, once it answers; returns (process, server)."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=hygiene.die_with_parent)
    server = MotoServer(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(f"{server.url}/moto-api/", timeout=1).read()
            return process, server
        except OSError:
            time.sleep(0.1)
    _stop(process)
    raise RuntimeError("moto's S3 server did not start")


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3-compatible server on a free loopback port (_start_moto), for the S3 media store."""
    process, server = _start_moto()
    try:
        yield server
    finally:
        _stop(process)


@pytest.fixture
def s3_settings(s3_server, monkeypatch, tmp_path):
    """The settings of MEDIA_STORE=s3 on a fresh bucket of the tests' moto server; the AWS
    variables name the fake credentials and no developer's ~/.aws is read."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return {"MEDIA_STORE": "s3", "S3_BUCKET": s3_server.new_bucket(), "S3_ENDPOINT_URL": s3_server.url,
            "S3_REGION": REGION}
