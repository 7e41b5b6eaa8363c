"""Perspective: where each outlet stands, how it names things, whom it quotes.

``origins`` puts an outlet's origin beside what it reports (provisions, events);
``terminology`` lists the words each outlet uses for the same gazetteer entity (and
for the monitoring mechanism); ``speakers`` keeps who said something apart from the
outlet that carried it.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from evidence.compare import events as events_mod
from evidence.compare import provisions as provisions_mod
from evidence.compare.ledger import attributes
from evidence.compare.name_discrepancies import remembered_values
from evidence.model import ParsedSource

MECHANISM = "mechanism_name"


def outlet(source: ParsedSource) -> str:
    return source.meta.outlet or source.registry.outlet


def _by_id(sources: list[ParsedSource]) -> list[ParsedSource]:
    return sorted(sources, key=lambda s: s.source_id)


ORIGIN_COLUMNS = ["source_id", "outlet", "carried_by", "origin", "origin_group",
                  "n_provisions_reported", "n_provisions_contradicted", "provisions_reported",
                  "n_events", "event_ids", "n_quotes", "n_speakers"]


def origins(sources: list[ParsedSource], events=None, claims=None) -> pd.DataFrame:
    """One row per source: origin beside counts of what it reports."""
    events = events_mod.build(sources) if events is None else events
    claims = provisions_mod.code(sources) if claims is None else claims
    claims_of: dict[str, list] = {}          # by source, in order: one pass, not one per source
    for c in claims:
        claims_of.setdefault(c.source_id, []).append(c)
    events_of: dict[str, list[str]] = {}
    for e in events:
        for source_id in set(e.source_ids):
            events_of.setdefault(source_id, []).append(e.event_id)
    rows = []
    for s in _by_id(sources):
        mine = claims_of.get(s.source_id, [])
        reported = [c.provision for c in mine if c.status == "reported"]
        attested = events_of.get(s.source_id, [])
        rows.append({
            "source_id": s.source_id, "outlet": outlet(s), "carried_by": s.registry.carried_by,
            "origin": s.registry.origin, "origin_group": s.registry.origin_group,
            "n_provisions_reported": len(reported),
            "n_provisions_contradicted": sum(c.status == "contradicted" for c in mine),
            "provisions_reported": ";".join(reported), "n_events": len(attested),
            "event_ids": ";".join(attested), "n_quotes": len(s.quotes),
            "n_speakers": len({q.speaker for q in s.quotes if q.speaker}),
        })
    return pd.DataFrame(rows, columns=ORIGIN_COLUMNS)


TERM_COLUMNS = ["entity_id", "entity_type", "side", "source_id", "outlet", "origin_group",
                "surface", "count", "resolved", "first_start", "first_end"]


def terminology(sources: list[ParsedSource]) -> pd.DataFrame:
    """Surface forms per entity and source, with counts (unresolved names included)."""
    mechanism = next(n for n in attributes()["named"] if n["id"] == MECHANISM)
    rows = []
    for s in _by_id(sources):
        counts: Counter = Counter()
        first: dict[tuple, tuple[int, int]] = {}
        for e in s.entities:
            key = (e.entity_id, e.entity_type, e.side, e.surface, e.resolved and bool(e.entity_id))
            counts[key] += 1
            first.setdefault(key, (e.start, e.end))
        for side in remembered_values(s, mechanism):
            key = ("ceasefire_mechanism", "mechanism", "", side.span.text, True)
            counts[key] += 1
            first.setdefault(key, (side.span.start, side.span.end))
        for key, n in counts.items():
            entity_id, entity_type, side, surface, resolved = key
            rows.append({"entity_id": entity_id, "entity_type": entity_type, "side": side,
                         "source_id": s.source_id, "outlet": outlet(s),
                         "origin_group": s.registry.origin_group, "surface": surface,
                         "count": n, "resolved": resolved, "first_start": first[key][0],
                         "first_end": first[key][1]})
    df = pd.DataFrame(rows, columns=TERM_COLUMNS)
    return df.sort_values(["entity_type", "entity_id", "source_id", "count", "surface"],
                          ascending=[True, True, True, False, True],
                          kind="stable").reset_index(drop=True)


SPEAKER_COLUMNS = ["speaker", "speaker_entity", "source_id", "outlet", "origin_group",
                   "n_quotes", "first_quote", "start_char", "end_char"]


def speakers(sources: list[ParsedSource]) -> pd.DataFrame:
    """Who is quoted by which outlet: one row per (speaker, source)."""
    rows = []
    for s in _by_id(sources):
        groups: dict[tuple, list] = {}
        for q in sorted(s.quotes, key=lambda q: (q.start, q.end)):
            groups.setdefault((q.speaker or "(unattributed)", q.speaker_entity), []).append(q)
        for (speaker, entity), quotes in groups.items():
            rows.append({"speaker": speaker, "speaker_entity": entity,
                         "source_id": s.source_id, "outlet": outlet(s),
                         "origin_group": s.registry.origin_group, "n_quotes": len(quotes),
                         "first_quote": quotes[0].quote, "start_char": quotes[0].start,
                         "end_char": quotes[0].end})
    df = pd.DataFrame(rows, columns=SPEAKER_COLUMNS)
    return df.sort_values(["speaker", "source_id"], kind="stable").reset_index(drop=True)
