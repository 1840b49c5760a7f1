"""Fast paths agree with the slow definitions they replace (hypothesis).

The cleaner skips work when a cheap test shows that a pattern cannot match, or does a text-wide test once
instead of once per line. Each fast path is checked here against the plain definition, on texts drawn
from news lines, odd Unicode (combining marks, odd spaces, letters beyond the BMP) and arbitrary characters.
"""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

import vnpe.text as text_module
from vnpe.clean import lines as line_rules
from vnpe.clean.vocabulary import _FOLD_MISMATCH, Opening, default_vocabulary
from vnpe.text import (
    _VI_LETTERS,
    _letter_counts,
    fold,
    normalize,
    normalize_lines,
    normalized_lines,
    remember_folds,
    split_lines,
)

PIECES = [
    "Chủ tịch nước Lương Cường hội đàm với Tổng thống Peru Dina Boluarte tại thủ đô Lima.",
    "Leaders at the talks. (Photo: VNA)", "Hai nhà lãnh đạo tại hội đàm. (Ảnh: TTXVN)", "… thắng. Ảnh: EPA",
    "… dồi dào. Ảnh Zing.vn", "(nguồn nước loại B).", "VİDEO X", "photo credit: ıllustratıon",
    "function onResponseClick() {", "getTimeString('2006/01/27 10:20');", "x = 1;", "a.b(c)", "  var x",
    "Vie\u0302\u0323t\u00a0Nam\u200b", "e\u200b\u0301", "\u2000\u2001 a\t\tb", "𝐀𝐁 ab", "١٢ ǅ Ⅳ",
    "Read more: x", ">> Headline here", "» Tin khác", "http://x.y", "[a](b)", "![i](x.png)", "",
]
chars = st.characters(blacklist_categories=("Cs",))
piece = st.one_of(st.sampled_from(PIECES), st.text(alphabet=chars, max_size=60))
text = st.lists(piece, max_size=6).map("".join)
document = st.lists(st.tuples(piece, st.sampled_from(["\n", "\r\n", "\r"])), max_size=12).map(
    lambda parts: "".join(a + b for a, b in parts))


@given(document)
@settings(max_examples=300)
def test_normalize_lines_is_normalize_per_line(doc: str) -> None:
    lines = [r for r, _ in split_lines(doc)]
    assert normalize_lines(lines, doc) == [normalize(r) for r in lines]


@given(document)
def test_normalize_lines_on_nfd_text(doc: str) -> None:
    doc = unicodedata.normalize("NFD", doc)
    lines = [r for r, _ in split_lines(doc)]
    assert normalize_lines(lines, doc) == [normalize(r) for r in lines]


def _letter_counts_slow(text: str) -> tuple[int, int]:
    letters = sum(1 for c in text if re.match(r"[^\W\d_]", c))
    return letters, sum(1 for c in text if c in _VI_LETTERS)


@given(text)
@settings(max_examples=300)
def test_letter_counts(t: str) -> None:
    assert _letter_counts(t) == _letter_counts_slow(t)


def _looks_like_code_slow(t: str) -> bool:
    if line_rules._CODE_START.match(t):
        return True
    return bool(line_rules._CODE_CALL.match(t)) and " " not in t.split("(", 1)[0].strip()


@given(text)
@settings(max_examples=300)
def test_looks_like_code(t: str) -> None:
    assert line_rules.looks_like_code(t) == _looks_like_code_slow(t)


@given(text)
@settings(max_examples=300)
def test_ends_with_credit(t: str) -> None:
    v = default_vocabulary()
    found = v.credits_in(t)
    assert v.ends_with_credit(t) == (bool(found) and len(t) - found[-1].end() <= 2)


def test_fold_mismatch_characters_are_the_only_ones() -> None:
    """Every character that re.IGNORECASE matches with a needle's character folds as that character does,
    except the listed ones (checked over all of Unicode for the shipped vocabulary's needle characters)."""
    v = default_vocabulary()
    chars = {c for n in (v.footers_anywhere_needles, v.credit_tail_needles) for w in n.words for c in w}
    chars |= {c for p in (v.prompts, v.footers_at_start, v.byline) for w in Opening(p).words for c in w}
    every = "".join(chr(x) for x in range(sys.maxunicode + 1) if not 0xD800 <= x < 0xE000)
    for c in sorted(chars):
        for x in set(re.findall(re.escape(c), every, re.IGNORECASE)):
            assert x.casefold() == c.casefold() or x in _FOLD_MISMATCH, (c, x)


