"""Words of names and cross-language aliases as same-event evidence (vnpe.events, issue 9)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from vnpe.events import TOKEN_WEIGHT, compare, extract, load_aliases, load_classifiers, use_aliases, use_classifiers
from vnpe.events.names import _name_lists

EN_YAGI = ("On September 7, Typhoon Yagi made landfall in Quang Ninh. Tran Hong Ha directed the response, "
           "and VinFast closed its Haiphong plant.")
VI_YAGI = "Chiều 7/9, bão Yagi đổ bộ vào Quảng Ninh. Phó Thủ tướng Trần Hồng Hà chỉ đạo; VinFast tạm dừng nhà máy."


def test_single_capitalised_words_are_kept_as_words_not_names():
    e = extract(VI_YAGI)
    assert {"yagi", "vinfast"} <= e.tokens
    assert "vinfast" not in e.names  # a lone capitalised word is a word, not a name ...
    assert "yagi" in e.names  # ... unless a classifier word names it: "bão Yagi" (name_classifiers.toml)
    assert all(len(n.split()) >= 2 for n in e.names - {"yagi"})


def test_classifier_words_reduce_a_name_to_its_head():
    en = extract("Super Typhoon Yagi hit Quang Ninh. VinFast Auto Pte Ltd, Lucid Group and carmaker Tesla.")
    vi = extract("Cơn bão Yagi đổ bộ; hãng VinFast và tập đoàn Vingroup. Trần Bảo Ngọc gặp Lê Gia Bảo.")
    assert {"yagi", "vinfast auto", "lucid", "tesla"} <= en.names and "super typhoon yagi" not in en.names
    assert {"yagi", "vinfast", "vingroup", "tran bao ngoc", "le gia bao"} <= vi.names  # "Bảo" is no "bão"
    assert "ngoc" not in vi.names


def test_classified_heads_are_shared_names_across_languages():
    a = extract("Chiều 7/9, bão Yagi đổ bộ vào Quảng Ninh.")
    b = extract("On September 7, Typhoon Yagi made landfall in Quang Ninh.")
    ok, why = compare(a, b, min_evidence=1.0)  # one shared rare name beside an agreeing date
    assert ok and "names yagi" in why
    assert not compare(a, b, {"yagi": 0.0}, min_evidence=1.0)[0]  # a common head word is no evidence


def test_user_classifier_file_extends_the_shipped_one(tmp_path: Path):
    f = tmp_path / "more.toml"
    f.write_text('[classifiers]\nbefore = ["volcano"]\n', encoding="utf-8")
    assert ("volcano",) in load_classifiers(f)["before"] and ("bão",) in load_classifiers(f)["before"]
    try:
        use_classifiers(f)
        assert "etna" in extract("The volcano Etna erupted.").names
    finally:
        use_classifiers()
    assert "etna" not in extract("The volcano Etna erupted.").names


def test_user_classifier_file_extends_abbreviations_and_family_names(tmp_path):
    """``use_classifiers`` files extend every table of name_classifiers.toml, not only the classifier words."""
    text = "Chiều 5/6, Hội đồng QXBT họp với ông Khúc Thừa Dụ và Ông Lỗ Văn."
    f = tmp_path / "more.toml"
    f.write_text('[abbreviations]\ngeneric = ["QXBT"]\n[vietnamese]\nfamily_names = ["Yên"]\n', encoding="utf-8")
    before = extract(text)
    assert "yên" not in _name_lists()[1]
    try:
        use_classifiers(f)
        after = extract(text)
        assert "yên" in _name_lists()[1] and "yen" in _name_lists()[2]
    finally:
        use_classifiers()
    assert "qxbt" in before.acronyms and "qxbt" not in after.acronyms  # a generic abbreviation is no acronym
    assert extract(text) == before and "yên" not in _name_lists()[1]  # back to the shipped lists
    # a two-syllable name counts only after a family name: the user's "Yên" makes "Yên Bình" one
    two = "Chiều 5/6, tại Lima, Chủ tịch Yên Bình gặp đại diện doanh nghiệp Peru."
    assert "yen binh" not in extract(two).names
    try:
        use_classifiers(f)
        assert "yen binh" in extract(two).names
    finally:
        use_classifiers()


def test_words_exclude_titles_places_and_function_words():
    e = extract("On Monday in Hanoi, President Joe Biden met Vietnamese officials. However, nothing changed.")
    assert {"biden"} <= e.tokens
    assert not {"president", "monday", "hanoi", "vietnamese"} & e.tokens


def test_shared_words_add_evidence_beside_a_name_across_languages():
    a, b = extract(VI_YAGI), extract(EN_YAGI)
    ok, why = compare(a, b)
    # two shared names (tran hong ha; yagi, named by its classifier) + one shared word (vinfast) = 2 + 0.5
    assert ok and "names tran hong ha, yagi" in why and "words vinfast" in why
    assert TOKEN_WEIGHT == 0.5


def test_words_alone_never_make_a_link():
    a = extract("Chiều 7/9, VinFast, Samsung và Toyota tạm dừng nhà máy.")
    b = extract("On September 7, VinFast, Samsung and Toyota halted plants.")
    ok, why = compare(a, b)
    assert not ok and why == "no shared specific name"


def test_common_words_never_count():
    a, b = extract(VI_YAGI), extract(EN_YAGI)
    common = {"yagi": 0.0, "vinfast": 0.0}
    ok, why = compare(a, b, common, min_evidence=1.0)
    assert ok and "words" not in why and "yagi" not in why  # the shared name alone, beside the date
    ok, why = compare(a, b, common, min_evidence=1.5)
    assert not ok and why.startswith("too little specific evidence")


def test_a_word_held_by_a_shared_name_counts_once():
    a = extract("Sáng 13/11, Lương Cường gặp Dina Boluarte và Gustavo Adrianzén.")
    b = extract("On November 13, Luong Cuong met Dina Boluarte and Gustavo Adrianzen.")
    ok, why = compare(a, b)
    assert ok and "words" not in why  # boluarte, adrianzen are words of shared names


def test_aliases_map_sino_vietnamese_readings():
    a = extract("Sáng 19/8 tại Bắc Kinh, Tập Cận Bình chủ trì lễ đón Tô Lâm và Bành Lệ Viện dự.")
    b = extract("On August 19 in Beijing, Xi Jinping hosted a welcome for To Lam; Peng Liyuan attended.")
    assert {"xi jinping", "peng liyuan"} <= a.names & b.names
    assert compare(a, b)[0]


def test_user_alias_file_extends_the_shipped_one(tmp_path: Path):
    f = tmp_path / "more.toml"
    f.write_text('[names]\n"Shinzo Abe" = ["Abe Shinzo"]\n', encoding="utf-8")
    aliases = load_aliases(f)
    assert aliases["abe shinzo"] == "shinzo abe" and aliases["tap can binh"] == "xi jinping"
    try:
        use_aliases(f)
        assert "shinzo abe" in extract("Thủ tướng Abe Shinzo phát biểu.").names
    finally:
        use_aliases()
    assert "shinzo abe" not in extract("Thủ tướng Abe Shinzo phát biểu.").names


WORDISH = st.lists(st.sampled_from(["Yagi ", "VinFast ", "Lương ", "Cường ", "President ", "Hà Nội ", "the ",
                                    "A ", "ĐÀ ", "O'Neil ", "Mc-Do ", "x ", "7/9 ", ", ", ". "]),
                   max_size=20).map("".join)


@settings(max_examples=100, deadline=None)
@given(WORDISH, WORDISH)
def test_words_are_folded_single_words_and_compare_is_symmetric(x, y):
    a, b = extract(x), extract(y)
    assert all(w.isalpha() and len(w) >= 4 and w == w.casefold() and w.isascii() for w in a.tokens)
    assert compare(a, b)[0] == compare(b, a)[0]


def test_a_marked_word_is_not_the_place_it_folds_to():
    # "Nhà Trắng" (the White House) folds to Nha Trang and "Vĩnh Hưng" (a district of Long An) starts with the
    # letters of Vinh (Nghệ An): neither names those cities; the cities' own spellings, marked or not, still do.
    white_house = extract("Chiều 10/5, Tổng thống Donald Trump gặp ông Henry Kissinger tại Nhà Trắng.")
    district = extract("Sáng 3/4, ở Vĩnh Hưng, lực lượng biên phòng bắt giữ xe chở xăng lậu.")
    assert white_house.place is None and district.place is None
    assert extract("Sáng 9/5, tại Nha Trang, tỉnh tổ chức hội nghị.").place == "Nha Trang"
    assert extract("Sáng 9/5, tại thành phố Vinh, tỉnh tổ chức hội nghị.").place == "Vinh"


def test_a_full_vietnamese_name_whose_given_names_spell_a_place_is_a_name():
    # "Trương Hòa Bình" (a deputy prime minister) is not "Trương" before the province of Hòa Bình, while a
    # function word before a place ("Từ Hà Nội") and a word before a paper's name stay out of the names.
    assert "truong hoa binh" in extract("Chiều 5/3, Phó Thủ tướng Trương Hòa Bình chủ trì cuộc họp.").names
    assert not extract("Từ Hà Nội, đoàn công tác lên đường đến Lima.").names
    assert not extract("Như Báo Người Lao Động đã đưa tin, vụ việc gây chú ý.").names
