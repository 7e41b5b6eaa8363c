"""The report as one printable HTML document.

``print_pages`` assembles every chapter of the table of contents, in order, from the
site's pages into one article, links resolved and long parts cut; this drops what
paper has no use for (navigation, buttons, scripts, heading anchors), gives tables
column widths by their content, and adds a title page and a contents list whose page
numbers the PDF engine fills in (``target-counter``).
"""
from __future__ import annotations

import html

import lxml.html

from evidence.site import print_cuts

DROP_TAGS = ("script", "noscript", "button", "nav", "form", "link")
DROP_CLASSES = ("headerlink", "d-print-none", "prev-next-area", "pdf-edition", "sd-btn",
                "copybtn", "toggle-details__summary")
DOC_MARK = print_cuts.DOC_MARK
# A column's share of its table's width, in characters: its filled cells' mean length, up to
# TEXT_CAP, and at least its heading's longest word, up to HEADING_CAP.
HEADING_CAP, TEXT_CAP = 10, 48


def _text(element) -> str:
    """The element's words, one space apart."""
    return " ".join(" ".join(element.itertext()).split())


def _column_weights(table) -> list[float]:
    """How wide each column of ``table`` should be relative to the others, in
    characters; a cell spanning columns counts for its first."""
    cells: dict[int, list] = {}
    for tr in print_cuts.own_rows(table):
        for j, cell in enumerate(c for c in tr if c.tag in ("td", "th")):
            cells.setdefault(j, []).append(cell)
    weights = []
    for j in range(max(cells, default=-1) + 1):
        column = cells.get(j, [])
        texts = [t for t in (_text(c) for c in column) if t] or [""]
        heading = [w for c in column if c.tag == "th" for w in _text(c).split()]
        weights.append(max(1 + min(HEADING_CAP, max(map(len, heading), default=0)),
                           min(TEXT_CAP, sum(map(len, texts)) / len(texts))))
    return weights


def set_column_widths(article) -> int:
    """Give every table without column widths a ``<colgroup>`` sharing the width by
    its columns' content (``_column_weights``), for the print style's fixed table
    layout: with automatic layout, the PDF engine measures every cell's narrowest
    possible width by breaking its text at each character, which took most of the
    PDF's time. Returns the number of tables given widths."""
    done = 0
    for table in article.iter("table"):
        if table.find("colgroup") is not None:
            continue
        weights = _column_weights(table)
        if not weights:
            continue
        total = sum(weights)
        group = lxml.html.Element("colgroup")
        for weight in weights:
            group.append(lxml.html.Element("col", style=f"width: {100 * weight / total:.1f}%"))
        table.insert(0, group)
        done += 1
    return done


def _contents_entry(heading, fallback: str) -> str:
    """A line of the contents: the chapter's title, linked to its section."""
    section = next(heading.iterancestors("section"), None)
    anchor = section.get("id") if section is not None and section.get("id") else fallback
    name = html.escape(_text(heading).rstrip("#¶ "))
    return f'<li><a href="#{html.escape(anchor)}">{name}</a></li>'


def _drop_furniture(article) -> None:
    """Remove what paper has no use for (``DROP_TAGS``, ``DROP_CLASSES``), in one pass."""
    tests = [f"self::{tag}" for tag in DROP_TAGS] + \
        [print_cuts.HAS_CLASS.format(name) for name in DROP_CLASSES]
    for element in article.xpath(f".//*[{' or '.join(tests)}]"):
        if element.getparent() is not None:
            print_cuts.drop(element)


def printable(article, title: str, subtitle: str) -> str:
    """The print document for the assembled article (``print_pages.assemble``, or its
    HTML, ``print_pages.article_html``)."""
    if isinstance(article, str):
        document = lxml.html.document_fromstring(article)
        found = document.xpath(f'//article[{print_cuts.HAS_CLASS.format("bd-article")}]')
        article = found[0] if found else document.find("body")
    set_column_widths(article)
    _drop_furniture(article)
    marks = article.xpath(f'.//*[starts-with(@id, "{DOC_MARK}")]')
    headings = [(next(iter(mark.xpath("following::*[self::h1 or self::h2][1]")), None),
                 mark.get("id")) for mark in marks]
    contents = [_contents_entry(h, fallback) for h, fallback in headings if h is not None]
    inner = html.escape(article.text or "", quote=False) + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in article)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>"
        f'<section class="pdf-title"><h1 class="pdf-title-heading">{html.escape(title)}</h1>'
        f'<p class="pdf-subtitle">{html.escape(subtitle)}</p></section>'
        '<nav class="pdf-contents" aria-label="Contents"><h2>Contents</h2><ol>'
        + "".join(contents) + "</ol></nav>"
        f'<main class="pdf-body">{inner}</main></body></html>\n')
