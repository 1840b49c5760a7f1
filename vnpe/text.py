"""Text primitives shared by every stage: normalisation, line splitting, language, sentences.

Example:
    >>> from vnpe.text import normalize, split_lines, detect_language
    >>> normalize("Vie\u0302\u0323t\u00a0Nam")
    'Việt Nam'
    >>> [line for line, _ in split_lines("a\\r\\nb")]
    ['a', 'b']
    >>> detect_language("Hai nhà lãnh đạo đã hội đàm tại thủ đô Lima.")
    'vi'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import repeat

import numpy as np

# Line ends of the original file: \r\n, \r or \n (not the other characters str.splitlines() breaks on,
# such as \x0b, \x1c or U+2028, so that line numbers match what editors and `wc -l` show).
_EOL = re.compile(r"\r\n|\r|\n")

# Space-like characters that web pages leave in text (no-break spaces and their narrow / figure variants)
# become spaces; zero-width characters (invisible, but they break word matching and equality) go.
_SPACES = re.compile("[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200d\u202f\u2060\u3000\ufeff\u00ad]")
_MULTISPACE = re.compile(r"[ \t]{2,}")


def _has_odd_space(text: str) -> bool:
    """Does ``text`` hold an odd space (``_ODD_SPACE``)? They are all unprintable (spaces other than " ",
    format characters), so a printable text (tested in C, faster than the pattern) holds none."""
    return not text.isprintable() and _ODD_SPACE.search(text) is not None


def split_lines(text: str) -> list[tuple[str, str]]:
    """Split text into ``(line, eol)`` pairs, keeping each line's own line end.

    ``"".join(line + eol for line, eol in split_lines(t)) == t`` always holds. A text ending with a line
    end has no extra empty line after it (as ``wc -l`` counts).

    >>> split_lines("a\\r\\nb\\rc\\n")
    [('a', '\\r\\n'), ('b', '\\r'), ('c', '\\n')]
    """
    eol = _one_eol(text)
    if eol is not None:  # one kind of line end throughout: str.split does it in C
        *lines, last = text.split(eol)
        return [(line, eol) for line in lines] + ([(last, "")] if last else [])
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _EOL.finditer(text):
        out.append((text[pos : m.start()], m.group()))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], ""))
    return out


def _one_eol(text: str) -> str | None:
    """The line end of a text that uses one kind throughout ("\\n" also for a text without any), else ``None``."""
    if "\r" not in text:
        return "\n"
    if "\n" not in text:
        return "\r"
    return "\r\n" if text.count("\r\n") == text.count("\r") == text.count("\n") else None


def lines_and_ends(text: str) -> tuple[list[str], list[str]]:
    """:func:`split_lines` as two lists, the lines and their line ends (made in C for a text with one kind
    of line end, without the pairs).

    >>> lines_and_ends("a\\r\\nb\\r\\nc")
    (['a', 'b', 'c'], ['\\r\\n', '\\r\\n', ''])
    """
    eol = _one_eol(text)
    if eol is None:
        split = split_lines(text)
        return [line for line, _ in split], [e for _, e in split]
    lines = text.split(eol)
    if lines[-1]:
        ends = [eol] * (len(lines) - 1)
        ends.append("")
    else:
        lines.pop()
        ends = [eol] * len(lines)
    return lines, ends


def nfc(text: str) -> str:
    """Unicode NFC (composed) form; a no-op for text that is already NFC."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def normalize(text: str) -> str:
    """NFC, no-break / exotic spaces to plain spaces, zero-width characters removed, runs of spaces folded.

    Used for every comparison and for the clean text; the raw text is kept apart, NFC only.
    """
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if _has_odd_space(text):
            text = _ZERO_WIDTH.sub("", _SPACES.sub(" ", text))
    return _collapse_spaces(text)


def normalize_lines(lines: list[str], whole: str) -> list[str]:
    """``[normalize(line) for line in lines]`` for the lines of one text ``whole`` (as :func:`split_lines`
    cuts it), with the text-wide tests done once: when the whole text is NFC every line is (line ends never
    compose with their neighbours), and a line holds an odd space only if the text does.

    >>> normalize_lines(["Vie\\u0302\\u0323t", "  a\\u00a0 b "], "Vie\\u0302\\u0323t\\n  a\\u00a0 b \\n")
    ['Việt', 'a b']
    """
    return normalized_lines(lines, whole)[0]


