"""One event per occasion: the rules that keep a real occasion whole (a clock time inside
a sentence, a statement's own occasion, a lone dissenting date for a round)."""
from __future__ import annotations

from articles import article

from evidence.compare import attestations, events
from evidence.compare import event_discrepancies as discrepancies

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


# ------------------------------------------------- a lone source's dissenting date
ROUND = ("October 25 to 30", "2025-10-25", "2025-10-30", "range")


def round_reporters():
    return [article(sid, "The second round of talks in Istanbul, held from October 25 to 30, "
                    "ended without a deal.", dates=[ROUND], published=PUB)
            for sid in ("a", "b")]


def lone(text, *dates, published=None, earliest="2025-10-20", latest=None, source_id="c"):
    return article(source_id, text, dates=list(dates), published=published,
                   earliest=None if published else earliest,
                   latest=None if published else latest)


def talks(found):
    return [e for e in found if e.kind == "talks_round"]


THURSDAY = ("Thursday", "2025-10-23", None, "day")     # misread: the round's Thursday is 30th


def test_a_lone_weekday_misread_joins_the_round_it_names_as_a_dissenting_date():
    c = lone("The talks in Istanbul on Thursday ended.", THURSDAY)
    c.dates[0].method = "weekday"
    found = events.build(round_reporters() + [c])
    (round_,) = talks(found)
    assert round_.source_ids == ["a", "b", "c"]
    assert (round_.date_start.isoformat(), round_.date_end.isoformat()) == \
        ("2025-10-25", "2025-10-30")                    # its dates do not move
    assert "2025-10-23: c" in round_.disagreement
    assert "2025-10-25 to 2025-10-30: a, b" in round_.disagreement
    (row,) = discrepancies.event_dates(found)
    assert row.values() == "2025-10-23 (c); 2025-10-25 to 2025-10-30 (a, b)"


def test_a_weekday_read_against_a_known_publication_day_stays_its_own_occasion():
    c = lone("The talks in Istanbul on Thursday ended.", THURSDAY, published="2025-10-24")
    c.dates[0].method = "weekday"
    assert len(talks(events.build(round_reporters() + [c]))) == 2


def test_a_weekday_joins_only_a_round_that_falls_on_that_weekday():
    # October 25 to 30, 2025 runs Saturday to Thursday: it has a Wednesday, no Friday
    wednesday = lone("The talks in Istanbul on Wednesday ended.",
                     ("Wednesday", "2025-11-05", None, "day"))
    friday = lone("The talks in Istanbul on Friday ended.",
                  ("Friday", "2025-11-07", None, "day"))
    two_days = lone("The talks in Istanbul on Sunday and Monday ended.",
                    ("Sunday and Monday", "2025-11-09", "2025-11-10", "range"))
    for c in (wednesday, friday, two_days):
        c.dates[0].method = "weekday"
    assert len(talks(events.build(round_reporters() + [wednesday]))) == 1
    assert len(talks(events.build(round_reporters() + [friday]))) == 2
    assert len(talks(events.build(round_reporters() + [two_days]))) == 2


def test_an_absolute_date_joins_only_when_the_round_number_names_the_occasion():
    plain = lone("The talks in Istanbul on October 13 ended.",
                 ("October 13", "2025-10-13", None, "day"))
    assert len(talks(events.build(round_reporters() + [plain]))) == 2
    numbered = lone("The second round of talks in Istanbul on October 13 ended.",
                    ("October 13", "2025-10-13", None, "day"))
    (round_,) = talks(events.build(round_reporters() + [numbered]))
    assert "2025-10-13: c" in round_.disagreement
    other = lone("The third round of talks in Istanbul on October 13 ended.",
                 ("October 13", "2025-10-13", None, "day"))
    assert len(talks(events.build(round_reporters() + [other]))) == 2


def test_a_source_that_dates_the_round_itself_tells_the_two_apart():
    c = lone("The earlier talks in Istanbul were held from October 25 to 30. The talks in "
             "Istanbul on Thursday ended.", ROUND, THURSDAY)
    c.dates[-1].method = "weekday"
    assert len(talks(events.build(round_reporters() + [c]))) == 2


