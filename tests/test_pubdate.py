"""Publication dates: evidence order, constraints from the text, flags, the
corpus pass, and the seed articles through the full chain."""
from __future__ import annotations

import datetime as dt

import pytest

from evidence.read import corpus, pubdate, pubdate_claims
from evidence.model import CleanDocument, Metadata, RawDocument, RemovedLine, Story

D = dt.date


def infer(text: str, html_date=None, removed=(), header_dates=(), stories=()):
    raw = RawDocument(source_id="t", path="t.txt", fmt="txt", text=text, sha256="", html_date=html_date)
    clean = CleanDocument(text=text, removed=list(removed), stories=list(stories),
                          header_dates=list(header_dates))
    return pubdate.infer(raw, clean, Metadata())


def evidence_parts(p) -> list[str]:
    return [e for e in p.evidence.split(pubdate.SEP) if e]


def assert_evidence_verbatim(p, text: str):
    assert p.evidence, p
    for part in evidence_parts(p):
        assert part in text, part


ISTANBUL = ("The negotiating sessions held from October 25 to 30, 2025, were attended by mediators. "
            "The next meeting in Istanbul on November 6, 2025, would settle the details.")


def test_today_weekday_inside_the_interval_pins_the_day():
    text = "The talks will be held in Istanbul on Thursday (today).\n\n" + ISTANBUL
    p = infer(text)
    assert (p.published, p.earliest, p.latest, p.precision, p.method) == \
        (D(2025, 10, 30), D(2025, 10, 30), D(2025, 10, 30), "day", "inferred")
    assert_evidence_verbatim(p, text)


def test_past_and_future_dates_give_an_interval():
    text = ISTANBUL
    p = infer(text)
    assert (p.published, p.earliest, p.latest, p.precision) == (D(2025, 10, 30), D(2025, 10, 30), D(2025, 11, 5), "interval")


def test_late_weekday_matching_the_latest_past_date_gives_the_next_day_as_best_guess():
    text = ("The ministry announced late Thursday that talks held from October 25 to 30, 2025 had ended. "
            "Both sides agreed to reconvene on November 6.")
    p = infer(text)
    assert (p.published, p.earliest, p.latest, p.precision) == (D(2025, 10, 31), D(2025, 10, 30), D(2025, 11, 5), "interval")


def test_a_weekday_that_does_not_match_the_year_is_not_linked():
    # October 30, 2024 was a Wednesday: "late Thursday" cannot be that day.
    text = ("The ministry announced late Thursday that talks held from October 25 to 30, 2024 had ended. "
            "Both sides agreed to reconvene on November 6.")
    p = infer(text)
    assert (p.published, p.earliest, p.latest) == (D(2024, 10, 30), D(2024, 10, 30), D(2024, 11, 5))


def test_next_week_tied_to_a_future_date_bounds_the_week():
    text = ("The delegations will meet again next week.\n\n"
            "They are scheduled to meet in Geneva on March 12, 2026. Talks held on March 2, 2026 ended.")
    p = infer(text)
    # March 12, 2026 is a Thursday: its week starts Monday March 9, so P is in March 2..8.
    assert (p.earliest, p.latest, p.precision) == (D(2026, 3, 2), D(2026, 3, 8), "interval")
    assert "next week" in p.evidence and "March 12, 2026" in p.evidence


def test_yesterday_with_a_date_in_the_same_sentence_pins_the_day():
    p = infer("The accord was signed yesterday, on 14 February 2024, in Doha.")
    assert (p.published, p.precision) == (D(2024, 2, 15), "day")


def test_hijri_date_with_year_is_evidence():
    p = infer("The meeting held on 8 Aqrab 1404 ended without agreement.")
    assert (p.earliest, p.precision) == (D(2025, 10, 30), "interval")


def test_dateline_date():
    text = ("ISLAMABAD, Oct 30 (Reuters) - Pakistan said talks held from October 25 to 30, 2025 had ended "
            "and would resume on November 6.")
    p = infer(text)
    assert (p.published, p.precision, p.method) == (D(2025, 10, 30), "day", "dateline")


def test_dateline_after_a_headline_with_its_own_date():
    text = ("Sides to meet again on Nov 6, 2025\n\n"
            "KABUL, Oct 31, 2025 (AFP) — The sides agreed to meet again on Nov 6, 2025, officials said.")
    p = infer(text)
    assert (p.published, p.precision, p.method) == (D(2025, 10, 31), "day", "dateline")
    assert p.evidence.startswith("KABUL, Oct 31, 2025 (AFP)")


