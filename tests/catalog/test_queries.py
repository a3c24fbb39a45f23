"""Catalogue filters combine, sort and paginate the same way on SQLite and PostgreSQL."""
from datetime import date, datetime

import pytest
from werkzeug.datastructures import MultiDict

from marketplace.catalog.queries import browse_products, facet_counts, parse_catalog_args

TODAY = date(2026, 11, 22)


def _browse(**args):
    filters = parse_catalog_args(MultiDict({k: str(v) for k, v in args.items()}))
    assert not filters.errors, filters.errors
    return browse_products(filters, TODAY)


@pytest.fixture
def catalogue(make_producer, make_product, make_certification):
    """Six public products and two hidden ones, across groups, regions, kinds, prices and stars."""
    hn = make_producer(name="HTX Gốm Bát Tràng", province="ha-noi", kind="cooperative")
    dl = make_producer(name="Công ty Cà phê Ban Mê", province="dak-lak", kind="enterprise")
    ag = make_producer(name="Hộ kinh doanh Nước mắm Hồng Phúc", province="an-giang", former="Kiên Giang",
                       kind="household")
    products = {
        "gom": make_product(name="Bình gốm men lam", producer=hn, category="gom-su", price=450_000,
                            created_at=datetime(2026, 1, 1)),
        "cafe": make_product(name="Cà phê Robusta rang mộc", producer=dl, category="ca-phe-ca-cao", price=180_000,
                             created_at=datetime(2026, 2, 1)),
        "cafe2": make_product(name="Cà phê phin giấy", producer=dl, category="ca-phe-ca-cao", price=90_000,
                              created_at=datetime(2026, 3, 1)),
        "mam": make_product(name="Nước mắm Phú Quốc 40 độ đạm", producer=ag, category="gia-vi-nuoc-cham",
                            price=120_000, created_at=datetime(2026, 4, 1)),
        "tieu": make_product(name="Tiêu đen Phú Quốc", producer=ag, category="gia-vi-nuoc-cham", price=95_000,
                             created_at=datetime(2026, 5, 1)),
        "nostar": make_product(name="Chén gốm men rạn", producer=hn, category="gom-su", price=60_000,
                               created_at=datetime(2026, 6, 1)),
    }
    make_certification(products["gom"], stars=5, decided_on=date(2025, 1, 1))
    make_certification(products["cafe"], stars=4, decided_on=date(2025, 1, 1))
    make_certification(products["cafe2"], stars=3, decided_on=date(2025, 1, 1))
    make_certification(products["mam"], stars=4, decided_on=date(2024, 6, 1))
    make_certification(products["tieu"], stars=4, decided_on=date(2022, 6, 1))  # expired
    make_product(name="Bản nháp gốm", producer=hn, category="gom-su", status="draft")
    hidden = make_producer(name="HTX chưa xác minh", verified=False)
    make_product(name="Gốm chưa duyệt", producer=hidden, category="gom-su")
    return products


def _names(page):
    return [p.name for p in page.items]


@pytest.mark.both_engines
def test_only_public_products_are_listed(catalogue):
    page = _browse()
    assert page.total == 6
    assert "Bản nháp gốm" not in _names(page) and "Gốm chưa duyệt" not in _names(page)


@pytest.mark.both_engines
def test_filters_combine(catalogue):
    assert _names(_browse(group="thu-cong-my-nghe", stars=4)) == ["Bình gốm men lam"]
    assert set(_names(_browse(province="dak-lak", min_price=100_000))) == {"Cà phê Robusta rang mộc"}
    assert set(_names(_browse(region="dong-bang-song-cuu-long", kind="household"))) == {
        "Nước mắm Phú Quốc 40 độ đạm", "Tiêu đen Phú Quốc"}
    assert set(_names(_browse(region="mien-nam"))) == {"Nước mắm Phú Quốc 40 độ đạm", "Tiêu đen Phú Quốc"}
    assert set(_names(_browse(subcategory="ca-phe-ca-cao", max_price=100_000))) == {"Cà phê phin giấy"}
    assert set(_names(_browse(province="kien-giang", stars=3))) == {"Nước mắm Phú Quốc 40 độ đạm"}
    assert _names(_browse(q="phu quoc", stars=4)) == ["Nước mắm Phú Quốc 40 độ đạm"]
    assert _names(_browse(q="CÀ PHÊ robusta")) == ["Cà phê Robusta rang mộc"]


