"""Recall cues are data per language (``recall_cues`` / ``recall_not_in`` / ``recall_next`` of
``vnpe/data/languages.toml``, matched by :class:`vnpe.languages.Cues`).

Vietnamese is written syllable by syllable: "vụ" (the case), "hồi" (back then) and "từng" (once) are also
syllables of other words, "dịch vụ" (service), "nhiệm vụ" (task), "thu hồi" (withdraw), "hồi phục" (recover),
"từng bước" (step by step), "từng người" (each person), which recall nothing. Small sentences written here, in the
style of the VNTC and BBC articles of the judged links.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnpe.dates import find_dates
from vnpe.events.occasion import _recall_cues, _told_as_recall
from vnpe.languages import Cues, get_language

RECALL_VI = [
    "Vụ việc xảy ra vào tối 5/6 tại TP HCM.",
    "Như Báo Người Lao Động đã đưa tin, công an bắt 7 người.",
    "Trước đó, ông Dũng bị bắt tại nhà riêng.",
    "Hồi tháng 5, đội tuyển từng thua Thái Lan.",
    "Công an đang điều tra vụ án buôn lậu.",
    "Cầu thủ này hồi 12/8 bị treo giò.",
    "Ông Nam từng cảnh báo nguy cơ này.",
    "Cơ quan điều tra làm rõ liên quan tới vụ trưởng Phòng Kế hoạch bị bắt.",
]
NOT_RECALL_VI = [
    "Công ty dịch vụ viễn thông khai trương chi nhánh mới.",
    "Lực lượng CSGT làm nhiệm vụ tuần tra trên quốc lộ 1A.",
    "Bộ Y tế quyết định thu hồi lô thuốc kém chất lượng.",
    "Nền kinh tế đang phục hồi nhanh.",
    "Bệnh nhân đã hồi phục sau ca mổ.",
    "Chúng ta sẽ từng bước tháo gỡ khó khăn cho doanh nghiệp.",
    "Cán bộ đến từng người dân để vận động.",
    "Cán bộ phục vụ nhân dân, làm tròn nghĩa vụ.",
    "Ông Hải, vụ trưởng Vụ Pháp chế, cho biết.",
    "Đại diện Vụ Hợp tác quốc tế phát biểu.",
    "Cộng đồng người Hồi giáo cầu nguyện.",
]
RECALL_EN = [
    "Police had arrested him in Leeds.",
    "The singer was married on 5 June.",
    "Earlier, the minister resigned.",
    "The club lost the final last year.",
    "He previously played for Chelsea.",
]
NOT_RECALL_EN = [
    "The minister resigned on Monday.",
    "Police arrested him in Leeds.",
    "The shed was made of wood.",
    "He plays for Chelsea.",
]


@pytest.mark.parametrize("text", RECALL_VI + RECALL_EN)
def test_recall_cues_of_both_languages(text):
    assert _recall_cues().search(text)


@pytest.mark.parametrize("text", NOT_RECALL_VI + NOT_RECALL_EN)
def test_compounds_and_plain_reports_are_no_recall(text):
    assert not _recall_cues().search(text), _recall_cues().finditer(text)


def test_a_date_in_a_sentence_with_a_compound_is_not_told_as_recall():
    # the cue syllable inside another word made these dates "recalled" (no anchor) before
    ts = ["Chiều 10-2, trong khi làm nhiệm vụ tuần tra, CSGT huyện Phù Cát phát hiện Vững chở 3 người.",
          "Trung tâm dịch vụ gia sư đặt tại số 103 Trần Văn Đang đã lừa sinh viên ngày 7-4.",
          "Bộ Y tế đã thu hồi lô thuốc vào ngày 3-5 tại Hà Nội.",
          "Các bộ phận triển khai từng bước kế hoạch từ ngày 3-5 tại Hà Nội."]
    assert [_told_as_recall(find_dates(t)[0], t) for t in ts] == [False, False, False, False]
    # the cue words themselves still mark a recalled date
    ts = ["Cơ quan điều tra khởi tố vụ án xảy ra ngày 3-5 tại Hà Nội.",
          "Ông Nam từng bị bắt ngày 3-5 tại Hà Nội.",
          "Đội bóng đã thua hồi tháng 5, ngày 3-5, tại Hà Nội."]
    assert [_told_as_recall(find_dates(t)[0], t) for t in ts] == [True, True, True]


def test_cue_is_data_per_language():
    vi, en = get_language("vi"), get_language("en")
    assert "vụ" in vi.recall_cues and "dịch vụ" in vi.recall_not_in
    assert "earlier" in en.recall_cues and not en.recall_not_in
    assert vi.recall.search("vụ tai nạn") and not vi.recall.search("dịch vụ")
    assert en.recall.search("earlier today") and not en.recall.search("vụ tai nạn")


def test_cues_matcher_pieces():
    c = Cues(["từng", "had *ed", "như … đã đưa tin"], not_in=["từng bước"], next_words=[("hồi", ("tháng", "#"))],
             names=frozenset({"vụ"}))
    assert c.finditer("anh từng bước lên") == []
    assert c.finditer("anh từng thắng") == [(4, 8)]
    assert c.search("hồi 9h sáng") and c.search("Hồi tháng 3") and not c.search("hồi hộp")
    assert c.search("Như báo Tuổi Trẻ số trước đã đưa tin")
    assert not c.search("Như báo Tuổi Trẻ số ra ngày thứ hai tuần trước đã đưa tin")  # past the 6-word gap
    assert not c.search("Như vậy, báo đã đưa tin")  # a comma ends the clause the gap may span
    assert c.search("they had fled") and not c.search("they had fun")
    assert not Cues().search("anything")
    assert c.merge(Cues(["earlier"])).search("earlier")


@given(st.lists(st.sampled_from(["vụ", "từng", "dịch vụ", "nhiệm vụ", "thu hồi", "từng bước", "phục hồi", "anh",
                                  "đã", "nói"]), max_size=12))
def test_each_cue_word_counts_once_and_each_compound_never(tokens):
    # ("hồi phục" is left out: before "vụ" it reads "hồi phục vụ", where "phục vụ" is a word)
    text = " ".join(tokens)
    found = get_language("vi").recall.finditer(text)
    assert len(found) == sum(t in ("vụ", "từng") for t in tokens)
    assert all(text[a:b] in ("vụ", "từng") for a, b in found)
