"""The cleaner: runs the steps in order on one article and returns its lines, metadata and clean text.

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

from dataclasses import dataclass, field
from functools import lru_cache

from vnpe.clean.context import ContextRules
from vnpe.clean.lines import KEPT_ROLES, SENT_FINAL, Line, LinePatterns
from vnpe.clean.metadata import FieldReader
from vnpe.clean.vocabulary import Vocabulary, default_vocabulary
from vnpe.text import detect_language, lines_and_ends, normalized_lines, remember_folds


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
    outlet: str | None = None


@dataclass
class CleanResult:
    """The lines with their roles, the metadata, and the clean body text."""

    lines: list[Line]
    meta: Meta
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (line_no, text)

    @property
    def text(self) -> str:
        """The clean body: kept story paragraphs (headings, list items and table cells included), separated
        by blank lines."""
        return "\n\n".join(text for _, text in self.paragraphs)

    @property
    def document(self) -> str:
        """The clean article: the title (if any), a blank line, the clean body."""
        parts = [self.meta.title, self.text]
        return "\n\n".join(p for p in parts if p)


class Cleaner:
    """Label the lines of an article. ``Cleaner().clean(text)`` is :func:`clean_text`.

    The cleaner holds no state between calls: what one article's steps find is passed along explicitly.

    >>> Cleaner().clean("Title\\n\\nOne body paragraph that is long enough to be a paragraph.").meta.title
    'Title'
    """

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self.vocab = vocabulary or default_vocabulary()
        self._patterns = LinePatterns(self.vocab)
        self._context = ContextRules(self.vocab)
        self._fields = FieldReader(self.vocab)

    def clean(self, raw: str, title: str | None = None) -> CleanResult:
        """Label the lines of ``raw``; ``title`` is the title the file states, if any (see
        :meth:`ContextRules.header`)."""
        result = self._clean(raw, allow_title=True, title=title)
        if result.meta.title and not any(ln.role == "body" for ln in result.lines):
            # A title heads a story: with no paragraph under it, the page is read again without one.
            result = self._clean(raw, allow_title=False)
        return result

    def _clean(self, raw: str, allow_title: bool, title: str | None = None) -> CleanResult:
        raws, eols = lines_and_ends(raw)
        norms, unsure = normalized_lines(raws, raw)
        lines = list(map(Line, range(1, len(raws) + 1), raws, eols, norms))
        meta = Meta()
        sources: list[str] = []
        # the vocabulary's words looked for once in the page, so that lines skip the searches the page rules out
        page = "\n".join(norms)
        folded = page.casefold()
        remember_folds(norms, folded, unsure)  # the lines' fold() from the page's case folding, done once
        # the lines that hold a credit word (None: any may), so that the others skip the credit searches
        credit_lines = self.vocab.credit_lines(page, folded)
        credits = True if credit_lines is None else credit_lines
        footers = self.vocab.footer_lines(page, folded)  # the lines a footer found anywhere in a line may be on
        self._patterns.apply(lines, sources, credits, True if footers is None else footers)
        content = [ln for ln in lines if ln.role != "blank"]
        meta.language = detect_language(" ".join(ln.norm for ln in content if not ln.role)[:3000]
                                         or " ".join(ln.norm for ln in content))
        ctx = self._context
        found = ctx.header(lines, allow_title, meta.language, title)
        sources.extend(found.get("agencies", []))
        meta.title = found.get("title")
        ctx.tables(lines, columns="\t" in raw or "   " in raw, bars="|" in page)
        ctx.repeats(lines, meta.title)
        ctx.images(lines)
        ctx.fragments(lines, meta.language)
        signed = ctx.signatures(lines, meta.language)
        ctx.related(lines, meta.language)
        ctx.structure(lines, meta.language)
        trailer = ctx.trailer(lines)
        sources.extend(signed.get("agencies", []))
        found["dates"] += [d for d in signed["dates"] if d is not None]
        fields = self._fields.read(lines, found, sources, meta.language, credits)
        meta.byline = found.get("byline") or signed.get("byline") or trailer.get("byline")
        meta.place, meta.agency = fields["place"], fields["agency"]
        meta.outlet = fields["outlet"] or found.get("outlet") or signed.get("outlet")
        meta.date, meta.date_partial = fields["date"], fields["date_partial"]
        for ln in lines:
            if ln.role not in KEPT_ROLES:
                ln.text = ""
        return CleanResult(lines, meta, _paragraphs(lines))


def _paragraphs(lines: list[Line]) -> list[tuple[int, str]]:
    """Kept story lines as paragraphs; a body line that does not end a sentence and is continued on the next
    line in lower case (hard-wrapped text) is joined with it."""
    out: list[tuple[int, str]] = []
    prev: Line | None = None
    for ln in lines:
        if ln.role == "title" or ln.role not in KEPT_ROLES or not ln.text:
            prev = None
            continue
        if (out and prev is not None and ln.role == "body" and prev.role == "body" and prev.line_no == ln.line_no - 1
                and ((not prev.text.endswith(SENT_FINAL) and ln.text[:1].islower())
                     or ln.reason.startswith("part of a sentence"))):
            out[-1] = (out[-1][0], out[-1][1] + " " + ln.text)
        else:
            out.append((ln.line_no, ln.text))
        prev = ln
    return out


def clean_text(raw: str, cleaner: Cleaner | None = None, title: str | None = None) -> CleanResult:
    """Label every line of one article (see :mod:`vnpe.clean` for the steps); ``title`` is the title the
    file states, if any."""
    return (cleaner or _default_cleaner()).clean(raw, title)


@lru_cache(maxsize=1)
def _default_cleaner() -> Cleaner:
    return Cleaner()


# Pages in both languages that reach every lazily built table and pattern of cleaning: the stop-word lists,
# py3langid's model (a text in neither language), the date patterns (a dated lead), the credit, footer and
# related-list patterns, the place and source names.
_WARM_PAGES = (
    "Titre\n\nLe président a rencontré son homologue à Lima pour parler du commerce.",
    "Giá vàng hôm nay tăng mạnh\n\nHÀ NỘI, 13/11 (TTXVN) - Sáng 5-6, giá vàng tăng (Ảnh: PV). Giá bạc cũng "
    "tăng theo trong ngày 2 tháng 9 năm 2024.\n\nTin liên quan\nGiá xăng giảm\n\n© 2024 Báo Tuổi Trẻ\n",
    "Peru and Viet Nam sign deal\n\nLIMA, Nov 13 (VNA) – On Sunday, November 13, 2024 the two sides signed "
    "in May 2024. (Photo: VNA)\n\nSee more\nOther story\n\nFollow us on Facebook\n",
)


def warm_up(cleaner: Cleaner | None = None) -> None:
    """Build the lazily loaded tables and patterns of cleaning now (about half a second, once per process):
    what a benchmark times apart as start-up, and what a parent process builds before forking its workers.

    >>> warm_up()
    """
    for page in _WARM_PAGES:
        clean_text(page, cleaner)

