"""Real corpus: ``vnpe overlap`` against the datasketch and rensa MinHash recipes, and growth with size.

Part 1 (real corpus, default /work/data/vi_corpus or $VNPE_REAL_CORPUS: VNTC, 33,759 Vietnamese articles
in UTF-16): three runs, each in its own process (wall time; peak memory as max RSS of the process from
``wait4`` and as the peak PSS of the process tree sampled every 50 ms, which counts forked workers once):

* ``vnpe overlap DIR -o pairs.csv`` end to end (files -> decode -> clean -> pairs, events included);
* the datasketch recipe: read and decode each file, words ``\\w+`` lower-cased, word 5-gram shingles as
  strings, ``MinHash(num_perm=128).update_batch``, ``MinHashLSH(threshold=0.8)``, exact Jaccard on the
  candidates, pairs with Jaccard >= 0.8;
* the rensa recipe: the same shingles, ``RMinHash.from_token_sets`` (batch, Rust) and ``RMinHashLSH``
  (threshold 0.8, 16 bands), exact Jaccard on the candidates.

It prints the ratios (recipe time / vnpe time) and how many of each recipe's Jaccard >= 0.8 pairs vnpe
reports as near-duplicate or reuse.

Part 2 (growth): generated articles (the generator of ``bench_overlap.py``) at 10k, 100k, 300k articles
through ``vnpe.overlap`` (cleaning not included), time and peak memory per size.

Usage:
    python benchmarks/bench_real.py                       # real corpus + growth 10k 100k 300k
    python benchmarks/bench_real.py /path/to/corpus --sizes 10000
    python benchmarks/bench_real.py --no-real --sizes 10000 100000
    python benchmarks/bench_real.py --no-growth --only vnpe rensa
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pickle
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_overlap import TreePeak, make_corpus  # noqa: E402

DEFAULT_CORPUS = "/work/data/vi_corpus"
WORD = re.compile(r"\w+")


# ----------------------------------------------------------------------------------------- recipes
def _files(root: Path) -> list[Path]:
    return sorted((p for p in root.rglob("*") if p.suffix.lower() == ".txt" and p.is_file()),
                  key=lambda p: p.relative_to(root).as_posix())


def _read(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    return data.decode("utf-8-sig", errors="replace")


def _shingles(text: str) -> set[str]:
    words = WORD.findall(text.lower())
    return {" ".join(words[j:j + 5]) for j in range(len(words) - 4)}


def recipe(kind: str, root: Path) -> dict:
    """The peer recipe over the files of ``root``; pairs (relative paths without .txt) with J >= 0.8."""
    t0 = time.perf_counter()
    files = _files(root)
    ids = [f.relative_to(root).as_posix()[:-4] for f in files]
    sets = [_shingles(_read(f)) for f in files]
    t_read = time.perf_counter() - t0
    cand: set[tuple[int, int]] = set()
    if kind == "datasketch":
        from datasketch import MinHash, MinHashLSH

        lsh = MinHashLSH(threshold=0.8, num_perm=128)
        sigs = []
        for i, sh in enumerate(sets):
            m = MinHash(num_perm=128)
            m.update_batch([s.encode("utf8") for s in sh])
            lsh.insert(i, m)
            sigs.append(m)
        for i, m in enumerate(sigs):
            cand.update((i, j) for j in lsh.query(m) if j > i)
    else:
        from rensa import RMinHash, RMinHashLSH

        mhs = RMinHash.from_token_sets(sets, 128, 42)
        lsh = RMinHashLSH(0.8, 128, 16)
        lsh.insert_many(mhs)
        for i, m in enumerate(mhs):
            cand.update((i, j) for j in lsh.query(m) if j > i)
    pairs = []
    for i, j in sorted(cand):
        a, b = sets[i], sets[j]
        inter = len(a & b)
        union = len(a) + len(b) - inter
        if union and inter / union >= 0.8:
            pairs.append((ids[i], ids[j], inter / union))
    return {"time": time.perf_counter() - t0, "read_shingle": t_read, "n_docs": len(files),
            "n_candidates": len(cand), "pairs": pairs}


def vnpe_fallback(root: Path) -> dict:
    """What ``vnpe overlap`` does, in this process; when same-event linking fails on the corpus, the
    error is reported and the time is that of loading + text overlap (events off), the failed try excluded."""
    from vnpe.load import load_corpus
    from vnpe.overlap import overlap

    t0 = time.perf_counter()
    arts = load_corpus(root, progress=False, warn=False, keep_raw=False)
    t_load = time.perf_counter() - t0
    error = ""
    timings: dict[str, float] = {}
    t1 = time.perf_counter()
    try:
        pairs = overlap(arts, events=True, timings=timings)[0]
    except Exception as exc:  # noqa: BLE001 - reported, then measured without events
        error = f"{type(exc).__name__}: {exc}"
        timings = {}
        t1 = time.perf_counter()
        pairs = overlap(arts, events=False, timings=timings)[0]
    t_overlap = time.perf_counter() - t1
    return {"time": t_load + t_overlap, "load": t_load, "stages": timings, "error": error,
            "pairs": pairs[["doc_a", "doc_b", "relation"]].to_dict("records")}


# ------------------------------------------------------------------------------------ measurement
def measure(cmd: list[str]) -> dict:
    """Run ``cmd``; wall time, max RSS (wait4) and peak PSS of its process tree."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=dict(os.environ, PYTHONHASHSEED="0"))
    with TreePeak(proc.pid) as tree:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
    peak = tree.peak_kb
    return {"wall": wall, "rc": proc.returncode, "max_rss_mb": usage.ru_maxrss / 1024, "pss_mb": peak / 1024,
            "cpu": usage.ru_utime + usage.ru_stime}


