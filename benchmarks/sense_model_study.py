"""Study of a small context model for ``present`` (issue 10): can a classifier on the words around an area's
mentions tell a genuine mention from a wrong-sense one, on held-apart data?

Background: ``present`` is about 0.93 precise on the labelled dev split but only 0.6-0.75 on fresh text (audits 6
and 7); per-term sense rules did not carry over, and a gate on a cell's own figures (``gate_areas_study.py``) found
nothing, because counts cannot tell a genuine single mention from a wrong-sense one. The wrong cells are about
*context* (biography, lists of consumer goods, device features, places, metaphors, attributes). This study asks
whether a small model on that context can.

Unit: a present cell (article x area). Its features, none about the article's identity:

* bag of words around each counted mention (:func:`vnpe.areas.mention_table`): the words in the sentence of the
  matched term (``--window N``: only N words either side of it), folded and keyed by
  vnpe's language layer (:meth:`vnpe.languages.Language.words` / ``key``: English Snowball stems, Vietnamese pyvi
  words), stop words, reporting verbs and filler dropped, numbers as one token; the vocabulary is learned inside
  each training fold (``min_df`` 2), binary;
* the matched terms (``t:...``), the area (``a:...``) and the language;
* the cell's figures as in the gate study: log counts of mentions, distinct terms, sentences, strong mentions,
  weak-only, title, lead, main, score.

Model: one ``LogisticRegression`` (liblinear, ``class_weight="balanced"``, ``random_state=0``, C = ``--c``) for both
languages: the word features of the two languages do not overlap, so one model is two models for words that share
the figures' weights; per language there are only about 460 (en, 55 wrong) and 500 (vi, 80 wrong) present cells.
Label: >= 1 (labelled splits) or verdict "right" (audits). Trained on present cells only.

Evaluation, as the gate study: leave one group out over dev, held-out 1-3 (labels 0/1/2: precision and recall) and
audit samples 1-7 (present cells judged right/wrong, those still present under the current rules: precision only).
**held-out 4 is never read.** In each outer fold the probability cut is chosen on the training groups only, from
*out-of-fold* probabilities (an inner leave-one-group-out over the training groups: in-sample probabilities of a
bag-of-words model are near 0/1 and would make any cut look free), as the cut maximising the mean precision over
the training groups subject to recall >= ``--min-recall`` (0.85) per language on the training labelled splits (ties:
the least strict cut, 0 = no model); the model refitted on all training groups is then applied to the group left
out with that cut. Two ways to apply it: ``all`` (any present cell with p < cut becomes none) and ``demote``
(only ``mentioned`` cells; ``main`` is never touched). Printed fold by fold and pooled, per language, against no
model; then a ranking diagnostic on the pooled outer-fold probabilities (AUC of right vs wrong present cells per
kind and language, against the AUC of ``n_mentions``) and what a few fixed cuts would remove (right / wrong).

Result (main at 62c8fdf, 2026-11-23): no model wins; nothing was integrated.
Default (whole sentences, one model, C 1, recall >= 0.85), pooled over the held-out folds, no model -> model:

    =========  ==============  ==============  ==============
    language   labelled P      labelled R      audit P
    =========  ==============  ==============  ==============
    en         0.911 -> 0.911  0.859 -> 0.859  0.860 -> 0.862  (2 cells removed, 1 of them right)
    vi         0.927 -> 0.927  0.875 -> 0.875  0.764 -> 0.785  (20 removed, 10 right)
    =========  ==============  ==============  ==============

``demote`` (only ``mentioned`` cells) gives the same but vi audit 0.787 (18 removed, 8 right). The cut chosen
inside the folds is 0 (no model) for the dev fold and 0.15-0.2 elsewhere; at such cuts the model removes no
labelled cell and a few audit cells, half of them right. Per audit, vi: s1 0.896 -> 0.933, s2 0.743 -> 0.806,
s3 0.738 -> 0.763, s4 0.885 -> 0.880, s5 0.750 -> 0.730, s6 0.750 -> 0.788, s7 0.600 -> 0.605; en unchanged except
s5 0.897 -> 0.919. Variants, all on the same folds (so the best of them is optimistic by that choice): window 5
words: en audit 0.860 -> 0.859, vi 0.764 -> 0.771; window 10: 0.862, 0.767; C 0.3: 0.863, 0.783; words paired with
the area: 0.859, 0.790; one model per language: 0.864, 0.782; figures only (no words, as the gate study's
regression): no change at all. Labelled P and R unchanged in every variant. With recall relaxed to >= 0.70 (window 5)
audit precision rises (en 0.860 -> 0.887, vi 0.764 -> 0.834) but labelled recall falls to en 0.796, vi 0.714, the
gate study's trade again.

The words do carry some signal: on the outer-fold probabilities the AUC of right vs wrong present cells is en audit
0.880 (n_mentions 0.767), en labelled 0.790 (0.727), vi audit 0.812 (0.779), vi labelled 0.793 (0.687). But not
enough at the low end: p < 0.3 would remove en audit 6 right / 7 wrong, labelled 3 / 2, vi audit 16 / 20, labelled
10 / 4; p < 0.5 en audit 13 / 15, labelled 13 / 5, vi 30 / 36, labelled 36 / 6. With about 135 wrong present cells
(33 of them labelled), the recall budget (pooled over the labelled splits: about one right English labelled cell,
six Vietnamese) is spent before the model reaches the wrong cells. What it learns is partly the domain of the dev
split rather than senses: the strongest positive words of a model fitted on all groups are 'nước', 'xuất_khẩu',
'govern', 'firm', 'hợp_tác', 'việt_nam', 'lĩnh_vực' (diplomatic and economic news), the negative ones the Vietnamese
language itself, the area infrastructure_logistics, 'đường', 'includ', 'phone', 'plant', 'office'. The wrong cells
of fresh text are a long tail of one-off contexts (a navy career, a canal, a gadget's battery); a few hundred judged
cells do not cover it.

    python benchmarks/sense_model_study.py                 # whole sentences, C 1, recall >= 0.85 (about 30 s)
    python benchmarks/sense_model_study.py --window 5      # 5 words either side of the term
    python benchmarks/sense_model_study.py --per-language --area-words --c 0.3
    python benchmarks/sense_model_study.py --min-recall 0.7
"""

