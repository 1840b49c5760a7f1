"""The report's index page: the figures the notebooks handed over and a link per notebook."""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

from vnpe.report.base import NotebookResult
from vnpe.report.figures import KEYS as FIGURE_KEYS


def _summary(figures: dict) -> dict:
    """The index's figures as ``(value, error)``: each one the notebooks handed over, or why not."""
    return {k: (figures[k], "") if k in figures else (None, "not handed over by the notebooks")
            for k in FIGURE_KEYS}


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


def _index_page(corpus_name: str, summary: dict, results: list[NotebookResult], scrub) -> str:
    e = html.escape

    def value(key: str, render) -> str:
        val, err = summary[key]
        if err:
            return f'<span class="na">not available ({e(scrub(err))})</span>'
        return render(val)

    def render_size(v) -> str:
        n, statuses = v
        bad = {k: c for k, c in statuses.items() if k != "ok"}
        extra = ", ".join(f"{e(str(k))}: {c}" for k, c in sorted(bad.items()))
        return f"{n} articles" + (f" (not read cleanly: {extra})" if extra else "")

    def render_langs(v) -> str:
        return ", ".join(f"{e(str(k))}: {c}" for k, c in sorted(v.items(), key=lambda kv: (-kv[1],
                                                                                       str(kv[0]))))

    def render_dates(v) -> str:
        if v is None:
            return '<span class="na">no article states a full date</span>'
        first, last, n = v
        return f"{e(first)} to {e(last)} ({n} article(s) state a full date)"

    def render_areas(v) -> str:
        if not v:
            return '<span class="na">no area found</span>'
        return ", ".join(f"{e(str(area))} ({n} articles)" for area, n in v)

    def render_dups(v) -> str:
        groups, docs = v
        return f"{groups} group(s) of near-duplicate articles ({docs} articles)"

    rows = [("Corpus", e(corpus_name)), ("Size", value("size", render_size)),
            ("Languages", value("languages", render_langs)),
            ("Date range", value("dates", render_dates)),
            ("Top areas", value("areas", render_areas)),
            ("Duplicate groups", value("duplicates", render_dups))]
    summary_rows = "\n".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    report_rows = []
    for r in results:
        status = ('<span class="ok">ok</span>' if r.ok
                  else f'<span class="failed">failed</span>: {e(r.error)}')
        report_rows.append(
            f'<tr><td><a href="{e(quote(r.html))}">{e(Path(r.notebook).stem)}</a></td>'
            f"<td>{e(r.title)}</td><td>{status}</td><td>{r.n_bytes / 1024:.0f} KB</td></tr>"
        )
    n_failed = sum(not r.ok for r in results)
    headline = (f'<p class="failed">{n_failed} of {len(results)} notebooks failed.</p>' if n_failed
                else "")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>vnpe report: {e(corpus_name)}</title>
<style>{_INDEX_CSS}</style>
</head>
<body>
<h1>vnpe report: {e(corpus_name)}</h1>
<table>
{summary_rows}
</table>
<h2>Reports</h2>
{headline}
<table>
<tr><th>Report</th><th>Title</th><th>Status</th><th>Size</th></tr>
{chr(10).join(report_rows)}
</table>
</body>
</html>
"""

