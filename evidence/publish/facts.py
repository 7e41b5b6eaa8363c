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

from evidence.read import copies
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


def event_facts(events, original_of: dict[str, str] | None = None) -> dict[str, str]:
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
        facts[f"{key}.n_sources"] = str(copies.count(event.source_ids, original_of or {}))
    return facts


def compute(corpus: Corpus, comparison) -> dict[str, str]:
    sources = corpus.sources
    original_of = copies.originals(sources)      # a republished copy counts once
    facts = {
        "n_sources": str(len(sources)),
        "n_copies": str(sum(1 for s in sources if s.copy_of)),
        "n_independent_sources": str(copies.count(original_of, original_of)),
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
    claimed: dict[tuple[str, str], list[str]] = {}
    for provision, status, source_id in zip(comparison.claims["provision"],
                                            comparison.claims["status"],
                                            comparison.claims["source_id"]):
        claimed.setdefault((provision, status), []).append(source_id)
    for provision in sorted(set(comparison.claims["provision"])):
        for status in STATUSES:
            facts[f"provision.{provision}.n_{status}"] = str(
                copies.count(claimed.get((provision, status), []), original_of))
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
    facts.update(event_facts(comparison.events_list, original_of))
    return facts
