"""Executing notebooks: the kernels' environment, papermill runs, parameters a notebook declares, and
stopping the run's kernels."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from vnpe.report.base import KERNEL_NAME, PACKAGE_DIR
from vnpe.report.figures import ENV as FIGURES_ENV


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

