"""Date mentions: absolute dates and ranges, month-years, years in a date context,
weekdays, relative phrases ("next week", "late Thursday") and Solar Hijri dates.

Two steps, so that ``pubdate`` can reason over what a text literally says before
any publication date is known:

    scan(text)              -> [Found]        what each mention says (month, day,
                                                year or None, weekday, relative
                                                meaning, tense of its clause)
    resolve(found, pub)     -> [DateMention]  dates, against the publication date
                                                (an interval when it is unsure) or,
                                                without one, the text's own years
    find_dates(text, pub) = resolve(scan(text), pub)

Vocabulary (month and weekday names, Hijri months, relative phrases, tense
markers) is data in ``data/knowledge/calendar.yml``. Everything is regex based
and precompiled; nothing here calls dateparser.
"""
from __future__ import annotations

import bisect
import calendar as _calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import jdatetime

from evidence.read import arabic_script, firstline
from evidence.model import DateMention, PubDate
from evidence.text import knowledge, sentences

DAY = dt.timedelta(days=1)
_BRACKET = re.compile(r"\s*[(\[]\s*")
YEAR_SLACK = dt.timedelta(days=2)   # a "past" date may lie this far after the pub date
MAX_ENUMERATE = 400                 # days; wider publication intervals leave weekdays open


@dataclass(slots=True)
class Found:
    """One mention as written, before resolution. Hijri dates keep Hijri y/m/d.
    (Treat as read-only; not frozen only because setting context after building
    is much faster than ``dataclasses.replace``.)"""
    text: str
    start: int
    end: int
    kind: str                       # date | range | month | year | weekday | relative | hijri
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
    """Regex alternation, longest first; spaces match any whitespace."""
    parts = sorted({w for w in words}, key=lambda w: (-len(w), w))
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


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
def _patterns() -> tuple[re.Pattern, dict[str, re.Pattern]]:
    cal, voc = _cal(), _vocab()
    M = r"\b(?:" + "|".join(sorted(voc["month"], key=lambda w: (-len(w), w))) + r")\b\.?"
    W = r"\b(?:" + "|".join(sorted(voc["weekday"], key=lambda w: (-len(w), w))) + r")\b"
    H = r"\b(?:" + "|".join(sorted(voc["hijri"], key=lambda w: (-len(w), w))) + r")\b"
    D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
    Y = r"(?:19|20)\d\d(?!\d)"
    HY = r"1[34]\d\d(?!\d)"
    TO = r"\s*(?:-|–|—|\bto\b|\bthrough\b|\buntil\b|\btill\b)\s*"
    AND = r"\s*(?P<conn>-|–|—|\bto\b|\bthrough\b|\buntil\b|\btill\b|\band\b)\s*"
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
        ("numeric", r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>(?:19|20)\d\d)\b"),
        ("range_mdmd", rf"(?P<m>{M})\s+(?P<d>{D}){TO}(?P<m2>{M})\s+(?P<d2>{D})(?:,?\s+(?P<y>{Y}))?"),
        ("range_dmdm", rf"\b(?P<d>{D})\s+(?P<m>{M}){TO}(?P<d2>{D})\s+(?P<m2>{M})(?:,?\s+(?P<y>{Y}))?"),
        ("range_md", rf"(?P<m>{M})\s+(?P<d>{D}){AND}(?P<d2>{D})(?:,?\s+(?P<y>{Y}))?"),
        ("range_dm", rf"\b(?P<d>{D}){AND}(?P<d2>{D})\s+(?:of\s+)?(?P<m>{M})(?:,?\s+(?P<y>{Y}))?"),
        ("hijri_range_dmdm", rf"\b(?P<d>{D})\s+(?P<h>{H}){TO}(?P<d2>{D})\s+(?P<h2>{H})(?:,?\s+(?P<y>{HY}))?"),
        ("hijri_range_mdmd", rf"(?P<h>{H})\s+(?P<d>{D}){TO}(?P<h2>{H})\s+(?P<d2>{D})(?:,?\s+(?P<y>{HY}))?"),
        ("hijri_range_dm", rf"\b(?P<d>{D}){TO}(?P<d2>{D})\s+(?P<h>{H})(?:,?\s+(?P<y>{HY}))?"),
        ("hijri_range_md", rf"(?P<h>{H})\s+(?P<d>{D}){TO}(?P<d2>{D})(?:,?\s+(?P<y>{HY}))?"),
        ("hijri_dm", rf"\b(?P<d>{D})\s+(?P<h>{H})(?:,?\s+(?P<y>{HY}))?"),
        ("hijri_md", rf"(?P<h>{H})\s+(?P<d>{D})(?:,?\s+(?P<y>{HY}))?"),
        ("md", rf"(?:(?P<w>{W}),?\s+)?(?P<m>{M})\s+(?P<d>{D})(?:,?\s+(?P<y>{Y}))?"),
        ("dm", rf"(?:(?P<w>{W}),?\s+)?\b(?:the\s+)?(?P<d>{D})\s+(?:of\s+)?(?P<m>{M})(?:,?\s+(?P<y>{Y}))?"),
        ("my", rf"(?P<m>{M}),?\s+(?P<y>{Y})"),
        ("today_weekday", rf"\b{rel_today}(?:,\s*|\s*\(\s*)(?P<w>{W})\)?"),
        ("weekday", rf"(?:\b(?P<q>{quals})\s+)?(?P<w>{W})(?P<poss>['’]s)?(?:\s+(?P<part>{parts})\b)?"
                    rf"(?:\s*\(\s*{rel_today}\s*\))?"),
        ("ago", rf"\b(?P<n>\d{{1,2}}|{nums})\s+(?P<u>{units})\s+(?i:ago)\b"),
        ("relative", rf"\b(?P<r>{relative})(?:['’]s)?\b"),
        ("year", rf"\b(?P<ctx>{years_ctx})\s+(?:(?i:early|late|mid)-?\s*)?(?P<y>{Y})\b(?![-–/]\d|\s*%)"),
        ("month", rf"\b(?P<ctx>{month_ctx})\s+(?P<m>{M})(?!\s*\d)"),
    ]
    return _combined(tuple(kinds)), {k: re.compile(p) for k, p in kinds}


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@lru_cache(maxsize=None)
def _combined(kinds: tuple[tuple[str, str], ...]) -> re.Pattern:
    """One pattern trying ``kinds`` in order, each as a group named after its kind.
    Every alternative starts at a word start: checking that first is cheap."""
    return re.compile(r"\b(?=\w)(?:" + "|".join(f"(?P<{k}>{_NAMED_GROUP.sub('(?:', p)})"
                                                for k, p in kinds) + ")")


