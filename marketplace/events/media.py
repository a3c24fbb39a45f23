"""Event covers and showroom photos: checked like every uploaded picture, stored in the media
store, and deleted once no event or showroom points at them.

The bytes go through core.uploads (JPEG, PNG or WebP only, decoded by Pillow, size
and pixel limits, at least 100×100, re-encoded without metadata) before anything is
written. Creating or editing an event and storing its cover are one transaction: if
the event is refused, the new file is removed again; once a cover is replaced or
removed, the old file is deleted after the commit.
"""
from marketplace.core.errors import ValidationError
from marketplace.core.storage import NewFiles, forget, media_storage, new_key
from marketplace.core.transactions import atomic
from marketplace.core.uploads import COVER_VARIANTS, process_upload
from marketplace.events import lifecycle, showrooms


def _checked_cover(data, field="cover"):
    try:
        return process_upload(data, COVER_VARIANTS).variants["cover"]
    except ValidationError as error:
        raise ValidationError(error.message, field=field) from None


def _store(files, cover, folder="events"):
    return files.save(media_storage(), new_key(folder, ".jpg"), cover.data, cover.content_type)


def create_event(*, organizer, cover=None, **fields):
    """lifecycle.create_event, with an uploaded cover (bytes) stored alongside."""
    checked = _checked_cover(cover) if cover else None
    files = NewFiles()
    with atomic(undo=files.discard):
        cover_path = _store(files, checked) if checked else None
        event = lifecycle.create_event(organizer=organizer, cover_path=cover_path, commit=False, **fields)
    return event


def update_event(event, *, cover=None, remove_cover=False, **changes):
    """lifecycle.update_event; a new cover (bytes) replaces the old one, `remove_cover` drops it.

    The file of a replaced or removed cover is deleted from the store after the commit.
    """
    checked = _checked_cover(cover) if cover else None
    old_path = event.cover_path
    files = NewFiles()
    with atomic(undo=files.discard):
        if checked:
            changes["cover_path"] = _store(files, checked)
        elif remove_cover:
            changes["cover_path"] = None
        event = lifecycle.update_event(event, commit=False, **changes)
    if event.cover_path != old_path:
        forget(media_storage(), old_path)
    return event


def create_showroom(*, organizer, photo=None, **fields):
    """showrooms.create_showroom, with an uploaded photo (bytes) stored alongside."""
    checked = _checked_cover(photo, "photo") if photo else None
    files = NewFiles()
    with atomic(undo=files.discard):
        cover_path = _store(files, checked, "showrooms") if checked else None
        showroom = showrooms.create_showroom(organizer=organizer, cover_path=cover_path, commit=False, **fields)
    return showroom


def update_showroom(showroom, *, photo=None, remove_photo=False, **changes):
    """showrooms.update_showroom; a new photo (bytes) replaces the old one, `remove_photo` drops it.
    The replaced or removed file is deleted from the store after the commit."""
    checked = _checked_cover(photo, "photo") if photo else None
    old_path = showroom.cover_path
    files = NewFiles()
    with atomic(undo=files.discard):
        if checked:
            changes["cover_path"] = _store(files, checked, "showrooms")
        elif remove_photo:
            changes["cover_path"] = None
        showroom = showrooms.update_showroom(showroom, commit=False, **changes)
    if showroom.cover_path != old_path:
        forget(media_storage(), old_path)
    return showroom
