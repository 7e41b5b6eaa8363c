"""Problems within one source: own-side killing, a contradicted page date, joined stories.
Each is found in one source alone and listed with its verbatim evidence (or, for a
removed page header or HTML metadata, the raw line)."""
from __future__ import annotations

import re

from evidence.compare.ledger import WITHIN, Discrepancy, Side, attributes
from evidence.compare.spans import Span, sentence_at, span
from evidence.model import ParsedSource, iso


def own_side_killing(source: ParsedSource) -> list[Discrepancy]:
    spec = attributes()["own_side_killing"]
    verb = re.compile(spec["verb"], re.IGNORECASE)
    text, found = source.clean_text, []
    forces = [e for e in source.entities if e.entity_type in spec["agent_types"] and e.side]
    for agent in forces:
        m = verb.match(text, agent.end)
        if not m:
            continue
        for victim in forces:
            if (m.end() <= victim.start <= m.end() + spec["max_gap"]
                    and victim.side == agent.side
                    and sentence_at(source, victim.start).start
                    == sentence_at(source, agent.start).start):
                found.append(Discrepancy(
                    "self_contradiction", spec["subject"], WITHIN,
                    [Side(source.source_id, f"killer: {agent.surface} ({agent.side})",
                          span(source, agent.start, m.end())),
                     Side(source.source_id, f"killed: {victim.surface} ({victim.side})",
                          span(source, victim.start, victim.end))]))
                break
    return found


def _evidence_span(source: ParsedSource, evidence: str) -> Span | None:
    at = source.clean_text.find(evidence) if evidence else -1
    return span(source, at, at + len(evidence)) if at >= 0 else None


def page_dates(source: ParsedSource) -> list[Discrepancy]:
    """A page date (removed header, HTML metadata) the pubdate parser flagged as
    contradicting the content: both dates, with the header line and the content's
    evidence sentences (those in this source; evidence from other sources is named)."""
    pub = source.pubdate
    if not pub.flags or not (source.clean.header_dates or source.raw.html_date):
        return []
    sides = []
    if source.raw.html_date:
        sides.append(Side(source.source_id, f"page metadata {iso(source.raw.html_date)}",
                          None, "HTML date metadata"))
    for text, date in source.clean.header_dates:
        line = next((r.line_no for r in source.clean.removed if text in r.text), None)
        where = f"raw line {line}" if line else "removed page furniture"
        sides.append(Side(source.source_id, f"page header {iso(date)}", None,
                          f'{where}: "{text}"'))
    content = f"content {iso(pub.published) or iso(pub.earliest) + ' to ' + iso(pub.latest)}"
    for piece in pub.evidence.split(" … "):
        found = _evidence_span(source, piece.strip())
        sides.append(Side(source.source_id, content, found,
                          "" if found else f'evidence from elsewhere: "{piece.strip()}"'))
    return [Discrepancy("page_date", f"Publication date: {'; '.join(pub.flags)}", WITHIN,
                        sides)]


def joined_stories(source: ParsedSource) -> list[Discrepancy]:
    stories = source.clean.stories
    if len(stories) < 2:
        return []
    sides = []
    for i, story in enumerate(stories, 1):
        first = sentence_at(source, story.start)
        sides.append(Side(source.source_id, f"story {i}: {story.headline or '(no headline)'}",
                          span(source, first.start, min(first.end, story.end))))
    return [Discrepancy("joined_stories", f"One page joins {len(stories)} stories", WITHIN,
                        sides)]
