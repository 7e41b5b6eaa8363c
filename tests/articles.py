"""Hand-built ParsedSource fixtures for the comparison tests.

``article()`` turns a plain text plus the annotations the parsers would have found
(date mentions, gazetteer entities, quotes, publication date) into a ParsedSource,
locating every annotated surface in the text itself, so tests state the words once
and offsets are always right.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re

from evidence.model import (CleanDocument, DateMention, EntityMention, Metadata, ParsedSource,
                            PubDate, Quote, RawDocument, RegistryEntry, RemovedLine, Story)

# A small gazetteer for the fixtures: surface -> (entity_id, entity_type, side).
GAZETTEER = {
    "Istanbul": ("istanbul", "place", "other"),
    "Doha": ("doha", "place", "other"),
    "Ankara": ("ankara", "place", "other"),
    "Riyadh": ("riyadh", "place", "other"),
    "Kabul": ("kabul", "place", "afghanistan"),
    "Turkey": ("turkey", "mediator", "mediator"),
    "Qatar": ("qatar", "mediator", "mediator"),
    "Saudi Arabia": ("saudi_arabia", "mediator", "mediator"),
    "TTP": ("ttp", "armed_group", "other"),
    "Tehrik-i-Taliban Pakistan": ("ttp", "armed_group", "other"),
    "Fitna al Khwarij": ("ttp", "armed_group", "other"),
    "BLA": ("bla", "armed_group", "other"),
    "Islamic Emirate": ("taliban_government", "government", "afghanistan"),
    "Afghan Taliban regime": ("taliban_government", "government", "afghanistan"),
    "the Taliban": ("taliban_government", "government", "afghanistan"),
    "Zabihullah Mujahid": ("zabihullah_mujahid", "official", "afghanistan"),
    "Khawaja Asif": ("khawaja_asif", "official", "pakistan"),
    "Mullah Yaqoob": ("mullah_yaqoob", "official", "afghanistan"),
    "Ishaq Dar": ("ishaq_dar", "official", "pakistan"),
    "Turkish Foreign Ministry": ("turkish_foreign_ministry", "mediator", "mediator"),
    "Afghan army": ("afghan_forces", "military", "afghanistan"),
    "Afghan soldiers": ("afghan_forces", "military", "afghanistan"),
    "Pakistani soldiers": ("pakistan_army", "military", "pakistan"),
    "Pakistan Army": ("pakistan_army", "military", "pakistan"),
}


def d(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [m.span() for m in pattern.finditer(text)]


def article(source_id: str, text: str, *, dates=(), published: str | None = None,
            earliest: str | None = None, latest: str | None = None, quotes=(),
            entities: dict | None = None, stories=(), flags=(), header_line: str = "",
            outlet: str = "", origin: str = "", origin_group: str = "") -> ParsedSource:
    """A ParsedSource for ``text``.

    dates: (surface, start, end, precision) - every occurrence of surface becomes a
    DateMention; end None means the same day. quotes: (quoted text, speaker).
    entities: the gazetteer (default GAZETTEER). stories: headlines; each starts a
    story at the headline's position.
    """
    text = text.strip() + "\n"
    mentions = []
    for surface, start, end, precision in dates:
        spans = _occurrences(text, surface)
        assert spans, f"date {surface!r} not in the text"
        for s, e in spans:
            mentions.append(DateMention(surface, s, e, d(start), d(end or start), precision,
                                        "test"))
    ents = []
    for surface, (eid, etype, side) in (GAZETTEER if entities is None else entities).items():
        for s, e in _occurrences(text, surface):
            ents.append(EntityMention(eid, etype, side, surface, s, e))
    ents.sort(key=lambda m: (m.start, m.end))
    found_quotes = []
    for quoted, speaker in quotes:
        s = text.index(quoted)
        found_quotes.append(Quote(quoted, speaker, s, s + len(quoted), speaker.lower()))
    story_list = []
    starts = [text.index(h) for h in stories]
    for i, (headline, s) in enumerate(zip(stories, starts)):
        e = starts[i + 1] if i + 1 < len(starts) else len(text)
        story_list.append(Story(s, e, headline))
    pub = PubDate(d(published) if published else None,
                  d(earliest or published) if (earliest or published) else None,
                  d(latest or published) if (latest or published) else None,
                  "day" if published else ("interval" if earliest else "unknown"),
                  "", "test" if (published or earliest) else "none", list(flags))
    removed = [RemovedLine(1, header_line, "page_header")] if header_line else []
    sha = hashlib.sha256(text.encode()).hexdigest()
    return ParsedSource(
        source_id=source_id,
        registry=RegistryEntry(source_id, outlet=outlet, origin=origin,
                               origin_group=origin_group, sha256=sha),
        raw=RawDocument(source_id, f"{source_id}.txt", "txt", text, sha),
        clean=CleanDocument(text, removed=removed, stories=story_list),
        meta=Metadata(outlet=outlet), pubdate=pub, dates=mentions, entities=ents,
        quotes=found_quotes)
