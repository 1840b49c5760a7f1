"""The labelled development set of cooperation areas (tests/data/devset_areas, see its LABELLING.md).

Real English and Vietnamese news labelled by reading (0 = absent, 1 = mentioned, 2 = main subject) before
vnpe was run on them. ``benchmarks/bench_areas_real.py`` prints the full figures; this test checks the
fixture's layout and guards against a large regression (floors well below the measured figures, so that
rules are not tuned to pass it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from vnpe.areas import load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "data" / "devset_areas"
HELDOUT = ROOT / "tests" / "data" / "devset_areas_heldout"


def _labels(folder: Path = DEVSET) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def test_fixture_layout():
    metas = _labels()
    ids = set(load_taxonomy().ids)
    by_lang = {}
    for m in metas:
        assert (DEVSET / f"{m['id']}.txt").is_file()
        assert set(m["labels"]) == ids, m["id"]
        assert set(m["labels"].values()) <= {0, 1, 2}
        assert m["source"].get("repo") or m["source"].get("url"), m["id"]
        by_lang[m["language"]] = by_lang.get(m["language"], 0) + 1
    assert len(metas) >= 100 and by_lang.get("en", 0) >= 40 and by_lang.get("vi", 0) >= 40


def test_heldout_layout():
    """The held-out split: same layout, every article marked, none shared with the dev split."""
    metas = _labels(HELDOUT)
    ids = set(load_taxonomy().ids)
    dev_sources = {(m["source"]["repo"], m["source"]["path"]) for m in _labels()}
    for m in metas:
        assert m["split"] == "heldout", m["id"]
        assert (HELDOUT / f"{m['id']}.txt").is_file()
        assert set(m["labels"]) == ids and set(m["labels"].values()) <= {0, 1, 2}, m["id"]
        assert (m["source"]["repo"], m["source"]["path"]) not in dev_sources, m["id"]
        text = (HELDOUT / f"{m['id']}.txt").read_text(encoding="utf-8")
        for area, quote in m["evidence"].items():
            assert m["labels"][area] >= 1 and quote in text, (m["id"], area)
    langs = [m["language"] for m in metas]
    assert langs.count("en") >= 15 and langs.count("vi") >= 15


def test_quality_floor():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_areas_real import load_devset, scores
    finally:
        sys.path.pop(0)
    from vnpe.areas import area_table

    articles, labels = load_devset(DEVSET)
    merged = area_table(articles).merge(labels, on=["doc_id", "area"])
    for lang, g in merged.groupby("lang"):
        s = scores(g)
        assert s["present_P"] >= 0.8, (lang, s)
        assert s["present_R"] >= 0.75, (lang, s)
        assert s["main_F1"] >= 0.7, (lang, s)


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
