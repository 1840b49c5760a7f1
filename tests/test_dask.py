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
