"""Saved web pages as trafilatura's extraction benchmark showed them to vnpe: a title the page states, tables
drawn between bars, a heading over a list, pages in languages vnpe has no word lists for, declared
encodings and stray NUL bytes. Each case is a small page written here."""

from __future__ import annotations

from pathlib import Path

from vnpe.clean import KEPT_ROLES, clean_text
from vnpe.load import decode_bytes
from vnpe.readers import read_entries, strip_site_name


def roles(text: str, **kw) -> dict[int, str]:
    return {ln.line_no: ln.role for ln in clean_text(text, **kw).lines}


def test_a_stated_title_is_the_title_line_whatever_its_shape() -> None:
    page = ("Mandelplätzchen\n\nZubereitungszeit: 25 Minuten (+ 15 Minuten backen)\n\n"
            "Die Butter mit dem Zucker schaumig rühren, dann die Eier nach und nach unterrühren und kühlen.\n")
    guessed = clean_text(page)
    assert guessed.meta.title != "Mandelplätzchen"  # a one-word first line reads as a section label
    stated = clean_text(page, title="Mandelplätzchen")
    r = {ln.line_no: ln.role for ln in stated.lines}
    assert stated.meta.title == "Mandelplätzchen" and r[1] == "title"
    assert r[3] in KEPT_ROLES  # the line the cleaner took for the title stays in the story
    # a stated title that is not the first line changes nothing
    assert clean_text(page, title="Something else").meta.title == guessed.meta.title


def test_rows_between_bars_are_a_table_not_a_menu() -> None:
    page = ("Parsing speed compared\n\nWe ran both parsers on the same files and measured the throughput.\n\n"
            "| file | simdjson | other |\n|---|---|---|\n| apache_builds | 2.3 GB/s | 0.098 GB/s |\n"
            "| github_events | 2.5 GB/s | 0.093 GB/s |\n\nThe faster parser wins on every file we tried.\n")
    r = roles(page)
    assert r[5] == r[7] == r[8] == "table"
    assert r[6] not in KEPT_ROLES  # the |---| rule is markup
    # one barred line alone is still a menu
    assert roles("Title here\n\nA paragraph of the story that goes on for a while.\n\n| Home | News | Sport |\n"
                 "\nAnother paragraph of the story that goes on for a while.\n")[5] == "navigation"


def test_a_heading_over_a_numbered_list_is_kept() -> None:
    page = ("Women who talk sports\n\nThe myth says men talk about sports and women do not, and it is wrong.\n\n"
            "My Top 10 Women Talking Sports\n\n1. Christie Leigh Mueller\n\nAuthor of a guide to Saturdays in "
            "the South, she shares my passion for the game.\n")
    assert roles(page)[5] == "heading"


def test_a_heading_after_an_inline_read_more_link_is_kept() -> None:
    page = ("Berlin renames streets\n\nThe German capital has launched a project on its colonial past.\n\n"
            "Read more: Germany and its colonial crimes\n\nFreedom fighters replace colonial leaders\n\n"
            "The renaming of three streets in Wedding has been years in the making, officials said.\n")
    r = roles(page)
    assert r[5] == "related" and r[7] == "heading"


def test_short_lines_of_a_language_without_word_lists_stay_story() -> None:
    # German: every noun is capitalised and no function-word list is shipped, so neither the headless
    # related-list rule nor the short-line rule (jusText's) can be read; the lines are kept.
    page = ("Zugverkehr: Im ICE von Frankfurt nach Barcelona\n\n"
            "Die schnellste Zugverbindung von Madrid nach Stockholm dauert heute noch sechsunddreißig Stunden.\n\n"
            "Nationale Egoismen\n\n"
            "Im europäischen Bahnverkehr fehlen nicht in erster Linie Trassen für Schnellzüge, sondern Abkommen.\n\n"
            "Schnellstrecken kosten Nachtzüge\n\n"
            "Als größten Einschnitt nennt er ausgerechnet die Eröffnung der neuen Schnellstrecke durch Frankreich.\n\n"
            "Platzwechsel, langsam erklärt\n")
    result = clean_text(page)
    assert result.meta.language == "other"
    r = {ln.line_no: ln for ln in result.lines}
    assert r[9].kept and r[13].kept, [(ln.role, ln.raw) for ln in result.lines]
    # the same shape in English still drops the stray short line
    en = ("Rail travel across Europe\n\nThe fastest train from Madrid to Stockholm still takes a day and a half "
          "of travel.\n\nShare Tweet Email\n")
    assert roles(en)[5] not in KEPT_ROLES


