"""A date the verb opening or closing the talks governs is a day of the talks, whichever
trigger stands nearest it (evidence/compare/boundaries.py), so the occasion's dates span
what each source says; the round number the sentence gives is kept for that source.
Every case is a short sentence of our own."""
from __future__ import annotations

import pytest
from articles import article

from evidence.compare import attestations, events

PUB = "2025-11-09"


def read(text: str, phrase: str, date: str, published: str = PUB):
    a = article("a", text, dates=[(phrase, date, None, "day")], published=published)
    return [(x.kind, x.dates(), x.ordinal) for x in attestations.attest(a)]


@pytest.mark.parametrize("text", [
    "The fourth round of parleys between the two governments in Istanbul ended on Friday "
    "without any deal.",
    "The summit between Kabul and Islamabad broke down in Istanbul on Friday.",
    "The peace dialogue collapsed in Istanbul on Friday.",
    "The negotiations wrapped up in deadlock on Friday.",
])
def test_talks_ending_on_a_day_date_the_talks_and_keep_the_outcome(text):
    found = read(text, "Friday", "2025-11-07")
    assert ("talks_round", "2025-11-07") in [k[:2] for k in found]
    assert ("deadlock", "2025-11-07") in [k[:2] for k in found]


@pytest.mark.parametrize("text", [
    "The negotiations, which were concluded in Istanbul on Friday, left both sides unhappy.",
    "The meeting that closed on Friday produced nothing.",
    "The talks concluded on Friday.",
])
def test_passive_and_relative_wordings_of_the_end(text):
    assert read(text, "Friday", "2025-11-07") == [("talks_round", "2025-11-07", None)]


def test_an_outcome_after_a_comma_is_another_predicate():
    # "opened on Thursday": the talks' first day, not the day they stalled
    text = "The talks, which opened on Thursday, stalled over written guarantees."
    assert read(text, "Thursday", "2025-11-06") == [("talks_round", "2025-11-06", None)]


def test_a_trigger_inside_a_parenthesis_does_not_take_the_date():
    text = ("The dialogue, the fourth such round since the border fighting of last month, "
            "began on Thursday.")
    assert read(text, "Thursday", "2025-11-06") == [("talks_round", "2025-11-06", 4)]


@pytest.mark.parametrize("text, kind", [
    # the verb's subject is the fighting, not the talks
    ("After the talks in Doha, fighting resumed on Monday.", "clashes"),
    ("The talks failed and the shelling began on Monday.", "clashes"),
    # the verb belongs to a clause of its own
    ("Talks stalled because the border crossing opened on Monday to heavy gunfire.",
     "clashes"),
])
def test_a_verb_whose_subject_is_not_the_talks_leaves_the_date_alone(text, kind):
    assert [k[0] for k in read(text, "Monday", "2025-11-10", "2025-11-12")] == [kind]


def test_a_round_numbered_only_through_its_outcome_keeps_its_number():
    text = "Officials blamed Kabul after the third round stalled without agreement on Friday."
    found = read(text, "Friday", "2025-11-07")
    assert any(n == 3 for _, _, n in found)


@pytest.mark.parametrize("text, n", [
    ("The second formal round opened in Istanbul on Thursday.", 2),
    ("The third high-level round opened in Istanbul on Thursday.", 3),
    ("Round two opened in Istanbul on Thursday.", 2),
    ("The third and final round opened in Istanbul on Thursday.", 3),
])
def test_a_round_number_with_a_word_describing_the_round(text, n):
    assert [k[2] for k in read(text, "Thursday", "2025-11-06")] == [n]


def test_the_first_time_is_no_round_number():
    text = "For the first time a round of talks opened in Istanbul on Thursday."
    assert [k[2] for k in read(text, "Thursday", "2025-11-06")] == [None]


def test_the_event_spans_what_its_sources_say_and_keeps_each_round_number():
    a = article("a", "Negotiators met in Istanbul on Thursday for a second round.",
                dates=[("Thursday", "2025-11-06", None, "day")], published="2025-11-06")
    b = article("b", "ANKARA, Nov 8 (Wire) - The third round of negotiations between the two "
                "neighbours in Istanbul ended on Friday without any agreement.",
                dates=[("Nov 8", "2025-11-08", None, "day"),
                       ("Friday", "2025-11-07", None, "day")], published="2025-11-08")
    c = article("c", "The parleys in Istanbul, which opened on Thursday, stalled.",
                dates=[("Thursday", "2025-11-06", None, "day")], published="2025-11-08")
    (talks,) = [e for e in events.build([a, b, c]) if e.kind == "talks_round"]
    assert talks.dates() == "2025-11-06 to 2025-11-07"
    assert talks.source_ids == ["a", "b", "c"]
    assert talks.rounds() == "2: a; 3: b"
    assert "Talks stalled: b" in talks.outcomes()


def test_a_truce_extended_on_a_day_is_dated_by_the_extension():
    text = ("The two-day truce agreed by Kabul and Islamabad on Wednesday was extended on "
            "Friday as negotiators flew to the talks.")
    a = article("a", text, dates=[("Wednesday", "2025-10-15", None, "day"),
                                  ("Friday", "2025-10-17", None, "day")], published="2025-10-18")
    assert [(x.kind, x.dates()) for x in attestations.attest(a)] == [
        ("truce", "2025-10-15"), ("truce", "2025-10-17")]
    # "was" between a verb and the date opens a clause: the verb does not govern it
    b = article("b", "The truce agreed last week was violated on Monday.",
                dates=[("Monday", "2025-10-20", None, "day")], published="2025-10-22")
    assert [x.kind for x in attestations.attest(b)] == ["clashes"]


