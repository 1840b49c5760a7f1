"""The memoised and lazy paths of vnpe.events agree with the plain definitions they replace (hypothesis).

``_names`` reads each capitalised run once per process (memoised per run) and ``_event_date`` reads the dates
of the whole text and of the paragraph after the lead only when they can change the pick. The plain
definitions (as they were before those shortcuts) are kept here and compared on news-like texts: names,
places before names, acronyms, possessives, Vietnamese compounds, dates with and without years and cues.
"""

from __future__ import annotations

import math
import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from vnpe import events
from vnpe.dates import DateMention, SimpleDate, find_dates
from vnpe.events import fold, gazetteer, use_aliases
from vnpe.events.names import (
    _ALIASES,
    _CLASSIFIERS,
    _NATIONALITY,
    _STOP,
    _VI_COMPOUNDS,
    _VI_ORG_HEADS,
    _classified,
    _is_place,
    _names,
    _not_a_name,
    _part_dropped,
    _regexes,
)
from vnpe.events.occasion import (
    _article_date,
    _event_date,
    _marked_occasion,
    _opens_sentence,
    _recalled,
    _relative_day,
    _reported_after,
    _scheduled,
    _weekday_date,
)


def names_plain(full: str, credited: set[str]) -> tuple[set[str], set[str], list[tuple[int, list[str]]], set[str]]:
    """``_names`` before memoisation (as on branch i9e); runs as (start, city) for the runs that start with a
    gazetteer city."""
    names: set[str] = set()
    acronyms: set[str] = set()
    words: set[str] = set()
    runs: list[tuple[int, list[str]]] = []
    for m in _regexes()["run"].finditer(full):
        s = m.start()
        if s and (full[s - 1].isalnum() or full[s - 1] in "-_"):
            continue
        raw = [t for t in re.split(r"[ \-]", m.group(0)) if t]
        toks = [fold(t).replace("’", "").replace("'", "") for t in raw]
        for k in range(min(4, len(toks)), 0, -1):
            if "".join(toks[:k]) in gazetteer():
                runs.append((s, gazetteer()["".join(toks[:k])]))
                break
        nxt = re.match(r"[ ]([^\W\d_]+)", full[m.end():m.end() + 20])
        if len(toks) > 1 and nxt and nxt.group(1).islower() and f"{toks[-1]} {fold(nxt.group(1))}" in _VI_COMPOUNDS:
            raw, toks = raw[:-1], toks[:-1]
        part_raw: list[str] = []
        parts: list[tuple[list[str], list[str]]] = []
        part: list[str] = []
        for r, t in zip(raw, toks, strict=True):
            if r[-2:] in ("'s", "’s") and len(r) > 3:  # a possessive ends a name: "Thailand's Pansa Hemviboon"
                part.append(t[:-1])
                part_raw.append(r[:-2])
                parts.append((part, part_raw))
                part, part_raw = [], []
            elif len(r) >= 2 and r.isupper():
                if len(r) >= 3 and t not in credited and not _not_a_name(t, r):
                    acronyms.add(t)
                parts.append((part, part_raw))
                part, part_raw = [], []
            elif t in _STOP or (r.istitle() and len(t) > 5 and _NATIONALITY.search(t) and not part):
                parts.append((part, part_raw))
                part, part_raw = [], []
            else:
                part.append(t)
                part_raw.append(r)
        parts.append((part, part_raw))
        # a single word right after a classifier written in lower case is a name: "bão Yagi", "hãng VinFast"
        after_classifier = (len(parts[0][0]) == 1 and _CLASSIFIERS["lower"] is not None
                            and _CLASSIFIERS["lower"].search(full, max(s - 30, 0), s) is not None)
        for i, (p, pr) in enumerate(parts):
            lone = after_classifier and i == 0
            cut = _classified(pr) if len(p) >= 2 else None
            if cut is not None:  # "Super Typhoon Yagi" → "yagi", "VinFast Auto Pte Ltd" → "vinfast auto"
                p, pr = p[cut[0]:cut[1]], pr[cut[0]:cut[1]]
                lone = len(p) == 1
            # a country or city before a name is not part of it: "Tổng thống Nga Vladimir Putin"
            for k in (3, 2, 1):
                if len(p) - k >= 2 and _is_place(" ".join(pr[:k])):
                    p, pr = p[k:], pr[k:]
                    break
            if len(p) == 2 and p[0] in _VI_ORG_HEADS:
                continue
            if not p or _part_dropped(p, pr):
                continue
            key = " ".join(p)
            if _not_a_name(key, " ".join(pr)):  # a place or an agency: neither a name nor words of one
                continue
            for t, r in zip(p, pr, strict=True):
                if len(t) >= 4 and t.isalpha() and t.isascii() and t not in _STOP and not _not_a_name(t, r):
                    words.add(t)
            if len(p) >= 2:
                names.add(_ALIASES.get(key, key))
            elif lone and len(pr[0]) >= 4 and pr[0].isascii() and pr[0].isalpha() and key not in _STOP:
                # a coined or foreign word ("Yagi", "VinFast"), not a Vietnamese syllable that begins a
                # descriptive name ("Tập đoàn Công nghệ")
                names.add(_ALIASES.get(key, key))
    return names, acronyms, runs, words


