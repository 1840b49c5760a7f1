"""Event features and links of two vnpe trees on the same articles: identical or not, and extraction speed.

Checks that a change meant to be a pure speed-up of :mod:`vnpe.events` leaves every article's
:class:`~vnpe.events.EventInfo` (and the links of :func:`~vnpe.events.event_links`) unchanged. The articles
are loaded and cleaned once (with this tree's loader) and pickled; each tree then extracts in its own process
(``PYTHONPATH=<tree>``), printing CPU ms per article; the results are compared field by field.

Corpora: ``seeds/``, ``tests/data/devset_events/``, and optionally a BBC folder (``--en``, all files) and a
VNTC folder (``--vi``, ``--n`` files sampled over every desk with ``--seed``).

Usage:
    python benchmarks/compare_events.py --ref /work/main --en /work/data/bbc --vi /work/data/vi_corpus --n 3000
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import pickle
import random
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
COLS = ["doc_id", "text", "title", "date", "date_partial", "place", "agency", "language"]


def _plain(f) -> tuple:
    d = dataclasses.asdict(f)
    d["date"] = None if f.date is None else (f.date.year, f.date.month, f.date.day)
    return tuple(sorted((k, sorted(v) if isinstance(v, set) else v) for k, v in d.items()))


def child(arts_pkl: str, out: str) -> None:
    """In the tree on PYTHONPATH: features (plain tuples) and links of every corpus, CPU ms per article."""
    from vnpe import events

    with open(arts_pkl, "rb") as f:
        corpora = pickle.load(f)
    events.extract("Lima 17/11/2024 Luong Cuong")  # gazetteer and aliases loaded outside the timing
    res = {}
    for name, arts in corpora.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t0 = time.process_time()
            feats = events.event_features(arts)
            t1 = time.process_time()
            links = events.event_links(arts, features=feats)
            t2 = time.process_time()
        print(f"  {name}: {len(arts)} articles, extract {1000 * (t1 - t0) / max(len(arts), 1):.3f} ms/article, "
              f"links {t2 - t1:.2f} s (CPU)", flush=True)
        res[name] = ([_plain(f) for f in feats], links.to_dict("records"))
    with open(out, "wb") as f:
        pickle.dump(res, f)


def load(path: Path):
    from vnpe.load import load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = load_corpus(path, warn=False, progress=False)
    return a[[c for c in COLS if c in a.columns]].sort_values("doc_id").reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", required=True, help="the other vnpe tree (a folder holding vnpe/)")
    ap.add_argument("--en", help="BBC folder (<desk>/*.txt): all files")
    ap.add_argument("--vi", help="VNTC folder (<desk>/*.txt): --n files sampled")
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child, args.out)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {"seeds": load(HERE / "seeds"), "devset_events": load(HERE / "tests" / "data" / "devset_events")}
        if args.en:
            corpora["bbc"] = load(Path(args.en))
        if args.vi:
            files = sorted(Path(args.vi).glob("*/*.txt"))
            for p in random.Random(args.seed).sample(files, min(args.n, len(files))):
                dest = Path(tmp) / "vi" / p.parent.name / p.name
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(p, dest)
            corpora["vntc"] = load(Path(tmp) / "vi")
        arts_pkl = os.path.join(tmp, "arts.pkl")
        with open(arts_pkl, "wb") as f:
            pickle.dump(corpora, f)
        got = {}
        for label, tree in (("ref", Path(args.ref).resolve()), ("this", HERE)):
            print(f"{label}: {tree}", flush=True)
            out = os.path.join(tmp, f"{label}.pkl")
            subprocess.run([sys.executable, __file__, "--ref", str(tree), "--child", arts_pkl, "--out", out],
                           env=dict(os.environ, PYTHONPATH=str(tree)), check=True)
            with open(out, "rb") as f:
                got[label] = pickle.load(f)
    same = True
    for name in got["ref"]:
        (fa, la), (fb, lb) = got["ref"][name], got["this"][name]
        diff = [i for i, (x, y) in enumerate(zip(fa, fb, strict=True)) if x != y]
        print(f"{name}: {len(fa)} articles, {len(diff)} with different event features; links "
              f"{'identical' if la == lb else 'DIFFERENT'} ({len(la)} / {len(lb)})")
        for i in diff[:3]:
            print("   ", i, [(x, y) for x, y in zip(fa[i], fb[i], strict=True) if x != y])
        same &= not diff and la == lb
    print("IDENTICAL" if same else "DIFFERENT")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
