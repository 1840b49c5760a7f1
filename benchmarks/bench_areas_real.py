"""Quality of the cooperation areas on real articles labelled by reading.

The labelled folder holds ``<id>.txt`` (an article as published: title, blank line, paragraphs) and
``<id>.json`` with ``"language"`` and ``"labels": {area: 0|1|2}`` (2 = a main subject, 1 = genuinely
mentioned in its proper sense, 0 = not; word coincidences are 0), written by reading the article before
running vnpe on it (provenance in each JSON's ``source``). Default folder: ``tests/data/devset_areas``
(the dev split), ``tests/data/devset_areas_heldout`` (the held-out split, labelled the same way and kept
out of rule development), ``tests/data/devset_areas_heldout2`` (a second held-out split),
``tests/data/devset_areas_heldout3`` (a third held-out split: BBC, Reuters-21578 and VNTC Test_Full articles) and
``tests/data/devset_areas_heldout4`` (a fourth, labelled blind from the same sources with another seed),
else ``$VNPE_AREAS_DEVSET``, else the folders given as arguments. A JSON's ``"split"`` (default ``"dev"``)
names its split. A folder without ``.txt`` files is a labels-only split (``heldout2`` to ``heldout4``, or any
folder laid out like them): each JSON's ``source`` gives ``data_path``, ``encoding`` and ``sha256``, and
:func:`materialise` rebuilds the texts from ``$VNPE_DATA_DIR`` (default /work/data), checking the sha256; the
split is skipped (with a message) when its data is absent.

Printed per split (dev, heldout, combined) and language (cells = article x area): precision and recall
of ``present`` against labels >= 1, F1 of ``level == "main"`` against label 2; then the same per area, and
with ``--errors`` every wrong cell of the dev split with the terms that matched.
``--cv K`` adds a K-fold cross-validation of the two level thresholds
(``MAIN_SCORE``, ``MAIN_SCORE_LEAD``): chosen on K-1 folds from a small grid, scored on the held-out fold,
so that the figure is not the result of fitting the thresholds to these very articles.

    python benchmarks/bench_areas_real.py                      # dev + the three held-out splits
    python benchmarks/bench_areas_real.py /work/data/devset_areas --errors
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "tests" / "data" / "devset_areas"
HELDOUT = ROOT / "tests" / "data" / "devset_areas_heldout"
HELDOUT2 = ROOT / "tests" / "data" / "devset_areas_heldout2"
HELDOUT3 = ROOT / "tests" / "data" / "devset_areas_heldout3"
HELDOUT4 = ROOT / "tests" / "data" / "devset_areas_heldout4"
DATA_DIR = Path(os.environ.get("VNPE_DATA_DIR", "/work/data"))


def materialise(folder: Path, data_dir: Path = DATA_DIR) -> Path | None:
    """A folder of labels whose texts live outside the repo (``source.data_path``) -> a temporary folder with both.

    The text is rebuilt from the original bytes (checked against ``source.sha256``): decoded with
    ``source.encoding``, BOM dropped, CRLF -> LF, trailing spaces of lines and blank lines at both ends stripped.
    Returns None when a source file is missing (the split is then skipped).
    """
    import hashlib
    import tempfile

    out = Path(tempfile.mkdtemp(prefix=folder.name + "_"))
    for js in sorted(folder.glob("*.json")):
        meta = json.loads(js.read_text(encoding="utf-8"))
        src = data_dir / meta["source"]["data_path"]
        if not src.is_file():
            return None
        raw = src.read_bytes()
        if hashlib.sha256(raw).hexdigest() != meta["source"]["sha256"]:
            raise ValueError(f"{src}: bytes differ from the labelled text")
        text = raw.decode(meta["source"]["encoding"]).lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        text = "\n".join(line.rstrip() for line in text.split("\n")).strip() + "\n"
        (out / (js.stem + ".txt")).write_text(text, encoding="utf-8")
        (out / js.name).write_text(js.read_text(encoding="utf-8"), encoding="utf-8")
    return out


def load_devset(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The articles (as :func:`vnpe.load_corpus` reads them) and a long table doc_id, lang, area, label, split."""
    import vnpe

    articles = vnpe.load_corpus(folder, progress=False)
    rows = []
    by_stem = {Path(p).stem: d for d, p in zip(articles["doc_id"], articles["path"], strict=True)}
    for js in sorted(folder.glob("*.json")):
        meta = json.loads(js.read_text(encoding="utf-8"))
        doc = by_stem.get(js.stem)
        if doc is None:
            continue
        for area, label in meta["labels"].items():
            rows.append((doc, meta.get("language", ""), area, int(label), meta.get("split", "dev")))
    labels = pd.DataFrame(rows, columns=["doc_id", "lang", "area", "label", "split"])
    articles = articles[articles["doc_id"].isin(set(labels["doc_id"]))].reset_index(drop=True)
    return articles, labels


def _prf(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float, float, int]:
    tp = int((pred & gold).sum())
    p = tp / pred.sum() if pred.sum() else float("nan")
    r = tp / gold.sum() if gold.sum() else float("nan")
    f = 2 * p * r / (p + r) if p + r > 0 else float("nan")
    return p, r, f, int(gold.sum())


def scores(merged: pd.DataFrame) -> dict:
    p, r, _f, n1 = _prf(merged["present"].to_numpy(), (merged["label"] >= 1).to_numpy())
    mp, mr, mf, n2 = _prf((merged["level"] == "main").to_numpy(), (merged["label"] == 2).to_numpy())
    return {"present_P": p, "present_R": r, "main_P": mp, "main_R": mr, "main_F1": mf,
            "n_label>=1": n1, "n_label2": n2}


