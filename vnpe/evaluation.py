"""Scoring the cleaner against articles labelled line by line by reading (the development sets in
``tests/data/devset_clean/``, or your own in the same format).

A labelled article is ``<id>.txt`` (the text as obtained) beside ``<id>.json``::

    {"id": "vi_sport_03", "language": "vi", "desk": "sport", "source": {...},
     "fields": {"title": "...", "byline": "", "agency": "VNA", "place": "", "date": "", "date_partial": "",
                "outlet": ""},
     "lines": [[1, "title", ""], [3, "story", "heading"], [5, "furniture", "caption"], ...]}

Every non-blank line has one entry: ``title`` and ``story`` lines should be kept, ``furniture`` dropped.

Example:
    >>> scores = score_folder("tests/data/devset_clean")   # doctest: +SKIP
    >>> scores.summary                                     # doctest: +SKIP
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from vnpe.clean import clean_text
from vnpe.clean.vocabulary import default_vocabulary
from vnpe.load import decode_bytes
from vnpe.text import strip_diacritics

FIELDS = ("title", "byline", "agency", "place", "date", "date_partial", "outlet")


@dataclass
class Scores:
    """Line-level and field-level results of one scoring run."""

    lines: pd.DataFrame  # one row per labelled line: id, language, line_no, label, note, role, kept, chars
    fields: pd.DataFrame  # one row per (article, field): id, language, field, expected, got, correct
    articles: list[str] = field(default_factory=list)

    def summary(self, by: str | None = "language") -> pd.DataFrame:
        """Story kept (by lines and characters), furniture dropped, and each field's accuracy."""
        groups = [("all", self.lines, self.fields)]
        if by:
            groups += [(k, g, self.fields[self.fields[by] == k]) for k, g in self.lines.groupby(by)]
        rows = []
        for name, lines, fields in groups:
            story = lines[lines["label"] != "furniture"]
            furn = lines[lines["label"] == "furniture"]
            row = {
                "set": name,
                "articles": lines["id"].nunique(),
                "story lines": len(story),
                "story kept (lines)": story["kept"].mean() if len(story) else float("nan"),
                "story kept (chars)": (story["chars"] * story["kept"]).sum() / max(1, story["chars"].sum()),
                "furniture lines": len(furn),
                "furniture dropped": (~furn["kept"]).mean() if len(furn) else float("nan"),
            }
            for f in FIELDS:
                sel = fields[fields["field"] == f]
                row[f] = sel["correct"].mean() if len(sel) else float("nan")
            rows.append(row)
        return pd.DataFrame(rows).set_index("set")


def _norm(field_name: str, value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = unicodedata.normalize("NFC", str(value)).strip()
    if field_name == "agency":
        v = default_vocabulary()
        names = [v.agency_name(p) or p for p in text.replace(",", ";").split(";") if p.strip()]
        return ";".join(sorted({n.casefold() for n in names}))
    if field_name == "outlet":
        v = default_vocabulary()
        return (v.outlet_name(text) or text).casefold()
    if field_name == "byline":  # titles before a name are not part of it: "BS. Lê Anh Tiến" = "Lê Anh Tiến"
        from vnpe.clean.context import _HONORIFIC

        text = _HONORIFIC.sub("", text)
    if field_name == "place":
        return strip_diacritics(text).casefold()
    return " ".join(text.split()).casefold().strip(" .")


def score_article(txt: Path, label: dict) -> tuple[list[dict], list[dict]]:
    """Score one labelled article: its line rows and field rows (see :class:`Scores`)."""
    raw = decode_bytes(txt.read_bytes()).text
    result = clean_text(unicodedata.normalize("NFC", raw))
    by_no = {ln.line_no: ln for ln in result.lines}
    lang = label.get("language", "")
    rows = []
    for no, lab, note in label["lines"]:
        ln = by_no.get(no)
        if ln is None:
            raise ValueError(f"{txt.name}: labelled line {no} is not in the text")
        rows.append({"id": label["id"], "language": lang, "desk": label.get("desk", ""), "line_no": no,
                     "label": lab, "note": note, "role": ln.role, "kept": ln.kept, "chars": len(ln.norm),
                     "reason": ln.reason, "line": ln.norm[:120]})
    meta = result.meta
    frows = []
    for f in FIELDS:
        expected = _norm(f, label.get("fields", {}).get(f, ""))
        got = _norm(f, getattr(meta, f, None))
        frows.append({"id": label["id"], "language": lang, "field": f, "expected": expected, "got": got,
                      "correct": expected == got})
    return rows, frows


def score_folder(folder: str | Path) -> Scores:
    """Score every labelled article below ``folder`` (``*.json`` with a ``.txt`` beside it)."""
    rows: list[dict] = []
    frows: list[dict] = []
    ids = []
    for js in sorted(Path(folder).rglob("*.json")):
        label = json.loads(js.read_text("utf-8"))
        if "lines" not in label:
            continue
        r, f = score_article(js.with_suffix(".txt"), label)
        rows += r
        frows += f
        ids.append(label["id"])
    return Scores(pd.DataFrame(rows), pd.DataFrame(frows), ids)
