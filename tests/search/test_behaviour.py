"""What users get, with either engine: folding, typos, prefixes, synonyms, ranking,
facets, filters, sorting. Each test runs on the embedded engine and, when MEILI_URL
is set, on a live Meilisearch."""
import pytest

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.search.base import Eq, SearchRequest
from tests.search.conftest import names


@pytest.fixture(autouse=True)
def _shared(shared):
    """All these tests read the shared catalogue (per engine); `_top` checks the engine answered."""
    yield


def _top(page, n=5):
    assert not page.degraded, "the engine did not answer"
    return names(page)[:n]


def test_diacritics_and_case_are_folded_both_ways(search):
    for q in ("dac san da lat", "ĐẶC SẢN ĐÀ LẠT", "Đặc sản Đà Lạt", "đac san dà lat"):
        assert _top(search(q))[0] == "Đặc sản Đà Lạt mứt dâu tây", q


def test_typos_in_short_vietnamese_syllables(search):
    assert _top(search("cafe buon ma thout"))[0] == "Cà phê Buôn Ma Thuột rang mộc"
    assert _top(search("nuoc mam phu qoc"))[0] == "Nước mắm Phú Quốc 40 độ đạm"
    assert _top(search("sau rieg tan thoi"))[0] == "Sầu riêng Ri6 Tân Thới"


def test_the_last_word_is_a_prefix(search):
    assert _top(search("mat ong bac h"))[0] == "Mật ong bạc hà Hà Giang"
    assert _top(search("sau rieng tan th"))[0] == "Sầu riêng Ri6 Tân Thới"
    assert "Nhang trầm hương" in _top(search("nhang tra"))


def test_synonyms_both_ways(search):
    assert set(_top(search("cafe"))) == {"Cà phê Buôn Ma Thuột rang mộc", "Cà phê Robusta Gia Lai"}
    assert _top(search("tra shan tuyet"))[0] == "Chè Shan tuyết Tà Xùa"
    assert _top(search("che hoa vang"))[0] == "Trà hoa vàng Ba Chẽ"
    assert "Mật ong bạc hà Hà Giang" in _top(search("honey"))


def test_former_provinces_are_searchable(search):
    assert _top(search("sau rieng ben tre"))[0] == "Sầu riêng Ri6 Tân Thới"
    assert _top(search("nuoc mam kien giang"))[0] == "Nước mắm Phú Quốc 40 độ đạm"


def test_all_words_rank_before_some(search):
    # Six words: a product with all six comes before one with five, whatever the stars.
    found = _top(search("mat ong hoa nhan hung yen"))
    assert found[:2] == ["Mật ong hoa nhãn", "Mật ong hoa nhãn Hưng Long"]


def test_name_before_description_and_stars_break_ties(search):
    found = names(search("mat ong"))
    assert found.index("Viên nghệ tinh bột") > found.index("Mật ong hoa nhãn")
    # Same words, same fields: the 5-star products first.
    assert set(found[:2]) == {"Mật ong bạc hà Hà Giang", "Mật ong hoa nhãn Hưng Long"}
    assert "Mật ong nháp chưa bán" not in found  # drafts are not public


def test_fewer_typos_first_then_exact_before_prefix(search):
    found = names(search("bong"))
    assert found[0] == "Khăn bông dệt tay"  # exact, no stars, before "lồng" (1 typo, no stars)
    found = names(search("nhan"))
    assert found.index("Nhãn lồng Phố Hiến") < found.index("Nhang trầm hương")  # exact before prefix, 5★ or not


def test_facets_combine_with_the_query_and_keep_other_choices(search, shared):
    page = search("mat ong")
    assert page.facets["groups"]  # by group id
    assert sum(page.facets["kinds"].values()) == page.total
    assert page.facets["stars"][3] >= page.facets["stars"][4] >= page.facets["stars"][5] == 2
    hung_yen = db.session.get(Product, shared.ids["mat_ong_nhan"]).producer.province_id
    filtered = search("mat ong", province="hung-yen")
    assert names(filtered) == ["Mật ong hoa nhãn"]
    # The province facet ignores the province filter (so other provinces stay choosable) ...
    assert filtered.facets["provinces"][hung_yen] == 1 and len(filtered.facets["provinces"]) > 1
    # ... and the others count within it.
    assert filtered.facets["kinds"] == {"cooperative": 1}
    assert sum(filtered.facets["price_bands"].values()) == 1


def test_star_filter_and_facet_follow_the_certificate_dates(search):
    assert names(search("nuoc mam", stars=5)) == []  # Nam Ô's 5 stars have expired
    assert names(search("nuoc mam", stars=4)) == ["Nước mắm Phú Quốc 40 độ đạm"]
    assert search("nuoc mam").facets["stars"] == {3: 1, 4: 1, 5: 0}


def test_filters_sorting_and_pages(search):
    assert names(search("ca phe", sort="price_asc")) == ["Cà phê Robusta Gia Lai", "Cà phê Buôn Ma Thuột rang mộc"]
    assert names(search("ca phe", sort="price_desc"))[0] == "Cà phê Buôn Ma Thuột rang mộc"
    assert names(search("ca phe", kind="household")) == ["Cà phê Robusta Gia Lai"]
    # Both have every word and 5 stars: equally relevant, in no defined order.
    assert sorted(names(search("mat ong", min_price=205_000, max_price=300_000))) == [
        "Mật ong bạc hà Hà Giang", "Mật ong hoa nhãn Hưng Long"]
    assert names(search("mat ong", min_price=205_000, max_price=300_000, sort="price_asc")) == [
        "Mật ong hoa nhãn Hưng Long", "Mật ong bạc hà Hà Giang"]
    first, second = search("mat ong", per_page=1), search("mat ong", per_page=1, page=2)
    assert first.total == second.total >= 3 and names(first) != names(second)
    assert first.pages == first.total and list(first.iter_pages())[:1] == [1]


def test_hostile_filter_values_match_nothing_and_break_nothing(shared):
    any_engine = shared.engine
    for value in ('" OR kind = "enterprise', "cooperative\" OR 1=1 --", "\\", "') OR ('1'='1"):
        result = any_engine.search(SearchRequest(index="products", query="", filters=(Eq("kind", value),)))
        assert result.total == 0 and result.ids == []


def test_partial_results_say_so(search):
    page = search("mat ong xyzqwv")
    assert page.partial and page.total >= 3 and "Mật ong" in names(page)[0]
    assert not search("mat ong").partial


def test_matched_words_are_highlighted(search, shared):
    page = search("mat ong bac h")
    marked = str(page.highlights[shared.ids["mat_ong_ha_giang"]])
    assert marked.startswith("<mark>Mật ong bạc hà") and "</mark>" in marked


def test_nothing_found_offers_nearby_searches(search):
    page = search("mat ong", province="son-la", stars=5)
    assert page.total == 0
    everywhere = search("mat ong").total
    # Only the searches that find something, the largest first; the single words find nothing in Sơn La.
    assert [(a.label, a.args, a.total) for a in page.alternatives] == [
        ("Tìm “mat ong” không kèm bộ lọc", {"q": "mat ong"}, everywhere),
        ("Bỏ lọc tỉnh, thành phố", {"q": "mat ong", "stars": 5}, 2),  # the two 5-star honeys
    ]
    page = search("nuoc mam", province="son-la")
    assert page.total == 0
    assert [(a.label, a.args, a.total) for a in page.alternatives] == [
        ("Bỏ lọc tỉnh, thành phố", {"q": "nuoc mam"}, 2),
        ("Tìm “nuoc mam” không kèm bộ lọc", {"q": "nuoc mam"}, 2),
    ]
