"""Command line: ``vnpe SUBCOMMAND DIR -o FILE`` (also ``python -m vnpe``).

Every subcommand reads a corpus folder, writes one CSV (or a report folder), names bad files in warnings
on stderr and exits 0; a missing folder or a folder with no articles exits 2 with one line on stderr.
Outputs are checked before any work (never an input, never inside the corpus folder, never an existing
folder for a CSV: exit 2), written to a temporary file beside the target and renamed at the end (an
interrupted run leaves the previous output as it was), and spreadsheet-safe unless ``--raw-csv``
(see :mod:`vnpe.safeio`). SIGINT exits 130 and SIGTERM 143 after removing temporary files; a closed
pipe (``vnpe articles DIR | head``) ends quietly.

Mistakes in the command line itself (an unknown ``--encoding``, ``--k`` below 2 or above the number of
paragraphs, DIR naming a file that is not a corpus file) also exit 2 with one line, before any work.
``--quiet`` prints errors only; ``--verbose`` names each stage as it starts; progress bars appear on
long stages only when stderr is a terminal; a successful run ends with one line saying what was written
where.

Example:
    $ vnpe articles seeds -o articles.csv
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence

import pandas as pd

from vnpe.events import MIN_EVIDENCE

EXIT_USAGE = 2
EXIT_SIGPIPE = 141  # 128 + SIGPIPE, as a shell reports a command that wrote into a closed pipe
EXIT_SIGINT = 130
EXIT_SIGTERM = 143
DASK_COMMANDS = ("articles", "areas", "overlap", "passages")


class CorpusError(Exception):
    """A problem with the input as a whole (missing folder, no articles, bad taxonomy): exit status 2."""


def _print_warnings(caught: list) -> None:
    """One ``vnpe: warning: FILE: …`` line per bad or skipped file; other warnings as usual."""
    from vnpe.load import BadFileWarning

    for w in caught:
        if issubclass(w.category, BadFileWarning):
            print(f"vnpe: warning: {w.message}", file=sys.stderr)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def _articles(args: argparse.Namespace) -> pd.DataFrame:
    """Load the corpus, printing one ``vnpe: warning: FILE: …`` line per bad file on stderr."""
    from vnpe.load import BadFileWarning, CorpusNotFound, load_corpus

    _stage(args, "loading and cleaning the corpus")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", BadFileWarning)
        try:
            articles = load_corpus(args.dir, progress=_show_progress(args), warn=True, encoding=args.encoding,
                                   keep_raw=args.command == "lines")
        except CorpusNotFound as exc:
            raise CorpusError(str(exc)) from None
    if not getattr(args, "quiet", False):
        _print_warnings(caught)
    _stage(args, f"{len(articles)} articles read")
    return articles


def _write(df: pd.DataFrame, out: str | None, raw: bool = False) -> None:
    from vnpe.safeio import write_csv

    write_csv(df, None if out in (None, "-") else out, raw=raw)


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse, before any work, outputs that would overwrite an input or land in the corpus."""
    from vnpe.safeio import OutputError, check_output

    inputs = [t for t in [getattr(args, "taxonomy", None)] if t]
    outputs = [(args.output, args.command == "report")] if args.output not in (None, "-") else []
    if getattr(args, "skipped", None):
        outputs.append((args.skipped, False))
    try:
        for out, folder in outputs:
            check_output(out, corpus=args.dir, inputs=inputs, folder=folder)
        if len(outputs) == 2 and check_output(outputs[0][0]) == check_output(outputs[1][0]):
            raise OutputError(f"vnpe: -o and --skipped name the same file: {args.skipped}")
        if args.command == "report":
            from vnpe.report import check_report_folder

            check_report_folder(args.output)
    except OutputError as exc:
        raise CorpusError(str(exc)) from None


def _chunks(args: argparse.Namespace, reduce: Callable[[list[dict]], pd.DataFrame], keep_raw: bool = False,
            then: str = "") -> Iterator[pd.DataFrame]:
    """The command's table chunk by chunk (:func:`vnpe.load.corpus_chunks`): each chunk of files is loaded,
    cleaned and turned into its rows by ``reduce`` where it was cleaned (a worker for large corpora), then
    written by :func:`_run` before the next one is read, so that the corpus is never held whole."""
    from vnpe.load import CorpusNotFound, corpus_chunks, scan_articles

    try:
        scan = scan_articles(args.dir)
    except CorpusNotFound as exc:
        raise CorpusError(str(exc)) from None
    _stage(args, f"loading and cleaning the corpus{then}, chunk by chunk")
    return corpus_chunks(scan, reduce, path=args.dir, progress=_show_progress(args), warn=True,
                         encoding=args.encoding, keep_raw=keep_raw)


