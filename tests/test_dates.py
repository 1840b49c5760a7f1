"""The dates layer: every date mention with its span, precision and range, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnpe.dates import SimpleDate, find_dates, parse_date, valid

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]


@pytest.mark.parametrize(
    "text, first",
    [
        ("date 2025-06-10 NICE — text", "2025-06-10"),
        ("Hà Nội, ngày 13 tháng 11 năm 2024", "2024-11-13"),
        ("on 13/11/2024 in Lima", "2024-11-13"),
        ("June 9, 2025 (local time)", "2025-06-09"),
        ("on June 9 (local time)", "--06-09"),
        ("Chiều 12/11, Chủ tịch nước", "--11-12"),
        ("TTO - Sáng 5-6, tại Hà Nội", "--06-05"),
        ("getTimeString('2006/01/27 10:20')", "2006-01-27"),
        ("tháng 11/2024 và tháng 3 năm 2025", "2024-11"),
        ("in November 2024", "2024-11"),
        ("13 Sept 2024", "2024-09-13"),
        ("Mar. 3, 2005", "2005-03-03"),
        ("Thứ Năm (17/11)", "--11-17"),
        ("HÀ NỘI, NGÀY 2 THÁNG 9 NĂM 2024", "2024-09-02"),  # capitals: "tháng" in any case
    ],
)
def test_first_mention(text: str, first: str) -> None:
    assert find_dates(text)[0].iso == first


@pytest.mark.parametrize(
    "text",
    [
        "no date at all",
        "chiếm 2/3 diện tích",  # a fraction
        "thắng 2-1 trước đối thủ",  # a score
        "BOD < 6-10 mg/l",
        "Xbox 2 may be unveiled in summer",  # "may" is not May
        "ngày 31/2 và 30/2/2024",  # impossible days are skipped, never raised
        "45/13 is not a date",
        "APEC 2024",  # a bare year without a cue is a name, not a date
    ],
)
def test_no_date(text: str) -> None:
    assert find_dates(text) == []


def test_ranges_and_spans() -> None:
    text = "Lễ hội diễn ra từ ngày 5-14/6 tại Huế; the fair runs June 5-14, 2025 and 5-14 June 2025."
    found = find_dates(text)
    assert [(m.iso, m.end.iso) for m in found] == [
        ("--06-05", "--06-14"), ("2025-06-05", "2025-06-14"), ("2025-06-05", "2025-06-14")]
    for m in found:
        assert text[m.start : m.stop] == m.text
    period = find_dates("kỷ niệm 30 năm (14/11/1994-14/11/2024)")[0]
    assert (period.iso, period.end.iso) == ("1994-11-14", "2024-11-14")


def test_cues_and_precision() -> None:
    m = find_dates("Sáng 17/11 theo giờ địa phương")[0]
    assert m.cue == "sáng" and m.occasion and m.precision == "day" and m.year is None
    assert find_dates("năm 2024")[0].precision == "year"
    assert parse_date("13/11").iso == "--11-13"  # a string known to hold a date needs no cue
    assert parse_date("nothing") is None
    assert SimpleDate(2024, 2, 29).to_date() == dt.date(2024, 2, 29)
    assert not valid(2023, 2, 29) and valid(None, 2, 29)


@st.composite
def date_like(draw: st.DrawFn) -> str:
    d = draw(st.integers(0, 40))
    m = draw(st.integers(0, 14))
    y = draw(st.integers(1700, 2200))
    sep = draw(st.sampled_from(["/", "-", ".", " "]))
    form = draw(st.sampled_from([
        f"{d}{sep}{m}{sep}{y}", f"{d}{sep}{m}", f"ngày {d} tháng {m} năm {y}", f"sáng {d}/{m}",
        f"{MONTH_NAMES[m % 12]} {d}, {y}", f"{d} {MONTH_NAMES[m % 12]}", f"{y}-{m}-{d}", f"{d}-{d + 3}/{m}",
        f"tháng {m}/{y}",
    ]))
    noise = draw(st.text(alphabet="abc ,.()-/0123456789ạđ", max_size=12))
    return draw(st.sampled_from([form, noise + form, form + noise, noise + " " + form + " " + noise]))


@settings(max_examples=300, deadline=None)
@given(date_like())
def test_any_date_like_string_gives_valid_dates_or_none(text: str) -> None:
    for m in find_dates(text):
        assert text[m.start : m.stop] == m.text
        assert valid(m.year, m.month, m.day)
        if m.end is not None:
            assert valid(m.end.year, m.end.month, m.end.day)
        if m.year and m.month and m.day:
            assert m.date.to_date() is not None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_never_raises(text: str) -> None:
    found = find_dates(text)
    assert all(a.stop <= b.start for a, b in zip(found, found[1:], strict=False))


def test_day_and_month_with_a_full_stop_after_a_day_cue() -> None:
    # Vietnamese papers write "Ngày 13.3", "Tối 14.4", "sáng qua 15.11": a date after a day-part, a weekday, a
    # relative day or "ngày"; after "từ", "lúc" or no cue, "2.5" stays a number (or a time)
    from vnpe.dates import find_dates

    assert [m.iso for m in find_dates("Ngày 13.3, Phó thủ trưởng cho biết")] == ["--03-13"]
    assert [m.iso for m in find_dates("Sáng qua 15.11, Bộ Khoa học")] == ["--11-15"]
    assert [m.iso for m in find_dates("vào ngày 7.10 tại Đà Nẵng")] == ["--10-07"]
    assert [m.iso for m in find_dates("hôm 23.2 đã trình làng")] == ["--02-23"]
    for text in ("từ 2.5 triệu lên 3.1 triệu", "lúc 10.05", "tăng 21.3%", "chỉ số 21.3", "on 21.3", "giá 13.3 USD"):
        assert find_dates(text) == [], text
    assert [m.iso for m in find_dates("sáng 21.3.2024 tại Hà Nội")] == ["2024-03-21"]
