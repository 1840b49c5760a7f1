"""Sense rules found by the precision audits of tests/data/devset_areas_audit (issue 10), on sentences written here."""

import pytest

from vnpe.areas import load_taxonomy


def find(sentence: str, lang: str) -> list[tuple[str, str]]:
    return load_taxonomy().matcher.find(sentence, lang)


@pytest.mark.parametrize(
    "sentence",
    [
        "Her grand slam drought goes on after the defeat.",
        "She showed nerves of steel and took Olympic gold in the doubles.",
        "There are ports of arcade classics for the new games console.",
        "The recall modifies the electrical power supply to the brakes.",
    ],
)
def test_english_second_senses_do_not_count(sentence):
    areas = {a for a, _ in find(sentence, "en")}
    assert not areas & {"climate_environment", "mining", "infrastructure_logistics", "energy"}


def test_english_first_senses_still_count():
    assert ("climate_environment", "drought") in find("The drought ruined the harvest.", "en")
    assert ("mining", "steel") in find("Steel output rose by 4%.", "en")
    assert ("energy", "power supply") in find("The power supply to the city was cut.", "en")


def test_camera_phone_is_a_gadget_not_a_network():
    assert not [a for a, _ in find("He took pictures with his mobile phone.", "en") if a == "telecommunications"]
    assert ("telecommunications", "mobile phone") in find("Mobile phone subscriptions doubled.", "en")


@pytest.mark.parametrize(
    ("sentence", "area"),
    [
        ("Bé sống tại một nhà trọ ở KCN Sóng Thần, Bình Dương.", "climate_environment"),
        ("Đội Nông nghiệp Sài Gòn - Paksé dẫn đầu giải.", "agriculture"),
        ("Anh tốt nghiệp ngành Điện - Tự động hóa.", "energy"),
        ("Nhiều người đi đường sử dụng điện thoại di động.", "energy"),
        ("Hàng hậu vệ đội bóng quân đội có hai trụ cột.", "defense_security"),
        ("Rượu bày bán ở cửa hàng miễn thuế của sân bay.", "trade_investment"),
        ("Đài cho phát các phim quảng cáo của công ty.", "culture_tourism"),
        ("Nước trái cây nguyên chất có nhiều vitamin.", "agriculture"),
        ("Ủy ban giám sát và giáo dục các cán bộ lãnh đạo.", "education"),
    ],
)
def test_vietnamese_names_and_second_senses_do_not_count(sentence, area):
    assert area not in {a for a, _ in find(sentence, "vi")}


def test_vietnamese_first_senses_still_count():
    assert ("climate_environment", "sóng thần") in find("Trận sóng thần năm ngoái cướp đi nhiều sinh mạng.", "vi")
    assert ("energy", "mạng lưới điện") in find("Dự án mạng lưới điện nông thôn được triển khai.", "vi")
    assert ("energy", "tiết kiệm điện") in find("Người dân cần tiết kiệm điện.", "vi")
    assert ("education", "giáo dục") in find("Ngành Giáo dục đang đổi mới chương trình.", "vi")
    assert ("defense_security", "quân đội") in find("Quân đội Mỹ xác nhận vụ tấn công.", "vi")