def cmd_articles(args: argparse.Namespace) -> Iterator[pd.DataFrame]:
    from vnpe.load import ARTICLE_CSV_COLUMNS, article_frame

    return _chunks(args, lambda rows: article_frame(rows)[ARTICLE_CSV_COLUMNS])


def cmd_lines(args: argparse.Namespace) -> Iterator[pd.DataFrame]:
    from vnpe.clean import line_table
    from vnpe.load import article_frame

    return _chunks(args, lambda rows: line_table(article_frame(rows)), keep_raw=True)


def _taxonomy(path: str | None):
    from vnpe.areas import TaxonomyError, load_taxonomy

    try:
        return load_taxonomy(path)
    except TaxonomyError as exc:
        raise CorpusError(f"vnpe: {exc}") from None


def cmd_areas(args: argparse.Namespace) -> Iterator[pd.DataFrame]:
    from vnpe.areas import area_table
    from vnpe.load import article_frame

    taxonomy = _taxonomy(args.taxonomy)  # a bad taxonomy file fails before the corpus is read
    # area_table is per article (no corpus-wide statistic), so chunk by chunk gives the whole table's rows
    return _chunks(args, lambda rows: area_table(article_frame(rows), taxonomy=taxonomy),
                   then=", finding cooperation areas")


def cmd_topics(args: argparse.Namespace) -> pd.DataFrame:
    from vnpe.topics import paragraph_units, topic_table

    taxonomy = _taxonomy(args.taxonomy)
    articles = _articles(args)
    if args.k is not None:
        n = len(paragraph_units(articles))
        if args.k > n:
            raise CorpusError(f"vnpe: --k {args.k} is more clusters than the corpus has paragraphs ({n})")
    _stage(args, "clustering paragraphs")
    return topic_table(articles, k=args.k, random_state=args.random_state, taxonomy=taxonomy)


