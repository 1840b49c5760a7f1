"""Data that keeps non-specific names out of same-event evidence (issue 9): Vietnamese country names (CLDR),
newspaper names written "Báo <name>", and the judged whole-corpus links of ``bench_events --pairs-csv``."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from vnpe.clean.vocabulary import default_vocabulary, is_known_place
from vnpe.events import event_links, extract

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "tests" / "data" / "devset_events" / "corpus_judgements.jsonl"


@pytest.mark.parametrize("name", ["Ai Cập", "Mông Cổ", "Triều Tiên", "Ukraina", "Đan Mạch", "Na Uy", "Hy Lạp",
                                  "Thổ Nhĩ Kỳ", "Đông Nam Á", "Thừa Thiên"])
def test_vietnamese_country_names_are_places(name):
    assert is_known_place(name)


def test_country_names_are_not_event_names():
    e = extract("Chiều 7-4, Tổng thống Mông Cổ và Chủ tịch Triều Tiên gặp nhau. Ukraina, Ai Cập và Thổ Nhĩ Kỳ "
                "cũng cử đại diện; ông Trần Quốc Tuấn phát biểu.")
    assert e.names == {"tran quoc tuan"}
    assert {"ukraina", "mong", "trieu", "tien"}.isdisjoint(e.tokens)


def test_newspaper_name_with_bao_is_an_outlet_not_a_name():
    assert default_vocabulary().outlet_name("Báo Người Lao Động") == "Người Lao Động"
    assert default_vocabulary().outlet_name("Báo Tuổi Trẻ") == "Tuổi Trẻ"
    e = extract("Ngày 21-12, cầu thủ Nguyễn Phi Hùng trả lời Báo Người Lao Động về vụ việc.")
    assert e.names == {"nguyen phi hung"}


def test_countries_and_paper_alone_do_not_link():
    # same day, a country pair and a paper in common, nothing else: two stories, never one event
    arts = pd.DataFrame({"doc_id": ["a", "b"], "language": ["vi", "vi"], "text": [
        "Chiều 19-4, đoàn Mông Cổ và Triều Tiên đến Hà Nội, Báo Người Lao Động đưa tin về hội chợ sách.",
        "Chiều 19-4, ca sĩ Mông Cổ và Triều Tiên biểu diễn tại Huế, theo Báo Người Lao Động, khán giả đông."]})
    assert not event_links(arts)["linked"].any()


def test_corpus_judgements_fixture():
    rows = [json.loads(x) for x in JUDGED.read_text(encoding="utf-8").splitlines() if x.strip()]
    # sample s0 (no sample_id), the fresh samples s1-s4 (50 each), the census s5 (16), s6 and s7 on VNTC Test_Full,
    # s8 on Reuters-21578, s9 on a 2017 baomoi.com crawl (50 each)
    assert len(rows) == 466
    for sample, n in (("s1", 50), ("s2", 50), ("s3", 50), ("s4", 50), ("s5", 16), ("s6", 50), ("s7", 50), ("s8", 50),
                      ("s9", 50)):
        assert sum(r.get("sample_id") == sample for r in rows) == n
    assert len({(r["corpus"], frozenset((r["a"], r["b"]))) for r in rows}) == 466  # each drawn outside the others
    for r in rows:
        assert r["corpus"] in {"vntc", "vntc_test", "bbc", "reuters", "baomoi"} and isinstance(r["same_event"], bool) and r["why"]
        assert re.fullmatch(r"[0-9a-f]{40}", r["texts"]["commit"])
        assert r["a"].split("/")[0] and r["b"].split("/")[0]  # <desk>/<file>


def test_bench_sample_quotas():
    spec = importlib.util.spec_from_file_location("bench_events", ROOT / "benchmarks" / "bench_events.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod._quotas({"bbc": 7, "vntc": 656}, 50) == {"bbc": 7, "vntc": 43}
    assert mod._quotas({"x": 100, "y": 100}, 50) == {"x": 25, "y": 25}
    assert mod._quotas({"x": 3}, 50) == {"x": 3}
