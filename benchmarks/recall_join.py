"""Same-event recall of a whole ``vnpe overlap`` run on article pairs judged by reading (issue 9).

Joins ``tests/data/devset_events/recall_judgements.jsonl`` (pairs drawn by ``benchmarks/recall_sample.py`` from
text similarity alone, labelled before vnpe's decision was looked at) with the ``pairs.csv`` of a run on the same
corpus, and prints: recall (true pairs linked / true pairs) with a Wilson 95 % interval, also weighted by the
similarity bins' populations and without the borderline labels; false pairs linked; and, for every true pair
missed, vnpe's reason and its class. With ``--corpus`` the reason is recomputed with
:func:`vnpe.events.compare` on the two articles, with the common names and lead weights of the whole corpus
(what the run used), and whether the pair was an event candidate at all; else it is read from the evidence
column when the pair is a row of ``pairs.csv``.

Usage:
    python benchmarks/recall_join.py --pairs-csv baomoi=/work/data/i9r/pairs.csv \\
        --corpus baomoi=/work/data/i9f/baomoi [--write-misses misses.jsonl]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent.parent
RECALL = HERE / "tests" / "data" / "devset_events" / "recall_judgements.jsonl"


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval of ``k`` successes in ``n``.

    >>> [round(x, 2) for x in wilson(8, 10)]
    [0.49, 0.94]
    """
    if n == 0:
        return 0.0, 1.0
    p = k / n
    mid = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return mid - half, mid + half


def miss_class(reason: str, candidate: bool | None, dates: tuple[str, str] | None = None) -> str:
    """The class of a refused same-event pair, from vnpe's reason (and the two event dates when known).

    >>> miss_class("different dates --06-14 / --06-13", True)
    'dates differ (a day or more)'
    >>> miss_class("no shared event date and 3 of 9 names shared (needs 4+ and 90%)", True, ("", "--05-10"))
    'no event date read (one or both articles)'
    """
    r = reason.split("not the same event: ", 1)[-1]
    if r.startswith("different dates"):
        return "dates differ (a day or more)"
    if r.startswith("different years"):
        return "years differ"
    if r.startswith("different places"):
        return "dateline places differ"
    if r.startswith("two steps of one story"):
        return "story steps differ"
    if "recalled, not reported" in r:
        return "shared date ruled recalled"
    if r.startswith("no shared event date"):
        if dates is not None and not (dates[0] and dates[1]):
            return "no event date read (one or both articles)"
        return "no shared event date"
    if r.startswith("leads tell different things"):
        return "lead cosine below the floor"
    if r.startswith("too little specific evidence"):
        return "too little name evidence beside the date"
    if r.startswith("no shared specific name"):
        return "no shared specific name beside the date"
    if r.startswith("no event anchor"):
        return "unreadable article"
    return "other: " + r[:60]