def _fmt(d: dict) -> str:
    return "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in d.items())


def cross_validate(articles: pd.DataFrame, labels: pd.DataFrame, k: int) -> None:
    import vnpe.areas as areas

    grid_main = [0.2, 0.25, 0.3, 0.35, 0.4, 0.5]
    grid_lead = [0.05, 0.08, 0.12, 0.16, 0.2]
    docs = np.array(sorted(set(labels["doc_id"])))
    rng = np.random.default_rng(0)
    folds = np.array_split(rng.permutation(docs), k)
    saved = areas.MAIN_SCORE, areas.MAIN_SCORE_LEAD
    tables = {}
    for a in grid_main:
        for b in grid_lead:
            areas.MAIN_SCORE, areas.MAIN_SCORE_LEAD = a, b
            tables[a, b] = areas.area_table(articles).merge(labels, on=["doc_id", "area"])
    areas.MAIN_SCORE, areas.MAIN_SCORE_LEAD = saved
    held = []
    for i, test in enumerate(folds):
        train = ~tables[saved]["doc_id"].isin(test)
        best = max(tables, key=lambda ab: (np.nan_to_num(scores(tables[ab][train])["main_F1"]), -abs(ab[0] - 0.3)))
        t = tables[best]
        held.append(t[t["doc_id"].isin(test)])
        print(f"  fold {i}: thresholds chosen on the other folds {best}")
    cv = pd.concat(held)
    for lang, g in cv.groupby("lang"):
        print(f"  cross-validated {lang}: {_fmt(scores(g))}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folders", nargs="*", help="labelled folders (default: tests/data/devset_areas, "
                   "tests/data/devset_areas_heldout and _heldout2 to _heldout4, or $VNPE_AREAS_DEVSET)")
    p.add_argument("--errors", action="store_true", help="list every wrong cell of the dev split (held-out "
                   "cells are not listed, so that rules are not developed on them)")
    p.add_argument("--errors-split", default="dev", help="split whose wrong cells --errors lists (default dev; "
                   "never heldout4, the split kept for unseen text, untouched by rule development)")
    p.add_argument("--cv", type=int, default=0, help="K-fold cross-validation of the level thresholds")
    args = p.parse_args(argv)
    env = os.environ.get("VNPE_AREAS_DEVSET")
    if args.errors and args.errors_split == "heldout4":
        p.error("heldout4 is the estimate for unseen text: its wrong cells are not listed")
    defaults = [DEFAULT, HELDOUT, HELDOUT2, HELDOUT3, HELDOUT4]
    folders = [Path(f) for f in args.folders] or ([Path(env)] if env else defaults)
    folders = [f for f in folders if f.is_dir()]
    built = []
    for f in folders:
        rebuilt = f if any(f.glob("*.txt")) else materialise(f)
        if rebuilt is None:
            print(f"{f.name}: texts not found under {DATA_DIR} (set VNPE_DATA_DIR); split skipped", file=sys.stderr)
        else:
            built.append(rebuilt)
    folders = built
    if not folders:
        print("no labelled folder found", file=sys.stderr)
        return 2
    from vnpe.areas import area_table

    loaded = [load_devset(f) for f in folders]
    articles = pd.concat([a for a, _ in loaded], ignore_index=True)
    labels = pd.concat([lab for _, lab in loaded], ignore_index=True)
    t0 = time.perf_counter()
    table = area_table(articles)
    dt = time.perf_counter() - t0
    merged = table.merge(labels, on=["doc_id", "area"], how="inner")
    docs = labels.drop_duplicates("doc_id")
    n_split = {s: g["lang"].value_counts().to_dict() for s, g in docs.groupby("split")}
    print(f"{', '.join(f.name for f in folders)}: {len(articles)} labelled articles {n_split}, "
          f"{len(merged)} cells (area_table {dt:.2f} s)")
    splits = sorted(merged["split"].unique(), key=lambda s: (s != "dev", s))
    for split in splits + (["combined"] if len(splits) > 1 else []):
        g_split = merged if split == "combined" else merged[merged["split"] == split]
        for lang, g in g_split.groupby("lang"):
            print(f"  {split:9} {lang}: {_fmt(scores(g))}")
        print(f"  {split:9} all: {_fmt(scores(g_split))}")
    print("\nper area (both languages, all splits)")
    rows = []
    for area, g in merged.groupby("area", sort=False):
        rows.append({"area": area, **scores(g)})
    print(pd.DataFrame(rows).round(3).to_string(index=False))
    if args.errors:
        print(f"\nwrong cells of the {args.errors_split} split: doc_id area label level terms")
        dev = merged[merged["split"] == args.errors_split]
        wrong = dev[(dev["present"] != (dev["label"] >= 1))
                       | ((dev["level"] == "main") != (dev["label"] == 2))]
        for r in wrong.itertuples():
            kind = ("FP" if r.present and r.label == 0 else "FN" if not r.present and r.label >= 1
                    else "level")
            print(f"  {kind:5} {r.doc_id:24} {r.area:25} label={r.label} {r.level:9} "
                  f"score={r.score:.3f} [{r.terms}]")
    if args.cv:
        print(f"\n{args.cv}-fold cross-validation of the level thresholds (dev split)")
        cross_validate(articles, labels[labels["split"] == "dev"], args.cv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
