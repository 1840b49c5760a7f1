"""One occasion, not another step of the same running story (issue 9, whole-corpus precision).

A trial's sessions on two days, the arrest and the later verdict, a race's stage and the race's fortnight share
their cast and often a date mention. The rules: a date that opens a sentence is the day the article reports; a
relative day ("chiều qua", "yesterday") opening the story makes later dates days it refers back to; two
openings that name steps of a story (arrest, indictment, trial, verdict, appeal...) none in common are two
steps; a span of weeks is no agreeing day. Fixtures are written here, in both languages.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vnpe.events import compare, extract, lead_cosine, story_stages
from vnpe.events.comparison import _long_span
from vnpe.events.occasion import _relative_day

CAST_VI = "Huỳnh Liên Thuận, Đặng Thị Ngọc Dung, Trần Thị Huyền Anh và Nguyễn Văn Bình"


# ---------------------------------------------------------------- a date opening a sentence is the occasion
def test_a_date_opening_the_first_sentence_wins_over_a_later_day_part():
    e = extract("Kẻ giết người ra đầu thú (NLĐ)- Ngày 25-4, tại cơ quan công an, Trần Xuân đã ra đầu thú. "
                "Vụ việc xảy ra vào đêm 25-2, nhóm của Trần Xuân vào quán Nhịp Sống Trẻ để uống cà phê.")
    assert e.month_day == (4, 25)


def test_two_sessions_of_one_trial_on_two_days_are_apart():
    a = extract(f"Tòa tiếp tục thẩm vấn (NLĐ)- Ngày 13-3, HĐXX tiếp tục thẩm vấn các bị cáo {CAST_VI}.\n\n"
                "Sáng 14-3, phiên tòa sẽ tiếp tục.", date=None)
    b = extract(f"Ngày 14/3, phiên tòa vụ Sinhanco được tiếp tục với phần thẩm vấn các bị cáo {CAST_VI}.")
    a.language = b.language = "vi"
    assert a.month_day == (3, 13) and b.month_day == (3, 14)
    assert not compare(a, b)[0]


def test_a_document_date_after_a_place_is_not_an_opening():
    e = extract("Quyết định số 12 của UBND, Hà Nội ngày 12/3, về việc cấp phép. Chiều 14/3, UBND họp báo.")
    assert e.month_day == (3, 14)


# ---------------------------------------------------------------- a relative day opening the story
def test_a_relative_day_before_any_date_voids_the_later_date():
    arrest = extract("Bắt tài xế xe chở gỗ lậu\n\nHồ Sĩ Huy đã bị khởi tố. Lệnh bắt giam Huy được thực thi ngay "
                     "chiều qua. Rạng sáng 20/4, xe của Huy cán chết anh Bùi Văn Sáu tại Tân Hiệp.")
    crash = extract("Xe chở gỗ lậu gây tai nạn chết người\n\nRạng sáng 20/4, xe Isuzu do Hồ Sĩ Huy lái cán chết "
                    "anh Bùi Văn Sáu tại Tân Hiệp, Kiên Giang; Trương Văn Dũng bị thương.")
    assert arrest.date is None and crash.month_day == (4, 20)
    assert not compare(arrest, crash)[0]


def test_a_relative_day_tied_to_a_date_keeps_the_date():
    e = extract("Các nhà thương thuyết Nhật Bản và Hàn Quốc hôm qua, 20-4, nỗ lực né tránh xung đột.")
    assert e.month_day == (4, 20)
    assert _relative_day("Hôm qua (20-4), Shotaro Yachi đến Seoul.") is None
    assert _relative_day("Yesterday the court in Hanoi heard ... On 12 May") == 0


def test_a_relative_day_after_the_date_does_not_matter():
    e = extract("Sáng 13/11, Chủ tịch nước Lương Cường gặp Dina Boluarte. Hôm nay, hai bên ký kết văn kiện.")
    assert e.month_day == (11, 13)


# ---------------------------------------------------------------- steps of a running story
def test_stage_words_of_both_languages():
    assert story_stages("Án cao nhất 5 năm 6 tháng tù giam. Chiều 15-3, tòa tuyên án vụ Lake Side.") == {"trial"}
    assert story_stages("Xét xử vụ án bán dâm (NLĐ)- Ngày 14-3, TAND TP Hà Nội mở phiên sơ thẩm.") == {"trial"}
    assert story_stages("C14B triệu tập cựu cầu thủ Lâm Ngọc Mẫn. Sáng 12-1, Mẫn có mặt.") == {"summons"}
    assert story_stages("Man charged with murder of teenager. Police said on Monday.") == {"arrest"}
    assert story_stages("Ex-minister jailed for seven years. A court in Paris sentenced him.") == {"trial"}
    assert story_stages("Roddick beats Safin to reach semi-final. Andy Roddick won 7-6 7-6.") == frozenset()


def test_the_opening_only_counts_not_the_background():
    lead = ("Roddick beats Henman in Houston on Monday evening to top his group. Three years ago Henman "
            "was arrested and sentenced for speeding.")
    assert story_stages(lead) == frozenset()


def test_an_appeal_is_the_appeal_step_even_when_it_upholds_a_verdict():
    assert story_stages("TAND Tối cao hôm qua kết thúc phiên phúc thẩm, HĐXX y án sơ thẩm đối với ông A.") == \
        {"appeal"}


def test_summons_and_arrest_on_one_day_are_two_steps():
    a = extract("C14B triệu tập cựu cầu thủ CATP Lâm Ngọc Mẫn. Sáng 12-1, Lâm Ngọc Mẫn phải có mặt tại cơ quan "
                "điều tra; Bùi Sỹ Thành, Ngô Quang Trường và Nguyễn Phi Hùng đã khai.")
    b = extract("Bắt tạm giam Nguyễn Hữu Thắng. Ngày 12-1, cơ quan điều tra khởi tố Bùi Sỹ Thành, Ngô Quang "
                "Trường và Nguyễn Phi Hùng.")
    a.language = b.language = "vi"
    ok, why = compare(a, b, min_lead=0.0)
    assert not ok and "two steps" in why


def test_a_trial_and_its_verdict_on_one_day_are_one_step():
    a = extract("Cả 4 bị cáo đều được hưởng án treo. Ngày 28-3, TAND huyện Bến Lức xét xử Huỳnh Thái Sơn, Đoàn Ngọc "
                "Phăng và Đặng Văn Lành.")
    b = extract("Ngày 28/3, TAND H.Bến Lức đã xét xử sơ thẩm Huỳnh Thái Sơn, Đoàn Ngọc Phăng và Đặng Văn Lành.")
    a.language = b.language = "vi"
    assert story_stages(a.lead) == story_stages(b.lead) == {"trial"}
    assert compare(a, b, min_lead=0.0)[0]


def test_a_relative_day_timing_a_statement_keeps_the_reported_date():
    e = extract("4 cán bộ bị bắt. Sáng nay, Trưởng công an huyện Đông Anh Bùi Quang Đồng cho biết, chiều tối 13-1, "
                "cơ quan này đã khởi tố 4 cán bộ.")
    assert e.month_day == (1, 13)
    f = extract("Chiều qua, công an bắt Hồ Sĩ Huy. Rạng sáng 20/4, xe của Huy gây tai nạn, cơ quan điều tra cho biết.")
    assert f.date is None


def test_two_reports_of_one_verdict_are_still_linked():
    a = extract("Án cao nhất 5 năm tù. Chiều 15-3, TAND TP Hà Nội tuyên án Lê Minh Tuấn, Ngô Thị Thủy và "
                "Đặng Huyền Anh trong vụ Lake Side.")
    b = extract("Lake Side hotel manager jailed. On March 15, a Hanoi court sentenced Le Minh Tuan, Ngo Thi Thuy "
                "and Dang Huyen Anh.")
    a.language, b.language = "vi", "en"
    assert compare(a, b)[0]


def test_an_opening_without_a_step_word_decides_nothing():
    a = extract("Hai nữ sinh đánh nhau. Trưa 18/2, Lê Thị Mỹ Ngọc đâm Nguyễn Thị Kiều Trang trước cổng trường Pô Thi.")
    b = extract("Lê Thị Mỹ Ngọc bị tuyên phạt 9 năm tù. Trưa 18/2, Ngọc đâm Nguyễn Thị Kiều Trang tại trường Pô Thi.")
    assert a.stages is None or not a.stages
    assert story_stages(a.lead) == frozenset() and story_stages(b.lead) == {"trial"}


@settings(max_examples=100, deadline=None)
@given(st.sets(st.sampled_from(["tuyên án", "xét xử", "bắt giam", "triệu tập", "truy tố", "sentenced",
                                "arrested", "trial", "indicted"]), min_size=1))
def test_stages_are_symmetric_and_appeal_absorbs(words):
    opening = "Tin: " + ", ".join(sorted(words)) + " ông Nguyễn Văn An."
    s = story_stages(opening)
    assert s and s == story_stages(opening.upper().lower())
    assert story_stages(opening + " phúc thẩm") in ({"appeal"}, s)


# ---------------------------------------------------------------- a span of weeks
def test_a_race_of_two_weeks_agrees_with_none_of_its_days():
    race = extract("Cuộc đua xe đạp Về Điện Biên Phủ. Khởi tranh từ 24/4 - 7/5, Lưu Quốc Vinh, Huỳnh Mai Duy và "
                   "Đặng Ngọc Tú chinh phục 5 ngọn đèo.")
    stage = extract("Sáng 1/5, các VĐV thi đấu chặng 7 từ Hà Nội đi Hòa Bình: Lưu Quốc Vinh, Huỳnh Mai Duy và "
                    "Đặng Ngọc Tú về nhất đồng đội.")
    race.language = stage.language = "vi"
    assert _long_span(race) and not _long_span(stage)
    assert not compare(race, stage, min_lead=0.0)[0]


def test_two_announcements_of_one_festival_span_agree():
    a = extract("Lễ hội sắc hoa Đà Lạt. Trong các ngày 18-26/12, tại công viên Yersin, Trần Cảnh Đào và Nguyễn Văn "
                "Hưng khai mạc hội thi.")
    b = extract("Festival. From December 18-26, Tran Canh Dao and Nguyen Van Hung open the Yersin park show.")
    a.language, b.language = "vi", "en"
    assert _long_span(a) and _long_span(b)
    assert compare(a, b)[0]


def test_a_visit_of_days_still_agrees_with_a_day_in_it():
    visit = extract("From November 12-15, Luong Cuong visits Peru and meets Dina Boluarte in Lima.")
    talks = extract("Chiều 13/11, tại Lima, Lương Cường hội đàm với Dina Boluarte.")
    visit.language, talks.language = "en", "vi"
    assert not _long_span(visit)
    assert compare(visit, talks)[0]


# ---------------------------------------------------------------- an "after ..." clause, a statement's date
def test_a_date_inside_an_after_clause_is_recalled_even_with_a_day_part():
    later = extract("Phạm Tiến Dũng đứng sau vụ chém? Sau khi Phạm Tiến Dũng bị bắt vào tối 3-3, cơ quan "
                    "điều tra đang làm rõ vai trò của Bùi Tiến Dũng.")
    arrest = extract("Bắt khẩn cấp trưởng phòng Phạm Tiến Dũng. Tối 3-3, cơ quan điều tra bắt Phạm Tiến Dũng và hỏi "
                     "về Bùi Tiến Dũng.")
    later.language = arrest.language = "vi"
    assert later.date is None and arrest.month_day == (3, 3)
    assert not compare(later, arrest, min_lead=0.0)[0]


def test_a_comma_ends_the_after_clause():
    e = extract("Sau khi hạ cánh xuống sân bay Lima, chiều 13/11, Chủ tịch nước Lương Cường hội kiến Dina Boluarte.")
    assert e.month_day == (11, 13)


def test_a_statement_dates_what_it_says_only_right_after_the_verb():
    far = extract("Hôm qua, Công an quận 1 cho biết đã ra quyết định khởi tố vụ án Lê Huy Hoàng gây tai nạn giao "
                  "thông chết người xảy ra vào rạng sáng 20/7.")
    assert far.date is None


# ---------------------------------------------------------------- without a date, the leads must agree closely
def test_an_undated_shared_cast_needs_leads_that_tell_the_same_thing():
    cast = "Maria Sharapova, Svetlana Kuznetsova, Amelie Mauresmo, Serena Williams và Elena Dementieva"
    day2 = extract(f"WTA Championships: Sharapova mở màn thắng lợi. Hôm qua, {cast} thi đấu vòng bảng; Sharapova "
                   "thắng Kuznetsova 6-1, 6-4 trong trận đấu mở màn của chị.")
    semi = extract(f"WTA Championships: Mauresmo mất ngôi số 1. Hôm qua, {cast} góp mặt ở bán kết; Serena thắng "
                   "Mauresmo 4-6, 7-6, 6-4 để vào chung kết.")
    copy = extract(f"WTA Championships: Sharapova mở màn thắng lợi. Hôm qua, {cast} thi đấu vòng bảng; Sharapova "
                   "thắng Kuznetsova 6-1, 6-4 trong trận mở màn.")
    for e in (day2, semi, copy):
        e.language = "vi"
    assert day2.date is None and semi.date is None
    assert 0.1 <= lead_cosine(day2, semi) < 0.3  # enough for a dated pair, not for an undated one
    ok, why = compare(day2, semi)
    assert not ok and "leads tell different things" in why
    assert compare(day2, copy)[0]


def test_an_arrival_right_after_a_departure_keeps_its_day():
    # the previous step's date far back in a long "after ..." clause is still read as the day (the arrival's)
    e = extract("Thủ tướng Phạm Minh Chính tới Nice\n\nSau khi kết thúc tốt đẹp chuyến thăm chính thức Cộng hòa "
                "Estonia vào ngày 7-6, chuyên cơ chở Thủ tướng Phạm Minh Chính đã tới thành phố Nice.")
    assert e.month_day == (6, 7)
