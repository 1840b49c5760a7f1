"""The same pipeline on Dask: corpora larger than one machine, on a local or an existing cluster.

Every step is the single-machine code of vnpe run per partition; only the steps that need the whole
corpus are shuffles:

* **articles**: the file list (any fsspec URL the workers can read: a local folder, ``s3://…``,
  ``gcs://…``, ``file://…``) is cut into partitions of ``files_per_partition`` files; each partition is
  read, decoded and cleaned by :func:`vnpe.load.article_row` on a worker;
* **areas**: :func:`vnpe.areas.area_table` per partition of articles;
* **overlap**: MinHash signatures and winnowing fingerprints per partition
  (:func:`vnpe.overlap._sketch_batch`); LSH banding is a shuffle of ``(band, bucket)`` keys, fingerprints
  a shuffle of fingerprint keys (small corpora, up to ``EXACT_MAX_DOCS``: a shuffle of every shingle, as
  the single-machine exact join); pairs seen under a key are counted by a shuffle on the pair; the
  candidates (two integers a pair) are grouped on the client by the partitions of their two articles, and
  each block of two partitions is verified by the vectorised :func:`vnpe.overlap._block_figures` in a task
  that reads those two partitions' texts itself (from the staged Parquet): texts are never shuffled
  (:func:`verify`). Same-event linking (:mod:`vnpe.events`) needs every article's event features at once:
  it runs on the client over the columns it reads (``events=False`` skips it).

The tables are the single-machine ones (same rows, same values); each is written as partitioned Parquet
(a folder) as well as CSV. A worker holds one partition at a time (files, articles, keys or pairs; two
partitions' texts when verifying), so its memory depends on the partition size, not on the corpus size.
``articles`` should be cheap to read again (:func:`stage` it): the verification reads each partition once
per block.

Example (a notebook):
    >>> from distributed import Client                      # doctest: +SKIP
    >>> import vnpe.dask as vd                               # doctest: +SKIP
    >>> client = Client(n_workers=2, threads_per_worker=1)   # doctest: +SKIP
    >>> arts = vd.load_articles("seeds")                      # a dask DataFrame  # doctest: +SKIP
    >>> pairs, passages = vd.overlap(arts)                    # pandas tables     # doctest: +SKIP
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from vnpe.load import ARTICLE_COLUMNS, ARTICLE_CSV_COLUMNS, Decoded, article_row, decode_bytes
from vnpe.text import nfc

FILES_PER_PARTITION = 500
_EMPTY_KEYS = pd.DataFrame({"band": pd.Series(dtype="int16"), "key": pd.Series(dtype="int64"),
                            "doc": pd.Series(dtype="int64")})


# ----------------------------------------------------------------------------------------- cluster
@contextmanager
def cluster(scheduler: str | None = None, n_workers: int = 2, memory_limit: str = "2GiB"):
    """A ``distributed.Client``: on ``scheduler`` (or ``$DASK_SCHEDULER_ADDRESS``) when given, else on a
    new ``LocalCluster`` of ``n_workers`` single-threaded worker processes, closed on exit."""
    from distributed import Client, LocalCluster

    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    if address:
        with Client(address) as client:
            yield client
        return
    with LocalCluster(n_workers=n_workers, threads_per_worker=1, memory_limit=memory_limit,
                      dashboard_address=None) as lc, Client(lc) as client:
        yield client


# ---------------------------------------------------------------------------------------- articles
def list_files(urlpath: str, storage_options: dict | None = None) -> tuple[Any, list[tuple[str, str]]]:
    """The fsspec filesystem and every ``*.txt`` below ``urlpath`` as ``(path, relative path)``, sorted
    by relative path (the order of :func:`vnpe.load.iter_files`)."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(str(urlpath), **(storage_options or {}))
    if not fs.isdir(root):
        from vnpe.load import CorpusNotFound

        raise CorpusNotFound(f"vnpe: corpus folder not found: {urlpath}")
    root = root.rstrip("/")
    found = [p for p in fs.find(root) if p.lower().endswith(".txt")]
    files = sorted(((p, p[len(root):].lstrip("/")) for p in found), key=lambda x: x[1])
    return fs, files


