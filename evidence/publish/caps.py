"""How much of a long table a notebook page shows, and the note that says so.

A page table holds at most a fixed number of rows (``ROWS``, in the table's own
order); an event lists at most ``PASSAGES`` of its attesting passages, a discrepancy
at most ``SIDES`` of its sides (every distinct value first, so no value goes unseen
while there are no more values than that), and the provisions matrix at most
``SOURCES`` source columns (those with the most reported or contradicted provisions);
a chapter's event digest lists its first ``DIGEST_SOURCES`` sources
(``evidence.site.digests``).
At a thousand sources a full table is tens of thousands of rows that no reader scrolls
and that make every build slow; the CSV download beside each table stays complete, and
wherever a page shows part of a table it says how much and links the whole
(``note``), from the site's copy of data/processed/ (``data/``, published by
``evidence.cli.publish_data``).
"""
from __future__ import annotations

import html
import posixpath

ROWS = 100
PASSAGES = 10
SIDES = 12
SOURCES = 40
DIGEST_SOURCES = 20     # sources listed in a chapter's event digest (evidence.site.digests)

# data/processed/ as published in the site (evidence.cli.publish_data).
SITE_DATA_DIR = "data"


def csv_href(name: str, from_doc: str) -> str:
    """Relative URL of a published table (``name`` without ``.csv``) from a page."""
    base = posixpath.dirname(from_doc) or "."
    return posixpath.relpath(f"{SITE_DATA_DIR}/{name}.csv", base)


def note(shown: int, total: int, what: str, csv: str, from_doc: str, how: str = "") -> str:
    """'Showing 100 of 8,526 rows (how). All of them: <name>.csv' as a paragraph; empty
    when nothing is left out."""
    if shown >= total:
        return ""
    how = f" ({html.escape(how)})" if how else ""
    link = (f' All of them: <a href="{html.escape(csv_href(csv, from_doc), quote=True)}" '
            f'download>{html.escape(csv)}.csv</a>.') if csv else ""
    return (f'<p class="table-cap">Showing {shown:,} of {total:,} {html.escape(what)}'
            f"{how}.{link}</p>")


def sides(items: list, limit: int = SIDES) -> list:
    """At most ``limit`` sides of a discrepancy, in their order: the first side of
    each distinct value, then the others."""
    if len(items) <= limit:
        return list(items)
    seen, first, rest = set(), [], []
    for i, side in enumerate(items):
        (rest if side.value in seen else first).append(i)
        seen.add(side.value)
    keep = set((first + rest)[:limit])
    return [side for i, side in enumerate(items) if i in keep]


def matrix_sources(claims, limit: int = SOURCES) -> list[str]:
    """The source columns of the provisions matrix: every source when there are at most
    ``limit``, else those reporting or contradicting the most provisions (ties by id),
    in id order."""
    ids = sorted(claims["source_id"].unique())
    if len(ids) <= limit:
        return ids
    said = claims[claims["status"] != "not_mentioned"].groupby("source_id").size()
    ranked = sorted(ids, key=lambda sid: (-int(said.get(sid, 0)), sid))
    return sorted(ranked[:limit])
