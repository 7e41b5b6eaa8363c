"""Where ``date_scan`` tries its combined pattern (its triggers): every mention holds
one. Numbers that can be a day or a year, month / weekday / Hijri month names written
as words, the keyword of each relative phrase (its longest word; for a phrase that opens
with it only where the rest of the phrase follows: "that" only in "that day", not in
every "said that") and "ago", and the last words of counted offsets
(``offsets.triggers``). ``match_covering`` tries, at a trigger and at the words shortly
before it that can open a mention ("late", "in", "the", "three"), only the alternatives
of the pattern such a word can open."""
from __future__ import annotations

import re
from functools import lru_cache

from evidence.read import offsets
from evidence.text import char_positions, lower_keeping_offsets

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


def _after_unit(word: str) -> tuple[re.Pattern | None, tuple[re.Pattern, int]] | None:
    """For a word that ends counted offsets ("earlier", "later") and is read by no
    other kind of mention than those and relative phrases: (what may follow it: the
    rest of the phrases it opens, the words that may stand before it: a counted unit
    or the word before it in a phrase). A trigger only there: as a plain adverb
    ("earlier talks", "later, he said") it opens nothing and cost ~50 K instructions of
    failed tries. None where it may stand alone or is read elsewhere."""
    from evidence.read import date_scan
    cal, voc = date_scan._cal(), date_scan._vocab()
    lists = [voc["month"], voc["weekday"], voc["hijri"], voc["numbers"], cal["weekday_qualifiers"],
             cal["weekday_parts"], cal["year_context"], cal["ago_units"]]
    sources = "".join(p.pattern for k, p in date_scan._patterns().items() if k not in ("relative", "counted"))
    if word not in offsets.DIRECTIONS or word in sources.lower() \
            or any(word in str(w).lower().split() for ws in lists for w in ws):
        return None
    rests, before = [], set(cal["counted_units"])
    for phrase in map(str.split, voc["relative"]):
        for t, w in enumerate(phrase):
            if not w.startswith(word):
                continue
            if w != word or len(phrase) == 1:
                return None         # a longer word, or the word alone: no context to ask
            if t:
                before.add(phrase[t - 1])
            else:
                rests.append(phrase[1:])
    # (case-ignoring, as the patterns read them: "ſ" is an "s" to them, not to lower())
    follow = re.compile(r"\s+(?:" + "|".join(r"\s+".join(map(re.escape, r)) for r in rests) + ")", re.I) \
        if rests else None
    return follow, (re.compile("(?:" + "|".join(map(re.escape, sorted(before))) + r")\Z", re.I),
                    max(map(len, before)))


@lru_cache(maxsize=1)
def _keywords() -> tuple[tuple[str, re.Pattern | None, tuple[re.Pattern, int] | None], ...]:
    """Each keyword with what must follow it (``_follow``) or, for a word ending counted
    offsets, what must follow it or stand before it (``_after_unit``)."""
    from evidence.read import date_scan
    phrases: dict[str, list[list[str]]] = {}
    for p in date_scan._vocab()["relative"]:
        phrases.setdefault(max(p.split(), key=len), []).append(p.split())
    out = []
    for k in vocabulary()[1]:
        around = _after_unit(k)
        out.append((k, *around) if around else (k, _follow(k, phrases.get(k, [])), None))
    return tuple(out)


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
                follow: re.Pattern | None = None, before: tuple[re.Pattern, int] | None = None) -> None:
    """Where ``needle`` starts a word (and, if ``whole_word``, also ends one; if
    ``follow``, is followed by it; if ``before``, is followed by ``follow`` or stands
    after whitespace after a word ``before`` matches, of at most its width). A keyword inside a word ("over" in "governments")
    opens no mention: every alternative starts at a word start, and a match running
    through such a word would hold another trigger, so those hits only cost failed
    tries. ``str.find`` per needle: a regex alternation of them all was several times
    slower."""
    i, n = text.find(needle), len(needle)
    while i != -1:
        if (i == 0 or not text[i - 1].isalnum()) \
                and not (whole_word and text[i + n:i + n + 1].isalpha()):
            if before is not None:
                if (follow is not None and follow.match(text, i + n)) or _stands_after(text, i, before):
                    out.append(i)
            elif follow is None or follow.match(text, i + n):
                out.append(i)
        i = text.find(needle, i + n)


def _stands_after(text: str, i: int, before: tuple[re.Pattern, int]) -> bool:
    """Whether text[:i] ends with whitespace after a word of ``before`` (a pattern of
    words ending at its end, and the longest one's length)."""
    j = i
    while j and text[j - 1].isspace():
        j -= 1
    pattern, width = before
    return j < i and pattern.search(text, max(0, j - width), j) is not None


def positions(text: str) -> list[int]:
    """Where mentions may be, in order (a position may come twice): numbers of at most
    two digits or starting 19/20 not after a letter, names as whole words, keywords
    at a word's start."""
    names, _, _, _ = vocabulary()
    hits = _numbers(text)
    for name in names.intersection(_CAPITALISED.findall(text)):
        _find_words(text, name, hits, True)
    low = lower_keeping_offsets(text)   # (positions found in it are the text's)
    for keyword, follow, before in _keywords():
        _find_words(low, keyword, hits, False, follow, before)
    hits += offsets.triggers(low)
    hits.sort()
    return hits


