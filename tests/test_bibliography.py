"""One author-year BibTeX entry per source, generated from registry and text."""
from __future__ import annotations

import datetime as dt

from pybtex.database import parse_string

from evidence.publish import bibliography

from evidence.read import corpus

from evidence import paths
from evidence.model import (CleanDocument, Metadata, ParsedSource, PubDate, RawDocument,
                            RegistryEntry)


def parsed(source_id="x1", outlet="", headline="A headline", pub=None, url="", in_reg=True):
    pub = pub or PubDate(None, None, None, "unknown", "", "none")
    return ParsedSource(source_id, RegistryEntry(source_id, outlet=outlet, url=url,
                                                 in_registry=in_reg),
                        RawDocument(source_id, "p", "txt", "t", "ab" * 32),
                        CleanDocument("t\n"), Metadata(headline=headline, outlet=outlet),
                        pub, [], [], [])


def test_every_source_has_an_entry_in_the_committed_bibliography():
    bib = parse_string((paths.PROCESSED / "references.bib").read_text(), "bibtex")
    assert set(bib.entries) == {p.stem for p in paths.source_files()}
    for key, entry in bib.entries.items():
        assert entry.persons.get("author"), key
        assert entry.fields["year"], key


def test_committed_bibliography_matches_registry_and_text():
    loaded = corpus.load()
    assert (paths.PROCESSED / "references.bib").read_text() == bibliography.bibtex(loaded.sources)


def test_gaps_are_stated_not_filled():
    text = bibliography.entry(parsed(in_reg=False))
    bib = parse_string(text, "bibtex").entries["x1"]
    assert str(bib.persons["author"][0]) == "{Unidentified outlet}"
    assert bib.fields["year"] == "n.d."
    note = bib.fields["note"]
    assert "outlet not identified" in note and "not in the source registry" in note
    assert "URL unknown" in note and "url" not in bib.fields


def test_year_and_interval_come_from_the_inferred_date():
    pub = PubDate(dt.date(2025, 10, 31), dt.date(2025, 10, 31), dt.date(2025, 11, 5),
                  "interval", "evidence", "inferred")
    bib = parse_string(bibliography.entry(parsed(outlet="Some Outlet", pub=pub,
                                                 url="https://example.org/a")),
                       "bibtex").entries["x1"]
    assert bib.fields["year"] == "2025"
    assert "between 2025-10-31 and 2025-11-05" in bib.fields["note"]
    assert bib.fields["url"] == "https://example.org/a"


def test_hostile_fields_cannot_break_the_entry():
    entry = bibliography.entry(parsed(headline="}, title={pwned} & 100% {\\evil}",
                                      url="javascript:alert(1)"))
    bib = parse_string(entry, "bibtex").entries["x1"]
    title = bib.fields["title"]
    assert "pwned" in title and title.startswith("{") and title.endswith("}")
    assert "{" not in title[1:-1] and "}" not in title[1:-1]     # only the case-protecting pair
    assert "url" not in bib.fields
