"""The shared regex helper of vnpe.text: a word list written as one alternation (plain or trie)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=200, deadline=None)
@given(st.sets(st.sampled_from(["sáng", "rạng sáng", "as of", "as", "a", "ab", "a.b", "(x)", "kháng cáo"]),
               max_size=6),
       st.lists(st.sampled_from(["sáng", "Rạng", " ", "  ", "as", "of", "a", "b", ".", "(x)", "x", "kháng", "cáo"]),
                max_size=8).map("".join))
def test_alternation_forms_match_alike(words, text):
    """The plain and the trie alternation find the same matches of a word list, longest first."""
    from vnpe.text import alternation

    plain = re.compile(r"(?<!\w)" + alternation(words, space=r"\s+") + r"(?!\w)", re.IGNORECASE)
    trie = re.compile(r"(?<!\w)" + alternation(words, space=r"\s+", trie=True) + r"(?!\w)", re.IGNORECASE)
    assert [m.span() for m in plain.finditer(text)] == [m.span() for m in trie.finditer(text)]
    for w in words:
        assert plain.fullmatch(w) and trie.fullmatch(w.upper())
    if not words:
        assert plain.search(text) is None
