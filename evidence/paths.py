"""Where things live. Everything is relative to the project root, which the
``EVIDENCE_ROOT`` environment variable can override (tests build copies)."""
from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(os.environ.get("EVIDENCE_ROOT", Path(__file__).resolve().parent.parent))
DATA = ROOT / "data"
SOURCES = DATA / "sources"
REGISTRY = DATA / "registry.csv"
KNOWLEDGE = DATA / "knowledge"
PROCESSED = DATA / "processed"
BOOK = ROOT / "book"
SOURCE_PAGES = BOOK / "sources"

# The file types ingest reads. Every other visible file in data/sources/ is still listed
# by ``source_files`` so that it is named as a problem (with what to do), never skipped.
SOURCE_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".mhtml", ".mht")
# A source id is its file stem; ids end up in URLs, anchors and page names, so only these.
SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")


def source_files(directory: Path | None = None) -> list[Path]:
    """Every visible file in the sources folder, sorted by name (the file stem is the
    source id). Files of a type not in ``SOURCE_SUFFIXES`` are included on purpose:
    reading one fails with a line saying how to save the article instead."""
    directory = directory or SOURCES
    return sorted(p for p in directory.iterdir()
                  if p.is_file() and not p.name.startswith("."))
