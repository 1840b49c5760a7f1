"""Step 1 of cleaning: what one line says on its own (patterns), and the shape predicates later steps share.

A line is labelled here only when the line alone is enough to tell: blank, media-player residue, an image
file name, script or style code, a related-list heading or an inline "Read more:" link, a photo caption
ending in a credit, a prompt, a footer, a menu, or an agency signature. Everything else waits for context.

Example:
    >>> from vnpe.clean.lines import looks_like_code, is_headline
    >>> looks_like_code("getTimeString('2006/01/27 10:20');"), looks_like_code("He said: (yes) = no.")
    (True, False)
    >>> is_headline("Xbox 2 may be unveiled in summer"), is_headline("It was unveiled in summer.")
    (True, False)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from vnpe.clean.vocabulary import Opening, Vocabulary, function_words
from vnpe.text import fold

ROLES = (
    "title", "heading", "body", "list", "table", "metadata", "byline", "dateline", "duplicate", "caption", "media",
    "image", "related", "prompt", "signature", "navigation", "script", "footer", "boilerplate", "blank",
)
# What a reader reads: the headline, the story's paragraphs, its section headings, lists and tables.
KEPT_ROLES = frozenset({"title", "heading", "body", "list", "table"})
STORY_ROLES = frozenset({"heading", "body", "list", "table"})

# jusText's thresholds (Pomikálek 2011): paragraphs shorter than LENGTH_LOW characters with a stop-word
# density under STOPWORDS_LOW are "bad"; LENGTH_HIGH bounds a short (caption-sized) paragraph.
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_LOW = 0.30
# A headline: at most this many words (news headlines and related-list titles are well under it).
HEADLINE_MAX_WORDS = 35


@dataclass(slots=True)
class Line:
    """One line of the original file and what the cleaner decided about it.

    ``text`` is what the line contributes to the clean text (empty when dropped); ``cuts`` lists the spans cut
    out of a kept line (a dateline, an outlet tag, an inline credit) as ``(start, end, kind)`` offsets into
    ``norm``.
    """

    line_no: int
    raw: str
    eol: str
    norm: str
    role: str = ""
    reason: str = ""
    text: str = ""
    cuts: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def kept(self) -> bool:
        return self.role in KEPT_ROLES


_IMAGE_FILE = re.compile(
    r"^[^\s/\\]{1,120}\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)(?:\?\S*)?$", re.IGNORECASE
)
SENT_FINAL = tuple(".!?;:…\"'”’)»")
ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\s*[\"'”’)]?$")
WORDS = re.compile(r"\w+(?:[-'’.]\w+)*")
_NAV_SEP = re.compile(r"\s(?:\||»|›|>|/|·|•)\s")


def _may_have_nav_sep(t: str) -> bool:
    """Does ``t`` hold one of _NAV_SEP's separators (a cheap test before the pattern)?"""
    return "|" in t or "/" in t or ">" in t or "»" in t or "›" in t or "·" in t or "•" in t
BULLETS = ("- ", "• ", "* ", "+ ", "– ", "— ", "· ", "▪", "►", "✓", "-")
_SIGNATURE = re.compile(
    r"^[—–-]?\s*\(?\s*(?:(?:theo|nguồn|source|sources|via)\s*:?\s*)?"
    r"(?P<who>[^\s()][^()]{0,38}?)\s*\)?\s*(?:\./\.|/\.)?$",
    re.IGNORECASE,
)
_SOURCES_SPLIT = re.compile(r"[/,;&]| and | và ")
_SIGNATURE_CUES = ("theo", "nguồn", "source", "sources", "via")  # (as in _SIGNATURE)
_FIRST_RUN = re.compile(r"[^\W_]+")
# "http://…", "[Original press release](https://…)", "Pickup - [site](https://…)": links on their own
_URL_ONLY = re.compile(r"^(?:[\w .'-]{0,30}[:-]\s*)?(?:https?://\S+|www\.\S+|\[[^\]]{1,120}\]\(\S+\))$")
_URL = re.compile(r"(?:https?://|www\.)\S+")


