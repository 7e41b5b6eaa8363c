"""Docutils building blocks for pages made from data: paragraphs, tables, sections, links.

Source text is data, never markup: every string that comes from an article (text,
headline, metadata, quotes, names) becomes a docutils ``Text`` node, so the HTML
writer escapes it and nothing in it is parsed as MyST, reST or HTML.  The only
external links made are to registry URLs whose scheme is http(s).
"""
from __future__ import annotations

import urllib.parse

from docutils import nodes

# Sphinx's SmartQuotes transform would turn the straight quotes of source text into
# curly ones; an element with this attribute keeps its whole subtree as written.
VERBATIM = {"support_smartquotes": False}


def para(*parts, classes=()) -> nodes.paragraph:
    out = nodes.paragraph(classes=list(classes))
    for part in parts:
        out += nodes.Text(part) if isinstance(part, str) else part
    return out


def table(header: list[str], rows: list[list], classes=()) -> nodes.table:
    """A docutils table; a cell is a str (shown as text) or a node / list of nodes."""
    out = nodes.table(classes=["evidence-table", *classes])
    group = nodes.tgroup(cols=len(header))
    out += group
    for _ in header:
        group += nodes.colspec(colwidth=1)

    def row_of(cells):
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            parts = cell if isinstance(cell, list) else [cell]
            entry += para(*parts)
            row += entry
        return row

    head = nodes.thead()
    head += row_of(header)
    body = nodes.tbody()
    for cells in rows:
        body += row_of(cells)
    group += head
    group += body
    return out


def section(title: str, section_id: str, *children) -> nodes.section:
    # Source text is verbatim: no "smart quotes" anywhere below (see VERBATIM).
    out = nodes.section(ids=[section_id], names=[section_id], **VERBATIM)
    out += nodes.title(title, title)
    out.extend(children)
    return out


def url_node(url: str):
    """An external link only for an http(s) URL with a host; anything else is text."""
    url = (url or "").strip()
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme.lower() in ("http", "https") and parsed.netloc \
            and not any(ch.isspace() or ord(ch) < 32 for ch in url):
        return nodes.reference(url, url, refuri=url)
    return url or "(none)"
