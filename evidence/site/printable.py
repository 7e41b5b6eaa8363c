"""The report as one printable HTML document, made from Sphinx's single-page build.

``singlehtml`` puts every chapter of the table of contents, in order, into one page;
this keeps its article only (no navigation, buttons, scripts or heading anchors),
adds a title page and a contents list whose page numbers the PDF engine fills in
(``target-counter``), and fixes the links: a link to a chapter in the document
becomes an internal link, and a link to anything else of the site (a source page, a
downloadable table) is made relative to the site's root, where the PDF is published,
so it works when the PDF is opened from the site.  Sphinx writes its own links
relative to the single page; ours (``evidence.publish.links``) are relative to the
chapter they were written for, which the ``document-<docname>`` marks tell.
"""
from __future__ import annotations

import html
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from evidence.site import print_cuts

# Where Sphinx's own relative links of a single-page build lead.
SPHINX_DIRS = ("_downloads/", "_images/", "_static/")
DROP = ("script", "noscript", "button", "nav", "form", "link",
        ".headerlink", ".d-print-none", ".prev-next-area", ".pdf-edition",
        ".sd-btn", ".copybtn", ".toggle-details__summary")
DOC_MARK = print_cuts.DOC_MARK
SITE_LINK = print_cuts.SITE_LINK     # a link already relative to the site's root
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


def _join(doc: str, href_path: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(doc), href_path))


def fix_link(href: str, page: str, docname: str | None, docs: set[str]) -> str:
    """``href`` as written in the single page (the document ``page``, e.g.
    "book/index"), inside the chapter ``docname`` -> the href to use in the PDF."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("#") or not parts.path:
        return href
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    path = _join(page, parts.path)                      # Sphinx's: from the page
    if path == f"{page}.html":
        return fragment or f"#{DOC_MARK}{page}"
    if not path.startswith(SPHINX_DIRS):
        path = _join(docname or page, parts.path)       # ours: from the chapter
    target = path[:-len(".html")] if path.endswith(".html") else None
    if target in docs:
        return fragment or f"#{DOC_MARK}{target}"
    return path + fragment


def _contents_entry(heading, fallback: str) -> str:
    """A line of the contents: the chapter's title, linked to its section."""
    section = heading.find_parent("section")
    anchor = section.get("id") if section is not None and section.get("id") else fallback
    name = html.escape(heading.get_text(" ", strip=True).rstrip("#¶ "))
    return f'<li><a href="#{html.escape(anchor)}">{name}</a></li>'


def printable(single_page: str, page: str, title: str, subtitle: str, site: Path) -> str:
    """The print document for the single page's HTML; ``page`` is its document name
    and ``site`` the directory of the single-page build (for the images)."""
    # Cut first, on lxml's tree (seconds at 1,000 sources): far less to walk afterwards.
    soup = BeautifulSoup(print_cuts.article_html(single_page, page), "lxml")
    article = soup.select_one("article.bd-article") or soup.body
    set_column_widths(soup, article)
    for element in article.select(", ".join(DROP)):    # one pass over the document
        if not element.decomposed:
            element.decompose()
    marks = article.find_all(id=lambda i: bool(i) and i.startswith(DOC_MARK))
    docs = {m["id"][len(DOC_MARK):] for m in marks}
    for a in article.find_all("a", href=True):
        if SITE_LINK not in (a.get("class") or []):
            a["href"] = fix_link(a["href"], page, a.attrs.pop(print_cuts.CHAPTER, None), docs)
    for img in article.find_all("img", src=True):
        src = urlsplit(img["src"])
        path = _join(page, src.path)
        if not (src.scheme or src.netloc) and path.startswith(SPHINX_DIRS):
            img["src"] = (site / path).resolve().as_uri()
    headings = [(article.find("h1"), "")]                 # the home page
    headings += [(mark.find_next(["h1", "h2"]), mark["id"]) for mark in marks]
    contents = [_contents_entry(h, fallback) for h, fallback in headings if h is not None]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>"
        f'<section class="pdf-title"><h1 class="pdf-title-heading">{html.escape(title)}</h1>'
        f'<p class="pdf-subtitle">{html.escape(subtitle)}</p></section>'
        '<nav class="pdf-contents" aria-label="Contents"><h2>Contents</h2><ol>'
        + "".join(contents) + "</ol></nav>"
        f'<main class="pdf-body">{article.decode_contents()}</main></body></html>\n')
