"""The guard language (evidence.publish.checks): every function, filter and comparison
on hand-made tables, and errors for anything it cannot evaluate."""
from __future__ import annotations

import pytest

from evidence.publish import checks
from tests import story_data


@pytest.fixture
def tables(tmp_path):
    return checks.Tables(story_data.make(tmp_path / "processed"))


def ok(tables, check: str) -> bool:
    return checks.evaluate(tables, check).ok


@pytest.mark.parametrize("check, holds", [
    ("rows(events) == 4", True),
    ("rows(events kind=truce) == 1", True),
    ("rows(events kind!=truce) == 3", True),
    ("rows(events place~harbour) == 2", True),
    ("rows(events date_start>=2025-05-05) == 3", True),
    ("rows(events date_start>2025-05-05) == 1", True),
    ("rows(events date_end<2025-05-09) == 2", True),
    ("rows(events place=) == 1", True),               # an empty value matches empty cells
    ("rows(events place!=) == 3", True),
    ("rows(events kind=truce) == 2", False),
    ("rows(events kind=truce) > 0", True),
    ("rows(events kind=truce) < 1", False),
])
def test_filters_and_numbers(tables, check, holds):
    assert ok(tables, check) is holds


@pytest.mark.parametrize("check, holds", [
    ("sources(claims provision=penalty status=reported) == 1", True),
    ("sources(claims provision=mechanism status=reported) == src-a, src-b", True),
    ("sources(events kind=truce) == src-b, src-c", True),      # source_ids is a list
    ("outlets(claims provision=mechanism status=reported) == \"Alpha Daily\", \"Beta Wire\"", True),
    ("outlets(claims provision=mechanism status=reported) == Alpha Daily, Beta Wire", False),
    ("outlets(claims provision=mechanism) >= \"Beta Wire\"", True),
    ("outlets(claims provision=mechanism status=not_mentioned) == \"Gamma Aggregator\"", True),
    ("origins(claims provision=mechanism status=reported) == northern, southern", True),
    ("origins(claims provision=penalty status=reported) == southern", False),
    ("origins(sources) == northern, southern", True),           # an unknown origin is left out
    ("sources(claims provision=penalty status=reported) <= "
     "sources(claims provision=mechanism status=reported)", True),
    ("sources(claims provision=mechanism status=reported) <= "
     "sources(claims provision=penalty status=reported)", False),
    ("sources(claims provision=mechanism status=reported) >= "
     "sources(claims provision=penalty status=reported)", True),
    ("dated(events kind=talks_round) == src-a", True),
    ("vague(events kind=talks_round) == src-b", True),
    ("dated(events kind=truce) == 2", True),
    ("sources(events kind=nothing) == 0", True),
])
def test_sets(tables, check, holds):
    assert ok(tables, check) is holds


def test_the_result_says_what_the_data_holds(tables):
    result = checks.evaluate(tables, "outlets(events kind=truce) == \"Beta Wire\"")
    assert not result.ok
    assert result.found == ("2: Beta Wire, Gamma Aggregator (beyond the other side: "
                            "1: Gamma Aggregator)")
    assert checks.evaluate(tables, "rows(events kind=none) == 0").found == "0"
    subset = checks.evaluate(tables, "sources(claims provision=mechanism status=reported) <= "
                                     "sources(claims provision=penalty status=reported)")
    assert subset.found == "2: src-a, src-b (beyond the other side: 1: src-b)"
    superset = checks.evaluate(tables, "outlets(events kind=truce) >= \"Beta Wire\", Zeta")
    assert superset.found.endswith("(missing: 1: Zeta)")


def test_long_lists_are_cut_short():
    names = {f"s{i:02}" for i in range(11)}
    assert checks.describe(names) == "11: s00, s01, s02, s03, s04, s05, s06, s07, … (3 more)"
    assert checks.describe(set()) == "none"


@pytest.mark.parametrize("check, message", [
    ("rows(nowhere) == 0", "no table 'nowhere'"),
    ("rows(events colour=red) == 0", "no column 'colour'"),
    ("count(events) == 0", "unknown function 'count'"),
    ("rows(events kind truce) == 0", "not a filter"),
    ("rows(events) is 0", "not a check"),
    ("rows() == 0", "names no table"),
    ("dated(claims) == 0", "needs the events table"),
    ("rows(events) == src-a", "cannot compare"),
    ("sources(events) < src-a", "sets compare with"),
    ("rows(../sources) == 0", "no table"),
])
def test_what_cannot_be_evaluated_is_an_error_not_a_pass(tables, check, message):
    with pytest.raises(checks.CheckError, match=message):
        checks.evaluate(tables, check)


def test_guards_are_read_from_a_chapter(tmp_path):
    chapter = tmp_path / "c.md"
    chapter.write_text("# C\n\nOnly one source says so.\n\n"
                       "```{guard} only one source says so\n"
                       "sources(claims provision=penalty status=reported) == 1\n\n"
                       "rows(events) > 0\n```\n\nMore.\n", encoding="utf-8")
    [guard] = checks.guards_in(chapter)
    assert (guard.line, guard.claim) == (5, "only one source says so")
    assert guard.checks == ["sources(claims provision=penalty status=reported) == 1",
                            "rows(events) > 0"]


def test_failing_lists_only_the_checks_that_no_longer_hold(tables, tmp_path):
    guard = checks.Guard(tmp_path / "c.md", 1, "claim",
                         ["rows(events) == 4", "rows(events kind=truce) == 3"])
    assert [r.check for r in checks.failing(tables, guard)] == ["rows(events kind=truce) == 3"]
