"""Command line: ``vnpe SUBCOMMAND DIR -o FILE`` (also ``python -m vnpe``).

Every subcommand reads a corpus folder, writes one CSV (or a report folder), names bad files in warnings
on stderr and exits 0; a missing folder or a folder with no articles exits 2 with one line on stderr.

Example:
    $ vnpe articles seeds -o articles.csv
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

EXIT_USAGE = 2
DASK_COMMANDS = ("articles", "areas", "overlap", "passages")


class CorpusError(Exception):
    """A problem with the input as a whole (missing folder, no articles, bad taxonomy): exit status 2."""


def _articles(args: argparse.Namespace) -> pd.DataFrame:
    """Load the corpus, printing one ``vnpe: warning: FILE: …`` line per bad file on stderr."""
    from vnpe.load import BadFileWarning, CorpusNotFound, load_corpus

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", BadFileWarning)
        try:
            articles = load_corpus(args.dir, progress=None, warn=True, encoding=args.encoding,
                                   keep_raw=args.command == "lines")
        except CorpusNotFound as exc:
            raise CorpusError(str(exc)) from None
    for w in caught:
        if issubclass(w.category, BadFileWarning):
            print(f"vnpe: warning: {w.message}", file=sys.stderr)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return articles


def _write(df: pd.DataFrame, out: str | None) -> None:
    if out is None or out == "-":
        df.to_csv(sys.stdout, index=False)
    else:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        df.to_csv(out, index=False)


def cmd_articles(args: argparse.Namespace) -> pd.DataFrame:
    from vnpe.load import ARTICLE_CSV_COLUMNS

    return _articles(args)[ARTICLE_CSV_COLUMNS]


def cmd_lines(args: argparse.Namespace) -> pd.DataFrame:
    from vnpe.clean import line_table

    return line_table(_articles(args))[["doc_id", "line_no", "raw", "kept", "role", "reason"]]


def _taxonomy(path: str | None):
    from vnpe.areas import TaxonomyError, load_taxonomy

    try:
        return load_taxonomy(path)
    except TaxonomyError as exc:
        raise CorpusError(f"vnpe: {exc}") from None


def cmd_areas(args: argparse.Namespace) -> pd.DataFrame:
    from vnpe.areas import area_table

    taxonomy = _taxonomy(args.taxonomy)  # a bad taxonomy file fails before the corpus is read
    return area_table(_articles(args), taxonomy=taxonomy)


def cmd_topics(args: argparse.Namespace) -> pd.DataFrame:
    from vnpe.topics import topic_table

    return topic_table(_articles(args), k=args.k, random_state=args.random_state)


def cmd_overlap(args: argparse.Namespace) -> pd.DataFrame:
    from vnpe.overlap import pair_table

    return pair_table(_articles(args))


def cmd_passages(args: argparse.Namespace) -> pd.DataFrame:
    from vnpe.overlap import passage_table

    return passage_table(_articles(args))


def cmd_report(args: argparse.Namespace) -> int:
    from vnpe.load import CorpusNotFound
    from vnpe.report import ReportError, build_report

    if not Path(args.dir).is_dir():
        raise CorpusError(f"vnpe: corpus folder not found: {args.dir}")
    try:
        index = build_report(args.dir, args.output, no_input=args.no_input, taxonomy=args.taxonomy)
    except CorpusNotFound as exc:
        raise CorpusError(str(exc)) from None
    except FileNotFoundError as exc:  # notebooks folder or taxonomy file missing
        raise CorpusError(str(exc)) from None
    except ReportError as exc:  # every report was written; some notebooks failed
        print(str(exc), file=sys.stderr)
        print(f"report written: {exc.index}", file=sys.stderr)
        return 1
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


def build_parser() -> argparse.ArgumentParser:
    """The ``vnpe`` argument parser (one subparser per subcommand)."""
    parser = argparse.ArgumentParser(
        prog="vnpe", description="Analyse bilateral news coverage: clean, areas, overlap, reports."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, func: Callable, help_: str, out_help: str = "CSV file to write") -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("dir", help="corpus folder (every *.txt below it, recursively)")
        p.add_argument("-o", "--output", required=name == "report", help=out_help)
        if name != "report":
            p.add_argument("--encoding", help="encoding of files that are not UTF-8 and have no BOM "
                           "(default: detected per file)")
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
    p.add_argument("--k", type=int, default=None, help="number of clusters (default: chosen)")
    p.add_argument("--random-state", type=int, default=0, help="random state of the model")
    add("overlap", cmd_overlap, "one row per pair of articles that share text or an event")
    add("passages", cmd_passages, "one row per reused passage, with character offsets")
    p = add("report", cmd_report, "execute every notebook on DIR and render HTML reports",
            out_help="output folder for the HTML reports")
    p.add_argument("--no-input", action="store_true", help="hide code cells in the HTML")
    p.add_argument("--taxonomy", help="taxonomy file (TOML) for the areas notebook")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``vnpe`` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        result = _dask(args) if _use_dask(args) else args.func(args)
    except CorpusError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    if isinstance(result, pd.DataFrame):
        _write(result, args.output)
    elif isinstance(result, int):  # a subcommand's own exit status (e.g. report: a notebook failed)
        return result
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
