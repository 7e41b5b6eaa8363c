"""Date mentions as written: ``scan(text) -> [Found]`` finds absolute dates and
ranges, month-years, years in a date context, weekdays, relative phrases ("next week",
"late Thursday") and Solar Hijri dates, with what each literally says (month, day, year
or None, weekday, relative meaning, the tense of its clause, whether it is a dateline's
date), before any publication date is known; ``dates.resolve`` turns them into dates.
Vocabulary is data in ``data/knowledge/calendar.yml``; everything is regex based and
precompiled (no dateparser)."""
from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import jdatetime

from evidence.read import arabic_script, clock, date_triggers, firstline, offsets
from evidence.read.alternation import trie
from evidence.read.dateline import is_dateline
from evidence.read.tense import sentence_around, tense_at
from evidence.text import knowledge

DAY = dt.timedelta(days=1)
_BRACKET = re.compile(r"\s*[(\[]\s*")


@dataclass(slots=True)
class Found:
    """One mention as written, before resolution. Hijri dates keep Hijri y/m/d.
    (Treat as read-only; not frozen only because setting context after building
    is much faster than ``dataclasses.replace``.)"""
    text: str
    start: int
    end: int
    kind: str                       # date | range | month | year | weekday | relative | hijri | time
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    weekday: int | None = None      # a weekday named with the date ("Thursday, October 30")
    qualifier: str = ""             # late | on | last | next | ...
    today_offset: int | None = None  # "Thursday (today)" = 0, "(yesterday)" = -1
    rel: tuple = ()                 # (unit, offset, part) or ("span", a, b)
    tense: str = ""                 # past | future | "" (of the clause around it)
    sentence: tuple[int, int] = (0, 0)
    paired: bool = False            # in brackets right after another date: "November 6 (Aqrab 15)"
    dateline: bool = False          # the story's dateline date: "ISTANBUL, Oct 31 (Reuters) -"
    anchor: int | None = None       # counted from the mention starting here (offsets.link)

    def __reduce__(self):
        """Pickled as its fields in order (the parse workers ship the scans the corpus
        pass reads): a slotted instance's default state, set slot by slot, took four
        times as long to unpickle."""
        return Found, tuple([getattr(self, name) for name in Found.__slots__])

    @property
    def has_year(self) -> bool:
        return self.y is not None

    @property
    def is_range(self) -> bool:
        """A span of days: a Gregorian range or a Hijri one ("3 to 8 Aqrab")."""
        return self.kind == "range" or (self.kind == "hijri" and self.d2 is not None)


# --------------------------------------------------------------------------- vocabulary

@lru_cache(maxsize=1)
def _cal() -> dict:
    return knowledge("calendar.yml")


def _alt(words, flags="") -> str:
    """Regex alternation, longest first; spaces match any whitespace (written as a
    trie: ``alternation``)."""
    parts = sorted({w for w in words}, key=lambda w: (-len(w), w))
    return trie([re.escape(w).replace(r"\ ", r"\s+") for w in parts], "i" in flags)


