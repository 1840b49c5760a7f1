"""Loading a corpus: a folder (every article file below it) or one file, decoded without loss, cleaned.

One row per article; :mod:`vnpe.readers` reads each format (.txt, saved HTML pages, JSON Lines, CSV,
Parquet).

Decoding order for each file (the input files are only ever read):

1. an empty (or whitespace-only) file: status ``empty``;
2. a byte-order mark: UTF-8, UTF-16 LE/BE or UTF-32 LE/BE, decoded strictly;
3. NUL bytes without a BOM: status ``binary`` (text files in the encodings we read have none);
4. strict UTF-8;
5. bytes that are mostly valid UTF-8 (more well-formed multi-byte sequences than invalid ones): decoded
   with U+FFFD replacements,
   status ``lossy`` (the count and the first offset are in ``message``);
6. otherwise a legacy encoding (cp1252, cp1258, latin-1, …) chosen by charset-normalizer, accepted only
   when its result is plausible for the text's own script (:func:`implausible_characters`); else a
   Windows Western reading: ``ok`` when the non-ASCII bytes stand alone in ASCII text (a ``£`` in
   English), otherwise status ``guessed`` with the encoding named; with no reading at all, status
   ``undecodable``.

Files that cannot be read as text still get a row (empty text) and a warning naming the file, so that a
corpus run never stops on one bad file. Everything else below the folder is accounted for by
:func:`scan_corpus` / :func:`skipped_files` (hidden names, other formats, links that dangle, loop or leave
the folder, second paths to one file, unreadable folders), with one warning per reason.

Example:
    >>> import vnpe
    >>> articles = vnpe.load_corpus("seeds")          # doctest: +SKIP
    >>> articles[["doc_id", "language", "title"]]      # doctest: +SKIP
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import sys
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from vnpe.clean import CleanResult, clean_text, line_records
from vnpe.parallel import cpu_workers, pmap, shared
from vnpe.text import nfc

ARTICLE_COLUMNS = [
    "doc_id", "path", "encoding", "status", "message", "language", "title", "date", "date_partial",
    "place", "byline", "agency", "outlet", "url", "n_lines", "n_kept", "n_chars_raw", "n_chars_clean", "text",
    "raw", "source", "para_lines", "line_info",
]
ARTICLE_CSV_COLUMNS = [c for c in ARTICLE_COLUMNS if c not in ("raw", "source", "para_lines", "line_info")]

_BOMS = [  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# A well-formed multi-byte UTF-8 sequence: evidence that a file with some invalid bytes is damaged UTF-8
# rather than a legacy single-byte encoding.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


# Chaos difference under which charset-normalizer's candidates count as tied (its own acceptance threshold
# is 0.2; ties between sibling code pages are a few hundredths).
CHAOS_MARGIN = 0.05
# Legacy code pages preferred when the detector finds them about as good as its first choice: Windows
# Western European and Vietnamese, then their ISO siblings.
PREFERRED_LEGACY = ("cp1252", "cp1258", "iso8859_15", "latin_1")


# Corpora of this many files or more are cleaned by one process per core, in chunks of CHUNK files.
PARALLEL_MIN = 1000
CHUNK = 250
# A cleaning worker is replaced after this many chunks: the bounded caches of the cleaner, the dates and
# the events fill up (hundreds of MB on a large corpus) and would otherwise stay, in each worker, until the end.
# A fresh worker starts with cold caches (event name runs cost about 2.5 times as much cold): on VNTC, loading
# with two workers never replaced took about 8 % less CPU than replacing them every 8 chunks, but 255 MB more
# peak PSS; 16 halves the cold starts for about 50 MB (`vnpe overlap` on VNTC then peaks at 0.94 GB PSS, 1 GiB budget).
CHUNKS_PER_WORKER = 16


class CorpusNotFound(Exception):
    """The corpus does not exist or holds no article file (see :mod:`vnpe.readers` for the formats)."""


class BadFileWarning(UserWarning):
    """A file of the corpus could not be read as text without loss; its row says what happened."""


class SkippedFileWarning(BadFileWarning):
    """Files or folders below the corpus folder that were not read (:func:`skipped_files` says why)."""


@dataclass(frozen=True)
class Decoded:
    """The outcome of decoding one file."""

    text: str
    encoding: str
    status: str = "ok"
    message: str = ""


def decode_bytes(data: bytes, legacy_encoding: str | None = None, declared: str | None = None) -> Decoded:
    """Decode a file's bytes (see the module docstring for the order of attempts).

    ``declared`` is the encoding the file itself names (an HTML page's ``<meta charset>``): it is tried
    after UTF-8 (pages often declare Latin-1 and hold UTF-8) and before detection. A few stray NUL bytes in
    text that is otherwise valid (under 1 % of the bytes) are removed, with the status ``lossy``.

    >>> decode_bytes("Việt Nam".encode("utf-16")).encoding
    'utf-16'
    >>> decode_bytes(b"caf\\xe9 au lait, s'il vous pla\\xeet").status
    'ok'
    >>> decode_bytes(b"\\x00\\x01\\x02binary").status
    'binary'
    """
    if not data.strip():
        return Decoded("", "", "empty", "the file is empty" if not data else "the file holds only spaces")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                return Decoded("", enc, "undecodable", f"{enc} byte-order mark, but invalid data: {exc.reason} "
                               f"at byte {exc.start}")
            text = text.lstrip("\ufeff")
            if not text.strip():
                return Decoded("", enc, "empty", "the file holds only a byte-order mark or spaces")
            return Decoded(text, enc)
    declared = _whatwg_codec(declared)
    if b"\x00" in data:
        n_nul = data.count(b"\x00")
        if n_nul * 100 < len(data):
            for enc in dict.fromkeys(["utf-8", declared or "utf-8"]):
                try:
                    text = data.replace(b"\x00", b"").decode(enc)
                except UnicodeDecodeError:
                    continue
                return Decoded(text, enc, "lossy", f"{n_nul} stray NUL byte(s) removed")
        return Decoded("", "", "binary", "NUL bytes and no byte-order mark: not a text file")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    if declared and declared != "utf-8":
        try:
            return Decoded(data.decode(declared), declared)
        except UnicodeDecodeError:
            pass
    n_multi = len(_UTF8_MULTIBYTE.findall(data))
    if n_multi:
        text = data.decode("utf-8", errors="replace")
        n_bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        # In legacy single-byte text, valid multi-byte UTF-8 sequences only occur by accident and are far
        # fewer than the invalid bytes; when they are the majority, this is UTF-8 with some damage.
        if n_multi > n_bad:
            return Decoded(text, "utf-8", "lossy",
                           f"{n_bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD, the first at byte "
                           f"{first}")
    if legacy_encoding:
        try:
            return Decoded(data.decode(legacy_encoding), legacy_encoding)
        except UnicodeDecodeError as exc:
            return Decoded("", legacy_encoding, "undecodable", f"not valid {legacy_encoding}: {exc.reason} at "
                           f"byte {exc.start}")
    return _decode_legacy(data)


# The labels pages declare, read as browsers read them (the WHATWG Encoding Standard maps GB2312 to GBK,
# Latin-1 and ASCII to windows-1252); gb18030 is GBK's superset in Python's codecs.
_WHATWG = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "iso-8859-1": "cp1252",
           "latin-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252",
           "iso-8859-9": "cp1254", "tis-620": "cp874", "iso-8859-11": "cp874", "ks_c_5601-1987": "cp949",
           "euc-kr": "cp949", "shift_jis": "cp932", "windows-31j": "cp932"}


def _whatwg_codec(label: str | None) -> str | None:
    """The Python codec for an encoding label a file declares, or None for an unknown label.

    >>> _whatwg_codec("GB2312"), _whatwg_codec("ISO-8859-1"), _whatwg_codec("UTF8"), _whatwg_codec("nope")
    ('gb18030', 'cp1252', 'utf-8', None)
    """
    if not label:
        return None
    label = label.strip().lower()
    try:
        return codecs.lookup(_WHATWG.get(label, label)).name.replace("_", "-")
    except LookupError:
        return None


def _decode_legacy(data: bytes) -> Decoded:
    # charset-normalizer is the maintained detector; we never guess code pages by hand.
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches or matches[0].encoding is None:
        return _fallback_western(data, "", "not UTF-8, and no text encoding fits the bytes (binary?)")
    # charset-normalizer ranks by "chaos" (mess in the decoded text); code pages of one family often tie
    # or nearly tie on it (cp1252 vs cp1257 on Western text). Among the near-best we prefer, as browsers
    # do (WHATWG's windows-1252 default), the code pages news sites in this corpus's languages used.
    near = [m for m in matches if m.chaos <= matches[0].chaos + CHAOS_MARGIN]
    best_encoding = matches[0].encoding
    for pref in PREFERRED_LEGACY:
        if any(m.encoding == pref or pref in m.could_be_from_charset for m in near):
            best_encoding = pref
            break
    try:
        text = data.decode(best_encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        return Decoded("", best_encoding, "undecodable", f"detected {best_encoding}, but decoding failed: {exc}")
    if any(ord(c) < 32 and c not in "\t\n\r\f\v" for c in text):
        return Decoded("", best_encoding, "binary", "control characters in the text: not a text file")
    bad, why = implausible_characters(text)
    if not bad:
        return Decoded(text, best_encoding)
    return _fallback_western(data, best_encoding, f"the detector's {best_encoding} reading {why}", text)


def _fallback_western(data: bytes, detected: str, why: str, detected_text: str = "") -> Decoded:
    """A Windows Western reading when the detector's choice is implausible (or there is none).

    Accepted as ``ok`` when every non-ASCII byte stands alone between ASCII bytes (multi-byte East Asian
    encodings need pairs; a lone ``£`` or ``é`` in English is the classic Windows-1252 file); otherwise
    status ``guessed``, and the message names the encoding chosen and why.
    """
    for enc in ("cp1252", "latin_1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if implausible_characters(text)[0]:
            continue
        if any(ord(c) < 32 and c not in "\t\n\r\f\v" for c in text):
            break
        if not _MULTI_HIGH.search(data) and _ASCII_LETTER.search(text):
            return Decoded(text, enc, "ok", f"{enc}: single non-ASCII bytes in ASCII text ({why})")
        return Decoded(text, enc, "guessed", f"guessed {enc}: {why}")
    if detected_text:  # no Western reading fits either: keep the detector's, flagged
        return Decoded(detected_text, detected, "guessed", f"guessed {detected}: {why}")
    return Decoded("", detected, "undecodable", why)


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MULTI_HIGH = re.compile(rb"[\x80-\xff]{2}")
# Unicode name prefixes of East Asian characters (letters and their punctuation / width forms).
_EAST_ASIAN = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH", "IDEOGRAPHIC", "HANGUL",
                         "BOPOMOFO", "KANGXI", "YI"})
_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC", "ARMENIAN", "HEBREW", "ARABIC", "SYRIAC", "THAANA",
                      "THAI", "LAO", "KHMER", "MYANMAR", "GEORGIAN", "ETHIOPIC", "DEVANAGARI", "BENGALI",
                      "GURMUKHI", "GUJARATI", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "TIBETAN"})


def _script(ch: str) -> str:
    word = unicodedata.name(ch, "").split(" ", 1)[0]
    if word in _EAST_ASIAN:
        return "EAST ASIAN"
    return word if word in _SCRIPTS else "COMMON"


def implausible_characters(text: str) -> tuple[int, str]:
    """How many characters of a legacy decode are implausible for the text's own script, and why.

    A text is written in one main script (the one most of its letters use; ASCII letters are Latin).
    A non-ASCII character is implausible when it is a control, unassigned or private-use code point, or
    belongs to another script than the main one (punctuation, symbols, digits and combining marks
    belong to every script). Real text in a legacy code page passes: Vietnamese in cp1258, Russian in
    cp1251, Japanese in cp932. A wrong code page fails: one ``£`` byte read as cp932 gives ``｣`` (an
    East Asian bracket) inside English.

    >>> implausible_characters("The fee was \uff6315.8m")
    (1, 'puts 1 East Asian character(s) (\uff63) into Latin text')
    >>> implausible_characters("Giá £15.8m, phở")
    (0, '')
    """
    found = _NON_ASCII.findall(text)
    if not found:
        return 0, ""
    counts: dict[str, int] = {}
    for ch in found:
        counts[ch] = counts.get(ch, 0) + 1
    letters = {"LATIN": len(_ASCII_LETTER.findall(text))}
    for ch, n in counts.items():
        if ch.isalpha():
            letters[_script(ch)] = letters.get(_script(ch), 0) + n
    main = max(sorted(letters), key=letters.get)
    bad: dict[str, int] = {}
    for ch, n in counts.items():
        if unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"):
            bad[ch] = n
        elif _script(ch) not in ("COMMON", main):
            bad[ch] = n
    if not bad:
        return 0, ""
    n_bad = sum(bad.values())
    kinds = sorted({"control or unassigned" if unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs")
                    else _script(c).title() for c in bad})
    shown = "".join(sorted(bad)[:5])
    return n_bad, f"puts {n_bad} {'/'.join(kinds)} character(s) ({shown}) into {main.title()} text"


from vnpe.readers import ARTICLE_SUFFIXES  # noqa: E402 - beside the other file-kind constants

# Why a file or folder below the corpus folder was not read (``skipped_files``'s ``reason`` column).
SKIP_REASONS = {
    "not_article": "not an article format",
    "hidden": "hidden",
    "link_outside": "a link to outside the corpus folder",
    "unreadable": "unreadable",
    "duplicate": "a duplicate of another file or folder through a link",
    "dangling_link": "a dangling link",
    "link_loop": "a link loop",
    "not_regular": "not a regular file",
}
SKIPPED_COLUMNS = ["path", "reason", "detail"]


@dataclass(frozen=True)
class CorpusFile:
    """One article file: where to read it, its path relative to the corpus as on disk, its doc_id."""

    file: Path
    path: str
    doc_id: str


@dataclass
class CorpusScan:
    """Everything below a corpus folder: the article files to read and what was skipped, with why."""

    root: Path
    files: list[CorpusFile]
    skipped: list[tuple[str, str, str]]  # (relative path, reason code, detail)

    def skipped_table(self) -> pd.DataFrame:
        return pd.DataFrame(self.skipped, columns=SKIPPED_COLUMNS)


def _display(rel: str) -> str:
    """A printable spelling of a path (bytes that are not UTF-8 become U+FFFD)."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def check_corpus_path(path: str | os.PathLike) -> Path:
    """Check, before any work, that ``path`` can be a corpus: a folder, or a file in an article format.

    Raises :class:`CorpusNotFound` with one line that says what is wrong.

    >>> check_corpus_path("pyproject.toml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vnpe.load.CorpusNotFound: vnpe: pyproject.toml is a file but not an article file (give a folder, or a .txt, ...)
    """
    p = Path(path)
    if p.is_dir():
        return p
    if not p.exists():
        raise CorpusNotFound(f"vnpe: corpus not found: {path} (no such file or folder)")
    if not p.name.lower().endswith(ARTICLE_SUFFIXES):
        kinds = ", ".join(ARTICLE_SUFFIXES)
        raise CorpusNotFound(f"vnpe: {path} is a file but not an article file (give a folder, or a {kinds} file)")
    return p


def scan_corpus(path: str | os.PathLike) -> CorpusScan:
    """Every file and folder below ``path``, accounted for: article files to read, the rest skipped.

    Hidden names (``.x``) are skipped; files without an article suffix (``.txt``) are skipped; links
    are followed when they stay inside the corpus folder (a linked folder once, whatever the number of
    links to it), and named when they dangle, loop or point outside; a file reached twice (through a
    link, or a hard link) is read once, preferably through its own path; unreadable folders are named.
    ``doc_id`` is the relative path without its suffix, NFC; names that collide once letter case and
    Unicode normalisation are ignored (``story.txt`` and ``Story.TXT``, NFC and NFD spellings) keep the
    id for the first (an NFC name first, then by path) and give the others a stable suffix: the first
    six hex digits of the SHA-1 of their relative path's bytes (``story~1a2b3c``).

    >>> scan = scan_corpus("seeds")                       # doctest: +SKIP
    >>> [f.doc_id for f in scan.files], scan.skipped      # doctest: +SKIP
    """
    root = check_corpus_path(path)
    if not root.is_dir():  # a single article file: the corpus is that file
        return CorpusScan(root, _with_doc_ids([(root.name, root)]), [])
    real_root = Path(os.path.realpath(root))
    st_root = os.stat(real_root)
    skipped: list[tuple[str, str, str]] = []
    candidates: list[tuple[str, Path, tuple[int, int], bool]] = []
    visited: dict[tuple[int, int], str] = {(st_root.st_dev, st_root.st_ino): "."}
    dir_links: list[tuple[str, Path, tuple[int, int], frozenset]] = []

    def walk(folder: Path, prefix: str, via_link: bool, ancestors: frozenset) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            skipped.append((prefix or "./", "unreadable", f"cannot list the folder: {exc.strerror or exc}"))
            return
        for e in entries:
            rel = prefix + e.name
            try:
                is_link = e.is_symlink()
                is_dir = e.is_dir(follow_symlinks=False)
            except OSError as exc:
                skipped.append((rel, "unreadable", str(exc.strerror or exc)))
                continue
            if e.name.startswith("."):
                skipped.append((rel + ("/" if is_dir else ""), "hidden", "name starts with a dot"))
                continue
            if is_link:
                target = os.readlink(e.path)
                shown = f" ({target})" if not os.path.isabs(target) else ""
                try:
                    st = os.stat(e.path)
                except OSError as exc:
                    if exc.errno == errno.ELOOP:
                        skipped.append((rel, "link_loop", f"the link{shown} leads back to itself"))
                    elif exc.errno in (errno.ENOENT, errno.ENOTDIR):
                        skipped.append((rel, "dangling_link", f"the link's target{shown} does not exist"))
                    else:
                        skipped.append((rel, "unreadable", f"cannot follow the link: {exc.strerror or exc}"))
                    continue
                real = Path(os.path.realpath(e.path))
                if not real.is_relative_to(real_root):
                    skipped.append((rel, "link_outside", f"the link{shown} points outside the corpus folder"))
                    continue
                key = (st.st_dev, st.st_ino)
                if stat.S_ISDIR(st.st_mode):
                    if key in ancestors:
                        skipped.append((rel + "/", "link_loop",
                                        f"the link{shown} points to a folder that holds it ({visited[key]})"))
                    else:
                        dir_links.append((rel, Path(e.path), key, ancestors))
                elif not stat.S_ISREG(st.st_mode):
                    skipped.append((rel, "not_regular", "the link points to a device, pipe or socket"))
                elif not e.name.lower().endswith(ARTICLE_SUFFIXES):
                    skipped.append((rel, "not_article", f"not a {'/'.join(ARTICLE_SUFFIXES)} file"))
                else:
                    candidates.append((rel, Path(e.path), key, True))
                continue
            if is_dir:
                st = e.stat(follow_symlinks=False)
                key = (st.st_dev, st.st_ino)
                if key in visited:
                    skipped.append((rel + "/", "duplicate", f"the same folder as {visited[key]}"))
                    continue
                visited[key] = rel
                walk(Path(e.path), rel + "/", via_link, ancestors | {key})
            elif e.is_file(follow_symlinks=False):
                if not e.name.lower().endswith(ARTICLE_SUFFIXES):
                    skipped.append((rel, "not_article", f"not a {'/'.join(ARTICLE_SUFFIXES)} file"))
                    continue
                st = e.stat(follow_symlinks=False)
                candidates.append((rel, Path(e.path), (st.st_dev, st.st_ino), via_link))
            else:
                skipped.append((rel, "not_regular", "a device, pipe or socket"))

    walk(root, "", False, frozenset(visited))
    # Links to folders last, so that a folder is read through its own path when it has one.
    i = 0
    while i < len(dir_links):
        rel, folder, key, ancestors = dir_links[i]
        i += 1
        if key in visited:
            skipped.append((rel + "/", "duplicate", f"a link to the folder {visited[key]}, read there"))
            continue
        visited[key] = rel
        walk(folder, rel + "/", True, ancestors | {key})

    # One row per distinct file: its own path rather than a link's, then the first path.
    chosen: dict[tuple[int, int], tuple[str, Path, tuple[int, int], bool]] = {}
    for cand in sorted(candidates, key=lambda c: (c[3], c[0])):
        if cand[2] not in chosen:
            chosen[cand[2]] = cand
        else:
            first = chosen[cand[2]][0]
            skipped.append((cand[0], "duplicate", f"the same file as {_display(first)}, read there"))
    rels = sorted((c[0], c[1]) for c in chosen.values())
    files = _with_doc_ids(rels)
    skipped = [(_display(r), reason, detail) for r, reason, detail in sorted(skipped)]
    return CorpusScan(root, files, skipped)


def _suffix(rel: str) -> str:
    """``PurePosixPath(rel).suffix`` without building a path object (a scan of 33,759 files spent 0.6 s of
    CPU parsing paths for it): the last dot of the last component, unless that dot starts or ends it.

    >>> _suffix("a/b.c/story.txt"), _suffix("a.b/.hidden"), _suffix("x."), _suffix("a/b.tar.gz")
    ('.txt', '', '', '.gz')
    """
    name = rel.rpartition("/")[2]
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _with_doc_ids(rels: list[tuple[str, Path]]) -> list[CorpusFile]:
    base = [nfc(_display(rel[: -len(suf)] if (suf := _suffix(rel)) else rel)) for rel, _ in rels]
    groups: dict[str, list[int]] = {}
    for i, doc_id in enumerate(base):
        groups.setdefault(doc_id.casefold(), []).append(i)
    ids = list(base)
    for members in groups.values():
        # The plain id goes to the file whose name is spelled as the id is (NFC), then to the first path.
        members = sorted(members, key=lambda i: (rels[i][0] != nfc(rels[i][0]), rels[i][0]))
        for i in members[1:]:
            digest = hashlib.sha1(os.fsencode(rels[i][0])).hexdigest()[:6]
            ids[i] = f"{base[i]}~{digest}"
    return [CorpusFile(file, rel, doc_id) for (rel, file), doc_id in zip(rels, ids, strict=True)]


def iter_files(root: Path) -> list[Path]:
    """Every article file below ``root`` that :func:`scan_corpus` reads, in doc_id order."""
    return [f.file for f in scan_corpus(root).files]


def skipped_files(path: str | os.PathLike) -> pd.DataFrame:
    """What below ``path`` is not read as an article, and why: columns ``path`` (relative, as on disk;
    folders end with ``/``), ``reason`` (a key of ``SKIP_REASONS``) and ``detail``.

    >>> skipped_files("seeds")
    Empty DataFrame
    Columns: [path, reason, detail]
    Index: []
    """
    return scan_corpus(path).skipped_table()


def skipped_summary(skipped: list[tuple[str, str, str]], shown: int = 10) -> list[str]:
    """One line per skip reason, naming the files (the first ``shown``)."""
    by_reason: dict[str, list[str]] = {}
    for rel, reason, _ in skipped:
        by_reason.setdefault(reason, []).append(rel)
    lines = []
    for reason in SKIP_REASONS:
        names = by_reason.get(reason, [])
        if names:
            more = f" and {len(names) - shown} more" if len(names) > shown else ""
            lines.append(f"skipped ({SKIP_REASONS[reason]}): {', '.join(names[:shown])}{more}")
    return lines


def doc_id_for(path: Path, root: Path) -> str:
    """Path relative to the corpus folder, without its suffix, with ``/`` separators (NFC).

    Collisions (letter case, NFC/NFD) are resolved by :func:`scan_corpus`, which sees every file.
    """
    rel = path.relative_to(root).as_posix()
    return nfc(rel[: -len(path.suffix)] if path.suffix else rel)


def article_row(doc_id: str, path: str, decoded: Decoded, stated: dict | None = None,
                source: str | None = None) -> dict:
    """One row of the articles table from a decoded file (cleaning included).

    ``stated`` is metadata the file states (an HTML page's title or date, a table's columns); each value
    given replaces what the cleaner found. ``source`` is the original (raw HTML, a table row as JSON).
    """
    raw = nfc(decoded.text)
    stated = {k: v for k, v in (stated or {}).items() if v}
    result: CleanResult = clean_text(raw, title=nfc(str(stated["title"])) if "title" in stated else None)
    meta = result.meta
    row = {
        "doc_id": doc_id,
        "path": path,
        "encoding": decoded.encoding,
        "status": decoded.status,
        "message": decoded.message,
        "language": meta.language if raw.strip() else "unknown",
        "title": meta.title,
        "date": meta.date,
        "date_partial": meta.date_partial,
        "place": meta.place,
        "byline": meta.byline,
        "agency": meta.agency,
        "outlet": meta.outlet,
        "url": None,
        "n_lines": len(result.lines),
        "n_kept": sum(line.kept for line in result.lines),
        "n_chars_raw": len(raw),
        "n_chars_clean": len(result.text),
        "text": result.text,
        "raw": raw,
        "source": source,
        "para_lines": tuple(line_no for line_no, _ in result.paragraphs),
        "line_info": line_records(result.lines),
    }
    for key in ("title", "date", "url", "outlet", "language"):
        if key in stated:
            row[key] = nfc(str(stated[key]))
    if "date" in stated:
        row["date_partial"] = None
    return row


def load_corpus(
    path: str | os.PathLike,
    *,
    progress: bool | None = None,
    warn: bool = True,
    encoding: str | None = None,
    n_jobs: int | None = None,
    keep_raw: bool = True,
) -> pd.DataFrame:
    """Load and clean every article below ``path`` (a folder, or one file): one row per article.

    Columns: README, *articles*.

    ``progress`` shows a tqdm bar (default: only when stderr is a terminal and the corpus is large).
    ``warn`` emits a :class:`BadFileWarning` naming each file that was not read cleanly, and one per
    kind of skipped file (:func:`skipped_files` lists them all). The warnings name files relative to
    ``path`` and are attributed to ``path`` itself, so they read the same on every run and machine.
    ``encoding`` names the legacy encoding of files that are neither UTF-8 nor carry a byte-order mark
    (default: the ``VNPE_ENCODING`` environment variable if set, else detected per file by
    charset-normalizer, which can hesitate on short texts).
    ``n_jobs`` processes clean in parallel (``-1``: one per core; default: one per core for corpora of
    ``PARALLEL_MIN`` files or more, else 1); the result is the same whatever the number.
    ``keep_raw=False`` leaves the ``raw`` column empty to save memory on large corpora (the files stay on
    disk; :func:`vnpe.line_table` needs it).
    Raises :class:`CorpusNotFound` for a missing corpus or a folder without article files.

    >>> articles = load_corpus("seeds")                      # doctest: +SKIP
    >>> articles.loc[0, ["doc_id", "language", "status"]]      # doctest: +SKIP
    """
    scan = scan_articles(path)
    rows = [row for part in corpus_chunks(scan, progress=progress, warn=warn, encoding=encoding, n_jobs=n_jobs,
                                          keep_raw=keep_raw, path=path) for row in part]
    return article_frame(rows)


def article_frame(rows: list[dict]) -> pd.DataFrame:
    """The articles table of rows made by :func:`article_row` (README, *articles*), e.g. one chunk of
    :func:`corpus_chunks`.

    >>> list(article_frame([]).columns) == ARTICLE_COLUMNS
    True
    """
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def scan_articles(path: str | os.PathLike) -> CorpusScan:
    """:func:`scan_corpus`, raising :class:`CorpusNotFound` when ``path`` holds no article file.

    >>> len(scan_articles("seeds").files)
    5
    """
    scan = scan_corpus(path)
    if not scan.files:
        extra = "; ".join(skipped_summary(scan.skipped, shown=3))
        kinds = ", ".join(ARTICLE_SUFFIXES)
        raise CorpusNotFound(f"vnpe: no articles ({kinds} files) in {path}" + (f" ({extra})" if extra else ""))
    return scan


def corpus_chunks(
    scan: CorpusScan,
    reduce: Callable[[list[dict]], Any] | None = None,
    *,
    path: str | os.PathLike,
    progress: bool | None = None,
    warn: bool = True,
    encoding: str | None = None,
    n_jobs: int | None = None,
    keep_raw: bool = True,
) -> Iterator[Any]:
    """Load and clean the files of ``scan`` chunk by chunk (``CHUNK`` files, in file order): yields
    ``reduce(rows)`` for each chunk, computed where the chunk was cleaned (a worker process of
    :func:`vnpe.parallel.pmap` for large corpora), so that only what the caller needs crosses the process
    boundary and the corpus is never held whole (default: the rows themselves, as :func:`article_row` makes
    them). The warnings of :func:`load_corpus` are emitted once the last chunk is out.

    >>> scan = scan_corpus("seeds")
    >>> [len(ids) for ids in corpus_chunks(scan, lambda rows: [r["doc_id"] for r in rows], path="seeds")]
    [5]
    """
    if encoding is None:  # `vnpe report --encoding` reaches the notebooks' kernels this way
        encoding = os.environ.get("VNPE_ENCODING") or None
    files = scan.files
    jobs = _jobs(n_jobs, len(files))
    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    # vnpe.parallel.pmap: workers ignore SIGINT (the parent handles it) and die on SIGTERM; leaving the
    # loop on an interruption terminates them. The reducer reaches the workers through fork, unpickled.
    mapped = pmap(_load_chunk, chunks, workers=jobs, shared=(encoding, keep_raw, reduce),
                  jobs_per_worker=CHUNKS_PER_WORKER)
    problems: list[tuple[str, type]] = []
    for result, chunk_problems in _progress(mapped, progress, len(chunks), unit="chunk"):
        problems += [(p, BadFileWarning) for p in chunk_problems if p]
        yield result
    if warn:
        problems += [(p, SkippedFileWarning) for p in skipped_summary(scan.skipped)]
        for problem, category in problems:
            # Attributed to the corpus folder as given, not to the caller's file (in a notebook that is a
            # temporary file named after the kernel's process id): the same text on every run.
            warnings.warn_explicit(problem, category, filename=os.fspath(path), lineno=0, module="vnpe.load")


def check_corpus_files(path: str | os.PathLike, *, encoding: str | None = None, warn: bool = True) -> int:
    """Check that ``path`` holds articles and warn about bad and skipped files, as :func:`load_corpus`
    would, but only decoding (no cleaning): what ``vnpe report`` does before its notebooks run.

    Returns the number of articles. Raises :class:`CorpusNotFound` when there is none.

    >>> check_corpus_files("seeds")
    5
    """
    from vnpe.readers import read_entries

    scan = scan_corpus(path)
    if not scan.files:
        kinds = ", ".join(ARTICLE_SUFFIXES)
        extra = "; ".join(skipped_summary(scan.skipped, shown=3))
        raise CorpusNotFound(f"vnpe: no articles ({kinds} files) in {path}" + (f" ({extra})" if extra else ""))
    if encoding is None:
        encoding = os.environ.get("VNPE_ENCODING") or None
    problems: list[tuple[str, type]] = []
    n = 0
    for f in scan.files:
        try:
            entries = read_entries(f.file, f.file.read_bytes(), encoding)
        except OSError as exc:
            problems.append((f"{_display(f.path)}: unreadable: cannot read the file: {exc.strerror or exc}",
                             BadFileWarning))
            n += 1
            continue
        n += len(entries)
        for e in entries:
            if e.status != "ok":
                where = f"{_display(f.path)}#{e.row}" if e.row else _display(f.path)
                problems.append((f"{where}: {e.status}: {e.message}", BadFileWarning))
    problems += [(p, SkippedFileWarning) for p in skipped_summary(scan.skipped)]
    if warn:
        for problem, category in problems:
            warnings.warn_explicit(problem, category, filename=os.fspath(path), lineno=0, module="vnpe.load")
    return n


def _jobs(n_jobs: int | None, n_files: int) -> int:
    cores = cpu_workers()
    if n_jobs is None:
        return cores if n_files >= PARALLEL_MIN else 1
    return cores if n_jobs < 1 else n_jobs


def _load_chunk(files: list[CorpusFile]) -> tuple[Any, list[str]]:
    """One chunk of :func:`corpus_chunks`: ``reduce(rows)`` and the warning of each row ("" when clean)."""
    encoding, keep_raw, reduce = shared()
    results = [r for f in files for r in _load_one(f, encoding, keep_raw)]
    rows = [row for row, _ in results]
    problems = [p for _, p in results]
    del results
    return (rows if reduce is None else reduce(rows)), problems


def _load_one(file: CorpusFile, encoding: str | None = None, keep_raw: bool = True) -> list[tuple[dict, str]]:
    """Each article of one file (a table file holds several): its row, and the warning to give about it
    ("" when it was read cleanly). See :mod:`vnpe.readers` for the formats."""
    from vnpe.readers import Entry, read_entries

    try:
        entries = read_entries(file.file, file.file.read_bytes(), encoding)
    except OSError as exc:
        entries = [Entry("", encoding="", status="unreadable", message=f"cannot read the file: {exc.strerror or exc}")]
    shown = _display(file.path)
    out = []
    for e in entries:
        doc_id = f"{file.doc_id}#{e.row}" if e.row else file.doc_id
        where = f"{shown}#{e.row}" if e.row else shown
        problem = f"{where}: {e.status}: {e.message}" if e.status != "ok" else ""
        row = article_row(doc_id, file.path, Decoded(e.text, e.encoding, e.status, e.message), e.meta, e.source)
        if not keep_raw:
            row["raw"] = row["line_info"] = row["source"] = None
        out.append((row, problem))
    return out


def _progress(items: Iterable, progress: bool | None, total: int, unit: str = "article") -> Iterable:
    if progress is None:
        progress = total * (CHUNK if unit == "chunk" else 1) >= PARALLEL_MIN and sys.stderr.isatty()
    if not progress:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc="loading", unit=unit, total=total)


