"""Counted offsets ("two days earlier", "48 hours later", "a week after the truce"), the
day an anaphoric phrase counts from (the day the narrative is on, not a background date
paragraphs back), weekends said on a weekend, and clock times in the clause of a day.
Short invented sentences."""
from __future__ import annotations

import datetime as dt

from evidence.model import PubDate
from evidence.read import date_scan, dates

D = dt.date


def resolved(text, pub_day):
    return {m.text: (m.date_start, m.date_end) for m in
            dates.find_dates(text, PubDate(pub_day, pub_day, pub_day, "day", "", "inferred"))}


def test_a_counted_offset_counts_from_the_day_named_before_it_else_the_storys():
    got = resolved("Shelling began on May 2, 2024. Two days earlier, envoys met. "
                   "48 hours later, the guns fell silent.", D(2024, 5, 8))
    assert got["Two days earlier"] == (D(2024, 4, 30), D(2024, 4, 30))
    assert got["48 hours later"] == (D(2024, 4, 30) + 2 * dates.DAY,) * 2
    assert resolved("Envoys met three days later.", D(2024, 5, 8))["three days later"] == \
        (D(2024, 5, 11), D(2024, 5, 11))
    # vague counts and hours that are no whole day date nothing
    assert resolved("Envoys met a few days later and again 36 hours later.", D(2024, 5, 8)) == {}


def test_an_offset_after_an_occasion_counts_from_the_day_that_dates_it():
    text = ("The truce was agreed in Oslo on May 2, 2024.\n\n"
            "Rebels attacked a post on Monday.\n\nTalks opened a week after the Oslo truce.")
    assert resolved(text, D(2024, 5, 20))["a week after"] == (D(2024, 5, 9), D(2024, 5, 9))
    got = resolved("Envoys arrived three days after May 4, 2024.", D(2024, 5, 20))
    assert got["three days after"] == (D(2024, 5, 7), D(2024, 5, 7))
    got = resolved("Envoys met a week after the truce agreed on May 2, 2024.", D(2024, 5, 20))
    assert got["a week after"] == (D(2024, 5, 9), D(2024, 5, 9))
    # in apposition to a day, the phrase names that day
    got = resolved("Talks opened on Saturday, a week after the Oslo truce.", D(2024, 5, 13))
    assert got["a week after"] == (D(2024, 5, 11), D(2024, 5, 11))
    # the occasion's own clause, by a shared stem ("agreement" / "agreed"), not a date beside it
    text = ("Kabul, May 20 (Agency): Talks resumed in Oslo.\n\nThe sides agreed to stop in "
            "Oslo on May 2, 2024, after clashes near Kabul on April 28.\n\n"
            "The new round began a week after the agreement.")
    assert resolved(text, D(2024, 5, 20))["a week after"] == (D(2024, 5, 9), D(2024, 5, 9))
    # an occasion nothing dates: no sure anchor, left unresolved
    assert resolved("Talks opened a week after the Oslo truce.", D(2024, 5, 20)) == \
        {"a week after": (None, None)}


def test_an_anaphoric_day_is_the_narratives_not_a_background_date_paragraphs_back():
    text = ("Kabul, May 8 (Agency): Talks resumed.\n\n"
            "The truce reached in Oslo on May 2, 2024 had held.\n\n"
            "Envoys spoke of progress. The previous day, a post was shelled.")
    assert resolved(text, D(2024, 5, 8))["The previous day"] == (D(2024, 5, 7), D(2024, 5, 7))
    # without a dateline, the day the lead names (the news), not the story's own
    text = ("Fighting erupted on Tuesday night.\n\nThe army said it hit back.\n\n"
            "Earlier in the day, envoys met.")
    assert resolved(text, D(2024, 5, 8))["Earlier in the day"] == (D(2024, 5, 7), D(2024, 5, 7))
    # a dateline dates the story however much stands above it
    text = ("Is the truce over?\n\nA raid shook the town.\n\nIt was the worst in years.\n\n"
            "Fear grew.\n\nKabul, May 6 (Agency): Drones struck.\n\nThe truce reached on "
            "May 2, 2024 held until then.\n\nNo one spoke. That same night, a post was shelled.")
    assert resolved(text, D(2024, 5, 8))["That same night"] == (D(2024, 5, 6), D(2024, 5, 7))
    # a date in a background clause of the sentence before is not the narrative's day
    for background in ("It was the first clash since the truce reached in Oslo on May 2, 2024.",
                       "The truce, which was agreed on May 2, 2024, frayed."):
        text = f"Kabul, May 8 (Agency): Shots rang out.\n\n{background} The previous day, envoys met."
        assert resolved(text, D(2024, 5, 8))["The previous day"] == (D(2024, 5, 7), D(2024, 5, 7))
    # the day named in the sentence before is the day the narrative is on
    text = "The truce reached on May 2, 2024 held.\n\nRebels struck on Monday. The same day, envoys met."
    assert resolved(text, D(2024, 5, 8))["The same day"] == (D(2024, 5, 6), D(2024, 5, 6))


def test_last_weekend_said_on_a_weekend_is_the_one_before_and_this_weekend_its_own():
    text = "Clashes erupted last weekend. Talks are due this weekend."
    for day, last, this in ((D(2024, 5, 8), D(2024, 5, 4), D(2024, 5, 11)),
                            (D(2024, 5, 11), D(2024, 5, 4), D(2024, 5, 11)),
                            (D(2024, 5, 12), D(2024, 5, 4), D(2024, 5, 11))):
        got = resolved(text, day)
        assert got["last weekend"] == (last, last + dates.DAY)
        assert got["this weekend"] == (this, this + dates.DAY)


def test_a_clock_time_takes_the_day_its_own_sentence_names():
    mon = D(2024, 5, 13)
    got = resolved("The firing began at around 10 pm, residents and district officials said "
                   "of the raid on the border post on Saturday.", mon)
    assert got["10 pm"] == (D(2024, 5, 11), D(2024, 5, 11))
    got = resolved("Gunmen struck late Saturday night; shooting was heard at 22:00 hours.", mon)
    assert got["22:00 hours"] == (D(2024, 5, 11), D(2024, 5, 11))
    # a bare 24-hour time counts only after a word a time follows, past noon or with "hours"
    assert [f.text for f in date_scan.scan("It was 2:1 at 21:30 and 1:2 at 10:30 in all.")] == ["21:30"]
