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

from evidence.read import word_openings
from evidence.read.date_scan import DAY, Found
from evidence.text import knowledge

_DAY_OF = re.compile(word_openings.words(["day"]) + r"\b")     # "day" as a word, any case
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
    announced: bool = False  # announced ahead (future tense), not reported as held
    last: bool = False       # the last day of a reported range (an end, not a start)
    ordinal: int = 0         # the round it names ("the third round": 3), 0 for none
    end: dt.date | None = None   # the last day of the reported range it lies in


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[str, re.Pattern, tuple[str, ...]], ...]:
    """(kind, its words' pattern, the first run of letters of each word: a match
    holds one of them, lower-cased after ``_FOLD``)."""
    words = knowledge("calendar.yml")["occasion_words"]
    return tuple((kind, re.compile(word_openings.words(sorted(ws, key=len, reverse=True)) + r"\b"),
                  _needles(ws)) for kind, ws in words.items())


def _needles(words) -> tuple[str, ...]:
    runs = {m[0] if (m := _LETTERS.match(w.lower())) else "" for w in words}
    return tuple(sorted(r for r in runs if not any(o != r and o in r for o in runs)))


_LETTERS = re.compile(r"[a-z]+")
# The characters besides A-Z that a case-ignoring pattern matches to an ASCII letter.
_FOLD = str.maketrans({c: letter for letter, cs in word_openings.FOLDS.items() for c in cs})
_FOLDED = re.compile("[" + "".join(map(chr, _FOLD)) + "]")   # found by a scan in C: the
# translation looks up each character in Python's table (half the cost of ``kinds_in``)


@lru_cache(maxsize=1)
def _start_cues() -> re.Pattern:
    words = knowledge("calendar.yml")["start_cues"]
    return re.compile(word_openings.words(sorted(words, key=len, reverse=True)) + r"\b")


@lru_cache(maxsize=1)
def _ordinal_round() -> tuple[re.Pattern, dict[str, int]]:
    ordinals = knowledge("calendar.yml")["ordinals"]
    return re.compile("(" + word_openings.opening(list(ordinals)) + r")(?i:\s+round)\b"), ordinals


def ordinal_in(text: str) -> int:
    """The number of the round ``text`` names ("the third round of talks": 3), else 0."""
    pattern, ordinals = _ordinal_round()
    m = pattern.search(text)
    return ordinals[m.group(1).lower()] if m else 0


def kinds_in(sentence: str) -> list[str]:
    """The kinds of occasion ``sentence`` names; a kind none of whose words' letters
    appear in it is not searched for (case-ignoring search is slow)."""
    folded = (sentence.translate(_FOLD) if _FOLDED.search(sentence) else sentence).lower()
    holds = folded.__contains__      # (``map`` runs it in C: a generator's frames cost more)
    return [kind for kind, pattern, needles in _kinds()
            if any(map(holds, needles)) and pattern.search(sentence)]


# an occasion word belongs to a date when it stands this close to it in its sentence
NEAR_CHARS = 100


