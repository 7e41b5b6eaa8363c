"""PDF and MHTML captures, unsupported files, and capture stamps as upper bounds only.

The PDF is made here with fpdf2 (a Unicode font from matplotlib's data, so curly quotes
and "Türkiye" are real text-layer characters); the MHTML fixture is a hand-written
"save as single file" page with a quoted-printable HTML part and an image part.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import matplotlib
import pytest

from evidence.publish import tables
from evidence.read import corpus, ingest, pdf
from evidence.model import SourceProblem

FIX = Path(__file__).parent / "fixtures" / "parse"
FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
LEAD = ("Delegations from Pakistan and Afghanistan met in Istanbul on 30 October 2025 for a "
        "third round hosted by Türkiye and Qatar, officials said, hoping to turn the truce "
        "into a lasting arrangement.")
SECOND = ("The mediators said the “monitoring mechanism” would be discussed in detail, and "
          "that both sides had sent written proposals before the meeting began.")


def make_pdf(path: Path, paragraphs: list[str], created: dt.datetime | None = None,
             title: str = "Truce talks resume") -> Path:
    from fpdf import FPDF
    doc = FPDF(format="A4")
    if created:
        doc.set_creation_date(created)
    doc.set_title(title)
    doc.add_page()
    doc.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    doc.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    doc.set_font("DejaVu", "B", 16)
    doc.multi_cell(0, 8, title)
    doc.ln(4)
    doc.set_font("DejaVu", size=11)
    for text in paragraphs:
        doc.multi_cell(0, 6, text)
        doc.ln(4)
    path.write_bytes(bytes(doc.output()))
    return path


@pytest.fixture
def article_pdf(tmp_path):
    return make_pdf(tmp_path / "printed.pdf", [LEAD, SECOND],
                    created=dt.datetime(2025, 11, 8, 9, 30, tzinfo=dt.timezone.utc))


def test_pdf_text_layer_becomes_paragraphs(article_pdf):
    doc = ingest.read(article_pdf, "printed")
    assert (doc.fmt, doc.file_format, doc.language) == ("txt", "pdf", "en")
    paragraphs = doc.text.strip().split("\n\n")
    assert paragraphs[0] == "Truce talks resume"
    assert paragraphs[1] == LEAD and paragraphs[2] == SECOND      # wrapped lines re-joined


def test_pdf_creation_date_bounds_publication_from_above_only(article_pdf):
    parsed = corpus.parse_file(article_pdf, {})
    assert parsed.raw.capture_bounds[0][0] == dt.date(2025, 11, 8)
    pub = parsed.pubdate
    assert pub.latest == dt.date(2025, 11, 8)             # no later than the file
    assert pub.earliest == dt.date(2025, 10, 30)          # the content's own past event
    assert pub.published == dt.date(2025, 10, 30)         # never the capture stamp
    row = tables.sources([parsed]).iloc[0]
    assert row["format"] == "pdf" and "PDF CreationDate" in row["capture_stamps"]
    assert row["not_analysed"] == ""


def test_pdf_stamp_without_zone_allows_one_more_day(tmp_path):
    path = make_pdf(tmp_path / "naive.pdf", [LEAD], created=dt.datetime(2025, 11, 8, 23, 0))
    assert ingest.read(path, "naive").capture_bounds[0][0] == dt.date(2025, 11, 9)


def test_pdf_without_text_layer_is_named(tmp_path):
    from fpdf import FPDF
    doc = FPDF()
    doc.add_page()
    doc.rect(20, 20, 100, 60, style="F")                  # a "scan": drawing, no text
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(doc.output()))
    with pytest.raises(SourceProblem, match="no text layer"):
        ingest.read(path, "scan")


def test_damaged_pdf_is_named(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage without end")
    with pytest.raises(SourceProblem, match="PDF"):
        ingest.read(path, "broken")


def test_unwrap_keeps_short_lines_of_a_list():
    assert pdf.paragraphs("Share\nPrint\nEmail\n\n\nA line") == "Share\nPrint\nEmail\n\nA line"


def test_mhtml_page_is_read_as_html_with_its_save_date_as_a_bound():
    doc = ingest.read(FIX / "page.mhtml", "saved")
    assert (doc.fmt, doc.file_format, doc.encoding) == ("html", "mhtml", "utf-8")
    assert doc.html_title == "Mediators set date for next round"
    assert doc.html_url == "https://border-herald.example/news/next-round"
    assert "Türkiye" in doc.text and "“quiet week”" in doc.text     # quoted-printable undone
    assert "All rights reserved" not in doc.text and "Home" not in doc.text.split("\n")[0]
    assert doc.capture_bounds[0][0] == dt.date(2025, 11, 3)          # Mon 3 Nov 09:15 +05:00


def test_mhtml_publisher_date_dates_the_article_within_the_bound():
    parsed = corpus.parse_file(FIX / "page.mhtml", {})
    assert parsed.pubdate.method == "html_meta"
    assert parsed.pubdate.published == dt.date(2025, 11, 2)


def test_mhtml_without_html_part_is_named(tmp_path):
    path = tmp_path / "empty.mhtml"
    path.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n"
                     b"--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n")
    with pytest.raises(SourceProblem, match="no HTML part"):
        ingest.read(path, "empty")


@pytest.mark.parametrize("name", ["notes.docx", "story.rtf", "README"])
def test_other_extensions_say_what_to_do(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"Talks resumed in Istanbul on Monday.")
    with pytest.raises(SourceProblem) as exc:
        ingest.read(path, "other")
    assert "save the article as .txt, .html, .pdf or .mhtml" in str(exc.value)


def test_bad_files_are_named_all_at_once_and_good_ones_kept(tmp_path, article_pdf):
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(article_pdf, sources / "printed.pdf")
    shutil.copy(FIX / "page.mhtml", sources / "saved.mhtml")
    shutil.copy(FIX / "dari.txt", sources / "dari.txt")
    (sources / "notes.docx").write_bytes(b"PK\x03\x04 not an article")
    (sources / "broken.pdf").write_bytes(b"%PDF-1.4 nothing else")
    (sources / ".DS_Store").write_bytes(b"\x00\x01")              # hidden: not a source
    os.utime(sources / "dari.txt", (0, 0))                         # an mtime means nothing
    result = corpus.load(sources, tmp_path / "no-registry.csv")
    assert sorted(s.source_id for s in result.sources) == ["dari", "printed", "saved"]
    assert len(result.problems) == 2
    assert result.problems[0].startswith("broken.pdf: damaged PDF")
    assert result.problems[1].startswith("notes.docx: '.docx' files are not read")


def test_publisher_date_after_the_save_date_is_not_used(tmp_path):
    path = tmp_path / "early.mhtml"
    path.write_bytes((FIX / "page.mhtml").read_bytes().replace(
        b"Date: Mon, 3 Nov 2025 09:15:00 +0500", b"Date: Sat, 1 Nov 2025 09:15:00 +0500"))
    pub = corpus.parse_file(path, {}).pubdate
    assert pub.method != "html_meta" and pub.published != dt.date(2025, 11, 2)
    assert pub.latest == dt.date(2025, 11, 1)
    assert any("HTML metadata date 2025-11-02" in f and "not used" in f for f in pub.flags)


def test_browser_print_margins_are_removed_and_read(tmp_path):
    from fpdf import FPDF
    doc = FPDF(format="A4")
    doc.set_auto_page_break(False)                                 # the footer sits in the margin
    doc.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    doc.set_font("DejaVu", size=9)
    for page in (1, 2):
        doc.add_page()
        doc.cell(0, 5, "11/7/25, 10:14 AM        Truce talks resume | Frontier Ledger")
        doc.ln(12)
        doc.set_font("DejaVu", size=11)
        doc.multi_cell(0, 6, LEAD if page == 1 else SECOND)
        doc.set_y(-20)
        doc.set_font("DejaVu", size=9)
        doc.cell(0, 5, f"https://frontier-ledger.example/news/truce-talks        {page}/2")
    path = tmp_path / "printed.pdf"
    path.write_bytes(bytes(doc.output()))
    raw = ingest.read(path, "printed")
    assert raw.text.strip().split("\n\n") == [LEAD, SECOND]           # margins gone
    assert raw.html_url == "https://frontier-ledger.example/news/truce-talks"
    # "11/7/25" is 7 November (m/d) or 11 July (d/m): the later, plus a day for the zone
    assert (dt.date(2025, 11, 8), "print date") in [(d, w[:10]) for d, w in raw.capture_bounds]