def test_another_venue_or_a_single_other_source_is_no_occasion_to_join():
    c = lone("The talks in Doha on Thursday ended.", THURSDAY)
    c.dates[0].method = "weekday"
    assert len(talks(events.build(round_reporters() + [c]))) == 2
    c = lone("The talks in Istanbul on Thursday ended.", THURSDAY)
    c.dates[0].method = "weekday"
    assert len(talks(events.build(round_reporters()[:1] + [c]))) == 2


def test_an_outcome_the_lone_date_held_goes_where_its_own_weekday_points():
    first = round_reporters()                                    # Oct 25-30, "second"
    later = [article("e", "The third round of talks in Istanbul opened on November 6.",
                     dates=[("November 6", "2025-11-06", None, "day")], published="2025-11-10"),
             article("f", "The third round of talks in Istanbul ended on November 7.",
                     dates=[("November 7", "2025-11-07", None, "day")], published="2025-11-10")]
    c = lone("The earlier round in Istanbul was held from October 25 to 30. The third "
             "round of talks in Istanbul went ahead on Thursday.", ROUND, THURSDAY)
    c.dates[-1].method = "weekday"
    d = lone("The sides agreed on Thursday in Istanbul to extend the ceasefire.", THURSDAY,
             source_id="d")
    d.dates[0].method = "weekday"
    found = talks(events.build(first + later + [c, d]))
    assert len(found) == 2
    early, late = sorted(found, key=lambda e: e.date_start)
    assert "c" in late.source_ids                  # "third round" on Thursday: Nov 6
    assert "2025-10-23: c" in late.disagreement
    assert "2025-11-06 to 2025-11-07: e, f" in late.disagreement
    (row,) = [r for r in discrepancies.event_dates(found) if r.event_id == late.event_id]
    assert row.values() == "2025-10-23 (c); 2025-11-06 to 2025-11-07 (e, f)"   # days inside
    assert "Ceasefire agreed: d" in early.outcomes()   # Oct 30 is the nearer Thursday
    assert "d" not in late.source_ids


# ------------------------------------------------- the occasion a statement is made at
def test_a_statement_dates_the_press_conference_it_was_made_at():
    a = article("a", "The minister said Tuesday, at a press conference in Kabul, that the "
                "border talks had stalled.",
                dates=[("Tuesday", "2025-11-11", None, "day")], published="2025-11-12")
    found = attestations.attest(a)
    occasion = [x for x in found if x.kind == "press_conference"]
    assert len(occasion) == 1 and not occasion[0].statement
    assert occasion[0].date_start.isoformat() == "2025-11-11"
    reported = [x for x in found if x.kind != "press_conference"]
    assert reported and all(x.statement for x in reported)   # the stall is not dated by it
    (event,) = events.build([a])
    assert event.kind == "press_conference" and event.place == "Kabul"


def test_telling_a_news_conference_keeps_the_date_the_statement_s():
    a = article("a", "Talks in Doha ended on October 19. The envoy told a news conference on "
                "October 20 that the talks had succeeded.",
                dates=[("October 19", "2025-10-19", None, "day"),
                       ("October 20", "2025-10-20", None, "day")], published=PUB)
    kinds = {(x.kind, x.statement) for x in attestations.attest(a)}
    assert ("talks_round", True) in kinds and ("press_conference", False) in kinds
    talks_ = [e for e in events.build([a]) if e.kind == "talks_round"]
    assert [e.dates() for e in talks_] == ["2025-10-19"]      # not moved to the 20th


def test_a_statement_with_no_named_occasion_makes_no_event():
    a = article("a", "The ministry said on Tuesday that the crossing would stay shut.",
                dates=[("Tuesday", "2025-11-11", None, "day")], published="2025-11-12")
    assert events.build([a]) == []


