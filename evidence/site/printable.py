"""The report as one printable HTML document.

``print_pages`` assembles every chapter of the table of contents, in order, from the
site's pages into one article, links resolved and long parts cut; this drops what
paper has no use for (navigation, buttons, scripts, heading anchors), gives tables
column widths by their content, and adds a title page and a contents list whose page
numbers the PDF engine fills in (``target-counter``).
"""
from __future__ import annotations

import html

from bs4 import BeautifulSoup

from evidence.site import print_cuts

DROP = ("script", "noscript", "button", "nav", "form", "link",
        ".headerlink", ".d-print-none", ".prev-next-area", ".pdf-edition",
        ".sd-btn", ".copybtn", ".toggle-details__summary")
DOC_MARK = print_cuts.DOC_MARK
# A column's share of its table's width, in characters: its filled cells' mean length, up to
# TEXT_CAP, and at least its heading's longest word, up to HEADING_CAP.
HEADING_CAP, TEXT_CAP = 10, 48


def _column_weights(table) -> list[float]:
    """How wide each column of ``table`` should be relative to the others, in
    characters; a cell spanning columns counts for its first."""
    cells: dict[int, list] = {}
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is table:
            for j, cell in enumerate(tr.find_all(["td", "th"], recursive=False)):
                cells.setdefault(j, []).append(cell)
    weights = []
    for j in range(max(cells, default=-1) + 1):
        column = cells.get(j, [])
        texts = [t for t in (c.get_text(" ", strip=True) for c in column) if t] or [""]
        heading = [w for c in column if c.name == "th" for w in c.get_text(" ").split()]
        weights.append(max(1 + min(HEADING_CAP, max(map(len, heading), default=0)),
                           min(TEXT_CAP, sum(map(len, texts)) / len(texts))))
    return weights


def set_column_widths(soup, article) -> int:
    """Give every table without column widths a ``<colgroup>`` sharing the width by
    its columns' content (``_column_weights``), for the print style's fixed table
    layout: with automatic layout, the PDF engine measures every cell's narrowest
    possible width by breaking its text at each character, which took most of the
    PDF's time. Returns the number of tables given widths."""
    done = 0
    for table in article.find_all("table"):
        if table.find("colgroup", recursive=False) is not None:
            continue
        weights = _column_weights(table)
        if not weights:
            continue
        total = sum(weights)
        group = soup.new_tag("colgroup")
        for weight in weights:
            group.append(soup.new_tag("col", attrs={"style": f"width: {100 * weight / total:.1f}%"}))
        table.insert(0, group)
        done += 1
    return done


def _contents_entry(heading, fallback: str) -> str:
    """A line of the contents: the chapter's title, linked to its section."""
    section = heading.find_parent("section")
    anchor = section.get("id") if section is not None and section.get("id") else fallback
    name = html.escape(heading.get_text(" ", strip=True).rstrip("#¶ "))
    return f'<li><a href="#{html.escape(anchor)}">{name}</a></li>'


def printable(article_html: str, title: str, subtitle: str) -> str:
    """The print document for the assembled article (``print_pages.article_html``)."""
    soup = BeautifulSoup(article_html, "lxml")
    article = soup.select_one("article.bd-article") or soup.body
    set_column_widths(soup, article)
    for element in article.select(", ".join(DROP)):    # one pass over the document
        if not element.decomposed:
            element.decompose()
    marks = article.find_all(id=lambda i: bool(i) and i.startswith(DOC_MARK))
    headings = [(mark.find_next(["h1", "h2"]), mark["id"]) for mark in marks]
    contents = [_contents_entry(h, fallback) for h, fallback in headings if h is not None]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>"
        f'<section class="pdf-title"><h1 class="pdf-title-heading">{html.escape(title)}</h1>'
        f'<p class="pdf-subtitle">{html.escape(subtitle)}</p></section>'
        '<nav class="pdf-contents" aria-label="Contents"><h2>Contents</h2><ol>'
        + "".join(contents) + "</ol></nav>"
        f'<main class="pdf-body">{article.decode_contents()}</main></body></html>\n')
