"""Where and how the linking date is stated: a study of the judged same-event links, with leave-one-sample-out CV.

For every judged whole-corpus link (``tests/data/devset_events/corpus_judgements.jsonl``, samples s0-s7) still linked
by the current rules, and for each of its two articles, it finds the date mention that ``events.occasion._event_date``
picked and records

* where it sits: ``title``; ``open`` (it opens the lead paragraph: after at most an agency tag such as "(NLĐ)-"
  and a cue such as "Sáng", "Hôm qua (", "On"); ``clause`` (in the lead's first clause: no comma before it);
  ``sentence`` (in the lead's first sentence); ``lead`` (later in the lead paragraph); ``more`` (a later
  paragraph); ``weekday`` (no date mention: a weekday of the lead, dated from the article's own date);
* its cue: ``daypart`` (sáng, chiều, tối, on Monday, 13/11 (local time) …), ``relative`` ("Hôm qua (20/7)"),
  ``ngay`` (a bare "ngày"), ``on``, ``none``;
* whether its sentence reads as a recall (``recall``: the recall cues of ``vnpe/data/languages.toml``, read by
  ``vnpe.events.occasion._recall_cues``: "trước đó", "như … đã đưa tin", "xảy ra", "vụ …", "hồi tháng …", "từng",
  "last week", "had <verb>ed", "earlier" …, minus the words that hold a cue and mean something else, "dịch vụ",
  "thu hồi", "từng bước"; ``recall_old``: the regex those cues replaced, for comparison; ``recall_da``: a recall or a
  Vietnamese "đã" in the sentence);
* whether the lead (title and lead paragraph) states another occasion (``other``: a relative day not tied to a
  date, or a day-part date of another, later day);
* candidate signals of a recalled date the cues miss (forms the judge of s7 reported): ``later`` (the lead
  paragraph states plainly, as an occasion, a later day up to ``LATER_DAYS`` on: a story reports its newest
  step), ``later_any`` (any later day told plainly), ``past_after`` ("vừa qua", "trước đó" … right after the
  date), ``sau`` (the date inside a "sau …" / "after …" clause), ``hom`` ("hôm" right before a date that does not
  open its sentence); ``flag``: ``EventInfo.date_recalled``, the implemented rule.

Then per link, candidate conditions (see ``CONDITIONS``) that a dated link must meet to be kept (an undated link
is never touched). Each sample of s0-s6 is held out in turn: the condition with the best objective on the
other samples (right links kept minus ``--wrong-cost`` x wrong links kept; the pair set's true pairs linked now
must stay linked; ties to the simpler, earlier condition; ``none`` keeps every link) is scored on it. s7 (VNTC
Test_Full, ``--corpus vntc_test=DIR``; ``--test-sample``) is scored once at the end with the condition chosen on
all of s0-s6. ``--cache FILE`` keeps the loaded articles between runs.

Usage: python benchmarks/date_place_cv.py --corpus vntc=/work/data/vi_corpus --corpus bbc=/work/data/bbc \\
    --corpus vntc_test=/work/data/vi_corpus_test [--main-pairs vntc_test=pairs.csv] [--table out.tsv] [--cache a.pkl]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from vnpe.dates import find_dates
from vnpe.events import LeadWeights, common_keys, compare, event_features
from vnpe.events.occasion import (
    _DAYPART,
    _marked_occasion,
    _opens_sentence,
    _recall_cues,
    _recalled,
    _relative_day,
    _scheduled,
)
from vnpe.text import SENTENCE_END, sentence_at

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lead_cv import load_judged  # noqa: E402  (the same articles as lead_cv.py, loaded the same way)

# an agency or outlet tag, or a dateline, that may come before the lead's first words: "(NLĐ)- ", "TTO - ",
# "(Dân trí) - ", "HÀ NỘI — ", "LONDON (Reuters) - "
_TAG = re.compile(r"^\s*(?:[^\n.,]{0,40}?(?:\)\s*[-–—:]?|\s[-–—]|[-–—]\s|:))?\s*")
_OPEN_CUE = re.compile(r"^(?:(?:vào\s+)?(?:(?:rạng\s+)?(?:sáng|chiều|tối|trưa|đêm|khuya)(?:\s+(?:sớm|muộn|tối))?"
                       r"(?:\s+(?:hôm\s+)?(?:qua|nay))?|hôm\s+(?:qua|nay)|ngày|vào|on|late|early|"
                       r"(?:thứ\s+\w+|chủ\s+nhật))[\s,]*)*\(?\s*$", re.IGNORECASE)
# the recall cues of the languages (vnpe.events.occasion._recall_cues: languages.toml recall_cues, minus the words
# that hold a cue and mean something else); and the regex they replaced, which read the syllables "vụ", "hồi", "từng" of
# "dịch vụ", "thu hồi", "từng bước" as cues (printed for comparison only, not a candidate)
_RECALL_OLD = re.compile(r"(?<!\w)(?:trước đó|như (?:[^.,;]{0,30} )?đã (?:đưa tin|thông tin|phản ánh)|xảy ra|vụ|"
                         r"hồi|từng|last\s+(?:week|month|year)|earlier|previously|had\s+\w+ed|was\s+\w+ed\s+on)(?!\w)",
                         re.IGNORECASE)
# candidate signals of a recalled date the cues miss (the forms the judge of s7 reported: "Ngày 8/1 vừa qua",
# "Sau trận thua ... hôm 11/6", "hôm 2/7" inside a sentence):
# a past marker right after the date ("ngày 8/1 vừa qua", "hôm 28/3 trước đó", "on 8 January last")
_PAST_AFTER = re.compile(r"^\s*\)?\s*(?:vừa\s+qua|vừa\s+rồi|trước\s+đó|hồi\s+đó|năm\s+ngoái|last\b)", re.IGNORECASE)
# the date inside a subordinate "sau ..." / "after ..." clause (no comma between): "Sau trận thua Pháp hôm 11/6,
# ..."; not "sau đó" (afterwards: a later day)
_SAU_CLAUSE = re.compile(r"(?<!\w)(?:sau(?!\s+đó)|after|following)\b[^,.;:!?\n]{0,60}$", re.IGNORECASE)
# "hôm" right before the date ("Ông X hôm 2/7 cho biết"): with no sentence opening, see "opens"
_HOM = re.compile(r"(?<!\w)hôm\s*(?:ngày\s*)?$", re.IGNORECASE)
LATER_DAYS = 60  # a later day of the lead counts as the article's own occasion up to this many days on
_CAP_CUE = re.compile(r"(?<![^\W\d])(?:Ngày|Vào|Sáng|Chiều|Tối|Trưa|Đêm|Khuya|Rạng|Hôm|Khoảng|Lúc|Đúng|On|Early|Late|"
                      r"Yesterday|Today|Last)(?:[^.!?\n]{0,18})$")
_DA = re.compile(r"(?<!\w)đã(?!\w)", re.IGNORECASE)


def _sentence(text: str, start: int, stop: int) -> str:
    """The sentence of ``text`` around ``start:stop`` (ends: ". ", "! ", "? ", a line break: as the events read it)."""
    return sentence_at(text, start, stop)


def _days_after(info, o) -> int | None:
    """Days from ``info.date`` to the mention ``o`` (the year of ``info.date``, or the one nearer it)."""
    y = info.date.year or 2000
    try:
        a = dt.date(y, info.date.month, info.date.day)
        cands = [dt.date(y + k, o.month, o.day) for k in (-1, 0, 1)]
    except (TypeError, ValueError):
        return None
    return min(((c - a).days for c in cands), key=abs)


def describe(title: str, text: str, info) -> dict:
    """Where, with what cue, and in what kind of sentence ``info.date`` (picked by ``_event_date``) is stated."""
    title = title if isinstance(title, str) else ""
    text = text if isinstance(text, str) else ""
    if info.date is None:
        return {"pos": "undated"}
    paras = [p for p in text.split("\n\n") if p.strip()]
    k = next((i for i, p in enumerate(paras) if len(p) >= 100), len(paras) - 1)
    lead = (title + "\n\n" + "\n\n".join(paras[:k + 1]))[:2000]
    more = "\n\n".join(paras[k + 1:k + 3])[:2000]
    para_at = lead.rfind(paras[k][:50]) if paras else len(lead)
    want = (info.date.month, info.date.day)

    def find(t: str):
        return next((m for m in find_dates(t) if m.precision == "day" and (m.month, m.day) == want
                     and not _scheduled(m, t) and not _recalled(m, t)), None)

    m, where = find(lead), "lead"
    if m is None:
        m, where = find(more), "more"
    if m is None:
        return {"pos": "weekday", "cue": "weekday", "opens": False, "recall": False, "recall_old": False,
                "recall_da": False, "other": _relative_day(lead) is not None, "later": False, "later_any": False,
                "past_after": False, "sau": False, "hom": False, "sent": ""}
    t = lead if where == "lead" else more
    sent = _sentence(t, m.start, m.stop)
    if where == "more":
        pos = "more"
    elif m.start < len(title):
        pos = "title"
    elif m.start < para_at:
        pos = "header"
    else:
        before = lead[para_at:m.start]
        tag = _TAG.match(before)
        rest = before[tag.end():] if tag else before
        if _OPEN_CUE.match(rest) or _OPEN_CUE.match(before.lstrip()):
            pos = "open"
        elif not SENTENCE_END.search(before) and "," not in before:
            pos = "clause"
        elif not SENTENCE_END.search(before):
            pos = "sentence"
        else:
            pos = "lead"
    cue_text = t[max(m.start - 25, 0):m.start]
    if re.search(r"(?:hôm|sáng|chiều|tối|trưa|đêm)\s+(?:qua|nay)\s*\(?\s*(?:ngày\s*)?$|(?:yesterday|today)\s*\(?$",
                 cue_text, re.IGNORECASE):
        cue = "relative"
    elif _marked_occasion(m, t) or _DAYPART.search(m.cue or ""):
        cue = "daypart"
    elif re.search(r"ngày\s*$", cue_text, re.IGNORECASE):
        cue = "ngay"
    elif re.search(r"\bon\s*$", cue_text, re.IGNORECASE):
        cue = "on"
    else:
        cue = "none"
    # the date opens a sentence: a capitalised cue right before it ("... Ảnh: TTXVN Chiều 29-3, Bộ trưởng ...",
    # "(NLĐ)- Ngày 13-3, ...", "Hôm qua (20-4), ...") or nothing but a tag, and a comma after it
    cap = _CAP_CUE.search(cue_text)
    after = t[m.stop:m.stop + 25]
    comma = bool(re.match(r"^\s*(?:\)|\(giờ [^)]*\)|\([^)]{0,20}\))?\s*,", after)) or \
        bool(re.match(r"^\s*(?:theo giờ địa phương|local time)?\s*,", after, re.IGNORECASE))
    opens = (pos == "open" or cap is not None) and comma
    # another occasion in the lead: a relative day not tied to a date, or another day of the lead paragraph
    other = _relative_day(lead) is not None
    later = later_any = False  # a later day the lead paragraph states plainly (as its occasion: marked or opening)
    para = lead[para_at:]
    for o in find_dates(para):
        if o.precision == "day" and (o.month, o.day) != want and not _scheduled(o, para):
            other = True
            gap = _days_after(info, o)
            if gap is not None and 0 < gap <= LATER_DAYS and not _recalled(o, para):
                later_any = True
                later |= bool(o.occasion or _marked_occasion(o, para) or _opens_sentence(o, para))
    recall = _recall_cues().search(sent)
    past_after = bool(_PAST_AFTER.match(t[m.stop:m.stop + 20]))
    sau = bool(_SAU_CLAUSE.search(t[max(m.start - 80, 0):m.start]))
    hom = bool(_HOM.search(cue_text)) and not opens
    return {"pos": pos, "cue": cue, "opens": opens, "recall": recall, "recall_old": bool(_RECALL_OLD.search(sent)),
            "recall_da": bool(recall or _DA.search(sent)), "other": other, "later": later, "later_any": later_any,
            "past_after": past_after, "sau": sau, "hom": hom, "sent": sent.strip()[:160]}


OPENS = {"title", "open"}
FIRST = {"title", "open", "clause", "sentence"}


def _both(f: Callable[[dict], bool]) -> Callable[[dict, dict], bool]:
    return lambda a, b: f(a) and f(b)


def _one(f: Callable[[dict], bool]) -> Callable[[dict, dict], bool]:
    return lambda a, b: f(a) or f(b)


# each condition: what a dated link must meet to be kept (simplest first: ties go to the earlier one)
CONDITIONS: dict[str, Callable[[dict, dict], bool]] = {
    "none (keep all)": lambda a, b: True,
    "both open": _both(lambda d: d["pos"] in OPENS),
    "one opens": _one(lambda d: d["pos"] in OPENS),
    "both first sentence": _both(lambda d: d["pos"] in FIRST),
    "one first sentence": _one(lambda d: d["pos"] in FIRST),
    "neither recall": _both(lambda d: not d["recall"]),
    "neither recall (đã)": _both(lambda d: not d["recall_da"]),
    "neither other occasion": _both(lambda d: not d["other"]),
    "both in lead": _both(lambda d: d["pos"] != "more"),
    "one opens, neither recall": lambda a, b: CONDITIONS["one opens"](a, b) and CONDITIONS["neither recall"](a, b),
    "both first, neither recall": lambda a, b: CONDITIONS["both first sentence"](a, b)
    and CONDITIONS["neither recall"](a, b),
    "one opens, neither other": lambda a, b: CONDITIONS["one opens"](a, b)
    and CONDITIONS["neither other occasion"](a, b),
    "each opens or no other": _both(lambda d: d["pos"] in OPENS or not d["other"]),
    "each first or no other": _both(lambda d: d["pos"] in FIRST or not d["other"]),
    "each opens or (first, no recall)": _both(lambda d: d["pos"] in OPENS
                                              or (d["pos"] in FIRST and not d["recall"])),
    "each not (recall and other)": _both(lambda d: not (d["recall"] and d["other"])),
    "not both recall": lambda a, b: not (a["recall"] and b["recall"]),
    "not both in later paragraphs": lambda a, b: not (a["pos"] == "more" and b["pos"] == "more"),
    "not both (recall or later paragraph)": lambda a, b: not ((a["recall"] or a["pos"] == "more")
                                                              and (b["recall"] or b["pos"] == "more")),
    "not both (recall or no sentence opening)": lambda a, b: not ((a["recall"] or not a["opens"])
                                                                  and (b["recall"] or not b["opens"])),
    "both open a sentence": _both(lambda d: d["opens"]),
    "one opens a sentence": _one(lambda d: d["opens"]),
    "one opens a sentence or both first": lambda a, b: (a["opens"] or b["opens"])
    or (a["pos"] in FIRST and b["pos"] in FIRST),
    "each opens a sentence or no recall": _both(lambda d: d["opens"] or not d["recall"]),
    "each in lead or opens a sentence": _both(lambda d: d["pos"] != "more" or d["opens"]),
    "both daypart/relative cue": _both(lambda d: d["cue"] in {"daypart", "relative"}),
    "each opens or cue": _both(lambda d: d["pos"] in OPENS or d["cue"] in {"daypart", "relative"}),
    # the implemented rule (events.date_recalled, its recall cues from languages.toml) and the candidates of the
    # recalled forms it misses, each on top of it
    "implemented (no recall flag)": _both(lambda d: not d["flag"]),
    "no flag, no later occasion": _both(lambda d: not d["flag"] and not d["later"]),
    "no flag, no later day": _both(lambda d: not d["flag"] and not d["later_any"]),
    "no flag, no past marker after": _both(lambda d: not d["flag"] and not d["past_after"]),
    "no flag, not in a sau/after clause": _both(lambda d: not d["flag"] and not d["sau"]),
    "no flag, no inner hôm": _both(lambda d: not d["flag"] and not d["hom"]),
    "no flag, (opens or not past marker/sau)": _both(lambda d: not d["flag"]
                                                     and (d["opens"] or not (d["past_after"] or d["sau"]))),
    "no flag, no new signal": _both(lambda d: not d["flag"] and not (d["later"] or d["past_after"] or d["sau"]
                                                                    or d["hom"])),
    "not both (flag or later occasion)": lambda a, b: not ((a["flag"] or a["later"]) and (b["flag"] or b["later"])),
}


def objective(items: list[tuple[str, bool | None, dict, dict]], cond: str, cost: float) -> float:
    """Right dated links kept minus ``cost`` x wrong dated links kept; ``-inf`` if a true pair (None) is lost."""
    f = CONDITIONS[cond]
    score = 0.0
    for _, r, a, b in items:
        keep = f(a, b)
        if r is None and not keep:
            return float("-inf")
        score += (r is True and keep) - cost * (r is False and keep)
    return score


def counts(items: list[tuple[str, bool | None, dict, dict]], f: Callable[[dict, dict], bool]) -> list[int]:
    """Right kept, wrong kept, right dropped, wrong dropped by the keep-condition ``f``."""
    kept = [(r, f(a, b)) for _, r, a, b in items]  # the condition read once per link
    return [sum(r is True and k for r, k in kept), sum(r is False and k for r, k in kept),
            sum(r is True and not k for r, k in kept), sum(r is False and not k for r, k in kept)]


def _load(args: argparse.Namespace):
    """:func:`lead_cv.load_judged`, through the ``--cache`` pickle when one is given and still covers the judged
    links (the judgements file grows: it is read anew every time)."""
    key = (sorted(args.corpus), args.n_df, args.seed)
    if args.cache and Path(args.cache).exists():
        cached_key, arts = pd.read_pickle(args.cache)
        roots = {c.split("=", 1)[0] for c in args.corpus}
        have = {d[:-4] if d.endswith(".txt") else d for d in arts["doc_id"]}
        judged = [j for j in _jsonl("corpus_judgements.jsonl") if j["corpus"] in roots]
        pairs = _jsonl("pairs.jsonl")
        if cached_key == key and all(f"{j['corpus']}/{d}" in have for j in judged for d in (j["a"], j["b"])):
            return judged, pairs, arts
    judged, pairs, arts = load_judged(args.corpus, args.n_df, args.seed)
    if args.cache:
        pd.to_pickle((key, arts), args.cache)
    return judged, pairs, arts


def _jsonl(name: str) -> list[dict]:
    import json

    from lead_cv import DEVSET
    return [json.loads(x) for x in (DEVSET / name).read_text().splitlines() if x.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", action="append", default=[], metavar="LABEL=DIR")
    ap.add_argument("--n-df", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--wrong-cost", type=float, default=2.0)
    ap.add_argument("--test-sample", default="s7", help="the held-apart sample, scored once (default s7)")
    ap.add_argument("--main-pairs", action="append", default=[], metavar="LABEL=CSV",
                    help="a `vnpe overlap` pairs.csv of the current main on corpus LABEL: which judged links it makes")
    ap.add_argument("--table", help="write the per-article table (TSV) here")
    ap.add_argument("--cache", help="keep the loaded articles in this pickle and reuse them (reloaded when a judged "
                    "link's article is missing or the corpora, --n-df or --seed differ)")
    args = ap.parse_args(argv)
    judged, pairs, arts = _load(args)
    ids = [d[:-4] if d.endswith(".txt") else d for d in arts["doc_id"]]
    pos = {d: i for i, d in enumerate(ids)}
    feats = event_features(arts)
    # the rule this study led to (events.occasion._told_as_recall, EventInfo.date_recalled) is set aside while the links
    # are made: the conditions are measured against the rules without it; its flag is one more condition
    flagged = [f.date_recalled for f in feats]
    for f in feats:
        f.date_recalled = False
    common, weights = common_keys(feats), LeadWeights(feats)
    titles, texts = arts["title"].tolist(), arts["text"].tolist()
    desc: dict[int, dict] = {}

    def d_of(i: int) -> dict:
        if i not in desc:
            desc[i] = {**describe(titles[i], texts[i], feats[i]), "flag": flagged[i]}
        return desc[i]

    made: dict[str, set[frozenset]] = {}
    for spec in args.main_pairs:
        label, path = spec.split("=", 1)
        df = pd.read_csv(path)
        df = df[df["relation"] == "same_event"] if "relation" in df.columns else df
        strip = lambda s: s[:-4] if s.endswith(".txt") else s  # noqa: E731
        made[label] = {frozenset((strip(a), strip(b))) for a, b in zip(df["doc_a"], df["doc_b"], strict=True)}
    rows, by_sample = [], {}
    for j in judged:
        ia, ib = pos[f"{j['corpus']}/{j['a']}"], pos[f"{j['corpus']}/{j['b']}"]
        ok, ev = compare(feats[ia], feats[ib], common, lead_weights=weights)
        s = j.get("sample_id", "s0")
        da, db = d_of(ia), d_of(ib)
        in_main = (frozenset((j["a"], j["b"])) in made[j["corpus"]]) if j["corpus"] in made else None
        rows.append({"sample": s, "corpus": j["corpus"], "a": j["a"], "b": j["b"], "right": j["same_event"],
                     "kind": j.get("kind", ""), "linked_now": ok, "in_main_run": in_main, "evidence": ev,
                     **{f"a_{k}": v for k, v in da.items()}, **{f"b_{k}": v for k, v in db.items()}})
        if ok and "no date;" not in ev:
            by_sample.setdefault(s, []).append((j["a"] + " ~ " + j["b"], bool(j["same_event"]), da, db))
    true_pairs = []
    for p in pairs:
        if p["relation"] == "same_event":
            ia, ib = pos["pairs/" + p["a"]], pos["pairs/" + p["b"]]
            ok, ev = compare(feats[ia], feats[ib], common, lead_weights=weights)
            if ok and "no date;" not in ev:
                true_pairs.append((p["a"] + " ~ " + p["b"], None, d_of(ia), d_of(ib)))
    table = pd.DataFrame(rows)
    if args.table:
        table.to_csv(args.table, sep="\t", index=False)
    print(f"{len(ids)} articles; judged links {len(judged)}, linked now (dated): "
          + ", ".join(f"{s} {len(v)} ({sum(r for _, r, _, _ in v)} right)" for s, v in sorted(by_sample.items())
                      if s != args.test_sample)
          + f"; pair-set true pairs linked with a date: {len(true_pairs)}")
    # the descriptive table: positions and cues of the linking date, right vs wrong
    # (the held-apart sample is left out of everything printed before its one score at the end)
    dated = table[table["linked_now"] & ~table["evidence"].str.contains("no date;")
                  & (table["sample"] != args.test_sample)]
    for col in ("pos", "cue", "opens", "recall", "recall_old", "recall_da", "other", "later", "later_any",
                "past_after", "sau", "hom", "flag"):
        both = pd.concat([dated[["right", f"a_{col}"]].set_axis(["right", col], axis=1),
                          dated[["right", f"b_{col}"]].set_axis(["right", col], axis=1)])
        print(f"per article, {col}: " + "; ".join(
            f"{v}: {int(g['right'].sum())} right / {int((~g['right'].astype(bool)).sum())} wrong"
            for v, g in both.groupby(col)))
    for name, f in CONDITIONS.items():
        tp = sum(f(a, b) for _, _, a, b in true_pairs)
        line = [f"{name:34}", f"pairs {tp}/{len(true_pairs)}"]
        for s, v in sorted(by_sample.items()):
            if s == args.test_sample:
                continue
            c = counts(v, f)
            line.append(f"{s} {c[0]}r/{c[1]}w")
        print(" | ".join(line))
    # the implemented rule (not a candidate of the CV: it is the chosen condition written into vnpe.events)
    rule = _both(lambda d: not d["flag"])
    print("implemented (events.date_recalled): " + ", ".join(
        f"{s} {counts(v, rule)[0]}r/{counts(v, rule)[1]}w" for s, v in sorted(by_sample.items())
        if s != args.test_sample) + f"; pairs {sum(rule(a, b) for _, _, a, b in true_pairs)}/{len(true_pairs)}")
    old = _both(lambda d: d["opens"] or not d["recall_old"])  # the rule with the cue regex it had before
    print("the rule with the old cue regex ('each opens a sentence or no recall', old cues): " + ", ".join(
        f"{s} {counts(v, old)[0]}r/{counts(v, old)[1]}w" for s, v in sorted(by_sample.items())
        if s != args.test_sample) + f"; pairs {sum(old(a, b) for _, _, a, b in true_pairs)}/{len(true_pairs)}")
    dev = [s for s in sorted(by_sample) if s != args.test_sample]
    names = list(CONDITIONS)
    tot = [0, 0, 0, 0]
    print("held out | chosen on the others | right kept | wrong kept | right dropped | wrong dropped")
    for s in dev:
        train = [it for t in dev if t != s for it in by_sample[t]] + true_pairs
        best = max(names, key=lambda c: (objective(train, c, args.wrong_cost), -names.index(c)))
        f = CONDITIONS[best]
        test = by_sample[s]
        row = counts(test, f)
        tot = [x + y for x, y in zip(tot, row, strict=True)]
        print(f"{s} | {best} | " + " | ".join(map(str, row)))
    print(f"all folds: right kept {tot[0]}, wrong kept {tot[1]}, right dropped {tot[2]}, wrong dropped {tot[3]}")
    every = [it for t in dev for it in by_sample[t]] + true_pairs
    best = max(names, key=lambda c: (objective(every, c, args.wrong_cost), -names.index(c)))
    print(f"chosen on all of {', '.join(dev)}: {best}")
    for c in names:
        print(f"  {c:34} objective on {'+'.join(dev)}: {objective(every, c, args.wrong_cost):g}")
    if args.test_sample in by_sample:
        f = CONDITIONS[best]
        test = by_sample[args.test_sample]
        c = counts(test, f)
        print(f"held apart {args.test_sample}: {len(test)} dated links linked by compare() here "
              f"({sum(r for _, r, _, _ in test)} right); with '{best}': right kept {c[0]}, wrong kept {c[1]}, "
              f"right dropped {c[2]}, wrong dropped {c[3]}")
        t6 = table[table["sample"] == args.test_sample]
        if t6["in_main_run"].notna().any():
            made6 = t6[t6["in_main_run"].astype(bool)]
            print(f"  the main run (--main-pairs) still makes {len(made6)} of the {len(t6)} judged "
                  f"{args.test_sample} links ({int(made6['right'].sum())} right, {int((~made6['right']).sum())} "
                  f"wrong); undated among them {int(made6['evidence'].str.contains('no date;').sum())}")
            keyset = {(a, b) for a, b in zip(made6["a"], made6["b"], strict=True)}
            sub = [it for it in test if tuple(it[0].split(" ~ ")) in keyset]
            c = counts(sub, f)
            print(f"  of those, dated and linked here: {len(sub)}; with '{best}': right kept {c[0]}, wrong kept "
                  f"{c[1]}, right dropped {c[2]}, wrong dropped {c[3]}")
        c = counts(test, rule)
        print(f"  implemented rule (events.date_recalled) on {args.test_sample}: right kept {c[0]}, wrong kept {c[1]}, "
              f"right dropped {c[2]}, wrong dropped {c[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
