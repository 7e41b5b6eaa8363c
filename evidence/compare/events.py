"""Events: one per real-world occasion, from the attestations of every source. Attestations
(``attestations.attest``) become clusters (``clusters``): one kind, dates that overlap
or, for talks, follow on, a venue that agrees; outcomes dated inside talks (a ceasefire,
a joint statement, a stall) join them and dated statements join what they report without
dating it (one announcing what no source dates is an announcement of its own day). Each cluster is an ``Event`` with the dates its own precise attestations give
(where sources differ, ``disagreement`` says so; vague ones are listed as
``imprecise``), the outcomes and round numbers each source gives, and links between a
meeting announced and the meeting reported as held (``related_events``), which
``occasion`` treats as one; a meeting announced only for a window ("in the coming
days") is dated by the meeting held in it."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from evidence.compare.attestations import Attestation, attest
from evidence.compare.clusters import (Cluster, announce, attach_vague, cluster_precise,
                                       join_outcome, join_statement, overlaps, venue_of)
from evidence.compare.codebook import codebook, kind_label
from evidence.compare.dissent import fold_dissents
from evidence.compare.spans import distance, slug
from evidence.model import ParsedSource, iso
from evidence.read import copies


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

    def own(self) -> list[Attestation]:
        """The attestations of the event's own kind (not its outcomes)."""
        return [a for a in self.attestations if a.kind == self.kind]

    def outcomes(self) -> str:
        """What the occasion produced, by whom: "Ceasefire agreed: a, b"."""
        seen: dict[str, set[str]] = {}
        for a in self.attestations:
            if a.kind != self.kind:
                seen.setdefault(kind_label(a.kind), set()).add(a.source_id)
        return "; ".join(f"{k}: {', '.join(sorted(v))}" for k, v in sorted(seen.items()))

    def rounds(self) -> str:
        """The round number each source gives the occasion: "2: a; 3: b, c"."""
        seen: dict[int, set[str]] = {}
        for a in self.attestations:
            if a.ordinal is not None:
                seen.setdefault(a.ordinal, set()).add(a.source_id)
        return "; ".join(f"{n}: {', '.join(sorted(v))}" for n, v in sorted(seen.items()))

    @property
    def place_key(self) -> str:
        return venue_of(self.attestations)

    def dates(self) -> str:
        if self.date_start == self.date_end:
            return iso(self.date_start)
        return f"{iso(self.date_start)} to {iso(self.date_end)}"


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


def fmt_range(start: dt.date, end: dt.date) -> str:
    return iso(start) if start == end else f"{iso(start)} to {iso(end)}"


def date_values(event: Event) -> dict[tuple, list[Attestation]]:
    """The distinct precise date ranges sources give for an event (point kinds: all;
    span kinds: multi-day ranges, and a day outside the event's dates (a dissent), since
    one day of a round is not a different date for it)."""
    spans_days = codebook()["by_kind"].get(event.kind, {}).get("span", False)
    ranges = _per_source_ranges([a for a in event.own() if a.precise])
    if spans_days:
        inside = lambda k: event.date_start <= k[0] and k[1] <= event.date_end  # noqa: E731
        days = [a for k, v in ranges.items() if k[0] == k[1] and inside(k) for a in v]
        ranges = {k: v for k, v in ranges.items() if k[0] != k[1] or not inside(k)}
        if days and any(not inside(k) for k in ranges):
            # a day outside the event (a dissent) stands against the days inside it
            ranges.setdefault((event.date_start, event.date_end), []).extend(days)
    return dict(sorted(ranges.items()))


def _disagreement(event: Event) -> str:
    ranges = date_values(event)
    if len(ranges) < 2:
        return ""
    return "; ".join(f"{fmt_range(*k)}: {', '.join(sorted({a.source_id for a in v}))}"
                     for k, v in ranges.items())


def _imprecise(event: Event) -> str:
    seen = {}
    for a in event.own():
        if not a.precise and not a.statement:
            seen.setdefault(a.date_text, set()).add(a.source_id)
    return "; ".join(f"{text}: {', '.join(sorted(ids))}" for text, ids in sorted(seen.items()))


