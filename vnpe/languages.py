"""Languages in one place: word splitting, stemming or segmentation, stop words, cue words, name rules.

Every language-dependent step of :mod:`vnpe.areas` and :mod:`vnpe.topics` asks the registry
(:func:`get_language`) instead of testing ``language == "vi"``. The data of each language (stop words,
reporting verbs, words that make a capitalised span an organisation name...) live in
``vnpe/data/languages.toml``; the code here only knows two kinds of tools, a Snowball **stemmer** (any
language Snowball has) and a word **segmenter** (pyvi for Vietnamese). Adding a language is a table in
that file, plus one entry in :data:`SEGMENTERS` if it needs a segmenter vnpe does not have.

Example:
    >>> en = get_language("en")
    >>> en.key("Minerals"), en.is_noise("said"), en.is_noise("copper")
    ('miner', True, False)
    >>> vi = get_language("vi")
    >>> vi.words("Hợp tác dầu khí và nông nghiệp")
    ['hợp_tác', 'dầu_khí', 'và', 'nông_nghiệp']
    >>> get_language("xx") is None
    True
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from vnpe.text import alternation, nfc, strip_diacritics

WORD = re.compile(r"[^\W_]+")

# Vietnamese has two conventions for the tone mark on the open diphthongs oa, oe, uy ("hoá"/"hóa",
# "thuỷ"/"thủy"); both occur in news text. Map the "new" placement to the "old" one at a syllable end.
_TONE_A = dict(zip("àáảãạ", "òóỏõọ", strict=True))
_TONE_E = dict(zip("èéẻẽẹ", "òóỏõọ", strict=True))
_TONE_Y = dict(zip("ỳýỷỹỵ", "ùúủũụ", strict=True))
_OA = re.compile(r"o([àáảãạ])(?![^\W_])")
_OE = re.compile(r"o([èéẻẽẹ])(?![^\W_])")
_UY = re.compile(r"(?<!q)u([ỳýỷỹỵ])(?![^\W_])")


def fold_text(text: str) -> str:
    """NFC, case-folded, one tone placement for Vietnamese: the form terms and text are compared in.

    >>> fold_text("Số Hoá") == fold_text("số hóa")
    True
    """
    text = nfc(text).casefold()
    if text.isascii():
        return text
    text = _OA.sub(lambda m: _TONE_A[m.group(1)] + "a", text)
    text = _OE.sub(lambda m: _TONE_E[m.group(1)] + "e", text)
    return _UY.sub(lambda m: _TONE_Y[m.group(1)] + "y", text)


@lru_cache(maxsize=1 << 16)
def plain(word: str) -> str:
    """A folded word without diacritics (``đầu`` -> ``dau``): the form for text typed without them."""
    return strip_diacritics(word).casefold() if not word.isascii() else word


def is_capitalised(word: str) -> bool:
    """First letter upper-case (``Viettel``, ``LNG``, ``Địa``)."""
    return bool(word) and word[0].isupper()


# ------------------------------------------------------------------------------------------ tools


@lru_cache(maxsize=8)
def _snowball(name: str):
    import snowballstemmer

    return snowballstemmer.stemmer(name)


@lru_cache(maxsize=1)
def _pyvi():
    with warnings.catch_warnings():  # pyvi 0.1.1 has invalid escape sequences in its regexes
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        from pyvi import ViTokenizer

    return ViTokenizer


@lru_cache(maxsize=1 << 17)
def _pyvi_words(text: str) -> tuple[str, ...]:
    # Segmentation is the costliest step of the topic model and runs again for every fit: keep results.
    return tuple(_pyvi().tokenize(text).split())


def vi_words(text: str) -> list[str]:
    """Vietnamese word segmentation (pyvi): words with their syllables joined by ``_``.

    >>> vi_words("hợp tác dầu khí")
    ['hợp_tác', 'dầu_khí']
    """
    return list(_pyvi_words(text))


# A segmenter takes a text and returns its words as written (syllables of one word joined by "_").
SEGMENTERS: dict[str, Callable[[str], Sequence[str]]] = {"pyvi": _pyvi_words}


# ------------------------------------------------------------------------------------------ languages


def _folded(words: Sequence[str]) -> frozenset[str]:
    return frozenset(" ".join(WORD.findall(fold_text(w))) for w in words if WORD.search(w))


@dataclass(frozen=True, eq=False)
class Language:
    """What vnpe knows of one language (see ``vnpe/data/languages.toml`` for the meaning of each field)."""

    code: str
    name: str
    stemmer: str = ""
    segmenter: str = ""
    stop_words: frozenset[str] = frozenset()
    reporting: frozenset[str] = frozenset()
    filler: frozenset[str] = frozenset()
    name_words: frozenset[str] = frozenset()
    name_prefixes: tuple[tuple[str, ...], ...] = ()
    name_links: frozenset[str] = frozenset()
    name_heads: tuple[tuple[str, ...], ...] = ()
    name_tail: int = 0
    case_names: bool = False
    cues_before: tuple[str, ...] = ()
    cues_after: tuple[str, ...] = ()
    story_stages: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (step, phrases): see languages.toml
    statement_verbs: tuple[str, ...] = ()
    locatives: tuple[str, ...] = ()  # words after which a place term names where something is ("near")
    titles_after: tuple[str, ...] = ()  # words that make a term before them part of a job title ("analyst")
    period_dates: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (role, phrases) of a period's bound: languages.toml
    recall_cues: tuple[str, ...] = ()  # phrases of a sentence that recalls an earlier step ("trước đó", "earlier")
    recall_not_in: tuple[str, ...] = ()  # words holding a cue that mean something else ("dịch vụ", "thu hồi")
    recall_next: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (cue, words one of which must follow it)
    past_cues: tuple[str, ...] = ()  # phrases after which a date is a recalled day ("since", "hồi"): languages.toml

    @cached_property
    def recall(self) -> Cues:
        """The recall cues of this language (``recall_cues``, ``recall_not_in``, ``recall_next``) as a matcher.

        >>> vi = get_language("vi")
        >>> vi.recall.search("Vụ việc xảy ra tối 5/6."), vi.recall.search("Công ty dịch vụ khai trương ngày 5/6.")
        (True, False)
        """
        return Cues(self.recall_cues, self.recall_not_in, self.recall_next,
                    frozenset(p[0] for p in self.name_prefixes if len(p) == 1))

    @cached_property
    def past(self) -> Cues:
        """The past cues of this language (``past_cues``, with the words of ``recall_not_in`` that hold a cue but
        mean something else) as a matcher.

        >>> vi = get_language("vi")
        >>> vi.past.search("Hãng đã thu hồi sản phẩm"), vi.past.search("hồi 12/8"), vi.past.search("kể từ ngày 1/7")
        (False, True, True)
        """
        return Cues(self.past_cues, self.recall_not_in, (), frozenset(p[0] for p in self.name_prefixes if len(p) == 1))

    @cached_property
    def _stem(self) -> Callable[[str], str]:
        if not self.stemmer:
            return lambda w: w
        stemmer = _snowball(self.stemmer)
        return lru_cache(maxsize=200_000)(stemmer.stemWord)

    def key(self, word: str) -> str:
        """The comparison key of a word: its folded stem (stemming languages) or its folded form.

        >>> get_language("en").key("investing")
        'invest'
        """
        return self._stem(fold_text(word))

    def words(self, text: str) -> list[str]:
        """Folded words of a text; a segmenting language joins the syllables of a word with ``_``."""
        if self.segmenter:
            return [fold_text(w) for w in SEGMENTERS[self.segmenter](text)]
        return WORD.findall(fold_text(text))

    def is_noise(self, word: str) -> bool:
        """A stop word, reporting verb or cue word, or news filler (``_`` and spaces are the same)."""
        w = fold_text(word).replace("_", " ")
        return w in self.stop_words or w in self.reporting or w in self.filler

    @cached_property
    def _noise(self) -> frozenset[str]:
        # words that end a name's lower-case tail: function words and cue words (news filler such as
        # "cấp" or "mức" may belong to a name)
        return self.stop_words | self.reporting

    @cached_property
    def _prefix_index(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        out: dict[str, list[tuple[str, ...]]] = {}
        for p in self.name_prefixes:
            out.setdefault(p[0], []).append(p)
        return {k: tuple(v) for k, v in out.items()}

    def name_spans(self, tokens: Sequence[str], gaps: Sequence[str],
                   low: Sequence[str] | None = None) -> list[tuple[int, int]]:
        """Token ranges ``[i, j)`` that are organisation, institution or publication names.

        ``tokens`` are the words (or syllables) of a sentence as written, ``gaps[i]`` the text between
        token ``i - 1`` and token ``i``. A name is a run of capitalised tokens (linked by ``name_links``
        before a capitalised token, each capitalised token carrying at most ``name_tail`` lower-case ones
        that are no stop or cue word) that contains one of ``name_words`` (the whole run is the name) or
        one of ``name_prefixes`` followed by a capitalised token (the name runs from the prefix).
        Punctuation other than ``-``, ``&``, ``'`` and ``.`` ends a run.

        >>> toks = "the Viettel Military Industry and Telecom Group said".split()
        >>> get_language("en").name_spans(toks, [" "] * len(toks))
        [(1, 7)]
        >>> toks = "hợp tác với Khoa Địa chất và Dầu khí về".split()
        >>> get_language("vi").name_spans(toks, [" "] * len(toks))
        [(3, 9)]
        """
        if not (self.name_words or self.name_prefixes):
            return []
        n = len(tokens)
        if low is None:
            low = [fold_text(t) for t in tokens]
        noise = self._noise
        out: list[tuple[int, int]] = []
        i = 0
        listed = False  # in a list of names that share one elided prefix ("Sở Y tế, Giáo dục và Công Thương")
        while i < n:
            if not tokens[i][:1].isupper():
                i += 1
                listed = False
                continue
            j, tail = i + 1, 0
            while j < n and _joins(gaps[j]):
                if tokens[j][:1].isupper():
                    j, tail = j + 1, 0
                elif (low[j] in self.name_links and j + 1 < n and is_capitalised(tokens[j + 1])
                      and _joins(gaps[j + 1])):
                    j, tail = j + 2, 0
                elif tail < self.name_tail and low[j] not in noise and not tokens[j][0].isdigit():
                    j, tail = j + 1, tail + 1
                else:
                    break
            start = self._name_start(tokens, low, i, j)
            if start is None and listed:
                start = i
            if start is not None:
                out.append((start, j))
            # a prefix name followed by a comma or "và" and another capitalised run: the prefix is elided
            listed = (start is not None and self.name_tail > 0 and j < n
                      and (gaps[j].strip() == "," or (low[j] in self.name_links and j + 1 < n)))
            # a bare prefix before a colon introduces such a list ("6 Sở: Giáo dục và Đào tạo, Y tế")
            listed |= (start is None and self.name_tail > 0 and j < n and gaps[j].strip() == ":"
                       and tuple(low[i:j]) in self.name_prefixes)
            if listed and low[j] in self.name_links:
                j += 1
            i = j
        return out

    def _name_start(self, tokens: Sequence[str], low: Sequence[str], i: int, j: int) -> int | None:
        """Where the name in the capitalised run ``[i, j)`` starts, or None when it holds no name."""
        if j - i < 2:
            return None
        words = self.name_words
        if words and any(w in words for w in low[i:j]):
            return i
        index = self._prefix_index
        for s in range(i, j - 1):
            for p in index.get(low[s], ()):
                k = s + len(p)
                if k < j and tuple(low[s:k]) == p and is_capitalised(tokens[s]) and is_capitalised(tokens[k]):
                    return s
        return None


class Cues:
    """Cue phrases of a language that match whole words, minus the words that hold a cue but mean something else
    (Vietnamese is written syllable by syllable: the syllable "vụ" of "dịch vụ" is no "vụ"), and with the words
    that must follow a cue for it to count. See ``recall_cues`` in ``vnpe/data/languages.toml``.

    ``phrases``: words separated by spaces, matched case-insensitively; ``*`` is any one word, ``*ed`` any word
    ending in "ed", ``…`` up to 6 words of the same clause. ``not_in``: phrases; a cue inside a match of one of
    them is no cue. ``next_words``: (cue, words), the cue counts only right before one of the words (``#``: a
    number). ``names``: single-word name prefixes ("vụ", "bộ"): such a cue written capitalised inside a sentence
    before a capitalised word begins a name ("đại diện Vụ Hợp tác quốc tế"), no cue. Several languages' cues
    may be merged with :meth:`merge`.

    >>> c = Cues(["vụ", "had *ed", "như … đã đưa tin"], not_in=["dịch vụ"], next_words=[("hồi", ("tháng", "#"))])
    >>> [c.search(t) for t in ("vụ tai nạn", "công ty dịch vụ", "hồi tháng 5", "hồi phục", "hồi 12/8",
    ...                        "police had arrested him", "Như báo Tuổi Trẻ đã đưa tin")]
    [True, False, True, False, True, True, True]
    >>> c = Cues(["vụ"], names=frozenset({"vụ"}))
    >>> c.search("đại diện Vụ Pháp chế nói"), c.search("Vụ Lake Side: tòa tuyên án")
    (False, True)
    """

    def __init__(self, phrases: Sequence[str] = (), not_in: Sequence[str] = (),
                 next_words: Sequence[tuple[str, Sequence[str]]] = (), names: frozenset[str] = frozenset()):
        self.phrases = tuple(dict.fromkeys(phrases))
        self.not_in = tuple(dict.fromkeys(not_in))
        self.next_words = tuple((c, tuple(ws)) for c, ws in next_words)
        self.names = frozenset(names)
        # the phrases longest first, then each cue that needs a next word (with the words it may come before)
        alts = [alternation(self.phrases, pattern=_cue_regex)] if self.phrases else []
        for cue, words in self.next_words:
            follow = [r"\d" if w == "#" else _cue_regex(w) + r"(?![^\W_])" for w in words]
            alts.append(_cue_regex(cue) + r"(?=\s+(?:" + "|".join(follow) + "))")
        self._rx = re.compile(r"(?<![^\W_])(?:" + "|".join(alts) + r")(?![^\W_])", re.IGNORECASE) if alts else None
        self._not = re.compile(r"(?<![^\W_])" + alternation(self.not_in, pattern=_cue_regex) + r"(?![^\W_])",
                               re.IGNORECASE) if self.not_in else None

    def merge(self, other: Cues) -> Cues:
        """The cues of both (a text of either language is read with one matcher)."""
        return Cues(self.phrases + other.phrases, self.not_in + other.not_in, self.next_words + other.next_words,
                    self.names | other.names)

    def finditer(self, text: str) -> list[tuple[int, int]]:
        """The ``(start, stop)`` spans of the cues of ``text`` that count."""
        if self._rx is None:
            return []
        found = [(m.start(), m.end()) for m in self._rx.finditer(text)]
        if not found:
            return []
        if self._not is not None:
            # every match of an exclusion, overlapping ones too ("công vụ việc": "công vụ" and "vụ việc")
            spans = []
            pos = 0
            while (x := self._not.search(text, pos)) is not None:
                spans.append((x.start(), x.end()))
                pos = x.start() + 1
            found = [(a, b) for a, b in found if not any(xa <= a and b <= xb for xa, xb in spans)]
        if self.names:
            found = [(a, b) for a, b in found if not self._name(text, a, b)]
        return found

    def _name(self, text: str, a: int, b: int) -> bool:
        word = text[a:b]
        if not word[:1].isupper() or fold_text(word) not in self.names:
            return False
        before = text[max(a - 40, 0):a].rstrip()
        if not before or not (before[-1].isalnum() or before[-1] in ",;"):
            return False  # a capital at a sentence start, after a dash or a bracket, says nothing
        nxt = WORD.search(text, b)
        return nxt is not None and not text[b:nxt.start()].strip() and is_capitalised(nxt.group())

    def search(self, text: str) -> bool:
        """Whether ``text`` holds a cue that counts."""
        return bool(self.finditer(text))


def _cue_regex(phrase: str) -> str:
    parts = []
    for w in phrase.split():
        if w == "…":
            parts.append(r"(?:[^\s.,;:!?]+\s+){0,6}?")
            continue
        if w == "*":
            rx = r"[^\W\d_]+"
        elif w.startswith("*"):
            rx = r"[^\W\d_]+" + re.escape(w[1:])
        else:
            rx = re.escape(w)
        parts.append(rx + r"\s+")
    out = "".join(parts)
    return out[:-3] if out.endswith(r"\s+") else out


def _joins(gap: str) -> bool:
    return all(c.isspace() or c in "-–&'’." for c in gap) and gap.count(".") <= 1 and "  " not in gap


def sklearn_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (``sklearn.feature_extraction.text.ENGLISH_STOP_WORDS``), read
    without importing scikit-learn.

    Importing any ``sklearn`` submodule first runs the package's ``__init__`` (scipy.stats, joblib, ...:
    about 1.4 s of CPU), which ``vnpe overlap`` would pay serially before its worker pool starts, only for
    this list. The list is a single ``frozenset([...])`` literal in ``sklearn/feature_extraction/
    _stop_words.py``; that file is located with :func:`importlib.util.find_spec` (which imports nothing)
    and the literal is read with :func:`ast.literal_eval` (no code runs). If the file is not laid out that
    way (another scikit-learn version), the list is imported the ordinary way.

    >>> {"the", "and", "amoungst"} <= sklearn_stop_words()
    True
    """
    return _sklearn_stop_words()


