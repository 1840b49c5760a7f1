"""Shareable reports: every notebook executed on a corpus, rendered to self-contained HTML.

``build_report(corpus_dir, out_dir)`` runs each ``notebooks/*.ipynb`` of the repository (sorted)
with papermill on a working copy of the notebooks folder, passing ``corpus_dir`` (and ``taxonomy``
to the notebooks that declare it) as parameters, renders each executed notebook with nbconvert and
writes ``OUT/index.html`` with a one-screen summary of the corpus and links to the reports.

The HTML files are

* **self-contained**: images are embedded, CSS is inline, and no script, font or stylesheet is
  loaded from the network (the template ``data/report.html.j2`` drops require.js, MathJax,
  Mermaid and widgets);
* **script-free**: no ``<script>`` at all; HTML and Markdown outputs are passed through an
  allow-list sanitizer (bleach, the library nbconvert itself uses) so article text stays text;
* **reproducible**: rendering the same corpus twice gives byte-identical files (no timestamps,
  temporary or absolute paths, random cell/Styler ids, memory addresses or execution timings).

A notebook that fails is still rendered up to the failing cell; the others are written as usual, the
index names the failing cell and error, and :class:`ReportError` is raised at the end.

Example:
    >>> from vnpe.report import build_report
    >>> build_report("seeds", "reports")      # doctest: +SKIP
    PosixPath('reports/index.html')
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import re
import shutil
import sys
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

from vnpe.report.figures import ENV as FIGURES_ENV
from vnpe.report.figures import KEYS as FIGURE_KEYS
from vnpe.report.figures import read_figures

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the vnpe package
DATA_DIR = PACKAGE_DIR / "data"
TEMPLATE_FILE = "report.html.j2"
KERNEL_NAME = "python3"

__all__ = ["NotebookResult", "ReportError", "build_report", "check_report_folder", "clean_html",
           "notebooks_folder", "unsafe_markup"]


class ReportError(RuntimeError):
    """One or more notebooks failed; every report (and the index) was still written.

    ``index`` is the path of ``OUT/index.html``; ``failures`` the failed
    :class:`NotebookResult` rows.
    """

    def __init__(self, index: Path, failures: Sequence[NotebookResult]):
        self.index = index
        self.failures = list(failures)
        lines = [f"vnpe: {len(self.failures)} notebook(s) failed:"]
        lines += [f"  {r.notebook}: {r.error}" for r in self.failures]
        super().__init__("\n".join(lines))


@dataclass
class NotebookResult:
    """The outcome of one notebook: its file name, the HTML file written, the error if it failed."""

    notebook: str
    html: str
    ok: bool
    error: str = ""
    n_bytes: int = 0
    title: str = ""


# --------------------------------------------------------------------------------------------------
# Locating the notebooks


def notebooks_folder() -> Path:
    """The notebooks ``vnpe report`` runs: the repository's ``notebooks/`` in a clone, else the copy
    shipped inside the package (``vnpe/notebooks/``, package data of the wheel).

    Raises ``FileNotFoundError`` with a clear message when neither is there.
    """
    path = PACKAGE_DIR.parent / "notebooks"
    if not any(path.glob("*.ipynb")):
        path = PACKAGE_DIR / "notebooks"
    if not path.is_dir():
        raise FileNotFoundError(
            f"vnpe: notebooks folder not found next to the vnpe package ({path.name}/ beside "
            f"{PACKAGE_DIR.name}/); `vnpe report` needs a clone of the repository installed with "
            "`pip install -e .` (or `make setup`)"
        )
    return path


# --------------------------------------------------------------------------------------------------
# Sanitising HTML (allow-list): markup from outputs can never become script.

_ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
})
_GLOBAL_ATTRS = frozenset({"class", "id", "title", "lang", "dir", "align", "valign", "colspan",
                           "rowspan", "border", "scoped", "width", "height", "start", "type"})


def _allow_attr(tag: str, name: str, value: str) -> bool:
    if name in _GLOBAL_ATTRS or name == "style":  # style: filtered by bleach's CSS sanitizer
        return True
    if tag == "a" and name == "href":
        return not value.strip().lower().startswith("data:")
    if tag == "img" and name == "src":
        return value.strip().lower().startswith("data:image/")
    return tag == "img" and name == "alt"


# CSS that loads something (or hides what it does behind escapes): a <style> holding any of it is dropped.
_CSS_LOADS = re.compile(r"@import|@font-face|@namespace|url\s*\(|image(?:-set)?\s*\(|expression\s*\(|"
                        r"-moz-binding|behavior\s*:|\\", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.DOTALL | re.IGNORECASE)


def css_loads(css: str) -> bool:
    """Whether a stylesheet fetches anything (``@import``, ``url(…)``, fonts…) or uses CSS escapes.

    >>> css_loads(".x { color: red }"), css_loads("@import url(http://x/a.css);")
    (False, True)
    """
    return bool(_CSS_LOADS.search(_CSS_COMMENT.sub("", css)))


def _drop_loading_styles(markup: str) -> str:
    return _STYLE_ELEMENT.sub(lambda m: "" if css_loads(m.group(1)) else m.group(0), markup)


def clean_html(markup: str | bytes) -> str:
    """Sanitise an HTML fragment with an allow-list (tables, text, embedded images, ``<style>``).

    Disallowed tags (``<script>``, ``<iframe>``, ``<svg>``…) are escaped so they show as text,
    ``on*`` attributes are dropped, links may only use http(s), mailto or in-page anchors, and a
    ``<style>`` element that loads anything (``@import``, ``url(…)``) is dropped whole.

    >>> clean_html('<p onclick="x()">a</p><script>alert(1)</script>')
    '<p>a</p>&lt;script&gt;alert(1)&lt;/script&gt;'
    >>> clean_html('<style>@import url(http://x.test/a.css);</style><p>b</p>')
    '<p>b</p>'
    """
    import bleach  # a dependency of nbconvert; the maintained allow-list sanitizer it uses itself
    from bleach.css_sanitizer import CSSSanitizer

    text = markup.decode() if isinstance(markup, bytes) else str(markup)
    cleaned = bleach.clean(text, tags=_ALLOWED_TAGS, attributes=_allow_attr,
                           protocols={"http", "https", "mailto", "data"}, strip_comments=True,
                           css_sanitizer=CSSSanitizer())
    # bleach serialises through html5lib: a <style> element in its output is a real one (text that
    # merely looks like a tag is escaped), so this pattern sees exactly the style elements.
    return _drop_loading_styles(cleaned)


class _MarkupAudit(HTMLParser):
    """Collects what could run script or fetch from the network in an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _REMOTE_CSS.search(data):
            self.problems.append("<style> loading from the network")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        if tag in {"script", "iframe", "object", "embed", "base", "frame", "applet"}:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"{name}= attribute on <{tag}>")
            if name in {"href", "src", "action", "formaction", "xlink:href"} and value.startswith(
                ("javascript:", "vbscript:")
            ):
                self.problems.append(f"{value.split(':')[0]}: URL in <{tag} {name}>")
            if (tag == "link" or name == "src") and value.startswith(("http:", "https:", "//")):
                self.problems.append(f"external resource <{tag} {name}>")

    handle_startendtag = handle_starttag


