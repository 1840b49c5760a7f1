"""The Dask path (vnpe.dask) gives the single-machine tables, on a small in-process LocalCluster."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import vnpe
from vnpe.areas import area_table
from vnpe.load import ARTICLE_CSV_COLUMNS
from vnpe.overlap import overlap

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
vd = pytest.importorskip("vnpe.dask")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as lc, distributed.Client(lc) as c:
        yield c


def csv(df: pd.DataFrame) -> str:
    return df.to_csv(index=False)


def test_seeds_identical_tables(client, tmp_path):
    single = vnpe.load_corpus(SEEDS, warn=False)
    arts = vd.load_articles(str(SEEDS), files_per_partition=2)
    assert arts.npartitions == 3
    assert csv(vd.articles_table(arts)) == csv(single[ARTICLE_CSV_COLUMNS])
    assert csv(vd.area_table(arts).compute().reset_index(drop=True)) == csv(area_table(single))
    staged = vd.stage(arts, str(tmp_path / "articles.parquet"))
    pairs, passages = vd.overlap(staged)
    ref_pairs, ref_passages = overlap(single)
    assert len(ref_pairs) > 0
    assert csv(pairs) == csv(ref_pairs)
    assert csv(passages) == csv(ref_passages)


def generated(n: int, seed: int = 7) -> pd.DataFrame:
    """``n`` short articles over a small vocabulary, with planted copies (edited, trimmed) and reused
    passages, enough of them for the MinHash LSH + winnowing candidates (more than EXACT_MAX_DOCS)."""
    rng = random.Random(seed)
    vocab = [f"{a}{b}{c}" for a in "bcdghklmnpqrstvx" for b in ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư")
             for c in ("", "n", "ng", "t", "c", "m")]
    texts = [" ".join(rng.choice(vocab) for _ in range(rng.randint(60, 140))) for _ in range(n)]
    for i in range(0, n - 1, 40):  # an edited copy
        words = texts[i].split()
        for k in range(3, len(words), rng.choice([9, 15, 30])):
            words[k] = rng.choice(vocab)
        texts[i + 1] = " ".join(words[: len(words) - rng.randint(0, 10)])
    for i in range(2, n - 1, 53):  # a reused passage of 30-50 words
        words = texts[i].split()
        start = rng.randint(0, 10)
        texts[i + 1] = texts[i + 1] + " " + " ".join(words[start:start + rng.randint(30, 50)])
    return pd.DataFrame({"doc_id": [f"g{i:05d}" for i in range(n)], "language": "vi", "status": "ok",
                         "text": texts, "title": None, "date": None, "date_partial": None, "place": None,
                         "agency": None})


def test_generated_identical_tables_lsh(client):
    arts = generated(2400)
    ref_pairs, ref_passages = overlap(arts)
    assert (ref_pairs["relation"] == "near_duplicate").sum() >= 50
    assert (ref_pairs["relation"] == "reuse").sum() >= 20
    frame = arts.assign(row=np.arange(len(arts), dtype=np.int64))
    pairs, passages = vd.overlap(dd.from_pandas(frame, npartitions=6, sort=False))
    assert csv(pairs) == csv(ref_pairs)
    assert csv(passages) == csv(ref_passages)


def test_cli_dask_on_a_scheduler(client, tmp_path, capsys):
    from vnpe.cli import main

    out = tmp_path / "pairs.csv"
    assert main(["overlap", str(SEEDS), "--scheduler", client.scheduler.address, "-o", str(out)]) == 0
    ref = tmp_path / "ref.csv"
    assert main(["overlap", str(SEEDS), "-o", str(ref)]) == 0
    assert out.read_text() == ref.read_text()
    back = pd.read_parquet(tmp_path / "pairs.parquet")
    assert len(back) == len(pd.read_csv(ref))
    assert main(["articles", str(tmp_path / "missing"), "--dask", "--scheduler", client.scheduler.address]) == 2
    assert "not found" in capsys.readouterr().err


def two_languages(n: int, seed: int = 11) -> pd.DataFrame:
    """``n`` short articles, English and Vietnamese alternately, with planted edited copies and reused
    passages both inside a partition (neighbours) and across partitions (``n // 2`` apart)."""
    rng = random.Random(seed)
    en = [f"{a}{b}{c}" for a in ("st", "r", "gr", "b", "pl", "tr") for b in "aeiou" for c in ("n", "ck", "ll", "te", "ss")]
    vi = [f"{a}{b}{c}" for a in "bcdghklmnt" for b in ("a", "ă", "ê", "ơ", "ư", "ô") for c in ("", "n", "ng", "t")]
    langs = ["en" if i % 2 else "vi" for i in range(n)]
    texts = [" ".join(rng.choice(en if lang == "en" else vi) for _ in range(rng.randint(50, 120))) for lang in langs]
    for i, j in [(i, i + 2) for i in range(0, n - 2, 23)] + [(i, i + n // 2) for i in range(1, n // 2, 17)]:
        words = texts[i].split()
        if (i // 7) % 2:  # an edited, trimmed copy (same language)
            for k in range(4, len(words), rng.choice([10, 20])):
                words[k] = rng.choice(en if langs[i] == "en" else vi)
            texts[j] = " ".join(words[: len(words) - rng.randint(0, 8)])
        else:  # a reused passage of 25-45 words
            start = rng.randint(0, 5)
            texts[j] = texts[j] + " " + " ".join(words[start:start + rng.randint(25, 45)])
    return pd.DataFrame({"doc_id": [f"{lang}{i:04d}" for i, lang in enumerate(langs)], "language": langs,
                         "status": "ok", "text": texts, "title": None, "date": None, "date_partial": None,
                         "place": None, "agency": None})


def test_verification_by_partition_blocks_two_languages(client, tmp_path):
    """Candidates verified per block of two partitions, texts read from the staged Parquet: the
    single-machine tables, for pairs inside a partition and across partitions, in both languages."""
    arts = two_languages(400)
    ref_pairs, ref_passages = overlap(arts, events=False)
    ids = set(ref_pairs["doc_a"]) | set(ref_pairs["doc_b"])
    assert any(d.startswith("en") for d in ids) and any(d.startswith("vi") for d in ids)
    assert (ref_pairs["relation"] == "near_duplicate").sum() >= 5
    assert len(ref_passages) >= 10
    frame = arts.sort_values("doc_id").assign(row=np.arange(len(arts), dtype=np.int64))
    frame = frame.astype({c: "string" for c in frame.columns if c != "row"})  # as staged articles
    staged = vd.stage(dd.from_pandas(frame, npartitions=5, sort=False), str(tmp_path / "articles.parquet"))
    assert staged.npartitions == 5
    pairs, passages = vd.overlap(staged, events=False)
    assert csv(pairs) == csv(ref_pairs)
    assert csv(passages) == csv(ref_passages)


def test_verify_one_task_per_home_partition_gives_the_figures_of_all_pairs():
    """verify(): one task per home partition, and the figures of its blocks are those of all the pairs verified
    at once (how many partitions a task holds at a time is measured by benchmarks/bench_dask.py, not here)."""
    arts = two_languages(120, seed=3)
    frame = pd.DataFrame({"row": np.arange(len(arts), dtype=np.int64), "text": arts["text"]})
    texts = dd.from_pandas(frame, npartitions=4, sort=False)
    part = pd.Series(np.repeat(np.arange(4), 30), index=frame["row"].to_numpy())
    rng = np.random.default_rng(0)
    a = rng.integers(0, 120, 300)
    b = rng.integers(0, 120, 300)
    keep = a < b
    cand = pd.DataFrame({"a": a[keep], "b": b[keep]}).drop_duplicates()
    tasks = vd.verify(texts, cand, part)
    # home partitions 0..3; the blocks (p, q), q >= p, of the 4 partitions, each once
    assert len(tasks) == 4
    got = pd.concat(dask.compute(*tasks, scheduler="sync"), ignore_index=True).sort_values(["a", "b"])
    want = vd._verify_pairs(dict(enumerate(frame["text"])), cand["a"].to_numpy(), cand["b"].to_numpy())
    assert csv(got.reset_index(drop=True)) == csv(want.reset_index(drop=True))
    assert len(got) == len(cand)


def test_one_report_link_identical_on_both_paths(client, tmp_path):
    # a pair linked as one report carried twice (shared text in a lead, vnpe.events.shared_report): the Dask
    # path marks lead passages from its own copy of the texts and must give the single-machine row
    from test_overlap_report import OWN_B, SHARED

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Miền Bắc đón không khí lạnh\n\nKhông khí lạnh tràn về.\n\n" + SHARED + "\n",
                                  encoding="utf-8")
    (folder / "b.txt").write_text("Rét đậm ở vùng núi phía bắc\n\nRét đậm bao trùm vùng núi.\n\n" + SHARED + "\n\n"
                                  + OWN_B + "\n", encoding="utf-8")
    single = vnpe.load_corpus(folder, warn=False)
    ref_pairs, _ = overlap(single)
    assert ref_pairs["evidence"].str.contains("one report:").any()
    staged = vd.stage(vd.load_articles(str(folder), files_per_partition=1), str(tmp_path / "articles.parquet"))
    pairs, _ = vd.overlap(staged)
    assert csv(pairs) == csv(ref_pairs)