def _mostly_link(text: str) -> bool:
    """A short line that is mostly a web address ("View source version on site.com: https://…")."""
    if len(text) > 200 or ("http" not in text and "www." not in text):
        return False
    return sum(len(m.group()) for m in _URL.finditer(text)) >= 0.4 * len(text)


_MD_IMAGE = re.compile(r"^!\[[^\]]*\]\(\S+\)$")
# ">> Headline", "»» Headline", "►Headline": a link to another article printed on its own line
_ARROW_LINK = re.compile(r"^(?:>{2,}|»+|►|▶|→)\s*\S.{3,200}$")
# Script and style residue: statements, calls with string or no arguments, markup, comment markers.
_CODE_START = re.compile(
    r"^\s*(?:function\b|var\s+\w|let\s+\w|const\s+\w|if\s*\(|else\b\s*\{?|for\s*\(|return\b.*;$|document\.|"
    r"window\.|\$\(|jQuery|<\s*/?\s*(?:script|style|div|span|iframe|a|img|p|br|table|td|tr)\b[^.!?]*[>;}]$|"
    r"//|/\*|\*/|[{}]\s*;?$|@media\b|\.[\w-]+\s*\{|#[\w-]+\s*\{)",
    re.IGNORECASE,
)
_CODE_CALL = re.compile(r"^[\w$.]*[a-z][A-Z]\w*\s*\(.*\)\s*;?$|^[\w$.]+\.[\w$]+\s*\(.*\)\s*;?$|^\w+\s*=\s*.*;$")
# The characters _CODE_START's alternatives open with (case-insensitive, as the pattern): a line whose first
# character after its leading space is none of them is not tried against the long alternation.
_CODE_FIRST = re.compile(r"^\s*[fvlcierdwj$</*{}@.#]", re.IGNORECASE)


def words(text: str) -> list[str]:
    return WORDS.findall(text)


def looks_like_code(text: str) -> bool:
    """Script or style residue: a statement, a camelCase or dotted call, markup, a brace line."""
    if _CODE_FIRST.match(text) and _CODE_START.match(text):
        return True
    # _CODE_CALL's alternatives need a call's parentheses, or an assignment ending with ";" (at the end, or
    # before a final line end, where "$" also matches)
    if not (("(" in text and ")" in text) or ("=" in text and text.endswith((";", ";\n")))):
        return False
    return bool(_CODE_CALL.match(text)) and " " not in text.split("(", 1)[0].strip()


def is_headline(text: str) -> bool:
    """Reads like a headline: short, no sentence-final full stop, colon or ellipsis (``?`` and ``!`` allowed)."""
    if not text or len(text) > 250 or text.endswith((".", ":", ";", ",", "…")):
        return False
    if text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
        # (the usual case, a normalised line: a printable text's only white space is " ", so its words are
        # its single spaces plus one; counted in C, without making the words)
        n = text.count(" ") + 1
    else:
        n = len(text.split(None, HEADLINE_MAX_WORDS))  # more words than that come back as one item more
    return 1 <= n <= HEADLINE_MAX_WORDS and (text[0].isalpha() or any(c.isalpha() for c in text))


# Words a line cannot end on when it is whole (articles, prepositions, conjunctions): a line ending on one
# goes on in the next line.
_DANGLING = frozenset("the a an of in on at to for with and or but by from as that which into than về của và với "
                      "các những cho trong là được có để khi tại từ mà thì".split())


def listed_headline(text: str) -> bool:
    """A headline as lists print them: at least four words, no final ? or ! (dialogue), not a bullet, and not
    ending on a function word ("THE NEXT EXHIBITION IN" is a line of a poster, not a headline)."""
    if (len(text) > 250 or text.endswith(("?", "!", '"', "”", ".")) or text.startswith(BULLETS)
            or text[:1].isdigit() or not is_headline(text)):
        return False
    ws = text.split()
    return len(ws) >= 4 and ws[-1].casefold() not in _DANGLING