def unsafe_markup(document: str) -> list[str]:
    """What in ``document`` could run script or load from the network (empty: safe, offline).

    >>> unsafe_markup('<p>&lt;script&gt;</p>')
    []
    >>> unsafe_markup('<img src=x onerror=alert(1)>')
    ['onerror= attribute on <img>']
    """
    audit = _MarkupAudit()
    audit.feed(document)
    audit.close()
    return audit.problems


# In the whole page (our template's own CSS embeds icons as data: URLs): only what reaches the network.
_REMOTE_CSS = re.compile(r"@import|url\s*\(\s*[\"']?\s*(?!data:)(?:[a-z]+:)?//", re.IGNORECASE)

_EXTERNAL_TAG = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>|<link\b[^>]*\bhref\s*=\s*[\"']?"
    r"(?:https?:)?//[^>]*>",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------------------------------
# Making executed notebooks reproducible

_ADDRESS = re.compile(r"\bat 0x(?!ADDRESS)[0-9a-fA-F]+")
_STYLER_ID = re.compile(r"\bT_[0-9a-f]{5}(?![0-9a-zA-Z])")
_TEXT_MIMES = ("text/plain", "text/html", "text/markdown", "text/latex", "image/svg+xml")


def _replacer(replacements: Sequence[tuple[str, str]]):
    pairs: list[tuple[str, str]] = []
    for old, new in replacements:
        if old and len(old) > 1:
            pairs.append((old, new))
            if html.escape(old) != old:
                pairs.append((html.escape(old), html.escape(new)))
    pairs.sort(key=lambda p: -len(p[0]))

    def scrub(text: str) -> str:
        for old, new in pairs:
            if old in text:
                text = text.replace(old, new)
        return _ADDRESS.sub("at 0xADDRESS", text)

    return scrub


def _scrub_notebook(nb, scrub) -> None:
    """Remove what varies between runs (in place): timings, paths, random ids, addresses."""
    for key in ("papermill", "widgets"):
        nb.metadata.pop(key, None)
    styler_ids: dict[str, str] = {}

    def styler(match: re.Match) -> str:
        return styler_ids.setdefault(match.group(0), f"T_s{len(styler_ids):04d}")

    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
        for key in ("papermill", "execution", "ExecuteTime"):
            cell.metadata.pop(key, None)
        cell.source = scrub(cell.source)
        for out in cell.get("outputs", []):
            out.get("metadata", {}).pop("execution", None)
            if "text" in out:
                out["text"] = scrub("".join(out["text"]) if isinstance(out["text"], list)
                                    else out["text"])
            for mime in _TEXT_MIMES:
                value = out.get("data", {}).get(mime)
                if value is not None:
                    value = scrub("".join(value) if isinstance(value, list) else value)
                    if mime == "text/html":
                        value = _STYLER_ID.sub(styler, value)
                    out["data"][mime] = value
            if out.get("output_type") == "error":
                out["ename"] = scrub(out.get("ename", ""))
                out["evalue"] = scrub(out.get("evalue", ""))
                out["traceback"] = [scrub(line) for line in out.get("traceback", [])]


# --------------------------------------------------------------------------------------------------
# Executing and rendering


@contextlib.contextmanager
def _kernel_environment(runtime: Path, encoding: str | None = None, figures: Path | None = None) -> Iterator[None]:
    """Kernels' environment: fixed hash seed, inline figures, no tqdm bars; quiet papermill; kernel
    connection files in ``runtime`` (so that the run's kernels can be found and stopped)."""
    saved = dict(os.environ)
    # papermill warns about parameter lines its own parser cannot read (e.g. `x = None  # a = b`);
    # we pass only the names the parameters cell assigns, so those warnings are noise here.
    pm_logger = logging.getLogger("papermill")
    saved_level = pm_logger.level
    pm_logger.setLevel(logging.ERROR)
    os.environ.update({
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "TQDM_DISABLE": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "JUPYTER_RUNTIME_DIR": str(runtime),
        **({"VNPE_ENCODING": encoding} if encoding else {}),
        **({FIGURES_ENV: str(figures)} if figures else {}),
        "PYTHONPATH": os.pathsep.join(p for p in (str(PACKAGE_DIR.parent),
                                                  os.environ.get("PYTHONPATH")) if p),
    })
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
        pm_logger.setLevel(saved_level)


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


def _describe_failure(exc: BaseException, scrub) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        first = next((ln.strip() for ln in (exc.source or "").splitlines() if ln.strip()), "")
        where = f"cell {exc.cell_index} (In [{exc.exec_count}]: {first[:60]})"
        evalue = " ".join(str(exc.evalue).split())[:300]
        return scrub(f"{where}: {exc.ename}: {evalue}")
    return scrub(f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}")


_ASSIGNMENT = re.compile(r"^([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)", re.MULTILINE)


def _declared_parameters(nb) -> set[str]:
    """Names assigned at top level in the cell tagged ``parameters`` (papermill's convention).

    Read with a regex rather than ``papermill.inspect_notebook``, which gives up (with a warning) on
    lines such as ``taxonomy = None  # None = built-in``.
    """
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            return set(_ASSIGNMENT.findall(cell.source))
    return set()


def _declared_parameters_of(nb_path: Path) -> set[str]:
    import nbformat

    return _declared_parameters(nbformat.read(nb_path, as_version=4))


def _run_one(nb_path: Path, work: Path, parameters: dict, show_progress: bool, timeout: int | None):
    """Execute one notebook; returns (executed notebook or None, exception or None)."""
    import nbformat
    import papermill as pm
    from traitlets.config import Config

    declared = _declared_parameters(nbformat.read(nb_path, as_version=4))
    params = {k: v for k, v in parameters.items() if k == "corpus_dir" or k in declared}
    out_path = work.parent / "executed" / nb_path.name
    out_path.parent.mkdir(exist_ok=True)
    log = work.parent / f"{nb_path.stem}.kernel.log"
    error: BaseException | None = None
    columns = _terminal_columns()
    try:
        with _stderr_to(log) as console:
            pm.execute_notebook(
                str(nb_path), str(out_path), parameters=params, kernel_name=KERNEL_NAME,
                cwd=str(work), log_output=False, request_save_on_cell_execute=True,
                progress_bar={"desc": nb_path.stem, "leave": True, "disable": False,
                              "file": console, "ncols": columns}
                if show_progress else False,
                execution_timeout=timeout,
                # local sockets (not TCP): nothing listens on the network, and no kernel warning
                config=Config({"KernelManager": {"transport": "ipc"}}),
            )
    except Exception as exc:  # a failing notebook must not stop the others
        error = exc
    nb = nbformat.read(out_path, as_version=4) if out_path.exists() else None
    tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:] \
        if log.exists() else []
    return nb, error, " / ".join(tail)


