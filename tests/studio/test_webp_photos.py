"""Photos reach a phone as WebP in the width it needs, the first one without lazy loading.

A product photo is stored once as JPEG (page and list versions); pages offer WebP files
in a few widths through `<picture>`/`srcset`, made on first request from the stored JPEG.
"""
import io
import re

import pytest
from PIL import Image

from marketplace.catalog.models import ProductStatus
from marketplace.studio.listings import add_photo, change_listing_status
from tests.studio.fixtures import image_bytes

pytestmark = pytest.mark.both_stores  # made from, and kept in, the local folder or the S3 bucket


def _on_sale_with_photos(shop, count):
    owner, producer, product = shop()
    for i in range(count):
        add_photo(owner, product, image_bytes("PNG", size=(1600, 1200), color=(40 * i, 120, 60)), alt=f"Ảnh {i}")
    change_listing_status(owner, product, ProductStatus.ACTIVE)
    return product


def test_the_product_page_offers_webp_widths_and_only_the_first_photo_is_eager(client, shop):
    product = _on_sale_with_photos(shop, 3)
    html = client.get(f"/products/{product.slug}").get_data(as_text=True)
    gallery = html[html.index('class="gallery"'):html.index('class="product-info"')]
    pictures = re.findall(r"<picture>(.*?)</picture>", gallery, re.S)
    assert len(pictures) == 3
    first, *rest = pictures
    assert 'fetchpriority="high"' in first and "loading=" not in first
    assert all('loading="lazy"' in p for p in rest)
    srcset = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="[^"]+">', first)[1]
    candidates = [c.strip().split(" ") for c in srcset.split(",")]
    assert [w for _, w in candidates] == ["240w", "480w", "800w", "1200w"]
    fallback = re.search(r'<img class="" src="([^"]+\.jpg)"', first)[1]
    assert client.get(fallback).mimetype == "image/jpeg"
    for url, width in candidates:
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "image/webp"
        assert response.cache_control.max_age == 365 * 24 * 3600
        with Image.open(io.BytesIO(response.data)) as picture:
            assert picture.format == "WEBP" and picture.width == int(width[:-1])
    big_jpeg = len(client.get(fallback).data)
    assert len(client.get(candidates[1][0]).data) < big_jpeg  # the phone's width weighs less than the JPEG


def test_catalogue_cards_offer_the_list_photo_as_webp_and_the_first_card_is_eager(client, shop):
    for _ in range(2):
        _on_sale_with_photos(shop, 1)
    html = client.get("/products").get_data(as_text=True)
    pictures = re.findall(r"<picture>(.*?)</picture>", html, re.S)
    assert len(pictures) == 2
    assert 'fetchpriority="high"' in pictures[0] and 'loading="lazy"' in pictures[1]
    srcset = re.search(r'srcset="([^"]+)"', pictures[1])[1]
    assert [c.strip().split(" ")[1] for c in srcset.split(",")] == ["240w", "480w"]  # never wider than the 480 px list photo
    assert "-list." in srcset


def test_only_listed_widths_of_stored_photos_are_made(client, shop):
    product = _on_sale_with_photos(shop, 1)
    key = product.photos[0].path
    stem = key.rsplit(".", 1)[0]
    assert client.get(f"/media/{stem}.480w.webp").status_code == 200
    assert client.get(f"/media/{stem}.481w.webp").status_code == 404  # no resizing to any size asked
    assert client.get(f"/media/{stem}-missing.480w.webp").status_code == 404
    assert client.get("/media/../config.480w.webp").status_code == 404
