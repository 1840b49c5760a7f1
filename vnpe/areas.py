"""Cooperation areas: a bilingual taxonomy matched against the clean text of each article.

The taxonomy (``vnpe/data/taxonomy.toml``, or a user's file of the same layout) gives each area an id, a
name, a ``description`` of its scope and terms per language (``en``, ``vi``, or any language of
:mod:`vnpe.languages`). Matching rules:

* text and terms are NFC-normalised and case-folded, and Vietnamese tone marks are brought to one
  placement (``hoá`` = ``hóa``) and a final ``y`` after a consonant to ``i`` (``binh sỹ`` = ``binh sĩ``);
* stemming languages (English): whole words compared by their Snowball stem, so ``agricultural`` or
  ``minerals`` match ``agriculture``, ``mineral``; a term written ``=word`` matches that exact form only
  (``=mining``: not ``mine``). A capitalised word inside a sentence only matches in its own form or plural
  (``Energis``, a company, is not ``energy``);
* segmenting languages (Vietnamese): a term is a syllable sequence that must begin and end on word
  boundaries of the pyvi word segmentation (``chuyển đổi số`` matches ``chuyển_đổi số`` but not
  ``chuyển_đổi số_liệu``); pyvi only runs around candidate matches, and a "word" of ``COMPOUND`` (4)
  syllables or more is a compound whose inner joins count as boundaries (``Dự_án_mạng_lưới_điện``).
  A sentence typed **without diacritics** is matched on the plain forms of the terms of two syllables
  or more (``dau khi``);
* overlapping terms: the longest match wins, matches do not overlap;
* **sense rules** of a term, written as a table instead of a string:
  ``{term = "oil", not_after = ["vegetable", "olive"], not_before = [...], needs = [...], weak = true}``:
  ``not_after`` / ``not_before``: words or phrases that, right before / after the match, cancel it;
  ``needs``: words or phrases of which one must occur in the same sentence; ``not_with``: words or
  phrases none of which may occur in it ("disease" with "pigs" is animal disease); ``weak``: an ambiguous term
  that alone does not make the area present (see *support* below);
* **names**: a match inside the name of an organisation, company, institution or publication does not
  count (``Viettel Military Industry and Telecom Group``, ``Khoa Địa chất và Dầu khí``, ``Báo Đầu tư``).
  Names are found generically by :meth:`vnpe.languages.Language.name_spans` (capitalised runs with an
  organisation word such as *Group*, *Ministry*, *Times*, or starting with an institution prefix such as
  *Viện*, *Bộ*, *Tập đoàn*; the word lists are in ``vnpe/data/languages.toml``).

Per article and area, from the mentions that count in its clean text (titles, captions and boilerplate
are not part of it):

* **support**: an area whose only mentions are of weak terms needs two different weak terms, or one
  repeated ``MIN_WEAK`` (4) times, to be present (on the labelled development set, a lone ambiguous
  word was wrong about half the time). A weak term next to a **sector cue** of its language counts as a
  strong one (``cues_before`` / ``cues_after`` in ``vnpe/data/languages.toml``: "cooperation in energy",
  "the energy sector", "hợp tác đào tạo", "lĩnh vực năng lượng");
* **score**: the share of the article's clean text about the area: every sentence's length is shared
  among the areas it mentions (in proportion to their mentions), summed and divided by the length of all
  sentences, so an article's scores add up to at most 1;
* **level**: ``main`` when the article is about the area, judged by the share of the text, the title and
  the lead: its score is at least ``MAIN_SCORE`` (0.3), or at least ``MAIN_SCORE_TOP`` (0.2) and the
  highest of the article, or at least ``MAIN_SCORE_LEAD`` (0.12) with the area in the title or the lead
  paragraph, or at least ``MAIN_SCORE_TITLE`` (0.05) with the area in the title; ``mentioned`` when it is
  present otherwise; ``none``. ``present`` is ``level != "none"``. (The thresholds are round values;
  ``benchmarks/bench_areas_real.py --cv`` measures them by cross-validation on labelled articles.)
* **terms**: the distinct terms that counted, in order of first occurrence; **evidence**: the first
  sentence that mentions the area.

Example:
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "language": ["en"],
    ...                      "text": ["Both sides discussed agricultural exports. They met in Lima, where "
    ...                               "the leaders visited a school and ate at a restaurant near the ministry."]})
    >>> t = area_table(arts)
    >>> t.loc[t.present, ["area", "level", "n_mentions", "terms"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'area': 'agriculture', 'level': 'main', 'n_mentions': 1, 'terms': 'agriculture'},
     {'area': 'trade_investment', 'level': 'main', 'n_mentions': 1, 'terms': 'export'}]

    ("school" is a weak term: one mention alone does not make education present.)
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from vnpe.clean import split_paragraphs
from vnpe.languages import WORD, Language, fold_text, get_language, has_diacritics, languages, plain, vi_words
from vnpe.text import nfc, sentences

__all__ = [
    "AREA_COLUMNS", "MENTION_COLUMNS", "LEVELS", "Area", "Term", "Taxonomy", "TaxonomyError", "Matcher",
    "fold_text", "stem", "vi_words", "load_taxonomy", "taxonomy_from_dict", "area_table", "mention_table",
    "area_matrix", "area_profile", "one_sided_areas", "profile_similarity",
    "area_examples", "level_matrix",
]

AREA_COLUMNS = ["doc_id", "area", "present", "level", "score", "n_mentions", "terms", "evidence"]
MENTION_COLUMNS = ["doc_id", "para_no", "sent_no", "language", "area", "term", "counts", "reason", "sentence"]
LEVELS = ("main", "mentioned", "none")
VI_CONTEXT = 4  # syllables of context either side of a candidate match given to the segmenter
COMPOUND = 4  # syllables from which a segmented word is a compound whose inner joins are word boundaries
CUE_WINDOW = 3  # words between a sector cue and a weak term
MIN_PLAIN = 2  # syllables a term needs to be matched in text typed without diacritics
MIN_WEAK = 4  # mentions of one weak term that make an area present without a strong term (or two weak terms)
MAIN_SCORE = 0.3  # score from which the area is the article's main subject
MAIN_SCORE_TOP = 0.2  # ... from which it is when no other area has a higher score in the article
MAIN_SCORE_LEAD = 0.12  # ... from which it is when the title or the lead paragraph mentions it
MAIN_SCORE_TITLE = 0.05  # ... from which it is when the title mentions it
_ID_OK = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used (missing, unreadable, or not of the expected layout)."""


