"""Discrepancies about events: their dates, stated durations and round numbers. Sources
that give an event different precise dates, date it only vaguely where others are
precise, state different lengths for it (or a length its own dates contradict), announce
it as starting on a day they also report as already inside it, or number the same talks
differently (or the same number for different talks)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from evidence.compare import memo
from evidence.compare.attestations import venue
from evidence.compare.events import Event, date_values, find_event, fmt_range, occasion
from evidence.compare.ledger import ACROSS, WITHIN, Discrepancy, Side, attributes
from evidence.compare.spans import Span, sentences, span
from evidence.model import ParsedSource, iso


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
        ranges = date_values(e)     # each side reads as the range its group gives
        precise_sides = [Side(a.source_id, fmt_range(*key), a.date_span)
                         for key, group in ranges.items() for a in group]
        if len(ranges) > 1:
            found.append(Discrepancy("event_date", f"When: {_event_subject(e)}", ACROSS,
                                     precise_sides, e.event_id))
        # a source that dates the event only vaguely, where others give the date
        own = e.own()               # the occasion's own dates, not its outcomes'
        dated_by = {a.source_id for a in own if a.precise}
        vague = [a for a in own if not a.precise and not a.statement
                 and a.source_id not in dated_by]
        dated = [Side(a.source_id, a.dates(), a.date_span) for a in own if a.precise]
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
        for a in e.own():           # an outcome starting inside the talks is no conflict
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


class _Linker:
    """The events indexed once for linking every stated length to one: each source's
    attestations with their events (in order), each event's venue and sources, the
    events of each kind."""

    def __init__(self, events: list[Event]):
        self.attested: dict[str, list] = defaultdict(list)   # (event, attestation)
        self.by_kind: dict[str, list[Event]] = defaultdict(list)
        self.place: dict[int, str] = {}
        self.sources: dict[int, set[str]] = {}
        for e in events:
            self.by_kind[e.kind].append(e)
            self.place[id(e)], self.sources[id(e)] = e.place_key, set(e.source_ids)
            for a in e.attestations:
                self.attested[a.source_id].append((e, a))

    def link(self, source_id: str, at: int, place: str, kinds: list[str]) -> tuple[str, str]:
        """(event_id, place key) for a statement: the event dated in its sentence, else
        the one event of these kinds at the venue the sentence names (the source's own
        first)."""
        dated = find_event(self.attested.get(source_id, []), at, tuple(kinds))
        if dated:
            return dated.event_id, dated.place_key
        for kind in kinds:
            candidates = [e for e in self.by_kind.get(kind, [])
                          if not place or not self.place[id(e)] or self.place[id(e)] == place]
            own = [e for e in candidates if source_id in self.sources[id(e)]]
            for pool in (own, candidates):
                if len(pool) == 1:
                    return pool[0].event_id, place or self.place[id(pool[0])]
        return "", place


def _stated(source: ParsedSource) -> list[tuple[int, str, Span, int, str]]:
    """The lengths one source states: (value, label, span, offset, the venue its sentence
    names). It reads this source alone, so it is remembered between builds (``memo``)."""
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
                place, _label = venue(source, (m.start(), m.start() + 1), sent,
                                      max_distance=len(sent.text))
                found.append((n, label, span(source, *m.span()), m.start(), place))
    return found


def stated_durations(source: ParsedSource, linker: _Linker) -> list[Stated]:
    kinds = attributes()["duration"]["event_kinds"]
    found = []
    for n, label, where, at, place in memo.recall("durations", source, _stated):
        event_id, place = linker.link(source.source_id, at, place, kinds)
        found.append(Stated(source.source_id, n, label, where, event_id, place))
    return found


def durations(sources: list[ParsedSource], events: list[Event]) -> list[Discrepancy]:
    by_id = {e.event_id: e for e in events}
    linker = _Linker(events)
    stated = [d for s in sources for d in stated_durations(s, linker)]
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
def round_numbers(events: list[Event]) -> list[Discrepancy]:
    """Sources numbering the same talks differently, or giving one number to different
    talks, from the round number each attestation carries ("the third round")."""
    by_id = {e.event_id: e for e in events}
    mentions, seen = [], set()       # (ordinal, event_id, Side)
    for e in events:
        for a in e.attestations:
            if a.ordinal is None or (a.source_id, a.ordinal_span.start) in seen:
                continue
            seen.add((a.source_id, a.ordinal_span.start))
            label = f"round {a.ordinal} = {_event_subject(e)}"
            mentions.append((a.ordinal, e.event_id, Side(a.source_id, label, a.ordinal_span)))
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