def articles_from_texts(texts: dict[str, str]) -> pd.DataFrame:
    """Build an articles table from in-memory texts (``doc_id -> text``), as if loaded from files.

    Handy for tests and notebooks that start from strings.

    >>> articles_from_texts({"a": "Title\\n\\nBody text of the article.\\n"}).loc[0, "title"]
    'Title'
    """
    rows = [article_row(doc_id, doc_id + ".txt", Decoded(t, "utf-8")) for doc_id, t in sorted(texts.items())]
    return article_frame(rows)


def overview(articles: pd.DataFrame) -> pd.DataFrame:
    """The corpus at a glance, one figure per row: articles, languages, statuses, dates, agencies, sizes.

    >>> overview(articles_from_texts({"a": "Title\\n\\nBody."})).loc["articles", "value"]
    '1'
    """
    ok = articles[articles["status"] == "ok"]
    dates = pd.to_datetime(articles["date"], errors="coerce").dropna()
    agencies = articles["agency"].dropna().str.split(";").explode().value_counts()

    def counts(s: pd.Series) -> str:
        vc = s.value_counts()
        return ", ".join(f"{k} {v}" for k, v in vc.items()) or "—"

    rows = {
        "articles": str(len(articles)),
        "read cleanly": f"{len(ok)} ({len(articles) - len(ok)} with problems)",
        "languages": counts(articles["language"]),
        "dates stated": (f"{dates.min().date()} … {dates.max().date()} ({len(dates)} articles)"
                         if len(dates) else "none"),
        "agencies credited": ", ".join(f"{k} {v}" for k, v in agencies.head(10).items()) or "none",
        "raw characters": f"{int(articles['n_chars_raw'].sum()):,}",
        "clean characters": f"{int(articles['n_chars_clean'].sum()):,}",
        "kept lines": f"{int(articles['n_kept'].sum()):,} of {int(articles['n_lines'].sum()):,}",
    }
    return pd.DataFrame({"value": rows})


def article_summary(articles: pd.DataFrame, top: int = 25) -> pd.DataFrame:
    """One row per article (the first ``top`` by doc_id): metadata and the share of text kept."""
    cols = ["doc_id", "language", "date", "date_partial", "place", "agency", "byline", "title",
            "n_chars_raw", "n_chars_clean"]
    df = articles[cols].head(top).copy()
    df["kept %"] = (100 * df["n_chars_clean"] / df["n_chars_raw"].where(df["n_chars_raw"] > 0)).round(0)
    df["title"] = df["title"].map(lambda t: t if not isinstance(t, str) or len(t) <= 60 else t[:59] + "…")
    return df.set_index("doc_id")
