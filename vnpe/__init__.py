"""vnpe: analyse bilateral news coverage (Vietnam–Peru and any corpus like it).

Example:
    >>> import vnpe
    >>> articles = vnpe.load_corpus("seeds")        # doctest: +SKIP
    >>> paras = vnpe.paragraphs(articles)            # doctest: +SKIP
"""

from vnpe.clean import clean_text, line_table, paragraphs
from vnpe.load import articles_from_texts, load_corpus, skipped_files
from vnpe.text import detect_language, normalize, sentences

__all__ = [
    "articles_from_texts",
    "clean_text",
    "detect_language",
    "line_table",
    "load_corpus",
    "normalize",
    "paragraphs",
    "sentences",
    "skipped_files",
]
__version__ = "0.1.0"
