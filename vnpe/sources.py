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


def _agency(name: str) -> str:
    from vnpe.clean.vocabulary import default_vocabulary

    name = name.strip()
    return default_vocabulary().agency_name(name) or name


def _outlet(name: str) -> str:
    from vnpe.clean.vocabulary import default_vocabulary

    name = name.strip()
    return default_vocabulary().outlet_name(name) or name


def credits(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, credit): doc_id, source, kind (``agency``, ``outlet`` or ``author``).

    Agencies are given their one name from ``vnpe/data/agencies.toml`` (``TTXVN`` and ``Vietnam News
    Agency`` are ``VNA``; extend the file to add aliases), outlets likewise; the byline is the ``author``,
    never a source.

    Example:
        >>> arts = pd.DataFrame({"doc_id": ["a"], "agency": ["TTXVN;VNA"], "byline": ["Tuấn Anh"]})
        >>> credits(arts).values.tolist()
        [['a', 'VNA', 'agency'], ['a', 'Tuấn Anh', 'author']]
    """
    rows = []
    for r in articles.itertuples(index=False):
        agency = getattr(r, "agency", None)
        for a in dict.fromkeys(_agency(a) for a in (agency.split(";") if isinstance(agency, str) else [])
                               if a.strip()):
            rows.append((r.doc_id, a, "agency"))
        outlet = getattr(r, "outlet", None)
        if isinstance(outlet, str) and outlet.strip():
            rows.append((r.doc_id, _outlet(outlet), "outlet"))
        byline = getattr(r, "byline", None)
        if isinstance(byline, str) and byline.strip():
            rows.append((r.doc_id, byline.strip(), "author"))
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
    """One row per article: doc_id, language, agency (canonical names, ``;``-separated), outlet, author,
    sources (agencies and outlet: what the graph draws; never the author), wire group (0 = none), event
    (every article belongs to one: the articles linked as ``same_event`` share it, see
    :func:`event_components`), event_date (ISO), year_from, event_date_shown (a guessed year marked
    ``2024?``) and event_place."""
    from vnpe.events import event_table

    ids = articles["doc_id"].astype(str).tolist()
    wire = components(pairs, ids, pairs["relation"].isin(TEXT_RELATIONS)) if len(pairs) else {}
    event = event_components(pairs, ids)
    cr = credits(articles)

    def joined(kind: str) -> dict:
        sel = cr[cr["kind"] == kind]
        return sel.groupby("doc_id")["source"].agg(lambda s: ";".join(dict.fromkeys(s))).to_dict() if len(sel) else {}

    agency, outlet, author = joined("agency"), joined("outlet"), joined("author")
    ev = event_table(articles)
    return pd.DataFrame({
        "doc_id": ids,
        "language": articles["language"].tolist() if "language" in articles else "",
        "agency": [agency.get(d, "") for d in ids],
        "outlet": [outlet.get(d, "") for d in ids],
        "author": [author.get(d, "") for d in ids],
        "sources": [";".join(x for x in (agency.get(d, ""), outlet.get(d, "")) if x) for d in ids],
        "wire_group": [wire.get(d, 0) for d in ids],
        "event": [event.get(d, 0) for d in ids],
        "event_date": ev["event_date"].tolist(),
        "year_from": ev["year_from"].tolist(),
        "event_date_shown": ev["event_date_shown"].tolist(),
        "event_place": ev["event_place"].tolist(),
    })


def event_components(pairs: pd.DataFrame, doc_ids: list[str]) -> dict[str, int]:
    """The one event grouping of the package: event number of every document (articles linked as
    ``same_event`` by :func:`vnpe.overlap.pair_table`, near-duplicates included, share one; an article
    linked to none has its own)."""
    mask = pairs["same_event"].astype(bool) if len(pairs) else pd.Series(dtype=bool)
    return components(pairs, doc_ids, mask, singletons=True)


def event_groups(articles: pd.DataFrame, pairs: pd.DataFrame | None = None) -> pd.Series:
    """An event label per article (index doc_id) from :func:`event_components`, named after the event's
    date (a guessed year shown as ``2024?``) and place: ``"--11-13 Lima (3 articles)"``; ``?`` where unknown.

    ``pairs`` defaults to :func:`vnpe.overlap.pair_table` of ``articles``. Notebooks 02 and 03 both group
    events so.
    """
    if pairs is None:
        from vnpe.overlap import pair_table

        pairs = pair_table(articles)
    src = source_table(articles, pairs)
    names = {}
    for r in event_summary(src).itertuples(index=False):
        n = r.n_articles
        names[r.event] = f"{r.date or '?'} {r.place or '?'} ({n} article{'' if n == 1 else 's'})"
    return pd.Series([names[e] for e in src["event"]], index=src["doc_id"].tolist(), name="event")


def event_summary(sources: pd.DataFrame) -> pd.DataFrame:
    """One row per event: event, date (the most stated day-precision date of its articles, as a person
    should read it: a guessed year is ``2024?``; a stated year wins over a guessed one), year_from, place,
    n_articles, languages, doc_ids; most reported events first."""
    rows = []
    rank = {"stated": 0, "article date": 1, "": 2}
    for e, g in sources[sources["event"] > 0].groupby("event"):
        dated = g[g["event_date"] != ""]
        date, year_from = "", ""
        if len(dated):
            best = min(rank.get(y, 2) for y in dated["year_from"])
            pick = dated[dated["year_from"].map(lambda y: rank.get(y, 2)) == best]
            date = Counter(pick["event_date_shown"]).most_common(1)[0][0]
            year_from = pick[pick["event_date_shown"] == date]["year_from"].iloc[0]
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
