"""Events: classification by the codebook, merging across sources, dates and ids."""
from __future__ import annotations

import random

from articles import article

from evidence.compare import attestations, date_roles, events

PUB = "2025-10-31"


def doha(source_id, sentence, *dates):
    return article(source_id, sentence, dates=list(dates), published=PUB)


def test_sources_dating_one_ceasefire_differently_make_one_event_with_disagreement():
    a = doha("a", "The ceasefire agreement was agreed upon in Doha on October 18 and 19.",
             ("October 18 and 19", "2025-10-18", "2025-10-19", "range"))
    b = doha("b", "Officials signed a ceasefire agreement in Doha on October 19 after clashes.",
             ("October 19", "2025-10-19", None, "day"))
    c = doha("c", "The ceasefire was first discussed in Doha earlier this year.",
             ("earlier this year", "2025-01-01", "2025-10-31", "year"))
    found = events.build([a, b, c])
    assert [e.kind for e in found] == ["truce"]
    e = found[0]
    assert e.source_ids == ["a", "b", "c"]
    assert (e.date_start.isoformat(), e.date_end.isoformat()) == ("2025-10-18", "2025-10-19")
    assert e.precision == "range" and e.place == "Doha"
    assert "2025-10-18 to 2025-10-19: a" in e.disagreement and "2025-10-19: b" in e.disagreement
    assert e.imprecise == "earlier this year: c"


def test_background_event_after_the_date_does_not_take_it():
    b = doha("b", "Officials signed a ceasefire agreement in Doha on October 19 after clashes.",
             ("October 19", "2025-10-19", None, "day"))
    assert [a.kind for a in attestations.attest(b)] == ["truce"]


def test_different_venues_are_different_events():
    a = doha("a", "A ceasefire was signed in Doha on October 19.",
             ("October 19", "2025-10-19", None, "day"))
    b = doha("b", "A ceasefire was signed in Riyadh on October 19.",
             ("October 19", "2025-10-19", None, "day"))
    found = events.build([a, b])
    assert sorted(e.place for e in found) == ["Doha", "Riyadh"]
    assert all(len(e.source_ids) == 1 for e in found)


def test_talks_after_the_publication_date_are_scheduled():
    text = "The next talks will be held in Istanbul on November 6."
    dates = [("November 6", "2025-11-06", None, "day")]
    before = article("a", text, dates=dates, published="2025-10-31")
    after = article("b", text, dates=dates, published="2025-11-10")
    undated = article("c", text, dates=dates)
    assert [a.kind for a in attestations.attest(before)] == ["scheduled_meeting"]
    assert [a.kind for a in attestations.attest(after)] == ["talks_round"]
    assert [a.kind for a in attestations.attest(undated)] == ["scheduled_meeting"]


def test_one_day_inside_a_round_is_not_a_disagreement_but_another_range_is():
    a = article("a", "The negotiating sessions held from October 25 to 30 ended late.",
                dates=[("October 25 to 30", "2025-10-25", "2025-10-30", "range")],
                published=PUB)
    b = article("b", "The second day of negotiations will be held today, Sunday, in Istanbul.",
                dates=[("today, Sunday", "2025-10-26", None, "day")], published="2025-10-26")
    c = article("c", "The talks, held from October 25 to 29, were tense.",
                dates=[("October 25 to 29", "2025-10-25", "2025-10-29", "range")],
                published=PUB)
    (both,) = events.build([a, b])
    assert both.kind == "talks_round" and both.source_ids == ["a", "b"]
    assert both.disagreement == "" and both.place == "Istanbul"
    (three,) = events.build([a, b, c])
    assert "2025-10-25 to 2025-10-29: c" in three.disagreement


def test_vague_only_event_keeps_its_range_and_precision():
    a = article("a", "Tensions rose in recent weeks due to border clashes.",
                dates=[("in recent weeks", "2025-10-03", "2025-10-31", "week")], published=PUB)
    (e,) = events.build([a])
    assert e.kind == "clashes" and e.precision == "week"
    assert e.date_start.isoformat() == "2025-10-03"


def test_undated_sentences_and_far_triggers_make_no_event():
    a = article("a", "Talks continued. On October 12 the weather in the capital was fine and "
                "nothing of note happened for a long while, according to residents there.",
                dates=[("October 12", "2025-10-12", None, "day")], published=PUB)
    assert events.build([a]) == []


