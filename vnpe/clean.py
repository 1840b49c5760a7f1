"""Lossless cleaning: every line of an article gets a role, a kept flag and the reason for them.

Plain text saved from a news page is the story plus what the page printed around it: the headline,
author and dateline, photo captions (often twice: the image's alt text and its caption), media-player
residue ("0:00 / 0:00"), image file names, "follow us" prompts, agency signatures, lists of related
headlines ("See more", "Tin liên quan", "Đọc thêm") and page footers. The cleaner labels each line; it
never deletes anything: the raw line, its line end and its line number in the original file stay in the
line table, so that ``"".join(raw + eol)`` gives back the decoded file exactly.

The rules are generic (no outlet or article is named anywhere) and run in this order:

1. **Patterns on one line** — blank lines; media-player residue; image file names; photo credits
   ("(Photo: VNA)", "(Ảnh: …)"); related-list headings; follow/share prompts; footers; navigation
   (breadcrumbs and menus); agency signatures ("VNA", "— VNA/VNS", "Theo TTXVN"). The vocabulary lives
   in ``vnpe/data/boilerplate.toml``.
2. **Header** — the first line is the title when it reads like a headline; short name-like lines and
   "(from …)" lines just under it are the byline and the dateline; a dateline at the start of a
   paragraph ("Lima (VNA) –", "HANOI —") goes to the metadata and out of the clean text.
3. **Repeats** — a line equal to an earlier line (after normalisation) is a duplicate of it: a repeated
   caption is a caption, a repeated title is an image's alt text, a repeated paragraph is a duplicate.
4. **Images** — the short line glued under an image marker (a file name, a repeated title) is its caption;
   in a page laid out with blank lines between paragraphs, a short one-sentence line glued under a
   paragraph and followed by a blank line is an unmarked caption.
5. **Related lists** — from a related heading, or from a headline that is immediately repeated,
   followed by a teaser ending in "…" or by two more headlines, lines are list items while they are
   headlines, repeats, captions, teasers, or paragraphs right after a headline most of whose proper
   names the story has not used (the story resumes with the first paragraph that is none of these).
6. **Short lines** — a remaining short line (under 70 characters) with few function words (jusText's
   stop-word density, below 0.30) and no sentence-final punctuation is boilerplate, bullet points aside.
7. Everything else is body.

Example:
    >>> from vnpe.clean import clean_text
    >>> result = clean_text("Peru and Viet Nam sign deal\\n\\nLIMA (VNA) — The two sides signed.\\n"
    ...                     "Leaders at the ceremony. (Photo: VNA)\\n\\nSee more\\nOther story\\n")
    >>> [(line.line_no, line.role) for line in result.lines if line.role != "blank"]
    [(1, 'title'), (3, 'body'), (4, 'caption'), (6, 'related'), (7, 'related')]
    >>> result.meta.place, result.meta.agency, result.text
    ('Lima', 'VNA', 'The two sides signed.')
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import pandas as pd

from vnpe.text import MONTHS, detect_language, fold, normalize, sentences, split_lines

ROLES = (
    "title", "byline", "dateline", "body", "duplicate", "caption", "media", "image", "related", "prompt",
    "signature", "navigation", "footer", "boilerplate", "blank",
)
KEPT_ROLES = frozenset({"title", "body"})
LINE_COLUMNS = ["doc_id", "line_no", "raw", "eol", "text", "kept", "role", "reason"]

# jusText's thresholds (Pomikálek 2011): paragraphs shorter than LENGTH_LOW characters with a stop-word
# density under STOPWORDS_LOW are "bad"; LENGTH_HIGH bounds a short (caption-sized) paragraph.
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_LOW = 0.30
# A headline: at most this many words (news headlines and related-list titles are well under it).
HEADLINE_MAX_WORDS = 35
# A paragraph after a listed headline is story text when at least this share of its names (at least two)
# already occur in the story.
NAME_OVERLAP = 0.5


@dataclass
class Line:
    """One line of the original file and what the cleaner decided about it."""

    line_no: int
    raw: str
    eol: str
    norm: str
    role: str = ""
    reason: str = ""
    text: str = ""

    @property
    def kept(self) -> bool:
        return self.role in KEPT_ROLES


@dataclass
class Meta:
    """Article metadata found while cleaning (``None`` when the text does not state it)."""

    language: str = "unknown"
    title: str | None = None
    date: str | None = None
    date_partial: str | None = None
    place: str | None = None
    byline: str | None = None
    agency: str | None = None


@dataclass
class CleanResult:
    """The lines with their roles, the metadata, and the clean body text."""

    lines: list[Line]
    meta: Meta
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (line_no, text)

    @property
    def text(self) -> str:
        """The clean body: kept body paragraphs separated by blank lines."""
        return "\n\n".join(text for _, text in self.paragraphs)

    @property
    def document(self) -> str:
        """The clean article: the title (if any), a blank line, the clean body. Cleaning it again gives it back."""
        parts = [self.meta.title, self.text]
        return "\n\n".join(p for p in parts if p)


# ----------------------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Vocabulary:
    """Compiled boilerplate vocabulary (see ``vnpe/data/boilerplate.toml``)."""

    related_headings: frozenset[str]
    prompts: re.Pattern
    footers: re.Pattern
    media: re.Pattern
    credit: re.Pattern
    credit_only: re.Pattern
    agencies: tuple[str, ...]
    agency_re: re.Pattern
    byline: re.Pattern
    inline_related: re.Pattern

    @classmethod
    def from_dict(cls, d: dict) -> Vocabulary:
        def alt(patterns: list[str]) -> re.Pattern:
            return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

        words = sorted(d["credit_words"], key=len, reverse=True)
        credit_alt = "|".join(re.escape(w) for w in words)
        agencies = tuple(sorted(d["agencies"], key=len, reverse=True))
        agency_alt = "|".join(re.escape(a) for a in agencies)
        labels = "|".join(re.escape(w) for w in sorted(d["byline_labels"], key=len, reverse=True))
        return cls(
            related_headings=frozenset(fold(h) for h in d["related_headings"]),
            prompts=alt(d["prompts"]),
            footers=alt(d["footers"]),
            media=alt(d["media"]),
            # "(Photo: VNA)", "(Ảnh: TTXVN phát)", "(Ảnh minh họa)", "Photo: Reuters" at the end of a line
            credit=re.compile(rf"(?:\(\s*(?:{credit_alt})\b[^()]{{0,80}}\)|\b(?:{credit_alt})\s*:\s*[^.:()]{{1,60}})"
                              r"\s*\.?\s*$", re.IGNORECASE),
            credit_only=re.compile(rf"^\(?\s*(?:{credit_alt})\s*(?::\s*[^()]{{1,60}})?\)?\.?$", re.IGNORECASE),
            agencies=agencies,
            agency_re=re.compile(rf"(?<![\w+])(?:{agency_alt}|[A-ZĐ][A-ZĐ0-9]{{1,7}}\+?)(?![\w+])"),
            byline=re.compile(rf"^(?:{labels})\s*:?\s+(?P<who>\S.{{0,80}})$", re.IGNORECASE),
            # "Xem thêm: <headline>", ">> Read more: <headline>": a link to another article on one line
            inline_related=re.compile(
                r"^(?:>>?|»|\*|-)?\s*(?:" + "|".join(re.escape(h) for h in sorted(d["related_headings"], key=len,
                                                                               reverse=True))
                + r")\s*(?::|>>?|»|\|)\s*\S.{0,250}$", re.IGNORECASE),
        )


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The vocabulary shipped in ``vnpe/data/boilerplate.toml``."""
    data = tomllib.loads(resources.files("vnpe").joinpath("data/boilerplate.toml").read_text("utf-8"))
    return Vocabulary.from_dict(data)


