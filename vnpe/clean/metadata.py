"""Step 8 of cleaning: the article's fields, taken only from where outlets put them, and each line's text.

* **Dateline and outlet tag** at the start of the lead: "LIMA, Nov 13 (VNA) –", "HÀ NỘI (TTXVN) -",
  "TTO - ", "(Dân trí) - ". A listed outlet or agency is the ``outlet`` / ``agency``, never a place; a place is
  filled only when it is a known place (see :func:`vnpe.clean.vocabulary.is_known_place`) or a dateline in
  capitals followed by a listed agency or a date. The prefix is cut from the line's ``text`` (span recorded).
  Wire shapes: a state or region between place and date ("AKRON, Ohio, March 4 -": the place is Akron, never the
  region), and a dateline alone on one of the page's first lines ("WASHINGTON, April 3 -", the story on the next
  line; that line keeps its role and text). The dateline's day comes before a day the lead names.
* **Inline credits and captions** inside a kept line ("(Ảnh: PV/Vietnam+)", "… thắng. Ảnh: EPA") and a
  trailing agency signature ("— VNA/VNS") are cut from ``text`` with their span recorded.
* **agency**: listed agencies credited by the source line under the title, the dateline, signatures and
  trailing signatures; never by a photo credit (it credits the photo, not the article). **byline**: found by
  the header, signature and trailer steps.
* **date**: the article's own date from the header's date lines or front matter (an export's "date 2025-01-06 "
  opening the page's first line counts whatever that line is, caption or byline), the dateline, a day the
  headline states, or the lead's opening (see :meth:`FieldReader._lead_dates`): a day that a day-part,
  weekday, relative day, "on" or "vào" introduces. Day and month without a year go to ``date_partial``
  (``--MM-DD``).
* HTML entities are decoded in ``text`` ("&amp;" -> "&"); ``raw`` keeps them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from vnpe.clean.context import is_paragraph
from vnpe.clean.lines import KEPT_ROLES, Line
from vnpe.clean.vocabulary import Vocabulary, is_known_place
from vnpe.dates import DAY_PARTS_VI, WEEKDAYS_EN, DateMention, find_dates, parse_date
from vnpe.text import alternation, first_sentence

# "LIMA (VNA) –", "NICE —", "HÀ NỘI, 13/11 (TTXVN) -", "date 2025-06-10 NICE —", "TTO - " at the start of a paragraph;
# the wire shapes with a state or region between the place and the date: "AKRON, Ohio, March 4 -", "KANSAS CITY, Mo.,
# March 4 -", "COMMACK, N.Y., Feb 26 -" (the region, words in letters and dots, is never the place), a date with its
# year: "WASHINGTON, March 4, 1987 -", and a hyphenated name: "WINSTON-SALEM, N.C., June 29 -".
_DATELINE_SHAPE = (
    r"^(?:date\s+(?P<iso>\d{4}-\d{2}-\d{2})\s+)?"
    r"(?P<place>[A-ZÀ-ỸĐ][\w.'’&+]*(?:-[A-ZÀ-ỸĐ][\w.'’&+]*)?(?: [A-ZÀ-ỸĐ][\w.'’&+]*(?:-[A-ZÀ-ỸĐ][\w.'’&+]*)?){0,3})"
    r"(?:,\s*(?P<region>[A-ZÀ-ỸĐ][^\W\d_]*\.?(?: ?[A-ZÀ-ỸĐ][^\W\d_]*\.?){0,2})(?=,|\s*[(—–-]))?"
    r"(?:,\s*(?P<when>[\w /.]{2,25}?(?:,\s*\d{4})?))?\s*(?:\((?P<agency>[^()]{2,30})\))?\s*[—–-]{1,2}"
)
_DATELINE = re.compile(_DATELINE_SHAPE + r"\s+(?=\S)")
# The same shape standing alone on its line, the story on the next: "WASHINGTON, April 3 -".
_DATELINE_ALONE = re.compile(_DATELINE_SHAPE + r"\s*$")
# "(Dân trí) - ", "(VnMedia) – ": a source in parentheses opening the lead.
_SOURCE_TAG = re.compile(r"^\((?P<agency>[^()]{2,30})\)\s*[—–-]{1,2}\s+(?=\S)")
# A weekday opening a date line of the page ("THỨ HAI, 13/11/2023 -") is no place.
# ("thứ" before any word: "THỨ 2" as "thứ hai")
_WEEKDAY = re.compile(r"(?i)" + alternation((*WEEKDAYS_EN, "thứ", "chủ nhật")) + r"\b")
_DATE_PREFIX = re.compile(r"^date\s+(?P<iso>\d{4}-\d{2}-\d{2})\s+(?=\S)")
_TRAILING_SIGNATURE = re.compile(r"\s+[—–-]{1,2}\s*(?P<who>[A-ZĐ][\w+]{1,11}(?:\s*/\s*[A-ZĐ][\w+]{1,11}){0,3})\s*$")
# "© 2017 The Jakarta Post", "Copyright © 2005-2024 Báo điện tử Dân trí", "Bản quyền thuộc về Báo Tuổi Trẻ": the
# owner a copyright notice names, up to the next separator.
_COPYRIGHT_OWNER = re.compile(
    r"(?:©|\(c\)|\bcopyright\b|\bbản quyền(?: thuộc(?: về)?)?)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"(?:copyright\s+)?(?:by\s+|of\s+)?(?P<name>[A-ZĐÀ-Ỹ][^.,;|:()©\n]{1,50}?)"
    r"\s*(?=$|[.,;|:()©]|\s[-–—]\s|\s(?:all rights|giữ bản quyền))",
    re.IGNORECASE)
_SOURCES_SPLIT = re.compile(r"[/,;]| và | and ")
_CREDIT_SPLIT = re.compile(r"[/,;&()]| and | và ")
_SPACES = re.compile(r"\s{2,}")
_DIGIT = re.compile(r"\d")
_CREDIT_WORD = re.compile(r"^(?:theo|nguồn|source|sources|via)\s*:?\s*", re.IGNORECASE)
_COPYRIGHT_WORD = re.compile(r"\bcopyright\b|\(c\) ?\d{4}|bản quyền", re.IGNORECASE)
# A publication's name: "The Detroit News", "National Review", "Press TV", "Báo Lao Động", "Tạp chí Tài chính".
_PUBLICATION = re.compile(
    r"^(?:báo|tạp chí)\s|\s(?:post|news|times|daily|herald|tribune|journal|gazette|review|magazine|chronicle|"
    r"observer|express|telegraph|standard|online|tv|radio|press|weekly|monitor|inquirer|insider|plus)$",
    re.IGNORECASE)
# A day-part or weekday before a date: the day something happened (also with a year).
_STRONG_CUE = re.compile(alternation((*DAY_PARTS_VI, "hôm", "thứ", "chủ nhật", "today", "yesterday", "tonight", "nay",
                                      "qua")) + r"|day\b", re.IGNORECASE)


@dataclass
class Prefix:
    """What a lead's opening tag states, and where it ends."""

    end: int
    kind: str  # "dateline" or "outlet_tag"
    place: str | None = None
    agencies: tuple[str, ...] = ()
    outlet: str | None = None
    date: DateMention | None = None


