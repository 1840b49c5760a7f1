"""Grouped cross-validation of the cooperation-area level thresholds on the labelled splits.

``bench_areas_real.py --cv K`` folds the articles of the dev split at random; here the folds are groups:
``--by split`` leaves one labelled split out at a time (dev, heldout, heldout2: thresholds chosen on the
other splits, scored on the one left out, so that a split plays the part of an unseen corpus), ``--by
article`` makes K folds of whole articles over all splits. The four thresholds of :mod:`vnpe.areas`
(``MAIN_SCORE``, ``MAIN_SCORE_TOP``, ``MAIN_SCORE_LEAD``, ``MAIN_SCORE_TITLE``) are chosen from a small grid
by main F1 on the training groups (ties: nearest the defaults); printed per held-out group and language:
present P/R and main F1 with the chosen thresholds beside the defaults.

    python benchmarks/cv_areas_grouped.py --by split
    python benchmarks/cv_areas_grouped.py --by article --k 5
"""

from __future__ import annotations

import argparse
import itertools
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_areas_real as bench  # noqa: E402

GRID = {
    "MAIN_SCORE": [0.25, 0.3, 0.35, 0.4],
    "MAIN_SCORE_TOP": [0.15, 0.2, 0.25],
    "MAIN_SCORE_LEAD": [0.08, 0.12, 0.16],
    "MAIN_SCORE_TITLE": [0.05, 0.08],
}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--by", choices=["split", "article"], default="split")
    p.add_argument("--k", type=int, default=5, help="folds of articles (--by article)")
    args = p.parse_args(argv)
    import vnpe.areas as areas

    warnings.filterwarnings("ignore")
    folders = [f for f in (bench.DEFAULT, bench.HELDOUT, bench.HELDOUT2) if f.is_dir()]
    folders = [f if any(f.glob("*.txt")) else bench.materialise(f) for f in folders]
    loaded = [bench.load_devset(f) for f in folders if f is not None]
    articles = pd.concat([a for a, _ in loaded], ignore_index=True)
    labels = pd.concat([lab for _, lab in loaded], ignore_index=True)
    defaults = tuple(getattr(areas, k) for k in GRID)
    tables = {}
    for combo in itertools.product(*GRID.values()):
        for k, v in zip(GRID, combo, strict=True):
            setattr(areas, k, v)
        tables[combo] = areas.area_table(articles).merge(labels, on=["doc_id", "area"])
    for k, v in zip(GRID, defaults, strict=True):
        setattr(areas, k, v)
    if defaults not in tables:
        tables[defaults] = areas.area_table(articles).merge(labels, on=["doc_id", "area"])
    base = tables[defaults]
    if args.by == "split":
        groups = {s: base["doc_id"][base["split"] == s].unique() for s in sorted(base["split"].unique())}
    else:
        docs = np.array(sorted(base["doc_id"].unique()))
        folds = np.array_split(np.random.default_rng(0).permutation(docs), args.k)
        groups = {f"fold{i}": f for i, f in enumerate(folds)}

    def dist(c):
        return sum(abs(a - b) for a, b in zip(c, defaults, strict=True))

    held_cv, held_def = [], []
    for name, test in groups.items():
        train = ~base["doc_id"].isin(test)
        best = max(tables, key=lambda c: (np.nan_to_num(bench.scores(tables[c][train])["main_F1"]), -dist(c)))
        t = tables[best]
        held_cv.append(t[t["doc_id"].isin(test)])
        held_def.append(base[base["doc_id"].isin(test)])
        print(f"{name}: thresholds chosen on the other groups {dict(zip(GRID, best, strict=True))}")
        for lang in sorted(base["lang"].unique()):
            c, d = held_cv[-1], held_def[-1]
            sc, sd = bench.scores(c[c["lang"] == lang]), bench.scores(d[d["lang"] == lang])
            print(f"  {lang}: chosen P={sc['present_P']:.3f} R={sc['present_R']:.3f} mainF1={sc['main_F1']:.3f}"
                  f"   defaults mainF1={sd['main_F1']:.3f}")
    cv, de = pd.concat(held_cv), pd.concat(held_def)
    for lang in sorted(base["lang"].unique()):
        print(f"all held-out groups {lang}: cross-validated {bench._fmt(bench.scores(cv[cv['lang'] == lang]))}")
        print(f"{'':20}{lang}: defaults        {bench._fmt(bench.scores(de[de['lang'] == lang]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
