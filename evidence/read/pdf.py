"""A printed or saved article as a PDF: its text layer, read with pypdf.

pypdf's layout mode keeps the page's vertical gaps, so paragraphs come out separated by
blank lines; lines wrapped inside a paragraph (each nearly as wide as the widest line of
its block) are joined again, and the padding layout mode puts between words is
collapsed. The PDF's CreationDate / ModDate say when the file was made — they date the
capture, not the article — and are returned as such. A PDF without a text layer (a scan),
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


def read(data: bytes) -> tuple[str, list[tuple[dt.datetime, str]]]:
    """(text, [(stamp, what it is)]) of a PDF's bytes."""
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
    return text + "\n", stamps


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