def stem(word: str) -> str:
    """Snowball (Porter2) English stem of a case-folded word: ``stem("minerals") == "miner"``."""
    return get_language("en").key(word)


# ------------------------------------------------------------------------------------------ taxonomy


@dataclass(frozen=True)
class Term:
    """One term of an area with its sense rules (see the module docstring).

    >>> Term.parse({"term": "oil", "not_after": ["vegetable"]})  # doctest: +NORMALIZE_WHITESPACE
    Term(text='oil', exact=False, weak=False, not_after=('vegetable',), not_before=(), needs=(), not_with=(),
         place=False)
    >>> str(Term.parse("=mining"))
    '=mining'
    """

    text: str
    exact: bool = False
    weak: bool = False
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    not_with: tuple[str, ...] = ()
    place: bool = False

    def __str__(self) -> str:
        return ("=" if self.exact else "") + self.text

    @classmethod
    def parse(cls, value: object, where: str = "taxonomy") -> Term:
        """A term from its TOML form: a string (``"=word"`` for an exact form) or a table."""
        if isinstance(value, Term):
            return value
        if isinstance(value, str):
            value = {"term": value}
        if not isinstance(value, dict) or not isinstance(value.get("term"), str):
            raise TaxonomyError(f"{where}: a term must be a string or a table with a 'term' string")
        unknown = set(value) - {"term", "weak", "not_after", "not_before", "needs", "not_with", "place"}
        if unknown:
            raise TaxonomyError(f"{where}: unknown key(s) {sorted(unknown)} in term {value['term']!r}")
        text = value["term"].strip()
        exact = text.startswith("=")
        lists = {}
        for key in ("not_after", "not_before", "needs", "not_with"):
            v = value.get(key, [])
            if isinstance(v, str):
                v = [v]
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise TaxonomyError(f"{where}: {key} of {text!r} must be a list of strings")
            lists[key] = tuple(x.strip() for x in v if x.strip())
        for key in ("weak", "place"):
            if not isinstance(value.get(key, False), bool):
                raise TaxonomyError(f"{where}: {key} of {text!r} must be true or false")
        return cls(text.lstrip("=").strip(), exact, bool(value.get("weak", False)), **lists,
                   place=bool(value.get("place", False)))