# --------------------------------------------------------------------------- trying the pattern

# Which alternatives can start with which kind of word (order kept from date_scan._patterns).
_STARTS = {
    "digit": {"iso", "ymd", "numeric", "numeric_dot", "range_dmdm", "range_dm",
              "hijri_range_dmdm", "hijri_range_dm", "hijri_dm", "dm", "ago", "counted", "time"},
    "month": {"range_mdmd", "range_md", "md", "my"},
    "weekday": {"range_md", "range_dm", "md", "dm", "weekday"},
    "hijri": {"hijri_range_mdmd", "hijri_range_md", "hijri_md"},
}


@lru_cache(maxsize=1)
def _opener_kinds() -> dict[str, frozenset[str]]:
    """Lower-case words that can open a mention -> the alternatives they open."""
    from evidence.read import date_scan
    cal, voc = date_scan._cal(), date_scan._vocab()
    out: dict[str, set[str]] = {}

    def add(phrase: str, kind: str) -> None:
        out.setdefault(phrase.split()[0].lower().rstrip("-"), set()).add(kind)
    for w in ("today", "yesterday", "tomorrow"):
        add(w, "today_weekday")
    for q in cal["weekday_qualifiers"]:
        add(str(q), "weekday")
    for n in voc["numbers"]:
        add(n, "ago"), add(n, "counted")
    for r in voc["relative"]:
        add(r, "relative")
    for w in cal["year_context"]:
        add(w, "year")
        if w not in ("from", "after", "before"):
            add(w, "month")
    add("the", "dm")
    add("mid", "year")
    return {k: frozenset(v) for k, v in out.items()}


_WORD = re.compile(r"\b\w+")


def _pattern_at(text: str, c: int) -> re.Pattern | None:
    """The combined pattern restricted to the alternatives that can start with
    the word at ``c`` (None when none can): same matches, far fewer tries."""
    if text[c].isdigit():
        return _digit_pattern()
    w = _WORD.match(text, c)
    return None if w is None else _pattern_for_word(w.group(0))


@lru_cache(maxsize=1)
def _digit_pattern() -> re.Pattern:
    """``_pattern_at`` for a digit (kept: its key, a set of a dozen kinds, cost more to
    build and look up than the match it selects)."""
    return _sub_pattern(frozenset(_STARTS["digit"]))


@lru_cache(maxsize=4096)
def _pattern_for_word(word: str) -> re.Pattern | None:
    """``_pattern_at`` for a word (memoised: the same few words open most mentions)."""
    from evidence.read import date_scan
    voc = date_scan._vocab()
    wanted = set(_opener_kinds().get(word.lower(), ()))
    for cls in ("month", "weekday", "hijri"):
        if word in voc[cls]:
            wanted |= _STARTS[cls]
    return _sub_pattern(frozenset(wanted)) if wanted else None


@lru_cache(maxsize=None)
def _sub_pattern(wanted: frozenset[str]) -> re.Pattern:
    from evidence.read import date_scan
    return date_scan._combined(tuple((k, p.pattern) for k, p in date_scan._patterns().items()
                                     if k in wanted))


_WORD_RUN = re.compile(r"\w+")
_ASCII_WORD_RUN = re.compile(r"\w+", re.ASCII)     # the same runs in an ASCII text


def opener_starts(text: str, lo: int, hi: int) -> list[int]:
    """Where, from ``lo`` to ``hi``, a word opens that can open a mention: the runs of
    ``\\w`` (read as ending at ``hi``) whose lower case is an opener word, less one
    that began before ``lo``. Read with ``\\w+`` and a set: a pattern of the opener
    words, branching on their first letters under ``re.I``, cost several times more
    over the few words before a trigger (~27 K instructions a trigger)."""
    openers = vocabulary()[2]
    out = []
    # (an ASCII text, known at no cost, is read with ASCII classes: a Unicode \w costs
    # ~100 instructions a character)
    for w in (_ASCII_WORD_RUN if text.isascii() else _WORD_RUN).finditer(text, lo, hi):
        if w.group(0).lower() in openers:
            start = w.start()
            if start == lo and lo and (text[lo - 1].isalnum() or text[lo - 1] == "_"):
                continue      # (the end of a word that began before lo)
            out.append(start)
    return out


def match_covering(text: str, h: int, done: int) -> re.Match | None:
    """The first match starting at an opener word shortly before ``h`` (or at ``h``)
    that reaches past ``h``, not before ``done``: at the ``opener_starts`` from
    ``max(done, h - lead)`` to ``h``."""
    starts = opener_starts(text, max(done, h - vocabulary()[3]), h)
    starts.append(h)
    for c in starts:
        pattern = _pattern_at(text, c)
        m = pattern.match(text, c) if pattern is not None else None
        if m is not None and m.end() > h:
            return m
    return None
