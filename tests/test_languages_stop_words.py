"""The English stop words read from scikit-learn's source file are scikit-learn's own list."""

from vnpe import languages


def test_stop_words_literal_equals_sklearn_list():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    parsed = languages._stop_words_literal()
    assert parsed is not None  # the installed scikit-learn has the layout the fast path reads
    assert parsed == frozenset(ENGLISH_STOP_WORDS)
    assert languages.sklearn_stop_words() == frozenset(ENGLISH_STOP_WORDS)


def test_english_language_has_sklearn_stop_words():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    en = languages.get_language("en")
    assert {languages.fold_text(w) for w in ["the", "amoungst", "whereafter"]} <= en.stop_words
    assert len(en.stop_words) >= len(ENGLISH_STOP_WORDS) - 5
