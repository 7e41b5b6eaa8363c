"""The story's events, read from data/processed/: which events a chapter narrates,
every source's passage on each, and what no chapter tells yet.

A chapter names an event by kind, place and date — ``talks_round in Istanbul on
2025-10-25``, ``clashes from 2025-10-11 to 2025-10-15``, ``power_change in Kabul on
2021`` — never by id, so the reference survives re-merging and re-numbering of
events: it matches every event of that kind whose venue is the place named (any
venue when none is named) and whose dates overlap the dates named (a year, a month or
a day; ``from … to …`` for a span); an event whose ``outcomes`` (events.csv, when
present) include the kind matches too, so "the ceasefire agreed in Doha" still finds
the Doha talks once the ceasefire is folded into them. An event narrated brings its
scheduled/held counterparts (``related_events``) with it. The passages on an event
are its evidence sentences (``source_id@start-end``), one per attesting span,
ordered by publication date; a source whose ``copy_of`` (sources.csv, when present)
names another source with a passage on the same event is folded under that
original. Everything here reads the published CSV contract (events.csv, sources.csv,
clean texts), not the pipeline's objects, so it reads any committed revision alike.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from evidence import files, paths
from evidence import text as textutil
from evidence.publish.facts import date_text

CODEBOOK = "events.yml"      # data/knowledge/: the event codebook (kinds and labels)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_REF = re.compile(r"^(?P<kind>[a-z][a-z_]*)"
                  r"(?:\s+in\s+(?P<place>.+?))?"
                  r"(?:\s+(?:on|from)\s+(?P<date>\S+)(?:\s+to\s+(?P<until>\S+))?)?\s*$")
# A digest directive in a chapter's MyST source: ```{digest} <reference>
DIGEST_LINE = re.compile(r"^\s*(?:```+|:::+)\{digest\}\s+(?P<ref>.+?)\s*$", re.M)


@dataclass(frozen=True)
class EventRef:
    """An event as a chapter names it."""
    kind: str
    place: str = ""
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def text(self) -> str:
        out = self.kind + (f" in {self.place}" if self.place else "")
        if self.start:
            out += (f" on {self.start}" if self.start == self.end
                    else f" from {self.start} to {self.end}")
        return out


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """'2025' -> the year, '2025-10' -> the month, '2025-10-12' -> the day."""
    m = _DATE.match(value.strip())
    if not m:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year, month, day = (int(g) if g else None for g in m.groups())
    if day:
        d = dt.date(year, month, day)
        return d, d
    if month:
        first = dt.date(year, month, 1)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def parse_ref(text: str) -> EventRef:
    """``<kind> [in <place>] [on <date> | from <date> to <date>]``."""
    m = _REF.match(" ".join(text.split()))
    if not m:
        raise ValueError(f"not an event reference ('<kind> [in <place>] [on <date>]'): "
                         f"{text!r}")
    start = end = None
    if m["date"]:
        start, end = date_bounds(m["date"])
        if m["until"]:
            end = date_bounds(m["until"])[1]
        if end < start:
            raise ValueError(f"dates run backwards in {text!r}")
    return EventRef(m["kind"], (m["place"] or "").strip(), start, end)


@dataclass
class Passage:
    source_id: str
    start: int
    end: int
    sentence: str
    outlet: str
    published: str            # as the reader should see it: '30 October 2025', ''
    sort_key: tuple
    copies: list["Passage"] = field(default_factory=list)


@dataclass
class Event:
    event_id: str
    kind: str
    label: str
    place: str
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str
    source_ids: list[str]
    related: list[str]
    evidence: list[tuple[str, int, int]]
    outcomes: list[str] = field(default_factory=list)   # kinds it produced (folded in)
    rounds: dict[str, list[str]] = field(default_factory=dict)  # '3' -> sources numbering it so
    n_sources: int = 0       # source_ids with a copy counted once with its original (Story.load)

    @property
    def title(self) -> str:
        """'Talks round, Istanbul, 25–30 October 2025'."""
        parts = [self.label or self.kind.replace("_", " ").capitalize()]
        if self.place:
            parts.append(self.place)
        if self.date_start:
            parts.append(self.when)
        return ", ".join(parts)

    @property
    def when(self) -> str:
        if not self.date_start:
            return "undated"
        text = date_text(self.date_start, self.date_end)
        return text if self.precision in ("day", "range") else f"sometime {text}"


def _iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def parse_evidence(value: str) -> list[tuple[str, int, int]]:
    """'a@1-5; b@7-9' -> [('a', 1, 5), ('b', 7, 9)]."""
    out = []
    for item in filter(None, (p.strip() for p in (value or "").split(";"))):
        sid, _, span = item.rpartition("@")
        start, _, end = span.partition("-")
        if sid and start.isdigit() and end.isdigit() and int(end) > int(start):
            out.append((sid, int(start), int(end)))
    return out


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _stamp(path: Path) -> tuple:
    """What identifies a file's content for the memos below: path, inode, time, size."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return (str(path), None, None, None)
    return (str(path), st.st_ino, st.st_mtime_ns, st.st_size)


