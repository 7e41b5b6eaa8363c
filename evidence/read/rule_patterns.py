"""What a furniture rule's pattern must read, found in its parsed form (``re._parser``).

Every line of every page is asked whether a line rule matches it whole, in one big
alternation of the rules' patterns (``clean.line_rule``); most lines are prose that no
rule matches, and the cost is the engine trying each pattern on them. Two things read
from a pattern itself let it be ruled out first: ``scanning_text``, the fixed text it
must reach after a repeat that reads words (looked for as a substring), and
``opening``, a look-ahead for the characters a match can open with (the engine tests it
at once, where a case-ignoring alternative is otherwise entered branch by branch).
Both are necessary conditions, computed under the pattern's own flags; anything not
read here with certainty ("" from either) leaves the pattern as it is.
"""
from __future__ import annotations

import re
import re._parser as sre_parse
from functools import lru_cache

_CATEGORIES = {sre_parse.CATEGORY_DIGIT: r"\d", sre_parse.CATEGORY_NOT_DIGIT: r"\D",
               sre_parse.CATEGORY_SPACE: r"\s", sre_parse.CATEGORY_NOT_SPACE: r"\S",
               sre_parse.CATEGORY_WORD: r"\w", sre_parse.CATEGORY_NOT_WORD: r"\W"}
_REPEATS = (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT)


@lru_cache(maxsize=None)
def _parsed(pattern: str, flags: int):
    """A pattern's parsed form, read by both questions (parsing every rule pattern is
    a few milliseconds of each process's start); never changed here."""
    return sre_parse.parse(pattern, flags)


def scanning_text(pattern: str, flags: int) -> str:
    """The plain text a pattern must match after a repeat of a class that reads words, at
    its top level (``[\\w ]{0,40}\\btrust principles``: "trust principles"), or "". The
    engine tries such a pattern at every length of the repeat on every line it is asked
    of (a fifth of all line-rule time for that one pattern); a line without the text is
    ruled out by a substring test instead. Only the top level is read (a group or branch
    is never required as a whole), and only runs of four characters or more."""
    best, run, scans = "", "", False
    for op, arg in _parsed(pattern, flags).data + [(None, None)]:
        if op is sre_parse.LITERAL and scans:
            run += chr(arg)
            continue
        if op is sre_parse.AT and run:
            continue                 # zero width: the run goes on in the text
        best, run = max(best, run, key=len), ""
        if op in _REPEATS and arg[1] > 1 and len(arg[2].data) == 1:
            scans = scans or _reads_words(arg[2].data[0])
    return best if len(best) >= 4 and best.isascii() else ""


def _reads_words(item) -> bool:
    """Whether a one-character item can read letters (a repeat of one that cannot, such
    as ``\\W*`` or ``\\s+``, stops at a line's first word: nothing to save there)."""
    op, arg = item
    if op in (sre_parse.ANY, sre_parse.NOT_LITERAL):
        return True
    return op is sre_parse.IN and any(
        o in (sre_parse.NEGATE, sre_parse.RANGE)
        or (o is sre_parse.CATEGORY and a is sre_parse.CATEGORY_WORD)
        or (o is sre_parse.LITERAL and chr(a).isalnum()) for o, a in arg)


def opening(patterns: list[str], flags: int) -> str:
    """A look-ahead ``(?=...)`` for the characters a match of any of ``patterns`` can
    open with, to put before them under the same flags; "" when some pattern may match
    nothing or opens with something not read here (any character, a look-around, a
    group changing flags)."""
    chars: list[str] = []
    for pattern in patterns:
        found, empty = _opening(_parsed(pattern, flags).data)
        if found is None or empty:
            return ""
        chars += found
    return "(?=" + "|".join(sorted(set(chars))) + ")" if chars else ""


def _opening(items) -> tuple[list[str] | None, bool]:
    """(the one-character classes a match of ``items`` can open with, or None when not
    known; whether it can match nothing)."""
    out: list[str] = []
    for op, arg in items:
        if op is sre_parse.AT:
            continue                                   # zero width
        if op is sre_parse.LITERAL:
            return out + [re.escape(chr(arg))], False
        if op is sre_parse.NOT_LITERAL:
            return out + ["[^" + re.escape(chr(arg)) + "]"], False
        if op is sre_parse.IN:
            one = _class(arg)
            return (None if one is None else out + [one]), False
        if op is sre_parse.SUBPATTERN and not arg[1] and not arg[2]:
            found, empty = _opening(arg[3].data)
        elif op is sre_parse.BRANCH:
            found, empty = [], False
            for alternative in arg[1]:
                more, may_be_empty = _opening(alternative.data)
                if more is None:
                    return None, False
                found, empty = found + more, empty or may_be_empty
        elif op in _REPEATS:
            found, empty = _opening(arg[2].data)
            empty = empty or arg[0] == 0
        else:
            return None, False
        if found is None:
            return None, False
        out += found
        if not empty:
            return out, False
    return out, True


def _class(items) -> str | None:
    """A parsed character class as pattern text, or None for parts not read here."""
    out = ""
    for n, (op, arg) in enumerate(items):
        if op is sre_parse.NEGATE and n == 0:
            out += "^"
        elif op is sre_parse.LITERAL:
            out += re.escape(chr(arg))
        elif op is sre_parse.RANGE:
            out += re.escape(chr(arg[0])) + "-" + re.escape(chr(arg[1]))
        elif op is sre_parse.CATEGORY and arg in _CATEGORIES:
            out += _CATEGORIES[arg]
        else:
            return None
    return "[" + out + "]"
