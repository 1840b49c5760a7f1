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


# ---------------------------------------------------------------------------------------------- areas


def plot_area_heatmap(table: pd.DataFrame, value: str = "score", top: int = 40, ax: Axes | None = None) -> Axes:
    """Heatmap article x area of a ``vnpe.areas.area_table`` (``value``: score or n_mentions).

    With more than ``top`` articles, the ``top`` ones with the highest total are drawn.
    """
    from vnpe.areas import area_matrix

    m = area_matrix(table, value).astype(float)
    n_all = len(m)
    if n_all > top:
        m = m.loc[m.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]]
    if ax is None:
        _, ax = plt.subplots(figsize=(0.55 * m.shape[1] + 3.5, 0.32 * len(m) + 2.2))
    im = ax.imshow(m.to_numpy(), aspect="auto", cmap="Blues", vmin=0)
    ax.set_xticks(range(m.shape[1]), [_short(str(c), 24) for c in m.columns], rotation=60, ha="right")
    ax.set_yticks(range(len(m)), [_short(str(i)) for i in m.index])
    ax.figure.colorbar(im, ax=ax, label=value.replace("_", " "))
    ax.set_title(f"Cooperation areas per article ({value.replace('_', ' ')})"
                 + (f", top {top} of {n_all}" if n_all > top else ""))
    ax.figure.tight_layout()
    return ax


LEVEL_COLORS = {"none": "#ffffff", "mentioned": "#90cdf4", "main": "#2c5282"}


def plot_area_levels(table: pd.DataFrame, first: list[str] | None = None, top: int = 40,
                     ax: Axes | None = None) -> Axes:
    """Article x area grid of levels (white = none, light = mentioned, dark = main subject).

    Areas in ``first`` (the named areas) come first, separated by a line, then the others in taxonomy
    order. With more than ``top`` articles, those with the most main, then mentioned areas in ``first``
    (then in all areas) are drawn. Each area has its own column, so a frequent area does not wash out
    the others as a shared colour scale would.
    """
    from matplotlib.colors import ListedColormap

    from vnpe.areas import level_matrix

    m = level_matrix(table)
    first = [a for a in (first or []) if a in m.columns]
    m = m[first + [a for a in m.columns if a not in first]]
    n_all = len(m)
    if n_all > top:
        key = m[first].sum(axis=1) * 100 + m.sum(axis=1) if first else m.sum(axis=1)
        m = m.loc[key.sort_values(ascending=False, kind="stable").index[:top]]
    if ax is None:
        _, ax = plt.subplots(figsize=(0.55 * m.shape[1] + 3.5, 0.32 * len(m) + 2.4))
    cmap = ListedColormap([LEVEL_COLORS["none"], LEVEL_COLORS["mentioned"], LEVEL_COLORS["main"]])
    ax.imshow(m.to_numpy(), aspect="auto", cmap=cmap, vmin=0, vmax=2, interpolation="nearest")
    ax.set_xticks(range(m.shape[1]), [_short(str(c), 24) for c in m.columns], rotation=60, ha="right")
    ax.set_yticks(range(len(m)), [_short(str(i)) for i in m.index])
    ax.set_xticks([x - 0.5 for x in range(1, m.shape[1])], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(m))], minor=True)
    ax.grid(which="minor", color="#e2e8f0", linewidth=0.6)
    ax.tick_params(which="minor", length=0)
    if first and len(first) < m.shape[1]:
        ax.axvline(len(first) - 0.5, color="#1a202c", linewidth=1.5)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(facecolor=LEVEL_COLORS[k], edgecolor="#a0aec0", label=k) for k in ("main", "mentioned")],
              loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
    ax.set_title("Areas per article: main subject or mentioned"
                 + (f" (top {top} of {n_all})" if n_all > top else ""))
    ax.figure.tight_layout()
    return ax