def test_dateline_date_is_not_content():
    # "agreed to" after the dateline is future tense for what follows, not for the
    # dateline's own date (read as content it would put P before Oct 31)
    p = infer("ISTANBUL, Oct 31, 2025 (Reuters) - The sides agreed to meet again on Nov 6, 2025.")
    assert (p.published, p.method, p.flags) == (D(2025, 10, 31), "dateline", [])


PRINT_NOTE = ("ISLAMABAD, March 7, 2024: The minister said on Thursday that the talks held on "
              "March 5, 2024 had ended.\n\nPublished in Dawn, March 8th, 2024")


def test_newspaper_dateline_beats_the_print_edition_note():
    p = infer(PRINT_NOTE)
    assert (p.published, p.precision, p.method) == (D(2024, 3, 7), "day", "dateline")
    assert "Published in" not in p.evidence


def test_print_edition_note_bounds_publication_from_above():
    text = PRINT_NOTE.replace("ISLAMABAD, March 7, 2024: The", "The")
    p = infer(text)
    # the note is not a report of an event on March 8: P is in [March 5, March 8]
    assert (p.earliest, p.latest, p.precision, p.method) == (D(2024, 3, 5), D(2024, 3, 8), "interval", "inferred")
    alone = infer("Talks resume\n\nThe envoys will meet again soon.\n\nUpdated on March 8, 2024")
    assert alone.latest == D(2024, 3, 8) and alone.earliest is None
    # a sentence that merely opens with "Updated" is content, not a note
    content = infer("Updated figures released on March 8, 2024 showed losses on both sides of the border.")
    assert content.earliest == D(2024, 3, 8)


def test_dateline_contradicted_by_the_content_is_flagged_not_used():
    p = infer("KABUL, Mar 1, 2024 (AFP) — Talks held on March 5, 2024 ended without a deal.")
    assert p.method == "inferred" and p.earliest == D(2024, 3, 5)
    assert any("dateline date 2024-03-01" in f and "contradicts" in f for f in p.flags)


def test_a_dateline_without_a_date_dates_nothing():
    p = infer("PESHAWAR: The talks were held on March 5, 2024, officials said.")
    assert p.method == "inferred" and p.earliest == D(2024, 3, 5)


def test_html_meta_date_used_when_consistent_and_flagged_when_not():
    ok = infer(ISTANBUL, html_date=D(2025, 10, 31))
    assert (ok.published, ok.precision, ok.method) == (D(2025, 10, 31), "day", "html_meta")
    bad = infer(ISTANBUL, html_date=D(2024, 1, 2))
    assert bad.method == "inferred" and bad.published == D(2025, 10, 30)
    assert any("HTML metadata date 2024-01-02 contradicts the content" in f for f in bad.flags)


def test_lone_header_date_contradicting_the_content_is_flagged_never_used():
    text = "Tuesday, 02 January 2024 12:17 GMT\n\nHeadline\n\n" + ISTANBUL
    p = infer(text)
    assert p.published == D(2025, 10, 30) and p.method == "inferred"
    assert p.flags == ["page header date 2024-01-02 ('Tuesday, 02 January 2024 12:17 GMT') contradicts "
                       "the content (mentions dates up to 2025-11-06); not used"]


def test_header_date_reported_by_clean_is_checked_even_for_yearless_content():
    text = ("The ministry announced late Thursday that the talks held from October 25 to 30 had ended. "
            "They agreed to reconvene on November 6.")
    removed = [RemovedLine(1, "Tuesday, 02 January 2024 12:17 GMT", "page_header_date")]
    p = infer(text, removed=removed)
    assert (p.published, p.earliest, p.latest, p.precision, p.method) == (None, None, None, "unknown", "none")
    assert any(f.startswith("page header date 2024-01-02") and "contradicts" in f for f in p.flags)
    assert any("no year in the text" in f and "October 30" in f and "November 5" in f for f in p.flags)


def test_consistent_lone_date_line_is_used():
    text = "October 31, 2025\n\n" + ISTANBUL
    p = infer(text)
    assert (p.published, p.precision, p.method) == (D(2025, 10, 31), "day", "page_header")
    assert p.flags == []


def test_nothing_to_go_on():
    p = infer("Officials said the talks were constructive.")
    assert (p.published, p.earliest, p.latest, p.precision, p.method) == (None, None, None, "unknown", "none")
    only_relative = infer("The second day of talks will be held today, Sunday, in Istanbul.")
    assert only_relative.precision == "unknown"
    assert only_relative.flags == ["only relative dates (no absolute date) in the text"]


