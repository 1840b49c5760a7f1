"""Which pairs of articles are worth comparing: document frequencies of the keys and an exact, output-sensitive
candidate search (band join on day of year, prefix filtering for near-identical casts; step 6 of
:mod:`vnpe.events`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np
import pandas as pd

from vnpe.dates import SimpleDate
from vnpe.events.comparison import COMMON_WEIGHT, UNDATED_COVER, UNDATED_MIN_NAMES, VERY_COMMON_FACTOR
from vnpe.events.info import EventInfo

COMMON_SHARE = 0.01  # a key found in 1 % of the articles of a run or more is common: never evidence
COMMON_MIN_DF = 10  # ... and in at least this many articles (small corpora: few keys are common)


def common_keys(feats: list[EventInfo]) -> dict[str, float]:
    """Names and acronyms found in at least ``limit = max(COMMON_MIN_DF, COMMON_SHARE × n)`` of the ``n``
    articles, with what each adds beside a specific name: ``COMMON_WEIGHT`` (0.5) for a name in fewer than
    ``VERY_COMMON_FACTOR × limit`` articles, 0 for the others and for acronyms.
    """
    limit = max(COMMON_MIN_DF, COMMON_SHARE * len(feats))
    df = Counter(k for f in feats for k in f.names)
    out = {k: (COMMON_WEIGHT if c < VERY_COMMON_FACTOR * limit else 0.0) for k, c in df.items() if c >= limit}
    dfa = Counter(k for f in feats for k in f.acronyms)
    out.update({k: 0.0 for k, c in dfa.items() if c >= limit})
    dft = Counter(k for f in feats for k in f.tokens)
    out.update({k: 0.0 for k, c in dft.items() if c >= limit and k not in out})
    return out


def _day_of_year(d: SimpleDate | None) -> int:
    """Day of the year of ``d``'s month and day in a leap year (1-366); -2 without a date, -1 for a month and
    day no year has."""
    if d is None:
        return -2
    try:
        return dt.date(2000, d.month, d.day).timetuple().tm_yday
    except (TypeError, ValueError):
        return -1


def _specific_postings(feats: list[EventInfo], common: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """(name id, article) of every specific name (not in ``common``) of every readable article, as two int64
    arrays ordered by article."""
    ids: dict[str, int] = {}
    keys: list[int] = []
    docs: list[int] = []
    for i, f in enumerate(feats):
        if f.warning:
            continue
        for nm in f.names:
            if nm not in common:  # specific names only: each key is in fewer than the common limit
                keys.append(ids.setdefault(nm, len(ids)))
                docs.append(i)
    return np.array(keys, np.int64), np.array(docs, np.int64)


def _range_pairs(first: np.ndarray, start: np.ndarray, length: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """Sorted unique codes ``min * 2**32 + max`` of the pairs ``(first[i], docs[start[i] + k])``, ``k <
    length[i]``, without pairs of an article with itself; made ``PAIR_BLOCK`` pairs at a time (bounded
    temporaries), each block reduced to its distinct pairs before the next.

    >>> c = _range_pairs(np.array([0, 2]), np.array([1, 0]), np.array([2, 3]), np.array([0, 2, 1]))
    >>> [(int(x >> 32), int(x & 0xFFFFFFFF)) for x in c]
    [(0, 1), (0, 2), (1, 2)]
    """
    from vnpe.overlap import PAIR_BLOCK, expand_ranges

    keep = length > 0
    first, start, length = first[keep], start[keep], length[keep].astype(np.int64)
    if not length.size:
        return np.zeros(0, np.int64)
    cum = np.cumsum(length)
    bounds = np.searchsorted(cum, np.arange(PAIR_BLOCK, int(cum[-1]) + PAIR_BLOCK, PAIR_BLOCK), side="right")
    out = []
    lo = 0
    for hi in np.append(bounds, length.size).tolist():
        if hi <= lo:
            continue
        j, owner = expand_ranges(start[lo:hi], length[lo:hi])
        a, b = first[lo:hi][owner], docs[j]
        del j, owner
        codes = np.minimum(a, b) * (1 << 32) + np.maximum(a, b)
        out.append(np.unique(codes[a != b]))
        lo = hi
    return np.unique(np.concatenate(out))


DOY_BAND = 2  # compare's day gap of at most one is at most two days of the leap year 2000 apart (28 Feb - 1 Mar)


def _band_pairs(keys: np.ndarray, docs: np.ndarray, doy: np.ndarray, width: int = DOY_BAND) -> np.ndarray:
    """Codes of the pairs of articles with a day of the year (``doy[doc]``, 1-366; others are left out) that
    share a key and whose days are at most ``width`` apart on the circle of 366 days (31 December and 1
    January are one apart): a band join, output-sensitive (not every pair of a key's articles).

    The postings are sorted on ``key * 1024 + doy``; a posting with ``doy <= width`` is also added as ``doy +
    366`` (the same day a year later), so the circle becomes a line: every pair within the band is a
    posting and a later one at most ``width`` above it (found with one ``searchsorted``), the first
    being an original posting.

    >>> c = _band_pairs(np.array([0, 0, 0, 0, 1]), np.array([0, 1, 2, 3, 3]), np.array([366, 1, 5, 3, 300]))
    >>> [(int(x >> 32), int(x & 0xFFFFFFFF)) for x in c]
    [(0, 1), (1, 3), (2, 3)]
    """
    y = doy[docs]
    m = y >= 1
    k, d, y = keys[m], docs[m], y[m]
    wrap = y <= width
    comp = np.concatenate([k * 1024 + y, k[wrap] * 1024 + y[wrap] + 366])
    dd = np.concatenate([d, d[wrap]])
    order = np.argsort(comp, kind="stable")
    comp, dd = comp[order], dd[order]
    i = np.flatnonzero(order < k.size)  # original postings (a duplicate only pairs with the ones before it)
    hi = np.searchsorted(comp, comp[i] + width, side="right")
    return _range_pairs(dd[i], i + 1, hi - i - 1, dd)


def _group_pairs(keys: np.ndarray, docs: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """Codes of the pairs of a ``chosen`` article (boolean per article) with every other article sharing a
    key with it.

    >>> c = _group_pairs(np.array([0, 0, 0, 1, 1]), np.array([0, 1, 2, 1, 3]), np.array([0, 1, 0, 0], bool))
    >>> [(int(x >> 32), int(x & 0xFFFFFFFF)) for x in c]
    [(0, 1), (1, 2), (1, 3)]
    """
    from vnpe.overlap import key_groups

    if not keys.size:
        return np.zeros(0, np.int64)
    d, starts, gid, size = key_groups(keys, docs)
    i = np.flatnonzero(chosen[d])
    return _range_pairs(d[i], starts[gid[i]], size[gid[i]], d)


def _undated_need(n_names: np.ndarray) -> np.ndarray:
    """Specific names two articles must share to link without an agreeing date, per article (see
    :func:`~vnpe.events.comparison.compare`): at least ``UNDATED_MIN_NAMES`` and ``UNDATED_COVER`` of its names (the
    same float product as :func:`~vnpe.events.comparison.compare`, so the same integers)."""
    return np.maximum(UNDATED_MIN_NAMES, np.ceil(UNDATED_COVER * n_names.astype(np.float64))).astype(np.int64)


def _cover_pairs(keys: np.ndarray, docs: np.ndarray, need: np.ndarray) -> np.ndarray:
    """Codes of exactly the pairs of articles that share at least ``max(need[a], need[b])`` keys, by prefix
    filtering (All-Pairs, Bayardo et al. 2007; PPJoin, Xiao et al. 2008) rather than every pair that shares a key.

    Proof that no such pair is missed. Order the keys once for all articles (rarest first, then by id). An
    article ``a`` with ``s_a`` keys indexes only its first ``s_a - need[a] + 1`` keys (its prefix; none if
    ``s_a < need[a]``: it can reach no one). Take a pair with ``I`` = its shared keys, ``|I| >= need[a]``
    and ``|I| >= need[b]``, and ``x`` the first key of ``I`` in the global order. All ``|I|`` keys of ``I``
    are ``a``'s keys at or after ``x``, so at most ``s_a - |I|`` keys of ``a`` come before ``x``: ``x`` is
    at position ``s_a - |I| + 1 <= s_a - need[a] + 1`` or earlier, in ``a``'s prefix; likewise in ``b``'s.
    Both articles are then in the posting list of ``x`` among the prefixes, so the pair is generated. Each
    generated pair is then verified (its shared keys counted, vectorised), so the result is exact.

    >>> keys = np.array([0, 1, 2, 3, 0, 1, 2, 3, 4, 0, 1, 2])
    >>> docs = np.array([0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2])
    >>> [(int(x >> 32), int(x & 0xFFFFFFFF)) for x in _cover_pairs(keys, docs, np.array([4, 4, 3]))]
    [(0, 1)]
    """
    from vnpe.overlap import PAIR_BLOCK, expand_ranges, pairs_from_groups

    if not keys.size:
        return np.zeros(0, np.int64)
    df = np.bincount(keys)
    rank = np.empty(df.size, np.int64)
    rank[np.lexsort((np.arange(df.size), df))] = np.arange(df.size)
    order = np.lexsort((rank[keys], docs))
    d, k = docs[order], keys[order]
    s = np.bincount(d, minlength=need.size)
    start = np.cumsum(s) - s
    pos = np.arange(d.size) - start[d]
    pre = pos <= (s - need)[d]
    cand = np.unique(pairs_from_groups(k[pre], d[pre]))
    if not cand.size:
        return cand
    a, b = cand >> 32, cand & 0xFFFFFFFF
    cand = cand[np.maximum(need[a], need[b]) <= np.minimum(s[a], s[b])]  # enough keys on both sides at all
    a, b = cand >> 32, cand & 0xFFFFFFFF
    table = np.sort(d * (1 << 32) + k)
    shared = np.zeros(cand.size, np.int64)
    cum = np.cumsum(s[a])
    bounds = np.searchsorted(cum, np.arange(PAIR_BLOCK, int(cum[-1]) + PAIR_BLOCK, PAIR_BLOCK), side="right") \
        if cum.size else np.zeros(0, np.int64)
    lo = 0
    for hi in np.append(bounds, cand.size).tolist():
        if hi <= lo:
            continue
        j, owner = expand_ranges(start[a[lo:hi]], s[a[lo:hi]])
        probe = b[lo:hi][owner] * (1 << 32) + k[j]
        at = np.minimum(np.searchsorted(table, probe), table.size - 1)
        shared[lo:hi] = np.bincount(owner, weights=table[at] == probe, minlength=hi - lo).astype(np.int64)
        lo = hi
    return cand[shared >= np.maximum(need[a], need[b])]


def candidate_codes(feats: list[EventInfo], common: dict[str, float]) -> np.ndarray:
    """The pairs :func:`~vnpe.events.comparison.compare` may link, as sorted unique int64 codes ``a * 2**32 + b``
    (``a < b``): readable articles that share a specific name (not in ``common``) and either have event dates at
    most two days of the year apart (circularly: 31 December and 1 January are one apart), of one year when both
    are known and of one day within one language (a range of days or a month and day no year has pairs with every dated
    article of its names), or share at least ``max(UNDATED_MIN_NAMES,
    ceil(UNDATED_COVER × names))`` specific names for the names of each (what a link without an agreeing
    date needs).

    :func:`~vnpe.events.comparison.compare` links dated articles only when their event dates are at most a day apart
    (a year's last and next day included; consecutive days are at most two days of a leap year apart) and always needs
    a shared specific name; without an agreeing date it needs that near-identical cast: no linkable pair is left out
    (``tests/test_events_fast.py`` checks this against :func:`~vnpe.events.comparison.compare`).

    Output-sensitive, not every pair of articles that share a name (on 33,759 VNTC articles 817,413 pairs
    share a specific name, 1,532 are candidates; ``benchmarks/bench_event_candidates.py``): a band join on
    (name, day of the year) for the dated articles (:func:`_band_pairs`), the whole name group for the few
    articles with a range or an impossible day (:func:`_group_pairs`), and prefix filtering for the cast rule
    (:func:`_cover_pairs`).

    Example:
        >>> from vnpe.events import extract
        >>> fs = [extract("Chiều 13/11, Lương Cường gặp Dina Boluarte."), extract("On Nov 14, Luong Cuong spoke."),
        ...       extract("On Dec 1, Luong Cuong spoke."), extract("Luong Cuong spoke.")]
        >>> [(int(c >> 32), int(c & 0xFFFFFFFF)) for c in candidate_codes(fs, {})]
        [(0, 1)]
    """
    doy = np.array([_day_of_year(f.date) for f in feats], dtype=np.int64)
    span = np.array([f.date_end is not None for f in feats], dtype=bool)
    keys, docs = _specific_postings(feats, common)
    dated = doy != -2
    whole = dated & (span | (doy == -1))  # rare: compared with every dated article of each of their names
    band = _band_pairs(keys, docs, np.where(whole, -3, doy))
    # what compare asks before anything else of two dates (exact, cheap): the same year when both are known,
    # and the same day between articles of one language (a day apart only across languages or unknown ones)
    year = np.array([(f.date.year or 0) if f.date is not None else 0 for f in feats], dtype=np.int64)
    lang = pd.factorize(pd.Series([f.language or None for f in feats], dtype=object))[0]  # -1: unknown
    a, b = band >> 32, band & 0xFFFFFFFF
    band = band[((year[a] == 0) | (year[b] == 0) | (year[a] == year[b]))
                & ((lang[a] != lang[b]) | (lang[a] == -1) | (doy[a] == doy[b]))]
    del a, b
    group = _group_pairs(keys, docs, whole)
    group = group[dated[group >> 32] & dated[group & 0xFFFFFFFF]]
    n_names = np.array([len(f.names) for f in feats], dtype=np.int64)
    cover = _cover_pairs(keys, docs, _undated_need(n_names))
    return np.unique(np.concatenate([band, group, cover]))