def plot_area_shares(profile: pd.DataFrame, by: str = "language", ax: Axes | None = None) -> Axes:
    """Grouped bars: share of the articles of each group (a ``vnpe.areas.area_profile`` result) that
    mention each area, with the share whose main subject it is drawn darker inside."""
    order = list(dict.fromkeys(profile["area"]))
    wide = profile.pivot(index="area", columns=by, values="share_present").reindex(order)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.32 * len(wide) * max(1, len(wide.columns) / 2) + 1.5))
    colors = ["#90cdf4", "#fbd38d", "#9ae6b4", "#d6bcfa", "#feb2b2", "#cbd5e0"][: len(wide.columns)]
    wide.iloc[::-1].plot.barh(ax=ax, width=0.8, color=colors)
    if "share_main" in profile.columns:
        # the darker inner part of each bar: articles whose main subject the area is
        main = profile.pivot(index="area", columns=by, values="share_main").reindex(order)
        dark = ["#2c5282", "#c05621", "#276749", "#553c9a", "#c53030", "#4a5568"][: len(main.columns)]
        n = len(main.columns)
        for j, col in enumerate(main.columns):
            ys = [i - 0.4 + 0.8 * (j + 0.5) / n for i in range(len(main))]
            ax.barh(ys, main[col].iloc[::-1], height=0.8 / n * 0.6, color=dark[j], label=f"{col} (main subject)")
    ax.set_xlabel("share of articles: light = mentioned or main, dark = main subject")
    ax.set_xlim(0, 1)
    ax.set_ylabel("")
    ax.set_title(f"Areas covered, by {by}")
    ax.legend(title=by, loc="lower right")
    ax.figure.tight_layout()
    return ax


