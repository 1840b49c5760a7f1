"""Growth of ``vnpe.events.candidate_codes`` and ``event_links`` with the corpus: time, memory, pairs.

The generated articles of ``bench_overlap.make_corpus`` have no names and no dates (no event candidates at
all), so this benchmark generates event features directly, shaped like news: names drawn from a Zipf law over
a vocabulary of ``20 n`` names (so a name is in 0.1-1 % of the articles, specific yet in thousands of
articles at 300k: every pair of them used to be materialised), about 6 names an article, 60 % of the
articles dated over two years (a tenth without a year, 2 % a range of days), two languages, and 5 % retelling
another article's event (its date or the day after, most of its names). ``--features FILE`` runs a pickled
list of real :class:`vnpe.events.EventInfo` instead (e.g. those of ``vnpe.overlap.overlap_corpus``).

Printed per size: CPU seconds and peak-memory growth of ``candidate_codes`` and of ``event_links``, the
candidates, the links, and the pairs sharing a specific name (counted with repeats, one per shared name;
these were all materialised before the band join and prefix filtering).

Usage:
    python benchmarks/bench_event_candidates.py --sizes 30000 100000 300000
    python benchmarks/bench_event_candidates.py --features feats.pkl
"""

from __future__ import annotations

import argparse
import datetime as dt
import pickle
import resource
import sys
import time

import numpy as np
import pandas as pd

from vnpe import events
from vnpe.dates import SimpleDate


def make_features(n: int, seed: int = 1) -> list[events.EventInfo]:
    """``n`` news-shaped :class:`vnpe.events.EventInfo` (see the module docstring)."""
    rng = np.random.default_rng(seed)
    vocab = 20 * n
    p = 1.0 / (np.arange(vocab) + 10.0)
    p /= p.sum()
    k = rng.poisson(6, n)
    sets = np.split(rng.choice(vocab, size=int(k.sum()), p=p), np.cumsum(k)[:-1])
    feats = []
    for i in range(n):
        date = end = None
        if rng.random() < 0.6:
            d = dt.date(2000, 1, 1) + dt.timedelta(days=int(rng.integers(0, 366)))
            year = [2023, 2024, None][int(rng.choice(3, p=[0.45, 0.45, 0.1]))]
            date = SimpleDate(year, d.month, d.day)
            if rng.random() < 0.02:
                e = d + dt.timedelta(days=int(rng.integers(1, 20)))
                end = SimpleDate(None if year is None else year + (e.month < d.month), e.month, e.day)
        feats.append(events.EventInfo(date=date, date_end=end, names={f"name {x}" for x in sets[i].tolist()},
                                      language=["vi", "en"][int(rng.integers(0, 2))]))
    for i in rng.choice(n, n // 20, replace=False).tolist():  # retellings of another article's event
        src = feats[int(rng.integers(0, n))]
        names = set(src.names)
        if names and rng.random() < 0.5:
            names.discard(min(names))
        date = src.date
        if date is not None and rng.random() < 0.3 and date.day < 28:
            date = SimpleDate(date.year, date.month, date.day + 1)
        feats[i] = events.EventInfo(date=date, date_end=src.date_end, names=names, language=feats[i].language)
    return feats


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(feats: list[events.EventInfo], label: str) -> None:
    common = events.common_keys(feats)
    keys, _ = events.candidates._specific_postings(feats, common)
    df = np.bincount(keys) if keys.size else np.zeros(0, np.int64)
    sharing = int((df * (df - 1) // 2).sum())
    base = _peak_mb()
    c0 = time.process_time()
    codes = events.candidate_codes(feats, common)
    c1 = time.process_time()
    grown = _peak_mb() - base
    n_cand = codes.size
    del codes
    arts = pd.DataFrame({"doc_id": [f"{i:07d}" for i in range(len(feats))]})
    base2 = _peak_mb()
    c2 = time.process_time()
    links = events.event_links(arts, features=feats)
    c3 = time.process_time()
    print(f"{label}: candidate_codes {c1 - c0:.1f} s CPU, peak +{grown:.0f} MB; event_links {c3 - c2:.1f} s CPU "
          f"(candidates included), peak +{max(_peak_mb() - base2, 0):.0f} MB; {sharing} pairs sharing a specific "
          f"name (with repeats) -> {n_cand} candidates -> {int(links['linked'].sum())} links", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[30000, 100000])
    ap.add_argument("--features", help="a pickled list of EventInfo to run instead of generated ones")
    args = ap.parse_args(argv)
    if args.features:
        with open(args.features, "rb") as f:
            run(pickle.load(f), args.features)
        return 0
    for n in args.sizes:  # peak memory only grows in one process: smallest size first
        run(make_features(n), f"{n} generated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