def _overlap_tables(args: argparse.Namespace, events: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`vnpe.overlap.overlap_corpus`: the corpus streamed from the files (cleaned, sketched and reduced
    chunk by chunk), with the warnings of :func:`_articles`."""
    from vnpe.load import BadFileWarning, CorpusNotFound
    from vnpe.overlap import overlap_corpus

    _stage(args, "loading, cleaning and sketching the corpus")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", BadFileWarning)
        try:
            tables = overlap_corpus(args.dir, events=events, min_evidence=getattr(args, "min_evidence", None),
                                    encoding=args.encoding, progress=_show_progress(args), warn=True)
        except CorpusNotFound as exc:
            raise CorpusError(str(exc)) from None
    if not getattr(args, "quiet", False):
        _print_warnings(caught)
    return tables


def cmd_overlap(args: argparse.Namespace) -> pd.DataFrame:
    return _overlap_tables(args, events=True)[0]


def cmd_passages(args: argparse.Namespace) -> pd.DataFrame:
    return _overlap_tables(args, events=False)[1]


def cmd_report(args: argparse.Namespace) -> int:
    from vnpe.load import BadFileWarning, CorpusNotFound
    from vnpe.report import ReportError, build_report
    from vnpe.safeio import OutputError

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", BadFileWarning)
        try:
            index = build_report(args.dir, args.output, no_input=not args.with_code, taxonomy=args.taxonomy,
                                 on_loaded=lambda: (_print_warnings(caught), caught.clear()),
                                 parameters=_parameters(args.parameter), encoding=args.encoding,
                                 notebooks_dir=args.notebooks)
        except (CorpusNotFound, OutputError) as exc:
            raise CorpusError(str(exc)) from None
        except ValueError as exc:  # -p NAME that no notebook declares
            raise CorpusError(str(exc)) from None
        except FileNotFoundError as exc:  # notebooks folder or taxonomy file missing
            raise CorpusError(str(exc)) from None
        except ReportError as exc:  # every report was written; some notebooks failed
            print(str(exc), file=sys.stderr)
            print(f"report written: {exc.index}", file=sys.stderr)
            return 1
        finally:
            _print_warnings(caught)
    print(f"report written: {index}", file=sys.stderr)
    return 0


def _use_dask(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "dask", False) or getattr(args, "scheduler", None))


def _dask(args: argparse.Namespace) -> pd.DataFrame:
    """The subcommand on Dask (:mod:`vnpe.dask`): same table, also written as partitioned Parquet."""
    from vnpe.dask import run_command
    from vnpe.load import CorpusNotFound

    taxonomy = _taxonomy(args.taxonomy) if args.command == "areas" else None
    try:
        return run_command(args.command, args.dir, args.output, scheduler=args.scheduler,
                           encoding=args.encoding, taxonomy=taxonomy)
    except CorpusNotFound as exc:
        raise CorpusError(str(exc)) from None


# ---------------------------------------------------------------------------------------------------
# Usage checks, verbosity, progress and the closing summary (issue 12)


def _encoding(name: str) -> str:
    """An ``--encoding`` value Python knows (else one line and exit 2, through argparse)."""
    import codecs

    try:
        codecs.lookup(name)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding: {name!r} (e.g. cp1252, cp1258, latin-1)") from None
    return name


def _clusters(value: str) -> int:
    """A ``--k`` value: a whole number of clusters, at least 2."""
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if k < 2:
        raise argparse.ArgumentTypeError(f"{k}: the number of clusters must be at least 2")
    return k


def _check_corpus(args: argparse.Namespace) -> None:
    """DIR must be a folder, or a single file in a format the loader reads."""
    from vnpe.load import CorpusNotFound, check_corpus_path

    try:
        check_corpus_path(args.dir)
    except CorpusNotFound as exc:
        raise CorpusError(str(exc)) from None


def _show_progress(args: argparse.Namespace) -> bool:
    """Progress bars only on a terminal, and never with ``--quiet``."""
    return not getattr(args, "quiet", False) and sys.stderr.isatty()


def _stage(args: argparse.Namespace, what: str) -> None:
    """With ``--verbose``, one ``vnpe: …`` line on stderr as a stage starts."""
    if getattr(args, "verbose", False):
        print(f"vnpe: {what}", file=sys.stderr)


def _summary(args: argparse.Namespace, n_rows: int) -> None:
    """The one line a successful run ends with (unless ``--quiet``)."""
    if getattr(args, "quiet", False):
        return
    where = "standard output" if args.output in (None, "-") else args.output
    skipped = f" (skipped files listed in {args.skipped})" if getattr(args, "skipped", None) else ""
    print(f"vnpe: {n_rows:,} {args.command} rows written to {where}{skipped}", file=sys.stderr)


def _parameters(pairs: list[list[str]]) -> dict:
    """``-p NAME VALUE`` pairs as a dict; values read as Python literals when they are one.

    >>> _parameters([["k", "5"], ["label", "trade"], ["taxonomy", "None"]])
    {'k': 5, 'label': 'trade', 'taxonomy': None}
    """
    import ast

    out = {}
    for name, value in pairs:
        if not name.isidentifier():
            raise CorpusError(f"vnpe: -p {name}: a parameter name is a Python identifier")
        try:
            out[name] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            out[name] = value
    return out


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error: ``vnpe topics: error: argument --k: … (see vnpe topics --help)``."""

    def error(self, message: str):  # type: ignore[override]
        print(f"{self.prog}: error: {message} (see {self.prog} --help)", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _verbosity(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help="print errors only (no warnings, progress "
                       "or summary)")
    group.add_argument("-v", "--verbose", action="store_true", help="say what each stage is doing")


def build_parser() -> argparse.ArgumentParser:
    """The ``vnpe`` argument parser (one subparser per subcommand)."""
    from vnpe import __version__

    parser = _Parser(
        prog="vnpe", description="Analyse bilateral news coverage: clean, areas, overlap, reports."
    )
    parser.add_argument("--version", action="version", version=f"vnpe {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, func: Callable, help_: str,
            out_help: str = "CSV file to write (default: standard output)") -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("dir", help="corpus: a folder (every article file below it, recursively) or a single "
                       "article file")
        p.add_argument("-o", "--output", required=name == "report", help=out_help)
        _verbosity(p)
        if name != "report":
            p.add_argument("--encoding", type=_encoding, help="encoding of files that are not UTF-8 and have "
                           "no BOM (default: detected per file)")
            p.add_argument("--skipped", metavar="FILE", help="also write a CSV of the files and folders "
                           "below DIR that were not read, with the reason")
            p.add_argument("--raw-csv", action="store_true", help="write cells as they are and no "
                           "byte-order mark (default: cells a spreadsheet would evaluate get a leading "
                           "', and the file starts with a UTF-8 byte-order mark for Excel)")
        if name in DASK_COMMANDS:
            p.add_argument("--dask", action="store_true", help="run on a Dask cluster (a local one unless "
                           "--scheduler or DASK_SCHEDULER_ADDRESS is given); DIR may be any fsspec URL; the "
                           "table is also written as partitioned Parquet (OUTPUT with .parquet)")
            p.add_argument("--scheduler", metavar="ADDRESS", help="address of an existing Dask scheduler "
                           "(implies --dask)")
        p.set_defaults(func=func)
        return p

    add("articles", cmd_articles, "one row per article: metadata, status and the clean body")
    add("lines", cmd_lines, "one row per line of every file: role, kept flag and reason")
    p = add("areas", cmd_areas, "one row per (article, cooperation area) pair of the taxonomy")
    p.add_argument("--taxonomy", help="taxonomy file (TOML) to use instead of the built-in one")
    p = add("topics", cmd_topics, "one row per clustered paragraph: cluster, label and top terms")
    p.add_argument("--k", type=_clusters, default=None, help="number of clusters, at least 2 and at most the "
                   "number of paragraphs (default: chosen)")
    p.add_argument("--random-state", type=int, default=0, help="random state of the model")
    p.add_argument("--taxonomy", help="taxonomy file (TOML) whose areas label the clusters")
    p = add("overlap", cmd_overlap, "one row per pair of articles that share text or an event")
    p.add_argument("--min-evidence", type=float, default=MIN_EVIDENCE,
                   help="specific evidence a same-event link needs: each shared rare multi-word name counts 1, "
                   f"a rare acronym 0.5 (default: {MIN_EVIDENCE:g}; see README, 'Same-event links')")
    add("passages", cmd_passages, "one row per reused passage, with character offsets")
    p = add("report", cmd_report, "execute every notebook on DIR and render HTML reports",
            out_help="output folder for the HTML reports")
    p.add_argument("--with-code", action="store_true", help="show the code cells (default: hidden, so that "
                   "the report reads as a document)")
    p.add_argument("--no-input", action="store_true", help=argparse.SUPPRESS)  # the default now; kept for scripts
    p.add_argument("--taxonomy", help="taxonomy file (TOML) for the areas notebook")
    p.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"), default=[],
                   help="a notebook parameter, papermill style (e.g. -p k 5); VALUE is read as a Python "
                   "literal (number, None, True, a quoted string) or else as text")
    p.add_argument("--encoding", type=_encoding, help="encoding of files that are not UTF-8 and have no BOM "
                   "(default: detected per file)")
    p.add_argument("--notebooks", metavar="DIR", help="folder of notebooks to run (default: the ones that "
                   "ship with vnpe)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``vnpe`` console script; returns the exit status."""
    from vnpe.safeio import Terminated, signals_raise

    args = build_parser().parse_args(argv)
    try:
        with signals_raise():
            return _run(args)
    except CorpusError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`vnpe articles DIR | head`): stop quietly. Point stdout at /dev/null so
        # that the interpreter's final flush does not fail again.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_SIGPIPE
    except KeyboardInterrupt:
        print("vnpe: interrupted; earlier outputs left as they were", file=sys.stderr)
        return EXIT_SIGINT
    except Terminated:
        print("vnpe: terminated; earlier outputs left as they were", file=sys.stderr)
        return EXIT_SIGTERM


def _run(args: argparse.Namespace) -> int:
    _check_corpus(args)
    _check_outputs(args)
    result = _dask(args) if _use_dask(args) else args.func(args)
    if isinstance(result, int):  # a subcommand's own exit status (e.g. report: a notebook failed)
        return result
    if getattr(args, "skipped", None):
        from vnpe.load import skipped_files

        _write(skipped_files(args.dir), args.skipped, raw=args.raw_csv)
    if isinstance(result, pd.DataFrame):
        _write(result, args.output, raw=args.raw_csv)
        n_rows = len(result)
    else:  # a table streamed chunk by chunk (_chunks): its bad-file warnings come once the last is out
        from vnpe.load import BadFileWarning
        from vnpe.safeio import write_csv_chunks

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", BadFileWarning)
            n_rows = write_csv_chunks(result, None if args.output in (None, "-") else args.output,
                                      raw=args.raw_csv)
        if not getattr(args, "quiet", False):
            _print_warnings(caught)
    _summary(args, n_rows)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
