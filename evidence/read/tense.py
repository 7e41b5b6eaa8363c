"""The sentence around a date mention and the tense of its clause (past, future or
unknown), from the tense markers in ``data/knowledge/calendar.yml``."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from evidence.read import word_openings
from evidence.text import knowledge, sentences


@lru_cache(maxsize=1)
def _tense_words() -> dict:
    t = knowledge("calendar.yml")["tense"]
    phrase = lambda p: tuple(_TOKEN.findall(p.lower()))  # noqa: E731
    return {"future": {phrase(p) for p in t["future"]}, "past": {phrase(p) for p in t["past"]},
            "passive": set(t["passive_auxiliaries"]), "not_past": set(t["not_past"]),
            "saying": set(t.get("saying", ())), "links": set(t.get("saying_date_links", ())),
            "determiners": set(t.get("determiners", ())),
            "between": set(t.get("between_auxiliary_and_participle", ())),
            "future_in_past": {phrase(p) for p in t.get("future_in_the_past", ())},
            # the words a marker phrase can end with (most words end none: no lookups)
            "last_words": {ph[-1] for key in ("future", "past", "future_in_the_past")
                           for ph in map(phrase, t.get(key, ())) if ph}}


NO_TENSE = "-"      # a marker that leaves the tense open and ends the search

# A word of letters or "'ll": r"[a-z]+|['’]ll\b" under re.I, written so that it opens with a
# character class the regex engine can skip to (an alternation, or a class under re.I,
# is tried at every character). The letters are those re.I lets "[a-z]" match: the
# ASCII ones and ``word_openings.FOLDS`` ("İ", "ı", "ſ" and the Kelvin sign).
_LETTER = "A-Za-z" + "".join(word_openings.FOLDS.values())
_TOKEN = re.compile(rf"[{_LETTER}'’](?:(?<=[{_LETTER}])[{_LETTER}]*|(?<=['’])[lL][lL]\b)")


class _Paragraph:
    """A paragraph's sentences, split only as far as the dates asked about reach
    (``sentence_around``): the sentences after its last date, ~9 K instructions each to
    split, are never needed. A paragraph with no sentence holds the first date's span."""
    __slots__ = ("starts", "spans", "pending", "first")

    def __init__(self, split, first: tuple[int, int]):
        self.starts: list[int] = []
        self.spans: list[tuple[int, int]] = []
        self.pending, self.first = split, first

    def read_past(self, start: int) -> None:
        """Split until a sentence opens after ``start`` (they come in order) or none is left."""
        while self.pending is not None and (not self.starts or self.starts[-1] <= start):
            span = next(self.pending, None)
            if span is None:
                self.pending = None
                if self.spans:
                    break
                span = self.first
            self.starts.append(span[0])
            self.spans.append(span)


def sentence_around(text: str, start: int, end: int, cache: dict | None = None) -> tuple[int, int]:
    """(start, end) of the sentence holding text[start:end] (``cache`` keeps each
    paragraph's ``_Paragraph``)."""
    cache = {} if cache is None else cache
    p0 = text.rfind("\n\n", 0, start) + 1
    para = cache.get(p0)
    if para is None:
        p1 = text.find("\n\n", end)
        para = cache[p0] = _Paragraph(sentences(text, p0, len(text) if p1 < 0 else p1), (start, end))
    para.read_past(start)
    s0, s1 = para.spans[max(0, bisect.bisect_right(para.starts, start) - 1)]
    if not s0 <= start < s1:
        s0, s1 = start, end
    return s0, max(s1, end)


def tense_at(text: str, s0: int, start: int, end: int, s1: int) -> str:
    """past | future | "" for a date at text[start:end] in the sentence text[s0:s1]:
    the nearest tense marker before it, else the first one after it."""
    found = _tense_at(text, s0, start, end, s1)
    return "" if found == NO_TENSE else found


@lru_cache(maxsize=1)
def _handed_on() -> re.Pattern:
    """A date closing "to / until a meeting (in Place) on": the occasion something is
    left, deferred or agreed to, still to come when the clause's verb happened."""
    cal = knowledge("calendar.yml")
    nouns = "|".join(cal["event_nouns"])
    return re.compile(rf"\b(?:to|until|till)\s+(?:[a-z-]+\s+){{0,3}}?(?:{nouns})"
                      r"(?:\s+(?:in|at)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?\s+(?:on|for)\s*$")


