"""The command line explains itself: each usage mistake exits 2 with one line, before any work (issue 12)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import vnpe
from vnpe.cli import main

EN = "Vietnam and Peru sign trade deal\n\nLIMA (VNA) - Vietnam and Peru signed a trade agreement on Monday.\n\n" \
     "The two sides agreed to expand cooperation in agriculture and mining.\n"
VI = "Việt Nam và Peru ký thỏa thuận\n\nLIMA (TTXVN) - Việt Nam và Peru đã ký thỏa thuận thương mại hôm thứ Hai.\n\n" \
     "Hai bên nhất trí mở rộng hợp tác trong nông nghiệp và khai khoáng.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "en.txt").write_text(EN, encoding="utf-8")
    (folder / "vi.txt").write_text(VI, encoding="utf-8")
    return folder


def _one_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""
    return lines[0]


def _usage_error(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    return _one_line(capsys)


def test_output_naming_a_folder(corpus: Path, tmp_path: Path, capsys) -> None:
    assert main(["articles", str(corpus), "-o", str(tmp_path)]) == 2
    assert "is a folder" in _one_line(capsys)


def test_report_output_naming_an_existing_file(corpus: Path, tmp_path: Path, capsys) -> None:
    existing = tmp_path / "report.html"
    existing.write_text("x", encoding="utf-8")
    assert main(["report", str(corpus), "-o", str(existing)]) == 2
    assert "is a file" in _one_line(capsys)
    assert existing.read_text(encoding="utf-8") == "x"


def test_unknown_encoding(corpus: Path, capsys) -> None:
    line = _usage_error(["articles", str(corpus), "--encoding", "no-such-codec"], capsys)
    assert "unknown encoding" in line and "no-such-codec" in line


@pytest.mark.parametrize("k", ["0", "-3", "1", "two"])
def test_k_below_two_or_not_a_number(corpus: Path, k: str, capsys) -> None:
    line = _usage_error(["topics", str(corpus), "--k", k], capsys)
    assert "--k" in line


def test_k_above_the_number_of_paragraphs(corpus: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "topics.csv"
    assert main(["topics", str(corpus), "--k", "50", "-o", str(out)]) == 2
    line = _one_line(capsys)
    assert "--k 50" in line and "paragraphs" in line
    assert not out.exists()


def test_a_file_that_is_not_a_corpus_file(tmp_path: Path, capsys) -> None:
    other = tmp_path / "notes.docx"
    other.write_bytes(b"PK\x03\x04")
    assert main(["articles", str(other)]) == 2
    line = _one_line(capsys)
    assert "is a file but not an article file" in line and "not found" not in line


def test_missing_corpus(tmp_path: Path, capsys) -> None:
    assert main(["articles", str(tmp_path / "missing")]) == 2
    assert "not found" in _one_line(capsys)


def test_a_single_txt_file_is_a_corpus(corpus: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "a.csv"
    assert main(["articles", str(corpus / "vi.txt"), "-o", str(out)]) == 0
    assert "1 articles rows written to" in capsys.readouterr().err


def test_version() -> None:
    proc = subprocess.run([sys.executable, "-m", "vnpe", "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"vnpe {vnpe.__version__}"


def test_help_says_output_defaults_to_stdout(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["articles", "--help"])
    assert "default: standard output" in capsys.readouterr().out


def test_summary_quiet_and_verbose(corpus: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "a.csv"
    assert main(["articles", str(corpus), "-o", str(out)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"vnpe: 2 articles rows written to {out}"]
    assert main(["articles", str(corpus), "-o", str(out), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["areas", str(corpus), "-o", str(out), "--verbose"]) == 0
    err = capsys.readouterr().err
    assert "vnpe: loading and cleaning the corpus" in err and "cooperation areas" in err
    assert main(["articles", str(corpus)]) == 0
    captured = capsys.readouterr()
    assert "written to standard output" in captured.err and "doc_id" in captured.out


def test_no_progress_bar_off_a_terminal(corpus: Path, tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "vnpe", "articles", str(corpus), "-o", str(tmp_path / "a.csv")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert "it/s" not in proc.stderr and "%|" not in proc.stderr
