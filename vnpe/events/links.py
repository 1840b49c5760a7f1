"""Same-event links of a corpus: candidates compared, one row per link (step 7 of :mod:`vnpe.events`)."""

from __future__ import annotations

import pandas as pd

from vnpe.events.candidates import candidate_codes, common_keys
from vnpe.events.comparison import MIN_EVIDENCE, compare, shared_report
from vnpe.events.features import _warn_unreadable, event_features
from vnpe.events.info import EventInfo
from vnpe.events.lead import LeadWeights


def event_links(articles: pd.DataFrame, explain: pd.DataFrame | None = None, min_evidence: float = MIN_EVIDENCE,
                features: list[EventInfo] | None = None) -> pd.DataFrame:
    """Pairs of row positions ``a < b`` of ``articles`` linked to the same event: a, b, evidence, linked, report,
    report_evidence.

    Candidates share a specific name (one that is not common, see :func:`~vnpe.events.candidates.common_keys`) and
    have event dates close enough for :func:`~vnpe.events.comparison.compare` to link them (see
    :func:`~vnpe.events.candidates.candidate_codes`); each candidate is then checked with
    :func:`~vnpe.events.comparison.compare`. The pairs of ``explain`` (columns a, b) are also checked, and returned
    with ``linked`` False and the reason when not linked; for those, ``report`` says whether nothing rules out one
    report of one occasion (:func:`~vnpe.events.comparison.shared_report`: then the text the pair shares decides,
    :func:`vnpe.overlap.pair_frame`) and ``report_evidence`` its shared names. ``features``: the
    :func:`~vnpe.events.features.event_features` of ``articles`` when already known (computed chunk by chunk where the
    corpus was cleaned, :func:`vnpe.overlap.overlap_corpus`); ``articles`` then needs only doc_id.
    """
    if features is None:
        feats = event_features(articles)
    else:
        feats = features
        _warn_unreadable(articles, feats)
    common = common_keys(feats)
    weights = LeadWeights(feats)
    codes = candidate_codes(feats, common)
    cand = set(zip((codes >> 32).tolist(), (codes & 0xFFFFFFFF).tolist(), strict=True))
    asked: set[tuple[int, int]] = set()
    if explain is not None and len(explain):
        asked = set(zip(explain["a"].astype(int).tolist(), explain["b"].astype(int).tolist(), strict=True))
    rows = []
    for a, b in sorted(cand | asked):
        ok, ev = compare(feats[a], feats[b], common, min_evidence, weights)
        if ok or (a, b) in asked:
            report, why = (False, "") if ok else shared_report(feats[a], feats[b], common)
            rows.append((a, b, ev, ok, report, why if report else ""))
    out = pd.DataFrame(rows, columns=["a", "b", "evidence", "linked", "report", "report_evidence"])
    return out.astype({"a": "int64", "b": "int64", "linked": bool, "report": bool})
