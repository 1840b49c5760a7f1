"""The command line: outputs, exit statuses, messages on stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from vnpe.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_articles_csv(tmp_path: Path) -> None:
    out = tmp_path / "articles.csv"
    assert main(["articles", str(SEEDS), "-o", str(out)]) == 0
    df = pd.read_csv(out)
    for col in ["doc_id", "path", "encoding", "language", "title", "date", "place", "byline", "agency",
                "n_lines", "n_kept", "status", "text"]:
        assert col in df.columns
    assert len(df) == len(list(SEEDS.glob("*.txt")))


def test_lines_csv(tmp_path: Path) -> None:
    out = tmp_path / "lines.csv"
    assert main(["lines", str(SEEDS), "-o", str(out)]) == 0
    df = pd.read_csv(out, keep_default_na=False)
    assert list(df.columns) == ["doc_id", "line_no", "raw", "eol", "text", "kept", "role", "reason", "cuts"]
    n_lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in SEEDS.glob("*.txt"))
    assert len(df) == n_lines
    assert set(df.kept) <= {True, False}
    # raw + eol rebuilds each file as decoded; a dropped line contributes no text
    from vnpe.load import decode_bytes
    from vnpe.text import nfc

    for path in SEEDS.glob("*.txt"):
        rows = df[df.doc_id == path.stem]
        assert "".join(rows.raw + rows.eol) == nfc(decode_bytes(path.read_bytes()).text)
    assert (df[~df.kept].text == "").all()


def test_missing_folder_exits_2_with_one_line(tmp_path: Path, capsys) -> None:
    assert main(["articles", str(tmp_path / "missing"), "-o", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not found" in err[0]
    (tmp_path / "empty").mkdir()
    assert main(["lines", str(tmp_path / "empty"), "-o", str(tmp_path / "x.csv")]) == 2


def test_bad_file_is_named_and_exit_is_0(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Title\n\nThe two sides met in Lima on Monday.\n", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\x00\x01\x02\x03")
    proc = subprocess.run([sys.executable, "-m", "vnpe", "articles", str(corpus), "-o", str(tmp_path / "a.csv")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert "bad.txt" in proc.stderr and "Traceback" not in proc.stderr
    df = pd.read_csv(tmp_path / "a.csv")
    assert dict(zip(df.doc_id, df.status, strict=True)) == {"bad": "binary", "good": "ok"}


def test_bad_taxonomy_file_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["areas", str(SEEDS), "--taxonomy", str(tmp_path / "missing.toml"), "-o", str(tmp_path / "a.csv")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "missing.toml" in err[0]


def test_streamed_tables_are_the_whole_tables(tmp_path: Path, monkeypatch) -> None:
    """`vnpe articles|areas|lines` write chunk by chunk; with one file per chunk the CSV is still the one
    the whole table gives (one header, same rows, same cell formats), and the summary counts every row."""
    import vnpe.load
    from vnpe.areas import area_table
    from vnpe.clean import line_table
    from vnpe.load import ARTICLE_CSV_COLUMNS, load_corpus
    from vnpe.safeio import write_csv

    whole = load_corpus(SEEDS, warn=False)
    expected = {"articles": whole[ARTICLE_CSV_COLUMNS], "areas": area_table(whole), "lines": line_table(whole)}
    monkeypatch.setattr(vnpe.load, "CHUNK", 1)
    for command, table in expected.items():
        want, got = tmp_path / f"want_{command}.csv", tmp_path / f"got_{command}.csv"
        write_csv(table, want)
        assert main([command, str(SEEDS), "-o", str(got)]) == 0
        assert got.read_bytes() == want.read_bytes(), command