def plot_cluster_languages(clusters: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Stacked bars: English and Vietnamese paragraphs in each topic cluster (a
    ``TopicModel.cluster_table`` result)."""
    df = clusters.iloc[::-1]
    labels = [_short(f"{c}: {lab}", 40) for c, lab in zip(df["cluster"], df["label"], strict=True)]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.4 * len(df) + 1.5))
    ax.barh(labels, df["n_en"], color="#2b6cb0", label="English")
    ax.barh(labels, df["n_vi"], left=df["n_en"], color="#ed8936", label="Vietnamese")
    ax.set_xlabel("paragraphs")
    ax.set_title("Topic clusters and the languages of their paragraphs")
    ax.legend(loc="lower right")
    ax.figure.tight_layout()
    return ax


# ------------------------------------------------------------------------------ source overlap (issue 4)
RELATION_COLORS = {"near_duplicate": "#c53030", "reuse": "#dd6b20", "same_event": "#2b6cb0",
                   "unrelated": "#a0aec0"}
NODE_COLORS = {"article": "#2b6cb0", "source": "#38a169", "event": "#d69e2e"}


def plot_similarity_heatmap(pairs: pd.DataFrame, doc_ids: list[str], value: str = "jaccard", top: int = 30,
                            ax: Axes | None = None) -> Axes:
    """Pairwise ``value`` (Jaccard by default) between ``top`` articles; ``*`` marks same-event pairs.

    The selection takes the articles of exact duplicates (Jaccard 1) first, then those of the most similar
    pairs, then the most connected articles, so that wire copies re-run verbatim are always shown.
    """
    import numpy as np

    deg = pd.concat([pairs["doc_a"], pairs["doc_b"]]).value_counts() if len(pairs) else pd.Series(dtype=int)
    best: dict[str, float] = {}
    for a, b, v in zip(pairs["doc_a"], pairs["doc_b"], pairs["jaccard"], strict=True) if len(pairs) else ():
        best[a] = max(best.get(a, 0.0), float(v))
        best[b] = max(best.get(b, 0.0), float(v))
    order = sorted(doc_ids, key=lambda d: (-(best.get(d, 0.0) >= 0.999), -best.get(d, 0.0), -int(deg.get(d, 0)),
                                           d))[:top]
    order = sorted(order)
    pos = {d: i for i, d in enumerate(order)}
    m = np.eye(len(order))
    marks = []
    for r in pairs.itertuples(index=False):
        if r.doc_a in pos and r.doc_b in pos:
            i, j = pos[r.doc_a], pos[r.doc_b]
            m[i, j] = m[j, i] = getattr(r, value)
            if r.same_event:
                marks.append((i, j))
    if ax is None:
        size = 0.3 * len(order) + 3
        _, ax = plt.subplots(figsize=(size + 1, size))
    im = ax.imshow(m, vmin=0, vmax=1, cmap="Reds")
    labels = [_short(d, 22) for d in order]
    ax.set_xticks(range(len(order)), labels, rotation=90)
    ax.set_yticks(range(len(order)), labels)
    for i, j in marks:
        for a, b in ((i, j), (j, i)):
            ax.text(b, a, "*", ha="center", va="center", color="#2b6cb0", fontsize=12)
    ax.figure.colorbar(im, ax=ax, label=value)
    ax.set_title(f"{value} of word 5-grams (* = same event)")
    ax.figure.tight_layout()
    return ax


# The classes passages_html uses. Shipped with its output (for JupyterLab) and in the report template's
# own stylesheet: the report's sanitiser keeps class names but drops inline style="" it cannot check.
PASSAGES_CSS = (
    "table.vnpe-passages td { vertical-align: top; width: 50%; padding: 6px; font-size: 12px; "
    "text-align: left; }\n"
    "mark.vnpe-passage { background-color: #fed7aa; }\n"
)


def passages_html(text_a: str, text_b: str, spans: pd.DataFrame, title_a: str = "A", title_b: str = "B") -> str:
    """Two articles side by side with their shared passages highlighted, as an HTML string.

    ``spans`` has start_a, end_a, start_b, end_b (a ``passage_table`` selection for one pair). Article
    text is untrusted: every piece is passed through ``html.escape`` before the ``<mark>`` tags are added.
    Colours and layout come from classes (``vnpe-passages``, ``vnpe-passage``) styled by
    :data:`PASSAGES_CSS`, which the output carries in a ``<style>`` element of its own.

    >>> spans = pd.DataFrame({"start_a": [0], "end_a": [4], "start_b": [6], "end_b": [10]})
    >>> 'class="vnpe-passage"' in passages_html("Lima talks", "Talks Lima", spans)
    True
    """
    import html

    def marked(text: str, ranges: list[tuple[int, int, int]]) -> str:
        out, pos = [], 0
        for s, e, k in sorted(ranges):
            if s < pos:
                s = pos
            if s >= e:
                continue
            out.append(html.escape(text[pos:s]))
            out.append(f'<mark class="vnpe-passage" title="passage {k}">{html.escape(text[s:e])}</mark>')
            pos = e
        out.append(html.escape(text[pos:]))
        return "".join(out).replace("\n\n", "<br><br>")

    ra = [(int(r.start_a), int(r.end_a), k + 1) for k, r in enumerate(spans.itertuples(index=False))]
    rb = [(int(r.start_b), int(r.end_b), k + 1) for k, r in enumerate(spans.itertuples(index=False))]
    return (f"<style>{PASSAGES_CSS}</style>"
            f'<table class="vnpe-passages"><tr><th>{html.escape(title_a)}</th><th>{html.escape(title_b)}</th>'
            f"</tr><tr><td>{marked(text_a, ra)}</td><td>{marked(text_b, rb)}</td></tr></table>")


LABEL_MAX_NODES = 40  # past this many nodes drawn, the graph has no node labels (they would overlap)


def plot_overlap_graph(graph, max_nodes: int = 60, ax: Axes | None = None) -> Axes:
    """Draw the graph of articles, sources and events (``vnpe.sources.overlap_graph``); a fixed seed.

    At most ``max_nodes`` nodes (the best connected) are drawn; past :data:`LABEL_MAX_NODES` nodes the labels
    are omitted and the title says so.
    """
    import networkx as nx

    g = graph
    if g.number_of_nodes() > max_nodes:  # keep the best connected nodes
        keep = sorted(g.nodes, key=lambda n: (-g.degree(n), n))[:max_nodes]
        g = g.subgraph(keep)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))
    nodes = sorted(g.nodes)
    pos = nx.spring_layout(g.subgraph(nodes), seed=0)
    colors = [NODE_COLORS.get(g.nodes[n].get("kind", "article"), "#718096") for n in nodes]
    edge_colors = [RELATION_COLORS.get(d.get("relation"), "#cbd5e0") for _, _, d in g.edges(data=True)]
    nx.draw_networkx_edges(g, pos, ax=ax, edge_color=edge_colors, width=1.5)
    nx.draw_networkx_nodes(g, pos, nodelist=nodes, node_color=colors, node_size=220, ax=ax)
    if len(nodes) <= LABEL_MAX_NODES:
        labels = {n: n.replace(":", " ") if n.startswith("event:") else _short(n.split(":", 1)[1], 14)
                  for n in nodes}
        nx.draw_networkx_labels(g, pos, labels=labels, font_size=7, ax=ax)
    for kind, c in NODE_COLORS.items():
        ax.scatter([], [], color=c, label=kind)
    for rel in ("near_duplicate", "reuse"):
        ax.plot([], [], color=RELATION_COLORS[rel], label=rel)
    ax.legend(loc="best", fontsize=8)
    ax.set_axis_off()
    shown = f"{len(nodes)} best connected of {graph.number_of_nodes()} nodes" if len(nodes) < graph.number_of_nodes() \
        else f"{len(nodes)} nodes"
    unlabelled = f", labels omitted past {LABEL_MAX_NODES} nodes" if len(nodes) > LABEL_MAX_NODES else ""
    ax.set_title(f"Articles, sources and events ({shown}{unlabelled})", fontsize=10)
    ax.figure.tight_layout()
    return ax


def plot_event_timeline(events: pd.DataFrame, top: int = 30, ax: Axes | None = None) -> Axes:
    """Dated events on a time line (``vnpe.sources.event_summary``: the ``top`` most reported events whose date
    has a day and a year); marker size = number of articles. Hollow markers and a ``?`` after the year: the
    year is guessed from the article's own date, not stated with the event date. Undated events are not drawn
    (the title counts them, it does not list them).
    """
    ds = events["date"].fillna("").astype(str)
    dated_mask = ds.str.match(r"^\d{4}\??-\d{2}-\d{2}$")
    n_undated = int((~dated_mask).sum())
    full = events[dated_mask].head(top).assign(day=lambda e: e["date"].str.replace("?", "", regex=False))
    full = full.sort_values("day", kind="stable")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * max(len(full), 1) + 1.8))
    dates = pd.to_datetime(full["day"])
    labels = [f"event {e}: {p or '?'} ({d})" for e, p, d in zip(full["event"], full["place"], full["date"],
                                                                 strict=True)]
    guessed = full["date"].str.contains("?", regex=False).to_numpy()
    sizes = 60 * full["n_articles"].to_numpy()
    ax.scatter(dates[~guessed], [lab for lab, i in zip(labels, guessed, strict=True) if not i],
               s=sizes[~guessed], color="#d69e2e", zorder=3, label="year stated")
    ax.scatter(dates[guessed], [lab for lab, i in zip(labels, guessed, strict=True) if i],
               s=sizes[guessed], facecolors="none", edgecolors="#d69e2e", zorder=3, label="year guessed (2024?)")
    for d, lab, n in zip(dates, labels, full["n_articles"], strict=True):
        ax.annotate(f"{n} article{'s' if n > 1 else ''}", (d, lab), textcoords="offset points", xytext=(8, 6),
                    fontsize=8)
    ax.set_xlabel("event date")
    title = f"Dated events ({len(full)} shown"
    title += f"; {n_undated} without a day and year not drawn)" if n_undated else ")"
    ax.set_title(title, fontsize=10)
    if len(full):
        ax.legend(loc="best", fontsize=8)
    ax.margins(x=0.2, y=0.3)
    ax.grid(axis="x", color="#edf2f7")
    ax.figure.autofmt_xdate()
    ax.figure.tight_layout()
    return ax


# ---------------------------------------------------------------------------------------------------
# Alt text: every figure shown in a notebook carries a description of itself (issue 12)


def describe_figure(fig) -> str:
    """A plain-text description of a figure for its alt text: kind, title, axes and first categories.

    >>> fig, ax = plt.subplots()
    >>> _ = ax.barh(["trade", "health"], [3, 1]); _ = ax.set_title("Areas"); _ = ax.set_xlabel("articles")
    >>> describe_figure(fig)
    "Bar chart 'Areas'; x axis: articles; categories: trade, health."
    >>> plt.close(fig)
    """
    parts = []
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text().strip():
        parts.append(suptitle.get_text().strip())
    for ax in fig.axes:
        if not ax.get_visible() or ax.get_label() == "<colorbar>":
            continue
        kind = ("Heat map" if ax.images else "Bar chart" if ax.patches else "Line chart" if ax.lines
                else "Chart")
        title = ax.get_title().strip()
        desc = kind + (f" '{title}'" if title else "")
        labels = [f"{name} axis: {text.strip()}" for name, text in (("x", ax.get_xlabel()), ("y", ax.get_ylabel()))
                  if text.strip()]
        if labels:
            desc += "; " + "; ".join(labels)
        cats = [t.get_text() for t in ax.get_yticklabels() if t.get_text().strip()]
        if not cats or all(c.replace(".", "").replace("−", "").replace("-", "").isdigit() for c in cats):
            cats = [t.get_text() for t in ax.get_xticklabels() if t.get_text().strip()]
        if cats and not all(c.replace(".", "").replace("−", "").replace("-", "").isdigit() for c in cats):
            more = f" and {len(cats) - 6} more" if len(cats) > 6 else ""
            desc += "; categories: " + ", ".join(cats[:6]) + more
        parts.append(desc + ".")
    return " ".join(parts) or "A figure with no title or axis labels."


def _install_alt_text(*_args) -> None:
    """Wrap IPython's PNG formatter for figures so that each image's metadata carries ``alt`` text.

    Installed again after every cell (the inline backend may reset the formatters when it loads);
    the report template writes it into the ``<img alt=…>``. Does nothing outside IPython.
    """
    from matplotlib.figure import Figure

    ip = _ipython()
    if ip is None:
        return
    fmt = ip.display_formatter.formatters.get("image/png")
    try:
        current = fmt.lookup_by_type(Figure)
    except (KeyError, AttributeError):
        return
    if getattr(current, "vnpe_alt", False):
        return

    def png_with_alt(fig, _inner=current):
        data = _inner(fig)
        if data is None:
            return None
        meta = {}
        if isinstance(data, tuple) and len(data) == 2:
            data, meta = data
        return data, {**(meta or {}), "alt": describe_figure(fig)}

    png_with_alt.vnpe_alt = True
    fmt.for_type(Figure, png_with_alt)


def _ipython():
    """The running IPython shell, or None outside IPython (or when IPython is not installed)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return None
    return get_ipython()


def _register_alt_text() -> None:
    ip = _ipython()
    if ip is None:
        return
    # The inline backend installs its figure formatters when it loads (on the first figure, possibly in
    # the very cell that shows it): load it now, then wrap; after each cell, wrap again if it was reset.
    getattr(plt, "_get_backend_mod", lambda: None)()
    ip.events.register("post_execute", _install_alt_text)
    _install_alt_text()


_register_alt_text()
