"""Dump what loading and cleaning decide about corpora, to check that a refactoring changes nothing.

For every article: its fields (title, byline, agency, outlet, place, date, date_partial, language, counts,
clean text, paragraph line numbers) and, for every line, its role, reason, text and cuts. Run it before and
after a change and compare the files byte for byte (``cmp``); any difference is a change of behaviour.

    python benchmarks/dump_clean.py out.tsv seeds tests/data/devset_clean /path/to/corpus ...
    python benchmarks/dump_clean.py out.tsv --generated 500    # also bench_corpus.py's generated pages
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIELDS = ["doc_id", "path", "encoding", "status", "message", "language", "title", "date", "date_partial", "place",
          "byline", "agency", "outlet", "url", "n_lines", "n_kept", "n_chars_raw", "n_chars_clean", "text",
          "para_lines"]


def dump(folder: Path, out) -> int:
    """Write one JSON line per article and one per line of it; return the number of articles."""
    import vnpe

    articles = vnpe.load_corpus(folder, warn=False, progress=False, n_jobs=1)
    for row in articles.itertuples(index=False):
        rec = {k: getattr(row, k) for k in FIELDS}
        rec["para_lines"] = list(rec["para_lines"])
        out.write("A\t" + json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        for no, info in enumerate(row.line_info, 1):
            out.write(f"L\t{row.doc_id}\t{no}\t" + json.dumps(list(info), ensure_ascii=False) + "\n")
    return len(articles)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--generated", type=int, default=0, help="also this many bench_corpus.py pages (seed 0)")
    args = ap.parse_args()
    with args.out.open("w", encoding="utf-8") as out:
        for folder in args.folders:
            out.write(f"# {folder.name}\n")
            print(folder, dump(folder, out), "articles", file=sys.stderr)
        if args.generated:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from bench_corpus import build

            with tempfile.TemporaryDirectory() as tmp:
                corpus = Path(tmp) / "corpus"
                corpus.mkdir()
                build(corpus, args.generated)
                out.write("# generated\n")
                print("generated", dump(corpus, out), "articles", file=sys.stderr)


if __name__ == "__main__":
    main()
