"""Where ``date_scan`` tries its combined pattern (its triggers): every mention holds
one. Numbers that can be a day or a year, month / weekday / Hijri month names written
as words, the keyword of each relative phrase (its longest word; for a phrase that opens
with it only where the rest of the phrase follows: "that" only in "that day", not in
every "said that") and "ago", and the last words of counted offsets
(``offsets.triggers``). Names and numbers are found in one regex pass over the text,
keywords in one pass over its lower-case copy (a keyword per pass, as before, read the
text thirty times)."""
from __future__ import annotations

import re
from functools import lru_cache

from evidence.read import offsets
from evidence.text import char_positions

_CAPITALISED = re.compile(r"[A-Z][A-Za-z]+")


@lru_cache(maxsize=1)
def vocabulary() -> tuple[frozenset, tuple[str, ...], frozenset, int]:
    """(month / weekday / Hijri names, keywords, opener words (lower case) that may
    start a mention before its trigger, how far before a trigger a mention may start)."""
    from evidence.read import date_scan      # its vocabulary; it imports this module
    cal, voc = date_scan._cal(), date_scan._vocab()
    names = frozenset(voc["month"]) | frozenset(voc["weekday"]) | frozenset(voc["hijri"])
    keywords = {max(p.split(), key=len) for p in voc["relative"]} | {"ago"}
    openers = {p.split()[0] for p in voc["relative"]} | set(voc["numbers"]) \
        | {str(q) for q in cal["weekday_qualifiers"]} | {w.split()[0] for w in cal["year_context"]} \
        | {"the", "mid"}
    lead = max(len(p) for p in voc["relative"]) + 8
    return names, tuple(sorted(keywords)), frozenset(w.lower().rstrip("-") for w in openers), lead


def _follow(word: str, phrases: list[list[str]]) -> re.Pattern | None:
    """What must follow a keyword for it to be a trigger: the rest of its phrases, when
    every phrase it stands for opens with it and goes on (and it ends no counted
    offset, nor "ago"); None: nothing need follow."""
    if word == "ago" or word in offsets.DIRECTIONS or not phrases \
            or any(p[0] != word or len(p) == 1 for p in phrases):
        return None
    return re.compile(r"\s+(?:" + "|".join(r"\s+".join(map(re.escape, p[1:])) for p in phrases) + ")")


@lru_cache(maxsize=1)
def _keywords() -> tuple[tuple[str, re.Pattern | None], ...]:
    """Each keyword with what must follow it (``_follow``)."""
    from evidence.read import date_scan
    phrases: dict[str, list[list[str]]] = {}
    for p in date_scan._vocab()["relative"]:
        phrases.setdefault(max(p.split(), key=len), []).append(p.split())
    return tuple((k, _follow(k, phrases.get(k, []))) for k in vocabulary()[1])


def _numbers(text: str) -> list[int]:
    """Where a run of ASCII digits (a match of "[0-9]+") that can be a day or a year
    starts: at most two digits or starting 19/20, not after a letter. The runs are read
    from where the digits are (``char_positions``, cheaper than a regex search)."""
    digits = char_positions(text, "0123456789")
    out, k, n = [], 0, len(digits)
    while k < n:
        start = last = digits[k]
        k += 1
        while k < n and digits[k] == last + 1:
            last += 1
            k += 1
        if (last - start < 2 or text[start:start + 2] in ("19", "20")) \
                and not text[start - 1:start].isalpha():
            out.append(start)
    return out


def _find_words(text: str, needle: str, out: list[int], whole_word: bool,
                follow: re.Pattern | None = None) -> None:
    """Where ``needle`` starts a word (and, if ``whole_word``, also ends one; if
    ``follow``, is followed by it). A keyword inside a word ("over" in "governments")
    opens no mention: every alternative starts at a word start, and a match running
    through such a word would hold another trigger, so those hits only cost failed
    tries. ``str.find`` per needle: a regex alternation of them all was several times
    slower."""
    i, n = text.find(needle), len(needle)
    while i != -1:
        if (i == 0 or not text[i - 1].isalnum()) \
                and not (whole_word and text[i + n:i + n + 1].isalpha()) \
                and (follow is None or follow.match(text, i + n)):
            out.append(i)
        i = text.find(needle, i + n)


def positions(text: str) -> list[int]:
    """Where mentions may be, in order (a position may come twice): numbers of at most
    two digits or starting 19/20 not after a letter, names as whole words, keywords
    at a word's start."""
    names, _, _, _ = vocabulary()
    hits = _numbers(text)
    for name in names.intersection(_CAPITALISED.findall(text)):
        _find_words(text, name, hits, True)
    low = text.lower()
    for keyword, follow in _keywords():
        _find_words(low, keyword, hits, False, follow)
    hits += offsets.triggers(low)
    hits.sort()
    return hits
