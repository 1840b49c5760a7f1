"""Loading a corpus folder: every ``*.txt`` below it, decoded without loss, cleaned, one row per article.

Decoding order for each file (the input files are only ever read):

1. an empty (or whitespace-only) file: status ``empty``;
2. a byte-order mark: UTF-8, UTF-16 LE/BE or UTF-32 LE/BE, decoded strictly;
3. NUL bytes without a BOM: status ``binary`` (text files in the encodings we read have none);
4. strict UTF-8;
5. bytes that are mostly valid UTF-8 (more well-formed multi-byte sequences than invalid ones): decoded
   with U+FFFD replacements,
   status ``lossy`` (the count and the first offset are in ``message``);
6. otherwise a legacy encoding (cp1252, cp1258, latin-1, …) chosen by charset-normalizer; when it finds
   none, status ``undecodable``.

Files that cannot be read as text still get a row (empty text) and a warning naming the file, so that a
corpus run never stops on one bad file.

Example:
    >>> import vnpe
    >>> articles = vnpe.load_corpus("seeds")          # doctest: +SKIP
    >>> articles[["doc_id", "language", "title"]]      # doctest: +SKIP
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from vnpe.clean import CleanResult, clean_text, line_records
from vnpe.parallel import cpu_workers, pmap, shared
from vnpe.text import nfc

ARTICLE_COLUMNS = [
    "doc_id", "path", "encoding", "status", "message", "language", "title", "date", "date_partial",
    "place", "byline", "agency", "outlet", "n_lines", "n_kept", "n_chars_raw", "n_chars_clean", "text", "raw",
    "para_lines", "line_info",
]
ARTICLE_CSV_COLUMNS = [c for c in ARTICLE_COLUMNS if c not in ("raw", "para_lines", "line_info")]

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


class CorpusNotFound(Exception):
    """The corpus folder does not exist or holds no ``*.txt`` file."""


class BadFileWarning(UserWarning):
    """A file of the corpus could not be read as text without loss; its row says what happened."""


@dataclass(frozen=True)
class Decoded:
    """The outcome of decoding one file."""

    text: str
    encoding: str
    status: str = "ok"
    message: str = ""


def decode_bytes(data: bytes, legacy_encoding: str | None = None) -> Decoded:
    """Decode a file's bytes (see the module docstring for the order of attempts).

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
    if b"\x00" in data:
        return Decoded("", "", "binary", "NUL bytes and no byte-order mark: not a text file")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
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


