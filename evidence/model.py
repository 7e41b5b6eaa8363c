"""The records that flow between modules.

Offsets (``start``/``end``) are always character offsets into the *clean* text
of one source (``ParsedSource.clean_text``), half-open: ``clean_text[start:end]``.
Dates are ``datetime.date``; ``None`` means unknown.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from operator import attrgetter


def iso(value: dt.date | None) -> str:
    """An ISO date, or empty for an unknown one (the tables' convention)."""
    return value.isoformat() if value else ""


def _pickled_as_fields(cls):
    """Pickle a record as its class and its fields' values in order, rebuilt by its
    ``__init__``. A parse ships each source from a worker process and the cache stores
    it: pickle's default (a new object, then its ``__dict__`` set key by key) took about
    twice as long for the many small records (date mentions, entities, removed lines)."""
    values = attrgetter(*cls.__match_args__)   # its fields, as __init__ takes them

    def __reduce__(self):
        return cls, values(self)
    cls.__reduce__ = __reduce__
    return cls


class SourceProblem(Exception):
    """A raw file that cannot be used (empty, binary, undecodable, unparsable).

    ``str(exc)`` is one human-readable line naming the problem; the caller adds
    the file name.
    """


@_pickled_as_fields
@dataclass(frozen=True)
class RegistryEntry:
    source_id: str
    outlet: str = ""          # who wrote it ("" = unknown)
    carried_by: str = ""      # aggregator that republished it, if any
    url: str = ""
    origin: str = ""          # where the outlet is based, as known
    origin_group: str = ""    # pakistani | afghan | afghan_exile | international | ""
    language: str = ""
    sha256: str = ""
    notes: str = ""
    published: str = ""       # a publication date the user states (YYYY-MM-DD), checked
    published_note: str = ""  # against the content like any other claim; where it comes from
    in_registry: bool = True  # False when inferred for a file with no registry row


@_pickled_as_fields
@dataclass
class RawDocument:
    """Output of ``ingest``: decoded text plus whatever the file format told us."""
    source_id: str
    path: str
    fmt: str                   # how the text was read: "txt" | "html" (see file_format)
    text: str                  # full decoded text (for html: extracted main text)
    sha256: str
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    html_title: str = ""
    html_site_name: str = ""
    html_author: str = ""
    html_date: dt.date | None = None     # published date from HTML metadata
    html_url: str = ""                   # the page's own address (HTML markup, MHTML, PDF print footer)
    html_date_line: str = ""             # the date line printed by the headline ("Published Oct 31, 2025")
    file_format: str = "txt"             # the capture's file type: txt | html | pdf | mhtml
    encoding_method: str = "utf-8"       # utf-8 | byte-order mark | default | detected
    encoding_confidence: float | None = None   # 0-1, for a decode that was not certain
    encoding_flags: list[str] = field(default_factory=list)   # replacement/improbable characters
    language: str = ""                   # ISO 639-1 code detected from the text ("" = unknown)
    language_confidence: float | None = None
    capture_bounds: tuple[tuple[dt.date, str], ...] = ()
    # ^ (latest possible publication date, the capture stamp it comes from): a PDF's
    #   CreationDate or an MHTML's Date header dates the capture, so it only bounds
    #   the article from above; it never dates it


@_pickled_as_fields
@dataclass
class RemovedLine:
    line_no: int               # 1-based line number in RawDocument.text
    text: str
    rule: str                  # id of the furniture rule that removed it


@_pickled_as_fields
@dataclass
class Story:
    """One article inside a page; a page may join several."""
    start: int
    end: int
    headline: str


@_pickled_as_fields
@dataclass
class CleanDocument:
    text: str                                  # article text, furniture removed
    removed: list[RemovedLine] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)   # >1 => page joins stories
    header_dates: list[tuple[str, dt.date]] = field(default_factory=list)
    # ^ dates found in removed page headers (text, date): flagged, never trusted


@_pickled_as_fields
@dataclass
class Metadata:
    headline: str = ""
    outlet: str = ""
    outlet_basis: str = ""      # registry | html | text | unknown
    dateline: str = ""          # e.g. "ISLAMABAD"
    byline: str = ""


@_pickled_as_fields
@dataclass
class DateMention:
    text: str
    start: int
    end: int
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str             # day | week | month | year | range
    method: str                # absolute | range | weekday | relative | hijri | ...


@_pickled_as_fields
@dataclass
class PubDate:
    published: dt.date | None          # best single date, None if not inferable
    earliest: dt.date | None           # interval of dates consistent with evidence
    latest: dt.date | None
    precision: str                     # day | interval | month | unknown
    evidence: str                      # the sentence(s) supporting it
    method: str                        # registry | html_meta | date_line | url | dateline | page_header | inferred | cross_source | none
    flags: list[str] = field(default_factory=list)   # e.g. header date contradicts content


@_pickled_as_fields
@dataclass
class EntityMention:
    entity_id: str             # canonical id from the gazetteer, "" if unresolved
    entity_type: str           # government | armed_group | official | mediator | place | ...
    side: str                  # pakistan | afghanistan | mediator | other
    surface: str               # the text as written
    start: int
    end: int
    resolved: bool = True


@_pickled_as_fields
@dataclass
class Quote:
    quote: str                 # text inside the marks
    speaker: str               # who said it ("" when unattributed) - never the outlet
    start: int                 # offsets of the quoted text (without the marks)
    end: int
    speaker_entity: str = ""   # gazetteer id of the speaker when known


@_pickled_as_fields
@dataclass
class ParsedSource:
    source_id: str
    registry: RegistryEntry
    raw: RawDocument
    clean: CleanDocument
    meta: Metadata
    pubdate: PubDate
    dates: list[DateMention]
    entities: list[EntityMention]
    quotes: list[Quote]
    # Republished copies (read/copies.py): the parse computes the fingerprint, the
    # corpus pass the rest; copy_of is the original's id ("" when not a copy).
    fingerprint: tuple = ()
    copy_of: str = ""
    copy_share: float | None = None     # estimated share of the text found in copy_of

    @property
    def clean_text(self) -> str:
        return self.clean.text