def _handed_on_before(before: str) -> bool:
    """``_handed_on`` searched in ``before`` only when it can match there: the text
    ends with "on" or "for" and holds "to", "until" or "till" (most dates' words do
    not; the search tries every position, ~6 us a date)."""
    return before.rstrip().endswith(("on", "for")) and ("to" in before or "til" in before) \
        and _handed_on().search(before) is not None


def _tense_at(text: str, s0: int, start: int, end: int, s1: int) -> str:
    tw = _tense_words()
    if _handed_on_before(text[max(s0, start - 120):start]):
        return NO_TENSE
    before = _words(text, s0, start)
    last_words = tw["last_words"]
    for i in range(len(before) - 1, -1, -1):
        w = before[i]      # most words end no marker phrase and are no -ed form: passed over
        if w not in last_words and not (len(w) > 4 and w.endswith("ed")):
            continue
        found = _marker_ending(before, i, before[i + 1] if i + 1 < len(before) else "")
        if not found:
            continue
        if before[i] in tw["saying"] and not set(before[i + 1:]) <= tw["links"]:
            # the date sits in the clause a verb of saying introduces: that clause's
            # own verb, if it has one, gives its tense
            return _first_marker(_words(text, end, s1)) or found
        return found
    return _first_marker(_words(text, end, s1))


def _words(text: str, start: int, end: int) -> list[str]:
    """The words of text[start:end] (``_TOKEN``), lower-cased. The span is lower-cased
    whole, then read: the same words as reading it and lower-casing each, for a
    fraction of the calls, as no character but "İ" changes length, class or word
    boundary in lower case; a span holding "İ" ("i" and a combining dot in lower
    case) is read word by word."""
    span = text[start:end]
    if "\u0130" in span:
        return [w.lower() for w in _TOKEN.findall(span)]
    return _TOKEN.findall(span.lower())


def _first_marker(words: list[str]) -> str:
    last_words = _tense_words()["last_words"]
    for i in range(len(words)):
        w = words[i]       # as in _tense_at: only what _marker_ending can read as a marker
        if w not in last_words and not (len(w) > 4 and w.endswith("ed")):
            continue
        found = _marker_ending(words, i, words[i + 1] if i + 1 < len(words) else "")
        if found:
            return found
    return ""


def _marker_ending(words: list[str], i: int, nxt: str = "") -> str:
    """The tense marked by a calendar.yml phrase of up to three words ending at
    words[i], or by an -ed form there that is not a passive participle. ``nxt``: the
    word after words[i] ("agreed to" marks the future before a verb, not before "a")."""
    tw = _tense_words()
    for size in (3, 2, 1) if words[i] in tw["last_words"] else ():
        if i + 1 < size:
            continue
        phrase = tuple(words[i + 1 - size:i + 1])
        passive = i >= size and words[i - size] in tw["passive"]
        if phrase in tw["future_in_past"]:
            return NO_TENSE       # "was due to open on March 14": neither way
        if phrase in tw["future"]:
            if phrase[-1] == "to" and nxt in tw["determiners"]:
                continue          # "agreed to a ceasefire": a noun follows, not a verb
            before = words[max(0, i - size - 1):max(0, i + 1 - size)]
            if before[-1:] == ["had"] or before == ["had", "been"]:
                return NO_TENSE   # "had agreed to pause ... on Wednesday", "had been due to end
                                  # on Monday": the future of a past moment
            return "future"
        if phrase in tw["past"]:
            return "" if passive else "past"
    w = words[i]
    if len(w) > 4 and w.endswith("ed") and not w.endswith("eed") and w not in tw["not_past"] \
            and not _participle(words, i):
        return "past"
    return ""


def _participle(words: list[str], i: int) -> bool:
    """Whether the -ed form words[i] is a passive participle: a passive auxiliary
    before it, perhaps across adverbs, particles and coordinated participles ("would
    be further discussed", "will be worked out and signed")."""
    tw = _tense_words()
    for j in range(i - 1, max(-1, i - 6), -1):
        if words[j] in tw["passive"]:
            return True
        if not (words[j] in tw["between"] or words[j].endswith("ly") or words[j].endswith("ed")):
            return False
    return False


# --------------------------------------------------------------------------- resolve
