"""Discrepancies in names: sources naming different mechanisms, announcers or delegation
heads. Each named attribute of ``data/knowledge/attributes.yml`` is read from every
source (a matched phrase, or the gazetteer entities inside it); sources whose value sets
differ disagree, and with ``compare: by_side`` only when two name different people for
the same side. What one source names is remembered between builds (``memo``)."""
from __future__ import annotations

import re
from collections import defaultdict

from evidence.compare import memo
from evidence.compare.ledger import ACROSS, Discrepancy, Side, attributes
from evidence.compare.spans import span
from evidence.model import ParsedSource


def _named_value(source: ParsedSource, spec: dict, m: re.Match) -> str:
    if spec["value"] == "match":
        return " ".join(m.group("value").lower().split())
    start, end = m.span("who")
    ids = sorted({e.entity_id for e in source.entities if e.entity_id
                  and e.entity_type in spec["entity_types"]
                  and start <= e.start and e.end <= end})
    if not ids:
        return ""
    form = m.groupdict().get("form")
    return " + ".join(ids) + (f", {form.lower()} statement" if form else "")


def named_values(source: ParsedSource, spec: dict) -> list[Side]:
    """Each distinct value of one named attribute in a source, at its first mention."""
    seen: dict[str, Side] = {}
    taken: list[tuple[int, int]] = []
    for p in spec["compiled"]:
        for m in p.finditer(source.clean_text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append(m.span())
            value = _named_value(source, spec, m)
            if value and value not in seen:
                seen[value] = Side(source.source_id, value, span(source, *m.span()))
    return sorted(seen.values(), key=lambda s: s.span.start)


def remembered_values(source: ParsedSource, spec: dict) -> list[Side]:
    """``named_values``, remembered between builds for the source (``memo``)."""
    return memo.recall(f"named:{spec['id']}", source, lambda s: named_values(s, spec))


def _differ(spec: dict, per_source: dict[str, list[Side]],
            sides_of: dict[str, str]) -> bool:
    """Do the sources' value sets differ? With ``compare: by_side`` only when two
    sources name different people for the same side (naming more is no conflict)."""
    if spec.get("compare") != "by_side":
        return len({frozenset(s.value for s in v) for v in per_source.values()}) > 1
    named_for: dict[str, set[frozenset]] = defaultdict(set)
    for values in per_source.values():
        by_side = defaultdict(set)
        for s in values:
            for entity_id in s.value.split(" + "):
                by_side[sides_of.get(entity_id, "")].add(entity_id)
        for side, ids in by_side.items():
            named_for[side].add(frozenset(ids))
    return any(len(v) > 1 for v in named_for.values())


def named(sources: list[ParsedSource]) -> list[Discrepancy]:
    found = []
    sides_of = {e.entity_id: e.side for s in sources for e in s.entities if e.entity_id}
    for spec in attributes()["named"]:
        per_source = {s.source_id: remembered_values(s, spec) for s in sources}
        per_source = {k: v for k, v in per_source.items() if v}
        if len(per_source) > 1 and _differ(spec, per_source, sides_of):
            found.append(Discrepancy(spec["id"], spec["subject"], ACROSS,
                                     [side for k in sorted(per_source) for side in per_source[k]]))
    return found
