"""Cross-validation of ``events.LEAD_MIN_COSINE`` (the lead-content check of same-language links).

Loads the articles of the judged whole-corpus links (``tests/data/devset_events/corpus_judgements.jsonl``) and of
the pair set, with ``--n-df`` random articles of each corpus so that term rarity is that of general news, and
prints for every judged link still linked without the check its lead cosine; then K folds: the level with the best
objective on the training folds (right links kept minus ``--wrong-cost`` x wrong links kept, every true same-language
pair of ``pairs.jsonl`` linked without the check still linked; ties to the lower level), and its decisions on the
held-out fold.

Usage: python benchmarks/lead_cv.py --corpus vntc=/work/data/vi_corpus --corpus bbc=/work/data/bbc
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

from vnpe.events import LeadWeights, common_keys, compare, event_features, lead_cosine
from vnpe.load import load_corpus

HERE = Path(__file__).resolve().parent.parent
DEVSET = HERE / "tests" / "data" / "devset_events"



def load_judged(corpora: list[str], n_df: int, seed: int) -> tuple[list[dict], list[dict], object]:
    """The judged whole-corpus links of the corpora given as ``LABEL=DIR`` (``corpus_judgements.jsonl``), the
    pair set (``pairs.jsonl``), and the articles: both sides of every judged link, ``n_df`` random articles
    of each corpus (term rarity of general news) and the pair set's excerpts, loaded from a temporary copy."""
    roots = {c.split("=", 1)[0]: Path(c.split("=", 1)[1]) for c in corpora}
    judged = [json.loads(x) for x in (DEVSET / "corpus_judgements.jsonl").read_text().splitlines() if x.strip()]
    judged = [j for j in judged if j["corpus"] in roots]
    pairs = [json.loads(x) for x in (DEVSET / "pairs.jsonl").read_text().splitlines() if x.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp)
        for label, root in roots.items():
            files = sorted(root.glob("*/*.txt"))
            want = {root / (d + ".txt") for j in judged if j["corpus"] == label for d in (j["a"], j["b"])}
            for p in set(random.Random(seed).sample(files, min(n_df, len(files)))) | want:
                out = dest / label / p.parent.name / p.name
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(p, out)
        for p in DEVSET.glob("*.txt"):
            (dest / "pairs").mkdir(exist_ok=True)
            shutil.copyfile(p, dest / "pairs" / p.name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arts = load_corpus(dest, n_jobs=1, warn=False)
    return judged, pairs, arts


def judged_features(judged: list[dict], arts) -> tuple[dict[str, object], dict[str, list]]:
    """The event features of the loaded articles by ``corpus/doc`` id (".txt" dropped), and each judged corpus's
    features: what ``vnpe overlap`` on that corpus would take its common names and lead weights from."""
    from vnpe.events import event_features

    ids = [d[:-4] if d.endswith(".txt") else d for d in arts["doc_id"]]
    by_id = dict(zip(ids, event_features(arts), strict=True))
    per_corpus = {label: [f for d, f in by_id.items() if d.startswith(label + "/")]
                  for label in {j["corpus"] for j in judged}}
    return by_id, per_corpus

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", action="append", default=[], metavar="LABEL=DIR")
    ap.add_argument("--n-df", type=int, default=2000)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--wrong-cost", type=float, default=2.0,
                    help="a wrong link kept costs this many right links kept (prefer no link to a wrong one)")
    args = ap.parse_args(argv)
    judged, pairs, arts = load_judged(args.corpus, args.n_df, args.seed)
    ids = [d[:-4] if d.endswith(".txt") else d for d in arts["doc_id"]]
    pos = {d: i for i, d in enumerate(ids)}
    feats = event_features(arts)
    common, weights = common_keys(feats), LeadWeights(feats)
    items = []  # (cosine, right?, what)
    for j in judged:
        a, b = feats[pos[f"{j['corpus']}/{j['a']}"]], feats[pos[f"{j['corpus']}/{j['b']}"]]
        ok, ev = compare(a, b, common, min_lead=0.0)
        cos = lead_cosine(a, b, weights) if a.language == b.language else 1.0
        print(f"{j.get('sample_id', 's0')} {'RIGHT' if j['same_event'] else 'wrong'} "
              f"{'linked' if ok else 'unlinked':8} cos {cos:.3f} {j['a']} ~ {j['b']} [{j.get('kind', '')}]")
        if ok:
            items.append((cos, bool(j["same_event"]), j["a"] + " ~ " + j["b"]))
    for p in pairs:
        if p["relation"] == "same_event" and p["a"][:2] == p["b"][:2]:
            a, b = feats[pos["pairs/" + p["a"]]], feats[pos["pairs/" + p["b"]]]
            cos = lead_cosine(a, b, weights)
            ok, _ = compare(a, b, common, min_lead=0.0)
            print(f"pair  TRUE  {'linked' if ok else 'unlinked':8} cos {cos:.3f} {p['a']} ~ {p['b']}")
            if ok:
                items.append((cos, None, p["a"] + " ~ " + p["b"]))  # None: a true pair, must stay linked
    levels = [round(x * 0.01, 2) for x in range(0, 41)]

    def right(level: float, its: list) -> float:
        # a true pair of pairs.jsonl must stay linked; a wrong link kept costs WRONG_COST right links kept
        if any(r is None and c < level for c, r, _ in its):
            return float("-inf")
        return sum(c >= level and r is True for c, r, _ in its) - args.wrong_cost * sum(
            c >= level and r is False for c, r, _ in its)

    rng = random.Random(args.seed)
    order = list(range(len(items)))
    rng.shuffle(order)
    tot = [0, 0, 0, 0]  # right kept, wrong kept, right dropped, wrong dropped
    for k in range(args.folds):
        test = [items[i] for n, i in enumerate(order) if n % args.folds == k]
        train = [items[i] for n, i in enumerate(order) if n % args.folds != k]
        best = max(levels, key=lambda lv: (right(lv, train), -lv))
        rk = sum(c >= best and r is True for c, r, _ in test)
        wk = sum(c >= best and r is False for c, r, _ in test)
        rd = sum(c < best and r is True for c, r, _ in test)
        wd = sum(c < best and r is False for c, r, _ in test)
        tp = sum(r is None for c, r, _ in test)
        tl = sum(r is None and c >= best for c, r, _ in test)
        tot = [x + y for x, y in zip(tot, [rk, wk, rd, wd], strict=True)]
        print(f"fold {k}: level {best:.2f} chosen on {len(train)}; held out {len(test)}: right kept {rk}, wrong kept "
              f"{wk}, right dropped {rd}, wrong dropped {wd}; true pairs kept {tl}/{tp}")
    print(f"all folds: right kept {tot[0]}, wrong kept {tot[1]} (precision {tot[0] / max(tot[0] + tot[1], 1):.2f}), "
          f"right dropped {tot[2]}, wrong dropped {tot[3]}")
    for lv in levels[::2]:
        rk = sum(c >= lv and r is True for c, r, _ in items)
        wk = sum(c >= lv and r is False for c, r, _ in items)
        print(f"  level {lv:.2f}: judged links kept {rk} right, {wk} wrong; objective {right(lv, items):g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
