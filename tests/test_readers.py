"""Corpora in every input format (issue 12): saved HTML pages, JSON Lines, CSV and Parquet exports."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

from vnpe.cli import main
from vnpe.load import ARTICLE_COLUMNS, BadFileWarning, load_corpus

EN_TITLE = "Vietnam and Peru sign trade deal"
EN_BODY = ("LIMA (VNA) - Vietnam and Peru signed a trade agreement on Monday, officials said.\n\n"
           "The two sides agreed to expand cooperation in agriculture and mining over the coming years.")
VI_TITLE = "Việt Nam và Peru ký thỏa thuận thương mại"
VI_BODY = ("LIMA (TTXVN) - Việt Nam và Peru đã ký thỏa thuận thương mại hôm thứ Hai, các quan chức cho biết.\n\n"
           "Hai bên nhất trí mở rộng hợp tác trong nông nghiệp và khai khoáng trong những năm tới.")
HOSTILE_TITLE = '<script>alert("x")</script>=HYPERLINK("http://evil")'
HOSTILE_BODY = ("Peru and Vietnam held talks on fisheries <img src=x onerror=alert(1)> in Hanoi on Friday.\n\n"
                "The ministers discussed seafood exports and port investment for the next season.")

ROWS = [
    {"id": "en1", "text": EN_BODY, "title": EN_TITLE, "date": "2024-11-15", "url": "https://example.org/en1",
     "outlet": "Example News", "language": "en"},
    {"id": "vi1", "text": VI_BODY, "title": VI_TITLE, "date": "2024-11-16", "url": "https://example.org/vi1",
     "outlet": "Báo Ví Dụ", "language": "vi"},
    {"id": "x1", "text": HOSTILE_BODY, "title": HOSTILE_TITLE, "date": "", "url": "", "outlet": "", "language": ""},
]


def _page(title: str, body: str, date: str, site: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{title} | {site}</title>'
            f'<meta property="og:site_name" content="{site}"><meta name="date" content="{date}"></head>'
            f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            f"<script>document.write('<p>injected by script</p>')</script>"
            f"<article><h1>{title}</h1>{paras}</article><footer>Copyright 2024</footer></body></html>")


def _write(folder: Path, fmt: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        (folder / "en.html").write_text(_page(EN_TITLE, EN_BODY, "2024-11-15", "Example News"), encoding="utf-8")
        (folder / "vi.htm").write_text(_page(VI_TITLE, VI_BODY, "2024-11-16", "Báo Ví Dụ"), encoding="utf-8")
        hostile = _page("Fisheries talks", HOSTILE_BODY.replace("<img", "&lt;img"), "2024-11-17", "X")
        (folder / "x.html").write_text(hostile.replace("<h1>", "<h1><script>alert(1)</script>"), encoding="utf-8")
        return folder
    df = pd.DataFrame(ROWS)
    if fmt == "jsonl":
        (folder / "news.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS),
                                           encoding="utf-8")
    elif fmt == "csv":
        df.to_csv(folder / "news.csv", index=False, encoding="utf-8")
    elif fmt == "parquet":
        df.to_parquet(folder / "news.parquet", index=False)
    return folder


@pytest.mark.parametrize("fmt", ["html", "jsonl", "csv", "parquet"])
def test_every_format_gives_the_articles_table(tmp_path: Path, fmt: str) -> None:
    folder = _write(tmp_path / fmt, fmt)
    articles = load_corpus(folder)
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert len(articles) == 3
    assert (articles.status == "ok").all()
    by_id = articles.set_index("doc_id")
    en, vi = (by_id.loc["en"], by_id.loc["vi"]) if fmt == "html" else (by_id.loc["news#en1"], by_id.loc["news#vi1"])
    assert (en.language, vi.language) == ("en", "vi")
    assert "Peru" in en.text and "nông nghiệp" in vi.text and vi.title == VI_TITLE
    for text in articles.text:
        assert "<script" not in text and "injected by script" not in text and "Home" not in text
    assert articles.source.notna().all()  # the raw HTML / the row, nothing lost
    if fmt == "html":
        assert (en.title, en.date, en.outlet) == (EN_TITLE, "2024-11-15", "Example News")
        assert "<script>" in articles.source.iloc[0]
        assert sorted(articles.doc_id) == ["en", "vi", "x"]
    else:
        assert sorted(articles.doc_id) == ["news#en1", "news#vi1", "news#x1"]
        assert (en.title, en.date, en.url, en.outlet) == (EN_TITLE, "2024-11-15", "https://example.org/en1",
                                                          "Example News")
        x = articles.set_index("doc_id").loc["news#x1"]
        assert x.title == HOSTILE_TITLE and pd.isna(x.date)


def test_a_single_table_file_is_a_corpus(tmp_path: Path) -> None:
    folder = _write(tmp_path / "c", "csv")
    articles = load_corpus(folder / "news.csv")
    assert len(articles) == 3 and set(articles.path) == {"news.csv"}


def test_bad_rows_and_bad_files_get_a_status_and_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "rows.jsonl").write_text(json.dumps({"text": EN_BODY}) + "\n{not json\n" + '[1, 2]\n'
                                       + json.dumps({"text": ""}) + "\n", encoding="utf-8")
    (folder / "notext.csv").write_text("headline,body\nA,B\n", encoding="utf-8")
    (folder / "broken.parquet").write_bytes(b"PAR1 not really")
    (folder / "blank.html").write_text("<html><head><title></title></head><body></body></html>", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", BadFileWarning)
        articles = load_corpus(folder)
    status = dict(zip(articles.doc_id, articles.status, strict=True))
    assert status == {"blank": "empty", "broken": "unreadable", "notext": "unreadable", "rows#1": "ok",
                      "rows#2": "undecodable", "rows#3": "undecodable", "rows#4": "empty"}
    shown = " ".join(str(w.message) for w in caught)
    for name in ["rows.jsonl#2", "rows.jsonl#3", "rows.jsonl#4", "notext.csv", "broken.parquet", "blank.html"]:
        assert name in shown
    assert "rows.jsonl#1" not in shown


def test_report_runs_on_a_jsonl_corpus(tmp_path: Path) -> None:
    folder = _write(tmp_path / "j", "jsonl")
    out = tmp_path / "report"
    assert main(["report", str(folder), "-o", str(out)]) == 0
    pages = sorted(p.name for p in out.glob("*.html"))
    assert "index.html" in pages and len(pages) >= 2
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in index.lower()
    for page in out.glob("*.html"):
        assert '<script>alert("x")' not in page.read_text(encoding="utf-8")