def name_like(text: str, max_words: int = 5) -> bool:
    """A short line of capitalised words without digits or final punctuation: a person's name."""
    if len(text) > 50:
        return False
    ws = text.split()
    # the cheap tests that most lines fail first (capitalised words), the costlier ones after
    if not 1 <= len(ws) <= max_words or not all(w[0].isupper() for w in ws) or any(c.isdigit() for c in text):
        return False
    if text.endswith((":", "!", "?", ",", ";")) or (text.endswith(".") and not INITIALS.match(ws[-1])):
        return False
    return all(w.replace(".", "").replace("-", "").isalpha() for w in ws)


# "K.G.", "N.H", "T.Q.A.": the initials an author signs with
INITIALS = re.compile(r"^(?:[A-ZĐ][a-z]?\.\s?){1,4}[A-ZĐ]?[a-z]?\.?$")


def doubled(text: str) -> bool:
    """A line that is one phrase printed twice ("X X"): a link widget's image alt text plus its title."""
    n = len(text)
    if n < 20 or n % 2 == 0:
        return False
    half = n // 2
    return text[half] == " " and text[:half] == text[half + 1 :]


def stopword_density(text: str, language: str) -> float:
    # English and Vietnamese function words together: a short line's verdict must not hinge on the
    # language guessed for the whole page (mixed pages, very short texts).
    stop = function_words(language)
    ws = [w.casefold() for w in words(text)]
    if not ws or not stop:
        return 1.0
    return sum(w in stop for w in ws) / len(ws)


def is_cell(text: str) -> bool:
    """A table cell printed on its own line: a number, a score, a short label, or a short phrase with figures."""
    if len(text) <= 12 and any(c.isdigit() for c in text):
        return True
    if text.endswith((".", ":", "…", "?", "!")):
        return False
    return (len(text) <= 40 and len(text.split()) <= 6) or (len(text) <= 80 and any(c.isdigit() for c in text))


def has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _opening(pattern: re.Pattern) -> Callable[[str], re.Match | None]:
    """``pattern.match``, through :class:`~vnpe.clean.vocabulary.Opening` when its matches open with literals."""
    opening = Opening(pattern)
    return opening.match if opening.words is not None else pattern.match


