"""Evidence spans of a source: where each passage used as evidence starts and ends.

Spans are collected from three places: the parsed corpus (quotations, date mentions,
publication-date evidence), the cross-source comparison (every record that names a
source and character offsets), and every ``{quote}`` in the project.  ``text_paragraphs``
then lays the clean text out with every span, however they overlap, wrapped in an
element that carries the span's anchor id exactly once.
"""
from __future__ import annotations

import dataclasses
import functools
import datetime as dt
import numbers
import re
from collections import defaultdict

from docutils import nodes

from evidence.publish import links

from evidence.model import ParsedSource
from evidence.site.data import SAFE_ID, locate_quote

CITED = "cited"   # kind of the spans quoted by {quote} in the report


# Values that hold no record: never walked (most of a comparison's values).
_LEAVES = frozenset({str, bytes, int, float, bool, type(None), dt.date, dt.datetime})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}     # a dataclass type's field names


def _fields(obj) -> dict | None:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        names = _FIELD_NAMES.get(type(obj))
        if names is None:
            names = _FIELD_NAMES[type(obj)] = tuple(f.name for f in dataclasses.fields(obj))
        return {name: getattr(obj, name) for name in names}
    if isinstance(obj, dict):
        return {str(k): v for k, v in obj.items()}
    if hasattr(obj, "_asdict"):
        return dict(obj._asdict())
    return None


def _records(frame) -> list[dict]:
    """A DataFrame's rows as dicts of Python values (as ``to_dict("records")``, by
    columns: several times faster on a comparison's large tables)."""
    columns = [str(c) for c in frame.columns]
    values = [frame[c].tolist() for c in frame.columns]
    return [dict(zip(columns, row)) for row in zip(*values)]


