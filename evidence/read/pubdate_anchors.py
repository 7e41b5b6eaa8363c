"""Weekdays tied to occasions other sources date. "The truce announced Wednesday" in
a story with no date of its own names the Wednesday on which other sources put the
truce; "talks in Istanbul on Monday" the Monday within the range they give the talks
there; "the meeting scheduled for Thursday" a meeting they announce for a Thursday.
Each such tie bounds the story's publication date (a past weekday lies at most six
days before it, an announced one at most six days after), with the other source's
sentence as evidence. Kinds of occasion are words in ``calendar.yml`` (``occasion_words``).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from evidence.read.date_scan import DAY, Found
from evidence.text import knowledge

_DAY_OF = re.compile(r"\bday\b", re.I)
MAX_RANGE_DAYS = 10          # a reported range longer than this dates no weekday
WEEK = 6 * DAY


@dataclass(frozen=True)
class Anchor:
    kind: str                # an occasion_words key
    day: dt.date
    scheduled: bool          # announced ahead, or the first day of a range: a start
    inside: bool             # a day within a reported range, neither its first nor last
    place: str
    sentence: str


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[str, re.Pattern], ...]:
    words = knowledge("calendar.yml")["occasion_words"]
    return tuple((kind, re.compile(r"\b(?:" + "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(ws, key=len, reverse=True)) + r")\b", re.I))
        for kind, ws in words.items())


def kinds_in(sentence: str) -> list[str]:
    return [kind for kind, pattern in _kinds() if pattern.search(sentence)]


# an occasion word belongs to a date when it stands this close to it in its sentence
NEAR_CHARS = 60


def near(text: str, f: Found) -> str:
    """The words close to the mention ``f`` within its sentence."""
    return text[max(f.sentence[0], f.start - NEAR_CHARS):min(f.sentence[1], f.end + NEAR_CHARS)]


def anchors(text: str, found: list[Found], mentions, places_in, exact: bool) -> list[Anchor]:
    """What a dated source tells others about occasions: each day it dates in a
    sentence naming a kind of occasion. ``exact``: its publication date is known to the
    day, so its weekday and relative mentions count too (else only absolute dates)."""
    out = []
    for f, m in zip(found, mentions):
        if not m.date_start or not m.date_end:
            continue
        absolute = f.kind in ("date", "range", "hijri")
        if not (absolute or (exact and m.precision == "day" and f.kind in ("weekday", "relative"))):
            continue
        if (m.date_end - m.date_start).days > MAX_RANGE_DAYS:
            continue
        sentence = text[f.sentence[0]:f.sentence[1]].strip()
        around = near(text, f)
        kinds = kinds_in(around)
        if not kinds:
            continue
        place = next(iter(places_in(around)), "")
        day = m.date_start
        while day <= m.date_end:
            scheduled = f.tense == "future" or (f.is_range and day == m.date_start)
            inside = m.date_start < day < m.date_end
            out += [Anchor(kind, day, scheduled, inside, place, sentence) for kind in kinds]
            day += DAY
    return out


class AnchorIndex:
    """Days other sources give each kind of occasion, with their sentences, grouped
    by (kind, weekday) and day so that a lookup reads a few days, not every source."""

    def __init__(self):
        # (kind, weekday) -> day -> (scheduled, inside, place) -> ({sids}, [two examples])
        self.days: dict[tuple[str, int], dict[dt.date, dict[tuple, tuple[list, dict]]]] = \
            defaultdict(lambda: defaultdict(dict))
        self._sorted: dict[tuple[str, int], list[dt.date]] = {}   # days of a key, in order

    def add(self, source_id: str, found: list[Anchor]) -> None:
        self._sorted.clear()
        for a in found:
            group = self.days[(a.kind, a.day.weekday())][a.day]
            sids, examples = group.setdefault((a.scheduled, a.inside, a.place), (set(), []))
            if source_id not in sids:
                sids.add(source_id)
                if len(examples) < 2:        # a second in case the first is the asker
                    examples.append((source_id, a.sentence))

    def candidates(self, f: Found, near: str, places: list[str], future: bool,
                   lo: dt.date | None, hi: dt.date | None, excluded: str):
        """Days the weekday ``f`` (``near``: the words around it) may name: [(day,
        number of other sources, their sentence)], most supported first. A day inside
        a reported range counts only for a mention that speaks of a day of it ("a
        third day of talks")."""
        # tier 0: the occasion at the place the mention names; tier 1: at no named place
        support = (defaultdict(set), defaultdict(set))
        evidence: tuple[dict, dict] = ({}, {})
        of_a_day = _DAY_OF.search(near) is not None
        for kind in kinds_in(near):
            for day, groups in self._fitting(kind, f.weekday, future, lo, hi):
                for (scheduled, inside, place), (sids, examples) in groups.items():
                    if (future and not scheduled) or (inside and not of_a_day) \
                            or (places and place and place not in places):
                        continue
                    example = examples[0] if examples[0][0] != excluded else \
                        next(iter(examples[1:]), None)
                    if example:
                        tier = 0 if place and places else 1
                        support[tier][day] |= sids
                        evidence[tier].setdefault(day, f"{example[0]}: {example[1]}")
        tier = 0 if evidence[0] else 1      # a named place, when some source names it too
        return sorted(((day, len(sids - {excluded}), evidence[tier][day])
                       for day, sids in support[tier].items() if day in evidence[tier]),
                      key=lambda c: (-c[1], c[0]))

    def _fitting(self, kind: str, weekday: int, future: bool, lo, hi):
        """(day, groups) of the days of (kind, weekday) that a story published within
        [lo, hi] (as far as its own text says) can call by their weekday: a past one at
        most six days back, an announced one at most six days ahead. In order of day,
        found by bisection in the days sorted once per index (a large collection gives a
        key hundreds of days; a story with bounds fits a few)."""
        days = self.days.get((kind, weekday))
        if not days:
            return []
        ordered = self._sorted.get((kind, weekday))
        if ordered is None:
            ordered = self._sorted[(kind, weekday)] = sorted(days)
        first, last = (lo, None if hi is None else hi + WEEK) if future else \
            (None if lo is None else lo - WEEK, hi)
        i = 0 if first is None else bisect.bisect_left(ordered, first)
        j = len(ordered) if last is None else bisect.bisect_right(ordered, last)
        return [(day, days[day]) for day in ordered[i:j]]


def choose(options: list[list[tuple[dt.date, dt.date, int, object]]]) -> list[object | None]:
    """One choice per mention, consistent with one another: ``options[i]`` lists
    (lo, hi, support, choice) for mention i, the publication dates a choice allows.
    The window most mentions agree on (weighted by support; then the better attested)
    wins; another mention gets its best supported choice that meets that window, when
    it is the only best one and at least half as well attested (a weak tie does not
    narrow a strong one)."""
    windows = [(a, b, n) for opts in options for a, b, n, _c in opts]
    if not windows:
        return [None] * len(options)
    scores = _scores(windows, options)
    best = min(range(len(windows)), key=lambda i: (-scores[i], -windows[i][2], windows[i][0]))
    a, b, strength = windows[best]
    out = []
    for opts in options:
        fitting = sorted((o for o in opts if o[0] <= b and a <= o[1]), key=lambda o: -o[2])
        unique = fitting and (len(fitting) == 1 or fitting[0][2] > fitting[1][2])
        out.append(fitting[0][3] if unique and 2 * fitting[0][2] >= strength else None)
    return out


def _scores(windows, options) -> list[int]:
    """For each window (a, b, _): the sum over the mentions of the best support among
    the mention's options that overlap the window (0 when none does). Computed as
    one array per mention: a large collection gives a mention hundreds of options,
    and every option is also a window."""
    a = np.array([w[0].toordinal() for w in windows])[:, None]
    b = np.array([w[1].toordinal() for w in windows])[:, None]
    total = np.zeros(len(windows), dtype=np.int64)
    for opts in (opts for opts in options if opts):
        lo = np.array([o[0].toordinal() for o in opts])
        hi = np.array([o[1].toordinal() for o in opts])
        n = np.array([o[2] for o in opts], dtype=np.int64)
        fits = (lo <= b) & (a <= hi)
        best = np.where(fits, n, np.iinfo(np.int64).min).max(axis=1)
        total += np.where(fits.any(axis=1), best, 0)
    return total.tolist()


def bounds(day: dt.date, future: bool) -> tuple[dt.date, dt.date]:
    """The publication dates from which ``day`` is called by its weekday alone."""
    return (day - WEEK, day) if future else (day, day + WEEK)
