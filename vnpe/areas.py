"""Cooperation areas: a bilingual taxonomy matched against the clean text of each article.

The taxonomy (``vnpe/data/taxonomy.toml``, or a user's file of the same layout) lists English and
Vietnamese terms per area. Matching rules:

* text and terms are NFC-normalised and case-folded, and Vietnamese tone marks are brought to one
  placement (``hoá`` = ``hóa``);
* English: whole words compared by their Snowball stem (``snowballstemmer``), so ``agricultural``,
  ``minerals`` or ``investing`` match ``agriculture``, ``mineral``, ``invest``; a term written ``=word``
  matches that exact form only;
* Vietnamese: a term is a syllable sequence that must begin and end on word boundaries of the pyvi word
  segmentation (``chuyển đổi số`` matches ``chuyển_đổi số`` but not ``chuyển_đổi số_liệu``). pyvi only
  runs on sentences where a term's syllables occur, which keeps large corpora fast;
* overlapping terms: the longest match wins, matches do not overlap.

An area is **present** in an article when its clean text mentions it at least once (titles, captions and
boilerplate are not part of the clean text). Its **score** is the share of the article's clean text about
the area: every sentence's length is shared among the areas it mentions (in proportion to their mentions),
summed and divided by the length of all sentences, so an article's scores add up to at most 1.

Example:
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "language": ["en"],
    ...                      "text": ["Both sides discussed agricultural trade. They met in Lima."]})
    >>> t = area_table(arts)
    >>> t.loc[t.present, ["area", "n_mentions"]].to_dict("records")
    [{'area': 'agriculture', 'n_mentions': 1}, {'area': 'trade_investment', 'n_mentions': 1}]
"""

from __future__ import annotations

import re
import tomllib
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from vnpe.clean import split_paragraphs
from vnpe.text import nfc, sentences

AREA_COLUMNS = ["doc_id", "area", "present", "score", "n_mentions", "evidence"]
MENTION_COLUMNS = ["doc_id", "para_no", "sent_no", "language", "area", "term", "sentence"]
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
VI_CONTEXT = 4  # syllables of context either side of a Vietnamese candidate match given to pyvi
_WORD = re.compile(r"[^\W_]+")

# Vietnamese has two conventions for the tone mark on the open diphthongs oa, oe, uy ("hoá"/"hóa",
# "thuỷ"/"thủy"); both occur in news text. Map the "new" placement to the "old" one at a syllable end.
_TONE_A = dict(zip("àáảãạ", "òóỏõọ", strict=True))
_TONE_E = dict(zip("èéẻẽẹ", "òóỏõọ", strict=True))
_TONE_Y = dict(zip("ỳýỷỹỵ", "ùúủũụ", strict=True))
_OA = re.compile(r"o([àáảãạ])(?![^\W_])")
_OE = re.compile(r"o([èéẻẽẹ])(?![^\W_])")
_UY = re.compile(r"(?<!q)u([ỳýỷỹỵ])(?![^\W_])")


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used (missing, unreadable, or not of the expected layout)."""


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


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball (Porter2) English stem of a case-folded word: ``stem("minerals") == "miner"``."""
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _vi_tokenizer():
    with warnings.catch_warnings():  # pyvi 0.1.1 has invalid escape sequences in its regexes
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        from pyvi import ViTokenizer

    return ViTokenizer


def vi_words(text: str) -> list[str]:
    """Vietnamese word segmentation (pyvi): words with their syllables joined by ``_``.

    >>> vi_words("hợp tác dầu khí")
    ['hợp_tác', 'dầu_khí']
    """
    return list(_vi_words(text))


@lru_cache(maxsize=1 << 17)
def _vi_words(text: str) -> tuple[str, ...]:
    # Segmentation is the costliest step of the topic model and runs again for every fit (stability
    # across random states, re-runs in a notebook): the result of each paragraph is kept.
    return tuple(_vi_tokenizer().tokenize(text).split())


# ------------------------------------------------------------------------------------------ taxonomy


@dataclass(frozen=True)
class Area:
    """One cooperation area: an id, a display name and its English and Vietnamese terms."""

    id: str
    name: str
    en: tuple[str, ...] = ()
    vi: tuple[str, ...] = ()


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
            if not _ID.match(a.id):
                raise TaxonomyError(f"area id {a.id!r} must be lower-case letters, digits and _")
            if a.id in by_id:
                raise TaxonomyError(f"area id {a.id!r} is defined twice")
            if not (a.en or a.vi):
                raise TaxonomyError(f"area {a.id!r} has no terms")
            by_id[a.id] = a
        object.__setattr__(self, "areas", areas)
        object.__setattr__(self, "_by_id", by_id)

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
        """One row per area: id, name, number of terms and the terms of each language."""
        return pd.DataFrame(
            {
                "area": [a.id for a in self.areas],
                "name": [a.name for a in self.areas],
                "n_terms_en": [len(a.en) for a in self.areas],
                "n_terms_vi": [len(a.vi) for a in self.areas],
                "terms_en": ["; ".join(a.en) for a in self.areas],
                "terms_vi": ["; ".join(a.vi) for a in self.areas],
            }
        )