def read_prefix(text: str, vocab: Vocabulary, alone: bool = False) -> Prefix | None:
    """The dateline or outlet tag opening a paragraph, validated; ``None`` when there is none. ``alone``: the
    whole line is a dateline with a place, the story on the next line ("WASHINGTON, April 3 -").

    A state or region between the place and the date is never the place ("AKRON, Ohio, March 4 -" is Akron).

    >>> from vnpe.clean.vocabulary import default_vocabulary
    >>> v = default_vocabulary()
    >>> p = read_prefix("LIMA, Nov 13 (VNA) – The two sides signed.", v)
    >>> p.place, p.agencies, p.date.iso
    ('Lima', ('VNA',), '--11-13')
    >>> read_prefix("TTO - Sáng 5-6, ...", v).outlet, read_prefix("HAGL - Đội bóng ...", v)
    ('Tuổi Trẻ', None)
    >>> p = read_prefix("KANSAS CITY, Mo., March 4 - The company said ...", v)
    >>> p.place, p.date.iso, read_prefix("WASHINGTON, April 3 -", v, alone=True).place
    ('Kansas City', '--03-04', 'Washington')
    """
    head = text[:70]  # a dateline or a tag opens the line: "HÀ NỘI, 13/11 (TTXVN) -" is well under 70 characters
    if "-" not in head and "–" not in head and "—" not in head:
        m = _DATE_PREFIX.match(text) if not alone else None
        return Prefix(m.end(), "dateline", date=parse_date(m.group("iso"))) if m else None
    if alone:
        m = _DATELINE_ALONE.match(text) if len(text) <= 70 else None
        p = _dateline(m, vocab) if m else None
        return p if p is not None and p.kind == "dateline" and p.place else None
    m = _SOURCE_TAG.match(text)
    if m:
        return _sources_prefix(m.end(), m.group("agency"), vocab)
    m = _DATELINE.match(text)
    if not m:
        m2 = _DATE_PREFIX.match(text)
        return Prefix(m2.end(), "dateline", date=parse_date(m2.group("iso"))) if m2 else None
    return _dateline(m, vocab)


