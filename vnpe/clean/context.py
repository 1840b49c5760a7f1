"""Steps 2–7 of cleaning: rules that need a line's neighbours.

2. **Header** — date lines above the title; the first line is the title when it reads like a headline and
   a paragraph follows; name-shaped lines, "(from …)" lines and date lines just under it are the byline
   and the dateline.
3. **Tables** — a run of short cells printed one per line (at least six, numbers among them: standings,
   results, line-ups) or of lines with columns is a ``table``, kept; its repeated cells ("0", "1") are
   not duplicates.
4. **Repeats** — a line equal to an earlier one is a duplicate of it: a repeated caption is a caption, a
   repeated title is an image's alt text.
5. **Images** — the short line under an image marker is its caption; in pages with blank lines between
   paragraphs, a short one-sentence line glued under a paragraph is an unmarked caption.
6. **Related lists** — from a related heading, or from a listed headline that is repeated, followed by a
   teaser ending in "…", or by two more listed headlines (no final ``?``/``!``, no bullet: questions and
   dialogue are not headlines), lines are list items while they are headlines, repeats, captions, teasers,
   or paragraphs right after a headline most of whose proper names the story has not used.
7. **Structure and short lines** — a short headline-shaped line between paragraphs is a ``heading`` (kept);
   bullet and dash-led lines are ``list`` items or dialogue (kept); a remaining short line with few
   function words and no final punctuation is ``boilerplate`` (jusText's rule); the rest is ``body``.
   Then the trailer: name-shaped lines and initials right after the last paragraph are the byline.

Steps 6 and 7 read headline shape (capitalised words) and function words, which are known only for the
registered languages (:mod:`vnpe.languages`: English and Vietnamese). In a page in any other language
(German capitalises every noun; its function words are in no list) a headless related list and the
short-line rule are not looked for: such lines stay story text, since dropping them would be a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from vnpe.clean.lines import (
    BULLETS,
    ELLIPSIS_END,
    INITIALS,
    KEPT_ROLES,
    LENGTH_HIGH,
    LENGTH_LOW,
    SENT_FINAL,
    STOPWORDS_LOW,
    WORDS,
    Line,
    doubled,
    has_digit,
    is_cell,
    is_headline,
    listed_headline,
    name_like,
    stopword_density,
)
from vnpe.clean.vocabulary import Vocabulary, function_words, is_known_place
from vnpe.dates import find_dates, parse_date
from vnpe.languages import get_language
from vnpe.text import fold, sentences

# A paragraph after a listed headline is story text when at least this share of its names (at least two)
# already occur in the story.
NAME_OVERLAP = 0.5
# A run of cells one per line is a table from this many cells, with at least this share holding a digit.
TABLE_MIN_CELLS = 6
_BAR_ROW = re.compile(r"^\|.*\|.*\|$")  # at least two cells between bars
_BAR_RULE = re.compile(r"^\|(\s*:?-{3,}:?\s*\|)+$")
TABLE_DIGIT_SHARE = 0.3
# A section heading: at most this many words.
HEADING_MAX_WORDS = 15


# What a page's date stamp holds besides the date: times, time zones, weekdays, "updated", "published".
_STAMP_WORDS = re.compile(
    r"\d{1,2}\s*[:hg]\s*\d{2}(?:\s*(?:am|pm|sa|ch))?|gmt\s*[+-]?\s*\d*|utc\s*[+-]?\s*\d*|\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|"
    r"bảy)|chủ nhật|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"cập nhật|cập nhập|đăng|lúc|ngày|giờ|phút|trước|updated?|published|posted|last|on|at|ict|est|edt|bst|"
    r"am|pm|ago|hours?|minutes?|mins?)\b",
    re.IGNORECASE)


def is_date_line(text: str) -> bool:
    """A short line that is a date stamp ("Thứ tư, 13/11/2024, 20:15", "Published: Nov 13, 2024 10:05 am"):
    once the date, times and stamp words are taken out, at most two words are left."""
    if len(text) > 80 or len(text.split()) > 12:
        return False
    m = parse_date(text)
    if m is None:
        return False
    rest = _STAMP_WORDS.sub(" ", text[: m.start] + " " + text[m.stop :])
    return len(WORDS.findall(rest)) <= 2


def is_paragraph(text: str) -> bool:
    return len(text) >= LENGTH_LOW or text.endswith(SENT_FINAL)


# Titles before an author's name: "BS. Lê Anh Tiến", "ThS Nguyễn An", "Dr. Jane Doe"
_HONORIFIC = re.compile(r"^(?:BS|ThS|TS|PGS|GS|KS|LS|NSƯT|NSND|CTV|PV|Dr|Prof)\.?(?:\s*(?:TS|BS)\.?)?\s+(?=[A-ZĐÀ-Ỹ])")


# Words that make a name-shaped line a desk, a role or an office rather than a person ("News Desk",
# "Parish Clerk", "Ban Thời sự")
_NOT_A_PERSON = frozenset(
    "desk staff team newsroom editorial bureau correspondent correspondents reporter reporters editor editors "
    "clerk secretary council office department committee board agency press news post times daily online "
    "magazine service services group contact details ban phòng nhóm tòa toà soạn báo đài center centre hall palace "
    "stadium hotel building house street road university school hospital church park square airport ministry "
    "embassy exhibition festival conference summit".split())


# "Fabien Penone and Ina Lepel", "A, B và C": the separators between names
_NAMES_SPLIT = re.compile(r",\s+|\s+(?:and|và|&)\s+")


def person_name(text: str, vocab: Vocabulary) -> bool:
    """Name-shaped: two to five capitalised words (or initials), not a place, an outlet, an agency, or a desk."""
    text = _HONORIFIC.sub("", text)
    if INITIALS.match(text) or _INITIALS_NAME.match(text):
        return True
    # (the separators need a comma, "and", "và" or "&": without one the line is one part)
    parts = _NAMES_SPLIT.split(text) if ("," in text or "and" in text or "và" in text or "&" in text) else [text]
    if len(parts) > 1:  # "Fabien Penone and Ina Lepel": every part a name
        return len(parts) <= 4 and all(person_name(p, vocab) for p in parts)
    if not name_like(text) or len(text.split()) < 2:
        return False
    if any(w.casefold() in _NOT_A_PERSON for w in text.split()):
        return False
    if any(len(w) > 14 for w in text.split()):
        return False
    return not (is_known_place(text) or vocab.outlet_name(text) or vocab.agency_name(text))


def _proper_names(text: str) -> set[tuple[str, ...]]:
    """Runs of capitalised words that do not start a sentence ("Dina Boluarte", "Trung Đông"), case-folded."""
    names: set[tuple[str, ...]] = set()
    for sent in sentences(text):
        run: list[str] = []
        for w in [*WORDS.findall(sent)[1:], ""]:
            if w and w[0].isupper() and len(w) > 1:
                run.append(w.casefold())
            elif run:
                names.add(tuple(run))
                run = []
    return names


class _StoryNames:
    """Name tokens of the story so far, extracted only when a teaser has to be judged (it rarely has to)."""

    def __init__(self) -> None:
        self._pending: list[str] = []
        self._tokens: set[str] = set()
        self._texts: list[str] = []
        # the texts case-folded so far, each once: folding maps each character on its own, so the story's
        # folding is theirs joined
        self._folded_texts: list[str] = []
        self._folded: str | None = None

    def add(self, text: str) -> None:
        self._pending.append(text)
        self._texts.append(text)
        self._folded = None

    def tokens(self) -> set[str]:
        if self._pending:
            ws = WORDS.findall(" ".join(self._pending))
            self._tokens.update({w.casefold() for w in ws if w[0].isupper() and len(w) > 1})
            self._pending.clear()
        return self._tokens

    def has_all(self, name: tuple[str, ...]) -> bool:
        """Are all of a name's case-folded tokens names of the story? A token that does not even occur in the
        story's case-folded text is not (case-folding maps each character on its own), so the story is only cut
        into words when every token of the name does occur in it."""
        if self._folded is None:
            self._folded_texts += [t.casefold() for t in self._texts[len(self._folded_texts):]]
            self._folded = " ".join(self._folded_texts)
        if not all(t in self._folded for t in name):
            return False
        tokens = self.tokens()
        return all(t in tokens for t in name)


def _is_teaser(text: str, story_names: _StoryNames, list_continues: Callable[[], bool]) -> bool:
    """Is a paragraph that follows a listed headline the teaser of that headline, or the story resuming?
    (The story's names and whether the list goes on are only worked out when the answer depends on them.)"""
    names = _proper_names(text)
    if len(names) < 2:
        return True
    share = sum(story_names.has_all(name) for name in names) / len(names)
    return share < NAME_OVERLAP or (share < 1.0 and list_continues())


class ContextRules:
    """Steps 2–7 (see the module docstring). Stateless: every call works on the lines it is given."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        words = "|".join(re.escape(w) for w in sorted(vocab.credit_words, key=len, reverse=True))
        # "… nhân công giá rẻ dồi dào. Ảnh:" — a caption whose credit goes on to the next line
        self._credit_open = re.compile(rf"[.!?…\"”]\s*(?:{words})\s*:\s*$", re.IGNORECASE)

    # -- 2. header ------------------------------------------------------------------------------------------
    def header(self, lines: list[Line], allow_title: bool = True, language: str = "",
               stated_title: str | None = None) -> dict:
        """Label the header; return what it states: ``title``, ``byline``, ``place``, ``dates`` (mentions).

        ``stated_title`` is the title the file states (an HTML page's metadata, a table's ``title`` column):
        when the page's first line is that title, it is the title line whatever its shape."""
        found: dict = {"dates": []}
        _front_matter(lines, found)
        content = [ln for ln in lines if ln.role != "blank"]
        if not content:
            return found
        top = 0
        first = content[0]
        if allow_title and stated_title and not first.role and fold(first.norm) == fold(stated_title):
            first.role, first.reason = "title", "the title the file states (page metadata or a title column)"
            first.text = first.norm
            found["title"] = first.text
        else:  # date lines and section labels above the headline
            while top < min(len(content), 6):
                ln = content[top]
                if not ln.role and is_date_line(ln.norm):
                    ln.role, ln.reason = "dateline", "date (and time) line of the page"
                    found["dates"].append(parse_date(ln.norm))
                elif not ln.role and len(ln.norm.split()) <= 2 and not is_paragraph(ln.norm) and any(
                        not o.role and listed_headline(o.norm) for o in content[top + 1 : top + 3]):
                    ln.role, ln.reason = "navigation", "section label above the headline"
                elif not ln.role:
                    break
                top += 1
            if top >= len(content):
                return found
            first = content[top]
        if allow_title and not found.get("title") and not first.role and is_headline(first.norm) and any(
                not ln.role and is_paragraph(ln.norm) for ln in content[top + 1 :]):
            first.role, first.reason = "title", "first line of the page that reads like a headline"
            first.text = _MD_HEADING.sub("", first.norm)
            found["title"] = first.text
        start = top + 1 if first.role == "title" else top
        header_zone = content[start : start + 7]
        common = _LazyWords(lines) if language == "en" else frozenset()

        def header_like(ln: Line) -> bool:
            t = ln.norm
            if ln.role == "signature" or (not ln.role and _desk(t)):
                return True
            return not ln.role and len(t) <= 60 and (
                is_date_line(t) or bool(_PAREN_SOURCE.match(t)) or (len(t.split()) <= 3 and is_known_place(t))
                or self._author(t, common) or (len(t.split()) <= 4 and _known_place_line(t)))

        standfirst = False
        title_key = fold(found["title"]) if found.get("title") else None
        for k, ln in enumerate(header_zone):
            if ln.role or (title_key and fold(ln.norm) == title_key):
                continue
            t = ln.norm
            m_from = _from_place(t)
            m_by = self.vocab.byline.match(t)
            m_src = _PAREN_SOURCE.match(t)
            # A header line stands alone: not one of a block of short cells (a table that starts the page).
            nxt = header_zone[k + 1].norm if k + 1 < len(header_zone) else ""
            block = (is_cell(t) and nxt and is_cell(nxt) and (has_digit(t) or has_digit(nxt))
                     and not is_date_line(nxt))
            if m_from:
                ln.role, ln.reason = "dateline", "place the story was filed from"
                if is_known_place(m_from):
                    found.setdefault("place", m_from)
            elif m_by and len(t) <= 80 and not t.endswith("."):
                ln.role, ln.reason = "byline", "author line"
                found.setdefault("byline", m_by.group("who").strip())
            elif m_src and (k > 0 or found.get("byline")):
                ln.role, ln.reason = "signature", "the source credited under the title"
                for part in (p.strip() for p in _SRC_SPLIT.split(m_src.group("src")) if p.strip()):
                    if self.vocab.agency_name(part):
                        found.setdefault("agencies", []).append(part)
                    elif "outlet" not in found and part[:1].isupper():
                        found["outlet"] = self.vocab.outlet_name(part) or part
            elif not block and self._author(t, common) and not _mid_sentence(lines, ln):
                ln.role, ln.reason = "byline", "short name-shaped line under the title: the author"
                found.setdefault("byline", t)
            elif _desk(t):
                ln.role, ln.reason = "byline", "a desk or a team credited under the title (no person named)"
            elif is_date_line(t):
                ln.role, ln.reason = "dateline", "date (and time) line under the title"
                found["dates"].append(parse_date(t))
            elif len(t.split()) <= 4 and _known_place_line(t) and any(
                    header_like(o) or o.role in ("dateline", "byline", "signature")
                    for o in header_zone[max(0, k - 1) : k + 2] if o is not ln):
                ln.role, ln.reason = "dateline", "the place the story was filed from, under the title"
                found.setdefault("place", _place_name(t))
            elif (k == 0 and not standfirst and is_paragraph(t)
                  and any(header_like(o) for o in header_zone[k + 1 : k + 3])):
                standfirst = True  # a standfirst under the headline: the byline and dateline follow it
            elif len(t) > LENGTH_HIGH or t.endswith(".") or block:
                break  # the first paragraph: the header is over
        return found

    def _author(self, text: str, common) -> bool:
        """A name-shaped line that is a person's name (in English, none of its words written in lower case
        elsewhere on the page: "News Desk" is a desk, not a person)."""
        if not person_name(text, self.vocab):
            return False
        return not any(w.casefold() in common for w in text.split() if len(w) > 2 and w.isalpha() and w[0].isupper())

    # -- 3. tables --------------------------------------------------------------------------------------------
    def tables(self, lines: list[Line], columns: bool = True, bars: bool = True) -> None:
        """Runs of cells one per line, and lines with columns (tabs or wide gaps in the raw line).

        ``columns=False`` says that no raw line holds a tab or three spaces in a row (no line has columns),
        ``bars=False`` that no line holds "|" (no row between bars): those lines are not looked for."""
        idx = [i for i, ln in enumerate(lines) if ln.role != "blank"]
        run: list[int] = []

        def close() -> None:
            if not run:
                return
            while run and _SOURCE_LINE.match(lines[run[-1]].norm):  # "Theo X" after a table signs the article
                run.pop()
            cells = [lines[i] for i in run]
            if len(cells) >= TABLE_MIN_CELLS and sum(has_digit(c.norm) for c in cells) >= TABLE_DIGIT_SHARE * len(
                    cells):
                for c in cells:
                    c.role, c.reason = "table", "table cell: one of a run of short cells with numbers"

        for i in idx + [None]:
            ln = lines[i] if i is not None else None
            if ln is not None and not ln.role and is_cell(ln.norm):
                run.append(i)
                continue
            close()
            run = []
        # Lines with columns: tab-separated or wide-gapped raw lines, two or more in a row.
        if columns:
            for i in _in_runs(idx, {i for i in idx if not lines[i].role and _has_columns(lines[i].raw)}):
                lines[i].role, lines[i].reason = "table", "table row: columns separated by tabs or wide gaps"
        if not bars:
            return
        # Rows drawn between bars ("| file | 2.3 GB/s |", as extractors print HTML tables), two or more in a
        # row; the bars would otherwise read as a menu's separators. The "|---|---|" rule between them is
        # markup and stays dropped.
        barred = {i for i in idx if lines[i].norm.startswith("|")
                  and (_BAR_ROW.match(lines[i].norm) or _BAR_RULE.match(lines[i].norm))}
        for i in _in_runs(idx, barred):
            if not _BAR_RULE.match(lines[i].norm) and lines[i].role in ("", "navigation"):
                lines[i].role, lines[i].reason = "table", "table row: cells between bars"

    # -- 3b. sentences split across lines -------------------------------------------------------------------
    def fragments(self, lines: list[Line], language: str) -> None:
        """Pieces of one sentence printed on consecutive lines (links, italics or bold that a scraper put on
        lines of their own: "Theo " / "Android Authority" / ", các công ty …"): a line that does not end a
        sentence, glued to a next line that starts in lower case or with punctuation, or that ends with a
        function word, is story text together with that next line."""
        stop = function_words(language)
        reason = "part of a sentence split across lines"
        for a, b in zip(lines, lines[1:], strict=False):
            if a.role not in ("", "body") or b.role not in ("", "body") or not a.norm or not b.norm:
                continue
            if a.norm.endswith(SENT_FINAL) and not a.norm.endswith((",", ";")):
                continue
            if b.norm[:1].islower() or b.norm[:1] in ",.;:)…" or (
                    a.raw.endswith(" ") and (last := (WORDS.findall(a.norm[-30:]) or [""])[-1]).islower()
                    and last in stop):
                for ln in (a, b):
                    if not ln.role:
                        ln.role, ln.reason = "body", reason
        # and the unfinished line just before a piece: "… chọn ca khúc" / "Cảm ơn (We belong together)" / "mà …"
        for a, b in zip(reversed(lines[:-1]), reversed(lines[1:]), strict=False):
            if (not a.role and a.norm and b.reason == reason and not a.norm.endswith(SENT_FINAL)
                    and not is_headline(a.norm) or (not a.role and a.norm and b.reason == reason
                                                    and a.norm.endswith(","))):
                a.role, a.reason = "body", reason

    # -- 4. repeats -------------------------------------------------------------------------------------------
    def repeats(self, lines: list[Line], title: str | None) -> None:
        from vnpe.clean.metadata import strip_prefix_for_key

        first_seen: dict[str, Line] = {}
        title_key = fold(title) if title else None

        def repeats_title(key: str) -> bool:
            return key == title_key or (key.startswith(title_key) and bool(_ALT_SUFFIX.match(key[len(title_key):])))

        for ln in lines:
            if ln.role in ("blank", "table"):
                continue
            key = fold(strip_prefix_for_key(ln.norm))
            if not key or (len(key) <= 3 and not key.isalpha()):
                continue
            if ln.role != "title" and title_key and repeats_title(key):
                if ln.role in ("", "caption"):
                    ln.role, ln.reason = "image", "repeats the title: an image's alt text"
                continue
            prev = first_seen.get(key)
            if prev is None:
                first_seen[key] = ln
                continue
            # A repeated speaker label ("PV:"), list item or short phrase is not a repeated paragraph.
            short = len(key) < 20 or ln.norm.endswith(":") or ln.norm.startswith(BULLETS)
            if ln.role:
                ln.reason += f"; repeats line {prev.line_no}"
            elif prev.role and prev.role not in KEPT_ROLES:
                ln.role, ln.reason = prev.role, f"repeats line {prev.line_no} ({prev.role})"
            elif not short:
                ln.role, ln.reason = "duplicate", f"repeats line {prev.line_no}"

    # -- 5. images and their captions -----------------------------------------------------------------------
    def images(self, lines: list[Line]) -> None:
        n = len(lines)
        for i, ln in enumerate(lines):
            if ln.role != "image" or i + 1 >= n:
                continue
            nxt = lines[i + 1]
            if not nxt.role and len(nxt.norm) <= LENGTH_HIGH and len(sentences(nxt.norm)) <= 1:
                nxt.role, nxt.reason = "caption", f"short line glued under an image marker (line {ln.line_no})"
        nonblank = [i for i, ln in enumerate(lines) if ln.role != "blank"]
        # A photo credit alone on a line, "(AFP/Pedro Pardo)", under a short line: that line is its caption.
        for k, i in enumerate(nonblank):
            ln = lines[i]
            if ln.role or k == 0 or not _PAREN_SOURCE.match(ln.norm) or "/" not in ln.norm:
                continue
            prev = lines[nonblank[k - 1]]
            if prev.role in ("", "caption") and len(prev.norm) <= 400 and len(sentences(prev.norm)) <= 2:
                ln.role, ln.reason = "caption", "a photo credit on its own line"
                prev.role, prev.reason = "caption", f"the line above a photo credit (line {ln.line_no})"
        # A caption whose credit word ends it ("… dồi dào. Ảnh:") and whose credit is the next short line
        # ("Christina Larson."): both are the caption.
        for k, i in enumerate(nonblank[:-1]):
            ln, nxt = lines[i], lines[nonblank[k + 1]]
            if (ln.role or nxt.role or len(ln.norm) > 400 or len(nxt.norm) > 40 or not nxt.norm[:1].isupper()
                    or len(sentences(nxt.norm)) > 1 or not self._credit_open.search(ln.norm)):
                continue
            ln.role, ln.reason = "caption", f"a caption whose credit goes on to the next line (line {nxt.line_no})"
            nxt.role, nxt.reason = "caption", f"the photo credit of the caption above (line {ln.line_no})"
        if len(nonblank) < 4:
            return
        separated = sum(1 for i in nonblank if i + 1 >= n or lines[i + 1].role == "blank")
        if separated / len(nonblank) < 0.6:
            return
        for i in nonblank:
            ln = lines[i]
            if ln.role or i == 0 or i + 1 >= n or lines[i + 1].role != "blank":
                continue
            prev = lines[i - 1]
            if prev.role in ("blank", "title", "byline", "dateline", "table") or not prev.norm.endswith(SENT_FINAL):
                continue
            t = ln.norm
            if (len(t) <= LENGTH_HIGH and not is_headline(t) and len(sentences(t)) == 1
                    and not ELLIPSIS_END.search(t) and not t.startswith(BULLETS) and not t.endswith(("?", "!", ":"))
                    and not t[:1].islower()):
                ln.role, ln.reason = "caption", ("short one-sentence line glued under a paragraph in a page "
                                                 "that separates paragraphs with blank lines")

    # -- 6. related-article lists ---------------------------------------------------------------------------
    def related(self, lines: list[Line], language: str) -> None:
        idx = [i for i, ln in enumerate(lines) if ln.role != "blank"]
        story_names = _StoryNames()
        headless = get_language(language) is not None  # headline shape is read in a known language only
        k = 0
        while k < len(idx):
            ln = lines[idx[k]]
            opens = ln.role == "related" and "heading" in ln.reason
            if not opens and headless and not ln.role and self._starts_headless_list(lines, idx, k):
                opens = True
                ln.role, ln.reason = "related", "headline repeated or followed by a teaser: a related-articles list"
            if not opens:
                if ln.role in ("", "title", "duplicate"):
                    story_names.add(ln.norm)
                k += 1
                continue
            k = self._consume_list(lines, idx, k + 1, story_names)

    @staticmethod
    def _starts_headless_list(lines: list[Line], idx: list[int], k: int) -> bool:
        ln = lines[idx[k]]
        if k == 0 or not listed_headline(ln.norm):
            return False
        key = fold(ln.norm)
        looked = 0
        headlines = 1
        for j in idx[k + 1 :]:
            other = lines[j]
            if fold(other.norm) == key:
                return True
            if not other.role and ELLIPSIS_END.search(other.norm) and len(other.norm) <= 400:
                # a teaser, unless a letter's writer signs it: a section of a letters page
                after = next((lines[a] for a in idx[k + 1 :] if a > j), None)
                return after is None or not after.reason.startswith(_WRITER)
            if not other.role:
                if _label(other.norm):
                    continue  # a section label between listed headlines ("Business")
                looked += 1
                headlines += listed_headline(other.norm) and not has_digit(other.norm[:3])
                if looked == 2:
                    break
        return headlines == 3

    @staticmethod
    def _list_continues(lines: list[Line], idx: list[int], k: int) -> bool:
        if k >= len(idx):
            return False
        ln = lines[idx[k]]
        if ln.role in ("related", "footer", "prompt", "signature", "navigation"):
            return False
        if ln.role in ("caption", "image", "media"):
            return True
        return ((is_headline(ln.norm) and not ln.norm.startswith(BULLETS)) or doubled(ln.norm)
                or bool(ELLIPSIS_END.search(ln.norm)))

    def _consume_list(self, lines: list[Line], idx: list[int], k: int, story_names: _StoryNames) -> int:
        prev_kind = "heading"
        seen: set[str] = set()
        n_items = 0
        while k < len(idx):
            ln = lines[idx[k]]
            t = ln.norm
            key = fold(t)
            kind = None
            if ln.role in ("prompt", "footer", "navigation", "signature", "table", "script", "byline"):
                break
            if key in seen:
                kind = "repeat"
            elif ln.role in ("caption", "image", "media", "related") or (not ln.role and _label(t)):
                kind = "element"
            elif doubled(t) or (is_headline(t) and not t.startswith(BULLETS)):
                kind = "headline"
            elif ELLIPSIS_END.search(t):
                kind = "teaser"
            elif (prev_kind in ("headline", "repeat") and ln.role in ("", "duplicate")
                    and not t.startswith(BULLETS)
                    and _is_teaser(t, story_names, partial(self._list_continues, lines, idx, k + 1))):
                kind = "teaser"
            if kind is None:
                break
            # A heading followed by story text is the story going on, not a list: after one item, a
            # headline whose next line continues the story ends the list.
            seen.add(key)
            if ln.role == "related" and "heading" in ln.reason:
                pass
            elif ln.role in ("", "duplicate", "caption", "image"):
                what = {"element": f"{ln.role or 'line'} in the list", "headline": "headline",
                        "teaser": "teaser of a listed article", "repeat": "repeated headline"}[kind]
                ln.role, ln.reason = "related", f"related-articles list: {what}"
            n_items += 1
            prev_kind = kind if kind != "element" else prev_kind
            k += 1
        return k

    # -- 7. structure, short lines, trailer ----------------------------------------------------------------
    def structure(self, lines: list[Line], language: str) -> None:
        """Headings, list items and dialogue, the short-line rule, then body."""
        idx = [i for i, ln in enumerate(lines) if ln.role != "blank"]
        known = get_language(language) is not None  # function words are listed for known languages only
        for k, i in enumerate(idx):
            ln = lines[i]
            if ln.role:
                continue
            t = ln.norm
            if t.startswith(BULLETS) or _numbered(t):
                if is_paragraph(t) and len(t) >= LENGTH_LOW:
                    ln.role, ln.reason = "body", "dash-led or bulleted paragraph (dialogue or a point of the story)"
                else:
                    ln.role, ln.reason = "list", "list item (bullet, dash or number)"
                continue
            if len(t) == 1 and t.isalpha():
                ln.role, ln.reason = "boilerplate", "a single letter on its own (a button, a widget)"
                continue
            if len(t) < LENGTH_LOW and len(t.split()) <= 8 and not t.endswith(SENT_FINAL) and _FIGURES.search(t):
                ln.role, ln.reason = "table", "a short line of figures (a score, a result)"
                continue
            if self._heading(lines, idx, k):
                ln.role, ln.reason = "heading", "short headline-shaped line between paragraphs: a section heading"
                continue
            if (known and len(t) < LENGTH_LOW and not t.endswith(SENT_FINAL) and not t.endswith(",")
                    and stopword_density(t, language) < STOPWORDS_LOW):
                ln.role, ln.reason = "boilerplate", "short line with few function words (jusText's rule)"
            else:
                ln.role, ln.reason = "body", "story text"

    @staticmethod
    def _heading(lines: list[Line], idx: list[int], k: int) -> bool:
        t = lines[idx[k]].norm
        if (k == 0 or not is_headline(t) or t.endswith(("?", "!")) or len(t.split()) > HEADING_MAX_WORDS
                or len(t) > 120 or ELLIPSIS_END.search(t)):
            return False
        prev = lines[idx[k - 1]]
        inline_link = prev.role == "related" and prev.reason.startswith("link to another article")
        if (prev.role not in ("", "body", "title", "heading", "byline", "dateline", "table", "list", "caption",
                              "image", "media", "duplicate") and not inline_link) or (
                prev.role == "" and not is_paragraph(prev.norm) and not is_headline(prev.norm)):
            return False
        # the next line that is not furniture must be a paragraph of the story, a table or a list item
        for j in idx[k + 1 :]:
            nxt = lines[j]
            if nxt.role in ("caption", "image", "media", "duplicate"):
                continue
            return nxt.role in ("", "body", "list", "table") and (
                is_paragraph(nxt.norm) or nxt.role == "table" or nxt.norm.startswith(BULLETS) or _numbered(nxt.norm))
        return False

    def signatures(self, lines: list[Line], language: str) -> dict:
        """Author and source lines after the story has begun: "Theo X" (source credit), "Name/Outlet",
        "Name (ghi)", and bare name-shaped lines in the second half of the page that a paragraph precedes and
        no paragraph directly follows. Returns ``byline``, ``outlet`` and ``dates`` found."""
        found: dict = {"dates": []}
        idx = [i for i, ln in enumerate(lines) if ln.role != "blank"]
        if not idx:
            return found
        self._writers(lines, idx)
        lower_words: set[str] | None = None
        gaps = [b - a - 1 for a, b in zip(idx, idx[1:], strict=False)]
        usual_gap = max(set(gaps), key=gaps.count) if gaps else 0
        first_story = next((k for k, i in enumerate(idx) if not lines[i].role and is_paragraph(lines[i].norm)), None)
        if first_story is None:
            return found
        for k in range(first_story + 1, len(idx)):
            i = idx[k]
            ln = lines[i]
            t = ln.norm
            if ln.role not in ("", "body") or ln.reason.startswith(("part of a sentence", _WRITER)) or len(t) > 90 \
                    or t.startswith(BULLETS):
                continue
            prev = lines[idx[k - 1]]
            last = k == len(idx) - 1  # the page's last line: a sign-off ("Yours truly," / "Graham E Forster")
            after_paragraph = prev.role in ("", "body", "caption", "image", "media", "signature", "byline",
                                            "related", "heading", "list") and (
                is_paragraph(prev.norm) or prev.norm.endswith(",") or prev.role in ("signature", "byline", "caption")
                or (prev.role == "related" and "heading" in prev.reason) or (last and prev.role in ("", "body")))
            m = _SOURCE_LINE.match(t)
            if m and m.group("src")[:1].isupper() or (m and self.vocab.outlet_name(m.group("src"))):
                src = m.group("src").strip()
                parts = [p.strip() for p in src.split("/") if p.strip()]
                if len(parts) > 1 and person_name(parts[0], self.vocab):
                    found.setdefault("byline", _HONORIFIC.sub("", parts[0]))
                    parts = parts[1:]
                ln.role, ln.reason = "signature", "source credit ('Theo …', 'Nguồn: …')"
                for p in parts:
                    if self.vocab.agency_name(p):
                        found.setdefault("agencies", []).append(p)
                    elif p[:1].isupper() and "outlet" not in found:
                        found["outlet"] = self.vocab.outlet_name(p) or p
                continue
            if _BIO.match(t):
                ln.role, ln.reason = "byline", "the author's biography"
                continue
            if not after_paragraph:
                continue
            m = _NAME_ROLE.match(t)
            if m and person_name(m.group("name").strip(), self.vocab):
                ln.role, ln.reason = "byline", "author's name with their role: the byline"
                found.setdefault("byline", _HONORIFIC.sub("", m.group("name").strip()))
                role = m.group("role")
                if role.casefold().startswith("theo "):
                    found.setdefault("outlet", self.vocab.outlet_name(role[5:]) or role[5:].strip())
                continue
            m = _NAME_SOURCE.match(t)
            if m and (person_name(m.group("name").strip(), self.vocab) or m.group("name").strip() in ("PV", "P.V")):
                src = m.group("src").strip()
                outlet = self.vocab.outlet_name(src)
                agency = self.vocab.agency_name(src)
                if outlet or agency or _MEDIA_NAME.search(src):
                    ln.role, ln.reason = "byline", "author's name with their outlet: the byline"
                    name = m.group("name").strip()
                    if name not in ("PV", "P.V"):
                        found.setdefault("byline", _HONORIFIC.sub("", name))
                    if agency:
                        found.setdefault("agencies", []).append(src)
                    else:
                        found.setdefault("outlet", outlet or src)
                    if m.group("stamp"):
                        found["dates"].append(parse_date(m.group("stamp")))
                    continue
            if k < len(idx) // 2 or (t.isupper() and not INITIALS.match(t)) or not person_name(t, self.vocab):
                continue
            nxt = lines[idx[k + 1]] if k + 1 < len(idx) else None
            # The story ends here when nothing follows, or when a wider gap than the page's usual one between
            # paragraphs does; otherwise a paragraph under the line makes it a heading.
            gap = nxt is None or idx[k + 1] - i - 1 > usual_gap
            if nxt is not None and not gap and not nxt.role and is_paragraph(nxt.norm):
                continue  # a heading: the story goes on under it
            if language == "en":
                # In English, a capitalised phrase whose words the page also writes in lower case is a heading.
                if lower_words is None:
                    lower_words = _lower_words(lines)
                if any(w.casefold() in lower_words for w in t.split() if len(w) > 2):
                    continue
            ln.role, ln.reason = "byline", "name-shaped line after a paragraph, with no paragraph under it: the author"
            found.setdefault("byline", _HONORIFIC.sub("", t))
        return found

    def _writers(self, lines: list[Line], idx: list[int]) -> None:
        """A page of readers' letters or voices: each one signed by a name and, on the next line, where the writer
        lives ("Võ Hoài Thu" / "(TP.Long Xuyên, An Giang)"). When two or more such pairs follow paragraphs, they
        say who wrote each part of the story and are kept with it (not taken for the article's byline)."""
        pairs = []
        for k in range(1, len(idx) - 1):
            ln, nxt, prev = lines[idx[k]], lines[idx[k + 1]], lines[idx[k - 1]]
            if (ln.role or nxt.role or len(ln.norm) > 40 or not is_paragraph(prev.norm)
                    or not person_name(ln.norm, self.vocab) or not _residence(nxt.norm)):
                continue
            pairs.append((ln, nxt))
        if len(pairs) < 2:
            return
        for name, home in pairs:
            name.role, name.reason = "body", f"{_WRITER} (a name and a residence, repeated on the page)"
            home.role, home.reason = "body", f"{_WRITER}'s residence"

    def trailer(self, lines: list[Line]) -> dict:
        """Bylines after the last paragraph: a name-shaped line or initials right after it (or two lines down,
        past a signature). Returns ``{"byline": …}`` when one is found."""
        found: dict = {}
        idx = [i for i, ln in enumerate(lines) if ln.role != "blank"]
        story = [k for k, i in enumerate(idx) if lines[i].role in ("body", "list") and is_paragraph(lines[i].norm)]
        if len(story) < 1:
            return found
        last = story[-1]
        for k in range(last + 1, min(last + 4, len(idx))):
            ln = lines[idx[k]]
            if ln.role in ("signature", "caption", "image", "media", "prompt") or ln.reason.startswith(_WRITER):
                continue
            if ln.role not in ("body", "boilerplate", "heading", "list", "") or len(ln.norm) > 50:
                break
            t = ln.norm.strip("()[] ")
            if person_name(t, self.vocab) or _name_with_source(t, self.vocab):
                ln.role, ln.reason = "byline", "name or initials right after the last paragraph: the author"
                found.setdefault("byline", t)
            else:
                break
        return found


# "H.Vũ", "T.T - Duy Khang": an initial glued to a name
_INITIALS_NAME = re.compile(r"^(?:[A-ZĐ]\.\s?){1,3}[A-ZĐÀ-Ỹ][a-zà-ỹđ]{1,7}$")
# "Theo Đời sống Plus", "(theo Tuổi trẻ đời sống)", "Nguồn: VITIC/Reuters", "Source: Reuters"
_SOURCE_LINE = re.compile(r"^\(?\s*(?:theo|nguồn|source|sources|via)\s*:?\s+(?P<src>[^()]{2,70}?)\s*"
                          r"(?:\([^()]{0,30}\))?\s*\)?\s*\.?$", re.IGNORECASE)
# "The writer is Chinese ambassador to ASEAN", "Tác giả là …": the author's biography line
_BIO = re.compile(r"^(?:the writers? (?:is|are|was)|the author (?:is|was)|tác giả (?:là|hiện là))\b.{3,200}$",
                  re.IGNORECASE)
# What names a publication: a site address, or a word such as "News", "Plus", "báo", "Thể thao"
_MEDIA_NAME = re.compile(r"\.(?:vn|com|net|org)\b|\b(?:news|plus|online|times|post|daily|tv|radio|press|báo|"
                         r"tạp chí|thể thao|đời sống|vnexpress|vietnamnet|zing)\b", re.IGNORECASE)
# "Minh Huyền (ghi)", "VIỆT VĂN (THỰC HIỆN)", "Hạnh Chi (T/h)", "Dã Quỳ (Tổng hợp theo báo VOV)"
_NAME_ROLE = re.compile(r"^(?P<name>[^()]{2,40}?)\s*\((?P<role>ghi|thực hiện|t/h|th|tổng hợp|tổng hợp[^()]{0,60}|"
                        r"theo [^()]{2,60}|dịch|lược dịch|biên dịch)\)\.?$", re.IGNORECASE)
# "Xuân Thân/VOV.VN", "Hoàng Hưng/VTC News", "Tiểu Lam - Thể thao Việt Nam | 11:02 06/02/2017"
_NAME_SOURCE = re.compile(r"^(?P<name>[^/|()–-]{2,40}?)\s*(?:/|\s[-–]\s)\s*(?P<src>[^/|()]{2,50}?)"
                          r"(?:\s*\|\s*(?P<stamp>.{0,40}))?$")


# "(The Jakarta Post)", "(Viet Nam News/ANN)": the source credited under the title
_PAREN_SOURCE = re.compile(r"^\((?P<src>[A-ZĐ][^()]{1,50})\)$")
_SRC_SPLIT = re.compile(r"[/;,]")


def _mid_sentence(lines: list[Line], ln: Line) -> bool:
    """Is this line a piece of a sentence split across lines ("Theo " / "Android Authority" / ", các …")?"""
    before = lines[ln.line_no - 2] if ln.line_no >= 2 else None
    after = lines[ln.line_no] if ln.line_no < len(lines) else None
    return bool((after is not None and after.norm and (after.norm[0] in ",.;:)" or after.norm[0].islower()))
                or (before is not None and before.raw.endswith(" ") and before.norm
                    and not before.norm.endswith(SENT_FINAL)))


def _in_runs(idx: list[int], members: set[int]) -> list[int]:
    """The members of ``idx`` (non-blank line indexes) that have a member next to them: runs of two or more.

    >>> _in_runs([0, 2, 3, 5, 7], {0, 2, 7})
    [0, 2]
    """
    return [i for k, i in enumerate(idx) if i in members and (
        (k > 0 and idx[k - 1] in members) or (k + 1 < len(idx) and idx[k + 1] in members))]


def _desk(text: str) -> bool:
    """ "News Desk", "Front Row", "Ban Thời sự": a capitalised credit naming a desk rather than a person."""
    return name_like(text, max_words=4) and any(w.casefold() in _NOT_A_PERSON for w in text.split())


_WRITER = "a letter's writer"
# "Q.7", "TP.Long Xuyên", "H. Hậu Lộc", "Quận Tân Phú": an administrative prefix before a place's name
_ADMIN = re.compile(r"^(?:(?:TP|Tp|Q|H|TX|P|TT)\.\s*|(?:Quận|Huyện|Thị xã|Phường|Xã|Tỉnh|Thành phố)\s+)")


def _residence(text: str) -> bool:
    """ "(TP.Long Xuyên, An Giang)", "(Q.7, TP.HCM)", "Toronto, Canada": where a writer lives — two or three
    comma-separated place names, at least one of them a known place."""
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    parts = [p.strip() for p in text.split(",")]
    if not 2 <= len(parts) <= 3 or len(text) > 60:
        return False
    names = [_ADMIN.sub("", p) for p in parts]
    if not all(n and (n[0].isupper() or n[0].isdigit()) and len(n.split()) <= 4 for n in names):
        return False
    return any(is_known_place(n) or is_known_place(p) for n, p in zip(names, parts, strict=True))


def _known_place_line(text: str) -> bool:
    """ "Jakarta", "Lima, Peru", "Beijing, China": a line that names a known place (and its country)."""
    parts = [p.strip() for p in text.split(",")]
    return 1 <= len(parts) <= 2 and all(p and is_known_place(p) for p in parts)


def _lower_words(lines: list[Line]) -> set[str]:
    return {w for ln in lines for w in WORDS.findall(ln.norm) if w.islower()}


class _LazyWords:
    """The page's lower-case words, collected only when a name has to be checked against them."""

    def __init__(self, lines: list[Line]) -> None:
        self._lines = lines
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = _lower_words(self._lines)
        return word in self._words


def _place_name(text: str) -> str:
    text = text.strip().split(",")[0].strip()
    return text.title() if text.isupper() else text


_FM_FIELD = re.compile(r'^\s*"?(?P<key>title|date|author|authors|byline|creator|writer|tacgia|tác giả|place|location|'
                       r'dateline)"?\s*[:=]\s*'
                       r'(?P<value>.*?),?\s*$', re.IGNORECASE)
# "# Heading", "## Heading": a markdown heading's marks are not part of its text
_MD_HEADING = re.compile(r"^#{1,6}\s+")


def _front_matter(lines: list[Line], found: dict) -> None:
    """A metadata block that opens a markdown or static-site export ("---" … "---", "---json" { … } "---"):
    its lines are ``metadata``; its ``title`` line is the title, its ``date`` and ``author`` fill the fields."""
    first = next((ln for ln in lines if ln.norm), None)
    if first is None or first.norm.casefold() not in ("---", "---json", "+++", "---yaml"):
        return
    content = [ln for ln in lines if ln.role != "blank" or ln.norm]
    block: list[Line] = []
    closed = False
    for ln in lines[lines.index(first) + 1 :]:
        if ln.norm in ("---", "+++"):
            closed = True
            block.append(ln)
            break
        block.append(ln)
        if len(block) > 60:
            return
    if not closed or not content:
        return
    first.role, first.reason = "metadata", "front matter: the page's metadata block"
    for ln in block:
        ln.role, ln.reason = "metadata", "front matter: the page's metadata block"
        m = _FM_FIELD.match(ln.norm)
        if not m:
            continue
        key, value = m.group("key").casefold(), m.group("value").strip().strip("'\"").replace("\\_", " ")
        if key == "title" and value and "title" not in found:
            ln.role, ln.reason, ln.text = "title", "the title field of the front matter", value
            found["title"] = value
        elif key == "date" and value:
            found["dates"].append(parse_date(value))
        elif key in ("author", "authors", "byline", "creator", "writer", "tacgia", "tác giả") and value:
            found.setdefault("byline", value)


# A score or a result: "2-1", "> 0-2", "3 - 1", "1:0"
_FIGURES = re.compile(r"(?<![\d/.-])\d{1,3}\s?[-–]\s?\d{1,3}(?![\d/.-])")


def _label(text: str) -> bool:
    """A section label: one or two words, no punctuation, no digits ("Business", "Thế giới")."""
    return len(text) <= 25 and len(text.split()) <= 2 and text.replace(" ", "").isalpha()


def _numbered(text: str) -> bool:
    head = text[:4]
    return (len(head) >= 3 and head[0].isdigit() and (head[1] in ".)" or (head[1].isdigit() and head[2] in ".)"))
            and not has_digit(text[3:5]))


def _name_with_source(text: str, vocab: Vocabulary) -> bool:
    """ "Hồng Phúc (theo Reuters)", "Minh Anh - TTXVN": a name followed by a credited source."""
    for sep in (" (", " - ", " – ", " / "):
        if sep in text:
            name, rest = text.split(sep, 1)
            rest = rest.strip("() ").removeprefix("theo ").removeprefix("Theo ")
            if person_name(name.strip(), vocab) and (vocab.agency_name(rest) or vocab.outlet_name(rest)):
                return True
    return False


_FROM_PLACE = re.compile(r"^\(\s*(?:from|reporting from|từ|tại)\s+(?P<place>[^()]{2,60})\)$", re.IGNORECASE)
_PLACE_WORDS = re.compile(r"^(?:(?:the|capital|city|of|thủ đô|thành phố|tp\.?)\s+)+", re.IGNORECASE)


def _from_place(text: str) -> str | None:
    """ "(from Lima)", "(từ thủ đô Lima, Peru)": the place a story was filed from, or ``None``."""
    m = _FROM_PLACE.match(text) if text.startswith("(") else None
    if not m:
        return None
    place = _PLACE_WORDS.sub("", m.group("place").strip()).split(",")[0].strip()
    return place.title() if place.isupper() else place


def _has_columns(raw: str) -> bool:
    if len(raw) > 200 or ("\t" not in raw and "   " not in raw):  # one cell at most without a tab or a gap
        return False
    cells = [c for c in raw.strip().replace("\t", "   ").split("   ") if c.strip()]
    return len(cells) >= 3


_ALT_SUFFIX = re.compile(r"\s*[-–:|]?\s*(?:ảnh|hình|photo|image|picture|video)\s*\d{0,3}$")

__all__ = ["ContextRules", "find_dates", "is_date_line", "person_name"]
