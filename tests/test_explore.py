"""Interactive views (issue 12): their logic, on articles written here, hostile text included."""

from __future__ import annotations

import pandas as pd

import vnpe
from vnpe.areas import mention_table
from vnpe.explore import area_explorer, area_sentences, article_explorer, article_lines_html, pair_explorer, pair_html

TEXTS = {
    "en": "Vietnam and Peru sign trade deal\n\nShare on Facebook\n\nLIMA (VNA) - Vietnam and Peru signed a trade "
          "agreement on Monday to expand exports of coffee and seafood.\n",
    "vi": "Việt Nam và Peru ký thỏa thuận\n\nHai bên nhất trí mở rộng xuất khẩu cà phê và thủy sản sang Peru.\n",
    "x": "<script>alert(1)</script> title\n\nPeru and Vietnam <img src=x onerror=alert(1)> discussed trade "
         "and exports of coffee.\n",
}


def test_article_lines_coloured_by_role_and_escaped() -> None:
    articles = vnpe.articles_from_texts(TEXTS)
    lines = vnpe.line_table(articles)
    page = article_lines_html(lines, "en")
    assert "vnpe-role-title" in page and "Share on Facebook" in page
    assert "vnpe-dropped" in page  # the share prompt is dropped, and says why
    hostile = article_lines_html(lines, "x")
    assert "<script>" not in hostile and "&lt;script&gt;" in hostile and "<img" not in hostile


def test_area_sentences_by_language() -> None:
    articles = vnpe.articles_from_texts(TEXTS)
    mentions = mention_table(articles)
    trade = area_sentences(mentions, "trade_investment")
    assert {"en", "vi"} <= set(trade["language"])
    only_vi = area_sentences(mentions, "trade_investment", language="vi")
    assert set(only_vi["language"]) == {"vi"} and len(only_vi) >= 1
    assert area_sentences(mentions, "no_such_area").empty


def test_pair_side_by_side() -> None:
    articles = vnpe.articles_from_texts({"a": TEXTS["x"], "b": TEXTS["x"].replace("title", "headline")})
    text = articles.set_index("doc_id").loc["a", "text"]
    passages = pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"], "start_a": [0], "end_a": [len(text)],
                             "start_b": [0], "end_b": [len(text)]})
    page = pair_html(articles, passages, "a", "b")
    assert 'class="vnpe-passage"' in page and "<img" not in page


def test_widgets_build() -> None:
    articles = vnpe.articles_from_texts(TEXTS)
    lines = vnpe.line_table(articles)
    assert article_explorer(lines).children[0].children[0].options == ("en", "vi", "x")
    assert area_explorer(mention_table(articles)).children
    passages = pd.DataFrame({"doc_a": ["en"], "doc_b": ["vi"], "start_a": [0], "end_a": [5], "start_b": [0],
                             "end_b": [5]})
    assert pair_explorer(articles, passages).children