def event_date_plain(lead: str, mentions: list[DateMention], own: SimpleDate | None, more: str = ""
                ) -> tuple[SimpleDate | None, str, SimpleDate | None]:
    """``_event_date`` before its lazy reading of ``mentions`` and ``more`` (as on branch i9e)."""
    lead_days = [m for m in find_dates(lead) if m.precision == "day" and (m.end is None or m.end.year == m.year)
                 and not _scheduled(m, lead) and not _recalled(m, lead)]
    more_days = [m for m in find_dates(more) if m.precision == "day" and not _scheduled(m, more)
                 and not _recalled(m, more)]
    days = [m for m in lead_days if m.end is None]
    days += [m for m in more_days if m.end is None and (m.occasion or _marked_occasion(m, more))]
    # a range of days is the span of a visit or a tournament: it agrees with any day or range it overlaps
    ranges = [m for m in lead_days if m.end is not None] + \
        [m for m in more_days if m.end is not None and m.end.year == m.year and m.end.month and m.end.day]
    # a day far from the article's own year is history ("30/4/1975"), not the event
    if own is not None:
        days = [m for m in days if m.year is None or abs(m.year - own.year) <= 1]
        ranges = [m for m in ranges if m.year is None or abs(m.year - own.year) <= 1]
    opens = [m for m in days if any(m is x for x in lead_days) and _opens_sentence(m, lead)]
    pick = next((m for m in days if m.occasion or any(m is x for x in opens)),
                days[0] if days else ranges[0] if ranges else None)
    rel = _relative_day(lead)
    if pick is not None and rel is not None and (not any(pick is m for m in lead_days) or (
            rel < pick.start and not _reported_after(lead, rel, pick))):
        pick = None
    if pick is None:  # the article's own date is when it was published, not when its event happened
        return (*_weekday_date(lead, own), None)
    d = pick.date
    end = pick.end if pick.end is not None and (pick.end.month, pick.end.day) != (d.month, d.day) else None
    year, year_from = d.year, "stated" if d.year is not None else ""
    if year is None:
        # a full date of the text with the same day and month states the year
        year = next((m.year for m in mentions if m.year is not None and m.month == d.month and m.day == d.day), None)
        year_from = "stated" if year is not None else ""
    if year is None and own is not None:
        year, year_from = (own.year - 1 if d.month > own.month + 1 else own.year), "article date"
    if end is not None:
        end = SimpleDate(None if year is None else year + (end.month < d.month), end.month, end.day)
    return SimpleDate(year, d.month, d.day), year_from, end


WORDS = ["Lương", "Cường", "Chủ", "tịch", "Huân", "chương", "Tổng", "thống", "Nga", "Vladimir", "Putin", "Lima",
         "Hà", "Nội", "Dina", "Boluarte", "Thailand's", "Pansa", "APEC", "CPTPP", "US", "VNA", "TTXVN", "Bộ",
         "Giáo", "dục", "President", "Prime", "Minister", "Vietnamese", "Peruvian", "McDonald", "iPhone",
         "Tập", "Cận", "Bình", "Xi", "Jinping", "Typhoon", "Yagi", "San", "Francisco", "the", "of", "Sở",
         "VinFast", "O'Neil", "Đại", "sứ", "Hồ", "Chí", "Minh", "New", "York", "City", "Paris", "Giải",
         "Lương Cường Huân chương", "Nguyễn Văn An Chủ tịch", "Phạm Minh Chính Bộ trưởng", "Ngân hàng"]
