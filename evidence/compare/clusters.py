"""Clusters: attestations gathered into occasions before they become events. Precise
attestations of one kind whose dates overlap (for a kind that spans days: come within
``join_gap_days``) and whose venues agree (or are not named) are one cluster; vague ones
join the best compatible cluster or form their own. Then the occasion rules of
``data/knowledge/events.yml`` apply: an outcome (a ceasefire, a joint statement, a
stall) dated inside talks, or just after them, at a venue that agrees, is part of the
talks; a dated statement about an event joins the event it reports and never dates it
(one announcing a meeting joins the meeting announced or, when none is, the one held; a
state, "the ceasefire was holding", joins only its own kind)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

from evidence.compare.attestations import Attestation
from evidence.compare.codebook import codebook


def common(values: list[str]) -> str:
    return most(Counter(v for v in values if v))


def most(counts: Counter) -> str:
    """The value counted most (ties: the first in sort order), "" for none."""
    return min(counts, key=lambda v: (-counts[v], v)) if counts else ""


def venue_of(items: list[Attestation]) -> str:
    """An occasion's venue: the one its precisely dated attestations name most, else
    the one any names most ("last month's clashes" in a sentence about talks in
    Istanbul does not put the clashes in Istanbul when the sources dating them name
    no venue or another)."""
    return common([a.place for a in items if a.precise]) or (
        "" if any(a.precise for a in items) else common([a.place for a in items]))


def overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start <= b_end and b_start <= a_end


class Cluster:
    """Attestations of one occasion; ``gap``: days apart that still make one occasion.
    Attestations join only through ``add``, which keeps the counts that its venue,
    whether it is dated and its number of sources are read from (they are asked of every
    cluster for every attestation placed: recounting the items made merging quadratic)."""

    def __init__(self, first: Attestation, gap: int = 0):
        self.items: list[Attestation] = []
        self._places, self._precise_places, self._sources = Counter(), Counter(), Counter()
        self._n_precise, self._venue = 0, None
        # each source's precise attestations: whether a source dates the occasion, and
        # in which sentences, without walking every item
        self._precise_of: dict[str, list[Attestation]] = {}
        self._count(first)
        self.start, self.end = first.date_start, first.date_end
        self.gap = dt.timedelta(days=gap)
        # a kind whose occasions span places (a night of strikes on several provinces)
        # is not split by venue (codebook: venue_splits: false)
        self.by_venue = codebook()["by_kind"].get(first.kind, {}).get("venue_splits", True)

    def _count(self, a: Attestation) -> None:
        self.items.append(a)
        self._sources[a.source_id] += 1
        if a.place:
            self._places[a.place] += 1
        if a.precise:
            self._n_precise += 1
            self._precise_of.setdefault(a.source_id, []).append(a)
            if a.place:
                self._precise_places[a.place] += 1
        self._venue = None

    @property
    def place(self) -> str:
        """``venue_of(self.items)``, from the counts."""
        if self._venue is None:
            self._venue = most(self._precise_places) or (
                "" if self._n_precise else most(self._places))
        return self._venue

    def _agree(self, place: str, other: str) -> bool:
        return not self.by_venue or not place or not other or place == other

    def accepts(self, a: Attestation) -> bool:
        return (overlaps(self.start - self.gap, self.end + self.gap, a.date_start, a.date_end)
                and self._agree(a.place, self.place))

    def add(self, a: Attestation, widen: bool = True) -> None:
        self._count(a)
        if widen:
            self.start, self.end = min(self.start, a.date_start), max(self.end, a.date_end)


    def joins(self, other: "Cluster") -> bool:
        """Do two clusters widened by their attestations now make one occasion: dates
        within the gap and venues that agree (a cluster naming none agrees with any)?"""
        return (overlaps(self.start - self.gap, self.end + self.gap, other.start, other.end)
                and self._agree(self.place, other.place))

    @property
    def dated(self) -> bool:
        """Does a precise date of its own kind fix the occasion's dates?"""
        return self._n_precise > 0

    def venue_agrees(self, a: Attestation) -> bool:
        return self._agree(a.place, self.place)

    def n_sources(self) -> int:
        return len(self._sources)

    def dated_by(self, source_id: str, sentence_start: int | None = None) -> bool:
        """Does ``source_id`` date the occasion precisely (in the sentence starting at
        ``sentence_start``, if given)?"""
        own = self._precise_of.get(source_id, ())
        return any(sentence_start is None or a.sentence.start == sentence_start for a in own)