def _walk_records(obj, kind: str, source_id: str, out, seen: dict) -> None:
    """Every record below ``obj`` that names a source and offsets, as (kind, id, s, e).

    The comparison's shape belongs to its module; this only relies on the record
    contract of ``model.py``: ``source_id`` plus ``start``/``end`` (or
    ``start_char``/``end_char``) into the clean text.  A record's ``source_id`` is
    inherited by nested records that do not name one (evidence lists). ``seen`` maps
    each visited object's id to the object, keeping it alive: a freed temporary's id can
    be reused by the next one, which would then be skipped.
    """
    if type(obj) in _LEAVES or isinstance(obj, (str, bytes, numbers.Number, dt.date,
                                                ParsedSource)) or id(obj) in seen:
        return   # parse-level spans of a source are collected by parsed_spans
    seen[id(obj)] = obj
    if hasattr(obj, "to_dict") and hasattr(obj, "columns"):          # a DataFrame
        obj = _records(obj)
        seen[id(obj)] = obj
    fields = _fields(obj)
    if fields is not None:
        sid = fields.get("source_id")
        sid = sid if isinstance(sid, str) and SAFE_ID.match(sid) else source_id
        start = links.as_offset(fields.get("start", fields.get("start_char")))
        end = links.as_offset(fields.get("end", fields.get("end_char")))
        if sid and start is not None and end is not None:
            out.append((kind, sid, start, end))
        for name, value in fields.items():
            if type(value) not in _LEAVES:
                _walk_records(value, kind or name, sid, out, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for item in obj:
            if type(item) not in _LEAVES:
                _walk_records(item, kind, source_id, out, seen)


@functools.lru_cache(maxsize=None)
def _kind_name(name: str) -> str:
    """A CSS-safe kind from the comparison's field name ("events_list" -> "events")."""
    name = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    name = re.sub(r"-(list|table|matrix|frame)$", "", name)
    return name or "evidence"


def comparison_spans(comparison) -> list[tuple[str, str, int, int]]:
    out: list = []
    _walk_records(comparison, "", "", out, {})
    return [(_kind_name(kind), sid, s, e) for kind, sid, s, e in out]


def sentence_spans(text: str, evidence: str) -> list[tuple[int, int]]:
    """Where an evidence string (one or more sentences) stands in the text."""
    evidence = (evidence or "").strip()
    if not evidence:
        return []
    whole = locate_quote(text, evidence)
    if whole:
        return [whole]
    found = []
    for part in re.split(r"\s*(?:\n|\s\|\s|\s…\s|\s\.\.\.\s)\s*", evidence):
        span = locate_quote(text, part.strip()) if part.strip() else None
        if span:
            found.append(span)
    return found


_INDEX: list = [None, {}]   # the last comparison seen and its spans by source id


def source_spans(comparison, source_id: str, key: str = "") -> list[tuple[str, int, int]]:
    """One source's comparison spans. The comparison is walked once per comparison
    object, not once per page (which made a book's pages quadratic in its sources),
    and for a cached corpus (``key``: ``corpus.key``) once per build: ``build-data``
    walks it for the pages' dependency files and keeps the spans in the build cache,
    under that key and the comparison's and this module's code, for the site."""
    if _INDEX[0] is not comparison:
        _INDEX[:] = [comparison, _spans_by_source(comparison, key)]
    return _INDEX[1].get(source_id, [])


def _spans_by_source(comparison, key: str) -> dict[str, list[tuple[str, int, int]]]:
    store = None
    if key:
        from pathlib import Path

        from evidence.compare import memo
        from evidence.read import cache
        store = cache.ParseCache(cache.default_dir(), kinds=("spans",), extra_inputs=(
            *memo.code_files(), Path(__file__).resolve()))
        found = store.get("spans", key)
        if isinstance(found, dict):
            return found
    index = defaultdict(list)
    for kind, sid, start, end in comparison_spans(comparison):
        index[sid].append((kind, start, end))
    index = dict(index)
    if store is not None:
        store.put("spans", key, index)
        store.prune()
    return index


def parsed_spans(parsed) -> list[tuple[str, int, int]]:
    spans = [("quote", q.start, q.end) for q in parsed.quotes]
    spans += [("date", d.start, d.end) for d in parsed.dates]
    spans += [("pubdate", s, e) for s, e in sentence_spans(parsed.clean_text,
                                                          parsed.pubdate.evidence)]
    return spans


def collect_spans(parsed, comparison, cited, key: str = "") -> dict[tuple[int, int], set[str]]:
    """(start, end) -> kinds, for every evidence span of one source (``key``: the
    corpus's, see ``source_spans``)."""
    spans: dict[tuple[int, int], set[str]] = defaultdict(set)
    for kind, start, end in parsed_spans(parsed):
        spans[(start, end)].add(kind)
    for kind, start, end in source_spans(comparison, parsed.source_id, key):
        spans[(start, end)].add(kind)
    for start, end in cited:
        spans[(start, end)].add(CITED)
    return dict(spans)


def span_classes(kinds) -> list[str]:
    return ["evidence", *sorted(f"ev-kind-{k}" for k in kinds)]


def text_paragraphs(text: str, spans: dict[tuple[int, int], set[str]]):
    """The clean text, one paragraph a line, every span wrapped in an anchor element.

    Spans may overlap in any way.  Each elementary segment between span boundaries
    is wrapped in the spans covering it, outermost (earliest start, then longest)
    first; a span cut by a span it only partly overlaps, or by a line break,
    continues in a further element without the id, so each id exists exactly once,
    on the element where the span starts.  Returns (paragraphs, ids not placed).
    """
    order = sorted(spans, key=lambda se: (se[0], -se[1]))
    rank = {se: i for i, se in enumerate(order)}
    placed: set = set()
    paragraphs = []
    pos = 0
    for line in text.split("\n"):
        lstart, lend = pos, pos + len(line)
        pos = lend + 1
        if not line.strip():
            continue
        inside = [se for se in order if se[0] < lend and se[1] > lstart]
        bounds = sorted({lstart, lend, *(b for se in inside for b in se
                                         if lstart < b < lend)})
        para = nodes.paragraph(classes=["source-text"])
        stack: list = [(None, para)]
        for a, b in zip(bounds, bounds[1:]):
            active = sorted((se for se in inside if se[0] <= a and se[1] >= b),
                            key=rank.__getitem__)
            keep = 0
            while keep < len(active) and keep + 1 < len(stack) \
                    and stack[keep + 1][0] == active[keep]:
                keep += 1
            del stack[keep + 1:]
            for se in active[keep:]:
                node = nodes.inline(classes=span_classes(spans[se]))
                if se in placed:
                    node["classes"].append("evidence-cont")
                else:
                    node["ids"] = [links.anchor_id(*se)]
                    placed.add(se)
                stack[-1][1].append(node)
                stack.append((se, node))
            stack[-1][1].append(nodes.Text(text[a:b]))
        paragraphs.append(para)
    return paragraphs, [se for se in order if se not in placed]
