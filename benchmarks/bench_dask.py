"""Dask path: per-worker memory and time of ``vnpe.dask.overlap`` at 100k and 300k generated articles.

A LocalCluster of two single-threaded worker processes. The articles are generated on the workers,
partition by partition (``bench_overlap.make_corpus`` with the partition number as seed: planted
near-duplicates and reused passages inside each partition), so that neither the client nor a worker ever
holds the corpus; the overlap (signatures per partition, LSH bands and fingerprints as shuffles, pairs
counted by a shuffle, candidates verified per block of two partitions, each task reading its two
partitions' texts from the staged Parquet) runs with events off.
Each worker's resident memory is sampled every second; the peak per worker is printed per size. Memory
that stays flat from 100k to 300k articles is the claim under test.

Usage:
    python benchmarks/bench_dask.py                     # 100000 300000
    python benchmarks/bench_dask.py --sizes 20000       # quick run
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _partition(p: int, size: int, offset: int) -> pd.DataFrame:
    from bench_overlap import make_corpus

    texts = make_corpus(size, seed=1000 + p)[0] if size else []
    n = len(texts)
    return pd.DataFrame({"doc_id": [f"{offset + i:08d}" for i in range(n)], "language": "vi", "status": "ok",
                         "text": pd.array(texts, dtype="string"), "row": np.arange(offset, offset + n, dtype=np.int64)})


def _rss() -> int:
    import psutil

    return psutil.Process().memory_info().rss


def run(n: int, part: int, workers: int, memory_limit: str) -> None:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import vnpe.dask as vd

    sizes = [min(part, n - i) for i in range(0, n, part)]
    offsets = np.cumsum([0, *sizes[:-1]]).tolist()
    with LocalCluster(n_workers=workers, threads_per_worker=1, memory_limit=memory_limit,
                      dashboard_address=None) as lc, Client(lc) as client:
        meta = _partition(0, 0, 0)
        generated = dd.from_map(_partition, list(range(len(sizes))), sizes, offsets, meta=meta,
                                enforce_metadata=False)
        work = tempfile.mkdtemp(prefix="bench_dask_")
        t0 = time.perf_counter()
        arts = vd.stage(generated, str(Path(work, "articles.parquet")))  # as `vnpe overlap --dask` does
        t_gen = time.perf_counter() - t0
        client.run(gc.collect)
        peak: dict[str, int] = {}
        samples: list[tuple[float, dict[str, int]]] = []
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                try:
                    now = client.run(_rss)
                    samples.append((time.perf_counter(), now))
                    for addr, rss in now.items():
                        peak[addr] = max(peak.get(addr, 0), rss)
                except Exception:  # noqa: BLE001 - a sample lost while a worker is busy
                    pass
                time.sleep(1.0)

        base = client.run(_rss)  # after staging: the overlap's own growth is what is measured
        th = threading.Thread(target=sample, daemon=True)
        th.start()
        t0 = time.perf_counter()
        phases: list[tuple[str, float, float]] = []
        pairs, passages = vd.overlap(arts, method="lsh", events=False, phases=phases)
        elapsed = time.perf_counter() - t0
        stop.set()
        th.join()
        shutil.rmtree(work, ignore_errors=True)
    per = ", ".join(f"{v / 2**20:.0f} MB" for v in sorted(peak.values()))
    start = ", ".join(f"{v / 2**20:.0f} MB" for v in sorted(base.values()))
    rel = pairs["relation"].value_counts().to_dict()
    print(f"{n} articles in {len(sizes)} partitions of {part}: overlap {elapsed:.0f} s (generation and "
          f"Parquet staging before it: {t_gen:.0f} s), peak RSS per worker {per} (idle {start}); "
          f"{len(pairs)} pairs {rel}, {len(passages)} passages", flush=True)
    for name, t0, t1 in phases:  # the largest worker's peak within each step of vnpe.dask.overlap
        during = [max(s.values()) for t, s in samples if t0 <= t <= t1]
        top = f"{max(during) / 2**20:.0f} MB" if during else "no sample"
        print(f"  {name}: {t1 - t0:.0f} s, largest worker peak {top}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100000, 300000])
    ap.add_argument("--partition", type=int, default=5000, help="articles per partition")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--memory-limit", default="2GiB", help="per worker")
    args = ap.parse_args(argv)
    print(f"bench_dask: LocalCluster, {args.workers} worker processes x 1 thread", flush=True)
    for n in args.sizes:
        run(n, args.partition, args.workers, args.memory_limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
