"""Draw article pairs to judge for same-event RECALL on a whole real corpus, without vnpe's event decisions.

Issue 9 asks for recall >= 0.8 on true same-event pairs. The pair set of ``tests/data/devset_events``
(46 true pairs of 2,000-character excerpts) is small and hand-picked; this script draws pairs of whole articles
of a general corpus by text similarity alone, so that the pairs read as same-event can be checked against a
``vnpe overlap`` run afterwards (``tests/data/devset_events/recall_judgements.jsonl``, INDEX.md section
"helper i9r").

Method (fixed settings, no vnpe code): every ``*.txt`` below the corpus folder is read as UTF-8 whole (title,
sapo, body), TF-IDF with scikit-learn (lower-cased word unigrams and bigrams, tokens ``\\w+``, min_df 2,
max_df 0.5, sublinear tf, l2 norm), cosine of every article with every other (chunked sparse products), the
``--k`` nearest neighbours of each article kept. A candidate pair is an unordered pair of different files that
is one of the ``k`` nearest neighbours of either article, with cosine in ``[--low, --high)`` (default 0.3-0.9:
below 0.9 leaves out near-identical copies, which any copy detector finds). The band is cut into bins of width
0.1 and ``--per-bin`` pairs are sampled in each with ``random.Random(--seed)``; the bins' populations are
printed so that a recall weighted by bin can be computed.

Usage:
    python benchmarks/recall_sample.py /work/data/i9f/baomoi --label baomoi -o /work/data/i9r/recall_draw.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def neighbour_pairs(texts: list[str], k: int, low: float, high: float, chunk: int = 500
                    ) -> dict[tuple[int, int], float]:
    """Unordered index pairs (i < j) among each article's ``k`` nearest TF-IDF neighbours, cosine in [low, high).

    >>> t = ["a b c d e", "a b c d f", "a b g h e", "x y z w", "x y z q", "x y m n", "m n"]
    >>> sorted(neighbour_pairs(t, k=1, low=0.1, high=0.99))   # 3 and 4 are identical (cosine 1)
    [(0, 1), (0, 2), (5, 6)]
    """
    vec = TfidfVectorizer(lowercase=True, token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), min_df=2,
                          max_df=0.5, sublinear_tf=True, dtype=np.float32)
    x = vec.fit_transform(texts).tocsr()
    xt = x.T.tocsc()
    pairs: dict[tuple[int, int], float] = {}
    n = x.shape[0]
    kk = min(k, n - 1)
    for start in range(0, n, chunk):
        sims = (x[start:start + chunk] @ xt).toarray()
        for r in range(sims.shape[0]):
            sims[r, start + r] = -1.0
        top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
        for r in range(sims.shape[0]):
            i = start + r
            for j in top[r]:
                c = float(sims[r, j])
                if low <= c < high:
                    pairs[(min(i, int(j)), max(i, int(j)))] = round(c, 4)
    return pairs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="corpus folder (files <desk>/<id>.txt)")
    ap.add_argument("--label", required=True, help="corpus label written in each row (e.g. baomoi)")
    ap.add_argument("-o", "--out", required=True, help="JSONL of the drawn pairs (to judge)")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--low", type=float, default=0.3)
    ap.add_argument("--high", type=float, default=0.9)
    ap.add_argument("--per-bin", type=int, default=10)
    ap.add_argument("--seed", type=int, default=19)
    a = ap.parse_args(argv)
    root = Path(a.corpus)
    files = sorted(root.glob("*/*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    t0 = time.perf_counter()
    pairs = neighbour_pairs(texts, a.k, a.low, a.high)
    secs = time.perf_counter() - t0
    edges = np.round(np.arange(a.low, a.high + 1e-9, 0.1), 2)
    bins: dict[int, list[tuple[int, int]]] = {b: [] for b in range(len(edges) - 1)}
    for (i, j), c in sorted(pairs.items()):
        b = min(int(np.searchsorted(edges, c, side="right")) - 1, len(edges) - 2)
        bins[b].append((i, j))
    rng = random.Random(a.seed)
    rows = []
    print(f"{len(files)} articles, {len(pairs)} candidate pairs (k={a.k}, cosine {a.low}-{a.high}), {secs:.1f} s")
    for b, members in bins.items():
        take = rng.sample(members, min(a.per_bin, len(members)))
        print(f"bin {edges[b]:.1f}-{edges[b + 1]:.1f}: {len(members)} pairs, {len(take)} drawn")
        for i, j in take:
            rows.append({"sample": len(rows), "corpus": a.label,
                         "a": f"{files[i].parent.name}/{files[i].stem}",
                         "b": f"{files[j].parent.name}/{files[j].stem}",
                         "cosine": pairs[(i, j)], "bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}",
                         "bin_pairs": len(members)})
    with open(a.out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    for r in rows:
        print(r["sample"], r["bin"], r["cosine"], r["a"], r["b"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
