"""Weekdays tied to occasions other sources date, and the date phrases added for real
coverage (ranges with 'between', weekends, the next 48 hours, anaphoric days)."""
from __future__ import annotations

import datetime as dt

from test_pubdate import load, write   # the corpus-pass helpers, one copy

from evidence.model import PubDate
from evidence.read import date_scan, dates, pubdate_anchors

D = dt.date


def day_pub(day):
    return PubDate(day, day, day, "day", "", "inferred")


def test_a_weekday_names_the_day_other_sources_give_that_occasion(tmp_path):
    # two sources date a truce on Wednesday 13 March 2024; a third, undated, says the
    # truce was announced Wednesday and the border reopened on Thursday
    for name in ("a", "b"):
        write(tmp_path, f"{name}.txt", "Truce agreed\n\nGENEVA, March 13, 2024 (Agency) - A ceasefire "
                                       "was agreed on March 13, 2024, the ministry said.\n")
    write(tmp_path, "c.txt", "Calm returns\n\nThe truce announced Wednesday held overnight, and the "
                             "crossing reopened on Thursday, officials said.\n")
    c = load(tmp_path)["c"]
    # a past Wednesday lies at most six days before the story
    assert (c.pubdate.earliest, c.pubdate.latest) == (D(2024, 3, 13), D(2024, 3, 19))
    assert c.pubdate.method == "cross_source"
    assert "a: " in c.pubdate.evidence or "b: " in c.pubdate.evidence
    wednesday = next(m for m in c.dates if m.text == "Wednesday")
    assert (wednesday.date_start, wednesday.date_end) == (D(2024, 3, 13), D(2024, 3, 13))


def test_an_announced_weekday_matches_a_scheduled_meeting_not_a_past_one(tmp_path):
    write(tmp_path, "a.txt", "Talks end\n\nThe talks held in Geneva from March 4 to 7, 2024 ended, "
                             "and the delegations will meet again in Geneva on March 14, 2024.\n")
    write(tmp_path, "b.txt", "Envoys arrive\n\nThe next round of talks will be held in Geneva on "
                             "Thursday (today), officials said.\n")
    b = load(tmp_path)["b"]
    # March 7 (a Thursday) ended a past round; March 14 is the Thursday announced
    assert (b.pubdate.published, b.pubdate.precision) == (D(2024, 3, 14), "day")


def test_ties_that_disagree_are_settled_by_the_better_attested():
    options = [[(D(2024, 3, 13), D(2024, 3, 19), 3, "truce")],
               [(D(2024, 3, 7), D(2024, 3, 13), 1, "weak strike"),
                (D(2024, 3, 14), D(2024, 3, 20), 1, "strike")]]
    assert pubdate_anchors.choose(options) == ["truce", None]
    assert pubdate_anchors.choose([]) == []


def test_between_two_days_is_a_range_and_two_days_joined_by_and_are_two():
    [r] = date_scan.scan("The talks were held between March 4 and 7, 2024.")
    assert (r.kind, r.d, r.d2) == ("range", 4, 7)
    assert [f.d for f in date_scan.scan("They met on March 4 and 11, 2024.")] == [4, 11]
    assert [f.kind for f in date_scan.scan("The border has been shut since Mar. 12.")] == ["date"]


def test_weekends_next_hours_and_early_week():
    wed = D(2024, 3, 13)
    def one(text):
        [m] = dates.find_dates(text, day_pub(wed))
        return m.date_start, m.date_end
    assert one("Fighting flared over the weekend.") == (D(2024, 3, 9), D(2024, 3, 10))
    assert one("The truce will last for the next 48 hours.") == (wed, D(2024, 3, 15))
    assert one("They met early this week.") == (D(2024, 3, 11), D(2024, 3, 12))
    assert one("A blast hit the city earlier in the day.") == (wed, wed)


def test_anaphoric_days_count_from_the_date_named_before():
    text = "The envoys met on March 4, 2024. Drones struck the capital the previous day."
    found = dates.find_dates(text, day_pub(D(2024, 3, 13)))
    previous = next(m for m in found if m.text == "the previous day")
    assert (previous.date_start, previous.precision) == (D(2024, 3, 3), "day")
    alone = dates.find_dates("Drones struck the capital the previous day.", day_pub(D(2024, 3, 13)))
    assert alone[0].precision == "unresolved"


