"""Tests of vnpe.languages: the registry of per-language tools and word lists."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vnpe.languages import WORD, fold_text, get_language, has_diacritics, languages, plain


def spans(lang, text):
    """Name spans of a sentence as words, with the text between words as gaps."""
    ms = list(WORD.finditer(text))
    gaps = [text[: ms[0].start()]] + [text[a.end() : b.start()] for a, b in zip(ms, ms[1:], strict=False)]
    toks = [m.group() for m in ms]
    return [" ".join(toks[i:j]) for i, j in get_language(lang).name_spans(toks, gaps)]


def test_registry_has_both_languages():
    assert {"en", "vi"} <= set(languages())
    assert get_language("fr") is None and get_language(None) is None


def test_noise_words():
    en, vi = get_language("en"), get_language("vi")
    for w in ("said", "says", "mr", "the", "year"):
        assert en.is_noise(w), w
    for w in ("nói", "cho biết", "cho_biết", "của"):
        assert vi.is_noise(w), w
    assert not en.is_noise("copper") and not vi.is_noise("dầu_khí")


def test_name_spans():
    assert spans("en", "Analysts at the Ministry of Agriculture and Rural Development said farm output "
                       "rose.") == ["Ministry of Agriculture and Rural Development"]
    assert spans("en", "Oil prices rose in London.") == []
    # the name starts at the prefix and stops at the comma: "xuất khẩu" stays outside
    assert spans("vi", "Theo Viện Nghiên cứu Thương mại, xuất khẩu tăng.") == ["Viện Nghiên cứu Thương mại"]
    assert spans("vi", "Tập đoàn Công nghệ - Viễn thông (Viettel) đầu tư.") == ["Tập đoàn Công nghệ Viễn thông"]
    assert spans("vi", "Báo cáo cho thấy xuất khẩu tăng.") == []  # "Báo cáo" (a report) is no newspaper
    assert spans("vi", "Các Sở Giáo dục và Đào tạo, Y tế, Tài nguyên và Môi trường đã kết nối.") == [
        "Sở Giáo dục và Đào tạo", "Y tế", "Tài nguyên và Môi trường"]
    assert spans("vi", "Khảo sát tại 2 Sở: Y tế, Công Thương.") == ["Y tế", "Công Thương"]


def test_plain_and_diacritics():
    assert plain("đầu") == "dau"
    assert has_diacritics("dầu khí") and not has_diacritics("dau khi")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_name_spans_are_ranges(text):
    toks = text.split()
    for lang in languages().values():
        for i, j in lang.name_spans(toks, [" "] * len(toks)):
            assert 0 <= i < j <= len(toks)
    assert fold_text(fold_text(text)) == fold_text(text)
