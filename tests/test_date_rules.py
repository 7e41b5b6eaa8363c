"""Rules that read dates in real coverage: clock times inside sentences, "agreed to" +
noun, which words a weekday is tied to, the lead's weekday after the dated background,
relative phrases set beside a date, and starts of ranges. Each with short invented
sentences."""
from __future__ import annotations

import datetime as dt

from test_pubdate import infer, load, write   # the pubdate helpers, one copy

from evidence.model import PubDate
from evidence.read import date_scan, dates, pubdate_anchors
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


def test_an_abbreviation_or_an_initial_ends_no_sentence_at_a_paragraph_start_or_further_in():
    for text in ("Mr. Khan left. Talks went on.", "Then Mr. Khan left. Talks went on.",
                 "J. Khan met the U.S. envoy. Talks went on.", "On Sept. 3 they met. Talks went on."):
        assert split(text) == [text[:text.index(" Talks")], "Talks went on."]
        assert split("Envoys met.\n\n" + text)[1:] == split(text)
    # with other marks than full stops too, and with full stops alone
    assert split("Mr. Khan left! Then? Talks went on… Envoys met. Done.") == [
        "Mr. Khan left!", "Then?", "Talks went on…", "Envoys met.", "Done."]
    assert split("Mr. Khan left. Then Dr. Ali came. Done.") == [
        "Mr. Khan left.", "Then Dr. Ali came.", "Done."]
    # only what lies inside the range read counts: "pt." closes no abbreviation
    assert [t[a:b] for t in ["Sept. Talks went on."] for a, b in sentences(t, 2)] == [
        "pt.", "Talks went on."]


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


def resolved(text, pub_day):
    return {m.text: (m.date_start, m.date_end, m.method) for m in
            dates.find_dates(text, PubDate(pub_day, pub_day, pub_day, "day", "", "inferred"))}


def test_a_clock_time_names_the_day_beside_it_or_last_named_else_the_storys():
    wed = D(2024, 5, 8)
    got = resolved("Talks began on May 2, 2024. The truce took hold at 1:00 p.m. GMT.", wed)
    assert got["1:00 p.m. GMT"] == (D(2024, 5, 2), D(2024, 5, 2), "time")
    got = resolved("The pause starts at 6:00 p.m. local time on Monday, officials said.", wed)
    assert got["6:00 p.m. local time"][:2] == (D(2024, 5, 6), D(2024, 5, 6))
    got = resolved("Shelling stopped after 5 p.m., residents said.", wed)
    assert got["5 p.m."][:2] == (wed, wed)
    # not times: a score, a decimal, a bare hour
    assert resolved("The vote was 3-1 with 1.5 million at 10 in all.", wed) == {}


def test_earlier_in_the_day_is_the_day_last_named_and_last_night_spans_two_days():
    wed = D(2024, 5, 8)
    got = resolved("Fighting erupted on Monday. Earlier in the day, envoys met.", wed)
    assert got["Earlier in the day"][:2] == (D(2024, 5, 6), D(2024, 5, 6))
    assert resolved("Envoys met later in the day.", wed)["later in the day"][:2] == (wed, wed)
    assert resolved("A drone struck last night.", wed)["last night"][:2] == (D(2024, 5, 7), wed)


def undated_beside_two_dated(tmp_path, dated: tuple[str, str], undated: str):
    """Load two dated stories and an undated one (its parsed source)."""
    for name, text in zip("ab", dated):
        write(tmp_path, f"{name}.txt", text)
    write(tmp_path, "c.txt", undated)
    return load(tmp_path)["c"]


def day_of(source, text):
    m = next(m for m in source.dates if m.text == text)
    return m.date_start if m.date_start == m.date_end else None


def test_the_lead_weekday_follows_the_weekdays_other_sources_date(tmp_path):
    c = undated_beside_two_dated(
        tmp_path, ("Truce\n\nA truce was agreed on May 8, 2024, the ministry said.\n",
                   "Calm\n\nThe truce of May 8, 2024 held through the night.\n"),
        "Blame\n\nRebels on Thursday blamed the army for shelling.\n\n"
        "The truce announced Wednesday was welcomed by neighbours.\n")
    # Wednesday is the 8th (others date the truce); the lead's Thursday is the 9th
    assert c.pubdate.earliest == D(2024, 5, 9)
    assert day_of(c, "Thursday") == D(2024, 5, 9)


def test_a_numbered_round_is_matched_with_the_round_numbered_alike_and_a_while_clause_left_out():
    index = pubdate_anchors.AnchorIndex()
    talks = lambda day, n: pubdate_anchors.Anchor("talks", day, False, False, "", "s",  # noqa: E731
                                                  ordinal=n)
    index.add("a", [talks(D(2024, 5, 9), 2)])
    index.add("b", [talks(D(2024, 5, 9), 2)])
    index.add("c", [talks(D(2024, 5, 16), 3)])
    text = "The third round of talks went ahead on Thursday."
    [thursday] = date_scan.scan(text)
    got = index.candidates(thursday, pubdate_anchors.near(text, thursday, [thursday]), [], False,
                           None, None, "x")
    assert [c[0] for c in got] == [D(2024, 5, 16)]
    unnumbered = index.candidates(thursday, "The talks went ahead on Thursday.", [], False,
                                  None, None, "x")
    assert unnumbered[0][:2] == (D(2024, 5, 9), 2)
    assert pubdate_anchors.ordinal_in("the second round of talks") == 2
    near = near_of("Troops traded shots on Friday, even as talks went on.", "Friday")
    assert "talks" not in near


