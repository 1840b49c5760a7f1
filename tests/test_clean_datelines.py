"""Wire datelines (AP / Reuters / UPI and Vietnamese agency shapes) read into ``place`` and the article's day: a
capitals place, an optional state or region, an optional date, an optional agency, a dash; on the lead's line or
alone on its own line above it. Fixtures written here, after the shapes of Reuters-21578 (1987) and VNA/TTXVN."""

from __future__ import annotations

import pytest

from vnpe.clean import clean_text
from vnpe.clean.metadata import read_prefix
from vnpe.clean.vocabulary import default_vocabulary

BODY_EN = ("The company said its annual meeting will be held on March 31 in the city, where the board will vote on "
           "the merger.\nThe vote is expected to pass, analysts said on Friday.")
BODY_VI = ("Hai bên đã ký thỏa thuận hợp tác về thương mại và đầu tư, mở ra giai đoạn mới trong quan hệ song "
           "phương.\nLễ ký kết diễn ra tại trụ sở Bộ Ngoại giao.")


def meta(text: str) -> tuple:
    m = clean_text(text).meta
    return m.place, m.date, m.date_partial, m.agency


@pytest.mark.parametrize("dateline, place, day", [
    ("AKRON, Ohio, March 4 -", "Akron", "--03-04"),
    ("KANSAS CITY, Mo., March 4 -", "Kansas City", "--03-04"),
    ("CULVER CITY, Calif., March 4 -", "Culver City", "--03-04"),
    ("SAN ANTONIO, Texas, March 4 -", "San Antonio", "--03-04"),
    ("COMMACK, N.Y., Feb 26 -", "Commack", "--02-26"),
    ("TAUPO, New Zealand, March 24 -", "Taupo", "--03-24"),
    ("RIO DE JANEIRO, MARCH 25 -", "Rio de Janeiro", "--03-25"),
    ("WINSTON-SALEM, N.C., June 29 -", "Winston-Salem", "--06-29"),
])
def test_region_dateline_on_the_lead_line(dateline, place, day):
    # the dateline's day is the article's, not the meeting day the lead names ("on March 31")
    got = meta("COMPANY SETS ANNUAL MEETING\n\n" + dateline + " " + BODY_EN)
    assert got[:3] == (place, None, day)


@pytest.mark.parametrize("dateline, place, day", [
    ("WASHINGTON, April 3 -", "Washington", "--04-03"),
    ("AKRON, Ohio, March 4 -", "Akron", "--03-04"),
    ("KANSAS CITY, Mo., March 4 -", "Kansas City", "--03-04"),
    ("SALT LAKE CITY, March 19 -", "Salt Lake City", "--03-19"),
])
def test_dateline_alone_on_its_line(dateline, place, day):
    text = "COMPANY SETS ANNUAL MEETING\n" + dateline + "\n" + BODY_EN
    result = clean_text(text)
    assert (result.meta.place, result.meta.date_partial) == (place, day)
    # the line itself is left where it was; the story's lead is still kept
    assert "The company said its annual meeting" in result.text


def test_dateline_alone_above_a_table_of_results():
    text = ("H.F. AHMANSON AND CO 3RD QTR NET\nLOS ANGELES, Oct 20 -\nShr 41 cts vs 80 cts\nNet 40.3 mln vs 78.9 mln\n"
            "Nine mths\nShr 1.90 dlrs vs 2.10 dlrs\n")
    assert clean_text(text).meta.place == "Los Angeles"


def test_dateline_with_a_year():
    assert meta("COMPANY SETS ANNUAL MEETING\n\nWASHINGTON, March 4, 1987 - " + BODY_EN)[:3] == (
        "Washington", "1987-03-04", None)


@pytest.mark.parametrize("dateline", ["AKRON, Ohio, March 4 -", "KANSAS CITY, Mo., March 4 -",
                                      "CULVER CITY, Calif., March 4 -", "EDISON, N.J., April 3 -",
                                      "VANCOUVER, British Columbia, April 8 -", "FRANKFURT, West Germany, June 2 -"])
def test_a_region_never_becomes_the_place(dateline):
    v = default_vocabulary()
    for text in (dateline + " " + BODY_EN, dateline):
        p = read_prefix(text, v, alone=text == dateline)
        region = dateline.split(", ")[1]
        assert p is not None and p.place is not None
        assert region.strip(".").lower() not in p.place.lower()
        assert p.place == dateline.split(",")[0].title()


@pytest.mark.parametrize("text, expected", [
    ("Peru and Viet Nam sign deal\n\nLIMA, Nov 13 (VNA) – The two sides signed a trade agreement on Sunday in the "
     "capital, officials said.", ("Lima", None, "--11-13", "VNA")),
    ("Hai nước ký thỏa thuận\n\nHÀ NỘI, 13/11 (TTXVN) - " + BODY_VI, ("Hà Nội", None, "--11-13", "TTXVN")),
    ("Shares fall in London\n\nLONDON (Reuters) - Shares fell sharply on the exchange as traders sold banks "
     "and miners, dealers said.", ("London", None, None, "Reuters")),
    ("Conference opens\n\nNICE — The conference opened in the city, and the ministers met to discuss the "
     "oceans and the fisheries.", ("Nice", None, None, None)),
    ("date 2025-06-10 NICE — The conference opened in the city, and the ministers met to discuss the oceans.",
     ("Nice", "2025-06-10", None, None)),
])
def test_forms_already_read_stay_read(text, expected):
    assert meta(text) == expected


def test_outlet_tag_is_no_place():
    result = clean_text("Hội nghị khai mạc\n\nTTO - Sáng 5-6, hội nghị đã khai mạc tại Hà Nội với sự tham dự của "
                        "nhiều đại biểu trong và ngoài nước.")
    assert (result.meta.place, result.meta.outlet, result.meta.date_partial) == (None, "Tuổi Trẻ", "--06-05")


@pytest.mark.parametrize("dateline, place", [("HÀ NỘI, 13/11 (TTXVN) -", "Hà Nội"),
                                             ("TP HỒ CHÍ MINH, 13/11 -", "Tp Hồ Chí Minh")])
def test_vietnamese_dateline_alone_on_its_line(dateline, place):
    got = meta("Hai nước ký thỏa thuận\n" + dateline + "\n" + BODY_VI)
    assert (got[0], got[2]) == (place, "--11-13")


@pytest.mark.parametrize("line", [
    "THỨ HAI, 13/11/2023 -",           # a date line of the page, in capitals: a weekday is no place
    "Monday, March 4 -",
    "The company said, March 4 -",      # words in small letters: no dateline
    "Mr Smith, Chairman, March 4 -",    # not in capitals, not a known place
])
def test_no_place_from_lines_that_are_no_dateline(line):
    assert meta("COMPANY SETS ANNUAL MEETING\n" + line + "\n" + BODY_EN)[0] is None
