"""The report's own chapters against the committed data: every guarded claim holds,
every digest names an event that exists, and with the collection as committed the
chapters tell every event (Later developments is empty). Adding sources may change
the last two — the build then shows notices and fills Later developments — and the
committed data must be brought back to a state the chapters describe."""
from __future__ import annotations

import re

import pytest

from evidence import paths
from evidence.publish import checks
from evidence.publish.story import DIGEST_LINE, Story, chapter_refs, parse_ref

CHAPTERS = sorted(paths.BOOK.glob("*.md"))
GUARDS = [g for p in CHAPTERS for g in checks.guards_in(p)]


def test_the_story_chapters_carry_guards_and_digests():
    guarded = {g.path.stem for g in GUARDS}
    assert guarded >= {"index", "background", "doha", "istanbul", "agreement", "november6",
                       "outlets"}
    with_digests = {p.stem for p, refs in chapter_refs().items() if refs}
    assert with_digests >= {"background", "doha", "istanbul", "november6"}


@pytest.mark.parametrize("guard", GUARDS, ids=lambda g: f"{g.path.stem}:{g.line}")
def test_every_guarded_claim_holds_for_the_committed_data(guard):
    failed = checks.failing(checks.Tables(), guard)
    assert not failed, [(r.check, r.found) for r in failed]


def test_every_required_digest_names_an_event():
    story = Story.load()
    for path in CHAPTERS:
        text = path.read_text(encoding="utf-8")
        for m in DIGEST_LINE.finditer(text):
            optional = re.match(r"\s*:optional:", text[m.end():].lstrip("\n"))
            ref = parse_ref(m["ref"])
            assert optional or story.matching(ref), f"{path.name}: {ref.text}"


def test_with_the_committed_collection_every_event_is_told():
    story = Story.load()
    refs = [r for rs in chapter_refs().values() for r in rs]
    cutoff, after, before = story.later(refs)
    assert (after, before, story.unplaced()) == ([], [], [])
    assert cutoff is not None
