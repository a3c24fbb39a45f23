"""The S3-compatible store behind core.storage (MEDIA_STORE=s3): one bucket, two prefixes.

Any server that speaks the S3 API will do (AWS S3, MinIO, Ceph, Garage, a cloud
provider's object storage): S3_ENDPOINT_URL names it, S3_BUCKET the bucket, and the
credentials come the usual AWS way (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the
environment, ~/.aws, or an instance role), never from our settings.

The bucket stays private. Public media (`<S3_PREFIX>media/…`) are streamed by our
/media route with long cache headers, so pages load everything from the site itself
(no CDN, no extra host in the Content-Security-Policy) and a reverse proxy can keep
them; private documents (`<S3_PREFIX>private/…`) are streamed after the view's
checks, or, with PRIVATE_MEDIA_DELIVERY=redirect, handed out as a presigned URL
that lives PRIVATE_URL_SECONDS.

boto3 is imported only here, and this module only when the S3 store is configured,
so a site on the local file system does not carry botocore in every worker.
"""
import boto3
from botocore.config import Config as BotoConfig
from botocore.exceptions import ClientError
from flask import Response, request
from werkzeug.exceptions import NotFound

from marketplace.core.storage import AddressedStore, check_key

# What S3 and its imitators answer for a key that is not there (HEAD has no body, hence "404").
MISSING = {"404", "NoSuchKey", "NotFound"}
CHUNK = 64 * 1024


def _code(error):
    return str(error.response.get("Error", {}).get("Code", ""))


def make_client(config):
    """One boto3 client per app, shared by both stores and every thread (boto3 clients are thread-safe);
    no credentials found is a start-up error, not a 500 on the first upload."""
    session = boto3.session.Session()
    if session.get_credentials() is None:
        raise RuntimeError("MEDIA_STORE=s3 found no credentials for the bucket: set AWS_ACCESS_KEY_ID and "
                           "AWS_SECRET_ACCESS_KEY (or ~/.aws/credentials, or give the machine a role)")
    return session.client(
        "s3", endpoint_url=config.get("S3_ENDPOINT_URL") or None, region_name=config.get("S3_REGION") or None,
        config=BotoConfig(signature_version="s3v4", connect_timeout=3, read_timeout=20,
                          retries={"max_attempts": 3, "mode": "standard"},
                          s3={"addressing_style": config.get("S3_ADDRESSING_STYLE") or "auto"}))


class S3Storage(AddressedStore):
    """Keys under `prefix` in `bucket`; the same methods as core.storage.LocalStorage."""

    def __init__(self, client, bucket, prefix="", url_endpoint=None):
        self.client = client
        self.bucket = bucket
        self.prefix = prefix
        self.url_endpoint = url_endpoint

    def _name(self, key):
        return self.prefix + check_key(key)

    def save(self, key, data, content_type="application/octet-stream"):
        # A PUT is atomic: a reader sees the old object or the whole new one, never half a file.
        self.client.put_object(Bucket=self.bucket, Key=self._name(key), Body=data, ContentType=content_type)

    def read(self, key):
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._name(key))
        except ClientError as error:
            if _code(error) in MISSING:
                raise FileNotFoundError(key) from None
            raise
        with answer["Body"] as body:
            return body.read()

    def delete(self, key):
        self.client.delete_object(Bucket=self.bucket, Key=self._name(key))  # no error when already gone

    def exists(self, key):
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._name(key))
        except ClientError as error:
            if _code(error) in MISSING:
                return False
            raise
        return True

    def keys(self, prefix=""):
        """Every stored key under `prefix`, sorted."""
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix + prefix)
        return sorted(item["Key"][len(self.prefix):] for page in pages for item in page.get("Contents", ()))

    def send(self, key, *, max_age):
        """A response streaming the object, with its ETag and Last-Modified; 304 when the browser has it."""
        name = self.prefix + self.served_key(key)
        asked = {"IfNoneMatch": request.headers["If-None-Match"]} if request.if_none_match else {}
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=name, **asked)
        except ClientError as error:
            if _code(error) in MISSING:
                raise NotFound() from None
            if _code(error) == "304":
                return self._not_modified(error, max_age)
            raise
        body = answer["Body"]
        response = Response(body.iter_chunks(CHUNK), mimetype=answer.get("ContentType") or "application/octet-stream",
                            direct_passthrough=True)
        response.content_length = answer.get("ContentLength")
        response.call_on_close(body.close)
        response.set_etag(answer["ETag"].strip('"'))
        response.last_modified = answer.get("LastModified")
        response.cache_control.max_age = max_age
        response.cache_control.public = True
        return response

    @staticmethod
    def _not_modified(error, max_age):
        response = Response(status=304)
        etag = error.response.get("ResponseMetadata", {}).get("HTTPHeaders", {}).get("etag")
        if etag:
            response.set_etag(etag.strip('"'))
        response.cache_control.max_age = max_age
        response.cache_control.public = True
        return response

    def health(self):
        """For /healthz: whether the bucket answers (a wrong name, endpoint or key shows here, not as 500s)."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
            return {"ok": True, "store": "s3", "bucket": self.bucket}
        except Exception as exc:  # any failure to reach the bucket is the answer
            return {"ok": False, "store": "s3", "bucket": self.bucket, "error": exc.__class__.__name__}

    def signed_url(self, key, *, seconds, content_type, disposition):
        """A presigned GET that works for `seconds`, answered with our type and disposition, never cached."""
        return self.client.generate_presigned_url(
            "get_object", ExpiresIn=seconds,
            Params={"Bucket": self.bucket, "Key": self._name(key), "ResponseContentType": content_type,
                    "ResponseContentDisposition": disposition, "ResponseCacheControl": "private, no-store"})
