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

The parent process does no analytics: it checks the corpus (decoding only, to name bad files), runs
the notebooks, and builds the index from the figures each notebook hands over
(:mod:`vnpe.report.figures`). The parts: :mod:`~vnpe.report.execute` (kernels, papermill),
:mod:`~vnpe.report.sanitise` (allow-list, reproducibility scrubbing), :mod:`~vnpe.report.render`
(nbconvert with vnpe's template, alt text on figures), :mod:`~vnpe.report.index` (the index page).

A notebook that fails is still rendered up to the failing cell; the others are written as usual, the
index names the failing cell and error, and :class:`ReportError` is raised at the end.

Example:
    >>> from vnpe.report import build_report
    >>> build_report("seeds", "reports")      # doctest: +SKIP
    PosixPath('reports/index.html')
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

from vnpe.report.base import PACKAGE_DIR, NotebookResult, ReportError  # noqa: F401 - re-exported
from vnpe.report.execute import _declared_parameters_of, _kernel_environment, _stop_kernels  # noqa: F401 - re-exported
from vnpe.report.figures import read_figures
from vnpe.report.index import _index_page, _summary  # noqa: F401 - re-exported
from vnpe.report.render import _exporter, _render_one  # noqa: F401 - re-exported
from vnpe.report.sanitise import _replacer, clean_html, unsafe_markup  # noqa: F401 - re-exported

__all__ = ["NotebookResult", "ReportError", "build_report", "check_report_folder", "clean_html",
           "notebooks_folder", "unsafe_markup"]


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


# --------------------------------------------------------------------------------------------------
# Making executed notebooks reproducible


# --------------------------------------------------------------------------------------------------
# Executing and rendering


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


# --------------------------------------------------------------------------------------------------
# Index page


