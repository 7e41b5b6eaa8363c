"""One event per real-world occasion, in wordings other outlets use: a directive to the
trade reported as "X said Wednesday", a bomber or an attack that "struck" (a militant
attack, not an air strike), an agreement named by its participle ("the deal reached in
Doha on Sunday"), "announced" as a verb of saying, a meeting announced "for the coming
days" dated by the round held in them, and a venue that only recalls an earlier round.
Each case is a short sentence of our own; the kinds are the codebook's
(data/knowledge/events.yml)."""
from __future__ import annotations

import pytest
from articles import article

from evidence.compare import attestations, events
from evidence.compare.clusters import Cluster
from evidence.compare.dissent import venue_host

PUB = "2025-11-14"
WEDNESDAY = ("Wednesday", "2025-11-12", None, "day")
TUESDAY = ("Tuesday", "2025-11-11", None, "day")


def kinds(text: str, *dates, published: str = PUB) -> list[tuple[str, str, bool]]:
    a = article("a", text, dates=list(dates), published=published)
    return [(x.kind, x.dates(), x.statement) for x in attestations.attest(a)]


# ------------------------------------------------------------ a directive to the trade
@pytest.mark.parametrize("text", [
    "The deputy premier said Wednesday that businessmen should stop importing goods.",
    "He said Wednesday that traders must wind up their business with the neighbour.",
    "The economic deputy said Wednesday that importers should look for new markets.",
    "He directed the ministries on Wednesday to end all commercial dealings with them.",
    "The premier ordered on Wednesday that all imports through the crossing stop.",
    "Traders were told on Wednesday to find other routes within three months.",
    "The minister gave traders three months on Wednesday to settle their accounts.",
])
def test_a_directive_to_the_trade_is_a_measure_of_the_statement_s_day(text):
    assert kinds(text, WEDNESDAY) == [("trade_measure", "2025-11-12", False)]


def test_ending_talks_is_no_trade_measure():
    assert "trade_measure" not in [k for k, _d, _s in kinds(
        "The delegations agreed on Wednesday to end talks without a date to resume.",
        WEDNESDAY)]


# ------------------------------------------------------------ who "struck"
@pytest.mark.parametrize("text", [
    "The attack struck the district courts complex on Tuesday.",
    "A bomber struck a police checkpoint in the capital on Tuesday.",
    "The blast struck the crowded entrance of the court on Tuesday.",
    "Attackers struck a police station on Tuesday.",
])
def test_an_attacker_or_an_attack_that_struck_is_a_militant_attack(text):
    assert kinds(text, TUESDAY) == [("attacks", "2025-11-11", False)]


@pytest.mark.parametrize("text", [
    "Pakistani jets struck hideouts in the east on Tuesday.",
    "Drones struck targets in the province on Tuesday.",
    "The military struck camps near the border on Tuesday.",
    "Pakistan allegedly struck a house near the border on Tuesday.",
    "Several villages were struck by drones on Tuesday.",
])
def test_aircraft_drones_or_a_state_striking_is_an_air_strike(text):
    assert kinds(text, TUESDAY) == [("strikes", "2025-11-11", False)]


def test_struck_alone_or_striking_a_deal_is_no_strike():
    assert kinds("Mediators struck a deal on Tuesday.", TUESDAY) != [
        ("strikes", "2025-11-11", False)]
    assert kinds("Lightning struck the old fort on Tuesday.", TUESDAY) == []


def test_three_wordings_of_one_bombing_make_one_event():
    texts = {"a": "A suicide bomber struck outside the court in Islamabad on Tuesday.",
             "b": "The attack struck the district courts on Tuesday.",
             "c": "A suicide bombing killed twelve people on Tuesday."}
    found = events.build([article(sid, t, dates=[TUESDAY], published=PUB)
                          for sid, t in texts.items()])
    assert [(e.kind, e.dates(), e.source_ids) for e in found] == [
        ("attacks", "2025-11-11", ["a", "b", "c"])]


# ------------------------------------------------------------ agreements and "announced"
SUNDAY = ("Sunday", "2025-10-19", None, "day")


@pytest.mark.parametrize("text", [
    "Both sides are bound by the agreement reached in Doha on Sunday.",
    "The deal was reached in Doha on Sunday.",
    "Officials said the understanding reached in Doha on Sunday would be tested.",
])
def test_an_agreement_named_by_its_participle_is_dated(text):
    assert kinds(text, SUNDAY, published="2025-10-21") == [
        ("agreement", "2025-10-19", False)]


