"""Event references, digests' passages and what the chapters leave untold
(evidence.publish.story), on hand-made tables."""
from __future__ import annotations

import datetime as dt

import pytest

from evidence.publish import story
from tests import story_data

D = dt.date


@pytest.fixture
def st(tmp_path):
    return story.Story.load(story_data.make(tmp_path / "processed"))


@pytest.mark.parametrize("text, expected", [
    ("truce", ("truce", "", None, None)),
    ("truce in Hilltown", ("truce", "Hilltown", None, None)),
    ("truce in Hilltown on 2025-05-03", ("truce", "Hilltown", D(2025, 5, 3), D(2025, 5, 3))),
    ("talks_round in New  Harbour on 2025-05", ("talks_round", "New Harbour", D(2025, 5, 1),
                                                D(2025, 5, 31))),
    ("power_change on 2021", ("power_change", "", D(2021, 1, 1), D(2021, 12, 31))),
    ("clashes from 2025-12 to 2026-01-02", ("clashes", "", D(2025, 12, 1), D(2026, 1, 2))),
])
def test_a_reference_names_kind_place_and_dates(text, expected):
    ref = story.parse_ref(text)
    assert (ref.kind, ref.place, ref.start, ref.end) == expected


@pytest.mark.parametrize("text", ["Truce in Hilltown", "truce on 3 May", "truce on 2025-13",
                                  "truce from 2025-05-09 to 2025-05-01", "truce-2025-05-03"])
def test_a_malformed_reference_is_refused(text):
    with pytest.raises(ValueError):
        story.parse_ref(text)


def test_matching_needs_the_kind_the_place_and_overlapping_dates(st):
    ids = lambda text: [e.event_id for e in st.matching(story.parse_ref(text))]
    assert ids("truce") == ["truce-2025-05-03-hilltown"]
    assert ids("truce in hilltown on 2025-05") == ["truce-2025-05-03-hilltown"]
    assert ids("truce in Harbourtown") == []
    assert ids("truce on 2025-05-04") == []
    # a day inside a range matches it; the place is not required by a reference without one
    assert ids("talks_round on 2025-05-08") == ["talks_round-2025-05-05-harbourtown"]
    assert ids("clashes in Hilltown") == []


def test_a_narrated_event_brings_its_scheduled_or_held_counterpart(st):
    told = st.narrated([story.parse_ref("talks_round in Harbourtown")])
    assert [e.event_id for e in told] == ["scheduled_meeting-2025-05-05-harbourtown",
                                          "talks_round-2025-05-05-harbourtown"]


def test_passages_are_sentences_by_publication_date(st):
    talks = st.by_id()["talks_round-2025-05-05-harbourtown"]
    passages = st.passages(talks)
    assert [(p.source_id, p.sentence) for p in passages] == [
        ("src-b", "Talks opened in Harbourtown."),                 # published 4 May
        ("src-a", "Talks opened in Harbourtown on Monday."),       # published 6 May
    ]
    text = story_data.TEXTS["src-a"]
    p = passages[1]
    assert text[p.start:p.end] == p.sentence
    assert passages[0].published == "4–5 May 2025"      # an interval is shown as one
    assert passages[1].published == "6 May 2025" and passages[1].outlet == "Alpha Daily"


def test_a_copy_is_folded_under_its_original(st):
    truce = st.by_id()["truce-2025-05-03-hilltown"]
    passages = st.passages(truce)
    assert [p.source_id for p in passages] == ["src-b"]
    assert [c.source_id for c in passages[0].copies] == ["src-c"]


def test_an_events_sources_count_a_copy_once(st, tmp_path):
    assert st.by_id()["truce-2025-05-03-hilltown"].n_sources == 1     # src-c copies src-b
    assert st.by_id()["talks_round-2025-05-05-harbourtown"].n_sources == 2
    plain = story.Story.load(story_data.make(tmp_path / "p", copies=False))
    assert plain.by_id()["truce-2025-05-03-hilltown"].n_sources == 2


