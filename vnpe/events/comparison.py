"""Whether two articles report the same event: contradictions, anchors and specific evidence (step 5 of
:mod:`vnpe.events`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from vnpe.dates import days_apart
from vnpe.events.features import _stages_of
from vnpe.events.info import EventInfo
from vnpe.events.lead import LEAD_MIN_COSINE, lead_cosine

# default of ``min_evidence`` (``vnpe overlap --min-evidence``) beside an agreeing date: on all 33,759 VNTC articles
# 1.0 gave 1,378 links, 24 % between desks (one country or paper name and a date); 2.0 gives 656, 7 %
MIN_EVIDENCE = 2.0
PLACE_WEIGHT = 0.5  # what the same event place adds beside an agreeing date (where, beside when)
UNDATED_MIN_NAMES = 4  # without an agreeing date: at least this many shared specific names ...
UNDATED_COVER = 0.9  # ... that are at least this share of the names of each article (a near-identical cast)
# ... and leads that tell the same thing (content cosine; the same report twice, not a running story: a trial's
# sessions or a tournament's matches share their whole cast but not their lead)
UNDATED_MIN_LEAD = 0.3

COMMON_WEIGHT = 0.5  # what a common name adds beside a specific one ...
VERY_COMMON_FACTOR = 5  # ... unless it is in 5 × that many articles or more: then nothing

# between two articles of one language, a date beside two shared names is still one storyline's cast on one day (a
# scandal's arrest and a resignation, two stories of one match-fixing case): one more piece of evidence is needed
SAME_LANGUAGE_EXTRA = 0.5
TOKEN_WEIGHT = 0.5  # what a shared specific word of a name adds when no shared name holds it ("yagi", "vinfast")


def _day_gap(a: EventInfo, b: EventInfo) -> int | None:
    """Days between the event dates (0 when they overlap: a day within the other's range); None if either is
    unknown. Without both years, the nearest of the three years around is taken (dates of one season)."""
    if a.date is None or b.date is None:
        return None
    both = a.year is not None and b.year is not None

    def span(e: EventInfo, year: int) -> tuple[dt.date, dt.date]:
        start = dt.date(year, e.date.month, e.date.day)
        end = e.date_end
        if end is None:
            return start, start
        return start, dt.date(year + (end.month < e.date.month), end.month, end.day)

    try:
        a0, a1 = span(a, a.year if both else 2000)
    except (ValueError, TypeError):
        return None
    gaps = []
    for yb in ([b.year] if both else [1999, 2000, 2001]):
        try:  # 29 February has no day in 1999 or 2001: the other years still give the gap
            b0, b1 = span(b, yb)
        except (ValueError, TypeError):
            continue
        gaps.append(max(0, (b0 - a1).days, (a0 - b1).days))
    return min(gaps) if gaps else None


def compare(a: EventInfo, b: EventInfo, common: dict[str, float] | None = None,
            min_evidence: float = MIN_EVIDENCE, lead_weights: Callable[[str], float] | None = None,
            min_lead: float = LEAD_MIN_COSINE) -> tuple[bool, str]:
    """Whether two articles report the same event, and the evidence (or the one reason they do not).

    ``common`` maps the names and acronyms too frequent in the corpus to be evidence on their own to what they add
    beside a specific name (see :func:`~vnpe.events.candidates.common_keys`).

    Example:
        >>> from vnpe.events import extract
        >>> a = extract("Chiều 13/11, tại Lima, Lương Cường gặp Dina Boluarte.")
        >>> compare(a, extract("On November 13 in Lima, Luong Cuong met Dina Boluarte."))
        (True, 'date --11-13; place Lima; names dina boluarte, luong cuong')
        >>> compare(a, extract("On November 13 in Lima, Luong Cuong met Dina Boluarte."), {"luong cuong": 0.5},
        ...         min_evidence=2.5)
        (False, 'too little specific evidence (2 < 2.5)')
    """
    common = common or {}
    why = conflict(a, b)
    if why:
        return False, why
    gap = _day_gap(a, b)
    if gap is not None and _long_span(a) != _long_span(b):
        gap = None  # a span of weeks (a tournament, a trial, a season) holds many occasions: none is its day
    recalled = gap is not None and (a.date_recalled or b.date_recalled)
    if recalled:
        gap = None  # a day one of them recalls (an earlier step of the story) is no anchor: as if undated
    same_date = gap is not None
    same_place = bool(a.place) and a.place == b.place
    shared = a.names & b.names
    names = sorted(shared - common.keys())
    usual = sorted(k for k in shared & common.keys() if common[k] > 0)
    acr = sorted((a.acronyms & b.acronyms) - common.keys())
    covered = {w for k in shared for w in k.split()} | set(acr)
    words = sorted((a.tokens & b.tokens) - common.keys() - covered)
    if not same_date:
        # without an agreeing date, names in common are mostly a storyline (a season, a case, an awards race):
        # only a near-identical cast of specific names (the same report twice, one wire copy) is one occasion
        more = max(len(a.names), len(b.names))
        if len(names) < UNDATED_MIN_NAMES or len(names) < UNDATED_COVER * more:
            why = f"shared date {a.date_shown} recalled, not reported" if recalled else "no shared event date"
            return False, (why + (f" (same place {a.place})" if same_place else "")
                           + f" and {len(names)} of {more} names shared (needs {UNDATED_MIN_NAMES}+ and "
                           f"{UNDATED_COVER:.0%})")
    elif not names:
        return False, "no shared specific name"
    score = len(names) + 0.5 * len(acr) + sum(common[k] for k in usual) + TOKEN_WEIGHT * len(words)
    if same_date and same_place:
        score += PLACE_WEIGHT
    need = min_evidence + (SAME_LANGUAGE_EXTRA if a.language and a.language == b.language else 0.0)
    if same_date and score < need:
        return False, f"too little specific evidence ({score:g} < {need:g})"
    if a.language and a.language == b.language and (a.lead or a.lead_keys) and (b.lead or b.lead_keys):
        # one cast on one day is often a running story told in separate articles: the leads must agree too
        cos = lead_cosine(a, b, lead_weights)
        floor = min_lead if same_date else max(min_lead, UNDATED_MIN_LEAD)
        if cos < floor:
            return False, f"leads tell different things (content cosine {cos:.2f} < {floor:g})"
    anchors = []
    if same_date:
        shown = a if (a.year_from, a.year or 0) >= (b.year_from, b.year or 0) else b
        anchors.append(f"date {shown.date_shown}")
    if same_place:
        anchors.append(f"place {a.place}")
    if not same_date:
        anchors.append(f"no date; {len(names)} names shared")
    ev = "; ".join(anchors) + ("; names " + ", ".join(names[:8]) + ("…" if len(names) > 8 else "") if names else "")
    if words:
        ev += "; words " + ", ".join(words[:8]) + ("…" if len(words) > 8 else "")
    if usual:
        ev += "; common names " + ", ".join(usual[:5])
    if acr:
        ev += "; acronyms " + ", ".join(x.upper() for x in acr[:5])
    return True, ev


def conflict(a: EventInfo, b: EventInfo) -> str:
    """What the two articles state that rules out one event ("" when nothing does): an unreadable article, event
    dates or years that differ, two datelines, two steps of one story. The first checks of :func:`compare`.

    Example:
        >>> from vnpe.events import extract
        >>> conflict(extract("Chiều 13/11, tại Lima, ..."), extract("Sáng 15/11, tại Lima, ..."))
        'different dates --11-13 / --11-15'
    """
    if a.warning or b.warning:
        return "no event anchor (unreadable article)"
    gap = _day_gap(a, b)
    # a day apart is the same day in two time zones: only between outlets of two languages (or unknown ones)
    tolerance = 0 if (a.language and a.language == b.language) else 1
    if gap is not None and gap > tolerance:
        return f"different dates {a.date_shown} / {b.date_shown}"
    if a.year and b.year and a.year != b.year:
        return f"different years {a.date_shown} / {b.date_shown}"
    # two datelines contradict; a place read from mentions ("shares doubled as of 10:06 a.m. in New York") may be
    # where the story is told from, not where the event was
    if a.place and b.place and a.place != b.place and a.place not in b.places and b.place not in a.places \
            and a.place_from == b.place_from == "dateline":
        return f"different places {a.place} / {b.place}"
    sa, sb = _stages_of(a), _stages_of(b)
    if sa and sb and not sa & sb:
        return f"two steps of one story ({', '.join(sorted(sa))} / {', '.join(sorted(sb))})"
    return ""


REPORT_MAX_DAYS = 1  # one report carried by two outlets: published on the same day, or the next (time zones, print)


def shared_report(a: EventInfo, b: EventInfo, common: dict[str, float] | None = None) -> tuple[bool, str]:
    """Whether two articles that share a large part of their text (see :func:`vnpe.overlap.pair_frame`) may be one
    report of one occasion, and the evidence or the reason not: nothing :func:`conflict` finds, no shared day
    that either recalls (two follow-ups retelling an earlier step share their background paragraph), published
    (``EventInfo.published``) at most :data:`REPORT_MAX_DAYS` apart when both days are known (daily and weekly
    bulletins share a template), and at least one shared specific name (not in ``common``). The text decides
    the rest: this only rules a pair out.

    Example:
        >>> from vnpe.events import extract
        >>> a = extract("Cảnh sát Hà Tĩnh bắt xe container của Nguyễn Văn Hùng chở 3 tấn thịt.")
        >>> shared_report(a, extract("Tài xế Nguyễn Văn Hùng chở 3 tấn thịt không rõ nguồn gốc."))
        (True, 'names nguyen van hung')
    """
    common = common or {}
    why = conflict(a, b)
    if why:
        return False, why
    gap = _day_gap(a, b)
    if gap is not None and (a.date_recalled or b.date_recalled):
        return False, f"shared date {a.date_shown} recalled"
    apart = days_apart(a.published, b.published)
    if apart is not None and apart > REPORT_MAX_DAYS:
        return False, f"published {apart} days apart"
    names = sorted((a.names & b.names) - common.keys())
    if not names:
        return False, "no shared specific name"
    return True, "names " + ", ".join(names[:8]) + ("…" if len(names) > 8 else "")


LONG_SPAN_DAYS = 7  # a range of more days than a week is a season, a tournament or a trial, not one occasion


def _long_span(e: EventInfo) -> bool:
    """Whether the event date is a range of more than :data:`LONG_SPAN_DAYS` days ("24/4 - 7/5": a race)."""
    if e.date is None or e.date_end is None:
        return False
    try:
        start = dt.date(2000, e.date.month, e.date.day)
        end = dt.date(2000 + (e.date_end.month < e.date.month), e.date_end.month, e.date_end.day)
    except (TypeError, ValueError):
        return False
    return (end - start).days > LONG_SPAN_DAYS