def _terminal_columns() -> int:
    try:
        return os.get_terminal_size(2).columns
    except OSError:
        return 80


@contextlib.contextmanager
def _stderr_to(log: Path) -> Iterator[object]:
    """Send file descriptor 2 (inherited by the kernel: its log lines) to ``log``; yield a stream
    on the original stderr for the progress bar."""
    sys.stderr.flush()
    saved = os.dup(2)
    console = os.fdopen(os.dup(saved), "w", encoding="utf-8", errors="replace")
    with open(log, "ab") as sink:
        os.dup2(sink.fileno(), 2)
    try:
        yield console
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        console.close()


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


REPORT_SUFFIXES = (".html",)


def check_report_folder(out_dir: str | os.PathLike) -> None:
    """Refuse (``OutputError``, one line) a report folder that holds anything but an earlier report.

    ``vnpe report`` replaces the whole folder at the end of a run, so it must be new, empty, or hold
    only the ``*.html`` pages of an earlier report.

    >>> check_report_folder("seeds")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vnpe.safeio.OutputError: vnpe: seeds holds files that are not a vnpe report (e.g. 000_...txt); ...
    """
    from vnpe.safeio import OutputError

    out = Path(out_dir)
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputError(f"vnpe: {out_dir} is a file; -o needs a folder for the report")
    others = sorted(p.name for p in out.iterdir()
                    if not (p.is_file() and p.suffix.lower() in REPORT_SUFFIXES) and p.name != ".DS_Store")
    if others:
        raise OutputError(f"vnpe: {out_dir} holds files that are not a vnpe report (e.g. {others[0]}); "
                          "choose a new or empty folder")