SEPS = [" ", " ", " ", "-", ", ", ". ", " tại ", " in ", "\n\n", "_", "—"]
TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPS)), max_size=40).map(
    lambda ws: "".join(w + s for w, s in ws))
DATES = ["13/11", "Sáng 13/11", "chiều 13/11", "ngày 13/11/2024", "November 13", "on Wednesday", "13/11/2023",
         "Sunday (Jan 5)", "January 2 evening", "30/4/1975", "13/11 (giờ địa phương)", "năm 2024", "Monday",
         "ngày 2 tháng 9 năm 1945", "June 5-14, 2025", "vào 14/11", "hôm qua", "x", "2/3", "12-13/11",
         "Ngày 14/11,", ". Ngày 12/11,", "chiều qua,", "yesterday", "cho biết,", "(NLĐ)- Ngày 15-3,"]
PARA = st.lists(st.sampled_from(DATES + WORDS), max_size=12).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(TEXT, st.sets(st.sampled_from(["apec", "vna", "us", "cptpp"])))
def test_memoised_names_are_the_plain_names(text, credited):
    if not _ALIASES:
        use_aliases()
    assert _names(text, credited) == names_plain(text, credited)


@settings(max_examples=150, deadline=None)
@given(PARA, PARA, PARA, st.sampled_from([None, "2024-11-14", "2023-01-02", "2025-06-10"]))
def test_lazy_event_date_is_the_plain_event_date(lead, more, rest, date):
    own = _article_date(date)
    text = lead + "\n\n" + more + "\n\n" + rest
    calls = []

    def mentions():
        calls.append(1)
        return find_dates(text)

    assert _event_date(lead, mentions, own, more) == event_date_plain(lead, find_dates(text), own, more)
    assert _event_date(lead, find_dates(text), own, more) == event_date_plain(lead, find_dates(text), own, more)
    assert len(calls) <= 1


# ------------------------------------------------------------------------------ candidates of event_links
NAMES = ["luong cuong", "dina boluarte", "xi jinping", "vo van thuong", "pham minh chinh", "joe biden",
         "to lam", "nguyen phu trong"]
DAY = st.one_of(st.none(), st.tuples(st.sampled_from([None, 2023, 2024, 2025]), st.integers(1, 12),
                                     st.integers(1, 31)),
                st.sampled_from([(2023, 12, 31), (2024, 1, 1), (None, 12, 31), (None, 1, 1), (2023, 2, 28),
                                 (2023, 3, 1), (None, 2, 29), (2024, 2, 29), (2024, 3, 1), (None, 1, 2),
                                 (None, 12, 30), (2023, 2, 29), (None, 4, 31)]))


@st.composite
def infos(draw, names=NAMES, max_names=4):
    day = draw(DAY)
    date = end = None
    if day is not None:
        y, m, d = day
        date = SimpleDate(y, m, d)
        if draw(st.integers(0, 5)) == 0:  # a range of days: a visit, a tournament, a season
            em, ed = draw(st.integers(1, 12)), draw(st.integers(1, 31))
            end = SimpleDate(None if y is None else y + (em < m), em, ed)
    return events.EventInfo(date=date, date_end=end,
                            year_from=draw(st.sampled_from(["stated", "article date", ""])),
                            place=draw(st.sampled_from([None, "Lima", "Hanoi"])),
                            names=draw(st.sets(st.sampled_from(names), max_size=max_names)),
                            acronyms=draw(st.sets(st.sampled_from(["apec", "cptpp"]))),
                            tokens=draw(st.sets(st.sampled_from(["yagi", "boluarte", "vinfast"]))),
                            language=draw(st.sampled_from(["en", "vi", ""])),
                            warning=draw(st.sampled_from(["", "", "", "unreadable"])),
                            place_from=draw(st.sampled_from(["", "dateline", "text"])))


def linked_pairs(feats, common, min_evidence):
    return {(a, b) for a in range(len(feats)) for b in range(a + 1, len(feats))
            if events.compare(feats[a], feats[b], common, min_evidence)[0]}


def decoded(codes) -> set[tuple[int, int]]:
    assert codes.dtype == np.int64 and np.all(np.diff(codes) > 0)  # sorted unique int64, as promised
    return {(int(c >> 32), int(c & 0xFFFFFFFF)) for c in codes}


