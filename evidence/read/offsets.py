"""Counted offsets and the day a narrative is on. "Two days earlier", "48 hours later",
"a week after the Doha agreement" count from a day: an adverb ("earlier", "later")
from the day the narrative is on, a preposition ("after", "before") from the occasion
its object names. ``link`` says, for each mention counted from another day (these, the
anaphoric "the previous day", "earlier in the day", clock times), which mention names
that day: one in its own sentence (for a clock time the nearest, else the last before
it), else the last day named in the preceding sentence (a background date farther
back is not the day the narrative is on), else the story's own day; for a counted
offset with an object, a day inside that object, else the day it stands in apposition
to ("on Saturday, a week after the truce"), else the day mention whose own words share
most of the object's occasions (kinds of ``occasion_words``) and distinctive words
(the nearest before it on a tie), left unresolved when none shares any.
``PATTERN`` is one alternative of ``date_scan``'s combined pattern."""
from __future__ import annotations

import re
from evidence.read.tense import sentence_around
from evidence.text import ends_sentence, knowledge

STORY = -1          # Found.anchor: counted from the story's own day
UNSURE = -2         # Found.anchor: counted from an occasion no mention dates
ANCHORED_PARTS = ("anaphoric", "that_day", "that_night", "counted", "counted_on")
DAY_KINDS = ("date", "weekday", "hijri")
OBJECT_CHARS = 80   # how far the object of "a week after ..." is read
DISTINCT_MAX = 5    # a word said this often or less in the story is distinctive


def pattern(numbers: str) -> str:
    """The regex of a counted offset ("two days earlier", "48 hours later", "a week
    after"); ``numbers``: the alternation of number words."""
    units = "|".join(knowledge("calendar.yml")["counted_units"])
    return (rf"\b(?P<n>\d{{1,3}}|{numbers})\s+(?P<u>(?i:{units}))\s+"
            rf"(?P<dir>(?i:{'|'.join(DIRECTIONS)}))\b")


def rel(g: dict, numbers: dict[str, int]) -> tuple | None:
    """(day, ±days, part) of a counted offset; None for a vague count ("a few days",
    "several weeks") or hours that are no whole number of days."""
    word = " ".join(g["n"].lower().split())
    if word in knowledge("calendar.yml")["vague_numbers"]:
        return None
    n = int(word) if word.isdigit() else numbers[word]
    hours = n * knowledge("calendar.yml")["counted_units"][g["u"].lower()]
    days, rest = divmod(hours, 24)
    if rest or days <= 0:
        return None
    back = g["dir"].lower() in ("earlier", "before", "previously")
    part = "counted" if g["dir"].lower() in ("before", "after") else "counted_on"
    return ("day", -int(days) if back else int(days), part)


def anchored(f) -> bool:
    return f.kind == "time" or (f.kind == "relative" and len(f.rel) > 2
                                and f.rel[2] in ANCHORED_PARTS)


def _is_day(g) -> bool:
    """A mention naming one day: a date, a weekday, "yesterday", "two days earlier"."""
    return (g.kind in DAY_KINDS and not g.is_range) or (g.kind == "relative" and g.rel[0] == "day")


def link(text: str, found: list, paragraphs: dict) -> None:
    """Set ``anchor`` (the start of the mention naming the day counted from, STORY or
    UNSURE) on each mention of ``found`` counted from another day."""
    lead = None
    for i, f in enumerate(found):
        if not anchored(f):
            continue
        if f.kind == "relative" and f.rel[2] == "counted":
            f.anchor = _object_day(text, found, i)
            continue
        same = [g for g in found if _is_day(g) and g.sentence == f.sentence and g is not f
                and _main(text, g)]
        before = [g for g in same if g.end <= f.start]
        if f.kind == "time" and same:
            f.anchor = min(same, key=lambda g: min(abs(g.start - f.end), abs(f.start - g.end))).start
        elif before:
            f.anchor = before[-1].start
        else:
            prev = _previous_sentence(text, f.sentence[0], paragraphs)
            days = [g for g in found if _is_day(g) and prev and g.sentence == prev and _main(text, g)]
            if lead is None:
                lead = _lead_day(text, found)
            f.anchor = days[-1].start if days else (lead if lead < f.start else STORY)


def _lead_day(text: str, found: list) -> int:
    """The start of the day the story's news is on: its dateline's, else the first date
    or weekday in its lead (fewer than ``lead.LEAD_PARAGRAPHS`` paragraphs of prose
    before it), else STORY."""
    from evidence.read.lead import LEAD_PARAGRAPHS   # lead imports date_scan, which imports us
    dateline = next((g for g in found if g.dateline and not g.is_range), None)
    if dateline is not None:
        return dateline.start
    for g in found:
        if g.kind in DAY_KINDS and not g.is_range:
            prose = [p for p in text[:g.start].split("\n\n") if ends_sentence(p)]
            return g.start if len(prose) < LEAD_PARAGRAPHS else STORY
    return STORY