# Which alternatives can start with which kind of word (order kept from _patterns).
_STARTS = {
    "digit": {"iso", "numeric", "range_dmdm", "range_dm", "hijri_range_dmdm", "hijri_range_dm",
              "hijri_dm", "dm", "ago"},
    "month": {"range_mdmd", "range_md", "md", "my"},
    "weekday": {"md", "dm", "weekday"},
    "hijri": {"hijri_range_mdmd", "hijri_range_md", "hijri_md"},
}


@lru_cache(maxsize=1)
def _opener_kinds() -> dict[str, frozenset[str]]:
    """Lower-case words that can open a mention -> the alternatives they open."""
    cal, voc = _cal(), _vocab()
    out: dict[str, set[str]] = {}

    def add(phrase: str, kind: str) -> None:
        out.setdefault(phrase.split()[0].lower().rstrip("-"), set()).add(kind)
    for w in ("today", "yesterday", "tomorrow"):
        add(w, "today_weekday")
    for q in cal["weekday_qualifiers"]:
        add(str(q), "weekday")
    for n in voc["numbers"]:
        add(n, "ago")
    for r in voc["relative"]:
        add(r, "relative")
    for w in cal["year_context"]:
        add(w, "year")
        if w not in ("from", "after", "before"):
            add(w, "month")
    add("the", "dm")
    add("mid", "year")
    return {k: frozenset(v) for k, v in out.items()}


def _pattern_at(text: str, c: int) -> re.Pattern | None:
    """The combined pattern restricted to the alternatives that can start with
    the word at ``c`` (None when none can): same matches, far fewer tries."""
    if text[c].isdigit():
        return _sub_pattern(frozenset(_STARTS["digit"]))
    w = _WORD.match(text, c)
    return None if w is None else _pattern_for_word(w.group(0))


@lru_cache(maxsize=4096)
def _pattern_for_word(word: str) -> re.Pattern | None:
    """``_pattern_at`` for a word (memoised: the same few words open most mentions)."""
    voc = _vocab()
    wanted = set(_opener_kinds().get(word.lower(), ()))
    for cls in ("month", "weekday", "hijri"):
        if word in voc[cls]:
            wanted |= _STARTS[cls]
    return _sub_pattern(frozenset(wanted)) if wanted else None