def vnpe_cli() -> list[str]:
    exe = Path(sys.executable).with_name("vnpe")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "vnpe"]


def real(root: Path, only: list[str]) -> None:
    n_files = len(_files(root))
    size = sum(f.stat().st_size for f in _files(root)) / 1e6
    print(f"== real corpus: {root.name}, {n_files} files, {size:.0f} MB on disk; {os.cpu_count()} CPUs; load "
          f"average {os.getloadavg()[0]:.1f} at the start (other jobs share the machine: compare CPU times too)",
          flush=True)
    from vnpe.parallel import cpu_workers

    print(f"vnpe overlap uses its pool of {cpu_workers()} processes (load, clean, sketch, event features per "
          "chunk; exact figures per block of pairs); the datasketch and rensa recipes run in one process, as a "
          "user would write them", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench_real_"))
    res: dict[str, dict] = {}
    for kind in only:
        if kind == "vnpe":
            out = tmp / "pairs.csv"
            m = measure([*vnpe_cli(), "overlap", str(root), "-o", str(out)])
            if m["rc"] == 0:
                with open(out, newline="", encoding="utf-8-sig") as f:  # vnpe writes a BOM for spreadsheets
                    rows = list(csv.DictReader(f))
                m["pairs"] = rows
            else:
                print(f"vnpe overlap: FAILED (exit status {m['rc']}) after {m['wall']:.1f} s; measuring the same "
                      "steps through the API, events off if they fail", flush=True)
                out = tmp / "vnpe.json"
                m = measure([sys.executable, __file__, str(root), "--child", "vnpe", "--out", str(out)])
                if m["rc"] == 0:
                    r = json.loads(out.read_text())
                    m["pairs"] = r["pairs"]
                    m["wall"] = r["time"]  # loading + overlap, without the failed events attempt
                    stages = ", ".join(f"{k} {v:.1f} s" for k, v in r["stages"].items())
                    print(f"vnpe (API): load_corpus {r['load']:.1f} s, overlap {stages}"
                          + (f"; events failed: {r['error']}" if r["error"] else ""), flush=True)
            res[kind] = m
        else:
            out = tmp / f"{kind}.json"
            m = measure([sys.executable, __file__, str(root), "--child", kind, "--out", str(out)])
            if m["rc"] == 0:
                m.update(json.loads(out.read_text()))
            res[kind] = m
        r = res[kind]
        if r["rc"] != 0:
            print(f"{kind}: FAILED (exit status {r['rc']}) after {r['wall']:.1f} s", flush=True)
            continue
        extra = ""
        if kind == "vnpe":
            rel = {}
            for row in r["pairs"]:
                rel[row["relation"]] = rel.get(row["relation"], 0) + 1
            extra = f"{len(r['pairs'])} pair rows {rel}"
        else:
            extra = (f"reading + shingling {r['read_shingle']:.1f} s, {r['n_candidates']} candidates, "
                     f"{len(r['pairs'])} pairs with J >= 0.8")
        print(f"{kind}: {r['wall']:.1f} s wall, {r['cpu']:.1f} s CPU, max RSS {r['max_rss_mb']:.0f} MB, "
              f"peak PSS (tree) {r['pss_mb']:.0f} MB; {extra}; load average {os.getloadavg()[0]:.1f} at its end",
              flush=True)
    v = res.get("vnpe")
    if v and v["rc"] == 0:
        textual = {(row["doc_a"], row["doc_b"]) for row in v["pairs"]
                   if row["relation"] in ("near_duplicate", "reuse")}
        for kind in ("datasketch", "rensa"):
            r = res.get(kind)
            if not r or r["rc"] != 0:
                continue
            found = {(a, b) for a, b, _ in r["pairs"]}
            hit = len(found & textual)
            print(f"{kind} / vnpe: time ratio {r['wall'] / v['wall']:.2f} (vnpe {v['wall']:.1f} s, {kind} "
                  f"{r['wall']:.1f} s), memory ratio {r['pss_mb'] / max(v['pss_mb'], 1):.2f}; vnpe finds "
                  f"{hit}/{len(found)} of its J >= 0.8 pairs", flush=True)


# ------------------------------------------------------------------------------------------ growth
def growth_child(corpus: str, out: str) -> None:
    import pandas as pd

    from vnpe.overlap import overlap

    with open(corpus, "rb") as f:
        texts = pickle.load(f)
    arts = pd.DataFrame({"doc_id": [f"{i:07d}" for i in range(len(texts))], "language": "vi", "text": texts})
    del texts
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    pairs, passages = overlap(arts, method="lsh", events=True, timings=timings)
    with open(out, "w") as f:
        json.dump({"time": time.perf_counter() - t0, "stages": timings, "pairs": len(pairs),
                   "passages": len(passages)}, f)


def growth(sizes: list[int], seed: int) -> None:
    print("\n== growth: generated articles through vnpe.overlap (cleaning not included)", flush=True)
    for n in sizes:
        t0 = time.perf_counter()
        texts, planted = make_corpus(n, seed=seed)
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        with tempfile.NamedTemporaryFile(suffix=".pkl", delete=False) as tmp:
            pickle.dump(texts, tmp)
            corpus = tmp.name
        del texts
        gen = time.perf_counter() - t0
        out = corpus + ".json"
        m = measure([sys.executable, __file__, corpus, "--child", "growth", "--out", out])
        os.unlink(corpus)
        if m["rc"] != 0:
            print(f"{n}: FAILED (exit status {m['rc']}), max RSS {m['max_rss_mb']:.0f} MB", flush=True)
            continue
        r = json.loads(Path(out).read_text())
        os.unlink(out)
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in r["stages"].items())
        print(f"{n} articles ({mb:.0f} MB UTF-8, generated in {gen:.0f} s): {r['time']:.1f} s in overlap "
              f"({stages}); process {m['wall']:.1f} s incl. reading the pickle; max RSS {m['max_rss_mb']:.0f} MB, "
              f"peak PSS {m['pss_mb']:.0f} MB; {r['pairs']} pairs, {r['passages']} passages "
              f"({len(planted)} planted)", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=os.environ.get("VNPE_REAL_CORPUS", DEFAULT_CORPUS))
    ap.add_argument("--sizes", type=int, nargs="*", default=[10000, 100000, 300000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", nargs="+", default=["vnpe", "datasketch", "rensa"],
                    choices=["vnpe", "datasketch", "rensa"])
    ap.add_argument("--no-real", action="store_true", help="skip the real corpus")
    ap.add_argument("--no-growth", action="store_true", help="skip the generated sizes")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child == "growth":
        growth_child(args.corpus, args.out)
        return 0
    if args.child:
        root = Path(args.corpus)
        res = vnpe_fallback(root) if args.child == "vnpe" else recipe(args.child, root)
        Path(args.out).write_text(json.dumps(res))
        return 0
    if not args.no_real:
        root = Path(args.corpus)
        if not root.is_dir():
            print(f"bench_real: corpus folder not found: {root} (give a path or set VNPE_REAL_CORPUS)")
            return 2
        real(root, args.only)
    if not args.no_growth and args.sizes:
        growth(args.sizes, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
