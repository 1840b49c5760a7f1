"""Benchmark of same-event linking (``vnpe.events``) on real news, desk-labelled and pair-labelled.

Two development sets, run together in one ``pair_table``-like event linking pass (so that document
frequencies are those of a general-news corpus, not of a set of hand-picked bilateral articles):

* **desk corpus** (not in the repository: third-party text brought by ``fetch``): 1,000 English BBC
  articles (``bbc/<desk>/``, 5 desks; repository dejanbatanjac/bbc-article-classify-bert, commit
  8265dc84e88b82b87ce7f5b2df5bbbb1159ae922, path ``bbc/``) and 1,000 Vietnamese VNTC articles
  (``<desk>/``, 10 desks; repository magizbox/underthesea.classification, commit
  1ba8d0371fae39c37c7fb7b9a84e5cb836235d69, path ``data/VNTC/raw/Train_Full/``), sampled with a fixed
  seed. Paths from ``--en`` / ``--vi`` or the environment variables ``VNPE_EVENTS_DESKS_EN`` /
  ``VNPE_EVENTS_DESKS_VI``. A link between two desks is almost always a false link.
* **pairs** (``tests/data/devset_events/``: 80 real article excerpts, ``pairs.jsonl`` with same_event and
  apart pairs labelled by reading, see its INDEX.md).

Printed: links between different desks as a share of all desk-corpus links and links per article; recall on
the same_event pairs (English–Vietnamese separately); apart pairs kept apart; the precision of 50 desk-corpus
links sampled with a fixed seed, from the judgements recorded in
``tests/data/devset_events/precision_judgements.jsonl`` (``--write-sample`` writes the sample to judge).

Usage:
    python benchmarks/bench_events.py --en /work/data/bbc --vi /work/data/vi_corpus
    vnpe overlap /work/data/vi_corpus -o pairs.csv && python benchmarks/bench_events.py ... --pairs-csv pairs.csv
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

from vnpe.events import MIN_EVIDENCE, event_links
from vnpe.load import load_corpus

HERE = Path(__file__).resolve().parent.parent
DEVSET = HERE / "tests" / "data" / "devset_events"
JUDGEMENTS = DEVSET / "precision_judgements.jsonl"


def sample_desks(root: Path, n: int, seed: int, tag: str, dest: Path) -> None:
    """Copy ``n`` files of ``root/<desk>/*.txt`` (sampled with ``seed``) into ``dest/tag/<desk>/`` (copies, not
    links: the loader skips links to outside the corpus folder)."""
    files = sorted(p for p in root.glob("*/*.txt"))
    for p in random.Random(seed).sample(files, min(n, len(files))):
        out = dest / tag / p.parent.name / p.name
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--en", default=os.environ.get("VNPE_EVENTS_DESKS_EN"), help="BBC folder (<desk>/*.txt)")
    ap.add_argument("--vi", default=os.environ.get("VNPE_EVENTS_DESKS_VI"), help="VNTC folder (<desk>/*.txt)")
    ap.add_argument("--n", type=int, default=1000, help="articles sampled per language (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--min-evidence", type=float, default=MIN_EVIDENCE)
    ap.add_argument("--write-sample", help="write the 50 sampled desk links (with texts) to this JSONL file")
    ap.add_argument("--pairs-csv", help="also sample 50 same_event links from this `vnpe overlap` output of a "
                    "desk-labelled corpus (e.g. all of VNTC: doc_id = <desk>/<file>) and report their judgements")
    args = ap.parse_args(argv)
    if not args.en or not args.vi:
        print("bench_events: give --en and --vi (or VNPE_EVENTS_DESKS_EN / _VI); skipped", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sample_desks(Path(args.en), args.n, args.seed, "en", root)
        sample_desks(Path(args.vi), args.n, args.seed, "vi", root)
        for p in DEVSET.glob("*.txt"):
            (root / "pairs").mkdir(exist_ok=True)
            shutil.copyfile(p, root / "pairs" / p.name)
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arts = load_corpus(root, n_jobs=1, warn=False).sort_values("doc_id").reset_index(drop=True)
        t1 = time.perf_counter()
        pos = {d.split("/")[-1]: i for i, d in enumerate(arts["doc_id"]) if d.startswith("pairs/")}
        pairs = [json.loads(x) for x in (DEVSET / "pairs.jsonl").read_text().splitlines() if x.strip()]
        asked = pd.DataFrame([sorted((pos[p["a"]], pos[p["b"]])) for p in pairs], columns=["a", "b"])
        every = event_links(arts, explain=asked, min_evidence=args.min_evidence)
        links = every[every["linked"]]
        t2 = time.perf_counter()
    why = {frozenset((arts["doc_id"][a].split("/")[-1], arts["doc_id"][b].split("/")[-1])): e
           for a, b, e in zip(every["a"], every["b"], every["evidence"], strict=True)}
    ids = arts["doc_id"].tolist()
    texts = dict(zip(ids, (arts["title"].fillna("") + "\n\n" + arts["text"].fillna("")).tolist(), strict=True))
    links = links.assign(doc_a=[ids[i] for i in links["a"]], doc_b=[ids[i] for i in links["b"]])
    desk = {d: (d.split("/")[0] + "/" + d.split("/")[1]) for d in ids if not d.startswith("pairs/")}
    n_desk = len(desk)
    print(f"desk corpus: {n_desk} articles ({args.n} en + {args.n} vi, seed {args.seed}), + {len(ids) - n_desk}"
          f" pair-set articles; load+clean {t1 - t0:.1f} s, event linking {t2 - t1:.1f} s; "
          f"min_evidence {args.min_evidence:g}")
    dl = links[links["doc_a"].isin(desk) & links["doc_b"].isin(desk)]
    cross = dl[[desk[a] != desk[b] for a, b in zip(dl["doc_a"], dl["doc_b"], strict=True)]]
    share = len(cross) / len(dl) if len(dl) else 0.0
    print(f"desk corpus links: {len(dl)} ({len(dl) / n_desk:.3f} per article); between different desks: "
          f"{len(cross)} ({share:.1%})")
    for r in cross.head(10).itertuples():
        print(f"  cross-desk: {r.doc_a} ~ {r.doc_b}: {r.evidence}")
    linked = {frozenset((a.split('/')[-1], b.split('/')[-1])) for a, b in zip(links["doc_a"], links["doc_b"],
                                                                                strict=True)}
    same = [p for p in pairs if p["relation"] == "same_event"]
    apart = [p for p in pairs if p["relation"] == "apart"]
    hit = [frozenset((p["a"], p["b"])) in linked for p in same]
    envi = [h for p, h in zip(same, hit, strict=True) if p["a"][:2] != p["b"][:2]]
    print(f"recall on same_event pairs: {sum(hit)}/{len(hit)} = {sum(hit) / len(hit):.2f}; "
          f"English–Vietnamese {sum(envi)}/{len(envi)} = {sum(envi) / max(len(envi), 1):.2f}")
    for p, h in zip(same, hit, strict=True):
        if not h:
            print(f"  missed: {p['a']} ~ {p['b']}: {why.get(frozenset((p['a'], p['b'])), '')}")
    kept = [frozenset((p["a"], p["b"])) not in linked for p in apart]
    print(f"apart pairs kept apart: {sum(kept)}/{len(kept)}")
    for p, k in zip(apart, kept, strict=True):
        if not k:
            print(f"  linked although apart: {p['a']} ~ {p['b']}: {why.get(frozenset((p['a'], p['b'])), '')}")
    rng = random.Random(args.seed)
    sample = dl.sample(n=min(50, len(dl)), random_state=rng.randrange(2**31)) if len(dl) else dl
    if args.write_sample:
        with open(args.write_sample, "w", encoding="utf-8") as f:
            for r in sample.itertuples():
                f.write(json.dumps({"a": r.doc_a, "b": r.doc_b, "evidence": r.evidence,
                                    "text_a": texts[r.doc_a][:600], "text_b": texts[r.doc_b][:600]},
                                   ensure_ascii=False) + "\n")
    if JUDGEMENTS.exists():
        judged = {(j["a"], j["b"]): j for j in map(json.loads, JUDGEMENTS.read_text().splitlines()) if j}
        got = [judged.get((r.doc_a, r.doc_b)) for r in sample.itertuples()]
        read = [g for g in got if g is not None]
        ok = sum(g["same_event"] for g in read)
        print(f"precision of same_event on {len(sample)} sampled desk links: {len(read)} judged by reading, "
              f"{ok} correct = {ok / max(len(read), 1):.2f} (judgements: {JUDGEMENTS.relative_to(HERE)})")
    if args.pairs_csv:
        report_pairs_csv(Path(args.pairs_csv), args.seed)
    return 0


def report_pairs_csv(path: Path, seed: int) -> None:
    """Cross-desk share, links per article and judged precision of 50 sampled same_event links of a
    ``vnpe overlap`` output whose doc_ids start with the desk."""
    p = pd.read_csv(path)
    ev = p[p["relation"] == "same_event"]
    desk = [(a.split("/")[0], b.split("/")[0]) for a, b in zip(ev["doc_a"], ev["doc_b"], strict=True)]
    cross = sum(x != y for x, y in desk)
    print(f"{path.name}: {len(ev)} same_event links (relation same_event: not text copies) among {len(p)} pairs; "
          f"between different desks: {cross} ({cross / max(len(ev), 1):.1%})")
    sample = ev.sample(n=min(50, len(ev)), random_state=seed)
    judged = {}
    if JUDGEMENTS.exists():
        judged = {(j["a"], j["b"]): j for j in map(json.loads, JUDGEMENTS.read_text().splitlines()) if j}
    got = [judged.get((a, b)) for a, b in zip(sample["doc_a"], sample["doc_b"], strict=True)]
    read = [g for g in got if g is not None]
    ok = sum(g["same_event"] for g in read)
    print(f"precision of same_event on {len(sample)} links sampled from {path.name} (seed {seed}): {len(read)} "
          f"judged by reading, {ok} correct = {ok / max(len(read), 1):.2f}")


if __name__ == "__main__":
    sys.exit(main())
