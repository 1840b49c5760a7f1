"""Benchmark of ``vnpe.overlap``: planted near-duplicates and reused passages at 1k, 10k and 100k articles.

A synthetic corpus of Vietnamese-like articles (Zipf-distributed syllables with diacritics, paragraphs of
about 80 words, about 5 KB each) is generated with a fixed seed. Into it we plant, on disjoint articles:

* near-duplicates (5 % of the articles): a copy of another article with word edits (substitution,
  deletion, insertion) at a known rate of 1, 3, 5 or 10 %, a third of them also trimmed by up to 15 %;
* reused passages (5 %): a passage of 60, 120 or 240 words of another article, edited at 0, 2 or 5 %,
  inserted into an article.

For every size it prints, for ``vnpe`` (``pair_table``, candidates by MinHash LSH + winnowing) and for
the peer (the plain datasketch recipe: word 5-gram shingles as Python strings,
``MinHash(num_perm=128).update_batch``, ``MinHashLSH(threshold=0.8)``, exact Jaccard on candidates),
each run in its own process: wall time, peak memory (PSS of the process and its workers, sampled every
50 ms), precision and recall of the planted pairs (vnpe: relation near_duplicate or reuse; peer: exact
Jaccard >= 0.8), recall on the planted pairs whose Jaccard is >= 0.8 (the peer's own target), and, where
brute force fits (<= --brute-max articles), the recall of the candidate step against brute force (every
pair sharing a shingle, same exact figures).

Usage:
    python benchmarks/bench_overlap.py                 # 1000, 10000, 100000
    python benchmarks/bench_overlap.py --sizes 200     # quick run
    python benchmarks/bench_overlap.py --sizes 1000 --no-peer
    python benchmarks/bench_overlap.py --sizes 10000 --loader   # also with load_corpus (cleaning) included
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph",
          "qu", "r", "s", "t", "th", "tr", "v", "x"]
VOWELS = ["a", "à", "á", "ả", "ã", "ạ", "ă", "ắ", "ằ", "â", "ấ", "ầ", "e", "é", "è", "ê", "ế", "ề",
          "i", "í", "ì", "o", "ó", "ò", "ô", "ố", "ồ", "ơ", "ớ", "ờ", "u", "ú", "ù", "ư", "ứ", "ừ",
          "y", "ý", "oa", "uô", "ươ", "iê", "ươ", "ai", "ao", "oi", "ưa", "ia"]
CODAS = ["", "", "", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u"]


# -------------------------------------------------------------------------------------- corpus
def make_vocab(rng: np.random.Generator, size: int) -> np.ndarray:
    seen: dict[str, None] = {}
    while len(seen) < size:
        o = rng.choice(ONSETS, 4096)
        v = rng.choice(VOWELS, 4096)
        c = rng.choice(CODAS, 4096)
        for a, b, d in zip(o, v, c, strict=True):
            seen.setdefault(a + b + d, None)
        if len(seen) < size:  # two-syllable-like tokens to reach the size
            for a, b in zip(rng.choice(list(seen), 4096), rng.choice(list(seen), 4096), strict=True):
                seen.setdefault(a + b, None)
    return np.array(list(seen)[:size], dtype=object)


def edit(rng: np.random.Generator, ids: np.ndarray, rate: float, vocab_size: int, p: np.ndarray) -> np.ndarray:
    """Word edits at ``rate``: a third substitutions, deletions, insertions."""
    if rate <= 0:
        return ids.copy()
    r = rng.random(ids.size)
    kind = rng.integers(0, 3, ids.size)
    fresh = rng.choice(vocab_size, size=ids.size, p=p).astype(np.int32)
    out = []
    for w, x, k, f in zip(ids.tolist(), r.tolist(), kind.tolist(), fresh.tolist(), strict=True):
        if x >= rate:
            out.append(w)
        elif k == 0:
            out.append(f)
        elif k == 2:
            out.extend([w, f])
    return np.array(out, dtype=np.int32)


def to_text(vocab: np.ndarray, ids: np.ndarray, para: int = 80) -> str:
    words = vocab[ids]
    paras = [" ".join(words[i:i + para]) for i in range(0, len(words), para)]
    return "\n\n".join(p[:1].upper() + p[1:] + "." for p in paras)


def make_corpus(n: int, seed: int = 0) -> tuple[list[str], list[tuple[int, int, str, float]]]:
    """Texts and planted pairs (a, b, kind, edit rate) with a < b."""
    rng = np.random.default_rng(seed)
    vocab = make_vocab(rng, 30000)
    p = 1.0 / (np.arange(vocab.size) + 3.0) ** 1.05
    p /= p.sum()
    lengths = np.clip(rng.normal(740, 150, n), 250, 1500).astype(int)
    ids: list[np.ndarray] = []
    for i in range(0, n, 5000):
        chunk = lengths[i:i + 5000]
        flat = rng.choice(vocab.size, size=int(chunk.sum()), p=p).astype(np.int32)
        ids.extend(np.split(flat, np.cumsum(chunk)[:-1]))
    perm = rng.permutation(n)
    k = max(n // 20, 1)
    planted: list[tuple[int, int, str, float]] = []
    nd_rates = [0.01, 0.03, 0.05, 0.10]
    for i in range(k):
        src, dst = int(perm[2 * i]), int(perm[2 * i + 1])
        rate = nd_rates[i % len(nd_rates)]
        copy = edit(rng, ids[src], rate, vocab.size, p)
        if i % 3 == 0:
            copy = copy[: int(copy.size * (1 - rng.uniform(0, 0.15)))]
        ids[dst] = copy
        planted.append((min(src, dst), max(src, dst), "near_duplicate", rate))
    ru_lengths, ru_rates = [60, 120, 240], [0.0, 0.02, 0.05]
    for i in range(k):
        src, dst = int(perm[2 * k + 2 * i]), int(perm[2 * k + 2 * i + 1])
        if 2 * k + 2 * i + 1 >= n:
            break
        L = min(ru_lengths[i % 3], ids[src].size)
        rate = ru_rates[(i // 3) % 3]
        start = int(rng.integers(0, ids[src].size - L + 1))
        passage = edit(rng, ids[src][start:start + L], rate, vocab.size, p)
        at = int(rng.integers(0, ids[dst].size + 1))
        ids[dst] = np.concatenate([ids[dst][:at], passage, ids[dst][at:]])
        planted.append((min(src, dst), max(src, dst), "reuse", rate))
    texts = [to_text(vocab, x) for x in ids]
    return texts, planted


# ------------------------------------------------------------------------------------ children
def _cpu() -> float:
    self_, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return self_.ru_utime + self_.ru_stime + kids.ru_utime + kids.ru_stime


def child_vnpe(texts: list[str], method: str, loader: bool = False) -> dict:
    import pandas as pd

    from vnpe.overlap import overlap

    timings: dict[str, float] = {}
    if loader:  # cleaning included: write the articles as files, then load_corpus + overlap
        import vnpe

        folder = tempfile.mkdtemp(prefix="bench_overlap_")
        for i, t in enumerate(texts):
            Path(folder, f"{i:07d}.txt").write_text(t, encoding="utf-8")
        c0, t0 = _cpu(), time.perf_counter()
        arts = vnpe.load_corpus(folder, progress=False, warn=False, keep_raw=False)  # as `vnpe overlap` loads
        timings["load_corpus"] = time.perf_counter() - t0
    else:
        arts = pd.DataFrame({"doc_id": [f"{i:07d}" for i in range(len(texts))], "language": "vi",
                             "text": texts})
        c0, t0 = _cpu(), time.perf_counter()
    pairs, passages = overlap(arts, method=method, events=True, timings=timings)
    elapsed = time.perf_counter() - t0
    if loader:
        shutil.rmtree(folder, ignore_errors=True)
    a = pairs["doc_a"].astype(int).to_numpy()
    b = pairs["doc_b"].astype(int).to_numpy()
    return {"time": elapsed, "cpu": _cpu() - c0, "stages": timings, "a": a.tolist(), "b": b.tolist(),
            "relation": pairs["relation"].tolist(), "jaccard": pairs["jaccard"].tolist(),
            "n_passages": int(len(passages))}


def child_peer(texts: list[str]) -> dict:
    from datasketch import MinHash, MinHashLSH

    c0, t0 = _cpu(), time.perf_counter()
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    sets, sigs = {}, {}
    for i, text in enumerate(texts):
        words = re.findall(r"\w+", text.lower())
        sh = {" ".join(words[j:j + 5]) for j in range(len(words) - 4)}
        m = MinHash(num_perm=128)
        m.update_batch([s.encode("utf8") for s in sh])
        lsh.insert(i, m)
        sets[i], sigs[i] = sh, m
    found_a, found_b, jac = [], [], []
    for i in range(len(texts)):
        for j in lsh.query(sigs[i]):
            if j > i:
                inter = len(sets[i] & sets[j])
                jj = inter / (len(sets[i]) + len(sets[j]) - inter)
                if jj >= 0.8:
                    found_a.append(i)
                    found_b.append(j)
                    jac.append(jj)
    elapsed = time.perf_counter() - t0
    return {"time": elapsed, "cpu": _cpu() - c0, "a": found_a, "b": found_b, "jaccard": jac}


def child_main(kind: str, corpus: str, out: str) -> None:
    with open(corpus, "rb") as f:
        texts = pickle.load(f)
    if kind == "peer":
        res = child_peer(texts)
    else:
        res = child_vnpe(texts, kind.removesuffix("+loader"), loader=kind.endswith("+loader"))
    with open(out, "w") as f:
        json.dump(res, f)


# ------------------------------------------------------------------------------- measurement
def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children") as f:
                    todo.extend(int(x) for x in f.read().split())
        except OSError:
            pass
    return out


class TreePeak:
    """While in use, samples the summed PSS of a process and its children every 50 ms: ``peak_kb``."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in _tree(self.pid)))
            time.sleep(0.05)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_child(kind: str, corpus: str) -> dict:
    """Run one measurement in a fresh process; returns its result with ``peak_mb`` (PSS of the tree)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        out = tmp.name
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.Popen([sys.executable, __file__, "--child", kind, "--corpus", corpus, "--out", out],
                            env=env)
    base = _pss_kb(proc.pid)
    with TreePeak(proc.pid) as tree:
        rc = proc.wait()
    peak = tree.peak_kb
    if rc != 0:
        return {"error": f"exit status {rc}", "peak_mb": peak / 1024}
    with open(out) as f:
        res = json.load(f)
    os.unlink(out)
    res["peak_mb"] = peak / 1024
    res["base_mb"] = base / 1024
    return res


def corpus_mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def scores(found: set[tuple[int, int]], truth: set[tuple[int, int]]) -> tuple[float, float]:
    tp = len(found & truth)
    return (tp / len(found) if found else 1.0), (tp / len(truth) if truth else 1.0)


def true_jaccard(texts: list[str], pairs: list[tuple[int, int]]) -> dict[tuple[int, int], float]:
    from vnpe.overlap import hash_texts

    out = {}
    for a, b in pairs:
        h = hash_texts([texts[a], texts[b]])
        sa, sb = set(h.doc(0)["lower"].tolist()), set(h.doc(1)["lower"].tolist())
        out[(a, b)] = len(sa & sb) / max(len(sa | sb), 1)
    return out


def bench(n: int, args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    texts, planted = make_corpus(n, seed=args.seed)
    gen = time.perf_counter() - t0
    truth = {(a, b) for a, b, _, _ in planted}
    kinds = {(a, b): k for a, b, k, _ in planted}
    jac = true_jaccard(texts, sorted(truth))
    truth80 = {p for p in truth if jac[p] >= 0.8}
    with tempfile.NamedTemporaryFile(suffix=".pkl", delete=False) as tmp:
        pickle.dump(texts, tmp)
        corpus = tmp.name
    print(f"\n== {n} articles, {corpus_mb(texts):.0f} MB UTF-8 (mean {corpus_mb(texts) * 1e3 / n:.1f} KB), "
          f"planted {len(truth)} pairs ({sum(k == 'near_duplicate' for k in kinds.values())} near-dup, "
          f"{sum(k == 'reuse' for k in kinds.values())} reuse; {len(truth80)} with Jaccard >= 0.8); "
          f"generated in {gen:.0f} s", flush=True)
    rows = []
    try:
        res = run_child("auto" if n <= args.brute_max else "lsh", corpus)
        if "error" in res:
            print("vnpe failed:", res["error"])
        else:
            textual = {(a, b) for a, b, r in zip(res["a"], res["b"], res["relation"], strict=True)
                       if r in ("near_duplicate", "reuse")}
            prec, rec = scores(textual, truth)
            _, rec80 = scores(textual, truth80)
            right_kind = sum(1 for a, b, r in zip(res["a"], res["b"], res["relation"], strict=True)
                             if (a, b) in kinds and kinds[(a, b)] == r)
            rows.append(("vnpe", res["time"], res["peak_mb"], prec, rec, rec80, res["cpu"]))
            stages = ", ".join(f"{k} {v:.1f} s" for k, v in res["stages"].items())
            print(f"vnpe: {res['time']:.1f} s wall ({res['time'] / n * 1000:.2f} ms/article; {stages}), "
                  f"{res['cpu']:.1f} s CPU, peak {res['peak_mb']:.0f} MB "
                  f"(corpus loaded: {res['base_mb']:.0f} MB before start), precision {prec:.4f}, recall {rec:.4f}, "
                  f"recall on J>=0.8 {rec80:.4f}, relation kind right {right_kind / max(len(truth), 1):.4f}, "
                  f"{len(res['a'])} pair rows, {res['n_passages']} passages", flush=True)
            if n <= args.brute_max and n > 0:
                lsh = run_child("lsh", corpus)
                brute = textual  # n <= brute_max: the run above used every pair sharing a shingle
                cand = {(a, b) for a, b, r in zip(lsh["a"], lsh["b"], lsh["relation"], strict=True)
                        if r in ("near_duplicate", "reuse")}
                _, crec = scores(cand, brute)
                print(f"candidate recall (MinHash LSH + winnowing vs brute force, textual pairs): {crec:.4f} "
                      f"({len(cand & brute)}/{len(brute)}); brute force {res['time']:.1f} s, "
                      f"LSH {lsh['time']:.1f} s, peak {lsh['peak_mb']:.0f} MB", flush=True)
        if not args.no_peer:
            peer = run_child("peer", corpus)
            if "error" in peer:
                print("peer failed:", peer["error"], f"(peak {peer['peak_mb']:.0f} MB)")
            else:
                found = set(zip(peer["a"], peer["b"], strict=True))
                prec, rec = scores(found, truth)
                _, rec80 = scores(found, truth80)
                rows.append(("peer", peer["time"], peer["peak_mb"], prec, rec, rec80, peer["cpu"]))
                print(f"peer (datasketch recipe): {peer['time']:.1f} s wall, {peer['cpu']:.1f} s CPU, "
                      f"peak {peer['peak_mb']:.0f} MB, "
                      f"precision {prec:.4f}, recall {rec:.4f}, recall on J>=0.8 {rec80:.4f}", flush=True)
        if args.loader and n <= args.loader_max:
            res = run_child("auto+loader" if n <= args.brute_max else "lsh+loader", corpus)
            if "error" in res:
                print("vnpe with load_corpus failed:", res["error"])
            else:
                stages = ", ".join(f"{k} {v:.1f} s" for k, v in res["stages"].items())
                print(f"vnpe, cleaning included (files -> load_corpus -> overlap): {res['time']:.1f} s wall "
                      f"({stages}), {res['cpu']:.1f} s CPU, peak {res['peak_mb']:.0f} MB")

    finally:
        os.unlink(corpus)
    if len(rows) == 2:
        (_, tv, mv, *_, cv), (_, tp, mp, *_, cp) = rows
        print(f"vnpe vs peer: {tp / tv:.1f}x faster (wall), {cp / cv:.1f}x less CPU, {mp / mv:.1f}x less memory")

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--brute-max", type=int, default=2000)
    ap.add_argument("--no-peer", action="store_true", help="skip the datasketch peer")
    ap.add_argument("--loader", action="store_true",
                    help="also time vnpe with cleaning included (articles written as files, then load_corpus)")
    ap.add_argument("--loader-max", type=int, default=10000, help="largest size for --loader")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child_main(args.child, args.corpus, args.out)
        return 0
    print(f"bench_overlap: {os.cpu_count()} CPUs")
    for n in args.sizes:
        bench(n, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