# A Sphinx build reads the same tables for every guard, digest and {event} role of every
# chapter (at a thousand sources, a few seconds a build): each is read once per process
# while it is unchanged. The rows are shared: callers only read them.
_CSV_MEMO: dict[tuple, list[dict]] = {}


def read_csv(path: Path) -> list[dict]:
    key = _stamp(path)
    if key not in _CSV_MEMO:
        if not path.exists():
            return []
        with open(path, encoding="utf-8", newline="") as fh:
            _CSV_MEMO[key] = list(files.csv_dict_reader(fh))
    return list(_CSV_MEMO[key])


def kinds_by_label() -> dict[str, str]:
    """'Ceasefire agreed' -> 'truce', from the event codebook (data/knowledge)."""
    try:
        book = textutil.knowledge(CODEBOOK)
    except FileNotFoundError:
        return {}
    return {k["label"].casefold(): k["kind"] for k in book.get("kinds", []) if k.get("label")}


def outcome_kinds(value: str, labels: dict[str, str]) -> list[str]:
    """The ``outcomes`` column ('Ceasefire agreed: a, b; Talks stalled: c') as kinds."""
    out = []
    for part in _split(value):
        label = part.rpartition(":")[0].strip().casefold()
        if label in labels and labels[label] not in out:
            out.append(labels[label])
    return out


def event_of(row: dict, labels: dict[str, str] | None = None) -> Event:
    return Event(row["event_id"], row["kind"], row.get("label", ""), row.get("place", ""),
                 _iso(row.get("date_start", "")), _iso(row.get("date_end", "")),
                 row.get("precision", ""), _split(row.get("source_ids", "")),
                 _split(row.get("related_events", "")),
                 parse_evidence(row.get("evidence", "")),
                 outcome_kinds(row.get("outcomes", ""), labels or {}),
                 parse_rounds(row.get("rounds", "")))


def parse_rounds(value: str) -> dict[str, list[str]]:
    """The ``rounds`` column ('2: a; 3: b, c') as {'2': ['a'], '3': ['b', 'c']}."""
    out: dict[str, list[str]] = {}
    for part in _split(value):
        number, _, ids = part.partition(":")
        sources = [s.strip() for s in ids.split(",") if s.strip()]
        if number.strip().isdigit() and sources:
            out.setdefault(number.strip(), []).extend(sources)
    return out


_STORY_MEMO: dict[tuple, "Story"] = {}