from __future__ import annotations

import argparse
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gate_areas_study as gs  # noqa: E402

WINDOW = 0
GRID = [0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6]
NUMERIC = ["n", "d", "n_sent", "strong", "weak_only", "title", "lead", "main", "score"]


# ------------------------------------------------------------------------------------------ data


def load() -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    """The gate study's cells (labelled splits and audits) and the two article tables they were computed from."""
    captured: list[pd.DataFrame] = []
    orig = gs.cell_features

    def capture(articles: pd.DataFrame) -> pd.DataFrame:
        captured.append(articles)
        return orig(articles)

    gs.cell_features = capture
    try:
        lab = gs.labelled_cells()
        aud = gs.audit_cells()
    finally:
        gs.cell_features = orig
    cells = pd.concat([lab, aud], ignore_index=True)
    for k in ("n", "d", "n_sent", "n_para", "strong", "score"):
        cells[k] = cells[k].fillna(0)
    for k in ("lead", "title", "main"):
        cells[k] = cells[k].fillna(False).astype(bool)
    cells["weak_only"] = cells["present"] & (cells["strong"] == 0)
    return cells, captured


def _find(seq: list[str], sub: list[str]) -> int:
    for i in range(len(seq) - len(sub) + 1):
        if seq[i:i + len(sub)] == sub:
            return i
    return -1


