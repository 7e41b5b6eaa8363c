"""``word_openings`` writes patterns that match exactly what ``\\b(?:...)`` under re.I
matches, in the same order, while opening with a plain character class."""
from __future__ import annotations

import re

import pytest

from evidence.read import word_openings

TEXTS = [
    "Talks ended on Friday; the TALKS resumed. Pretalks and talksx are not words.",
    "the third  day of the summit; a THIRD\nDAY OF talks; thirdly day of",
    "\u212aickoff (Kelvin sign), \u017fummit (long s), \u0130stanbul talks, \u0131n",
    "after six days of talks; following two weeks; after the talks. end  of the round",
    "meetings, meeting, meet; Sunday, sundays, SUNDAY",
    "talks",     # at the start and end of the text
]


def _same(old: str, new: str, flags_old=re.I) -> None:
    a, b = re.compile(old, flags_old), re.compile(new)
    for text in TEXTS:
        assert [(m.span(), m.groups()) for m in a.finditer(text)] == \
            [(m.span(), m.groups()) for m in b.finditer(text)], text


def test_words_match_what_the_case_ignoring_alternation_matches():
    words = ["meetings", "meeting", "talks", "summit", "kickoff", "sunday", "in"]
    _same(r"\b(?:" + "|".join(words) + r")\b", word_openings.words(words) + r"\b")


def test_alternatives_keep_their_order_and_groups():
    ordinals = ["first", "second", "third"]
    _same(r"\b(" + "|".join(ordinals) + r")\s+day\s+of\b",
          "(" + word_openings.opening(ordinals) + r")(?i:\s+day\s+of)\b")
    # "meeting" before "meetings": without a word end after it, the first wins
    _same(r"\b(?:meeting|meetings)", word_openings.opening(["meeting", "meetings"]))
    _same(r"\b(?:after|following)\s[^.\n]{0,80}?\b(?:days?|weeks?)\b|\bend\s+of\b",
          word_openings.opening([r"after\s[^.\n]{0,80}?\b(?:days?|weeks?)",
                                 r"following\s[^.\n]{0,80}?\b(?:days?|weeks?)", r"end\s+of"]) + r"\b")


def test_a_space_in_a_phrase_matches_any_whitespace():
    _same(r"\b(?:got\s+under\s+way)\b", word_openings.words(["got under way"]) + r"\b")
    assert re.search(word_openings.words(["got under way"]), "it GOT\n under  way")


def test_the_pattern_opens_with_a_plain_class():
    pattern = word_openings.words(["talks", "summit"])
    assert pattern.startswith("[") and "(?i:" not in pattern.split("]")[0]


def test_letters_include_what_re_ignorecase_folds():
    for letter in "aiks":
        folded = {chr(c) for c in range(0x3000) if re.fullmatch(letter, chr(c), re.I)}
        assert folded == set(word_openings.letters(letter))


def test_an_alternative_not_opening_with_a_letter_is_refused():
    with pytest.raises(ValueError):
        word_openings.opening(["9th"])
