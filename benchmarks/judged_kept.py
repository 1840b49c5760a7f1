"""Which judged whole-corpus links (``tests/data/devset_events/corpus_judgements.jsonl``) :func:`vnpe.events.compare`
still links, right and wrong, per sample: a before/after check of a change to the event rules.

The articles are loaded as ``lead_cv.py`` loads them (both sides of every judged link and ``--n-df`` random articles
of each corpus); each corpus gets its own common names and lead weights (:func:`vnpe.events.common_keys`,
:class:`vnpe.events.LeadWeights` over that corpus's loaded articles), as a ``vnpe overlap`` run on that corpus
would, and every judged pair is compared with the default thresholds. ``--out`` writes one line per pair (linked
or not, the evidence) so that two runs (before and after a change) can be diffed.

Usage:
    python benchmarks/judged_kept.py --corpus vntc=/work/data/vi_corpus --corpus bbc=/work/data/bbc \\
        --corpus vntc_test=/work/data/vi_corpus_test --corpus reuters=/work/data/en_other/reuters21578_articles \\
        [--out kept.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from vnpe.events import LeadWeights, common_keys, compare

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lead_cv import judged_features, load_judged  # noqa: E402  (the same articles as lead_cv.py, loaded the same way)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", action="append", default=[], metavar="LABEL=DIR")
    ap.add_argument("--n-df", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", help="write one JSON line per judged pair (linked, evidence)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    judged, _pairs, arts = load_judged(args.corpus, args.n_df, args.seed)
    feats, mine = judged_features(judged, arts)
    per_corpus = {label: (common_keys(fs), LeadWeights(fs)) for label, fs in mine.items()}
    counts: Counter = Counter()
    rows = []
    for j in judged:
        common, weights = per_corpus[j["corpus"]]
        a, b = feats[f"{j['corpus']}/{j['a']}"], feats[f"{j['corpus']}/{j['b']}"]
        ok, ev = compare(a, b, common, lead_weights=weights)
        sid = j.get("sample_id", "s0")
        counts[(sid, j["corpus"], bool(j["same_event"]), "all")] += 1
        counts[(sid, j["corpus"], bool(j["same_event"]), "kept")] += ok
        rows.append({"sample_id": sid, "corpus": j["corpus"], "a": j["a"], "b": j["b"],
                     "right": bool(j["same_event"]), "linked": ok, "evidence": ev})
    print(f"{len(arts)} articles loaded and read in {time.perf_counter() - t0:.0f} s")
    print("sample corpus     right kept   wrong kept")
    tot = Counter()
    for sid, corpus in sorted({(k[0], k[1]) for k in counts}):
        r = (counts[(sid, corpus, True, "kept")], counts[(sid, corpus, True, "all")])
        w = (counts[(sid, corpus, False, "kept")], counts[(sid, corpus, False, "all")])
        tot.update({"rk": r[0], "ra": r[1], "wk": w[0], "wa": w[1]})
        print(f"{sid:6} {corpus:10} {r[0]:4}/{r[1]:<4}   {w[0]:4}/{w[1]:<4}")
    print(f"all               {tot['rk']:4}/{tot['ra']:<4}   {tot['wk']:4}/{tot['wa']:<4}")
    if args.out:
        Path(args.out).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