@lru_cache(maxsize=1)
def _sklearn_stop_words() -> frozenset[str]:
    import sys

    loaded = sys.modules.get("sklearn.feature_extraction._stop_words")
    if loaded is not None:
        return frozenset(loaded.ENGLISH_STOP_WORDS)
    words = _stop_words_literal()
    if words is None:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        words = frozenset(ENGLISH_STOP_WORDS)
    return words


def _stop_words_literal() -> frozenset[str] | None:
    """``ENGLISH_STOP_WORDS`` parsed from scikit-learn's source file, or None when it cannot be."""
    import ast
    import importlib.util
    from pathlib import Path

    try:
        spec = importlib.util.find_spec("sklearn")
    except (ImportError, ValueError):
        return None
    for root in (spec.submodule_search_locations or []) if spec else []:
        path = Path(root) / "feature_extraction" / "_stop_words.py"
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, UnicodeDecodeError):
            continue
        for node in tree.body:
            names = [getattr(t, "id", None) for t in node.targets] if isinstance(node, ast.Assign) else []
            if (names == ["ENGLISH_STOP_WORDS"]
                    and isinstance(node.value, ast.Call) and getattr(node.value.func, "id", None) == "frozenset"
                    and len(node.value.args) == 1 and not node.value.keywords):
                try:
                    words = ast.literal_eval(node.value.args[0])
                except ValueError:
                    return None
                if isinstance(words, list | tuple | set) and words and all(isinstance(w, str) for w in words):
                    return frozenset(words)
    return None


