"""The faster paths of event feature extraction agree with the plain definitions they replace (hypothesis).

Issue 11: event features cost about half of ``vnpe overlap``'s CPU on a real corpus, so their hot spots were
rewritten for speed without changing any output. The plain definitions (as they were before) are kept here and
compared on news-like texts and on arbitrary characters: tokens of a lead line, title lines, lead terms.
"""

from __future__ import annotations

import hashlib
import re
import sys

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from vnpe import events
from vnpe.dates import find_dates
from vnpe.events import lead_keys
from vnpe.events.lead import _LEAD_ENDS, _LEAD_TOKEN, _lead_term_set, _line_tokens, _title_line
from vnpe.text import alternation

# ------------------------------------------------------------------------------ plain definitions


def title_line_plain(line: str, tokens: list[str]) -> bool:
    if line.isupper():
        return True
    words = [w for w in tokens if w[0].isalpha()]
    return len(words) >= 3 and len([w for w in words if w[0].isupper()]) >= 0.6 * len(words)


def lead_term_set_plain(lead: str, language: str) -> set[str]:
    from vnpe.languages import get_language

    lang = get_language(language)
    out: set[str] = set()
    for line in lead.split("\n"):
        tokens = _LEAD_TOKEN.findall(line)
        if not tokens:
            continue
        caps = None
        prev, start = "", True
        for w in tokens:
            first, start = start, w in _LEAD_ENDS
            c = w[0]
            if not c.isalpha():
                prev = ""
                continue
            if not first and c.isupper():
                if caps is None:
                    caps = title_line_plain(line, tokens)
                if not caps:
                    prev = ""
                    continue
            if len(w) < 2 or (lang is not None and lang.is_noise(w)):
                f = ""
            else:
                f = lang.key(w) if lang is not None else w.casefold()
            if not f:
                prev = ""
                continue
            out.add(f)
            if prev:
                out.add(prev + " " + f)
            prev = f
    return out


# ------------------------------------------------------------------------------ texts
WORDS = ["Công", "an", "đã", "bắt", "giữ", "Nguyễn", "Văn", "A", "Police", "arrested", "the", "suspect", "in",
         "Hanoi", "on", "Monday", "APEC", "HÀ", "NỘI", "Sáng", "17/11", "3G", "A3", "²", "½", "Ⅻ", "Ⓐ", "ǅ", "İ",
         "ﬁ", "ß", "x_y", "_", "—", "“Hello”", "(NLĐ)-", "Nội,", "said:", "U.S.", "O'Neil", "don’t", "e\u0301",
         "١٢", "𝐀bc", "ⅰv", "Δ", "ό", "ǈudi", "VIỆT NAM", "Title", "Case", "Line", "x"]
SEPS = [" ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "\x85", "\u200b", ". ", ", ", "! ", "? ", ": ",
        "\n\n", "-", "_", "\u3000", "\u1680", "\v", "\f"]
LEAD = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPS)), max_size=40).map(
    lambda ws: "".join(w + s for w, s in ws))
ANY = st.text(alphabet=st.characters(), max_size=60)


def test_white_space_is_never_part_of_a_token():
    # _line_tokens splits at str.isspace() (str.split) and reads each chunk: exact only if no token can hold a
    # character str.split() splits at, i.e. every such character is \s for re (excluded by both alternatives)
    space = re.compile(r"\s")
    for c in range(sys.maxunicode + 1):
        ch = chr(c)
        if ch.isspace():
            assert space.match(ch), hex(c)
            assert not _LEAD_TOKEN.match(ch), hex(c)


@settings(max_examples=400, deadline=None)
@given(LEAD | ANY)
def test_line_tokens_are_findall(line):
    assert _line_tokens(line) == _LEAD_TOKEN.findall(line)


@settings(max_examples=400, deadline=None)
@given(LEAD | ANY)
def test_title_line_is_the_plain_title_line(line):
    tokens = _LEAD_TOKEN.findall(line)
    assert _title_line(line, tokens) == title_line_plain(line, tokens)


@settings(max_examples=300, deadline=None)
@given(LEAD | ANY, st.sampled_from(["vi", "en", "", "xx"]))
def test_lead_terms_are_the_plain_lead_terms(lead, language):
    got = _lead_term_set(lead, language)
    assert got == lead_term_set_plain(lead, language)
    plain = sorted({int.from_bytes(hashlib.blake2b(t.encode(), digest_size=8).digest(), "little")
                    for t in got})
    assert lead_keys(lead, language) == np.array(plain, np.uint64).tobytes()


def test_lead_terms_of_real_leads_are_the_plain_ones():
    leads = ["Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76% to "
             "$1.13bn (£600m) for the three months to December, from $639m year-earlier.",
             "CÔNG AN BẮT GIỮ ĐỐI TƯỢNG\n\n(NLĐ)- Sáng 17/11, Công an TP Hà Nội đã bắt giữ Nguyễn Văn A. Ông A khai: "
             "“Tôi không biết”."]
    for lead in leads:
        for language in ("en", "vi"):
            assert _lead_term_set(lead, language) == lead_term_set_plain(lead, language)


