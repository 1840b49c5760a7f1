"""The event date of an article: the day its lead tells as the occasion, not a scheduled, recalled, captioned or
listed day (step 2 of :mod:`vnpe.events`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from vnpe.dates import DAY_PARTS_VI, WEEKDAYS, WEEKDAYS_EN, WEEKDAYS_VI, DateMention, SimpleDate, find_dates
from vnpe.text import SENTENCE_END, alternation, sentence_at


def shown_date(iso: str, year_from: str) -> str:
    """``iso`` with its year marked as a guess unless it was stated with the date.

    Example:
        >>> shown_date("2024-11-13", "article date"), shown_date("2024-11-13", "stated"), shown_date("--11-17", "")
        ('2024?-11-13', '2024-11-13', '--11-17')
    """
    if not isinstance(iso, str) or not iso:
        return ""
    if year_from != "stated" and len(iso) >= 4 and iso[:4].isdigit():
        return iso[:4] + "?" + iso[4:]
    return iso


def _article_date(value) -> SimpleDate | None:
    if not isinstance(value, str):
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        try:
            dt.date(y, mo, d)
        except ValueError:
            return None
        return SimpleDate(y, mo, d)
    return None


# (weekdays: "thứ" before any word, "thứ 2" as "thứ hai")
_DAYPART = re.compile(r"(?:" + alternation((*DAY_PARTS_VI, "hôm nay", "hôm qua", *WEEKDAYS_VI, "today", "yesterday",
                                            "tonight", *WEEKDAYS_EN)) + r"|thứ \w+|"
                      r"lúc\s+\d{1,2}\s*(?:h|giờ|:)\s*\d{0,2}(?:\s*phút)?|this\s+(?:morning|afternoon|evening)|"
                      # a time of day: "at 3:40 p.m. this afternoon, September 10", "lúc 13h02 ngày 12/7"
                      r"\d{1,2}[:.]\d{2}\s*[ap]\.?m\.?(?:,?\s+[^\W\d]+){0,2},?|(?<!\w)\d{1,2}h\d{2})"
                      r"(?:\s+(?:nay|qua))?"
                      r"\s*(?:(?:on|ngày|vào ngày)\s*)?\(?$", re.IGNORECASE)
_DAYPART_AFTER = re.compile(r"^\)?,?\s*(?:\(?(?:local time|giờ địa phương|giờ [^\W\d]+\)|[^\W\d]+ time\))|morning|"
                            r"afternoon|evening|night)", re.IGNORECASE)


def _marked_occasion(m: DateMention, text: str) -> bool:
    """A date with a day-part, a weekday or a time of day before it ("chiều 13/11", "Sunday (Jan 5)", "lúc 13h02
    ngày 12/7") or after it ("January 2 evening", "13/11 (local time)", "12/7 (giờ Paris)"): a day's occasion, not
    a date the story refers to ("released on 9 November")."""
    return bool(_DAYPART.search(m.cue or "")) or bool(_DAYPART.search(text, max(m.start - 40, 0), m.start)) or \
        bool(_DAYPART_AFTER.match(text[m.stop:m.stop + 25]))


# a date the sentence announces or schedules is not the day of the article's occasion: "the election, expected
# on 5 May", "the Australian Open, which begins on 17 January", "due to be sentenced on 29 April", "sẽ diễn ra
# vào ngày 19/12 tới"; nor a score in parentheses read as a day ("7-6 (7-5)")
_SCHEDULED = re.compile(r"(?:\b(?:expected|due|will|would|scheduled|set\s+to|plans?|planned|begins?|starts?|opens?|"
                        r"until|before|ahead\s+of|next|deadline)\b|(?<!\w)(?:sẽ|dự kiến|dự định|chuẩn bị|đến hết|"
                        r"hạn chót))[^.;!?\n]{0,45}$", re.IGNORECASE)
# ("đến hết" is also a `clause` cue of period_dates in languages.toml: _period_bound reaches a cue starting 50
# characters before the date, this one 52; taking it out of here changed no event date on VNTC, 33,759 articles)
_SCHEDULED_AFTER = re.compile(r"^\s*(?:tới|sắp tới|next)\b", re.IGNORECASE)
# a future tense or a fixture further back in the same sentence announces the date too: "will take on Maurice
# Greene and Kim Collins in Birmingham on 18 February", "the Bafta awards, which take place at London's Odeon
# Leicester Square on 12 February", "trước khi 2 đội chạm trán nhau vào ngày 29-4", "Lịch thi đấu ... vào các ngày"
_SCHEDULED_FAR = re.compile(r"(?:\b(?:will|shall|expected|due\s+to|scheduled|set\s+to|takes?\s+place|to\s+be\s+held|"
                            r"next\s+(?:week|month|year)'?s?|fixtures?)\b|(?<!\w)(?:sẽ|dự kiến|trước khi|lịch thi đấu|"
                            r"theo lịch))[^.;!?\n]{0,100}$", re.IGNORECASE)
# "... in Birmingham on 18 February, where he will take on ...": the future follows the date in its sentence
_ANNOUNCED_AFTER = re.compile(r"^[^.;!?\n]{0,25}\b(?:where|when|at\s+which)\b[^.;!?\n]{0,30}"
                              r"\b(?:will|is\s+due|are\s+due)\b", re.IGNORECASE)
# a day in a list of days is a fixture list or a calendar ("vào các ngày 8-9/3, 15-16/3, 5-6/4"), not one occasion
_LISTED_AFTER = re.compile(r"^\s*(?:,|;|và|and)\s*(?:ngày\s*)?\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s*[-/.]\s*\d{1,2}",
                           re.IGNORECASE)
_LISTED_BEFORE = re.compile(r"\d{1,2}\s*[-/.]\s*\d{1,2}\s*(?:,|;|và|and)\s*(?:ngày\s*)?$", re.IGNORECASE)
_PAREN_AFTER_DAY = re.compile(r"(?:nay|qua|today|yesterday|tonight|day|night|morning|afternoon|evening|sáng|chiều|"
                              r"tối|trưa|đêm)\s*$", re.IGNORECASE)


# a date the sentence recalls is not the day of the article's occasion either: "Firefox 1.0, released on 9
# November", "after missing a drugs test on 12 August", "since 1 May", "hồi ngày 12/8", "kể từ ngày 1/7"; a death or an
# election recalled in a later story: "Arafat qua đời ngày 11/11", "who died on 11 November", "was elected on 9 January"
# (the cues: `past_cues` of vnpe/data/languages.toml, read by _past_cues; "thu hồi", "phục hồi" hold no "hồi")
PAST_REACH = 70  # characters before a date where a past cue may start
PAST_GAP = 55  # characters of one clause at most between a past cue and the date
_CLAUSE_END = re.compile(r"[.;!?\n]")


@lru_cache(maxsize=1)
def _past_cues():
    """The past cues of every language (:attr:`vnpe.languages.Language.past`) as one matcher.

    >>> [_past_cues().search(t) for t in ("Hãng đã thu hồi sản phẩm", "Bộ phục hồi rừng", "hồi 12/8", "since May")]
    [False, False, True, True]
    """
    from vnpe.languages import merged

    return merged("past")


def _past_before(m: DateMention, text: str) -> bool:
    """Whether a past cue (:func:`_past_cues`) starts at most ``PAST_REACH`` characters before the date ``m`` and
    ends at most ``PAST_GAP`` characters before it, cue and date in one clause (no ".", ";", "!", "?" or line
    break from the cue on).

    >>> from vnpe.dates import find_dates
    >>> [_past_before(find_dates(t)[0], t) for t in ("Hồi ngày 12/8, ông bị bắt.", "Công ty thu hồi lô hàng ngày 12/8.",
    ...                                               "Prices have risen since 1 May.", "Since then. On 1 May, ...",
    ...                                               "TP HCM thu đồng hồ điện từ\\nNgày 8/8, công ty họp.")]
    [True, False, True, False, False]
    """
    lo = max(m.start - PAST_REACH, 0)
    off = max(lo - 30, 0)  # (a word holding a cue, "thu hồi", read whole even when the reach cuts it)
    chunk = text[off:m.start]
    for a, b in _past_cues().finditer(chunk):
        # (the cue itself in the clause too: "điện từ \nNgày 8/8" is a title's end and a lead's start, no "từ ngày")
        if a + off >= lo and len(chunk) - b <= PAST_GAP and _CLAUSE_END.search(chunk, a) is None:
            return True
    return False


# a date inside an "after ..." clause (within the reach of the past cues) dates the earlier step even with a day-part:
# "Sau khi nhập trại vào đêm 4/4, ông Tiến ..." (a comma before the date ends the clause: "Sau khi hạ cánh,
# chiều 13/11, Chủ tịch nước ..." is the day of the main clause)
_AFTER_CLAUSE = re.compile(r"(?<!\w)(?:sau khi|after)\b[^,.;:!?\n]{0,55}$", re.IGNORECASE)


# a date a photo caption gives ("... theo dõi việc bắt ông Tiến ngày 4-4. Ảnh: VNN", "(ảnh chụp tối 27-3)"): when the
# photo was taken (often an earlier step of the story, shown again in a follow-up), not the article's occasion
_CAPTION_AFTER = re.compile(r"^\)?[^.!?\n]{0,80}?[.)]?\s*\(?(?:Ảnh|Photo)(?:\s+minh\s+họa)?\s*:", re.IGNORECASE)
_CAPTION_BEFORE = re.compile(r"(?:ảnh chụp|photo taken|pictured)[^.!?\n]{0,15}$", re.IGNORECASE)
# when an incident happened ("Vụ hành hung xảy ra tối 22/4"), told after the lead: the lead reports what followed
# (a charge, a suspension, a trial) and recalls the incident's day. ("xảy ra" is also a recall cue, recall_cues in
# languages.toml, for another rule: a picked date in a sentence holding it is no anchor of a same-event link.)
_HAPPENED = re.compile(r"(?<!\w)xảy ra\s+(?:vào\s+)?(?:(?:lúc|khoảng)\s+[^.;!?\n]{0,20}?)?(?:"
                       + alternation(DAY_PARTS_VI) + r"\s+)?(?:ngày\s+|hôm\s+)?$", re.IGNORECASE)


def _captioned(m: DateMention, text: str) -> bool:
    """A date of a photo caption (``_CAPTION_AFTER``, ``_CAPTION_BEFORE``), whatever its day-part.

    >>> from vnpe.dates import find_dates
    >>> t = "Người dân theo dõi việc bắt ông Tiến ngày 4-4. Ảnh: VNN Chiều 6-4, ông Oánh nói."
    >>> [_captioned(m, t) for m in find_dates(t)]
    [True, False]
    """
    return bool(_CAPTION_AFTER.match(text[m.stop:m.stop + 100])) or \
        bool(_CAPTION_BEFORE.search(text, max(m.start - 40, 0), m.start))


def _happened(m: DateMention, text: str) -> bool:
    """A date that says when an incident happened ("Vụ việc xảy ra vào tối 5/6"): see ``_HAPPENED``.

    >>> from vnpe.dates import find_dates
    >>> [_happened(m, t) for t in ("Vụ việc xảy ra vào tối 5/6.", "Chiều 6/6, công an khởi tố.")
    ...  for m in find_dates(t)]
    [True, False]
    """
    return bool(_HAPPENED.search(text, max(m.start - 60, 0), m.start))


def _recalled(m: DateMention, text: str) -> bool:
    """A date that the text recalls as past (:func:`_past_before`), unless marked as a day's occasion; or one inside an
    "after ..." clause (``_AFTER_CLAUSE``) or a photo caption (:func:`_captioned`), marked or not.

    >>> from vnpe.dates import find_dates
    >>> ts = ("Sau khi nhập trại vào đêm 4/4, ông Tiến nói.", "Sau khi hạ cánh, chiều 13/11, ông dự họp.")
    >>> [_recalled(m, t) for t in ts for m in find_dates(t)]
    [True, False]
    """
    if _AFTER_CLAUSE.search(text, max(m.start - 70, 0), m.start) or _captioned(m, text):
        return True
    return _past_before(m, text) and not _marked_occasion(m, text)


def _scheduled(m: DateMention, text: str) -> bool:
    """A date that the text schedules or announces rather than reports (see ``_SCHEDULED``)."""
    if m.cue == "(" and not _PAREN_AFTER_DAY.search(text[max(m.start - 30, 0):m.start].rstrip("( ")):
        return True
    return bool(_SCHEDULED.search(text, max(m.start - 60, 0), m.start)) or \
        bool(_SCHEDULED_AFTER.match(text[m.stop:m.stop + 12])) or _announced(m, text)


def _announced(m: DateMention, text: str) -> bool:
    """A date the sentence announces with a future tense or a fixture cue further back (``_SCHEDULED_FAR``), or
    one day of a list of days (a fixture list or a calendar), unless it is marked as a day's occasion."""
    if _LISTED_AFTER.match(text[m.stop:m.stop + 30]) or _LISTED_BEFORE.search(text[max(m.start - 30, 0):m.start]) \
            or _ANNOUNCED_AFTER.match(text[m.stop:m.stop + 80]):
        return True
    return bool(_SCHEDULED_FAR.search(text, max(m.start - 130, 0), m.start)) and not _marked_occasion(m, text)


def _dates_in(text: str, seen: dict | None) -> list[DateMention]:
    """The mentions of ``text`` that name a day (``find_dates(text, days=True)``: the same as those of
    ``find_dates(text)`` with ``precision == "day"``, the only ones :func:`_event_date` and :func:`_date_recalled`
    read, sooner when there is none), kept in ``seen`` (one article's: :func:`~vnpe.events.features._extract` reads
    the lead's and the next paragraphs' days once for both)."""
    if seen is None:
        return find_dates(text, days=True)
    got = seen.get(text)
    if got is None:
        got = seen[text] = find_dates(text, days=True)
    return got


def _told_plainly(m: DateMention, text: str, seen: dict | None) -> bool:
    """Neither scheduled nor recalled nor a period's bound (:func:`_scheduled`, :func:`_recalled`,
    :func:`_period_bound`): kept in ``seen`` by mention (the mentions of :func:`_dates_in`, alive as long as
    ``seen``)."""
    if seen is None:
        return not _scheduled(m, text) and not _recalled(m, text) and not _period_bound(m, text)
    key = id(m)
    got = seen.get(key)
    if got is None:
        got = seen[key] = not _scheduled(m, text) and not _recalled(m, text) and not _period_bound(m, text)
    return got


PERIOD_REACH = 50  # characters before a date where a `clause` cue of `period_dates` (languages.toml) may stand


@lru_cache(maxsize=1)
def _period_patterns() -> tuple[re.Pattern, re.Pattern]:
    """The ``period_dates`` cues of every language (``vnpe/data/languages.toml``) as two regexes searched in the
    text before a date: a clause cue anywhere in its clause, and a bound word (or a period noun and a start/end
    verb) right before it."""
    from vnpe.languages import merged

    got = merged("period_dates")

    def alt(role: str) -> str:
        return alternation(got.get(role, ()), space=r"\s+")

    clause = re.compile(r"(?<!\w)" + alt("clause") + r"(?!\w)[^.;!?\n]*$", re.IGNORECASE)
    near = re.compile(r"(?<!\w)(?:" + alt("bound") + "|" + alt("nouns") + r"\s+(?:[^\W_]+\s+){0,2}?" + alt("verbs")
                      + r")\s+(?:(?:on|the|ngày|vào)\s+)*$", re.IGNORECASE)
    return clause, near


def _period_bound(m: DateMention, text: str) -> bool:
    """A date that bounds a period (a fiscal, crop or quota year, a quarter; "effective", "as of", "ended",
    "through": ``period_dates`` in ``vnpe/data/languages.toml``) rather than dating an occasion.

    >>> from vnpe.dates import find_dates
    >>> ts = ("Net profit for the fiscal year ended April 30 rose.", "The year started March 1.",
    ...       "Năm tài chính kết thúc ngày 30/6.", "Chiều 13/11, ông Cường tới Lima.")
    >>> [_period_bound(m, t) for t in ts for m in find_dates(t) if m.precision == "day"]
    [True, True, True, False]
    """
    clause, near = _period_patterns()
    return bool(clause.search(text, max(m.start - PERIOD_REACH, 0), m.start)) or \
        bool(near.search(text, max(m.start - 60, 0), m.start))


def _event_date(lead: str, mentions: list[DateMention] | Callable[[], list[DateMention]], own: SimpleDate | None,
                more: str = "", seen: dict | None = None) -> tuple[SimpleDate | None, str, SimpleDate | None]:
    """The event date of the lead's date mentions (and of ``more``, the next two paragraphs, where only a date
    marked as a day's occasion counts: "chiều 13/11", "on August 15", or a range of days: "August 18-20") and
    the article's own date, where its year is from, and the last day when it is a range. A date the sentence
    schedules ("expected on 5 May", "begins on 17 January") or recalls ("released on 9 November", "since 1
    May") is not it; a single day is preferred to a range.

    ``mentions`` (the dates of the whole text, or a function returning them) are read only when the picked
    day has no year; ``more`` only when no day of the lead is an occasion (it cannot change the pick then).
    ``seen``: a dict where the dates read are kept for :func:`_date_recalled` (see :func:`_dates_in`)."""

    def near(days: list[DateMention]) -> list[DateMention]:
        # a day far from the article's own year is history ("30/4/1975"), not the event
        return days if own is None else [m for m in days if m.year is None or abs(m.year - own.year) <= 1]

    lead_days = [m for m in _dates_in(lead, seen) if m.precision == "day" and (m.end is None or m.end.year == m.year)
                 and _told_plainly(m, lead, seen)]
    days = near([m for m in lead_days if m.end is None])
    ranges = [m for m in lead_days if m.end is not None]
    pick = next((m for m in days if m.occasion or _opens_sentence(m, lead)), None)
    if pick is None:  # the first occasion of the lead wins over anything further down: read more only if none
        more_days = [m for m in _dates_in(more, seen) if m.precision == "day" and _told_plainly(m, more, seen)
                     and not _happened(m, more)]
        days += near([m for m in more_days if m.end is None and (m.occasion or _marked_occasion(m, more))])
        # a range of days is the span of a visit or a tournament: it agrees with any day or range it overlaps
        ranges += [m for m in more_days if m.end is not None and m.end.year == m.year and m.end.month
                   and m.end.day]
        pick = next((m for m in days if m.occasion), days[0] if days else None)
        if pick is None:
            ranges = near(ranges)
            pick = ranges[0] if ranges else None
    # a relative day only matters beside a picked date (read only then)
    if pick is not None and (rel := _relative_day(lead)) is not None:
        in_lead = any(pick is m for m in lead_days)
        if not in_lead or (rel < pick.start and not _reported_after(lead, rel, pick)):
            pick = None  # "chiều qua, ..." opens the story: a date further on is another day the story refers to
    if pick is None:  # the article's own date is when it was published, not when its event happened
        return (*_weekday_date(lead, own), None)
    d = pick.date
    end = pick.end if pick.end is not None and (pick.end.month, pick.end.day) != (d.month, d.day) else None
    year, year_from = d.year, "stated" if d.year is not None else ""
    if year is None:
        # a full date of the text with the same day and month states the year
        found = mentions() if callable(mentions) else mentions
        year = next((m.year for m in found if m.year is not None and m.month == d.month and m.day == d.day), None)
        year_from = "stated" if year is not None else ""
    if year is None and own is not None:
        year, year_from = (own.year - 1 if d.month > own.month + 1 else own.year), "article date"
    if end is not None:
        end = SimpleDate(None if year is None else year + (end.month < d.month), end.month, end.day)
    return SimpleDate(year, d.month, d.day), year_from, end


# a date that opens a sentence ("(NLĐ)- Ngày 13-3, HĐXX tiếp tục ...", "On 13 March, the court ...") is the day
# the sentence reports: the occasion, even without a day-part (a document's own date is written "Hà Nội, ngày
# 13/3", after a place, not before a comma)
_OPENS_BEFORE = re.compile(r"(?:^|[.!?:\n]\s*|[-–—]\s*)(?:ngày|vào ngày|on)?\s*$", re.IGNORECASE)


def _opens_sentence(m: DateMention, text: str) -> bool:
    """A date at the start of a sentence (or after a dateline dash) and followed by a comma: the day the
    sentence reports.

    >>> from vnpe.dates import find_dates
    >>> t = "Án 5 năm tù (NLĐ)- Ngày 14-3, tòa xét xử. Quyết định ngày 12-3 của tòa."
    >>> [_opens_sentence(m, t) for m in find_dates(t)]
    [True, False]
    """
    return bool(_OPENS_BEFORE.search(text[max(m.start - 20, 0):m.start])) and \
        text[m.stop:m.stop + 3].lstrip().startswith(",")


@lru_cache(maxsize=1)
def _recall_cues():
    """The recall cues of every language (:attr:`vnpe.languages.Language.recall`) as one matcher: the words that
    hold a cue but mean something else ("dịch vụ", "thu hồi", "từng bước") are no cue.

    >>> [_recall_cues().search(t) for t in ("Vụ việc xảy ra tối 5/6.", "Nhiệm vụ được giao ngày 5/6.",
    ...                                     "Police had arrested him on 5 June.")]
    [True, False, True]
    """
    from vnpe.languages import merged

    return merged("recall")


# a capitalised day cue just before a date starts a sentence, even one run on from a title or a photo credit
# without a full stop ("... Ảnh: TTXVN Chiều 29-3, Bộ trưởng ...", "(NLĐ)- Ngày 13-3, ...", "Hôm qua (20-4), ...")
_CAPITAL_CUE = re.compile(r"(?<![^\W\d])(?:Ngày|Vào|Sáng|Chiều|Tối|Trưa|Đêm|Khuya|Rạng|Hôm|Khoảng|Lúc|Đúng|On|Early|"
                          r"Late|Yesterday|Today|Last)(?:[^.!?\n]{0,18})$")
_COMMA_AFTER = re.compile(r"^\s*(?:\)|\(giờ [^)]*\)|\([^)]{0,20}\))?\s*,|^\s*(?:theo giờ địa phương|local time)?\s*,",
                          re.IGNORECASE)


def _sentence_of(m: DateMention, text: str) -> str:
    """The sentence of ``text`` that holds ``m`` (ends: ". ", "! ", "? ", a line break: :func:`vnpe.text.sentence_at`,
    which says why not :func:`vnpe.text.sentences`)."""
    return sentence_at(text, m.start, m.stop)


def _told_as_recall(m: DateMention, text: str) -> bool:
    """Whether the date ``m`` sits in a sentence that reads as a recall (:func:`_recall_cues`) without opening
    it (a capitalised day cue before it, ``_CAPITAL_CUE``, or nothing but a sentence start; a comma after it).

    A later step of a running story (charges, a verdict, a ban) recalls the first step's day ("Như Báo Người Lao
    Động đã thông tin, chiều 27-3, ...", "Trước đó, ... hôm 21/7", "đã xảy ra vào lúc 5h15 ngày 28/2"); two
    reports of one occasion open their leads with its day ("Sáng 20/7, TAND TP ...", "Hôm qua (20/7), ...").
    Chosen by leave-one-sample-out cross-validation over the judged links s0-s5 and tested once on s6
    (``benchmarks/date_place_cv.py``, condition "each opens a sentence or no recall"); kept by the same CV over
    s0-s6 once its cues became data per language (a cue syllable inside another word, "dịch vụ", "thu hồi",
    "từng bước", is no cue). Signals of recalled dates the cues miss (a later occasion in the same lead, "vừa qua"
    after the date, a "sau ..." clause, an inner "hôm") were tried there on top of it and not kept: none did
    better on the held-out samples.

    >>> from vnpe.dates import find_dates
    >>> ts = ("Như Báo NLĐ đã thông tin, chiều 27-3, công an bắt 7 người.", "Trước đó, ông bị bắt tối 3-3.",
    ...       "(NLĐ)- Chiều 27-3, công an bắt 7 người trong vụ án.", "Police said the raid on 27 March was planned.")
    >>> [_told_as_recall(find_dates(t)[0], t) for t in ts]
    [True, True, False, False]
    """
    if not _recall_cues().search(_sentence_of(m, text)):
        return False
    opens = bool(_CAPITAL_CUE.search(text[max(m.start - 25, 0):m.start])) or \
        bool(_OPENS_BEFORE.search(text[max(m.start - 20, 0):m.start]))
    return not (opens and _COMMA_AFTER.match(text[m.stop:m.stop + 25]))


def _date_recalled(date: SimpleDate | None, lead: str, more: str, seen: dict | None = None) -> bool:
    """Whether the event ``date`` (picked by :func:`_event_date` from ``lead`` or ``more``) is told as a recall
    where it is stated (:func:`_told_as_recall`); False for a date not stated as a day (a weekday's). ``seen``:
    what :func:`_event_date` read (see :func:`_dates_in`)."""
    if date is None:
        return False
    for t in (lead, more):
        m = next((x for x in _dates_in(t, seen) if x.precision == "day" and (x.month, x.day) == (date.month, date.day)
                  and _told_plainly(x, t, seen)), None)
        if m is not None:
            return _told_as_recall(m, t)
    return False


# a relative day not tied to a date ("Chiều qua, cơ quan điều tra cho biết", "yesterday", "sáng nay"): when it
# comes before any date of the lead, the story's occasion is that day, and a date further on is a day it refers
# back to ("Chiều qua ... Rạng sáng 20/4, chiếc xe ...": the arrest, not the accident)
_RELATIVE_DAY = re.compile(r"(?<!\w)(?:" + alternation(DAY_PARTS_VI) + r"\s+(?:hôm\s+)?(?:qua|nay)|"
                           r"hôm\s+(?:qua|nay)|yesterday|today|tonight|last\s+night|"
                           r"this\s+(?:morning|afternoon|evening))(?!\w)", re.IGNORECASE)
_RELATIVE_TIED = re.compile(r"^\s*(?:\(|,|\s)\s*(?:ngày\s*|on\s+)?\d{1,2}\s*[-/.]\s*\d{1,2}|^\s*\(?\s*(?:ngày|on)?\s*"
                            r"\d{1,2}\s+[^\W\d]+|^,?\s*(?:ngày\s*)?\d{1,2}\s*[-/]", re.IGNORECASE)


def _relative_day(lead: str) -> int | None:
    """Where the first relative day of ``lead`` not tied to a date is ("hôm qua, 20-4" and "sáng nay (6/2)" are
    tied), or None.

    >>> _relative_day("Bắt tài xế. Chiều qua, công an bắt Huy. Rạng sáng 20/4, xe ...")
    12
    >>> _relative_day("Hôm qua (20-4), ...") is None
    True
    """
    for m in _RELATIVE_DAY.finditer(lead):
        if not _RELATIVE_TIED.match(lead[m.end():m.end() + 20]):
            return m.start()
    return None


STATEMENT_GAP = 25  # characters between a statement verb and the date it reports: ", chiều tối ngày " at most


@lru_cache(maxsize=1)
def _statement_verbs() -> re.Pattern:
    """The ``statement_verbs`` of every language (``vnpe/data/languages.toml``) as one regex."""
    from vnpe.languages import merged

    return re.compile(r"(?<!\w)" + alternation(merged("statement_verbs")) + r"(?!\w)", re.IGNORECASE)


def _reported_after(lead: str, rel: int, pick: DateMention) -> bool:
    """Whether the relative day at ``rel`` times a statement whose content is dated by ``pick`` in the same
    sentence ("Sáng nay, ông Đồng cho biết, chiều tối 13-1, công an đã khởi tố ...": the occasion is 13-1).

    >>> from vnpe.dates import find_dates
    >>> t = "Sáng nay, ông Đồng cho biết, chiều tối 13-1, công an đã khởi tố 4 người."
    >>> _reported_after(t, 0, find_dates(t)[0])
    True
    """
    between = lead[rel:pick.start]
    if not between or SENTENCE_END.search(between):  # (a plain sentence end: see vnpe.text)
        return False
    said = [v.end() for v in _statement_verbs().finditer(between)]
    # the date opens what was said ("cho biết, chiều tối 13-1, ..."), not a clause further on ("cho biết đã khởi
    # tố vụ án ... xảy ra vào rạng sáng 20/7": the day the story refers back to)
    return bool(said) and len(between) - said[-1] <= STATEMENT_GAP


# a weekday, after "on", "vào" or a day-part or not (only the weekday is read: group 1)
_WEEKDAY_RE = re.compile(r"(?<!\w)(?:on\s+|vào\s+|" + alternation(DAY_PARTS_VI) + r"\s+)?(" + alternation(WEEKDAYS)
                         + r")(?!\w)", re.IGNORECASE)


def _weekday_date(lead: str, own: SimpleDate | None) -> tuple[SimpleDate | None, str]:
    """"On Wednesday" in the lead of an article dated 2024-11-14: the last Wednesday up to that date
    (2024-11-13), an inference (``year_from="article date"``). Nothing without the article's own date."""
    if own is None:
        return None, ""
    m = _WEEKDAY_RE.search(lead)
    if m is None:
        return None, ""
    day = dt.date(own.year, own.month, own.day)
    day -= dt.timedelta(days=(day.weekday() - WEEKDAYS[m.group(1).casefold()]) % 7)
    return SimpleDate(day.year, day.month, day.day), "article date"

