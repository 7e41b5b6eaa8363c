"""Date lines in other house styles: numbers only (day first with dots, year first with
slashes or dots), the time before the date, a byline and an "Updated" label on the date's
line, and a dateline whose place is set off by a dash. Each is read as the page's own
date (used when the content agrees); a slashed date whose day and month could be either
way round is not read at all. Our own short articles, end to end through the parser."""
from __future__ import annotations

import datetime as dt

import pytest

from evidence import text as tx
from evidence.read import corpus, date_scan, pubdate_claims

D = dt.date
BODY = ("Negotiators from the two countries ended a round of talks in Geneva without a "
        "settlement, two diplomats said, after meetings on Monday and Tuesday.\n\n"
        "A spokesman said both delegations would report to their capitals.\n")


def _scan(text: str) -> list[tuple[str, dt.date | None]]:
    out = []
    for f in date_scan.scan(text):
        if f.kind == "date":
            out.append((text[f.start:f.end], D(f.y, f.m, f.d)))
    return out


@pytest.mark.parametrize("text, expected", [
    ("Filed 05.03.2024 by the desk", [("05.03.2024", D(2024, 3, 5))]),      # day first
    ("Filed 2024/03/05 by the desk", [("2024/03/05", D(2024, 3, 5))]),      # year first
    ("Filed 2024.3.5 by the desk", [("2024.3.5", D(2024, 3, 5))]),
    ("Filed 25/03/2024 by the desk", [("25/03/2024", D(2024, 3, 25))]),     # plain order
    ("Filed 05/03/2024 by the desk", []),                                   # either order
    ("Filed 31.02.2024 by the desk", []),                                   # no such day
])
def test_numeric_dates_are_read_only_in_a_plain_order(text, expected):
    assert _scan(text) == expected


def test_simple_date_reads_the_same_numeric_forms():
    assert tx.simple_date("Posted 05.03.2024") == D(2024, 3, 5)
    assert tx.simple_date("2024/03/05 08:15") == D(2024, 3, 5)
    assert tx.simple_date("05/03/2024") is None


def test_a_byline_with_an_update_label_is_a_date_line_and_names_its_author():
    line = "By Maria Lopez | Updated: 5 Mar 2024, 08:15 AM CET"
    assert pubdate_claims.line_date(line) == D(2024, 3, 5)
    assert pubdate_claims.byline_of(line) == "Maria Lopez"
    # a sentence that happens to start with capitalised words is no byline
    assert pubdate_claims.line_date("The Foreign Office said on 5 Mar 2024 that talks "
                                    "would resume within the month in Geneva") is None



def test_a_line_without_four_digits_in_a_row_is_no_date_line_and_is_not_scanned(monkeypatch):
    """A date line's date has a year in digits: a line without four digits in a row
    ("Talks on 5 and 6 March", "Kabul | 5 Mar '24") is answered without a scan; one
    with them is scanned as before, in Persian digits too."""
    scanned = []
    real = pubdate_claims._scan.__wrapped__
    monkeypatch.setattr(pubdate_claims, "_scan", lambda text: scanned.append(text) or real(text))
    for line in ("Talks on 5 and 6 March in Geneva", "Kabul | 5 Mar '24", "Page 12 of 30"):
        assert pubdate_claims.line_date(line) is None and pubdate_claims.byline_of(line) == ""
    assert scanned == []
    assert pubdate_claims.line_date("Kabul | 5 March 2024") == D(2024, 3, 5)
    assert pubdate_claims.line_date("Tuesday, 4 Qaws ۱۴۰۴") == D(2025, 11, 25)
    assert len(scanned) == 2