def _dateline(m: re.Match, vocab: Vocabulary) -> Prefix | None:
    """The dateline-shaped opening ``m`` matched, validated (see :func:`read_prefix`)."""
    text = m.string
    g = m.groupdict()
    place = g["place"]
    outlet = vocab.outlet_name(place)
    agency_here = vocab.agency_name(place)
    agencies = tuple(a for a in _split_sources(g.get("agency") or "") if vocab.agency_name(a))
    outlets_in_paren = [a for a in _split_sources(g.get("agency") or "") if vocab.outlet_name(a)]
    when = parse_date(g["when"]) if g.get("when") else None
    iso = parse_date(g["iso"]) if g.get("iso") else None
    if iso is not None and iso.day is not None and when is not None and when.year is None \
            and (when.month, when.day) == (iso.month, iso.day):
        when = iso  # "date 2023-09-10 VIETNAM, September 10 -": the export's full date is the same day
    if outlet or agency_here:
        # "TTO - ", "VNA - ": a source tag, not a place
        return Prefix(m.end(), "outlet_tag", agencies=((place,) if agency_here else ()) + agencies,
                      outlet=outlet or (vocab.outlet_name(outlets_in_paren[0]) if outlets_in_paren else None),
                      date=when or iso)
    letters = [c for c in place if c.isalpha()]
    capitals = len(letters) >= 2 and place.isupper()
    known = is_known_place(place)
    shaped = capitals and (agencies or when is not None or iso is not None)
    if (not (known and (capitals or agencies or when or iso or g.get("agency"))) and not shaped) \
            or _WEEKDAY.match(place):
        if iso is not None:
            m2 = _DATE_PREFIX.match(text)
            return Prefix(m2.end(), "dateline", date=iso) if m2 else None
        return None
    return Prefix(m.end(), "dateline", place=_place(place), agencies=agencies,
                  outlet=vocab.outlet_name(outlets_in_paren[0]) if outlets_in_paren else None, date=when or iso)


def _sources_prefix(end: int, inside: str, vocab: Vocabulary) -> Prefix | None:
    parts = _split_sources(inside)
    agencies = tuple(p for p in parts if vocab.agency_name(p))
    outlets = [vocab.outlet_name(p) for p in parts if vocab.outlet_name(p)]
    if not agencies and not outlets:
        return None
    return Prefix(end, "outlet_tag", agencies=agencies, outlet=outlets[0] if outlets else None)


def _split_sources(text: str) -> list[str]:
    return [p.strip() for p in _SOURCES_SPLIT.split(text) if p.strip()]


# Small words inside a place's name, written in small letters once the name in capitals is title-cased.
_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "del", "la", "le", "of", "the", "es", "al", "el"})