def test_an_agreement_reached_during_talks_is_their_outcome():
    talks = [article(sid, "Talks in Doha were held on October 18 and 19.",
                     dates=[("October 18 and 19", "2025-10-18", "2025-10-19", "range")],
                     published="2025-10-20") for sid in ("b", "c")]
    a = article("a", "The deal reached in Doha on Sunday has held.", dates=[SUNDAY],
                published="2025-10-25")
    (event,) = events.build(talks + [a])
    assert event.kind == "talks_round" and event.source_ids == ["a", "b", "c"]
    assert event.outcomes() == "Outcome agreed and announced: a"


def test_announced_is_a_verb_of_saying_whose_object_is_the_event():
    # what is announced is the event: a visit to come, a closure; a kill count is none
    assert kinds("The army announced on Monday that it had killed twenty militants.",
                 ("Monday", "2025-11-10", None, "day")) == []
    assert kinds("The government announced on Monday that it was closing the crossing.",
                 ("Monday", "2025-11-10", None, "day")) == [
        ("trade_measure", "2025-11-10", False)]
    a = article("a", "The president announced on Sunday that his ministers would travel "
                "to Kabul.", dates=[("Sunday", "2025-11-09", None, "day")], published=PUB)
    assert [e.kind for e in events.build([a])] == ["visit_announced"]
    assert kinds("Mediators announced an agreement on Thursday.",
                 ("Thursday", "2025-11-06", None, "day")) == [
        ("agreement", "2025-11-06", False)]


# ------------------------------------------------------------ a meeting "in the coming days"
def _round(source_id: str) -> object:
    return article(source_id, "The talks in Istanbul ran from October 25 to 30.",
                   dates=[("October 25 to 30", "2025-10-25", "2025-10-30", "range")],
                   published="2025-10-31")


def test_a_meeting_announced_for_the_coming_days_takes_the_dates_of_the_round_held():
    a = article("a", "The sides will meet again in the coming days.",
                dates=[("in the coming days", "2025-10-20", "2025-10-26", "range")],
                published="2025-10-19")
    a.dates[0].method = "relative"
    found = events.build([a, _round("b"), _round("c")])
    (planned,) = [e for e in found if e.kind == "scheduled_meeting"]
    (held,) = [e for e in found if e.kind == "talks_round"]
    assert planned.held_as == [held.event_id] and held.scheduled_as == [planned.event_id]
    assert planned.dates() == held.dates() == "2025-10-25 to 2025-10-30"
    assert planned.event_id == "scheduled_meeting-2025-10-25"
    assert planned.imprecise == "in the coming days: a"      # the window as written
    assert planned.precision not in ("day", "range")
    # with no round held in the window, the window dates it
    (alone,) = events.build([a])
    assert alone.dates() == "2025-10-20 to 2025-10-26" and alone.held_as == []


# ------------------------------------------------------------ a venue that recalls
def test_a_place_in_a_background_clause_before_the_event_is_not_its_venue():
    a = article("a", "After the talks in Doha, the two sides met again on Saturday.",
                dates=[("on Saturday", "2025-10-25", None, "day")], published=PUB)
    assert [(x.kind, x.place) for x in attestations.attest(a)] == [("talks_round", "")]
    b = article("b", "In Istanbul, the two sides met again on Saturday.",
                dates=[("on Saturday", "2025-10-25", None, "day")], published=PUB)
    assert [(x.kind, x.place) for x in attestations.attest(b)] == [("talks_round",
                                                                     "istanbul")]


@pytest.mark.parametrize("text", [
    "The talks on Saturday follow a first round in Doha.",
    "The talks on Saturday, like the round in Doha, were mediated by Qatar.",
    "The sides met on Saturday to follow up on the deal struck in Doha.",
    "The talks began on Saturday; the previous round was in Doha.",
])
def test_a_place_after_the_event_that_names_another_is_not_its_venue(text):
    a = article("a", text, dates=[("on Saturday", "2025-10-25", None, "day")], published=PUB)
    assert [(x.kind, x.place) for x in attestations.attest(a)] == [("talks_round", "")]


def _held_nov6(source_id: str):
    return article(source_id, "Delegations met in Istanbul on November 6 and 7.",
                   dates=[("November 6 and 7", "2025-11-06", "2025-11-07", "range")],
                   published="2025-11-08")


def _doha(source_id: str):
    return article(source_id, "Talks in Doha were held on October 18 and 19.",
                   dates=[("October 18 and 19", "2025-10-18", "2025-10-19", "range")],
                   published="2025-10-20")


