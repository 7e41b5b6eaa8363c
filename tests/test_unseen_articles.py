"""Articles from outlets the parsers were not written against, dropped in beside the
seeds with no registry row and no code change, must come out right end to end.

The fixtures imitate three other house styles: a wire story with an agency dateline
("ISTANBUL, Oct 31 (Reuters) -") and wire furniture; an Afghan broadcaster's saved web
page with Solar Hijri dates and HTML metadata; a Pakistani newspaper's story with a full
dateline date and a print-edition note.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from evidence.compare import comparison as compare

from evidence.read import corpus

from evidence import paths

FIXTURES = Path(__file__).parent / "fixtures" / "unseen"
D = dt.date


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    sources = tmp_path_factory.mktemp("unseen") / "sources"
    shutil.copytree(paths.SOURCES, sources)
    for f in FIXTURES.iterdir():
        shutil.copy(f, sources / f.name)
    result = corpus.load(sources, paths.REGISTRY)
    assert not result.problems, result.problems
    return result


@pytest.fixture(scope="module")
def comparison(loaded):
    return compare.compare(loaded.sources)


def src(loaded, source_id):
    return loaded.by_id()[source_id]


def mention(source, text):
    found = [m for m in source.dates if m.text == text]
    assert found, f"no date mention {text!r} in {[m.text for m in source.dates]}"
    return found[0]


def speaker_of(source, words):
    found = [q for q in source.quotes if q.quote.startswith(words)]
    assert found, f"no quote starting {words!r}"
    return found[0]


# ------------------------------------------------------------------ wire story

def test_wire_dateline_dates_the_story(loaded):
    s = src(loaded, "reuters_style")
    assert s.pubdate.published == D(2025, 10, 31)
    assert s.pubdate.precision == "day" and s.pubdate.method == "dateline"
    assert s.meta.dateline == "ISTANBUL"


def test_wire_weekdays_resolve_against_the_dateline(loaded):
    s = src(loaded, "reuters_style")
    assert mention(s, "Friday").date_start == D(2025, 10, 31)
    assert mention(s, "Thursday").date_start == D(2025, 10, 30)
    m = mention(s, "Oct. 25 to Oct. 30")
    assert (m.date_start, m.date_end) == (D(2025, 10, 25), D(2025, 10, 30))


def test_wire_furniture_and_credit(loaded):
    s = src(loaded, "reuters_style")
    assert "Reporting by" not in s.clean.text
    assert "Trust Principles" not in s.clean.text
    assert "were mediated by Turkey and Qatar" in s.clean.text
    assert s.meta.outlet == "Reuters" and s.meta.outlet_basis == "text"
    assert s.meta.byline == "Staff Reporter"


def test_wire_quotes_have_their_speakers(loaded):
    s = src(loaded, "reuters_style")
    assert speaker_of(s, "any violation").speaker_entity == "khawaja_asif"
    assert speaker_of(s, "We want peace").speaker_entity == "khawaja_asif"


# ------------------------------------------------------------ saved web page, Hijri dates

def test_html_page_metadata(loaded):
    s = src(loaded, "tolo_style")
    assert s.raw.fmt == "html"
    assert s.pubdate.published == D(2025, 11, 1) and s.pubdate.method == "html_meta"
    assert s.meta.outlet == "TOLOnews"
    for furniture in ("Related News", "Kabul hosts regional meeting", "All rights reserved",
                      "window.dataLayer"):
        assert furniture not in s.clean.text


def test_hijri_dates_and_ranges(loaded):
    s = src(loaded, "tolo_style")
    assert mention(s, "15 Aqrab 1404").date_start == D(2025, 11, 6)
    rng = [m for m in s.dates if m.text.endswith("8 Aqrab") and m.date_start != m.date_end]
    assert rng, [m.text for m in s.dates]
    assert (rng[0].date_start, rng[0].date_end) == (D(2025, 10, 25), D(2025, 10, 30))


def test_pronoun_speaker_is_the_last_person_named(loaded):
    s = src(loaded, "tolo_style")
    assert speaker_of(s, "The Islamic Emirate wants").speaker_entity == "zabihullah_mujahid"
    assert "Rafiee" in speaker_of(s, "Without a clear mechanism").speaker


# ------------------------------------------------------------ newspaper, full dateline

def test_newspaper_dateline_beats_the_print_edition_note(loaded):
    s = src(loaded, "dawn_style")
    assert s.pubdate.published == D(2025, 11, 7) and s.pubdate.method == "dateline"
    assert mention(s, "Thursday").date_start == D(2025, 11, 6)
    assert "Published in Dawn" not in s.clean.text
    assert "Follow Dawn" not in s.clean.text and "Comments (12)" not in s.clean.text
    assert s.meta.byline == ""
    assert s.meta.outlet == "Dawn"
    assert speaker_of(s, "The talks have ended").speaker_entity == "khawaja_asif"


# ------------------------------------------------------------ comparison

def test_dateline_and_reporting_dates_are_not_events(comparison):
    spurious = [(e.event_id, e.source_ids) for e in comparison.events.itertuples()
                if (e.date_start, e.date_end) in {("2025-10-31", "2025-10-31"),
                                                  ("2025-11-01", "2025-11-01"),
                                                  ("2025-11-07", "2025-11-07")}]
    assert not spurious, spurious


def test_new_articles_join_the_existing_events(comparison):
    events = comparison.events.set_index("event_id")
    talks = events.loc["talks_round-2025-10-25-istanbul", "source_ids"].split(";")
    assert {"reuters_style", "tolo_style"} <= set(talks)
    scheduled = events.loc["scheduled_meeting-2025-11-06-istanbul", "source_ids"].split(";")
    assert {"reuters_style", "tolo_style"} <= set(scheduled)
    nov6 = comparison.events[comparison.events.date_start == "2025-11-06"]
    assert any("dawn_style" in ids.split(";") for ids in nov6.source_ids)


def test_seeds_are_unchanged_by_the_newcomers(loaded):
    alone = corpus.load(paths.SOURCES, paths.REGISTRY).by_id()
    for source_id, seed in alone.items():
        # the same dates, flags and method; a cross-source date may cite a newcomer's
        # sentence as its supporting evidence instead of a seed's
        a, b = loaded.by_id()[source_id].pubdate, seed.pubdate
        assert (a.published, a.earliest, a.latest, a.precision, a.method, a.flags) == \
               (b.published, b.earliest, b.latest, b.precision, b.method, b.flags), source_id
        own = [e for e in b.evidence.split(" … ") if ": " not in e[:40]]
        assert all(e in a.evidence for e in own), source_id


def test_next_meeting_is_coded_for_new_articles(comparison):
    claims = comparison.claims
    rows = claims[(claims.provision == "next_meeting")
                  & claims.source_id.isin(["reuters_style", "tolo_style"])]
    assert list(rows.status) == ["reported", "reported"]
    # the meeting's date, not the date the spokesman spoke ("said on Saturday")
    assert all("date=2025-11-06" in d and "2025-11-01" not in d for d in rows.detail)


def test_a_meeting_reported_as_held_is_linked_to_its_announcement(comparison):
    events = comparison.events.set_index("event_id")
    held = [i for i in events.index if i.startswith("talks_round-2025-11-06")]
    assert held, list(events.index)
    assert events.loc["scheduled_meeting-2025-11-06-istanbul", "related_events"] == held[0]
    assert events.loc[held[0], "related_events"] == "scheduled_meeting-2025-11-06-istanbul"
    # the announcement keeps only the sources that announced it
    assert "dawn_style" not in events.loc["scheduled_meeting-2025-11-06-istanbul", "source_ids"]