def test_without_copy_of_every_source_stands_alone(tmp_path):
    st = story.Story.load(story_data.make(tmp_path / "p", copies=False))
    truce = st.by_id()["truce-2025-05-03-hilltown"]
    assert [p.source_id for p in st.passages(truce)] == ["src-b", "src-c"]


def test_a_copy_whose_original_is_silent_on_the_event_stays_visible(tmp_path):
    events = [dict(story_data.EVENTS[0], source_ids="src-c",
                   evidence=story_data.EVENTS[0]["evidence"].split("; ")[1])]
    st = story.Story.load(story_data.make(tmp_path / "p", events=events))
    assert [p.source_id for p in st.passages(st.events[0])] == ["src-c"]


def test_later_holds_what_comes_after_and_what_no_chapter_tells(st):
    cutoff, after, before = st.later([story.parse_ref("talks_round in Harbourtown")])
    assert cutoff == D(2025, 5, 5)
    assert [e.event_id for e in after] == ["clashes-2025-05-20"]
    assert [e.event_id for e in before] == ["truce-2025-05-03-hilltown"]
    cutoff, after, before = st.later([story.parse_ref(r) for r in
                                      ("truce", "talks_round", "clashes")])
    assert (after, before) == ([], [])


def test_later_without_any_narrated_event_takes_everything(st):
    cutoff, after, before = st.later([])
    assert cutoff is None and len(after) == 4 and before == []


def test_unplaced_sources_are_those_no_event_cites(st):
    assert [r["source_id"] for r in st.unplaced()] == ["src-e"]


def test_titles_say_when_a_date_is_approximate(st):
    talks = st.by_id()["talks_round-2025-05-05-harbourtown"]
    assert talks.title == "Talks round, Harbourtown, 5–9 May 2025"
    talks.precision = "month"
    assert talks.when == "sometime 5–9 May 2025"


def test_chapter_references_are_read_from_digest_lines(tmp_path):
    (tmp_path / "one.md").write_text("# One\n\n```{digest} truce in Hilltown\n```\n\n"
                                     "Text.\n\n````{digest}   clashes on 2025-05-20\n"
                                     ":optional:\n````\n\n```{digest} not a reference!\n```\n",
                                     encoding="utf-8")
    (tmp_path / "two.md").write_text("# Two\n\nNo digest here: {digest} truce.\n",
                                     encoding="utf-8")
    refs = story.chapter_refs(tmp_path)
    assert [r.text for r in refs[tmp_path / "one.md"]] == ["truce in Hilltown",
                                                          "clashes on 2025-05-20"]
    assert refs[tmp_path / "two.md"] == []


def test_evidence_offsets_are_parsed_strictly():
    assert story.parse_evidence("a@1-5; b_2.x@7-9") == [("a", 1, 5), ("b_2.x", 7, 9)]
    assert story.parse_evidence("a@5-1; nonsense; @1-2; a@x-3") == []


def test_an_outcome_kind_matches_the_event_it_was_folded_into(tmp_path):
    events = [dict(story_data.EVENTS[1], outcomes="Ceasefire agreed: src-a; Unknown label: src-b")]
    st = story.Story.load(story_data.make(tmp_path / "p", events=events))
    assert st.events[0].outcomes == ["truce"]          # labels from the event codebook
    assert [e.event_id for e in st.matching(story.parse_ref("truce in Harbourtown"))] == [
        "talks_round-2025-05-05-harbourtown"]
    assert st.matching(story.parse_ref("deadlock in Harbourtown")) == []


def test_round_numbers_are_read_per_number():
    assert story.parse_rounds("2: a; 3: b, c") == {"2": ["a"], "3": ["b", "c"]}
    assert story.parse_rounds("") == {} and story.parse_rounds("x: a; 3:") == {}
