"""Tests of vnpe.events (same-event linking across languages) and vnpe.sources on fixtures written here."""

from __future__ import annotations

import warnings

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from vnpe.events import MIN_EVIDENCE, common_keys, compare, event_links, event_table, extract, fold
from vnpe.overlap import pair_table
from vnpe.plots import passages_html
from vnpe.sources import event_groups, event_summary, overlap_graph, source_table

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
    assert {"luong cuong", "dina boluarte"} <= e.names and {"apec", "cptpp"} <= e.acronyms
    v = extract(VI_LIMA)
    assert v.month_day == (11, 13) and v.place == "Lima" and v.year is None  # "APEC 2024" is not the year
    assert "luong cuong" in v.names  # diacritics removed: Lương Cường = Luong Cuong
    assert extract(VI_SF).place == "San Francisco"
    n = extract(EN_NICE, date="2025-06-10")
    assert n.date_label == "2025-06-09" and n.place == "Nice"
    assert n.year_from == "article date" and n.date_shown == "2025?-06-09"  # a guessed year is shown as one


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
    assert "Lima" in ev and "luong cuong" in ev and "dina boluarte" in ev


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
    assert src.set_index("doc_id").loc["vi_lima", "agency"] == "VNA"  # TTXVN is VNA
    ev = src.set_index("doc_id")["event"]
    assert ev["en_lima"] == ev["vi_lima"] and ev.nunique() == 3
    events = event_summary(src)
    assert events.iloc[0][["date", "place", "n_articles", "languages"]].tolist() == ["2024-11-13", "Lima", 2, "en;vi"]
    assert not pairs[pairs["same_event"]]["evidence"].str.contains("not the same event").any()
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


def test_names_never_cross_two_names():
    e = extract("Tàu đi qua Thái Bình Dương. Chủ tịch nước Lương Cường Huân chương Lao động được trao.")
    assert "binh duong" not in e.names  # the Pacific is not Bình Dương province
    assert "luong cuong" in e.names and not any("huan" in n for n in e.names)
    e = extract("National Security Advisor Jake Sullivan and Thailand's Pansa Hemviboon met Tổng thống Nga "
                "Vladimir Putin.")
    assert {"jake sullivan", "pansa hemviboon", "vladimir putin"} <= e.names


def test_places_and_agencies_are_not_names():
    e = extract("Tại Hà Nội, Việt Nam, TTXVN cho biết Lương Cường gặp Dina Boluarte ở New York.", agency="VNA")
    assert not {"ha noi", "viet nam", "new york"} & e.names and "ttxvn" not in e.acronyms


def test_common_names_never_count_on_their_own():
    # 30 unrelated stories of one city and one date that all name the same two people: no link
    texts = [f"Sáng 13/11 tại Hà Nội, Lương Cường và Phạm Minh Chính dự lễ số {i}." for i in range(30)]
    arts = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(30)], "language": "vi", "text": texts})
    assert event_links(arts).empty
    feats = [extract(t) for t in texts]
    assert {"luong cuong", "pham minh chinh"} <= common_keys(feats).keys()
    ok, why = compare(feats[0], feats[1], common_keys(feats))
    assert not ok and why == "no shared specific name"


def test_small_numbers_never_count():
    a = extract("Chiều 13/11 tại Lima, Dina Boluarte nói 12 dự án, 15 tỷ, 20 năm.")
    b = extract("On November 13 in Lima, Dina Boluarte cited 12 projects, 15 billion and 20 years.")
    # one shared name (1) + the same place beside the same date (0.5): the numbers add nothing
    assert compare(a, b, min_evidence=1.5)[0]
    ok, why = compare(a, b, min_evidence=2)
    assert not ok and why == "too little specific evidence (1.5 < 2)"


def test_min_evidence_is_the_threshold():
    a, b = extract(VI_LIMA), extract(EN_LIMA)
    assert compare(a, b, min_evidence=MIN_EVIDENCE)[0]
    assert not compare(a, b, min_evidence=10)[0]
    assert pair_table(frame(), min_evidence=10)["same_event"].sum() == 0


