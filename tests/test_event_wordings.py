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


def test_a_clause_of_time_after_the_date_gives_the_event_neither_kind_nor_venue():
    a = article("a", "Troops exchanged fire on Thursday while the delegations were meeting "
                "in Istanbul.", dates=[("on Thursday", "2025-11-06", None, "day")],
                published=PUB)
    assert [(x.kind, x.place) for x in attestations.attest(a)] == [("clashes", "")]


def test_a_place_in_a_background_clause_is_not_the_venue():
    a = article("a", "The delegations began a second round on Saturday, a week after the "
                "ceasefire reached in Doha.", dates=[("on Saturday", "2025-10-25", None, "day")],
                published=PUB)
    assert [(x.kind, x.place) for x in attestations.attest(a)] == [("talks_round", "")]
    # a venue before the date is still read
    b = article("b", "Talks in Istanbul began on Saturday, a week after the clashes.",
                dates=[("on Saturday", "2025-10-25", None, "day")], published=PUB)
    assert [(x.kind, x.place) for x in attestations.attest(b)] == [("talks_round", "istanbul")]


def test_talks_in_a_while_clause_do_not_give_the_sentence_its_kind():
    a = article("a", "Gunfire erupted at the border crossing near the town on Thursday while "
                "talks were under way.", dates=[("on Thursday", "2025-11-06", None, "day")],
                published=PUB)
    assert [x.kind for x in attestations.attest(a)] == ["clashes"]


def test_a_round_named_only_as_the_round_and_a_long_background_clause():
    assert kinds("The round began on Oct 25, a week after the agreement that halted the "
                 "border fighting.", "on Oct 25", "2025-10-25") == [("talks_round", "2025-10-25")]
    # the background clause may run several words before its trigger
    assert kinds("Shelling hit villages along the frontier for several hours on Oct 25, days "
                 "after the deal that ended talks.", "on Oct 25",
                 "2025-10-25") == [("clashes", "2025-10-25")]


def test_strikes_named_without_air_are_air_strikes_and_take_the_date():
    assert kinds("The strikes came hours after the truce ran out on Friday.", "on Friday",
                 "2025-10-17") == [("strikes", "2025-10-17")]
    assert kinds("Pakistani strikes on Friday killed ten people.", "on Friday",
                 "2025-10-17") == [("strikes", "2025-10-17")]


def test_something_else_held_is_no_talks_round():
    assert kinds("The funeral of the victims would be held today in the town.", "today",
                 "2025-11-12") == []
    assert kinds("The next session, to be held on Monday, will review the text.", "on Monday",
                 "2025-11-17") != []


def test_an_agreement_or_ceasefire_named_by_its_date():
    assert kinds("Both sides cited the Doha agreement of October 19.", "October 19",
                 "2025-10-19") == [("agreement", "2025-10-19")]
    assert kinds("They kept to the ceasefire of October 19.", "October 19",
                 "2025-10-19") == [("truce", "2025-10-19")]


def test_an_event_put_at_a_distance_from_the_date_does_not_take_it():
    # the only trigger stands in "a week after ...": the date is not the ceasefire's
    assert kinds("Delegates gathered again on Saturday, a week after the ceasefire was "
                 "reached.", "on Saturday", "2025-10-25") == []
    # a plain background clause is still used when nothing else is near
    assert kinds("Officials signed a ceasefire agreement on October 19 after clashes.",
                 "on October 19", "2025-10-19") == [("truce", "2025-10-19")]


def test_an_event_named_by_its_participle_or_a_which_clause_is_background():
    assert kinds("Negotiations between the two delegations in the Turkish city continued on "
                 "Saturday, to consolidate the truce agreed in Doha.", "on Saturday",
                 "2025-10-25") == [("talks_round", "2025-10-25")]
    assert kinds("Shelling hit villages along the whole frontier on Friday, which ended talks.",
                 "on Friday", "2025-10-24") == [("clashes", "2025-10-24")]


def test_a_time_of_day_before_the_date_is_part_of_it():
    text = ("Twelve people died when a suicide bomber targeted the crowded district court "
            "complex in the capital city of the country shortly after midday on Tuesday.")
    assert kinds(text, "on Tuesday", "2025-11-11") == [("attacks", "2025-11-11")]


@pytest.mark.parametrize("text", [
    "A suicide attacker hit the gate on Tuesday.",
    "A car exploded near the court on Tuesday.",
])
def test_more_wordings_of_a_bombing(text):
    assert kinds(text, "on Tuesday", "2025-11-11") == [("attacks", "2025-11-11")]


@pytest.mark.parametrize("text, kind", [
    ("The neighbours inked an agreement in the Gulf capital on Sunday.", "agreement"),
    ("The two governments signed a deal on Sunday.", "agreement"),
    # a ceasefire agreement signed is the ceasefire
    ("Both sides signed a ceasefire agreement on Sunday.", "truce"),
    ("The two sides inked a truce on Sunday.", "truce"),
])
def test_an_agreement_signed_or_inked(text, kind):
    assert kinds(text, "on Sunday", "2025-10-19") == [(kind, "2025-10-19")]