def build_report(
    corpus_dir: str | os.PathLike,
    out_dir: str | os.PathLike,
    *,
    no_input: bool = False,
    taxonomy: str | None = None,
    progress: bool | None = None,
    notebooks_dir: str | os.PathLike | None = None,
    timeout: int | None = None,
    on_loaded=None,
    parameters: dict | None = None,
    encoding: str | None = None,
) -> Path:
    """Execute every notebook on ``corpus_dir``; write ``out_dir/NAME.html`` and ``index.html``.

    Parameters
    ----------
    corpus_dir : the corpus folder, passed to each notebook as the ``corpus_dir`` parameter.
    out_dir : folder for the HTML files: new, empty or an earlier report (replaced as a whole at the
        end; until then, and if the run is interrupted, the earlier report stays as it was).
    no_input : hide code cells and prompts.
    taxonomy : taxonomy file, passed as ``taxonomy`` to the notebooks that declare that parameter.
    progress : show progress bars (default: when stderr is a terminal).
    notebooks_dir : folder of ``*.ipynb`` to run instead of the repository's ``notebooks/``.
    timeout : seconds allowed per cell (default: no limit).
    on_loaded : called once the corpus is loaded (its bad files were warned about), before the
        notebooks run; the command line prints those warnings there.
    parameters : more notebook parameters (papermill style, ``{"k": 5}``), each passed to the notebooks
        whose ``parameters`` cell assigns it; a name that no notebook declares raises ``ValueError``.
    encoding : legacy encoding of the corpus files (``--encoding``), given to the kernels as
        ``VNPE_ENCODING`` (the default of :func:`vnpe.load_corpus`).

    Returns the path of ``out_dir/index.html``. Raises :class:`ReportError` after writing
    everything if a notebook failed, ``FileNotFoundError`` if the corpus or the notebooks folder is
    missing, ``vnpe.load.CorpusNotFound`` if the corpus holds no article and
    ``vnpe.safeio.OutputError`` if ``out_dir`` is in the corpus, holds it, or holds other files.
    The report is built in a temporary folder beside ``out_dir`` and renamed into place at the end;
    temporary folders are removed on errors, SIGINT and (under ``vnpe.safeio.signals_raise``) SIGTERM.

    >>> build_report("seeds", "reports", no_input=True)      # doctest: +SKIP
    PosixPath('reports/index.html')
    """
    from vnpe.safeio import check_output, signals_raise

    corpus = Path(corpus_dir).resolve()
    if not corpus.exists():
        raise FileNotFoundError(f"vnpe: corpus not found: {corpus_dir}")
    nb_dir = Path(notebooks_dir).resolve() if notebooks_dir is not None else notebooks_folder()
    if not nb_dir.is_dir():
        raise FileNotFoundError(f"vnpe: notebooks folder not found: {notebooks_dir}")
    notebooks = sorted(nb_dir.glob("*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"vnpe: no *.ipynb notebook in {nb_dir.name}/")
    tax_path = Path(taxonomy).resolve() if taxonomy else None
    if tax_path is not None and not tax_path.is_file():
        raise FileNotFoundError(f"vnpe: taxonomy file not found: {taxonomy}")
    unknown = sorted(set(parameters or {}) - set().union(*(_declared_parameters_of(nb) for nb in notebooks)))
    if unknown:
        raise ValueError(f"vnpe: no notebook has the parameter {unknown[0]!r} (see the notebooks' parameters cells)")
    target = check_output(out_dir, corpus=corpus_dir, folder=True,
                          inputs=[nb_dir, *notebooks, *([tax_path] if tax_path else [])])
    check_report_folder(target)
    out = Path(out_dir)
    show_progress = sys.stderr.isatty() if progress is None else progress

    # Only a check that the corpus has articles, naming bad and skipped files (decoding, no cleaning):
    # the notebooks do the work, and hand the index its figures (vnpe.report.figures).
    from vnpe.load import check_corpus_files

    check_corpus_files(corpus_dir, encoding=encoding)  # raises CorpusNotFound on an empty corpus
    if on_loaded is not None:
        on_loaded()
    target.parent.mkdir(parents=True, exist_ok=True)
    with signals_raise(), contextlib.ExitStack() as stack:
        tmp = stack.enter_context(_temporary_folder("vnpe-report-"))
        # The new report is built beside the target (same file system) and renamed into place.
        stage = stack.enter_context(_temporary_folder(f".{target.name}.vnpe-tmp-", target.parent))
        new = stage / "report"
        new.mkdir()
        work = tmp / "notebooks"
        shutil.copytree(nb_dir, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__",
                                                                    "*.html"))
        replacements = [(str(work), "."), (str(work.resolve()), "."), (str(tmp), "."),
                        (str(tmp.resolve()), "."), (str(corpus), corpus.name),
                        (str(out.resolve()), out.resolve().name), (str(nb_dir), nb_dir.name),
                        (str(new), out.resolve().name), (str(stage), "."),
                        (sys.prefix, "$VENV"), (str(PACKAGE_DIR.parent), "$REPO"),
                        (str(Path.home()) + os.sep, "~/")]
        if tax_path is not None:
            replacements.append((str(tax_path), tax_path.name))
        scrub = _replacer(replacements)
        parameters = {**(parameters or {}), "corpus_dir": str(corpus),
                      "taxonomy": str(tax_path) if tax_path else None}
        exporter = _exporter(no_input)
        import papermill  # noqa: F401  (import tqdm before TQDM_DISABLE is set for the kernels)

        results: list[NotebookResult] = []
        figures_dir = tmp / "figures"
        figures_dir.mkdir()
        try:
            with _kernel_environment(tmp / "runtime", encoding, figures_dir), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # papermill/jupyter_client chatter; failures reported
                for nb_path in notebooks:
                    results.append(_render_one(work / nb_path.name, new, parameters, exporter, scrub,
                                               show_progress, timeout))
        except BaseException:
            _stop_kernels(tmp)
            raise
        summary = _summary(read_figures(figures_dir))
        (new / "index.html").write_text(_index_page(corpus.name, summary, results, scrub),
                                        encoding="utf-8")
        _swap_in(new, target, stage / "previous")
    index = out / "index.html"
    failures = [r for r in results if not r.ok]
    if failures:
        raise ReportError(index, failures)
    return index


@contextlib.contextmanager
def _temporary_folder(prefix: str, parent: Path | None = None) -> Iterator[Path]:
    from vnpe.safeio import temporary_folder

    with temporary_folder(prefix, parent) as path:
        yield path


def _swap_in(new: Path, target: Path, previous: Path) -> None:
    """Put the folder ``new`` in place of ``target`` (an earlier one moves to ``previous``); one of the
    two complete reports is always at ``target``, whenever a signal arrives."""
    from vnpe.safeio import replace_folder

    replace_folder(new, target, previous)


def _stop_kernels(tmp: Path) -> None:
    """Terminate the kernels this run started (their connection files are under ``tmp``)."""
    try:
        import psutil  # a dependency of ipykernel
    except ImportError:  # pragma: no cover
        return
    marker = str(tmp)
    mine = []
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if any(marker in part for part in child.cmdline()):
                mine.append(child)
    for child in mine:
        with contextlib.suppress(psutil.Error):
            child.terminate()
    _, alive = psutil.wait_procs(mine, timeout=3)
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.kill()


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


# --------------------------------------------------------------------------------------------------
# Index page


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
