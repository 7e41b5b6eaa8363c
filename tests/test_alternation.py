"""``alternation.trie`` writes an alternation as a trie that matches what the plain
alternation matches, choosing the same alternative, and falls back to the plain form
when it cannot keep the order."""
from __future__ import annotations

import re

from evidence.read import alternation

TEXTS = [
    "January June JULY Jun Jan. Junk Janus july",
    "this week, THIS  week, this\nweekend, thisweek, today, tonight, this",
    "\u0130n mid-2024, mid 2025, mid-, m\u0131d, \u017fince, wee\u212a",
    "a few days, a fortnight, an hour, several, a",
    "",
]


def _same(alternatives: list[str], ignore_case: bool, after: str = "") -> None:
    plain = ("(?i:" if ignore_case else "(?:") + "|".join(alternatives) + ")"
    a, b = re.compile(plain + after), re.compile(alternation.trie(alternatives, ignore_case) + after)
    for text in TEXTS:
        for pos in range(len(text) + 1):
            ma, mb = a.match(text, pos), b.match(text, pos)
            assert (ma and (ma.span(), ma.groups())) == (mb and (mb.span(), mb.groups())), (text, pos)


def test_names_match_as_the_alternation_does():
    names = ["January", "JANUARY", "June", "July", "JULY", "Jan", "Jun", "Jul"]
    _same(names, False)
    _same(names, False, r"\b")
    assert alternation.trie(names).startswith("J(?:")


def test_phrases_under_ignore_case_fold_as_re_i_does():
    phrases = [r"this\s+weekend", r"this\s+week", "tonight", "today", "this", r"mid\-", "mid", "since",
               r"a\s+few", "an", "a"]
    _same(phrases, True)
    _same(phrases, True, r"\b")
    _same(phrases, True, r"(?P<rest>\s*\w+)")


def test_the_longer_alternative_is_tried_first_as_given():
    # "week" before "weekend": the alternation stops at "week" when nothing follows
    _same(["week", "weekend"], False, r"(?P<x>\w*)")
    assert alternation.trie(["week", "weekend"]) == "(?:week|weekend)"
    assert alternation.trie(["weekend", "week"]) == "week(?:end|)"


def test_other_syntax_is_written_as_given():
    assert alternation.trie([r"\d+", "ab"]) == r"(?:\d+|ab)"
    assert alternation.trie(["a.b", "ab"]) == "(?:a.b|ab)"
    assert alternation.trie(["caf\u00e9", "cafe"], True) == "(?i:caf\u00e9|cafe)"
    assert alternation.trie(["caf\u00e9", "cafe"]) == "caf(?:\u00e9|e)"