# A day in a background clause dates an earlier occasion the story recalls, not the
# day the narrative is on: after a relative pronoun ("the truce, which was reached on
# May 2"), in a "since ..." phrase, or after a noun a participle describes ("the truce
# reached in Doha on May 2", "the talks held in Oslo on ...": a participle of these
# transitive verbs followed by a preposition rather than an object).
_BACKGROUND = re.compile(
    r"\b(?:which|who|whom|whose|since)\b"
    r"|\b(?:the|a|an|its|their|this|that)\s+[\w-]+\s+(?:reached|signed|brokered|sealed|mediated|"
    r"announced|held|struck|agreed)\s+(?:in|at|by|last|earlier)\b", re.I)


def _main(text: str, g) -> bool:
    """Whether the day mention ``g`` stands in its sentence's main clause."""
    return _BACKGROUND.search(text, g.sentence[0], g.start) is None


def _previous_sentence(text: str, start: int, paragraphs: dict) -> tuple[int, int] | None:
    k = start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return sentence_around(text, k, k + 1, paragraphs) if k >= 0 else None


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")
_CLAUSE_END = re.compile(r"[,;:.!?()\n—–]")
_APPOSITION = re.compile(r"\s*(?:,|—|–|\s-)\s*")


def _object_day(text: str, found: list, i: int) -> int:
    """The mention dating what "a week after <object>" counts from, else UNSURE."""
    f = found[i]
    stop = _CLAUSE_END.search(text, f.end, min(len(text), f.end + OBJECT_CHARS))
    obj_end = stop.start() if stop else min(len(text), f.end + OBJECT_CHARS)
    nxt = found[i + 1] if i + 1 < len(found) else None
    if nxt is not None and nxt.start < obj_end and _is_day(nxt):
        return nxt.start                      # "three days after May 4", "... the truce of May 4"
    prev = found[i - 1] if i else None
    if prev is not None and prev.sentence == f.sentence and _is_day(prev) \
            and _APPOSITION.fullmatch(text, prev.end, f.start):
        f.rel = ("day", 0, f.rel[2])          # "on Saturday, a week after the truce": Saturday
        return prev.start
    kinds, stems = _marks(text, text[f.end:obj_end])
    if not kinds and not stems:
        return UNSURE
    scored = [(_shared(text, g, found, kinds, stems), g.end <= f.start, -abs(g.start - f.start),
               g.start)
              for g in found if _is_day(g) and g.sentence != f.sentence and not g.dateline]
    best = max(scored, default=None)
    return best[3] if best and best[0] else UNSURE


STEM = 5            # words sharing their first letters share a stem ("agreement", "agreed")


def _stems(words) -> set[str]:
    return {w.lower()[:STEM] for w in words}


def _marks(text: str, phrase: str) -> tuple[set[str], set[str]]:
    """The occasion kinds a phrase names and the stems of its distinctive words (no
    function word, said at most DISTINCT_MAX times in the text)."""
    from evidence.read import pubdate_anchors   # it imports date_scan, which imports us
    common = set(knowledge("calendar.yml")["function_words"])
    stems = _stems(w for w in _WORD.findall(phrase) if w.lower() not in common)
    counts: dict[str, int] = {}
    for w in _WORD.findall(text):
        stem = w.lower()[:STEM]
        if stem in stems:
            counts[stem] = counts.get(stem, 0) + 1
    return set(pubdate_anchors.kinds_in(phrase)), {s for s in stems if counts.get(s, 0) <= DISTINCT_MAX}


def _shared(text: str, g, found: list, kinds: set[str], stems: set[str]) -> int:
    """How many of the object's occasion kinds and distinctive stems the words of the
    day mention ``g`` (``pubdate_anchors.near``) share."""
    from evidence.read import pubdate_anchors
    around = pubdate_anchors.near(text, g, found)
    return len(kinds & set(pubdate_anchors.kinds_in(around))) + len(stems & _stems(_WORD.findall(around)))


DIRECTIONS = ("earlier", "later", "before", "after", "previously")
_UNIT_BEFORE = re.compile(r"\b(?:day|week|hour)s?\s+$")


def triggers(low: str) -> list[int]:
    """Where, in the lower-cased text, a counted offset ends in a word no other scan
    keyword flags ("a day after", "two weeks previously")."""
    out = []
    for needle in ("after", "previously"):
        i = low.find(needle)
        while i != -1:
            if _UNIT_BEFORE.search(low, max(0, i - 8), i):
                out.append(i)
            i = low.find(needle, i + 1)
    return out