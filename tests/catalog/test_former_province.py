"""A producer keeps its former province, so the old names still lead to its products."""
from marketplace.catalog.queries import browse_products, parse_catalog_args
from marketplace.catalog.services import find_former_province, find_province
from werkzeug.datastructures import MultiDict

import pytest

TODAY = __import__("datetime").date(2026, 11, 22)


def _slugs(args):
    filters = parse_catalog_args(MultiDict(args))
    assert not filters.errors
    return {p.slug for p in browse_products(filters, TODAY).items}


def test_former_provinces_are_loaded_under_their_new_unit(db):
    assert find_former_province("Bến Tre").province.code == "VLG"
    assert find_former_province("ben-tre").province.code == "VLG"
    assert find_former_province("Sóc Trăng").province.code == "CTO"
    assert find_province("VLG") == find_province("vinh-long")
    assert find_former_province("Atlantis") is None


@pytest.mark.both_engines
def test_old_province_name_finds_products_of_that_area(make_producer, make_product):
    ben_tre = make_product(name="Kẹo dừa Mỏ Cày", producer=make_producer(province="vinh-long", former="Bến Tre"))
    tra_vinh = make_product(name="Bánh tét Trà Cuôn", producer=make_producer(province="vinh-long", former="Trà Vinh"))
    soc_trang = make_product(name="Bánh pía Vũng Thơm", producer=make_producer(province="can-tho", former="Sóc Trăng"))

    assert _slugs({"province": "ben-tre"}) == {ben_tre.slug}
    assert _slugs({"province": "soc-trang"}) == {soc_trang.slug}
    assert _slugs({"province": "vinh-long"}) == {ben_tre.slug, tra_vinh.slug}
    assert _slugs({"q": "ben tre"}) == {ben_tre.slug}


def test_former_province_must_belong_to_the_chosen_province(make_producer):
    from marketplace.core.errors import ValidationError
    with pytest.raises(ValidationError):
        make_producer(province="ha-noi", former="Bến Tre")


def test_product_and_province_pages_name_the_former_province(client, make_producer, make_product):
    product = make_product(name="Kẹo dừa Bến Tre", producer=make_producer(province="vinh-long", former="Bến Tre"))
    html = client.get(f"/products/{product.slug}").get_data(as_text=True)
    assert "tỉnh cũ: Bến Tre" in html
    html = client.get("/provinces/vinh-long").get_data(as_text=True)
    assert "Bến Tre" in html and "Trà Vinh" in html
