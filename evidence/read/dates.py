"""Date mentions resolved to calendar dates: ``find_dates(text, pub)`` scans a text
(``date_scan``) and resolves each mention against the publication date (an interval
when it is unsure) or, without one, against the text's own years; weekdays and
relative phrases ("late Thursday", "next week") need the publication date.
Solar Hijri dates convert exactly (jdatetime).
"""
from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
from functools import lru_cache

import jdatetime

from evidence.model import DateMention, PubDate
from evidence.read import offsets
from evidence.read.date_scan import DAY, Found, _cal, range_years, scan

YEAR_SLACK = dt.timedelta(days=2)   # a "past" date may lie this far after the pub date
MAX_ENUMERATE = 400                 # days; wider publication intervals leave weekdays open

def pub_bounds(pub: PubDate | None) -> tuple[dt.date, dt.date] | None:
    """The interval of possible publication dates, or None when nothing is known."""
    if pub is None:
        return None
    if pub.earliest and pub.latest:
        return pub.earliest, pub.latest
    if pub.published:
        return pub.published, pub.published
    return None


def find_dates(text: str, pub: PubDate | None) -> list[DateMention]:
    return resolve(scan_cached(text), pub)


_SCANS: dict[str, tuple[Found, ...]] = {}
_SCANS_MAX = 32768


def scan_cached(text: str) -> list[Found]:
    """``scan`` remembering texts already read (pubdate, find_dates and the corpus pass
    read the same ones)."""
    found = _SCANS.get(text)
    if found is None:
        found = remember_scan(text, scan(text))
    return list(found)


def remember_scan(text: str, found) -> tuple[Found, ...]:
    """Record a scan made elsewhere (a worker process) so it is not made again."""
    if len(_SCANS) >= _SCANS_MAX:
        _SCANS.clear()
    _SCANS[text] = tuple(found)
    return _SCANS[text]


def resolve(found: list[Found], pub: PubDate | None, anchor: dt.date | None = None,
            quoted: list[tuple[int, int]] = ()) -> list[DateMention]:
    """Dates for each mention. Yearless dates take their year from the publication
    interval (with the tense of their clause), else from ``anchor``, else from the
    nearest explicit date in the same text; relative ones need the publication date.
    ``quoted``: spans of quotations, in which "today" is the speaker's day (taken as
    the day last named, when there is one)."""
    bounds = pub_bounds(pub)
    explicit = None         # the dated mentions, read only without a publication interval
    out: list[DateMention | None] = [None] * len(found)
    by_start: dict[int, DateMention] = {}
    last_day: DateMention | None = None
    # a mention counted from a day named after it is resolved once that day is
    later = {i for i, f in enumerate(found) if f.anchor is not None and f.anchor > f.start}
    for i in [i for i in range(len(found)) if i not in later] + sorted(later):
        f = found[i]
        ref = bounds
        use_tense = True
        if ref is None:
            if explicit is None and not anchor:
                explicit = _explicit(found)
            near = anchor or _nearest(explicit, f.start)
            ref, use_tense = ((near, near), False) if near else (None, False)
        previous = out[i - 1] if i else None
        if f.paired and not f.has_year and previous is not None and previous.date_start:
            ref, use_tense = (previous.date_start, previous.date_start), False
        if is_anaphoric(f):                   # from the day the narrative is on
            ref, use_tense = _anchor_ref(f, by_start, ref), False
        elif _speakers_today(f, quoted) and last_day:   # the day last named
            ref, use_tense = (last_day.date_start, last_day.date_start), False
        start, end, precision = _dates_for(f, ref, f.tense if use_tense else "")
        method = _METHOD.get(f.kind, f.kind)
        mention = DateMention(f.text, f.start, f.end, start, end,
                              precision if start else "unresolved", method)
        out[i] = by_start[f.start] = mention
        if mention.precision == "day" and f.kind not in ("relative", "time") and i not in later:
            last_day = mention
    return _nights(found, _times_before_their_day(found, out))