def _place(text: str) -> str:
    """ "RIO DE JANEIRO" -> "Rio de Janeiro"; a name not in capitals is kept as written."""
    text = text.strip().split(",")[0].strip()
    if not text.isupper():
        return text
    words = text.title().split(" ")
    return " ".join([words[0]] + [w.lower() if w.lower() in _PARTICLES else w for w in words[1:]])


def strip_prefix_for_key(text: str) -> str:
    """A line without a dateline-shaped opening, for comparing repeated leads (no validation needed)."""
    head = text[:100]
    if "-" not in head and "–" not in head and "—" not in head and not head.startswith("date "):
        return text
    m = _DATELINE.match(text) or _SOURCE_TAG.match(text) or _DATE_PREFIX.match(text)
    return text[m.end():] if m else text


class FieldReader:
    """Fills the article's fields and each kept line's ``text`` (see the module docstring)."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab

    def read(self, lines: list[Line], found: dict, sources: list[str], language: str = "",
             credits: bool | AbstractSet[int] = True) -> dict:
        """Return ``place``, ``agency``, ``outlet``, ``date``, ``date_partial`` and set ``Line.text``
        (``credits=False``: the page holds no credit word, see :meth:`Vocabulary.may_credit`; a set: the lines,
        ``line_no - 1``, that hold one, see :meth:`Vocabulary.credit_lines`)."""
        v = self.vocab
        out: dict = {"place": found.get("place"), "outlet": None, "date": None, "date_partial": None}
        agencies: list[str] = [a for a in sources if v.agency_name(a)]
        # (the credit lines by the story are looked for only when a source names an outlet that is no agency)
        named = [v.outlet_name(a) for a in sources if v.outlet_name(a) and not v.agency_name(a)]
        near = _credits_near_story(lines, v) if named else set()
        outlet_credits = [name for name in named if name in near]
        dates: list[DateMention] = [d for d in found.get("dates", []) if d is not None]
        # one pass: the kept lines, the first body line (the lead), the first title line, the duplicates
        kept: list[Line] = []
        duplicates: list[Line] = []
        lead_line = title_line = None
        front_date = None  # "date 2025-01-06 " opening the page's first line, whatever that line is (an export)
        alone: list[Prefix] = []
        opening = 0
        for ln in lines:
            role = ln.role
            if front_date is None and role != "blank":
                m = _DATE_PREFIX.match(ln.norm) if ln.norm.startswith("date ") else None
                front_date = parse_date(m.group("iso")) if m else False
            if opening < 4 and role != "blank":
                opening += 1
                # a dateline on its own line among the page's first lines, the story on the next ("WASHINGTON,
                # April 3 -"), whatever role the line's shape gave it (a heading, a table cell, a paragraph). Its
                # role and text are left as they are: the events layer reads the event's day from the story text.
                p = read_prefix(ln.norm, v, alone=True) if role not in ("title", "duplicate") and not alone else None
                if p:
                    alone = [p]
            if role in KEPT_ROLES:
                kept.append(ln)
                if role == "body":
                    if lead_line is None:
                        lead_line = ln
                elif role == "title" and title_line is None:
                    title_line = ln
            elif role == "duplicate":
                duplicates.append(ln)
        prefix_date = None
        for ln in duplicates:
            if not out["place"]:  # a repeated lead may carry the only dateline
                p = read_prefix(ln.norm, v)
                if p:
                    out["place"] = p.place
                    agencies.extend(p.agencies)
        for ln in kept:
            t = ln.norm
            if ln.role == "body":
                p = read_prefix(t, v)
                if p and (ln is lead_line or p.kind == "outlet_tag" or (p.kind == "dateline" and p.place)):
                    ln.cuts.append((0, p.end, p.kind))
                    ln.reason = f"story text; {p.kind.replace('_', ' ')} {t[: p.end].strip()!r} moved to metadata"
                    out["place"] = out["place"] or p.place
                    out["outlet"] = out["outlet"] or p.outlet
                    agencies.extend(p.agencies)
                    if p.date is not None and prefix_date is None:
                        prefix_date = p.date
                start = ln.cuts[0][1] if ln.cuts else 0
                end = t[-60:]
                m = (_TRAILING_SIGNATURE.search(t, max(start, len(t) - 60))
                     if "-" in end or "–" in end or "—" in end else None)
                if m and m.start() >= start:
                    parts = [x.strip() for x in m.group("who").split("/")]
                    if all(v.agency_name(x) or v.outlet_name(x) for x in parts):
                        agencies.extend(x for x in parts if v.agency_name(x))
                        ln.cuts.append((m.start(), len(t), "signature"))
                        ln.reason += f"; signature {m.group().strip()!r} moved to metadata"
            if ((credits is True or (credits and ln.line_no - 1 in credits))  # type: ignore[operator]
                    and ln.role in ("body", "list", "heading")):
                for m in v.credits_in(t):
                    if not ln.cuts or all(m.start() >= b or m.end() <= a for a, b, _ in ln.cuts):
                        ln.cuts.append((m.start(), m.end(), "credit"))
                        ln.reason += f"; inline credit {m.group().strip()!r} cut"
            ln.text = _text_without(t, ln.cuts) if ln.role != "title" else (ln.text or t)
            if ln.role == "heading" and ln.text.startswith("#"):
                ln.text = ln.text.lstrip("#").strip()
            if "&" in ln.text:
                ln.text = html.unescape(ln.text)
        for p in alone:  # a dateline on its own line, the story on the next
            out["place"] = out["place"] or p.place
            agencies.extend(p.agencies)
            if p.date is not None and prefix_date is None:
                prefix_date = p.date
        # date: header date lines, the dateline, then the lead's first sentence
        candidates = list(dates)
        if prefix_date is not None:
            candidates.append(prefix_date)
        if front_date:
            candidates.append(front_date)
        story = _StoryYears(kept)
        if not candidates and title_line is not None:
            candidates.extend(self._title_dates(title_line.text, story))
        if not candidates and lead_line is not None:
            candidates.extend(self._lead_dates(lead_line.text, story, language))
        for d in candidates:
            if d.year is not None and d.day is not None:
                out["date"] = d.iso
                break
        if out["date"] is None:
            for d in candidates:
                if d.year is None and d.day is not None:
                    out["date_partial"] = d.iso
                    break
        seen: list[str] = []
        for a in agencies:
            a = a.strip()
            if a and a not in seen and not any(v.agency_name(a) == v.agency_name(s) for s in seen):
                seen.append(a)
        out["agency"] = ";".join(seen) or None
        # The lead's tag, then the page's own furniture (its publisher), then source credits (where the copy came
        # from: "(Vientiane Times/ANN)" on another outlet's page).
        out["outlet"] = out["outlet"] or page_outlet(lines, v) or (outlet_credits[0] if outlet_credits else None)
        return out

    @staticmethod
    def _title_dates(text: str, story: _StoryYears) -> list[DateMention]:
        """A day the headline states ("Giá vàng ngày 6/2", "ĐIỂM TIN SÁNG (6.2)"), when not a past year's."""
        for m in find_dates(text, days=True):
            if m.year is None or story.is_latest(m):
                return [m]
        return []

    @staticmethod
    def _lead_dates(text: str, story: _StoryYears, language: str = "") -> list[DateMention]:
        """The lead's date: a day that a day-part, weekday, relative day, "on" or "vào" introduces, in the
        lead's opening clause (Vietnamese leads open with it: "Sáng 17/11, …") or its first sentence (English:
        "… met in Hanoi on March 3, 2025"). With a year it needs a day-part or weekday, or "on" and the latest
        year the story names: "ngày 30/4/1975" in a story that reaches 2005 is history, not the story's day."""
        if not _DIGIT.search(text, 0, 400):
            return []  # (no date in the first sentence)
        head = first_sentence(text[:400])
        for m in find_dates(head, days=True):
            if not m.occasion:
                continue
            if language == "vi" and ("," in head[: m.start] or m.start > 80):
                continue
            if m.year is not None and not _STRONG_CUE.search(m.cue) and (m.cue != "on" or not story.is_latest(m)):
                continue
            return [m]
        return []


