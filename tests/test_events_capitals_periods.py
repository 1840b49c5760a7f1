"""Words in capitals give no acronyms or names; a date that bounds a period is not the event day (vnpe.events).

Fixtures written here, in the style of real copy (a 1987 Reuters-style company item, Vietnamese wire openings).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vnpe.events import extract
from vnpe.events.names import _capitals_lowered

EN_CAPS = ("USDA CORRECTS TURKEY CREDIT ANNOUNCEMENT\nKANSAS CITY, IND., March 4 -\n"
           "The Agriculture Department said it corrected an announcement on credit guarantees for turkey sales to "
           "Iraq made earlier this week, a spokesman said.")
VI_CAPS = ("VIỆT NAM VÀ PERU KÝ BẢN GHI NHỚ HỢP TÁC THƯƠNG MẠI\nHÀ NỘI —\n"
           "Chiều 13/11, tại Lima, Chủ tịch nước Lương Cường và Tổng thống Dina Boluarte chứng kiến lễ ký bản ghi "
           "nhớ về hợp tác thương mại giữa hai nước.")


def test_all_caps_headline_and_dateline_give_no_acronyms_en() -> None:
    e = extract(EN_CAPS, date="1987-03-04")
    assert not ({"corrects", "turkey", "credit", "announcement", "usda", "kansas", "city", "ind"} & e.acronyms)
    assert e.acronyms == set()


def test_all_caps_headline_gives_no_acronyms_or_names_vi() -> None:
    e = extract(VI_CAPS, date="2024-11-14")
    assert e.acronyms == set()
    assert not any("ghi nho" in n or "thuong mai" in n for n in e.names)
    assert "dina boluarte" in e.names  # names of the mixed-case text stay


def test_acronym_in_mixed_case_text_stays() -> None:
    e = extract("APEC leaders met in Lima on Friday to discuss trade, the organisers said.")
    assert "apec" in e.acronyms
    e = extract("Chiều 14/11, các nhà lãnh đạo APEC họp tại Lima để bàn về thương mại.")
    assert "apec" in e.acronyms


def test_acronym_beside_a_caps_run_in_a_line_stays() -> None:
    # two words in capitals inside a mixed-case line are not a title: "OPEC" and "IMF" stay acronyms
    e = extract("Ministers of OPEC and the IMF met in Vienna, officials said on Monday, March 2.")
    assert {"opec", "imf"} <= e.acronyms


def test_fiscal_year_date_is_not_the_event_date_en() -> None:
    # (no dateline: its day would be taken first, and the period's bound never tried)
    text = ("Linear Films Inc said earnings for the fiscal year ended April 30 will be lower "
            "than a year ago because of narrowing profit margins on stretch film, a spokesman said.")
    e = extract(text, date="1987-03-26")
    assert e.date is None or (e.date.month, e.date.day) != (4, 30)
    e = extract("The International Tin Council said the quota year started March 1 with exports limited to "
                "96,000 tonnes, the council said in a statement.", date="1987-03-20")
    assert e.date is None or (e.date.month, e.date.day) != (3, 1)
    e = extract("The company said the price increase of 50 cts a barrel is effective April 1 for all grades of "
                "crude oil it buys.", date="1987-03-30")
    assert e.date is None or (e.date.month, e.date.day) != (4, 1)


def test_fiscal_year_date_is_not_the_event_date_vi() -> None:
    text = ("Công ty cho biết lợi nhuận năm tài chính kết thúc ngày 30/6 tăng 12% so với cùng kỳ năm trước, "
            "theo báo cáo gửi Sở Giao dịch chứng khoán.")
    e = extract(text, date="2024-08-15")
    assert e.date is None or (e.date.month, e.date.day) != (6, 30)
    text = "Thông tư số 12 về mức lương cơ sở có hiệu lực thi hành vào ngày 1/7, theo Bộ Tài chính."
    e = extract(text, date="2024-06-20")
    assert e.date is None or (e.date.month, e.date.day) != (7, 1)


def test_occasion_date_still_read() -> None:
    e = extract("Chiều 13/11, tại Lima, Chủ tịch nước Lương Cường hội kiến Tổng thống Dina Boluarte.",
                date="2024-11-14")
    assert e.date is not None and (e.date.month, e.date.day) == (11, 13)
    e = extract("On March 4, Banner Industries said it completed the purchase of Rexnord Inc, the company said.",
                date="1987-03-04")
    assert e.date is not None and (e.date.month, e.date.day) == (3, 4)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("AbĐđÀàİ \n-&;lt#3.,ỆẾ"), max_size=80))
def test_capitals_lowered_keeps_length_and_lower_text(text: str) -> None:
    out = _capitals_lowered(text)
    assert len(out) == len(text)
    assert out.count("\n") == text.count("\n")
    assert all(a == b or a.lower() == b for a, b in zip(text, out, strict=True))


def _word_by_word(text: str) -> str:
    """The plain reading of ``_capitals_lowered``: every line, word by word (no pre-checks)."""
    import re

    letters = re.compile(r"&(?:[A-Za-z]+|#\d+);|([^\W\d_]+)")
    out, pos = list(text), 0
    for line in text.split("\n"):
        caps: list[tuple[int, int]] = []
        spans: list[tuple[int, int]] = []
        n_words = 0
        for w in letters.finditer(line):
            word = w.group(1)
            if word is None or len(word) < 2 and word.isupper():
                continue
            n_words += 1
            if word.isupper():
                caps.append(w.span())
                continue
            if len(caps) >= 3:
                spans.append((caps[0][0], caps[-1][1]))
            caps = []
        if caps and (len(caps) >= 3 or len(caps) == n_words):
            spans.append((caps[0][0], caps[-1][1]))
        for a, b in spans:
            for i in range(pos + a, pos + b):
                if len(out[i].lower()) == 1:
                    out[i] = out[i].lower()
        pos += len(line) + 1
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("AbBzĐđỆệ中ǅ𐐀𐐨 \n.-&;lt#1"), max_size=60))
def test_capitals_lowered_pre_checks_change_nothing(text: str) -> None:
    """The pre-checks (a pair of capitals, a small letter, a run of pairs) only skip lines the plain reading leaves."""
    assert _capitals_lowered(text) == _word_by_word(text)
