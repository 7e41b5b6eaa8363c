"""The one place that knows the site's URLs for evidence.

A source's page is the Sphinx document ``book/sources/<source_id>`` (written by
``sitegen``), served as ``book/sources/<source_id>.html``; every evidence span on it
is an element with the id ``ev-<start>-<end>`` (character offsets into the clean text,
half-open).  Links are relative, so the site works from any directory or host.

``from_doc`` is the Sphinx docname of the page that carries the link, without a
suffix: ``"notebooks/timeline"``, ``"book/agreement"``, ``"index"``.
"""
from __future__ import annotations

import numbers
import posixpath
import re

from evidence import paths

SOURCE_PAGES_DOC_DIR = "book/sources"
PAGE_SUFFIX = ".html"

_SAFE_DOC = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")


def _check_id(source_id: str) -> str:
    if not isinstance(source_id, str) or not paths.SOURCE_ID.match(source_id):
        raise ValueError(f"not a source id: {source_id!r}")
    return source_id


def as_offset(value) -> int | None:
    """A character offset from a record or table cell (int, numpy int, or the float a
    pandas column with gaps turns ints into); None for anything else."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    return None


def _offset(value, name: str) -> int:
    # bool is an int subclass; numpy / pandas integers are not ``int`` but index fine.
    if isinstance(value, bool):
        raise ValueError(f"{name} must be an integer offset, not {value!r}")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an integer offset, not {value!r}") from None
    if number != value or number < 0:
        raise ValueError(f"{name} must be a non-negative integer offset, not {value!r}")
    return number


def anchor_id(start, end) -> str:
    """Element id of the evidence span ``clean_text[start:end]`` on its source page."""
    start, end = _offset(start, "start"), _offset(end, "end")
    if end <= start:
        raise ValueError(f"empty or reversed span {start}-{end}")
    return f"ev-{start}-{end}"


def source_page_doc(source_id: str) -> str:
    """Sphinx docname of a source's page."""
    return f"{SOURCE_PAGES_DOC_DIR}/{_check_id(source_id)}"


def doc_href(target_doc: str, from_doc: str) -> str:
    """Relative URL from the page ``from_doc`` to the page ``target_doc``."""
    for doc in (target_doc, from_doc):
        if not _SAFE_DOC.match(doc or ""):
            raise ValueError(f"not a docname: {doc!r}")
    base = posixpath.dirname(from_doc) or "."
    return posixpath.relpath(target_doc + PAGE_SUFFIX, base)


def source_href(source_id: str, from_doc: str) -> str:
    """Relative URL of a source's page (no anchor)."""
    return doc_href(source_page_doc(source_id), from_doc)


def evidence_href(source_id: str, start, end, from_doc: str) -> str:
    """Relative URL of one evidence span on its source's page."""
    return f"{source_href(source_id, from_doc)}#{anchor_id(start, end)}"