def test_a_vague_mention_s_venue_does_not_name_a_dated_occasion():
    dated = [article(sid, "Border clashes broke out on October 11.",
                     dates=[("October 11", "2025-10-11", None, "day")], published=PUB)
             for sid in ("a", "b")]
    vague = article("c", "Last month's clashes were on the agenda of the talks in Istanbul.",
                    dates=[("Last month", "2025-10-01", "2025-10-31", "month")],
                    published="2025-11-06")
    assert attestations.attest(vague)[0].place == "istanbul"
    (found,) = [e for e in events.build(dated + [vague]) if e.kind == "clashes"]
    assert found.source_ids == ["a", "b", "c"]
    assert found.place == "" and found.event_id == "clashes-2025-10-11"
    (alone,) = [e for e in events.build([vague]) if e.kind == "clashes"]
    assert alone.place == "Istanbul"         # with nothing dated, its venue is all there is


def test_a_lone_round_takes_its_venue_from_what_the_source_says_it_produced():
    c = lone("The process stalled in Istanbul on Tuesday. Officials said the talks on "
             "Monday lasted all night.",
             ("Tuesday", "2025-10-14", None, "day"), ("Monday", "2025-10-13", None, "day"))
    for mention in c.dates:
        mention.method = "weekday"
    (round_,) = talks(events.build(round_reporters() + [c]))
    assert "c" in round_.source_ids and "2025-10-13: c" in round_.disagreement
    assert "Talks stalled: c" in round_.outcomes()


def kinds_on_sunday(sentence):
    a = article("a", sentence, dates=[("Sunday", "2025-10-26", None, "day")], published=PUB)
    return [x.kind for x in attestations.attest(a)]


def test_firing_shelling_and_a_broken_ceasefire_are_border_clashes():
    for sentence in ("Frontier posts came under heavy shelling on Sunday.",
                     "Officials said firing was initiated from across the line on Sunday.",
                     "Mortar fire hit two villages near the crossing on Sunday.",
                     "Each side blamed the other for a ceasefire violation on Sunday."):
        assert kinds_on_sunday(sentence) == ["clashes"], sentence


def test_closing_a_crossing_or_stopping_trade_is_a_trade_measure():
    for sentence in ("Authorities closed the Torkham crossing on Sunday.",
                     "The main border crossings remained shut on Sunday.",
                     "The government ordered traders to stop all imports on Sunday.",
                     "Transit trade was suspended on Sunday."):
        assert kinds_on_sunday(sentence) == ["trade_measure"], sentence
    assert kinds_on_sunday("Talks in Doha on Sunday covered the crossings.") == ["talks_round"]


# ------------------------------------------------- a meeting announced only vaguely
def announcement(source_id, where="", window=("2025-10-20", "2025-11-01")):
    a = article(source_id, f"The delegations will meet again{where} in the coming days.",
                dates=[("in the coming days", *window, "range")], published="2025-10-19")
    a.dates[0].method = "relative"
    return a


def planned_and_held(*arts):
    found = events.build(list(arts))
    (planned,) = [e for e in found if e.kind == "scheduled_meeting"]
    return planned, talks(found)


def test_a_meeting_announced_for_the_coming_days_is_the_round_held_in_them():
    planned, (held,) = planned_and_held(*round_reporters(), announcement("n"))
    assert planned.precision not in ("day", "range")
    assert planned.held_as == [held.event_id] and held.scheduled_as == [planned.event_id]
    assert events.occasion(planned) == events.occasion(held)


def test_a_vague_announcement_two_rounds_could_fulfil_links_to_neither():
    planned, _held = planned_and_held(*round_reporters(), announcement("n", " in Doha"))
    assert planned.held_as == []                        # Doha: no round held there
    later = [article(sid, "The third round of talks in Istanbul opened on November 1.",
                     dates=[("November 1", "2025-11-01", None, "day")], published="2025-11-02")
             for sid in ("e", "f", "g")]
    planned, held = planned_and_held(*round_reporters(), *later, announcement("m"))
    assert len(held) == 2 and planned.held_as == []     # two rounds began in the range
    planned, held = planned_and_held(*round_reporters(), *later[:1], announcement("m"))
    assert planned.held_as == ["talks_round-2025-10-25-istanbul"]   # 2 sources against 1


