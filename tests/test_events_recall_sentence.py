"""A day told in a sentence that recalls it is no anchor of a same-event link (``events.occasion._told_as_recall``).

Small examples written here, modelled on judged links of VNTC (a later step of a case that recalls the first
step's day) and on BBC-style English; the rule was chosen on the judged links by ``benchmarks/date_place_cv.py``.
"""

from __future__ import annotations

from vnpe.dates import find_dates
from vnpe.events import compare, extract
from vnpe.events.occasion import _told_as_recall

FIRST = ("Bắt 7 đối tượng buôn lậu tại TPHCM\n\n(NLĐ) - Chiều 27-3, Công an tỉnh Tiền Giang đã phối hợp với Bộ Công "
         "an đồng loạt ra quân tại TPHCM và Tây Ninh, bắt khẩn cấp 7 đối tượng trong đường dây của Lư Gia Tường và "
         "Lý Thị Đào.")
SECOND = ("Bắt 7 đối tượng tại TPHCM và Tây Ninh\n\nHôm qua (27-3), Công an tỉnh Tiền Giang và Bộ Công an đã bắt khẩn "
          "cấp 7 đối tượng trong đường dây buôn lậu của Lư Gia Tường và Lý Thị Đào tại TPHCM và Tây Ninh.")
FOLLOW_UP = ("Khởi tố 7 bị can trong đường dây buôn lậu\n\nNhư Báo Người Lao Động đã thông tin, chiều 27-3, Công an "
             "tỉnh Tiền Giang đã bắt khẩn cấp 7 đối tượng trong đường dây của Lư Gia Tường và Lý Thị Đào; nay cơ "
             "quan điều tra đã khởi tố 7 bị can.")


def test_a_recall_sentence_marks_its_date_unless_the_date_opens_it():
    ts = ["Như Báo NLĐ đã thông tin, chiều 27-3, công an bắt 7 người.",
          "Trước đó, ông Dũng bị bắt vào tối 3-3 tại nhà riêng.",
          "Một vụ án nghiêm trọng đã xảy ra vào lúc 5h15 ngày 28/2 tại ấp Bình Đường.",
          "(NLĐ)- Chiều 27-3, công an bắt 7 người trong vụ án buôn lậu.",  # opens its sentence: the occasion
          "Hôm qua (27-3), công an bắt 7 người trong vụ án buôn lậu.",
          "Sáng 20/7, TAND TP Hà Nội tuyên án 5 bị cáo.",  # no recall word at all
          "A suspect in the failed bombings of last week, on 21 July, was questioned in London.",
          "On 21 July, four bombs failed to explode in London, a week after the attacks of last week."]
    assert [_told_as_recall(find_dates(t)[0], t) for t in ts] == [True, True, True, False, False, False, True,
                                                                  False]


def test_the_flag_is_read_where_the_event_date_is_stated():
    assert extract(FOLLOW_UP).date_recalled
    assert not extract(FIRST).date_recalled and not extract(SECOND).date_recalled
    assert extract(FOLLOW_UP).month_day == extract(FIRST).month_day == (3, 27)
    assert not extract("Không có ngày nào ở đây, chỉ có Lư Gia Tường.").date_recalled


def test_a_recalled_day_links_no_follow_up_but_two_reports_of_the_day_stay_linked():
    first, second, follow = extract(FIRST), extract(SECOND), extract(FOLLOW_UP)
    for f in (first, second, follow):
        f.language = "vi"
    ok, ev = compare(first, second)
    assert ok and ev.startswith("date --03-27")
    ok, why = compare(first, follow)
    assert not ok and "recalled, not reported" in why


def test_english_recall_sentence():
    report = extract("Bombs fail to explode in London\n\nOn 21 July, four bombs failed to explode on London's "
                     "transport network, Scotland Yard said; Yasin Hassan Omar is wanted.")
    later = extract("Suspect questioned\n\nYasin Hassan Omar, a suspect in the failed bombings of last week, on 21 "
                    "July, was questioned by Scotland Yard in London.")
    assert not report.date_recalled and later.date_recalled
    ok, why = compare(report, later)
    assert not ok and "recalled, not reported" in why
