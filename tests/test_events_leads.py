"""The lead-content check of same-language links and recalled deaths/elections (issue 9, small fixtures)."""

import math
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnpe.events import LeadWeights, compare, extract, lead_cosine, lead_keys, lead_terms


def test_lead_terms_leave_out_names_numbers_and_stop_words():
    vi = lead_terms("Sáng 4/4, Cơ quan điều tra đã bắt giữ ông Nguyễn Việt Tiến.", "vi")
    assert "bắt giữ" in vi and "nguyễn" not in vi and "4" not in vi and "đã" not in vi
    en = lead_terms("Police in the capital arrested the former mayor John Smith in his office on Monday.", "en")
    assert "arrest" in en and "john" not in en


def test_title_in_capitals_is_read():
    assert "xét xử" in lead_terms("XÉT XỬ VỤ ÁN\n\nTòa án nhân dân đã mở phiên tòa.", "vi")


VI_ARREST = ("Chiều 4/4, Cơ quan cảnh sát điều tra Bộ Công an đã bắt tạm giam ông Nguyễn Việt Tiến, Thứ trưởng "
             "Bộ GTVT, vì liên quan đến vụ PMU 18 và Bùi Tiến Dũng.")
VI_ARREST_2 = ("Chiều 4/4, ông Nguyễn Việt Tiến đã bị bắt tạm giam theo quyết định của Cơ quan cảnh sát điều tra, "
               "trong vụ án PMU 18 liên quan Bùi Tiến Dũng.")
VI_INTERVIEW = ("Chiều 4/4, trả lời phỏng vấn báo chí về những tin đồn quanh Bùi Tiến Dũng và Nguyễn Việt Tiến, "
                "tướng lĩnh khẳng định không có chuyện chạy chức ở PMU 18.")


def test_same_occasion_in_one_language_linked_running_story_not():
    a, b, c = (extract(t, date="2006-04-05") for t in (VI_ARREST, VI_ARREST_2, VI_INTERVIEW))
    for f in (a, b, c):
        f.language = "vi"
    ok, ev = compare(a, b)
    assert ok, ev
    ok, ev = compare(a, c)
    assert not ok and "leads tell different things" in ev


def test_en_same_occasion_vs_other_occasion():
    a = extract("On March 5, John Smith won the Madrid indoor 800m title ahead of Peter Brown.")
    b = extract("John Smith won the 800m title in Madrid on March 5, beating Peter Brown in the final.")
    c = extract("On March 5, John Smith said Peter Brown had been a great help in training this winter.")
    for f in (a, b, c):
        f.language = "en"
    assert compare(a, b, min_evidence=1)[0]
    assert not compare(a, c, min_evidence=1)[0]


def test_check_is_only_within_one_language():
    a = extract("Chiều 13/11, tại Lima, Lương Cường hội đàm với Dina Boluarte.")
    b = extract("On November 13 in Lima, Luong Cuong held talks with Dina Boluarte.")
    a.language, b.language = "vi", "en"
    assert compare(a, b)[0]  # no content check across languages (their words differ)


def test_rare_words_weigh_more():
    fs = [extract("Police arrested two men."), extract("Police praised the dog."), extract("Police closed a road.")]
    for f in fs:
        f.language = "en"
    w = LeadWeights(fs)
    assert w("arrest") > w("polic")


def test_recalled_death_or_election_is_not_the_event_date():
    e = extract("Lễ tưởng niệm được tổ chức tại Ramallah. Ông Arafat qua đời ngày 11/11 tại Paris.")
    assert e.date is None
    e = extract("The parliament met. Abbas, who was elected on 9 January, spoke.")
    assert e.date is None


_LEADS = ["Police arrested two men in Hanoi on Monday.", "Two men were arrested by police after the raid.",
          "Công an đã bắt giữ hai đối tượng tại Hà Nội.", "Tòa án nhân dân mở phiên xét xử vụ án tham nhũng.",
          "The court opened the trial of the former mayor.", "Đội tuyển Việt Nam thắng trận chung kết."]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_LEADS), min_size=2, max_size=6), st.data())
def test_hashed_lead_cosine_is_the_term_cosine(leads, data):
    """The hashed terms (lead_keys, LeadWeights.idf) give the cosine of the idf-weighted term sets themselves."""
    fs = []
    for lead in leads:
        f = extract(lead)
        f.language = "vi" if any(c in lead for c in "đạắộ") else "en"
        f.lead_keys = lead_keys(f.lead, f.language)
        fs.append(f)
    w = LeadWeights(fs)
    i = data.draw(st.integers(0, len(fs) - 1))
    j = data.draw(st.integers(0, len(fs) - 1))
    # the plain definition: document frequencies of the term strings themselves, idf, cosine of the term sets
    df = Counter(t for f in fs for t in lead_terms(f.lead, f.language))

    def idf(t: str) -> float:
        return math.log((len(fs) + 1) / (df[t] + 1)) + 1

    ta, tb = lead_terms(fs[i].lead, fs[i].language), lead_terms(fs[j].lead, fs[j].language)
    dot = sum(idf(t) ** 2 for t in ta & tb)
    plain = dot / math.sqrt(sum(idf(t) ** 2 for t in ta) * sum(idf(t) ** 2 for t in tb)) if ta and tb and dot else 0.0
    assert lead_cosine(fs[i], fs[j], w) == pytest.approx(plain, abs=1e-9)