def test_a_story_that_announces_as_upcoming_what_it_reports_as_held_is_flagged():
    text = "The second round of talks will be held in Istanbul on Thursday (today).\n\n" + ISTANBUL
    p = infer(text)
    assert p.published == D(2025, 10, 30)
    [flag] = p.flags
    assert "contradicts itself" in flag and "held 2025-10-25 to 2025-10-30" in flag


def test_a_page_joining_stories_is_dated_by_its_main_story():
    first = "The second round of talks will be held in Istanbul on Thursday (today).\n\n"
    text = first + "Agreement reached\n\n" + ISTANBUL
    stories = [Story(0, len(first), "Talks today"), Story(len(first), len(text), "Agreement reached")]
    p = infer(text, stories=stories)
    # the main story has no date of its own (and no other source to tie its Thursday
    # to): the second story's dates do not date it, and nothing contradicts itself
    assert (p.published, p.precision) == (None, "unknown")
    assert not any("contradicts itself" in f for f in p.flags)


def test_content_conflict_is_flagged_and_the_past_report_kept():
    p = infer("Talks held on March 10, 2025 ended. The talks will open on March 4, 2025.")
    assert p.earliest == D(2025, 3, 10)
    assert any(f.startswith("content dates conflict") for f in p.flags)


# --------------------------------------------------------------------------- corpus pass

