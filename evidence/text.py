"""Small text helpers shared by the parsing modules (one place, no copies).

Everything here is pure and deterministic: paragraphs, sentences, words and
the knowledge-file loader. Offsets are character offsets into the string given.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import yaml

from evidence import paths

# Sentence-final punctuation, optionally followed by closing quotes/brackets.
TERMINAL = ".!?…"
CLOSERS = "\"'”’)]»"
# Abbreviations that end with a period but do not end a sentence (and a capital alone).
ABBREVIATIONS = ("Mr Mrs Ms Dr Gen Lt Col Maj Capt Sgt Prof Sen Rep Gov St Jr Sr No Nos vs etc "
                 "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec U.S U.K U.N").split()
_ABBREV = re.compile(r"(?:\b(?:" + "|".join(map(re.escape, ABBREVIATIONS)) + r"|[A-Z])\.)$")
# A clock time's "a.m." / "p.m." ends a sentence only when a word that opens sentences
# follows it ("at 5 p.m. The talks ended"); before a name or a time zone ("6:00 p.m.
# Pakistan time", "1 p.m. GMT") the sentence goes on.
_CLOCK_END = re.compile(r"(?i:\b[ap]\.m\.)$")


def _closing(words: list[str]) -> str:
    """Look-behinds true just after a full stop that closes one of ``words`` (a word of
    its own), one per length: a look-behind must have a fixed width."""
    by_length: dict[int, list[str]] = {}
    for w in words:
        by_length.setdefault(len(w), []).append(re.escape(w))
    return "|".join(rf"(?<=\b(?:{'|'.join(ws)})\.)" for _, ws in sorted(by_length.items()))


# A sentence's closing marks, perhaps closing quotes or brackets, then the next sentence or
# the end. The first mark is written apart ("[.!?…][.!?…]*", the same as "[.!?…]+"):
# a pattern opening with a character class lets the regex engine skip to the next mark
# instead of trying the whole pattern at every character. Right after it, two empty
# groups say whether that mark is a full stop closing an abbreviation (group 1:
# ``_ABBREV``) or an "a.m."/"p.m." (group 2: ``_CLOCK_END``), so most marks need no
# second search; both look back past the match's start (``sentences``).
# Optional groups are written "(?:(...)|)": the same as "(...)?", without the repeat
# ``re`` opens (allocating its state) for each "?" of more than one character.
_END_REST = (r"(?:(" + _closing(ABBREVIATIONS) + r"|(?<=\b[A-Z]\.))|)" r"(?:((?<=\b[aApP]\.[mM]\.))|)"
             r"[.!?…]*[\"'”’)\]»]*(?:(?=\s+[\"'“‘(\[«]*[A-Z0-9])|\s*$)")
_SENTENCE_END = re.compile(r"[.!?…]" + _END_REST)
# The same where no mark but the full stop occurs: a pattern opening with one character
# lets the regex engine look for that character alone, far faster than testing a class.
_FULL_STOP_END = re.compile(r"\." + _END_REST)
_LOOK_BACK = 5      # the farthest those groups look back from the mark
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[«]*([A-Za-z]+)")
SENTENCE_OPENERS = frozenset(
    "The A An This That These Those It Its He She They We I You His Her Their Our Your "
    "In On At By For From With Without After Before During Since Until When While As If "
    "But And Yet So However Meanwhile Earlier Later Then There Here Both Neither Some Many "
    "According Officials Sources Police Witnesses No Nothing One Two Three".split())
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
MONTHS = {name: i for i, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
     ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
     ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")), start=1) for name in names}


# libyaml's loader where PyYAML was built with it: the same data, read ~8x faster.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def knowledge(name: str) -> dict:
    """Load ``data/knowledge/<name>`` once per process."""
    path = Path(paths.KNOWLEDGE) / name
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_YAML_LOADER)


def words(text: str) -> list[str]:
    return WORD.findall(text)


_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\S\n]*[^\s][^\n]*)*")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: runs of text separated by blank lines."""
    return _paragraphs(text, 0, len(text))


