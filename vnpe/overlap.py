"""Source overlap: near-duplicates, reused passages and same-event links between articles.

The text side works on the clean body (``articles.text``):

1. **Hashing, vectorised.** Every batch of documents is turned into one array of code points; word
   boundaries, case-folding and diacritic removal are table look-ups, and each word is hashed with a
   polynomial hash taken from one prefix sum over the batch. Word 5-gram shingles are 64-bit integers
   combined from the word hashes. No Python string is built per word or per shingle. Two variants are
   kept: case-folded (``jaccard``; the loader's text is NFC) and case-folded with diacritics removed
   (``jaccard_folded`` in the evidence, the second signal: outlets drop Vietnamese diacritics in names,
   "Lương Cường" / "Luong Cuong"); candidates and passages use the folded variant.
2. **Candidates.** Up to ``EXACT_MAX_DOCS`` documents, every pair sharing at least one shingle is a
   candidate (an exact sparse join). Above it, candidates are the union of
   *MinHash LSH* over whole documents (one-permutation MinHash with rotation densification, 128 bins,
   42 bands of 3 rows: whole-document near-duplicates) and *winnowing* (Schleimer et al. 2003: the minimum
   shingle hash of every window of 12 shingles is a fingerprint, so any shared run of 16+ words shares a
   fingerprint; pairs sharing 2+ fingerprints are candidates: reused passages that are too small a part of
   either document for whole-document MinHash). We use our own numpy MinHash rather than datasketch
   because datasketch hashes every shingle in Python (``update_batch`` takes bytes) and keeps one object
   per document; here one pass over an integer array signs a whole batch, in two processes.
3. **Exact figures** for candidates: Jaccard and both containments on shingle sets, and aligned passages
   (in the manner of passim): shingles occurring equally often (at most 3 times) in both documents are
   anchors; anchors whose positions advance together in both documents, with gaps of at most
   ``MAX_GAP`` words for edits, form a passage; passages of ``MIN_PASSAGE_WORDS`` words or more are kept.
4. **Relation**: ``near_duplicate`` when the aligned runs cover at least 80 % of one article and 50 %
   of the other (the same story, possibly trimmed or edited); ``reuse`` when passages of at least
   ``MIN_PASSAGE_WORDS`` words hold ``REUSE_MIN_WORDS`` words or more together, or aligned runs cover half
   of either article; ``same_event`` when
   :mod:`vnpe.events` links the pair; ``unrelated`` otherwise. The ``same_event`` column is True for
   near-duplicates, for pairs :mod:`vnpe.events` links, and for **one report** carried twice: passages of
   ``REUSE_MIN_WORDS`` words or more that cover half of one article (both reuse thresholds at once), one of
   them beginning in the lead of either article (:func:`mark_lead_shared`), where
   :func:`vnpe.events.shared_report` finds nothing against it (no differing date or dateline, no recalled
   day, published at most a day apart, a shared specific name).

Example:
    >>> import pandas as pd
    >>> text = " ".join(f"word{i}" for i in range(60))
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "language": ["en", "en"], "text": [text, text]})
    >>> pair_table(arts)[["doc_a", "doc_b", "jaccard", "relation"]].to_dict("records")
    [{'doc_a': 'a', 'doc_b': 'b', 'jaccard': 1.0, 'relation': 'near_duplicate'}]
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from vnpe.parallel import cpu_workers, pmap, shared

N_GRAM = 5
NUM_BINS = 128  # one-permutation MinHash bins (a power of two)
LSH_BANDS, LSH_ROWS = 42, 3  # 126 of the 128 bins; S-curve threshold about (1/42)**(1/3) = 0.29
WINNOW = 12  # winnowing window (shingles): shared runs of WINNOW + N_GRAM - 1 words are always caught
MIN_SHARED_FINGERPRINTS = 2
MAX_FINGERPRINT_DF = 100  # fingerprints in more documents than this are boilerplate, not evidence
EXACT_MAX_DOCS = 2000
SKETCH_BATCH = 500  # documents hashed at once by a worker (bounds its temporary arrays)
MIN_PASSAGE_WORDS = 20
REUSE_MIN_WORDS = 40
REUSE_MIN_COVER = 0.5  # aligned runs covering half of either article are reuse too
MAX_GAP = 10
NEAR_DUP_COVER = (0.8, 0.5)  # coverage of the better-covered and of the other article

PAIR_COLUMNS = ["doc_a", "doc_b", "jaccard", "containment_a_in_b", "containment_b_in_a",
                "longest_passage_words", "same_event", "relation", "evidence"]
PASSAGE_COLUMNS = ["doc_a", "doc_b", "start_a", "end_a", "start_b", "end_b", "n_words", "text_a"]

_U64 = np.uint64
_MASK_SEP = "\n"


# --------------------------------------------------------------------------------------------- tables
TABLES_VERSION = "1"  # part of the code-point tables' cache key: change it when _build_tables' rules change


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per BMP code point: is it part of a word, its lower-case form, its folded (no diacritics) form (built in
    half a second, kept in vnpe's on-disk cache, :mod:`vnpe.cache`, keyed by the Unicode version)."""
    from vnpe.cache import cached_arrays

    key = f"tables {TABLES_VERSION} {unicodedata.unidata_version}"
    is_word, lower, fold = cached_arrays("codepoints", key, _build_tables)
    return is_word, lower, fold