# ------------------------------------------------------------------------------ dates read once per article
DATES = ["13/11", "Sáng 13/11", "chiều 13/11", "ngày 13/11/2024", "November 13", "on Wednesday", "13/11/2023",
         "Sunday (Jan 5)", "30/4/1975", "13/11 (giờ địa phương)", "năm 2024", "vào 14/11", "hôm qua", "12-13/11",
         "Ngày 14/11,", ". Ngày 12/11,", "chiều qua,", "Trước đó,", "xảy ra", "will", "released on", "sau khi",
         "Ảnh:", "Như Báo NLĐ đã thông tin,", "x", "Công an", "bắt", ".", "\n\n"]
PARA = st.lists(st.sampled_from(DATES), max_size=14).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(PARA, PARA, st.sampled_from([None, "2024-11-14", "2023-01-02"]))
def test_dates_read_once_give_the_same_date_and_recall(lead, more, date):
    own = events.occasion._article_date(date)
    text = lead + "\n\n" + more
    seen: dict = {}
    got = events.occasion._event_date(lead, lambda: find_dates(text), own, more, seen)
    plain = events.occasion._event_date(lead, find_dates(text), own, more)
    assert got == plain
    assert events.occasion._date_recalled(got[0], lead, more, seen) == events.occasion._date_recalled(plain[0], lead, more)


# ------------------------------------------------------------------------------ story stages
def stage_patterns_plain() -> dict[str, re.Pattern]:
    from vnpe.languages import languages

    phrases: dict[str, set[str]] = {}
    for lang in languages().values():
        for step, words in lang.story_stages:
            phrases.setdefault(step, set()).update(words)
    return {step: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))
                             + r")(?!\w)", re.IGNORECASE) for step, ws in phrases.items()}


PLAIN_STAGES = stage_patterns_plain()
STEP_WORDS = sorted({w for rx in PLAIN_STAGES.values() for w in rx.pattern[10:-7].replace("\\", "").split("|")})
FILL = ["x", " ", "-", "_", "\n", ". ", "s", "ed", "ắ", "Ông", "tù", "án"]


@settings(max_examples=300, deadline=None)
@given(st.sets(st.sampled_from(["appeal", "appeals", "appealed", "appeal court", "kháng cáo", "kháng nghị", "tù",
                                "tù giam", "tù treo", "a", "ab", "abc", "ắ"]), min_size=1),
       st.lists(st.sampled_from(["appeal", "APPEALS", "Appealed", "kháng cáo", "KHÁNG NGHỊ", "tù", "Tù giam",
                                 "tù treo", "a", "ab", "abc", "Ắ", "x", " ", "-", "_", "\n"]), max_size=8).map("".join))
def test_trie_matches_what_the_plain_alternation_matches(words, text):
    plain = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                       + r")(?!\w)", re.IGNORECASE)
    trie = re.compile(r"(?<!\w)" + alternation(words, trie=True) + r"(?!\w)", re.IGNORECASE)
    assert bool(plain.search(text)) == bool(trie.search(text))
    for w in words:
        assert trie.fullmatch(w) and trie.fullmatch(w.upper())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(STEP_WORDS) | st.sampled_from(STEP_WORDS).map(str.upper) | st.sampled_from(FILL),
                max_size=10).map("".join))
def test_stage_patterns_find_what_the_plain_ones_find(text):
    assert len(STEP_WORDS) > 30
    got = dict(events.lead._stage_patterns())
    assert set(got) == set(PLAIN_STAGES)
    for step, rx in PLAIN_STAGES.items():
        assert bool(got[step].search(text)) == bool(rx.search(text)), step


# ------------------------------------------------------------------------------ classifier before a lone word
def lower_plain() -> re.Pattern:
    before = sorted(events.names._CLASSIFIERS["before"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, w)) for w in before) + r")\s+$",
                      re.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_classifier_trie_finds_what_the_plain_alternation_finds(data):
    if not events.names._CLASSIFIERS:
        events.use_classifiers()
    words = sorted({" ".join(w) for w in events.names._CLASSIFIERS["before"]})
    pieces = st.sampled_from(words) | st.sampled_from(words).map(str.upper) | st.sampled_from(
        ["x", " ", "  ", "\n", "\t", "-", "_", "hàng", "không", "super", "Yagi", "ão", "bãoo", "storms"])
    text = data.draw(st.lists(pieces, max_size=8).map("".join))
    end = data.draw(st.integers(0, len(text)))
    start = max(end - 30, 0)
    plain = lower_plain()
    assert (events.names._CLASSIFIERS["lower"].search(text, start, end) is None) == (plain.search(text, start, end) is None)
    for w in words:
        assert events.names._CLASSIFIERS["lower"].search(w + " ") and events.names._CLASSIFIERS["lower"].search(w.upper() + "\n")


# ------------------------------------------------------------------------------ dates: month hint
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Jan", "JAN", "jan", "Nov", "NOVEMBER", "May", "xMay", "_Dec", "3Oct", "éSep", " ",
                                 "-", "\n", "Mar", "Market", "ı", "\u0301", "Ⅻ", "²", "١"]), max_size=6).map("".join)
       | ANY)
def test_month_hint_is_the_plain_month_hint(text):
    from vnpe import dates

    assert dates._has_month(text) == bool(dates._MONTH_HINT.search(text))
    if dates._regex_safe().search(text) is None:  # the engine find_dates used on such a text
        assert dates._has_month(text) == bool(dates._fast_patterns()["month_hint"].search(text))