def test_table_is_stable_sorted_and_follows_the_contract():
    arts = [
        doha("a", "Clashes erupted on October 12. A ceasefire was signed in Doha on October 19.",
             ("October 12", "2025-10-12", None, "day"), ("October 19", "2025-10-19", None, "day")),
        doha("b", "The talks were held from October 25 to 30 in Istanbul.",
             ("October 25 to 30", "2025-10-25", "2025-10-30", "range")),
    ]
    first = events.table(events.build(arts))
    shuffled = arts[:]
    random.Random(3).shuffle(shuffled)
    assert events.table(events.build(shuffled[::-1])).equals(first)
    assert list(first.columns[:8]) == ["event_id", "kind", "label", "date_start", "date_end",
                                       "precision", "source_ids", "n_sources"]
    assert list(first["date_start"]) == sorted(first["date_start"])
    assert list(first["event_id"]) == ["clashes-2025-10-12", "truce-2025-10-19-doha",
                                       "talks_round-2025-10-25-istanbul"]
    for row in first.itertuples():
        source_id, offsets = row.evidence.split("@")
        start, end = map(int, offsets.split("-"))
        assert source_id in {"a", "b"} and end > start


def test_adding_an_article_updates_events_without_code_change():
    a = doha("a", "A ceasefire was signed in Doha on October 19.",
             ("October 19", "2025-10-19", None, "day"))
    before = events.build([a])
    new = article("z", "The Doha ceasefire was agreed on October 19. Fighting broke out on "
                  "November 2.", dates=[("October 19", "2025-10-19", None, "day"),
                                        ("November 2", "2025-11-02", None, "day")],
                  published="2025-11-03")
    after = events.build([a, new])
    assert len(before) == 1 and len(after) == 2
    truce = next(e for e in after if e.kind == "truce")
    assert truce.source_ids == ["a", "z"]
    assert any(e.kind == "clashes" and e.date_start.isoformat() == "2025-11-02" for e in after)


# ------------------------------------------------ datelines and dates of statements

def kinds_and_dates(art):
    """The attestations that date an event (a statement's date dates only the statement)."""
    return [(a.kind, a.dates()) for a in attestations.attest(art) if not a.statement]


def statements(art):
    return [(a.kind, a.dates()) for a in attestations.attest(art) if a.statement]


def test_wire_dateline_date_is_the_story_not_an_event():
    a = article("a", "Truce holds\n\nKABUL, Nov 2 (AFP) — Pakistan and Afghanistan agreed to "
                "extend the ceasefire after talks in Istanbul.",
                dates=[("Nov 2", "2025-11-02", None, "day")], published="2025-11-02")
    (line,) = date_roles.datelines(a)
    assert line.text == "KABUL, Nov 2 (AFP) —"      # the separator ends it
    assert attestations.attest(a) == [] and events.build([a]) == []


def test_newspaper_dateline_with_year_and_colon_is_not_an_event():
    a = article("a", "ISLAMABAD, November 7, 2025: The third round of talks in Istanbul ended.",
                dates=[("November 7, 2025", "2025-11-07", None, "day")],
                published="2025-11-07")
    assert [d.text for d in date_roles.datelines(a)] == ["ISLAMABAD, November 7, 2025:"]
    assert attestations.attest(a) == []


def test_dated_sentences_that_are_not_datelines_still_attest():
    text = ("On October 19, a ceasefire was signed in Doha.\n"
            "Istanbul hosted the talks, held on October 25: both sides attended.\n"
            "Clashes, October 12 - the worst since 2021 - preceded the talks.")
    a = article("a", text, dates=[("October 19", "2025-10-19", None, "day"),
                                  ("October 25", "2025-10-25", None, "day"),
                                  ("October 12", "2025-10-12", None, "day")], published=PUB)
    assert date_roles.datelines(a) == []
    assert kinds_and_dates(a) == [("truce", "2025-10-19"), ("talks_round", "2025-10-25"),
                                  ("clashes", "2025-10-12")]


def test_date_of_a_statement_does_not_date_the_event_it_reports():
    a = article("a", "Officials said on Monday that talks will resume on Nov 10.",
                dates=[("Monday", "2025-11-03", None, "day"),
                       ("Nov 10", "2025-11-10", None, "day")], published="2025-11-03")
    assert kinds_and_dates(a) == [("scheduled_meeting", "2025-11-10")]
    assert statements(a) == [("scheduled_meeting", "2025-11-03")]
    assert [(e.kind, e.dates()) for e in events.build([a])] == [("scheduled_meeting",
                                                                 "2025-11-10")]
    b = article("b", "The Islamic Emirate will hold the third round of talks in Istanbul on "
                "November 6, a spokesman said on Saturday.",
                dates=[("November 6", "2025-11-06", None, "day"),
                       ("Saturday", "2025-11-01", None, "day")], published="2025-11-01")
    assert kinds_and_dates(b) == [("scheduled_meeting", "2025-11-06")]
    assert [(e.kind, e.dates()) for e in events.build([b])] == [("scheduled_meeting",
                                                                 "2025-11-06")]


