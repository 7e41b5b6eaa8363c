"""A printed or saved article as a PDF: its text layer, read with pypdf.

pypdf's layout mode keeps the page's vertical gaps, so paragraphs come out separated by
blank lines; lines wrapped inside a paragraph (each nearly as wide as the widest line of
its block) are joined again, and the padding layout mode puts between words is
collapsed. A browser's print margins (the printing date and time on top, the page's
address and "1/3" below) are taken off each page. The PDF's CreationDate / ModDate and
that printing date say when the file was made — they date the capture, not the
article — and are returned as such. A PDF without a text layer (a scan),
an encrypted or a damaged one is a ``SourceProblem`` saying what to do.
"""
from __future__ import annotations

import datetime as dt
import io
import logging
import re

from evidence.model import SourceProblem

WRAPPED_SHARE = 0.7        # a line this share of its block's widest line was wrapped
MIN_WRAP_WIDTH = 40        # blocks narrower than this are lists or headings: kept as lines
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
# A browser's "print to PDF" margins: the date and time of printing (and the page title)
# at the top of each page, the page's address and "page/pages" at the bottom.
_PRINT_HEADER = re.compile(r"(?:(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})"
                           r"|(?P<iso>\d{4}-\d{2}-\d{2})),?\s+\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?\b.*")
_PRINT_FOOTER = re.compile(r"(?P<url>https?://\S+)(?:\s.*)?\s\d{1,4}\s*/\s*\d{1,4}")


def read(data: bytes) -> tuple[str, str, list[tuple[dt.datetime, str]]]:
    """(text, the page's address as printed or "", [(stamp, what it is)]) of a PDF's bytes."""
    from pypdf import PdfReader             # imported here: only PDF sources need it
    from pypdf.errors import PdfReadError
    logging.getLogger("pypdf").setLevel(logging.ERROR)   # recoverable damage is not news
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise SourceProblem("encrypted PDF: save an unprotected copy or the article "
                                "as .txt or .html")
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
        meta = reader.metadata
    except SourceProblem:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise SourceProblem(f"damaged PDF ({type(exc).__name__}): save the article "
                            "again, or as .txt or .html") from None
    pages, address, printed = _print_margins(pages)
    text = "\n\n".join(t for t in (paragraphs(p) for p in pages) if t)
    if not any(c.isalpha() for c in text):
        raise SourceProblem("PDF with no text layer (a scan or image): run OCR on it or "
                            "save the article as .txt or .html")
    stamps = []
    for attr, what in (("creation_date", "PDF CreationDate"), ("modification_date", "PDF ModDate")):
        try:
            value = getattr(meta, attr, None) if meta is not None else None
        except (ValueError, TypeError):     # a malformed date string
            value = None
        if isinstance(value, dt.datetime):
            stamps.append((value, what))
    return text + "\n", address, stamps + printed


def _print_margins(pages: list[str]) -> tuple[list[str], str, list[tuple[dt.datetime, str]]]:
    """Pages without a browser's print header and footer, the address the footer
    prints, and the printing date as a capture stamp: the latest day the header's
    digits can mean (day/month and month/day orders both read), as a naive stamp."""
    out, address, stamps = [], "", []
    for page in pages:
        lines = page.splitlines()
        filled = [i for i, line in enumerate(lines) if line.strip()]
        if filled:
            top = _PRINT_HEADER.fullmatch(_SPACES.sub(" ", lines[filled[0]]).strip())
            bottom = _PRINT_FOOTER.fullmatch(_SPACES.sub(" ", lines[filled[-1]]).strip())
            if top:
                day = _latest_day(top)
                if day:
                    stamps.append((dt.datetime.combine(day, dt.time()), "print date in the PDF's page header"))
                lines[filled[0]] = ""
            if bottom and len(filled) > 1:
                address = address or bottom["url"]
                lines[filled[-1]] = ""
        out.append("\n".join(lines))
    return out, address, sorted(set(stamps))[:1]


def _latest_day(m: re.Match) -> dt.date | None:
    if m["iso"]:
        try:
            return dt.date.fromisoformat(m["iso"])
        except ValueError:
            return None
    year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
    days = []
    for month, day in ((int(m["a"]), int(m["b"])), (int(m["b"]), int(m["a"]))):
        try:
            days.append(dt.date(year, month, day))
        except ValueError:
            continue
    return max(days, default=None)


def paragraphs(page: str) -> str:
    """One page's layout text -> paragraphs separated by one blank line."""
    blocks: list[list[str]] = [[]]
    for line in page.splitlines():
        line = _SPACES.sub(" ", line).strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return "\n\n".join("\n".join(_unwrap(b)) for b in blocks if b)


def _unwrap(lines: list[str]) -> list[str]:
    """Join the lines of a block that were wrapped inside one paragraph."""
    widest = max(len(line) for line in lines)
    if widest < MIN_WRAP_WIDTH:
        return lines
    out = [lines[0]]
    for prev, line in zip(lines, lines[1:]):
        if len(prev) >= WRAPPED_SHARE * widest:
            out[-1] = out[-1] + line if out[-1].endswith("-") else f"{out[-1]} {line}"
        else:
            out.append(line)
    return out