def test_a_lone_round_set_apart_only_by_an_earlier_round_s_venue_joins_the_round_held():
    lone = article("a", "Negotiators who met in Doha resumed talks on Saturday.",
                   dates=[("on Saturday", "2025-10-25", None, "day")], published="2025-10-26")
    assert [x.place for x in attestations.attest(lone)] == ["doha"]    # the venue misread
    found = events.build([_doha("b"), _doha("c"), _round("d"), _round("e"), lone])
    assert [(e.event_id, e.source_ids) for e in found] == [
        ("talks_round-2025-10-18-doha", ["b", "c"]),
        ("talks_round-2025-10-25-istanbul", ["a", "d", "e"])]
    # no other occasion at that venue: it may be a meeting of its own
    found = events.build([_round("d"), _round("e"), lone])
    assert len(found) == 2


def test_venue_host_needs_one_occasion_holding_the_date_at_another_venue():
    atts = {sid: attestations.attest(a)[0] for sid, a in
            [("b", _doha("b")), ("c", _doha("c")), ("d", _round("d")), ("e", _round("e"))]}
    lone_a = attestations.attest(article(
        "a", "Talks in Doha were held on Saturday.",
        dates=[("on Saturday", "2025-10-25", None, "day")], published="2025-10-26"))[0]

    def cluster(*items):
        c = Cluster(items[0], 1)
        for x in items[1:]:
            c.add(x)
        return c
    doha, istanbul, lone = cluster(atts["b"], atts["c"]), cluster(atts["d"], atts["e"]), \
        cluster(lone_a)
    assert venue_host(lone, [doha, istanbul, lone], "talks_round") is istanbul
    # the Istanbul round dated by one other source only: not an occasion to join
    assert venue_host(lone, [doha, cluster(atts["d"]), lone], "talks_round") is None
    # the copy of a source is no second source
    assert venue_host(lone, [doha, istanbul, lone], "talks_round",
                      {"e": "d"}) is None


# ------------------------------------------------------------ a decision to meet
@pytest.mark.parametrize("text", [
    "The two sides agreed on Sunday to meet again in Istanbul.",
    "On Sunday the delegations decided to hold further talks in Istanbul.",
    "The delegations decided on Sunday to reconvene in Istanbul.",
])
def test_a_decision_to_meet_dates_the_decision_not_the_meeting(text):
    a = article("a", text, dates=[SUNDAY], published="2025-10-20")
    (att,) = attestations.attest(a)
    assert att.statement and att.future and att.kind == "scheduled_meeting"
    # it joins the round others report held in the weeks after, and dates nothing
    (event,) = events.build([a, _round("b"), _round("c")])
    assert (event.kind, event.dates(), event.source_ids) == (
        "talks_round", "2025-10-25 to 2025-10-30", ["a", "b", "c"])
    assert events.build([a]) == []          # alone, no meeting on the decision's day


def test_a_decision_that_is_itself_the_outcome_keeps_its_date():
    assert kinds("The sides agreed on Sunday to extend the truce.", SUNDAY,
                 published="2025-10-20") == [("truce", "2025-10-19", False)]
    # a clause of its own between the date and the decision: the date is the talks'
    assert kinds("The talks ended on Sunday and the sides agreed to meet again.", SUNDAY,
                 published="2025-10-20")[0][:2] == ("talks_round", "2025-10-19")


# ------------------------------------------------------------ more words for the same things
@pytest.mark.parametrize("text, kind", [
    ("Pakistani and Afghan officials met in Istanbul on Thursday.", "talks_round"),
    ("The negotiating teams sat down on Thursday under Turkish mediation.", "talks_round"),
    ("The parley in Istanbul ended on Thursday.", "talks_round"),
    ("Militants attacked a checkpoint near the border on Thursday.", "attacks"),
    ("Twelve people died when a bomb went off outside the court on Thursday.", "attacks"),
    ("Troops from both sides traded fire along the border on Thursday.", "clashes"),
])
def test_other_wordings_of_a_round_an_attack_and_a_clash(text, kind):
    thursday = ("Thursday", "2025-11-06", None, "day")
    assert [k for k, _d, _s in kinds(text, thursday, published="2025-11-09")] == [kind]


# ------------------------------------------------------------ a statement's date, other words
@pytest.mark.parametrize("text", [
    "According to a statement issued on Saturday, the talks in Istanbul ended.",
    "Speaking to reporters on Saturday, the minister said the talks had failed.",
    "The spokesman, speaking on Saturday, said the negotiations had collapsed.",
    "In remarks on Saturday, the minister said the talks were over.",
    "Saturday’s statement said the talks had stalled.",
    "The talks had failed, according to the foreign office on Saturday.",
    "Writing on X on Saturday, the spokesman said the talks had failed.",
])
def test_a_statement_s_date_in_other_words_never_dates_the_talks(text):
    saturday = ("Saturday", "2025-11-08", None, "day")
    found = kinds(text, saturday, published="2025-11-10")
    assert found and all(statement for _k, _d, statement in found)
    held = _held_nov6("b")
    (event,) = events.build([article("a", text, dates=[saturday], published="2025-11-10"),
                             held])
    assert event.dates() == "2025-11-06 to 2025-11-07" and event.source_ids == ["a", "b"]