STYLES = {
    "numbers_day_first": ("Geneva talks end without a deal\n05.03.2024\n\n", D(2024, 3, 5)),
    "numbers_year_first": ("Geneva talks end without a deal\n2024/03/05 21:10\n\n", D(2024, 3, 5)),
    "time_first": ("Geneva talks end without a deal\nUpdated 9:40 PM CET, Tue March 5, 2024\n\n",
                   D(2024, 3, 5)),
    "byline_updated": ("Geneva talks end without a deal\nBy Maria Lopez | Updated: 5 Mar 2024,"
                       " 08:15 PM CET\n\n", D(2024, 3, 5)),
    "dash_dateline": ("Geneva talks end without a deal\n\nGeneva – 5th March 2024: ", D(2024, 3, 5)),
    "either_order": ("Geneva talks end without a deal\nPublished on 05/03/2024\n\n", None),
}


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("styles")
    for name, (head, _) in STYLES.items():
        (folder / f"{name}.txt").write_text(head + BODY, encoding="utf-8")
    result = corpus.load(folder, folder / "no-registry.csv", cache_dir=None)
    assert not result.problems, result.problems
    return {s.source_id: s for s in result.sources}


@pytest.mark.parametrize("name", sorted(STYLES))
def test_each_house_style_dates_its_article(parsed, name):
    expected = STYLES[name][1]
    pubdate = parsed[name].pubdate
    if expected is None:                 # not read: at most the content's interval
        assert pubdate.method not in ("page_header", "dateline", "date_line")
        assert pubdate.earliest is None or pubdate.earliest != pubdate.latest
    else:
        assert (pubdate.earliest, pubdate.latest) == (expected, expected), pubdate
        assert pubdate.method in ("page_header", "dateline", "date_line")


def test_the_date_line_is_not_the_headline_and_the_byline_is_read(parsed):
    for source in parsed.values():
        assert source.meta.headline == "Geneva talks end without a deal"
    assert parsed["byline_updated"].meta.byline == "Maria Lopez"


CREDITS = {
    # a country after the dateline's place, then the agency
    "country_dateline": ("GENEVA, Switzerland (AP) — ", "", "AP", "GENEVA"),
    # a closing credit signed off with a dash
    "sign_off": ("", "\n— Agence France-Presse\n", "Agence France-Presse", ""),
    # a copyright line written "© Copyright <year> <holder>"
    "copyright": ("", "\n© Copyright 2024 Alpine Courier\n", "Alpine Courier", ""),
}


@pytest.fixture(scope="module")
def credited(tmp_path_factory):
    folder = tmp_path_factory.mktemp("credits")
    for name, (lead, tail, _, _) in CREDITS.items():
        (folder / f"{name}.txt").write_text("Geneva talks end without a deal\n\n" + lead + BODY
                                            + tail, encoding="utf-8")
    result = corpus.load(folder, folder / "no-registry.csv", cache_dir=None)
    return {s.source_id: s for s in result.sources}


@pytest.mark.parametrize("name", sorted(CREDITS))
def test_credits_in_other_styles_name_the_outlet(credited, name):
    _, _, outlet, dateline = CREDITS[name]
    assert credited[name].meta.outlet == outlet
    assert credited[name].meta.dateline == dateline
    assert "France-Presse" not in credited[name].clean.text    # furniture, not article text


def test_a_country_after_the_place_is_still_a_dateline():
    from evidence.read import clean
    assert clean.dateline("KABUL, Afghanistan, Mar 5 - Talks ended.") == "KABUL"
    assert clean.dateline_credit("ISTANBUL, Turkey (Reuters) — Talks ended.") == "Reuters"
    # a sentence that opens with a place and a country is none
    assert clean.dateline("ISLAMABAD, Pakistan and Afghanistan agreed to meet.") == ""


def test_this_past_and_this_coming_weekdays():
    found = {t: f for t in ("this past Tuesday", "this coming Tuesday")
             for f in date_scan.scan(f"Envoys met {t} in Geneva.")}
    assert found["this past Tuesday"].qualifier == "this past"
    assert found["this coming Tuesday"].qualifier == "this coming"


