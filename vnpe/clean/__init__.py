"""Lossless cleaning: every line of an article gets a role, a kept flag and the reason for them.

Plain text saved from a news page is the story plus what the page printed around it: the headline,
author and dateline, photo captions (often twice: the image's alt text and its caption), media-player
residue ("0:00 / 0:00"), script left in the page, image file names, "follow us" prompts, agency
signatures, lists of related headlines ("See more", "Tin liên quan", "Đọc thêm") and page footers. The
cleaner labels each line; it never deletes anything: the raw line, its line end and its line number in the
original file stay in the line table, so that ``"".join(raw + eol)`` gives back the decoded file exactly.

The rules are generic (no outlet or article is named anywhere). The package's files are its steps:

* :mod:`~vnpe.clean.vocabulary` — the words and names the rules match (``vnpe/data/boilerplate.toml``,
  ``agencies.toml``, ``places.toml``), extensible by the user;
* :mod:`~vnpe.clean.lines` — step 1, what one line says on its own (media residue, script, credits,
  prompts, footers, menus, signatures);
* :mod:`~vnpe.clean.context` — steps 2–7, rules that need neighbours: header, tables, repeats, images and
  captions, related-article lists, headings / lists / dialogue, jusText's short-line rule, the trailer;
* :mod:`~vnpe.clean.metadata` — step 8, the fields (title, byline, place, agency, outlet, date) from where
  outlets put them, and each kept line's ``text`` with datelines, tags and inline credits cut out;
* :mod:`~vnpe.clean.cleaner` — runs the steps on one article; :mod:`~vnpe.clean.tables` — line, paragraph
  and summary tables.

Roles kept (what a reader reads): ``title``, ``heading``, ``body``, ``list``, ``table``. Roles dropped:
``byline``, ``dateline``, ``duplicate``, ``caption``, ``media``, ``image``, ``related``, ``prompt``,
``signature``, ``navigation``, ``script``, ``footer``, ``boilerplate``, ``blank``.

Example:
    >>> from vnpe.clean import clean_text
    >>> r = clean_text("Giá vàng hôm nay tăng mạnh\\n\\nTTO - Sáng 5-6, giá vàng tăng (Ảnh: PV). Giá bạc "
    ...                "cũng tăng theo.\\n\\nGiới đầu tư đổ xô mua vàng miếng, khiến nhiều cửa hàng hết hàng."
    ...                "\\n\\nHồng Phúc\\n")
    >>> [(ln.role, ln.text) for ln in r.lines if ln.role != "blank"]  # doctest: +NORMALIZE_WHITESPACE
    [('title', 'Giá vàng hôm nay tăng mạnh'), ('body', 'Sáng 5-6, giá vàng tăng. Giá bạc cũng tăng theo.'),
     ('body', 'Giới đầu tư đổ xô mua vàng miếng, khiến nhiều cửa hàng hết hàng.'), ('byline', '')]
    >>> r.meta.outlet, r.meta.byline, r.meta.date_partial, r.meta.place
    ('Tuổi Trẻ', 'Hồng Phúc', '--06-05', None)
"""

from vnpe.clean.cleaner import Cleaner, CleanResult, Meta, clean_text, warm_up
from vnpe.clean.lines import KEPT_ROLES, ROLES, STORY_ROLES, Line, is_headline
from vnpe.clean.tables import (
    LINE_COLUMNS,
    line_records,
    line_table,
    paragraphs,
    removal_reasons,
    role_counts,
    role_table,
    show_lines,
    split_paragraphs,
)
from vnpe.clean.vocabulary import Vocabulary, default_vocabulary, is_known_place

__all__ = [
    "KEPT_ROLES", "LINE_COLUMNS", "ROLES", "STORY_ROLES", "CleanResult", "Cleaner", "Line", "Meta", "Vocabulary",
    "clean_text", "default_vocabulary", "is_headline", "is_known_place", "line_records", "line_table",
    "paragraphs", "removal_reasons", "role_counts", "role_table", "show_lines", "split_paragraphs", "warm_up",
]
