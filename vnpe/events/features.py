"""One :class:`~vnpe.events.info.EventInfo` per article (date, place, names, lead keys), read in the package's
process pool on large corpora (step 4 of :mod:`vnpe.events`)."""

from __future__ import annotations

import warnings
from collections import Counter

import pandas as pd

from vnpe.clean.vocabulary import place_spelling_agrees
from vnpe.dates import SimpleDate, find_dates
from vnpe.events.info import EventInfo
from vnpe.events.lead import lead_keys, story_stages
from vnpe.events.names import (
    _ALIASES,
    _CLASSIFIERS,
    _capitals_lowered,
    _names,
    _place_key,
    _regexes,
    fold,
    gazetteer,
    use_aliases,
    use_classifiers,
)
from vnpe.events.occasion import _article_date, _date_recalled, _event_date
from vnpe.parallel import cpu_workers, pmap
from vnpe.parallel import shared as shared_columns

LEAD_CHARS = 1000  # the part of the lead and the next two paragraphs kept for that check


def extract(text: str, title: str = "", date: str | None = None, date_partial: str | None = None,
            place: str | None = None, agency: str | None = None) -> EventInfo:
    """Event evidence of one article; never raises (an unreadable article gets a ``warning``, no anchor).

    ``date`` and ``date_partial`` (the article's own day, with or without its year) are the article's ``published``
    day; the event's day is read from the text (``date`` gives a day without a year its year).

    Example:
        >>> e = extract("NICE — PM Phạm Minh Chính met Dina Boluarte in Nice, France, on June 9.",
        ...             date="2025-06-10")
        >>> e.date_shown, e.place, sorted(e.names)
        ('2025?-06-09', 'Nice', ['dina boluarte', 'pham minh chinh'])
    """
    if not _ALIASES:
        use_aliases()
    if not _CLASSIFIERS:
        use_classifiers()
    try:
        info = _extract(text, title, date, place, agency)
    except Exception as exc:  # noqa: BLE001 - one odd article must not stop a corpus run
        return EventInfo(warning=f"unreadable: {type(exc).__name__}: {exc}")
    # the day the article is dated (a dateline's "NEW YORK, June 18 -" the cleaner took out of the text): never the
    # event's day, but two articles published weeks apart are not one report (see comparison.shared_report)
    info.published = SimpleDate.from_iso(date) or SimpleDate.from_iso(date_partial)
    return info


def _extract(text, title, date, place, agency) -> EventInfo:
    rx = _regexes()
    text = text if isinstance(text, str) else ""
    title = title if isinstance(title, str) else ""
    paras = [p for p in text.split("\n\n") if p.strip()]
    # the lead: the title and the first paragraph with a sentence (header lines, tags and captions are short);
    # the next paragraph too, where only a date marked as a day's occasion counts (see _event_date)
    k = next((i for i, p in enumerate(paras) if len(p) >= 100), len(paras) - 1)
    lead = (title + "\n\n" + "\n\n".join(paras[:k + 1]))[:2000]
    more = "\n\n".join(paras[k + 1:k + 3])[:2000]
    info = EventInfo(lead=(lead + "\n\n" + more)[:LEAD_CHARS])
    own = _article_date(date)
    seen: dict = {}  # the dates of the lead and of the next paragraphs, read once for both
    info.date, info.year_from, info.date_end = _event_date(lead, lambda: find_dates(text), own, more, seen)
    info.date_recalled = _date_recalled(info.date, lead, more, seen)
    credited = {fold(a) for a in (agency.split(";") if isinstance(agency, str) else []) if a}
    full = title + "\n\n" + text
    offset = len(title) + 2
    info.names, info.acronyms, runs, info.tokens = _names(_capitals_lowered(full), credited)
    gaz = gazetteer()
    score: Counter[str] = Counter()
    first: dict[str, int] = {}
    for start, city in runs:
        if start < offset:
            continue
        info.places.add(city)
        if rx["cue"].search(full, max(start - 20, 0), start):
            score[city] += 2 if start - offset < len(lead) else 1
            first.setdefault(city, start)
    if isinstance(place, str) and place.strip():
        info.place, info.place_from = gaz.get(_place_key(place), place.strip()), "dateline"
    else:
        m = rx["dateline"].match(paras[0]) if paras else None
        if m and _place_key(m.group(1)) in gaz and place_spelling_agrees(m.group(1)):
            info.place, info.place_from = gaz[_place_key(m.group(1))], "dateline"
        elif score:
            info.place, info.place_from = max(score, key=lambda c: (score[c], -first[c])), "text"
    if info.place:
        info.places.add(info.place)
    return info


