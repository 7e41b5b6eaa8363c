"""The discrepancy ledger on hand-built articles: every kind, every side's evidence."""
from __future__ import annotations

import re

from articles import article

from evidence.compare import discrepancies, events, provisions
from evidence.compare.ledger import WITHIN

PUB = "2025-10-31"
ROUND = ("October 25 to 30", "2025-10-25", "2025-10-30", "range")


def ledger(*arts):
    evs = events.build(list(arts))
    return discrepancies.find(list(arts), evs, provisions.code(list(arts)))


def of_kind(found, kind):
    return [d for d in found if d.kind == kind]


def assert_evidence_verbatim(found, arts):
    texts = {a.source_id: a.clean_text for a in arts}
    table = discrepancies.table(found)
    for d, row in zip(found, table.itertuples()):
        assert d.sides, d
        for side in d.sides:
            if side.span is not None:
                assert texts[side.source_id][side.span.start:side.span.end] == side.span.text
                assert side.span.cite() in row.evidence
            else:
                assert side.note and side.note in row.evidence


def test_stated_durations_differ_from_each_other_and_from_the_dates():
    a = article("a", "The statement came after five days of negotiations in Istanbul. The "
                "second round of negotiations, held from October 25 to 30, ended.",
                dates=[ROUND], published=PUB)
    b = article("b", "The meeting follows six days of intense negotiations (October 25-30) in "
                "Istanbul.", dates=[("October 25-30", "2025-10-25", "2025-10-30", "range")],
                published=PUB)
    c = article("c", "The talks in Istanbul lasted four days, officials said.", published=PUB)
    d = article("d", "The Istanbul meeting is scheduled to last three days.", published=PUB)
    arts = [a, b, c, d]
    found = ledger(*arts)
    (dur,) = of_kind(found, "duration")
    values = dur.values()
    for expected in ("5 days (a)", "6 days (b)", "4 days (c)", "3 days (planned) (d)"):
        assert expected in values
    assert "6 days by its dates" in values
    (own,) = of_kind(found, "duration_vs_dates")
    assert own.source_ids == ["a"] and own.scope == WITHIN
    assert {s.value for s in own.sides} == {"5 days", "6 days by its dates (2025-10-25 to "
                                                      "2025-10-30)"}
    assert_evidence_verbatim(found, arts)


def test_agreeing_durations_raise_nothing():
    a = article("a", "After six days of talks held from October 25 to 30 in Istanbul, they "
                "parted.", dates=[ROUND], published=PUB)
    b = article("b", "Six days of negotiations in Istanbul ended.", published=PUB)
    found = ledger(a, b)
    assert not of_kind(found, "duration") and not of_kind(found, "duration_vs_dates")


def test_round_numbering_differs_between_sources():
    a = article("a", "The second round of talks, held from October 25 to 30, ended.",
                dates=[ROUND], published=PUB)
    b = article("b", "The third round of negotiations, held from October 25 to 30, ended.",
                dates=[ROUND], published=PUB)
    found = ledger(a, b)
    (row,) = of_kind(found, "round_numbering")
    assert row.source_ids == ["a", "b"]
    assert re.search(r"round 2 .*\(a\); round 3 .*\(b\)", row.values())
    assert_evidence_verbatim(found, [a, b])


def test_event_dates_and_vague_dates():
    a = article("a", "The ceasefire was agreed upon in Doha on October 18 and 19.",
                dates=[("October 18 and 19", "2025-10-18", "2025-10-19", "range")],
                published=PUB)
    b = article("b", "A ceasefire agreement was signed in Doha on October 19.",
                dates=[("October 19", "2025-10-19", None, "day")], published=PUB)
    c = article("c", "The ceasefire was initially discussed in Doha earlier this year.",
                dates=[("earlier this year", "2025-01-01", "2025-10-31", "year")],
                published=PUB)
    found = ledger(a, b, c)
    (when,) = of_kind(found, "event_date")
    assert when.values() == "2025-10-18 to 2025-10-19 (a); 2025-10-19 (b)"
    (vague,) = of_kind(found, "vague_date")
    assert "earlier this year (2025-01-01 to 2025-10-31) (c)" in vague.values()
    assert when.event_id == vague.event_id == "truce-2025-10-18-doha"


def test_names_of_the_mechanism_and_the_announcer():
    a = article("a", "The Turkish Foreign Ministry announced that both sides agreed to create "
                "a joint monitoring and accountability mechanism.")
    b = article("b", "Turkey and Qatar said in a joint statement that the sides agreed on a "
                "monitoring and verification mechanism.")
    c = article("c", "The Turkish Foreign Ministry said both sides agreed on a monitoring and "
                "verification mechanism.")
    found = ledger(a, b, c)
    (names,) = of_kind(found, "mechanism_name")
    assert names.values() == ("joint monitoring and accountability mechanism (a); "
                              "monitoring and verification mechanism (b, c)")
    (who,) = of_kind(found, "announcer")
    assert who.values() == "turkish_foreign_ministry (a, c); qatar + turkey, joint statement (b)"


