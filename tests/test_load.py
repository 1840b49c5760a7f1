"""Loading: encodings, line ends, bad files, doc ids; the seeds re-encoded give the same line table."""

from __future__ import annotations

import codecs
import shutil
import unicodedata
import warnings
from pathlib import Path

import pytest

from vnpe.clean import line_table
from vnpe.load import BadFileWarning, CorpusNotFound, SkippedFileWarning, decode_bytes, load_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
VI = "Chủ tịch nước Lương Cường hội đàm với Tổng thống Peru tại thủ đô Lima.\n\nHai bên nhất trí tăng cường hợp tác.\n"
EN = "Peru and Viet Nam sign a deal\n\nThe two sides signed a deal on mining in Lima on Monday.\n"


def seed_bytes() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))}


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), id="utf-8-bom"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16"),
        pytest.param(lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), id="utf-16-be"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode("utf-8"), id="cr"),
        pytest.param(lambda t: unicodedata.normalize("NFD", t).encode("utf-8"), id="nfd"),
    ],
)
def test_reencoded_seeds_give_the_same_line_table(tmp_path: Path, encode) -> None:
    for name, data in seed_bytes().items():
        (tmp_path / name).write_bytes(encode(data.decode("utf-8")))
    cols = ["doc_id", "line_no", "raw", "kept", "role"]
    expected = line_table(load_corpus(SEEDS, warn=False))[cols]
    got = line_table(load_corpus(tmp_path, warn=False))[cols]
    assert got.equals(expected)


def test_seeds_are_never_modified(tmp_path: Path) -> None:
    before = seed_bytes()
    articles = load_corpus(SEEDS, warn=False)
    line_table(articles)
    assert seed_bytes() == before
    assert (articles.status == "ok").all()


def test_raw_and_eol_rebuild_the_decoded_file(tmp_path: Path) -> None:
    text = "Title\r\n\r\nBody one.\rBody two.\nlast line without end"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-16"))
    articles = load_corpus(tmp_path)
    lines = line_table(articles)
    assert "".join(lines.raw + lines.eol) == text == articles.raw[0]
    assert articles.encoding[0] == "utf-16"


def test_bad_files_are_named_and_the_rest_is_processed(tmp_path: Path) -> None:
    sub = tmp_path / "Tin tức" / "Việt Nam"
    sub.mkdir(parents=True)
    (sub / "bài viết.txt").write_text(VI, encoding="utf-8")
    (tmp_path / "good.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "broken.txt").write_bytes(VI.encode("utf-8")[:40] + b"\xff\xfe\xc3" + VI.encode("utf-8")[40:])
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles = load_corpus(tmp_path)
    named = {str(w.message).split(":")[0] for w in caught if w.category is BadFileWarning}
    assert named == {"binary.txt", "broken.txt", "empty.txt"}
    skipped = [str(w.message) for w in caught if w.category is SkippedFileWarning]
    assert skipped == ["skipped (not an article format): notes.md"]
    status = dict(zip(articles.doc_id, articles.status, strict=True))
    assert status == {"Tin tức/Việt Nam/bài viết": "ok", "good": "ok", "empty": "empty", "binary": "binary",
                      "broken": "lossy"}
    by_id = articles.set_index("doc_id")
    assert by_id.loc["Tin tức/Việt Nam/bài viết", "language"] == "vi"
    assert by_id.loc["good", "language"] == "en"
    assert by_id.loc["empty", "text"] == ""
    assert "\ufffd" in by_id.loc["broken", "raw"]


def test_legacy_single_byte_encoding_goes_through_the_detector(tmp_path: Path) -> None:
    text = ("The café on the Plaza de Armas served crème brûlée. Peru's president said the summit's rôle "
            "was remarkable, and Señor Pérez, the attaché, agreed with the délégation. ") * 4
    assert decode_bytes(text.encode("cp1252")).text == text
    (tmp_path / "a.txt").write_bytes("Peru: Señor Pérez in Lima, café crème.".encode("latin-1"))
    assert load_corpus(tmp_path, encoding="latin-1").raw[0] == "Peru: Señor Pérez in Lima, café crème."


def test_doc_ids_are_sorted_relative_paths(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.txt", "a/b/c.TXT", "a.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(EN, encoding="utf-8")
    assert load_corpus(tmp_path).doc_id.tolist() == ["a", "a/b/c", "a/z", "b"]


def test_missing_or_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusNotFound, match="not found"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusNotFound, match="no articles"):
        load_corpus(tmp_path)


def test_decode_bytes_statuses() -> None:
    assert decode_bytes(b"").status == "empty"
    assert decode_bytes(b"  \n\n ").status == "empty"
    assert decode_bytes(codecs.BOM_UTF8).status == "empty"
    assert decode_bytes(b"abc\x00def").status == "binary"
    assert decode_bytes(codecs.BOM_UTF32_LE + "Lima".encode("utf-32-le")).text == "Lima"
    ok = decode_bytes("Lương Cường".encode())
    assert (ok.status, ok.encoding, ok.text) == ("ok", "utf-8", "Lương Cường")


def test_copy_of_seeds_under_subfolder_keeps_relative_ids(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "nested" / "seeds")
    ids = load_corpus(tmp_path).doc_id.tolist()
    assert ids == sorted("nested/seeds/" + p.stem for p in SEEDS.glob("*.txt"))


def test_parallel_loading_gives_the_same_table(tmp_path: Path) -> None:
    for i, (name, data) in enumerate(seed_bytes().items()):
        for k in range(3):
            (tmp_path / f"{k}_{name}").write_bytes(data)
        (tmp_path / f"bad{i}.txt").write_bytes(b"\x00" * i)
    one = load_corpus(tmp_path, n_jobs=1, warn=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        two = load_corpus(tmp_path, n_jobs=2)
    assert one.equals(two)
    assert len([w for w in caught if issubclass(w.category, BadFileWarning)]) == 5


def test_keep_raw_false_saves_the_raw_column(tmp_path: Path) -> None:
    articles = load_corpus(SEEDS, keep_raw=False)
    assert articles.raw.isna().all() and (articles.text.str.len() > 0).all()
    with pytest.raises(ValueError, match="keep_raw"):
        line_table(articles)
