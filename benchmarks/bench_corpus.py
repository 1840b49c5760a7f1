"""Benchmark: load + clean throughput, peak memory and cleaning quality at several corpus sizes.

Synthetic pages are assembled from the seeds' paragraphs (story lines) and from page furniture of the
kinds the cleaner must drop (captions, player residue, file names, prompts, signatures, related lists,
footers), so every generated line has a known label. Each size runs in a fresh process so that its peak
memory (max RSS) is its own; the cleaning runs on one core.

    python benchmarks/bench_corpus.py                 # 1k, 10k, 100k articles
    python benchmarks/bench_corpus.py --sizes 200     # a quick run

Prints one line per size: articles, MB, seconds, articles/s, MB/s, peak RSS, and the precision / recall of
the kept lines against the planted labels.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FURNITURE = [
    "Leaders pose for a photo after the talks. (Photo: VNA)",
    "Hai nhà lãnh đạo tại buổi hội đàm. (Ảnh: TTXVN)",
    "0:00 / 0:00",
    "0:00",
    "chu-tich-nuoc-hoi-dam.jpg",
    "Theo dõi Báo Quốc tế trên",
    "Follow us on Facebook",
    "VNA",
]
TAILS = [
    ["See more", "", "Floods sweep northern Italy", "",
     "Heavy rain caused rivers to burst their banks across Lombardy and Piedmont on Sunday.", "",
     "Thai rice exports hit record high", "", "Bangkok reported record rice shipments to Africa ..."],
    ["Đọc thêm", "", "Giá vàng hôm nay tăng mạnh", "", "Giá vàng hôm nay tăng mạnh", "",
     "Giá vàng trong nước tăng mạnh theo đà thế giới trong phiên sáng nay ...", "Phiên bản di động"],
]


def seed_paragraphs() -> tuple[list[str], list[str]]:
    """Story paragraphs and titles taken from the seeds by the cleaner itself (long body lines only)."""
    import vnpe

    articles = vnpe.load_corpus(ROOT / "seeds", warn=False)
    paras = [p for p in vnpe.paragraphs(articles).text if len(p) > 120]
    titles = [t for t in articles.title.dropna()]
    return paras, titles


def make_page(rng: random.Random, paras: list[str], titles: list[str]) -> tuple[str, list[bool]]:
    """One page and, per line, whether it is story text (True) or furniture / blank (False)."""
    lines: list[tuple[str, bool]] = [(rng.choice(titles) + f" ({rng.randrange(10**6)})", True), ("", False)]
    for _ in range(rng.randint(6, 14)):
        # a number makes every paragraph unique, so that repeats across pages are not repeats within one
        lines.append((rng.choice(paras) + f" [{rng.randrange(10**6)}]", True))
        if rng.random() < 0.3:
            lines.append((rng.choice(FURNITURE), False))
        lines.append(("", False))
    if rng.random() < 0.7:
        lines.extend((t, False) for t in rng.choice(TAILS))
    return "\n".join(t for t, _ in lines) + "\n", [k for _, k in lines]


def build(folder: Path, n: int, seed: int = 0) -> None:
    paras, titles = seed_paragraphs()
    rng = random.Random(seed)
    labels = {}
    for i in range(n):
        text, keep = make_page(rng, paras, titles)
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        labels[f"{i // 1000:03d}/{i:06d}"] = keep
    (folder.parent / "labels.json").write_text(json.dumps(labels), encoding="utf-8")


def child(folder: Path) -> None:
    """Load and clean the corpus, print figures as JSON (runs in its own process)."""
    import vnpe

    mb = sum(p.stat().st_size for p in folder.rglob("*.txt")) / 1e6
    # One-time start-up, reported apart: the stop-word lists, py3langid's model, the date and vocabulary
    # patterns (vnpe.clean.warm_up).
    from vnpe.clean import warm_up

    w0 = time.process_time()
    warm_up()
    warmup = time.process_time() - w0
    t0, c0 = time.perf_counter(), time.process_time()
    articles = vnpe.load_corpus(folder, warn=False, progress=False, n_jobs=1)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the quality check below
    labels = json.loads((folder.parent / "labels.json").read_text(encoding="utf-8"))
    tp = n_kept = n_true = 0
    for doc, raw in zip(articles.doc_id, articles.raw, strict=True):
        kept = [ln.kept for ln in vnpe.clean_text(raw).lines]
        truth = labels[doc]
        tp += sum(a and b for a, b in zip(kept, truth, strict=True))
        n_kept += sum(kept)
        n_true += sum(truth)
    precision = tp / max(1, n_kept)
    recall = tp / max(1, n_true)
    print(json.dumps({"articles": len(articles), "mb": mb, "seconds": seconds, "cpu": cpu, "warmup": warmup,
                      "peak_mb": peak,
                      "precision": precision, "recall": recall}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    print("one core; wall and CPU seconds of load_corpus (decode + clean); rates per CPU second;")
    print("start-up (imports aside: stop-word lists, language model, patterns: vnpe.clean.warm_up) is timed "
          "apart, once per process")
    print(f"{'articles':>9} {'MB':>8} {'wall s':>8} {'CPU s':>8} {'art/s':>8} {'MB/s':>6} {'peak MB':>8} "
          f"{'prec':>6} {'recall':>6}")
    for n in args.sizes:
        tmp = Path(tempfile.mkdtemp(prefix="vnpe-bench-"))
        try:
            corpus = tmp / "corpus"
            corpus.mkdir()
            build(corpus, n)
            out = subprocess.run([sys.executable, __file__, "--child", str(corpus)], capture_output=True,
                                 text=True, check=True, env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"})
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{r['articles']:>9,} {r['mb']:>8.1f} {r['seconds']:>8.1f} {r['cpu']:>8.1f} "
                  f"{r['articles'] / r['cpu']:>8.0f} {r['mb'] / r['cpu']:>6.2f} {r['peak_mb']:>8.0f} "
                  f"{r['precision']:>6.3f} {r['recall']:>6.3f}   (start-up {r['warmup']:.2f} s)", flush=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