FOOTERISH = ["© 2024 Báo Tuổi Trẻ", "COPYRİGHT 2020", "copyrıght", "All Rights Reserved.", "(C) 2019 x",
             "Bản Quyền Thuộc về", "GIỮ BẢN QUYỀN", "Top", "… thắng. Ảnh: EPA", "x. PHOTO: AFP", "x. VİDEO: y",
             "a. ıllustratıon: b", "đẹp. Nguồn: TTXVN"]
footerish = st.lists(st.one_of(st.sampled_from(FOOTERISH + PIECES), st.text(alphabet=chars, max_size=30)),
                     max_size=5).map(" ".join)


@given(footerish)
@settings(max_examples=400)
def test_is_footer_with_needles(t: str) -> None:
    v = default_vocabulary()
    assert v.is_footer(t) == bool(v.footers.search(t))


@given(footerish)
@settings(max_examples=400)
def test_tail_credit_with_needles(t: str) -> None:
    v = default_vocabulary()
    tail_at = max(0, len(t) - 110)
    if ":" in t[tail_at:]:
        slow = v.credit_tail.search(t, tail_at)
        fast = v._tail_credit(t)
        assert (fast and fast.span()) == (slow and slow.span())


OPENINGS = ["Follow us", "FOLLOW", "Theo dõi Báo", "THEO DÕI", "Share this article", "SİGN UP now", "sıgn up",
            "Log in", "Top", "TOP", "Back to top", "Giấy phép số 1", "LİCENSE x", "Tổng biên tập: A", "By John",
            "Reporting by X", "Bài và ảnh: Y", "x", "X | Facebook", "Mời bạn đọc gửi"]
opening = st.lists(st.one_of(st.sampled_from(OPENINGS + PIECES), st.text(alphabet=chars, max_size=20)),
                   min_size=1, max_size=3).map(" ".join)


@given(opening)
@settings(max_examples=400)
def test_opening_is_match(t: str) -> None:
    v = default_vocabulary()
    for p in (v.prompts, v.footers_at_start, v.byline, v.media, v.credit_only):
        fast, slow = Opening(p).match(t), p.match(t)
        assert (fast and fast.span()) == (slow and slow.span()), (p.pattern[:40], t)


def test_odd_spaces_are_unprintable() -> None:
    from vnpe.text import _ODD_SPACE

    odd = [chr(c) for c in range(sys.maxunicode + 1) if _ODD_SPACE.match(chr(c))]
    assert odd and not any(c.isprintable() for c in odd)


page = st.lists(footerish, max_size=6).map("\n".join)


@given(page)
@settings(max_examples=300)
def test_page_gates_rule_out_only_lines_without_matches(doc: str) -> None:
    v = default_vocabulary()
    if not v.may_credit(doc):
        assert all(not v.credits_in(line) for line in doc.split("\n"))
    if not v.may_footer_anywhere(doc):
        assert all(not v.footers_anywhere.search(line) for line in doc.split("\n"))


def _fold_plain(t: str) -> str:
    return normalize(t).casefold().strip(" .…-–—:;,!?\"'“”‘’()[]")


@given(document)
@settings(max_examples=300)
def test_normalized_lines_marks_every_line_that_is_not_its_own_normal_form(doc: str) -> None:
    for d in (doc, unicodedata.normalize("NFD", doc)):
        lines = [r for r, _ in split_lines(d)]
        norms, unsure = normalized_lines(lines, d)
        assert norms == normalize_lines(lines, d)
        assert all(normalize(n) == n for i, n in enumerate(norms) if i not in unsure)


@given(document)
@settings(max_examples=300)
def test_remembered_folds_are_fold(doc: str) -> None:
    """fold() of a page's lines memoised from the page's case folding equals the plain definition."""
    for d in (doc, unicodedata.normalize("NFD", doc), doc.upper()):
        lines = [r for r, _ in split_lines(d)]
        norms, unsure = normalized_lines(lines, d)
        text_module._folds.clear()
        remember_folds(norms, "\n".join(norms).casefold(), unsure)
        assert [fold(n) for n in norms] == [_fold_plain(n) for n in norms]
        # and a stale or wrong memo is never produced for the lines left to fold()
        assert [fold(n) for n in lines] == [_fold_plain(n) for n in lines]


