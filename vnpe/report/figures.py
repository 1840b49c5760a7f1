"""The figures a report's index page needs, computed once by the notebooks and handed to the report.

Each notebook already loads, cleans and analyses the corpus; its last cell hands the few numbers the
index shows (size, languages, dates, top areas, duplicate groups) to ``vnpe report`` through a small
JSON file in the folder named by the ``VNPE_REPORT_FIGURES`` environment variable (set by the report for
its kernels). Outside a report (JupyterLab, nbval) the hand-over does nothing, so the notebooks stay
the same. The parent process never loads the corpus or computes areas and pairs itself.

Example:
    >>> import vnpe
    >>> articles = vnpe.articles_from_texts({"a": "Title\\n\\nThe two sides met in Lima on Monday.\\n"})
    >>> corpus_figures(articles)["size"]
    [1, {'ok': 1}]
    >>> hand_to_report("corpus", **corpus_figures(articles)) is None   # no report running: nothing written
    True
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

ENV = "VNPE_REPORT_FIGURES"
KEYS = ("size", "languages", "dates", "areas", "duplicates")


def corpus_figures(articles: pd.DataFrame) -> dict:
    """Size and statuses, languages, and the range of full dates."""
    dates = articles["date"].dropna().astype(str)
    dates = dates[dates != ""].sort_values()
    return {
        "size": [len(articles), {str(k): int(v) for k, v in articles["status"].value_counts().sort_index().items()}],
        "languages": {str(k): int(v) for k, v in articles["language"].fillna("unknown").value_counts().items()},
        "dates": [dates.iloc[0], dates.iloc[-1], len(dates)] if len(dates) else None,
    }


def area_figures(table: pd.DataFrame, top: int = 5) -> dict:
    """The areas present in most articles (``area_table``'s output), at most ``top``."""
    present = table[table["present"].astype(bool)]
    counts = present.groupby("area")["doc_id"].nunique().reset_index()
    counts = counts.sort_values(["doc_id", "area"], ascending=[False, True])
    return {"areas": [[str(a), int(n)] for a, n in counts.itertuples(index=False, name=None)][:top]}


def duplicate_figures(pairs: pd.DataFrame) -> dict:
    """Groups of near-duplicate articles (``pair_table``'s output): how many, and how many articles."""
    import networkx as nx

    dup = pairs[pairs["relation"].astype(str) == "near_duplicate"]
    graph = nx.Graph()
    graph.add_edges_from(zip(dup["doc_a"], dup["doc_b"], strict=True))
    groups = list(nx.connected_components(graph))
    return {"duplicates": [len(groups), sum(len(g) for g in groups)]}


def hand_to_report(name: str, **figures) -> None:
    """Write ``figures`` for the report's index (``$VNPE_REPORT_FIGURES/NAME.json``); nothing outside a
    report. Returns None, so that a notebook cell shows no output."""
    folder = os.environ.get(ENV)
    if not folder:
        return
    unknown = set(figures) - set(KEYS)
    if unknown:
        raise ValueError(f"unknown report figures: {sorted(unknown)}")
    path = Path(folder) / f"{name}.json"
    path.write_text(json.dumps(figures, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def read_figures(folder: str | os.PathLike) -> dict:
    """Every figure handed over in ``folder`` (files in name order; a later one wins)."""
    merged: dict = {}
    for path in sorted(Path(folder).glob("*.json")):
        try:
            merged.update(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return merged