def _build_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = 0x10000
    is_word = np.zeros(n, dtype=bool)
    lower = np.arange(n, dtype=np.uint64)
    fold = np.arange(n, dtype=np.uint64)
    for c in range(n):
        ch = chr(c)
        if not (ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc")):
            continue
        is_word[c] = True
        lo = ch.lower()
        if len(lo) == 1:
            lower[c] = ord(lo)
        base = "".join(x for x in unicodedata.normalize("NFD", lo) if not unicodedata.combining(x))
        base = base.replace("đ", "d")
        if len(base) == 1:
            fold[c] = ord(base)
        elif len(lo) == 1:
            fold[c] = ord(lo)
    is_word[0xFFFF] = False  # code points above the BMP are clipped to this one: not words
    return is_word, lower, fold


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser on a uint64 array (wrapping arithmetic)."""
    x = x ^ (x >> _U64(30))
    x = x * _U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U64(27))
    x = x * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


_P = np.uint64(0x100000001B3)  # odd multiplier of the polynomial word hash (mod 2**64)
_PINV = np.uint64(pow(0x100000001B3, -1, 2**64))
_SHINGLE_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                          0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53,
                          0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5], dtype=np.uint64)


_POWERS: list[tuple[np.ndarray, np.ndarray]] = []


def _powers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """``P**j`` and ``P**-j`` (mod 2**64) for j < size, cached and grown by doubling (thread-safe: the
    pair is replaced as a whole, and read once)."""
    cur = _POWERS[0] if _POWERS else None
    if cur is None or cur[0].size < size:
        n = max(size, 2 * cur[0].size if cur is not None else 1 << 20)
        powg = np.empty(n, np.uint64)
        powg[0] = 1
        powg[1:] = _P
        np.cumprod(powg, out=powg)
        pinv = np.empty(n, np.uint64)
        pinv[0] = 1
        pinv[1:] = _PINV
        np.cumprod(pinv, out=pinv)
        cur = (powg, pinv)
        _POWERS[:] = [cur]
    return cur


# ------------------------------------------------------------------------------------------- hashing
@dataclass
class Hashed:
    """Words and shingles of a batch of documents (all arrays concatenated over the batch).

    ``word_ptr[d]:word_ptr[d+1]`` are the words of document ``d`` (``word_start``/``word_end`` are
    character offsets into its text); shingle ``i`` of the batch starts at word ``i`` and is valid when
    ``sh_ok[i]``. ``lower``/``fold`` are the shingle hashes of the two normalisations.
    """

    word_ptr: np.ndarray
    word_start: np.ndarray
    word_end: np.ndarray
    lower: np.ndarray
    fold: np.ndarray
    sh_ok: np.ndarray
    n: int = N_GRAM

    def doc(self, d: int) -> dict[str, np.ndarray]:
        """The arrays of document ``d``: word offsets and its (valid) shingle hashes in order."""
        a, b = int(self.word_ptr[d]), int(self.word_ptr[d + 1])
        m = max(b - a - self.n + 1, 0)
        return {"ws": self.word_start[a:b], "we": self.word_end[a:b],
                "lower": self.lower[a:a + m], "fold": self.fold[a:a + m]}


def hash_texts(texts: list[str], n: int = N_GRAM, variants: tuple[str, ...] = ("lower", "fold")) -> Hashed:
    """Tokenise and hash a batch of texts with numpy (no per-word Python objects).

    Word hashes are polynomial hashes over code points, ``sum(c_j * P**(j - start))`` mod 2**64, taken
    from one prefix sum over the whole batch; shingle hashes combine ``n`` consecutive word hashes.
    ``variants`` selects the normalisations to hash (the others are left as zeros).

    Example:
        >>> h = hash_texts(["Lương Cường met Dina Boluarte in Lima.", "Luong Cuong met Dina Boluarte"])
        >>> int(h.word_ptr[-1]), bool(h.fold[0] == h.fold[7]), bool(h.lower[0] == h.lower[7])
        (12, True, False)
    """
    is_word, lower_t, fold_t = _tables()
    texts = [t if isinstance(t, str) else "" for t in texts]
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    doc_start = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]) if len(texts) else np.zeros(0, np.int64)
    big = _MASK_SEP.join(texts)
    # code points clipped to the BMP: UTF-16 gives them directly when every character is in the BMP (one unit
    # per character: the usual case, one pass instead of three); else from UTF-32
    units = big.encode("utf-16-le", "surrogatepass")
    if len(units) == 2 * len(big):
        idx = np.frombuffer(units, dtype=np.uint16)
    else:
        idx = np.minimum(np.frombuffer(big.encode("utf-32-le", "surrogatepass"), dtype=np.uint32),
                         0xFFFF).astype(np.uint16)
    del units
    w = is_word[idx]
    if w.size:
        edge = np.diff(w.view(np.int8), prepend=np.int8(0), append=np.int8(0))
        starts = np.flatnonzero(edge == 1)
        ends = np.flatnonzero(edge == -1)
    else:
        starts = ends = np.zeros(0, np.int64)
    nw = starts.size
    hashes = {}
    if nw:
        size = idx.size
        powg, pinv = _powers(size)
        powg = powg[:size]
        pinv_s = pinv[starts]
        for name, table in (("lower", lower_t), ("fold", fold_t)):
            if name not in variants:
                continue
            c = np.zeros(size + 1, np.uint64)
            t = table[idx]
            t *= powg
            np.cumsum(t, out=c[1:])
            del t
            hashes[name] = _mix((c[ends] - c[starts]) * pinv_s)
            del c
    # the words before each document's start (the separator between documents is not a word character, so a
    # word never spans two), then each word's document: a search of len(texts) starts, not one of every word
    word_ptr = np.searchsorted(starts, np.append(doc_start, idx.size + 1), side="left")
    word_doc = np.repeat(np.arange(len(texts)), np.diff(word_ptr))
    ws = (starts - doc_start[word_doc]).astype(np.int32) if nw else np.zeros(0, np.int32)
    we = (ends - doc_start[word_doc]).astype(np.int32) if nw else np.zeros(0, np.int32)
    m = max(nw - n + 1, 0)
    out = {}
    ok = np.zeros(nw, bool)
    for name in ("lower", "fold"):
        out[name] = np.zeros(nw, np.uint64)
        if m and name in hashes:
            wh = hashes[name]
            acc = wh[:m] * _SHINGLE_MULT[0]
            for k in range(1, n):
                acc += wh[k:k + m] * _SHINGLE_MULT[k]
            out[name][:m] = _mix(acc)
    if m:
        ok[:m] = word_doc[:m] == word_doc[n - 1:]
    return Hashed(word_ptr, ws, we, out["lower"], out["fold"], ok, n)


def _hash_many(texts: list[str], batch: int = 500) -> Hashed:
    """:func:`hash_texts` of many texts, ``batch`` at a time (bounds the temporary arrays, which are
    several times the batch's characters), concatenated into one :class:`Hashed`."""
    if len(texts) <= batch:
        return hash_texts(texts)
    parts = [hash_texts(texts[i:i + batch]) for i in range(0, len(texts), batch)]
    ptr, base = [np.zeros(1, np.int64)], 0
    for h in parts:
        ptr.append(h.word_ptr[1:] + base)
        base += int(h.word_ptr[-1])
    cat = {k: np.concatenate([getattr(h, k) for h in parts])
           for k in ("word_start", "word_end", "lower", "fold", "sh_ok")}
    return Hashed(np.concatenate(ptr), **cat)


# ------------------------------------------------------------------------------- signatures / sketches
def _oph_signatures(h: np.ndarray, doc: np.ndarray, n_docs: int) -> np.ndarray:
    """One-permutation MinHash (Li, Owen & Zhang 2012) with rotation densification: (n_docs, 128) uint32.

    Rows of documents without any shingle stay all 0xFFFFFFFF.
    """
    empty = np.uint32(0xFFFFFFFF)
    sig = np.full(n_docs * NUM_BINS, empty, dtype=np.uint32)
    if h.size:
        x = _mix(h ^ _U64(0x5DEECE66D))
        bins = (x >> _U64(57)).astype(np.int64)
        val = ((x >> _U64(8)) & _U64(0xFFFFFFFE)).astype(np.uint32)  # even: never equals `empty`
        np.minimum.at(sig, doc.astype(np.int64) * NUM_BINS + bins, val)
    sig = sig.reshape(n_docs, NUM_BINS)
    missing = sig == empty
    if missing.any():
        out = sig.copy()
        todo = missing & ~missing.all(axis=1, keepdims=True)
        for t in range(1, NUM_BINS):
            if not todo.any():
                break
            src = np.roll(sig, -t, axis=1)
            take = todo & (src != empty)
            out[take] = src[take] + np.uint32((t * 0x9E3779B1) & 0xFFFFFFFE)
            todo &= ~take
        sig = out
    return sig


def _winnow(h: np.ndarray, doc: np.ndarray, w: int = WINNOW) -> tuple[np.ndarray, np.ndarray]:
    """Winnowing fingerprints: the minimum of every window of ``w`` consecutive shingles of a document.

    Returns unique (doc, fingerprint) pairs. Documents shorter than ``w`` shingles get their minimum.
    Window minima are computed by doubling (log2 w vectorised passes).
    """
    if h.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.uint64)
    x = _mix(h ^ _U64(0x2545F4914F6CDD1D))
    mins, span = x, 1
    while span * 2 <= w:
        mins = np.minimum(mins[:-span], mins[span:])
        span *= 2
    if span < w:
        extra = w - span
        mins = np.minimum(mins[:-extra], mins[extra:]) if mins.size > extra else mins[:0]
    ok = doc[: mins.size] == doc[w - 1: w - 1 + mins.size]
    fdoc, fval = doc[: mins.size][ok], mins[ok]
    run = np.ones(fval.size, bool)  # consecutive windows mostly share their minimum
    run[1:] = (fval[1:] != fval[:-1]) | (fdoc[1:] != fdoc[:-1])
    fdoc, fval = fdoc[run], fval[run]
    # short documents: their overall minimum
    counts = np.bincount(doc, minlength=int(doc.max()) + 1)
    short = np.flatnonzero((counts > 0) & (counts < w))
    if short.size:
        order = np.argsort(doc, kind="stable")
        ptr = np.concatenate([[0], np.cumsum(counts)])
        for d in short:
            seg = x[order[ptr[d]:ptr[d + 1]]]
            fdoc = np.append(fdoc, d)
            fval = np.append(fval, seg.min())
    order = np.lexsort((fval, fdoc))
    fdoc, fval = fdoc[order], fval[order]
    keep = np.ones(fdoc.size, bool)
    keep[1:] = (fdoc[1:] != fdoc[:-1]) | (fval[1:] != fval[:-1])
    return fdoc[keep].astype(np.int64), fval[keep]


def _sketch_batch(texts: list[str], offset: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """MinHash signatures and winnowing fingerprints of one batch (folded shingles)."""
    h = hash_texts(texts, variants=("fold",))
    word_doc = np.repeat(np.arange(len(texts)), np.diff(h.word_ptr))
    sh, sdoc = h.fold[h.sh_ok], word_doc[h.sh_ok]
    sig = _oph_signatures(sh, sdoc, len(texts))
    fdoc, fval = _winnow(sh, sdoc)
    return sig, fdoc + offset, fval


# ---------------------------------------------------------------------------------- candidate pairs
PAIR_BLOCK = 1 << 18  # pairs made at once by pairs_from_groups (bounds its temporary arrays: ~50 bytes a pair)


def key_groups(keys: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(key, doc) postings sorted by key then doc: the docs in that order, each group's start, each element's
    group number and each group's size.

    >>> d, starts, gid, size = key_groups(np.array([5, 7, 5]), np.array([2, 1, 0]))
    >>> d.tolist(), starts.tolist(), gid.tolist(), size.tolist()
    ([0, 2, 1], [0, 2], [0, 0, 1], [2, 1])
    """
    order = np.lexsort((docs, keys))
    k, d = keys[order], docs[order]
    new = np.ones(k.size, bool)
    new[1:] = k[1:] != k[:-1]
    starts = np.flatnonzero(new)
    return d, starts, np.cumsum(new) - 1, np.diff(np.append(starts, k.size))


def pairs_from_groups(keys: np.ndarray, docs: np.ndarray, max_group: int | None = None) -> np.ndarray:
    """All (a, b), a < b, of documents sharing a key, as int64 codes a * 2**32 + b (with repeats, in no
    particular order; pairs of a document with itself are dropped). Shared with :mod:`vnpe.events.candidates`
    and :mod:`vnpe.dask`.

    The keys are sorted once; every element of a group of ``size`` elements is paired with the ``size - pos - 1``
    elements after it (:func:`expand_ranges`), ``PAIR_BLOCK`` pairs at a time (vectorised passes, not one per distance).

    >>> codes = pairs_from_groups(np.array([5, 7, 5, 5, 7]), np.array([0, 1, 2, 3, 3]))
    >>> sorted((int(c >> 32), int(c & 0xFFFFFFFF)) for c in codes)
    [(0, 2), (0, 3), (1, 3), (2, 3)]
    """
    if keys.size < 2:
        return np.zeros(0, np.int64)
    d, starts, gid, gsize = key_groups(keys, docs)
    size = gsize[gid]
    keep = size >= 2
    if max_group is not None:
        keep &= size <= max_group
    idx = np.flatnonzero(keep)
    after = (size[idx] - (idx - starts[gid[idx]]) - 1).astype(np.int64)  # elements after each in its group
    del gid, gsize, size, keep
    out = []
    bounds = np.searchsorted(np.cumsum(after), np.arange(PAIR_BLOCK, int(after.sum()) + PAIR_BLOCK, PAIR_BLOCK),
                             side="right")
    lo_i = 0
    for hi_i in np.append(bounds, idx.size):
        hi_i = int(hi_i)
        if hi_i <= lo_i:
            continue
        j, owner = expand_ranges(idx[lo_i:hi_i] + 1, after[lo_i:hi_i])
        a, b = d[idx[lo_i:hi_i]][owner], d[j]
        del j, owner
        codes = np.minimum(a, b).astype(np.int64) * (1 << 32) + np.maximum(a, b)
        out.append(codes[(codes >> 32) != (codes & 0xFFFFFFFF)])
        lo_i = hi_i
    return np.concatenate(out) if out else np.zeros(0, np.int64)


def _lsh_pairs(sig: np.ndarray) -> np.ndarray:
    """Banded LSH over MinHash signatures: codes of pairs colliding in at least one band."""
    valid = ~(sig == np.uint32(0xFFFFFFFF)).all(axis=1)
    docs = np.flatnonzero(valid)
    s = sig[valid].astype(np.uint64)
    out = []
    for band in range(LSH_BANDS):
        cols = s[:, band * LSH_ROWS:(band + 1) * LSH_ROWS]
        key = _U64(((band + 1) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF)
        for c in range(LSH_ROWS):
            key = _mix(key ^ cols[:, c])
        out.append(pairs_from_groups(key, docs))
    return np.unique(np.concatenate(out)) if out else np.zeros(0, np.int64)


FINGERPRINT_BUCKETS = 1 << 22  # buckets of the count that drops fingerprints no other document can share


def _fingerprint_pairs(fdoc: np.ndarray, fval: np.ndarray) -> np.ndarray:
    """Pairs of documents sharing at least ``MIN_SHARED_FINGERPRINTS`` fingerprints.

    Most fingerprints occur once in the corpus; those alone in their bucket of the low bits (one
    :func:`numpy.bincount`, no sort) are dropped before the sort of :func:`pairs_from_groups`: on VNTC's
    2.4M fingerprints about half go, and the step takes about half the time. The pairs are the same.

    >>> codes = _fingerprint_pairs(np.array([0, 0, 1, 1, 2]), np.array([5, 9, 5, 9, 5], np.uint64))
    >>> [(int(c >> 32), int(c & 0xFFFFFFFF)) for c in codes]
    [(0, 1)]
    """
    if fval.size:
        bucket = (fval & _U64(FINGERPRINT_BUCKETS - 1)).astype(np.intp)
        shared_bucket = np.bincount(bucket, minlength=FINGERPRINT_BUCKETS)[bucket] >= 2
        del bucket
        fdoc, fval = fdoc[shared_bucket], fval[shared_bucket]
    codes = pairs_from_groups(fval, fdoc, max_group=MAX_FINGERPRINT_DF)
    if codes.size == 0:
        return codes
    u, c = np.unique(codes, return_counts=True)
    return u[c >= MIN_SHARED_FINGERPRINTS]


def _exact_pairs(texts: list[str]) -> np.ndarray:
    """Every pair sharing at least one folded shingle (sparse join): the brute-force candidate set."""
    from scipy import sparse

    h = hash_texts(texts)
    word_doc = np.repeat(np.arange(len(texts)), np.diff(h.word_ptr))
    sh, sdoc = h.fold[h.sh_ok], word_doc[h.sh_ok]
    if sh.size == 0:
        return np.zeros(0, np.int64)
    uniq, col = np.unique(sh, return_inverse=True)
    x = sparse.csr_matrix((np.ones(sh.size, np.int32), (sdoc, col)), shape=(len(texts), uniq.size))
    x.data[:] = 1
    x.sum_duplicates()
    x.data[:] = 1
    co = sparse.triu(x @ x.T, k=1).tocoo()
    return co.row.astype(np.int64) * (1 << 32) + co.col


# ------------------------------------------------------------------------------------ parallel pool
PARALLEL_MIN_CHARS = 20_000_000  # below this, forking workers costs more than it saves


def _workers(n_chars: int) -> int:
    if n_chars <= PARALLEL_MIN_CHARS:
        return 1
    _tables()  # built once here, inherited by the forked workers
    _powers(1 << 20)
    return cpu_workers()


def _sketch_job(args: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lo, hi = args
    return _sketch_batch(shared()[lo:hi], lo)


def _figures_job(codes: np.ndarray) -> tuple[dict[str, np.ndarray], list[tuple]]:
    return _block_figures(shared(), codes)


def candidate_pairs(texts: list[str], method: str = "auto") -> np.ndarray:
    """Candidate pairs (int64 codes ``a << 32 | b``, a < b) of document indices.

    ``method``: ``"exact"`` (every pair sharing a shingle), ``"lsh"`` (MinHash LSH + winnowing) or
    ``"auto"`` (exact up to ``EXACT_MAX_DOCS`` documents).
    """
    if method == "auto":
        method = "exact" if len(texts) <= EXACT_MAX_DOCS else "lsh"
    if method == "exact":
        return _exact_pairs(texts)
    if method != "lsh":
        raise ValueError(f"unknown method: {method}")
    n_chars = sum(len(t) for t in texts if isinstance(t, str))
    batch = SKETCH_BATCH
    jobs = [(i, min(i + batch, len(texts))) for i in range(0, len(texts), batch)]
    parts = list(pmap(_sketch_job, jobs, workers=_workers(n_chars), shared=texts))
    sig = np.concatenate([p[0] for p in parts]) if parts else np.zeros((0, NUM_BINS), np.uint32)
    fdoc = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int64)
    fval = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, np.uint64)
    return np.union1d(_lsh_pairs(sig), _fingerprint_pairs(fdoc, fval))


# ------------------------------------------------------------------------------- exact pair figures
def _doc_data(h: Hashed, d: int) -> dict:
    x = h.doc(d)
    fold = x["fold"]
    order = np.argsort(fold, kind="stable")  # by value, then by position
    x["sorted_vals"], x["sorted_pos"] = fold[order], order
    vals, counts = np.unique(fold, return_counts=True)
    x["fold_set"], x["fold_cnt"] = vals, counts
    x["lower_set"] = np.unique(x["lower"])
    return x


def align(a: dict, b: dict, max_gap: int = MAX_GAP, n: int = N_GRAM, max_repeat: int = 3
          ) -> list[tuple[int, int, int, int]]:
    """Aligned passages of two documents as word ranges ``(wa0, wa1, wb0, wb1)`` (end exclusive).

    Anchors are folded shingles occurring the same number of times (at most ``max_repeat``) in both
    documents, the k-th occurrence in one paired with the k-th in the other; anchors advancing together
    in both documents (by at most ``max_gap`` words) extend one passage, so small edits do not split it.
    """
    common, ia, ib = np.intersect1d(a["fold_set"], b["fold_set"], assume_unique=True, return_indices=True)
    if common.size == 0:
        return []
    ca, cb = a["fold_cnt"][ia], b["fold_cnt"][ib]
    eq = common[(ca == cb) & (ca <= max_repeat)]
    if eq.size == 0:
        return []
    pa = a["sorted_pos"][np.isin(a["sorted_vals"], eq, assume_unique=False)]
    pb = b["sorted_pos"][np.isin(b["sorted_vals"], eq, assume_unique=False)]
    order = np.argsort(pa, kind="stable")
    pa, pb = pa[order], pb[order]
    da, db = np.diff(pa), np.diff(pb)
    brk = (da > max_gap) | (db <= 0) | (db > max_gap)
    cut = np.concatenate([[0], np.flatnonzero(brk) + 1, [pa.size]])
    out = []
    for s, e in zip(cut[:-1], cut[1:], strict=True):
        out.append((int(pa[s]), int(pa[e - 1]) + n, int(pb[s]), int(pb[e - 1]) + n))
    return out


def _pair_figures(texts: list[str], codes: np.ndarray) -> tuple[dict[str, np.ndarray], list[tuple]]:
    """Exact figures and passages for pairs of document indices given as codes."""
    a_idx = (codes >> 32).astype(np.int64)
    b_idx = (codes & 0xFFFFFFFF).astype(np.int64)
    need = np.unique(np.concatenate([a_idx, b_idx]))
    data: dict[int, dict] = {}
    batch = 500
    for i in range(0, need.size, batch):
        ids = need[i:i + batch]
        h = hash_texts([texts[j] for j in ids])
        for k, j in enumerate(ids):
            data[int(j)] = _doc_data(h, k)
    m = codes.size
    res = {k: np.zeros(m) for k in ("jaccard", "jaccard_folded", "cont_ab", "cont_ba",
                                     "longest", "cover_a", "cover_b", "n_passages", "passage_words")}
    passages: list[tuple] = []
    for r in range(m):
        a, b = data[int(a_idx[r])], data[int(b_idx[r])]
        la, lb = a["lower_set"], b["lower_set"]
        inter = np.intersect1d(la, lb, assume_unique=True).size
        union = la.size + lb.size - inter
        res["jaccard"][r] = inter / union if union else 0.0
        fa, fb = a["fold_set"], b["fold_set"]
        finter = np.intersect1d(fa, fb, assume_unique=True).size
        funion = fa.size + fb.size - finter
        res["jaccard_folded"][r] = finter / funion if funion else 0.0
        res["cont_ab"][r] = inter / la.size if la.size else 0.0
        res["cont_ba"][r] = inter / lb.size if lb.size else 0.0
        segs = align(a, b) if finter else []
        longest = max((s[1] - s[0] for s in segs), default=0)
        res["longest"][r] = longest
        keep = [s for s in segs if s[1] - s[0] >= MIN_PASSAGE_WORDS]
        res["n_passages"][r] = len(keep)
        res["passage_words"][r] = sum(s[1] - s[0] for s in keep)
        na, nb = a["ws"].size, b["ws"].size
        cov_a = np.zeros(na, bool)
        cov_b = np.zeros(nb, bool)
        for wa0, wa1, wb0, wb1 in segs:  # coverage counts every aligned run, short ones between edits too
            cov_a[wa0:wa1] = True
            cov_b[wb0:wb1] = True
        for wa0, wa1, wb0, wb1 in keep:
            passages.append((int(a_idx[r]), int(b_idx[r]), int(a["ws"][wa0]), int(a["we"][wa1 - 1]),
                             int(b["ws"][wb0]), int(b["we"][wb1 - 1]), wa1 - wa0))
        res["cover_a"][r] = cov_a.mean() if na else 0.0
        res["cover_b"][r] = cov_b.mean() if nb else 0.0
    return res, passages


def expand_ranges(starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices ``starts[i] + k`` for ``k < lengths[i]``, concatenated, and the ``i`` of each (vectorised; shared
    with the candidate pairs of :mod:`vnpe.events.candidates`).

    >>> j, owner = expand_ranges(np.array([10, 3]), np.array([2, 3]))
    >>> j.tolist(), owner.tolist()
    ([10, 11, 3, 4, 5], [0, 0, 1, 1, 1])
    """
    owner = np.repeat(np.arange(lengths.size), lengths)
    offs = np.cumsum(lengths) - lengths
    return starts[owner] + (np.arange(owner.size) - offs[owner]), owner


def _doc_sets(vals: np.ndarray, dloc: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per document: its distinct values (as labels in one table for the block), their counts, first occurrences.

    Returns ``(key, count, first, order)``: ``key = doc << 32 | label`` sorted; element ``j`` occurs
    ``count[j]`` times, at the indices ``order[first[j]:first[j] + count[j]]`` of ``vals`` (ascending).
    ``dloc`` is non-decreasing (the values of one document are contiguous).

    Labels are :func:`pandas.factorize` codes (a hash table, in order of first appearance) rather than sorted
    ranks (``np.unique(return_inverse=True)``, a sort): the figures only compare labels for equality, and with
    first-appearance labels the keys are nearly sorted already, so the stable sort below is mostly merging
    runs (on a VNTC block of 235k shingles: 12 ms instead of 40 ms).

    >>> key, count, first, order = _doc_sets(np.array([7, 5, 7, 5, 9], np.uint64), np.array([0, 0, 0, 1, 1]))
    >>> [(int(k >> 32), int(c)) for k, c in zip(key, count)], order[first].tolist()
    ([(0, 2), (0, 1), (1, 1), (1, 1)], [0, 1, 3, 4])
    """
    label = pd.factorize(vals)[0]
    key = (dloc.astype(np.int64) << 32) | label.astype(np.int64)
    order = np.argsort(key, kind="stable")  # by document, value, then position
    skey = key[order]
    new = np.ones(skey.size, bool)
    new[1:] = skey[1:] != skey[:-1]
    first = np.flatnonzero(new)
    count = np.diff(np.append(first, skey.size))
    ukey = skey[first]
    return ukey, count, first, order


def _block_figures(texts: list[str], codes: np.ndarray) -> tuple[dict[str, np.ndarray], list[tuple]]:
    """:func:`_pair_figures` for a block of pairs, vectorised over the pairs (same figures, same order).

    Every needed document is hashed once; the per-pair work (set intersections, anchors, passages,
    coverage) is done on arrays holding all pairs of the block, keyed by ``pair << 32 | value rank``, so
    no Python code runs per pair (the per-pair loop of :func:`_pair_figures` cost about 1 ms a pair).
    """
    n = N_GRAM
    m = codes.size
    a_idx = (codes >> 32).astype(np.int64)
    b_idx = (codes & 0xFFFFFFFF).astype(np.int64)
    need, inv = np.unique(np.concatenate([a_idx, b_idx]), return_inverse=True)
    la, lb = inv[:m], inv[m:]  # local document numbers of each pair's two sides
    h = _hash_many([texts[j] for j in need])
    nwords = np.diff(h.word_ptr)
    nsh = np.maximum(nwords - n + 1, 0)
    sh_idx, sh_doc = expand_ranges(h.word_ptr[:-1], nsh)  # valid shingles of every needed document, in order
    sh_pos = sh_idx - h.word_ptr[:-1][sh_doc]
    res = {k: np.zeros(m) for k in ("jaccard", "jaccard_folded", "cont_ab", "cont_ba",
                                     "longest", "cover_a", "cover_b", "n_passages", "passage_words")}
    if m == 0:
        return res, []
    pair = np.arange(m, dtype=np.int64)

    def side(ptr: np.ndarray, sides: np.ndarray, key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Keys ``pair << 32 | rank`` of the distinct values of each pair's document on one side (sorted)."""
        idx, owner = expand_ranges(ptr[:-1][sides], np.diff(ptr)[sides])
        return (pair[owner] << 32) | (key[idx] & 0xFFFFFFFF), idx

    for variant, name in (("lower", "jaccard"), ("fold", "jaccard_folded")):
        ukey, count, first, order = _doc_sets(getattr(h, variant)[sh_idx], sh_doc)
        ptr = np.searchsorted(ukey >> 32, np.arange(need.size + 1))
        size = np.diff(ptr)
        ka, ia = side(ptr, la, ukey)
        kb, ib = side(ptr, lb, ukey)
        pos_in_b = np.searchsorted(kb, ka)
        pos_in_b[pos_in_b >= kb.size] = 0
        hit = kb[pos_in_b] == ka if kb.size else np.zeros(ka.size, bool)
        inter = np.bincount(ka[hit] >> 32, minlength=m).astype(np.float64)
        sa, sb = size[la].astype(np.float64), size[lb].astype(np.float64)
        union = sa + sb - inter
        with np.errstate(divide="ignore", invalid="ignore"):
            res[name] = np.where(union > 0, inter / np.where(union > 0, union, 1), 0.0)
            if variant == "lower":
                res["cont_ab"] = np.where(sa > 0, inter / np.where(sa > 0, sa, 1), 0.0)
                res["cont_ba"] = np.where(sb > 0, inter / np.where(sb > 0, sb, 1), 0.0)
        if variant != "fold":
            continue
        # anchors: values occurring equally often (at most 3 times) in both; k-th occurrence with k-th
        ja, jb = ia[hit], ib[pos_in_b[hit]]
        ca, cb = count[ja], count[jb]
        ok = (ca == cb) & (ca <= 3)
        ja, jb, c, p = ja[ok], jb[ok], ca[ok], (ka[hit] >> 32)[ok]
        k_idx, owner = expand_ranges(np.zeros(c.size, np.int64), c)
        pa = sh_pos[order[first[ja][owner] + k_idx]]
        pb = sh_pos[order[first[jb][owner] + k_idx]]
        p = p[owner]
        srt = np.lexsort((pa, p))
        pa, pb, p = pa[srt], pb[srt], p[srt]
        brk = np.ones(p.size, bool)
        if p.size > 1:
            da, db = np.diff(pa), np.diff(pb)
            brk[1:] = (p[1:] != p[:-1]) | (da > MAX_GAP) | (db <= 0) | (db > MAX_GAP)
        s = np.flatnonzero(brk)
        e = np.append(s[1:], p.size).astype(np.int64) - 1
        e = e[:s.size] if p.size else s
        sp, wa0, wa1, wb0, wb1 = p[s], pa[s], pa[e] + n, pb[s], pb[e] + n
        length = wa1 - wa0
        longest = np.zeros(m, np.int64)
        np.maximum.at(longest, sp, length)
        res["longest"] = longest.astype(np.float64)
        keep = length >= MIN_PASSAGE_WORDS
        res["n_passages"] = np.bincount(sp[keep], minlength=m).astype(np.float64)
        res["passage_words"] = np.bincount(sp[keep], weights=length[keep], minlength=m)
        res["cover_a"] = _covered(sp, wa0, wa1, m) / np.maximum(nwords[la], 1)
        res["cover_b"] = _covered(sp, wb0, wb1, m) / np.maximum(nwords[lb], 1)
        kept = np.flatnonzero(keep)
    passages = []
    ws, we, wp = h.word_start, h.word_end, h.word_ptr
    for r in kept.tolist():
        q = int(sp[r])
        oa, ob = int(wp[la[q]]), int(wp[lb[q]])
        passages.append((int(a_idx[q]), int(b_idx[q]), int(ws[oa + wa0[r]]), int(we[oa + wa1[r] - 1]),
                         int(ws[ob + wb0[r]]), int(we[ob + wb1[r] - 1]), int(length[r])))
    return res, passages


def _covered(pair: np.ndarray, start: np.ndarray, end: np.ndarray, m: int) -> np.ndarray:
    """Words covered by the union of intervals ``[start, end)`` of each pair (segments grouped by pair)."""
    if pair.size == 0:
        return np.zeros(m)
    order = np.lexsort((start, pair))
    p, s, e = pair[order], start[order], end[order]
    big = np.int64(1) << 32
    run = np.maximum.accumulate(p * big + e)  # running furthest end, per pair (pairs ascend)
    prev = np.empty_like(run)
    prev[0] = -1
    prev[1:] = run[:-1]
    prev_end = np.where((prev >> 32) == p, prev & (big - 1), 0)
    add = np.maximum(e - np.maximum(s, prev_end), 0)
    return np.bincount(p, weights=add, minlength=m)


# A figures worker is replaced after this many blocks: its heap grows block by block, and it runs while this
# process links events (VNTC's figures + events from a saved state: peak 0.82 GB PSS without it, 0.72 with it).
FIGURE_BLOCKS_PER_WORKER = 32
FIGURE_BLOCK = 250  # pairs per job: bounds the documents held in memory at once (<= 2 per pair); on VNTC 250
# is faster than 1000 too (8 s against 11 s in one process) and a worker peaks 100 MB lower


def _pair_order(codes: np.ndarray, n_docs: int) -> np.ndarray:
    """An order of the pairs in which consecutive pairs share documents: a block of pairs then needs fewer
    distinct documents, each of which :func:`_block_figures` hashes once per block.

    Documents are numbered by the reverse Cuthill-McKee order of the pair graph
    (:func:`scipy.sparse.csgraph.reverse_cuthill_mckee`: a breadth-first order that keeps neighbours close),
    and pairs sorted by their two numbers (lower first). On VNTC's 31,452 candidate pairs, in blocks of 250,
    the characters hashed fall from 99.8M to 77.5M (the 12,519 documents hold 33.2M).

    >>> chain = [(i << 32) | (i + 1) for i in range(600)]
    >>> codes = np.array(chain[::2] + chain[1::2])  # a chain of documents, its pairs listed out of order
    >>> order = _pair_order(codes, 601)
    >>> sorted(order.tolist()) == list(range(600)), sorted((codes[order[:4]] >> 32).tolist())
    (True, [596, 597, 598, 599])
    """
    if codes.size <= FIGURE_BLOCK:  # one block: the order does not matter (and scipy.sparse.csgraph is not imported)
        return np.arange(codes.size)
    from scipy import sparse
    from scipy.sparse.csgraph import reverse_cuthill_mckee

    a = (codes >> 32).astype(np.int64)
    b = (codes & 0xFFFFFFFF).astype(np.int64)
    g = sparse.coo_matrix((np.ones(a.size, np.int8), (a, b)), shape=(n_docs, n_docs)).tocsr()
    perm = reverse_cuthill_mckee((g + g.T).tocsr(), symmetric_mode=True)
    rank = np.empty(n_docs, np.int64)
    rank[perm] = np.arange(n_docs)
    ra, rb = rank[a], rank[b]
    return np.lexsort((np.maximum(ra, rb), np.minimum(ra, rb)))


def _figures(texts: list[str], codes: np.ndarray) -> tuple[pd.DataFrame, list[tuple]]:
    return _figures_start(texts, codes)()


def _figures_start(texts: list[str], codes: np.ndarray) -> Callable[[], tuple[pd.DataFrame, list[tuple]]]:
    """Start :func:`_figures` (its worker processes take the blocks of pairs now) and return the function that
    collects the figures and passages: the caller may link events meanwhile."""
    n_chars = sum(len(t) for t in texts if isinstance(t, str))
    order = _pair_order(codes, len(texts))
    work = codes[order]
    blocks = [work[i:i + FIGURE_BLOCK] for i in range(0, work.size, FIGURE_BLOCK)] or [work]
    running = pmap(_figures_job, blocks, workers=_workers(n_chars), shared=texts, start=True,
                   jobs_per_worker=FIGURE_BLOCKS_PER_WORKER)
    return lambda: _figures_collect(list(running), codes, order)


def _figures_collect(parts: list, codes: np.ndarray, order: np.ndarray) -> tuple[pd.DataFrame, list[tuple]]:
    res = {}
    if parts:
        back = np.empty(order.size, np.int64)  # the figures in the order of `codes`
        back[order] = np.arange(order.size)
        res = {k: np.concatenate([p[0][k] for p in parts])[back] for k in parts[0][0]}
    # passages in the order of their pairs in `codes`, then as found (stable)
    where = {int(c): int(i) for i, c in enumerate(codes.tolist())}
    passages = sorted((x for p in parts for x in p[1]), key=lambda x: where[(x[0] << 32) | x[1]])
    df = pd.DataFrame(res)
    df.insert(0, "a", (codes >> 32).astype(np.int64))
    df.insert(1, "b", (codes & 0xFFFFFFFF).astype(np.int64))
    return df, passages


# ----------------------------------------------------------------------------------------- relation
def classify(cover_a: float, cover_b: float, passage_words: int, same_event: bool) -> str:
    """Relation of a pair from aligned coverage, words in aligned passages and the event link.

    Example:
        >>> classify(0.95, 0.9, 300, False), classify(0.2, 0.1, 60, False), classify(0, 0, 0, True)
        ('near_duplicate', 'reuse', 'same_event')
    """
    hi, lo = max(cover_a, cover_b), min(cover_a, cover_b)
    if hi >= NEAR_DUP_COVER[0] and lo >= NEAR_DUP_COVER[1]:
        return "near_duplicate"
    if passage_words >= REUSE_MIN_WORDS or hi >= REUSE_MIN_COVER:
        return "reuse"
    if same_event:
        return "same_event"
    return "unrelated"


def _ordered(articles: pd.DataFrame) -> pd.DataFrame:
    arts = articles.reset_index(drop=True)
    if "status" in arts.columns:
        arts = arts[arts["status"].fillna("ok").eq("ok") | arts["text"].fillna("").str.len().gt(0)]
    arts = arts.sort_values("doc_id", kind="stable").reset_index(drop=True)
    return arts


def _stopwatch(timings: dict | None) -> Callable[[str], None]:
    """A ``lap(name)`` function that adds the seconds since the previous lap to ``timings[name]`` (if given)."""
    clock = {"t": time.perf_counter()}

    def lap(name: str) -> None:
        now = time.perf_counter()
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + now - clock["t"]
        clock["t"] = now

    return lap


def overlap(articles: pd.DataFrame, method: str = "auto", events: bool = True, timings: dict | None = None,
            min_evidence: float | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pairs and passages in one pass: ``(pair_table, passage_table)``.

    ``method`` chooses the candidate step (see :func:`candidate_pairs`); ``events=False`` skips
    same-event linking (text overlap only); ``timings``, when given, receives the seconds of each stage;
    ``min_evidence`` is the specific evidence a same-event link needs (default
    :data:`vnpe.events.MIN_EVIDENCE`, see :mod:`vnpe.events`).
    """
    lap = _stopwatch(timings)

    arts = _ordered(articles)
    ids = arts["doc_id"].astype(str).tolist()
    texts = [t if isinstance(t, str) else "" for t in arts["text"].tolist()]
    codes = candidate_pairs(texts, method=method)
    lap("candidates")
    return _finish(arts if events else None, ids, texts, codes, lap, min_evidence)


def _finish(arts: pd.DataFrame | None, ids: list[str], texts: list[str], codes: np.ndarray, lap,
            min_evidence: float | None, features: list | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Exact figures of the candidates, event links (unless ``arts`` is None) and the two tables.

    Events are linked in this process while the worker processes compute the figures (when there are
    workers): linking needs the candidate pairs, not their figures."""
    figures = _figures_start(texts, codes)
    if arts is not None:
        from vnpe.events import MIN_EVIDENCE, event_links

        asked = pd.DataFrame({"a": (codes >> 32).astype(np.int64), "b": (codes & 0xFFFFFFFF).astype(np.int64)})
        links = event_links(arts, explain=asked, features=features,
                            min_evidence=MIN_EVIDENCE if min_evidence is None else min_evidence)
        del asked
    else:
        links = no_links()
    lap("events")
    fig, passages = figures()
    lap("exact figures")
    if arts is not None:
        fig = mark_lead_shared(fig, passages, texts.__getitem__)
    pairs = pair_frame(fig, links, ids)
    del fig, links
    rows = []
    for a, b, sa, ea, sb, eb, nw in passages:
        rows.append((ids[a], ids[b], sa, ea, sb, eb, nw, texts[a][sa:ea]))
    pas = pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
    pas = pas.sort_values(["doc_a", "doc_b", "start_a"], kind="stable").reset_index(drop=True)
    lap("tables")
    return pairs[PAIR_COLUMNS], pas


# ------------------------------------------------------------------------------- streaming from files
def _corpus_chunk(rows: list[dict], events: bool) -> dict:
    """What :func:`overlap_corpus` keeps of one chunk of cleaned rows, computed in the worker that cleaned
    it: the kept articles' ids and clean texts, their MinHash signatures and winnowing fingerprints and,
    with ``events``, their event features (:func:`vnpe.events.extract`), not the rows themselves."""
    kept = [r for r in rows if (r["status"] or "ok") == "ok" or (isinstance(r["text"], str) and r["text"])]
    del rows
    texts = [r["text"] if isinstance(r["text"], str) else "" for r in kept]
    sig, fdoc, fval = _sketch_batch(texts, 0) if texts else (np.zeros((0, NUM_BINS), np.uint32),
                                                             np.zeros(0, np.int64), np.zeros(0, np.uint64))
    out = {"ids": [str(r["doc_id"]) for r in kept], "texts": texts, "sig": sig,
           "fdoc": fdoc.astype(np.int32), "fval": fval, "feats": None}
    if events:
        from vnpe.events import FEATURE_COLUMNS, features_of
        from vnpe.events.names import run_memo_size, runs_read_since

        known = run_memo_size()
        out["feats"] = features_of(*([r[c] for r in kept] for c in FEATURE_COLUMNS))
        # (nothing once the parent's memo was full when this worker was forked: it would drop them)
        out["runs"] = runs_read_since(known) if _SEED_ROOM[0] else ([], [])
        for f in out["feats"]:
            if f.lead_keys:  # the hashed terms are all the linking reads of a lead: the text need not travel
                f.lead = ""
    return out


SEED_RUNS = 50_000  # readings of capitalised runs the parent keeps for the workers it forks later (half the memo)
# whether the parent's memo has room for more seeds: False once it holds SEED_RUNS entries, so that the workers
# forked from then on (which inherit the flag) send no more readings back (pickled, then dropped by seed_runs).
# Seeded workers (a cleaning worker is replaced every vnpe.load.CHUNKS_PER_WORKER chunks) start with the readings
# instead of reading those runs again
_SEED_ROOM = [True]


def _chunk_events(rows: list[dict]) -> dict:
    return _corpus_chunk(rows, True)


def _chunk_text(rows: list[dict]) -> dict:
    return _corpus_chunk(rows, False)


def _warm(events: bool) -> None:
    """Build the lazily loaded tables and models of cleaning, hashing and event extraction here, once, so
    that the forked workers share them with this process instead of each building its own copy."""
    from vnpe.load import Decoded, article_row

    _tables()
    _powers(1 << 20)
    samples = ["Hà Nội, ngày 17/11/2024 — Chủ tịch nước Lương Cường gặp Tổng thống Dina Boluarte tại Lima.",
               "LIMA, Nov 17 (Reuters) - President Dina Boluarte met Luong Cuong in Lima on Sunday."]
    rows = [article_row("warm", "warm", Decoded(t, "utf-8")) for t in samples]
    if events:
        _chunk_events(rows)


def _preload() -> bool:
    """Import the modules of the steps after loading (scipy's sparse graphs, about 0.5 s) while the workers
    still load, instead of in the serial part of the run, and load what later workers would each load (True
    when py3langid's model was loaded here: the caller lets it go once the workers are done)."""
    import scipy.sparse  # noqa: F401
    import scipy.sparse.csgraph  # noqa: F401

    from vnpe.text import load_language_model

    # py3langid's model (detect_language, for the few pages that are neither plainly Vietnamese nor plainly
    # English): the cleaning workers forked from now on (one is replaced every vnpe.load.CHUNKS_PER_WORKER
    # chunks) share this copy instead of each loading its own, about 0.4 s of CPU per worker that meets one
    return load_language_model()


def overlap_corpus(path, *, events: bool = True, min_evidence: float | None = None, encoding: str | None = None,
                   progress: bool | None = None, warn: bool = True, n_jobs: int | None = None,
                   timings: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`overlap` of the corpus below ``path`` (``method="auto"``), streamed from the files: the same
    two tables as ``overlap(load_corpus(path))``, with less memory and time.

    Each chunk of files is read, cleaned, sketched (signatures, fingerprints) and, with ``events``, reduced
    to its event features in the worker process that cleaned it (:func:`vnpe.load.corpus_chunks`, one pool
    for the whole pass); only ids, clean texts and those arrays come back, never the articles table (line
    records, paragraphs, metadata of every article). Options: :func:`vnpe.load.load_corpus`.

    >>> pairs, passages = overlap_corpus("seeds", events=False)
    >>> list(pairs.columns) == PAIR_COLUMNS
    True
    """
    from vnpe.load import corpus_chunks, scan_articles
    from vnpe.text import drop_language_model

    lap = _stopwatch(timings)

    scan = scan_articles(path)
    _warm(events)
    ids: list[str] = []
    texts: list[str] = []
    feats: list = []
    sigs, fdocs, fvals = [], [], []
    model_loaded = False
    if events:
        from vnpe.events.names import restore_run_memo, run_memo_size, run_memo_snapshot, seed_runs

        memo_before = run_memo_snapshot()
        _SEED_ROOM[0] = run_memo_size() < SEED_RUNS
    for i, part in enumerate(corpus_chunks(scan, _chunk_events if events else _chunk_text, path=path,
                                           progress=progress, warn=warn, encoding=encoding, n_jobs=n_jobs,
                                           keep_raw=False)):
        if i == 1:  # the workers are busy with the next chunks: import what the serial steps after them need now
            model_loaded = _preload()
        fdocs.append(part["fdoc"].astype(np.int64) + len(ids))
        ids += part["ids"]
        texts += part["texts"]
        if events:
            feats += part["feats"]
            _SEED_ROOM[0] = seed_runs(part.pop("runs"), SEED_RUNS)
        sigs.append(part["sig"])
        fvals.append(part["fval"])
    if model_loaded:  # it served the cleaning workers: not kept through the (memory-heavy) steps below
        drop_language_model()
    if events:  # the seeds served the workers: give their memory back before the pairs are figured
        restore_run_memo(memo_before)
        _SEED_ROOM[0] = True
    lap("load, clean, sketch")
    # the row order of overlap(): by doc_id (stable)
    order = sorted(range(len(ids)), key=ids.__getitem__)
    rank = np.empty(len(ids), np.int64)
    rank[order] = np.arange(len(ids))
    ids = [ids[i] for i in order]
    texts = [texts[i] for i in order]
    feats = [feats[i] for i in order] if events else []
    if len(texts) <= EXACT_MAX_DOCS:
        codes = _exact_pairs(texts)
    else:
        sig = np.concatenate(sigs)[order]
        fdoc = rank[np.concatenate(fdocs)]
        fval = np.concatenate(fvals)
        codes = np.union1d(_lsh_pairs(sig), _fingerprint_pairs(fdoc, fval))
        del sig, fdoc, fval
    del sigs, fdocs, fvals, rank, order
    lap("candidates")
    arts = pd.DataFrame({"doc_id": ids}) if events else None
    return _finish(arts, ids, texts, codes, lap, min_evidence, features=feats if events else None)


def mark_lead_shared(fig: pd.DataFrame, passages: list[tuple], text_of: Callable[[int], str]) -> pd.DataFrame:
    """``fig`` with a column ``lead_shared``: whether a passage of the pair (``passages``: ``(a, b, start_a, end_a,
    start_b, ...)`` tuples, character offsets) begins within the lead of either article (:func:`vnpe.text.lead_end`
    of ``text_of(a)``). Two outlets carrying one report share its lead, where the occasion is told; a follow-up
    retells the earlier report lower down, as background, under a lead of its own."""
    from vnpe.text import lead_end

    ends: dict[int, int] = {}

    def end(i: int) -> int:
        if i not in ends:
            ends[i] = lead_end(text_of(i))
        return ends[i]

    hit = {(a, b) for a, b, sa, _ea, sb, *_ in passages if sa < end(a) or sb < end(b)}
    fig = fig.copy()
    fig["lead_shared"] = [(int(a), int(b)) in hit for a, b in zip(fig["a"], fig["b"], strict=True)]
    return fig


def no_links() -> pd.DataFrame:
    """An empty table of event links (the columns of :func:`vnpe.events.event_links`), for runs without events."""
    return pd.DataFrame({"a": pd.Series(dtype="int64"), "b": pd.Series(dtype="int64"),
                         "evidence": pd.Series(dtype=object), "linked": pd.Series(dtype=bool),
                         "report": pd.Series(dtype=bool), "report_evidence": pd.Series(dtype=object)})


def pair_frame(fig: pd.DataFrame, links: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The pairs table from the exact figures of candidate pairs and the event links (both keyed by row
    positions ``a`` < ``b``): relation, same_event and evidence, rows keyed by doc_id and sorted.
    Shared by the single-machine path and :mod:`vnpe.dask`."""
    fig = fig.merge(links.rename(columns={"evidence": "event_evidence"}), on=["a", "b"], how="outer")
    for col in fig.columns:
        if col not in ("a", "b", "event_evidence", "linked", "report", "report_evidence", "lead_shared"):
            fig[col] = fig[col].fillna(0.0)
    fig["same_event_linked"] = fig["linked"].fillna(False).astype(bool)
    fig["relation"] = [classify(ca, cb, pw, se) for ca, cb, pw, se in zip(
        fig["cover_a"], fig["cover_b"], fig["passage_words"], fig["same_event_linked"], strict=True)]
    # one report carried twice: both reuse thresholds at once, and nothing the events layer reads against it
    # .eq(True): the outer merge leaves NaN where a pair has no figures or no event row
    lead = fig["lead_shared"].eq(True) if "lead_shared" in fig.columns else False
    fig["report"] = (fig["relation"].eq("reuse") & ~fig["same_event_linked"] & lead
                     & fig["report"].eq(True) & fig["passage_words"].ge(REUSE_MIN_WORDS)
                     & np.maximum(fig["cover_a"], fig["cover_b"]).ge(REUSE_MIN_COVER))
    fig["same_event_linked"] |= fig["report"]
    fig["same_event"] = fig["same_event_linked"] | fig["relation"].eq("near_duplicate")
    fig["evidence"] = [_evidence(r) for r in fig.itertuples(index=False)]
    pairs = pd.DataFrame({
        "doc_a": [ids[int(i)] for i in fig["a"]],
        "doc_b": [ids[int(i)] for i in fig["b"]],
        "jaccard": fig["jaccard"].round(4),
        "containment_a_in_b": fig["cont_ab"].round(4),
        "containment_b_in_a": fig["cont_ba"].round(4),
        "longest_passage_words": fig["longest"].astype(int),
        "same_event": fig["same_event"].astype(bool),
        "relation": fig["relation"],
        "evidence": fig["evidence"],
    })
    return pairs.sort_values(["doc_a", "doc_b"], kind="stable").reset_index(drop=True)


def _evidence(r) -> str:
    parts = []
    if r.jaccard_folded > 0 or r.longest > 0:
        parts.append(f"jaccard_folded={r.jaccard_folded:.3f}")
        parts.append(f"coverage={r.cover_a:.2f}/{r.cover_b:.2f}")
        if r.n_passages:
            parts.append(f"passages={int(r.n_passages)} ({int(r.passage_words)} words, longest {int(r.longest)})")
    if r.relation == "near_duplicate":
        parts.append("same story")
    if r.report:
        parts.append(f"one report: shared passages cover {max(r.cover_a, r.cover_b):.0%} of one article; "
                     f"{r.report_evidence}")
    elif isinstance(r.event_evidence, str):
        if r.same_event_linked:
            parts.append(r.event_evidence)
        elif r.relation != "near_duplicate":  # a near-duplicate is the same event whatever its event evidence
            parts.append(f"not the same event: {r.event_evidence}")
    return "; ".join(parts)


def pair_table(articles: pd.DataFrame, method: str = "auto", min_evidence: float | None = None) -> pd.DataFrame:
    """One row per pair of articles that share text or are linked to the same event (doc_a < doc_b).

    Columns: doc_a, doc_b, jaccard (NFC case-folded word 5-gram shingles), containment_a_in_b,
    containment_b_in_a, longest_passage_words, same_event, relation, evidence. ``min_evidence``: see
    :func:`overlap`.
    """
    return overlap(articles, method=method, min_evidence=min_evidence)[0]


def passage_table(articles: pd.DataFrame, method: str = "auto") -> pd.DataFrame:
    """One row per aligned reused passage (at least ``MIN_PASSAGE_WORDS`` words).

    Columns: doc_a, doc_b, start_a, end_a, start_b, end_b (character offsets into ``articles.text``),
    n_words (words of the passage in doc_a), text_a.
    """
    return overlap(articles, method=method, events=False)[1]
