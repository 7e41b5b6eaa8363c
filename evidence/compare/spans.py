"""Verbatim passages and sentences: the small span helpers every comparison module shares.
A ``Span`` is ``clean_text[start:end]`` of one source, cited as ``id@start-end``; the
sentence helpers cut a source's clean text into sentences once (cached) and find the one
holding an offset. A clock time's "a.m."/"p.m." ends no sentence when what follows
qualifies the time ("6:00 p.m. Pakistan local time", "5 p.m. (1200 GMT)", "9 a.m. PKT on
Monday"): the trigger before the time and the date after it stay in one sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evidence import text as textutil
from evidence.model import ParsedSource


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


# "a.m."/"p.m." closing a sentence, and what follows it when it only qualifies the time:
# a zone in capitals, a bracketed conversion, "local time", "<Place> (local) time", a day.
_CLOCK_END = re.compile(r"\b[ap]\.\s?m\.$", re.IGNORECASE)
_CLOCK_QUALIFIER = re.compile(
    r"(?:[A-Z]{2,5}\b|\(|(?:[A-Z][\w’'-]*\s+){0,2}(?:local\s+)?time\b|"
    r"(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)")


@lru_cache(maxsize=64)
def _sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    bounds: list[tuple[int, int]] = []
    for start, end in textutil.sentences(text):
        if (bounds and _CLOCK_END.search(text, bounds[-1][0], bounds[-1][1])
                and _CLOCK_QUALIFIER.match(text, start)
                and "\n" not in text[bounds[-1][1]:start]):
            bounds[-1] = (bounds[-1][0], end)
        else:
            bounds.append((start, end))
    return tuple(bounds)


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