def test_fold_memo_is_fold() -> None:
    text_module._folds.clear()
    samples = ["  « Xem THÊM: »", "e\u200b\u0301", "Vie\u0302\u0323t\u00a0Nam", "ǅ İ ß", "", "..."]
    assert [fold(t) for t in samples] == [_fold_plain(t) for t in samples]
    assert [fold(t) for t in samples] == [_fold_plain(t) for t in samples]  # from the memo


def test_no_character_folds_to_a_line_end() -> None:
    every = "".join(chr(x) for x in range(sys.maxunicode + 1) if not 0xD800 <= x < 0xE000 and x != 10)
    assert "\n" not in every.casefold()


@given(text)
@settings(max_examples=300)
def test_letter_counts_bmp_table(t: str) -> None:
    assert _letter_counts(t) == _letter_counts_slow(t)
    assert _letter_counts(t + "\U0001d400ă") == (_letter_counts_slow(t)[0] + 2, _letter_counts_slow(t)[1] + 1)


@given(document)
@settings(max_examples=300)
def test_remembered_folds_with_repeated_lines(doc: str) -> None:
    """The memo filled in one go (no unsure line) equals fold() for pages whose lines repeat."""
    d = doc + "\n" + doc.upper() + "\n" + doc
    lines = [r for r, _ in split_lines(d)]
    norms, unsure = normalized_lines(lines, d)
    text_module._folds.clear()
    remember_folds(norms, "\n".join(norms).casefold(), unsure)
    assert [fold(n) for n in norms] == [_fold_plain(n) for n in norms]


@given(text)
@settings(max_examples=300)
def test_letter_counts_beyond_the_bmp(t: str) -> None:
    for s in (t + "\U0001d400\U0001f600", "\U00010400" + t, t):
        assert _letter_counts(s) == _letter_counts_slow(s)


ROWS = ["| a | b |", "|---|---|", "| 1 | 2 |", "x\ty\tz", "a   b   c", "1", "2-1", "Score", "3", "4", "5", "6",
        "A story line that is long enough to be a paragraph of the story."]


@given(st.lists(st.sampled_from(ROWS + PIECES), max_size=12))
@settings(max_examples=300)
def test_table_page_gates(rows: list[str]) -> None:
    """tables() told by the page that no line has columns or bars labels the lines as it does unaided."""
    from vnpe.clean.context import ContextRules
    from vnpe.clean.lines import Line

    raw = "\n".join(rows)
    norms = normalize_lines(rows, raw)
    plain = [Line(i, r, "\n", n) for i, (r, n) in enumerate(zip(rows, norms, strict=True), 1)]
    gated = [Line(i, r, "\n", n) for i, (r, n) in enumerate(zip(rows, norms, strict=True), 1)]
    ContextRules(default_vocabulary()).tables(plain)
    ContextRules(default_vocabulary()).tables(gated, columns="\t" in raw or "   " in raw,
                                                bars="|" in "\n".join(norms))
    assert [(ln.role, ln.reason) for ln in plain] == [(ln.role, ln.reason) for ln in gated]


@given(page)
@settings(max_examples=300)
def test_needle_lines_are_the_lines_that_may_match(doc: str) -> None:
    """Needles.lines of a page: exactly the lines for which may_match holds (or None: all searched)."""
    v = default_vocabulary()
    for d in (doc, doc.upper(), unicodedata.normalize("NFD", doc)):
        folded = d.casefold()
        near = v.footers_anywhere_needles
        found = v.footer_lines(d, folded)
        if found is None:
            assert "İ" in d or "ı" in d
            continue
        assert found == {i for i, line in enumerate(d.split("\n")) if near.may_match(line)}
        # and a line outside the set is no footer found anywhere in it
        assert all(not v.footers_anywhere.search(line) for i, line in enumerate(d.split("\n")) if i not in found)


@given(page)
@settings(max_examples=300)
def test_credit_lines_are_the_lines_that_may_hold_a_credit(doc: str) -> None:
    """Vocabulary.credit_lines: exactly the lines holding a credit word (or None: all searched); a line outside
    the set has no credit, so the line rules and the field reader may skip it."""
    v = default_vocabulary()
    for d in (doc, doc.upper(), unicodedata.normalize("NFD", doc)):
        found = v.credit_lines(d, d.casefold())
        if found is None:
            assert "İ" in d or "ı" in d
            continue
        assert found == {i for i, line in enumerate(d.split("\n")) if any(w in line.casefold() for w in v.credit_words)}
        assert all(not v.credits_in(line) for i, line in enumerate(d.split("\n")) if i not in found)
        assert bool(found) == v.may_credit(d)


