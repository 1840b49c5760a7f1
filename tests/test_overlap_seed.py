"""overlap_corpus's hand-over of the events' memo of capitalised runs to the workers it forks later."""

from vnpe import events
from vnpe.events.names import (
    _EMPTY_RUN,
    restore_run_memo,
    run_memo_size,
    run_memo_snapshot,
    runs_read_since,
    seed_runs,
)


def test_runs_read_since_mark_and_empty_identity():
    memo = {"Theo": _EMPTY_RUN, "Hà Nội": ("Hà Nội", None, (), (), (), None)}
    memo["Lima"] = ("Lima", None, (), (), (), None)
    memo["Ông"] = _EMPTY_RUN
    empty, read = runs_read_since(2, memo)
    assert empty == ["Ông"] and read == [("Lima", ("Lima", None, (), (), (), None))]


def test_seed_runs_keeps_empty_identity_and_bound():
    memo: dict = {"A": _EMPTY_RUN}
    empty_copy = tuple(list(_EMPTY_RUN))  # as unpickled: equal, not the same object
    room = seed_runs((["B"], [("C", ("c", None, (), (), (), None)), ("D", ("d", None, (), (), (), None))]), 3, memo)
    assert list(memo) == ["A", "B", "C"] and room is False  # bounded, full
    assert memo["B"] is _EMPTY_RUN and empty_copy == _EMPTY_RUN
    assert seed_runs((["E"], []), 3, memo) is False and "E" not in memo
    assert seed_runs((["E"], []), 5, memo) is True and memo["E"] is _EMPTY_RUN


def test_seeded_memo_gives_the_same_features():
    text = "Chủ tịch nước Lương Cường gặp Tổng thống Dina Boluarte tại Lima ngày 15/11/2024."
    cold = events.extract(text, "Lương Cường tại Lima", "2024-11-16")
    memo = run_memo_snapshot()
    restore_run_memo({})
    fresh = events.extract(text, "Lương Cường tại Lima", "2024-11-16")
    empty, read = runs_read_since(0)
    restore_run_memo({})
    seed_runs((empty, read), 1000)
    known = run_memo_size()
    seeded = events.extract(text, "Lương Cường tại Lima", "2024-11-16")
    new_readings = runs_read_since(known)
    restore_run_memo(memo)
    assert cold == fresh == seeded
    assert (empty or read) and new_readings == ([], [])  # the seeds served: no run was read again
