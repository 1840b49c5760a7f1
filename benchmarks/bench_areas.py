"""Benchmark of cooperation areas and topics: speed, peak memory and quality.

Speed (wall-clock and CPU seconds; on a busy machine the CPU figure is the one to compare):
``area_table`` on corpora of N articles built from the seeds' clean paragraphs (each article
draws 5-20 paragraphs of one language, with a fixed random seed), each size in a fresh process
(peak RSS), on one core; and the whole ``vnpe areas DIR -o FILE`` command (loading and cleaning
included) on a folder of such files for the sizes listed in ``--cli-sizes``.

Quality: the seeds' four named areas and the area-profile cosine of the two Vietnamese seeds that carry
the same wire story; article-level NMI (majority cluster of the paragraphs) of ``TopicModel(k=5)``
against plain TF-IDF + KMeans(5) on the hand-written five-section English news fixture of
``tests/test_topics.py`` and on a larger synthetic five-section corpus.

    python benchmarks/bench_areas.py                      # 1k, 10k, 100k articles; CLI at 10k
    python benchmarks/bench_areas.py --sizes 200 --cli-sizes 200   # quick run
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
NAMED = ["oil_gas", "mining", "digital_transformation", "agriculture"]


def _one_core() -> None:
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def build_articles(n: int, seed: int = 0) -> pd.DataFrame:
    """N articles of 5-20 seed paragraphs each (one language per article, as in the seeds)."""
    import vnpe
    from vnpe.areas import split_paragraphs

    seeds = vnpe.load_corpus(SEEDS, progress=False)
    pools: dict[str, list[str]] = {}
    for lang, text in zip(seeds["language"], seeds["text"], strict=True):
        pools.setdefault(lang, []).extend(split_paragraphs(text))
    langs = sorted(pools)
    share = np.array([len(seeds[seeds.language == lg]) for lg in langs], dtype=float)
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        lang = langs[rng.choice(len(langs), p=share / share.sum())]
        pool = pools[lang]
        k = int(rng.integers(5, 21))
        paras = [pool[j] for j in rng.integers(0, len(pool), size=k)]
        rows.append((f"b{i:06d}", lang, "\n\n".join(paras)))
    return pd.DataFrame(rows, columns=["doc_id", "language", "text"])


def _time_area_table(n: int) -> dict:
    """Run in a fresh process: build N articles, time area_table, report peak RSS."""
    _one_core()
    from vnpe.areas import area_table, load_taxonomy

    arts = build_articles(n)
    # compile the taxonomy and load pyvi's model (imports scikit-learn) outside the timing
    load_taxonomy().matcher.find("hợp tác dầu khí", "vi")
    t0, c0 = time.perf_counter(), time.process_time()
    table = area_table(arts)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "articles": n,
        "paragraphs": int(arts["text"].str.count("\n\n").sum() + n),
        "chars": int(arts["text"].str.len().sum()),
        "seconds": round(dt, 2),
        "cpu_seconds": round(cpu, 2),
        "articles_per_cpu_s": round(n / cpu),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "rows": len(table),
        "present_share": round(float(table["present"].mean()), 3),
    }


def _time_cli(n: int) -> dict:
    arts = build_articles(n)
    tmp = Path(tempfile.mkdtemp(prefix="vnpe_bench_"))
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        for doc_id, text in zip(arts["doc_id"], arts["text"], strict=True):
            (corpus / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
        env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
        out = {"articles": n}
        # `vnpe articles` (load + clean + CSV) tells how much of `vnpe areas` is loading the corpus.
        for sub in ("areas", "articles"):
            cmd = [sys.executable, "-m", "vnpe", sub, str(corpus), "-o", str(tmp / f"{sub}.csv")]
            if shutil.which("taskset"):
                cmd = ["taskset", "-c", "0", *cmd]
            t0, r0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            out[f"{sub}_seconds"] = round(time.perf_counter() - t0, 2)
            out[f"{sub}_cpu_seconds"] = round(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime, 2)
            out[f"{sub}_exit"] = proc.returncode
            if proc.returncode:
                out[f"{sub}_stderr"] = proc.stderr.strip().splitlines()[-1:]
        if out["areas_exit"] == 0:
            out["areas_rows"] = len(pd.read_csv(tmp / "areas.csv"))
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ------------------------------------------------------------------------------------------ quality


def seed_quality() -> None:
    import vnpe
    from vnpe.areas import area_table, profile_similarity

    arts = vnpe.load_corpus(SEEDS, progress=False)
    t = area_table(arts)
    named = t[t["area"].isin(NAMED)].pivot(index="doc_id", columns="area", values="present")[NAMED]
    print("\nSeeds: four named areas present (True) per article")
    print(named.to_string())
    sim = profile_similarity(t)
    vi = arts.loc[arts["language"] == "vi", "doc_id"].tolist()
    pairs = [(a, b, sim.loc[a, b]) for i, a in enumerate(vi) for b in vi[i + 1:]]
    print("Area-profile cosine between the Vietnamese seeds:")
    for a, b, s in pairs:
        print(f"  {a} ~ {b}: {s:.4f}")


def _news_fixture():
    spec = importlib.util.spec_from_file_location("vnpe_test_topics", ROOT / "tests" / "test_topics.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.news_units()


_SECTIONS = {
    "business": "market shares profit investor bank inflation economy company revenue sales growth "
                "stock dividend merger earnings price interest rate loan retailer quarter forecast "
                "analyst consumer demand supplier factory output".split(),
    "politics": "minister election parliament vote party government opposition campaign senate law "
                "policy president bill reform coalition poll candidate leader debate cabinet treaty "
                "diplomat sanction referendum constituency mandate".split(),
    "tech": "software computer smartphone chip internet data app device network cyber hacker "
            "algorithm cloud processor startup robot online platform user code battery screen "
            "update encryption browser gadget".split(),
    "sport": "match goal striker league coach champion tournament team player score season final "
             "cup medal race stadium fans referee penalty goalkeeper athlete record victory "
             "defender olympic".split(),
    "entertainment": "film actor actress music album singer concert award movie director television "
                     "show star festival theatre song premiere audience cinema drama comedy series "
                     "celebrity soundtrack novel".split(),
}
_GENERAL = ("year week said people new time first last told would could also next month day world "
            "country government company group team report plan million billion public national "
            "local major former official news") .split()
_FILLER = "the a of to in and on for with that was is it by as at from this has have".split()


def synthetic_news(n_per_section: int = 40, seed: int = 0) -> tuple[pd.DataFrame, dict[str, str]]:
    """Five-section synthetic English news: 3-6 paragraphs per article, ~30 words each, about one word
    in six from the section's vocabulary (with inflections), the rest general news words."""
    rng = np.random.default_rng(seed)
    suffixes = ["", "", "", "s", "ed", "ing"]
    rows, truth = [], {}
    for section, vocab in _SECTIONS.items():
        for i in range(n_per_section):
            doc = f"{section}_{i:03d}"
            truth[doc] = section
            for j in range(int(rng.integers(3, 7))):
                words = []
                for _ in range(int(rng.integers(20, 40))):
                    r = rng.random()
                    if r < 0.17:
                        words.append(vocab[rng.integers(len(vocab))] + suffixes[rng.integers(6)])
                    elif r < 0.55:
                        words.append(_GENERAL[rng.integers(len(_GENERAL))])
                    else:
                        words.append(_FILLER[rng.integers(len(_FILLER))])
                rows.append((doc, j, "en", " ".join(words).capitalize() + "."))
    return pd.DataFrame(rows, columns=["doc_id", "para_no", "language", "text"]), truth


