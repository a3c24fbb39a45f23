"""Query analysis and highlighting: folding, typo budgets, synonyms, stop words."""
from marketplace.core.text import fold
from marketplace.search.analysis import analyze, edit_distance, folded_text, load_vocabulary, term_matches, words
from marketplace.search.highlight import highlight


def test_folding_is_the_same_for_documents_and_queries():
    assert words("Đặc sản ĐÀ LẠT") == ["dac", "san", "da", "lat"]
    assert folded_text("Cà phê Buôn Ma Thuột", None, "Mật ong") == "ca phe buon ma thuot mat ong"
    assert analyze("dac san da lat").text == analyze("ĐẶC SẢN Đà Lạt").text == "dac san da lat"
    assert fold("Nước mắm Phú Quốc") == "nuoc mam phu quoc"


def test_words_drop_punctuation_underscores_and_overlong_tokens():
    assert words("500ml_chai, (loại 1)!") == ["500ml", "chai", "loai", "1"]
    assert words("a" * 41 + " mật") == ["mat"]


def test_typo_budget_fits_short_vietnamese_syllables():
    plan = analyze("nuoc mam phu qoc")
    terms = {t.word: t for unit in plan.units for t in unit.terms}
    assert terms["nuoc"].typos == 1 and terms["mam"].typos == 1  # 3 letters, in a query of 3+ words
    assert terms["qoc"].prefix and terms["qoc"].typos == 1
    assert {t.word: t.typos for u in analyze("che").units for t in u.terms} == {"che": 0}
    assert {t.word: t.typos for u in analyze("thuong hieu").units for t in u.terms} == {"thuong": 1, "hieu": 1}
    assert [t.typos for u in analyze("500ml huongthom").units for t in u.terms] == [0, 2]


def test_synonyms_are_data_and_apply_both_ways():
    vocabulary = load_vocabulary()
    assert ("cafe",) in vocabulary.synonyms[("ca", "phe")]
    assert ("ca", "phe") in vocabulary.synonyms[("cafe",)]
    unit = analyze("cafe buon ma thuot").units[0]
    assert [t.word for t in unit.terms] == ["cafe"] and ("ca", "phe") in unit.synonyms
    unit = analyze("chè").units[0]
    assert ("tra",) in unit.synonyms
    assert ("mat", "ong") in analyze("honey").units[0].synonyms
    assert any(group for group in vocabulary.groups if "ca phe" in group and "cafe" in group)


def test_stop_words_go_unless_they_are_all_there_is():
    plan = analyze("mua nuoc mam ngon gia re")
    assert plan.words == ["nuoc", "mam"] and set(plan.ignored) == {"mua", "ngon", "gia", "re"}
    assert analyze("mua").words == ["mua"]


def test_repeated_words_count_once_and_queries_are_capped():
    assert analyze("ha giang ha noi").words == ["ha", "giang", "noi"]
    assert len(analyze(" ".join(f"tu{i}" for i in range(30))).words) == 10


def test_edit_distance_counts_a_swap_as_one():
    assert edit_distance("thout", "thuot") == 1
    assert edit_distance("qoc", "quoc") == 1
    assert edit_distance("mat", "ong") == 3
    assert edit_distance("abcdef", "a", limit=2) == 3


def test_term_matching_for_highlights():
    thout = analyze("buon ma thout").units[-1].terms[0]
    assert term_matches(thout, "thuot") and term_matches(thout, "thoutxyz") and not term_matches(thout, "thanh")


def test_highlight_marks_folded_matches_and_escapes_the_rest():
    html = str(highlight("Mật ong bạc hà <Hà Giang>", analyze("mat ong bac h")))
    assert html.startswith("<mark>Mật ong bạc hà</mark> &lt;<mark>Hà</mark> Giang&gt;")
    assert str(highlight("Cà phê Buôn Ma Thuột", analyze("cafe buon ma thout"))) == "<mark>Cà phê Buôn Ma Thuột</mark>"
    assert str(highlight("<b>x</b>", analyze(""))) == "&lt;b&gt;x&lt;/b&gt;"