@settings(max_examples=200, deadline=None)
@given(st.lists(infos(), min_size=2, max_size=8), st.sets(st.sampled_from(NAMES)), st.sampled_from([0.5, 1.0, 2.0]))
def test_candidates_hold_every_pair_compare_links(feats, common_names, min_evidence):
    common = {k: 0.5 for k in common_names}
    assert linked_pairs(feats, common, min_evidence) <= decoded(events.candidate_codes(feats, common))


@settings(max_examples=100, deadline=None)
@given(st.lists(infos(NAMES[:6], max_names=6), min_size=2, max_size=14),
       st.sets(st.sampled_from(NAMES[:6]), max_size=1), st.sampled_from([0.5, 2.0]))
def test_candidates_hold_every_link_of_a_shared_cast(feats, common_names, min_evidence):
    """Many names from few: pairs that share a near-identical cast without an agreeing date are frequent."""
    common = {k: 0.5 for k in common_names}
    assert linked_pairs(feats, common, min_evidence) <= decoded(events.candidate_codes(feats, common))


def candidates_plain(feats, common):
    """What candidate_codes promises, pair by pair (the brute force): a shared specific name and close event
    dates of one year and, in one language, one day (or a range, or an impossible day), or a shared cast as
    large as compare asks without a date."""
    out = set()
    for a in range(len(feats)):
        for b in range(a + 1, len(feats)):
            fa, fb = feats[a], feats[b]
            shared = (fa.names & fb.names) - common.keys()
            if fa.warning or fb.warning or not shared:
                continue
            da, db = events.candidates._day_of_year(fa.date), events.candidates._day_of_year(fb.date)
            dist = abs(da - db)
            whole = -1 in (da, db) or fa.date_end is not None or fb.date_end is not None
            ya, yb = (fa.date.year if fa.date else None), (fb.date.year if fb.date else None)
            same_day = da == db or not (fa.language and fa.language == fb.language)
            near = whole or (min(dist, 366 - dist) <= 2 and (not ya or not yb or ya == yb) and same_day)
            need = max(events.UNDATED_MIN_NAMES, math.ceil(events.UNDATED_COVER * len(fa.names)),
                       math.ceil(events.UNDATED_COVER * len(fb.names)))
            if (near and -2 not in (da, db)) or len(shared) >= need:
                out.add((a, b))
    return out


@settings(max_examples=100, deadline=None)
@given(st.lists(infos(NAMES[:6], max_names=6), min_size=2, max_size=14), st.sets(st.sampled_from(NAMES[:6])))
def test_candidates_are_the_plain_definition(feats, common_names):
    common = {k: 0.5 for k in common_names}
    assert decoded(events.candidate_codes(feats, common)) == candidates_plain(feats, common)


POSTINGS = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 11)), max_size=60).map(
    lambda kd: sorted(set(kd), key=lambda x: (x[1], x[0])))  # (key, doc) without repeats, ordered by doc


def arrays(postings):
    keys = np.array([k for k, _ in postings], np.int64)
    docs = np.array([d for _, d in postings], np.int64)
    return keys, docs


def sets_of(postings):
    out: dict[int, set[int]] = {}
    for k, d in postings:
        out.setdefault(d, set()).add(k)
    return out


@settings(max_examples=300, deadline=None)
@given(POSTINGS, st.lists(st.integers(-3, 366) | st.sampled_from([1, 2, 3, 364, 365, 366]), min_size=12,
                          max_size=12), st.integers(0, 3))
def test_band_pairs_are_the_pairs_within_the_band(postings, doy, width):
    keys, docs = arrays(postings)
    doy = np.array(doy, np.int64)
    got = decoded(events.candidates._band_pairs(keys, docs, doy, width))
    ks = sets_of(postings)
    want = {(a, b) for a in ks for b in ks if a < b and ks[a] & ks[b] and doy[a] >= 1 and doy[b] >= 1
            and min(abs(doy[a] - doy[b]), 366 - abs(doy[a] - doy[b])) <= width}
    assert got == want


@settings(max_examples=200, deadline=None)
@given(POSTINGS, st.lists(st.booleans(), min_size=12, max_size=12))
def test_group_pairs_are_every_pair_of_a_chosen_article(postings, chosen):
    keys, docs = arrays(postings)
    got = decoded(events.candidates._group_pairs(keys, docs, np.array(chosen, bool)))
    ks = sets_of(postings)
    assert got == {(a, b) for a in ks for b in ks if a < b and ks[a] & ks[b] and (chosen[a] or chosen[b])}