def test_a_round_number_is_not_given_to_an_outcome_named_as_background():
    text = "It was the fourth round of talks since the Gulf agreement of October 19."
    found = read(text, "October 19", "2025-10-19")
    assert [k[:2] for k in found] == [("agreement", "2025-10-19")]
    assert [k[2] for k in found] == [None]
    # nor to one the round's sentence names in a clause of its own
    text = "The fourth round is meant to shore up the fragile ceasefire reached last month."
    a = article("a", text, dates=[("last month", "2025-10-01", "2025-10-31", "month")],
                published=PUB)
    assert [x.ordinal for x in attestations.attest(a)] == [None]


@pytest.mark.parametrize("text, second", [
    ("The ministry said on Friday, November 7, that the talks had ended in deadlock.",
     "November 7"),
    ("The ministry said on Friday (November 7) that the talks had ended in deadlock.",
     "November 7"),
])
def test_a_date_set_beside_a_statements_date_is_the_statements(text, second):
    a = article("a", text, dates=[("Friday", "2025-11-07", None, "day"),
                                  (second, "2025-11-07", None, "day")], published=PUB)
    assert all(x.statement for x in attestations.attest(a))
    # it never dates the talks: a statement a day after them makes no day of theirs
    late = article("b", text.replace("Friday", "Saturday").replace("November 7", "November 8"),
                   dates=[("Saturday", "2025-11-08", None, "day"),
                          ("November 8", "2025-11-08", None, "day")], published=PUB)
    held = article("c", "Talks were held in Istanbul on November 6 and 7.",
                   dates=[("November 6 and 7", "2025-11-06", "2025-11-07", "range")],
                   published=PUB)
    (talks,) = events.build([held, late])
    assert talks.dates() == "2025-11-06 to 2025-11-07" and talks.source_ids == ["b", "c"]


def test_a_second_verb_of_the_same_subject_dates_the_talks():
    text = ("The negotiations, which began on October 25 and ended on October 30, produced a "
            "joint statement.")
    a = article("a", text, dates=[("October 25", "2025-10-25", None, "day"),
                                  ("October 30", "2025-10-30", None, "day")], published=PUB)
    assert [(x.kind, x.dates()) for x in attestations.attest(a)] == [
        ("talks_round", "2025-10-25"), ("talks_round", "2025-10-30")]


def test_an_outcome_overlapping_talks_at_its_venue_joins_them():
    # one source dates the talks by their last day, others the ceasefire by both days
    last = article("a", "The talks in Istanbul were wrapped up on October 19 with a signed "
                   "ceasefire.", dates=[("October 19", "2025-10-19", None, "day")],
                   published=PUB)
    both = [article(i, "The ceasefire was agreed in Istanbul on October 18 and 19.",
                    dates=[("October 18 and 19", "2025-10-18", "2025-10-19", "range")],
                    published=PUB) for i in ("b", "c")]
    found = events.build([last, *both])
    assert [(e.kind, e.dates(), e.source_ids) for e in found] == [
        ("talks_round", "2025-10-18 to 2025-10-19", ["a", "b", "c"])]
    # at another venue it stays apart
    elsewhere = article("d", "The ceasefire was agreed in Ankara on October 18 and 19.",
                        dates=[("October 18 and 19", "2025-10-18", "2025-10-19", "range")],
                        published=PUB)
    assert len(events.build([last, elsewhere])) == 2


@pytest.mark.parametrize("text, phrase", [
    ("According to a Saturday statement, the talks in Istanbul had ended.", "Saturday"),
    ("The ministry's Saturday briefing said the talks in Istanbul had ended.", "Saturday"),
    ("In a televised address on Saturday, the minister said the talks in Istanbul had ended.",
     "on Saturday"),
    ("The minister, in an interview aired on Saturday, said the talks in Istanbul had ended.",
     "on Saturday"),
])
def test_more_statement_forms_date_the_statement_not_the_talks(text, phrase):
    a = article("a", text, dates=[(phrase, "2025-11-08", None, "day")], published=PUB)
    assert [(x.kind, x.statement) for x in attestations.attest(a)] == [("talks_round", True)]


def test_a_date_before_a_noun_that_is_an_event_still_dates_it():
    found = read("Both sides stood by the October 30 joint statement.", "October 30",
                 "2025-10-30")
    assert found == [("agreement", "2025-10-30", None)]


def test_talks_in_a_clause_of_time_are_not_the_verbs_subject():
    from evidence.compare import boundaries
    from evidence.compare.spans import sentence_at

    def bound(text):
        a = article("a", text, dates=[("Friday", "2025-11-07", None, "day")], published=PUB)
        return boundaries.bounded(a, a.dates[0], sentence_at(a, a.dates[0].start))
    assert bound("The crossing shut during the talks reopened on Friday.") is None
    assert bound("The talks reopened on Friday.")[0]["kind"] == "talks_round"
    # "after" may open a clause of its own whose subject the talks are
    assert bound("The visit comes after the third round of talks ended on Friday.")[0][
        "kind"] == "talks_round"
