"""Rendering executed notebooks to self-contained, script-free HTML (nbconvert with vnpe's template)."""

from __future__ import annotations

import html
from pathlib import Path

from vnpe.report.base import DATA_DIR, TEMPLATE_FILE, NotebookResult
from vnpe.report.execute import _describe_failure, _run_one
from vnpe.report.sanitise import _EXTERNAL_TAG, _scrub_notebook, clean_html, unsafe_markup


def _exporter(no_input: bool):
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_template_paths=[str(DATA_DIR)],
        template_file=TEMPLATE_FILE,
        embed_images=True,
        exclude_input=no_input,
        exclude_input_prompt=no_input,
        exclude_output_prompt=no_input,
    )
    exporter.register_filter("vnpe_clean_html", clean_html)
    return exporter


def _own_css() -> str:
    """The stylesheet for vnpe's own classes in outputs (the sanitiser drops inline styles)."""
    try:
        from vnpe.plots import PASSAGES_CSS
    except Exception:  # plotting stack broken: the pages still render, without the colours
        return ""
    return PASSAGES_CSS


def _heading(nb) -> str:
    """The text of the notebook's first Markdown heading (its title), or ''."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return " ".join(line.lstrip("#").split()).replace("`", "")[:120]
    return ""


def _error_page(title: str, message: str) -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}</title>\n</head>\n<body>\n<h1>{html.escape(title)}</h1>\n"
            f"<p>This notebook could not be executed.</p>\n<pre>{html.escape(message)}</pre>\n"
            "</body>\n</html>\n")


def _render_one(nb_path: Path, out: Path, parameters: dict, exporter, scrub, show_progress: bool,
                timeout: int | None) -> NotebookResult:
    name = nb_path.stem
    html_name = f"{name}.html"
    nb, error, kernel_log = _run_one(nb_path, nb_path.parent, parameters, show_progress, timeout)
    message = _describe_failure(error, scrub) if error is not None else ""
    if error is not None and type(error).__name__ != "PapermillExecutionError" and kernel_log:
        message += f" (kernel: {scrub(kernel_log)[:300]})"  # e.g. the kernel died or never started
    title = ""
    if nb is None:
        document = _error_page(name, message)
    else:
        _scrub_notebook(nb, scrub)
        # papermill's cell of injected parameters (absolute paths, run settings) is not for readers
        # nor is the cell that hands the index its figures (tagged "vnpe-report")
        nb.cells = [c for c in nb.cells if not {"injected-parameters", "vnpe-report"} & set(c.metadata.get("tags", []))]
        title = _heading(nb)
        nb.metadata["title"] = f"{title} ({name})" if title else name
        try:
            document, _ = exporter.from_notebook_node(
                nb, resources={"metadata": {"name": name}, "vnpe_css": _own_css()})
        except Exception as exc:  # rendering problem: still write a page saying so
            message = message or _describe_failure(exc, scrub)
            error = error or exc
            document = _error_page(name, message)
    document = _EXTERNAL_TAG.sub("", document)  # none expected: our template loads nothing
    problems = unsafe_markup(document)
    if problems:  # cannot happen with our template and sanitizer; never ship such a page
        message = message or f"unsafe markup in the rendered HTML: {'; '.join(problems[:5])}"
        error = error or RuntimeError(message)
        document = _error_page(name, message)
    target = out / html_name
    target.write_text(document, encoding="utf-8")
    return NotebookResult(nb_path.name, html_name, error is None, message, target.stat().st_size,
                          title)

