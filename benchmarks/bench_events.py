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
With ``--pairs-csv`` (whole-corpus ``vnpe overlap`` runs): links, share between desks, and the precision of 50 links
sampled over the runs, judged in ``tests/data/devset_events/corpus_judgements.jsonl`` (``--write-corpus-sample``).

Usage:
    python benchmarks/bench_events.py --en /work/data/bbc --vi /work/data/vi_corpus
    vnpe overlap /work/data/vi_corpus -o vntc.csv; vnpe overlap /work/data/bbc -o bbc.csv
    python benchmarks/bench_events.py --pairs-csv vntc=vntc.csv --pairs-csv bbc=bbc.csv [--sample-seed 1 --fresh] \\
        --pairs-corpus vntc=/work/data/vi_corpus --pairs-corpus bbc=/work/data/bbc --write-corpus-sample s.jsonl
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
from collections import Counter
from pathlib import Path

import pandas as pd

from vnpe.events import MIN_EVIDENCE, event_links
from vnpe.load import load_corpus
from vnpe.overlap import pair_table

HERE = Path(__file__).resolve().parent.parent
DEVSET = HERE / "tests" / "data" / "devset_events"
JUDGEMENTS = DEVSET / "precision_judgements.jsonl"
# same_event links of whole-corpus `vnpe overlap` runs, judged by reading both texts (see --pairs-csv)
CORPUS_JUDGEMENTS = DEVSET / "corpus_judgements.jsonl"


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
    ap.add_argument("--pairs-csv", action="append", default=[], metavar="[LABEL=]CSV",
                    help="a `vnpe overlap` output of a whole desk-labelled corpus (doc_id = <desk>/<file>), "
                    "repeatable (e.g. vntc=vntc_pairs.csv bbc=bbc_pairs.csv): links, share between desks, and "
                    "the precision of a fixed-seed sample of --sample-size same_event links drawn over all of them "
                    f"(judgements: {CORPUS_JUDGEMENTS.name})")
    ap.add_argument("--pairs-corpus", action="append", default=[], metavar="LABEL=DIR",
                    help="where the texts of a --pairs-csv corpus are (for --write-corpus-sample)")
    ap.add_argument("--sample-size", type=int, default=50, help="links sampled from the --pairs-csv runs (50)")
    ap.add_argument("--sample-seed", type=int, help="seed of the --pairs-csv sample (default --seed)")
    ap.add_argument("--fresh", action="store_true", help="draw the --pairs-csv sample among links not judged yet "
                    f"(in {CORPUS_JUDGEMENTS.name}): a fresh sample to measure rules developed on the judged ones")
    ap.add_argument("--write-corpus-sample", help="write the links sampled from the --pairs-csv runs, with the "
                    "texts of --pairs-corpus, to this JSONL file (to judge them)")
    ap.add_argument("--recall-corpus", action="append", default=[], metavar="LABEL=DIR",
                    help="also print the same-event recall of the --pairs-csv run LABEL on the whole-article pairs "
                    "judged in recall_judgements.jsonl (benchmarks/recall_join.py; reasons recomputed from DIR)")
    args = ap.parse_args(argv)
    if args.pairs_csv:
        report_corpus_runs(args)
    if args.recall_corpus:
        report_recall(args)
    if not args.en or not args.vi:
        print("bench_events: give --en and --vi (or VNPE_EVENTS_DESKS_EN / _VI) for the desk sample and pair set;"
              " skipped", file=sys.stderr)
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
    # one report carried twice (vnpe.events.shared_report) needs the texts' aligned passages: pair_table, not
    # event_links; its links are counted apart, so the figures above stay those of the event rules
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = pair_table(arts, min_evidence=args.min_evidence)
    rep = table[table["evidence"].str.contains("one report:", regex=False)]
    rep_desk = rep[rep["doc_a"].isin(desk) & rep["doc_b"].isin(desk)]
    rep_cross = sum(desk[a] != desk[b] for a, b in zip(rep_desk["doc_a"], rep_desk["doc_b"], strict=True))
    rep_set = {frozenset((a.split("/")[-1], b.split("/")[-1])) for a, b in zip(rep["doc_a"], rep["doc_b"],
                                                                                strict=True)}
    gained = [p for p, h in zip(same, hit, strict=True) if not h and frozenset((p["a"], p["b"])) in rep_set]
    lost = [p for p in apart if frozenset((p["a"], p["b"])) in rep_set]
    print(f"one report carried twice (pair_table): desk corpus {len(rep_desk)} links, {rep_cross} between desks; "
          f"pair set: {len(gained)} more same_event pairs linked (recall {sum(hit) + len(gained)}/{len(hit)}), "
          f"{len(lost)} apart pairs linked")
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
    return 0


