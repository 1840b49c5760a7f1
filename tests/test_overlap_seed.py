"""overlap_corpus's hand-over of the events' memo of capitalised runs to the workers it forks later."""

from vnpe import events
from vnpe.overlap import _new_runs, _seed_runs


def test_new_runs_since_mark_and_empty_identity():
    memo = {"Theo": events.names._EMPTY_RUN, "Hà Nội": ("Hà Nội", None, (), (), (), None)}
    memo["Lima"] = ("Lima", None, (), (), (), None)
    memo["Ông"] = events.names._EMPTY_RUN
    empty, read = _new_runs(memo, 2)
    assert empty == ["Ông"] and read == [("Lima", ("Lima", None, (), (), (), None))]


def test_seed_runs_keeps_empty_identity_and_bound(monkeypatch):
    monkeypatch.setattr("vnpe.overlap.SEED_RUNS", 3)
    memo: dict = {"A": events.names._EMPTY_RUN}
    empty_copy = tuple(list(events.names._EMPTY_RUN))  # as unpickled: equal, not the same object
    _seed_runs(memo, (["B"], [("C", ("c", None, (), (), (), None)), ("D", ("d", None, (), (), (), None))]))
    assert list(memo) == ["A", "B", "C"]  # bounded
    assert memo["B"] is events.names._EMPTY_RUN and empty_copy == events.names._EMPTY_RUN


def test_seeded_memo_gives_the_same_features():
    text = "Chủ tịch nước Lương Cường gặp Tổng thống Dina Boluarte tại Lima ngày 15/11/2024."
    cold = events.extract(text, "Lương Cường tại Lima", "2024-11-16")
    memo = dict(events.names._RUN_MEMO)
    events.names._RUN_MEMO.clear()
    fresh = events.extract(text, "Lương Cường tại Lima", "2024-11-16")
    empty, read = _new_runs(events.names._RUN_MEMO, 0)
    events.names._RUN_MEMO.clear()
    _seed_runs(events.names._RUN_MEMO, (empty, read))
    seeded = events.extract(text, "Lương Cường tại Lima", "2024-11-16")
    events.names._RUN_MEMO.clear()
    events.names._RUN_MEMO.update(memo)
    assert cold == fresh == seeded