def near(text: str, f: Found, found: list[Found] = ()) -> str:
    """The words close to the mention ``f`` within its sentence: at most NEAR_CHARS
    either side, not past a clause boundary (", and", ";") between it and another
    mention of ``found``, else no nearer that mention than to ``f`` (in "on Thursday
    blamed Pakistan for strikes a day earlier" the strikes are the earlier day's). After "said on Sunday" what follows is what was said, which the weekday
    does not date: the words after it are left out."""
    lo = max(f.sentence[0], f.start - NEAR_CHARS)
    hi = min(f.sentence[1], f.end + NEAR_CHARS)
    for g in found:
        if g is f or g.sentence != f.sentence or g.dateline \
                or not text[min(f.end, g.end):max(f.start, g.start)].strip(" ,;()[]"):
            continue               # "late Tuesday (October 28)": one day named twice
        if g.end <= f.start:       # a word split by the midpoint belongs to both
            cut = [m.end() for m in _CLAUSE.finditer(text, g.end, f.start)]
            lo = max(lo, cut[-1] if cut else _word_start(text, (g.end + f.start) // 2, g.end))
        elif g.start >= f.end:
            cut = _CLAUSE.search(text, f.end, g.start)
            hi = min(hi, cut.start() if cut else _word_end(text, (f.end + g.start) // 2, g.start))
    if f.kind == "weekday" and said_on(text, f):
        hi = f.end
    after = _AFTER_CLAUSE.search(text, f.end, hi)
    if after:                  # "fire on Thursday night, even as talks went on": not the talks
        hi = after.start()
    return text[lo:hi]


# a clause that follows a mention's own and tells of something else
_AFTER_CLAUSE = re.compile(r",\s+(?:even\s+)?(?:as|while|whereas|although|though)\b")
# where one clause ends and the next begins: a mention's words stop there
_CLAUSE = re.compile(r"[;:]|,\s+(?:and|but|while|which|whereas|as)\b|\s(?:while|whereas)\b")


def _word_start(text: str, i: int, floor: int) -> int:
    while i > floor and text[i - 1].isalnum():
        i -= 1
    return i


def _word_end(text: str, i: int, ceiling: int) -> int:
    while i < ceiling and text[i].isalnum():
        i += 1
    return i


_LAST_WORDS = re.compile(r"([A-Za-z]+)[\s,]+(?:(?:on|late|early|last|this|that)\s+)*$")


def said_on(text: str, f: Found) -> bool:
    """Whether the mention directly follows a verb of saying ("said on Sunday",
    "confirmed Thursday"): it dates the saying."""
    m = _LAST_WORDS.search(text, max(f.sentence[0], f.start - 40), f.start)
    return m is not None and m.group(1).lower() in _saying()


@lru_cache(maxsize=1)
def _saying() -> frozenset[str]:
    return frozenset(knowledge("calendar.yml")["tense"].get("saying", ()))


def anchors(text: str, found: list[Found], mentions, places_in, exact: bool) -> list[Anchor]:
    """What a dated source tells others about occasions: each day it dates in a
    sentence naming a kind of occasion. ``exact``: its publication date is known to the
    day, so its weekday and relative mentions count too (else only absolute dates)."""
    out = []
    in_sentence: dict[tuple, list[Found]] = {}   # ``near`` reads only the mention's sentence
    for g in found:
        in_sentence.setdefault(g.sentence, []).append(g)
    for i, (f, m) in enumerate(zip(found, mentions)):
        if not m.date_start or not m.date_end or _weekday_disagrees(found, i, m.date_start):
            continue
        absolute = f.kind in ("date", "range", "hijri")
        if not (absolute or (exact and m.precision == "day" and f.kind in ("weekday", "relative"))):
            continue
        if (m.date_end - m.date_start).days > MAX_RANGE_DAYS:
            continue
        sentence = text[f.sentence[0]:f.sentence[1]].strip()
        around = near(text, f, in_sentence[f.sentence])
        kinds = kinds_in(around)
        if not kinds:
            continue
        place, ordinal = next(iter(places_in(around)), ""), ordinal_in(around)
        day = m.date_start
        while day <= m.date_end:
            scheduled = f.tense == "future" or (f.is_range and day == m.date_start)
            inside = m.date_start < day < m.date_end
            last = f.is_range and day == m.date_end
            out += [Anchor(kind, day, scheduled, inside, place, sentence, f.tense == "future", last,
                           ordinal, m.date_end if f.is_range else None)
                    for kind in kinds]
            day += DAY
    return out


def _weekday_disagrees(found: list[Found], i: int, day: dt.date) -> bool:
    """Whether the text names, with the date ``found[i]``, a weekday that day is not
    ("Thursday, October 29", "late Tuesday (October 29)"): a slip that dates nothing."""
    f = found[i]
    named = f.weekday if f.weekday is not None else (
        found[i - 1].weekday if f.paired and i and found[i - 1].kind == "weekday" else None)
    return f.kind == "date" and named is not None and named != day.weekday()


class AnchorIndex:
    """Days other sources give each kind of occasion, with their sentences, grouped
    by (kind, weekday) and day so that a lookup reads a few days, not every source."""

    def __init__(self):
        # (kind, weekday) -> day -> (scheduled, inside, place) -> ({sids}, [two examples])
        self.days: dict[tuple[str, int], dict[dt.date, dict[tuple, tuple[list, dict]]]] = \
            defaultdict(lambda: defaultdict(dict))
        self._sorted: dict[tuple[str, int], list[dt.date]] = {}   # days of a key, in order
        self._tables: dict[tuple, tuple] = {}     # (kind, weekday, rule) -> ``_table``

    def add(self, source_id: str, found: list[Anchor]) -> None:
        self.add_entries(source_id, entries(found))

    def add_entries(self, source_id: str, found: tuple) -> None:
        """``add`` for anchors already made ``entries`` (a corpus pass adds each source's
        on every pass: made once where the source's contribution is)."""
        self._sorted.clear()
        self._tables.clear()
        days = self.days
        for group_key, day, key, sentence in found:
            group = days[group_key][day]
            entry = group.get(key)
            if entry is None:
                group[key] = ({source_id}, [(source_id, sentence)])
                continue
            sids, examples = entry
            if source_id not in sids:
                sids.add(source_id)
                if len(examples) < 2:        # a second in case the first is the asker
                    examples.append((source_id, sentence))

    def candidates(self, f: Found, near: str, places: list[str], future: bool,
                   lo: dt.date | None, hi: dt.date | None, excluded: str, reads: set | None = None):
        """Days the weekday ``f`` (``near``: the words around it) may name: [(day,
        number of other sources, their sentence, the end of the reported range the day
        lies in or None)], most supported first. A day inside
        a reported range counts only for a mention that speaks of a day of it ("a
        third day of talks"). A mention reporting what happened is matched with the
        days others report as held, and only when there are none with the days
        announced ahead. A mention naming a round ("the third round") is matched first
        with the days others give the round they number the same way. ``reads``: where
        to note what of the index was read, ("anchor", kind, weekday, first, last) for
        the days first..last (None: unbounded) of each kind looked up."""
        ordinal = ordinal_in(near)
        for number in ([ordinal, 0] if ordinal else [0]):
            for announced in ([False, None] if not future else [None]):
                found = self._candidates(f, near, places, future, lo, hi, excluded, announced, number,
                                         reads=reads)
                if found:
                    return found
        if future:
            return []
        # last: a day within a round others report ("talks on Monday lasted 18 hours")
        return self._candidates(f, near, places, False, lo, hi, excluded, False, ordinal, True,
                                reads)

    def _candidates(self, f: Found, near: str, places: list[str], future: bool,
                    lo: dt.date | None, hi: dt.date | None, excluded: str, announced, number,
                    within: bool = False, reads: set | None = None):
        # tier 0: the occasion at the place the mention names; tier 1: at no named place
        support: tuple[dict, dict] = ({}, {})      # day -> the sets of sources supporting it
        evidence: tuple[dict, dict] = ({}, {})
        ends: tuple[dict, dict] = ({}, {})         # day -> the end of the range it lies in
        kinds, day_of, starting = self._read_near(near)    # starting: "the talks, which began on Thursday"
        rule = (future, within or day_of, starting, number, tuple(places), announced)
        for kind in kinds:
            ordered, rows = self._table(kind, f.weekday, rule)
            if reads is not None:
                reads.add(("anchor", kind, f.weekday, *_bounds_read(future, lo, hi)))
            i, j = self._span(ordered, future, lo, hi)
            for k in range(i, j):
                day = ordered[k]
                row = rows[k] if rows[k] is not None else self._row(kind, f.weekday, rule, rows, k, day)
                for tier, (sids, first, end, groups) in enumerate(row):
                    if sids is None:
                        continue
                    if excluded in sids:           # the asker's own groups: one by one
                        _add_groups(groups, day, excluded, support[tier], evidence[tier], ends[tier])
                        continue
                    support[tier].setdefault(day, []).append(sids)
                    if day not in evidence[tier]:     # (the first example a day has)
                        evidence[tier][day] = f"{first[0]}: {first[1]}"
                    if end and (day not in ends[tier] or end > ends[tier][day]):
                        ends[tier][day] = end          # the latest end
        tier = 0 if evidence[0] else 1      # a named place, when some source names it too
        return sorted(((day, _others(sets, excluded), evidence[tier][day], ends[tier].get(day))
                       for day, sets in support[tier].items() if day in evidence[tier]),
                      key=lambda c: (-c[1], c[0]))

    def _table(self, kind: str, weekday: int, rule: tuple):
        """(days of (kind, weekday) in order, per day and tier the groups that ``rule``
        (future, of a day, starting, round number, places, announced) admits, or None
        for a day not read yet, ``_row``): made once per index and rule, so that the
        many weekdays that ask alike read the days, not the groups of every source; a
        day's row is made when first read (a lookup reads the few days around its
        story, and a large collection gives a key hundreds)."""
        table = self._tables.get((kind, weekday, rule))
        if table is None:
            ordered = self._sorted.get((kind, weekday))
            if ordered is None:
                ordered = self._sorted[(kind, weekday)] = sorted(self.days.get((kind, weekday)) or {})
            table = self._tables[(kind, weekday, rule)] = (ordered, [None] * len(ordered))
        return table

    def _row(self, kind: str, weekday: int, rule: tuple, rows: list, k: int, day: dt.date) -> tuple:
        """Row ``k`` (``day``) of a ``_table``: per tier, the day's groups ``rule`` admits,
        with the sources of all of them, the first one's example, the latest end."""
        future, of_a_day, starting, number, places, announced = rule
        admitted: tuple[list, list] = ([], [])
        for (scheduled, inside, place, ahead, last, nth, end), (sids, examples) \
                in self.days[(kind, weekday)][day].items():
            if (future and not scheduled) or (inside and not of_a_day) \
                    or (starting and last) or (number and nth != number) \
                    or (places and place and place not in places) \
                    or (announced is not None and ahead != announced):
                continue
            admitted[0 if place and places else 1].append((sids, examples, end))
        row = rows[k] = tuple(_summary(groups) for groups in admitted)
        return row

    @staticmethod
    @lru_cache(maxsize=64)
    def _read_near(near: str) -> tuple[list[str], bool, bool]:
        """(kinds of occasion, "day" named, a start cue) of the words around a mention:
        read once for the several lookups ``candidates`` makes with them."""
        return kinds_in(near), _DAY_OF.search(near) is not None, _start_cues().search(near) is not None

    def _fitting(self, kind: str, weekday: int, future: bool, lo, hi):
        """(day, groups) of the days of (kind, weekday) that a story published within
        [lo, hi] (as far as its own text says) can call by their weekday (``_span``)."""
        days = self.days.get((kind, weekday))
        if not days:
            return []
        ordered = self._sorted.get((kind, weekday))
        if ordered is None:
            ordered = self._sorted[(kind, weekday)] = sorted(days)
        i, j = self._span(ordered, future, lo, hi)
        return [(day, days[day]) for day in ordered[i:j]]

    @staticmethod
    def _span(ordered: list[dt.date], future: bool, lo, hi) -> tuple[int, int]:
        """The slice of the days ``ordered`` that a story published within [lo, hi] can
        call by their weekday: a past one at most six days back, an announced one at
        most six days ahead; found by bisection (a large collection gives a key
        hundreds of days; a story with bounds fits a few)."""
        first, last = _bounds_read(future, lo, hi)
        i = 0 if first is None else bisect.bisect_left(ordered, first)
        j = len(ordered) if last is None else bisect.bisect_right(ordered, last)
        return i, j


def entries(found: list[Anchor]) -> tuple[tuple, ...]:
    """Anchors as ``AnchorIndex`` files them: ((kind, weekday), day, the key of the
    group of the day they join, sentence)."""
    return tuple(((a.kind, a.day.weekday()), a.day,
                  (a.scheduled, a.inside, a.place, a.announced, a.last, a.ordinal, a.end), a.sentence)
                 for a in found)


def _bounds_read(future: bool, lo, hi) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day (None: unbounded) ``AnchorIndex._span`` keeps."""
    return (lo, None if hi is None else hi + WEEK) if future else (None if lo is None else lo - WEEK, hi)


def _summary(groups: list[tuple]) -> tuple:
    """(all their sources, the first one's first example, the latest end, the groups)
    of a day's admitted groups; (None, ...) when there are none."""
    if not groups:
        return None, None, None, groups
    ends = [end for _s, _e, end in groups if end]
    sids = groups[0][0] if len(groups) == 1 else set().union(*(g[0] for g in groups))
    return sids, groups[0][1][0], max(ends, default=None), groups


def _add_groups(groups, day, excluded: str, support: dict, evidence: dict, ends: dict) -> None:
    """Count a day's groups for a lookup by one of their sources (``excluded``): a
    group's example is another source's, and a group of that source alone counts not."""
    for sids, examples, end in groups:
        example = examples[0] if examples[0][0] != excluded else next(iter(examples[1:]), None)
        if example:
            support.setdefault(day, []).append(sids)
            if day not in evidence:
                evidence[day] = f"{example[0]}: {example[1]}"
            if end and (day not in ends or end > ends[day]):
                ends[day] = end


def _others(sets: list[set[str]], excluded: str) -> int:
    """How many sources other than ``excluded`` the sets name together."""
    sids = sets[0] if len(sets) == 1 else set().union(*sets)
    return len(sids) - (excluded in sids)


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