@pytest.mark.parametrize("text", [
    "Kabul accused border guards on Monday of violating the ceasefire near the crossing.",
    "The truce was breached on Monday near the crossing.",
    "Troops broke the ceasefire on Monday.",
])
def test_a_ceasefire_broken_is_a_clash(text):
    assert kinds(text, "on Monday", "2025-11-10") == [("clashes", "2025-11-10")]


def test_a_strike_that_breaches_the_ceasefire_is_the_strike():
    assert kinds("Nine died in an air strike on the valley that breaches the recent "
                 "ceasefire deal, a channel reported on Monday.", "on Monday",
                 "2025-11-10") == [("strikes", "2025-11-10")]


def test_a_ceasefire_that_held_is_a_state_not_a_new_ceasefire():
    text = "The ceasefire agreed in the Gulf largely held on Monday along the whole frontier."
    a = article("a", text, dates=[("Monday", "2025-11-10", None, "day")], published=PUB)
    assert [(x.kind, x.statement) for x in attestations.attest(a)] == [("truce", True)]
    assert events.build([a]) == []
    # talks on the ceasefire held on a day are the talks, no state
    assert kinds("Ceasefire talks held in the Gulf on Saturday ran late.", "on Saturday",
                 "2025-10-18") == [("talks_round", "2025-10-18")]


def test_the_verb_of_saying_is_not_the_event_a_statement_reports():
    text = ("The government gave its traders three months to end imports from the "
            "neighbour, the deputy premier announced on Wednesday.")
    assert kinds(text, "on Wednesday", "2025-11-12") == [("trade_measure", "2025-11-12")]
    # with no measure named, "announced" stands for the outcome the sentence reports
    text = ("The sides have reached a broad understanding on a monitoring mechanism, the "
            "ministry announced late Thursday.")
    a = article("a", text, dates=[("late Thursday", "2025-10-30", None, "day")], published=PUB)
    assert [(x.kind, x.statement) for x in attestations.attest(a)] == [("agreement", True)]


def test_talks_closed_without_a_joint_statement_produced_none():
    assert kinds("The summit closed on Friday without a joint statement.", "on Friday",
                 "2025-11-07") == [("deadlock", "2025-11-07"), ("talks_round", "2025-11-07")]
    assert kinds("There was no joint statement on Friday.", "on Friday", "2025-11-07") == []


@pytest.mark.parametrize("text, phrase, date, kind", [
    ("The ceasefire, mediated by Qatar and Turkey, came into force on October 19.",
     "on October 19", "2025-10-19", "truce"),
    ("The sides signed a joint declaration on Thursday.", "on Thursday", "2025-10-30",
     "agreement"),
    ("The two sides issued a joint communique on Oct 31.", "on Oct 31", "2025-10-31",
     "agreement"),
    ("Afghan forces attacked Pakistani border posts on Saturday night.", "on Saturday night",
     "2025-10-11", "clashes"),
    ("Mediators brokered a deal between the two sides on Sunday.", "on Sunday", "2025-10-19",
     "agreement"),
    # a ceasefire deal is the ceasefire
    ("The two governments reached a ceasefire deal on Sunday in Doha.", "on Sunday",
     "2025-10-19", "truce"),
    ("Talks in Istanbul failed on Friday.", "on Friday", "2025-11-07", "deadlock"),
    ("Pakistani warplanes pounded hideouts in Paktika on Friday night.", "on Friday night",
     "2025-10-17", "strikes"),
    ("The negotiations ended in a stalemate on Friday.", "on Friday", "2025-11-07",
     "deadlock"),
    ("The Istanbul process was declared dead on Friday by a minister.", "on Friday",
     "2025-11-07", "deadlock"),
    ("Kabul and Islamabad struck a truce on Sunday.", "on Sunday", "2025-10-19", "truce"),
    ("The two capitals sealed a ceasefire pact on Sunday in the Gulf.", "on Sunday",
     "2025-10-19", "truce"),
])
def test_more_wordings_of_the_process_occasions(text, phrase, date, kind):
    assert (kind, date) in kinds(text, phrase, date)


@pytest.mark.parametrize("text, phrase", [
    ("Investigators on Wednesday identified the bomber who attacked the court.", "Wednesday"),
    ("The government on Wednesday blamed its neighbour for the bombing at the court.",
     "Wednesday"),
    ("Several capitals condemned on Wednesday the suicide bombing at the court.",
     "on Wednesday"),
])
def test_a_response_to_an_attack_dates_the_response_not_the_attack(text, phrase):
    a = article("a", text, dates=[(phrase, "2025-11-12", None, "day")], published=PUB)
    assert [(x.kind, x.statement) for x in attestations.attest(a)] == [("attacks", True)]
    held = article("b", "A suicide bomber struck the court on Tuesday.",
                   dates=[("on Tuesday", "2025-11-11", None, "day")], published=PUB)
    (event,) = events.build([a, held])
    assert event.dates() == "2025-11-11" and event.source_ids == ["a", "b"]