def test_seed_002_year_not_guessed_from_apec_2024():
    from vnpe.load import load_corpus

    arts = load_corpus("seeds")
    ev = event_table(arts).set_index("doc_id")
    row = ev.loc[[d for d in ev.index if d.startswith("002")][0]]
    assert row["event_date"] == "--11-17" and "2024" not in row["event_date_shown"]
    pairs = pair_table(arts)
    linked = {(a[:3], b[:3]) for a, b in zip(pairs["doc_a"], pairs["doc_b"], strict=True)
              if pairs.set_index(["doc_a", "doc_b"]).loc[(a, b), "same_event"]}
    assert {("001", "004"), ("003", "004")} <= linked  # 003 states no date: one event through 004
    assert not any("000" in p or "002" in p for p in linked)
    groups = event_groups(arts, pairs)
    by = {d[:3]: g for d, g in groups.items()}
    assert by["001"] == by["003"] == by["004"] and len({by["000"], by["002"], by["001"]}) == 3
    assert "2024" not in groups[[d for d in groups.index if d.startswith("002")][0]]


def test_sources_separate_author_agency_outlet():
    arts = frame().assign(byline=["Tuấn Anh", None, None, None], outlet=[None, None, "Tuổi Trẻ Online", None],
                          agency=["TTXVN", "Vietnam News Agency", "VNA", None])
    src = source_table(arts, pair_table(arts)).set_index("doc_id")
    assert src.loc["en_lima", ["agency", "author", "sources"]].tolist() == ["VNA", "Tuấn Anh", "VNA"]
    assert src.loc["en_nice", "agency"] == "VNA" and src.loc["vi_lima", "outlet"] == "Tuổi Trẻ"
    g = overlap_graph(src.reset_index(), pair_table(arts))
    assert "source:Tuấn Anh" not in g and "source:TTXVN" not in g


def test_one_event_grouping():
    arts = frame()
    pairs = pair_table(arts)
    src = source_table(arts, pairs).set_index("doc_id")
    groups = event_groups(arts, pairs)
    for a in groups.index:
        for b in groups.index:
            assert (groups[a] == groups[b]) == (src.loc[a, "event"] == src.loc[b, "event"])


def test_timeline_draws_dated_events_only():
    import matplotlib

    matplotlib.use("Agg")
    from vnpe.plots import plot_event_timeline

    events = pd.DataFrame({"event": [1, 2, 3], "date": ["2024-11-13", "2023?-11-17", "--11-17"],
                           "year_from": ["stated", "article date", ""], "place": ["Lima", "", ""],
                           "n_articles": [2, 2, 1], "languages": "vi", "doc_ids": "x"})
    ax = plot_event_timeline(events)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any("2023?-11-17" in t for t in labels) and not any("--11-17" in t for t in labels)
    assert "1 without a day and year not drawn" in ax.get_title() and "event 3" not in ax.get_title()


DATEISH = st.lists(st.sampled_from(list("0123456789/-–., ") + ["ngày ", "tháng ", "năm ", "Sáng ", "on ",
                                                                "November ", "Feb ", "31", "29", "00"]),
                   max_size=25).map("".join)
NAMEISH = st.lists(st.sampled_from(list("AĐÀÝaă ’'-.") + ["Lương ", "Cường ", "Huân chương ", "Thái ", "Bình ",
                                                           "Dương ", "US ", "'s ", "Monday "]),
                   max_size=25).map("".join)


@settings(max_examples=150, deadline=None)
@given(DATEISH, NAMEISH, st.sampled_from([None, "2024-02-30", "2024-13-01", "x", "2023-11-17", "0000-00-00"]))
def test_extract_never_raises_on_odd_dates_and_names(dates, names, date):
    e = extract(dates + " " + names, title=names, date=date, place=names or None, agency=names or None)
    assert e.date is None or 1 <= e.date.month <= 12
    assert all(len(n.split()) >= 2 for n in e.names)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(DATEISH, NAMEISH), min_size=2, max_size=6))
def test_event_links_never_raise_and_relation_matches_evidence(rows):
    arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(rows))], "language": "vi",
                         "text": [d + " " + n for d, n in rows]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        links = event_links(arts)
    assert set(links.columns) == {"a", "b", "evidence", "linked", "report", "report_evidence"}
    assert links["linked"].all()