def _is_headline_plain(text: str) -> bool:
    if not text or len(text) > 250 or text.endswith((".", ":", ";", ",", "…")):
        return False
    n = len(text.split())
    return 1 <= n <= line_rules.HEADLINE_MAX_WORDS and (text[0].isalpha() or any(c.isalpha() for c in text))


words_text = st.lists(st.one_of(st.sampled_from(["a", "Việt", "x1", " ", "  ", "\t", "\u00a0", "\u2028", "\x1c",
                                                   "\u3000", "ab.", "?"]), piece), max_size=60).map(" ".join)


@given(st.one_of(text, words_text))
@settings(max_examples=400)
def test_is_headline_counts_words_as_split(t: str) -> None:
    for s in (t, t.strip(), " ".join(t.split())):
        assert line_rules.is_headline(s) == _is_headline_plain(s)


SENTENCE_PIECES = ["Mr. Cuong met Ms. Boluarte.", " They agreed.", " U.S. trade", "... ", "? ", "! «A»", " J. Doe",
                   " Ngày 6/2. Hai bên", "\u00a0", "  ", "TP. HCM", ".)", " (Ảnh: TTXVN)", "e\u0301. É"]


@given(st.lists(st.one_of(st.sampled_from(SENTENCE_PIECES), piece), max_size=8).map("".join))
@settings(max_examples=400)
def test_first_sentence_is_the_first_of_sentences(t: str) -> None:
    from vnpe.text import first_sentence, sentences

    for s in (t, t[:400]):
        assert first_sentence(s) == (sentences(s)[:1] or [""])[0]


@given(st.one_of(document, document.map(lambda d: d.replace("\r", "")), document.map(lambda d: d + "x")))
@settings(max_examples=300)
def test_lines_and_ends_is_split_lines(doc: str) -> None:
    from vnpe.text import lines_and_ends

    split = split_lines(doc)
    assert lines_and_ends(doc) == ([line for line, _ in split], [e for _, e in split])


VI_PIECES = ["Đường", "ưu đãi", "hệ thống", "mới", "hạn", "thế", "của", "số", "đ", " ", "Việt Nam", ".", "\u00a0",
             "𝐀", "ǅ", "e\u0301", "1234", "ẞ", "ĐĐĐ", "ạ", "—", "“", "The talks."]


@given(st.lists(st.one_of(st.sampled_from(VI_PIECES), piece), max_size=40).map("".join))
@settings(max_examples=500, deadline=None)  # (the first text that is neither language loads py3langid's model)
def test_detect_language_fast_path(t: str) -> None:
    """detect_language with its Vietnamese fast path answers as without it (no frequent letters listed)."""
    from vnpe.text import _VI_COMMON, detect_language

    assert set(_VI_COMMON) <= _VI_LETTERS
    for s in (t, t * 5, t + "x" * 3000, t + "đư" * 30):
        fast = detect_language(s)
        try:
            text_module._VI_COMMON = ()
            plain = detect_language(s)
        finally:
            text_module._VI_COMMON = _VI_COMMON
        assert fast == plain, s


SIGNATURES = ["TTXVN", "(VNA)", "Theo TTXVN", "- Nguồn: Reuters/AFP", "VOV.VN", "Theo", "(Theo VnExpress)",
              "vİa Reuters", "VİETNAM NEWS AGENCY", "Hà Nội", "Ngọc Anh", "AFP và Reuters", "TTXVN./.", "/VNA"]
signature_line = st.lists(st.one_of(st.sampled_from(SIGNATURES + OPENINGS), st.text(alphabet=chars, max_size=12)),
                          min_size=1, max_size=3).map(" ".join)


@given(signature_line)
@settings(max_examples=400)
def test_signature_gate_is_the_pattern(t: str) -> None:
    # the gate on the line's first run of letters only skips lines the pattern and the name lookups refuse
    patterns = line_rules.LinePatterns(default_vocabulary())
    fast_sources: list[str] = []
    fast = patterns._signature(t, fast_sources)
    slow_sources: list[str] = []
    m = line_rules._SIGNATURE.match(t) if len(t) <= 40 else None
    parts = [p.strip() for p in line_rules._SOURCES_SPLIT.split(m.group("who")) if p.strip()] if m else []
    v = default_vocabulary()
    slow = bool(parts) and all(v.agency_name(p) or v.outlet_name(p) for p in parts)
    if slow:
        slow_sources.extend(parts)
    assert (fast, fast_sources) == (slow, slow_sources), t