def _copy_only(r: dict) -> bool:
    """A pair that ``pairs.csv`` marks same_event only because its texts are near-duplicate copies."""
    ev = r["vnpe_evidence"]
    return r["vnpe_relation"] == "near_duplicate" and "date " not in ev and "names shared" not in ev


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def vnpe_reasons(corpus: Path, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """vnpe's decision on each pair of doc ids, with the whole corpus's common names and lead weights."""
    from vnpe.events import candidate_codes, common_keys, compare, event_features
    from vnpe.events.lead import LeadWeights
    from vnpe.load import load_corpus

    t0 = time.perf_counter()
    arts = load_corpus(corpus, keep_raw=False, warn=False)
    feats = event_features(arts)
    common = common_keys(feats)
    weights = LeadWeights(feats)
    codes = candidate_codes(feats, common)
    cand = set(zip((codes >> 32).tolist(), (codes & 0xFFFFFFFF).tolist(), strict=True))
    pos = {d: i for i, d in enumerate(arts["doc_id"])}
    out = {}
    for a, b in pairs:
        i, j = sorted((pos[a], pos[b]))
        ok, ev = compare(feats[i], feats[j], common, lead_weights=weights)
        out[_key(a, b)] = {"linked_recomputed": ok, "reason": ev, "candidate": (i, j) in cand,
                           "dates": (feats[pos[a]].date_shown, feats[pos[b]].date_shown),
                           "recalled": (feats[pos[a]].date_recalled, feats[pos[b]].date_recalled)}
    print(f"vnpe features of {len(arts)} articles: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs-csv", action="append", default=[], help="LABEL=pairs.csv of a vnpe overlap run")
    ap.add_argument("--corpus", action="append", default=[], help="LABEL=corpus folder (recompute the reasons)")
    ap.add_argument("--judgements", default=str(RECALL))
    ap.add_argument("--write-misses", help="JSONL of the true pairs missed, with vnpe's reason and class")
    a = ap.parse_args(argv)
    csvs = dict(x.split("=", 1) for x in a.pairs_csv)
    corpora = dict(x.split("=", 1) for x in a.corpus)
    with open(a.judgements, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    for label, path in csvs.items():
        judged = [r for r in rows if r["corpus"] == label]
        p = pd.read_csv(path, encoding="utf-8-sig", usecols=["doc_a", "doc_b", "same_event", "relation", "evidence"])
        want = {_key(r["a"], r["b"]) for r in judged}
        keys = [_key(x, y) for x, y in zip(p["doc_a"], p["doc_b"], strict=True)]
        hit = {k: rec for k, rec in zip(keys, p.to_dict("records"), strict=True) if k in want}
        why = vnpe_reasons(Path(corpora[label]), sorted(want)) if label in corpora else {}
        for r in judged:
            k = _key(r["a"], r["b"])
            rec = hit.get(k)
            r["in_pairs_csv"] = rec is not None
            r["vnpe_same_event"] = bool(rec["same_event"]) if rec else False
            r["vnpe_relation"] = rec["relation"] if rec else ""
            r["vnpe_evidence"] = rec["evidence"] if rec else ""
            r.update(why.get(k, {}))
        true = [r for r in judged if r["same_event"] is True]
        false = [r for r in judged if r["same_event"] is False]
        k = sum(r["vnpe_same_event"] for r in true)
        lo, hi = wilson(k, len(true))
        print(f"[{label}] {len(judged)} pairs judged: {len(true)} same_event, {len(false)} not, "
              f"{sum(r['same_event'] == 'undecided' for r in judged)} undecided")
        print(f"[{label}] recall: {k}/{len(true)} = {k / max(len(true), 1):.2f} (Wilson 95 % {lo:.2f}-{hi:.2f})")
        copy = [r for r in true if r["vnpe_same_event"] and _copy_only(r)]
        report = [r for r in true if r["vnpe_same_event"] and "one report:" in r["vnpe_evidence"]]
        ke = k - len(copy) - len(report)
        lo, hi = wilson(ke, len(true))
        print(f"[{label}]   of which linked by the event rules: {ke}/{len(true)} = {ke / max(len(true), 1):.2f} "
              f"(Wilson 95 % {lo:.2f}-{hi:.2f}); only as near-duplicate copies: {len(copy)}; as one report carried "
              f"twice (shared text, vnpe.events.shared_report): {len(report)}")
        sure = [r for r in true if not r["borderline"]]
        ks = sum(r["vnpe_same_event"] for r in sure)
        print(f"[{label}] recall, borderline labels left out: {ks}/{len(sure)}")
        bins = sorted({r["bin"] for r in judged})
        num = den = 0.0
        for b in bins:
            tb = [r for r in judged if r["bin"] == b]
            pop = tb[0]["bin_pairs"]
            t = [r for r in tb if r["same_event"] is True]
            if not t:
                continue
            rate = len(t) / len(tb)
            num += pop * rate * sum(r["vnpe_same_event"] for r in t) / len(t)
            den += pop * rate
            print(f"[{label}]   bin {b}: {len(t)}/{len(tb)} true, {sum(r['vnpe_same_event'] for r in t)} linked "
                  f"({pop} pairs in the bin)")
        print(f"[{label}] recall weighted by bin population: {num / max(den, 1e-9):.2f}")
        fl = [r for r in false if r["vnpe_same_event"]]
        print(f"[{label}] false pairs linked: {len(fl)}/{len(false)} ({sum(map(_copy_only, fl))} only as copies, "
              f"{sum('one report:' in r['vnpe_evidence'] for r in fl)} as one report)"
              + "".join(f"\n    {r['sample']}: {r['kind']} | {r['vnpe_evidence'][:90]}" for r in fl))
        missed = [r for r in true if not r["vnpe_same_event"]]
        for r in missed:
            reason = r.get("reason") or r["vnpe_evidence"].split("not the same event: ", 1)[-1] or "not in pairs.csv"
            r["miss_class"] = miss_class(reason, r.get("candidate"), tuple(r["dates"]) if "dates" in r else None)
            r["vnpe_reason"] = reason
        print(f"[{label}] true pairs missed: {len(missed)}; classes:")
        for c, n in Counter(r["miss_class"] for r in missed).most_common():
            print(f"    {n:3d}  {c}")
        for r in missed:
            cand = {True: "candidate", False: "not a candidate", None: "?"}[r.get("candidate")]
            print(f"    {r['sample']:2d} {r['bin']} {cand:15s} {r['miss_class']:42s} | {r['vnpe_reason'][:110]}")
        if a.write_misses:
            with open(a.write_misses, "a", encoding="utf-8") as fh:
                for r in missed:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
