"""Readers for every article format a corpus may hold: plain text, saved HTML pages and table exports.

A reader turns one file into one or more :class:`Entry` objects: the text the cleaner will read, the
metadata the file states (which takes precedence over what the cleaner finds), the original source
(the raw HTML of a page, the row of a table as JSON) and the status of the reading, with the same
contract as for ``.txt`` files: a bad file or a bad row still gives an entry whose ``status`` says what
went wrong, with a ``message``, and the loader warns about it.

* ``.txt``: the decoded file (see :func:`vnpe.load.decode_bytes`).
* ``.html`` / ``.htm``: the page's main text and metadata (title, date, url, site name) through
  trafilatura, a maintained extractor; the extracted paragraphs, title first, separated by blank lines,
  then go through vnpe's cleaner like any text; the raw HTML is kept in ``source``.
* ``.jsonl``, ``.csv``, ``.parquet``: one article per row; a ``text`` column, optional ``title``,
  ``date``, ``url``, ``outlet``, ``language`` (and ``id``: used for ``doc_id`` when every row has a
  distinct one). ``doc_id`` is the file's id, ``#`` and the row's id (its 1-based row number otherwise).

Example:
    >>> entries = read_entries_from_text("news.csv", "text,title\\nThe two sides met.,Talks\\n")
    >>> [(e.row, e.text, e.meta["title"]) for e in entries]
    [('1', 'Talks\\n\\nThe two sides met.', 'Talks')]
"""

from __future__ import annotations

import io
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".jsonl", ".csv", ".parquet")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES

# Columns of a table export that vnpe reads (every other column is ignored, and kept in ``source``).
META_COLUMNS = ("title", "date", "url", "outlet", "language")
TEXT_COLUMN = "text"
ID_COLUMNS = ("id", "doc_id")


@dataclass
class Entry:
    """One article read from a file: the text for the cleaner, stated metadata, source and status."""

    text: str
    row: str = ""  # the row id within a table file ("" for a file that is one article)
    meta: dict = field(default_factory=dict)  # stated metadata: title, date, url, outlet, language
    source: str | None = None  # the raw HTML or the row as JSON (None for .txt: the file is the source)
    encoding: str = "utf-8"
    status: str = "ok"
    message: str = ""


def kind(name: str) -> str:
    """``"text"``, ``"html"`` or ``"table"`` for an article file name ("" when it is none of them).

    >>> kind("a.HTM"), kind("b.parquet"), kind("c.docx")
    ('html', 'table', '')
    """
    low = name.lower()
    if low.endswith(TEXT_SUFFIXES):
        return "text"
    if low.endswith(HTML_SUFFIXES):
        return "html"
    if low.endswith(TABLE_SUFFIXES):
        return "table"
    return ""


