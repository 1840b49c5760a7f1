"""vnpe.parallel.pmap: results in job order whatever the number of workers, eager start."""

import os
import time

from vnpe.parallel import pmap, shared


def _square_shared(i: int) -> int:
    return shared()[i] ** 2


def _slow_square_shared(i: int) -> int:
    time.sleep(0.02)
    return shared()[i] ** 2


def _pid(_: int) -> int:
    return os.getpid()


def test_pmap_order_and_shared_same_for_any_workers():
    data = list(range(10))
    serial = list(pmap(_square_shared, range(10), workers=1, shared=data))
    forked = list(pmap(_square_shared, range(10), workers=2, shared=data))
    assert serial == forked == [i * i for i in data]


def test_pmap_started_runs_while_caller_works_and_restores_shared():
    data = [3, 4, 5]
    running = pmap(_square_shared, range(3), workers=2, shared=data, start=True)
    assert shared() is None  # outside a job of a map
    other = list(pmap(_square_shared, range(2), workers=1, shared=[7, 8]))  # the caller's own map meanwhile
    assert other == [49, 64]
    assert list(running) == [9, 16, 25]
    assert shared() is None


def test_pmap_started_serial_is_lazy():
    running = pmap(_square_shared, range(2), workers=1, shared=[1, 2], start=True)
    assert list(running) == [1, 4]


def test_pmap_workers_replaced():
    pids = list(pmap(_pid, range(6), workers=2, jobs_per_worker=1))
    assert len(set(pids)) == 6 and os.getpid() not in pids


def test_workers_forked_while_another_map_runs_read_their_own_shared():
    """A started map whose workers are replaced (jobs_per_worker) while the caller runs a map of its own with
    another shared object: every replacement worker still reads its own map's object (overlap links events
    with a pool of its own while the figures pool runs)."""
    data = list(range(40))
    running = pmap(_slow_square_shared, range(40), workers=2, shared=data, jobs_per_worker=1, start=True)
    other = list(pmap(_slow_square_shared, range(20), workers=1, shared=[-1] * 20))  # replacements fork meanwhile
    assert other == [1] * 20
    assert list(running) == [i * i for i in data]
