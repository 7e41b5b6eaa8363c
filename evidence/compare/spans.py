"""Verbatim passages and sentences: the small span helpers every comparison module shares.
A ``Span`` is ``clean_text[start:end]`` of one source, cited as ``id@start-end``; the
sentence helpers cut a source's clean text into sentences once (cached) and find the one
holding an offset."""
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
