"""Which sources a later pass of ``pubdate_corpus.refine_with_corpus`` need not re-date.

A source is re-dated against an index of what the other sources establish (years of
month-days with their sentences, ranges of talks by place, the days kinds of occasion
fall on, by weekday, and the dates the sources give themselves), and while it is, the
index notes what it reads: ("monthday", key), ("place", name), ("anchor", kind,
weekday, first day, last day) and ("own_dates",). The next pass builds a new index
with the sources the last one re-dated; ``changes`` lists what reads the new index
answers differently from the old (compared with order kept, as first examples are
taken in order), and ``touched`` whether a source's reads meet one of them. Re-dating
reads nothing else of the other sources, so a source whose reads are untouched would
come out exactly as it did in the last pass: unchanged, it is not re-dated again (at
10,000 sources the second and third passes re-dated ~2,000 sources each, to change 5
and then none).
"""
from __future__ import annotations

import datetime as dt


def _differing(old: dict, new: dict) -> list:
    """Keys whose entries differ between the two indexes (in content or in order)."""
    return [key for key in old.keys() | new.keys()
            if _ordered(old.get(key)) != _ordered(new.get(key))]


def _ordered(entry):
    return list(entry.items()) if isinstance(entry, dict) else entry


def changes(old, new) -> tuple[set[tuple], dict[tuple[str, int], list[dt.date]]]:
    """(the plain reads whose answer differs, and per (kind, weekday) the days whose
    occasions differ) between two ``pubdate_corpus._Knowledge`` indexes."""
    plain = {("monthday", key) for key in _differing(old.by_monthday, new.by_monthday)}
    plain |= {("monthday", key) for (_sid, key), _sentence in
              old.sentence.items() ^ new.sentence.items()}
    plain |= {("place", place) for place in _differing(old.by_place, new.by_place)}
    if old.own_dates != new.own_dates:
        plain.add(("own_dates",))
    days = {}
    for group in old.anchors.days.keys() | new.anchors.days.keys():
        differ = _differing(old.anchors.days.get(group, {}), new.anchors.days.get(group, {}))
        if differ:
            days[group] = differ
    return plain, days


def touched(reads: frozenset, changed: tuple[set, dict]) -> bool:
    """Whether any of ``reads`` is answered differently (``changes``)."""
    plain, days = changed
    for read in reads:
        if read[0] != "anchor":
            if read in plain:
                return True
            continue
        _, kind, weekday, first, last = read
        if any((first is None or first <= day) and (last is None or day <= last)
               for day in days.get((kind, weekday), ())):
            return True
    return False