@pytest.mark.both_engines
def test_sorts(catalogue):
    assert _names(_browse())[0] == "Chén gốm men rạn"  # newest first by default
    prices = [p.price for p in _browse(sort="price_asc").items]
    assert prices == sorted(prices)
    prices = [p.price for p in _browse(sort="price_desc").items]
    assert prices == sorted(prices, reverse=True)
    by_stars = _browse(sort="stars").items
    assert [p.listed_stars for p in by_stars][:4] == [5, 4, 4, 3]
    assert by_stars[0].name == "Bình gốm men lam"


@pytest.mark.both_engines
def test_pagination(catalogue):
    first, second = _browse(per_page=4), _browse(per_page=4, page=2)
    assert first.total == second.total == 6 and first.pages == 2
    assert len(first.items) == 4 and len(second.items) == 2
    assert not set(_names(first)) & set(_names(second))
    assert _browse(per_page=4, page=99).items == []


@pytest.mark.both_engines
def test_facet_counts_keep_the_other_filters(catalogue, db):
    from marketplace.catalog.services import find_category
    filters = parse_catalog_args(MultiDict({"group": "do-uong", "stars": "4"}))
    counts = facet_counts(filters, TODAY)
    beverages, crafts = find_category("do-uong"), find_category("thu-cong-my-nghe")
    assert counts["groups"][beverages.id] == 1 and counts["groups"][crafts.id] == 1
    assert counts["stars"] == {3: 2, 4: 1, 5: 0}


def test_per_page_is_capped():
    filters = parse_catalog_args(MultiDict({"per_page": "5000"}), default_per_page=24, max_per_page=96)
    assert filters.per_page == 96 and not filters.errors


@pytest.mark.both_engines
@pytest.mark.parametrize("args,bad", [
    ({"stars": "abc", "province": "dak-lak"}, "stars"), ({"stars": "9", "kind": "household"}, "stars"),
    ({"page": "-3", "group": "thu-cong-my-nghe"}, "page"), ({"min_price": "1e9", "max_price": "100000"}, "min_price"),
    ({"max_price": "-1", "min_price": "100000"}, "max_price"), ({"sort": "drop table", "stars": "4"}, "sort"),
    ({"kind": "'; --", "stars": "4"}, "kind"), ({"province": "atlantis", "stars": "3"}, "province"),
    ({"group": "<script>", "max_price": "150000"}, "group"), ({"region": "%00", "kind": "enterprise"}, "region"),
    ({"subcategory": "thuc-pham", "province": "kien-giang"}, "subcategory"),
    ({"min_price": "500", "max_price": "100", "stars": "5"}, "max_price"),  # min > max: the range goes
])
def test_hostile_parameters_are_dropped_and_reported(catalogue, args, bad):
    """The bad value is named, and the page is exactly what the other, valid, filters give."""
    filters = parse_catalog_args(MultiDict(args))
    assert set(filters.errors) == {bad}
    crossed = args.get("min_price") == "500"
    kept = {k: v for k, v in args.items() if k != bad and not (crossed and k == "min_price")}
    page, expected = browse_products(filters, TODAY), _browse(**kept)
    assert expected.total < 6  # the valid filter narrows: a dropped-everything page would not pass
    assert (_names(page), page.total) == (_names(expected), expected.total)


def test_an_overlong_query_is_cut_and_reported(catalogue):
    filters = parse_catalog_args(MultiDict({"q": "ca phe " + "x" * 500}))
    assert set(filters.errors) == {"q"} and len(filters.q) == 200
    assert browse_products(filters, TODAY).total == 0  # the words are still searched, cut: nothing has them


def test_like_wildcards_in_q_are_literal(catalogue):
    assert _browse(q="%").total == 0
    assert _browse(q="_").total == 0