def page_outlet(lines: list[Line], vocab: Vocabulary) -> str | None:
    """The outlet the page's own furniture names, where outlets put their name: the owner a copyright notice
    names ("© 2017 The Jakarta Post", "Bản quyền thuộc về Báo Tuổi Trẻ") or a listed outlet in a share /
    subscribe / write-in prompt ("Share the best of The Jakarta Post with friends"). A copyright owner is taken
    when it is a listed outlet or publication-shaped (its name ends with "Post", "News", "Times", "Review"…, or
    starts with "Báo"/"Tạp chí"); never a company ("… Communications, Inc.", "… Pty Ltd"), a person or an agency
    ("© Reuters / David Mercado" credits a photo). Body text naming an outlet ("theo báo Thanh Niên") is never
    read here.

    >>> from vnpe.clean.vocabulary import default_vocabulary
    >>> ln = Line(9, "© 2024 Hanoi Daily. All rights reserved", "", "© 2024 Hanoi Daily. All rights reserved")
    >>> ln.role = "footer"
    >>> page_outlet([ln], default_vocabulary())
    'Hanoi Daily'
    """
    for ln in lines:
        if ln.role == "prompt":
            named = vocab.outlets_named(ln.norm)
            if named:
                return named[0]
        elif ln.role == "footer" and ("©" in ln.norm or _COPYRIGHT_WORD.search(ln.norm)):
            for m in _COPYRIGHT_OWNER.finditer(ln.norm):
                name = m.group("name").strip(" -–—")
                if vocab.agency_name(name):
                    continue
                named = vocab.outlet_name(name)
                if named:
                    return named
                if len(name.split()) <= 6 and _PUBLICATION.search(name):
                    return name
    return None


