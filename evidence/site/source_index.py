"""The index of sources: one table, the only way in to the source pages.

``{source-index}`` renders data/processed/sources.csv as one row per source: outlet,
headline (linked to the source's page), inferred publication date, origin, copies and
id.  The copies column appears when sources.csv has a ``copy_of`` column: it names the
source a capture copies and the captures that copy it.  The source pages themselves
are orphans outside the navigation, so every page of the site carries a navigation
tree of the chapters only, whatever the number of sources.  Sorting and filtering are
added in the browser by ``_static/source-index.js``; without it the table is complete.
"""
from __future__ import annotations

import re
from collections import defaultdict

from docutils import nodes
from docutils.writers._html_base import HTMLTranslator
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from evidence.publish import links

from evidence import paths
from evidence.site import records
from evidence.site.data import SAFE_ID, env_store

logger = logging.getLogger(__name__)

COPY_OF = "copy_of"


def _source_ids(value: str) -> list[str]:
    return [v for v in re.split(r"[\s;,]+", value or "") if v and SAFE_ID.match(v)]


def _encode(text: str) -> str:
    """Text as docutils' HTML writer encodes it (``&``, ``<``, ``"``, ``>``, ``@``)."""
    return text.translate(HTMLTranslator.special_characters)


def _link(source_id: str, text: str, from_doc: str) -> str:
    href = _encode(links.source_href(source_id, from_doc))
    return f'<a class="reference internal" href="{href}">{_encode(text)}</a>'


def copies_cell(row, copied_by, from_doc: str, known: set[str]) -> str:
    """'copy of X' and 'copied by Y, Z', each a link to the other source's page."""
    parts: list[str] = []
    for label, ids in (("copy of ", _source_ids(row.get(COPY_OF, ""))),
                       ("copied by ", copied_by.get(row[records.ID], []))):
        ids = [i for i in ids if i in known]
        if not ids:
            continue
        if parts:
            parts.append("; ")
        parts.append(label + ", ".join(_link(other, other, from_doc) for other in ids))
    return "".join(parts) or "none"


def _row(cells: list[str], parity: str, cell: str = "td", attrs: str = "") -> str:
    return (f'<tr class="row-{parity}">'
            + "\n".join(f"<{cell}{attrs}><p>{c}</p></{cell}>" for c in cells) + "\n</tr>\n")


def index_html(columns: list[str], rows: list[dict[str, str]], from_doc: str,
               known: set[str]) -> str:
    """The table as Sphinx's HTML writer and the theme write a docutils table (same
    markup, classes and row parity, scroll container), made as text: as docutils nodes
    the index was ~21 nodes a source, which every transform of the page walked when it
    was read, resolved and written (seconds per build at a thousand sources). Outlet
    names and headlines are source text: encoded, never markup."""
    with_copies = COPY_OF in columns
    copied_by: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        for original in _source_ids(row.get(COPY_OF, "")):
            copied_by[original].append(row[records.ID])
    header = ["Outlet", "Headline", "Published", "Origin", *(["Copies"] * with_copies), "Id"]
    body = []
    for n, row in enumerate(sorted(rows, key=lambda r: (r.get("published") or "~",
                                                          r[records.ID]))):
        sid = row[records.ID]
        headline = (row.get("headline") or "").strip() or "untitled"
        origin = ", ".join(v for v in (row.get("origin"), row.get("origin_group")) if v)
        body.append(_row([
            _encode((row.get("outlet") or "").strip() or "unknown"),
            _link(sid, headline, from_doc) if sid in known else _encode(headline),
            _encode(row.get("published") or "unknown"),
            _encode(origin or "unknown"),
            *([copies_cell(row, copied_by, from_doc, known)] * with_copies),
            f'<code class="docutils literal notranslate"><span class="pre">{_encode(sid)}'
            "</span></code>",
        ], "even" if n % 2 == 0 else "odd"))
    return ('<div class="pst-scrollable-table-container">'
            '<table class="evidence-table source-index table">\n<thead>\n'
            + _row(header, "odd", "th", ' class="head"') + "</thead>\n<tbody>\n"
            + "".join(body) + "</tbody>\n</table>\n</div>\n")


class SourceIndexDirective(SphinxDirective):
    """``{source-index}``: the table of every source (no arguments)."""
    has_content = False

    def run(self):
        for dep in records.dependencies():
            self.env.note_dependency(str(dep))
        env_store(self.env, "evidence_index_docs")[self.env.docname] = True
        columns, rows = records.read_table()
        if not rows:
            logger.warning("{source-index}: no rows in %s; run `python -m evidence "
                           "build-data`", records.sources_csv().relative_to(paths.ROOT),
                           location=self.get_location(), type="evidence", subtype="stale")
            return []
        known = records.pages(self.env)
        missing = sorted(r[records.ID] for r in rows if r[records.ID] not in known)
        if missing:
            logger.warning("{source-index}: no page for %s; run `python -m evidence "
                           "build-data`", ", ".join(missing[:5]),
                           location=self.get_location(), type="evidence", subtype="stale")
        note = nodes.paragraph(classes=["source-index-note"])
        note += nodes.Text(f"{len(rows)} sources. Each headline opens the source's page.")
        return [note, nodes.raw("", index_html(columns, rows, self.env.docname, known),
                                format="html")]
