"""Files follow their transaction: written only for a committed change, removed when replaced
(on the local file system and on an S3-compatible server alike)."""
import pytest

from marketplace.core.storage import media_storage, private_storage
from marketplace.extensions import db
from marketplace.studio import certificates, listings, profiles
from tests.studio.fixtures import PDF_BYTES, TODAY, image_bytes


pytestmark = pytest.mark.both_stores


def _files(store):
    return store.keys()


def test_a_failed_transaction_leaves_no_file_behind(app, shop, monkeypatch):
    owner, producer, product = shop()

    def broken_commit():
        raise RuntimeError("database went away")
    monkeypatch.setattr(db.session, "commit", broken_commit)
    with pytest.raises(RuntimeError):
        listings.add_photo(owner, product, image_bytes())
    with pytest.raises(RuntimeError):
        certificates.submit_certification(owner, product, scan=PDF_BYTES, today=TODAY, stars=3, points=60,
                                          number="1/QĐ", issuing_body="UBND", level="provincial", decided_on=TODAY,
                                          expires_on=None)
    monkeypatch.undo()
    assert _files(media_storage()) == [] and _files(private_storage()) == []
    db.session.refresh(product)
    assert product.photos == [] and product.certifications == []


def test_replaced_and_deleted_files_are_removed(app, shop):
    owner, producer, product = shop()
    fields = dict(name=producer.name, kind="cooperative", province=producer.province, address="Xã A",
                  tax_code="5800123456")
    profiles.update_profile(owner, producer, logo=image_bytes(), registration_doc=PDF_BYTES, **fields)
    first_logo, first_doc = producer.logo_path, producer.registration_doc_path
    profiles.update_profile(owner, producer, logo=image_bytes(color=(0, 0, 255)), registration_doc=PDF_BYTES,
                            **fields)
    assert producer.logo_path != first_logo
    assert _files(media_storage()) == [producer.logo_path]
    assert _files(private_storage()) == [producer.registration_doc_path] != [first_doc]
    photo = listings.add_photo(owner, product, image_bytes())
    assert len(_files(media_storage())) == 3  # logo, page and list versions
    listings.delete_photo(owner, photo)
    assert _files(media_storage()) == [producer.logo_path]


def test_a_listing_on_sale_keeps_its_last_photo(shop):
    from marketplace.core.errors import ValidationError
    owner, producer, product = shop()
    photo = listings.add_photo(owner, product, image_bytes())
    listings.change_listing_status(owner, product, "active")
    with pytest.raises(ValidationError):
        listings.delete_photo(owner, photo)
    assert product.photos == [photo]
