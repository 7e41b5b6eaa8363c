"""Digests, guards and the later-developments page in a tiny Sphinx book (the fixture
project of test_site_ext, plus hand-made events, sources and claims tables)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests import story_data
from tests.test_site_ext import REPO, make_project, page

EXTENSIONS = '"evidence.site.sphinx_ext", "evidence.site.digests", "evidence.site.guards"'
INDEX = """\
# Tiny

```{later-summary}
```

```{toctree}
:glob:
book/chapter
book/later
book/source-texts
book/sources/*
```
"""
LATER = "# Later\n\n```{later-developments}\n```\n"
OPENING = "Negotiators met again on Thursday to discuss the ceasefire."
PLEDGE = "\"We will continue the ceasefire,\" a spokesman said on November 6."


def span(root, sentence: str) -> str:
    text = (root / "data/processed/clean/alpha-report.txt").read_text(encoding="utf-8")
    start = text.index(sentence)
    return f"alpha-report@{start}-{start + len(sentence)}"


def event(event_id, kind, start, end, evidence, place="", related=""):
    return dict(story_data.EVENTS[0], event_id=event_id, kind=kind, label=kind.capitalize(),
                date_start=start, date_end=end, place=place, evidence=evidence,
                source_ids="alpha-report", related_events=related)


def project(tmp_path, chapter: str, policy: str = "notice", later_event: bool = True):
    root = make_project(tmp_path, chapter)
    conf = (root / "conf.py").read_text(encoding="utf-8")
    conf = conf.replace('"evidence.site.sphinx_ext"]', EXTENSIONS + "]")
    (root / "conf.py").write_text(conf + f"evidence_guards = {policy!r}\n", encoding="utf-8")
    (root / "index.md").write_text(INDEX, encoding="utf-8")
    (root / "book" / "later.md").write_text(LATER, encoding="utf-8")
    processed = root / "data" / "processed"
    events = [dict(event("talks-2025-10-30-istanbul", "talks", "2025-10-30", "2025-10-30",
                         span(root, OPENING), place="Istanbul"),
                   rounds="2: alpha-report; 3: alpha-report, hostile")]
    if later_event:
        events.append(event("pledge-2025-11-06", "pledge", "2025-11-06", "2025-11-06",
                            span(root, PLEDGE)))
    sources = [("alpha-report", "Alpha <b>News</b>", "international", "2025-10-30",
                "2025-10-30", "2025-10-31", ""),
               ("hostile", "", "other", "", "", "", "")]
    story_data.write(processed / "sources.csv",
                     ["source_id", "outlet", "origin_group", "published",
                      "published_earliest", "published_latest", "headline"],
                     [list(s[:6]) + ["<script>alert(1)</script>"] for s in sources])
    cols = list(dict.fromkeys(c for e in events for c in e))
    story_data.write(processed / "events.csv", cols, [[e.get(c, "") for c in cols] for e in events])
    story_data.write(processed / "claims.csv", ["claim_id", "source_id", "provision", "status"],
                     [["a:m", "alpha-report", "mechanism", "reported"]])
    return root


def build(root):
    env = dict(os.environ, EVIDENCE_ROOT=str(root), PYTHONHASHSEED="0")
    return subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html",
                           str(root), str(root / "_build")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=180)


CHAPTER = """\
# Chapter

Only one outlet reports the talks {quote}`alpha-report|agreed to establish a monitoring and`.

```{guard} only one source reports the mechanism
sources(claims provision=mechanism status=reported) == 1
```

```{digest} talks in Istanbul on 2025-10
```