class LinePatterns:
    """Step 1: label the lines whose role their own text decides (see the module docstring)."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        # the vocabulary's patterns matched at a line's start, tried only on lines that open with a literal
        # one of their matches opens with
        self._media = _opening(vocab.media)
        self._credit_only = _opening(vocab.credit_only)
        self._prompts = _opening(vocab.prompts)
        # the first run of letters and digits of every listed agency and outlet name, and of the cue words a
        # signature may open with, case-folded (see _signature)
        firsts = (_FIRST_RUN.search(k) for k in [*vocab.agencies, *vocab.outlets])
        self._source_openings = frozenset([m.group().casefold() for m in firsts if m] + list(_SIGNATURE_CUES))

    def apply(self, lines: list[Line], sources: list[str], credits: bool | AbstractSet[int] = True,
              footers: bool | AbstractSet[int] = True) -> None:
        """Label ``lines`` in place; append the agency and outlet names that signatures credit to ``sources``.

        ``credits=False`` says that the page holds no credit word (:meth:`Vocabulary.may_credit`), and
        ``footers=False`` no literal of the footers found anywhere in a line (:meth:`Vocabulary.may_footer_anywhere`):
        those searches are skipped. ``footers`` may also be the set of the lines (``line_no - 1``) that hold
        one (:meth:`Vocabulary.footer_lines`), and ``credits`` the set of the lines that hold a credit word
        (:meth:`Vocabulary.credit_lines`): the other lines skip that search."""
        v = self.vocab
        all_footers = footers is True
        all_credits = credits is True
        for ln in lines:
            t = ln.norm
            n = len(t)
            if not t:
                ln.role, ln.reason = "blank", "empty or white space only"
            elif n > 400:  # a paragraph: only script can be that long among the patterns
                if looks_like_code(t):
                    ln.role, ln.reason = "script", "script or style code left in the page"
            elif n <= 80 and self._media(t):
                ln.role, ln.reason = "media", "media-player residue (time code or player control)"
            elif n <= 130 and "." in t and _IMAGE_FILE.match(t):
                ln.role, ln.reason = "image", "an image file name"
            elif looks_like_code(t):
                ln.role, ln.reason = "script", "script or style code left in the page"
            elif (n >= 2 or t == "#") and not t[0].isalnum() and not any(c.isalnum() for c in t):
                ln.role, ln.reason = "boilerplate", "no letters or digits (a rule, a markup sign)"
            elif ("http" in t or "www." in t or "[" in t) and (_URL_ONLY.match(t) or _mostly_link(t)):
                ln.role, ln.reason = "boilerplate", "a web address or a link on its own"
            elif t.startswith("![") and _MD_IMAGE.match(t):
                ln.role, ln.reason = "image", "an image in markdown"
            elif fold(t) in v.related_headings:
                ln.role, ln.reason = "related", f"heading of a related-articles list ({t!r})"
            elif n <= 300 and ((("|" in t or ":" in t or ">" in t or "»" in t) and v.inline_related.match(t))
                                    or (t[0] in ">»►▶→" and _ARROW_LINK.match(t))):
                ln.role, ln.reason = "related", "link to another article ('Read more: …', '>> headline')"
            elif n <= 80 and self._credit_only(t):
                ln.role, ln.reason = "caption", "a photo credit on its own line"
            elif ((all_credits or (credits and ln.line_no - 1 in credits))  # type: ignore[operator]
                  and v.ends_with_credit(t)):  # (self._caption(t): n <= 400 here)
                ln.role, ln.reason = "caption", "short line ending with a photo credit"
            elif n <= 300 and self._prompts(t):
                ln.role, ln.reason = "prompt", "follow / share / subscribe prompt"
            elif n <= 300 and v.is_footer(t, all_footers or bool(footers and ln.line_no - 1 in footers)):
                ln.role, ln.reason = "footer", "page footer (copyright, licence, version links)"
            elif n <= 200 and not t.endswith(".") and _may_have_nav_sep(t) and len(_NAV_SEP.findall(t)) >= 2:
                ln.role, ln.reason = "navigation", "menu or breadcrumb (items between separators)"
            elif n <= 40 and self._signature(t, sources):
                ln.role, ln.reason = "signature", "agency signature or source credit"

    def _caption(self, t: str) -> bool:
        """A caption: a short line (one or two sentences) whose credit closes it ("… (Ảnh: EPA)", "… Ảnh Zing.vn")."""
        return len(t) <= 400 and self.vocab.ends_with_credit(t)

    def _signature(self, t: str, sources: list[str]) -> bool:
        if len(t) > 40:
            return False
        # A signature's first part is a listed source, so the line's first run of letters and digits is a cue
        # word ("Theo") or opens a listed name: the other short lines (headings, names) skip the pattern, whose
        # lazy search costs several microseconds a line. ("İ" and "ı": see _FOLD_MISMATCH.)
        first = _FIRST_RUN.search(t)
        if first is None:
            return False
        if first.group().casefold() not in self._source_openings and "İ" not in t and "ı" not in t:
            return False
        m = _SIGNATURE.match(t)
        if not m:
            return False
        who = m.group("who")
        parts = [p for p in (x.strip() for x in _SOURCES_SPLIT.split(who)) if p]
        is_source = self.vocab.is_source
        if parts and all(is_source(p) for p in parts):  # (stops at the first part that is no source)
            sources.extend(parts)
            return True
        return False
