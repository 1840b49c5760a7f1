"""Fast paths of the dates layer and of the overlap figures agree with their plain definitions (hypothesis).

:func:`vnpe.dates.find_dates` scans texts made only of characters on which ``re`` and ``regex`` agree with
the ``regex`` module (see :func:`vnpe.dates._regex_safe`); the definition is the ``re`` scan, used for every
other text. Checked here on date-shaped texts mixed with the characters where the two engines differ
(combining marks, dotless and dotted i, long s, Kelvin sign, odd spaces and digits) and arbitrary ones.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from vnpe import dates
from vnpe.overlap import _doc_sets

PIECES = [
    "13/11/2024", "2024-11-13", "2006/01/27", "11/13/2024", "30/4/1975", "13-11", "5-14/6", "5/6 - 14/6",
    "(6/2)", "7-6 (7-5)", "Ngày 13.3", "hôm qua 9.3", "từ 2.5", "21.3%", "lúc 10.05", "ngày 2 tháng 9 năm 1945", "NGÀY 2 THÁNG 9", "tháng 11/2024", "tháng 11 năm 2024",
    "Nov. 13, 2024", "November 13", "13th of November", "June 5-14, 2025", "5-14 June", "November 2024",
    "MAY 2", "2 may be", "năm 2024", "in 2024", "İn 2024", "ın 2024", "ſince 2020", "KHÓA 2020", "the year 1999",
    "niên khóa 2020", "sáng nay", "Sáng 17/11", "chiều", "on ", "vào ", "thứ hai ", "Sunday (Jan 5)", "lúc 13h02",
    " ", "  ", "\n", "\u00a0", "\u2028", "\x1c", "\u0301", "\u0300", "\u200c", "\u200d", "\u212a", "²", "١٢",
    "٣", "Ⅳ", "/", "-", "–", "—", ".", ",", "(", ")", "1", "12", "2024", "1899", "20", "ǅ", "𝟏𝟐",
]
chars = st.characters(blacklist_categories=("Cs",))
piece = st.one_of(st.sampled_from(PIECES), st.text(alphabet=chars, max_size=8))
text = st.lists(piece, max_size=14).map("".join)


def _plain(text: str, **kw) -> list[dates.DateMention]:
    """find_dates with the ``re`` scan only (every text treated as unsafe for ``regex``)."""
    safe = dates._regex_safe
    dates._regex_safe = lambda: re.compile(r"(?s).|\Z")
    try:
        return dates.find_dates(text, **kw)
    finally:
        dates._regex_safe = safe


@given(text, st.booleans())
@settings(max_examples=600, deadline=None)
def test_find_dates_fast_is_plain(t: str, cue_free: bool) -> None:
    assert dates.find_dates(t, cue_free_partial=cue_free) == _plain(t, cue_free_partial=cue_free)


@given(st.text(alphabet=st.sampled_from("0123456789/.-– ,()NovJuneSáng tháng ngày năm in on\u0301İıſ\u212a"),
               max_size=40))
@settings(max_examples=600, deadline=None)
def test_find_dates_fast_is_plain_dense(t: str) -> None:
    assert dates.find_dates(t) == _plain(t)


def test_safe_characters_are_ordinary_text() -> None:
    safe = dates._regex_safe()
    assert safe.search("Chủ tịch nước Lương Cường, ngày 13/11/2024 — “APEC” (Lima) … 5–14/6; 10:06 a.m.") is None
    for odd in ("\u0301", "ı", "\u212a", "\x1c", "\u200c", "٣", "²"):
        assert safe.search("a" + odd) is not None


def _doc_sets_plain(vals: np.ndarray, dloc: np.ndarray) -> tuple[np.ndarray, ...]:
    """The definition: labels are sorted ranks (np.unique), keys sorted stably."""
    _, rank = np.unique(vals, return_inverse=True)
    key = (dloc.astype(np.int64) << 32) | rank.astype(np.int64)
    order = np.argsort(key, kind="stable")
    skey = key[order]
    new = np.ones(skey.size, bool)
    new[1:] = skey[1:] != skey[:-1]
    first = np.flatnonzero(new)
    return skey[first], np.diff(np.append(first, skey.size)), first, order


@given(st.lists(st.lists(st.integers(0, 12), max_size=30), min_size=1, max_size=8))
@settings(max_examples=300, deadline=None)
def test_doc_sets_same_groups_as_ranks(docs: list[list[int]]) -> None:
    vals = np.array([v * 0x9E3779B97F4A7C15 % 2**64 for d in docs for v in d], dtype=np.uint64)
    dloc = np.repeat(np.arange(len(docs)), [len(d) for d in docs])
    key, count, first, order = _doc_sets(vals, dloc)
    pkey, pcount, pfirst, porder = _doc_sets_plain(vals, dloc)

    def groups(key, count, first, order):  # per document: {value: positions}, in key order per document
        out: dict[int, list] = {}
        for k, c, f in zip(key.tolist(), count.tolist(), first.tolist(), strict=True):
            pos = order[f:f + c].tolist()
            assert pos == sorted(pos)
            out.setdefault(k >> 32, []).append((int(vals[pos[0]]), pos))
        return out

    got, want = groups(key, count, first, order), groups(pkey, pcount, pfirst, porder)
    assert {d: sorted(g) for d, g in got.items()} == {d: sorted(g) for d, g in want.items()}
    assert np.array_equal(key >> 32, pkey >> 32)
    assert (np.diff(key) > 0).all() and pd.Series(order).is_unique


@given(text, st.booleans())
@settings(max_examples=600, deadline=None)
def test_find_dates_days_is_the_day_mentions(t: str, cue_free: bool) -> None:
    full = [m for m in dates.find_dates(t, cue_free_partial=cue_free) if m.precision == "day"]
    assert dates.find_dates(t, cue_free_partial=cue_free, days=True) == full


def test_find_dates_days_keeps_a_year_that_hides_a_day() -> None:
    # "since 2024" and "2024-11-13" are as long: the earlier one, a year, is the reading; no day is named
    assert [m.iso for m in dates.find_dates("since 2024-11-13")] == ["2024"]
    assert dates.find_dates("since 2024-11-13", days=True) == []
    assert [m.iso for m in dates.find_dates("Sáng 17/11 năm 2024", days=True)] == ["--11-17"]
    assert dates.find_dates("giá tăng 2/3 trong năm 2024 (123456)", days=True) == []