def _terms(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise TaxonomyError(f"{where}: terms must be a list of strings")
    return tuple(t.strip() for t in value if t.strip())


def taxonomy_from_dict(data: dict, source: str = "") -> Taxonomy:
    """Build a :class:`Taxonomy` from the parsed TOML layout (``[[area]]`` tables)."""
    items = data.get("area")
    if not isinstance(items, list):
        raise TaxonomyError(f"{source or 'taxonomy'}: expected [[area]] tables with id, name, en, vi")
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

# A term element: ("s", stem) compares English stems, ("x", word) the exact folded word (Vietnamese
# syllables and "=word" terms).
_Elem = tuple[str, str]


@dataclass(frozen=True)
class _Term:
    elems: tuple[_Elem, ...]
    area: int
    text: str


class _Index:
    """Phrase index: first element -> terms starting with it, longest first."""

    def __init__(self) -> None:
        self.first: dict[_Elem, list[_Term]] = {}

    def add(self, term: _Term) -> None:
        if term.elems:
            lst = self.first.setdefault(term.elems[0], [])
            if all(t.elems != term.elems for t in lst):  # the first area that lists a term keeps it
                lst.append(term)
                lst.sort(key=lambda t: -len(t.elems))

    def candidates(self, keys: Sequence[tuple[_Elem, ...]]) -> list[tuple[int, int, _Term]]:
        """All (start, end, term) whose elements match ``keys`` (each position: its possible keys)."""
        out = []
        n = len(keys)
        for i, ks in enumerate(keys):
            for k in ks:
                for term in self.first.get(k, ()):
                    m = len(term.elems)
                    if i + m <= n and all(term.elems[j] in keys[i + j] for j in range(1, m)):
                        out.append((i, i + m, term))
        return out


def _select(cands: list[tuple[int, int, _Term]]) -> list[_Term]:
    """Leftmost-longest non-overlapping matches."""
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out, pos = [], 0
    for start, end, term in cands:
        if start >= pos:
            out.append(term)
            pos = end
    return out


class Matcher:
    """Finds the taxonomy's terms in sentences of either language (see the module docstring)."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.ids = taxonomy.ids
        self.en = _Index()
        self.vi = _Index()
        for ai, area in enumerate(taxonomy.areas):
            for t in area.en:
                exact = t.startswith("=")
                words = _WORD.findall(fold_text(t.lstrip("=")))
                elems = tuple(("x", w) if exact else ("s", stem(w)) for w in words)
                self.en.add(_Term(elems, ai, t.lstrip("=")))
            for t in area.vi:
                elems = tuple(("x", w) for w in _WORD.findall(fold_text(t)))
                self.vi.add(_Term(elems, ai, t))

    def find_en(self, sentence: str) -> list[_Term]:
        words = _WORD.findall(fold_text(sentence))
        keys = [(("s", stem(w)), ("x", w)) for w in words]
        return _select(self.en.candidates(keys))

    def find_vi(self, sentence: str) -> list[_Term]:
        sylls = _WORD.findall(fold_text(sentence))
        cands = self.vi.candidates([(("x", s),) for s in sylls])
        if not cands:
            return []
        # Word boundaries from pyvi. pyvi only runs where some term's syllables occur: on a window of
        # VI_CONTEXT syllables either side of the candidates (its CRF features look two syllables
        # around each one), which keeps large corpora fast.
        spans = [m.span() for m in _WORD.finditer(nfc(sentence))]
        if len(spans) != len(sylls):  # case folding changed the syllables (should not happen)
            spans = []
        starts, ends = set(), set()
        windows: list[list[int]] = []
        for a, b, _t in sorted(cands, key=lambda c: c[0]):
            lo, hi = max(0, a - VI_CONTEXT), min(len(sylls), b + VI_CONTEXT)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        text = nfc(sentence)
        for lo, hi in windows if spans else [[0, len(sylls)]]:
            chunk = text[spans[lo][0] : spans[hi - 1][1]] if spans else sentence
            seg: list[str] = []
            for word in vi_words(chunk):
                ws = _WORD.findall(fold_text(word))
                if ws:
                    starts.add(lo + len(seg))
                    seg.extend(ws)
                    ends.add(lo + len(seg))
            if seg != sylls[lo:hi]:  # the segmenter changed the syllables: no boundary evidence
                starts.update(range(lo, hi))
                ends.update(range(lo + 1, hi + 1))
        return _select([c for c in cands if c[0] in starts and c[1] in ends])

    def find(self, sentence: str, language: str | None) -> list[tuple[str, str]]:
        """``(area_id, term)`` for every mention in one sentence.

        English terms are looked for in English text, Vietnamese terms in Vietnamese text, both in text
        of another or unknown language.

        >>> load_taxonomy().matcher.find("Hợp tác dầu khí và khai khoáng.", "vi")
        [('oil_gas', 'dầu khí'), ('mining', 'khai khoáng')]
        """
        found: list[_Term] = []
        if language != "vi":
            found += self.find_en(sentence)
        if language != "en":
            found += self.find_vi(sentence)
        return [(self.ids[t.area], t.text) for t in found]

    def count(self, text: str, language: str | None) -> Counter:
        """Mentions per area id in a text (split into sentences first)."""
        c: Counter = Counter()
        for s in sentences(text, language):
            c.update(a for a, _ in self.find(s, language))
        return c


# ------------------------------------------------------------------------------------------ tables


def _iter_sentences(articles: pd.DataFrame) -> Iterable[tuple[str, int, int, str, str]]:
    for doc_id, lang, text in zip(articles["doc_id"], articles["language"], articles["text"],
                                  strict=True):
        lang = lang if isinstance(lang, str) else None
        for pi, para in enumerate(split_paragraphs(text)):
            for si, sent in enumerate(sentences(para, lang)):
                yield doc_id, pi, si, lang, sent


def mention_table(articles: pd.DataFrame, taxonomy: Taxonomy | str | Path | None = None) -> pd.DataFrame:
    """One row per mention of an area: doc_id, para_no, sent_no, language, area, term, sentence.

    ``para_no`` counts the paragraphs of the article's clean text from 0; ``sentence`` is the sentence
    as written (original language and case).
    """
    matcher = load_taxonomy(taxonomy).matcher
    rows = []
    for doc_id, pi, si, lang, sent in _iter_sentences(articles):
        for area, term in matcher.find(sent, lang):
            rows.append((doc_id, pi, si, lang, area, term, sent))
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def area_table(articles: pd.DataFrame, taxonomy: Taxonomy | str | Path | None = None) -> pd.DataFrame:
    """One row for every (article, area) pair: doc_id, area, present, score, n_mentions, evidence.

    ``articles`` needs doc_id, language and text (the clean body, paragraphs separated by blank lines),
    as :func:`vnpe.load_corpus` returns. ``evidence`` is the first sentence that mentions the area, in the
    article's language ("" when absent). Rows come in article order, then taxonomy order.
    """
    tax = load_taxonomy(taxonomy)
    matcher = tax.matcher
    ids = tax.ids
    pos = {a: i for i, a in enumerate(ids)}
    n_docs, n_areas = len(articles), len(ids)
    mentions = np.zeros((n_docs, n_areas), dtype=np.int64)
    weight = np.zeros((n_docs, n_areas), dtype=np.float64)
    total = np.zeros(n_docs, dtype=np.float64)
    evidence = [[""] * n_areas for _ in range(n_docs)]
    doc_index = {}
    for i, d in enumerate(articles["doc_id"]):
        doc_index.setdefault(d, i)
    for doc_id, _pi, _si, lang, sent in _iter_sentences(articles):
        i = doc_index[doc_id]
        length = len(sent)
        total[i] += length
        found = matcher.find(sent, lang)
        if not found:
            continue
        share = length / len(found)
        for area, _term in found:
            j = pos[area]
            if mentions[i, j] == 0:
                evidence[i][j] = sent
            mentions[i, j] += 1
            weight[i, j] += share
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(total[:, None] > 0, weight / np.maximum(total, 1)[:, None], 0.0)
    out = pd.DataFrame(
        {
            "doc_id": np.repeat(articles["doc_id"].to_numpy(dtype=object), n_areas),
            "area": np.tile(np.array(ids, dtype=object), n_docs),
            "present": (mentions > 0).ravel(),
            "score": np.round(score.ravel(), 6),
            "n_mentions": mentions.ravel(),
            "evidence": [e for row in evidence for e in row],
        }
    )
    out["doc_id"] = out["doc_id"].astype(str)
    out["area"] = out["area"].astype(str)
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
    number of articles that mention it, their share, and the mean score.

    ``;``-separated values (the agency column) count the article in each of their groups.
    """
    meta = articles[["doc_id", by]].copy()
    meta[by] = meta[by].fillna("").astype(str).str.split(";")
    meta = meta.explode(by)
    meta[by] = meta[by].str.strip().replace("", "(none)")
    t = table.merge(meta, on="doc_id", how="left")
    t[by] = t[by].fillna("(none)")
    g = t.groupby([by, "area"], sort=False)
    out = g.agg(
        n_articles=("doc_id", "nunique"),
        n_present=("present", "sum"),
        mean_score=("score", "mean"),
    ).reset_index()
    out["share_present"] = out["n_present"] / out["n_articles"]
    out["n_present"] = out["n_present"].astype(int)
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


def profile_similarity(table: pd.DataFrame, value: str = "score") -> pd.DataFrame:
    """Cosine similarity between the area profiles (vectors of ``value`` over areas) of all articles."""
    m = area_matrix(table, value).astype(float)
    x = m.to_numpy()
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
