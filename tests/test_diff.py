"""``python -m evidence diff REV`` (evidence.publish.diff): events matched across
revisions, and the Markdown report between a commit and the working tree of a small
git repository."""
from __future__ import annotations

import subprocess

import pytest

from evidence import paths
from evidence.cli import main
from evidence.publish import diff
from tests import story_data


def ev(event_id, kind, spans, sources="a", start="2025-05-01", end=None):
    return dict(event_id=event_id, kind=kind, label=kind.capitalize(), place="",
                date_start=start, date_end=end or start, source_ids=sources,
                evidence="; ".join(spans))


def ids(rows):
    return [r["event_id"] for r in rows]


def test_events_are_matched_by_kind_and_shared_evidence():
    old = [ev("t1", "truce", ["a@0-5"]), ev("t2", "truce", ["b@0-5"]),
           ev("r1", "round", ["a@9-20", "b@9-20"]), ev("g1", "clash", ["c@0-5"]),
           ev("s1", "strike", ["d@0-5"])]
    new = [ev("t", "truce", ["a@0-5", "b@0-5"]),                  # t1 + t2
           ev("r-a", "round", ["a@9-20"]), ev("r-b", "round", ["b@9-20"]),  # r1 split
           ev("s1-renamed", "strike", ["d@0-5", "e@1-4"], sources="d;e"),
           ev("x", "truce", ["a@9-20"]),      # shares a sentence with r1, not its kind
           ev("n1", "bombing", ["f@0-5"])]
    changes = diff.match_events(old, new)
    assert [(ids(o), n["event_id"]) for o, n in changes.merged] == [(["t1", "t2"], "t")]
    assert [(o["event_id"], ids(n)) for o, n in changes.split] == [("r1", ["r-a", "r-b"])]
    assert sorted(ids(changes.new)) == ["n1", "x"]
    assert ids(changes.gone) == ["g1"]
    assert [(o["event_id"], n["event_id"]) for o, n in changes.same] == [("s1", "s1-renamed")]


def test_a_shared_sentence_links_events_only_when_their_dates_meet():
    old = [ev("r-istanbul", "round", ["a@0-50"], start="2025-10-25", end="2025-10-30")]
    new = [ev("r-istanbul", "round", ["a@0-50"], start="2025-10-25", end="2025-10-30"),
           ev("r-doha", "round", ["a@0-50", "b@0-9"], start="2025-10-18", end="2025-10-19")]
    changes = diff.match_events(old, new)
    assert ids(changes.new) == ["r-doha"] and not changes.split


def test_an_event_folded_into_another_as_its_outcome_is_merged_not_gone():
    old = [ev("truce-1", "truce", ["a@0-5"], start="2025-10-18"),
           ev("talks-1", "talks_round", ["b@0-5"], start="2025-10-18", end="2025-10-19")]
    new = [dict(ev("talks-1", "talks_round", ["a@0-5", "b@0-5"], start="2025-10-18",
                   end="2025-10-19"), outcomes="Ceasefire agreed: a")]
    changes = diff.match_events(old, new)
    assert [(ids(o), n["event_id"]) for o, n in changes.merged] == [(["truce-1", "talks-1"],
                                                                      "talks-1")]
    assert not changes.gone


def test_the_same_id_matches_even_when_every_sentence_moved():
    changes = diff.match_events([ev("t1", "truce", ["a@0-5"])], [ev("t1", "truce", ["a@3-9"])])
    assert len(changes.same) == 1 and not changes.new and not changes.gone


def git(root, *args):
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
                   cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    processed = root / "data" / "processed"
    story_data.make(processed)
    story_data.write(processed / "discrepancies.csv", ["discrepancy_id", "subject", "values"],
                     [["d-old", "How long", "5 days (a); 6 days (b)"],
                      ["d-kept", "Who", "x (a)"]])
    (root / "book").mkdir()
    (root / "book" / "chapter.md").write_text(
        "# C\n\nOne source reports a penalty.\n\n```{guard} one source reports a penalty\n"
        "sources(claims provision=penalty status=reported) == 1\n```\n\n"
        "```{digest} truce in Hilltown\n```\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "before")
    for name, value in (("ROOT", root), ("PROCESSED", processed), ("BOOK", root / "book")):
        monkeypatch.setattr(paths, name, value)
    return root


def test_no_change_says_so(repo, capsys):
    assert main(["diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Data changes since `HEAD`")
    assert "No change in data/processed/." in out
    assert "### Sources" not in out and "### Events" not in out
    # the working tree's state of the story is shown all the same
    assert "Later developments lists 3 event(s)" in out


def test_a_change_is_summarised_section_by_section(repo):
    processed = repo / "data" / "processed"
    sources = [s for s in story_data.SOURCES if s[0] != "src-e"]            # removed
    sources[0] = ("src-a", "Alpha Daily", "northern", "2025-05-08", "2025-05-08",
                  "2025-05-08", "")                                          # date moved
    sources.append(("src-f", "Foxtrot", "southern", "2025-06-02", "2025-06-02",
                    "2025-06-02", ""))                                       # added
    events = [dict(e) for e in story_data.EVENTS]
    events[0]["date_end"] = "2025-05-04"                                     # dates moved
    events[3] = dict(events[3], source_ids="src-d;src-f")                    # gained a source
    events.append(dict(events[3], event_id="bombing-2025-06-01", kind="bombing",
                       date_start="2025-06-01", date_end="2025-06-01"))       # new
    claims = story_data.CLAIMS + [("src-f", "penalty", "reported")]
    story_data.make(processed, events=events, sources=sources, claims=claims)
    story_data.write(processed / "discrepancies.csv", ["discrepancy_id", "subject", "values"],
                     [["d-kept", "Who", "x (a); y (f)"], ["d-new", "Where", "p (a); q (f)"]])
    out = diff.report("HEAD")
    assert "7 → 5 sources" not in out and "5 → 5 sources" in out
    assert "**Added (1):**" in out and "| `src-f` | Foxtrot | 2025-06-02 |" in out
    assert "**Removed (1):**" in out and "`src-e`" in out
    assert ("- publication date of `src-a` (Alpha Daily): 2025-05-06 → 2025-05-08" in out)
    assert "(`truce-2025-05-03-hilltown`): 2025-05-03–2025-05-03 → 2025-05-03–2025-05-04" in out
    assert "**New (1):**" in out and "`bombing-2025-06-01`" in out
    assert "Border clashes, 2025-05-20 (`clashes-2025-05-20`, 2 sources): +1 source" in out
    assert "- Where: p (a); q (f)" in out and "- How long: 5 days (a); 6 days (b)" in out
    assert "- Who: x (a) → x (a); y (f)" in out
    assert "| penalty | 1 → 2 | 0 | 1 |" in out
    assert "### Chapters to revise" in out
    assert "`book/chapter.md:5` says “one source reports a penalty”" in out
    assert "now gives 2: src-a, src-f" in out
    assert "4 event(s) after the chapters' last" in out       # all after the truce


def test_a_status_flip_is_listed_per_source(repo):
    claims = [(s, p, "reported" if (s, p) == ("src-c", "mechanism") else st)
              for s, p, st in story_data.CLAIMS]
    story_data.make(repo / "data" / "processed", claims=claims)
    assert "- `src-c` mechanism: not_mentioned → reported" in diff.report("HEAD")


def test_an_unknown_revision_is_an_error(repo, capsys):
    assert main(["diff", "no-such-rev"]) == 2
    assert "not a git revision: 'no-such-rev'" in capsys.readouterr().err