def normalized_lines(lines: list[str], whole: str) -> tuple[list[str], set[int]]:
    """:func:`normalize_lines`, and the indexes of the lines whose normal form ``normalize`` might change
    again (it is not idempotent only where zero-width characters were taken out: "e\\u200b\\u0301" becomes
    "e\\u0301", which NFC composes). Every other line is its own normal form: NFC (a line of an NFC text, or
    composed), no odd space, no run of spaces, stripped.

    >>> normalized_lines(["a", "b\\u00a0 c"], "a\\nb\\u00a0 c")
    (['a', 'b c'], {1})
    """
    spaced = "  " in whole or "\t" in whole
    if whole.isascii():
        return ([_collapse_spaces(line) for line in lines] if spaced else [line.strip() for line in lines]), set()
    composed = unicodedata.is_normalized("NFC", whole)
    # (odd spaces are unprintable: when every line is printable, the text, their join with line ends, holds none)
    odd = not all(map(str.isprintable, lines)) and _has_odd_space(whole)
    if composed and not odd and not spaced:  # the usual case: nothing to do but strip
        return [line.strip() for line in lines], set()
    out = []
    unsure: set[int] = set()
    for i, text in enumerate(lines):
        if not text.isascii():
            if not composed and not unicodedata.is_normalized("NFC", text):
                text = unicodedata.normalize("NFC", text)
            if odd and _has_odd_space(text):
                text = _ZERO_WIDTH.sub("", _SPACES.sub(" ", text))
                unsure.add(i)
        out.append(_collapse_spaces(text))
    return out, unsure


def _collapse_spaces(text: str) -> str:
    """Runs of spaces and tabs made one space, the ends stripped (the last step of :func:`normalize`)."""
    if "  " in text or "\t" in text:
        text = _MULTISPACE.sub(" ", text.replace("\t", " "))
    return text.strip()


# What fold() strips at both ends of a case-folded text.
_FOLD_STRIP = " .…-–—:;,!?\"'“”‘’()[]"
_FOLD_MEMO_SIZE = 1 << 16
_folds: dict[str, str] = {}  # text -> fold(text): a memo of a pure function (emptied when it grows large)


def fold(text: str) -> str:
    """Key for equality tests: normalised, case-folded, punctuation-insensitive at the ends.

    >>> fold("  « Xem THÊM: »"), fold("See more...")
    ('« xem thêm: »', 'see more')
    """
    key = _folds.get(text)
    if key is None:
        if len(_folds) >= _FOLD_MEMO_SIZE:
            _folds.clear()
        key = _folds[text] = normalize(text).casefold().strip(_FOLD_STRIP)
    return key


def remember_folds(norms: list[str], folded: str, unsure: set[int] | frozenset[int] = frozenset()) -> None:
    """Memoise :func:`fold` of a page's normalised lines from the page's case folding, done once:
    ``folded`` is ``"\\n".join(norms).casefold()`` and ``unsure`` the lines that may not be their own normal
    form (see :func:`normalized_lines`), which are left to :func:`fold`. Case folding maps each character on
    its own, so the page's folding cut at its line ends is each line's folding (checked: a character whose
    folding held a line end would make more pieces, and then nothing is memoised).

    >>> remember_folds(["See more:", "", "Đọc THÊM"], "see more:\\n\\nđọc thêm")
    >>> fold("Đọc THÊM")
    'đọc thêm'
    """
    parts = folded.split("\n")
    if len(parts) != len(norms):
        return
    if len(_folds) + len(norms) > _FOLD_MEMO_SIZE:
        _folds.clear()
    if not unsure:  # (the usual case: the memo filled in C, later lines overwriting earlier equal ones as below)
        _folds.update(zip(norms, map(str.strip, parts, repeat(_FOLD_STRIP)), strict=False))
        return
    for i, (text, low) in enumerate(zip(norms, parts, strict=True)):
        if i not in unsure:
            _folds[text] = low.strip(_FOLD_STRIP)


LEAD_MIN_CHARS = 100  # the lead ends with the first paragraph this long (header lines, tags, captions are shorter)


