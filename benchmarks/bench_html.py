"""Benchmark: vnpe's saved-page reading against trafilatura on trafilatura's own extraction benchmark.

The benchmark is the field's: trafilatura's repository ships ``tests/evaldata.json`` (990 real web pages,
news among many other kinds, in a dozen languages) with, for each page, up to six snippets that a main-text
extractor must output (``with``) and up to six it must not (``without``); the pages are in ``tests/eval/`` and
``tests/cache/``. A snippet counts as found when its whitespace-normalised text is a substring of the output
(the rule of trafilatura's ``tests/eval_common.py``): a ``with`` found is a true positive, missed a false
negative; a ``without`` found is a false positive, absent a true negative.

Two extractors run on the same pages, one after the other, in one run:

* ``trafilatura``: ``trafilatura.extract(html, fast=False, include_comments=False, include_tables=True,
  include_formatting=False)``, the settings trafilatura's own benchmark uses;
* ``vnpe``: what a user gets in the articles table from a folder of saved pages: the page read by
  :func:`vnpe.readers.read_entries` and cleaned by :func:`vnpe.load.article_row`; the output scored is the
  ``title`` column, a newline and the ``text`` column (the clean body: furniture lines removed).

Get the data (not shipped with vnpe)::

    git clone https://github.com/adbar/trafilatura   # the run quoted in the README used e90b0ef
    python benchmarks/bench_html.py trafilatura/tests
    python benchmarks/bench_html.py trafilatura/tests --limit 100    # a quick look
    python benchmarks/bench_html.py trafilatura/tests --errors 10    # and some pages vnpe gets wrong

Prints precision, recall, accuracy and F1 of both, the pages per second of each, and vnpe's extra cost.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def norm(text: str) -> str:
    """Whitespace-normalised text, as the benchmark's scorer compares snippets."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Counts:
    """A confusion matrix over snippets."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, item: dict, output: str | None) -> tuple[int, int]:
        """Score one page's output; returns (with found, without found)."""
        out = norm(output or "")
        found = sum(norm(s) in out for s in item["with"]) if out else 0
        leaked = sum(norm(s) in out for s in item["without"]) if out else 0
        self.tp += found
        self.fn += len(item["with"]) - found
        self.fp += leaked
        self.tn += len(item["without"]) - leaked
        return found, leaked

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        acc = (self.tp + self.tn) / max(1, self.tp + self.tn + self.fp + self.fn)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "accuracy": acc, "f1": f1}


def find_page(tests: Path, name: str) -> Path | None:
    """The page's file under ``cache/`` or ``eval/`` (the benchmark's own lookup order)."""
    for sub in ("cache", "eval"):
        path = tests / sub / name
        if path.is_file():
            return path
    return None


def run_trafilatura(data: bytes) -> str | None:
    import trafilatura

    return trafilatura.extract(data, fast=False, include_comments=False, include_tables=True,
                               include_formatting=False)


def run_vnpe(name: str, data: bytes) -> str:
    from vnpe.load import Decoded, article_row
    from vnpe.readers import read_entries

    outputs = []
    for e in read_entries(Path(name), data):
        row = article_row("page", name, Decoded(e.text, e.encoding, e.status, e.message), e.meta, e.source)
        outputs.append("\n".join(x for x in (row["title"], row["text"]) if x))
    return "\n".join(outputs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tests", nargs="?", default=os.environ.get("VNPE_TRAFILATURA_TESTS"),
                    help="trafilatura's tests/ folder (evaldata.json, eval/, cache/)")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N pages (sorted by URL)")
    ap.add_argument("--errors", type=int, default=0, help="print this many pages where vnpe does worse")
    args = ap.parse_args()
    if not args.tests:
        ap.error("give trafilatura's tests/ folder (or set VNPE_TRAFILATURA_TESTS)")
    tests = Path(args.tests)
    evaldata = json.loads((tests / "evaldata.json").read_text(encoding="utf-8"))
    urls = sorted(evaldata)[: args.limit or None]

    import warnings

    warnings.simplefilter("ignore")
    counts = {"trafilatura": Counts(), "vnpe": Counts()}
    seconds = {"trafilatura": 0.0, "vnpe": 0.0}
    worse = []
    missing = 0
    for url in urls:
        item = evaldata[url]
        path = find_page(tests, item["file"])
        if path is None:
            missing += 1
            continue
        data = path.read_bytes()
        per = {}
        for name, fn in (("trafilatura", run_trafilatura), ("vnpe", partial(run_vnpe, path.name))):
            t0 = time.perf_counter()
            try:
                out = fn(data)
            except Exception as exc:  # a crash costs recall, as in the benchmark; name it
                print(f"{name} failed on {item['file']}: {type(exc).__name__}: {exc}", file=sys.stderr)
                out = None
            seconds[name] += time.perf_counter() - t0
            per[name] = (counts[name].add(item, out), out)
        (t_found, t_leak), _ = per["trafilatura"]
        (v_found, v_leak), v_out = per["vnpe"]
        if v_found - v_leak < t_found - t_leak:
            worse.append((url, item, v_out))

    n = len(urls) - missing
    print(f"trafilatura extraction benchmark: {tests / 'evaldata.json'} ({n} pages"
          + (f", {missing} not found" if missing else "") + ")")
    print(f"{'':12} {'precision':>9} {'recall':>7} {'accuracy':>8} {'f1':>6} {'pages/s':>8}")
    for name, c in counts.items():
        s = c.scores()
        print(f"{name:12} {s['precision']:9.3f} {s['recall']:7.3f} {s['accuracy']:8.3f} {s['f1']:6.3f}"
              f" {n / max(seconds[name], 1e-9):8.1f}")
    print(f"vnpe does worse than trafilatura on {len(worse)} pages")
    for url, item, out in worse[: args.errors]:
        o = norm(out or "")
        print(f"\n{url} ({item['file']})")
        for s in item["with"]:
            if norm(s) not in o:
                print(f"  missed: {s[:100]!r}")
        for s in item["without"]:
            if norm(s) in o:
                print(f"  leaked: {s[:100]!r}")


if __name__ == "__main__":
    main()