def test_statement_dates_before_and_after_the_verb_and_with_a_medium():
    sentences_ = [
        "Asif told a private TV channel on Friday that the talks had ended.",
        "The spokesman on Friday said the talks had ended without a breakthrough.",
        "The foreign ministry said in a statement late on Friday that talks were held.",
        "In a statement early on Friday, the ministry said talks had been held.",
        "A security official confirmed on Friday that the talks had been extended.",
    ]
    for text in sentences_:
        a = article("a", text, dates=[("Friday", "2025-10-31", None, "day")], published=PUB)
        assert kinds_and_dates(a) == [] and statements(a), text
        assert events.build([a]) == [], text       # a statement alone dates nothing


def test_a_clause_after_the_verb_keeps_its_own_date():
    said = article("a", "Officials said the talks will resume on Nov 10.",
                   dates=[("Nov 10", "2025-11-10", None, "day")], published="2025-11-03")
    assert kinds_and_dates(said) == [("scheduled_meeting", "2025-11-10")]
    # announcing a ceasefire is the event itself, not a statement about one
    announced = doha("b", "A ceasefire was announced in Doha on October 19.",
                     ("October 19", "2025-10-19", None, "day"))
    assert kinds_and_dates(announced) == [("truce", "2025-10-19")]
    held = article("c", "He said the delegations met in Istanbul on Thursday.",
                   dates=[("Thursday", "2025-11-06", None, "day")], published="2025-11-07")
    assert kinds_and_dates(held) == [("talks_round", "2025-11-06")]


# ------------------------------------------------ a scheduled meeting reported as held

def test_scheduled_meeting_reported_later_as_held_is_linked_not_merged():
    before = article("a", "The two sides will meet again in Istanbul on November 6.",
                     dates=[("November 6", "2025-11-06", None, "day")], published=PUB)
    after = article("b", "The talks ended a day after the delegations met in Istanbul on "
                    "Thursday.", dates=[("Thursday", "2025-11-06", None, "day")],
                    published="2025-11-07")
    planned, held = events.build([before, after])
    assert (planned.event_id, planned.source_ids) == \
        ("scheduled_meeting-2025-11-06-istanbul", ["a"])
    assert (held.event_id, held.source_ids) == ("talks_round-2025-11-06-istanbul", ["b"])
    assert planned.held_as == [held.event_id] and held.scheduled_as == [planned.event_id]
    assert events.occasion(planned) == events.occasion(held) == planned.event_id


def test_meetings_elsewhere_or_on_other_days_are_not_linked():
    before = article("a", "The two sides will meet again in Istanbul on November 6.",
                     dates=[("November 6", "2025-11-06", None, "day")], published=PUB)
    ankara = article("b", "The delegations met in Ankara on Thursday.",
                     dates=[("Thursday", "2025-11-06", None, "day")], published="2025-11-07")
    later = article("c", "The delegations met in Istanbul on Friday.",
                    dates=[("Friday", "2025-11-07", None, "day")], published="2025-11-08")
    found = events.build([before, ankara, later])
    assert len(found) == 3
    assert all(e.held_as == [] and e.scheduled_as == [] for e in found)
    assert len({events.occasion(e) for e in found}) == 3


def test_title_case_dateline_needs_a_known_place():
    kabul = article("a", "Kabul, Nov 2 (AFP) — The talks in Istanbul ended.",
                    dates=[("Nov 2", "2025-11-02", None, "day")], published="2025-11-02")
    assert [d.text for d in date_roles.datelines(kabul)] == ["Kabul, Nov 2 (AFP) —"]
    assert attestations.attest(kabul) == []
    unknown = article("b", "Talks, Nov 2 - the last before the deadline - ended.",
                      dates=[("Nov 2", "2025-11-02", None, "day")], published="2025-11-02")
    assert date_roles.datelines(unknown) == []
    assert kinds_and_dates(unknown) == [("talks_round", "2025-11-02")]


# ------------------------------------------------ one event per real-world occasion

