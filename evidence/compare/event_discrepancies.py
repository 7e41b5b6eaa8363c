"""The discrepancy ledger: where sources disagree, or a source disagrees with itself.

Everything is found by rule from the parsed sources, the merged events and the coded
claims; the attributes compared and their extraction patterns are in
``data/knowledge/attributes.yml``. Every discrepancy carries each side's evidence:
source id, verbatim text and offsets into the clean text (or, for a removed page
header, the raw line).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from evidence import text as textutil
from evidence.compare.events import (Event, Span, compile_all, date_values, find_event, iso, occasion,
                     sentence_at, sentences, slug, span, venue)
from evidence.model import ParsedSource
from evidence.compare.provisions import Claim

ATTRIBUTES = "attributes.yml"
ACROSS, WITHIN = "across_sources", "within_source"
# Ledger order: what happened when, then numbers and names, then single-source problems.
KINDS = ("event_date", "vague_date", "duration", "duration_vs_dates", "round_numbering",
         "mechanism_name", "announcer", "delegation_head", "delegation_level",
         "provision_detail", "provision_status", "self_contradiction", "page_date",
         "joined_stories")


@dataclass(frozen=True)
class Side:
    """One side of a discrepancy: what one source says, and where."""
    source_id: str
    value: str
    span: Span | None = None      # None: evidence outside the clean text (see note)
    note: str = ""

    def cite(self) -> str:
        where = self.span.cite() if self.span else f"{self.source_id} {self.note}"
        return f"[{self.value}] {where}"


@dataclass
class Discrepancy:
    kind: str
    subject: str
    scope: str                      # across_sources | within_source
    sides: list[Side] = field(default_factory=list)
    event_id: str = ""
    discrepancy_id: str = ""

    @property
    def source_ids(self) -> list[str]:
        return sorted({s.source_id for s in self.sides})

    def values(self) -> str:
        grouped: dict[str, set[str]] = {}
        for s in self.sides:
            grouped.setdefault(s.value, set()).add(s.source_id)
        return "; ".join(f"{v} ({', '.join(sorted(ids))})" for v, ids in grouped.items())


@lru_cache(maxsize=1)
def attributes() -> dict:
    book = dict(textutil.knowledge(ATTRIBUTES))
    for key in ("duration", "round_number"):
        book[key] = {**book[key], "compiled": compile_all(book[key]["patterns"])}
    book["named"] = [{**n, "compiled": compile_all(n["patterns"])} for n in book["named"]]
    return book


def _number(word: str, table: dict) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return table.get(word)


def _plural(n: int, unit: str = "day") -> str:
    return f"{n} {unit}" + ("" if n == 1 else "s")


# ------------------------------------------------------------------ events: dates
def _event_subject(e: Event) -> str:
    where = f" in {e.place}" if e.place else ""
    return f"{e.label}{where} ({e.dates()})"


def event_dates(events: list[Event]) -> list[Discrepancy]:
    found = []
    for e in events:
        ranges = date_values(e)
        precise_sides = [Side(a.source_id, a.dates(), a.date_span)
                         for group in ranges.values() for a in group]
        if len(ranges) > 1:
            found.append(Discrepancy("event_date", f"When: {_event_subject(e)}", ACROSS,
                                     precise_sides, e.event_id))
        # a source that dates the event only vaguely, where others give the date
        dated_by = {a.source_id for a in e.attestations if a.precise}
        vague = [a for a in e.attestations if not a.precise and a.source_id not in dated_by]
        dated = [Side(a.source_id, a.dates(), a.date_span)
                 for a in e.attestations if a.precise]
        if vague and dated:
            sides = dated + [Side(a.source_id, f"{a.date_text} ({a.dates()})", a.date_span)
                             for a in vague]
            found.append(Discrepancy("vague_date", f"When: {_event_subject(e)}", ACROSS,
                                     sides, e.event_id))
    return found


def started_and_held(events: list[Event]) -> list[Discrepancy]:
    """A source announcing that an event starts on a day it also reports as already
    inside (or after the start of) the same event."""
    found = []
    for e in events:
        by_source = defaultdict(list)
        for a in e.attestations:
            by_source[a.source_id].append(a)
        for source_id, items in sorted(by_source.items()):
            for starting in (a for a in items if a.starts and a.precise):
                earlier = [b for b in items if b.precise and b.days > 1 and not b.future
                           and b.date_start < starting.date_start]
                if earlier:
                    b = earlier[0]
                    found.append(Discrepancy(
                        "self_contradiction",
                        f"{e.label}: announced as starting on {iso(starting.date_start)} "
                        f"but reported as held from {iso(b.date_start)}", WITHIN,
                        [Side(source_id, f"starts {starting.dates()}", starting.sentence),
                         Side(source_id, f"held {b.dates()}", b.sentence)], e.event_id))
    return found


# ---------------------------------------------------------------- stated durations
@dataclass(frozen=True)
class Stated:
    """An attribute value stated in one sentence, linked to an event when possible."""
    source_id: str
    value: int
    label: str
    span: Span
    event_id: str = ""
    place: str = ""


def _link(source: ParsedSource, events: list[Event], sent: Span, at: int,
          kinds: list[str]) -> tuple[str, str]:
    """(event_id, place key) for a statement: the event dated in its sentence, else the
    one event of these kinds at the venue the sentence names (the source's own first)."""
    dated = find_event(events, source.source_id, at, tuple(kinds))
    if dated:
        return dated.event_id, dated.place_key
    place, _label = venue(source, (at, at + 1), sent, max_distance=len(sent.text))
    for kind in kinds:
        candidates = [e for e in events if e.kind == kind
                      and (not place or not e.place_key or e.place_key == place)]
        own = [e for e in candidates if source.source_id in e.source_ids]
        for pool in (own, candidates):
            if len(pool) == 1:
                return pool[0].event_id, place or pool[0].place_key
    return "", place


def stated_durations(source: ParsedSource, events: list[Event]) -> list[Stated]:
    spec, numbers = attributes()["duration"], attributes()["numbers"]
    found = []
    for sent in sentences(source):
        for p in spec["compiled"]:
            for m in p.finditer(source.clean_text, sent.start, sent.end):
                n = _number(m.group("n"), numbers)
                if n is None:
                    continue
                planned = "planned" in p.groupindex and m.group("planned")
                label = _plural(n) + (" (planned)" if planned else "")
                event_id, place = _link(source, events, sent, m.start(), spec["event_kinds"])
                found.append(Stated(source.source_id, n, label, span(source, *m.span()),
                                    event_id, place))
    return found


def durations(sources: list[ParsedSource], events: list[Event]) -> list[Discrepancy]:
    by_id = {e.event_id: e for e in events}
    stated = [d for s in sources for d in stated_durations(s, events)]
    groups = defaultdict(list)
    for d in stated:
        groups[d.event_id or f"place:{d.place}"].append(d)
    found = []
    for key, items in sorted(groups.items()):
        event = by_id.get(key)
        sides = [Side(d.source_id, d.label, d.span) for d in items]
        ranges = date_values(event) if event else {}
        for (start, end), atts in ranges.items():
            n = (end - start).days + 1
            sides += [Side(a.source_id, f"{_plural(n)} by its dates ({a.dates()})", a.date_span)
                      for a in atts]
        lengths = {int(s.value.split()[0]) for s in sides}
        subject = f"{attributes()['duration']['subject']}: " + (
            _event_subject(event) if event else (key.split(":", 1)[1] or "talks"))
        if len(lengths) > 1 and len({s.source_id for s in sides}) > 1:
            found.append(Discrepancy("duration", subject, ACROSS, sides, key if event else ""))
        for d in items:       # a source whose stated length does not fit its own dates
            own = [(a, (end - start).days + 1) for (start, end), atts in ranges.items()
                   for a in atts if a.source_id == d.source_id]
            if own and "planned" not in d.label and all(n != d.value for _a, n in own):
                a, n = own[0]
                found.append(Discrepancy(
                    "duration_vs_dates", subject, WITHIN,
                    [Side(d.source_id, d.label, d.span),
                     Side(d.source_id, f"{_plural(n)} by its dates ({a.dates()})",
                          a.date_span)], key))
    return found


# ---------------------------------------------------------------- round numbering
def round_numbers(sources: list[ParsedSource], events: list[Event]) -> list[Discrepancy]:
    spec, ordinals = attributes()["round_number"], attributes()["ordinals"]
    numbers = {**attributes()["numbers"], **ordinals}
    by_id = {e.event_id: e for e in events}
    mentions = []        # (ordinal, event_id, Side)
    for source in sources:
        for sent in sentences(source):
            for p in spec["compiled"]:
                for m in p.finditer(source.clean_text, sent.start, sent.end):
                    n = _number(m.group("ordinal"), numbers)
                    event = find_event(events, source.source_id, m.start(),
                                       tuple(spec["event_kinds"]))
                    if n is None or event is None:
                        continue
                    label = f"round {n} = {_event_subject(event)}"
                    mentions.append((n, event.event_id,
                                     Side(source.source_id, label, span(source, *m.span()))))
    found = []
    # a meeting announced by one source and reported as held by another is one meeting
    occasions = {e.event_id: occasion(e) for e in events}
    by_number, by_event = defaultdict(list), defaultdict(list)
    for n, event_id, side in mentions:
        by_number[n].append((event_id, side))
        by_event[occasions[event_id]].append((n, side))
    for n, items in sorted(by_number.items()):
        if len({occasions[e] for e, _s in items}) > 1:
            found.append(Discrepancy("round_numbering", f"Which talks are round {n}", ACROSS,
                                     [s for _e, s in items]))
    for event_id, items in sorted(by_event.items()):
        if len({n for n, _s in items}) > 1:
            found.append(Discrepancy("round_numbering",
                                     f"Round number of {_event_subject(by_id[event_id])}",
                                     ACROSS, [s for _n, s in items], event_id))
    return found


# -------------------------------------------------------------- named attributes
def _named_value(source: ParsedSource, spec: dict, m: re.Match) -> str:
    if spec["value"] == "match":
        return " ".join(m.group("value").lower().split())
    start, end = m.span("who")
    ids = sorted({e.entity_id for e in source.entities if e.entity_id
                  and e.entity_type in spec["entity_types"]
                  and start <= e.start and e.end <= end})
    if not ids:
        return ""
    form = m.groupdict().get("form")
    return " + ".join(ids) + (f", {form.lower()} statement" if form else "")


def named_values(source: ParsedSource, spec: dict) -> list[Side]:
    """Each distinct value of one named attribute in a source, at its first mention."""
    seen: dict[str, Side] = {}
    taken: list[tuple[int, int]] = []
    for p in spec["compiled"]:
        for m in p.finditer(source.clean_text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append(m.span())
            value = _named_value(source, spec, m)
            if value and value not in seen:
                seen[value] = Side(source.source_id, value, span(source, *m.span()))
    return sorted(seen.values(), key=lambda s: s.span.start)


def _differ(spec: dict, per_source: dict[str, list[Side]],
            sides_of: dict[str, str]) -> bool:
    """Do the sources' value sets differ? With ``compare: by_side`` only when two
    sources name different people for the same side (naming more is no conflict)."""
    if spec.get("compare") != "by_side":
        return len({frozenset(s.value for s in v) for v in per_source.values()}) > 1
    named_for: dict[str, set[frozenset]] = defaultdict(set)
    for values in per_source.values():
        by_side = defaultdict(set)
        for s in values:
            for entity_id in s.value.split(" + "):
                by_side[sides_of.get(entity_id, "")].add(entity_id)
        for side, ids in by_side.items():
            named_for[side].add(frozenset(ids))
    return any(len(v) > 1 for v in named_for.values())


def named(sources: list[ParsedSource]) -> list[Discrepancy]:
    found = []
    sides_of = {e.entity_id: e.side for s in sources for e in s.entities if e.entity_id}
    for spec in attributes()["named"]:
        per_source = {s.source_id: named_values(s, spec) for s in sources}
        per_source = {k: v for k, v in per_source.items() if v}
        if len(per_source) > 1 and _differ(spec, per_source, sides_of):
            found.append(Discrepancy(spec["id"], spec["subject"], ACROSS,
                                     [side for k in sorted(per_source) for side in per_source[k]]))
    return found


# ------------------------------------------------------------------------ claims
def claim_details(claims: list[Claim]) -> list[Discrepancy]:
    """Sources reporting a provision with different particulars: keyed parts
    ("date=", "place=") compared key by key, the rest (the wording) as a whole."""
    found = []
    by_provision = defaultdict(list)
    for c in claims:
        if c.status == "reported" and c.detail:
            by_provision[c.provision].append(c)
    for provision, items in sorted(by_provision.items()):
        facets = defaultdict(dict)
        for c in items:
            parts = c.detail.split("; ")
            for part in parts:
                if "=" in part:
                    key, value = part.split("=", 1)
                    facets[key].setdefault(c.source_id, set()).add(value)
            wording = [p for p in parts if "=" not in p]
            if wording:
                facets["wording"][c.source_id] = {", ".join(wording)}
        for facet, values in sorted(facets.items()):
            if len(values) > 1 and len({frozenset(v) for v in values.values()}) > 1:
                sides = [Side(c.source_id, ", ".join(sorted(values[c.source_id])), c.quote)
                         for c in items if c.source_id in values]
                found.append(Discrepancy("provision_detail", f"{items[0].label}: {facet}",
                                         ACROSS, sides))
    return found


def claim_conflicts(claims: list[Claim]) -> list[Discrepancy]:
    found = []
    by_provision = defaultdict(list)
    for c in claims:
        by_provision[c.provision].append(c)
        if c.conflicting is not None:
            found.append(Discrepancy("self_contradiction", f"{c.label}: reported and denied",
                                     WITHIN, [Side(c.source_id, "reported", c.quote),
                                              Side(c.source_id, "contradicted",
                                                   c.conflicting)]))
    for provision, items in sorted(by_provision.items()):
        if {"reported", "contradicted"} <= {c.status for c in items}:
            found.append(Discrepancy("provision_status", f"{items[0].label}: agreed or not",
                                     ACROSS, [Side(c.source_id, c.status, c.quote)
                                              for c in items if c.quote]))
    return found


# -------------------------------------------------------------- single sources
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


# ------------------------------------------------------------------------- ledger
def find(sources: list[ParsedSource], events: list[Event],
         claims: list[Claim]) -> list[Discrepancy]:
    sources = sorted(sources, key=lambda s: s.source_id)
    found = (event_dates(events) + durations(sources, events) + round_numbers(sources, events)
             + named(sources) + claim_details(claims) + claim_conflicts(claims)
             + started_and_held(events))
    for source in sources:
        found += own_side_killing(source) + page_dates(source) + joined_stories(source)
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


def table(discrepancies: list[Discrepancy]) -> pd.DataFrame:
    rows = [{"discrepancy_id": d.discrepancy_id, "kind": d.kind, "subject": d.subject,
             "source_ids": ";".join(d.source_ids), "values": d.values(),
             "evidence": " | ".join(s.cite() for s in d.sides), "scope": d.scope,
             "n_sources": len(d.source_ids), "event_id": d.event_id,
             "spans": "; ".join(dict.fromkeys(s.span.ref() for s in d.sides if s.span))}
            for d in discrepancies]
    return pd.DataFrame(rows, columns=COLUMNS)
