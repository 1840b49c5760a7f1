"""What one article says about its event (:class:`EventInfo`), shared by every step of :mod:`vnpe.events`."""

from __future__ import annotations

from dataclasses import dataclass, field

from vnpe.dates import SimpleDate
from vnpe.events.occasion import shown_date


@dataclass
class EventInfo:
    """What one article says about its event."""

    date: SimpleDate | None = None  # day precision, year maybe unknown
    year_from: str = ""  # "stated" with the date, "article date" (an inference), or "" (no year)
    place: str | None = None
    places: set[str] = field(default_factory=set)  # every city the text mentions
    names: set[str] = field(default_factory=set)  # multi-word names, folded
    acronyms: set[str] = field(default_factory=set)
    tokens: set[str] = field(default_factory=set)  # words of four letters or more of names, folded ("yagi")
    language: str = ""  # the article's language: dates a day apart match only across languages (time zones)
    warning: str = ""  # why the article has no anchor although it has text (unreadable dates or names)
    date_end: SimpleDate | None = None  # last day when the event date is a range ("August 18-20", "10-11/9")
    place_from: str = ""  # "dateline" (the article's place or a "LIMA —" opening), "text" (most mentioned), ""
    lead: str = ""  # title and first paragraph (LEAD_CHARS at most): what happened, compared within one language
    lead_keys: bytes = b""  # its lead_terms as sorted 64-bit hashes (lead_keys(); made where the article was read)
    stages: frozenset[str] | None = None  # steps of a story its opening names (story_stages(); None: not read)
    date_recalled: bool = False  # the event date is told in a sentence that recalls it (see _told_as_recall)
    published: SimpleDate | None = None  # the article's own day (``date`` / ``date_partial`` columns), not its event's

    @property
    def month_day(self) -> tuple[int, int] | None:
        return (self.date.month, self.date.day) if self.date is not None else None

    @property
    def year(self) -> int | None:
        return self.date.year if self.date is not None else None

    @property
    def date_label(self) -> str:
        """ISO date (``2024-11-13``; ``--11-13`` without a year); the year may be a guess (see ``year_from``)."""
        return self.date.iso if self.date is not None else ""

    @property
    def date_shown(self) -> str:
        """The date as a person should read it: a guessed year carries a question mark (``2024?-11-13``)."""
        return shown_date(self.date_label, self.year_from)