def on(source_id, sentence, words, day):
    """An article dating one thing to one day."""
    return doha(source_id, sentence, (words, day, None, "day"))


def test_one_round_reported_in_different_words_is_one_event_spanning_their_dates():
    pub = "2025-11-08"
    texts = [
        ("a", "The third round opened in Istanbul on Thursday.", "Thursday", "2025-11-06"),
        ("b", "The latest round of talks in Istanbul ended on Friday.", "Friday", "2025-11-07"),
        ("c", "Negotiations resumed in Istanbul on November 6.", "November 6", "2025-11-06"),
        ("d", "The meeting on Nov. 7 broke up late.", "Nov. 7", "2025-11-07"),
    ]
    arts = [article(sid, text, dates=[(w, day, None, "day")], published=pub)
            for sid, text, w, day in texts]
    (event,) = events.build(arts)
    assert event.kind == "talks_round" and event.place == "Istanbul"
    assert (event.date_start.isoformat(), event.date_end.isoformat()) == ("2025-11-06",
                                                                          "2025-11-07")
    assert event.source_ids == ["a", "b", "c", "d"]
    assert event.disagreement == ""          # days inside one round are not disagreements


def test_point_events_on_neighbouring_days_stay_apart():
    a = on("a", "A ceasefire was signed in Riyadh on October 15.", "October 15", "2025-10-15")
    b = on("b", "A ceasefire was signed in Riyadh on October 16.", "October 16", "2025-10-16")
    assert len(events.build([a, b])) == 2


def test_outcome_dated_inside_talks_is_part_of_the_occasion():
    talks = doha("a", "Talks were held in Doha on October 18 and 19.",
                 ("October 18 and 19", "2025-10-18", "2025-10-19", "range"))
    truce = on("b", "A ceasefire was signed in Doha on October 19.", "October 19", "2025-10-19")
    closing = on("c", "A joint statement was issued on October 20.", "October 20", "2025-10-20")
    earlier = on("d", "A ceasefire was declared on October 15.", "October 15", "2025-10-15")
    elsewhere = on("e", "A ceasefire was signed in Riyadh on October 19.", "October 19",
                   "2025-10-19")
    found = events.build([talks, truce, closing, earlier, elsewhere])
    by_kind = {(e.kind, e.place): e for e in found}
    held = by_kind[("talks_round", "Doha")]
    assert held.source_ids == ["a", "b", "c"]
    assert (held.date_start.isoformat(), held.date_end.isoformat()) == ("2025-10-18",
                                                                        "2025-10-19")
    assert held.outcomes() == "Ceasefire agreed: b; Outcome agreed and announced: c"
    assert by_kind[("truce", "")].source_ids == ["d"]          # no talks on October 15
    assert by_kind[("truce", "Riyadh")].source_ids == ["e"]    # the venue disagrees
    row = events.table(found).set_index("event_id").loc[held.event_id]
    assert row["outcomes"] == held.outcomes() and row["n_sources"] == 3


def test_vague_outcome_joins_the_occasion_its_own_sentence_dates():
    a = doha("a", "Talks in Istanbul began on October 25 but stalled earlier this week.",
             ("October 25", "2025-10-25", None, "day"),
             ("earlier this week", "2025-10-20", "2025-10-25", "week"))
    b = doha("b", "Talks were held in Doha on October 18 and 19.",
             ("October 18 and 19", "2025-10-18", "2025-10-19", "range"))
    c = doha("c", "Talks were held in Istanbul from October 25 to 30.",
             ("October 25 to 30", "2025-10-25", "2025-10-30", "range"))
    found = events.build([a, b, c])
    assert sorted((e.kind, e.place, tuple(e.source_ids)) for e in found) == [
        ("talks_round", "Doha", ("b",)), ("talks_round", "Istanbul", ("a", "c"))]
    istanbul = next(e for e in found if e.place == "Istanbul")
    assert {a.date_text for a in istanbul.attestations if a.source_id == "a"} == {
        "October 25", "earlier this week"}
    # alone, the stall never joins talks elsewhere: it joins the Istanbul talks its own
    # sentence dates ("began on October 25" is the talks' first day, not the stall's)
    alone = events.build([a, b])
    assert sorted((e.kind, e.place, tuple(e.source_ids)) for e in alone) == [
        ("talks_round", "Doha", ("b",)), ("talks_round", "Istanbul", ("a",))]
    doha_talks = next(e for e in alone if e.place == "Doha")
    assert doha_talks.outcomes() == ""
    assert next(e for e in alone if e.place == "Istanbul").outcomes() == "Talks stalled: a"