def test_a_declared_charset_is_honoured_after_utf8() -> None:
    text = "一个约定，信守15年，感人至深。话剧《约定无期限》全省各市巡演活动来到张家口。"
    data = f'<html><head><meta charset="gb2312"></head><body><p>{text}</p></body></html>'.encode("gb18030")
    assert decode_bytes(data, declared="gb2312").text.count("约定") == 2
    assert decode_bytes(data, declared="gb2312").status == "ok"
    # UTF-8 wins over a wrong Latin-1 declaration
    assert decode_bytes("Việt Nam – Peru".encode(), declared="iso-8859-1").text == "Việt Nam – Peru"
    # an unknown label is ignored
    assert decode_bytes(b"plain text here", declared="no-such-codec").text == "plain text here"


def test_a_page_with_stray_nul_bytes_is_read_and_says_so(tmp_path: Path) -> None:
    body = "<p>" + "La audiencia que podría ser decisiva se celebra este miércoles en La Paz. " * 20 + "</p>"
    data = f"<html><head><title>Juicio</title></head><body><article>{body}</article></body></html>".encode()
    data = data.replace(b"<body>", b"<body>" + b"\x00" * 11)
    [entry] = read_entries(tmp_path / "page.html", data)
    assert entry.status == "lossy" and "11 stray NUL" in entry.message
    assert "decisiva" in entry.text
    # many NUL bytes (UTF-16 without a byte-order mark, a binary file) are still refused
    assert decode_bytes("plain text".encode("utf-16-le")).status == "binary"
    assert decode_bytes(bytes(range(256)) * 4).status == "binary"


def test_site_names_are_cut_from_page_titles() -> None:
    assert strip_site_name("Talks in Lima | Andina | Agencia Peruana", "Andina", "Agencia Peruana") == "Talks in Lima"
    assert strip_site_name("Andina - Talks in Lima", "andina") == "Talks in Lima"
    assert strip_site_name("Andina", "Andina") == "Andina"  # nothing would remain
    assert strip_site_name("Peru - Viet Nam talks", None) == "Peru - Viet Nam talks"


def test_a_browser_notice_above_the_title_is_furniture_and_the_header_is_still_read() -> None:
    page = ("JavaScript is off. Please enable to view full site.\n\n"
            "Farmers in the delta start the winter rice harvest early\n\n"
            "Farmers in the delta start the winter rice harvest early\n\n"
            "Tuesday, October 14, 2025, 09:12 GMT+7\n\n"
            "Farmers in the delta start the winter rice harvest early\n\n"
            "Farmers across the delta began cutting their winter rice on Monday, two weeks earlier than usual, "
            "after a dry spell in September.\n\n"
            "Local officials said yields were close to last year's and that prices at the mills had held.\n")
    r = clean_text(page)
    roles_ = {ln.line_no: ln.role for ln in r.lines}
    assert roles_[1] == "prompt"
    assert r.meta.title == "Farmers in the delta start the winter rice harvest early"
    assert r.meta.date == "2025-10-14"
    assert roles_[11] == "body"  # the lead is not taken for a teaser of a related-articles list
    # the notice's words inside a story stay story
    story = clean_text("Title of a story about browsers\n\nThe bank said its site would keep working when "
                       "JavaScript is off, because the forms are plain HTML and need no scripts at all.\n")
    assert story.lines[2].role == "body"


def test_an_exported_date_prefix_on_the_first_line_is_the_page_date_whatever_the_line_is() -> None:
    # an export that prefixes the page's first line with its date, here a photo caption the cleaner drops
    page = ("date 2025-01-06 Players celebrate their title win in Bangkok. Photo: VNA\n\n"
            "With a 5-3 aggregate victory in the final, the national team lifted the trophy again.\n\n"
            "The visitors scored first in the eighth minute and never trailed on aggregate after that.\n")
    r = clean_text(page)
    assert r.lines[0].role == "caption" and r.meta.date == "2025-01-06"
    # a dateline whose day is the prefix's day gets the prefix's year
    lead = ("date 2023-09-10 HANOI, September 10 - The president arrived at Noi Bai airport on Sunday "
            "afternoon, starting a two-day state visit.\n\nHe was welcomed by senior officials at the airport.\n")
    assert clean_text(lead).meta.date == "2023-09-10"
    # a prefix further down the page is not the page's date
    later = ("A title for a story about a late prefix\n\nThe story opens here with a plain first paragraph "
             "that carries no date at all.\n\ndate 2020-01-01 a stray line quoting an export format\n")
    assert clean_text(later).meta.date is None
