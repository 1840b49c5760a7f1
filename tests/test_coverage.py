"""Coverage over time (issue 12): every present (article, area) counted once, undated articles kept."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from vnpe.coverage import UNDATED, coverage_over_time, dated_share


def _frames(dates: list[str | None]):
    ids = [f"d{i}" for i in range(len(dates))]
    articles = pd.DataFrame({"doc_id": ids, "date": dates, "language": ["en", "vi"] * (len(ids) // 2) + ["en"] * (len(ids) % 2),
                             "outlet": [None] * len(ids)})
    areas = pd.DataFrame({"doc_id": ids + ids, "area": ["trade"] * len(ids) + ["health"] * len(ids),
                          "present": [True] * len(ids) + [i % 2 == 0 for i in range(len(ids))]})
    return articles, areas


def test_months_quarters_and_undated() -> None:
    articles, areas = _frames(["2024-01-31", "2024-02-01", None, "2024-04-02", "not a date"])
    q = coverage_over_time(articles, areas, freq="Q")
    assert list(q["period"].unique()) == ["2024Q1", "2024Q2", UNDATED]
    m = coverage_over_time(articles, areas, freq="M", by="outlet")
    assert set(m["outlet"]) == {"(not stated)"}
    assert m[m.period == UNDATED]["articles"].sum() == 4  # two undated articles, each with trade and health
    assert dated_share(articles).to_dict() == {"dated": 3, "undated": 2}


dates = st.one_of(st.none(), st.dates(min_value=pd.Timestamp("2000-01-01").date(),
                                      max_value=pd.Timestamp("2030-12-31").date()).map(str))


@given(st.lists(dates, min_size=1, max_size=30), st.sampled_from(["M", "Q"]), st.sampled_from(["language", "outlet"]))
def test_every_present_pair_counted_once(ds, freq, by) -> None:
    articles, areas = _frames(ds)
    table = coverage_over_time(articles, areas, freq=freq, by=by)
    assert table["articles"].sum() == int(areas["present"].sum())