def lead_end(text: str, min_chars: int = LEAD_MIN_CHARS) -> int:
    r"""Where an article's lead ends: after its first paragraph (blank-line separated) of ``min_chars`` characters
    or more, or at the end of the text. The cut :mod:`vnpe.events` reads the event from (beside the title).

    Example:
        >>> text = "HANOI\n\n" + "x" * 120 + "\n\nMore."
        >>> lead_end(text), lead_end("Short.")
        (127, 6)
    """
    pos = 0
    while True:
        cut = text.find("\n\n", pos)
        end = len(text) if cut < 0 else cut
        if len(text[pos:end]) >= min_chars or cut < 0:
            return end
        pos = cut + 2


def strip_diacritics(text: str) -> str:
    """Remove combining marks (and map đ/Đ to d/D): ``Lương Cường`` -> ``Luong Cuong``.

    One ``str.translate`` of the NFD form (:class:`_StripMarks`), several times faster than testing each
    character with ``unicodedata.combining`` in Python.

    >>> strip_diacritics("Đặng Thị Ngọc Thịnh")
    'Dang Thi Ngoc Thinh'
    """
    return unicodedata.normalize("NFD", text).translate(_STRIP_MARKS)


# The five Vietnamese tone marks (huyền, sắc, ngã, hỏi, nặng) as combining characters of the NFD form.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Letters that only Vietnamese spelling uses among Latin scripts: the Latin Extended Additional block's
# Vietnamese letters (U+1EA0-U+1EF9: ạ, ả, ấ, ắ, ệ, ở, ữ ...) and ă, â, đ, ê, ô, ơ, ư, ĩ, ũ.
_VIETNAMESE_LETTER = re.compile("[\u1ea0-\u1ef9\u0102\u0103\u00c2\u00e2\u0110\u0111\u00ca\u00ea\u00d4"
                                "\u00f4\u01a0\u01a1\u01af\u01b0\u0128\u0129\u0168\u0169]")


def has_vietnamese_marks(text: str) -> bool:
    """Whether ``text`` is spelled with letters only Vietnamese uses ("Nhà Trắng", "Vĩnh"; not "Bogotá").

    >>> has_vietnamese_marks("Nhà Trắng"), has_vietnamese_marks("Bogotá"), has_vietnamese_marks("Nha Trang")
    (True, False, False)
    """
    return not text.isascii() and _VIETNAMESE_LETTER.search(normalize(text)) is not None


def _spelling_words(text: str) -> list[str]:
    """The words of ``text`` (split at spaces and hyphens), case-folded and decomposed (NFD), each with its
    Vietnamese tone mark moved to its end, so that "Hoà" and "Hòa" give the same word."""
    words = []
    for word in re.split(r"[\s\-]+", unicodedata.normalize("NFD", text.casefold().replace("đ", "d\u0335"))):
        if word:
            tones = "".join(c for c in word if c in _TONE_MARKS)
            words.append("".join(c for c in word if c not in _TONE_MARKS) + tones)
    return words


def spelled_within(text: str, spelling: str) -> bool:
    """Whether ``text`` is ``spelling`` with some of its marks left out, and no mark of its own: how a hurried or
    unmarked writer spells a name ("Bồ Đao Nha", "Ha Noi" for "Bồ Đào Nha", "Hà Nội"), but not a different word
    that folds to the same letters ("Nhà Trắng", the White House, is not "Nha Trang"; "Vĩnh" is not "Vinh").
    Case and the place of the tone mark ("Hoà" / "Hòa") do not count.

    >>> spelled_within("Bồ Đao Nha", "Bồ Đào Nha"), spelled_within("Thanh Hoá", "Thanh Hóa")
    (True, True)
    >>> spelled_within("Nhà Trắng", "Nha Trang"), spelled_within("Vĩnh", "Vinh")
    (False, False)
    """
    mine, theirs = _spelling_words(text), _spelling_words(spelling)
    if len(mine) != len(theirs):
        return False
    for a, b in zip(mine, theirs, strict=True):
        i = 0
        for c in b:  # walk the listed word: each of its characters is matched in order, or is a mark left out
            if i < len(a) and a[i] == c:
                i += 1
            elif not unicodedata.combining(c):
                return False
        if i != len(a):
            return False
    return True