def context_tokens(sentence: str, term: str, lang: str | None, window: int) -> list[str]:
    """Keys of the content words within ``window`` words of ``term`` in ``sentence`` (0: the whole sentence).

    >>> context_tokens("Prices of rice, sugar and soap were frozen in 1987.", "sugar", "en", 3)
    ['w:price', 'w:rice', 'w:soap']
    """
    from vnpe.languages import WORD, fold_text, get_language

    L = get_language(lang) or get_language("en")
    if L.segmenter:
        words = [w for w in L.words(sentence) if WORD.search(w)]
        keys = words
        syl = [(s, k) for k, w in enumerate(words) for s in w.split("_")]
        i = _find([s for s, _ in syl], WORD.findall(fold_text(term)))
        n_t = len(WORD.findall(fold_text(term)))
        span = (syl[i][1], syl[i + n_t - 1][1]) if i >= 0 and n_t else None
    else:
        words = WORD.findall(fold_text(sentence))
        keys = [L.key(w) for w in words]
        tk = [L.key(w) for w in WORD.findall(term)]
        i = _find(keys, tk)
        span = (i, i + len(tk) - 1) if i >= 0 and tk else None
    out = []
    for k, (w, key) in enumerate(zip(words, keys, strict=True)):
        if span is not None and span[0] <= k <= span[1]:
            continue
        if window and span is not None and not (span[0] - window <= k <= span[1] + window):
            continue
        if L.is_noise(w):
            continue
        out.append("w:#" if any(c.isdigit() for c in w) else "w:" + key)
    return out


def cell_docs(cells: pd.DataFrame, articles: list[pd.DataFrame], window: int,
              area_words: bool = False) -> list[list[str]]:
    """Per cell, its token features: context words of every counted mention, terms, area, language (and with
    ``area_words`` each context word also paired with the area)."""
    from vnpe.areas import mention_table
    from vnpe.languages import fold_text

    ctx: dict[tuple[str, str, str], list[str]] = {}
    for kind, arts in zip(("labelled", "audit"), articles, strict=True):
        mt = mention_table(arts)
        mt = mt[mt["counts"]]
        for d, area, term, lang, sent in zip(mt["doc_id"], mt["area"], mt["term"], mt["language"], mt["sentence"],
                                             strict=True):
            toks = ctx.setdefault((kind, str(d), area), [])
            toks.append("t:" + fold_text(term))
            toks.extend(context_tokens(sent, term, lang, window))
    docs = []
    for kind, d, area, lang in zip(cells["kind"], cells["doc_id"], cells["area"], cells["lang"], strict=True):
        toks = set(ctx.get((kind, str(d), area), []))
        if area_words:
            toks |= {f"{area}|{t}" for t in toks if t.startswith("w:")}
        docs.append(sorted(toks) + ["a:" + area, "l:" + str(lang)])
    return docs


# ------------------------------------------------------------------------------------------ model


def numeric(c: pd.DataFrame) -> np.ndarray:
    f = c[NUMERIC].astype(float).copy()
    for k in ("n", "d", "n_sent", "strong"):
        f[k] = np.log1p(f[k])
    f["score"] = f["score"] * 5
    return f.to_numpy()


class SenseModel:
    """Vocabulary learned on the training cells + logistic regression; ``proba`` for any cells."""

    def __init__(self, c: float = 1.0, words: bool = True) -> None:
        self.c, self.words = c, words

    def _x(self, docs: list[list[str]], num: np.ndarray):
        from scipy import sparse

        parts = [sparse.csr_matrix(num)]
        if self.words:
            parts.insert(0, self.vec.transform(docs))
        return sparse.hstack(parts).tocsr()

    def fit(self, docs: list[list[str]], num: np.ndarray, y: np.ndarray) -> SenseModel:
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vec = CountVectorizer(analyzer=lambda d: d, binary=True, min_df=2)
        self.vec.fit(docs)
        self.lr = LogisticRegression(solver="liblinear", C=self.c, class_weight="balanced", random_state=0,
                                     max_iter=1000)
        self.lr.fit(self._x(docs, num), y)
        return self

    def proba(self, docs: list[list[str]], num: np.ndarray) -> np.ndarray:
        return self.lr.predict_proba(self._x(docs, num))[:, 1]


