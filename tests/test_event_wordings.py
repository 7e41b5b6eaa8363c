"""Event wordings the codebook must read: fighting fought off or answered, a leader's
directive to the trade, a round named only as the previous one. Each case is a short
sentence of our own; the kind it must make is the codebook's (data/knowledge/events.yml)."""
from __future__ import annotations

import pytest
from articles import article

from evidence.compare import attestations, events

PUB = "2025-11-14"


def kinds(text: str, phrase: str, date: str) -> list[tuple[str, str]]:
    a = article("a", text, dates=[(phrase, date, None, "day")], published=PUB)
    return [(x.kind, x.dates()) for x in attestations.attest(a)]


@pytest.mark.parametrize("text, phrase", [
    ("Border guards repulsed attacks on three posts on Saturday.", "on Saturday"),
    ("The army launched retaliatory operations on Saturday.", "on Saturday"),
    ("Troops returned fire on Saturday after a post came under attack.", "on Saturday"),
])
def test_fighting_fought_off_or_answered_is_a_clash(text, phrase):
    assert kinds(text, phrase, "2025-11-08") == [("clashes", "2025-11-08")]


@pytest.mark.parametrize("text, phrase", [
    ("The deputy premier urged traders on Wednesday to find alternative routes.",
     "on Wednesday"),
    ("The minister said Wednesday that importers must reduce their trade within months.",
     "Wednesday"),
    ("He told businessmen on Wednesday to shift their imports to other ports.",
     "on Wednesday"),
])
def test_a_directive_to_the_trade_is_a_trade_measure_dated_by_its_statement(text, phrase):
    assert kinds(text, phrase, "2025-11-12") == [("trade_measure", "2025-11-12")]


def test_the_previous_round_ending_dates_a_talks_round():
    assert kinds("The previous round ended on October 30.", "on October 30",
                 "2025-10-30") == [("talks_round", "2025-10-30")]


def test_a_visit_announced_that_no_source_dates_is_an_announcement_of_that_day():
    text = ("The president said on Sunday that his foreign and defence ministers would "
            "travel to Kabul.")
    a = article("a", text, dates=[("on Sunday", "2025-11-09", None, "day")], published=PUB)
    (event,) = events.build([a])
    assert (event.kind, event.dates(), event.source_ids) == ("visit_announced",
                                                             "2025-11-09", ["a"])
    # a visit reported as made is no announcement: the statement dates nothing
    past = article("b", "The president said on Sunday that his ministers travelled to Kabul.",
                   dates=[("on Sunday", "2025-11-09", None, "day")], published=PUB)
    assert events.build([past]) == []


def test_an_announcement_joins_the_visit_another_source_dates():
    a = article("a", "The president said on Sunday that his ministers would travel to Kabul.",
                dates=[("on Sunday", "2025-11-09", None, "day")], published=PUB)
    b = article("b", "The ministers will visit Kabul on Wednesday.",
                dates=[("on Wednesday", "2025-11-12", None, "day")], published="2025-11-09")
    (event,) = events.build([a, b])
    assert (event.kind, event.dates(), event.source_ids) == ("visit", "2025-11-12",
                                                             ["a", "b"])