_METHOD = {"date": "absolute", "month": "absolute", "year": "absolute"}   # else the kind


def _anchor_ref(f: Found, by_start: dict[int, DateMention], story):
    """The reference day of a mention counted from another (``offsets.link``): the day
    the linked mention names (none when it names no single day), else the story's."""
    if f.anchor == offsets.UNSURE:
        return None
    if f.anchor is None or f.anchor == offsets.STORY:   # "that night" alone: which night?
        return None if f.kind == "relative" and f.rel[2] in ("anaphoric", "that_night") else story
    m = by_start.get(f.anchor)
    if m is None:                             # a day in another story of the page
        return story
    return (m.date_start, m.date_start) if m.precision == "day" else None


# "at 6:00 p.m. (1300 GMT) on Wednesday": a time this close before a day names that day
TIME_DAY_CHARS = 40


def _times_before_their_day(found: list[Found], out: list[DateMention]) -> list[DateMention]:
    for i in range(len(found) - 1):
        f, g = found[i], found[i + 1]
        if f.kind == "time" and g.kind in ("weekday", "date") and g.sentence == f.sentence \
                and g.start - f.end <= TIME_DAY_CHARS and out[i + 1].precision == "day":
            m = out[i]
            out[i] = DateMention(m.text, m.start, m.end, out[i + 1].date_start,
                                 out[i + 1].date_end, "day", m.method)
    return out


def is_anaphoric(f: Found) -> bool:
    """A relative phrase counted from a day named near it ("the previous day", "two
    days earlier", "a week after the truce"), or a day under discussion: "earlier in
    the day" and a clock time ("at 5 p.m.") name the day the narrative is on, else
    the story's own (``offsets.link``)."""
    return offsets.anchored(f)


_SMALL_HOURS = re.compile(r"(?:(?:12|0?[1-5])(?::\d\d)?\s*(?i:a\.?\s?m)|0?[0-5]:\d\d)")


def _nights(found: list[Found], out: list[DateMention]) -> list[DateMention]:
    """"That (same) night" spans two days: the night into the day last named when the
    moment named with that day was in the small hours ("around 1 a.m. on Tuesday":
    Monday to Tuesday), else the night after it."""
    for i, f in enumerate(found):
        m = out[i]
        if f.kind != "relative" or f.rel[2] != "that_night" or m.precision != "day":
            continue
        day = m.date_start
        small = any(g.kind == "time" and out[j].date_start == day and _SMALL_HOURS.match(g.text)
                    for j, g in enumerate(found[:i]))
        a, b = (day - DAY, day) if small else (day, day + DAY)
        out[i] = DateMention(m.text, m.start, m.end, a, b, "range", m.method)
    return out


def _speakers_today(f: Found, quoted: list[tuple[int, int]]) -> bool:
    """A quoted "today" / "this evening": the day of whoever is quoted."""
    return f.kind == "relative" and f.rel[:2] == ("day", 0) and f.rel[2] == "" \
        and any(a <= f.start < b for a, b in quoted)


def _explicit(found: list[Found]) -> list[tuple[int, dt.date]]:
    """(start, first day) of each mention with its own year: what a yearless one takes its
    year from when nothing else gives it (not computed when something does)."""
    return [(f.start, gregorian(f)[0]) for f in found if f.has_year and f.kind in ("date", "range", "hijri")]


def _nearest(explicit: list[tuple[int, dt.date]], pos: int) -> dt.date | None:
    return min(explicit, key=lambda e: (abs(e[0] - pos), e[0]))[1] if explicit else None