class _StripMarks(dict):
    """``str.translate`` table of :func:`strip_diacritics`: a combining mark (``unicodedata.combining``) →
    deleted, đ/Đ → d/D, any other character → itself; filled on first sight of each character."""

    def __missing__(self, c: int) -> str | None:
        ch = chr(c)
        out = None if unicodedata.combining(ch) else {"đ": "d", "Đ": "D"}.get(ch, ch)
        self[c] = out
        return out


_STRIP_MARKS = _StripMarks()


# ---------------------------------------------------------------------------------------------- language

# Letters that only Vietnamese uses among Latin-script languages (with their tone-marked forms in NFC).
_VI_LETTERS = set(
    "ăâđêôơưĂÂĐÊÔƠƯ"
    "ảãạằắẳẵặầấẩẫậèẻẽẹềếểễệìỉĩịòỏõọồốổỗộờớởỡợùủũụừứửữựỳỷỹỵ"
    "ẢÃẠẰẮẲẴẶẦẤẨẪẬÈẺẼẸỀẾỂỄỆÌỈĨỊÒỎÕỌỒỐỔỖỘỜỚỞỠỢÙỦŨỤỪỨỬỮỰỲỶỸỴ"
)
# The Vietnamese-only letters most frequent in news text (about 9 in 10 Vietnamese pages hold enough of them
# for detect_language's fast path).
_VI_COMMON = ("đ", "ư", "ệ", "ớ", "ạ", "ế", "ủ", "ố")
_EN_COMMON = frozenset(
    "the of and to in a is that for on with as was by at from it are be has have he she said "
    "this an which will their its were been they".split()
)
_WORD = re.compile(r"[^\W\d_]+")
_ONE_LETTER = re.compile(r"[^\W\d_]")
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not _WORD.match(chr(c)))


@lru_cache(maxsize=4096)
def _is_letter(char: str) -> bool:
    return _WORD.match(char) is not None


@lru_cache(maxsize=1)
def _bmp_table() -> np.ndarray:
    """For every code point of the Basic Multilingual Plane, a class: 0 not a letter, 1 a letter (``_WORD``
    matches it), 3 a Vietnamese-only letter; and one more entry, class 4, for every code point beyond it
    (looked up with ``mode="clip"``). Built once, from one pass of the pattern over the BMP."""
    bmp = "".join(map(chr, range(0x10000)))
    table = np.zeros(0x10001, dtype=np.uint8)
    table[[m.start() for m in _ONE_LETTER.finditer(bmp)]] = 1
    table[[ord(c) for c in _VI_LETTERS]] = 3  # (all of them letters)
    table[0x10000] = 4
    return table


def _letter_counts(text: str) -> tuple[int, int]:
    """The letters of ``text`` (characters ``_WORD`` matches) and its Vietnamese-only letters.

    One pass in C over an ASCII text; otherwise every code point's class looked up in one table (numpy) and
    the classes counted: a regular expression's Unicode classes, tested at every character, cost several
    times more.

    >>> _letter_counts("Việt Nam 2024: đẹp!"), _letter_counts("𝐀𝐁 ab")
    ((10, 3), (4, 0))
    """
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_NON_LETTERS)), 0
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    # every code point beyond the BMP is clipped to the table's last entry, class 4 (no separate pass for them)
    counts = np.bincount(_bmp_table().take(points, mode="clip"), minlength=5)
    letters = 0
    if counts[4]:  # letters beyond the BMP (mathematical alphanumerics, historic scripts)
        letters = sum(_is_letter(chr(p)) for p in points[points >= 0x10000].tolist())
    return letters + int(counts[1]) + int(counts[3]), int(counts[3])


@lru_cache(maxsize=1)
def _langid():
    import py3langid

    return py3langid


def load_language_model() -> bool:
    """Load py3langid's model now (about 0.4 s of CPU and 70 MB, once per process) rather than at the first page
    that :func:`detect_language` hands to it: a parent process does this so that the workers it forks from then
    on share its copy instead of each loading its own. True when this call loaded it.

    >>> load_language_model() in (True, False)
    True
    """
    from py3langid import langid

    loaded = langid.IDENTIFIER is not None
    _langid().classify("warm")
    return not loaded


