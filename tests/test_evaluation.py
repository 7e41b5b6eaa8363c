"""The evaluation command scores what the chain wrote against a gold file, and writes
nothing under the project's data/."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from evidence import evaluation, paths

GOLD = Path(__file__).parent / "fixtures" / "eval" / "gold.json"


def row(published="", precision="", earliest="", latest="", method="inferred"):
    return {"published": published, "published_precision": precision,
            "published_earliest": earliest, "published_latest": latest,
            "published_method": method}


def test_grades_exact_interval_wrong_and_empty():
    item = {"published": "2025-11-06"}
    assert evaluation.grade_published(item, row("2025-11-06", "day"))[0] == "exact"
    assert evaluation.grade_published(item, row("2025-11-05", "day"))[0] == "wrong"
    # an interval is honest when it holds the date, wrong when it does not
    assert evaluation.grade_published(
        item, row("2025-11-06", "interval", "2025-11-06", "2025-11-09"))[0] == "interval"
    assert evaluation.grade_published(item, row("", "interval", "2025-11-01", ""))[0] == "interval"
    assert evaluation.grade_published(
        item, row("2025-11-08", "interval", "2025-11-07", "2025-11-09"))[0] == "wrong"
    assert evaluation.grade_published(item, row())[0] == "empty"
    assert evaluation.grade_published(item, None)[0] == "empty"


def test_a_mention_counts_when_it_overlaps_the_phrase_and_gives_the_gold_dates():
    text = "The talks began on Thursday and ended on Friday."
    mention = {"text": "Thursday", "start_char": "19", "end_char": "27",
               "date_start": "2025-11-06", "date_end": "2025-11-06", "method": "weekday"}
    found = {"phrase": "began on Thursday", "dates": ["2025-11-06"]}
    assert evaluation.mention_found(found, [mention], text) == (True, "")
    wrong_day = {"phrase": "began on Thursday", "dates": ["2025-11-13"]}
    ok, why = evaluation.mention_found(wrong_day, [mention], text)
    assert not ok and "read as 'Thursday' = 2025-11-06" in why
    ok, why = evaluation.mention_found({"phrase": "on Friday", "dates": ["2025-11-07"]},
                                       [mention], text)
    assert (ok, why) == (False, "no mention there")
    ok, why = evaluation.mention_found({"phrase": "on Monday", "dates": ["2025-11-03"]},
                                       [mention], text)
    assert (ok, why) == (False, "phrase not in the clean text")


def test_linked_events_are_one_occasion():
    events = [{"event_id": "a", "related_events": "b"}, {"event_id": "b", "related_events": "a"},
              {"event_id": "c", "related_events": ""}]
    assert sorted(map(sorted, evaluation.occasions(events))) == [["a", "b"], ["c"]]


def test_events_for_a_phrase_need_the_phrase_in_their_evidence_and_close_dates():
    text = "Delegations met in Istanbul on Thursday. Clashes erupted at the border."
    talks = {"event_id": "talks", "date_start": "2025-11-06", "date_end": "2025-11-07",
             "evidence": "s1@0-40", "source_ids": "s1", "related_events": ""}
    later = dict(talks, event_id="later", date_start="2025-12-20", date_end="2025-12-20")
    other = dict(talks, event_id="clash", evidence="s1@41-71")
    gold = {"phrase": "on Thursday", "dates": ["2025-11-06"]}
    found = evaluation.events_for_phrase("s1", gold, text, [talks, later, other])
    assert [e["event_id"] for e in found] == ["talks"]


def test_evaluate_command_runs_the_chain_and_leaves_data_alone():
    before = sorted((p.name, p.stat().st_mtime_ns) for p in paths.PROCESSED.rglob("*"))
    result = subprocess.run([sys.executable, "-m", "evidence", "evaluate", "--gold", str(GOLD),
                             "--gold-only"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    summary = out.split("## Summary")[1]
    assert "date references:" in summary and "/4 found" in summary
    assert "'on the first of October' = 2025-10-01: phrase not in the clean text" in out
    # the dawn-style dateline carries its full date: exact
    assert "dawn_style" not in out.split("## Gold date references")[0]
    assert "- istanbul_round3: 1 occasion(s) from 1 event(s); main carries 1/1 sources ✓" in out
    assert sorted((p.name, p.stat().st_mtime_ns) for p in paths.PROCESSED.rglob("*")) == before
