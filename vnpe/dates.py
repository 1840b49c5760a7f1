"""One dates layer for every stage: each date a text states, with its span, precision and range.

English and Vietnamese news write dates in a handful of ways, all recognised here:

* full dates: ``2024-11-13``, ``13/11/2024``, ``13-11-2024``, ``2006/01/27``, ``November 13, 2024``,
  ``13 November 2024``, ``Nov. 13, 2024``, ``ngày 13 tháng 11 năm 2024``;
* day and month: ``November 13``, ``13 Nov``, ``ngày 13 tháng 11``, ``13/11`` and ``13-11`` (the last two
  only after a cue word such as *sáng*, *ngày*, *on*, a weekday, or inside parentheses, because ``2/3`` is
  also a fraction and ``2-1`` a score);
* month and year: ``November 2024``, ``tháng 11/2024``, ``tháng 11 năm 2024``; a year: ``năm 2024``, ``in 2024``;
* ranges: ``June 5-14``, ``5-14 June``, ``5-14/6``, ``từ 5/6 đến 14/6`` (``end`` holds the last day).

A mention that names an impossible day (``31/2``, ``30 February``) is not a date: it is skipped, never an
error. Nothing here decides which date is the *article's*: the cleaner takes it from the header, the
dateline or the lead (see :mod:`vnpe.clean.metadata`), and :mod:`vnpe.events` from the lead.

Example:
    >>> [m.iso for m in find_dates("Sáng 17/11 theo giờ địa phương, APEC năm 2024 họp tại Lima")]
    ['--11-17', '2024']
    >>> m = find_dates("The festival runs June 5-14, 2025 in Lima.")[0]
    >>> m.iso, m.end.iso, m.precision
    ('2025-06-05', '2025-06-14', 'day')
    >>> find_dates("chiếm 2/3 diện tích, thắng 2-1")
    []
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from vnpe.text import MONTHS, alternation

__all__ = ["DateMention", "SimpleDate", "find_dates", "parse_date", "valid", "MONTHS", "DAY_PARTS_VI", "WEEKDAYS",
           "WEEKDAYS_EN", "WEEKDAYS_VI"]

# Month names are matched capitalised or in capitals only: "2 may be" is not the 2nd of May.
_MONTH_RE = "|".join(sorted({f(m) for m in MONTHS for f in (str.capitalize, str.upper)}, key=len, reverse=True))
_YEAR = r"(?:1[89]\d{2}|20\d{2})"
_ORD = r"(?:st|nd|rd|th)?"
# The day words every cue list below is made of, and the lists of the stages that read a date's cues
# (vnpe.events.occasion, vnpe.clean.metadata): one place for them.
DAY_PARTS_VI = ("sáng", "chiều", "tối", "trưa", "đêm", "khuya", "rạng sáng")
WEEKDAYS_VI = ("thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật")
WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# weekday name -> its number (Monday 0, as datetime.date.weekday)
WEEKDAYS = {w: i for names in (WEEKDAYS_EN, WEEKDAYS_VI) for i, w in enumerate(names)}


# Words that, just before a bare "d/m" or "d-m", make it a date rather than a fraction or a score.
_CUES_VI = ("ngày", *DAY_PARTS_VI, "hôm", "từ", "đến", "tới", "vào", "trước", "sau", *WEEKDAYS_VI,
            "hạn", "lúc", "đầu", "cuối", "giữa")
_CUES_EN = ("on", "since", "until", "till", "from", "to", "by", "before", "after", "dated", "date", *WEEKDAYS_EN)
_CUE_RE = re.compile(
    r"(?:^|[\s(,])" + alternation(_CUES_VI + _CUES_EN)
    + r"(?:\s+(?:nay|qua|mai))?\s*(?:\d{1,2}\s*(?:giờ|h)\s*\d{0,2}\s*)?(?:,\s*)?(?:ngày\s+)?\(?$",
    re.IGNORECASE,
)
# The cues that make a bare "13.3" a date (kind "dm_dot"): a day-part, a weekday, a relative day, "ngày".
_DOT_CUES = re.compile(
    r"^(?:vào\s+)?" + alternation(("ngày", *DAY_PARTS_VI, "hôm nay", "hôm qua", "hôm kia", "hôm", *WEEKDAYS_VI))
    + r"(?:\s+(?:nay|qua|mai))?(?:\s*(?:ngày))?\s*\(?$", re.IGNORECASE)
# Day-parts and relative days: a date after one of these is the day something happened (a lead's date).
_OCCASION_CUES = re.compile(
    alternation((*DAY_PARTS_VI, "hôm nay", "hôm qua", "hôm", *WEEKDAYS_VI, "today", "yesterday",
                 "tonight", *WEEKDAYS_EN, "on", "vào"))
    + r"(?:\s+(?:nay|qua|mai))?\s*(?:ngày\s*)?(?:\(\s*)?$",
    re.IGNORECASE,
)


# the ISO forms of SimpleDate.iso: "2024-11-13", "2024-11", "2024", "--11-13", "--11"
_ISO = re.compile(r"^(?:(\d{4})|-)(?:-(\d{2}))?(?:-(\d{2}))?(?:[T ]\d.*)?$")


@dataclass(frozen=True)
class SimpleDate:
    """A calendar date of some precision: a year, a month of a year, a day of a month (year maybe unknown)."""

    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``."""
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        """ISO 8601 at its precision: ``2024-11-13``, ``2024-11``, ``2024``; ``--11-13`` without a year."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}" if self.day else f"--{self.month:02d}"
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    def to_date(self) -> dt.date | None:
        """A :class:`datetime.date` when year, month and day are all known, else ``None``."""
        if self.year and self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None

    @classmethod
    def from_iso(cls, value: object) -> SimpleDate | None:
        """The date an ISO string states (``2024-11-13``, ``2024-11``, ``2024``, ``--11-13``: the forms of
        :attr:`iso`, and of the ``date`` / ``date_partial`` columns of :func:`vnpe.load_corpus`), or ``None`` for
        anything else, an impossible day included.

        Example:
            >>> SimpleDate.from_iso("--06-18"), SimpleDate.from_iso("2024-02-30")
            (SimpleDate(year=None, month=6, day=18), None)
        """
        m = _ISO.match(value) if isinstance(value, str) else None
        if m is None:
            return None
        year, month, day = (int(g) if g else None for g in m.groups())
        if year is None and month is None:
            return None
        return cls(year, month, day) if valid(year, month, day) else None


@dataclass(frozen=True)
class DateMention:
    """A date (or a range of dates) stated in a text, with where it is and how it was written."""

    start: int
    stop: int
    text: str
    date: SimpleDate
    end: SimpleDate | None = None  # last day of a range
    kind: str = ""  # the pattern that matched ("dmy", "mdy_en", "vi_words", "dm", "year", …)
    cue: str = ""  # the word just before it that marks a date ("sáng", "on", …), lower-case

    @property
    def iso(self) -> str:
        return self.date.iso

    @property
    def precision(self) -> str:
        return self.date.precision

    @property
    def year(self) -> int | None:
        return self.date.year

    @property
    def month(self) -> int | None:
        return self.date.month

    @property
    def day(self) -> int | None:
        return self.date.day

    @property
    def occasion(self) -> bool:
        """Introduced by a day-part, a weekday, a relative day, 'on' or 'vào', or in parentheses right after
        one ("sáng nay (6/2)"): the day something happened. A bare "ngày 25/1" is not (documents are dated so)."""
        return bool(self.cue) and (self.cue == "(" or bool(_OCCASION_CUES.search(self.cue)))


def days_apart(a: SimpleDate | None, b: SimpleDate | None) -> int | None:
    """Days between two dates of day precision; ``None`` when either is missing or not a day. Without both years,
    the nearest of the years around is taken (two days of one season: 31 December and 1 January are a day apart).

    Example:
        >>> days_apart(SimpleDate(2024, 11, 13), SimpleDate(None, 11, 15)), days_apart(SimpleDate(None, 12, 31),
        ...            SimpleDate(None, 1, 1)), days_apart(SimpleDate(2024, 11), SimpleDate(2024, 11, 2))
        (2, 1, None)
    """
    if a is None or b is None or not a.day or not b.day:
        return None
    both = a.year is not None and b.year is not None
    gaps = []
    for ya, yb in ([(a.year, b.year)] if both else [(2000, 1999), (2000, 2000), (2000, 2001)]):
        try:  # 29 February has no day in 1999 or 2001: the other years still give the gap
            gaps.append(abs((dt.date(ya, a.month, a.day) - dt.date(yb, b.month, b.day)).days))
        except (ValueError, TypeError):
            continue
    return min(gaps) if gaps else None


def valid(year: int | None, month: int | None, day: int | None) -> bool:
    """Is this a real calendar date? A missing year allows 29 February (leap years exist).

    >>> valid(2023, 2, 29), valid(None, 2, 29), valid(2024, 13, 1), valid(2024, 4, 31)
    (False, True, False, False)
    """
    if month is None:
        return day is None and (year is None or 1800 <= year <= 2099)
    if not 1 <= month <= 12:
        return False
    if year is not None and not 1800 <= year <= 2099:
        return False
    if day is None:
        return True
    return 1 <= day <= calendar.monthrange(year if year is not None else 2000, month)[1]


def _month(name: str | None) -> int | None:
    if not name:
        return None
    return MONTHS.get(name.casefold().rstrip("."))


# Each pattern: (kind, regex, needs a cue). Named groups: d, d2 (range end day), m / mon, m2 / mon2, y.
@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern, bool]]:
    mon = rf"(?:{_MONTH_RE})\.?"
    sep = r"\s*[-–—]\s*"
    return [
        ("ymd", re.compile(rf"(?<![\d/.-])(?P<y>{_YEAR})(?P<s>[-/.])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})(?![\d])"),
         False),
        ("dmy", re.compile(rf"(?<![\d/.-])(?:(?P<d>\d{{1,2}})(?:{sep}(?P<d2>\d{{1,2}}))?|(?P<dd>\d{{1,2}}))"
                           rf"(?P<s>[/.-])(?P<m>\d{{1,2}})(?P=s)(?P<y>{_YEAR})(?![\d])"
                           rf"(?:{sep}(?P<d3>\d{{1,2}})(?P=s)(?P<m3>\d{{1,2}})(?P=s)(?P<y3>{_YEAR})(?!\d))?"), False),
        ("vi_words", re.compile(
            rf"\bngày\s+(?P<d>\d{{1,2}})(?:{sep}(?P<d2>\d{{1,2}}))?\s+tháng\s+(?P<m>\d{{1,2}})"
            rf"(?:(?:\s+năm\s+|\s*[,/]\s*)(?P<y>{_YEAR}))?(?!\d)", re.IGNORECASE), False),
        ("mdy_en", re.compile(
            rf"\b(?P<mon>{mon})\s+(?P<d>\d{{1,2}}){_ORD}(?:{sep}(?P<d2>\d{{1,2}}){_ORD})?(?!\d)"
            rf"(?:,?\s+(?P<y>{_YEAR})(?!\d))?"), False),
        ("dmy_en", re.compile(
            rf"\b(?P<d>\d{{1,2}}){_ORD}(?:{sep}(?P<d2>\d{{1,2}}){_ORD})?\s+(?:of\s+)?(?P<mon>{mon})(?![\w])"
            rf"(?:,?\s+(?P<y>{_YEAR})(?!\d))?"), False),
        ("my_en", re.compile(rf"\b(?P<mon>{mon}),?\s+(?P<y>{_YEAR})(?!\d)"), False),
        ("my_vi", re.compile(rf"\btháng\s+(?P<m>\d{{1,2}})(?:\s*/\s*|\s+năm\s+)(?P<y>{_YEAR})(?!\d)",
                             re.IGNORECASE), False),
        # "13/11", "5-6", "5-14/6", "5/6 - 14/6": day and month without a year, only after a cue word
        ("dm_paren", re.compile(r"(?<=\()(?P<d>\d{1,2})(?P<s>[/.-])(?P<m>\d{1,2})(?=\))"), False),
        ("dm", re.compile(r"(?<![\d/.,-])(?P<d>\d{1,2})(?:\s*[-–]\s*(?P<d2>\d{1,2}))?(?P<s>[/-])(?P<m>\d{1,2})"
                          r"(?:\s*[-–]\s*(?P<d3>\d{1,2})(?P=s)(?P<m3>\d{1,2}))?(?![\d/.,]\d|\d|[-/]\d)"), True),
        # "Ngày 13.3", "sáng 9.3": day and month with a full stop (Vietnamese papers), only after a day-part, a
        # weekday, a relative day or "ngày" (_DOT_CUES): after "từ", "lúc" or "to", "2.5" is a number or a time
        ("dm_dot", re.compile(r"(?<![\d/.,-])(?P<d>\d{1,2})(?P<s>\.)(?P<m>\d{1,2})(?![\d/.,]\d|\d|[-/.]\d|%)"), True),
        ("year", re.compile(rf"\b(?:năm|in|since|until|by|from|of|mùa|khóa|niên khóa|the year)\s+(?P<y>{_YEAR})(?!\d)",
                            re.IGNORECASE), False),
    ]


# The patterns are scanned with the ``regex`` module (a well-kept drop-in for ``re``): ``re`` finds no first
# character to skip to in patterns that start with a look-behind or ``\b`` and tries a full match at every
# position, ``regex`` skips ahead; on VNTC leads and paragraphs it finds the same dates 3 to 8 times faster.
# The two engines agree on the characters of ordinary news text but not on every character (``\w`` holds
# combining marks in ``regex`` only, ``\s`` differs on a few control characters, case-insensitive "i" and "k"
# match odd letters such as "ı" or the Kelvin sign differently), so a text holding a character outside
# :func:`_regex_safe` is scanned with ``re``, the definition; ``tests/test_dates_fast.py`` checks the two.
_SAFE_RANGES = ((0x00, 0x250), (0x2000, 0x2070), (0x20A0, 0x20C0), (0x1E00, 0x1F00))


@lru_cache(maxsize=1)
def _regex_safe() -> re.Pattern:
    r"""A pattern finding the first character on which ``re`` and ``regex`` may disagree for the date patterns:
    one outside the characters (ASCII, Latin, Vietnamese letters, general punctuation) where both engines give
    the same ``\w``, ``\d``, ``\s`` and the same case-insensitive matches of every letter of the
    case-insensitive patterns."""
    import regex

    letters = sorted({c for _, rx, _ in _patterns() if rx.flags & re.IGNORECASE for c in rx.pattern if c.isalpha()})
    checks = [(re.compile(x, f), regex.compile(x, f | regex.V0)) for x, f in
              [(r"\w", 0), (r"\d", 0), (r"\s", 0)] + [(re.escape(c), re.IGNORECASE) for c in letters]]
    safe = [chr(c) for lo, hi in _SAFE_RANGES for c in range(lo, hi)
            if all(bool(a.fullmatch(chr(c))) == bool(b.fullmatch(chr(c))) for a, b in checks)]
    return re.compile("[^" + "".join(re.escape(c) for c in safe) + "]")


@lru_cache(maxsize=1)
def _fast_patterns() -> dict[str, object]:
    """The patterns of :func:`_patterns` compiled by ``regex`` (same source, same flags, ``re``-compatible
    version 0), by kind."""
    import regex

    out: dict[str, object] = {kind: regex.compile(rx.pattern, (rx.flags & ~re.UNICODE) | regex.V0)
                              for kind, rx, _ in _patterns()}
    out.update({name: regex.compile(rx.pattern, (rx.flags & ~re.UNICODE) | regex.V0)
                for name, rx in (("month_hint", _MONTH_HINT), ("th", _TH))})
    return out


_DIGIT = re.compile(r"\d")
# What every pattern that needs a year (_YEAR) needs somewhere in the text.
_YEAR_HINT = re.compile(r"(?:1[89]|20)\d\d")
_NEEDS_YEAR = frozenset({"ymd", "dmy", "my_en", "my_vi", "year"})
# What every pattern with a date separator needs (ymd, dmy, dm, dm_paren, dm_dot): a digit, "-", "/" or ".", a
# digit.
_SEP_HINT = re.compile(r"\d[-/.]\d")
_DAYLESS = frozenset({"my_en", "my_vi", "year"})  # the patterns that never give a day
_MONTH_HINT = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|"
                         r"OCT|NOV|DEC)")
# _MONTH_HINT without its \b: ``re`` skips to the first letters (J, F, M, A, S, O, N, D) instead of trying every
# position; the \b is checked in :func:`_has_month`
_MONTH_START = re.compile(_MONTH_HINT.pattern[2:])


def _has_month(text: str) -> bool:
    """``_MONTH_HINT.search(text)`` found something, about twice as fast on news text. A month's first letter is
    a word character (``\\w``: ``str.isalnum()`` or "_"), so ``\\b`` before it is a start of text or a character
    that is not one; a rejected match cannot hide one that is not (an overlapping one starts after a letter)."""
    for m in _MONTH_START.finditer(text):
        s = m.start()
        if not s:
            return True
        c = text[s - 1]
        if not (c.isalnum() or c == "_"):
            return True
    return False


_TH = re.compile("th", re.IGNORECASE)


@lru_cache(maxsize=32)
def _patterns_for(has_year: bool, has_month: bool, has_vi: bool, has_sep: bool, days: bool = False) -> tuple:
    """The patterns worth trying on a text, by what it holds: a year-shaped number, a month's name, "th" (of
    "tháng"), a date separator between digits; ``days``: only the patterns that give a day."""
    return tuple((kind, rx, needs_cue) for kind, rx, needs_cue in _patterns() if not (
        (kind in _NEEDS_YEAR and not has_year) or (kind in ("mdy_en", "dmy_en", "my_en") and not has_month)
        or (kind in ("vi_words", "my_vi") and not has_vi)
        or (kind in ("ymd", "dmy", "dm", "dm_paren", "dm_dot") and not has_sep)
        or (days and kind in _DAYLESS)))


def _cue_before(text: str, start: int) -> str:
    window = text[max(0, start - 28) : start]
    m = _CUE_RE.search(window)
    return m.group().strip(" ,(").casefold() if m else ""


def find_dates(text: str, *, cue_free_partial: bool = False, days: bool = False) -> list[DateMention]:
    """Every date stated in ``text``, in order, without overlaps (the longest reading wins).

    ``cue_free_partial`` also accepts a bare ``13/11`` with no cue word before it: for short strings known to
    hold a date (a page's date line, a dateline's date). ``days=True`` gives only the mentions that name a day
    (``precision == "day"``): the same as filtering the full list, sooner when the text names no day (the
    patterns that cannot name a day are then not tried; otherwise they are, since a mention of a year can
    hide an overlapping day: "since 2024-11-13" reads as the year).

    >>> [(m.text, m.iso) for m in find_dates("Ngày 30/4/1975 và ngày 2 tháng 9 năm 1945")]
    [('30/4/1975', '1975-04-30'), ('ngày 2 tháng 9 năm 1945', '1945-09-02')]
    >>> [m.iso for m in find_dates("Hà Nội, 31/2/2024 hoặc 29/2/2023")]
    []
    """
    if not _DIGIT.search(text):
        return []
    found: list[DateMention] = []
    fast = _fast_patterns() if _regex_safe().search(text) is None else None
    has_month = _has_month(text)  # the same for both engines: a safe text holds no character where \b differs
    has_vi = (_TH if fast is None else fast["th"]).search(text) is not None  # "tháng", any case ("NGÀY 2 THÁNG 9")
    has_sep = _SEP_HINT.search(text) is not None
    has_year = bool(_YEAR_HINT.search(text))
    # Cheap tests first: most lines name no month and hold no date separator.
    _scan(text, _patterns_for(has_year, has_month, has_vi, has_sep, days), fast, cue_free_partial, found)
    if days:
        if not found:
            return []
        # a day found: the patterns that give no day are tried too, so that overlaps are settled as without
        # ``days``; then only the days are kept
        dayless = [p for p in _patterns_for(has_year, has_month, has_vi, has_sep) if p[0] in _DAYLESS]
        _scan(text, dayless, fast, cue_free_partial, found)
    # Longest first, then earliest; drop mentions overlapping one already taken.
    found.sort(key=lambda x: (-(x.stop - x.start), x.start))
    taken: list[DateMention] = []
    for x in found:
        if all(x.stop <= t.start or x.start >= t.stop for t in taken):
            taken.append(x)
    if days:
        taken = [x for x in taken if x.day is not None]
    return sorted(taken, key=lambda x: x.start)


def _scan(text: str, patterns: tuple | list, fast: dict | None, cue_free_partial: bool,
          found: list[DateMention]) -> None:
    """Append to ``found`` the valid mentions that ``patterns`` (kind, regex, needs a cue) find in ``text``
    (``fast``: the same patterns compiled by ``regex``, when the text is safe for it)."""
    for kind, rx, needs_cue in patterns:
        for m in (rx if fast is None else fast[kind]).finditer(text):
            g = m.groupdict()
            cue = _cue_before(text, m.start())
            if kind == "dm_paren":
                cue = cue or "("
            if needs_cue and not cue and not cue_free_partial:
                continue
            if kind == "dm_dot" and not _DOT_CUES.match(cue):
                continue
            year = int(g["y"]) if g.get("y") else None
            month = int(g["m"]) if g.get("m") else _month(g.get("mon"))
            day_s = g.get("d") or g.get("dd")
            day = int(day_s) if day_s else None
            if kind in ("my_en", "my_vi", "year"):
                day = None
            if kind == "year":
                month = None
            if kind == "dmy" and month is not None and day is not None and not valid(year, month, day) \
                    and valid(year, day, month) and m.group("s") == "/":
                day, month = month, day  # US order "11/13/2024"
            if not valid(year, month, day):
                continue
            end = None
            if g.get("d3") and g.get("m3"):
                d3, m3 = int(g["d3"]), int(g["m3"])
                y3 = int(g["y3"]) if g.get("y3") else year
                if not valid(y3, m3, d3):
                    continue
                end = SimpleDate(y3, m3, d3)
            elif g.get("d2"):
                d2 = int(g["d2"])
                if not valid(year, month, d2) or d2 <= (day or 0):
                    continue
                end = SimpleDate(year, month, d2)
            if kind == "dm" and year is None and end is None and m.group("s") == "-" and not cue:
                continue
            found.append(DateMention(m.start(), m.end(), m.group(), SimpleDate(year, month, day), end, kind, cue))


def parse_date(text: str) -> DateMention | None:
    """The first date in a short string that is known to state one (a date line, a dateline's date).

    >>> parse_date("Thứ tư, 13/11/2024, 20:15").iso
    '2024-11-13'
    >>> parse_date("Nov 13").iso
    '--11-13'
    >>> parse_date("no date here") is None
    True
    """
    found = [m for m in find_dates(text, cue_free_partial=True) if m.precision != "year" or m.kind != "year"]
    return found[0] if found else None