def test_a_source_bounded_only_from_above_does_not_break_the_corpus_pass(tmp_path):
    # dated mentions with a year, yet only an upper bound on its own date
    write(tmp_path, "a.txt", "Talks planned\n\nThe envoys will meet in Geneva on March 20, 2024.\n")
    write(tmp_path, "b.txt", "Talks held\n\nThe envoys met in Geneva on Thursday.\n")
    loaded = load(tmp_path)
    assert loaded["a"].pubdate.latest == D(2024, 3, 19) and loaded["a"].pubdate.earliest is None


def test_a_mention_naming_a_place_prefers_the_days_given_for_that_place():
    index = pubdate_anchors.AnchorIndex()
    talks = lambda day, place: pubdate_anchors.Anchor("talks", day, True, False, place, "s")  # noqa: E731
    # two Saturdays: talks in Geneva (one source), talks somewhere unnamed (three)
    index.add("a", [talks(D(2024, 3, 9), "Geneva")])
    for sid in "bcd":
        index.add(sid, [talks(D(2024, 3, 16), "")])
    [saturday] = date_scan.scan("They held talks in Geneva on Saturday.")
    near = "They held talks in Geneva on Saturday."
    placed = index.candidates(saturday, near, ["Geneva"], False, None, None, "x")
    assert [c[0] for c in placed] == [D(2024, 3, 9)]
    unplaced = index.candidates(saturday, "They held talks on Saturday.", [], False, None, None, "x")
    assert unplaced[0][:2] == (D(2024, 3, 16), 3)


def test_window_scores_agree_with_their_definition_on_many_mentions_and_options():
    import random
    rng = random.Random(7)
    for _ in range(300):
        options = []
        for m in range(rng.randint(1, 4)):
            opts = []
            for k in range(rng.randint(0, 12)):
                a = D(2024, 3, 1) + dt.timedelta(days=rng.randint(0, 40))
                opts.append((a, a + dt.timedelta(days=rng.choice((0, 6))), rng.randint(0, 4),
                             f"m{m}o{k}"))
            options.append(opts)
        windows = [(a, b, n) for opts in options for a, b, n, _c in opts]
        # a window's score: for each mention, its best support among options meeting it
        expected = [sum(max((n for lo, hi, n, _c in opts if lo <= b and a <= hi), default=0)
                        for opts in options) for a, b, _n in windows]
        assert pubdate_anchors._scores(windows, options) == expected
        assert len(pubdate_anchors.choose(options)) == len(options)


def test_a_lookup_reads_only_the_days_the_story_can_call_by_their_weekday():
    index = pubdate_anchors.AnchorIndex()
    mondays = [D(2024, 3, 4) + dt.timedelta(weeks=w) for w in range(10)]
    index.add("a", [pubdate_anchors.Anchor("talks", d, False, False, "", "s") for d in mondays])
    def days(future, lo, hi):
        return [d for d, _groups in index._fitting("talks", 0, future, lo, hi)]
    assert days(False, None, None) == mondays
    # a past Monday: at most six days before the story, which is within [lo, hi]
    assert days(False, D(2024, 3, 20), D(2024, 3, 26)) == [D(2024, 3, 18), D(2024, 3, 25)]
    assert days(False, D(2024, 3, 20), None) == mondays[2:]
    # an announced Monday: at most six days after it
    assert days(True, D(2024, 3, 20), D(2024, 3, 26)) == [D(2024, 3, 25), D(2024, 4, 1)]
    assert days(True, None, D(2024, 3, 10)) == mondays[:2]
    # a day added later is found too
    index.add("b", [pubdate_anchors.Anchor("talks", D(2024, 2, 26), False, False, "", "s")])
    assert days(False, None, D(2024, 3, 5)) == [D(2024, 2, 26), D(2024, 3, 4)]