def test_a_statement_joins_the_event_it_reports_without_dating_it():
    held = article("a", "The talks in Istanbul were held on November 6 and 7.",
                   dates=[("November 6 and 7", "2025-11-06", "2025-11-07", "range")],
                   published="2025-11-08")
    said = article("b", "The talks have been suspended, the minister said on Saturday.",
                   dates=[("Saturday", "2025-11-08", None, "day")], published="2025-11-08")
    late = article("c", "The talks had produced nothing, the minister said on November 20.",
                   dates=[("November 20", "2025-11-20", None, "day")], published="2025-11-20")
    (event,) = events.build([held, said, late])
    assert event.source_ids == ["a", "b"]               # c speaks too long after
    assert (event.date_start.isoformat(), event.date_end.isoformat()) == ("2025-11-06",
                                                                          "2025-11-07")
    written = events.table([event]).loc[0, "dates_as_written"]
    assert "b: Saturday (statement)" in written


def test_an_announcement_joins_the_meeting_it_announces():
    planned = article("a", "The delegations will meet again in Istanbul on November 6.",
                      dates=[("November 6", "2025-11-06", None, "day")], published=PUB)
    announced = article("b", "The two sides will meet again soon, officials said on Monday.",
                        dates=[("Monday", "2025-11-03", None, "day")], published="2025-11-03")
    (event,) = events.build([planned, announced])
    assert event.kind == "scheduled_meeting" and event.source_ids == ["a", "b"]
    assert event.dates() == "2025-11-06"


def test_a_date_after_said_of_the_belongs_to_the_noun_it_modifies():
    a = article("a", "The ministry said of the October 25-30 talks that much was agreed.",
                dates=[("October 25-30", "2025-10-25", "2025-10-30", "range")],
                published=PUB)
    assert kinds_and_dates(a) == [("talks_round", "2025-10-25 to 2025-10-30")]
    assert statements(a) == []


def test_a_place_belongs_to_the_date_it_stands_next_to():
    a = doha("a", "Rounds of talks took place on October 19 in Doha and October 25 in "
             "Istanbul.", ("October 19", "2025-10-19", None, "day"),
             ("October 25", "2025-10-25", None, "day"))
    assert [(x.date_start.isoformat(), x.place) for x in attestations.attest(a)] == [
        ("2025-10-19", "doha"), ("2025-10-25", "istanbul")]


def test_a_passive_report_names_no_speaker_and_dates_the_event():
    a = on("a", "Heavy gunfire was reported along the border on Monday.", "Monday",
           "2025-10-27")
    assert kinds_and_dates(a) == [("clashes", "2025-10-27")] and statements(a) == []


def test_strikes_bombings_and_cross_border_attacks_have_their_kinds():
    cases = [("Jets struck a village near the border late Friday.", "strikes"),
             ("A suicide blast hit the city court on Tuesday.", "attacks"),
             ("Cross-border attacks on Sunday killed five soldiers.", "clashes")]
    for text, kind in cases:
        words = next(w for w in ("Friday", "Tuesday", "Sunday") if w in text)
        assert kinds_and_dates(on("a", text, words, "2025-10-26")) == [(kind, "2025-10-26")]


def test_an_announced_visit_is_one_event_with_its_announcement():
    a = article("a", "The president confirmed on Sunday that the foreign minister, the defence "
                "minister and the intelligence chief will travel to Kabul next week.",
                dates=[("Sunday", "2025-11-09", None, "day"),
                       ("next week", "2025-11-10", "2025-11-16", "week")],
                published="2025-11-09")
    assert statements(a) == [("visit", "2025-11-09")]
    (event,) = events.build([a])
    assert (event.kind, event.dates(), event.source_ids) == ("visit",
                                                             "2025-11-10 to 2025-11-16", ["a"])
    assert len(event.attestations) == 2


def test_round_numbers_are_kept_per_source_and_go_to_the_nearest_event():
    a = article("a", "The third round, due in Istanbul on November 6, follows the second "
                "round held there from October 25 to 30.",
                dates=[("November 6", "2025-11-06", None, "day"),
                       ("October 25 to 30", "2025-10-25", "2025-10-30", "range")],
                published=PUB)
    b = article("b", "The second round of talks will be held in Istanbul on November 6.",
                dates=[("November 6", "2025-11-06", None, "day")], published=PUB)
    found = {e.kind: e for e in events.build([a, b])}
    assert found["scheduled_meeting"].rounds() == "2: b; 3: a"
    assert found["talks_round"].rounds() == "2: a"
    table = events.table(list(found.values())).set_index("kind")
    assert table.loc["scheduled_meeting", "rounds"] == "2: b; 3: a"


