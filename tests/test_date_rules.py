"""Rules that read dates in real coverage: clock times inside sentences, "agreed to" +
noun, which words a weekday is tied to, the lead's weekday after the dated background,
relative phrases set beside a date, and starts of ranges. Each with short invented
sentences."""
from __future__ import annotations

import datetime as dt

from test_pubdate import infer, load, write   # the pubdate helpers, one copy

from evidence.read import date_scan, pubdate_anchors
from evidence.text import sentences

D = dt.date


def split(text):
    return [text[a:b] for a, b in sentences(text)]


def test_a_clock_time_does_not_end_a_sentence_unless_a_sentence_opens_after_it():
    assert split("The truce began at 6:00 p.m. Kabul time on Monday. It held.") == [
        "The truce began at 6:00 p.m. Kabul time on Monday.", "It held."]
    assert split("Shelling stopped at 1 p.m. GMT. Talks resumed.") == [
        "Shelling stopped at 1 p.m. GMT.", "Talks resumed."]
    assert split("They met at 5 a.m. The envoys then left.") == [
        "They met at 5 a.m.", "The envoys then left."]
    assert split("It ended at 9 p.m.") == ["It ended at 9 p.m."]


def tense_of(text):
    [f] = [f for f in date_scan.scan(text) if f.kind == "date"]
    return f.tense


def test_agreed_to_is_future_before_a_verb_and_past_before_a_noun():
    assert tense_of("The sides agreed to meet on May 3.") == "future"
    assert tense_of("The sides agreed to a truce on May 3.") == "past"
    assert tense_of("The envoys agreed on May 3 to extend it.") == "past"
    # a future of a past moment says nothing about the story's own date
    assert tense_of("They had agreed to pause the fighting from May 3.") == ""


def near_of(text, which):
    found = date_scan.scan(text)
    f = next(f for f in found if f.text == which)
    return pubdate_anchors.near(text, f, found)


def test_the_words_a_weekday_is_tied_to_stop_at_another_mention_or_clause():
    near = near_of("Rebels on Monday blamed the army for a bombing a day earlier.", "Monday")
    assert "bombing" not in near and "blamed" in near
    assert pubdate_anchors.kinds_in(near) == []
    near = near_of("The talks ended on May 2, 2024, and the envoys will meet again on Friday.",
                   "Friday")
    assert "talks" not in near and "envoys" in near
    # "said on Sunday that ...": what follows is what was said, not dated by the weekday
    near = near_of("The minister said on Sunday that talks would resume.", "Sunday")
    assert pubdate_anchors.kinds_in(near) == []
    assert pubdate_anchors.said_on("He confirmed Thursday it held.",
                                   date_scan.scan("He confirmed Thursday it held.")[0])


def test_the_leads_weekday_is_not_before_the_dated_background():
    text = ("Envoys stall\n\nThe envoys said on Thursday that no deal was near.\n\n"
            "The round opened on May 4, 2024 in Oslo.\n")
    p = infer(text)
    # May 4, 2024 is a Saturday: the lead's Thursday is May 9 at the earliest
    assert p.earliest == D(2024, 5, 9) and p.published == D(2024, 5, 9)
    # a weekday after the background is no lead
    text = ("Envoys stall\n\nThe round opened on May 4, 2024 in Oslo.\n\n"
            "The envoys said on Thursday that no deal was near.\n")
    assert infer(text).earliest == D(2024, 5, 4)


def test_a_relative_phrase_dates_with_a_date_set_beside_it_only():
    beside = infer("Talks\n\nThe envoys met yesterday, May 8, 2024, in Oslo.\n")
    assert beside.published == D(2024, 5, 9) and beside.precision == "day"
    apart = infer("Talks\n\nThe round began on May 4, 2024 but stalled earlier this week.\n")
    assert apart.precision != "day"


def test_a_held_occasion_is_preferred_and_a_start_is_never_a_range_end(tmp_path):
    # a: talks held Monday to Thursday; b: the next round announced for a Thursday
    write(tmp_path, "a.txt", "Talks end\n\nThe talks were held in Oslo from May 6 to 9, 2024. "
                             "A new round of talks will be held on May 16, 2024, officials said.\n")
    write(tmp_path, "b.txt", "Round two\n\nThe new round of talks, which began on Thursday, "
                             "was attended by mediators, officials said.\n")
    write(tmp_path, "c.txt", "Round one\n\nThe round of talks ended on Thursday without a deal, "
                             "officials said.\n")
    loaded = load(tmp_path)
    b, c = loaded["b"], loaded["c"]
    # b's talks began on a Thursday: not May 9, the end of the first round
    assert b.pubdate.earliest == D(2024, 5, 16)
    # c reports talks as held: the held round's Thursday, not the one announced
    assert (c.pubdate.earliest, c.pubdate.latest) == (D(2024, 5, 9), D(2024, 5, 15))
