"""Benchmark: cleaning quality on real news labelled line by line by reading (issue 8's development set).

The labelled articles are in ``tests/data/devset_clean/`` (English and Vietnamese, every desk; provenance in
each ``<id>.json`` and in the folders' README/LABELLING files). Labels were made by reading, before the cleaner
was run on the texts. Pass another folder in the same format to score your own labels.

    python benchmarks/bench_devset.py                     # the shipped development set
    python benchmarks/bench_devset.py path/to/labelled    # your own
    python benchmarks/bench_devset.py --errors 20         # and the first misjudged lines

Prints, per language and overall: story lines kept (by lines and by characters), furniture lines dropped,
and each metadata field's accuracy (an empty field where the text states none counts as correct), then the
time it took.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    import pandas as pd

    from vnpe.evaluation import score_folder

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT / "tests" / "data" / "devset_clean"))
    ap.add_argument("--errors", type=int, default=0, help="print this many misjudged lines of each kind")
    args = ap.parse_args()
    t0 = time.perf_counter()
    scores = score_folder(args.folder)
    took = time.perf_counter() - t0
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", 30)
    print(f"cleaning development set: {args.folder}")
    print(scores.summary().T.round(3).to_string())
    if args.errors:
        lines = scores.lines
        cols = ["id", "line_no", "label", "note", "role", "reason", "line"]
        lost = lines[(lines["label"] != "furniture") & ~lines["kept"]]
        kept = lines[(lines["label"] == "furniture") & lines["kept"]]
        print(f"\nstory lines dropped ({len(lost)}):")
        print(lost[cols].head(args.errors).to_string(max_colwidth=60))
        print(f"\nfurniture lines kept ({len(kept)}):")
        print(kept[cols].head(args.errors).to_string(max_colwidth=60))
        fields = scores.fields
        print("\nwrong fields:")
        print(fields[~fields["correct"]].head(args.errors).to_string(max_colwidth=50))
    print(f"\n{len(scores.articles)} articles scored in {took:.1f} s")


if __name__ == "__main__":
    main()
