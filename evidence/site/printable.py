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

# Where Sphinx's own relative links of a single-page build lead.
SPHINX_DIRS = ("_downloads/", "_images/", "_static/")
DROP = ("script", "noscript", "button", "nav", "form", "link",
        ".headerlink", ".d-print-none", ".prev-next-area", ".pdf-edition",
        ".sd-btn", ".copybtn", ".toggle-details__summary")
DOC_MARK = "document-"
# Body rows a table (items a list) keeps in the PDF. The notebooks' tables and the
# chapters' digests grow with the collection (tens of thousands of rows at a thousand
# sources): on paper the first rows show what a table holds, and a line under it sends
# the reader to the website's page (complete, sortable) where the rest is; without a
# bound the PDF took longer than the whole site. The bibliography is not a list here.
MAX_TABLE_ROWS = 40
MAX_TABLE_COLUMNS = 12               # the provisions matrix has a column per source
MAX_LIST_ITEMS = 12                  # a digest, or the evidence list in a table cell
# Parts a section keeps: its subsections (an event each in "Later developments"), or the
# entries of the discrepancy ledger (``evidence.publish.render``), which grow with the
# collection too: at 200 sources they made half of a 212-page PDF.
MAX_PARTS = 12
PART = ("section", "ledger-entry")   # a subsection; a div of this class
SITE_LINK = "pdf-site-link"          # a link already relative to the site's root
# A column's share of its table's width, in characters: its filled cells' mean length, up to
# TEXT_CAP, and at least its heading's longest word, up to HEADING_CAP.
HEADING_CAP, TEXT_CAP = 10, 48


def _by_chapter(article, wanted):
    """(docname, element) for each element ``wanted`` accepts, in document order; a
    chapter starts at its mark (None before the first: the home page)."""
    docname = None
    for element in article.find_all(True):
        ident = element.get("id") or ""
        if ident.startswith(DOC_MARK):
            docname = ident[len(DOC_MARK):]
        if wanted(element):
            yield docname, element


def _links_by_chapter(article):
    """(docname, <a> element) in document order."""
    return _by_chapter(article, lambda e: e.name == "a" and bool(e.get("href"))
                       and SITE_LINK not in (e.get("class") or []))


def _cut(items: list, limit: int) -> str:
    """Remove the items after the first ``limit``; "the first L of N <what>" or ""."""
    for item in items[limit:]:      # in order: each is found at index ``limit``
        item.decompose()
    return f"{limit} of {len(items):,}" if len(items) > limit else ""


def _cut_table(table) -> str:
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    columns = max((len(tr.find_all(["td", "th"], recursive=False)) for tr in rows), default=0)
    cut_columns = ""
    if columns > MAX_TABLE_COLUMNS:
        for tr in rows:
            _cut(tr.find_all(["td", "th"], recursive=False), MAX_TABLE_COLUMNS)
        cut_columns = f"{MAX_TABLE_COLUMNS} of {columns:,} columns"
    cut_rows = _cut([tr for tr in rows if tr.find_parent("thead") is None], MAX_TABLE_ROWS)
    parts = [f"{cut_rows} rows" if cut_rows else "", cut_columns]
    return " and ".join(p for p in parts if p)


def _parts(element) -> list:
    """The repeated parts of ``element``: its subsections, or its ledger entries."""
    if element.name == "section":
        return element.find_all("section", recursive=False)
    return element.find_all("div", class_=PART[1], recursive=False)


def _is_cuttable(element) -> bool:
    return element.name in ("table", "ul", "ol") or \
        (element.name in ("section", "div") and len(_parts(element)) > MAX_PARTS)


def shorten_tables(soup, article, page: str) -> int:
    """Cut every table longer than ``MAX_TABLE_ROWS`` body rows or wider than
    ``MAX_TABLE_COLUMNS``, every list longer than ``MAX_LIST_ITEMS`` items (the
    chapters' digests list every source's passage on an event), and every section or
    ledger with more than ``MAX_PARTS`` parts, with a line after it linking the
    chapter's page on the website (relative to the site's root, where the PDF is
    published). Returns the number of tables, lists and sections cut."""
    cut = 0
    for docname, element in list(_by_chapter(article, _is_cuttable)):
        if element.decomposed:          # inside a row, item or part cut before
            continue
        if element.name == "table":
            what, whole = _cut_table(element), "table"
        elif element.name in ("ul", "ol"):
            what = _cut(element.find_all("li", recursive=False), MAX_LIST_ITEMS)
            what, whole = what and f"{what} items", "list"
        else:
            what = _cut(_parts(element), MAX_PARTS)
            kind = "sections" if element.name == "section" else "entries"
            what, whole = what and f"{what} {kind}", "chapter"
        if not what:
            continue
        note = soup.new_tag("p", attrs={"class": "pdf-table-cut"})
        note.append(f"The first {what}; the whole {whole} is on ")
        link = soup.new_tag("a", href=f"{docname or page}.html", attrs={"class": SITE_LINK})
        link.append("the website's page")
        note.append(link)
        note.append(".")
        if whole == "chapter":
            element.append(note)        # inside: under the section's own heading
        else:
            element.insert_after(note)
        cut += 1
    return cut


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
    soup = BeautifulSoup(single_page, "lxml")          # lxml: seconds, not minutes, at 1,000
    article = soup.select_one("article.bd-article") or soup.body
    if article is None:
        raise ValueError("the single page has no article")
    shorten_tables(soup, article, page)                # first: less to walk afterwards
    set_column_widths(soup, article)
    for element in article.select(", ".join(DROP)):    # one pass over the document
        if not element.decomposed:
            element.decompose()
    marks = article.find_all(id=lambda i: bool(i) and i.startswith(DOC_MARK))
    docs = {m["id"][len(DOC_MARK):] for m in marks}
    for docname, a in list(_links_by_chapter(article)):
        a["href"] = fix_link(a["href"], page, docname, docs)
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