@lru_cache(maxsize=4)
def _stopwords(language: str) -> frozenset[str]:
    # jusText ships curated stop-word lists for ~100 languages, Vietnamese included.
    import justext

    name = {"en": "English", "vi": "Vietnamese"}.get(language)
    if name is None:
        return frozenset()
    return frozenset(w.casefold() for w in justext.get_stoplist(name))


# ---------------------------------------------------------------------------------------------- patterns

_IMAGE_FILE = re.compile(
    r"^[^\s/\\]{1,120}\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)(?:\?\S*)?$", re.IGNORECASE
)
_SENT_FINAL = tuple(".!?;:…\"'”’)»")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\s*[\"'”’)]?$")
_WORDS = re.compile(r"\w+(?:[-'’.]\w+)*")
_NAV_SEP = re.compile(r"\s(?:\||»|›|>|/|·|•)\s")
_SIGNATURE = re.compile(
    r"^[—–-]?\s*\(?\s*(?:(?:theo|nguồn|source|sources|via)\s*:?\s*)?"
    r"(?P<who>[^\s()][^()]{0,38}?)\s*\)?\s*(?:\./\.|/\.)?$",
    re.IGNORECASE,
)
_TRAILING_SIGNATURE = re.compile(r"\s+[—–-]{1,2}\s*(?P<who>[A-ZĐ][\w+]{1,11}(?:\s*/\s*[A-ZĐ][\w+]{1,11}){0,3})\s*$")
_MONTHS = MONTHS
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = [
    ("ymd", re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
    ("dmy", re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})\b")),
    ("vi", re.compile(r"\bngày (?P<d>\d{1,2}) tháng (?P<m>\d{1,2})(?: năm (?P<y>(?:19|20)\d{2}))?", re.I)),
    ("mdy", re.compile(rf"\b(?P<mon>{_MONTH_RE})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
                       r"(?:,? (?P<y>(?:19|20)\d{2}))?\b", re.I)),
    ("dmy_en", re.compile(rf"\b(?P<d>\d{{1,2}}) (?P<mon>{_MONTH_RE})\.?(?:,? (?P<y>(?:19|20)\d{{2}}))?\b", re.I)),
    ("dm", re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/])")),
]
# "LIMA (VNA) –", "NICE —", "HÀ NỘI, 13/11 (TTXVN) -", "date 2025-06-10 NICE —" at the start of a paragraph.
_DATELINE = re.compile(
    r"^(?:date\s+(?P<iso>\d{4}-\d{2}-\d{2})\s+)?"
    r"(?P<place>[A-ZÀ-ỸĐ][\w.'’]*(?: [A-ZÀ-ỸĐ][\w.'’]*){0,3})"
    r"(?:,\s*(?P<when>[\w /.]{2,25}?))?\s*(?:\((?P<agency>[^()]{2,30})\))?\s*[—–-]{1,2}\s+(?=\S)"
)
# What an image's alt text adds after the page title: "… ảnh 2", "… - Photo 1".
_DIGIT = re.compile(r"\d")
_RANGE_AFTER = re.compile(r"\s?[-–—]\s?\d")
_RANGE_BEFORE = re.compile(r"\d\s?[-–—]\s?$")
_BULLETS = ("- ", "• ", "* ", "+ ", "– ", "· ", "▪", "►", "✓")
_ALT_SUFFIX = re.compile(r"\s*[-–:|]?\s*(?:ảnh|hình|photo|image|picture|video)\s*\d{0,3}$")
_DATE_PREFIX = re.compile(r"^date\s+(?P<iso>\d{4}-\d{2}-\d{2})\s+(?=\S)")
_FROM_PLACE = re.compile(r"^\(\s*(?:from|reporting from|từ|tại)\s+(?P<place>[^()]{2,60})\)$", re.IGNORECASE)
_LOWER_LEAD = re.compile(r"^(?:(?:the|capital|city|of|thủ đô|thành phố|tp\.?)\s+)+", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return _WORDS.findall(text)


def is_headline(text: str) -> bool:
    """Reads like a headline: short, no sentence-final full stop, colon or ellipsis (``?`` and ``!`` allowed)."""
    if not text or len(text) > 250 or text.endswith((".", ":", ";", ",", "…")):
        return False
    n = len(text.split())
    return 1 <= n <= HEADLINE_MAX_WORDS and any(c.isalpha() for c in text)


def _listed_headline(text: str) -> bool:
    """A headline as lists print them: at least four words, not a bullet point of the story."""
    return is_headline(text) and len(text.split()) >= 4 and not text.startswith(_BULLETS) and not text[:1].isdigit()


def _is_date_line(text: str) -> bool:
    """A short line that states a date: the page's date and time stamp ("Thứ tư, 13/11/2024, 20:15")."""
    return len(text) <= 80 and len(text.split()) <= 10 and any(find_date(text))


def _name_like(text: str) -> bool:
    """A short line of capitalised words without digits or final punctuation: a person's name."""
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 50 or any(c.isdigit() for c in text):
        return False
    if text.endswith((".", ":", "!", "?", ",", ";")):
        return False
    return all(w[0].isupper() for w in words if w[0].isalpha()) and any(w[0].isalpha() for w in words)


def _doubled(text: str) -> bool:
    """A line that is one phrase printed twice ("X X"): a link widget's image alt text plus its title."""
    n = len(text)
    if n < 20 or n % 2 == 0:
        return False
    half = n // 2
    return text[half] == " " and text[:half] == text[half + 1 :]


def _proper_names(text: str) -> set[tuple[str, ...]]:
    """Runs of capitalised words that do not start a sentence ("Dina Boluarte", "Trung Đông"), case-folded:
    a language-independent cue to what a text is about."""
    names: set[tuple[str, ...]] = set()
    for sent in sentences(text):
        run: list[str] = []
        for w in [*_words(sent)[1:], ""]:
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

    def add(self, text: str) -> None:
        self._pending.append(text)

    def tokens(self) -> set[str]:
        # Every capitalised word of the story, sentence-initial ones included: a superset of its names.
        if self._pending:
            words = _WORDS.findall(" ".join(self._pending))
            self._tokens.update(w.casefold() for w in words if w[0].isupper() and len(w) > 1)
            self._pending.clear()
        return self._tokens


def _is_teaser(text: str, story_tokens: set[str], list_continues: bool) -> bool:
    """Is a paragraph that follows a listed headline the teaser of that headline, or the story resuming?

    Story text uses the story's names: at least half of its proper names (at least two) already occur in
    the story. When the list pattern goes on right after it (another headline or teaser), only a paragraph
    all of whose names are the story's is taken as story text.
    """
    names = _proper_names(text)
    if len(names) < 2:
        return True
    share = sum(all(t in story_tokens for t in name) for name in names) / len(names)
    return share < NAME_OVERLAP or (list_continues and share < 1.0)


def _stopword_density(text: str, language: str) -> float:
    # English and Vietnamese function words together: a short line's verdict must not hinge on the
    # language guessed for the whole page (mixed pages, very short texts).
    stop = _stopwords("en") | _stopwords("vi") | _stopwords(language)
    words = [w.casefold() for w in _words(text)]
    if not words or not stop:
        return 1.0
    return sum(w in stop for w in words) / len(words)


# ----------------------------------------------------------------------------------------------- cleaner


class Cleaner:
    """Label the lines of an article. ``Cleaner().clean(text)`` is :func:`clean_text`.

    >>> Cleaner().clean("Title\\n\\nOne body paragraph that is long enough to be a paragraph.").meta.title
    'Title'
    """

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self.vocab = vocabulary or default_vocabulary()

    # -- public ----------------------------------------------------------------------------------------
    def clean(self, raw: str) -> CleanResult:
        result = self._clean(raw, allow_title=True)
        if result.meta.title and not result.paragraphs:
            # A title heads a story: with no paragraph under it, the page is read again without one.
            result = self._clean(raw, allow_title=False)
        return result

    def _clean(self, raw: str, allow_title: bool) -> CleanResult:
        lines = [Line(i, r, e, normalize(r)) for i, (r, e) in enumerate(split_lines(raw), start=1)]
        meta = Meta()
        self._credits: list[str] = []
        self._agencies: list[str] = []
        self._pattern_roles(lines)
        content = [ln for ln in lines if ln.role != "blank"]
        meta.language = detect_language(" ".join(ln.norm for ln in content if not ln.role)[:3000]
                                         or " ".join(ln.norm for ln in content))
        self._header(lines, meta, allow_title)
        self._repeats(lines, meta)
        self._images(lines)
        self._related(lines)
        self._remaining(lines, meta.language)
        self._trailer(lines, meta)
        self._metadata(lines, meta)
        paragraphs = self._paragraphs(lines)
        return CleanResult(lines, meta, paragraphs)

    # -- 1. one line at a time ------------------------------------------------------------------------------
    def _pattern_roles(self, lines: list[Line]) -> None:
        v = self.vocab
        for ln in lines:
            t = ln.norm
            if not t:
                ln.role, ln.reason = "blank", "empty or white space only"
            elif len(t) <= 80 and v.media.match(t):
                ln.role, ln.reason = "media", "media-player residue (time code or player control)"
            elif len(t) <= 130 and "." in t and _IMAGE_FILE.match(t):
                ln.role, ln.reason = "image", "an image file name"
            elif fold(t) in v.related_headings:
                ln.role, ln.reason = "related", f"heading of a related-articles list ({t!r})"
            elif len(t) <= 300 and v.inline_related.match(t):
                ln.role, ln.reason = "related", "link to another article ('Read more: …')"
            elif (":" in t or t.endswith((")", ").", ")."))) and (
                    v.credit_only.match(t) or (len(t) <= 400 and v.credit.search(t[-150:]))):
                ln.role, ln.reason = "caption", "ends with a photo credit"
                m = v.credit.search(t[-150:]) or v.credit_only.match(t)
                self._credits.append(m.group())
            elif len(t) <= 300 and v.prompts.match(t):
                ln.role, ln.reason = "prompt", "follow / share / subscribe prompt"
            elif len(t) <= 300 and v.footers.search(t):
                ln.role, ln.reason = "footer", "page footer (copyright, licence, version links)"
            elif len(t) <= 200 and not t.endswith(".") and len(_NAV_SEP.findall(t)) >= 2:
                ln.role, ln.reason = "navigation", "menu or breadcrumb (items between separators)"
            elif self._signature(t):
                ln.role, ln.reason = "signature", "agency signature or source credit"

    def _signature(self, t: str) -> bool:
        if len(t) > 40:
            return False
        m = _SIGNATURE.match(t)
        if not m:
            return False
        who = m.group("who")
        parts = [p.strip() for p in re.split(r"[/,;&]| and | và ", who) if p.strip()]
        found = [p for p in parts if self.vocab.agency_re.fullmatch(p)]
        if parts and len(found) == len(parts):
            self._agencies.extend(found)
            return True
        return False

    # -- 2. header ------------------------------------------------------------------------------------------
    def _header(self, lines: list[Line], meta: Meta, allow_title: bool = True) -> None:
        content = [ln for ln in lines if ln.role != "blank"]
        if not content:
            return
        # Above the title: page furniture the patterns claimed (menus, prompts) and date lines.
        top = 0
        while top < min(len(content), 4):
            ln = content[top]
            if not ln.role and _is_date_line(ln.norm):
                ln.role, ln.reason = "dateline", "date (and time) line of the page"
            elif not ln.role:
                break
            top += 1
        if top == len(content):
            return
        first = content[top]
        # A title heads a story: at least one later line that no pattern has claimed looks like a paragraph.
        if allow_title and not first.role and is_headline(first.norm) and any(
                not ln.role and (len(ln.norm) >= LENGTH_LOW or ln.norm.endswith(_SENT_FINAL))
                for ln in content[top + 1 :]):
            first.role, first.reason = "title", "first line of the page that reads like a headline"
            first.text = first.norm
            meta.title = first.norm
        # Byline and dateline lines just under the title, before the first paragraph.
        start = top + 1 if first.role == "title" else top
        for ln in content[start : start + 4]:
            if ln.role:
                continue
            t = ln.norm
            m_from = _FROM_PLACE.match(t)
            m_by = self.vocab.byline.match(t)
            if m_from:
                ln.role, ln.reason = "dateline", "place the story was filed from"
                meta.place = meta.place or _place(m_from.group("place"))
            elif m_by and len(t) <= 80 and not t.endswith("."):
                ln.role, ln.reason = "byline", "author line"
                meta.byline = meta.byline or m_by.group("who")
            elif _name_like(t):
                ln.role, ln.reason = "byline", "short line of capitalised words under the title: the author"
                meta.byline = meta.byline or t
            elif _is_date_line(t):
                ln.role, ln.reason = "dateline", "date (and time) line under the title"
            elif len(t) > LENGTH_HIGH or t.endswith("."):
                break  # the first paragraph: the header is over

    # -- 3. repeats -------------------------------------------------------------------------------------------
    def _repeats(self, lines: list[Line], meta: Meta) -> None:
        first_seen: dict[str, Line] = {}
        title_key = fold(meta.title) if meta.title else None

        def repeats_title(key: str) -> bool:
            return key == title_key or (key.startswith(title_key) and bool(_ALT_SUFFIX.match(key[len(title_key):])))

        for ln in lines:
            if ln.role == "blank":
                continue
            key = fold(_strip_dateline(ln.norm)[0])
            if not key:
                continue
            if ln.role != "title" and title_key and repeats_title(key):
                if ln.role in ("", "caption"):
                    ln.role, ln.reason = "image", "repeats the title: an image's alt text"
                continue
            prev = first_seen.get(key)
            if prev is None:
                first_seen[key] = ln
                continue
            if ln.role:
                ln.reason += f"; repeats line {prev.line_no}"
            elif prev.role and prev.role not in KEPT_ROLES:
                ln.role, ln.reason = prev.role, f"repeats line {prev.line_no} ({prev.role})"
            else:
                ln.role, ln.reason = "duplicate", f"repeats line {prev.line_no}"

    # -- 4. images and their captions -----------------------------------------------------------------------
    def _images(self, lines: list[Line]) -> None:
        n = len(lines)
        for i, ln in enumerate(lines):
            if ln.role != "image" or i + 1 >= n:
                continue
            nxt = lines[i + 1]
            if not nxt.role and len(nxt.norm) <= LENGTH_HIGH and len(sentences(nxt.norm)) <= 1:
                nxt.role, nxt.reason = "caption", f"short line glued under an image marker (line {ln.line_no})"
        # Unmarked captions: only in pages that separate paragraphs with blank lines, where a short
        # one-sentence line glued under a finished paragraph is a layout element, not a paragraph.
        nonblank = [i for i, ln in enumerate(lines) if ln.role != "blank"]
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
            if prev.role in ("blank", "title", "byline", "dateline") or not prev.norm.endswith(_SENT_FINAL):
                continue
            if (len(ln.norm) <= LENGTH_HIGH and not is_headline(ln.norm) and len(sentences(ln.norm)) == 1
                    and not _ELLIPSIS_END.search(ln.norm)):
                ln.role, ln.reason = "caption", ("short one-sentence line glued under a paragraph in a page "
                                                 "that separates paragraphs with blank lines")

    # -- 5. related-article lists ---------------------------------------------------------------------------
    def _related(self, lines: list[Line]) -> None:
        idx = [i for i, ln in enumerate(lines) if ln.role != "blank"]
        story_names = _StoryNames()  # the names the story has used so far
        k = 0
        while k < len(idx):
            ln = lines[idx[k]]
            opens = ln.role == "related" and "heading" in ln.reason
            if not opens and not ln.role and self._starts_headless_list(lines, idx, k):
                opens = True
                ln.role, ln.reason = "related", "headline repeated or followed by a teaser: a related-articles list"
            if not opens:
                if ln.role in ("", "title", "duplicate"):
                    story_names.add(ln.norm)
                k += 1
                continue
            k = self._consume_list(lines, idx, k + 1, story_names)

    def _starts_headless_list(self, lines: list[Line], idx: list[int], k: int) -> bool:
        """A headline (not the first line) whose next two unclaimed lines (lines no earlier rule labelled,
        such as captions and repeats, are passed over) hold its own repeat or a teaser ending in an ellipsis."""
        ln = lines[idx[k]]
        if not is_headline(ln.norm) or k == 0:
            return False
        key = fold(ln.norm)
        looked = 0
        headlines = int(_listed_headline(ln.norm))
        for j in idx[k + 1 :]:
            other = lines[j]
            if fold(other.norm) == key or (not other.role and _ELLIPSIS_END.search(other.norm)):
                return True
            if not other.role:
                looked += 1
                headlines += _listed_headline(other.norm)
                if looked == 2:
                    break
        # a run of three headlines with nothing between them but page furniture
        return headlines == 3

    @staticmethod
    def _list_continues(lines: list[Line], idx: list[int], k: int) -> bool:
        """The next non-blank line is another list item (a picture, a headline or a teaser), not a heading or an
        end."""
        if k >= len(idx):
            return False
        ln = lines[idx[k]]
        if ln.role in ("related", "footer", "prompt", "signature", "navigation"):
            return False
        if ln.role in ("caption", "image", "media"):
            return True
        return is_headline(ln.norm) or _doubled(ln.norm) or bool(_ELLIPSIS_END.search(ln.norm))

    def _consume_list(self, lines: list[Line], idx: list[int], k: int, story_names: _StoryNames) -> int:
        prev_kind = "heading"
        seen: set[str] = set()
        while k < len(idx):
            ln = lines[idx[k]]
            t = ln.norm
            key = fold(t)
            kind = None
            if ln.role in ("prompt", "footer", "navigation", "signature"):
                break
            if key in seen:
                kind = "repeat"
            elif ln.role in ("caption", "image", "media", "related"):
                kind = "element"
            elif _doubled(t) or is_headline(t):
                kind = "headline"
            elif _ELLIPSIS_END.search(t):
                kind = "teaser"
            elif (prev_kind in ("headline", "repeat") and ln.role in ("", "duplicate")
                    and _is_teaser(t, story_names.tokens(), self._list_continues(lines, idx, k + 1))):
                kind = "teaser"
            if kind is None:
                break
            seen.add(key)
            if ln.role == "related" and "heading" in ln.reason:
                pass
            elif ln.role in ("", "duplicate", "caption", "image"):
                what = {"element": f"{ln.role or 'line'} in the list", "headline": "headline",
                        "teaser": "teaser of a listed article", "repeat": "repeated headline"}[kind]
                ln.role, ln.reason = "related", f"related-articles list: {what}"
            prev_kind = kind if kind != "element" else prev_kind
            k += 1
        return k

    # -- 6. short lines with few function words --------------------------------------------------------------
    def _remaining(self, lines: list[Line], language: str) -> None:
        for ln in lines:
            if ln.role:
                continue
            t = ln.norm
            bullet = t.startswith(_BULLETS) and len(t.split()) >= 3  # a bullet point of the story
            if (not bullet and len(t) < LENGTH_LOW and not t.endswith(_SENT_FINAL)
                    and _stopword_density(t, language) < STOPWORDS_LOW):
                ln.role, ln.reason = "boilerplate", "short line with few function words (jusText's rule)"
            else:
                ln.role, ln.reason = "body", "story text"

    # -- trailer: author / signature lines after the last paragraph --------------------------------------------
    def _trailer(self, lines: list[Line], meta: Meta) -> None:
        body = [i for i, ln in enumerate(lines) if ln.role == "body"]
        if not body:
            return
        last = body[-1]
        ln = lines[last]
        if len(body) > 1 and (_name_like(ln.norm) and len(ln.norm) <= 40):
            ln.role, ln.reason = "byline", "short name-like line after the last paragraph: the author"
            meta.byline = meta.byline or ln.norm

    # -- metadata and clean text ---------------------------------------------------------------------------------
    def _metadata(self, lines: list[Line], meta: Meta) -> None:
        body = [ln for ln in lines if ln.role == "body"]
        for ln in lines:
            if ln.role == "duplicate" and not meta.place:  # a repeated lead may carry the only dateline
                info = _strip_dateline(ln.norm)[1]
                meta.place = info.get("place") and _place(info["place"])
                if info.get("agency"):
                    parts = [a.strip() for a in re.split(r"[/,;]", info["agency"])]
                    self._agencies.extend(a for a in parts if self.vocab.agency_re.fullmatch(a))
        for ln in body:
            stripped, info = _strip_dateline(ln.norm)
            if info:
                prefix = ln.norm[: len(ln.norm) - len(stripped)].strip()
                ln.reason = f"story text; dateline {prefix!r} moved to metadata"
                meta.place = meta.place or (info.get("place") and _place(info["place"]))
                if info.get("iso"):
                    meta.date = meta.date or info["iso"]
                if info.get("agency"):
                    parts = [a.strip() for a in re.split(r"[/,;]", info["agency"])]
                    self._agencies.extend(a for a in parts if self.vocab.agency_re.fullmatch(a))
            m = _TRAILING_SIGNATURE.search(stripped)
            if m and all(self.vocab.agency_re.fullmatch(p.strip()) for p in m.group("who").split("/")):
                self._agencies.extend(p.strip() for p in m.group("who").split("/"))
                ln.reason += f"; signature {m.group().strip()!r} moved to metadata"
                stripped = stripped[: m.start()].rstrip()
            ln.text = stripped
        # The date stated in the header or the lead paragraph.
        lead = [ln for ln in lines if ln.role in ("title", "byline", "dateline")] + body[:1]
        for ln in lead:
            full, partial = find_date(ln.norm)
            meta.date = meta.date or full
            meta.date_partial = meta.date_partial or (None if full else partial)
            if meta.date:
                break
        if meta.date:
            meta.date_partial = None
        agencies = self._agencies or [a for c in self._credits for a in self.vocab.agency_re.findall(c)]
        seen: list[str] = []
        for a in (a.strip() for a in agencies):
            if a and a not in seen:
                seen.append(a)
        meta.agency = ";".join(seen) or None

    def _paragraphs(self, lines: list[Line]) -> list[tuple[int, str]]:
        """Body lines as paragraphs; a line that does not end a sentence and is continued on the next line
        in lower case (hard-wrapped text) is joined with it."""
        out: list[tuple[int, str]] = []
        prev: Line | None = None
        for ln in lines:
            if ln.role != "body" or not ln.text:
                prev = None if ln.role != "body" else prev
                continue
            if (out and prev is not None and prev.line_no == ln.line_no - 1
                    and not prev.text.endswith(_SENT_FINAL) and ln.text[:1].islower()):
                out[-1] = (out[-1][0], out[-1][1] + " " + ln.text)
            else:
                out.append((ln.line_no, ln.text))
            prev = ln
        return out


def _place(text: str) -> str:
    text = _LOWER_LEAD.sub("", text.strip()).split(",")[0].strip()
    return text.title() if text.isupper() else text


def _strip_dateline(text: str) -> tuple[str, dict]:
    """Remove a dateline prefix ("LIMA (VNA) –", "NICE —") from a paragraph; return the rest and its parts."""
    head = text[:100]
    if "-" not in head and "–" not in head and "—" not in head and not head.startswith("date "):
        return text, {}
    m = _DATELINE.match(text)
    if m:
        place = m.group("place")
        letters = [c for c in place if c.isalpha()]
        if m.group("agency") or m.group("iso") or (len(letters) >= 2 and place.isupper()):
            return text[m.end() :], {k: v for k, v in m.groupdict().items() if v}
    m = _DATE_PREFIX.match(text)
    if m:
        return text[m.end() :], {"iso": m.group("iso")}
    return text, {}


def find_date(text: str) -> tuple[str | None, str | None]:
    """The first date stated in a text: ``(full ISO date or None, "XXXX-MM-DD" or None)``.

    A day and month without a year are written ``XXXX-MM-DD`` (the unspecified year of ISO 8601-2 /
    EDTF): unlike ``--MM-DD``, no spreadsheet evaluates it as a formula or turns it into a date.

    >>> find_date("Sáng 17/11 theo giờ địa phương")
    (None, 'XXXX-11-17')
    >>> find_date("LIMA, November 13, 2024 (VNA) -")
    ('2024-11-13', None)
    """
    text = text[:400]  # a dateline or a lead states the date early
    if not _DIGIT.search(text):
        return None, None
    best: tuple[int, str | None, str | None] | None = None
    for _, pat in _DATE_PATTERNS:
        for m in pat.finditer(text):
            g = m.groupdict()
            if _RANGE_AFTER.match(text, m.end()) or _RANGE_BEFORE.search(text[: m.start()]):
                continue  # one end of a period ("14/11/1994-14/11/2024"), not the day of the story
            month = int(g["m"]) if g.get("m") else _MONTHS.get(g["mon"].casefold().rstrip("."))
            day = int(g["d"])
            if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
                continue
            year = g.get("y")
            full = f"{int(year):04d}-{month:02d}-{day:02d}" if year else None
            partial = None if year else f"XXXX-{month:02d}-{day:02d}"
            if best is None or m.start() < best[0]:
                best = (m.start(), full, partial)
            break
    return (best[1], best[2]) if best else (None, None)


def clean_text(raw: str, cleaner: Cleaner | None = None) -> CleanResult:
    """Label every line of one article (see the module docstring for the rules)."""
    return (cleaner or _default_cleaner()).clean(raw)


@lru_cache(maxsize=1)
def _default_cleaner() -> Cleaner:
    return Cleaner()


def line_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per line of every article (columns ``LINE_COLUMNS``), recomputed from ``articles.raw``.

    >>> from vnpe.load import articles_from_texts
    >>> line_table(articles_from_texts({"a": "Title\\n\\nBody."})).role.tolist()
    ['title', 'blank', 'body']
    """
    rows = []
    for doc_id, raw in zip(articles["doc_id"], articles["raw"], strict=True):
        if raw is None:
            raise ValueError("line_table needs the raw text: load the corpus with keep_raw=True")
        for ln in clean_text(raw).lines:
            rows.append((doc_id, ln.line_no, ln.raw, ln.eol, ln.text if ln.kept else "", ln.kept, ln.role, ln.reason))
    return pd.DataFrame(rows, columns=LINE_COLUMNS)


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of an article's clean ``text`` (kept body paragraphs joined by blank lines).

    >>> split_paragraphs("First paragraph.\\n\\nSecond one.")
    ['First paragraph.', 'Second one.']
    """
    if not isinstance(text, str) or not text.strip():
        return []
    return [p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


def paragraphs(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per kept body paragraph: ``doc_id``, ``para_no`` (0-based), ``line_no``, ``language``, ``text``.

    >>> from vnpe.load import articles_from_texts
    >>> paragraphs(articles_from_texts({"a": "Title\\n\\nFirst paragraph.\\n\\nSecond one."})).text.tolist()
    ['First paragraph.', 'Second one.']
    """
    rows = []
    if "para_lines" in articles.columns:  # as loaded: the clean text holds the paragraphs already
        for doc_id, text, lang, nos in zip(articles["doc_id"], articles["text"], articles["language"],
                                           articles["para_lines"], strict=True):
            rows.extend((doc_id, no, line_no, lang, t) for no, (line_no, t) in enumerate(
                zip(nos, split_paragraphs(text), strict=True)))
    else:
        for doc_id, raw, lang in zip(articles["doc_id"], articles["raw"], articles["language"], strict=True):
            for no, (line_no, text) in enumerate(clean_text(raw).paragraphs):
                rows.append((doc_id, no, line_no, lang, text))
    return pd.DataFrame(rows, columns=["doc_id", "para_no", "line_no", "language", "text"])


def role_table(lines: pd.DataFrame, top: int = 30) -> pd.DataFrame:
    """Characters per role (columns) for each article (rows): the ``top`` articles with most removed text.

    >>> from vnpe.load import articles_from_texts
    >>> role_table(line_table(articles_from_texts({"a": "Title\\n\\nBody.\\nSee more"}))).columns.tolist()
    ['title', 'body', 'related']
    """
    chars = lines.assign(chars=lines["raw"].str.len())
    table = chars.pivot_table(index="doc_id", columns="role", values="chars", aggfunc="sum", fill_value=0)
    table = table[[r for r in ROLES if r in table.columns and r != "blank"]]
    removed = table.drop(columns=[c for c in KEPT_ROLES if c in table.columns]).sum(axis=1)
    order = removed.sort_values(ascending=False, kind="stable").index[:top]
    table = table.loc[order]
    table.columns.name = None
    return table


def removal_reasons(lines: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """The most frequent reasons for dropping a line: ``role``, ``reason``, ``lines``, ``articles``."""
    dropped = lines[~lines["kept"] & (lines["role"] != "blank")].copy()
    dropped["reason"] = dropped["reason"].str.replace(r"\d+", "N", regex=True).str.replace(
        r"\(.*\)$", "", regex=True).str.strip()
    out = (dropped.groupby(["role", "reason"]).agg(lines=("line_no", "size"), articles=("doc_id", "nunique"))
           .reset_index().sort_values(["lines", "role"], ascending=[False, True], kind="stable"))
    return out.head(top).reset_index(drop=True)


def show_lines(lines: pd.DataFrame, doc_id: str, width: int = 90) -> pd.DataFrame:
    """One article line by line: ``line_no``, ``role``, ``kept``, ``reason`` and the line (shortened)."""
    df = lines[(lines["doc_id"] == doc_id) & (lines["role"] != "blank")]
    short = df["raw"].map(lambda s: s if len(s) <= width else s[: width - 1] + "…")
    return pd.DataFrame({"line": df["line_no"].to_numpy(), "role": df["role"].to_numpy(),
                         "kept": df["kept"].to_numpy(), "reason": df["reason"].to_numpy(),
                         "text": short.to_numpy()})