@settings(max_examples=400, deadline=None)
@given(POSTINGS, st.lists(st.integers(1, 6), min_size=12, max_size=12))
def test_prefix_filtered_cover_pairs_are_the_brute_force(postings, need):
    """Prefix filtering leaves out no pair that shares enough keys for both (and keeps no other)."""
    keys, docs = arrays(postings)
    got = decoded(events.candidates._cover_pairs(keys, docs, np.array(need, np.int64)))
    ks = sets_of(postings)
    assert got == {(a, b) for a in ks for b in ks if a < b and len(ks[a] & ks[b]) >= max(need[a], need[b])}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=200))
def test_undated_need_is_what_compare_asks(counts):
    need = events.candidates._undated_need(np.array(counts, np.int64))
    for n, t in zip(counts, need.tolist(), strict=True):
        # the fewest shared names that pass compare's test "len(names) < UNDATED_COVER * more" and the minimum
        assert t == next(k for k in range(100) if k >= events.UNDATED_MIN_NAMES and not k < events.UNDATED_COVER * n)


def test_candidates_of_no_article_or_of_articles_without_names():
    for feats in ([], [events.EventInfo()], [events.EventInfo(date=SimpleDate(2024, 1, 1))] * 3):
        codes = events.candidate_codes(feats, {})
        assert codes.dtype == np.int64 and codes.size == 0


def test_candidates_hold_pairs_a_day_apart_across_year_and_month_ends():
    days = [((2023, 12, 31), (2024, 1, 1)), ((None, 12, 31), (None, 1, 1)), ((2023, 2, 28), (2023, 3, 1)),
            ((2024, 2, 29), (2024, 3, 1)), ((None, 2, 28), (2024, 3, 1)), ((2024, 11, 13), (None, 11, 14))]
    for x, y in days:
        feats = [events.EventInfo(date=SimpleDate(*d), names={"luong cuong", "dina boluarte"}, language=lang)
                 for d, lang in ((x, "en"), (y, "vi"))]
        if events.compare(feats[0], feats[1])[0]:  # not 2023-12-31 / 2024-01-01: different years
            assert events.candidate_codes(feats, {}).tolist() == [1], (x, y)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=30) | st.sampled_from(["Lương Cường", "ĐÀ NẴNG", "Ǆemal", "ﬁ İ ß"]))
def test_fold_is_strip_diacritics_of_casefold(s):
    from vnpe.text import strip_diacritics

    assert events.fold.__wrapped__(s) == strip_diacritics(s.casefold())


def test_event_features_in_the_pool_are_the_serial_features(monkeypatch) -> None:
    """Blocks of articles read by forked workers give the same features, in row order, as one process."""
    import dataclasses

    import pandas as pd

    from vnpe import events

    texts = ["Chiều 13/11, Chủ tịch nước Lương Cường hội đàm với Tổng thống Dina Boluarte tại Lima.",
             "LIMA, Nov 13 (VNA) – President Luong Cuong held talks with President Dina Boluarte on Wednesday.",
             "Sáng qua 15.11, đội tuyển Việt Nam tập buổi cuối trước trận gặp Thái Lan ở Mỹ Đình.",
             "Police in Hanoi arrested three men on March 3, 2025 after a robbery in Hoan Kiem district.",
             "", "Không có ngày tháng nào trong bài này cả, chỉ có tên Nguyễn Văn An và Trần Thị Bình."] * 4
    arts = pd.DataFrame({"text": texts, "language": (["vi", "en", "vi", "en", "en", "vi"] * 4),
                         "date": [None, "2024-11-14", None, None, None, "2024-11-20"] * 4})
    serial = events.event_features(arts, workers=1)
    monkeypatch.setattr(events.features, "PARALLEL_MIN", 2)
    monkeypatch.setattr(events.features, "PARALLEL_BLOCK", 5)  # five blocks over two workers
    jobs = []
    real_pmap = events.features.pmap
    monkeypatch.setattr(events.features, "pmap", lambda f, spans, **kw: (jobs.extend(spans), real_pmap(f, spans, **kw))[1])
    pooled = events.event_features(arts, workers=2)
    assert [dataclasses.asdict(f) for f in pooled] == [dataclasses.asdict(f) for f in serial]
    assert jobs == [(0, 5), (5, 10), (10, 15), (15, 20), (20, 24)]
