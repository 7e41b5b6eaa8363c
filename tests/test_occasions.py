"""One event per occasion: the rules that keep a real occasion whole (a clock time inside
a sentence, a statement's own occasion, a lone dissenting date for a round)."""
from __future__ import annotations

from articles import article

from evidence.compare import attestations, events

PUB = "2025-10-31"


def test_a_clock_time_with_its_zone_does_not_cut_the_sentence():
    a = article("a", "The two sides agreed to halt hostilities from 4:00 p.m. Kabul local "
                "time (1130 GMT) on Monday, after fresh clashes on the frontier.",
                dates=[("Monday", "2025-10-27", None, "day")], published=PUB)
    assert [x.kind for x in attestations.attest(a)] == ["truce"]


def test_a_clock_time_ending_a_sentence_still_ends_it():
    a = article("a", "The guns fell silent at 9 p.m. The clashes resumed on Monday.",
                dates=[("Monday", "2025-10-27", None, "day")], published=PUB)
    (att,) = attestations.attest(a)
    assert att.kind == "clashes"
    assert a.clean_text[att.sentence.start:att.sentence.end] == "The clashes resumed on Monday."