@lru_cache(maxsize=1)
def _vocab() -> dict:
    cal = _cal()
    month = {}
    for num, names in cal["months"].items():
        for name in names:
            month[name] = month[name.upper()] = int(num)
    weekday = {}
    for num, names in cal["weekdays"].items():
        for name in names:
            weekday[name] = weekday[name.upper()] = int(num)
    hijri = {}
    for num, forms in cal["hijri_months"].items():
        for name in forms["dari"] + forms["iranian"]:
            hijri[name] = hijri[name.upper()] = int(num)
    relative = {" ".join(r["phrase"].lower().split()): r for r in cal["relative"]}
    numbers = {k.lower(): int(v) for k, v in cal["numbers"].items()}
    return {"month": month, "weekday": weekday, "hijri": hijri, "relative": relative,
            "numbers": numbers}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    """Each kind of mention's pattern, in the order they are tried (``_master``)."""
    cal, voc = _cal(), _vocab()
    names = lambda cls: trie(sorted(voc[cls], key=lambda w: (-len(w), w)))  # noqa: E731
    M = r"\b" + names("month") + r"\b\.?"
    W = r"\b" + names("weekday") + r"\b"
    H = r"\b" + names("hijri") + r"\b"
    D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
    Y = r"(?:19|20)\d\d(?!\d)"
    HY = r"1[34]\d\d(?!\d)"
    TO = r"\s*(?:-|–|—|\bto\b|\bthrough\b|\buntil\b|\btill\b)\s*"
    AND = r"\s*(?P<conn>-|–|—|\bto\b|\bthrough\b|\buntil\b|\btill\b|\band\b)\s*"
    PAIR = r"\s*(?:-|–|—|\band\b|\bto\b)\s*\d"           # "6 and 7", "6-7"
    W2 = rf"{W}\s*(?:-|–|—|\band\b|\bto\b)\s*{W}"          # "Thursday and Friday"
    DATED = (rf"(?:\s*(?:-|–|—|\band\b|\bto\b)\s*{W})?,?\s+(?:{M}\s+\d|(?:the\s+)?\d{{1,2}}"
             rf"(?:st|nd|rd|th)?\s*(?:(?:-|–|—|\band\b|\bto\b)\s*\d{{1,2}}\s+)?(?:of\s+)?{M})")
    rel_today = r"(?P<rel>(?i:today|yesterday|tomorrow))"
    quals = _alt(cal["weekday_qualifiers"], "i")
    parts = _alt(cal["weekday_parts"], "i")
    nums = _alt(list(voc["numbers"]), "i")
    units = _alt(cal["ago_units"], "i")
    years_ctx = _alt(cal["year_context"], "i")
    month_ctx = _alt([w for w in cal["year_context"] if w not in ("from", "after", "before")], "i")
    relative = _alt(voc["relative"], "i")
    kinds = [
        ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b"),
        ("ymd", r"\b(?P<y>(?:19|20)\d\d)[/.](?P<m>0?[1-9]|1[0-2])[/.](?P<d>[0-3]?\d)\b"),
        ("numeric", r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\b"),
        ("numeric_dot", r"\b(?P<a>[0-3]?\d)\.(?P<b>[0-3]?\d)\.(?P<y>(?:19|20)\d\d)\b"),
        ("range_mdmd", rf"(?P<m>{M})\s+(?P<d>{D}){TO}(?P<m2>{M})\s+(?P<d2>{D})(?:,?\s+(?P<y>{Y}))?"),
        ("range_dmdm", rf"\b(?P<d>{D})\s+(?P<m>{M}){TO}(?P<d2>{D})\s+(?P<m2>{M})(?:,?\s+(?P<y>{Y}))?"),
        # perhaps after its weekdays: "Thursday and Friday, November 6 and 7"
        ("range_md", rf"(?:{W2},?\s+)?(?P<m>{M})\s+(?P<d>{D}){AND}(?P<d2>{D})(?:,?\s+(?P<y>{Y}))?"),
        ("range_dm", rf"(?:{W2},?\s+)?\b(?P<d>{D}){AND}(?P<d2>{D})\s+(?:of\s+)?(?P<m>{M})(?:,?\s+(?P<y>{Y}))?"),
        ("hijri_range_dmdm", rf"\b(?P<d>{D})\s+(?P<h>{H}){TO}(?P<d2>{D})\s+(?P<h2>{H})(?:,?\s+(?P<y>{HY}))?"),
        ("hijri_range_mdmd", rf"(?P<h>{H})\s+(?P<d>{D}){TO}(?P<h2>{H})\s+(?P<d2>{D})(?:,?\s+(?P<y>{HY}))?"),
        ("hijri_range_dm", rf"\b(?P<d>{D}){TO}(?P<d2>{D})\s+(?P<h>{H})(?:,?\s+(?P<y>{HY}))?"),
        ("hijri_range_md", rf"(?P<h>{H})\s+(?P<d>{D}){TO}(?P<d2>{D})(?:,?\s+(?P<y>{HY}))?"),
        ("hijri_dm", rf"\b(?P<d>{D})\s+(?P<h>{H})(?:,?\s+(?P<y>{HY}))?"),
        ("hijri_md", rf"(?P<h>{H})\s+(?P<d>{D})(?:,?\s+(?P<y>{HY}))?"),
        # not the first day of a pair ("Friday, November 6 and 7": range_md reads it)
        ("md", rf"(?:(?P<w>{W}),?\s+)?(?P<m>{M})\s+(?P<d>{D})(?!{PAIR})(?:,?\s+(?P<y>{Y}))?"),
        ("dm", rf"(?:(?P<w>{W}),?\s+)?\b(?:the\s+)?(?P<d>{D})\s+(?:of\s+)?(?P<m>{M})(?:,?\s+(?P<y>{Y}))?"),
        ("my", rf"(?P<m>{M}),?\s+(?P<y>{Y})"),
        ("today_weekday", rf"\b{rel_today}(?:,\s*|\s*\(\s*)(?P<w>{W})\)?"),
        # not a weekday its date follows ("on Sunday, October 19": md reads them together;
        # "on Thursday and Friday, November 6 and 7": range_md)
        ("weekday", rf"(?:\b(?P<q>{quals})\s+)?(?P<w>{W})(?!{DATED})(?P<poss>['’]s)?(?:\s+(?P<part>{parts})\b)?"
                    rf"(?:\s*\(\s*{rel_today}\s*\))?"),
        ("ago", rf"\b(?P<n>\d{{1,2}}|{nums})\s+(?P<u>{units})\s+(?i:ago)\b"),
        ("counted", offsets.pattern(nums)),
        ("relative", rf"\b(?P<r>{relative})(?:['’]s)?\b"),
        ("year", rf"\b(?P<ctx>{years_ctx})\s+(?:(?i:early|late|mid)-?\s*)?(?P<y>{Y})\b(?![-–/]\d|\s*%)"),
        ("month", rf"\b(?P<ctx>{month_ctx})\s+(?P<m>{M})(?!\.?\s*\d)"),
        ("time", clock.PATTERN),
    ]
    return {k: re.compile(p) for k, p in kinds}


def _master() -> re.Pattern:
    """All the kinds in one pattern, tried in order (``scan_full``; ``scan`` only compiles
    the alternatives the words it tries can open, ``date_triggers.match_covering``)."""
    return _combined(tuple((k, p.pattern) for k, p in _patterns().items()))


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@lru_cache(maxsize=None)
def _combined(kinds: tuple[tuple[str, str], ...]) -> re.Pattern:
    """One pattern trying ``kinds`` in order, each as a group named after its kind.
    Every alternative starts at a word start: checking that first is cheap."""
    return re.compile(r"\b(?=\w)(?:" + "|".join(f"(?P<{k}>{_NAMED_GROUP.sub('(?:', p)})"
                                                for k, p in kinds) + ")")


# --------------------------------------------------------------------------- scan

def scan(text: str) -> list[Found]:
    """Every date mention in ``text``, in order, never overlapping.

    Running the combined pattern at every word is slow (~3 us a word), so it is
    only tried where a mention can start: at a trigger (a number, a month /
    weekday / Hijri name, a relative keyword) or at one of the few words before
    it that can open a mention ("late", "in", "the", "three"). ``scan_full`` runs
    it everywhere; the tests check both agree."""
    if arabic_script.applies(text):   # Arabic-script digits / month names, offsets kept
        return arabic_script.scan(text, scan)
    kinds = _patterns()
    out: list[Found] = []
    paragraphs: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}
    for m in _matches(text):
        # matched again in place: a lookbehind ("at 22:00") sees the words before
        g = kinds[m.lastgroup].fullmatch(text, m.start(), m.end()).groupdict()
        for item in _build(m.lastgroup, g, m.start(), m.group(0), text):
            item.sentence = sentence_around(text, item.start, item.end, paragraphs)
            item.dateline = (item.kind == "date" and is_dateline(text, item.start, item.end)) \
                or firstline.place_date(text, item)
            # a dateline dates the story; the verbs after it are not about it
            item.tense = "" if item.dateline else \
                tense_at(text, item.sentence[0], item.start, item.end, item.sentence[1])
            item.paired = bool(out) and _BRACKET.fullmatch(text, out[-1].end, item.start) is not None
            out.append(item)
    offsets.link(text, out, paragraphs)
    return out