def test_penalty_wording_and_status_conflicts_across_sources():
    a = article("a", "The agreed mechanism would include legal measures against any party "
                "found violating the agreement.")
    b = article("b", "The agreed mechanism would impose sanctions against any party that "
                "violates the agreement.")
    c = article("c", "The agreement contains no penalties for violations, officials said.")
    found = ledger(a, b, c)
    (detail,) = of_kind(found, "provision_detail")
    assert detail.subject.startswith("Penalty for a violator")
    assert detail.values() == "legal measures (a); sanctions (b)"
    (status,) = of_kind(found, "provision_status")
    assert {(s.source_id, s.value) for s in status.sides} == {
        ("a", "reported"), ("b", "reported"), ("c", "contradicted")}


def test_page_date_flag_and_joined_stories_are_within_source_rows():
    a = article("a", "Talks end in Istanbul\n\nThe talks ended on Thursday.\n\nNew clashes "
                "on the border\n\nClashes were reported.",
                stories=["Talks end in Istanbul", "New clashes on the border"],
                published=PUB, flags=["page header date 2024-01-02 contradicts the content"],
                header_line="Tuesday, 02 January 2024")
    a.clean.header_dates.append(("Tuesday, 02 January 2024", events.dt.date(2024, 1, 2)))
    a.pubdate.evidence = "The talks ended on Thursday."
    found = ledger(a)
    (page,) = of_kind(found, "page_date")
    assert page.values() == "page header 2024-01-02 (a); content 2025-10-31 (a)"
    assert 'raw line 1: "Tuesday, 02 January 2024"' in discrepancies.table([page]).evidence[0]
    (joined,) = of_kind(found, "joined_stories")
    assert [s.value for s in joined.sides] == ["story 1: Talks end in Istanbul",
                                               "story 2: New clashes on the border"]
    assert_evidence_verbatim(found, [a])


def test_announced_start_inside_a_round_the_source_reports_as_held():
    a = article("a", "The second round will be held in Istanbul on Thursday (today). The "
                "negotiating sessions held from October 25 to 30 were mediated by Qatar.",
                dates=[("Thursday (today)", "2025-10-30", None, "day"), ROUND],
                published="2025-10-30")
    found = ledger(a)
    (row,) = [d for d in found if d.kind == "self_contradiction"]
    assert row.source_ids == ["a"]
    assert [s.value for s in row.sides] == ["starts 2025-10-30",
                                            "held 2025-10-25 to 2025-10-30"]


def test_forces_killing_their_own_side():
    bad = article("a", "Clashes erupted, prompting a response by the Afghan army, which killed "
                  "several Afghan soldiers and dozens of Pakistani soldiers.")
    fine = article("b", "The Pakistan Army responded, which killed several Afghan soldiers.")
    (row,) = of_kind(ledger(bad), "self_contradiction")
    assert "Afghan army" in row.sides[0].span.text and row.sides[1].span.text == "Afghan soldiers"
    assert not of_kind(ledger(fine), "self_contradiction")


def test_adding_an_article_updates_the_ledger_without_code_change():
    a = article("a", "After six days of negotiations held from October 25 to 30 in Istanbul "
                "the sides agreed on a monitoring and verification mechanism.",
                dates=[ROUND], published=PUB)
    before = ledger(a)
    assert not of_kind(before, "duration") and not of_kind(before, "mechanism_name")
    z = article("z", "The talks in Istanbul lasted four days and the sides agreed to set up a "
                "joint monitoring group.", published=PUB)
    after = ledger(a, z)
    assert of_kind(after, "duration")[0].source_ids == ["a", "z"]
    assert of_kind(after, "mechanism_name")[0].source_ids == ["a", "z"]


def test_ids_are_unique_and_stable():
    a = article("a", "The second round of talks, held from October 25 to 30, ended.",
                dates=[ROUND], published=PUB)
    b = article("b", "The third round of negotiations, held from October 25 to 30, ended.",
                dates=[ROUND], published=PUB)
    first = discrepancies.table(ledger(a, b))
    again = discrepancies.table(ledger(b, a))
    assert first.equals(again)
    assert first["discrepancy_id"].is_unique
    assert list(first.columns[:6]) == ["discrepancy_id", "kind", "subject", "source_ids",
                                       "values", "evidence"]


