"""What the lead says happened: its content terms as hashed keys and their idf-weighted cosine, and the steps of a
running story its opening names (step 3 of :mod:`vnpe.events`)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np

from vnpe.events.info import EventInfo
from vnpe.events.names import RUN_CACHE
from vnpe.text import SENTENCE_END, alternation

# two articles of one language must also tell the same thing in their leads (title + first paragraph): the cosine
# of their lower-case content words and word pairs, weighted by rarity in the run (idf), at least this much. Outlets
# covering one occasion describe the same action ("bị bắt", "xét xử", "won the final"); a running story's separate
# articles share a cast and a day but not what happened. Chosen by cross-validation on the judged corpus links
# (benchmarks/lead_cv.py, tests/data/devset_events/INDEX.md)
LEAD_MIN_COSINE = 0.1


def _stage_phrases() -> dict[str, tuple[str, ...]]:
    """step -> its phrases in every language's ``story_stages`` (``vnpe/data/languages.toml``)."""
    from vnpe.languages import merged

    return merged("story_stages")


@lru_cache(maxsize=1)
def _stage_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """(step, regex of its phrases) of every language's ``story_stages`` (``vnpe/data/languages.toml``)."""
    phrases = _stage_phrases()
    return tuple((step, re.compile(r"(?<!\w)" + alternation(ws, trie=True) + r"(?!\w)", re.IGNORECASE))
                 for step, ws in sorted(phrases.items()))


@lru_cache(maxsize=1)
def _any_stage() -> re.Pattern:
    """One regex of the phrases of every step of :func:`_stage_patterns`: it finds a match exactly when one of
    them does (the same boundaries around an alternation of all the phrases, every alternative tried at each
    position), so the openings that name no step (nine in ten) are searched once instead of once per step."""
    every = set().union(*_stage_phrases().values())
    return re.compile(r"(?<!\w)" + alternation(every, trie=True) + r"(?!\w)", re.IGNORECASE)


def story_stages(lead: str) -> frozenset[str]:
    """The steps of a running story (summons, surrender, arrest, indictment, trial with its verdict, appeal:
    the ``story_stages`` of ``vnpe/data/languages.toml``) that the opening of ``lead`` names: its title and
    first sentence. A step of an appeal is the appeal's ("phiên phúc thẩm ... y án sơ thẩm" is the appeal only).

    >>> sorted(story_stages("Án cao nhất 5 năm tù. Chiều 15-3, tòa tuyên án vụ Lake Side. Ngày 14-3, xét xử."))
    ['trial']
    >>> sorted(story_stages("Man jailed for fraud. A man who lost his appeal was jailed on Monday."))
    ['appeal']
    """
    body = lead.lstrip()
    # the title (if it is a line of its own) and the first sentence, cut at a plain sentence end 40 characters on
    # at least (a title line has none; vnpe.text.first_sentence would normalise and skip "TP.": see SENTENCE_END)
    cut = SENTENCE_END.search(body, 40)
    opening = body[:cut.end() if cut else 400][:400]
    if _any_stage().search(opening) is None:
        return frozenset()
    found = frozenset(step for step, rx in _stage_patterns() if rx.search(opening))
    return frozenset({"appeal"}) if "appeal" in found else found


_LEAD_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")


_LEAD_TOKENS: dict[str, dict[str, tuple]] = {}  # language -> token -> _lead_token(); bounded (RUN_CACHE)
_TERM_HASHES: dict[str, int] = {}  # term -> its 64-bit hash; bounded (RUN_CACHE)
_LEAD_ENDS = frozenset(".!?:\"“”")  # a token after which the next word starts a sentence


def _lead_word(lang, w: str) -> str:
    """The key of a lead word, ``""`` when it is too short or noise (memoised with its token: :func:`_lead_token`)."""
    if len(w) < 2 or (lang is not None and lang.is_noise(w)):
        return ""
    return lang.key(w) if lang is not None else w.casefold()


