"""A producer's uploaded files: checked by core.uploads before anything is stored, saved
within the transaction that records them, and removed again when that transaction fails.
"""
from contextlib import contextmanager

from flask import current_app

from marketplace.core.errors import ValidationError
from marketplace.core.storage import NewFiles, media_storage, new_key, private_storage
from marketplace.core.transactions import atomic
from marketplace.core.uploads import LOGO_VARIANTS, process_document, process_upload


@contextmanager
def file_transaction():
    """Commit at the end; on any error roll back and remove files written meanwhile."""
    files = NewFiles()
    with atomic(undo=files.discard):
        yield files


@contextmanager
def _about(field):
    """Upload errors name the form field they belong to."""
    try:
        yield
    except ValidationError as error:
        if error.field:
            raise
        raise ValidationError(error.message, field=field) from None


def checked_image(data, variants, field):
    """Checked, re-encoded variants of an uploaded image (limits from the configuration)."""
    with _about(field):
        return process_upload(data, variants)


def store_logo(files, producer, data):
    logo = checked_image(data, LOGO_VARIANTS, "logo").variants["logo"]
    return files.save(media_storage(), new_key(f"producers/{producer.id}", "-logo.jpg"), logo.data,
                      logo.content_type)


def store_document(files, folder, producer, data, field):
    with _about(field):
        document = process_document(data, max_bytes=current_app.config["MAX_DOCUMENT_BYTES"],
                                    max_pixels=current_app.config["MAX_IMAGE_PIXELS"])
    return files.save(private_storage(), new_key(f"{folder}/{producer.id}", document.extension), document.data,
                      document.content_type)
