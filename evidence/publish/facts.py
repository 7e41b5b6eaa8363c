"""Named facts for the prose (data/processed/facts.json), inserted with {fact}`key`.

Every number or date a chapter states about the data comes from here, so the prose
changes when the data does — and a chapter naming a fact that no longer exists fails
the build. Keys are built from data categories (event kinds, places, provision ids,
origin groups), never from particular articles.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter

from evidence.read.corpus import Corpus
from evidence.compare.spans import slug

PRECISE = {"day", "range"}
STATUSES = ("reported", "contradicted", "not_mentioned")


def date_text(start: dt.date, end: dt.date | None = None) -> str:
    """'6 November 2025', '25–30 October 2025', '30 October – 2 November 2025'."""
    end = end or start
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def event_facts(events) -> dict[str, str]:
    facts: dict[str, str] = {}
    for event in events:
        if event.precision not in PRECISE or not event.date_start:
            continue
        place = slug(event.place).replace("-", "_")
        key = f"event.{event.kind}" + (f".{place}" if place else "")
        if f"{key}.dates" in facts:          # a second event of the same kind and place
            continue
        facts[f"{key}.dates"] = date_text(event.date_start, event.date_end)
        facts[f"{key}.days"] = str((event.date_end - event.date_start).days + 1)
        facts[f"{key}.n_sources"] = str(len({a.source_id for a in event.attestations}))
    return facts


def compute(corpus: Corpus, comparison) -> dict[str, str]:
    sources = corpus.sources
    facts = {
        "n_sources": str(len(sources)),
        "n_outlets_identified": str(len({s.meta.outlet for s in sources if s.meta.outlet})),
        "n_outlets_unidentified": str(sum(1 for s in sources if not s.meta.outlet)),
        "n_quotes": str(sum(len(s.quotes) for s in sources)),
        "n_date_mentions": str(sum(len(s.dates) for s in sources)),
        "n_removed_lines": str(sum(len(s.clean.removed) for s in sources)),
        "n_events": str(len(comparison.events)),
        "n_discrepancies": str(len(comparison.discrepancies)),
        "n_flagged_dates": str(sum(1 for s in sources if s.pubdate.flags)),
        "corpus_digest": hashlib.sha256("".join(sorted(s.raw.sha256 for s in sources))
                                        .encode()).hexdigest()[:12],
    }
    for group, n in Counter(s.registry.origin_group or "unknown" for s in sources).items():
        facts[f"n_origin.{group}"] = str(n)
    counts = Counter(zip(comparison.claims["provision"], comparison.claims["status"]))
    for provision in sorted(set(comparison.claims["provision"])):
        for status in STATUSES:
            facts[f"provision.{provision}.n_{status}"] = str(counts[(provision, status)])
    bounds = [s.pubdate.latest or s.pubdate.published for s in sources]
    known = [b for b in bounds if b]
    if known:
        facts["latest_publication_bound"] = date_text(max(known))
    firsts = [s.pubdate.earliest or s.pubdate.published for s in sources]
    if all(firsts):
        facts["earliest_publication"] = date_text(min(firsts))
    for s in sources:
        pub = s.pubdate
        facts[f"published.{s.source_id}"] = date_text(pub.published) if pub.published else "unknown"
    facts.update(event_facts(comparison.events_list))
    return facts
