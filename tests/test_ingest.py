"""ingest.read: decoding, refusals with one clear line, HTML extraction without network."""
from __future__ import annotations

import datetime as dt
import hashlib
import socket
from pathlib import Path

import pytest

from evidence.read import ingest

from evidence import paths
from evidence.model import SourceProblem

FIX = Path(__file__).parent / "fixtures" / "parse"
SENTENCE = "The mediators said the “monitoring mechanism” would be set up soon"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Reading a file must never open a connection."""
    def refuse(*args, **kwargs):
        raise AssertionError("ingest tried to use the network")
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.parametrize("path", paths.source_files(), ids=lambda p: p.stem)
def test_seed_sources_decode_as_utf8_without_warnings(path):
    doc = ingest.read(path, path.stem)
    assert (doc.fmt, doc.encoding, doc.warnings) == ("txt", "utf-8", [])
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.text == path.read_text(encoding="utf-8")


def test_utf8_bom_is_stripped_silently():
    doc = ingest.read(FIX / "utf8_bom.txt", "bom")
    assert doc.text.startswith("Talks in Istanbul") and doc.warnings == []
    assert doc.encoding == "utf-8"


def test_legacy_cp1252_is_detected_and_warned_once():
    doc = ingest.read(FIX / "cp1252.txt", "legacy")
    assert doc.encoding == "cp1252"
    assert SENTENCE in doc.text and "très constructive" in doc.text and "délégation’s" in doc.text
    assert len(doc.warnings) == 1 and "cp1252" in doc.warnings[0]


def test_utf16_with_bom_decodes_and_warns():
    doc = ingest.read(FIX / "utf16_bom.txt", "wide")
    assert SENTENCE in doc.text and "\x00" not in doc.text
    assert doc.encoding == "utf-16" and len(doc.warnings) == 1 and "utf-16" in doc.warnings[0]


def test_crlf_line_ends_become_newlines():
    doc = ingest.read(FIX / "crlf.txt", "crlf")
    assert "\r" not in doc.text and doc.text.startswith("Headline of a crlf page\n\nThe first")


@pytest.mark.parametrize("name, words", [("empty.txt", "empty"), ("whitespace.txt", "whitespace"),
                                         ("image.txt", "binary"), ("no_text.html", "no extractable")])
def test_unusable_files_raise_one_clear_line(name, words):
    with pytest.raises(SourceProblem) as exc:
        ingest.read(FIX / name, "bad")
    message = str(exc.value)
    assert words in message and "\n" not in message and len(message) < 120


def test_mostly_control_characters_is_binary(tmp_path):
    path = tmp_path / "ctrl.txt"
    path.write_bytes(b"ok " + bytes(range(1, 9)) * 20)
    with pytest.raises(SourceProblem, match="binary"):
        ingest.read(path, "ctrl")


def test_html_main_text_and_metadata():
    doc = ingest.read(FIX / "article.html", "page")
    assert doc.fmt == "html"
    assert doc.html_title == "Border crossings reopen after truce"
    assert doc.html_site_name == "The Frontier Ledger"
    assert doc.html_author == "Amina Rahimi"
    assert doc.html_date == dt.date(2025, 11, 2)          # published, not modified (Nov 4)
    assert doc.html_url == "https://frontier-ledger.example/news/border-crossings-reopen"
    lines = doc.text.splitlines()
    assert lines[1].startswith("PESHAWAR: Traders returned") and len(lines) == 5
    for furniture in ("dataLayer", "font-family", "Politics", "must never appear",
                      "All rights reserved", "cookies"):
        assert furniture not in doc.text


def test_html_without_date_metadata_has_no_date():
    doc = ingest.read(FIX / "no_date.html", "undated")
    assert doc.html_date is None and doc.html_site_name == ""
    assert doc.text.count("\n") >= 2 and "Mediators from the two host countries" in doc.text


def test_reading_is_deterministic():
    first = ingest.read(FIX / "article.html", "page")
    assert ingest.read(FIX / "article.html", "page") == first


def test_every_visible_file_is_a_candidate_so_none_is_skipped_silently(tmp_path):
    for name in ("a.txt", "b.PDF", "c.docx", "README", ".hidden.txt"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in paths.source_files(tmp_path)] == ["README", "a.txt", "b.PDF", "c.docx"]


def test_records_how_the_text_was_read():
    doc = ingest.read(FIX / "utf16_bom.txt", "wide")
    assert (doc.file_format, doc.encoding_method, doc.encoding_confidence) == ("txt", "byte-order mark", 1.0)
    assert doc.language == "en" and doc.capture_bounds == ()


_PAGES = sorted(p for d in (FIX, FIX.parent / "unseen", FIX.parent.parent / "heldout" / "articles")
                for p in d.glob("*.html"))


@pytest.mark.parametrize("path", _PAGES, ids=lambda p: p.stem)
def test_page_fields_are_trafilaturas_own(path):
    """The title, site name and author read without trafilatura's unused metadata steps
    are the ones its full ``extract_metadata`` gives (checked on real saved pages, so a
    trafilatura upgrade that changes its steps shows here)."""
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html
    page = path.read_text(encoding="utf-8", errors="replace")
    full = extract_metadata(load_html(page))
    assert ingest._page_fields(load_html(page)) == (full.title, full.sitename, full.author)
