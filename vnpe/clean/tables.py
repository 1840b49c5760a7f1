"""The cleaner's results as tables: one row per line, per paragraph, and summaries for the notebooks."""

from __future__ import annotations

import re

import pandas as pd

from vnpe.clean.cleaner import clean_text
from vnpe.clean.lines import KEPT_ROLES, ROLES, Line

LINE_COLUMNS = ["doc_id", "line_no", "raw", "eol", "text", "kept", "role", "reason", "cuts"]


def line_records(lines: list[Line]) -> list[tuple]:
    """What a load keeps of each line to rebuild the line table without cleaning again:
    ``(role, reason, text, cuts)`` per line (``raw`` and ``eol`` come back from the raw text)."""
    return [(ln.role, ln.reason, ln.text if ln.role in KEPT_ROLES else "", _cuts(ln) if ln.cuts else "")
            for ln in lines]


def _cuts(ln: Line) -> str:
    if not ln.cuts:
        return ""
    return ";".join(f"{kind}:{a}-{b}" for a, b, kind in sorted(ln.cuts))


def line_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per line of every article (columns ``LINE_COLUMNS``).

    The roles decided when the corpus was loaded (``articles.line_info``) are reused; articles without them
    are cleaned from ``articles.raw``. ``cuts`` lists the spans cut out of a kept line's ``text`` (an outlet
    tag, a dateline, an inline credit) as ``kind:start-end`` offsets into the normalised line.

    >>> from vnpe.load import articles_from_texts
    >>> line_table(articles_from_texts({"a": "Title\\n\\nBody."})).role.tolist()
    ['title', 'blank', 'body']
    """
    from vnpe.text import split_lines

    rows = []
    infos = articles["line_info"] if "line_info" in articles.columns else [None] * len(articles)
    for doc_id, raw, info in zip(articles["doc_id"], articles["raw"], infos, strict=True):
        if raw is None:
            raise ValueError("line_table needs the raw text: load the corpus with keep_raw=True")
        if info is None:
            info = line_records(clean_text(raw).lines)
        for no, ((line, eol), (role, reason, text, cuts)) in enumerate(zip(split_lines(raw), info, strict=True), 1):
            rows.append((doc_id, no, line, eol, text, role in KEPT_ROLES, role, reason, cuts))
    return pd.DataFrame(rows, columns=LINE_COLUMNS)


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of an article's clean ``text`` (kept body paragraphs joined by blank lines).

    >>> split_paragraphs("First paragraph.\\n\\nSecond one.")
    ['First paragraph.', 'Second one.']
    """
    if not isinstance(text, str) or not text.strip():
        return []
    return [p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


def paragraphs(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per kept body paragraph: ``doc_id``, ``para_no`` (0-based), ``line_no``, ``language``, ``text``.

    >>> from vnpe.load import articles_from_texts
    >>> paragraphs(articles_from_texts({"a": "Title\\n\\nFirst paragraph.\\n\\nSecond one."})).text.tolist()
    ['First paragraph.', 'Second one.']
    """
    rows = []
    if "para_lines" in articles.columns:  # as loaded: the clean text holds the paragraphs already
        for doc_id, text, lang, nos in zip(articles["doc_id"], articles["text"], articles["language"],
                                           articles["para_lines"], strict=True):
            rows.extend((doc_id, no, line_no, lang, t) for no, (line_no, t) in enumerate(
                zip(nos, split_paragraphs(text), strict=True)))
    else:
        for doc_id, raw, lang in zip(articles["doc_id"], articles["raw"], articles["language"], strict=True):
            for no, (line_no, text) in enumerate(clean_text(raw).paragraphs):
                rows.append((doc_id, no, line_no, lang, text))
    return pd.DataFrame(rows, columns=["doc_id", "para_no", "line_no", "language", "text"])


def role_table(lines: pd.DataFrame, top: int = 30) -> pd.DataFrame:
    """Characters per role (columns) for each article (rows): the ``top`` articles with most removed text.

    >>> from vnpe.load import articles_from_texts
    >>> role_table(line_table(articles_from_texts({"a": "Title\\n\\nBody.\\nSee more"}))).columns.tolist()
    ['title', 'body', 'related']
    """
    chars = lines.assign(chars=lines["raw"].str.len())
    table = chars.pivot_table(index="doc_id", columns="role", values="chars", aggfunc="sum", fill_value=0)
    table = table[[r for r in ROLES if r in table.columns and r != "blank"]]
    removed = table.drop(columns=[c for c in KEPT_ROLES if c in table.columns]).sum(axis=1)
    order = removed.sort_values(ascending=False, kind="stable").index[:top]
    table = table.loc[order]
    table.columns.name = None
    return table


def role_counts(lines: pd.DataFrame) -> pd.DataFrame:
    """Lines, characters and articles per role, kept roles first: ``role``, ``kept``, ``lines``, ``chars``,
    ``articles``.

    >>> from vnpe.load import articles_from_texts
    >>> role_counts(line_table(articles_from_texts({"a": "Title\\n\\nBody.\\nSee more"})))["role"].tolist()
    ['title', 'body', 'related']
    """
    df = lines[lines["role"] != "blank"].assign(chars=lines["raw"].str.len())
    out = df.groupby("role").agg(lines=("line_no", "size"), chars=("chars", "sum"), articles=("doc_id", "nunique"))
    out = out.reindex([r for r in ROLES if r in out.index]).reset_index()
    out.insert(1, "kept", out["role"].isin(KEPT_ROLES))
    return out.sort_values("kept", ascending=False, kind="stable").reset_index(drop=True)


def removal_reasons(lines: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """The most frequent reasons for dropping a line: ``role``, ``reason``, ``lines``, ``articles``."""
    dropped = lines[~lines["kept"] & (lines["role"] != "blank")].copy()
    dropped["reason"] = dropped["reason"].str.replace(r"\d+", "N", regex=True).str.replace(
        r"\(.*\)$", "", regex=True).str.strip()
    out = (dropped.groupby(["role", "reason"]).agg(lines=("line_no", "size"), articles=("doc_id", "nunique"))
           .reset_index().sort_values(["lines", "role"], ascending=[False, True], kind="stable"))
    return out.head(top).reset_index(drop=True)


def show_lines(lines: pd.DataFrame, doc_id: str, width: int = 90) -> pd.DataFrame:
    """One article line by line: ``line_no``, ``role``, ``kept``, ``reason`` and the line (shortened)."""
    df = lines[(lines["doc_id"] == doc_id) & (lines["role"] != "blank")]
    short = df["raw"].map(lambda s: s if len(s) <= width else s[: width - 1] + "…")
    return pd.DataFrame({"line": df["line_no"].to_numpy(), "role": df["role"].to_numpy(),
                         "kept": df["kept"].to_numpy(), "reason": df["reason"].to_numpy(),
                         "text": short.to_numpy()})