def _event(kind: str, c: Cluster) -> Event:
    items = sorted(c.items, key=lambda a: (a.source_id, a.sentence.start, a.date_span.start))
    precise = [a for a in items if a.precise]
    if precise:
        precision = "day" if c.start == c.end else "range"
    else:                               # vague only: never claim a precise precision
        precision = min(items, key=lambda a: (a.days, a.precision)).precision
        if precision in codebook()["precise_precisions"]:
            precision = "approximate"
    place_key = venue_of(items)
    label = next((a.place_label for a in items if a.place == place_key and a.place_label), "")
    event = Event(event_id="", kind=kind, label=kind_label(kind), date_start=c.start,
                  date_end=c.end, precision=precision, place=label, attestations=items)
    event.disagreement = _disagreement(event)
    event.imprecise = _imprecise(event)
    return event


def merge(attestations: list[Attestation],
          original_of: dict[str, str] | None = None) -> list[Event]:
    """Events from attestations: clusters per kind (occasions that host outcomes
    first, so an outcome can join them), a lone source's dissenting date joins the
    occasion it names (``dissent``), then the dated statements join theirs."""
    book = codebook()
    order = lambda a: (a.date_start, a.date_end, a.source_id, a.sentence.start)  # noqa: E731
    plain = sorted((a for a in attestations if not a.statement), key=order)
    hosts = {k["outcome_of"] for k in book["kinds"] if k.get("outcome_of")}
    clusters: dict[str, list[Cluster]] = {}
    for kind in sorted({a.kind for a in plain}, key=lambda k: (k not in hosts, k)):
        spec = book["by_kind"].get(kind, {})
        items = [a for a in plain if a.kind == kind]
        if spec.get("outcome_of"):
            hosting = clusters.get(spec["outcome_of"], [])
            for precise in (True, False):     # vague ones look for their sentence's date
                items = [a for a in items if a.precise != precise
                         or not join_outcome(a, hosting)]
            items = [a for a in items if not a.precise or not _join_overlapping(a, hosting)]
        gap = book["join_gap_days"] if spec.get("span") else 0
        found = cluster_precise([a for a in items if a.precise], gap)
        clusters[kind] = attach_vague(found, [a for a in items if not a.precise], gap)
        fold_dissents(clusters, kind, plain, original_of or {})
    for a in sorted((a for a in attestations if a.statement), key=order):
        if not join_statement(a, clusters) and a.announces:
            announce(a, clusters)
    events = [_event(kind, c) for kind in sorted(clusters) for c in clusters[kind]]
    links = _relate(events)
    events.sort(key=lambda e: (e.date_start, e.date_end, e.kind, e.place))
    used: Counter = Counter()
    for e in events:
        base = "-".join(p for p in (e.kind, iso(e.date_start), slug(e.place_key)) if p)
        used[base] += 1
        e.event_id = base if used[base] == 1 else f"{base}-{used[base]}"
    for scheduled, held in links:
        scheduled.held_as.append(held.event_id)
        held.scheduled_as.append(scheduled.event_id)
    return events


def _join_overlapping(a: Attestation, hosts: list[Cluster]) -> bool:
    """Add a precisely dated outcome that no occasion holds whole but one at the venue it
    names overlaps ("the ceasefire agreed in Doha on October 18 and 19" beside talks in
    Doha that a source dates by their last day, October 19): the occasion it is part
    of, which begins as early as the outcome does. True if added."""
    fits = [c for c in hosts if c.dated and a.place and c.place == a.place
            and overlaps(c.start, c.end, a.date_start, a.date_end)]
    if not fits:
        return False
    home = min(fits, key=lambda c: (-c.n_sources(), c.start))
    home.add(a, widen=False)
    home.start = min(home.start, a.date_start)
    return True


