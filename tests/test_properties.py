"""Invariants of loading and cleaning, checked on generated texts (hypothesis)."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnpe.clean import clean_text
from vnpe.load import articles_from_texts
from vnpe.text import sentences, split_lines

# Lines drawn from what news pages contain: story sentences in both languages, captions, headings,
# player residue, signatures, blank lines, odd spaces; plus arbitrary text.
PIECES = [
    "Chủ tịch nước Lương Cường hội đàm với Tổng thống Peru Dina Boluarte tại thủ đô Lima.",
    "Hai bên nhất trí thúc đẩy hợp tác trong các lĩnh vực dầu khí, khai khoáng và nông nghiệp.",
    "The two leaders agreed to expand cooperation in oil and gas, mining and agriculture.",
    "President Boluarte welcomed Vietnamese investment in Peru, the statement said.",
    "Leaders at the talks. (Photo: VNA)",
    "Hai nhà lãnh đạo tại hội đàm. (Ảnh: TTXVN)",
    "See more", "Tin liên quan", "Đọc thêm", "0:00 / 0:00", "photo.jpg", "VNA", "— VNA/VNS",
    "Theo dõi Báo Quốc tế trên", "Phiên bản di động", "Peru and Viet Nam sign a deal", "",
    "Lima (VNA) – The visit opened a new chapter.", "Tuấn Anh", "(từ thủ đô Lima, Peru)",
    "\u00a0Việt\u00a0Nam\u200b và Peru", "Floods in Italy", "Heavy rain hit Milan on Sunday ...",
]
line = st.one_of(st.sampled_from(PIECES), st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                                                          blacklist_characters="\r\n"),
                                                   max_size=80))
eol = st.sampled_from(["\n", "\r\n", "\r"])
document = st.lists(st.tuples(line, eol), min_size=0, max_size=30).map(
    lambda parts: "".join(a + b for a, b in parts)
)
# Page-shaped documents: an optional headline, story paragraphs with page furniture between them, and an
# optional related-articles list at the end.
STORY = [PIECES[0], PIECES[1], PIECES[2], PIECES[3],
         "Peru is Viet Nam's sixth-largest trading partner in Latin America, according to the ministry of trade.",
         "Tổng thống Peru đánh giá cao vai trò của Tập đoàn Viettel trong lĩnh vực viễn thông tại Peru."]
FURNITURE = ["Leaders at the talks. (Photo: VNA)", "0:00 / 0:00", "photo.jpg", "Theo dõi Báo Quốc tế trên", "VNA"]
page = st.tuples(
    st.sampled_from(["", "Peru and Viet Nam sign a deal\n\n", "Việt Nam và Peru thúc đẩy hợp tác\n\n"]),
    st.lists(st.one_of(st.sampled_from(STORY), st.sampled_from(FURNITURE)), min_size=1, max_size=12),
    st.sampled_from(["", "\n\nSee more\n\nFloods in Italy\n\nHeavy rain hit Milan on Sunday ...",
                     "\n\nĐọc thêm\n\nGiá vàng hôm nay tăng\n\nGiá vàng hôm nay tăng\n\nGiá vàng tăng mạnh ..."]),
    eol,
).map(lambda p: (p[0] + "\n\n".join(p[1]) + p[2]).replace("\n", p[3]))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def signature(text: str) -> list[tuple]:
    return [(ln.line_no, ln.raw, ln.role, ln.kept, ln.text) for ln in clean_text(text).lines]


@SETTINGS
@given(document)
def test_kept_and_dropped_lines_rebuild_the_file_exactly(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    lines = clean_text(nfc).lines
    assert "".join(ln.raw + ln.eol for ln in lines) == nfc
    kept = [ln for ln in lines if ln.kept]
    dropped = [ln for ln in lines if not ln.kept]
    assert sorted(ln.line_no for ln in kept + dropped) == list(range(1, len(lines) + 1))


@SETTINGS
@given(document)
def test_cleaning_is_deterministic(text: str) -> None:
    assert signature(text) == signature(text)


@SETTINGS
@given(document)
def test_nfd_and_nfc_input_give_the_same_table(text: str) -> None:
    nfc = articles_from_texts({"a": unicodedata.normalize("NFC", text)})
    nfd = articles_from_texts({"a": unicodedata.normalize("NFD", text)})
    assert nfc.drop(columns=["raw"]).equals(nfd.drop(columns=["raw"]))
    assert nfc.raw.equals(nfd.raw)


@SETTINGS
@given(page)
def test_cleaning_is_idempotent(text: str) -> None:
    """Cleaning the clean article (title and body) again gives the same title and body."""
    first = clean_text(unicodedata.normalize("NFC", text))
    again = clean_text(first.document)
    assert (again.meta.title, again.text) == (first.meta.title, first.text)


@SETTINGS
@given(document)
def test_line_ends_do_not_change_roles(text: str) -> None:
    as_lf = text.replace("\r\n", "\n").replace("\r", "\n")
    as_crlf = as_lf.replace("\n", "\r\n")
    strip = [(a, b, c, d) for a, b, c, d, _ in signature(as_lf)]
    assert strip == [(a, b, c, d) for a, b, c, d, _ in signature(as_crlf)]


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join))
def test_sentences_cover_the_text(text: str) -> None:
    parts = sentences(text)
    assert " ".join(parts).split() == " ".join(text.split()).replace("\u00a0", " ").replace("\u200b", "").split() \
        or not parts


@given(st.text(max_size=200))
def test_split_lines_roundtrip(text: str) -> None:
    assert "".join(a + b for a, b in split_lines(text)) == text


vietnamese_words = st.lists(st.sampled_from(["Lương", "Cường", "Hà", "Nội", "Đà", "Nẵng", "Thanh", "Hoá", "Thủy",
                                             "Bồ", "Đào", "Nha", "Trắng", "Ảnh", "Vĩnh", "Peru", "Lima", "Ngọc"]),
                            min_size=1, max_size=4).map(" ".join)


@SETTINGS
@given(vietnamese_words, vietnamese_words)
def test_a_spelling_is_within_itself_and_its_marks_may_be_left_out(a: str, b: str) -> None:
    from vnpe.text import spelled_within, strip_diacritics

    assert spelled_within(a, a) and spelled_within(a.upper(), a)
    assert spelled_within(strip_diacritics(a), a)  # an unmarked spelling agrees with every marked one ...
    if spelled_within(a, b) and spelled_within(b, a):  # ... and two that agree both ways differ in case only
        assert strip_diacritics(a).casefold() == strip_diacritics(b).casefold()
    if strip_diacritics(a).casefold() != strip_diacritics(b).casefold():
        assert not spelled_within(a, b)  # other letters never agree