def cluster_precise(items: list[Attestation], gap: int = 0) -> list[Cluster]:
    """Precise attestations into occasions. Those naming a venue go first, so a venue's
    occasions exist before an attestation naming none picks one: the occasion it fits
    that the most sources attest (a single stray venue does not split an occasion)."""
    clusters: list[Cluster] = []
    for a in sorted(items, key=lambda a: not a.place):    # stable: date order kept
        fits = [c for c in clusters if c.accepts(a)]
        home = min(fits, key=lambda c: (-c.n_sources(), c.start)) if fits else None
        if home is None:
            clusters.append(Cluster(a, gap))
        else:
            home.add(a)
    merged = True
    while merged:                       # widened ranges may now overlap each other
        merged = False
        for i, c in enumerate(clusters):
            for other in clusters[i + 1:]:
                if c.joins(other):
                    for a in other.items:
                        c.add(a)
                    clusters.remove(other)
                    merged = True
                    break
            if merged:
                break
    return clusters


def attach_vague(clusters: list[Cluster], vague: list[Attestation],
                 gap: int = 0) -> list[Cluster]:
    """Vague mentions join the best compatible precise event, or form their own."""
    own: list[Cluster] = []
    for a in vague:
        fits = [c for c in clusters if c.accepts(a)]
        if fits:
            best = min(fits, key=lambda c: (not (a.place and a.place == c.place),
                                            -c.n_sources(), c.start))
            best.add(a, widen=False)
            continue
        home = next((c for c in own if c.accepts(a)), None)
        if home is None:
            own.append(Cluster(a, gap))
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




def _best(candidates: list[Cluster], a: Attestation, gap_of) -> Cluster | None:
    """The nearest candidate in time; ties: the same venue named, more sources, earlier."""
    if not candidates:
        return None
    return min(candidates, key=lambda c: (gap_of(c), not (a.place and a.place == c.place),
                                          -c.n_sources(), c.start))


def join_outcome(a: Attestation, hosts: list[Cluster]) -> bool:
    """Add an outcome (a ceasefire agreed, a joint statement, a stall) to the dated
    occasion it is part of, at a venue that agrees. A precise one: the occasion it
    falls in or just after. A vague one: of the dated occasions it overlaps, the one
    its own sentence dates, else the one its source dates, else the only one. True if
    added."""
    if not a.precise:
        fits = [c for c in hosts if c.dated and c.venue_agrees(a)
                and overlaps(c.start, c.end, a.date_start, a.date_end)]
        dated_by_source = [c for c in fits if c.dated_by(a.source_id)]
        same = [c for c in dated_by_source if c.dated_by(a.source_id, a.sentence.start)]
        home = next((pool[0] for pool in (same, dated_by_source, fits) if len(pool) == 1),
                    None)
        if home is not None:
            home.add(a, widen=False)
        return home is not None
    after = dt.timedelta(days=codebook()["outcome_days_after"])
    fits = [c for c in hosts if c.dated and c.venue_agrees(a)
            and c.start <= a.date_start and a.date_end <= c.end + after]
    home = _best(fits, a, lambda c: (a.date_start - c.start).days if a.date_start > c.end
                 else 0)
    if home is not None:
        home.add(a, widen=False)
    return home is not None


def join_statement(a: Attestation, clusters: dict[str, list[Cluster]]) -> bool:
    """Add a dated statement to the occasion it reports, without dating it: a past one
    to an occasion under way or ended at most ``statement_days_after`` days before it,
    one announcing something to come to the nearest occasion starting at most
    ``announcement_days_before`` days after it. A state's date ("the ceasefire was
    holding on Saturday") joins only an occasion of its own kind: the truce holding was
    not agreed at the talks just over. True if added."""
    book = codebook()
    spec = book["by_kind"].get(a.kind, {})
    kinds = [a.kind, spec.get("outcome_of")]
    if a.future:                # a meeting announced: the meeting other sources report held
        kinds.append(spec.get("when_past"))
    if book["state_before_re"].search(a.sentence.text, 0, a.date_span.start - a.sentence.start):
        kinds = [a.kind]
    pool = [c for k in kinds if k for c in clusters.get(k, []) if c.venue_agrees(a)]
    if a.future:
        ahead = dt.timedelta(days=book["announcement_days_before"])
        fits = [c for c in pool if a.date_start <= c.start <= a.date_end + ahead]
        home = _best(fits, a, lambda c: (c.start - a.date_end).days)
    else:
        behind = dt.timedelta(days=book["statement_days_after"])
        fits = [c for c in pool if c.start <= a.date_end and a.date_start <= c.end + behind]
        home = _best(fits, a, lambda c: max(0, (a.date_start - c.end).days))
    if home is not None:
        home.add(a, widen=False)
    return home is not None


def announce(a: Attestation, clusters: dict[str, list[Cluster]]) -> None:
    """A statement that something is to come which no source dates (``join_statement``
    found no occasion) is the only dated trace of it: the announcement, an event of
    the statement's day (kind ``a.announces``), one per day for all its sources."""
    made = replace(a, kind=a.announces, statement=False)
    pool = clusters.setdefault(a.announces, [])
    home = next((c for c in pool if c.accepts(made)), None)
    if home is None:
        pool.append(Cluster(made))
    else:
        home.add(made)