@lru_cache(maxsize=None)
def _sub_pattern(wanted: frozenset[str]) -> re.Pattern:
    _, kinds = _patterns()
    return _combined(tuple((k, p.pattern) for k, p in kinds.items() if k in wanted))


@lru_cache(maxsize=1)
def _tense_words() -> dict:
    t = _cal()["tense"]
    phrase = lambda p: tuple(_TOKEN.findall(p.lower()))  # noqa: E731
    return {"future": {phrase(p) for p in t["future"]}, "past": {phrase(p) for p in t["past"]},
            "passive": set(t["passive_auxiliaries"]), "not_past": set(t["not_past"])}


_TOKEN = re.compile(r"[a-z]+|['’]ll\b", re.I)


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
    _, kinds = _patterns()
    out: list[Found] = []
    paragraphs: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}
    for m in _matches(text):
        for item in _build(m.lastgroup, kinds[m.lastgroup].fullmatch(m.group(0)).groupdict(),
                           m.start(), m.group(0), text):
            item.sentence = sentence_around(text, item.start, item.end, paragraphs)
            item.dateline = (item.kind == "date" and is_dateline(text, item.start, item.end)) \
                or firstline.place_date(text, item)
            # a dateline dates the story; the verbs after it are not about it
            item.tense = "" if item.dateline else \
                tense_at(text, item.sentence[0], item.start, item.end, item.sentence[1])
            item.paired = bool(out) and _BRACKET.fullmatch(text, out[-1].end, item.start) is not None
            out.append(item)
    return out


def _matches(text: str):
    """Matches of the combined pattern, tried only around triggers."""
    master, _ = _patterns()
    done = 0
    for h in _trigger_positions(text):
        if h < done:
            continue
        m = _match_covering(master, text, h, done)
        if m is not None:
            done = m.end()
            yield m


# "ISTANBUL, Oct 31 (Reuters) -", "ISLAMABAD, Pakistan, Nov 7, 2025:", "KABUL, Nov 2 (AFP) —":
# an upper-case place opening a line, the date, perhaps the agency, then a dash or colon.
_DATELINE_PLACE = re.compile(r"[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][A-Za-z .]+)?")
_DATELINE_END = re.compile(r"\s*(?:\([^()\n]{1,40}\))?\s*[-–—:]")


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether the date at text[start:end] is a dateline's date."""
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start].rstrip(", \t")
    return (bool(lead) and _DATELINE_PLACE.fullmatch(lead) is not None
            and _DATELINE_END.match(text, end) is not None)