def drop_language_model() -> None:
    """Let py3langid's model go (:func:`load_language_model`; loaded again when a page needs it).

    >>> drop_language_model()
    """
    from py3langid import langid

    langid.IDENTIFIER = None


def detect_language(text: str, sample: int = 2000) -> str:
    """``"en"``, ``"vi"``, ``"other"`` or ``"unknown"`` (no letters) for a text.

    Vietnamese and English are recognised by cheap, reliable signals (Vietnamese-only letters; the share
    of very common English words); anything else goes to py3langid's offline model, and every language
    but English and Vietnamese comes back as ``"other"``.
    """
    text = text[:sample]
    size = len(text)
    # Fast path, exact: the most frequent Vietnamese-only letters (counted in C) bound the Vietnamese-only
    # letters from below, and the characters bound the letters from above; when those bounds already pass
    # the tests below, so do the counts (most Vietnamese pages: no per-character classification).
    low = sum(map(text.count, _VI_COMMON)) if size else 0
    if low >= 3 and low * 25 > size:
        extra = len(text.encode("utf-8")) - size
        if extra / size > 0.04:  # (low / size > 0.04 holds: low * 25 > size above)
            return "vi"
    n_letters, n_vi = _letter_counts(text)
    if n_letters < 3:
        return "unknown"
    # Bytes beyond one per character bound the non-ASCII letters from above; only when there are enough of
    # them do the Vietnamese-only letters count.
    extra = len(text.encode("utf-8")) - len(text)
    vi_share = n_vi / n_letters if extra / n_letters > 0.04 else 0.0
    if vi_share > 0.04:
        return "vi"
    if vi_share < 0.005:
        words = _WORD.findall(text.casefold())
        if len(words) >= 8 and sum(map(_EN_COMMON.__contains__, words)) / len(words) > 0.15:
            return "en"
    lang, _ = _langid().classify(text)
    return lang if lang in ("en", "vi") else "other"


# ---------------------------------------------------------------------------------------------- months

# English month names and abbreviations -> month number (date parsing in vnpe.clean and vnpe.events).
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

# ---------------------------------------------------------------------------------------------- sentences

# Abbreviations after which a full stop does not end a sentence (English and Vietnamese usage).
_ABBREV = frozenset(
    "mr mrs ms dr prof st jr sr no vs etc inc ltd co corp gen gov sen rep lt col capt sgt maj "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n e.g i.e p ths ts gs pgs tp th".split()
)
_SENT_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-ZÀ-ỸĐ0-9])")


def sentences(text: str, language: str | None = None) -> list[str]:
    """Split a paragraph into sentences (English and Vietnamese; other languages alike).

    A boundary is sentence-final punctuation followed by space and an upper-case letter or digit,
    except after a known abbreviation or a single initial (``Mr.``, ``U.S.``, ``TP.``, ``J.``).
    Both languages write sentences the same way, so ``language`` is accepted for API symmetry.

    >>> sentences("Mr. Cuong met Ms. Boluarte in Lima. They agreed on trade.")
    ['Mr. Cuong met Ms. Boluarte in Lima.', 'They agreed on trade.']
    >>> sentences("Chủ tịch nước đã hội đàm. Hai bên nhất trí tăng cường hợp tác.")
    ['Chủ tịch nước đã hội đàm.', 'Hai bên nhất trí tăng cường hợp tác.']
    """
    return list(_iter_sentences(normalize(text)))


def first_sentence(text: str) -> str:
    """``sentences(text)[0]`` (``""`` when there is none), without splitting the rest of the text.

    >>> first_sentence("Mr. Cuong met Ms. Boluarte in Lima. They agreed on trade.")
    'Mr. Cuong met Ms. Boluarte in Lima.'
    """
    return next(_iter_sentences(normalize(text)), "")