def _decode_legacy(data: bytes) -> Decoded:
    # charset-normalizer is the maintained detector; we never guess code pages by hand.
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches or matches[0].encoding is None:
        return Decoded("", "", "undecodable", "not UTF-8, and no text encoding fits the bytes (binary?)")
    # charset-normalizer ranks by "chaos" (mess in the decoded text); code pages of one family often tie
    # or nearly tie on it (cp1252 vs cp1257 on Western text). Among the near-best we prefer, as browsers
    # do (WHATWG's windows-1252 default), the code pages news sites in this corpus's languages used.
    near = [m for m in matches if m.chaos <= matches[0].chaos + CHAOS_MARGIN]
    best = matches[0]
    for pref in PREFERRED_LEGACY:
        chosen = next((m for m in near if m.encoding == pref or pref in m.could_be_from_charset), None)
        if chosen is not None:
            best = chosen
            break
    best_encoding = pref if chosen is not None else best.encoding
    try:
        text = data.decode(best_encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        return Decoded("", best_encoding, "undecodable", f"detected {best_encoding}, but decoding failed: {exc}")
    if any(ord(c) < 32 and c not in "\t\n\r\f\v" for c in text):
        return Decoded("", best_encoding, "binary", "control characters in the text: not a text file")
    return Decoded(text, best_encoding)


def iter_files(root: Path) -> list[Path]:
    """Every ``*.txt`` file below ``root`` (recursive), sorted by relative path for a stable order."""
    files = [p for p in root.rglob("*") if p.suffix.lower() == ".txt" and p.is_file()]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def doc_id_for(path: Path, root: Path) -> str:
    """Path relative to the corpus folder, without ``.txt``, with ``/`` separators (NFC)."""
    rel = path.relative_to(root).as_posix()
    return nfc(rel[: -len(path.suffix)] if path.suffix else rel)


def article_row(doc_id: str, path: str, decoded: Decoded) -> dict:
    """One row of the articles table from a decoded file (cleaning included)."""
    raw = nfc(decoded.text)
    result: CleanResult = clean_text(raw)
    meta = result.meta
    return {
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
        "n_lines": len(result.lines),
        "n_kept": sum(line.kept for line in result.lines),
        "n_chars_raw": len(raw),
        "n_chars_clean": len(result.text),
        "text": result.text,
        "raw": raw,
        "para_lines": tuple(line_no for line_no, _ in result.paragraphs),
        "line_info": line_records(result.lines),
    }


def load_corpus(
    path: str | os.PathLike,
    *,
    progress: bool | None = None,
    warn: bool = True,
    encoding: str | None = None,
    n_jobs: int | None = None,
    keep_raw: bool = True,
) -> pd.DataFrame:
    """Load and clean every ``*.txt`` below ``path``: one row per article (columns: README, *articles*).

    ``progress`` shows a tqdm bar (default: only when stderr is a terminal and the corpus is large).
    ``warn`` emits a :class:`BadFileWarning` naming each file that was not read cleanly.
    ``encoding`` names the legacy encoding of files that are neither UTF-8 nor carry a byte-order mark
    (default: detected per file by charset-normalizer, which can hesitate on short texts).
    ``n_jobs`` processes clean in parallel (``-1``: one per core; default: one per core for corpora of
    ``PARALLEL_MIN`` files or more, else 1); the result is the same whatever the number.
    ``keep_raw=False`` leaves the ``raw`` column empty to save memory on large corpora (the files stay on
    disk; :func:`vnpe.line_table` needs it).
    Raises :class:`CorpusNotFound` for a missing folder or a folder without ``*.txt`` files.

    >>> articles = load_corpus("seeds")                      # doctest: +SKIP
    >>> articles.loc[0, ["doc_id", "language", "status"]]      # doctest: +SKIP
    """
    root = Path(path)
    if not root.is_dir():
        raise CorpusNotFound(f"vnpe: corpus folder not found: {path}")
    files = iter_files(root)
    if not files:
        raise CorpusNotFound(f"vnpe: no *.txt articles in {path}")
    jobs = _jobs(n_jobs, len(files))
    if jobs == 1:
        results = (_load_one(f, root, encoding, keep_raw) for f in files)
        results = list(_progress(results, progress, len(files)))
    else:
        chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
        mapped = pmap(_load_chunk, chunks, workers=jobs, shared=(root, encoding, keep_raw))
        results = [r for chunk in _progress(mapped, progress, len(chunks), unit="chunk") for r in chunk]
    rows = []
    for row, problem in results:
        if warn and problem:
            warnings.warn(problem, BadFileWarning, stacklevel=2)
        rows.append(row)
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def _jobs(n_jobs: int | None, n_files: int) -> int:
    cores = cpu_workers()
    if n_jobs is None:
        return cores if n_files >= PARALLEL_MIN else 1
    return cores if n_jobs < 1 else n_jobs


def _load_chunk(files: list[Path]) -> list[tuple[dict, str]]:
    root, encoding, keep_raw = shared()
    return [_load_one(f, root, encoding, keep_raw) for f in files]


def _load_one(file: Path, root: Path, encoding: str | None = None, keep_raw: bool = True) -> tuple[dict, str]:
    """One article's row, and the warning to give about its file ("" when it was read cleanly)."""
    rel = nfc(file.relative_to(root).as_posix())
    try:
        decoded = decode_bytes(file.read_bytes(), encoding)
    except OSError as exc:
        decoded = Decoded("", "", "unreadable", f"cannot read the file: {exc.strerror or exc}")
    problem = f"{rel}: {decoded.status}: {decoded.message}" if decoded.status != "ok" else ""
    row = article_row(doc_id_for(file, root), rel, decoded)
    if not keep_raw:
        row["raw"] = row["line_info"] = None
    return row, problem


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
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


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
