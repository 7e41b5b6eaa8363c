"""A 'place, full date' line at the top is a dateline (publication-date evidence),
never a headline."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from evidence.read import corpus, dates, firstline

FIX = Path(__file__).parent / "fixtures" / "parse"
BODY = ("Türkiye and Qatar welcomed the truce that both delegations accepted after five "
        "days of talks, officials said on Friday.\n")


def dateline_dates(text: str) -> list[str]:
    return [f.text for f in dates.scan(text) if f.dateline]


@pytest.mark.parametrize("text", [
    "Ankara, 31 October 2025\n\n" + BODY,
    "Truce holds\n\nKABUL, 31 October 2025\n\n" + BODY,
    "Islamabad, Pakistan, 31 October 2025\n\n" + BODY,
    "KABUL (Frontier Wire, 31 October 2025) - " + BODY,          # agency form opening a lead
])
def test_place_and_full_date_at_the_top_is_a_dateline(text):
    assert dateline_dates(text) == ["31 October 2025"]


@pytest.mark.parametrize("text", [
    "Thursday, 30 October 2025\n\n" + BODY,                      # a weekday is no place
    "Updated, 30 October 2025\n\n" + BODY,                       # a page note
    "Ankara 31 October 2025\n\n" + BODY,                         # no comma
    "Ankara, 31 October 2025, officials said talks went well\n\n" + BODY,   # a sentence
    "Talks (in Istanbul, 31 October 2025) went on\n\n" + BODY,    # brackets, no place
    "Truce holds\n\nTalks resume\n\nAnkara, 31 October 2025\n\n" + BODY,   # too far down
    "پنجشنبه، ۱۵ عقرب ۱۴۰۴\n\nمتن خبر\n",                        # Dari weekday
])
def test_other_date_lines_are_not(text):
    assert dateline_dates(text) == []


def test_a_day_without_its_year_is_a_dateline_too():
    # issue 9: "a dateline without a year gives the day; the year comes from the rest of
    # the text or from the collection" -- on a line of its own as after a comma
    assert dateline_dates("Ankara, 31 October\n\n" + BODY) == ["31 October"]
    assert dateline_dates("Ankara, 31 October, officials said talks went well\n\n" + BODY) == []


def test_dari_agency_dateline_dates_the_article(tmp_path):
    path = tmp_path / "agency.txt"
    path.write_text("گفتگوهای استانبول\n\nکابل (پژواک، ۱۵ عقرب ۱۴۰۴): هیئت‌های پاکستان و "
                    "افغانستان امروز در استانبول دیدار کردند.\n", encoding="utf-8")
    parsed = corpus.parse_file(path, {})
    assert (parsed.pubdate.published, parsed.pubdate.method) == (dt.date(2025, 11, 6), "dateline")
    assert parsed.meta.dateline == "کابل"


def test_place_is_what_precedes_the_comma():
    line = "کابل، ۱۵ عقرب ۱۴۰۴"
    assert firstline.place(line, 6, len(line)) == "کابل"


def test_short_latin1_capture_is_dated_by_its_dateline_not_headlined():
    parsed = corpus.parse_file(FIX / "latin1_short.txt", {})
    assert parsed.meta.headline == "" and parsed.meta.dateline == "Ankara"
    pub = parsed.pubdate
    assert (pub.published, pub.precision, pub.method) == (dt.date(2025, 10, 31), "day", "dateline")


def test_headline_before_the_dateline_line_is_kept(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Truce holds after Istanbul talks\n\nAnkara, 31 October 2025\n\n" + BODY)
    parsed = corpus.parse_file(path, {})
    assert parsed.meta.headline == "Truce holds after Istanbul talks"
    assert parsed.meta.dateline == "Ankara" and parsed.pubdate.method == "dateline"


@pytest.mark.parametrize("line", [
    "Ankara, 31 October 2025", "Islamabad, Pakistan, 31 October 2025",
    "KABUL (Frontier Wire, 31 October 2025) - talks resumed", "کابل، ۱۵ عقرب ۱۴۰۴",
])
def test_a_line_place_can_read_passes_the_cheap_test(line):
    found = [f for f in dates.scan(line) if f.kind in ("date", "hijri") and f.y]
    assert found and firstline.place(line, found[0].start, found[0].end)
    assert firstline.may_hold(line) and firstline.may_hold("Truce holds\n" + line)


@pytest.mark.parametrize("line", [
    "Diplomats described the atmosphere as cautious, on 31 October 2025.",
    "the talks ended, 31 October 2025", "31 October 2025", "",
])
def test_a_line_opening_with_no_place_is_not_scanned(line):
    assert not firstline.may_hold(line)


def test_among_top_lines_counts_the_non_empty_lines_before_a_line():
    text = "Headline\n\n  \nKabul, 6 November 2025\nBody line\nMore"
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for start in starts:
        expected = sum(1 for row in text[:start].split("\n") if row.strip()) < firstline.TOP_LINES
        assert firstline._among_top_lines(text, start) == expected, start
    assert firstline._among_top_lines(text, text.index("Kabul")) and not firstline._among_top_lines(text, text.index("Body"))
