"""Speed-ups of the overlap stages against their plain definitions."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_overlap import article, edited


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=4), min_size=2, max_size=9), st.randoms(use_true_random=False),
       st.integers(min_value=1, max_value=7))
def test_figures_in_pair_order_equal_one_block_in_code_order(seeds, rnd, block):
    """:func:`_figures` computes blocks in :func:`_pair_order` and returns the figures and passages of the
    pairs exactly as one block of all pairs in the given order would."""
    import vnpe.overlap as ov

    texts = []
    for s in seeds:
        base = article(s, n_words=rnd.randint(0, 120), para=rnd.choice([10, 40]))
        if rnd.randrange(2):
            base = edited(base, rnd.choice([5, 17]), seed=rnd.randrange(100))
        texts.append(base)
    n = len(texts)
    all_codes = [a * (1 << 32) + b for a in range(n) for b in range(a + 1, n)]
    codes = np.array(rnd.sample(all_codes, rnd.randint(1, len(all_codes))), np.int64)
    if rnd.randrange(2):
        codes.sort()
    ref, ref_passages = ov._block_figures(texts, codes)
    saved = ov.FIGURE_BLOCK
    ov.FIGURE_BLOCK = block
    try:
        fig, passages = ov._figures(texts, codes)
    finally:
        ov.FIGURE_BLOCK = saved
    assert fig["a"].tolist() == (codes >> 32).tolist() and fig["b"].tolist() == (codes & 0xFFFFFFFF).tolist()
    pd.testing.assert_frame_equal(fig.drop(columns=["a", "b"]), pd.DataFrame(ref), check_exact=True)
    assert passages == ref_passages


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=2, max_value=30).flatmap(
    lambda n: st.tuples(st.just(n), st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60))))
def test_pair_order_is_a_permutation(case):
    import vnpe.overlap as ov

    n, edges = case
    codes = np.array(sorted({min(a, b) << 32 | max(a, b) for a, b in edges if a != b}), np.int64)
    saved = ov.FIGURE_BLOCK
    ov.FIGURE_BLOCK = 2
    try:
        order = ov._pair_order(codes, n)
    finally:
        ov.FIGURE_BLOCK = saved
    assert sorted(order.tolist()) == list(range(codes.size))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab.Ư", min_size=1, max_size=6).filter(lambda t: t not in (".", "..")),
                min_size=1, max_size=3))
def test_suffix_equals_pathlib_suffix(parts):
    from pathlib import PurePosixPath

    from vnpe.load import _suffix

    rel = "/".join(parts)
    assert _suffix(rel) == PurePosixPath(rel).suffix