def _load_partition(fs: Any, files: list[tuple[str, str, int]], encoding: str | None) -> pd.DataFrame:
    rows = []
    for path, rel, rank in files:
        try:
            decoded = decode_bytes(fs.cat_file(path), encoding)
        except OSError as exc:
            decoded = Decoded("", "", "unreadable", f"cannot read the file: {exc.strerror or exc}")
        doc_id = nfc(rel[:-4] if rel.lower().endswith(".txt") else rel)
        row = article_row(doc_id, nfc(rel), decoded)
        row["raw"] = row["line_info"] = None
        row["row"] = rank
        rows.append(row)
    df = pd.DataFrame(rows, columns=[*ARTICLE_COLUMNS, "row"]).drop(columns=["raw", "line_info", "para_lines"])
    # typed columns, so that every partition has the same Parquet schema (an all-empty column included)
    return df.astype({c: "int64" if c in _INT_COLUMNS else "string" for c in df.columns})


_INT_COLUMNS = ("n_lines", "n_kept", "n_chars_raw", "n_chars_clean", "row")


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Text columns back to Python objects (``None`` for missing), as :func:`vnpe.load.load_corpus` has them."""
    df = df.copy()
    for c in df.columns:
        if c not in _INT_COLUMNS:
            df[c] = df[c].astype(object).where(df[c].notna(), None)
    return df


def _articles_meta() -> pd.DataFrame:
    return _load_partition(None, [], None)


def load_articles(urlpath: str, *, files_per_partition: int = FILES_PER_PARTITION, encoding: str | None = None,
                  storage_options: dict | None = None):
    """Every ``*.txt`` below ``urlpath``, cleaned on the workers: a dask DataFrame of the articles table
    (columns of :func:`vnpe.load.load_corpus` without ``raw``, ``line_info`` and ``para_lines``, plus
    ``row``, the article's rank by doc_id), in file order."""
    import dask
    import dask.dataframe as dd

    from vnpe.load import CorpusNotFound

    fs, files = list_files(urlpath, storage_options)
    if not files:
        raise CorpusNotFound(f"vnpe: no *.txt articles in {urlpath}")
    ids = [nfc(rel[:-4]) for _, rel in files]
    rank = np.empty(len(ids), np.int64)
    rank[np.argsort(np.array(ids, dtype=object), kind="stable")] = np.arange(len(ids))
    items = [(p, rel, int(r)) for (p, rel), r in zip(files, rank, strict=True)]
    parts = [dask.delayed(_load_partition)(fs, items[i:i + files_per_partition], encoding)
             for i in range(0, len(items), files_per_partition)]
    return dd.from_delayed(parts, meta=_articles_meta(), verify_meta=False)


def articles_table(articles) -> pd.DataFrame:
    """The ``vnpe articles`` table (pandas) of a dask articles frame."""
    return _plain(articles[ARTICLE_CSV_COLUMNS].compute().reset_index(drop=True))


# ------------------------------------------------------------------------------------------- areas
def area_table(articles, taxonomy=None):
    """:func:`vnpe.areas.area_table` per partition: a dask DataFrame in article order."""
    from vnpe.areas import area_table as areas_of
    from vnpe.areas import load_taxonomy

    tax = load_taxonomy(taxonomy)
    meta = areas_of(pd.DataFrame({"doc_id": pd.Series(dtype=object), "language": pd.Series(dtype=object),
                                  "text": pd.Series(dtype=object)}), taxonomy=tax)
    return articles.map_partitions(_areas_partition, tax, meta=meta)


def _areas_partition(df: pd.DataFrame, tax) -> pd.DataFrame:
    from vnpe.areas import area_table as areas_of

    return areas_of(_plain(df.reset_index(drop=True)), taxonomy=tax)


# ----------------------------------------------------------------------------------------- overlap
def _texts(df: pd.DataFrame) -> list[str]:
    return [t if isinstance(t, str) else "" for t in df["text"].tolist()]


def _keys_partition(df: pd.DataFrame, method: str) -> pd.DataFrame:
    """Shuffle keys of one partition: (band, bucket) of every LSH band and winnowing fingerprints
    (band -1), or every folded shingle (band -2) for the exact method."""
    from vnpe.overlap import LSH_BANDS, LSH_ROWS, NUM_BINS, SKETCH_BATCH, _mix, _sketch_batch, hash_texts

    texts = _texts(df)
    rows = df["row"].to_numpy(np.int64)
    if not texts:
        return _EMPTY_KEYS
    batch = SKETCH_BATCH  # as the single-machine path: bounds the temporary arrays of the hashing
    if method == "exact":
        out = []
        for i in range(0, len(texts), batch):
            h = hash_texts(texts[i:i + batch], variants=("fold",))
            word_doc = np.repeat(np.arange(i, min(i + batch, len(texts))), np.diff(h.word_ptr))
            sh, sdoc = h.fold[h.sh_ok], rows[word_doc[h.sh_ok]]
            out.append(pd.DataFrame({"key": sh.view(np.int64), "doc": sdoc}).drop_duplicates())
        u = pd.concat(out, ignore_index=True)
        return pd.DataFrame({"band": np.full(len(u), -2, np.int16), "key": u["key"].to_numpy(),
                             "doc": u["doc"].to_numpy()})
    parts = [_sketch_batch(texts[i:i + batch], i) for i in range(0, len(texts), batch)]
    sig = np.concatenate([p[0] for p in parts])
    fdoc = np.concatenate([p[1] for p in parts])
    fval = np.concatenate([p[2] for p in parts])
    out = [pd.DataFrame({"band": np.full(fdoc.size, -1, np.int16), "key": fval.view(np.int64),
                         "doc": rows[fdoc]})]
    valid = ~(sig == np.uint32(0xFFFFFFFF)).all(axis=1)
    s = sig[valid].astype(np.uint64)
    docs = rows[valid]
    assert sig.shape[1] == NUM_BINS
    for band in range(LSH_BANDS):  # the bucket key of _lsh_pairs
        key = np.uint64(((band + 1) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF)
        for c in range(LSH_ROWS):
            key = _mix(key ^ s[:, band * LSH_ROWS + c])
        out.append(pd.DataFrame({"band": np.full(docs.size, band, np.int16), "key": key.view(np.int64),
                                 "doc": docs}))
    return pd.concat(out, ignore_index=True)


def _pairs_partition(df: pd.DataFrame) -> pd.DataFrame:
    """Pairs of documents sharing a key, per band, in one shuffled partition: (code, source)."""
    from vnpe.overlap import MAX_FINGERPRINT_DF, pairs_from_groups

    out = []
    for band, g in df.groupby("band", sort=True):
        keys = g["key"].to_numpy(np.int64).view(np.uint64)
        docs = g["doc"].to_numpy(np.int64)
        limit = MAX_FINGERPRINT_DF if band == -1 else None
        codes = pairs_from_groups(keys, docs, max_group=limit)
        if band >= 0 or band == -2:
            codes = np.unique(codes)
        out.append(pd.DataFrame({"code": codes, "fp": np.full(codes.size, band == -1)}))
    if not out:
        return pd.DataFrame({"code": pd.Series(dtype="int64"), "fp": pd.Series(dtype=bool)})
    return pd.concat(out, ignore_index=True)


def _candidates_partition(df: pd.DataFrame) -> pd.DataFrame:
    """Candidates of one partition shuffled by pair code: any LSH or exact pair, fingerprint pairs seen
    under at least ``MIN_SHARED_FINGERPRINTS`` fingerprints."""
    from vnpe.overlap import MIN_SHARED_FINGERPRINTS

    fp = df.loc[df["fp"], "code"].value_counts()
    keep = set(fp.index[fp >= MIN_SHARED_FINGERPRINTS].tolist()) | set(df.loc[~df["fp"], "code"].tolist())
    codes = np.array(sorted(keep), dtype=np.int64)
    return pd.DataFrame({"a": codes >> 32, "b": codes & 0xFFFFFFFF})


_FIG_COLUMNS = ["a", "b", "jaccard", "jaccard_folded", "cont_ab", "cont_ba", "longest", "cover_a", "cover_b",
                "n_passages", "passage_words", "passages"]
BLOCKS_PER_TASK = 8  # partition blocks verified by one task (one partition read for all of them, one per block)


class _Lazy:
    """One partition of a dask frame as its own small graph (culled from the optimised graph of the frame),
    computed inside the task that needs it rather than as a graph dependency, so that the scheduler never
    holds (or moves) a partition for later tasks: a verification task reads its partitions itself (from the
    staged Parquet) and drops them when done. A plain class on purpose: Dask does not look inside it (as
    it would in a tuple, a dict or a dataclass).

    Example:
        >>> import dask.dataframe as dd
        >>> frame = dd.from_pandas(pd.DataFrame({"row": [0, 1, 2], "text": ["a", "b", "c"]}), npartitions=2)
        >>> _Lazy.partitions(frame)[1].texts(np.array([2]))
        {2: 'c'}
    """

    def __init__(self, graph: dict, key) -> None:
        self.graph, self.key = graph, key

    @classmethod
    def partitions(cls, frame) -> list[_Lazy]:
        """One :class:`_Lazy` per partition of ``frame`` (the frame's graph is optimised once, here)."""
        out = []
        for d in frame.to_delayed(optimize_graph=True):
            out.append(cls(dict(d.__dask_graph__().cull({d.key})), d.key))
        return out

    def index(self) -> pd.DataFrame:
        """The partition's ``row`` and ``doc_id`` columns."""
        from dask.local import get_sync

        return get_sync(self.graph, self.key)[["row", "doc_id"]]

    def texts(self, rows: np.ndarray) -> dict[int, str]:
        """Texts of the partition's articles whose rank is in ``rows`` (the others are dropped at once)."""
        from dask.local import get_sync

        df = get_sync(self.graph, self.key)
        df = df[df["row"].isin(rows)]
        return {int(r): t if isinstance(t, str) else "" for r, t in zip(df["row"].tolist(), df["text"].tolist(),
                                                                           strict=True)}


def _verify_pairs(texts: dict[int, str], a: np.ndarray, b: np.ndarray) -> pd.DataFrame:
    """Exact figures and passages of the pairs ``(a[i], b[i])`` (article ranks) by the vectorised
    :func:`vnpe.overlap._block_figures`, in blocks of ``FIGURE_BLOCK`` pairs as the single-machine path."""
    from vnpe.overlap import FIGURE_BLOCK, _block_figures

    if a.size == 0:
        return pd.DataFrame({c: pd.Series(dtype=object if c == "passages" else "float64") for c in _FIG_COLUMNS}
                            ).astype({"a": "int64", "b": "int64"})
    srt = np.lexsort((b, a))
    a, b = a[srt], b[srt]
    order = np.unique(np.concatenate([a, b]))
    local_texts = [texts[r] for r in order.tolist()]
    codes = (np.searchsorted(order, a) << 32) | np.searchsorted(order, b)
    res, passages = {}, []
    for i in range(0, codes.size, FIGURE_BLOCK):
        part, found = _block_figures(local_texts, codes[i:i + FIGURE_BLOCK])
        for k, v in part.items():
            res.setdefault(k, []).append(v)
        passages.extend(found)
    out = pd.DataFrame({k: np.concatenate(v) for k, v in res.items()})
    out.insert(0, "a", a.astype(np.int64))
    out.insert(1, "b", b.astype(np.int64))
    by_pair: dict[tuple[int, int], list] = {}
    for pa, pb, sa, ea, sb, eb, nw in passages:  # with the passage's text: not read again later
        by_pair.setdefault((int(order[pa]), int(order[pb])), []).append((sa, ea, sb, eb, nw, local_texts[pa][sa:ea]))
    out["passages"] = [by_pair.get((x, y), []) for x, y in zip(out["a"].tolist(), out["b"].tolist(), strict=True)]
    return out[_FIG_COLUMNS]


def _verify_blocks(home: _Lazy, home_rows: np.ndarray, blocks: list[tuple[_Lazy | None, np.ndarray, np.ndarray]]
                   ) -> pd.DataFrame:
    """Verify the candidate pairs of one partition (``home``) with itself and with a few others: the home
    partition's texts of ``home_rows`` are read once, each other partition's when its block comes, and dropped after
    it, so that at most two partitions' texts are held at once. ``blocks`` are ``(other, a, b)``, ``other``
    None for the pairs inside the home partition."""
    mine = home.texts(home_rows)
    out = []
    for other, a, b in blocks:
        if other is None:
            out.append(_verify_pairs(mine, a, b))
            continue
        theirs = other.texts(np.concatenate([a, b]))  # the home partition's rows are not in it
        out.append(_verify_pairs({**mine, **theirs}, a, b))
        del theirs
    return pd.concat(out, ignore_index=True)


def verify(texts, cand: pd.DataFrame, part_of_row: dict[int, int] | pd.Series) -> list:
    """Delayed verification tasks of the candidate pairs ``cand`` (columns ``a``, ``b``: article ranks):
    the pairs are grouped by the partitions of their two articles (``part_of_row``: rank -> partition of
    ``texts``, a dask frame of ``row`` and ``text``, best read lazily from Parquet, or its
    :meth:`_Lazy.partitions`: the partitions must be those of ``part_of_row``, and Dask may merge Parquet
    files into fewer partitions when fewer columns are read); one task per partition
    ``p`` and up to ``BLOCKS_PER_TASK`` partitions ``q >= p`` reads partition ``p`` once and partition ``q``
    per block. A task's memory is two partitions' texts and its pairs, whatever the corpus size; the texts
    are read, never shuffled.

    Example:
        >>> import dask, dask.dataframe as dd
        >>> arts = pd.DataFrame({"row": [0, 1, 2], "text": ["x y z w v u", "a b c", "x y z w v u"]})
        >>> tasks = verify(dd.from_pandas(arts, npartitions=2), pd.DataFrame({"a": [0], "b": [2]}), {0: 0, 1: 0, 2: 1})
        >>> dask.compute(*tasks, scheduler="sync")[0][["a", "b", "jaccard"]].to_dict("records")
        [{'a': 0, 'b': 2, 'jaccard': 1.0}]
    """
    import dask

    a = cand["a"].to_numpy(np.int64)
    b = cand["b"].to_numpy(np.int64)
    if a.size == 0:
        return []
    part = pd.Series(part_of_row) if isinstance(part_of_row, dict) else part_of_row
    pa = part.reindex(a).to_numpy(np.int64)
    pb = part.reindex(b).to_numpy(np.int64)
    lo, hi = np.minimum(pa, pb), np.maximum(pa, pb)
    srt = np.lexsort((b, a, hi, lo))
    a, b, lo, hi = a[srt], b[srt], lo[srt], hi[srt]
    cut = np.flatnonzero((np.diff(lo) != 0) | (np.diff(hi) != 0)) + 1
    starts, ends = np.concatenate([[0], cut]), np.concatenate([cut, [a.size]])
    lazy = texts if isinstance(texts, list) else _Lazy.partitions(texts)
    tasks = []
    by_home: dict[int, list[tuple[int, int, int]]] = {}
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        by_home.setdefault(int(lo[s]), []).append((int(hi[s]), s, e))
    for p, blocks in by_home.items():
        for i in range(0, len(blocks), BLOCKS_PER_TASK):
            chunk = blocks[i:i + BLOCKS_PER_TASK]
            sides = [(None if q == p else lazy[q], a[s:e], b[s:e]) for q, s, e in chunk]
            rows = np.unique(np.concatenate([np.concatenate([a[s:e], b[s:e]]) for _, s, e in chunk]))
            tasks.append(dask.delayed(_verify_blocks, pure=False)(lazy[p], rows, sides))
    return tasks


def candidate_pairs(articles, method: str = "auto", n_docs: int | None = None):
    """Candidate pairs ``(a, b)`` (article ranks, a < b) as a dask DataFrame; see the module docstring."""
    from vnpe.overlap import EXACT_MAX_DOCS

    if method == "auto":
        n_docs = int(articles.shape[0].compute()) if n_docs is None else n_docs
        method = "exact" if n_docs <= EXACT_MAX_DOCS else "lsh"
    keys = articles[["row", "text"]].map_partitions(_keys_partition, method, meta=_EMPTY_KEYS)
    nparts = max(articles.npartitions, 1)
    pairs = keys.shuffle(on="key", npartitions=nparts).map_partitions(
        _pairs_partition, meta=pd.DataFrame({"code": pd.Series(dtype="int64"), "fp": pd.Series(dtype=bool)}))
    return pairs.shuffle(on="code", npartitions=nparts).map_partitions(
        _candidates_partition, meta=pd.DataFrame({"a": pd.Series(dtype="int64"), "b": pd.Series(dtype="int64")}))


def overlap(articles, method: str = "auto", events: bool = True, phases: list | None = None
            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(pair_table, passage_table)`` of a dask articles frame (:func:`load_articles`): the tables of
    :func:`vnpe.overlap.overlap` on the same corpus. ``phases``, if given, receives ``(name, start, end)``
    (``time.perf_counter`` seconds) of each step: index, candidates, verify, finish."""
    import time

    import dask

    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        if phases is not None:
            phases.append((name, clock[0], now))
        clock[0] = now

    from vnpe.overlap import PASSAGE_COLUMNS, no_links

    kept = articles[articles["status"].fillna("ok").eq("ok") | articles["text"].fillna("").str.len().gt(0)]
    # ranks, doc_ids and the partition of every kept article (a few bytes an article, on the client)
    # (read from the very partitions the verification reads: with fewer columns, Dask may merge files)
    lazy = _Lazy.partitions(kept[["row", "doc_id", "text"]])
    parts = dask.compute(*[dask.delayed(_Lazy.index, pure=False)(lz) for lz in lazy])
    idx = pd.concat(parts, ignore_index=True)
    part_of_row = pd.Series(np.repeat(np.arange(len(parts)), [len(p) for p in parts]),
                            index=idx["row"].to_numpy(np.int64))
    n_docs = len(idx)
    ids = dict(zip(idx["row"].tolist(), idx["doc_id"].astype(str).tolist(), strict=True))
    del parts, idx
    lap("index")
    # candidates (two integers a pair) come to the client, which groups them by the partitions of their two
    # articles; each verification task then reads its (at most two) partitions' texts itself
    cand = candidate_pairs(kept, method=method, n_docs=n_docs).compute()
    lap("candidates")
    tasks = verify(lazy, cand, part_of_row)
    del cand
    done = dask.compute(*tasks) if tasks else []
    fig = pd.concat(done, ignore_index=True) if done else _verify_pairs({}, np.zeros(0, np.int64),
                                                                         np.zeros(0, np.int64))
    del done
    lap("verify")
    # ranks -> positions in doc_id order among the kept articles (the single-machine indices)
    rank_to_pos = {r: i for i, r in enumerate(sorted(ids, key=lambda r: ids[r]))}
    fig = fig.sort_values(["a", "b"], kind="stable").reset_index(drop=True)
    if events:
        from vnpe.events import event_links

        cols = [c for c in ("doc_id", "row", "language", "text", "title", "date", "date_partial", "place",
                            "agency") if c in kept.columns]
        ev = _plain(kept[cols].compute().sort_values("doc_id", kind="stable").reset_index(drop=True))
        pos = pd.DataFrame({"a": [rank_to_pos[r] for r in fig["a"]], "b": [rank_to_pos[r] for r in fig["b"]]})
        links = event_links(ev, explain=pos)
        ev_texts = ev["text"].tolist()
        del ev
        pos_to_rank = {p: r for r, p in rank_to_pos.items()}
        links["a"] = links["a"].map(pos_to_rank).astype("int64")
        links["b"] = links["b"].map(pos_to_rank).astype("int64")
    else:
        links = no_links()
    passages = [(a, b, *p) for a, b, ps in zip(fig["a"], fig["b"], fig["passages"], strict=True) for p in ps]
    fig = fig.drop(columns=["passages"])
    if events:
        from vnpe.overlap import mark_lead_shared

        fig = mark_lead_shared(fig, passages, lambda r: ev_texts[rank_to_pos[r]])
        del ev_texts
    tables = _assemble(fig, links, passages, ids, PASSAGE_COLUMNS)
    lap("finish")
    return tables


def _assemble(fig, links, passages, ids, passage_columns):
    """The final tables, as :func:`vnpe.overlap.overlap` builds them (rows keyed by doc_id); ``passages``
    are ``(a, b, start_a, end_a, start_b, end_b, n_words, text_a)`` (ranks), as the verification gives them."""
    from vnpe.overlap import PAIR_COLUMNS, pair_frame

    pairs = pair_frame(fig, links, ids)
    rows = [(ids[a], ids[b], *rest) for a, b, *rest in passages]
    pas = pd.DataFrame(rows, columns=passage_columns)
    pas = pas.sort_values(["doc_a", "doc_b", "start_a"], kind="stable").reset_index(drop=True)
    return pairs[PAIR_COLUMNS], pas


# ------------------------------------------------------------------------------------------ outputs
def stage(articles, path: str, storage_options: dict | None = None):
    """Write a dask articles frame to Parquet at ``path`` (a folder any worker can write) and read it
    back lazily: later steps read the clean articles instead of cleaning the files again, one
    partition at a time (a persisted frame would hold the whole corpus in the workers' memory)."""
    import dask.dataframe as dd

    articles.to_parquet(path, write_index=False, overwrite=True, storage_options=storage_options)
    return dd.read_parquet(path, storage_options=storage_options)


def parquet_path_for(csv_path: str | os.PathLike | None) -> str | None:
    """Where the Parquet folder of an output goes: the CSV path with ``.parquet`` (None for stdout)."""
    if csv_path is None or str(csv_path) == "-":
        return None
    return str(Path(csv_path).with_suffix(".parquet"))


def write_parquet(table: pd.DataFrame, path: str, partition_rows: int = 100_000) -> str:
    """Write ``table`` as partitioned Parquet: a folder of ``part.N.parquet`` files of at most
    ``partition_rows`` rows (text columns as strings)."""
    import dask.dataframe as dd

    nparts = max(1, -(-len(table) // partition_rows))
    frame = table.astype({c: "string" for c in table.columns if table[c].dtype == object})
    dd.from_pandas(frame, npartitions=nparts, sort=False).to_parquet(path, write_index=False, overwrite=True)
    return path


def run_command(command: str, directory: str, output: str | None = None, *, scheduler: str | None = None,
                encoding: str | None = None, taxonomy: str | None = None, n_workers: int = 2) -> pd.DataFrame:
    """``vnpe articles|areas|overlap|passages DIR --dask``: the command's table computed on a cluster
    (``scheduler``, ``$DASK_SCHEDULER_ADDRESS`` or a new local one), written as partitioned Parquet next to
    ``output`` (``X.csv`` -> ``X.parquet/``); the caller writes the CSV."""
    import tempfile

    out_parquet = parquet_path_for(output)
    with cluster(scheduler, n_workers=n_workers):
        arts = load_articles(directory, encoding=encoding)
        if command == "articles":
            table = articles_table(arts)
        elif command == "areas":
            table = area_table(arts, taxonomy).compute().reset_index(drop=True)
        elif command in ("overlap", "passages"):
            base = Path(out_parquet).parent if out_parquet else None
            if base is not None:
                base.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(prefix="vnpe-articles-", dir=base) as work:
                staged = stage(arts, str(Path(work, "articles.parquet")))
                pairs, passages = overlap(staged, events=command == "overlap")
                table = pairs if command == "overlap" else passages
        else:
            raise ValueError(f"vnpe: --dask does not support {command}")
    if out_parquet:
        write_parquet(table, out_parquet)
    return table
