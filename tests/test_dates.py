"""Date mentions: formats, ranges, weekdays, relative phrases, Solar Hijri, year
inference, and properties on arbitrary text."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.read import date_scan, dates, tense
from evidence.model import PubDate

D = dt.date
FRI = D(2025, 10, 31)          # a Friday


def pub(day: dt.date | None = None, lo: dt.date | None = None, hi: dt.date | None = None) -> PubDate:
    if day:
        return PubDate(day, day, day, "day", "", "inferred")
    return PubDate(None, lo, hi, "interval", "", "inferred")


def one(text: str, p: PubDate | None = pub(FRI)):
    found = dates.find_dates(text, p)
    assert len(found) == 1, found
    return found[0]


def spans(text: str, p: PubDate | None = pub(FRI)):
    return [(m.text, m.date_start, m.date_end, m.precision, m.method) for m in dates.find_dates(text, p)]


@pytest.mark.parametrize("text, mention, start, end, precision, method", [
    ("It happened on 30 October 2025.", "30 October 2025", D(2025, 10, 30), D(2025, 10, 30), "day", "absolute"),
    ("Talks ran Oct. 25-30 in the city.", "Oct. 25-30", D(2025, 10, 25), D(2025, 10, 30), "range", "range"),
    ("A statement dated 2025-10-30 said so.", "2025-10-30", D(2025, 10, 30), D(2025, 10, 30), "day", "absolute"),
    ("They will meet on Nov 6 in Doha.", "Nov 6", D(2025, 11, 6), D(2025, 11, 6), "day", "absolute"),
    ("Sessions from October 30 to November 2 ended.", "October 30 to November 2",
     D(2025, 10, 30), D(2025, 11, 2), "range", "range"),
    ("Talks were held 25–30 October 2025 in Istanbul.", "25–30 October 2025",
     D(2025, 10, 25), D(2025, 10, 30), "range", "range"),
    ("first obtained on October 18-19, 2025.", "October 18-19, 2025", D(2025, 10, 18), D(2025, 10, 19), "range", "range"),
    ("agreed upon in Doha on October 18 and 19.", "October 18 and 19", D(2025, 10, 18), D(2025, 10, 19), "range", "range"),
    ("The next meeting on November 6, 2025, will be long.", "November 6, 2025",
     D(2025, 11, 6), D(2025, 11, 6), "day", "absolute"),
    ("Signed 6 Nov 2025 in Doha.", "6 Nov 2025", D(2025, 11, 6), D(2025, 11, 6), "day", "absolute"),
    ("Signed on 31/10/2025 in Doha.", "31/10/2025", D(2025, 10, 31), D(2025, 10, 31), "day", "absolute"),
    ("Signed on 10/31/2025 in Doha.", "10/31/2025", D(2025, 10, 31), D(2025, 10, 31), "day", "absolute"),
    ("Fighting resumed in October 2025.", "October 2025", D(2025, 10, 1), D(2025, 10, 31), "month", "absolute"),
    ("since the Taliban seized power in 2021.", "2021", D(2021, 1, 1), D(2021, 12, 31), "year", "absolute"),
    ("Monday, 3 March 2025: officials met.", "Monday, 3 March 2025", D(2025, 3, 3), D(2025, 3, 3), "day", "absolute"),
])
def test_absolute_formats(text, mention, start, end, precision, method):
    m = one(text)
    assert (m.text, m.date_start, m.date_end, m.precision, m.method) == (mention, start, end, precision, method)
    assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", [
    "Signed on 03/04/2025 in Doha.",          # day-month order unknown
    "He may go to Kabul; march on.",          # modal verb, lower-case month-like words
    "Pakistan Today reported the clash.",     # a newspaper's name, not 'today'
    "At least 25 people and 2025 others.",    # numbers, not dates
    "Call +1 (825) 973-2079 at 12:17.",       # phone number and clock time
])
def test_not_dates(text):
    assert dates.find_dates(text, pub(FRI)) == []


@pytest.mark.parametrize("text, mention, start, end, precision", [
    ("It said so last Friday.", "last Friday", D(2025, 10, 24), D(2025, 10, 24), "day"),     # pub is a Friday
    ("The delegations met on Friday.", "Friday", FRI, FRI, "day"),
    # a story written on a Friday about a meeting "on Friday" means that day (news usage);
    # "next Friday" is the week after
    ("The delegations will meet on Friday.", "Friday", FRI, FRI, "day"),
    ("The delegations will meet next Friday.", "next Friday", D(2025, 11, 7), D(2025, 11, 7), "day"),
    ("The delegations will meet on Monday.", "Monday", D(2025, 11, 3), D(2025, 11, 3), "day"),
    ("The ministry announced late Thursday.", "late Thursday", D(2025, 10, 30), D(2025, 10, 30), "day"),
    ("Talks were held yesterday.", "yesterday", D(2025, 10, 30), D(2025, 10, 30), "day"),
    ("Clashes erupted earlier this month.", "earlier this month", D(2025, 10, 1), D(2025, 10, 30), "range"),
    ("They will meet next week.", "next week", D(2025, 11, 3), D(2025, 11, 9), "week"),
    ("Tension grew in recent weeks.", "in recent weeks", D(2025, 9, 19), FRI, "range"),
    ("He warned three days ago.", "three days ago", D(2025, 10, 28), D(2025, 10, 28), "day"),
    ("They agreed 2 weeks ago.", "2 weeks ago", D(2025, 10, 13), D(2025, 10, 19), "week"),
    ("It was signed last year.", "last year", D(2024, 1, 1), D(2024, 12, 31), "year"),
])
def test_weekdays_and_relative(text, mention, start, end, precision):
    m = one(text)
    assert (m.text, m.date_start, m.date_end, m.precision) == (mention, start, end, precision)


def test_today_weekday_must_match_the_publication_day():
    thursday = D(2025, 10, 30)
    m = one("The second round will be held on Thursday (today).", pub(thursday))
    assert (m.text, m.date_start, m.precision, m.method) == ("Thursday (today)", thursday, "day", "weekday")
    wrong = one("The second round will be held on Thursday (today).", pub(FRI))
    assert (wrong.date_start, wrong.precision) == (None, "unresolved")
    sunday = one("The talks will be held today, Sunday, in Istanbul.", pub(lo=D(2025, 10, 20), hi=D(2025, 10, 29)))
    assert (sunday.text, sunday.date_start, sunday.precision) == ("today, Sunday", D(2025, 10, 26), "day")


def test_relative_against_an_interval_is_honest():
    p = pub(lo=D(2025, 10, 30), hi=D(2025, 11, 2))
    nxt = one("They will meet at next week's meeting.", p)
    assert (nxt.date_start, nxt.date_end, nxt.precision) == (D(2025, 11, 3), D(2025, 11, 9), "week")
    yest = one("Talks were held yesterday.", p)
    assert (yest.date_start, yest.date_end, yest.precision) == (D(2025, 10, 29), D(2025, 11, 1), "range")


def test_relative_without_publication_date_is_unresolved():
    m = one("Talks were held yesterday.", None)
    assert (m.date_start, m.date_end, m.precision, m.method) == (None, None, "unresolved", "relative")


@pytest.mark.parametrize("text, mention, day", [
    ("The meeting is on 15 Aqrab 1404.", "15 Aqrab 1404", D(2025, 11, 6)),
    ("Iranian media dated it 15 Aban 1404.", "15 Aban 1404", D(2025, 11, 6)),
    ("A jirga will gather on 12 Qaws.", "12 Qaws", D(2025, 12, 3)),
    ("The market opened on Hamal 1, 1404.", "Hamal 1, 1404", D(2025, 3, 21)),
    ("Elections on 10 Jadi 1403 were delayed.", "10 Jadi 1403", D(2024, 12, 30)),
])
def test_solar_hijri(text, mention, day):
    m = one(text)
    assert (m.text, m.date_start, m.date_end, m.precision, m.method) == (mention, day, day, "day", "hijri")


def test_hijri_in_brackets_agrees_with_the_gregorian_date():
    got = spans("They are scheduled to meet again on November 6 (Aqrab 15) in Istanbul.", pub(FRI))
    assert got == [("November 6", D(2025, 11, 6), D(2025, 11, 6), "day", "absolute"),
                   ("Aqrab 15", D(2025, 11, 6), D(2025, 11, 6), "day", "hijri")]


def test_hijri_names_need_a_day_number():
    assert dates.find_dates("Asad Umar and Mehr Bano met Azar in Tir.", pub(FRI)) == []


NOV1 = D(2025, 11, 1)           # a Saturday; 10 Aqrab 1404


@pytest.mark.parametrize("text, mention, start, end", [
    ("It was held in Istanbul from 3 to 8 Aqrab and ended.", "3 to 8 Aqrab", D(2025, 10, 25), D(2025, 10, 30)),
    ("It was held 3–8 Aqrab 1404 in Istanbul.", "3–8 Aqrab 1404", D(2025, 10, 25), D(2025, 10, 30)),
    ("It was held Aqrab 3 to 8 in Istanbul.", "Aqrab 3 to 8", D(2025, 10, 25), D(2025, 10, 30)),
    ("It was held Aqrab 3-8, 1404 in Istanbul.", "Aqrab 3-8, 1404", D(2025, 10, 25), D(2025, 10, 30)),
    # across a month boundary, both spellings
    ("Fighting went on from 28 Mizan to 3 Aqrab.", "28 Mizan to 3 Aqrab", D(2025, 10, 20), D(2025, 10, 25)),
    ("Fighting went on Mizan 28 to Aqrab 3, 1404.", "Mizan 28 to Aqrab 3, 1404", D(2025, 10, 20), D(2025, 10, 25)),
    # across the Hijri new year: 29 Hut 1403 (a leap year) to 2 Hamal 1404
    ("Nowruz holidays ran 29 Hut to 2 Hamal 1403.", "29 Hut to 2 Hamal 1403", D(2025, 3, 19), D(2025, 3, 22)),
    # Iranian month names work the same way
    ("It was held 3 to 8 Aban 1404.", "3 to 8 Aban 1404", D(2025, 10, 25), D(2025, 10, 30)),
])
def test_solar_hijri_ranges_are_one_mention(text, mention, start, end):
    m = one(text, pub(NOV1))
    assert (m.text, m.date_start, m.date_end, m.precision, m.method) == (mention, start, end, "range", "hijri")
    assert text[m.start:m.end] == m.text


def test_hijri_ranges_that_are_not_runs_of_days():
    # a reversed range is no range; "and" joins two days, of which the named one is read
    assert [m.text for m in dates.find_dates("Held 3 and 8 Aqrab.", pub(NOV1))] == ["8 Aqrab"]
    assert dates.find_dates("Held 8 to 3 Aqrab.", pub(NOV1)) == []
    # more than a month apart: not read as one run of days
    assert all(m.date_end is None or (m.date_end - m.date_start).days < 62
               for m in dates.find_dates("From 3 Hamal to 8 Asad 1404.", pub(NOV1)))


def test_yearless_hijri_range_takes_the_year_with_tense():
    # published early in 1405 (spring 2026): a past Aqrab range is the one of 1404
    m = one("The talks were held from 3 to 8 Aqrab.", pub(D(2026, 4, 10)))
    assert (m.date_start, m.date_end) == (D(2025, 10, 25), D(2025, 10, 30))
    f = one("The talks will be held from 3 to 8 Aqrab.", pub(D(2026, 4, 10)))
    assert (f.date_start, f.date_end) == (D(2026, 10, 25), D(2026, 10, 30))


@pytest.mark.parametrize("text, mention", [
    ("ISTANBUL, Oct 31 (Reuters) - Pakistan and Afghanistan agreed to extend the truce.", "Oct 31"),
    ("KABUL, Nov 2 (AFP) — The Taliban said talks would resume.", "Nov 2"),
    ("ISLAMABAD, November 7, 2025: Defence Minister Khawaja Asif said talks ended.", "November 7, 2025"),
    ("ISLAMABAD, Pakistan, Oct. 31 (AP) — Officials will meet.", "Oct. 31"),
    ("Headline on Nov 6\n\nPESHAWAR, Nov 2: Police said.", "Nov 2"),
])
def test_dateline_dates_are_marked_and_have_no_tense(text, mention):
    [f] = [f for f in date_scan.scan(text) if f.text == mention]
    assert f.dateline and f.tense == ""
    assert [g.text for g in date_scan.scan(text) if g.dateline] == [mention]


@pytest.mark.parametrize("text", [
    "PESHAWAR: Police said on Nov 2 that the border was shut.",   # dateline without a date
    "He said, Oct 31 - the day after - that talks ended.",        # no upper-case place
    "Talks on Oct 31 - a Friday - ended.",
    "ISTANBUL, Oct 31 talks ended without a deal.",                # no dash or colon after it
])
def test_dates_that_are_not_datelines(text):
    assert [f.text for f in date_scan.scan(text) if f.dateline] == []


@pytest.mark.parametrize("text, p, start, end", [
    # past tense near a new year: the December just gone
    ("The talks were held on December 28.", D(2026, 1, 3), D(2025, 12, 28), D(2025, 12, 28)),
    # future tense: the coming January
    ("The envoys will meet on January 5.", D(2025, 12, 29), D(2026, 1, 5), D(2026, 1, 5)),
    ("The round will run from December 30 to January 2.", D(2025, 12, 20), D(2025, 12, 30), D(2026, 1, 2)),
    # tense decides between two candidates seven months apart
    ("Clashes erupted on May 3.", D(2025, 11, 20), D(2025, 5, 3), D(2025, 5, 3)),
    ("Elections will be held on May 3.", D(2025, 11, 20), D(2026, 5, 3), D(2026, 5, 3)),
])
def test_yearless_dates_take_the_year_of_the_publication_date_with_tense(text, p, start, end):
    m = one(text, pub(p))
    assert (m.date_start, m.date_end) == (start, end)


def test_yearless_dates_without_publication_date_use_the_texts_own_years():
    got = spans("Talks ended on October 30, 2025. They resume on November 6.", None)
    assert got[1] == ("November 6", D(2025, 11, 6), D(2025, 11, 6), "day", "absolute")
    assert spans("They resume on November 6.", None) == [("November 6", None, None, "unresolved", "absolute")]


def test_two_days_joined_by_and_are_two_mentions_unless_consecutive():
    got = spans("They met on October 18 and 25.")
    assert [g[:2] for g in got] == [("October 18", D(2025, 10, 18)), ("25", D(2025, 10, 25))]


@pytest.mark.parametrize("text, tense", [
    ("The next round will be held in Istanbul on November 6.", "future"),
    ("The second round, held from October 25 to 30, ended.", "past"),
    ("Both sides agreed to reconvene in Istanbul on November 6.", "future"),
    ("The ceasefire brokered by Qatar in Doha on October 19 held.", "past"),
    ("The sessions (October 25-30) were mediated by Turkey.", "past"),
    ("Talks on October 25.", ""),
])
def test_tense_of_the_clause(text, tense):
    [f] = date_scan.scan(text)
    assert f.tense == tense


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZlL'’ İıſKké\u0307-.1", max_size=16))
def test_tense_reads_the_words_that_letters_under_ignorecase_make(s):
    """``tense._TOKEN`` spells out, class by class, what r"[a-z]+|['’]ll\\b" matches under
    re.I (the letters re.I adds: "İ", "ı", "ſ", the Kelvin sign)."""
    assert tense._TOKEN.findall(s) == re.findall(r"[a-z]+|['’]ll\b", s, re.I)
    assert tense._TOKEN.findall("İt'll BE ſo ’LL") == ["İt", "'ll", "BE", "ſo", "’LL"]


@pytest.mark.parametrize("text", ["Talks WILL resume’LL", "İSTANBUL talks Will resume", "KELVIN ſaid"])
def test_tense_words_are_lower_cased_as_if_one_by_one(text):
    assert tense._words(text, 0, len(text)) == [w.lower() for w in tense._TOKEN.findall(text)]
    assert tense._words(text, 6, len(text)) == [w.lower() for w in tense._TOKEN.findall(text[6:])]


def test_mentions_do_not_overlap_and_ranges_are_one_mention():
    text = "Held from October 25 to 30, 2025, the talks follow the October 18-19 Doha round."
    got = dates.find_dates(text, pub(FRI))
    assert [m.text for m in got] == ["October 25 to 30, 2025", "October 18-19"]


# --------------------------------------------------------------------------- properties

FRAGMENTS = st.sampled_from([
    "October 25 to 30", " ", "Thursday (today)", "in 2021", "late Thursday", "next week", "Aqrab 15",
    "(", ")", "12 Qaws", ", 2025", "15 Aban 1404", "Oct. 25-30", "yesterday", ". ", "\n\n", "the",
    "31/10/2025", "2025-10-30", "Nov 6", "and 19", "on Friday", "three days ago", "in May",
    "Pakistan Today", "December 28", "January 3", "will be held", "were", "29 February", "30 Esfand",
    "today, Sunday", "-", "–", "to", "November", "2024", "Hut 30", "earlier this year",
    "3 to 8 Aqrab", "28 Mizan to 3 Aqrab", "Aqrab 3", "ISTANBUL, Oct 31 (Reuters) - ", "\nKABUL", ": ",
    "that", "that day", "that same day", "last", "last year", "this week", "over", "over the past week",
    "late last week", "early", "early this month", "said that the"])
TEXTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=6)), max_size=30).map("".join)
PUBS = st.one_of(st.none(), st.dates(D(1990, 1, 1), D(2090, 12, 31)).map(pub),
                 st.tuples(st.dates(D(1990, 1, 1), D(2090, 1, 1)), st.integers(0, 900)).map(
                     lambda t: pub(lo=t[0], hi=t[0] + dt.timedelta(days=t[1]))))


@settings(max_examples=400, deadline=None)
@given(TEXTS, PUBS)
def test_find_dates_properties(text, p):
    found = dates.find_dates(text, p)
    previous_end = 0
    for m in found:
        assert text[m.start:m.end] == m.text and m.text
        assert m.start >= previous_end
        previous_end = m.end
        assert (m.date_start is None) == (m.date_end is None) == (m.precision == "unresolved")
        if m.date_start:
            assert m.date_start <= m.date_end
        assert m.precision in {"day", "week", "month", "year", "range", "unresolved"}


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_trigger_scan_finds_what_a_full_scan_finds(text):
    assert [(m.start(), m.end()) for m in date_scan._matches(text)] == \
        [(a, b) for a, b, _ in date_scan.scan_full(text)]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text):
    for m in dates.find_dates(text, pub(FRI)):
        assert text[m.start:m.end] == m.text


def test_weekday_steps_around_a_day():
    wed = dt.date(2025, 10, 29)                       # a Wednesday
    assert dates.weekday_on_or_after(wed, 2) == wed
    assert dates.weekday_on_or_after(wed, 3) == dt.date(2025, 10, 30)
    assert dates.weekday_on_or_after(wed, 1) == dt.date(2025, 11, 4)
    assert dates.weekday_after(wed, 2) == dt.date(2025, 11, 5)
    assert dates.weekday_on_or_before(wed, 3) == dt.date(2025, 10, 23)


def test_tense_markers_are_looked_up_only_for_words_that_end_one(monkeypatch):
    """``tense._marker_ending`` skips its phrase lookups for a word no marker phrase ends
    with: every word of these sentences gets the tense that looking up every word gives."""
    from evidence.read import tense

    class Every:
        def __contains__(self, word):
            return True

    sentences = ["The talks will be held in Doha and were expected to end on Friday",
                 "Officials said they had agreed to pause strikes, and the truce was extended",
                 "He would be further consulted after it was announced that envoys met",
                 "The round was due to open on March 14 but talks ended early",
                 "They’ll meet again once the ministers have signed and reported back"]
    words = [[w.lower() for w in tense._TOKEN.findall(s)] for s in sentences]

    def markers():
        return [[tense._marker_ending(ws, i, ws[i + 1] if i + 1 < len(ws) else "")
                 for i in range(len(ws))] for ws in words]
    fast = markers()
    assert {"past", "future", tense.NO_TENSE} <= {m for row in fast for m in row}
    monkeypatch.setitem(tense._tense_words(), "last_words", Every())
    assert markers() == fast


def test_the_handed_on_check_searches_only_where_it_can_match():
    """``tense._handed_on_before`` answers as searching ``_handed_on`` everywhere does."""
    from evidence.read import tense
    cases = ["The decision was left to the next round of talks in Istanbul on",
             "Both sides deferred the issue until a meeting on",
             "talks were put off till the summit for ",
             "the ministers agreed to hand it to the talks in Doha on\n",
             "The ceasefire held on", "officials said on", "It was moved to Istanbul for",
             "They spoke to reporters on", "the round set for", "", "until the talks on the",
             "postponed to negotiations at Kabul Airport on  "]
    got = [tense._handed_on_before(c) for c in cases]
    assert got == [tense._handed_on().search(c) is not None for c in cases]
    assert got.count(True) >= 4


def test_a_scan_pickles_to_equal_mentions():
    """Mentions travel from the parse workers pickled (``Found.__reduce__``): every
    field comes back, defaults and set ones alike."""
    import pickle
    text = ("ISTANBUL, Oct 31 (Reuters) - Talks that began on Saturday (today) ended "
            "on 20-22 November 2024, two days later, at 5 p.m. on 17 Aqrab 1404.")
    found = tuple(date_scan.scan(text))
    assert len(found) >= 4 and any(f.dateline for f in found) and any(f.rel for f in found)
    back = pickle.loads(pickle.dumps(found, protocol=5))
    assert back == found and all(type(f) is date_scan.Found for f in back)
    assert [tuple(getattr(f, n) for n in date_scan.Found.__slots__) for f in back] == \
        [tuple(getattr(f, n) for n in date_scan.Found.__slots__) for f in found]


@pytest.mark.parametrize("text, mention, start, end", [
    # the year written after a Gregorian range is its last day's
    ("Talks ran from December 28 to January 3, 2025.", "December 28 to January 3, 2025",
     D(2024, 12, 28), D(2025, 1, 3)),
    ("The fair ran from December 30 to February 29, 2024.", "December 30 to February 29, 2024",
     D(2023, 12, 30), D(2024, 2, 29)),
])
def test_a_range_into_the_next_year_began_the_year_before_the_one_written(text, mention, start, end):
    m = one(text, None)
    assert (m.text, m.date_start, m.date_end) == (mention, start, end)


@pytest.mark.parametrize("text", [
    "The fair ran from December 30 to February 29, 2025.",    # no 29 February in 2025
    "Envoys met on 30 Esfand 1402 in Tehran.",                # 1402 is no leap year
    "The round ran from 28 Hut to 30 Hut 1404.",
])
def test_a_day_the_calendar_does_not_have_is_no_date_and_no_crash(text):
    assert [m.text for m in dates.find_dates(text, None)] == []
    assert [m.text for m in dates.find_dates(text, pub(FRI))] == []


def test_explicit_lists_the_first_day_of_each_mention_with_its_own_year():
    text = "Talks on 3 to 5 March 2024 followed a truce on May 2, 2023; they met again in June and on Friday."
    got = dates._explicit(date_scan.scan(text))
    assert [(text[s:s + 6], d) for s, d in got] == [("3 to 5", dt.date(2024, 3, 3)), ("May 2,", dt.date(2023, 5, 2))]
    # a yearless date takes the nearest one's year when no publication date or anchor is given
    june = [m for m in dates.resolve(date_scan.scan("On 4 June the envoys met; the truce of 1 May 2023 held."), None)
            if m.text == "4 June"]
    assert june[0].date_start == dt.date(2023, 6, 4)


def test_a_solar_hijri_day_exists_in_its_year_whether_asked_once_or_again():
    # 1403 is a leap year (30 Esfand exists), 1404 is not; without a year any will do
    for _ in range(2):
        assert date_scan._hijri_exists(1403, 12, 30) and not date_scan._hijri_exists(1404, 12, 30)
        assert date_scan._hijri_exists(None, 12, 30) and date_scan._hijri_exists(1404, 8, 15)