def test_this_past_weekday_is_the_one_before_the_dateline(tmp_path):
    (tmp_path / "past.txt").write_text(
        "Geneva talks end without a deal\n\nGENEVA, March 10, 2024 (Reuters) - Talks ended this "
        "past Tuesday without a settlement, two diplomats said.\n\nThe envoys will meet again "
        "this coming Friday, a spokesman said.\n", encoding="utf-8")
    source = corpus.load(tmp_path, tmp_path / "no-registry.csv", cache_dir=None).sources[0]
    assert (source.pubdate.published, source.pubdate.method) == (D(2024, 3, 10), "dateline")
    days = {d.text: d.date_start for d in source.dates}
    assert days["this past Tuesday"] == D(2024, 3, 5)
    assert days["this coming Friday"] == D(2024, 3, 15)


def test_a_fortnight_is_two_weeks():
    ago = [f for f in date_scan.scan("A fortnight ago the border was shut.") if f.kind == "relative"]
    later = [f for f in date_scan.scan("A fortnight later the talks resumed.") if f.kind == "relative"]
    assert [f.rel for f in ago] == [("week", -2, "")]
    assert [f.rel[:2] for f in later] == [("day", 14)]


def test_a_dateline_set_off_by_a_dash_dates_the_story_not_an_event(tmp_path):
    from evidence.compare import comparison as compare
    (tmp_path / "dash.txt").write_text(
        "Geneva talks end without a deal\n\nGENEVA – 9th March 2024: Talks between the two "
        "governments in Geneva ended on Friday without an agreement, a spokesman said.\n",
        encoding="utf-8")
    sources = corpus.load(tmp_path, tmp_path / "no-registry.csv", cache_dir=None).sources
    events = compare.compare(sources).events
    days = {(e.date_start, e.date_end) for e in events.itertuples()}
    assert ("2024-03-09", "2024-03-09") not in {(str(a), str(b)) for a, b in days}
    assert any(str(e.date_start) == "2024-03-08" for e in events.itertuples()), events


@pytest.mark.parametrize("crumbs", ["Home > World > Asia", "News › Region › Diplomacy",
                                    "Home » Politics"])
def test_a_breadcrumb_is_never_the_headline(tmp_path, crumbs):
    (tmp_path / "crumbs.txt").write_text(f"{crumbs}\n\nGeneva talks end without a deal\n\n"
                                         + BODY, encoding="utf-8")
    source = corpus.load(tmp_path, tmp_path / "no-registry.csv", cache_dir=None).sources[0]
    assert source.meta.headline == "Geneva talks end without a deal"


@pytest.mark.parametrize("sentence, days", [
    ("Talks were held this weekend in Geneva, officials said.", (D(2024, 3, 9), D(2024, 3, 10))),
    ("Talks will be held this weekend in Geneva, officials said.", (D(2024, 3, 16), D(2024, 3, 17))),
])
def test_this_weekend_is_the_one_just_past_in_a_past_tense_report(tmp_path, sentence, days):
    (tmp_path / "weekend.txt").write_text(f"Geneva talks\n\nGENEVA, March 11, 2024 (Reuters) - "
                                          f"{sentence}\n", encoding="utf-8")
    source = corpus.load(tmp_path, tmp_path / "no-registry.csv", cache_dir=None).sources[0]
    found = {d.text: (d.date_start, d.date_end) for d in source.dates}
    assert found["this weekend"] == days


@pytest.mark.parametrize("line", [
    "Friday 8 March 2024 / 27 Shaban 1445 AH",          # the day in a second calendar
    "Friday, 8 March 2024 | 18 Hoot 1402",
    "18 Hoot 1402 HS",                                   # an era after the date
])
def test_date_lines_with_a_second_calendar_or_an_era(line):
    assert pubdate_claims.line_date(line) == D(2024, 3, 8)


@pytest.mark.parametrize("line, day", [
    ("Kabul | 5 March 2024", D(2024, 3, 5)),                  # a place and a bar
    ("Opinion | March 5, 2024", D(2024, 3, 5)),               # a section label
    ("From our correspondent | 5 Mar 2024", D(2024, 3, 5)),
    ("Tuesday 5 March 2024 | Staff correspondent", D(2024, 3, 5)),   # a credit after it
    ("Posted on 5 March 2024 by News Desk", D(2024, 3, 5)),
    ("Talks | the envoys met on 5 March 2024", None),          # a sentence, not a label
])
def test_date_lines_with_a_label_or_a_credit(line, day):
    assert pubdate_claims.line_date(line) == day