def gregorian(f: Found, year: int | None = None) -> tuple[dt.date, dt.date]:
    """Start and end dates of a mention, with its own year or ``year`` (a Hijri
    year for Hijri mentions); Hijri dates converted. ValueError if impossible."""
    if f.is_range:
        y1, y2 = range_years(f.y, (f.m, f.d), (f.m2, f.d2), f.kind == "range", year)
        if f.kind == "hijri":
            return to_gregorian(y1, f.m, f.d), to_gregorian(y2, f.m2, f.d2)
        return dt.date(y1, f.m, f.d), dt.date(y2, f.m2, f.d2)
    y = f.y if year is None else year
    if f.kind == "hijri":
        g = to_gregorian(y, f.m, f.d)
        return g, g
    if f.kind == "month":
        return dt.date(y, f.m, 1), dt.date(y, f.m, _calendar.monthrange(y, f.m)[1])
    if f.kind == "year":
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    return dt.date(y, f.m, f.d), dt.date(y, f.m, f.d)


@lru_cache(maxsize=4096)
def to_gregorian(hy: int, hm: int, hd: int) -> dt.date:
    return jdatetime.date(hy, hm, hd).togregorian()


def _dates_for(f: Found, ref, tense: str):
    if f.kind in ("date", "range", "month", "year", "hijri") and f.has_year:
        try:
            s, e = gregorian(f)
        except ValueError:
            return None, None, "unresolved"
        return s, e, _precision(f)
    if ref is None:
        return None, None, "unresolved"
    lo, hi = ref
    if f.kind in ("date", "range", "month", "hijri"):
        year = choose_year(f, lo, hi, tense)
        if year is None:
            return None, None, "unresolved"
        s, e = gregorian(f, year)
        return s, e, _precision(f)
    if f.kind == "weekday":
        return _weekday_dates(f, lo, hi)
    if f.kind == "time":
        return lo, hi, ("day" if lo == hi else "range")
    if f.kind == "relative":
        rel = f.rel
        if tense == "past" and rel[0] == "weekend" and rel[2] == "this":
            rel = ("weekend", 0, "")      # "talks were held this weekend": the one just past
        a, b = relative_dates(rel, lo), relative_dates(rel, hi)
        same = a == b and rel[0] != "span" and rel[2] in ("", "last", "this", *offsets.ANCHORED_PARTS)
        return a[0], b[1], (f.rel[0] if same else "range")
    return None, None, "unresolved"


_PRECISION = {"date": "day", "range": "range", "month": "month", "year": "year", "hijri": "day"}


def _precision(f: Found) -> str:
    return "range" if f.is_range else _PRECISION[f.kind]


def choose_year(f: Found, lo: dt.date, hi: dt.date, tense: str) -> int | None:
    """The (start) year of a yearless mention: the occurrence nearest the interval
    [lo, hi]; a past-tense one not after it, a future-tense one not before it."""
    offset = 621 if f.kind == "hijri" else 0
    cands = []
    wide = 4 if f.d in (29, 30) else 1      # 29 February / 30 Esfand exist in leap years only
    for y in range(lo.year - wide, hi.year + wide + 1):
        try:
            cands.append((gregorian(f, y - offset), y - offset))
        except ValueError:
            continue
    if tense == "past":
        ok = [c for c in cands if c[0][1] <= hi + YEAR_SLACK]
        return max(ok)[1] if ok else None
    if tense == "future":
        ok = [c for c in cands if c[0][0] >= lo - YEAR_SLACK]
        return min(ok)[1] if ok else None

    def distance(c):
        (s, e), _ = c
        return (0 if s <= hi and e >= lo else min(abs((s - hi).days), abs((e - lo).days)), s)
    return min(cands, key=distance)[1] if cands else None


def weekday_on_or_before(x: dt.date, wd: int) -> dt.date:
    return x - dt.timedelta(days=(x.weekday() - wd) % 7)


def weekday_on_or_after(x: dt.date, wd: int) -> dt.date:
    return x + dt.timedelta(days=(wd - x.weekday()) % 7)


def weekday_after(x: dt.date, wd: int) -> dt.date:
    return x + dt.timedelta(days=(wd - x.weekday() - 1) % 7 + 1)


def weekday_tense(f: Found) -> str:
    """past or future: the weekday's qualifier's tense ("last Friday", "next Friday"),
    unless it yields to a past-tense sentence ("stayed shut until Friday"), else its
    sentence's, else past (the default in news)."""
    q = _cal()["weekday_qualifiers"].get(f.qualifier, {})
    if q.get("past_in_a_past_sentence") and f.tense == "past":
        return "past"
    return q.get("tense") or f.tense or "past"


