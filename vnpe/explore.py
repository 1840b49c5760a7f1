"""Explore a corpus interactively in JupyterLab: small ipywidgets views over vnpe's tables.

* :func:`article_explorer`: pick an article, see its lines coloured by role, with the reasons;
* :func:`area_explorer`: pick an area (and a language, a level), browse the sentences that made it present;
* :func:`pair_explorer`: pick a pair of related articles, see the reused passages side by side.

The logic lives in plain functions that return HTML strings or DataFrames (unit-tested, usable without
widgets); the ``*_explorer`` functions only wire them to dropdowns. Article text is untrusted: every piece
is escaped. These views are for JupyterLab; the notebooks that nbval checks and the shared reports stay
static and script-free.

Example:
    >>> import vnpe
    >>> articles = vnpe.articles_from_texts({"a": "Title\\n\\nThe two sides met in Lima on Monday.\\n"})
    >>> "vnpe-role-title" in article_lines_html(vnpe.line_table(articles), "a")
    True
"""

from __future__ import annotations

import html

import pandas as pd

from vnpe.plots import ROLE_COLORS, passages_html

LINES_CSS = "".join(
    f".vnpe-role-{role} {{ border-left: 6px solid {color}; padding-left: 6px; }}" for role, color in ROLE_COLORS.items()
) + ".vnpe-dropped { color: #777; } .vnpe-reason { color: #555; font-size: 85%; margin-left: 1em; }"


def article_lines_html(lines: pd.DataFrame, doc_id: str) -> str:
    """One article's lines (``line_table`` rows) as HTML: a coloured bar per role, dropped lines grey,
    each with its role and reason."""
    rows = lines[lines["doc_id"] == doc_id].sort_values("line_no")
    out = [f"<style>{LINES_CSS}</style>", '<div class="vnpe-lines">']
    for r in rows.itertuples(index=False):
        role = str(r.role) if str(r.role) in ROLE_COLORS else "body"
        cls = f"vnpe-role-{role}" + ("" if r.kept else " vnpe-dropped")
        reason = f" — {html.escape(str(r.reason))}" if isinstance(r.reason, str) and r.reason else ""
        out.append(f'<div class="{cls}">{html.escape(str(r.raw)) or "&nbsp;"}'
                   f'<span class="vnpe-reason">{html.escape(str(r.role))}{reason}</span></div>')
    out.append("</div>")
    return "\n".join(out)


def area_sentences(mentions: pd.DataFrame, area: str, language: str | None = None,
                   counts: bool | None = None) -> pd.DataFrame:
    """The sentences that mention ``area`` (``mention_table`` rows), optionally of one language and only
    those that count (``counts=True``) or not; one row per sentence, with its terms.

    >>> m = pd.DataFrame({"doc_id": ["a", "a", "b"], "para_no": [0, 0, 1], "sent_no": [0, 0, 2],
    ...                   "language": ["en", "en", "vi"], "area": ["trade"] * 3,
    ...                   "term": ["export", "tariff", "xuất khẩu"],
    ...                   "counts": [True, True, False], "reason": ["", "", "negated"], "sentence": ["S1", "S1", "S2"]})
    >>> area_sentences(m, "trade", language="en")[["doc_id", "terms", "sentence"]].values.tolist()
    [['a', 'export, tariff', 'S1']]
    """
    m = mentions[mentions["area"] == area]
    if language:
        m = m[m["language"] == language]
    if counts is not None:
        m = m[m["counts"].astype(bool) == counts]
    keys = ["doc_id", "para_no", "sent_no", "language", "sentence"]
    if m.empty:
        return pd.DataFrame(columns=[*keys, "counts", "terms", "reason"])
    g = m.groupby(keys, sort=True)
    return g.agg(counts=("counts", "max"), terms=("term", lambda t: ", ".join(dict.fromkeys(t))),
                 reason=("reason", lambda r: "; ".join(x for x in dict.fromkeys(r) if x))).reset_index()


def pair_html(articles: pd.DataFrame, passages: pd.DataFrame, doc_a: str, doc_b: str) -> str:
    """Two articles side by side with their shared passages (``passage_table`` rows) highlighted."""
    by_id = articles.set_index("doc_id")
    spans = passages[(passages["doc_a"] == doc_a) & (passages["doc_b"] == doc_b)]
    return passages_html(by_id.loc[doc_a, "text"], by_id.loc[doc_b, "text"], spans,
                         title_a=str(doc_a), title_b=str(doc_b))


# ---------------------------------------------------------------------------------------------------
# Widgets (JupyterLab only)


def _interactive(options: dict, render):
    import ipywidgets as widgets
    from IPython.display import HTML, display

    controls = {name: widgets.Dropdown(options=opts, description=name) for name, opts in options.items()}
    out = widgets.Output()

    def update(_change=None) -> None:
        out.clear_output(wait=True)
        with out:
            result = render(**{k: c.value for k, c in controls.items()})
            display(HTML(result) if isinstance(result, str) else result)

    for c in controls.values():
        c.observe(update, names="value")
    update()
    return widgets.VBox([widgets.HBox(list(controls.values())), out])


def article_explorer(lines: pd.DataFrame):
    """A dropdown of articles and their lines coloured by role (``line_table`` output)."""
    return _interactive({"article": sorted(lines["doc_id"].unique())},
                        lambda article: article_lines_html(lines, article))


def area_explorer(mentions: pd.DataFrame):
    """Dropdowns of area and language; the sentences that mention the area (``mention_table`` output)."""
    langs = [("all", None)] + [(lg, lg) for lg in sorted(mentions["language"].dropna().unique())]
    return _interactive({"area": sorted(mentions["area"].unique()), "language": langs},
                        lambda area, language: area_sentences(mentions, area, language))


def pair_explorer(articles: pd.DataFrame, passages: pd.DataFrame):
    """A dropdown of article pairs that share passages; the two texts side by side."""
    pairs = sorted(set(zip(passages["doc_a"], passages["doc_b"], strict=True)))
    return _interactive({"pair": [(f"{a} / {b}", (a, b)) for a, b in pairs]},
                        lambda pair: pair_html(articles, passages, *pair))