def _from_dict(code: str, d: dict) -> Language:
    stop = list(d.get("stop_words", []))
    if "sklearn" in stop:
        stop = [w for w in stop if w != "sklearn"] + sorted(sklearn_stop_words())
    return Language(
        code=code,
        name=str(d.get("name", code)),
        stemmer=str(d.get("stemmer", "")),
        segmenter=str(d.get("segmenter", "")),
        stop_words=_folded(stop),
        reporting=_folded(d.get("reporting", [])),
        filler=_folded(d.get("filler", [])),
        name_words=_folded(d.get("name_words", [])),
        name_prefixes=tuple(sorted({tuple(WORD.findall(fold_text(p))) for p in d.get("name_prefixes", [])},
                                   key=lambda p: -len(p))),
        name_links=_folded(d.get("name_links", [])) | frozenset(d.get("name_links", [])),
        name_heads=tuple(sorted({tuple(WORD.findall(fold_text(p))) for p in d.get("name_heads", [])},
                                key=lambda p: -len(p))),
        name_tail=int(d.get("name_tail", 0)),
        case_names=bool(d.get("case_names", False)),
        cues_before=tuple(d.get("cues_before", [])),
        cues_after=tuple(d.get("cues_after", [])),
        statement_verbs=tuple(d.get("statement_verbs", [])),
        locatives=tuple(d.get("locatives", [])),
        titles_after=tuple(d.get("titles_after", [])),
        story_stages=tuple((str(k), tuple(v)) for k, v in d.get("story_stages", {}).items()),
        period_dates=tuple((str(k), tuple(v)) for k, v in d.get("period_dates", {}).items()),
        recall_cues=tuple(d.get("recall_cues", [])),
        recall_not_in=tuple(d.get("recall_not_in", [])),
        recall_next=tuple((str(k), tuple(v)) for k, v in d.get("recall_next", {}).items()),
        past_cues=tuple(d.get("past_cues", [])),
    )


