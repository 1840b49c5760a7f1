"""The report's index page: the figures the notebooks handed over and a link per notebook."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from vnpe.report.base import DATA_DIR, NotebookResult
from vnpe.report.figures import KEYS as FIGURE_KEYS


def _summary(figures: dict) -> dict:
    """The index's figures as ``(value, error)``: each one the notebooks handed over, or why not."""
    return {k: (figures[k], "") if k in figures else (None, "not handed over by the notebooks")
            for k in FIGURE_KEYS}


INDEX_TEMPLATE = "index.html.j2"

_INDEX_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em auto;
       max-width: 52em; padding: 0 1em; color: #222; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { text-align: left; padding: 0.25em 0.8em; border-bottom: 1px solid #ddd;
         vertical-align: top; }
th { background: #f4f4f4; }
.failed { color: #b00020; font-weight: bold; }
.ok { color: #1b6e20; }
.na { color: #777; font-style: italic; }
"""


def _row(summary: dict, key: str, scrub, render) -> dict:
    val, err = summary[key]
    if err:
        return {"error": scrub(err)}
    text = render(val)
    return {"na": text[1]} if isinstance(text, tuple) else {"text": text}


def _index_page(corpus_name: str, summary: dict, results: list[NotebookResult], scrub) -> str:
    """The index page (template ``data/index.html.j2``, autoescaped): plain values in, safe HTML out."""
    import jinja2

    def size(v) -> str:
        n, statuses = v
        bad = {k: c for k, c in statuses.items() if k != "ok"}
        extra = ", ".join(f"{k}: {c}" for k, c in sorted(bad.items()))
        return f"{n} articles" + (f" (not read cleanly: {extra})" if extra else "")

    def languages(v) -> str:
        return ", ".join(f"{k}: {c}" for k, c in sorted(v.items(), key=lambda kv: (-kv[1], str(kv[0]))))

    def dates(v):
        if v is None:
            return ("na", "no article states a full date")
        first, last, n = v
        return f"{first} to {last} ({n} article(s) state a full date)"

    def areas(v):
        if not v:
            return ("na", "no area found")
        return ", ".join(f"{area} ({n} articles)" for area, n in v)

    def duplicates(v) -> str:
        groups, docs = v
        return f"{groups} group(s) of near-duplicate articles ({docs} articles)"

    rows = [("Corpus", {"text": corpus_name}), ("Size", _row(summary, "size", scrub, size)),
            ("Languages", _row(summary, "languages", scrub, languages)),
            ("Date range", _row(summary, "dates", scrub, dates)),
            ("Top areas", _row(summary, "areas", scrub, areas)),
            ("Duplicate groups", _row(summary, "duplicates", scrub, duplicates))]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(DATA_DIR)), autoescape=True,
                             keep_trailing_newline=True)
    pages = [{"href": quote(r.html), "name": Path(r.notebook).stem, "title": r.title, "ok": r.ok,
              "error": r.error, "kb": f"{r.n_bytes / 1024:.0f}"} for r in results]
    return env.get_template(INDEX_TEMPLATE).render(
        corpus_name=corpus_name, css=markupsafe_css(), rows=rows, results=pages,
        n_failed=sum(not r.ok for r in results))


def markupsafe_css():
    """The index's stylesheet, marked safe (it is ours, not the corpus's)."""
    from markupsafe import Markup

    return Markup(_INDEX_CSS)
