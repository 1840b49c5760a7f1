"""Coverage over time: how many articles name each cooperation area, by month or quarter, per language or
outlet. Undated articles are counted in a period of their own ("undated"), never dropped.

Example:
    >>> import pandas as pd
    >>> articles = pd.DataFrame({"doc_id": ["a", "b", "c"], "date": ["2024-01-05", "2024-02-10", None],
    ...                          "language": ["en", "vi", "en"], "outlet": [None, "VnExpress", None]})
    >>> areas = pd.DataFrame({"doc_id": ["a", "b", "c"], "area": ["trade", "trade", "health"],
    ...                       "present": [True, True, True]})
    >>> coverage_over_time(articles, areas, freq="Q").to_dict("records")[0]
    {'period': '2024Q1', 'language': 'en', 'area': 'trade', 'articles': 1}
"""

from __future__ import annotations

import pandas as pd

UNDATED = "undated"


def article_periods(articles: pd.DataFrame, freq: str = "Q") -> pd.Series:
    """Each article's period (``2024Q1`` or ``2024-01``), or ``"undated"``, indexed by doc_id."""
    dates = pd.to_datetime(articles["date"], errors="coerce", format="ISO8601")
    periods = dates.dt.to_period(freq).astype(str).where(dates.notna(), UNDATED)
    return pd.Series(periods.to_numpy(), index=articles["doc_id"].to_numpy(), name="period")


def coverage_over_time(articles: pd.DataFrame, areas: pd.DataFrame, freq: str = "Q",
                       by: str = "language") -> pd.DataFrame:
    """Articles that name each area, per period and per ``by`` (``language`` or ``outlet``).

    Columns ``period``, ``by``, ``area``, ``articles``; an empty outlet is ``"(not stated)"``; undated
    articles form the period ``"undated"`` (sorted last).
    """
    periods = article_periods(articles, freq)
    groups = articles.set_index("doc_id")[by].fillna("(not stated)").replace("", "(not stated)")
    present = areas[areas["present"].astype(bool)][["doc_id", "area"]].drop_duplicates()
    df = present.assign(period=present["doc_id"].map(periods), **{by: present["doc_id"].map(groups)})
    out = df.groupby(["period", by, "area"]).size().rename("articles").reset_index()
    out["_undated"] = out["period"] == UNDATED
    out = out.sort_values(["_undated", "period", by, "articles", "area"], ascending=[True, True, True, False, True])
    return out.drop(columns="_undated").reset_index(drop=True)


def dated_share(articles: pd.DataFrame) -> pd.Series:
    """How many articles state a full date and how many do not.

    >>> dated_share(pd.DataFrame({"doc_id": ["a", "b"], "date": ["2024-01-05", None]})).to_dict()
    {'dated': 1, 'undated': 1}
    """
    dated = int(pd.to_datetime(articles["date"], errors="coerce", format="ISO8601").notna().sum())
    return pd.Series({"dated": dated, UNDATED: len(articles) - dated}, name="articles")
