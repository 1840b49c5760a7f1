"""The real-news development set (tests/data/devset_clean): its labels are well-formed, and the cleaner keeps
what it kept on it (a floor under the figures that benchmarks/bench_devset.py prints)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnpe.evaluation import FIELDS, score_folder

DEVSET = Path(__file__).resolve().parent / "data" / "devset_clean"
LABELS = sorted(DEVSET.rglob("*.json"))


def test_devset_is_there_in_both_languages() -> None:
    langs = [json.loads(p.read_text("utf-8"))["language"] for p in LABELS]
    assert langs.count("en") >= 30 and langs.count("vi") >= 30


@pytest.mark.parametrize("path", LABELS, ids=[p.stem for p in LABELS])
def test_every_nonblank_line_has_one_label(path: Path) -> None:
    label = json.loads(path.read_text("utf-8"))
    text = path.with_suffix(".txt").read_text("utf-8")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    nonblank = {i for i, line in enumerate(lines, 1) if line.strip()}
    labelled = [no for no, _, _ in label["lines"]]
    assert sorted(labelled) == sorted(nonblank)
    assert {lab for _, lab, _ in label["lines"]} <= {"title", "story", "furniture"}
    assert set(label["fields"]) >= set(FIELDS) - {"date_partial"}
    assert label["source"].get("repo") or label["source"].get("url")


def test_cleaner_quality_floor() -> None:
    summary = score_folder(DEVSET).summary(by=None).loc["all"]
    # Floors a little under today's figures: a change that loses story text or fills fields wrongly fails here.
    assert summary["story kept (chars)"] >= 0.995
    assert summary["story kept (lines)"] >= 0.99
    assert summary["furniture dropped"] >= 0.92
    assert summary["title"] >= 0.95 and summary["agency"] >= 0.98 and summary["place"] >= 0.99
    assert summary["byline"] >= 0.95 and summary["outlet"] >= 0.95
    assert summary["date"] >= 0.99 and summary["date_partial"] >= 0.97
