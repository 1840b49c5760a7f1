"""Writing outputs without harming the user's data.

* :func:`check_output` refuses an output path that is (or lies inside) the corpus folder or an input
  file, whatever the spelling: symbolic links, letter case and Unicode normalisation (NFC/NFD) included.
* :func:`atomic_path` / :func:`write_csv` write to a temporary file beside the target and rename it over
  the target only once the file is complete: an interrupted run leaves the previous output intact.
* :func:`spreadsheet_safe` neutralises cells that a spreadsheet would evaluate as a formula (the OWASP
  rule: a ``'`` before a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return);
  :func:`unescape_cell` undoes it. CSV files are UTF-8 with a byte-order mark so that Excel shows
  Vietnamese correctly; ``pandas.read_csv`` reads them back unchanged (``encoding="utf-8-sig"``).
* :func:`signals_raise` turns SIGTERM into an exception (like SIGINT's ``KeyboardInterrupt``) so that
  ``finally`` blocks remove temporary files and folders on both.

Example:
    >>> spreadsheet_safe_cell('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    >>> unescape_cell(spreadsheet_safe_cell("-6"))
    '-6'
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pandas as pd

__all__ = ["OutputError", "Terminated", "atomic_path", "check_output", "signals_raise",
           "spreadsheet_safe", "spreadsheet_safe_cell", "temporary_folder", "unescape_cell", "write_csv",
           "write_csv_chunks"]

# OWASP "CSV injection": characters that make a spreadsheet evaluate a cell, plus their full-width forms
# (which some East Asian spreadsheet locales also treat as operators).
FORMULA_START = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
_NEEDS_QUOTE = re.compile("^'*[" + re.escape(FORMULA_START) + "]")
_QUOTED = re.compile("^'+[" + re.escape(FORMULA_START) + "]")


# Rows end with CRLF (RFC 4180, what Excel writes): the csv module then quotes every cell that holds a
# CR or an LF, so that a lone CR inside a cell (old Mac line ends in an article) cannot split a row.
CSV_EOL = "\r\n"


class OutputError(Exception):
    """An output path that must not be written (an input, inside the corpus, a folder): exit status 2."""


class Terminated(BaseException):
    """SIGTERM received (raised by :func:`signals_raise`'s handler, like ``KeyboardInterrupt`` for SIGINT)."""


# --------------------------------------------------------------------------------------------------
# Spreadsheet-safe cells


def spreadsheet_safe_cell(value: object) -> object:
    """``value`` with a ``'`` in front when a spreadsheet would evaluate it (strings only).

    Cells that already start with quotes before such a character get one more, so that
    :func:`unescape_cell` restores every value exactly.

    >>> [spreadsheet_safe_cell(v) for v in ["+cmd", "@SUM(A1)", "Lima", 3, "'=x"]]
    ["'+cmd", "'@SUM(A1)", 'Lima', 3, "''=x"]
    """
    if isinstance(value, str) and _NEEDS_QUOTE.match(value):
        return "'" + value
    return value


def unescape_cell(value: object) -> object:
    """Undo :func:`spreadsheet_safe_cell` (for programs reading a spreadsheet-safe CSV).

    >>> unescape_cell("''=x"), unescape_cell("'Lima")
    ("'=x", "'Lima")
    """
    if isinstance(value, str) and _QUOTED.match(value):
        return value[1:]
    return value


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells and column names no spreadsheet evaluates (see module doc).

    >>> spreadsheet_safe(pd.DataFrame({"t": ["=1+1", "ok"], "n": [-1, 2]})).to_dict("list")
    {'t': ["'=1+1", 'ok'], 'n': [-1, 2]}
    >>> spreadsheet_safe(pd.DataFrame({"c": pd.Categorical(["-x", "y"])}))["c"].tolist()
    ["'-x", 'y']
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object or isinstance(s.dtype, pd.StringDtype):
            try:  # vectorised: only the cells that need it are touched
                mask = s.str.match(_NEEDS_QUOTE.pattern, na=False).astype(bool)
            except AttributeError:  # no strings at all in an object column
                continue
            if mask.any():
                fixed = s.copy()
                fixed[mask] = "'" + s[mask].astype(str)
                out[col] = fixed
        elif isinstance(s.dtype, pd.CategoricalDtype):  # the rule is one-to-one: categories stay distinct
            out[col] = s.cat.rename_categories([spreadsheet_safe_cell(c) for c in s.cat.categories])
    out.columns = [spreadsheet_safe_cell(c) for c in out.columns]
    return out


# --------------------------------------------------------------------------------------------------
# Output paths


def _key(path: str) -> str:
    """A spelling of an absolute path that is equal for names a case-insensitive or normalising file
    system would treat as one (NFC/NFD, letter case)."""
    return unicodedata.normalize("NFC", path).casefold()


def _resolved(path: Path) -> Path:
    """``path`` made absolute with every existing symbolic link resolved (the rest kept as written)."""
    return Path(os.path.realpath(os.path.abspath(path)))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    """``path`` is ``folder`` or below it, by identity (existing ancestors) or by spelling."""
    rp, rf = _resolved(path), _resolved(folder)
    pk, fk = _key(str(rp)), _key(str(rf))
    if pk == fk or pk.startswith(fk.rstrip(os.sep) + os.sep):
        return True
    return any(_same_file(ancestor, rf) for ancestor in (rp, *rp.parents))


def check_output(
    out: str | os.PathLike,
    *,
    corpus: str | os.PathLike | None = None,
    inputs: Iterable[str | os.PathLike] = (),
    folder: bool = False,
) -> Path:
    """Check an output path before any work; return it with symbolic links resolved.

    Raises :class:`OutputError` (one line) when ``out`` is the corpus folder or lies inside it, is one
    of ``inputs`` (or, with ``folder=True``, contains the corpus or an input), names an existing folder
    where a file is expected (or an existing file where a folder is expected), or lies below a file.

    >>> check_output("seeds/new.csv", corpus="seeds")
    Traceback (most recent call last):
    ...
    vnpe.safeio.OutputError: vnpe: refusing to write seeds/new.csv: it is inside the corpus folder seeds
    """
    path = Path(out)
    target = _resolved(path)
    if corpus is not None and _inside(path, Path(corpus)):
        raise OutputError(f"vnpe: refusing to write {out}: it is inside the corpus folder {corpus}")
    for src in inputs:
        if _key(str(target)) == _key(str(_resolved(Path(src)))) or _same_file(target, Path(src)):
            raise OutputError(f"vnpe: refusing to write {out}: it is the input file {src}")
        if folder and _inside(Path(src), path):
            raise OutputError(f"vnpe: refusing to write {out}: it holds the input {src}")
    if folder and corpus is not None and _inside(Path(corpus), path):
        raise OutputError(f"vnpe: refusing to write {out}: it holds the corpus folder {corpus}")
    if not folder and target.is_dir():
        raise OutputError(f"vnpe: {out} is a folder; -o needs a file name (e.g. {Path(out) / 'out.csv'})")
    if folder and target.exists() and not target.is_dir():
        raise OutputError(f"vnpe: {out} is a file; -o needs a folder for the report")
    for ancestor in target.parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise OutputError(f"vnpe: cannot write {out}: {ancestor.name} is not a folder")
            if not os.access(ancestor, os.W_OK):
                raise OutputError(f"vnpe: cannot write {out}: no permission to write in {ancestor}")
            break
    return target


# --------------------------------------------------------------------------------------------------
# Atomic files and folders


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _new_name(folder: Path, prefix: str, suffix: str) -> Path:
    return folder / f"{prefix}{secrets.token_hex(4)}{suffix}"


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` when the block succeeds.

    On any exception (``KeyboardInterrupt`` and :class:`Terminated` included) the temporary file is
    removed and ``target`` is left as it was. A symbolic link as ``target`` is written through.
    The new file gets the old file's permissions (or the usual ones for a new file).

    >>> with atomic_path("out.csv") as tmp:            # doctest: +SKIP
    ...     df.to_parquet(tmp)
    """
    final = _resolved(Path(target))
    final.parent.mkdir(parents=True, exist_ok=True)
    # The name is recorded before the file exists, so that an interruption at any point (even between
    # creating the file and the next statement) finds it in ``finally``.
    tmp = _new_name(final.parent, f".{final.name}.", ".vnpe-tmp")
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        yield tmp
        try:
            mode = final.stat().st_mode & 0o7777
        except OSError:
            mode = _default_mode()
        os.chmod(tmp, mode)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        with signals_deferred():
            os.replace(tmp, final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_csv(df: pd.DataFrame, out: str | os.PathLike | IO[str] | None, *, raw: bool = False) -> None:
    """Write ``df`` as CSV (no index) to a path atomically, or to a text stream (``None``: stdout).

    By default cells a spreadsheet would evaluate are neutralised and files start with a UTF-8
    byte-order mark; ``raw=True`` writes cells as they are and no byte-order mark (for programs).

    >>> import io; buf = io.StringIO()
    >>> write_csv(pd.DataFrame({"a": ["=1", "b"]}), buf); buf.getvalue()
    "\\ufeffa\\r\\n'=1\\r\\nb\\r\\n"
    """
    write_csv_chunks([df], out, raw=raw)


def write_csv_chunks(frames: Iterable[pd.DataFrame], out: str | os.PathLike | IO[str] | None, *,
                     raw: bool = False) -> int:
    """Write a table that arrives in pieces (same columns, in order) as one CSV, as :func:`write_csv`
    would write their concatenation: one header, each piece written as soon as it is made, so that a
    streamed corpus is never held whole. A path is still replaced atomically (nothing is left behind
    if a piece fails). Returns the number of rows written.

    >>> import io; buf = io.StringIO()
    >>> write_csv_chunks([pd.DataFrame({"a": [1]}), pd.DataFrame({"a": [2]})], buf, raw=True)
    2
    >>> buf.getvalue()
    'a\\r\\n1\\r\\n2\\r\\n'
    """
    import sys

    def write(stream: IO[str]) -> int:
        stream.write("" if raw else "\ufeff")
        n = 0
        for i, df in enumerate(frames):
            (df if raw else spreadsheet_safe(df)).to_csv(stream, index=False, header=i == 0,
                                                        lineterminator=CSV_EOL)
            n += len(df)
        return n

    if out is None or out == "-" or hasattr(out, "write"):
        stream = sys.stdout if out is None or out == "-" else out
        n = write(stream)
        stream.flush()
        return n
    with atomic_path(out) as tmp, open(tmp, "w", encoding="utf-8", errors="backslashreplace",
                                       newline="") as fh:
        return write(fh)


@contextlib.contextmanager
def temporary_folder(prefix: str = "vnpe-", dir: str | os.PathLike | None = None) -> Iterator[Path]:
    """A temporary folder removed when the block ends, on SIGINT and (under :func:`signals_raise`)
    SIGTERM too."""
    path = _new_name(Path(dir if dir is not None else tempfile.gettempdir()), prefix, "")
    try:
        os.mkdir(path, 0o700)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def replace_folder(new: str | os.PathLike, target: str | os.PathLike, previous: str | os.PathLike) -> None:
    """Put the folder ``new`` in place of ``target``, moving an existing ``target`` to ``previous``.

    Signals are deferred (under :func:`signals_raise`) and an interruption between the two renames puts
    the earlier folder back, so that ``target`` always holds one complete folder.
    """
    new, target, previous = Path(new), Path(target), Path(previous)
    try:
        with signals_deferred():
            if target.exists():
                os.replace(target, previous)
            os.replace(new, target)
    except BaseException:
        if previous.exists() and not target.exists():
            os.replace(previous, target)
        raise


# --------------------------------------------------------------------------------------------------
# Signals


_deferring = 0
_pending: list[int] = []


def _raise_for(signum: int) -> None:
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(f"signal {signum}")


def _handler(signum, frame) -> None:  # noqa: ARG001 - the signal module's signature
    if _deferring:
        _pending.append(signum)
        return
    _raise_for(signum)


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """Within the block, SIGTERM (and SIGHUP) raise :class:`Terminated` and SIGINT raises
    ``KeyboardInterrupt``, so that cleanup code runs; previous handlers are restored after.

    A no-op outside the main thread (only it may set signal handlers).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {}
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            saved[sig] = signal.signal(sig, _handler)
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP (under :func:`signals_raise`) during a short critical section, such
    as a rename; the first one received is raised when the section ends.

    Python runs signal handlers in the main thread between bytecodes, whichever thread the operating
    system delivered the signal to, so this holds even when libraries have started threads (where a
    signal mask would not).
    """
    global _deferring
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
        if not _deferring and _pending:
            signum = _pending[0]
            _pending.clear()
            _raise_for(signum)


def worker_signals() -> None:
    """Initializer for worker processes: ignore SIGINT (the parent handles it) and die on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