def _labelled(items: list[str]) -> dict[str, Path]:
    """``LABEL=PATH`` arguments → {label: path}; a bare path is labelled with its file stem."""
    out: dict[str, Path] = {}
    for it in items:
        label, _, path = it.rpartition("=")
        out[label or Path(path).stem] = Path(path)
    return out


def _quotas(sizes: dict[str, int], total: int) -> dict[str, int]:
    """Split ``total`` sampled links over runs: smallest run first, each an equal share of what is left (a run
    with fewer links gives all of them). ``{"bbc": 7, "vntc": 656}``, 50 → ``{"bbc": 7, "vntc": 43}``."""
    out: dict[str, int] = {}
    left = total
    for i, (label, n) in enumerate(sorted(sizes.items(), key=lambda kv: (kv[1], kv[0]))):
        out[label] = min(n, left // (len(sizes) - i))
        left -= out[label]
    return out


def corpus_sample(runs: dict[str, pd.DataFrame], total: int, seed: int,
                  skip: set[tuple[str, frozenset]] | None = None) -> list[tuple[str, str, str, str]]:
    """(label, doc_a, doc_b, evidence) of ``total`` same_event links sampled over the runs (fixed seed; the
    links of a run sorted first, so the sample does not depend on row order); ``skip``: (label, {doc_a, doc_b})
    of links not to draw (already judged)."""
    skip = skip or set()
    ev = {}
    for k, r in runs.items():
        r = r[r["relation"] == "same_event"]
        keep = [(k, frozenset((a, b))) not in skip for a, b in zip(r["doc_a"], r["doc_b"], strict=True)]
        ev[k] = r[pd.Series(keep, index=r.index, dtype=bool)].sort_values(["doc_a", "doc_b"])
    out = []
    for label, q in sorted(_quotas({k: len(v) for k, v in ev.items()}, total).items()):
        for r in ev[label].sample(n=q, random_state=seed).itertuples():
            out.append((label, r.doc_a, r.doc_b, r.evidence))
    return out


def load_corpus_judgements() -> dict[tuple[str, frozenset], dict]:
    """(corpus label, {doc_a, doc_b}) → judgement, from :data:`CORPUS_JUDGEMENTS`."""
    if not CORPUS_JUDGEMENTS.exists():
        return {}
    rows = [json.loads(x) for x in CORPUS_JUDGEMENTS.read_text(encoding="utf-8").splitlines() if x.strip()]
    return {(j["corpus"], frozenset((j["a"], j["b"]))): j for j in rows}


def _read_doc(root: Path, doc_id: str) -> str:
    """The raw text of ``doc_id`` below ``root`` (VNTC files are UTF-16 with a byte-order mark)."""
    path = root / doc_id
    if not path.is_file():
        path = root / (doc_id + ".txt")
    data = path.read_bytes()
    enc = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8"
    return data.decode(enc, errors="replace").replace("\r\n", "\n")


def report_corpus_runs(args: argparse.Namespace) -> None:
    """Links, links between desks, and the judged precision of a fixed-seed sample of the ``--pairs-csv`` runs."""
    runs = {k: pd.read_csv(v) for k, v in _labelled(args.pairs_csv).items()}
    for label, p in runs.items():
        ev = p[p["relation"] == "same_event"]
        cross = sum(a.split("/")[0] != b.split("/")[0] for a, b in zip(ev["doc_a"], ev["doc_b"], strict=True))
        print(f"{label}: {len(ev)} same_event links (not text copies) among {len(p)} pairs; between different "
              f"desks: {cross} ({cross / max(len(ev), 1):.1%})")
    judged = load_corpus_judgements()
    seed = args.seed if args.sample_seed is None else args.sample_seed
    sample = corpus_sample(runs, args.sample_size, seed, set(judged) if args.fresh else None)
    got = [judged.get((lab, frozenset((a, b)))) for lab, a, b, _ in sample]
    read = [g for g in got if g is not None]
    ok = sum(g["same_event"] for g in read)
    per = ", ".join(f"{k} {sum(s[0] == k for s in sample)}" for k in sorted(runs))
    print(f"precision of same_event on {len(sample)} links sampled (seed {seed}{', fresh' if args.fresh else ''}; "
          f"{per}): {len(read)} judged "
          f"by reading, {ok} correct = {ok / max(len(read), 1):.2f} ({CORPUS_JUDGEMENTS.relative_to(HERE)})")
    kinds = Counter(g.get("kind", "") for g in read)
    print("  judged kinds: " + "; ".join(f"{k} {n}" for k, n in kinds.most_common()))
    for (lab, a, b, e), g in zip(sample, got, strict=True):
        if g is not None and not g["same_event"]:
            print(f"  wrong: {lab} {a} ~ {b}: {e}")
    linked = {(k, frozenset((a, b))) for k, p in runs.items() for a, b, r in zip(p["doc_a"], p["doc_b"],
                                                                              p["relation"], strict=True)
              if r == "same_event"}
    ours = {k: j for k, j in judged.items() if k[0] in runs}
    kept = [j for k, j in ours.items() if k in linked]
    gone = [j for k, j in ours.items() if k not in linked]
    for name in sorted({j.get("sample_id", "s0") for j in ours.values()}):
        k_ = [j for j in kept if j.get("sample_id", "s0") == name]
        g_ = [j for j in gone if j.get("sample_id", "s0") == name]
        print(f"  judged links of sample {name} still linked here: {len(k_)}, {sum(j['same_event'] for j in k_)} "
              f"right = {sum(j['same_event'] for j in k_) / max(len(k_), 1):.2f}; no longer linked: {len(g_)} "
              f"({sum(j['same_event'] for j in g_)} right, {sum(not j['same_event'] for j in g_)} wrong)")
    if args.write_corpus_sample:
        roots = _labelled(args.pairs_corpus)
        with open(args.write_corpus_sample, "w", encoding="utf-8") as f:
            for lab, a, b, e in sample:
                row = {"corpus": lab, "a": a, "b": b, "evidence": e}
                if lab in roots:
                    row |= {"text_a": _read_doc(roots[lab], a), "text_b": _read_doc(roots[lab], b)}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")


def report_recall(args: argparse.Namespace) -> None:
    """Recall of the ``--pairs-csv`` runs on the judged whole-article pairs (``benchmarks/recall_join.py``)."""
    sys.path.insert(0, str(HERE / "benchmarks"))
    from recall_join import main as recall_main

    csvs = _labelled(args.pairs_csv)
    argv = []
    for label, root in _labelled(args.recall_corpus).items():
        if label in csvs:
            argv += ["--pairs-csv", f"{label}={csvs[label]}", "--corpus", f"{label}={root}"]
        else:
            print(f"bench_events: --recall-corpus {label} has no --pairs-csv {label}=...; skipped", file=sys.stderr)
    if argv:
        recall_main(argv)


if __name__ == "__main__":
    sys.exit(main())