def write(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")


def load(tmp_path):
    c = corpus.load(tmp_path, tmp_path / "no-registry.csv")
    assert c.problems == []
    return c.by_id()


def test_ordinal_day_of_talks_dated_from_another_source(tmp_path):
    write(tmp_path, "a.txt", "Talks in Geneva\n\nAfter talks in Geneva, the envoys left. "
                             "The sessions held from March 3 to 6, 2024, were attended by mediators.\n")
    write(tmp_path, "b.txt", "Day three\n\nThe third day of negotiations will be held today, Tuesday, "
                             "in the city of Geneva.\n")
    write(tmp_path, "c.txt", "Day three\n\nThe third day of negotiations will be held today, Friday, "
                             "in the city of Geneva.\n")
    by = load(tmp_path)
    b = by["b"].pubdate
    # March 5, 2024 (day three of March 3-6) was a Tuesday.
    assert (b.published, b.precision, b.method) == (D(2024, 3, 5), "day", "cross_source")
    assert "a: The sessions held from March 3 to 6, 2024, were attended by mediators." in b.evidence
    assert [m.date_start for m in by["b"].dates if m.text == "today, Tuesday"] == [D(2024, 3, 5)]
    c = by["c"].pubdate      # the weekday disagrees: not dated to a day
    assert c.precision != "day"


def test_year_of_a_yearless_source_from_other_sources(tmp_path):
    write(tmp_path, "a.txt", "Talks\n\nThe sessions held from March 3 to 6, 2024 in Geneva ended.\n")
    write(tmp_path, "b.txt", "Talks\n\nThe round held from March 3 to 6 ended; envoys will meet on March 20.\n")
    b = load(tmp_path)["b"]
    assert (b.pubdate.earliest, b.pubdate.latest, b.pubdate.method) == (D(2024, 3, 6), D(2024, 3, 19), "cross_source")
    assert [m.date_start for m in b.dates if m.text == "March 20"] == [D(2024, 3, 20)]


def test_completed_talks_dated_by_the_range_other_sources_give(tmp_path):
    write(tmp_path, "a.txt", "Talks\n\nAfter talks in Geneva, the envoys left. "
                             "The sessions held from March 3 to 6, 2024, were attended by mediators.\n")
    write(tmp_path, "b.txt", "Deal\n\nThe sides reached a deal after four days of talks in Geneva. "
                             "Fighting erupted on February 20, 2024.\n")
    b = load(tmp_path)["b"].pubdate
    assert (b.earliest, b.method) == (D(2024, 3, 6), "cross_source")


def test_yearless_agency_dateline_dated_with_the_year_from_other_sources(tmp_path):
    write(tmp_path, "a.txt", "Talks\n\nThe sessions held from March 3 to 6, 2024 in Geneva ended.\n")
    write(tmp_path, "b.txt", "Envoys to meet again on March 20\n\n"
                             "GENEVA, Mar 7 (AFP) — The sides agreed to a truce after talks that ended on "
                             "Wednesday, and will meet again on March 20. The talks ran from March 3 to "
                             "March 6. The minister said on Thursday that the truce would hold.\n")
    b = load(tmp_path)["b"]
    # March 6, 2024 was a Wednesday; the dateline day, March 7, a Thursday
    assert (b.pubdate.published, b.pubdate.precision, b.pubdate.method) == (D(2024, 3, 7), "day", "dateline")
    assert "a: The sessions held from March 3 to 6, 2024 in Geneva ended." in b.pubdate.evidence
    got = {m.text: m.date_start for m in b.dates}
    assert (got["Wednesday"], got["Thursday"], got["March 20"]) == (D(2024, 3, 6), D(2024, 3, 7), D(2024, 3, 20))


def test_hijri_range_dates_talks_for_other_sources(tmp_path):
    write(tmp_path, "a.txt", "Talks\n\nThe second round was held in Istanbul from 3 to 8 Aqrab 1404.\n")
    write(tmp_path, "b.txt", "Deal\n\nThe sides reached a deal after six days of talks in Istanbul. "
                             "Fighting erupted on October 11, 2025.\n")
    b = load(tmp_path)["b"].pubdate
    assert (b.earliest, b.method) == (D(2025, 10, 30), "cross_source")
    assert "a: The second round was held in Istanbul from 3 to 8 Aqrab 1404." in b.evidence


# --------------------------------------------------------------------------- seeds, full chain

@pytest.fixture(scope="module")
def seeds():
    c = corpus.load()
    assert c.problems == []
    return c.by_id()


def seed(seeds, prefix):
    [s] = [s for sid, s in seeds.items() if sid.startswith(prefix)]
    return s


def test_seed_000_header_flagged_and_statement_thursday(seeds):
    s = seed(seeds, "000_")
    p = s.pubdate
    assert (p.published, p.earliest, p.latest, p.precision) == (D(2025, 10, 31), D(2025, 10, 30), D(2025, 11, 5), "interval")
    assert any("page header date 2024-01-02" in f and "contradicts" in f for f in p.flags)
    assert "announced late Thursday" in p.evidence
    assert [m.date_start for m in s.dates if m.text == "late Thursday"] == [D(2025, 10, 30)]


def test_seed_001_next_week_and_hijri(seeds):
    s = seed(seeds, "001_")
    p = s.pubdate
    assert (p.earliest, p.latest, p.precision) == (D(2025, 10, 30), D(2025, 11, 2), "interval")
    hijri = [m for m in s.dates if m.method == "hijri"]
    assert [(m.text, m.date_start) for m in hijri] == [("Aqrab 15", D(2025, 11, 6))]


def test_seed_002_main_story_is_dated_by_the_thursday_meeting_other_sources_announce(seeds):
    s = seed(seeds, "002_")
    p = s.pubdate
    # its first story previews talks "on Thursday (today)"; the only talks in Istanbul
    # other sources schedule for a Thursday are those of 6 November
    assert (p.published, p.precision, p.method) == (D(2025, 11, 6), "day", "cross_source")
    assert "Thursday (today)" in p.evidence and "November 6" in p.evidence
    assert not any("contradicts itself" in f for f in p.flags)
    # the joined related post is read against its own date: its range is in the past
    held = [m for m in s.dates if m.text.startswith("October 25 to 30")]
    assert held and held[0].date_start == D(2025, 10, 25)


def test_seed_003_second_day_of_istanbul_talks_from_other_sources(seeds):
    s = seed(seeds, "003_")
    p = s.pubdate
    assert (p.published, p.precision, p.method) == (D(2025, 10, 26), "day", "cross_source")
    assert "today, Sunday" in p.evidence and "October 25 to 30" in p.evidence


def test_seed_004_interval_after_the_istanbul_talks(seeds):
    p = seed(seeds, "004_").pubdate
    assert (p.published, p.earliest, p.latest, p.precision) == (D(2025, 10, 30), D(2025, 10, 30), D(2025, 11, 5), "interval")


def test_seed_evidence_is_verbatim(seeds):
    for sid, s in seeds.items():
        for part in evidence_parts(s.pubdate):
            other, _, sentence = part.partition(": ")
            if other in seeds and sentence:
                assert sentence in seeds[other].clean_text, (sid, part)
            else:
                assert part in s.clean_text, (sid, part)


def test_seed_mentions_resolved(seeds):
    for s in seeds.values():
        assert s.dates, s.source_id
        assert [m.text for m in s.dates if m.precision == "unresolved"] == []


# --------------------------------------------------------------------------- properties

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = st.sampled_from([
    "The talks were held from October 25 to 30, 2025. ", "They will meet on November 6. ",
    "It was announced late Thursday. ", "The round opens on Thursday (today). ", "next week ",
    "Tuesday, 02 January 2024 12:17 GMT\n\n", "November 6 (Aqrab 15) ", "yesterday ",
    "ISLAMABAD, Oct 30 (Reuters) - ", "in 2021 ", "today, Sunday ", "\n\n", "The second day of talks ",
    "December 30 to January 2 ", "were held on May 3. ", "15 Aban 1404 ", "from 3 to 8 Aqrab ",
    "KABUL, Nov 2 (AFP) — ", "Published in Dawn, November 8th, 2025", "ISLAMABAD, November 7, 2025: "])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=14).map("".join),
       st.one_of(st.none(), st.dates(D(2000, 1, 1), D(2040, 12, 31))))
