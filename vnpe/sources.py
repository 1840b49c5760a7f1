"""Sources: which agency each article credits, which articles derive from the same wire copy, and a
graph of articles, sources and events.

* **Credits** come from the loader (``articles.agency``, ``;``-separated, e.g. ``VNA;VNS``, and
  ``byline``).
* **Wire groups** are the connected components of the ``near_duplicate`` and ``reuse`` pairs of
  :func:`vnpe.overlap.pair_table`: articles carrying the same copy.
* **Events** are the connected components of the ``same_event`` pairs, labelled with the event date and
  place most of their articles state (:func:`vnpe.events.event_table`).

Example:
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"], "relation": ["near_duplicate"],
    ...                       "same_event": [True]})
    >>> components(pairs, ["a", "b", "c"], pairs["relation"].isin(["near_duplicate"]))
    {'a': 1, 'b': 1}
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pandas as pd

TEXT_RELATIONS = ("near_duplicate", "reuse")


def credits(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, credited source): doc_id, source, kind (``agency`` or ``byline``)."""
    rows = []
    for r in articles.itertuples(index=False):
        agency = getattr(r, "agency", None)
        for a in (agency.split(";") if isinstance(agency, str) else []):
            if a.strip():
                rows.append((r.doc_id, a.strip(), "agency"))
        byline = getattr(r, "byline", None)
        if isinstance(byline, str) and byline.strip():
            rows.append((r.doc_id, byline.strip(), "byline"))
    return pd.DataFrame(rows, columns=["doc_id", "source", "kind"])


def components(pairs: pd.DataFrame, doc_ids: list[str], mask: pd.Series, singletons: bool = False
               ) -> dict[str, int]:
    """Component number (1-based, ordered by smallest doc_id) of every doc in a component of 2+
    (of every doc when ``singletons``)."""
    g = nx.Graph()
    g.add_nodes_from(doc_ids)
    sel = pairs[mask.to_numpy()] if len(pairs) else pairs
    g.add_edges_from(zip(sel["doc_a"], sel["doc_b"], strict=True))
    comps = sorted((sorted(c) for c in nx.connected_components(g) if singletons or len(c) > 1),
                   key=lambda c: c[0])
    return {d: i + 1 for i, c in enumerate(comps) for d in c}


def source_table(articles: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per article: doc_id, language, credited sources, wire group (0 = none), event (every
    article belongs to one: the articles linked as ``same_event`` share it), event date and place."""
    from vnpe.events import event_table

    ids = articles["doc_id"].astype(str).tolist()
    wire = components(pairs, ids, pairs["relation"].isin(TEXT_RELATIONS)) if len(pairs) else {}
    event = components(pairs, ids, pairs["same_event"].astype(bool) if len(pairs) else pd.Series(dtype=bool),
                       singletons=True)
    cr = credits(articles)
    by_doc = cr.groupby("doc_id")["source"].agg(lambda s: ";".join(dict.fromkeys(s))) if len(cr) else {}
    ev = event_table(articles)
    return pd.DataFrame({
        "doc_id": ids,
        "language": articles["language"].tolist() if "language" in articles else "",
        "sources": [by_doc.get(d, "") if len(cr) else "" for d in ids],
        "wire_group": [wire.get(d, 0) for d in ids],
        "event": [event.get(d, 0) for d in ids],
        "event_date": ev["event_date"].tolist(),
        "year_from": ev["year_from"].tolist(),
        "event_place": ev["event_place"].tolist(),
    })


def event_summary(sources: pd.DataFrame) -> pd.DataFrame:
    """One row per event: event, date (the most stated full date of its articles, else a partial one),
    year_from, place, n_articles, languages, doc_ids; most reported events first."""
    rows = []
    for e, g in sources[sources["event"] > 0].groupby("event"):
        full = g[g["event_date"].str.len() == 10]
        pick = full if len(full) else g[g["event_date"] != ""]
        date, year_from = "", ""
        if len(pick):
            date = Counter(pick["event_date"]).most_common(1)[0][0]
            year_from = pick[pick["event_date"] == date]["year_from"].iloc[0]
        places = Counter(p for p in g["event_place"] if p)
        rows.append((int(e), date, year_from, places.most_common(1)[0][0] if places else "", len(g),
                     ";".join(sorted(set(g["language"].astype(str)))), ";".join(g["doc_id"])))
    out = pd.DataFrame(rows, columns=["event", "date", "year_from", "place", "n_articles", "languages", "doc_ids"])
    return out.sort_values(["n_articles", "event"], ascending=[False, True], kind="stable").reset_index(drop=True)


def overlap_graph(sources: pd.DataFrame, pairs: pd.DataFrame) -> nx.Graph:
    """Graph of articles (``article:ID``), sources (``source:NAME``) and events (``event:N``).

    Edges: article–source (credits), article–event (reports), article–article (near_duplicate / reuse,
    attribute ``relation``).
    """
    g = nx.Graph()
    n_event = sources["event"].value_counts().to_dict()
    for r in sources.itertuples(index=False):
        a = f"article:{r.doc_id}"
        g.add_node(a, kind="article", language=r.language)
        for s in (r.sources.split(";") if r.sources else []):
            g.add_node(f"source:{s}", kind="source")
            g.add_edge(a, f"source:{s}", relation="credits")
        if r.event and n_event.get(r.event, 0) > 1:  # events reported by one article only are not drawn
            g.add_node(f"event:{r.event}", kind="event")
            g.add_edge(a, f"event:{r.event}", relation="reports")
    for r in pairs[pairs["relation"].isin(TEXT_RELATIONS)].itertuples(index=False):
        g.add_edge(f"article:{r.doc_a}", f"article:{r.doc_b}", relation=r.relation)
    return g
