"""Dates a follow-up recalls are not its occasion (issue 9, whole-corpus precision: an incident and its follow-up).

A photo caption dates the photo ("... bắt ông Tiến ngày 4-4. Ảnh: VNN", "(ảnh chụp tối 27-3)"), often an earlier
step of the story shown again; a sentence after the lead saying when the incident happened ("Vụ hành hung xảy ra
tối 22/4") recalls the incident in a story about what followed. Fixtures are written here.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vnpe.dates import find_dates
from vnpe.events import compare, extract
from vnpe.events.occasion import _captioned, _happened

CAST = "Bùi Thị Huyền Sâm, Cao Văn Vinh, Dương Mạnh Cường và Uông Thế Vinh"
LONG = " Cơ quan điều tra đang tiếp tục làm rõ vai trò của từng người trong vụ việc này theo quy định của pháp luật."


def test_a_caption_date_is_not_the_occasion():
    e = extract("Tôi không nhận tiền Người dân theo dõi việc bắt ông Nguyễn Việt Tiến ngày 4-4. Ảnh: VNN "
                "Thiếu tướng Cao Ngọc Oánh phân trần với phóng viên chiều 6-4 khi được hỏi." + LONG)
    assert e.month_day == (4, 6)


def test_a_photo_taken_date_is_not_the_occasion():
    e = extract("Hơn 100 cô gái sa bẫy Ngôi nhà số 311 (ảnh chụp tối 27-3) Ảnh: B. TRUNG Chiều 28-3, công an "
                "cho biết đã bắt thêm 7 người." + LONG)
    assert e.month_day == (3, 28)


def test_the_body_still_dates_a_report_whose_caption_is_dropped():
    # a report's photo shows its own occasion: the body states the day again
    e = extract("Hai nhà lãnh đạo chụp ảnh chung ngày 13/11. Ảnh: TTXVN Chiều 13/11, tại Lima, Chủ tịch nước Lương "
                "Cường hội đàm với Tổng thống Dina Boluarte." + LONG)
    assert e.month_day == (11, 13)


def test_a_caption_without_credit_is_read_as_text():
    e = extract("Chiều 13/11, Chủ tịch nước Lương Cường hội đàm với Tổng thống Dina Boluarte tại Lima." + LONG)
    assert e.month_day == (11, 13)


def test_when_the_incident_happened_after_the_lead_is_recalled():
    follow = extract("Khởi tố kẻ hành hung một Cục phó\n\nCơ quan Cảnh sát Điều tra Công an Hà Nội vừa quyết định "
                     f"khởi tố {CAST}." + LONG + "\n\nVụ hành hung xảy ra tối 22/4, do xích mích giao thông.")
    incident = extract(f"Tối 22/4, {CAST} hành hung ông Nguyễn Xuân Lý tại Hà Nội." + LONG)
    follow.language = incident.language = "vi"
    assert follow.month_day is None and incident.month_day == (4, 22)
    assert not compare(follow, incident)[0]


def test_when_it_happened_in_the_lead_stays_the_occasion():
    e = extract("Tai nạn thảm khốc\n\nVụ tai nạn xảy ra lúc 12 giờ 50 ngày 3-4 trên Quốc lộ 1A." + LONG)
    assert e.month_day == (4, 3)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 28), st.integers(1, 12), st.sampled_from(["ngày ", "vào ngày ", "vào tối ", "lúc 9 giờ ngày ", "sáng "]))
def test_happened_cue_marks_any_day(day, month, between):
    t = f"Vụ việc xảy ra {between}{day}/{month}, tại Hà Nội."
    ms = [m for m in find_dates(t) if m.day == day]
    assert ms and _happened(ms[0], t)
    u = f"Ngày {day}/{month}, công an khởi tố vụ án."
    assert not any(_happened(m, u) for m in find_dates(u))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 28), st.integers(1, 12), st.sampled_from(["Ảnh: VNN", "Ảnh: T.T", "(Ảnh: TTXVN)", "Photo: VNA"]))
def test_caption_cue_marks_any_day(day, month, credit):
    t = f"Hiện trường vụ việc ngày {day}-{month}. {credit} Sau đó công an đến."
    ms = [m for m in find_dates(t) if m.day == day]
    assert ms and _captioned(ms[0], t)


def test_a_word_holding_hoi_is_no_past_cue():
    # "thu hồi" (withdraw), "phục hồi" (restore) hold the syllable "hồi" but recall nothing: the date after them is
    # the occasion; "hồi" itself ("hồi ngày 12/8", "back on 12 August") recalls a past day
    from vnpe.events.occasion import _recalled

    for text, recalled in (("Bộ Y tế thu hồi lô thuốc ngày 12/8.", False),
                           ("Khu rừng được phục hồi, khánh thành ngày 12/8.", False),
                           ("Hồi ngày 12/8, ông bị bắt.", True),
                           ("Prices have risen since 12 August.", True),
                           ("The shares, launched on 12 August, fell.", True),
                           ("Công ty phản hồi ý kiến kể từ ngày 12/8.", True)):
        m = find_dates(text)[0]
        assert _recalled(m, text) is recalled, text