def test_a_day_apart_is_a_time_zone_only_across_languages():
    a = pd.DataFrame({"doc_id": ["a", "b", "c"], "language": ["vi", "vi", "en"], "text": [
        "Sáng 27/9, Nguyễn Minh Triết và Nguyễn Đình Lộc tiếp xúc cử tri quận Tân Phú.",
        "Ngày 28/9, Nguyễn Minh Triết và Nguyễn Đình Lộc tiếp xúc cử tri quận Tân Bình.",
        "On September 28, Nguyen Minh Triet and Nguyen Dinh Loc met voters of Tan Phu district."]})
    pairs = {(int(x), int(y)) for x, y in zip(*(event_links(a)[c] for c in ("a", "b")), strict=True)}
    assert (0, 1) not in pairs and (0, 2) in pairs


def test_a_scheduled_date_is_not_the_event_date():
    # "expected on 5 May", "begins on 17 January", "vào ngày 19/12 tới": announced days, not the story's occasion
    for text in ("Labour said the election, widely expected on 5 May, would be close.",
                 "Hewitt may miss the Australian Open, which begins on 17 January in Melbourne.",
                 "Phiên đấu giá sẽ được tiến hành vào ngày 19/12 tới tại Moskva."):
        assert extract(text).date is None, text
    assert extract("Sáng 13/11 tại Lima, Lương Cường gặp Dina Boluarte.").date_label == "--11-13"
    assert extract("Hewitt beat Rochus 6-1 7-6 (7-5) in Sydney.").date is None  # a tie-break score


def test_without_a_shared_date_only_a_near_identical_cast_links():
    cast = "Antony Blinken, Jake Sullivan, John Kerry, Kurt Campbell and Marc Knapper"
    a = extract(f"US President Joe Biden arrived in Hanoi with {cast}.")
    b = extract(f"Tổng thống Joe Biden tới Hà Nội; tháp tùng có {cast}.")
    ok, why = compare(a, b)
    assert ok and "no date" in why
    # the same two leaders and one adviser, another occasion: a storyline, not one event
    c = extract("Joe Biden, Antony Blinken and Jake Sullivan met Le Hoai Trung, Nguyen Quoc Dung and Ha Kim Ngoc.")
    ok, why = compare(a, c)
    assert not ok and why.startswith("no shared event date")


def test_a_range_of_days_agrees_with_a_day_it_holds():
    a = extract("Tổng thống Joe Biden thăm cấp Nhà nước tới Việt Nam trong hai ngày 10-11/9 cùng Antony Blinken.")
    b = extract("Chiều 10/9, Tổng thống Joe Biden tới Hà Nội cùng Antony Blinken.")
    c = extract("Chiều 12/9, Tổng thống Joe Biden rời Hà Nội cùng Antony Blinken.")
    a.language = b.language = c.language = "vi"  # one language: no time-zone day of tolerance
    assert (a.date.day, a.date_end.day) == (10, 11)
    assert compare(a, b)[0] and not compare(b, c)[0]
    assert not compare(a, c)[0]  # 12/9 is a day after the range


def test_a_time_of_day_marks_an_occasion_and_a_recalled_date_is_not_one():
    a = extract("UNESCO công nhận Quần thể Yên Tử.\n\n" + "Di sản thế giới thứ 9 của Việt Nam. " * 4 +
                "\n\nQuyết định được Nikolay Nenov gõ búa lúc 13h02 ngày 12/7 (giờ Paris).")
    assert a.month_day == (7, 12)
    b = extract("Net traffic monitor OneStat.com has reported that the browser Firefox 1.0, released on 9 November, "
                "draws users from Internet Explorer.")
    assert b.date is None
    c = extract("Speaking to the press following the talks on November 13 afternoon, Luong Cuong said.")
    assert c.month_day == (11, 13)


def test_only_two_datelines_contradict():
    a = extract("HANOI — Shares of VinFast Auto Pte Ltd jumped on August 15. Nguyen Kieu Giang, Black Spade Capital.")
    b = extract("On August 15, VinFast Auto Ltd shares doubled as of 10:06 a.m. in New York. Black Spade Capital rose.")
    c = extract("NEW YORK — On August 15, VinFast Auto Ltd shares doubled. Black Spade Capital rose.")
    assert (a.place_from, b.place_from, c.place_from) == ("dateline", "text", "dateline")
    assert compare(a, b)[0]
    assert compare(a, c) == (False, "different places Hanoi / New York City")