def read_entries(path: Path, data: bytes, legacy_encoding: str | None = None) -> list[Entry]:
    """Every article of one file, given its bytes (decoding as for ``.txt``, except Parquet)."""
    from vnpe.load import decode_bytes

    name = path.name
    if name.lower().endswith(".parquet"):
        return _parquet_entries(data)
    declared = html_charset(data) if kind(name) == "html" else None
    decoded = decode_bytes(data, legacy_encoding, declared)
    if decoded.status not in ("ok", "lossy", "guessed"):
        return [Entry("", encoding=decoded.encoding, status=decoded.status, message=decoded.message)]
    entries = read_entries_from_text(name, decoded.text)
    for e in entries:
        e.encoding = decoded.encoding
        if decoded.status != "ok" and e.status == "ok":
            e.status, e.message = decoded.status, decoded.message
    return entries


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def html_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a ``<meta>`` tag within its first 4 KB (None if none).

    >>> html_charset(b'<html><head><meta charset="gb2312"><title>x</title>')
    'gb2312'
    >>> html_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    'ISO-8859-1'
    """
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def read_entries_from_text(name: str, text: str) -> list[Entry]:
    """Every article of a decoded file named ``name``."""
    k = kind(name)
    if k == "html":
        return [html_entry(text)]
    if k == "table":
        if name.lower().endswith(".jsonl"):
            return _jsonl_entries(text)
        return _csv_entries(text)
    return [Entry(text)]


# ---------------------------------------------------------------------------------------------------
# HTML


def html_entry(html: str) -> Entry:
    """A saved page's main text and metadata through trafilatura; the raw HTML stays in ``source``.

    >>> e = html_entry("<html><head><title>T</title></head><body><article><h1>Talks in Lima</h1>"
    ...                "<p>The two sides met in Lima on Monday to discuss trade and farming.</p>"
    ...                "<script>alert(1)</script></article></body></html>")
    >>> e.text, e.meta["title"]
    ('Talks in Lima\\n\\nThe two sides met in Lima on Monday to discuss trade and farming.', 'Talks in Lima')
    """
    import trafilatura

    doc = None
    if html.strip():
        doc = trafilatura.bare_extraction(
            # trafilatura's balanced default (not favor_recall): the furniture it lets through costs more
            # than the text it keeps (measured with benchmarks/bench_html.py on trafilatura's own benchmark)
            html, with_metadata=True, include_comments=False, include_tables=True,
            # the page's own date only: no guessing from the text or from the file
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    if doc is None or not (doc.text or "").strip():
        return Entry("", source=html, status="empty", message="no main text found in the page")
    title = strip_site_name((doc.title or "").strip(), doc.sitename, doc.hostname)
    paragraphs = [p.strip() for p in doc.text.splitlines() if p.strip()]
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    meta = {"title": title or None, "date": doc.date or None, "url": doc.url or None,
            "outlet": (doc.sitename or None), "language": None}
    return Entry("\n\n".join(paragraphs), meta=meta, source=html)


_SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ", " · ")


def strip_site_name(title: str, *sites: str | None) -> str:
    """A page title without the site's name that pages append or prepend to it ("Talks in Lima | Andina").

    Only a part that is one of the page's own names (its site name or host name, without "www.") is
    removed, and only when something remains.

    >>> strip_site_name("Talks in Lima | Andina", "Andina")
    'Talks in Lima'
    >>> strip_site_name("NWX Magazin | Vertrauen hilft gegen Stress", "NWX Magazin")
    'Vertrauen hilft gegen Stress'
    >>> strip_site_name("Lima - Peru's capital", "Andina", "andina.pe")
    "Lima - Peru's capital"
    """
    names = {n.casefold().removeprefix("www.") for n in sites if n and n.strip()}
    if not names or not title:
        return title
    for sep in _SITE_SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        if tail.strip().casefold() in names and head.strip():
            return strip_site_name(head.strip(), *names)
        head, _, tail = title.partition(sep)
        if head.strip().casefold() in names and tail.strip():
            return strip_site_name(tail.strip(), *names)
    return title


# ---------------------------------------------------------------------------------------------------
# Tables: JSON Lines, CSV, Parquet


def _cell(value) -> str | None:
    """A cell as a stripped string, or None when it is missing or empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _row_entries(rows: list[dict | None], errors: list[str], columns: list[str]) -> list[Entry]:
    if TEXT_COLUMN not in columns:
        shown = ", ".join(map(str, columns[:10])) or "none"
        return [Entry("", status="unreadable", message=f"no '{TEXT_COLUMN}' column (columns: {shown})")]
    ids = [str(i + 1) for i in range(len(rows))]
    for col in ID_COLUMNS:
        if col in columns:
            vals = [_cell(r.get(col)) if r else None for r in rows]
            if all(vals) and len(set(vals)) == len(vals):
                ids = [str(v) for v in vals]
                break
    entries = []
    for row_id, row, error in zip(ids, rows, errors, strict=True):
        if row is None:
            entries.append(Entry("", row=row_id, status="undecodable", message=error))
            continue
        source = json.dumps({k: _cell(v) for k, v in row.items()}, ensure_ascii=False, sort_keys=True)
        body = _cell(row.get(TEXT_COLUMN))
        meta = {c: _cell(row.get(c)) for c in META_COLUMNS}
        if meta["date"]:
            meta["date"] = _iso_date(meta["date"])
        if not body:
            entries.append(Entry("", row=row_id, meta=meta, source=source, status="empty",
                                 message=f"row {row_id}: the '{TEXT_COLUMN}' cell is empty"))
            continue
        body = body.replace("\r\n", "\n")
        title = meta["title"]
        text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
        entries.append(Entry(text, row=row_id, meta=meta, source=source))
    return entries


def _iso_date(value: str) -> str | None:
    """``YYYY-MM-DD`` of a date cell, or None when it is not a date (never a guess)."""
    import pandas as pd

    try:
        ts = pd.to_datetime(value, errors="coerce", format="ISO8601")
    except (ValueError, TypeError):
        return None
    return None if ts is pd.NaT or pd.isna(ts) else ts.strftime("%Y-%m-%d")


def _jsonl_entries(text: str) -> list[Entry]:
    rows: list[dict | None] = []
    errors: list[str] = []
    columns: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            rows.append(None)
            errors.append(f"line {n}: not valid JSON: {exc.msg}")
            continue
        if not isinstance(obj, dict):
            rows.append(None)
            errors.append(f"line {n}: not a JSON object")
            continue
        rows.append(obj)
        errors.append("")
        columns += [k for k in obj if k not in columns]
    if not rows:
        return [Entry("", status="empty", message="no rows")]
    return _row_entries(rows, errors, columns)


def _csv_entries(text: str) -> list[Entry]:
    import pandas as pd

    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return [Entry("", status="unreadable", message=f"not a readable CSV: {first}")]
    return _frame_entries(df)


def _parquet_entries(data: bytes) -> list[Entry]:
    import pandas as pd

    try:
        df = pd.read_parquet(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many kinds; each is one bad file
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return [Entry("", encoding="", status="unreadable", message=f"not a readable Parquet file: {first}")]
    entries = _frame_entries(df)
    for e in entries:
        e.encoding = "parquet"
    return entries


def _frame_entries(df) -> list[Entry]:
    if df.empty:
        return [Entry("", status="empty", message="no rows")]
    df = df.rename(columns={c: str(c).strip().lower() for c in df.columns})
    rows = [{k: (None if v is None else v) for k, v in r.items()} for r in df.to_dict("records")]
    return _row_entries(rows, [""] * len(rows), list(df.columns))