def _line_tokens(line: str) -> list[str]:
    """``_LEAD_TOKEN.findall(line)``, twice as fast on news text: the tokens of each chunk between white space, a
    chunk of letters and digits being one token (a token never holds white space: both alternatives of
    ``_LEAD_TOKEN`` exclude ``\\s``, which is ``str.isspace()``, where ``str.split()`` splits).

    >>> _line_tokens("(NLĐ)- Sáng 17/11, ông_A nói")
    ['(', 'NLĐ', ')', '-', 'Sáng', '17', '/', '11', ',', 'ông', 'A', 'nói']
    """
    tokens: list[str] = []
    findall = _LEAD_TOKEN.findall
    for chunk in line.split():
        if chunk.isalnum():
            tokens.append(chunk)
        else:
            tokens += findall(chunk)
    return tokens


def _lead_token(lang, language: str, w: str) -> tuple[str | None, bool, bool]:
    """What :func:`_lead_term_set` reads of a token, memoised per language (``_LEAD_TOKENS``, bounded): its key
    (:func:`_lead_word`; None when it does not start with a letter), whether it starts with a capital, and
    whether it ends a sentence (``_LEAD_ENDS``)."""
    memo = _LEAD_TOKENS.get(language)
    if memo is None:
        memo = _LEAD_TOKENS[language] = {}
    c = w[0]
    info = (_lead_word(lang, w), c.isupper(), False) if c.isalpha() else (None, False, w in _LEAD_ENDS)
    if len(memo) < RUN_CACHE:
        memo[w] = info
    return info


def _lead_term_set(lead: str, language: str) -> set[str]:
    """The terms of :func:`lead_terms` as a set (one pass over the tokens of each line; what a token reads as is
    memoised: one dict look-up per token)."""
    from vnpe.languages import get_language

    lang = get_language(language)
    memo = _LEAD_TOKENS.get(language)
    if memo is None:
        memo = _LEAD_TOKENS[language] = {}
    get = memo.get
    out: set[str] = set()
    add = out.add
    for line in lead.split("\n"):
        tokens = _line_tokens(line)
        if not tokens:
            continue
        caps = None  # whether the line is a title, read as lower case: asked at its first capitalised word
        prev, start = "", True
        for w in tokens:
            info = get(w)
            if info is None:
                info = _lead_token(lang, language, w)
            f, upper, end = info
            if f is None:  # not a word: cuts the pairs; a full stop (etc.) makes the next word a sentence's first
                prev, start = "", end
                continue
            if upper and not start:
                if caps is None:
                    caps = _title_line(line, tokens)
                if not caps:
                    prev = ""
                    continue
            start = False
            if not f:
                prev = ""
                continue
            add(f)
            if prev:
                add(prev + " " + f)
            prev = f
    return out


def _title_line(line: str, tokens: list[str]) -> bool:
    """A line written in capitals or in Title Case (a title): its words are read as lower case."""
    if line.isupper():
        return True
    # the first characters of the tokens that are letters, as "u" (capitalised) or "a": one str.translate
    words = "".join([w[0] for w in tokens]).translate(_FIRST_CHARS)
    return len(words) >= 3 and words.count("u") >= 0.6 * len(words)


class _FirstChars(dict):
    """``str.translate`` table of :func:`_title_line`: a letter → "u" (capitalised, ``str.isupper``) or "a", any
    other character → deleted; filled on first sight of each character."""

    def __missing__(self, c: int) -> str | None:
        ch = chr(c)
        out = ("u" if ch.isupper() else "a") if ch.isalpha() else None
        self[c] = out
        return out


_FIRST_CHARS = _FirstChars()


@lru_cache(maxsize=1024)
def lead_terms(lead: str, language: str = "") -> frozenset[str]:
    """What a lead says, as keys (:meth:`vnpe.languages.Language.key`: folded, stemmed in English) of lower-case
    content words and pairs of adjacent ones (Vietnamese words are
    syllable pairs: "xét xử", "bị bắt"): capitalised words (names, compared elsewhere) except a sentence's first
    word, numbers, stop words and
    news filler of the language (:func:`vnpe.languages.get_language`) are left out and cut the pairs. A line
    written all in capitals (a title) is read as lower case.

    Example:
        >>> sorted(lead_terms("Police arrested the suspect in Hanoi on Monday.", "en"))
        ['arrest', 'polic', 'polic arrest', 'suspect']
        >>> sorted(lead_terms("Công an đã bắt giữ Nguyễn Văn A", "vi"))
        ['an', 'bắt', 'bắt giữ', 'công', 'công an', 'giữ']
    """
    return frozenset(_lead_term_set(lead, language))


