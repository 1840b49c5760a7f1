"""Tests of vnpe.overlap (text overlap, passages) on fixtures written here."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnpe.overlap import PAIR_COLUMNS, PASSAGE_COLUMNS, classify, hash_texts, overlap, pair_table, passage_table

WORDS = [f"{a}{b}" for a in ("ka", "lo", "mi", "tu", "ve", "sa", "ro", "ni", "pe", "du", "ga", "fo")
         for b in ("ran", "tel", "mos", "vik", "dun", "sel", "por", "lak", "min", "tov", "bes", "hur")]


def article(seed: int, n_words: int = 320, para: int = 40) -> str:
    rng = random.Random(seed)
    words = [rng.choice(WORDS) for _ in range(n_words)]
    paras = [" ".join(words[i:i + para]) for i in range(0, n_words, para)]
    return "\n\n".join(p.capitalize() + "." for p in paras)


def edited(text: str, every: int, seed: int = 99) -> str:
    rng = random.Random(seed)
    words = text.split(" ")
    for i in range(every // 2, len(words), every):
        words[i] = rng.choice(WORDS) + "x"
    return " ".join(words)


def frame(texts: dict[str, str], language: str = "en") -> pd.DataFrame:
    return pd.DataFrame({"doc_id": list(texts), "language": language, "text": list(texts.values()),
                         "status": "ok"})


BASE = article(1)
FIXTURES = {
    "a_base": BASE,
    "b_edited": edited(BASE, 40),                                   # a copy with edits
    "c_trimmed": "\n\n".join(BASE.split("\n\n")[:6]),              # a trimmed copy (6 of 8 paragraphs)
    "d_reuse": article(2, 200) + "\n\n" + " ".join(BASE.split(" ")[100:170]) + "\n\n" + article(3, 120),
    "e_unrelated": article(4),
}


@pytest.fixture(scope="module")
def tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    return overlap(frame(FIXTURES), events=False)


def rel(pairs: pd.DataFrame, a: str, b: str) -> pd.Series:
    row = pairs[(pairs["doc_a"] == a) & (pairs["doc_b"] == b)]
    assert len(row) == 1, (a, b)
    return row.iloc[0]


def test_columns(tables):
    pairs, passages = tables
    assert list(pairs.columns) == PAIR_COLUMNS
    assert list(passages.columns) == PASSAGE_COLUMNS
    assert (pairs["doc_a"] < pairs["doc_b"]).all()


def test_copy_with_edits_is_near_duplicate(tables):
    r = rel(tables[0], "a_base", "b_edited")
    assert r["relation"] == "near_duplicate" and r["same_event"]
    assert 0.5 < r["jaccard"] < 1.0
    assert r["longest_passage_words"] > 200  # the edits do not split the aligned passage


def test_trimmed_copy_is_near_duplicate(tables):
    r = rel(tables[0], "a_base", "c_trimmed")
    assert r["relation"] == "near_duplicate"
    assert r["containment_b_in_a"] == pytest.approx(1.0)
    assert r["containment_a_in_b"] < 0.9


def test_reused_passage_found_with_offsets(tables):
    pairs, passages = tables
    r = rel(pairs, "a_base", "d_reuse")
    assert r["relation"] == "reuse"
    assert 60 <= r["longest_passage_words"] <= 75
    p = passages[(passages["doc_a"] == "a_base") & (passages["doc_b"] == "d_reuse")].iloc[0]
    a, b = FIXTURES["a_base"], FIXTURES["d_reuse"]
    assert a[p["start_a"]:p["end_a"]] == p["text_a"]
    assert a[p["start_a"]:p["end_a"]].split() == b[p["start_b"]:p["end_b"]].split()
    assert p["n_words"] == len(p["text_a"].split())


def test_unrelated_pair_absent_or_unrelated(tables):
    pairs = tables[0]
    sel = pairs[(pairs["doc_a"] == "a_base") & (pairs["doc_b"] == "e_unrelated")]
    assert sel.empty or (sel["relation"] == "unrelated").all()
    assert not pairs[pairs["relation"] != "unrelated"].isin(["e_unrelated"]).any().any()


def test_lsh_candidates_find_the_same_text_pairs(tables):
    exact = tables[0]
    lsh = pair_table(frame(FIXTURES), method="lsh")
    key = ["doc_a", "doc_b", "relation"]
    want = exact[exact["relation"].isin(["near_duplicate", "reuse"])][key]
    got = lsh[lsh["relation"].isin(["near_duplicate", "reuse"])][key]
    pd.testing.assert_frame_equal(want.reset_index(drop=True), got.reset_index(drop=True))


def test_diacritics_removed_copy_matches_through_folded_signal():
    vi = ("Chủ tịch nước Lương Cường hội đàm với Tổng thống Dina Boluarte tại thủ đô Lima về hợp tác "
          "kinh tế thương mại đầu tư dầu khí khai khoáng nông nghiệp và chuyển đổi số giữa hai nước ") * 3
    stripped = ("Chu tich nuoc Luong Cuong hoi dam voi Tong thong Dina Boluarte tai thu do Lima ve hop tac "
                "kinh te thuong mai dau tu dau khi khai khoang nong nghiep va chuyen doi so giua hai nuoc ") * 3
    pairs = pair_table(frame({"vi": vi, "vi_ascii": stripped}, "vi"))
    r = rel(pairs, "vi", "vi_ascii")
    assert r["jaccard"] < 0.2
    assert "jaccard_folded=1.000" in r["evidence"]
    assert r["relation"] == "near_duplicate"


def test_hash_texts_offsets_and_folding():
    h = hash_texts(["Lương Cường, met Dina!", "LUONG CUONG met dina"], n=2)
    d0, d1 = h.doc(0), h.doc(1)
    text = "Lương Cường, met Dina!"
    assert [text[s:e] for s, e in zip(d0["ws"], d0["we"], strict=True)] == ["Lương", "Cường", "met", "Dina"]
    assert np.array_equal(d0["fold"], d1["fold"])
    assert not np.array_equal(d0["lower"], d1["lower"])


def test_empty_and_tiny_corpus():
    assert pair_table(frame({"a": "", "b": "x y"})).empty
    assert passage_table(frame({"a": "only one"})).empty


def test_classify_thresholds():
    assert classify(1.0, 0.6, 100, False) == "near_duplicate"
    assert classify(1.0, 0.3, 30, False) == "reuse"
    assert classify(0.1, 0.1, 10, True) == "same_event"
    assert classify(0.1, 0.1, 10, False) == "unrelated"


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=6), min_size=2, max_size=6), st.randoms(use_true_random=False))
def test_invariants(seeds, rnd):
    texts = {f"d{i}": article(s, 90) for i, s in enumerate(seeds)}
    arts = frame(texts)
    pairs, passages = overlap(arts, events=False)
    assert (pairs["doc_a"] < pairs["doc_b"]).all()
    assert pairs[["jaccard", "containment_a_in_b", "containment_b_in_a"]].apply(lambda c: c.between(0, 1)).all().all()
    for r in pairs.itertuples(index=False):  # identical texts are near-duplicates with Jaccard 1
        if texts[r.doc_a] == texts[r.doc_b]:
            assert r.jaccard == 1.0 and r.relation == "near_duplicate"
    for p in passages.itertuples(index=False):
        assert 0 <= p.start_a < p.end_a <= len(texts[p.doc_a])
        assert 0 <= p.start_b < p.end_b <= len(texts[p.doc_b])
    shuffled = arts.sample(frac=1, random_state=rnd.randint(0, 1000))  # input order does not matter
    again = overlap(shuffled, events=False)[0]
    pd.testing.assert_frame_equal(pairs, again)


def test_cli_overlap_and_passages(tmp_path):
    from vnpe.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a_base", "b_edited", "e_unrelated"):
        (corpus / f"{name}.txt").write_text(FIXTURES[name] + "\n", encoding="utf-8")
    assert main(["overlap", str(corpus), "-o", str(tmp_path / "pairs.csv")]) == 0
    pairs = pd.read_csv(tmp_path / "pairs.csv")
    assert list(pairs.columns) == PAIR_COLUMNS
    assert pairs.set_index(["doc_a", "doc_b"]).loc[("a_base", "b_edited"), "relation"] == "near_duplicate"
    assert main(["passages", str(corpus), "-o", str(tmp_path / "passages.csv")]) == 0
    passages = pd.read_csv(tmp_path / "passages.csv")
    assert list(passages.columns) == PASSAGE_COLUMNS and len(passages) >= 1
    assert main(["overlap", str(tmp_path / "missing"), "-o", str(tmp_path / "x.csv")]) == 2


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=5), min_size=2, max_size=7), st.randoms(use_true_random=False))
def test_block_figures_equal_per_pair_reference(seeds, rnd):
    """The vectorised figures of a block of pairs are exactly those of the per-pair reference."""
    from vnpe.overlap import _block_figures, _pair_figures

    texts = []
    for s in seeds:  # copies, edited copies, trimmed copies and repeats of a few base articles
        base = article(s, n_words=rnd.randint(0, 160), para=rnd.choice([10, 40]))
        kind = rnd.randrange(4)
        if kind == 1:
            base = edited(base, rnd.choice([5, 17, 40]), seed=rnd.randrange(100))
        elif kind == 2:
            base = " ".join(base.split(" ")[rnd.randrange(20):])
        elif kind == 3:
            base = base + " " + base[: rnd.randrange(1, 400)]
        texts.append(base)
    codes = np.array([a * (1 << 32) + b for a in range(len(texts)) for b in range(a + 1, len(texts))], np.int64)
    ref, ref_passages = _pair_figures(texts, codes)
    vec, vec_passages = _block_figures(texts, codes)
    for key in ref:
        assert np.array_equal(ref[key], vec[key]), key
    assert sorted(ref_passages) == sorted(vec_passages)


@pytest.mark.parametrize("exact_max", [2000, 3])
def test_streamed_corpus_gives_the_tables_of_the_articles_path(tmp_path, monkeypatch, exact_max):
    """overlap_corpus (cleaned, sketched and reduced chunk by chunk in two workers, workers replaced
    every chunk) gives the tables of overlap(load_corpus(...)), on the exact and on the LSH path."""
    import vnpe.load as load
    import vnpe.overlap as ov

    en = ("LIMA, Nov 17 (Reuters) - President Dina Boluarte met Vietnamese President Luong Cuong in Lima on "
          "Sunday to sign a free trade roadmap covering coffee, rice, copper and fishing products between the "
          "two Pacific economies, officials said after the meeting at the government palace.")
    vi = ("Chiều 17/11, tại Lima, Chủ tịch nước Lương Cường đã hội đàm với Tổng thống Peru Dina Boluarte. "
          "Hai bên nhất trí thúc đẩy hợp tác thương mại, đầu tư, nông nghiệp và thủy sản giữa Việt Nam và Peru "
          "trong khuôn khổ Diễn đàn Hợp tác Kinh tế châu Á - Thái Bình Dương.")
    texts = {"en/a": en, "en/b": en.replace("Sunday", "Sunday morning"), "vi/a": vi,
             "vi/b": vi + "\n\nPhóng viên thường trú tại Lima đưa tin.", "vi/c": "Bóng đá: Hà Nội thắng 2-0.",
             "en/empty": ""}
    for name, text in texts.items():
        path = tmp_path / "corpus" / f"{name}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(ov, "EXACT_MAX_DOCS", exact_max)
    monkeypatch.setattr(load, "CHUNK", 2)
    monkeypatch.setattr(load, "CHUNKS_PER_WORKER", 1)
    corpus = tmp_path / "corpus"
    expected = ov.overlap(load.load_corpus(corpus, warn=False, keep_raw=False))
    got = ov.overlap_corpus(corpus, warn=False, n_jobs=2)
    for e, g in zip(expected, got, strict=True):
        pd.testing.assert_frame_equal(e, g)
    assert {("en/a", "en/b"), ("vi/a", "vi/b")} <= set(zip(got[0]["doc_a"], got[0]["doc_b"], strict=True))