The talks of {event}`talks in Istanbul on 2025-10|dates` ({event}`talks in Istanbul on 2025-10|n_sources` source).
"""


@pytest.fixture(scope="module")
def told(tmp_path_factory):
    root = project(tmp_path_factory.mktemp("told"), CHAPTER)
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root, result


def test_a_digest_lists_each_passage_linked_to_its_anchor(told):
    root, _ = told
    box = page(root, "book/chapter.html").select_one(".evidence-digest")
    assert "Talks, Istanbul, 30 October 2025 (1 source)" in box.get_text()
    links = box.select("a")
    assert [a.get_text() for a in links] == ["Alpha <b>News</b>", f"“{OPENING}”"]
    assert links[0]["href"] == "sources/alpha-report.html"
    path, frag = links[1]["href"].split("#")
    target = page(root, "book/sources/alpha-report.html").find(id=frag)
    assert target is not None and target.get_text() == OPENING
    assert "30–31 October 2025" in box.get_text()            # the publication interval
    assert "Numbered by the sources: round 2 (1 source) or round 3 (2 sources)." in box.get_text()


def test_the_source_page_links_back_to_the_digest(told):
    root, _ = told
    index = page(root, "book/sources/alpha-report.html").select_one("#evidence-index")
    assert any(a["href"].startswith("../chapter.html") for a in index.select("a"))


def test_an_event_role_inserts_a_value_of_the_named_event(told):
    root, _ = told
    values = [el.get_text() for el in page(root, "book/chapter.html").select("span.evidence-fact")]
    assert values == ["30 October 2025", "1"]


def test_a_guard_that_holds_shows_nothing(told):
    root, result = told
    assert not page(root, "book/chapter.html").select(".evidence-guard")
    assert "every guarded claim in the chapters holds" in result.stdout


def test_later_page_takes_the_event_after_the_story_and_the_home_page_points_to_it(told):
    root, _ = told
    later = page(root, "book/later.html")
    sections = [h.get_text(" ", strip=True) for h in later.select("section h3")]
    assert sections and sections[0].startswith("Pledge, 6 November 2025")
    assert "after 30 October 2025" in later.select_one("section h2").get_text()
    assert PLEDGE in later.get_text()
    # the source with no event is listed, its headline as text
    assert "<script>alert(1)</script>" in later.select_one("#unplaced-sources").get_text()
    assert not later.select("script:-soup-contains('alert')")
    summary = page(root, "index.html").select_one(".evidence-later-summary")
    assert "1 event after 30 October 2025" in summary.get_text()
    assert summary.select_one("a")["href"] == "book/later.html"


def test_a_guard_that_fails_shows_a_notice_and_the_build_names_the_chapter(tmp_path):
    chapter = CHAPTER.replace("== 1", "== 2")
    root = project(tmp_path, chapter)
    result = build(root)
    assert result.returncode == 0, result.stderr
    notice = page(root, "book/chapter.html").select_one(".evidence-guard")
    assert "only one source reports the mechanism" in notice.get_text()
    assert "the data now gives 1: alpha-report" in notice.get_text()
    assert "1 claim(s) in 1 chapter(s) no longer hold" in result.stdout
    assert "book/chapter.md:5: 'only one source reports the mechanism'" in result.stdout


def test_with_the_fail_policy_a_false_claim_fails_the_build(tmp_path):
    root = project(tmp_path, CHAPTER.replace("== 1", "== 2"), policy="fail")
    result = build(root)
    assert result.returncode != 0
    assert "the data no longer supports 'only one source reports the mechanism'" in result.stderr


@pytest.mark.parametrize("chapter, message", [
    ("```{guard} a claim\nrows(claims colour=red) == 0\n```\n", "no column 'colour'"),
    ("```{guard} a claim\n```\n", "needs at least one check"),
    ("```{digest} Talks!\n```\n", "not an event reference"),
    ("{event}`talks in Istanbul|colour`\n", "needs '<event reference>|<field>'"),
    ("{event}`Talks!|dates`\n", "not an event reference"),
])
def test_a_broken_guard_or_digest_fails_the_build(tmp_path, chapter, message):
    root = project(tmp_path, "# Chapter\n\nText.\n\n" + chapter)
    result = build(root)
    assert result.returncode != 0
    assert message in result.stderr


def test_an_optional_digest_without_its_event_renders_nothing(tmp_path):
    root = project(tmp_path, "# Chapter\n\nText.\n\n```{digest} talks in Kabul\n:optional:\n```\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert not page(root, "book/chapter.html").select(".evidence-digest")


def test_with_every_event_told_the_later_page_says_so_and_the_summary_is_silent(tmp_path):
    root = project(tmp_path, CHAPTER, later_event=False)
    (root / "data/processed/sources.csv").write_text(
        "source_id,outlet,published\nalpha-report,Alpha,2025-10-30\n", encoding="utf-8")
    (root / "book/sources/hostile.md").unlink()     # the one source, placed on its event
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "nothing is left for this page" in page(root, "book/later.html").get_text()
    assert not page(root, "index.html").select(".evidence-later-summary")


def test_an_event_the_data_no_longer_has_is_a_stale_claim(tmp_path):
    chapter = ("# Chapter\n\nThe talks of {event}`talks in Kabul|dates`.\n\n"
               "```{digest} talks in Kabul\n```\n")
    root = project(tmp_path, chapter)
    result = build(root)
    assert result.returncode == 0, result.stderr
    html = page(root, "book/chapter.html")
    assert "[no event talks in Kabul in the data]" in html.get_text()
    notice = html.select_one("div.evidence-guard")
    assert "the chapter narrates talks in Kabul" in notice.get_text()
    assert "2 claim(s) in 1 chapter(s) no longer hold" in result.stdout
    assert "book/chapter.md:3: 'the chapter gives the dates of talks in Kabul'" in result.stdout
    failing = build(project(tmp_path / "strict", chapter, policy="fail"))
    assert failing.returncode != 0 and "talks in Kabul" in failing.stderr


def test_an_outcome_folded_into_an_event_is_found_through_it(tmp_path):
    root = project(tmp_path, "# Chapter\n\n```{digest} truce in Istanbul on 2025-10-30\n```\n")
    events = (root / "data/processed/events.csv").read_text(encoding="utf-8").splitlines()
    header = events[0] + ",outcomes"
    rows = [line + (',"Ceasefire agreed: alpha-report"' if "talks-" in line else ",")
            for line in events[1:]]
    (root / "data/processed/events.csv").write_text("\n".join([header, *rows]) + "\n",
                                                    encoding="utf-8")
    (root / "data/knowledge").mkdir()
    shutil.copy(REPO / "data/knowledge/events.yml", root / "data/knowledge/events.yml")
    result = build(root)
    assert result.returncode == 0, result.stderr
    box = page(root, "book/chapter.html").select_one(".evidence-digest")
    assert "Talks, Istanbul, 30 October 2025" in box.get_text()


def test_a_copy_is_folded_under_its_original_and_its_text_stays_inert(tmp_path):
    root = project(tmp_path, "# Chapter\n\n```{digest} talks in Istanbul\n```\n")
    processed = root / "data/processed"
    hostile = (processed / "clean/hostile.txt").read_text(encoding="utf-8")
    line = hostile.splitlines()[0]
    events = (processed / "events.csv").read_text(encoding="utf-8")
    events = events.replace(f"{span(root, OPENING)},",
                            f"{span(root, OPENING)}; hostile@0-{len(line)},", 1)
    (processed / "events.csv").write_text(events, encoding="utf-8")
    story_data.write(processed / "sources.csv",
                     ["source_id", "outlet", "published", "copy_of"],
                     [["alpha-report", "Alpha", "2025-10-30", ""],
                      ["hostile", "Copycat", "2025-10-31", "alpha-report"]])
    result = build(root)
    assert result.returncode == 0, result.stderr
    box = page(root, "book/chapter.html").select_one(".evidence-digest")
    assert "(1 source and 1 copy)" in box.get_text()
    [copy] = box.select("ul.evidence-digest-copies > li")
    assert copy.get_text(" ", strip=True).startswith("Copycat (31 October 2025), same text:")
    assert f"“{line}”" in copy.get_text()
    assert not box.select("script, img")