def test_vague_date_only_counts_for_a_source_that_gives_no_exact_date():
    a = article("a", "The sides will meet again in Istanbul next week. The next meeting will be "
                "held in Istanbul on November 6.",
                dates=[("next week", "2025-11-03", "2025-11-09", "week"),
                       ("November 6", "2025-11-06", None, "day")], published=PUB)
    b = article("b", "Officials said the next meeting will be held in Istanbul next week.",
                dates=[("next week", "2025-11-03", "2025-11-09", "week")], published=PUB)
    assert not of_kind(ledger(a), "vague_date")
    (row,) = of_kind(ledger(a, b), "vague_date")
    assert row.values() == "2025-11-06 (a); next week (2025-11-03 to 2025-11-09) (b)"


def test_naming_more_delegates_is_no_conflict_but_another_head_is():
    a = article("a", "The Pakistani delegation was led by Khawaja Asif, officials said.")
    b = article("b", "The talks were led by Khawaja Asif and Mullah Yaqoob, officials said.")
    assert not of_kind(ledger(a, b), "delegation_head")
    c = article("c", "The Pakistani delegation was led by Ishaq Dar, officials said.")
    (row,) = of_kind(ledger(a, c), "delegation_head")
    assert row.values() == "khawaja_asif (a); ishaq_dar (c)"


def test_one_meeting_announced_and_reported_held_is_one_round():
    a = article("a", "The third round of talks will be held in Istanbul on November 6.",
                dates=[("November 6", "2025-11-06", None, "day")], published=PUB)
    b = article("b", "The third round of talks ended a day after the delegations met in "
                "Istanbul on Thursday.", dates=[("Thursday", "2025-11-06", None, "day")],
                published="2025-11-07")
    assert of_kind(ledger(a, b), "round_numbering") == []
    c = article("c", "The fourth round of talks ended a day after the delegations met in "
                "Istanbul on Thursday.", dates=[("Thursday", "2025-11-06", None, "day")],
                published="2025-11-07")
    found = ledger(a, c)
    (row,) = of_kind(found, "round_numbering")
    assert row.subject.startswith("Round number of Meeting scheduled in Istanbul")
    assert row.source_ids == ["a", "c"]
    assert_evidence_verbatim(found, [a, c])


def test_a_meeting_announced_as_one_round_and_held_as_another_is_a_numbering_row():
    a = article("a", "Both sides agreed to meet again in Istanbul on November 6 for a third "
                "round of talks.", dates=[("November 6", "2025-11-06", None, "day")],
                published=PUB)
    b = article("b", "The delegations for the second round are meeting in Istanbul on "
                "Thursday (today).", dates=[("Thursday", "2025-11-06", None, "day")],
                published="2025-11-06")
    found = ledger(a, b)
    (row,) = of_kind(found, "round_numbering")
    assert row.source_ids == ["a", "b"]
    assert re.search(r"round 3 = .*\(a\); round 2 = .*\(b\)", row.values())
    assert [s.span.text for s in row.sides] == ["third round", "second round"]
    assert_evidence_verbatim(found, [a, b])


def test_an_outcome_starting_inside_the_talks_contradicts_nothing():
    a = article("a", "Talks were held in Doha on October 18 and 19. A ceasefire that begins on "
                "October 19 was signed in Doha.",
                dates=[("October 18 and 19", "2025-10-18", "2025-10-19", "range"),
                       ("October 19", "2025-10-19", None, "day")], published=PUB)
    evs = events.build([a])
    assert [(e.kind, e.outcomes()) for e in evs] == [("talks_round", "Ceasefire agreed: a")]
    assert of_kind(ledger(a), "self_contradiction") == []


def test_a_copy_saved_again_adds_no_count_to_a_ledger_row():
    a = article("a", "The ceasefire was agreed upon in Doha on October 18 and 19.",
                dates=[("October 18 and 19", "2025-10-18", "2025-10-19", "range")],
                published=PUB)
    b, again = (article(sid, "A ceasefire agreement was signed in Doha on October 19.",
                        dates=[("October 19", "2025-10-19", None, "day")], published=PUB)
                for sid in ("b", "b_again"))
    again.copy_of = "b"
    arts = [a, b, again]
    found = ledger(*arts)
    (when,) = of_kind(found, "event_date")
    assert when.source_ids == ["a", "b", "b_again"]      # every source is still listed
    row = discrepancies.table(found, {s.source_id: s.copy_of or s.source_id
                                      for s in arts}).set_index("discrepancy_id")
    assert row.loc[when.discrepancy_id, "n_sources"] == 2
    plain = ledger(a, b)
    assert discrepancies.table(plain)["n_sources"].tolist() == [2]