def test_a_measure_announced_in_a_statement_is_dated_by_it():
    a = article("a", "The deputy premier said Wednesday that importers must stop all imports "
                "from the neighbour within three months.",
                dates=[("Wednesday", "2025-11-12", None, "day")], published="2025-11-12")
    (att,) = attestations.attest(a)
    assert att.kind == "trade_measure" and not att.statement
    (event,) = events.build([a])
    assert event.dates() == "2025-11-12"
    talks_ = article("b", "The deputy premier said Wednesday that the talks had stalled.",
                     dates=[("Wednesday", "2025-11-12", None, "day")], published="2025-11-12")
    assert all(x.statement for x in attestations.attest(talks_))
    assert events.build([talks_]) == []


def test_a_measure_announced_at_a_press_conference_is_one_event():
    a = article("a", "The deputy premier said Wednesday, at a press conference, that importers "
                "must stop all imports from the neighbour.",
                dates=[("Wednesday", "2025-11-12", None, "day")], published="2025-11-12")
    assert [e.kind for e in events.build([a])] == ["trade_measure"]


def test_two_vague_announcements_link_to_the_round_in_either_window():
    late = announcement("m", window=("2025-10-27", "2025-11-08"))
    planned, (held,) = planned_and_held(*round_reporters(), announcement("n"), late)
    assert planned.source_ids == ["m", "n"]
    assert planned.held_as == [held.event_id]       # the round began in n's window


def test_a_bomber_and_a_bomb_are_a_militant_attack():
    for sentence in ("A suicide bomber struck outside the court on Tuesday.",
                     "An attacker blew himself up near a police van on Tuesday.",
                     "Militants detonated a roadside bomb on Tuesday."):
        assert kinds_on_sunday(sentence.replace("Tuesday", "Sunday")) == ["attacks"], sentence


# ------------------------------------------------- a night of strikes, many places
def test_strikes_or_clashes_in_several_places_the_same_night_are_one_occasion():
    def report(source_id, sentence, surface, start, end=None, precision="day"):
        a = article(source_id, sentence, dates=[(surface, start, end, precision)],
                    published="2025-11-26")
        a.dates[0].method = "relative" if end else "absolute"   # "that same night": vague
        return a
    found = events.build([
        report("a", "Air strikes hit houses in Doha on November 25.", "November 25",
               "2025-11-25"),
        report("b", "Jets struck targets in Kabul that same night.", "that same night",
               "2025-11-24", "2025-11-25", "range"),
        report("c", "Clashes broke out in Doha on November 25.", "November 25", "2025-11-25"),
        report("d", "Clashes broke out in Istanbul on November 25.", "November 25",
               "2025-11-25")])
    by_kind = {e.kind: e for e in found}
    assert len(found) == 2
    assert by_kind["strikes"].source_ids == ["a", "b"] and by_kind["strikes"].place == "Doha"
    assert by_kind["clashes"].source_ids == ["c", "d"]


def test_a_lone_source_and_its_republished_copy_are_still_one_dissenting_voice():
    c = lone("The talks in Istanbul on Thursday ended.", THURSDAY)
    c2 = lone("The talks in Istanbul on Thursday ended.", THURSDAY, source_id="c2")
    for s in (c, c2):
        s.dates[0].method = "weekday"
    c2.copy_of = "c"
    (round_,) = talks(events.build(round_reporters() + [c, c2]))
    assert "2025-10-23: c, c2" in round_.disagreement
    c2.copy_of = ""                   # two independent sources: an occasion of their own
    assert len(talks(events.build(round_reporters() + [c, c2]))) == 2


def test_a_truce_running_out_is_not_a_truce_agreed():
    assert kinds_on_sunday("The 48-hour truce expired on Sunday, and air strikes followed.") \
        == ["strikes"]
    assert kinds_on_sunday("A 48-hour truce was agreed on Sunday.") == ["truce"]