def scan_full(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every match of the combined pattern over the whole text."""
    master, _ = _patterns()
    return [(m.start(), m.end(), m.group(0)) for m in master.finditer(text)]


_WORD = re.compile(r"\b\w+")


@lru_cache(maxsize=1)
def _triggers() -> tuple[frozenset, tuple[str, ...], frozenset, int]:
    cal, voc = _cal(), _vocab()
    names = frozenset(voc["month"]) | frozenset(voc["weekday"]) | frozenset(voc["hijri"])
    keywords = {max(p.split(), key=len) for p in voc["relative"]} | {"ago"}
    openers = {p.split()[0] for p in voc["relative"]} | set(voc["numbers"]) \
        | {str(q) for q in cal["weekday_qualifiers"]} | {w.split()[0] for w in cal["year_context"]} \
        | {"the", "mid"}
    lead = max(len(p) for p in voc["relative"]) + 8
    return names, tuple(sorted(keywords)), frozenset(w.lower().rstrip("-") for w in openers), lead


_CAPITALISED = re.compile(r"[A-Z][A-Za-z]+")
_NUMBER = re.compile(r"[0-9]+")


def _find_words(text: str, needle: str, out: list[int], whole_word: bool) -> None:
    """Where ``needle`` starts a word (and, if ``whole_word``, also ends one). A keyword
    inside a word ("over" in "governments") opens no mention: every alternative starts
    at a word start, and a match running through such a word would hold another
    trigger, so those hits only cost failed tries."""
    i, n = text.find(needle), len(needle)
    while i != -1:
        if (i == 0 or not text[i - 1].isalnum()) \
                and not (whole_word and text[i + n:i + n + 1].isalpha()):
            out.append(i)
        i = text.find(needle, i + n)


def _trigger_positions(text: str) -> list[int]:
    names, keywords, _, _ = _triggers()
    hits = [m.start() for m in _NUMBER.finditer(text)
            if (len(m.group(0)) <= 2 or m.group(0)[:2] in ("19", "20"))
            and not text[m.start() - 1:m.start()].isalpha()]
    for name in names.intersection(_CAPITALISED.findall(text)):
        _find_words(text, name, hits, True)
    low = text.lower()
    for kw in keywords:
        _find_words(low, kw, hits, False)
    hits.sort()
    return hits


def _match_covering(master: re.Pattern, text: str, h: int, done: int):
    """The first match starting at an opener word shortly before ``h`` (or at ``h``)
    that reaches past ``h``."""
    _, _, openers, lead = _triggers()
    a = max(done, h - lead)
    starts = [w.start() for w in _WORD.finditer(text, a, h) if w.group(0).lower() in openers] \
        if not text[a:h].isspace() else []
    for c in starts + [h]:
        pattern = _pattern_at(text, c)
        m = pattern.match(text, c) if pattern is not None else None
        if m is not None and m.end() > h:
            return m
    return None


def _num(s: str | None) -> int | None:
    return int(re.match(r"\d+", s).group(0)) if s else None


def _valid(y, m, d) -> bool:
    if m is None or not 1 <= m <= 12 or d is None:
        return m is not None and 1 <= m <= 12
    return 1 <= d <= (_calendar.monthrange(y or 2000, m)[1])


def _build(kind: str, g: dict, base: int, whole: str, text: str) -> list[Found]:
    voc = _vocab()
    mon = lambda s: voc["month"][s.rstrip(".")] if s else None  # noqa: E731
    F = lambda k, **kw: Found(whole, base, base + len(whole), k, **kw)  # noqa: E731
    if kind == "iso":
        y, m, d = int(g["y"]), int(g["m"]), int(g["d"])
        return [F("date", y=y, m=m, d=d)] if _valid(y, m, d) else []
    if kind == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        if a == b or (a > 12 >= b):
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
        if not (_valid(y, m1, d1) and _valid(y, m2, d2)):
            return []
        if m1 == m2 and d2 <= d1:
            return []
        if (g.get("conn") or "").lower() == "and" and d2 != d1 + 1:
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
            return [F("hijri", y=y, m=hm, d=d, y2=y, m2=hm2, d2=d2)]
        return [F("hijri", y=y, m=hm, d=d)]
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
        q = (g.get("q") or "").lower()
        skip = whole.index(g["w"], len(g["q"])) if q in ("on", "since", "until", "by") else 0
        rel = _relative_meaning(g["rel"])[1] if g.get("rel") else None
        return [Found(whole[skip:], base + skip, base + len(whole), "weekday",
                      weekday=voc["weekday"][g["w"]], qualifier=q, today_offset=rel)]
    if kind == "ago":
        n = g["n"].lower()
        n = int(n) if n.isdigit() else voc["numbers"][" ".join(n.split())]
        unit = _cal()["ago_units"][g["u"].lower()]
        return [F("relative", rel=(unit, -n, ""))]
    if kind == "relative":
        if " " not in g["r"] and g["r"][0].isupper() and _after_capitalised_word(text, base):
            return []                     # "Pakistan Today": a name, not a date
        return [F("relative", rel=_relative_meaning(g["r"]))]
    return []


def _hijri_day_ok(hm: int, d: int) -> bool:
    return 1 <= d <= (31 if hm <= 6 else 30)


def _after_capitalised_word(text: str, pos: int) -> bool:
    before = text[max(0, pos - 40):pos].rstrip()
    return bool(before) and before[-1].isalpha() and bool(re.search(r"\b[A-Z][\w’'-]*$", before))


def _relative_meaning(phrase: str) -> tuple:
    r = _vocab()["relative"][" ".join(phrase.lower().split())]
    if "span" in r:
        return ("span", r["span"][0], r["span"][1])
    return (r["unit"], r["offset"], r.get("part", ""))


def sentence_around(text: str, start: int, end: int, cache: dict | None = None) -> tuple[int, int]:
    """(start, end) of the sentence holding text[start:end] (``cache`` keeps the
    sentences of each paragraph already split)."""
    cache = {} if cache is None else cache
    p0 = text.rfind("\n\n", 0, start) + 1
    if p0 not in cache:
        p1 = text.find("\n\n", end)
        spans = list(sentences(text, p0, len(text) if p1 < 0 else p1)) or [(start, end)]
        cache[p0] = ([a for a, _ in spans], spans)
    starts, spans = cache[p0]
    s0, s1 = spans[max(0, bisect.bisect_right(starts, start) - 1)]
    if not s0 <= start < s1:
        s0, s1 = start, end
    return s0, max(s1, end)


def tense_at(text: str, s0: int, start: int, end: int, s1: int) -> str:
    """past | future | "" for a date at text[start:end] in the sentence text[s0:s1]:
    the nearest tense marker before it, else the first one after it."""
    before = [w.lower() for w in _TOKEN.findall(text, s0, start)]
    for i in range(len(before) - 1, -1, -1):
        found = _marker_ending(before, i)
        if found:
            return found
    after = [w.lower() for w in _TOKEN.findall(text, end, s1)]
    for i in range(len(after)):
        found = _marker_ending(after, i)
        if found:
            return found
    return ""


def _marker_ending(words: list[str], i: int) -> str:
    """The tense marked by a calendar.yml phrase of up to three words ending at
    words[i], or by an -ed form there that is not a passive participle."""
    tw = _tense_words()
    for size in (3, 2, 1):
        if i + 1 < size:
            continue
        phrase = tuple(words[i + 1 - size:i + 1])
        passive = i >= size and words[i - size] in tw["passive"]
        if phrase in tw["future"]:
            return "future"
        if phrase in tw["past"]:
            return "" if passive else "past"
    w = words[i]
    if len(w) > 4 and w.endswith("ed") and not w.endswith("eed") and w not in tw["not_past"] \
            and not (i and words[i - 1] in tw["passive"]):
        return "past"
    return ""


# --------------------------------------------------------------------------- resolve

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


def resolve(found: list[Found], pub: PubDate | None, anchor: dt.date | None = None) -> list[DateMention]:
    """Dates for each mention. Yearless dates take their year from the publication
    interval (with the tense of their clause), else from ``anchor``, else from the
    nearest explicit date in the same text; relative ones need the publication date."""
    bounds = pub_bounds(pub)
    explicit = [(f.start, gregorian(f)[0]) for f in found if f.has_year and f.kind in ("date", "range", "hijri")]
    out: list[DateMention] = []
    previous: DateMention | None = None
    for f in found:
        ref = bounds
        use_tense = True
        if ref is None:
            near = anchor or _nearest(explicit, f.start)
            ref, use_tense = ((near, near), False) if near else (None, False)
        if f.paired and not f.has_year and previous is not None and previous.date_start:
            ref, use_tense = (previous.date_start, previous.date_start), False
        start, end, precision = _dates_for(f, ref, f.tense if use_tense else "")
        method = {"date": "absolute", "month": "absolute", "year": "absolute"}.get(f.kind, f.kind)
        mention = DateMention(f.text, f.start, f.end, start, end,
                              precision if start else "unresolved", method)
        out.append(mention)
        previous = mention
    return out


def _nearest(explicit: list[tuple[int, dt.date]], pos: int) -> dt.date | None:
    return min(explicit, key=lambda e: (abs(e[0] - pos), e[0]))[1] if explicit else None


def gregorian(f: Found, year: int | None = None) -> tuple[dt.date, dt.date]:
    """Start and end dates of a mention, with its own year or ``year`` (a Hijri
    year for Hijri mentions); Hijri dates converted. ValueError if impossible."""
    y = f.y if year is None else year
    if f.kind == "hijri":
        g = to_gregorian(y, f.m, f.d)
        if f.d2 is None:
            return g, g
        return g, to_gregorian(y + (1 if (f.m2, f.d2) < (f.m, f.d) else 0), f.m2, f.d2)
    if f.kind == "range":
        end_year = y + (1 if (f.m2, f.d2) < (f.m, f.d) else 0)
        return dt.date(y, f.m, f.d), dt.date(end_year, f.m2, f.d2)
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
    if f.kind == "relative":
        a, b = relative_dates(f.rel, lo), relative_dates(f.rel, hi)
        same = a == b and f.rel[0] != "span" and not f.rel[2]
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


def weekday_after(x: dt.date, wd: int) -> dt.date:
    return x + dt.timedelta(days=(wd - x.weekday() - 1) % 7 + 1)


def weekday_occurrence(f: Found, x: dt.date) -> dt.date:
    """The day a weekday mention names when the publication date is ``x``:
    past (the default in news) = on or before x, future = after x."""
    q = _cal()["weekday_qualifiers"].get(f.qualifier, {})
    tense = q.get("tense") or f.tense or "past"
    if tense == "future":
        return weekday_after(x, f.weekday)
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
    return s, e


def event_from_pub(rel: tuple, d: dt.date) -> tuple[dt.date, dt.date] | None:
    """The publication dates for which relative expression ``rel`` names a period
    containing the date ``d`` (the inverse of ``relative_dates``), or None."""
    if rel[0] == "span":
        return None
    unit, offset, part = rel
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
