"""Events: attestations merged across sources, linked to their scheduled/held counterparts.

Attestations (``attestations.attest``) of one kind whose dates overlap and whose venues
agree (or are not named) are one *event*. Precise dates (a day, a short range) fix the
event's dates; vague ones ("in recent weeks", "earlier this year") are attached to a
compatible precise event and listed as imprecise. Where sources give different precise
dates for the same event, ``Event.disagreement`` says so.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from evidence.compare.attestations import Attestation, attest
from evidence.compare.codebook import codebook, kind_label
from evidence.compare.spans import distance, slug
from evidence.model import ParsedSource, iso


@dataclass
class Event:
    event_id: str
    kind: str
    label: str
    date_start: dt.date
    date_end: dt.date
    precision: str            # day | range | the vague mention's precision
    place: str                # venue as written ("" = not named)
    attestations: list[Attestation] = field(default_factory=list)
    disagreement: str = ""    # different precise dates given by different sources
    imprecise: str = ""       # vague dates given for it ("earlier this year")
    # An announced meeting and the meeting reported later as held are kept apart (one
    # source says it was planned, another that it happened) and linked both ways:
    held_as: list[str] = field(default_factory=list)       # on a scheduled event
    scheduled_as: list[str] = field(default_factory=list)  # on a held event

    @property
    def source_ids(self) -> list[str]:
        return sorted({a.source_id for a in self.attestations})

    @property
    def place_key(self) -> str:
        return _common([a.place for a in self.attestations])

    def dates(self) -> str:
        if self.date_start == self.date_end:
            return iso(self.date_start)
        return f"{iso(self.date_start)} to {iso(self.date_end)}"


def _common(values: list[str]) -> str:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else ""


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start <= b_end and b_start <= a_end


class _Cluster:
    def __init__(self, first: Attestation):
        self.items = [first]
        self.start, self.end = first.date_start, first.date_end

    @property
    def place(self) -> str:
        return _common([a.place for a in self.items])

    def accepts(self, a: Attestation) -> bool:
        place = self.place
        return (_overlaps(self.start, self.end, a.date_start, a.date_end)
                and (not a.place or not place or a.place == place))

    def add(self, a: Attestation, widen: bool = True) -> None:
        self.items.append(a)
        if widen:
            self.start, self.end = min(self.start, a.date_start), max(self.end, a.date_end)


def _cluster_precise(items: list[Attestation]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for a in items:
        home = next((c for c in clusters if c.accepts(a)), None)
        if home is None:
            clusters.append(_Cluster(a))
        else:
            home.add(a)
    merged = True
    while merged:                       # widened ranges may now overlap each other
        merged = False
        for i, c in enumerate(clusters):
            for other in clusters[i + 1:]:
                if any(c.accepts(a) for a in other.items):
                    for a in other.items:
                        c.add(a)
                    clusters.remove(other)
                    merged = True
                    break
            if merged:
                break
    return clusters


def _attach_vague(clusters: list[_Cluster], vague: list[Attestation]) -> list[_Cluster]:
    """Vague mentions join the best compatible precise event, or form their own."""
    own: list[_Cluster] = []
    for a in vague:
        fits = [c for c in clusters if c.accepts(a)]
        if fits:
            best = min(fits, key=lambda c: (not (a.place and a.place == c.place),
                                            -len({i.source_id for i in c.items}), c.start))
            best.add(a, widen=False)
            continue
        home = next((c for c in own if c.accepts(a)), None)
        if home is None:
            own.append(_Cluster(a))
        else:
            home.add(a)
    for c in own:                       # a vague-only event: the narrowest common range
        starts = max(a.date_start for a in c.items)
        ends = min(a.date_end for a in c.items)
        if starts <= ends:
            c.start, c.end = starts, ends
        else:
            narrow = min(c.items, key=lambda a: (a.days, a.date_start))
            c.start, c.end = narrow.date_start, narrow.date_end
    return clusters + own


def _per_source_ranges(items: list[Attestation]) -> dict[tuple, list[Attestation]]:
    """Precise dates each source gives, one range per sentence ("October 18 and 19")."""
    by_sentence: dict[tuple, list[Attestation]] = {}
    for a in items:
        by_sentence.setdefault((a.source_id, a.sentence.start), []).append(a)
    ranges: dict[tuple, list[Attestation]] = {}
    for group in by_sentence.values():
        key = (min(a.date_start for a in group), max(a.date_end for a in group))
        ranges.setdefault(key, []).extend(group)
    return ranges


def _fmt_range(start: dt.date, end: dt.date) -> str:
    return iso(start) if start == end else f"{iso(start)} to {iso(end)}"


def date_values(event: Event) -> dict[tuple, list[Attestation]]:
    """The distinct precise date ranges sources give for an event (point kinds: all;
    span kinds: only multi-day ranges, since one day of a round is not a different
    date for it)."""
    spans_days = codebook()["by_kind"].get(event.kind, {}).get("span", False)
    ranges = _per_source_ranges([a for a in event.attestations if a.precise])
    if spans_days:
        ranges = {k: v for k, v in ranges.items() if k[0] != k[1]}
    return dict(sorted(ranges.items()))


def _disagreement(event: Event) -> str:
    ranges = date_values(event)
    if len(ranges) < 2:
        return ""
    return "; ".join(f"{_fmt_range(*k)}: {', '.join(sorted({a.source_id for a in v}))}"
                     for k, v in ranges.items())


def _imprecise(event: Event) -> str:
    seen = {}
    for a in event.attestations:
        if not a.precise:
            seen.setdefault(a.date_text, set()).add(a.source_id)
    return "; ".join(f"{text}: {', '.join(sorted(ids))}" for text, ids in sorted(seen.items()))


def _event(kind: str, c: _Cluster) -> Event:
    items = sorted(c.items, key=lambda a: (a.source_id, a.sentence.start, a.date_span.start))
    precise = [a for a in items if a.precise]
    if precise:
        precision = "day" if c.start == c.end else "range"
    else:                               # vague only: never claim a precise precision
        precision = min(items, key=lambda a: (a.days, a.precision)).precision
        if precision in codebook()["precise_precisions"]:
            precision = "approximate"
    place_key = _common([a.place for a in items])
    label = next((a.place_label for a in items if a.place == place_key and a.place_label), "")
    event = Event(event_id="", kind=kind, label=kind_label(kind), date_start=c.start,
                  date_end=c.end, precision=precision, place=label, attestations=items)
    event.disagreement = _disagreement(event)
    event.imprecise = _imprecise(event)
    return event


def merge(attestations: list[Attestation]) -> list[Event]:
    order = lambda a: (a.date_start, a.date_end, a.source_id, a.sentence.start)  # noqa: E731
    events = []
    for kind in sorted({a.kind for a in attestations}):
        items = sorted((a for a in attestations if a.kind == kind), key=order)
        clusters = _cluster_precise([a for a in items if a.precise])
        clusters = _attach_vague(clusters, [a for a in items if not a.precise])
        events.extend(_event(kind, c) for c in clusters)
    events.sort(key=lambda e: (e.date_start, e.date_end, e.kind, e.place))
    used: Counter = Counter()
    for e in events:
        base = "-".join(p for p in (e.kind, iso(e.date_start), slug(e.place_key)) if p)
        used[base] += 1
        e.event_id = base if used[base] == 1 else f"{base}-{used[base]}"
    _relate(events)
    return events


def _relate(events: list[Event]) -> None:
    """Link each scheduled event to the held one its date and venue match: a kind
    with ``when_past`` (scheduled_meeting -> talks_round) is the same occasion seen
    before it happened. Only precise events are linked; no attestation moves, so each
    event still counts only the sources that say what it says."""
    book = codebook()
    for kind in book["kinds"]:
        held_kind = kind.get("when_past")
        if not held_kind:
            continue
        planned = [e for e in events if e.kind == kind["kind"] and e.precision in
                   book["precise_precisions"]]
        held = [e for e in events if e.kind == held_kind and e.precision in
                book["precise_precisions"]]
        for s in planned:
            for h in held:
                if (_overlaps(s.date_start, s.date_end, h.date_start, h.date_end)
                        and (not s.place_key or not h.place_key
                             or s.place_key == h.place_key)):
                    s.held_as.append(h.event_id)
                    h.scheduled_as.append(s.event_id)


def occasion(event: Event) -> str:
    """One id for an event and its scheduled/held counterparts (the earliest of their
    ids), so a comparison of what sources say about "the meeting" sees one meeting."""
    return min([event.event_id, *event.held_as, *event.scheduled_as])


def build(sources: list[ParsedSource]) -> list[Event]:
    """All events the sources attest, sorted by date then kind."""
    return merge([a for s in sorted(sources, key=lambda s: s.source_id) for a in attest(s)])


def find_event(events: list[Event], source_id: str, offset: int,
               kinds: tuple[str, ...] = ()) -> Event | None:
    """The event (of ``kinds``, if given) a source dates in the sentence holding
    ``offset``: the one whose date or trigger stands nearest ``offset``."""
    best = None
    for e in events:
        if kinds and e.kind not in kinds:
            continue
        for a in e.attestations:
            if a.source_id == source_id and a.sentence.start <= offset < a.sentence.end:
                d = min(distance((offset, offset + 1), (x.start, x.end))
                        for x in (a.date_span, a.trigger))
                if best is None or d < best[0]:
                    best = (d, e)
    return None if best is None else best[1]


COLUMNS = ["event_id", "kind", "label", "date_start", "date_end", "precision", "source_ids",
           "n_sources", "place", "disagreement", "imprecise", "dates_as_written", "evidence",
           "related_events"]


def table(events: list[Event]) -> pd.DataFrame:
    rows = []
    for e in events:
        written = sorted({f"{a.source_id}: {a.date_text}" for a in e.attestations})
        rows.append({
            "event_id": e.event_id, "kind": e.kind, "label": e.label,
            "date_start": iso(e.date_start), "date_end": iso(e.date_end),
            "precision": e.precision, "source_ids": ";".join(e.source_ids),
            "n_sources": len(e.source_ids), "place": e.place,
            "disagreement": e.disagreement, "imprecise": e.imprecise,
            "dates_as_written": "; ".join(written),
            "evidence": "; ".join(dict.fromkeys(a.sentence.ref() for a in e.attestations)),
            "related_events": ";".join(sorted(e.held_as + e.scheduled_as)),
        })
    return pd.DataFrame(rows, columns=COLUMNS)