def test_infer_is_consistent_on_any_text(text, html_date):
    p = infer(text, html_date=html_date)
    assert p.precision in {"day", "interval", "unknown"}
    assert p.method in {"html_meta", "dateline", "page_header", "inferred", "cross_source", "none"}
    if p.earliest and p.published:
        assert p.earliest <= p.published
    if p.latest and p.published:
        assert p.published <= p.latest
    if p.precision == "day":
        assert p.published == p.earliest == p.latest
    if p.precision == "unknown":
        assert p.published is None and p.earliest is None
    for part in evidence_parts(p):
        assert part in text or part.startswith(pubdate_claims.CLAIM_LABELS)


# --------------------------------------------------------------------------- future in the past

@pytest.mark.parametrize("clause", [
    "the remaining issues would be further discussed at a meeting in Geneva on March 14, 2024",
    "the guarantees would be worked out and discussed at a meeting on March 14, 2024",
    "the remaining issues were to be settled at a meeting on March 14, 2024",
    "a follow-up session was due to open in Geneva on March 14, 2024",
    "the follow-up round, which was to open on March 14, 2024, had not been confirmed",
    "a technical meeting was expected on March 14, 2024",
])
def test_a_future_seen_from_the_past_is_no_report_that_the_day_came(clause):
    p = infer(f"The envoys ended their talks on March 8, 2024. Officials said {clause}.")
    assert p.earliest == D(2024, 3, 8)
    assert p.latest is None or p.latest < D(2024, 3, 14), p


@pytest.mark.parametrize("sentence, tense", [
    ("The round was due to open in Geneva on March 14, 2024.", ""),        # either side of P
    ("The guarantees were to be settled at a meeting on March 14, 2024.", ""),
    ("The round is due to open in Geneva on March 14, 2024.", "future"),
    ("The round opened in Geneva on March 14, 2024.", "past"),
])
def test_the_tense_of_a_future_seen_from_the_past(sentence, tense):
    from evidence.read import dates
    [f] = [f for f in dates.scan_cached(sentence) if f.kind == "date"]
    assert f.tense == tense


def test_a_participle_after_be_across_adverbs_is_not_a_past_report():
    from evidence.read import dates
    text = "A spokesman said the plan would be formally signed on May 2, 2024."
    [f] = [f for f in dates.scan_cached(text) if f.kind == "date"]
    assert f.tense == "future"
    text = "The rebels were attacked and routed on May 2, 2024."
    [f] = [f for f in dates.scan_cached(text) if f.kind == "date"]
    assert f.tense == "past"


@pytest.mark.parametrize("clause", [
    "the round, which ended on March 8, 2024, left the design of the mechanism to a meeting on March 14, 2024",
    "the envoys deferred the question to a further session in Geneva on March 14, 2024",
])
def test_an_occasion_something_is_left_to_is_no_report_that_it_came(clause):
    p = infer(f"The envoys ended their talks on March 8, 2024. Officials said {clause}.")
    assert p.earliest == D(2024, 3, 8), p
    assert p.latest is None or p.latest < D(2024, 3, 14), p


def test_a_background_month_and_year_does_not_keep_the_collection_year_from_month_days(tmp_path):
    write(tmp_path, "a.txt", "Talks\n\nGENEVA, March 8, 2024: The talks held from March 3 to 6, 2024 ended.\n")
    write(tmp_path, "b.txt", "Truce at risk\n\nThe raids on March 12 put at risk the truce agreed "
                             "in Geneva on March 6. The movement took power in August 2021.\n")
    b = load(tmp_path)["b"]
    got = {m.text: m.date_start for m in b.dates}
    assert (got["March 12"], got["March 6"], got["August 2021"]) == (D(2024, 3, 12), D(2024, 3, 6), D(2021, 8, 1))
    assert (b.pubdate.earliest, b.pubdate.method) == (D(2024, 3, 12), "cross_source")