def _credits_near_story(lines: list[Line], vocab: Vocabulary) -> set[str]:
    """Outlets that a bare credit line ("The Jakarta Post", "— TTO") names when it stands by the story: within two
    lines of the title, a paragraph or the author's line. A line of outlet names among other short lines is a
    list of a group's sites in the page's footer ("News Corp / WSJ.com / New York Post"), not a credit."""
    content = [ln for ln in lines if ln.role != "blank"]
    out: set[str] = set()
    for k, ln in enumerate(content):
        if ln.role != "signature":
            continue
        around = content[max(0, k - 2) : k] + content[k + 1 : k + 3]
        if any(o.role in ("title", "byline") or (o.kept and is_paragraph(o.norm)) for o in around):
            for part in _CREDIT_SPLIT.split(ln.norm):
                name = vocab.outlet_name(_CREDIT_WORD.sub("", part.strip(" —–-")))
                if name:
                    out.add(name)
    return out


class _StoryYears:
    """The latest year the story's dates name, read (once) only when a date has to be checked against it."""

    def __init__(self, story: list[Line]) -> None:
        self._story = story  # (the kept lines, whose ``text`` is final)
        self._latest: int | None = None
        self._read = False

    def is_latest(self, m: DateMention) -> bool:
        """Does no other date of the story name a later year than this one?"""
        if not self._read:
            mentions = [d for ln in self._story for d in find_dates(ln.text)]
            years = [d.year for d in mentions if d.year is not None]
            years += [d.end.year for d in mentions if d.end is not None and d.end.year]
            self._latest = max(years) if years else None
            self._read = True
        return self._latest is None or self._latest <= (m.year or 0)


def _text_without(text: str, cuts: list[tuple[int, int, str]]) -> str:
    if not cuts:
        return text
    out, pos = "", 0
    for a, b, _ in sorted(cuts):
        if a < pos:
            continue
        out += text[pos:a]
        pos = b
        rest = text[pos:]
        if rest[:1] in (".", ",", ";", ":", "!", "?"):  # "tăng (Ảnh: PV). Giá" -> "tăng. Giá"
            out = out.rstrip()
    out += text[pos:]
    return _SPACES.sub(" ", out).strip()