def _paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``paragraphs`` of text[start:end], in offsets of ``text`` (no slice copied: the
    pattern has no anchor or look-around, so it reads the range as it reads a slice).
    A range without a line break is one match of the pattern, if not empty: taken as
    it is (the dates' sentences are asked of such paragraphs, ~9 K instructions each)."""
    if text.find("\n", start, end) < 0:
        spans: Iterator[tuple[int, int]] | list[tuple[int, int]] = [(start, end)] if start < end else []
    else:
        spans = (m.span() for m in _PARAGRAPH.finditer(text, start, end))
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            yield start, end


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``; never crosses a paragraph.
    A full stop closing an abbreviation, or an "a.m." the sentence runs on after, ends
    none: the groups of ``_SENTENCE_END`` say so, except near a paragraph's start, where
    they may look into the text before it and ``_ABBREV`` / ``_CLOCK_END`` are asked."""
    end = len(text) if end is None else end
    ends = _FULL_STOP_END if text.find("!", start, end) < 0 and text.find("?", start, end) < 0 \
        and text.find("…", start, end) < 0 else _SENTENCE_END
    for p_start, p_end in _paragraphs(text, start, end):
        cursor = p_start
        for m in ends.finditer(text, p_start, p_end):
            if m.start() - p_start < _LOOK_BACK:
                if _ABBREV.search(text, max(p_start, m.start() - 6), m.start() + 1) \
                        or _clock_goes_on(text, m, p_start, p_end):
                    continue
            else:
                abbreviation, clock = m.groups()
                if abbreviation is not None or (clock is not None and _runs_on(text, m, p_end)):
                    continue
            yield cursor, m.end()
            cursor = m.end()
            while cursor < p_end and text[cursor].isspace():
                cursor += 1
        if cursor < p_end:
            yield cursor, p_end


def _clock_goes_on(text: str, m: re.Match, p_start: int, p_end: int) -> bool:
    """Whether the full stop matched at ``m`` closes a clock time's "a.m."/"p.m." that
    the sentence runs on after (the next word does not open a sentence)."""
    if not _CLOCK_END.search(text, max(p_start, m.start() - 4), m.start() + 1):
        return False
    return _runs_on(text, m, p_end)


def _runs_on(text: str, m: re.Match, p_end: int) -> bool:
    """After a clock time's "a.m."/"p.m." matched alone at ``m``: whether the sentence runs
    on (the next word does not open a sentence)."""
    if m.group(0) != ".":
        return False
    nxt = _NEXT_WORD.match(text, m.end(), p_end)
    return nxt is not None and nxt.group(1) not in SENTENCE_OPENERS


_QUOTATION = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")


def lower_keeping_offsets(text: str) -> str:
    """``text.lower()`` with every character lower-cased to one, so that an offset in it
    is the same offset in ``text``: "İ", the one character whose lower case is two ("i"
    and a combining dot), becomes "i", as a case-ignoring regex matches it."""
    low = text.lower()
    if len(low) != len(text):
        low = text.replace("\u0130", "i").lower()
    if len(low) != len(text):        # (another such character: each to its first)
        low = "".join(lc[0] if (lc := c.lower()) else c for c in text)
    return low


def char_positions(text: str, chars: str) -> list[int]:
    """Offsets of every occurrence of each of ``chars`` in ``text``, in order, found with
    ``str.find`` one character at a time: for a few characters, a fraction of the cost
    of a regex search, which tests every character of the text against their class."""
    out = []
    for ch in chars:
        i = text.find(ch)
        while i != -1:
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


def matches_at(pattern: re.Pattern, text: str, marks: str) -> list[re.Match]:
    """What ``pattern.finditer(text)`` finds, for a pattern whose every match opens with
    one of ``marks``: tried only where a mark stands (``char_positions``), which spares
    the regex engine's test of every character of the text."""
    found, done = [], 0
    for i in char_positions(text, marks):
        if i >= done:
            m = pattern.match(text, i)
            if m is not None:
                found.append(m)
                done = m.end()
    return found


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in curly or straight double quotes within a line
    (asked of every text parsed)."""
    return [m.span() for m in matches_at(_QUOTATION, text, "“\"")]


def ends_sentence(line: str) -> bool:
    """True when ``line`` ends like a finished sentence (closing quotes allowed)."""
    stripped = line.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


def content_words(text: str, stop: frozenset[str]) -> set[str]:
    return {w.lower() for w in words(text) if w.lower() not in stop and len(w) > 2}


_MONTH = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_SIMPLE_DATES = (
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[/.](?P<mnum>\d{1,2})[/.](?P<day>\d{1,2})\b"),
    # with dots the day comes first ("07.11.2025"); a slashed 07/11/2025 is either order
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b"),
)


def simple_date(text: str) -> dt.date | None:
    """The first plain calendar date in ``text`` ("02 January 2024", "Oct 30, 2025",
    "2025-10-30", "2025/10/30", "30.10.2025"), or None. For labelled dates such as page headers, not prose."""
    for pattern in _SIMPLE_DATES:
        m = pattern.search(text)
        if not m:
            continue
        month = MONTHS[m["mon"].lower()] if m.groupdict().get("mon") else int(m["mnum"])
        try:
            return dt.date(int(m["year"]), month, int(m["day"]))
        except ValueError:
            continue
    return None