def _term_hash(term: str) -> int:
    # a stable 64-bit hash (Python's hash() differs between processes; blake2b is in the standard library)
    h = _TERM_HASHES.get(term)
    if h is None:
        h = int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "little")
        if len(_TERM_HASHES) < RUN_CACHE:
            _TERM_HASHES[term] = h
    return h


def lead_keys(lead: str, language: str = "") -> bytes:
    """:func:`lead_terms` as sorted unique 64-bit hashes, in bytes: what :class:`~vnpe.events.info.EventInfo` keeps
    of its lead (a few hundred bytes, made in the worker that read the article, so that a run's lead weights and
    cosines are array operations in the parent).

    >>> len(lead_keys("Police arrested the suspect.", "en")) // 8   # polic, arrest, polic arrest, suspect
    4
    """
    get = _TERM_HASHES.get
    # the set of hashes (a hundred or so) sorted in numpy: cheaper than np.unique, or sorted() on Python ints
    keys = {h if (h := get(t)) is not None else _term_hash(t) for t in _lead_term_set(lead, language)}
    out = np.fromiter(keys, np.uint64, len(keys))
    out.sort()
    return out.tobytes()


def _keys_of(info: EventInfo) -> np.ndarray:
    if info.lead_keys or not info.lead:
        return np.frombuffer(info.lead_keys, np.uint64)
    return np.frombuffer(lead_keys(info.lead, info.language), np.uint64)  # an EventInfo built by hand


class LeadWeights:
    """Rarity (idf) of lead terms in a run: ``log((n + 1) / (df + 1)) + 1``, df counted over the leads of the
    articles given (so words of every story, such as "hôm qua" or "said", weigh little).

    Example:
        >>> from vnpe.events import extract
        >>> w = LeadWeights([extract("Police arrested a man."), extract("Police praised a dog.")])
        >>> w("police") < w("arrested")
        True
    """

    def __init__(self, feats: list[EventInfo]) -> None:
        self.n = len(feats)
        keys = [_keys_of(f) for f in feats if f.lead or f.lead_keys]
        every = np.concatenate(keys) if keys else np.zeros(0, np.uint64)
        self.keys, self.df = np.unique(every, return_counts=True)

    def idf(self, keys: np.ndarray) -> np.ndarray:
        """The weights of hashed terms (:func:`lead_keys`)."""
        at = np.searchsorted(self.keys, keys)
        at[at >= len(self.keys)] = 0
        df = np.where(self.keys[at] == keys, self.df[at], 0) if len(self.keys) else np.zeros(len(keys))
        return np.log((self.n + 1) / (df + 1)) + 1

    def __call__(self, term: str) -> float:
        """The weight of one term (a key of :func:`lead_terms`)."""
        return float(self.idf(np.array([_term_hash(term)], np.uint64))[0])


def lead_cosine(a: EventInfo, b: EventInfo, weights: Callable[[str], float] | None = None) -> float:
    """Cosine of the idf-weighted lead terms (:func:`lead_terms`) of two articles (1.0 for identical leads, 0.0
    when they share no content word); ``weights`` (a :class:`LeadWeights`) defaults to 1 for every term.

    >>> from vnpe.events import extract
    >>> round(lead_cosine(extract("Police arrested two men in Hanoi."), extract("Two men arrested by police.")), 2)
    0.56
    """
    ka, kb = _keys_of(a), _keys_of(b)
    if not len(ka) or not len(kb):
        return 0.0
    both = np.intersect1d(ka, kb, assume_unique=True)
    if not len(both):
        return 0.0
    if weights is None:
        return float(len(both) / np.sqrt(len(ka) * len(kb)))
    if not isinstance(weights, LeadWeights):  # any other weighting of the terms themselves
        ta, tb = lead_terms(a.lead, a.language), lead_terms(b.lead, b.language)
        dot = sum(weights(t) ** 2 for t in ta & tb)
        return float(dot / np.sqrt(sum(weights(t) ** 2 for t in ta) * sum(weights(t) ** 2 for t in tb)))
    dot = float(np.sum(weights.idf(both) ** 2))
    return float(dot / np.sqrt(np.sum(weights.idf(ka) ** 2) * np.sum(weights.idf(kb) ** 2)))
