"""Documents of the cycle: checked by core.uploads, kept in the private store.

Files written during a transaction that then fails are removed again; files a committed
change no longer references are deleted after the commit.
"""
from contextlib import contextmanager

from flask import current_app

from marketplace.core.errors import ValidationError
from marketplace.core.storage import new_key, private_storage
from marketplace.core.transactions import atomic
from marketplace.core.uploads import process_document


class NewFiles:
    def __init__(self):
        self.saved = []

    def save_document(self, folder, data, field="file"):
        """Check `data` (PDF or image, re-encoded) and store it; returns the key."""
        config = current_app.config
        try:
            document = process_document(data, max_bytes=config["MAX_DOCUMENT_BYTES"],
                                        max_pixels=config["MAX_IMAGE_PIXELS"])
        except ValidationError as error:
            raise ValidationError(error.message, field=error.field or field) from None
        key = new_key(folder, document.extension)
        private_storage().save(key, document.data, document.content_type)
        self.saved.append(key)
        return key

    def discard(self):
        for key in self.saved:
            private_storage().delete(key)


@contextmanager
def transaction():
    """One service's transaction: commit at the end; on any error roll back and remove new files."""
    files = NewFiles()
    with atomic(undo=files.discard):
        yield files


def forget(*keys):
    """Delete documents no longer referenced (call after the commit that dropped them)."""
    for key in keys:
        if key:
            private_storage().delete(key)