def test_a_day_within_a_reported_round_is_the_last_resort_for_a_reported_weekday():
    index = pubdate_anchors.AnchorIndex()
    # talks held Saturday 4 to Thursday 9 May 2024: Monday the 6th lies within
    index.add("a", [pubdate_anchors.Anchor("talks", D(2024, 5, 6), False, True, "", "s")])
    text = "Officials said talks on Monday lasted ten hours."
    [monday] = date_scan.scan(text)
    near = pubdate_anchors.near(text, monday, [monday])
    assert [c[0] for c in index.candidates(monday, near, [], False, None, None, "x")] == [D(2024, 5, 6)]
    # never for a weekday announced ahead
    [ahead] = date_scan.scan("Talks will resume on Monday.")
    assert index.candidates(ahead, "Talks will resume on Monday.", [], True, None, None, "x") == []


def test_a_span_from_a_weekday_starts_before_the_storys_day_and_a_bare_weekend_is_past():
    sat = D(2024, 5, 11)
    got = resolved("Violence had surged from Saturday, officials said.", sat)
    assert got["from Saturday"][:2] == (D(2024, 5, 4), D(2024, 5, 4))
    assert resolved("The road is shut since Saturday.", sat)["Saturday"][:2] == (D(2024, 5, 4),) * 2
    wed = D(2024, 5, 8)
    assert resolved("It followed weekend violence in the hills.", wed)["weekend"][:2] == \
        (D(2024, 5, 4), D(2024, 5, 5))
    assert resolved("Envoys will meet this weekend.", wed)["this weekend"][:2] == \
        (D(2024, 5, 11), D(2024, 5, 12))


def test_a_statement_after_a_dated_lead_is_not_before_the_leads_day(tmp_path):
    c = undated_beside_two_dated(
        tmp_path, ("Clashes\n\nHeavy clashes broke out on May 11, 2024 along the border.\n",
                   "Border\n\nThe clashes on May 11, 2024 left many dead.\n"),
        "Fighting\n\nClashes broke out late Saturday along the border.\n\n"
        "The army stated on Sunday that calm had returned.\n")
    # Saturday is the 11th (others date the clashes): the statement's Sunday is the 12th
    assert day_of(c, "Sunday") == D(2024, 5, 12)
    assert c.pubdate.earliest == D(2024, 5, 12)


def test_that_night_spans_two_days_into_the_day_a_small_hours_time_names():
    wed = D(2024, 5, 8)
    got = resolved("A drone hit at 1:30 a.m. on Tuesday. More strikes came that same night.", wed)
    assert got["that same night"][:2] == (D(2024, 5, 6), D(2024, 5, 7))
    got = resolved("Envoys met on Monday. Shelling resumed that night.", wed)
    assert got["that night"][:2] == (D(2024, 5, 6), D(2024, 5, 7))
    got = resolved("Talks ended at 10 a.m. on Tuesday. Shelling resumed that night.", wed)
    assert got["that night"][:2] == (D(2024, 5, 7), D(2024, 5, 8))
    assert resolved("Shelling resumed that night.", wed)["that night"][0] is None


def test_a_quoted_today_is_the_speakers_day_the_day_last_named():
    from evidence.text import quotations
    text = ('Troops traded fire on Monday. The ministry condemned "today\'s attack" '
            "at the border. Talks resume today.")
    got = {m.text: m.date_start for m in
           dates.resolve(date_scan.scan(text), PubDate(D(2024, 5, 8), D(2024, 5, 8), D(2024, 5, 8),
                                                       "day", "", "inferred"),
                         quoted=quotations(text))}
    assert got["today's"] == D(2024, 5, 6)       # quoted: the day last named
    assert got["today"] == D(2024, 5, 8)         # the story's own day
    assert quotations("He said “we agree” and “no”.") == [(8, 18), (23, 27)]
    # a mark inside a quotation opens none; a quotation ends within its line
    assert quotations('A "b “c” d" e “f\ng” h "i') == [(2, 11)]


def test_a_date_beside_a_weekday_it_is_not_anchors_nothing():
    text = "Envoys met for talks in Oslo late Monday (May 8, 2024), officials said."
    found = date_scan.scan(text)
    mentions = dates.resolve(found, None)
    assert pubdate_anchors.anchors(text, found, mentions, lambda s: [], exact=False) == []
    text = "Envoys met for talks in Oslo late Wednesday (May 8, 2024), officials said."
    found = date_scan.scan(text)
    got = pubdate_anchors.anchors(text, found, dates.resolve(found, None), lambda s: [], exact=False)
    assert [a.day for a in got] == [D(2024, 5, 8)]


def test_a_story_calling_the_round_ongoing_is_bounded_by_the_rounds_last_day(tmp_path):
    rounds = ("Round\n\nThe talks were held in Oslo from May 4 to 9, 2024, officials said.\n",
              "Oslo\n\nEnvoys met in Oslo from May 4 to 9, 2024 for talks.\n")
    body = ("Envoys meet in Oslo on Monday for a third day of talks, officials said.\n\n"
            "On Saturday, the army said it was ready.\n\n")
    ongoing = undated_beside_two_dated(tmp_path, rounds, "Day three\n\n" + body +
                                       "The ongoing round of talks is mediated by Norway.\n")
    # Monday is the 6th, a day of the round; still going on, so written by the 9th
    assert (ongoing.pubdate.earliest, ongoing.pubdate.latest) == (D(2024, 5, 6), D(2024, 5, 9))
    assert day_of(ongoing, "Saturday") == D(2024, 5, 4)
    (tmp_path / "c.txt").unlink()
    plain = undated_beside_two_dated(tmp_path, rounds, "Day three\n\n" + body)
    assert plain.pubdate.latest == D(2024, 5, 12)
