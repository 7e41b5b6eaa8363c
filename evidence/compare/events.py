"""Events: dated sentences, classified with the codebook, merged across sources.

A date mention (``ParsedSource.dates``) becomes an *attestation* when a trigger of
an event kind in ``data/knowledge/events.yml`` stands near it in the same sentence.
Attestations of one kind whose dates overlap and whose venues agree (or are not
named) are one *event*. Precise dates (a day, a short range) fix the event's dates;
vague ones ("in recent weeks", "earlier this year") are attached to a compatible
precise event and listed as imprecise. Where sources give different precise dates
for the same event, ``Event.disagreement`` says so.

Also home of the small span/sentence helpers the other comparison modules share.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from evidence import text as textutil
from evidence.model import DateMention, ParsedSource
from evidence.model import iso

CODEBOOK = "events.yml"


# --------------------------------------------------------------------------- helpers
@dataclass(frozen=True)
class Span:
    """A verbatim passage: ``clean_text[start:end]`` of one source."""
    source_id: str
    start: int
    end: int
    text: str

    def ref(self) -> str:
        return f"{self.source_id}@{self.start}-{self.end}"

    def cite(self) -> str:
        return f'{self.ref()} "{self.text}"'


def span(source: ParsedSource, start: int, end: int) -> Span:
    return Span(source.source_id, start, end, source.clean_text[start:end])


@lru_cache(maxsize=64)
def _sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(textutil.sentences(text))


def sentences(source: ParsedSource) -> list[Span]:
    """Every sentence of a source's clean text, in order."""
    return [span(source, s, e) for s, e in _sentence_bounds(source.clean_text)]


def sentence_at(source: ParsedSource, offset: int) -> Span:
    """The sentence holding ``offset`` (the whole text when none does)."""
    for s, e in _sentence_bounds(source.clean_text):
        if s <= offset < e:
            return span(source, s, e)
    return span(source, 0, len(source.clean_text))


def distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two half-open spans (0 when they touch or overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def compile_all(patterns) -> list[re.Pattern]:
    return [re.compile(p, re.IGNORECASE) for p in patterns or []]


def reference_date(source: ParsedSource) -> dt.date | None:
    """The latest date the source can have been published (None when unknown)."""
    return source.pubdate.latest or source.pubdate.published


@lru_cache(maxsize=1)
def codebook() -> dict:
    book = dict(textutil.knowledge(CODEBOOK))
    kinds = []
    for rank, kind in enumerate(book["kinds"]):
        kinds.append({**kind, "rank": rank, "patterns": compile_all(kind["triggers"])})
    book["kinds"] = kinds
    book["by_kind"] = {k["kind"]: k for k in kinds}
    book["future"] = compile_all(book.get("future_cues"))
    book["start"] = compile_all(book.get("start_cues"))
    markers = "|".join(re.escape(m) for m in book.get("background_markers") or ["(?!)"])
    book["background"] = re.compile(rf"\b(?:{markers})\s+(?:\S+\s+){{0,3}}$", re.IGNORECASE)
    # datelines are set in capitals or title case: matched case-sensitively
    book["dateline_place_re"] = re.compile(book["dateline_place"])
    book["dateline_end_re"] = re.compile(book["dateline_end"])
    book["dateline_capitals_re"] = re.compile(book["dateline_capitals"])
    verbs = "|".join(re.escape(v) for v in book.get("reporting_verbs") or ["(?!)"])
    leads = "|".join(r"\s+".join(map(re.escape, w.split()))
                     for w in sorted(book.get("reporting_date_lead") or [], key=len,
                                     reverse=True)) or "(?!)"
    book["reporting_before"] = re.compile(
        rf"\b(?:{verbs})\b(?P<gap>(?:\s+[\w’'-]+){{0,{book['reporting_gap_words']}}}?)"
        rf"\s+(?:(?:{leads})\s+)?$", re.IGNORECASE)
    book["reporting_after"] = re.compile(rf"\s+(?:{verbs})\b", re.IGNORECASE)
    book["reporting_stop"] = {w.lower() for w in book.get("reporting_gap_stop") or []}
    return book


def kind_label(kind: str) -> str:
    return codebook()["by_kind"].get(kind, {}).get("label", kind)


def kind_colour(kind: str) -> str:
    return codebook()["by_kind"].get(kind, {}).get("colour", "#777777")


def venue(source: ParsedSource, near: tuple[int, int], within: Span,
          max_distance: int | None = None) -> tuple[str, str]:
    """(key, label) of the named place introduced by "in"/"at" nearest ``near``.

    Places come from the gazetteer (``ParsedSource.entities`` of type place); only
    those inside ``within`` and at most ``venue_distance`` characters from ``near``.
    """
    book = codebook()
    max_distance = book["venue_distance"] if max_distance is None else max_distance
    preps = "|".join(re.escape(p) for p in sorted(book["venue_prepositions"], key=len,
                                                    reverse=True))
    before = re.compile(rf"\b(?:{preps})\s+(?:the\s+)?$", re.IGNORECASE)
    text = source.clean_text
    best = None
    for ent in source.entities:
        if ent.entity_type != "place" or ent.start < within.start or ent.end > within.end:
            continue
        if not before.search(text[max(within.start, ent.start - 20):ent.start]):
            continue
        d = distance((ent.start, ent.end), near)
        if d <= max_distance and (best is None or (d, ent.start) < best[0]):
            best = ((d, ent.start), ent)
    if best is None:
        return "", ""
    ent = best[1]
    return (ent.entity_id or ent.surface.lower()), ent.surface


# ----------------------------------------------------------------------- attestations
@dataclass(frozen=True)
class Attestation:
    """One source dating one event: the date as written, its trigger and sentence."""
    source_id: str
    kind: str
    date_start: dt.date
    date_end: dt.date
    precision: str            # the date mention's precision
    date_text: str            # the date as written
    date_span: Span
    trigger: Span
    sentence: Span
    place: str = ""           # venue key ("" = not named)
    place_label: str = ""
    future: bool = False      # upcoming as of the source's publication date
    starts: bool = False      # announced as starting on that date ("will be held on")

    method: str = ""          # how the date parser resolved it (absolute, relative, ...)

    @property
    def precise(self) -> bool:
        book = codebook()
        if self.precision == "day":
            return True
        return (self.precision in book["precise_precisions"]
                and self.method not in book.get("vague_methods", [])
                and self.days <= book["precise_max_days"])

    @property
    def days(self) -> int:
        return (self.date_end - self.date_start).days + 1

    def dates(self) -> str:
        if self.date_start == self.date_end:
            return iso(self.date_start)
        return f"{iso(self.date_start)} to {iso(self.date_end)}"


def _trigger(source: ParsedSource, mention: DateMention, sent: Span):
    """(kind entry, trigger span) nearest the mention, or None."""
    book = codebook()
    best = None
    for kind in book["kinds"]:
        for pattern in kind["patterns"]:
            for m in pattern.finditer(source.clean_text, sent.start, sent.end):
                d = distance(m.span(), (mention.start, mention.end))
                if d > book["max_distance"]:
                    continue
                background = m.start() >= mention.end and bool(book["background"].search(
                    source.clean_text, max(sent.start, m.start() - 40), m.start()))
                key = (background, d, kind["rank"], m.start())
                if best is None or key < best[0]:
                    best = (key, kind, m.span())
    return None if best is None else (best[1], span(source, *best[2]))


def _cue_near(patterns, source: ParsedSource, around: tuple[int, int], sent: Span) -> bool:
    limit = codebook()["max_distance"]
    return any(distance(m.span(), around) <= limit
               for p in patterns for m in p.finditer(source.clean_text, sent.start, sent.end))


def _is_future(source, kind, mention, sent, window) -> bool:
    ref = reference_date(source)
    if ref is not None:
        return mention.date_start > ref
    book = codebook()
    return _cue_near(book["future"], source, window, sent) or kind["kind"] == "scheduled_meeting"


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def datelines(source: ParsedSource) -> list[Span]:
    """The datelines of a source: "PLACE, DATE (AGENCY) -" or "PLACE, DATE:" at the
    start of a paragraph, from the paragraph start to the separator. A date there is
    the story's filing date, not an event's."""
    book, text = codebook(), source.clean_text
    found: dict[int, Span] = {}
    for mention in source.dates:
        start = _paragraph_start(text, mention.start)
        if start in found:
            continue
        place = book["dateline_place_re"].fullmatch(text, start, mention.start)
        end = place and book["dateline_end_re"].match(text, mention.end)
        if end and _dateline_place(source, place):
            found[start] = span(source, start, end.end())
    return [found[k] for k in sorted(found)]


def _dateline_place(source: ParsedSource, m: re.Match) -> bool:
    """Is the dateline's place word a place: in capitals, a gazetteer place, or the
    dateline the metadata found?"""
    words = m.group("place")
    if codebook()["dateline_capitals_re"].fullmatch(words):
        return True
    if source.meta.dateline and words.casefold() == source.meta.dateline.casefold():
        return True
    return any(e.entity_type == "place" and e.start == m.start("place")
               and e.end == m.end("place") for e in source.entities)


def _in_dateline(mention: DateMention, lines: list[Span]) -> bool:
    return any(mention.start < d.end and d.start < mention.end for d in lines)


def _gap_is_clause(source: ParsedSource, gap: str, at: int, sent: Span) -> bool:
    """Do the words between a verb of saying and a date open a clause of their own
    ("said the talks will resume on")? Then the date is that clause's."""
    book = codebook()
    if any(w.lower() in book["reporting_stop"] for w in re.findall(r"[\w’'-]+", gap)):
        return True
    around = (at, at + len(gap))
    patterns = [p for k in book["kinds"] for p in k["patterns"]] + book["future"]
    return any(m.start() < around[1] and around[0] < m.end()
               for p in patterns for m in p.finditer(source.clean_text, sent.start, sent.end))


def reporting_date(source: ParsedSource, mention: DateMention, sent: Span) -> bool:
    """Is the date the date of a statement ("a spokesman said on Saturday",
    "officials on Monday said") rather than of the event the statement reports?"""
    book, text = codebook(), source.clean_text
    before = book["reporting_before"].search(text, sent.start, mention.start)
    if before and not _gap_is_clause(source, before.group("gap"), before.start("gap"), sent):
        return True
    return bool(book["reporting_after"].match(text, mention.end, sent.end))


def dates_an_event(source: ParsedSource, mention: DateMention, sent: Span,
                   lines: list[Span]) -> bool:
    """False for a date that dates the story (a dateline) or a statement ("said on
    Saturday") rather than something the sentence reports."""
    return not _in_dateline(mention, lines) and not reporting_date(source, mention, sent)


def attest(source: ParsedSource) -> list[Attestation]:
    """Every dated event mention of one source, in text order.

    A date in a dateline or tied to a verb of saying dates the story or the statement,
    never an event, and is skipped."""
    book = codebook()
    found = []
    lines = datelines(source)
    for mention in sorted(source.dates, key=lambda m: (m.start, m.end)):
        if mention.date_start is None:
            continue
        sent = sentence_at(source, mention.start)
        if not dates_an_event(source, mention, sent, lines):
            continue
        hit = _trigger(source, mention, sent)
        if hit is None:
            continue
        kind, trig = hit
        window = (min(trig.start, mention.start), max(trig.end, mention.end))
        future = _is_future(source, kind, mention, sent, window)
        name = kind.get("when_future", kind["kind"]) if future else kind.get("when_past",
                                                                             kind["kind"])
        place, label = venue(source, window, sent)
        found.append(Attestation(
            source_id=source.source_id, kind=name, date_start=mention.date_start,
            date_end=mention.date_end or mention.date_start, precision=mention.precision,
            date_text=mention.text, date_span=span(source, mention.start, mention.end),
            trigger=trig, sentence=sent, place=place, place_label=label, future=future,
            starts=_cue_near(book["start"], source, window, sent), method=mention.method))
    return _dedupe(found)


def _dedupe(found: list[Attestation]) -> list[Attestation]:
    """One attestation per sentence, kind and date ("November 6 (Aqrab 15)" is one)."""
    seen, out = set(), []
    for a in found:
        key = (a.sentence.start, a.kind, a.date_start, a.date_end)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


# ----------------------------------------------------------------------------- events
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