def test_kinds_of_occasion_are_found_in_any_case_and_only_where_named():
    assert pubdate_anchors.kinds_in("The CEASE-FIRE held after the Talks") == ["truce", "talks"]
    # characters a case-ignoring pattern reads as ASCII letters: long s, dotless i, Kelvin sign
    assert pubdate_anchors.kinds_in("a ſtatement on the negotıatıons") == ["talks", "statement"]
    assert pubdate_anchors.kinds_in("Officials met the press again.") == []
    assert pubdate_anchors.kinds_in("the truces and talkshows") == []     # whole words only


def _candidates_by_definition(index, f, near, places, future, lo, hi, excluded, announced, number,
                              within=False):
    """``AnchorIndex._candidates`` as first written: every group of every fitting day,
    one by one (the index now sums each day's groups once per lookup rule)."""
    support, evidence, ends = ({}, {}), ({}, {}), ({}, {})
    kinds, day_of, starting = index._read_near(near)
    for kind in kinds:
        for day, groups in index._fitting(kind, f.weekday, future, lo, hi):
            for (scheduled, inside, place, ahead, last, nth, end), (sids, examples) in groups.items():
                if (future and not scheduled) or (inside and not (within or day_of)) \
                        or (starting and last) or (number and nth != number) \
                        or (places and place and place not in places) \
                        or (announced is not None and ahead != announced):
                    continue
                example = examples[0] if examples[0][0] != excluded else next(iter(examples[1:]), None)
                if example:
                    tier = 0 if place and places else 1
                    support[tier].setdefault(day, set()).update(sids)
                    evidence[tier].setdefault(day, f"{example[0]}: {example[1]}")
                    if end and (day not in ends[tier] or end > ends[tier][day]):
                        ends[tier][day] = end
    tier = 0 if evidence[0] else 1
    return sorted(((day, len(sids - {excluded}), evidence[tier][day], ends[tier].get(day))
                   for day, sids in support[tier].items()), key=lambda c: (-c[1], c[0]))


def test_lookups_agree_with_reading_every_group_including_the_askers_own():
    import random
    rng = random.Random(11)
    mondays = [D(2024, 3, 4) + dt.timedelta(weeks=w) for w in range(6)]
    [monday] = date_scan.scan("The envoys met on Monday.")
    nears = ["The envoys held talks on Monday.", "On the third day of talks on Monday.",
             "Talks, which began on Monday, went on."]
    for trial in range(60):
        index = pubdate_anchors.AnchorIndex()
        for sid in "abcdef":
            index.add(sid, [pubdate_anchors.Anchor(
                "talks", rng.choice(mondays), rng.random() < 0.5, rng.random() < 0.3,
                rng.choice(["", "Geneva", "Oslo"]), f"{sid} said so", rng.random() < 0.3,
                rng.random() < 0.3, rng.choice([0, 0, 3]), rng.choice([None, mondays[-1]]))
                for _ in range(rng.randint(1, 4))])
        for _ in range(10):
            args = (monday, rng.choice(nears), rng.choice([[], ["Geneva"], ["Oslo", "Geneva"]]),
                    rng.random() < 0.5, rng.choice([None, mondays[1]]), rng.choice([None, mondays[4]]),
                    rng.choice("abcx"), rng.choice([None, True, False]), rng.choice([0, 3]),
                    rng.random() < 0.3)
            assert index._candidates(*args) == _candidates_by_definition(index, *args), (trial, args)


def test_a_lookup_makes_the_rows_of_only_the_days_it_reads():
    index = pubdate_anchors.AnchorIndex()
    mondays = [D(2024, 3, 4) + dt.timedelta(weeks=w) for w in range(10)]
    index.add("a", [pubdate_anchors.Anchor("talks", d, False, False, "", "s") for d in mondays])
    [monday] = date_scan.scan("The envoys met on Monday.")
    rule = (False, False, False, 0, (), None)
    found = index._candidates(monday, "The envoys held talks on Monday.", [], False,
                              D(2024, 3, 20), D(2024, 3, 26), "x", None, 0)
    assert [c[0] for c in found] == [D(2024, 3, 18), D(2024, 3, 25)]
    ordered, rows = index._tables[("talks", 0, rule)]
    assert [day for day, row in zip(ordered, rows) if row is not None] == [D(2024, 3, 18),
                                                                          D(2024, 3, 25)]
