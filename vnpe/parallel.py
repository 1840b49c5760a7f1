"""One process-pool helper for the whole package (loading, events, overlap).

:func:`pmap` maps a function over jobs, in order, in ``workers`` forked processes (or in this process when
``workers <= 1``). Large read-only inputs are handed over as ``shared``: the workers inherit it through
``fork`` (no pickling of the corpus), and the job function reads it with :func:`shared`. Results come back
in job order, so the output never depends on the number of workers.

Without ``fork`` (Windows, macOS spawn) or inside a process that must not fork (a Dask worker), the map runs
in this process.

Example:
    >>> from vnpe.parallel import pmap, shared
    >>> def total(job):
    ...     lo, hi = job
    ...     return sum(shared()[lo:hi])
    >>> list(pmap(total, [(0, 2), (2, 4)], workers=1, shared=[1, 2, 3, 4]))
    [3, 7]
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing as mp
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import Any

MAX_WORKERS = 8
# The shared object of every open pmap call, by call. A worker may be forked (or replaced, with
# ``jobs_per_worker``) while another pmap is open in the parent (overlap links events, with a pool of its
# own, while its figures pool runs): each job reads the object of its own call, never "the latest".
_SHARED: dict[int, Any] = {}
_CURRENT: list[int | None] = [None]  # the call whose job runs in this process now
_CALLS = itertools.count()
_NO_FORK = {"value": False}
_FROZEN = [0]  # open forked maps (see _pmap)


def _worker_signals() -> None:
    """Workers ignore SIGINT (the parent handles it and terminates the pool) and die on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def shared() -> Any:
    """The ``shared`` object of the :func:`pmap` call whose job is running (in the caller and in its workers)."""
    return _SHARED.get(_CURRENT[0])


class _Job:
    """``func`` run as a job of one pmap call: :func:`shared` answers that call's object while it runs."""

    def __init__(self, func: Callable[[Any], Any], call: int) -> None:
        self.func, self.call = func, call

    def __call__(self, job: Any) -> Any:
        previous = _CURRENT[0]
        _CURRENT[0] = self.call
        try:
            return self.func(job)
        finally:
            _CURRENT[0] = previous


def cpu_workers(limit: int = MAX_WORKERS) -> int:
    """Cores this process may use (its CPU affinity), at most ``limit``."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        n = os.cpu_count() or 1
    return max(1, min(n, limit))


def serial_only(value: bool = True) -> None:
    """Make every later :func:`pmap` in this process run serially (Dask workers call this)."""
    _NO_FORK["value"] = value


def pmap(func: Callable[[Any], Any], jobs: Iterable[Any], *, workers: int = 1, shared: Any = None,
         jobs_per_worker: int | None = None, start: bool = False) -> Iterator[Any]:
    """Results of ``func(job)`` for every job, in job order, computed by ``workers`` forked processes.

    ``shared`` is made available to ``func`` (through :func:`shared`) without being pickled.
    ``jobs_per_worker``: a worker is replaced by a fresh fork after this many jobs (bounds what its caches
    and heap accumulate over a long map; None: never).
    ``start``: fork the workers and hand them the jobs now, not at the first ``next()``, so that the caller
    can do other work while they run (in the serial case the jobs still run lazily, as the results are read).
    The iterator holds the pool open until it is exhausted (or closed).
    """
    gen = _pmap(func, jobs, workers, shared, jobs_per_worker)
    if start:
        next(gen)  # up to the point where the pool runs
        return gen
    return _skip_first(gen)


def _skip_first(gen: Iterator[Any]) -> Iterator[Any]:
    next(gen)
    yield from gen


_STARTED = object()


def _pmap(func: Callable[[Any], Any], jobs: Iterable[Any], workers: int, shared: Any,
          jobs_per_worker: int | None) -> Iterator[Any]:
    """:func:`pmap`'s generator: yields ``_STARTED`` once the work is under way, then the results."""
    jobs = list(jobs)
    can_fork = "fork" in mp.get_all_start_methods() and not _NO_FORK["value"]
    call = next(_CALLS)
    _SHARED[call] = shared
    func = _Job(func, call)
    try:
        if workers <= 1 or len(jobs) <= 1 or not can_fork:
            yield _STARTED
            for job in jobs:
                yield func(job)
            return
        # Objects that exist at the fork are frozen out of the cyclic collector: a worker's collections
        # would otherwise write to every one of them and copy the pages it shares with this process.
        # Maps can be open at once (overlap's figures pool while event_features runs one): gc.freeze does not
        # nest, so only the outermost open map freezes and unfreezes.
        if not _FROZEN[0]:
            gc.freeze()
        _FROZEN[0] += 1
        try:
            with mp.get_context("fork").Pool(min(workers, len(jobs)), initializer=_worker_signals,
                                             maxtasksperchild=jobs_per_worker) as pool:
                results = pool.imap(func, jobs, chunksize=1)
                yield _STARTED
                yield from results
        finally:
            _FROZEN[0] -= 1
            if not _FROZEN[0]:
                gc.unfreeze()
    finally:
        del _SHARED[call]