def _relate(events: list[Event]) -> list[tuple[Event, Event]]:
    """Link each scheduled event to the held one its date and venue match: a kind
    with ``when_past`` (scheduled_meeting -> talks_round) is the same occasion seen
    before it happened. A precise one links to every held one it overlaps; one known
    only vaguely ("will meet again in the coming days") to the held event that began
    within the window some source announcing it gives: the only one, or the one at
    least twice as many sources report as any other. No attestation moves, so each event still
    counts only the sources that say what it says; a vague one takes the dates of the
    meeting it announced (the window stays in ``imprecise``), not the window's, which
    begins on the day after the story announcing it. Returns the (scheduled, held) pairs."""
    book = codebook()
    precise = set(book["precise_precisions"])
    links = []
    venue = {id(e): e.place_key for e in events}    # read from every attestation: once
    for kind in book["kinds"]:
        held_kind = kind.get("when_past")
        if not held_kind:
            continue
        held = [e for e in events if e.kind == held_kind and e.precision in precise]
        for s in (e for e in events if e.kind == kind["kind"]):
            agree = [h for h in held if not venue[id(s)] or not venue[id(h)]
                     or venue[id(s)] == venue[id(h)]]
            if s.precision in precise:
                found = [h for h in agree if overlaps(s.date_start, s.date_end,
                                                      h.date_start, h.date_end)]
            else:               # any announcing source's window ("in the coming days")
                own = s.own() or s.attestations
                first, last = min(a.date_start for a in own), max(a.date_end for a in own)
                found = sorted((h for h in agree if first <= h.date_start <= last),
                               key=lambda h: -len(h.source_ids))
                if len(found) > 1 and len(found[0].source_ids) < 2 * len(found[1].source_ids):
                    found = []      # no round stands out as the one announced
                found = found[:1]
                if found:
                    s.date_start, s.date_end = found[0].date_start, found[0].date_end
            links += [(s, h) for h in found]
    return links


def occasion(event: Event) -> str:
    """One id for an event and its scheduled/held counterparts (the earliest of their
    ids), so a comparison of what sources say about "the meeting" sees one meeting."""
    return min([event.event_id, *event.held_as, *event.scheduled_as])


def build(sources: list[ParsedSource]) -> list[Event]:
    """All events the sources attest, sorted by date then kind."""
    return merge([a for s in sorted(sources, key=lambda s: s.source_id) for a in attest(s)],
                 copies.originals(sources))


def find_event(attested: list[tuple[Event, Attestation]], offset: int,
               kinds: tuple[str, ...] = ()) -> Event | None:
    """The event (of ``kinds``, if given) a source dates in the sentence holding
    ``offset``: the one whose date or trigger stands nearest ``offset``. ``attested``:
    that source's attestations with their events, in the events' order."""
    best = None
    for e, a in attested:
        if kinds and e.kind not in kinds:
            continue
        if a.sentence.start <= offset < a.sentence.end:
            d = min(distance((offset, offset + 1), (x.start, x.end))
                    for x in (a.date_span, a.trigger))
            if best is None or d < best[0]:
                best = (d, e)
    return None if best is None else best[1]


COLUMNS = ["event_id", "kind", "label", "date_start", "date_end", "precision", "source_ids",
           "n_sources", "place", "disagreement", "imprecise", "dates_as_written", "evidence",
           "related_events", "outcomes", "rounds"]


def table(events: list[Event], original_of: dict[str, str] | None = None) -> pd.DataFrame:
    """``original_of`` (``copies.originals``) makes a republished copy count once."""
    rows = []
    for e in events:
        written = sorted({f"{a.source_id}: {a.date_text}" + (" (statement)" if a.statement
                                                              else "")
                          for a in e.attestations})
        rows.append({
            "event_id": e.event_id, "kind": e.kind, "label": e.label,
            "date_start": iso(e.date_start), "date_end": iso(e.date_end),
            "precision": e.precision, "source_ids": ";".join(e.source_ids),
            "n_sources": copies.count(e.source_ids, original_of or {}), "place": e.place,
            "disagreement": e.disagreement, "imprecise": e.imprecise,
            "dates_as_written": "; ".join(written),
            "evidence": "; ".join(dict.fromkeys(a.sentence.ref() for a in e.attestations)),
            "related_events": ";".join(sorted(e.held_as + e.scheduled_as)),
            "outcomes": e.outcomes(), "rounds": e.rounds(),
        })
    return pd.DataFrame(rows, columns=COLUMNS)
