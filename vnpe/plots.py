"""Figures for the notebooks and reports: each function draws on a new (or given) Axes and returns it.

Functions take the DataFrames of the other stages, aggregate what is too large to draw row by row
(top-N articles), and never render article text as markup. Colours and orders are fixed so that a
figure is the same on every run.

Example:
    >>> import vnpe, vnpe.plots
    >>> articles = vnpe.load_corpus("seeds")                 # doctest: +SKIP
    >>> ax = vnpe.plots.plot_lengths(articles)               # doctest: +SKIP
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

# One colour per line role, fixed so that charts agree across notebooks and runs.
ROLE_COLORS = {
    "body": "#2b6cb0", "title": "#63b3ed", "duplicate": "#a0aec0", "caption": "#ed8936", "image": "#f6ad55",
    "media": "#9f7aea", "related": "#e53e3e", "prompt": "#d69e2e", "signature": "#38a169",
    "byline": "#68d391", "dateline": "#9ae6b4", "navigation": "#805ad5", "footer": "#718096",
    "boilerplate": "#4a5568", "blank": "#edf2f7",
}


def _short(label: str, width: int = 28) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def plot_lengths(articles: pd.DataFrame, top: int = 30, ax: Axes | None = None) -> Axes:
    """Characters per article before and after cleaning (the ``top`` longest articles)."""
    df = articles.nlargest(top, "n_chars_raw").sort_values("n_chars_raw")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.35 * len(df) + 1.2))
    labels = [_short(d) for d in df["doc_id"]]
    ax.barh(labels, df["n_chars_raw"], color="#cbd5e0", label="raw")
    ax.barh(labels, df["n_chars_clean"], color="#2b6cb0", label="clean body")
    ax.set_xlabel("characters")
    ax.set_title("Length before and after cleaning" + (f" (longest {top})" if len(articles) > top else ""))
    ax.legend(loc="lower right")
    ax.figure.tight_layout()
    return ax


def plot_roles(role_chars: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Stacked bars: characters per line role for each article (a ``vnpe.clean.role_table`` result)."""
    df = role_chars.iloc[::-1]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.35 * len(df) + 1.5))
    left = pd.Series(0.0, index=df.index)
    for role in [r for r in ROLE_COLORS if r in df.columns]:
        ax.barh([_short(str(i)) for i in df.index], df[role], left=left, color=ROLE_COLORS[role], label=role)
        left += df[role]
    ax.set_xlabel("characters")
    ax.set_title("What each article is made of, by line role")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
    ax.figure.tight_layout()
    return ax