def test_striking_a_deal_is_no_air_strike_and_border_violence_is_a_clash():
    deal = on("a", "The two sides struck a deal in Doha on October 19.", "October 19",
              "2025-10-19")
    assert kinds_and_dates(deal) == [("agreement", "2025-10-19")]
    incident = on("b", "Officials referred to the incident at the Chaman border crossing on "
                  "Thursday.", "Thursday", "2025-11-06")
    violence = on("c", "Cross-border violence surged from Saturday.", "Saturday", "2025-10-11")
    assert kinds_and_dates(incident) == [("clashes", "2025-11-06")]
    assert kinds_and_dates(violence) == [("clashes", "2025-10-11")]


def test_agreeing_to_pause_hostilities_is_a_truce():
    a = on("a", "Both sides agreed to pause hostilities for 48 hours on Wednesday.", "Wednesday",
           "2025-10-15")
    assert kinds_and_dates(a) == [("truce", "2025-10-15")]


def test_a_date_without_a_venue_joins_the_occasion_most_sources_attest():
    stray = on("a", "Talks were held in Doha on October 25.", "October 25", "2025-10-25")
    held = [doha(sid, "Talks were held in Istanbul from October 25 to 30.",
                 ("October 25 to 30", "2025-10-25", "2025-10-30", "range")) for sid in "bc"]
    began = on("d", "The talks began on October 25.", "October 25", "2025-10-25")
    found = {e.place: e.source_ids for e in events.build([stray, *held, began])}
    assert found == {"Doha": ["a"], "Istanbul": ["b", "c", "d"]}


def test_vague_outcome_joins_the_occasion_its_source_dates_elsewhere():
    a = article("a", "Talks in Istanbul were held on October 27.\n\nThe process stalled this "
                "week.", dates=[("October 27", "2025-10-27", None, "day"),
                                ("this week", "2025-10-21", "2025-10-28", "week")],
                published=PUB)
    b = doha("b", "Talks were held in Istanbul on October 23.",
             ("October 23", "2025-10-23", None, "day"))
    found = events.build([a, b])
    assert sorted((e.kind, e.dates(), tuple(e.source_ids)) for e in found) == [
        ("talks_round", "2025-10-23", ("b",)), ("talks_round", "2025-10-27", ("a",))]
    assert next(e for e in found if e.source_ids == ["a"]).outcomes() == "Talks stalled: a"


def test_an_extended_ceasefire_and_talks_ending_without_agreement_join_the_talks():
    held = doha("a", "Talks were held in Istanbul from October 25 to 30.",
                ("October 25 to 30", "2025-10-25", "2025-10-30", "range"))
    extended = on("b", "The two sides agreed to extend the ceasefire on October 30.",
                  "October 30", "2025-10-30")
    failed = on("c", "The meeting ended without an agreement on October 30.", "October 30",
                "2025-10-30")
    assert kinds_and_dates(extended) == [("truce", "2025-10-30")]
    # the day the meeting ended is a day of the talks as well as the day they failed
    assert kinds_and_dates(failed) == [("deadlock", "2025-10-30"), ("talks_round", "2025-10-30")]
    (event,) = events.build([held, extended, failed])
    assert event.kind == "talks_round" and event.source_ids == ["a", "b", "c"]
    alone = on("d", "Negotiations were suspended on November 8.", "November 8", "2025-11-08")
    assert kinds_and_dates(alone) == [("deadlock", "2025-11-08")]


def test_a_dateline_is_one_shape_for_the_story_date_and_the_events():
    """The shape that dates a story by its dateline (``read.dateline``) is the one that
    keeps the dateline's date from dating an event: a credit followed by the story
    with no dash ("KABUL, Nov 3 (Agency) Officials ...") is a dateline for both."""
    from evidence.read import dateline
    text = "KABUL, Nov 3 (Agency) Officials said the talks in Istanbul ended."
    kabul = article("a", text, dates=[("Nov 3", "2025-11-03", None, "day")],
                    published="2025-11-03")
    assert dateline.is_dateline(text, text.index("Nov 3"), text.index("Nov 3") + 5)
    assert [d.text for d in date_roles.datelines(kabul)] == ["KABUL, Nov 3 (Agency) "]
    assert attestations.attest(kabul) == []