def fit_predict(cells: pd.DataFrame, docs: list[list[str]], num: np.ndarray, train: np.ndarray, test: np.ndarray,
                args) -> np.ndarray:
    """Probabilities for the ``test`` rows (present or not; absent rows get 1) from a model fitted on the
    present ``train`` rows."""
    pres = cells["present"].to_numpy()
    lang = cells["lang"].to_numpy()
    out = np.ones(len(cells))
    for part in (["en", "vi"] if args.per_language else [None]):
        sel = pres if part is None else pres & (lang == part)
        tr = np.flatnonzero(train & sel)
        model = SenseModel(args.c, words=not args.no_words).fit(
            [docs[i] for i in tr], num[tr], (cells["label"].to_numpy()[tr] >= 1).astype(int))
        te = np.flatnonzero(test & sel)
        if len(te):
            out[te] = model.proba([docs[i] for i in te], num[te])
    return out[test]


def keep_of(c: pd.DataFrame, p: np.ndarray, t: float, mode: str) -> np.ndarray:
    keep = p >= t
    if mode == "demote":
        keep |= c["main"].to_numpy()
    return keep


def run(cells: pd.DataFrame, docs: list[list[str]], args, mode: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Outer leave-one-group-out; returns the per-fold rows (group, lang, cut, P/R before and after) and the
    pooled outer-fold probabilities."""
    num = numeric(cells)
    groups = list(dict.fromkeys(cells["group"]))
    g_all = cells["group"].to_numpy()
    p_outer = np.ones(len(cells))
    rows = []
    for g in groups:
        test = g_all == g
        train = ~test
        # inner out-of-fold probabilities on the training groups
        p_in = np.ones(len(cells))
        for h in groups:
            if h == g:
                continue
            inner_test = g_all == h
            p_in[inner_test] = fit_predict(cells, docs, num, train & ~inner_test, inner_test, args)
        tr = cells[train]
        p_tr = p_in[train]
        cut = gs.choose(tr, lambda t, tr=tr, p_tr=p_tr: keep_of(tr, p_tr, t, mode), GRID, args.min_recall)
        p_te = fit_predict(cells, docs, num, train, test, args)
        p_outer[test] = p_te
        te = cells[test]
        keep = keep_of(te, p_te, cut, mode)
        for lang, sub in te.groupby("lang"):
            idx = te.index.get_indexer(sub.index)
            e, e0 = gs.evaluate(sub, keep[idx]), gs.evaluate(sub, np.ones(len(sub), dtype=bool))
            rows.append({"group": g, "kind": sub["kind"].iloc[0], "lang": lang, "cut": cut, "P0": e0["P"],
                         "P": e["P"], "R0": e0["R"], "R": e["R"], "kept0": e0["kept"], "kept": e["kept"],
                         "tp0": e0["tp"], "tp": e["tp"], "gold": int((sub["label"] >= 1).sum())})
    return pd.DataFrame(rows), p_outer


def pooled(rows: pd.DataFrame) -> pd.DataFrame:
    out = []
    for (lang, kind), r in rows.groupby(["lang", "kind"]):
        d = {"lang": lang, "kind": kind, "P0": r["tp0"].sum() / r["kept0"].sum(), "P": r["tp"].sum() / r["kept"].sum(),
             "removed": int(r["kept0"].sum() - r["kept"].sum()),
             "right_removed": int(r["tp0"].sum() - r["tp"].sum())}
        if kind == "labelled":
            d["R0"], d["R"] = r["tp0"].sum() / r["gold"].sum(), r["tp"].sum() / r["gold"].sum()
        out.append(d)
    return pd.DataFrame(out)


def auc(y: np.ndarray, s: np.ndarray) -> float:
    """Probability that a right cell scores above a wrong one (ties count half)."""
    pos, neg = s[y], s[~y]
    if not len(pos) or not len(neg):
        return math.nan
    from scipy.stats import rankdata

    r = rankdata(np.concatenate([pos, neg]))
    return (r[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--min-recall", type=float, default=0.85)
    p.add_argument("--window", type=int, default=WINDOW, help="words either side of the term (0: whole sentence)")
    p.add_argument("--c", type=float, default=1.0, help="inverse regularisation of the logistic regression")
    p.add_argument("--no-words", action="store_true", help="figures only (no bag of words)")
    p.add_argument("--area-words", action="store_true", help="also each context word paired with the area")
    p.add_argument("--per-language", action="store_true", help="one model per language instead of one for both")
    p.add_argument("--modes", default="all,demote")
    p.add_argument("--top", type=int, default=15, help="print the N most negative / positive word features of a "
                   "model fitted on all groups (0: none)")
    args = p.parse_args(argv)
    warnings.filterwarnings("ignore")
    cells, articles = load()
    docs = cell_docs(cells, articles, args.window, args.area_words)
    pres = cells["present"].to_numpy()
    print(f"present cells: {int(pres.sum())} ({int((pres & (cells['label'] < 1)).sum())} wrong); "
          f"window {args.window}, C {args.c}, words {not args.no_words}, area words {args.area_words}, "
          f"per language {args.per_language}, min recall {args.min_recall}")
    for mode in args.modes.split(","):
        rows, p_outer = run(cells, docs, args, mode)
        print(f"\n== mode: {mode}  (per held-out group and language: cut, P before -> after, R before -> after, "
              "kept)")
        for r in rows.itertuples():
            rr = f"R {r.R0:.3f} -> {r.R:.3f}" if r.kind == "labelled" else " " * 18
            print(f"  {r.group:9} {r.lang}: cut {r.cut:<4} P {r.P0:.3f} -> {r.P:.3f}   {rr}   kept {r.kept}/{r.kept0}")
        print("  pooled over held-out folds:")
        for r in pooled(rows).itertuples():
            line = f"    {r.lang} {r.kind:8}: P {r.P0:.3f} -> {r.P:.3f}"
            if r.kind == "labelled":
                line += f"   R {r.R0:.3f} -> {r.R:.3f}"
            line += f"   removed {r.removed} ({r.right_removed} right)"
            print(line)
        if mode != "all":
            continue
        print("\n  ranking of present cells by the outer-fold probability (AUC right vs wrong; n_mentions for "
              "comparison):")
        c = cells[pres]
        po = p_outer[pres]
        y = (c["label"] >= 1).to_numpy()
        for (lang, kind), sub in c.groupby(["lang", "kind"]):
            i = c.index.get_indexer(sub.index)
            print(f"    {lang} {kind:8}: model {auc(y[i], po[i]):.3f}   n_mentions "
                  f"{auc(y[i], sub['n'].to_numpy().astype(float)):.3f}   ({int(y[i].sum())} right, "
                  f"{int((~y[i]).sum())} wrong)")
        print("  right / wrong present cells a fixed cut on the outer-fold probability would remove:")
        for t in (0.2, 0.3, 0.4, 0.5):
            parts = []
            for (lang, kind), sub in c.groupby(["lang", "kind"]):
                i = c.index.get_indexer(sub.index)
                rm = po[i] < t
                parts.append(f"{lang}/{kind} {int((rm & y[i]).sum())}/{int((rm & ~y[i]).sum())}")
            print(f"    p < {t}: " + ", ".join(parts))
    if args.top:
        num = numeric(cells)
        pi = np.flatnonzero(pres)
        model = SenseModel(args.c, words=not args.no_words).fit(
            [docs[i] for i in pi], num[pi], (cells["label"].to_numpy()[pi] >= 1).astype(int))
        names = NUMERIC if args.no_words else list(model.vec.get_feature_names_out()) + NUMERIC
        coef = model.lr.coef_[0]
        order = np.argsort(coef)
        print("\nmodel on all groups: most negative features (towards wrong): "
              + ", ".join(f"{names[i]} {coef[i]:.2f}" for i in order[:args.top]))
        print("most positive: " + ", ".join(f"{names[i]} {coef[i]:.2f}" for i in order[::-1][:args.top]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