PARALLEL_MIN = 2000  # from this many articles, event_features reads them in the package's process pool ...
PARALLEL_BLOCK = 500  # ... in blocks of at least this many articles


def _features_job(span: tuple[int, int]) -> list[EventInfo]:
    lo, hi = span
    return features_of(*(c[lo:hi] for c in shared_columns()))


def event_features(articles: pd.DataFrame, workers: int | None = None) -> list[EventInfo]:
    """:class:`~vnpe.events.info.EventInfo` of every row of ``articles`` (in row order); warns once about
    unreadable articles.

    From :data:`PARALLEL_MIN` articles the rows are read in blocks by :func:`vnpe.parallel.pmap`'s forked
    workers (``workers``: default one per core; 1 reads them here): each article's features depend on that
    article alone, so the result is the same list.

    >>> arts = pd.DataFrame({"text": ["Chiều 13/11, Lương Cường gặp Dina Boluarte."], "language": ["vi"]})
    >>> event_features(arts)[0].date.iso
    '--11-13'
    """

    def col(name: str) -> list:
        return articles[name].tolist() if name in articles.columns else [None] * len(articles)

    cols = tuple(col(c) for c in FEATURE_COLUMNS)
    n = len(articles)
    w = cpu_workers() if workers is None else workers
    if n >= PARALLEL_MIN and w > 1:
        step = max(PARALLEL_BLOCK, -(-n // (8 * w)))  # a few blocks per worker: both cores busy to the end
        spans = [(lo, min(n, lo + step)) for lo in range(0, n, step)]
        feats = [f for part in pmap(_features_job, spans, workers=w, shared=cols) for f in part]
    else:
        feats = features_of(*cols)
    _warn_unreadable(articles, feats)
    return feats


FEATURE_COLUMNS = ("text", "title", "date", "date_partial", "place", "agency", "language")


def features_of(text: list, title: list, date: list, date_partial: list, place: list, agency: list,
                language: list) -> list[EventInfo]:
    """:class:`~vnpe.events.info.EventInfo` of parallel columns (those of :data:`FEATURE_COLUMNS`), without the
    warning of :func:`event_features`: also called on a chunk of rows where it was cleaned
    (:func:`vnpe.overlap.overlap_corpus`).

    >>> [f.language for f in features_of(["Lima, 17/11/2024"], [""], [None], [None], [None], [None], ["vi"])]
    ['vi']
    """
    feats = [extract(*r) for r in zip(text, title, date, date_partial, place, agency, strict=True)]
    for f, lang in zip(feats, language, strict=True):
        f.language = lang if isinstance(lang, str) else ""
        if f.lead:
            f.lead_keys = lead_keys(f.lead, f.language)
        f.stages = story_stages(f.lead)
    return feats


def _stages_of(info: EventInfo) -> frozenset[str]:
    if info.stages is None:  # an EventInfo built by hand or by extract() alone
        info.stages = story_stages(info.lead)
    return info.stages


def _warn_unreadable(articles: pd.DataFrame, feats: list[EventInfo]) -> None:
    bad = [i for i, f in enumerate(feats) if f.warning]
    if bad:
        ids = articles["doc_id"].astype(str).tolist() if "doc_id" in articles.columns else [str(i) for i in bad]
        warnings.warn(f"{len(bad)} article(s) without event anchor (unreadable dates or names), e.g. "
                      f"{ids[bad[0]]}: {feats[bad[0]].warning}", stacklevel=3)


def event_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: doc_id, language, event_date, year_from, event_date_shown, event_place, n_names.

    ``event_date`` is ISO (``--11-17`` when no year is known); ``year_from`` says where its year comes from:
    ``stated`` with the date, or the ``article date`` (an inference); ``event_date_shown`` is what a person
    should read: an inferred year carries a question mark (``2024?-11-13``).
    """
    feats = event_features(articles)
    return pd.DataFrame({
        "doc_id": articles["doc_id"].tolist(),
        "language": articles["language"].tolist() if "language" in articles else None,
        "event_date": [f.date_label for f in feats],
        "year_from": [f.year_from for f in feats],
        "event_date_shown": [f.date_shown for f in feats],
        "event_place": [f.place or "" for f in feats],
        "n_names": [len(f.names) for f in feats],
    })