# ------------------------------------------------------------ a state is no event
@pytest.mark.parametrize("text", [
    "The fragile ceasefire, brokered by Qatar and Turkey, was holding on Tuesday.",
    "The truce agreed in Doha remained in place on Tuesday.",
])
def test_a_ceasefire_holding_on_a_day_is_not_agreed_that_day(text):
    tuesday = ("Tuesday", "2025-10-28", None, "day")
    assert all(statement for _k, _d, statement in kinds(text, tuesday,
                                                        published="2025-10-29"))
    assert events.build([article("a", text, dates=[tuesday], published="2025-10-29")]) == []


def test_a_place_in_a_noun_phrase_naming_another_event_is_not_the_venue():
    a = article("a", "The talks on Tuesday focused on the ceasefire agreed in Doha.",
                dates=[("on Tuesday", "2025-10-28", None, "day")], published="2025-10-29")
    assert [(x.kind, x.place) for x in attestations.attest(a)] == [("talks_round", "")]


# ------------------------------------------------------------ "two days after" the talks
def test_an_event_named_after_an_offset_never_takes_the_offset_s_date():
    text = ("Two days after the latest round of negotiations between the two delegations "
            "in Istanbul ended without a deal, the president said he would send ministers.")
    offset = ("Two days after", "2025-11-09", None, "day")
    assert kinds(text, offset, published="2025-11-10") == []


def test_a_visit_announced_in_the_passive_is_an_announcement_not_an_agreement():
    text = "The visit was announced on Sunday by the president's office."
    assert kinds(text, ("Sunday", "2025-11-09", None, "day"), published="2025-11-10") == [
        ("visit_announced", "2025-11-09", False)]


def test_a_ceasefire_holding_after_talks_is_no_outcome_of_them():
    held = _held_nov6("b")
    a = article("a", "The ceasefire, brokered by Qatar, was holding on Saturday.",
                dates=[("Saturday", "2025-11-08", None, "day")], published="2025-11-09")
    (event,) = events.build([a, held])
    assert event.source_ids == ["b"] and event.outcomes() == ""


# ------------------------------------------------------------ "On Saturday, X said"
@pytest.mark.parametrize("text, statement", [
    ("On Saturday, the defence minister said the talks in Istanbul had failed.", True),
    ("On Saturday the Taliban spokesman said the negotiations had collapsed.", True),
    ("On Saturday the talks ended without agreement, officials said.", False),
    ("Officials from both sides met on Saturday, a spokesman said.", False),
])
def test_a_day_opening_the_sentence_before_its_speaker_is_the_statement_s(text, statement):
    found = kinds(text, ("Saturday", "2025-11-08", None, "day"), published="2025-11-10")
    assert [(k, s) for k, _d, s in found] == [("talks_round", statement)]


def test_a_warning_is_issued_on_the_day_it_is_said():
    text = "On Saturday, the minister said he wanted peace but warned of open war."
    assert kinds(text, ("Saturday", "2025-11-08", None, "day"), published="2025-11-10") == [
        ("warning", "2025-11-08", False)]


def test_a_window_ahead_opening_the_sentence_is_no_statement_s_date():
    text = "In the next two days, the statement says, both sides will hold talks."
    window = ("In the next two days", "2025-10-16", "2025-10-17", "range")
    assert all(not s for _k, _d, s in kinds(text, window, published="2025-10-15"))


# ------------------------------------------------------------ "will meet", "due to meet"
def test_a_meeting_still_to_come_in_other_words_is_scheduled_at_its_own_venue():
    saturday = ("Saturday", "2025-10-25", None, "day")
    assert [(k, d) for k, d, _s in kinds(
        "After the talks in Doha, the two sides are due to meet in Istanbul on Saturday.",
        saturday, published="2025-10-22")] == [("scheduled_meeting", "2025-10-25")]
    a = article("a", "After the talks in Doha, the two sides are due to meet in Istanbul "
                "on Saturday.", dates=[saturday], published="2025-10-22")
    assert [x.place for x in attestations.attest(a)] == ["istanbul"]
    assert kinds("The delegations will meet in Istanbul on Saturday.", saturday,
                 published="2025-10-22")[0][0] == "scheduled_meeting"
    assert kinds("The government is to meet the traders' demands on Saturday.", saturday,
                 published="2025-10-22") == []
