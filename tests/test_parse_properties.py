"""Property tests: the parsing steps never crash, and offsets always index the text."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.read import clean, entities, ingest, quotes
from evidence.model import RawDocument, SourceProblem

# Text that looks like captured pages: words, names, quote marks, furniture, line breaks.
PIECES = st.sampled_from([
    "Pakistan", "Afghan Taliban", "TTP", "Fitna-al-Khawarij", "KhawFitrija", "Islamabad",
    "Kabul's", "“", "”", "‘", "’", '"', "'", " said", " according to him", ",", ".", ":",
    "\n", "\n\n", "ISLAMABAD: ", "Share", "Facebook Twitter", "Leave a Reply", "Comments",
    "Related Posts", "(MENAFN- Some Outlet) ", "Tuesday, 02 January 2024 12:17 GMT",
    "the talks", " ", "\t", "Mr.", "Disclaimer:", "Address 1 Road", "By Jane Doe"])
PAGES = st.one_of(st.text(max_size=400), st.lists(PIECES, max_size=60).map("".join))
SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def raw(text: str) -> RawDocument:
    return RawDocument(source_id="p", path="p.txt", fmt="txt", text=text, sha256="")


@SETTINGS
@given(PAGES)
def test_clean_never_crashes_and_stories_index_the_text(text):
    try:
        doc = clean.clean(raw(text))
    except SourceProblem:
        return
    assert doc.text.endswith("\n") and doc.text.strip()
    assert doc.stories and doc.stories[0].start == 0
    for story in doc.stories:
        assert 0 <= story.start < story.end <= len(doc.text)
        assert doc.text[story.start:].startswith(story.headline) or story.start == 0
    lines = text.split("\n")
    for removed in doc.removed:
        assert removed.text and removed.text in lines[removed.line_no - 1]


@SETTINGS
@given(PAGES)
def test_entity_offsets_index_the_text(text):
    found = entities.find(text)
    for e in found:
        assert text[e.start:e.end] == e.surface and e.surface
        assert e.resolved == bool(e.entity_id)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


@SETTINGS
@given(PAGES)
def test_quote_offsets_index_the_text(text):
    for q in quotes.find(text, entities.find(text)):
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start:q.end] == q.quote


@SETTINGS
@given(st.binary(max_size=300), st.sampled_from([".txt", ".html"]))
def test_ingest_returns_or_refuses(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_bytes(data)
        try:
            doc = ingest.read(path, "x")
        except SourceProblem as exc:
            assert str(exc) and "\n" not in str(exc)
            return
        assert doc.text.strip() and "\r" not in doc.text