@dataclass(frozen=True)
class Area:
    """One cooperation area: an id, a display name, a description of its scope and its terms per language
    (``en``, ``vi``; ``other`` holds ``(language code, terms)`` pairs of further registered languages)."""

    id: str
    name: str
    en: tuple[str | Term, ...] = ()
    vi: tuple[str | Term, ...] = ()
    description: str = ""
    other: tuple[tuple[str, tuple[str | Term, ...]], ...] = ()

    @property
    def terms(self) -> dict[str, tuple[Term, ...]]:
        """Parsed terms per language code."""
        out = {"en": self.en, "vi": self.vi, **dict(self.other)}
        return {code: tuple(Term.parse(t) for t in ts) for code, ts in out.items() if ts}


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """An ordered set of areas; ``taxonomy.matcher`` finds their mentions in text.

    >>> tax = Taxonomy([Area("mining", "Mining", en=("=mining",), vi=("khai khoáng",))])
    >>> tax.ids
    ['mining']
    """

    areas: Sequence[Area]
    name: str = ""
    source: str = ""
    _by_id: dict[str, Area] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        areas = tuple(self.areas)
        if not areas:
            raise TaxonomyError(f"taxonomy {self.source or self.name!r} defines no area")
        by_id: dict[str, Area] = {}
        for a in areas:
            if not a.id or not a.id[0].isalpha() or not set(a.id) <= _ID_OK:
                raise TaxonomyError(f"area id {a.id!r} must be lower-case letters, digits and _")
            if a.id in by_id:
                raise TaxonomyError(f"area id {a.id!r} is defined twice")
            if not a.terms:
                raise TaxonomyError(f"area {a.id!r} has no terms")
            by_id[a.id] = a
        object.__setattr__(self, "areas", areas)
        object.__setattr__(self, "_by_id", by_id)

    def __reduce__(self) -> tuple:
        # Pickled (to a process or a Dask worker) without its cached matcher, which holds stemmers.
        return (Taxonomy, (self.areas, self.name, self.source))

    def __dask_tokenize__(self) -> tuple:
        # Dask names tasks by hashing their arguments; a taxonomy is identified by its areas' definitions.
        return ("vnpe.Taxonomy", self.name, self.source, repr(self.areas))

    @property
    def ids(self) -> list[str]:
        """Area ids in taxonomy order."""
        return [a.id for a in self.areas]

    def __len__(self) -> int:
        return len(self.areas)

    def __iter__(self) -> Iterator[Area]:
        return iter(self.areas)

    def __getitem__(self, area_id: str) -> Area:
        return self._by_id[area_id]

    @cached_property
    def matcher(self) -> Matcher:
        """The compiled term matcher of this taxonomy."""
        return Matcher(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per area: id, name, description, number of terms and the terms of each language."""
        return pd.DataFrame(
            {
                "area": [a.id for a in self.areas],
                "name": [a.name for a in self.areas],
                "description": [a.description for a in self.areas],
                "n_terms_en": [len(a.en) for a in self.areas],
                "n_terms_vi": [len(a.vi) for a in self.areas],
                "terms_en": ["; ".join(str(t) for t in a.terms.get("en", ())) for a in self.areas],
                "terms_vi": ["; ".join(str(t) for t in a.terms.get("vi", ())) for a in self.areas],
            }
        )


def _terms(value: object, where: str) -> tuple[Term, ...]:
    if value is None:
        return ()
    if isinstance(value, str | dict):
        value = [value]
    if not isinstance(value, list):
        raise TaxonomyError(f"{where}: terms must be a list of strings or tables")
    terms = tuple(Term.parse(t, where) for t in value)
    return tuple(t for t in terms if t.text)


def taxonomy_from_dict(data: dict, source: str = "") -> Taxonomy:
    """Build a :class:`Taxonomy` from the parsed TOML layout (``[[area]]`` tables)."""
    items = data.get("area")
    if not isinstance(items, list):
        raise TaxonomyError(f"{source or 'taxonomy'}: expected [[area]] tables with id, name, en, vi")
    codes = set(languages()) - {"en", "vi"}
    areas = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise TaxonomyError(f"{source or 'taxonomy'}: area #{i + 1} has no id")
        where = f"{source or 'taxonomy'}: area {item['id']!r}"
        areas.append(
            Area(
                id=item["id"],
                name=str(item.get("name", item["id"])),
                en=_terms(item.get("en"), where),
                vi=_terms(item.get("vi"), where),
                description=" ".join(str(item.get("description", "")).split()),
                other=tuple((c, _terms(item[c], where)) for c in sorted(codes) if c in item),
            )
        )
    meta = data.get("meta", {}) if isinstance(data.get("meta"), dict) else {}
    return Taxonomy(areas, name=str(meta.get("name", "")), source=source)


@lru_cache(maxsize=1)
def _builtin() -> Taxonomy:
    text = resources.files("vnpe").joinpath("data/taxonomy.toml").read_text(encoding="utf-8")
    return taxonomy_from_dict(tomllib.loads(text), source="vnpe/data/taxonomy.toml")


def load_taxonomy(path: str | Path | Taxonomy | None = None) -> Taxonomy:
    """Load a taxonomy file (TOML); ``None`` gives the built-in ``vnpe/data/taxonomy.toml``.

    >>> "oil_gas" in load_taxonomy().ids
    True
    """
    if path is None:
        return _builtin()
    if isinstance(path, Taxonomy):
        return path
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TaxonomyError(f"taxonomy file not found: {path}") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"cannot read taxonomy {path}: {exc}") from None
    return taxonomy_from_dict(data, source=p.name)


# ------------------------------------------------------------------------------------------ matching

# A term element: ("s", stem) compares stems, ("x", word) the exact folded word or syllable, ("p", plain)
# the syllable without diacritics.
_Elem = tuple[str, str]
_Phrase = tuple[_Elem, ...]


@dataclass(frozen=True)
class _Compiled:
    elems: _Phrase
    area: int
    spec: Term
    not_after: tuple[_Phrase, ...] = ()
    not_before: tuple[_Phrase, ...] = ()
    needs: tuple[_Phrase, ...] = ()
    not_with: tuple[_Phrase, ...] = ()
    raw_words: tuple[str, ...] = ()  # words of the term as written (capitalised-word rule)
    acronym: bool = False  # a term written in capitals (LNG, AI): matches words written with capitals


ACRONYM_TITLE_CASE = 4  # letters from which an acronym may be written in title case ("Opec", "Nato")


def _acronym_form(word: str, i: int) -> bool:
    """A word written as an acronym: two capitals or more (``AI``, ``R``, ``3G``), or, for an acronym of
    ``ACRONYM_TITLE_CASE`` letters or more, capitalised past the first word of the sentence (``Opec``,
    house style of many outlets for pronounceable acronyms). So ``AI`` matches neither the Vietnamese
    ``ai`` nor the syllable ``Ai`` of a name (``Ai Cập``, Egypt).

    >>> _acronym_form("AI", 3), _acronym_form("Ai", 3), _acronym_form("Opec", 3)
    (True, False, True)
    """
    return (word.isupper() and (len(word) > 1 or i > 0)
            or (i > 0 and word[:1].isupper() and len(word) >= ACRONYM_TITLE_CASE))


class Hit(NamedTuple):
    """One match of a term in a sentence: token range, area index, term, and why it does not count
    (``reason``: "" when it counts, else ``name``, ``excluded`` or ``context``)."""

    start: int
    end: int
    area: int
    term: Term
    reason: str = ""
    weak: bool = False  # a weak term without a sector cue next to it


class _Index:
    """Phrase index: first element -> terms starting with it, longest first."""

    def __init__(self) -> None:
        self.first: dict[_Elem, list[_Compiled]] = {}

    def add(self, term: _Compiled) -> None:
        if term.elems:
            lst = self.first.setdefault(term.elems[0], [])
            if all(t.elems != term.elems for t in lst):  # the first area that lists a term keeps it
                lst.append(term)
                lst.sort(key=lambda t: -len(t.elems))

    def candidates(self, keys: Sequence[Sequence[_Elem]],
                   starts: Sequence[int] | None = None) -> list[tuple[int, int, _Compiled]]:
        """All (start, end, term) whose elements match ``keys`` (each position: its possible keys);
        ``starts``: the positions where a term may start, when the caller knows them."""
        out = []
        n = len(keys)
        first = self.first
        if starts is None:
            starts = [i for i, ks in enumerate(keys) if any(k in first for k in ks)]
        for i in starts:
            for k in keys[i]:
                terms = first.get(k)
                if not terms:
                    continue
                for term in terms:
                    elems = term.elems
                    m = len(elems)
                    if m == 1:
                        out.append((i, i + 1, term))
                    elif (i + m <= n and elems[1] in keys[i + 1]
                          and (m == 2 or all(elems[j] in keys[i + j] for j in range(2, m)))):
                        out.append((i, i + m, term))
        return out


def _select(cands: list[tuple[int, int, _Compiled]]) -> list[tuple[int, int, _Compiled]]:
    """Leftmost-longest non-overlapping matches."""
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out, pos = [], 0
    for c in cands:
        if c[0] >= pos:
            out.append(c)
            pos = c[1]
    return out


def _at(keys: Sequence[Sequence[_Elem]], i: int, phrase: _Phrase) -> bool:
    return i >= 0 and i + len(phrase) <= len(keys) and all(e in keys[i + j] for j, e in enumerate(phrase))


def _anywhere(keys: Sequence[Sequence[_Elem]], phrases: Sequence[_Phrase]) -> bool:
    """Whether one of ``phrases`` occurs anywhere in the sentence's ``keys``."""
    present = {e for ks in keys for e in ks}
    return any(p[0] in present and any(_at(keys, i, p) for i in range(len(keys))) for p in phrases if p)


class _Spans:
    """Character spans of a sentence's words, found only when a rule needs them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._spans: list[tuple[int, int]] | None = None

    def __getitem__(self, i: int) -> tuple[int, int]:
        if self._spans is None:
            self._spans = [m.span() for m in WORD.finditer(self.text)]
        return self._spans[i]

    def __len__(self) -> int:
        if self._spans is None:
            self._spans = [m.span() for m in WORD.finditer(self.text)]
        return len(self._spans)


_Y_TO_I = str.maketrans("ýỳỷỹỵ", "íìỉĩị")
_VI_ONSETS = frozenset("b c ch d đ g gh h k kh l m n ng ngh nh p ph r s t th tr v x".split())


def _spelling(word: str) -> str:
    """One spelling for the Vietnamese syllables written with a final ``i`` or ``y`` after a consonant,
    both in use (``sĩ``/``sỹ``, ``kĩ``/``kỹ``, ``lí``/``lý``, ``mĩ``/``mỹ``): the ``y`` of a folded syllable
    made of an onset consonant and a toned ``y`` becomes ``i``. ``uy`` (``thúy``) and toneless words
    (``my``) are left alone.

    >>> _spelling("sỹ"), _spelling("kỹ"), _spelling("thúy"), _spelling("ý")
    ('sĩ', 'kĩ', 'thúy', 'ý')
    """
    if len(word) >= 2 and word[-1] in "ýỳỷỹỵ" and word[:-1] in _VI_ONSETS:
        return word[:-1] + word[-1].translate(_Y_TO_I)
    return word


@lru_cache(maxsize=1 << 18)
def _fold_word(word: str) -> str:
    return _spelling(fold_text(word))


class _LanguageMatcher:
    """The terms of one language, compiled for its way of comparing words (stems or syllables)."""

    def __init__(self, lang: Language) -> None:
        self.lang = lang
        self.segmented = bool(lang.segmenter)
        self.index = _Index()
        self.plain = _Index()  # segmenting languages: plain forms, for text typed without diacritics
        self._stem = lang._stem
        self._cache: dict[str, tuple[tuple[_Elem, ...], bool]] = {}
        self.cues_before = tuple(self.phrase(c) for c in lang.cues_before)
        self.cues_after = tuple(self.phrase(c) for c in lang.cues_after)
        self._cue_last = frozenset(p[-1] for p in self.cues_before if p)
        self._cue_first = frozenset(p[0] for p in self.cues_after if p)
        self.locatives = tuple(self.phrase(w) for w in lang.locatives)
        self.titles_after = tuple(self.phrase(w) for w in lang.titles_after)

    def phrase(self, text: str, plain_form: bool = False) -> _Phrase:
        exact = text.startswith("=")
        words = [_spelling(w) for w in WORD.findall(fold_text(text.lstrip("=")))]
        if self.segmented:
            return tuple(("p", plain(w)) if plain_form else ("x", w) for w in words)
        return tuple(("x", w) if exact else ("s", self._stem(w)) for w in words)

    def add(self, term: Term, area: int) -> None:
        for plain_form in (False, True) if self.segmented else (False,):
            elems = self.phrase(str(term), plain_form)
            if plain_form and len(elems) < MIN_PLAIN:
                continue
            c = _Compiled(
                elems, area, term,
                tuple(self.phrase(p, plain_form) for p in term.not_after),
                tuple(self.phrase(p, plain_form) for p in term.not_before),
                tuple(self.phrase(p, plain_form) for p in term.needs),
                tuple(self.phrase(p, plain_form) for p in term.not_with),
                tuple(WORD.findall(nfc(term.text))),
                term.text.isupper(),
            )
            (self.plain if plain_form else self.index).add(c)

    def inherit(self) -> None:
        """Multi-word terms inherit the exclusions of the longest shorter term of their area that they start
        (``not_after``) or end (``not_before``) with: "oil price" is not "olive oil price" either, "giao
        thông đường bộ" after "cảnh sát" (traffic police) no more than "giao thông"; and the
        ``not_with`` contexts of every shorter term of their area that they contain: "nhà đầu tư nước
        ngoài" (foreign investors) is no more trade next to "cổ phiếu" (shares) than "nhà đầu tư" is, and
        "tiêm vắc xin" next to poultry is no more health than "vắc xin"."""
        for index in (self.index, self.plain):
            # the terms of each area by their words: a longer term inherits from the longest shorter term
            # of its area that it starts (ends) with, of one word or more ("giao thông đường bộ" after
            # "cảnh sát" is no more infrastructure than "giao thông" is)
            by_elems = {(t.elems, t.area): t for ts in index.first.values() for t in ts}
            with_ctx: dict[int, list[_Compiled]] = {}
            for ts in index.first.values():
                for t in ts:
                    if t.not_with:
                        with_ctx.setdefault(t.area, []).append(t)
            for ts in index.first.values():
                for n, t in enumerate(ts):
                    if len(t.elems) < 2:
                        continue
                    n_el = len(t.elems)
                    head = next((h for k in range(n_el - 1, 0, -1)
                                 if (h := by_elems.get((t.elems[:k], t.area))) is not None and h.not_after), None)
                    tail = next((h for k in range(n_el - 1, 0, -1)
                                 if (h := by_elems.get((t.elems[-k:], t.area))) is not None and h.not_before), None)
                    after = t.not_after + (head.not_after if head else ())
                    before = t.not_before + (tail.not_before if tail else ())
                    ctx = list(t.not_with)
                    for u in with_ctx.get(t.area, ()):
                        m = len(u.elems)
                        if m < len(t.elems) and any(t.elems[i : i + m] == u.elems for i in range(len(t.elems) - m + 1)):
                            ctx += [c for c in u.not_with if c not in ctx]
                    if after != t.not_after or before != t.not_before or len(ctx) != len(t.not_with):
                        ts[n] = _Compiled(t.elems, t.area, t.spec, after, before, t.needs, tuple(ctx), t.raw_words,
                                          t.acronym)

    def _keys(self, word: str) -> tuple[tuple[_Elem, ...], bool]:
        """The keys of a folded word and whether a term starts with one of them (cached: a corpus has far
        fewer distinct words than words)."""
        k = self._cache.get(word)
        if k is None:
            if len(self._cache) > 1 << 19:
                self._cache.clear()
            keys = (("x", word),) if self.segmented else (("s", self._stem(word)), ("x", word))
            k = self._cache[word] = (keys, any(e in self.index.first for e in keys))
        return k

    def hits(self, raw: list[str], low: list[str], text: str, spans: Sequence[tuple[int, int]]) -> list[Hit]:
        if self.segmented and not has_diacritics(text) and self.plain.first:
            keys: list[Sequence[_Elem]] = [(("p", plain(w)),) for w in low]
            cands = self.plain.candidates(keys)
        else:
            cache = self._cache
            entries = [cache.get(w) or self._keys(w) for w in low]
            starts = [i for i, e in enumerate(entries) if e[1]]
            if not starts:
                return []
            keys = [e[0] for e in entries]
            cands = self.index.candidates(keys, starts)
            if cands and self.segmented:
                cands = self._on_boundaries(cands, low, text, spans)
        if not cands:
            return []
        out = []
        names = None
        for a, b, t in _select(cands):
            reason = ""
            if (t.not_after and any(_at(keys, a - len(p), p) for p in t.not_after)) or (
                    t.not_before and any(_at(keys, b, p) for p in t.not_before)):
                reason = "excluded"
            elif t.needs and not _anywhere(keys, t.needs):
                reason = "context"
            elif t.not_with and _anywhere(keys, t.not_with):
                reason = "context"
            elif t.acronym and not all(_acronym_form(raw[i], i) for i in range(a, b)):
                reason = "case"
            elif any(w[:1].isupper() for w in raw[max(0, a - self.lang.name_tail - 1) : b]):
                # a name holds a capitalised word within name_tail words before the match, or in it
                if names is None:
                    gaps = [text[: spans[0][0]]] + [text[spans[i - 1][1] : spans[i][0]] for i in range(1, len(spans))]
                    names = self.lang.name_spans(raw, gaps, low)
                if (any(a < j and i < b for i, j in names) or self._proper(raw, a, b, t)
                        or self._after_prefix(raw, low, a)):
                    reason = "name"
            weak = t.spec.weak and not reason and not self._cued(keys, a, b)
            out.append(Hit(a, b, t.area, t.spec, reason, weak))
        if any(not h.reason and (h.term.place or not h.weak) for h in out):
            out = self._roles(out, raw, keys)
        return out

    def _roles(self, hits: list[Hit], raw: list[str], keys) -> list[Hit]:
        """The role of a term in its sentence, for the mentions that count as strong ones:

        * a **place** term (``place = true``: a port, an airport, a bridge, a farm) right after a locative word
          ("near the airport", "khu vực sân bay", "chân cầu") names where something happened: it does not
          count (reason ``place``); next to a proper name ("cảng Sài Gòn", "Somerset farm": the name after
          it in a syllable-writing language, before it in English) it is a weak mention;
        * a term right before a **job title** word ("broadband analyst") describes a person: weak.

        A weak mention needs support from another term of the area (see *support*); a sector cue next to
        it still makes it strong.
        """
        out = list(hits)
        for n, h in enumerate(hits):
            if h.reason:
                continue
            a, b = h.start, h.end
            if h.term.place and any(_at(keys, a - len(p), p) for p in self.locatives):
                out[n] = h._replace(reason="place", weak=False)
                continue
            if h.weak:
                continue
            weak = False
            if h.term.place:
                if self.segmented:
                    weak = b < len(raw) and raw[b][:1].isupper() and not raw[b].isupper()
                else:
                    weak = a >= 2 and raw[a - 1][:1].isupper() and not raw[a - 1].isupper()
            if not weak and self.titles_after:
                weak = any(_at(keys, b, p) for p in self.titles_after)
            if weak and not self._cued(keys, a, b):
                out[n] = h._replace(weak=True)
        return out

    def _after_prefix(self, raw: list[str], low: list[str], a: int) -> bool:
        """In a syllable-writing language: the match follows, past the sentence's first word, the head word of
        a public body written with a capital (``name_heads``): the start of a name whose other words are in
        lower case ("Viện khoa học kỹ thuật hình sự", a forensic institute). A head word in lower case ("viện
        nghiên cứu") is a common noun.

        >>> lm = load_taxonomy().matcher.by_language["vi"]
        >>> upper, lower = "của Viện khoa học hình sự".split(), "của viện khoa học hình sự".split()
        >>> lm._after_prefix(upper, lower, 2), lm._after_prefix(lower, lower, 2)
        (True, False)
        """
        if not self.segmented:
            return False
        for p in self.lang.name_heads:
            s = a - len(p)
            if s >= 1 and tuple(low[s:a]) == p and raw[s][:1].isupper() and not raw[s].isupper():
                return True
        return False

    def _cued(self, keys, a: int, b: int) -> bool:
        """A sector cue within ``CUE_WINDOW`` words before or after the match ("cooperation in energy",
        "the energy sector", "hợp tác đào tạo", "lĩnh vực năng lượng"): the weak term names a sector."""
        last, first = self._cue_last, self._cue_first
        if any(e in last for k in keys[max(0, a - CUE_WINDOW) : a] for e in k):
            for p in self.cues_before:
                for end in range(max(0, a - CUE_WINDOW + 1), a + 1):
                    if _at(keys, end - len(p), p):
                        return True
        if any(e in first for k in keys[b : b + CUE_WINDOW] for e in k):
            for p in self.cues_after:
                for start in range(b, min(len(keys), b + CUE_WINDOW)):
                    if _at(keys, start, p):
                        return True
        return False

    def _proper(self, raw: list[str], a: int, b: int, t: _Compiled) -> bool:
        """In a language that capitalises only names inside a sentence (``case_names``): a capitalised
        word past the sentence's first word that matched a term written in lower case (``Energis``,
        ``Condoleezza Rice``, ``Swiss Army``). Words in capitals (``AI``, ``LNG``) are not names."""
        if not self.lang.case_names:
            if not self.segmented or not t.raw_words[0].islower():
                return False
            # A syllable-writing language capitalises every syllable of a proper name ("KCN Sóng Thần") and
            # the first of a name made of common words followed by a place ("Nông nghiệp Sài Gòn - Paksé", a
            # team; "ngành Điện - Tự động hóa", a degree): past the sentence's first word, a capitalised
            # syllable in the match is a name when all its syllables are, or when the next word is too.
            caps = [i for i in range(max(a, 1), b) if raw[i][:1].isupper() and not raw[i].isupper()]
            if not caps:
                return False
            return (b - a >= 2 and len(caps) == b - a) or (b < len(raw) and raw[b][:1].isupper())
        if (a == 0 and b < len(raw) and raw[0][:1].isupper() and not raw[0].isupper() and raw[b][:1].isupper()
                and t.raw_words[0].islower()):
            return True  # the first word of a capitalised run at the start of a sentence ("Trade Secretary")
        for i in range(max(a, 1), b):
            w = raw[i]
            if w[:1].isupper() and not w.isupper() and i - a < len(t.raw_words) and t.raw_words[i - a].islower():
                return True
        return False

    def _on_boundaries(self, cands, sylls: list[str], text: str, spans: Sequence[tuple[int, int]]):
        """Keep candidates that start and end on word boundaries of the segmenter (run around them)."""
        segment = self.lang.words
        starts, ends = set(), set()
        inner: dict[int, tuple[int, int]] = {}  # a join inside a compound -> the compound's (start, end)
        windows: list[list[int]] = []
        for a, b, _t in sorted(cands, key=lambda c: c[0]):
            lo, hi = max(0, a - VI_CONTEXT), min(len(sylls), b + VI_CONTEXT)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        for lo, hi in windows:
            chunk = text[spans[lo][0] : spans[hi - 1][1]]
            seg: list[str] = []
            for word in segment(chunk):
                ws = [_spelling(w) for w in WORD.findall(word)]
                if ws:
                    if len(ws) >= COMPOUND:  # a compound of several words: its inner joins are boundaries
                        cs, ce = lo + len(seg), lo + len(seg) + len(ws)
                        for j in range(cs + 1, ce):
                            inner[j] = (cs, ce)
                    starts.add(lo + len(seg))
                    seg.extend(ws)
                    ends.add(lo + len(seg))
            if seg != sylls[lo:hi]:  # the segmenter changed the syllables: no boundary evidence
                starts.update(range(lo, hi))
                ends.update(range(lo + 1, hi + 1))
        out = []
        for c in cands:
            a, b = c[0], c[1]
            if a in inner and a not in starts:  # starts inside a compound: must end inside it too
                if b > inner[a][1] or (b not in ends and b not in inner):
                    continue
            elif a not in starts:
                continue
            if b in inner and b not in ends:  # ends inside a compound ("sử dụng điện|thoại di động"): no
                if a < inner[b][0]:
                    continue
            elif b not in ends:
                continue
            out.append(c)
        return out


class Matcher:
    """Finds the taxonomy's terms in sentences of any registered language (see the module docstring)."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.ids = taxonomy.ids
        self.by_language: dict[str, _LanguageMatcher] = {}
        for ai, area in enumerate(taxonomy.areas):
            for code, terms in area.terms.items():
                lang = get_language(code)
                if lang is None:
                    continue
                lm = self.by_language.get(code) or self.by_language.setdefault(code, _LanguageMatcher(lang))
                for t in terms:
                    lm.add(t, ai)
        for lm in self.by_language.values():
            lm.inherit()

    def hits(self, sentence: str, language: str | None) -> list[Hit]:
        """Every match in one sentence, including those that do not count (``Hit.reason``).

        Terms of a registered language are looked for in text of that language; text of another or an
        unknown language is searched with the terms of every language.
        """
        if language in self.by_language:
            matchers = [self.by_language[language]]
        elif get_language(language) is not None:
            return []
        else:
            matchers = list(self.by_language.values())
        text = nfc(sentence)
        raw = WORD.findall(text)
        if not raw:
            return []
        # ASCII text is folded at once; other text word by word (cached), Vietnamese tone placement included
        low = WORD.findall(text.casefold()) if text.isascii() else [_fold_word(w) for w in raw]
        spans = _Spans(text)
        out: list[Hit] = []
        for m in matchers:
            out += m.hits(raw, low, text, spans)
        return out

    def find(self, sentence: str, language: str | None) -> list[tuple[str, str]]:
        """``(area_id, term)`` for every mention that counts in one sentence.

        >>> load_taxonomy().matcher.find("Hợp tác dầu khí và khai khoáng.", "vi")
        [('oil_gas', 'dầu khí'), ('mining', 'khai khoáng')]
        >>> load_taxonomy().matcher.find("Prices of vegetable oil rose.", "en")
        []
        """
        return [(self.ids[h.area], h.term.text) for h in self.hits(sentence, language) if not h.reason]

    def count(self, text: str, language: str | None) -> Counter:
        """Mentions per area id in a text (split into sentences first)."""
        c: Counter = Counter()
        for s in sentences(text, language):
            c.update(a for a, _ in self.find(s, language))
        return c


# ------------------------------------------------------------------------------------------ tables


def _iter_sentences(articles: pd.DataFrame) -> Iterable[tuple[str, int, int, str | None, str]]:
    for doc_id, lang, text in zip(articles["doc_id"], articles["language"], articles["text"],
                                  strict=True):
        lang = lang if isinstance(lang, str) else None
        text = text if isinstance(text, str) else ""
        for pi, para in enumerate(split_paragraphs(text)):
            for si, sent in enumerate(sentences(para, lang)):
                yield doc_id, pi, si, lang, sent


@dataclass
class _Acc:
    """Per (article, area): counted mentions and what the level needs."""

    n: int = 0
    strong: int = 0
    weight: float = 0.0
    lead: bool = False
    terms: dict[str, None] = field(default_factory=dict)
    evidence: str = ""


def _distinct(terms: Iterable[str]) -> int:
    """Distinct terms, a plural and its singular counted once ("quota", "quotas")."""
    return len({fold_text(t).rstrip("s") for t in terms})


def _supported(acc: _Acc) -> bool:
    return acc.strong > 0 or _distinct(acc.terms) >= 2 or acc.n >= MIN_WEAK


def _level(acc: _Acc | None, score: float, in_title: bool, top: bool) -> str:
    if acc is None or not _supported(acc):
        return "none"
    if (score >= MAIN_SCORE or (top and score >= MAIN_SCORE_TOP)
            or ((in_title or acc.lead) and score >= MAIN_SCORE_LEAD) or (in_title and score >= MAIN_SCORE_TITLE)):
        return "main"
    return "mentioned"


def mention_table(articles: pd.DataFrame, taxonomy: Taxonomy | str | Path | None = None) -> pd.DataFrame:
    """One row per match of a term: doc_id, para_no, sent_no, language, area, term, counts, reason,
    sentence.

    ``counts`` tells whether the match counts for the area; ``reason`` says why not: ``name`` (inside an
    organisation or publication name, or a capitalised word matched by its stem only), ``excluded`` (a
    ``not_after`` / ``not_before`` word), ``context`` (none of the ``needs`` words in the sentence) or
    ``unsupported`` (one weak term only, fewer than ``MIN_WEAK`` times in the article). ``para_no`` counts the
    paragraphs of the clean text from 0; ``sentence`` is the sentence as written.
    """
    matcher = load_taxonomy(taxonomy).matcher
    rows = []
    for doc_id, pi, si, lang, sent in _iter_sentences(articles):
        for h in matcher.hits(sent, lang):
            rows.append([doc_id, pi, si, lang, matcher.ids[h.area], h.term.text, not h.reason, h.reason,
                         sent, h.weak])
    df = pd.DataFrame(rows, columns=[*MENTION_COLUMNS, "weak"])
    if len(df):
        ok = df["counts"]
        g = df[ok].groupby(["doc_id", "area"])
        support = (g["weak"].apply(lambda w: (~w).any()) | (g["term"].agg(_distinct) >= 2)
                   | (g.size() >= MIN_WEAK)).rename("supported")
        df = df.join(support, on=["doc_id", "area"])
        unsupported = ok & ~df["supported"].fillna(False).astype(bool)
        df.loc[unsupported, "counts"] = False
        df.loc[unsupported, "reason"] = "unsupported"
    return df[MENTION_COLUMNS]


def area_table(articles: pd.DataFrame, taxonomy: Taxonomy | str | Path | None = None) -> pd.DataFrame:
    """One row for every (article, area) pair: doc_id, area, present, level, score, n_mentions, terms,
    evidence.

    ``articles`` needs doc_id, language and text (the clean body, paragraphs separated by blank lines),
    as :func:`vnpe.load_corpus` returns; a ``title`` column, when there is one, is used for the level only
    (a title alone never makes an area present). ``evidence`` is the first sentence that mentions the
    area, in the article's language ("" when absent). Rows come in article order, then taxonomy order.
    """
    tax = load_taxonomy(taxonomy)
    matcher = tax.matcher
    ids = tax.ids
    n_docs, n_areas = len(articles), len(ids)
    accs: list[dict[int, _Acc]] = [{} for _ in range(n_docs)]
    total = np.zeros(n_docs, dtype=np.float64)
    doc_index: dict[str, int] = {}
    for i, d in enumerate(articles["doc_id"]):
        doc_index.setdefault(d, i)
    for doc_id, pi, _si, lang, sent in _iter_sentences(articles):
        i = doc_index[doc_id]
        length = len(sent)
        total[i] += length
        hits = [h for h in matcher.hits(sent, lang) if not h.reason]
        if not hits:
            continue
        share = length / len(hits)
        acc_i = accs[i]
        for h in hits:
            acc = acc_i.get(h.area)
            if acc is None:
                acc = acc_i[h.area] = _Acc(evidence=sent)
            acc.n += 1
            acc.strong += not h.weak
            acc.weight += share
            acc.lead |= pi == 0
            acc.terms.setdefault(h.term.text)
    titles = articles["title"].tolist() if "title" in articles else [None] * n_docs
    langs = articles["language"].tolist()
    present = np.zeros((n_docs, n_areas), dtype=bool)
    level = np.full((n_docs, n_areas), "none", dtype=object)
    score = np.zeros((n_docs, n_areas), dtype=np.float64)
    n_mentions = np.zeros((n_docs, n_areas), dtype=np.int64)
    terms = np.full((n_docs, n_areas), "", dtype=object)
    evidence = np.full((n_docs, n_areas), "", dtype=object)
    for i, acc_i in enumerate(accs):
        if not acc_i:
            continue
        title = titles[i]
        in_title: set[int] = set()
        if isinstance(title, str) and title.strip():
            lang = langs[i] if isinstance(langs[i], str) else None
            in_title = {h.area for h in matcher.hits(title, lang) if not h.reason}
        shares = {j: acc.weight / total[i] if total[i] > 0 else 0.0 for j, acc in acc_i.items() if _supported(acc)}
        best = max(shares.values(), default=0.0)
        for j, s in shares.items():
            acc = acc_i[j]
            level[i, j] = _level(acc, s, j in in_title, s >= best)
            present[i, j] = True
            score[i, j] = s
            n_mentions[i, j] = acc.n
            terms[i, j] = "; ".join(acc.terms)
            evidence[i, j] = acc.evidence
    out = pd.DataFrame(
        {
            "doc_id": np.repeat(articles["doc_id"].to_numpy(dtype=object), n_areas),
            "area": np.tile(np.array(ids, dtype=object), n_docs),
            "present": present.ravel(),
            "level": level.ravel(),
            "score": np.round(score.ravel(), 6),
            "n_mentions": n_mentions.ravel(),
            "terms": terms.ravel(),
            "evidence": evidence.ravel(),
        }
    )
    out["doc_id"] = out["doc_id"].astype(str)
    out["area"] = out["area"].astype(str)
    out["level"] = out["level"].astype(str)
    return out[AREA_COLUMNS]


# ------------------------------------------------------------------------------------------ profiles


def area_matrix(table: pd.DataFrame, value: str = "score") -> pd.DataFrame:
    """Article x area matrix of ``value`` (score, n_mentions or present), areas in table order."""
    areas = list(dict.fromkeys(table["area"]))
    docs = list(dict.fromkeys(table["doc_id"]))
    m = table.pivot(index="doc_id", columns="area", values=value)
    return m.reindex(index=docs, columns=areas)


def area_profile(table: pd.DataFrame, articles: pd.DataFrame, by: str = "language") -> pd.DataFrame:
    """Per group of articles (a column of ``articles``: language, agency, date...): for each area the
    number of articles that mention it and whose main subject it is, their shares, and the mean score.

    ``;``-separated values (the agency column) count the article in each of their groups.
    """
    meta = articles[["doc_id", by]].copy()
    meta[by] = meta[by].fillna("").astype(str).str.split(";")
    meta = meta.explode(by)
    meta[by] = meta[by].str.strip().replace("", "(none)")
    t = table.merge(meta, on="doc_id", how="left")
    t[by] = t[by].fillna("(none)")
    t["is_main"] = (t["level"] == "main") if "level" in t else False
    g = t.groupby([by, "area"], sort=False)
    out = g.agg(
        n_articles=("doc_id", "nunique"),
        n_present=("present", "sum"),
        n_main=("is_main", "sum"),
        mean_score=("score", "mean"),
    ).reset_index()
    out["share_present"] = out["n_present"] / out["n_articles"]
    out["share_main"] = (out["n_main"] / out["n_articles"]).round(4)
    out["n_present"] = out["n_present"].astype(int)
    out["n_main"] = out["n_main"].astype(int)
    out["mean_score"] = out["mean_score"].round(4)
    out["share_present"] = out["share_present"].round(4)
    return out


def one_sided_areas(table: pd.DataFrame, articles: pd.DataFrame, by: str = "language") -> pd.DataFrame:
    """Areas that articles of one group raised and those of every other group did not.

    One row per (group, area) with the number of articles of the group that mention the area.
    """
    prof = area_profile(table, articles, by=by)
    raised = prof[prof["n_present"] > 0]
    groups = raised.groupby("area")[by].nunique()
    only = raised[raised["area"].map(groups) == 1]
    return only[[by, "area", "n_present", "n_articles"]].reset_index(drop=True)


def level_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """Article x area matrix of levels as numbers: 2 = main, 1 = mentioned, 0 = none.

    >>> t = pd.DataFrame({"doc_id": ["a", "a"], "area": ["x", "y"], "level": ["main", "none"]})
    >>> level_matrix(t).to_dict("records")
    [{'x': 2, 'y': 0}]
    """
    t = table.assign(level_no=table["level"].map({"main": 2, "mentioned": 1}).fillna(0).astype(int))
    return area_matrix(t, "level_no")


def profile_similarity(table: pd.DataFrame, value: str = "score") -> pd.DataFrame:
    """Cosine similarity between the area profiles of all articles.

    A profile is the vector of ``value`` (score by default) over the areas, each area weighted by its
    inverse document frequency in the corpus, ``ln((1 + n) / df)``: an area that every article mentions
    (trade in diplomatic news) says little about which event or story an article covers, and rare
    shared areas say much.
    """
    m = area_matrix(table, value).astype(float)
    x = m.to_numpy()
    n = len(x)
    df = (x > 0).sum(axis=0)
    idf = np.where(df > 0, np.log((1 + n) / np.maximum(df, 1)), 0.0)
    x = x * idf[None, :]
    norms = np.linalg.norm(x, axis=1)
    norms[norms == 0] = 1.0
    x = x / norms[:, None]
    return pd.DataFrame((x @ x.T).round(4), index=m.index, columns=m.index)


def area_examples(table: pd.DataFrame, articles: pd.DataFrame, by: str = "language") -> pd.DataFrame:
    """Per group of articles and area: how many articles mention it and one example sentence (the
    evidence of the first such article, in its own language)."""
    meta = articles[["doc_id", by]].copy()
    meta[by] = meta[by].fillna("(none)").astype(str)
    t = table[table["present"]].merge(meta, on="doc_id", how="left")
    g = t.groupby([by, "area"], sort=False)
    out = g.agg(n_articles=("doc_id", "nunique"), example=("evidence", "first")).reset_index()
    order = {a: i for i, a in enumerate(dict.fromkeys(table["area"]))}
    out = out.sort_values([by, "area"], key=lambda s: s.map(order) if s.name == "area" else s,
                          kind="stable")
    return out.reset_index(drop=True)
