"""Cross-validation of ``UNDATED_MIN_LEAD`` (vnpe.events.comparison: the lead cosine an undated link needs).

Like ``lead_cv.py`` (which checks ``LEAD_MIN_COSINE``): loads the articles of the judged whole-corpus links
(``tests/data/devset_events/corpus_judgements.jsonl``) and of the pair set, with ``--n-df`` random articles of each
corpus so that term rarity is that of general news, and links every judged pair with the current rules except the
undated lead floor (``UNDATED_MIN_LEAD`` set to 0 for the run; ``LEAD_MIN_COSINE`` still applies). The links that
are then kept with *no shared date* are the ones the threshold decides; each is printed with its lead cosine.

Folds are the judged samples (leave one sample out: s0, s1, …): the level with the best objective on the other
samples' undated links (right links kept minus ``--wrong-cost`` x wrong links kept; every true same-language pair
of ``pairs.jsonl`` linked undated without the floor must stay linked; ties to the lower level) is applied to the
held-out sample. The pair-set true pairs are in every training set (they belong to no sample).

Usage: python benchmarks/undated_cv.py --corpus vntc=/work/data/vi_corpus --corpus bbc=/work/data/bbc
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vnpe import events
from vnpe.events import (
    LEAD_MIN_COSINE,
    UNDATED_MIN_LEAD,
    LeadWeights,
    common_keys,
    compare,
    event_features,
    lead_cosine,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lead_cv import load_judged  # noqa: E402  (the same articles as lead_cv.py, loaded the same way)

HERE = Path(__file__).resolve().parent.parent
DEVSET = HERE / "tests" / "data" / "devset_events"


def objective(level: float, items: list[tuple[float, bool | None, str]], wrong_cost: float) -> float:
    """Right links kept minus ``wrong_cost`` x wrong links kept at ``level``; ``-inf`` if a true pair (``None``)
    falls below it.

    >>> objective(0.3, [(0.5, True, "x"), (0.2, False, "y"), (0.4, False, "z")], 2.0)
    -1.0
    >>> objective(0.3, [(0.2, None, "p")], 2.0)
    -inf
    """
    if any(r is None and c < level for c, r, _ in items):
        return float("-inf")
    return sum(c >= level and r is True for c, r, _ in items) - wrong_cost * sum(
        c >= level and r is False for c, r, _ in items)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", action="append", default=[], metavar="LABEL=DIR")
    ap.add_argument("--n-df", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--wrong-cost", type=float, default=2.0,
                    help="a wrong link kept costs this many right links kept (prefer no link to a wrong one)")
    args = ap.parse_args(argv)
    judged, pairs, arts = load_judged(args.corpus, args.n_df, args.seed)  # (as lead_cv.py loads them)
    ids = [d[:-4] if d.endswith(".txt") else d for d in arts["doc_id"]]
    pos = {d: i for i, d in enumerate(ids)}
    feats = event_features(arts)
    common, weights = common_keys(feats), LeadWeights(feats)
    print(f"{len(ids)} articles loaded; current UNDATED_MIN_LEAD {UNDATED_MIN_LEAD:g}, LEAD_MIN_COSINE "
          f"{LEAD_MIN_COSINE:g} (an undated link's floor is the larger of the two)")
    saved, events.comparison.UNDATED_MIN_LEAD = events.comparison.UNDATED_MIN_LEAD, 0.0
    try:
        by_sample: dict[str, list[tuple[float, bool | None, str]]] = {}
        for j in judged:
            a, b = feats[pos[f"{j['corpus']}/{j['a']}"]], feats[pos[f"{j['corpus']}/{j['b']}"]]
            ok, ev = compare(a, b, common, lead_weights=weights)
            if not ok or "no date;" not in ev or a.language != b.language:
                continue  # not linked, or linked with a shared date: the threshold does not decide it
            cos = lead_cosine(a, b, weights)
            s = j.get("sample_id", "s0")
            print(f"{s} {'RIGHT' if j['same_event'] else 'wrong'} cos {cos:.3f} {j['corpus']} {j['a']} ~ {j['b']} "
                  f"[{j.get('kind', '')}]")
            by_sample.setdefault(s, []).append((cos, bool(j["same_event"]), j["a"] + " ~ " + j["b"]))
        true_pairs = []
        for p in pairs:
            if p["relation"] == "same_event" and p["a"][:2] == p["b"][:2]:
                a, b = feats[pos["pairs/" + p["a"]]], feats[pos["pairs/" + p["b"]]]
                ok, ev = compare(a, b, common, lead_weights=weights)
                if ok and "no date;" in ev:
                    cos = lead_cosine(a, b, weights)
                    print(f"pair TRUE  cos {cos:.3f} {p['a']} ~ {p['b']}")
                    true_pairs.append((cos, None, p["a"] + " ~ " + p["b"]))
    finally:
        events.comparison.UNDATED_MIN_LEAD = saved
    print("undated judged links decided by the threshold: "
          + ", ".join(f"{s} {len(v)} ({sum(r for _, r, _ in v)} right)" for s, v in sorted(by_sample.items()))
          + f"; pair-set true pairs linked undated: {len(true_pairs)}")
    levels = [round(x * 0.01, 2) for x in range(int(LEAD_MIN_COSINE * 100), 61)]
    tot = [0, 0, 0, 0]  # right kept, wrong kept, right dropped, wrong dropped
    print("held out | level | trained on | right kept | wrong kept | right dropped | wrong dropped")
    chosen = []
    for s in sorted(by_sample):
        train = [it for t, v in by_sample.items() if t != s for it in v] + true_pairs
        test = by_sample[s]
        best = max(levels, key=lambda lv: (objective(lv, train, args.wrong_cost), -lv))
        chosen.append(best)
        row = [sum(c >= best and r is True for c, r, _ in test), sum(c >= best and r is False for c, r, _ in test),
               sum(c < best and r is True for c, r, _ in test), sum(c < best and r is False for c, r, _ in test)]
        tot = [x + y for x, y in zip(tot, row, strict=True)]
        print(f"{s} | {best:.2f} | {len(train)} | " + " | ".join(map(str, row)))
    print(f"all folds: right kept {tot[0]}, wrong kept {tot[1]} (precision {tot[0] / max(tot[0] + tot[1], 1):.2f}),"
          f" right dropped {tot[2]}, wrong dropped {tot[3]}; levels chosen {sorted(set(chosen))}")
    every = [it for v in by_sample.values() for it in v] + true_pairs
    best = max(levels, key=lambda lv: (objective(lv, every, args.wrong_cost), -lv))
    print(f"level chosen on all samples: {best:.2f}")
    for lv in levels[::5]:
        rk = sum(c >= lv and r is True for c, r, _ in every)
        wk = sum(c >= lv and r is False for c, r, _ in every)
        print(f"  level {lv:.2f}: undated judged links kept {rk} right, {wk} wrong; objective "
              f"{objective(lv, every, args.wrong_cost):g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
