"""One report carried twice (``same_event`` from shared text): both reuse thresholds at once, and nothing the
events layer reads against it (:func:`vnpe.events.shared_report`)."""

from __future__ import annotations

import pandas as pd
import pytest

from vnpe.dates import SimpleDate, days_apart
from vnpe.events import extract, shared_report
from vnpe.overlap import pair_table

# a wire paragraph two outlets both carry whole (about 70 words, no date of its own)
SHARED = (
    "Theo Trung tâm Dự báo Khí tượng Thủy văn quốc gia, bộ phận không khí lạnh đang di chuyển xuống phía nam và sẽ "
    "ảnh hưởng đến các tỉnh phía bắc, nhiệt độ thấp nhất ở vùng núi có nơi dưới 10 độ. Ông Nguyễn Văn Hưởng, "
    "Trưởng phòng Dự báo thời tiết, cho biết đợt rét này có thể kéo dài nhiều ngày và người dân vùng cao cần giữ ấm "
    "cho trẻ nhỏ, người già, đồng thời chủ động che chắn chuồng trại để bảo vệ đàn gia súc trước rét đậm rét hại."
)


# what only the second outlet adds (about 110 words): the shared paragraph is most of the first article only
OWN_B = (
    "Tại Lào Cai, chính quyền các xã vùng cao đã tổ chức kiểm tra nhà ở của các hộ nghèo, phát chăn ấm và áo bông "
    "cho học sinh bán trú. Nhiều trường học cho phép học sinh tiểu học nghỉ khi nhiệt độ xuống dưới bảy độ. Ở Hà "
    "Giang, người dân đốt lửa sưởi trong chuồng, mua thêm rơm khô và cám để dự trữ thức ăn cho trâu bò suốt mùa "
    "đông. Ngành nông nghiệp khuyến cáo nông dân chưa gieo cấy lúa xuân khi trời rét dưới mười ba độ, che phủ nilon "
    "cho mạ non và bón thêm phân lân để cây lúa chịu rét tốt hơn. Các chợ phiên vẫn họp đông người bất chấp giá rét "
    "kéo dài, nhiều tiểu thương bán hàng đến tận chiều tối."
)


def frame(lead_a: str, lead_b: str, **cols) -> pd.DataFrame:
    arts = pd.DataFrame({
        "doc_id": ["a", "b"], "language": ["vi", "vi"],
        "title": ["Miền Bắc đón không khí lạnh", "Rét đậm ở vùng núi phía bắc"],
        "text": [lead_a + "\n\n" + SHARED, lead_b + "\n\n" + SHARED + "\n\n" + OWN_B],
    })
    for name, values in cols.items():
        arts[name] = values
    return arts


def row(arts: pd.DataFrame) -> pd.Series:
    pairs = pair_table(arts, method="exact")
    assert len(pairs) == 1
    return pairs.iloc[0]


def test_a_shared_report_is_one_event():
    r = row(frame("Không khí lạnh tràn về.", "Rét đậm bao trùm vùng núi."))
    assert r.relation == "reuse"
    assert bool(r.same_event)
    assert "one report: shared passages cover" in r.evidence and "nguyen van huong" in r.evidence


def test_shared_background_under_new_leads_is_a_follow_up():
    # each article opens with a lead of its own (a paragraph of 100+ characters): the shared paragraph is only
    # retold background, as in a next day's follow-up
    r = row(frame("Sáng nay, Sở Giáo dục tỉnh Lào Cai quyết định cho học sinh tiểu học ở các huyện vùng cao nghỉ học "
                  "vì rét đậm, nhiệt độ ở Sa Pa xuống dưới năm độ.",
                  "Ủy ban nhân dân tỉnh Hà Giang hôm nay họp khẩn về phòng chống rét cho đàn gia súc, sau khi hơn hai "
                  "trăm con trâu bò chết rét trong tuần qua ở các xã biên giới."))
    assert r.relation == "reuse"
    assert not bool(r.same_event)


def test_published_weeks_apart_is_a_template_not_one_report():
    r = row(frame("Không khí lạnh tràn về.", "Rét đậm bao trùm vùng núi.", date_partial=["--02-08", "--03-17"]))
    assert not bool(r.same_event)
    assert "one report" not in r.evidence


def test_a_day_apart_is_still_one_report():
    r = row(frame("Không khí lạnh tràn về.", "Rét đậm bao trùm vùng núi.", date=["2017-02-08", "2017-02-09"]))
    assert bool(r.same_event)


def test_different_event_days_rule_it_out():
    r = row(frame("Chiều 8/2, không khí lạnh tràn về.", "Chiều 15/2, rét đậm bao trùm vùng núi."))
    assert not bool(r.same_event)
    assert "different dates" in r.evidence


def test_a_small_share_of_the_text_is_reuse_only():
    long_a = " ".join(f"Câu chuyện thứ {i} của bài viết kể về một việc khác hẳn ở địa phương." for i in range(40))
    r = row(frame(long_a, long_a.replace("Câu chuyện", "Mẩu tin")))
    assert r.relation == "reuse"
    assert not bool(r.same_event)


def test_shared_report_rules():
    a = extract("Tài xế Nguyễn Văn Hùng chở 3 tấn thịt không rõ nguồn gốc.")
    b = extract("Cảnh sát bắt xe của Nguyễn Văn Hùng chở 3 tấn thịt.")
    assert shared_report(a, b) == (True, "names nguyen van hung")
    assert shared_report(a, b, {"nguyen van hung": 0.5})[0] is False  # a common name is no evidence
    a.published, b.published = SimpleDate(2017, 2, 8), SimpleDate(None, 2, 20)
    assert shared_report(a, b) == (False, "published 12 days apart")


@pytest.mark.parametrize("value, expected", [
    ("2024-11-13", SimpleDate(2024, 11, 13)), ("--06-18", SimpleDate(None, 6, 18)), ("2024-11", SimpleDate(2024, 11)),
    ("2024-11-13T08:00:00", SimpleDate(2024, 11, 13)), ("--02-29", SimpleDate(None, 2, 29)),
    ("2023-02-29", None), ("13/11/2024", None), ("", None), (None, None), ("--13-01", None),
])
def test_from_iso(value, expected):
    assert SimpleDate.from_iso(value) == expected


def test_days_apart():
    assert days_apart(SimpleDate(2024, 1, 1), SimpleDate(2023, 12, 31)) == 1
    assert days_apart(SimpleDate(None, 1, 1), SimpleDate(None, 12, 31)) == 1
    assert days_apart(SimpleDate(None, 3, 1), SimpleDate(None, 2, 29)) in (1, 2)
    assert days_apart(SimpleDate(2024, 3), SimpleDate(2024, 3, 1)) is None
    assert days_apart(None, SimpleDate(2024, 3, 1)) is None