def weekday_occurrence(f: Found, x: dt.date) -> dt.date:
    """The day a weekday mention names when the publication date is ``x``:
    past (the default in news) = on or before x, future = after x."""
    q = _cal()["weekday_qualifiers"].get(f.qualifier, {})
    tense = weekday_tense(f)
    if tense == "future":      # "will meet on Thursday" written on a Thursday: that day
        return weekday_after(x if q.get("strict") else x - DAY, f.weekday)
    return weekday_on_or_before(x - DAY if q.get("strict") else x, f.weekday)


def _weekday_dates(f: Found, lo: dt.date, hi: dt.date):
    if f.today_offset is not None:       # "Thursday (today)": a pub date that is a Thursday
        if (hi - lo).days > MAX_ENUMERATE:
            return None, None, "unresolved"
        days = [lo + DAY * i + DAY * f.today_offset for i in range((hi - lo).days + 1)]
        days = [d for d in days if d.weekday() == f.weekday]
        if not days:
            return None, None, "unresolved"
        return days[0], days[-1], ("day" if len(days) == 1 else "range")
    a, b = weekday_occurrence(f, lo), weekday_occurrence(f, hi)
    return a, b, ("day" if a == b else "range")


def relative_dates(rel: tuple, x: dt.date) -> tuple[dt.date, dt.date]:
    """The period a relative expression names when the publication date is ``x``."""
    if rel[0] == "span":
        return x + DAY * rel[1], x + DAY * rel[2]
    unit, offset, part = rel
    if unit == "day":
        d = x + DAY * offset
        return d, d
    if unit == "weekend":   # said on a weekend day, "last" is the one before, "this" its own
        saturday = x - DAY * ((x.weekday() - 5) % 7) + DAY * (7 * offset)
        if x.weekday() >= 5 and part in ("last", "this"):
            saturday -= DAY * 7
        return saturday, saturday + DAY
    if unit == "week":
        s = x - DAY * x.weekday() + DAY * (7 * offset)
        e = s + DAY * 6
    elif unit == "month":
        k = x.year * 12 + x.month - 1 + offset
        y, m = divmod(k, 12)
        s, e = dt.date(y, m + 1, 1), dt.date(y, m + 1, _calendar.monthrange(y, m + 1)[1])
    else:
        s, e = dt.date(x.year + offset, 1, 1), dt.date(x.year + offset, 12, 31)
    if part == "earlier":
        return s, max(s, x - DAY)
    if part == "later":
        return min(e, x + DAY), e
    third = DAY * (((e - s).days + 1) // 3 - 1)
    if part == "early":
        return s, s + third
    if part == "late":
        return e - third, e
    return s, e


def event_from_pub(rel: tuple, d: dt.date) -> tuple[dt.date, dt.date] | None:
    """The publication dates for which relative expression ``rel`` names a period
    containing the date ``d`` (the inverse of ``relative_dates``), or None."""
    if rel[0] == "span":
        return None
    unit, offset, part = rel
    if unit == "weekend" or part in offsets.ANCHORED_PARTS:
        return None
    if unit == "day":
        return d - DAY * offset, d - DAY * offset
    if unit == "week":
        monday = d - DAY * d.weekday() - DAY * (7 * offset)
        s, e = monday, monday + DAY * 6
    elif unit == "month":
        k = d.year * 12 + d.month - 1 - offset
        y, m = divmod(k, 12)
        s, e = dt.date(y, m + 1, 1), dt.date(y, m + 1, _calendar.monthrange(y, m + 1)[1])
    else:
        s, e = dt.date(d.year - offset, 1, 1), dt.date(d.year - offset, 12, 31)
    if part == "earlier":
        s = max(s, d + DAY)
    elif part == "later":
        e = min(e, d - DAY)
    return (s, e) if s <= e else None
