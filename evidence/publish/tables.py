"""Parsed records -> the data-contract tables (pandas DataFrames).

One function per table; notebooks show these, ``export`` writes them as CSV, so a
page and its CSV download can never disagree.
"""
from __future__ import annotations


import pandas as pd

from evidence.read import language
from evidence.model import ParsedSource, iso



def _number(value: float | None) -> str:
    """A 0-1 score with two decimals, or empty when there is none."""
    return "" if value is None else f"{value:.2f}"


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


SOURCE_COLUMNS = [
    "source_id", "outlet", "headline", "published", "published_precision",
    "published_evidence", "published_earliest", "published_latest", "published_method",
    "published_flags", "outlet_basis", "carried_by", "copy_of", "copy_share", "url", "origin",
    "origin_group",
    "language", "language_basis", "language_detected", "language_confidence", "not_analysed",
    "in_registry", "dateline", "byline", "format", "encoding", "encoding_method",
    "encoding_confidence", "encoding_flags", "capture_stamps", "sha256",
    "n_stories", "n_words_raw", "n_words_clean", "n_removed_lines", "n_date_mentions",
    "n_quotes", "n_entity_mentions",
]


def sources(parsed: list[ParsedSource]) -> pd.DataFrame:
    rows = []
    for s in parsed:
        reg, pub = s.registry, s.pubdate
        rows.append({
            "source_id": s.source_id,
            "outlet": s.meta.outlet,
            "headline": s.meta.headline,
            "published": iso(pub.published),
            "published_precision": pub.precision,
            "published_evidence": pub.evidence,
            "published_earliest": iso(pub.earliest),
            "published_latest": iso(pub.latest),
            "published_method": pub.method,
            "published_flags": " | ".join(pub.flags),
            "outlet_basis": s.meta.outlet_basis,
            "carried_by": reg.carried_by,
            "copy_of": s.copy_of,
            "copy_share": "" if s.copy_share is None else f"{s.copy_share:.2f}",
            "url": reg.url or s.raw.html_url,
            "origin": reg.origin,
            "origin_group": reg.origin_group,
            "language": reg.language or s.raw.language,
            "language_basis": "registry" if reg.language else
                              "detected" if s.raw.language else "undetermined",
            "language_detected": s.raw.language,
            "language_confidence": _number(s.raw.language_confidence),
            "not_analysed": language.not_analysed(reg.language or s.raw.language),
            "in_registry": reg.in_registry,
            "dateline": s.meta.dateline,
            "byline": s.meta.byline,
            "format": s.raw.file_format,
            "encoding": s.raw.encoding,
            "encoding_method": s.raw.encoding_method,
            "encoding_confidence": _number(s.raw.encoding_confidence),
            "encoding_flags": " | ".join(s.raw.encoding_flags),
            "capture_stamps": " | ".join(why for _, why in s.raw.capture_bounds),
            "sha256": s.raw.sha256,
            "n_stories": max(1, len(s.clean.stories)),
            "n_words_raw": len(s.raw.text.split()),
            "n_words_clean": len(s.clean.text.split()),
            "n_removed_lines": len(s.clean.removed),
            "n_date_mentions": len(s.dates),
            "n_quotes": len(s.quotes),
            "n_entity_mentions": len(s.entities),
        })
    return _frame(rows, SOURCE_COLUMNS)


def date_mentions(parsed: list[ParsedSource]) -> pd.DataFrame:
    rows = [{"source_id": s.source_id, "text": m.text, "start_char": m.start,
             "end_char": m.end, "date_start": iso(m.date_start), "date_end": iso(m.date_end),
             "precision": m.precision, "method": m.method}
            for s in parsed for m in sorted(s.dates, key=lambda m: (m.start, m.end))]
    return _frame(rows, ["source_id", "text", "start_char", "end_char", "date_start",
                         "date_end", "precision", "method"])


def quotes(parsed: list[ParsedSource]) -> pd.DataFrame:
    rows = [{"source_id": s.source_id, "quote": q.quote, "speaker": q.speaker,
             "speaker_entity": q.speaker_entity, "start_char": q.start, "end_char": q.end}
            for s in parsed for q in sorted(s.quotes, key=lambda q: (q.start, q.end))]
    return _frame(rows, ["source_id", "quote", "speaker", "speaker_entity",
                         "start_char", "end_char"])


def entities(parsed: list[ParsedSource]) -> pd.DataFrame:
    rows = [{"source_id": s.source_id, "entity_id": e.entity_id, "entity_type": e.entity_type,
             "side": e.side, "surface": e.surface, "start_char": e.start, "end_char": e.end,
             "resolved": e.resolved}
            for s in parsed for e in sorted(s.entities, key=lambda e: (e.start, e.end))]
    return _frame(rows, ["source_id", "entity_id", "entity_type", "side", "surface",
                         "start_char", "end_char", "resolved"])


def furniture(parsed: list[ParsedSource]) -> pd.DataFrame:
    rows = [{"source_id": s.source_id, "line_no": r.line_no, "rule": r.rule, "text": r.text}
            for s in parsed for r in s.clean.removed]
    return _frame(rows, ["source_id", "line_no", "rule", "text"])


PARSE_TABLES = {
    "sources": sources,
    "date_mentions": date_mentions,
    "quotes": quotes,
    "entities": entities,
    "furniture": furniture,
}