def _dates_in(tmp_path, body: str) -> dict[str, tuple]:
    (tmp_path / "story.txt").write_text(f"Geneva talks\n\nGENEVA, March 13, 2024 (Reuters) - {body}\n",
                                        encoding="utf-8")
    source = corpus.load(tmp_path, tmp_path / "no-registry.csv", cache_dir=None).sources[0]
    assert source.pubdate.published == D(2024, 3, 13)
    return {d.text: (d.date_start, d.date_end) for d in source.dates}


def test_a_weekday_before_its_date_or_a_pair_of_days(tmp_path):
    found = _dates_in(tmp_path, "The envoys met on Thursday and Friday, March 7 and 8. A "
                                "spokesman said on Sunday, March 10, that the talks had ended.")
    assert found["Thursday and Friday, March 7 and 8"] == (D(2024, 3, 7), D(2024, 3, 8))
    assert found["Sunday, March 10"] == (D(2024, 3, 10), D(2024, 3, 10))
    assert "Sunday" not in found


def test_the_future_of_a_past_moment_and_until_in_a_past_sentence(tmp_path):
    found = _dates_in(tmp_path, "The round, which had been due to end on Monday, went on. The "
                                "crossing stayed shut until Friday.\n\nThe crossing will stay "
                                "closed until Saturday, officials said. Talks are slated for "
                                "March 20.")
    assert found["Monday"] == (D(2024, 3, 11), D(2024, 3, 11))
    assert found["Friday"] == (D(2024, 3, 8), D(2024, 3, 8))
    assert found["Saturday"] == (D(2024, 3, 16), D(2024, 3, 16))
    assert found["March 20"] == (D(2024, 3, 20), D(2024, 3, 20))


def test_a_place_and_a_day_on_a_line_of_their_own_is_a_dateline_without_its_year(tmp_path):
    (tmp_path / "yearless.txt").write_text(
        "Geneva talks end\n\nGeneva, Mar. 9\n\nThe envoys ended their talks on Friday without "
        "a deal. The talks had opened on Thursday, March 7, 2024.\n", encoding="utf-8")
    source = corpus.load(tmp_path, tmp_path / "no-registry.csv", cache_dir=None).sources[0]
    assert (source.pubdate.published, source.pubdate.method) == (D(2024, 3, 9), "dateline")
    assert source.meta.dateline == "Geneva"


@pytest.mark.parametrize("line, day, byline", [
    ("Maria Lopez Published March 5, 2024", D(2024, 3, 5), "Maria Lopez"),   # no bar
    ("By Maria Lopez | Alpine Courier | March 5, 2024", D(2024, 3, 5), ""),  # two fields
    ("Web Desk Published March 05, 2024 Updated March 05, 2024", D(2024, 3, 5), "Web Desk"),
    ("News Desk | 5 Mar 2024 | 10:45 PM", D(2024, 3, 5), "News Desk"),      # a time after a bar
    ("5 March 2024 by all accounts", None, ""),                               # no credit
])
def test_byline_date_lines_in_more_layouts(line, day, byline):
    assert pubdate_claims.line_date(line) == day
    assert pubdate_claims.byline_of(line) == byline


def test_a_file_name_that_is_no_source_id_is_refused_with_one_clear_line(tmp_path):
    for name in ("Dawn article (1).txt", "تقرير.txt"):
        (tmp_path / name).write_text("Geneva talks\n\n" + BODY, encoding="utf-8")
    problems = corpus.load(tmp_path, tmp_path / "no-registry.csv", cache_dir=None).problems
    assert len(problems) == 2
    assert all("not a usable source id (ASCII letters" in p and "rename the file" in p
               for p in problems)
