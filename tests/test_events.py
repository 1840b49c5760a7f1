"""Tests of vnpe.events (same-event linking across languages) and vnpe.sources on fixtures written here."""

from __future__ import annotations

import pandas as pd

from vnpe.events import compare, event_links, extract, fold
from vnpe.overlap import pair_table
from vnpe.plots import passages_html
from vnpe.sources import event_summary, overlap_graph, source_table

EN_LIMA = ("LIMA — Vietnamese State President Luong Cuong held talks with Peruvian President Dina Boluarte "
           "in Lima on November 13, 2024, ahead of the APEC summit. The two leaders agreed to use the CPTPP "
           "and praised Viettel's Bitel project, which serves 12 million subscribers.")
VI_LIMA = ("Chiều 13/11, tại thủ đô Lima, Chủ tịch nước Lương Cường đã hội đàm với Tổng thống Dina Boluarte. "
           "Hai bên nhất trí khai thác hiệu quả Hiệp định CPTPP, Tổng thống đánh giá cao dự án Bitel của "
           "Viettel với 12 triệu thuê bao, trước thềm Hội nghị APEC 2024.")
VI_SF = ("Sáng 17/11, tại thành phố San Francisco, Hoa Kỳ, Chủ tịch nước Võ Văn Thưởng gặp Tổng thống "
         "Dina Boluarte nhân dịp Hội nghị Cấp cao APEC; hai bên bàn về CPTPP, Viettel và Bitel, "
         "và việc mở Đại sứ quán tại Lima.")
EN_NICE = ("NICE — Prime Minister Pham Minh Chinh met President Dina Boluarte in Nice, France, on June 9, "
           "recalling the visit of President Luong Cuong to Lima for APEC and the CPTPP, Viettel and Bitel.")


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["en_lima", "en_nice", "vi_lima", "vi_sf"],
        "language": ["en", "en", "vi", "vi"],
        "text": [EN_LIMA, EN_NICE, VI_LIMA, VI_SF],
        "date": [None, "2025-06-10", None, None],
        "agency": ["VNA", "VNA;VNS", "TTXVN", None],
        "status": "ok",
    })


def test_extract_dates_places_names():
    e = extract(EN_LIMA)
    assert e.date_label == "2024-11-13" and e.place == "Lima"
    assert {"luong cuong", "dina boluarte", "apec", "cptpp"} <= e.names
    v = extract(VI_LIMA)
    assert v.month_day == (11, 13) and v.place == "Lima" and v.year == 2024
    assert "luong cuong" in v.names  # diacritics removed: Lương Cường = Luong Cuong
    assert extract(VI_SF).place == "San Francisco"
    n = extract(EN_NICE, date="2025-06-10")
    assert n.date_label == "2025-06-09" and n.place == "Nice"


def test_anniversary_range_is_not_the_event_date():
    e = extract("Hai nước kỷ niệm 30 năm quan hệ ngoại giao (14/11/1994-14/11/2024) tại Lima.")
    assert e.month_day is None
    e = extract("Ngày 13/11 năm nay, hai nước kỷ niệm 30 năm (14/11/1994-14/11/2024).")
    assert e.month_day == (11, 13)


def test_links_same_meeting_across_languages_not_other_meetings():
    links = event_links(frame())
    pairs = {(int(a), int(b)) for a, b in zip(links["a"], links["b"], strict=True)}
    assert pairs == {(0, 2)}  # en_lima - vi_lima only
    ev = links.iloc[0]["evidence"]
    assert "Lima" in ev and "luong cuong" in ev


def test_conflicts_are_explained():
    lima, sf, nice = extract(VI_LIMA), extract(VI_SF), extract(EN_NICE, date="2025-06-10")
    ok, why = compare(lima, sf)
    assert not ok and why.startswith("different dates")
    ok, why = compare(extract(EN_LIMA), nice)
    assert not ok and why.startswith("different")


def test_pair_table_marks_same_event_and_sources():
    arts = frame()
    pairs = pair_table(arts)
    row = pairs[(pairs["doc_a"] == "en_lima") & (pairs["doc_b"] == "vi_lima")].iloc[0]
    assert row["relation"] == "same_event" and row["same_event"] and row["jaccard"] == 0
    assert pairs["same_event"].sum() == 1
    src = source_table(arts, pairs)
    assert src.set_index("doc_id").loc["en_nice", "sources"] == "VNA;VNS"
    ev = src.set_index("doc_id")["event"]
    assert ev["en_lima"] == ev["vi_lima"] and ev.nunique() == 3
    events = event_summary(src)
    assert events.iloc[0][["date", "place", "n_articles", "languages"]].tolist() == ["2024-11-13", "Lima", 2, "en;vi"]
    assert len(events) == 3
    g = overlap_graph(src, pairs)
    assert g.has_edge("article:en_lima", f"event:{ev['en_lima']}") and g.has_edge("article:en_lima", "source:VNA")
    assert not any(n.startswith("event:") and g.degree(n) < 2 for n in g.nodes)


def test_fold():
    assert fold("Đà Nẵng") == "da nang"
    assert fold("Trần Thanh Mẫn") == "tran thanh man"


def test_passages_html_escapes_untrusted_text():
    a = "Intro <script>alert(1)</script> shared passage & more"
    b = "Other <b>bold</b> shared passage & more"
    spans = pd.DataFrame({"start_a": [a.index("shared")], "end_a": [len(a)], "start_b": [b.index("shared")],
                          "end_b": [len(b)]})
    out = passages_html(a, b, spans, "<i>a</i>", "b")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<b>bold" not in out and "&lt;i&gt;a&lt;/i&gt;" in out
    assert out.count("<mark") == 2 and "shared passage &amp; more</mark>" in out