@lru_cache(maxsize=1)
def languages() -> dict[str, Language]:
    """Every registered language by code (``vnpe/data/languages.toml``)."""
    text = resources.files("vnpe").joinpath("data/languages.toml").read_text(encoding="utf-8")
    return {code: _from_dict(code, d) for code, d in tomllib.loads(text).items()}


@lru_cache(maxsize=32)
def merged(field: str) -> tuple[str, ...] | dict[str, tuple[str, ...]] | Cues:
    """One field of :class:`Language` merged over every registered language, for a stage that reads a text of
    either language with one pattern: a list of phrases (``statement_verbs``) gives the phrases of all, in order,
    each once; a table (``story_stages``, ``period_dates``, ``recall_next``) gives key -> its phrases of all
    (the same); a :class:`Cues` (``recall``) gives one :class:`Cues` (:meth:`Cues.merge`). Kept: not to be
    changed by a caller.

    >>> verbs = merged("statement_verbs")
    >>> "said" in verbs and "cho biết" in verbs
    True
    >>> sorted(merged("period_dates")), merged("recall").search("Trước đó, police had arrested him.")
    (['bound', 'clause', 'nouns', 'verbs'], True)
    """
    values = [getattr(lang, field) for lang in languages().values()]
    if field in Language.__dataclass_fields__ and "tuple[tuple[str, tuple" in str(
            Language.__dataclass_fields__[field].type):
        table: dict[str, dict[str, None]] = {}
        for value in values:
            for key, words in value:
                table.setdefault(key, {}).update(dict.fromkeys(words))
        return {key: tuple(words) for key, words in table.items()}
    if values and all(isinstance(v, Cues) for v in values):
        out = Cues()
        for value in values:
            out = out.merge(value)
        return out
    return tuple(dict.fromkeys(w for value in values for w in value))


def get_language(code: str | None) -> Language | None:
    """The registered language of a code (``"en"``, ``"vi"``), or None for any other."""
    return languages().get(code) if isinstance(code, str) else None


def has_diacritics(text: str) -> bool:
    """Whether a text carries any combining mark or ``đ`` (Vietnamese typed with its diacritics)."""
    if text.isascii():
        return False
    return any(unicodedata.decomposition(c) or c in "đĐ" for c in text if not c.isascii())
