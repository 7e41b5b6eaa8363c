"""The discrepancy ledger: where sources disagree, or a source disagrees with itself.
Everything is found by rule from the parsed sources, the merged events and the coded
claims, by the finders in ``event_discrepancies``, ``name_discrepancies``,
``claim_discrepancies`` and ``source_discrepancies``; this module runs them, orders the
ledger, gives each row a stable id and writes the table, where a republished copy counts
once (``read.copies``): ``n_sources`` counts a copy with its original."""
from __future__ import annotations

import pandas as pd

from evidence.compare import claim_discrepancies as claims_mod
from evidence.compare import event_discrepancies as events_mod
from evidence.compare import name_discrepancies as names_mod
from evidence.compare import source_discrepancies as single_mod
from evidence.compare.events import Event
from evidence.compare.ledger import WITHIN, Discrepancy
from evidence.compare.provisions import Claim
from evidence.compare.spans import slug
from evidence.model import ParsedSource
from evidence.read import copies

# Ledger order: what happened when, then numbers and names, then single-source problems.

KINDS = ("event_date", "vague_date", "duration", "duration_vs_dates", "round_numbering",
         "mechanism_name", "announcer", "delegation_head", "delegation_level",
         "provision_detail", "provision_status", "self_contradiction", "page_date",
         "joined_stories")


def find(sources: list[ParsedSource], events: list[Event],
         claims: list[Claim]) -> list[Discrepancy]:
    sources = sorted(sources, key=lambda s: s.source_id)
    found = (events_mod.event_dates(events) + events_mod.durations(sources, events)
             + events_mod.round_numbers(events) + names_mod.named(sources)
             + claims_mod.claim_details(claims) + claims_mod.claim_conflicts(claims)
             + events_mod.started_and_held(events))
    for source in sources:
        found += (single_mod.own_side_killing(source) + single_mod.page_dates(source)
                  + single_mod.joined_stories(source))
    for d in found:
        d.sides.sort(key=lambda s: (s.source_id, s.span.start if s.span else -1, s.value))
    found.sort(key=lambda d: (KINDS.index(d.kind) if d.kind in KINDS else len(KINDS),
                              d.source_ids if d.scope == WITHIN else [], d.subject))
    used: dict[str, int] = {}
    for d in found:
        scope = d.source_ids[0] if d.scope == WITHIN else ""
        base = "-".join(x for x in (d.kind, scope, slug(d.subject)[:60]) if x)
        used[base] = used.get(base, 0) + 1
        d.discrepancy_id = base if used[base] == 1 else f"{base}-{used[base]}"
    return found


COLUMNS = ["discrepancy_id", "kind", "subject", "source_ids", "values", "evidence", "scope",
           "n_sources", "event_id", "spans"]


def table(discrepancies: list[Discrepancy],
          original_of: dict[str, str] | None = None) -> pd.DataFrame:
    """``original_of`` (``copies.originals``) makes a republished copy count once."""
    rows = [{"discrepancy_id": d.discrepancy_id, "kind": d.kind, "subject": d.subject,
             "source_ids": ";".join(d.source_ids), "values": d.values(),
             "evidence": " | ".join(s.cite() for s in d.sides), "scope": d.scope,
             "n_sources": copies.count(d.source_ids, original_of or {}), "event_id": d.event_id,
             "spans": "; ".join(dict.fromkeys(s.span.ref() for s in d.sides if s.span))}
            for d in discrepancies]
    return pd.DataFrame(rows, columns=COLUMNS)