def bbc_units(folder: Path, per_desk: int = 40, seed: int = 0) -> tuple[pd.DataFrame, dict[str, str]]:
    """Paragraph units of ``per_desk`` random articles of each desk (sub-folder) of a BBC-style corpus."""
    import vnpe
    from vnpe.topics import paragraph_units

    rng = np.random.default_rng(seed)
    picked = []
    for desk in sorted(p for p in folder.iterdir() if p.is_dir()):
        files = sorted(desk.glob("*.txt"))
        picked += [files[i] for i in sorted(rng.choice(len(files), size=min(per_desk, len(files)), replace=False))]
    tmp = Path(tempfile.mkdtemp(prefix="vnpe_bbc_"))
    try:
        for f in picked:
            (tmp / f.parent.name).mkdir(exist_ok=True)
            shutil.copy(f, tmp / f.parent.name / f.name)
        arts = vnpe.load_corpus(tmp, progress=False)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    truth = {d: d.split("/")[0] for d in arts["doc_id"]}
    return paragraph_units(arts), truth


def topic_quality(random_states=range(5), bbc: Path | None = None) -> None:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import normalized_mutual_info_score

    from vnpe.topics import TopicModel, article_clusters

    def nmi(units, labels, truth):
        maj = article_clusters(units[["doc_id", "para_no"]].assign(cluster=labels))
        return normalized_mutual_info_score([truth[d] for d in maj.index], maj.to_numpy())

    print("\nTopics: article-level NMI (majority cluster), k=5, mean [min-max] over random states "
          f"{list(random_states)}")
    sets = [("hand-written fixture (20 articles)", _news_fixture()), ("synthetic (200 articles)", synthetic_news())]
    if bbc is not None and bbc.is_dir():
        sets.append(("BBC News, 40 random articles per desk (5 desks)", bbc_units(bbc)))
    from vnpe.topics import is_noise

    for name, (units, truth) in sets:
        ours, base = [], []
        z = TfidfVectorizer().fit_transform(units["text"])
        t0 = time.perf_counter()
        for rs in random_states:
            ours.append(nmi(units, TopicModel(k=5, random_state=rs).fit_predict(units), truth))
        dt = (time.perf_counter() - t0) / len(ours)
        for rs in random_states:
            base.append(nmi(units, KMeans(5, random_state=rs).fit_predict(z), truth))
        print(f"  {name}: {len(units)} paragraphs")
        print(f"    vnpe TopicModel      NMI {np.mean(ours):.3f} [{min(ours):.3f}-{max(ours):.3f}]"
              f"  ({dt:.2f} s per fit)")
        print(f"    TF-IDF + KMeans      NMI {np.mean(base):.3f} [{min(base):.3f}-{max(base):.3f}]")
        model = TopicModel(k=5, random_state=0).fit(units)
        noisy = [w for lb in model.cluster_labels_ for w in lb.replace("theme:", "").replace(",", " ").split()
                 if is_noise(w)]
        print(f"    labels (random state 0): {model.cluster_labels_}; stop or reporting words in labels: "
              f"{noisy or 'none'}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",") if x], default=[1000, 10000, 100000],
                   help="comma-separated numbers of articles for area_table (default 1000,10000,100000)")
    p.add_argument("--cli-sizes", type=lambda s: [int(x) for x in s.split(",") if x], default=[10000],
                   help="comma-separated sizes for the end-to-end `vnpe areas` command (default 10000)")
    p.add_argument("--no-quality", action="store_true", help="skip the seed and NMI figures")
    p.add_argument("--bbc", type=Path, default=Path(os.environ.get("VNPE_BBC", "/work/data/bbc")),
                   help="BBC-style corpus (one sub-folder per desk) for the desk-clustering NMI "
                   "(default $VNPE_BBC or /work/data/bbc; skipped when missing)")
    p.add_argument("--_child", type=int, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args._child is not None:
        print(json.dumps(_time_area_table(args._child)))
        return 0
    print("area_table on N articles built from the seeds' paragraphs (one core, fresh process each)")
    rows = []
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--_child", str(n)], capture_output=True,
                             text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print("  " + "  ".join(f"{k}={v}" for k, v in rows[-1].items()), flush=True)
    if args.cli_sizes:
        print("\n`vnpe areas DIR -o FILE` end to end (load + clean + areas, one core)")
        for n in args.cli_sizes:
            r = _time_cli(n)
            print("  " + "  ".join(f"{k}={v}" for k, v in r.items()), flush=True)
    if not args.no_quality:
        seed_quality()
        topic_quality(bbc=args.bbc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