# A plain sentence end: ".", "!" or "?" before white space or the end of the text. The events' rules read
# sentences with it rather than with :func:`sentences`, on purpose: they look at windows of a lead around a date
# by offsets in the text as given (``sentences`` normalises, so its pieces have other offsets), and they were
# chosen and measured with this cut (after "TP." or "Mr." too, before a lower-case word too, no closing quote);
# cutting as ``sentences`` does would change which dates read as recalled.
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def sentence_at(text: str, start: int, stop: int) -> str:
    """The sentence of ``text`` that holds ``text[start:stop]``, by plain sentence ends (``SENTENCE_END``: ". ",
    "! ", "? ") and line breaks, as written (not normalised; see ``SENTENCE_END`` for how it differs from
    :func:`sentences`).

    >>> sentence_at("Trước đó, ông bị bắt. Chiều 3-3, ông ra tòa.\\nẢnh: TTXVN", 28, 31)
    'Chiều 3-3, ông ra tòa'
    """
    b = max((x.end() for x in SENTENCE_END.finditer(text, 0, start)), default=0)
    b = max(b, text.rfind("\n", 0, start) + 1)
    e = SENTENCE_END.search(text, stop)
    ends = [x for x in (e.start() if e else -1, text.find("\n", stop)) if x >= 0]
    return text[b:min(ends) if ends else len(text)]


def _iter_sentences(text: str) -> Iterator[str]:
    """The sentences of a normalised ``text``, lazily, for :func:`sentences` and :func:`first_sentence`."""
    start = 0
    for m in _SENT_END.finditer(text):
        last = text[start : m.start() + 1].rsplit(" ", 1)[-1].rstrip(".").casefold()
        if m.group().startswith(".") and (last in _ABBREV or (len(last) == 1 and last.isalpha())):
            continue
        yield text[start : m.end()].strip()  # (never empty: it holds the sentence's final punctuation)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        yield tail


# ---------------------------------------------------------------------------------------------- word lists as regexes


def alternation(words: Iterable[str], *, space: str | None = None, trie: bool = False,
                pattern: Callable[[str], str] | None = None) -> str:
    r"""One regex group that matches any of ``words``, the one way every stage writes a word list as a regex.

    The words are escaped and tried longest first (a longer word wins over its beginning: "rạng sáng" before
    "sáng"; words of one length keep their given order, each written once); no word gives a group that never
    matches. ``space``: the regex a space inside a word stands for (``r"\s+"``: any white space), else a space.
    ``pattern``: how each word is written instead (a phrase language such as :class:`vnpe.languages.Cues`'s).
    ``trie``: the words' common beginnings written once ("kháng (?:cáo|nghị)"): ``re`` tries every alternative
    of an alternation at every position of a text, so a search over many words (when only whether it matches
    is asked) costs about a fifth less; it matches the same strings (each branch starts with a different
    character, and a longer word is still tried first: optional tails are greedy).

    >>> alternation(["sáng", "rạng sáng", "tối"])
    '(?:rạng\\ sáng|sáng|tối)'
    >>> alternation(["as of", "effective"], space=r"\s+"), alternation([])
    ('(?:effective|as\\s+of)', '(?!)')
    >>> alternation({"appeal", "appeals", "appealed", "kháng cáo", "kháng nghị"}, trie=True)
    '(?:appeal(?:(?:ed|s))?|kháng\\ (?:cáo|nghị))'
    """
    words = list(dict.fromkeys(words))
    if not words:
        return "(?!)"
    if trie:
        out = _trie(words, space)
        return out if out.startswith("(?:") and _one_group(out) else "(?:" + out + ")"
    if pattern is None:
        def pattern(w: str) -> str:
            return re.escape(w) if space is None else space.join(map(re.escape, w.split(" ")))
    return "(?:" + "|".join(map(pattern, sorted(words, key=len, reverse=True))) + ")"


def _one_group(rx: str) -> bool:
    """Whether the regex ``rx``, which starts with "(?:", is that one group (its closing parenthesis is the last
    character), not a group followed by more."""
    depth = 0
    escaped = False
    for i, c in enumerate(rx):
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i == len(rx) - 1
    return False


def _trie(words: Iterable[str], space: str | None = None) -> str:
    """The trie regex of :func:`alternation` (``trie=True``) of exactly the strings ``words`` (not empty)."""
    groups: dict[str, set[str]] = {}
    for w in words:
        groups.setdefault(w[:1], set()).add(w[1:])
    alts = []
    for head, tails in sorted(groups.items()):
        rest = {t for t in tails if t}
        tail = _trie(rest, space) if rest else ""
        if rest and "" in tails:
            tail = f"(?:{tail})?"
        alts.append((space if space is not None and head == " " else re.escape(head)) + tail)
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