def _matches(text: str):
    """Matches of the combined pattern, tried only around triggers."""
    done = 0
    for h in date_triggers.positions(text):
        if h < done:
            continue
        m = date_triggers.match_covering(text, h, done)
        if m is not None:
            done = m.end()
            yield m


def scan_full(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every match of the combined pattern over the whole text."""
    return [(m.start(), m.end(), m.group(0)) for m in _master().finditer(text)]


_DIGITS = re.compile(r"\d+")     # compiled once: re.match looks the pattern up at each call


def _num(s: str | None) -> int | None:
    return int(_DIGITS.match(s).group(0)) if s else None


def _valid(y, m, d) -> bool:
    if m is None or not 1 <= m <= 12 or d is None:
        return m is not None and 1 <= m <= 12
    return 1 <= d <= (_calendar.monthrange(y or 2000, m)[1])


def _build(kind: str, g: dict, base: int, whole: str, text: str) -> list[Found]:
    voc = _vocab()
    mon = lambda s: voc["month"][s.rstrip(".")] if s else None  # noqa: E731
    F = lambda k, **kw: Found(whole, base, base + len(whole), k, **kw)  # noqa: E731
    if kind in ("iso", "ymd"):                 # 2025-11-07, 2025/11/07, 2025.11.07
        y, m, d = int(g["y"]), int(g["m"]), int(g["d"])
        return [F("date", y=y, m=m, d=d)] if _valid(y, m, d) else []
    if kind in ("numeric", "numeric_dot"):
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        # with dots the day comes first (07.11.2025); with slashes only when unambiguous
        if a == b or (a > 12 >= b) or (kind == "numeric_dot" and b <= 12):
            d, m = a, b
        elif b > 12 >= a:
            d, m = b, a
        else:
            return []                     # 03/04/2025: day-month order unknown
        return [F("date", y=y, m=m, d=d)] if _valid(y, m, d) else []
    if kind.startswith("range"):
        y = _num(g.get("y"))
        m1, d1 = mon(g["m"]), _num(g["d"])
        m2, d2 = mon(g.get("m2")) or m1, _num(g["d2"])
        y1, y2 = range_years(y, (m1, d1), (m2, d2))
        if not (_valid(y1, m1, d1) and _valid(y2, m2, d2)):
            return []
        if m1 == m2 and d2 <= d1:
            return []
        between = text[max(0, base - 9):base].lower().rstrip().endswith("between")
        if (g.get("conn") or "").lower() == "and" and d2 != d1 + 1 and not between:
            # "October 18 and 25": two days, not a range
            first_end = whole.index(g["d"], len(g["m"]) if kind == "range_md" else 0) + len(g["d"])
            if kind == "range_md":
                second = whole.rindex(g["d2"], first_end)
                return [Found(whole[:first_end], base, base + first_end, "date", y=y, m=m1, d=d1),
                        Found(whole[second:], base + second, base + len(whole), "date",
                              y=y, m=m1, d=d2)]
            return []
        return [F("range", y=y, m=m1, d=d1, y2=y, m2=m2, d2=d2)]
    if kind.startswith("hijri"):
        d, hm, y = _num(g["d"]), voc["hijri"][g["h"]], _num(g.get("y"))
        if not _hijri_day_ok(hm, d):
            return []
        if kind.startswith("hijri_range"):
            hm2 = voc["hijri"][g["h2"]] if g.get("h2") else hm
            d2 = _num(g["d2"])
            if not _hijri_day_ok(hm2, d2) or (hm2 == hm and d2 <= d) \
                    or ((hm2 - hm) % 12 > 1 and hm2 != hm):
                return []                 # not a run of days within a month or into the next
            y1, y2 = range_years(y, (hm, d), (hm2, d2), year_ends=False)
            if not (_hijri_exists(y1, hm, d) and _hijri_exists(y2, hm2, d2)):
                return []
            return [F("hijri", y=y, m=hm, d=d, y2=y, m2=hm2, d2=d2)]
        return [F("hijri", y=y, m=hm, d=d)] if _hijri_exists(y, hm, d) else []
    if kind in ("md", "dm"):
        y, m, d = _num(g.get("y")), mon(g["m"]), _num(g["d"])
        if not _valid(y, m, d):
            return []
        wd = voc["weekday"][g["w"]] if g.get("w") else None
        return [F("date", y=y, m=m, d=d, weekday=wd)]
    if kind == "my":
        return [F("month", y=int(g["y"]), m=mon(g["m"]))]
    if kind == "month":
        s = whole.index(g["m"], len(g["ctx"]))
        return [Found(whole[s:], base + s, base + len(whole), "month", m=mon(g["m"]))]
    if kind == "year":
        s = whole.rindex(g["y"])
        return [Found(g["y"], base + s, base + s + 4, "year", y=int(g["y"]))]
    if kind == "today_weekday":
        return [F("weekday", weekday=voc["weekday"][g["w"]],
                  today_offset=_relative_meaning(g["rel"])[1])]
    if kind == "weekday":
        q = " ".join((g.get("q") or "").lower().split())    # "this  past" -> "this past"
        skip = whole.index(g["w"], len(g["q"])) if q in ("on", "since", "until", "by") else 0
        rel = _relative_meaning(g["rel"])[1] if g.get("rel") else None
        return [Found(whole[skip:], base + skip, base + len(whole), "weekday",
                      weekday=voc["weekday"][g["w"]], qualifier=q, today_offset=rel)]
    if kind == "ago":
        n = g["n"].lower()
        n = int(n) if n.isdigit() else voc["numbers"][" ".join(n.split())]
        unit = _cal()["ago_units"][g["u"].lower()]
        if isinstance(unit, list):                    # a fortnight: two weeks
            unit, n = unit[0], n * unit[1]
        return [F("relative", rel=(unit, -n, ""))]
    if kind == "time":
        return [F("time")]
    if kind == "counted":
        return [F("relative", rel=r) for r in [offsets.rel(g, voc["numbers"])] if r]
    if kind == "relative":
        if " " not in g["r"] and g["r"][0].isupper() and _after_capitalised_word(text, base):
            return []                     # "Pakistan Today": a name, not a date
        return [F("relative", rel=_relative_meaning(g["r"]))]
    return []


def _hijri_day_ok(hm: int, d: int) -> bool:
    return 1 <= d <= (31 if hm <= 6 else 30)


def _hijri_exists(y: int | None, hm: int, d: int) -> bool:
    """Whether the Solar Hijri day exists in year ``y`` (30 Esfand only in leap years;
    any year will do when none is written)."""
    if y is None:
        return True
    try:
        jdatetime.date(y, hm, d)
    except ValueError:
        return False
    return True


def range_years(y: int | None, start: tuple[int, int], end: tuple[int, int],
                year_ends: bool = True, year: int | None = None) -> tuple[int | None, int | None]:
    """Years of a range's first and last (month, day): ``year`` (chosen for a yearless
    range) is the first day's; the year ``y`` written after it is the last day's when
    ``year_ends`` ("December 30 to January 2, 2025" began in 2024), else the first's
    (Solar Hijri: "29 Hut to 2 Hamal 1403" runs into 1404)."""
    wraps = end < start
    if year is None and year_ends and y is not None:
        return (y - 1 if wraps else y), y
    y = y if year is None else year
    return y, (y + 1 if y is not None and wraps else y)


def _after_capitalised_word(text: str, pos: int) -> bool:
    before = text[max(0, pos - 40):pos].rstrip()
    return bool(before) and before[-1].isalpha() and bool(re.search(r"\b[A-Z][\w’'-]*$", before))


def _relative_meaning(phrase: str) -> tuple:
    r = _vocab()["relative"][" ".join(phrase.lower().split())]
    if "span" in r:
        return ("span", r["span"][0], r["span"][1])
    return (r["unit"], r["offset"], r.get("part", ""))