@dataclass
class Story:
    """The processed tables the story needs, loaded once."""
    events: list[Event]
    sources: dict[str, dict]
    processed: Path
    _texts: dict[str, str | None] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, processed: Path | None = None) -> "Story":
        """The story of ``processed`` (default data/processed/), loaded once per process
        while its tables are unchanged."""
        processed = processed or paths.PROCESSED
        key = tuple(_stamp(processed / name) for name in ("events.csv", "sources.csv"))
        if key not in _STORY_MEMO:
            _STORY_MEMO[key] = cls._load(processed)
        return _STORY_MEMO[key]

    @classmethod
    def _load(cls, processed: Path) -> "Story":
        labels = kinds_by_label()
        events = [event_of(r, labels) for r in read_csv(processed / "events.csv")]
        sources = {r["source_id"]: r for r in read_csv(processed / "sources.csv")}
        for e in events:
            e.n_sources = sum(sources.get(sid, {}).get("copy_of", "") not in e.source_ids
                              for sid in e.source_ids)
        return cls(events, sources, processed)

    @property
    def inputs(self) -> list[Path]:
        return [self.processed / "events.csv", self.processed / "sources.csv"]

    def by_id(self) -> dict[str, Event]:
        return {e.event_id: e for e in self.events}

    def clean_text(self, source_id: str) -> str | None:
        if source_id not in self._texts:
            path = self.processed / "clean" / f"{source_id}.txt"
            if not paths.SOURCE_ID.match(source_id) or not path.exists():
                self._texts[source_id] = None
            else:
                with open(path, encoding="utf-8", newline="") as fh:   # offsets count every char
                    self._texts[source_id] = fh.read()
        return self._texts[source_id]

    # ------------------------------------------------------------------ matching

    def matching(self, ref: EventRef) -> list[Event]:
        return [e for e in self.events if matches(ref, e)]

    def with_related(self, events: list[Event]) -> list[Event]:
        """The events and their scheduled/held counterparts, in date order, once each."""
        index, out = self.by_id(), {}
        for e in events:
            out[e.event_id] = e
            for rid in e.related:
                if rid in index:
                    out[rid] = index[rid]
        return sorted(out.values(), key=event_order)

    def narrated(self, refs) -> list[Event]:
        """Every event a chapter's reference (or its counterpart) covers."""
        found = [e for ref in refs for e in self.matching(ref)]
        return self.with_related(found)

    # ------------------------------------------------------------------ passages

    def passages(self, event: Event) -> list[Passage]:
        """Every source's sentences on ``event``, by publication date; copies folded
        under their original when it too has a passage on the event."""
        out: list[Passage] = []
        for sid, start, end in event.evidence:
            text = self.clean_text(sid)
            if text is None or end > len(text):
                continue
            row = self.sources.get(sid, {})
            out.append(Passage(sid, start, end, " ".join(text[start:end].split()),
                               row.get("outlet", ""), published_text(row),
                               (row.get("published") or "9999", sid, start)))
        out.sort(key=lambda p: p.sort_key)
        originals = {p.source_id for p in out}
        top: list[Passage] = []
        for p in out:
            original = self.sources.get(p.source_id, {}).get("copy_of", "")
            if original and original != p.source_id and original in originals:
                continue
            top.append(p)
        for p in out:
            original = self.sources.get(p.source_id, {}).get("copy_of", "")
            if original and original != p.source_id and original in originals:
                host = next(t for t in top if t.source_id == original)
                host.copies.append(p)
        return top

    # ------------------------------------------------------------------ later

    def later(self, refs) -> tuple[dt.date | None, list[Event], list[Event]]:
        """(date of the last narrated event, events after it, earlier events no
        chapter narrates), each in date order."""
        told = {e.event_id for e in self.narrated(refs)}
        dated = [e.date_start for e in self.events if e.event_id in told and e.date_start]
        cutoff = max(dated) if dated else None
        untold = sorted((e for e in self.events if e.event_id not in told), key=event_order)
        after = [e for e in untold if cutoff is None or (e.date_start and e.date_start > cutoff)]
        before = [e for e in untold if e not in after]
        return cutoff, after, before


    def unplaced(self) -> list[dict]:
        """Sources no event cites as evidence (sources.csv rows), by publication date:
        the story cannot show them in any digest."""
        placed = {sid for e in self.events for sid, _, _ in e.evidence}
        rows = [r for sid, r in self.sources.items() if sid not in placed]
        return sorted(rows, key=lambda r: (r.get("published") or "9999", r["source_id"]))


def matches(ref: EventRef, event: Event) -> bool:
    """Kind (or an outcome folded into the event: a ceasefire agreed at talks), place
    (any case) and overlapping dates."""
    if ref.kind != event.kind and ref.kind not in event.outcomes:
        return False
    if ref.place and event.place.casefold() != ref.place.casefold():
        return False
    if ref.start and event.date_start and event.date_end:
        return event.date_start <= ref.end and ref.start <= event.date_end
    return ref.start is None


def event_order(e: Event) -> tuple:
    return (e.date_start or dt.date.max, e.date_end or dt.date.max, e.kind, e.event_id)


def published_text(row: dict) -> str:
    first, last = _iso(row.get("published_earliest", "")), _iso(row.get("published_latest", ""))
    if first and last and first != last:
        return date_text(first, last)
    point = _iso(row.get("published", ""))
    return date_text(point) if point else ""


def refs_in(text: str) -> list[EventRef]:
    """The event references of the digest directives in one chapter's source."""
    out = []
    for m in DIGEST_LINE.finditer(text):
        try:
            out.append(parse_ref(m["ref"]))
        except ValueError:
            continue       # the directive itself reports it when the chapter is read
    return out


def chapter_refs(book: Path | None = None, skip: tuple[str, ...] = ()) -> dict[Path, list[EventRef]]:
    """Every chapter in book/ (not the generated source pages) and the events it names."""
    book = book or paths.BOOK
    return {p: refs_in(p.read_text(encoding="utf-8"))
            for p in sorted(book.glob("*.md")) if p.stem not in skip}
