"""What the PDF leaves to the website: long tables, lists and sections cut on paper.

The notebooks' tables and the chapters' digests, later events and discrepancy ledger
grow with the collection (tens of thousands of rows at a thousand sources): on paper
the first rows show what a table holds, and a line after it sends the reader to the
website's page (complete, sortable) where the rest is. The PDF's document is tens
of megabytes at a thousand sources, so this works on lxml's tree (``print_pages``
assembles it there; BeautifulSoup took twenty seconds to parse it and as long again to
cut) and ``printable`` gets the article already cut.
"""
from __future__ import annotations

import html

import lxml.html

DOC_MARK = "document-"               # where a chapter starts (as in Sphinx's single page)
MARK_TAG = "span"                    # the element that carries the mark
SITE_LINK = "pdf-site-link"          # a link already relative to the site's root
# The edition's size stays about the same at any number of sources (each page costs the
# PDF engine about a tenth of a second): at a thousand sources, 40 rows, 12 items and 12
# parts made 133 pages, these 61 (64 before cells were cut).
MAX_TABLE_ROWS = 10                  # body rows a table keeps
MAX_TABLE_COLUMNS = 12               # the provisions matrix has a column per source
MAX_LIST_ITEMS = 6                   # a digest, or the evidence list in a table cell
# Characters a table cell of running text keeps: the sources table's evidence column
# quotes whole passages (its ten rows filled six pages at a thousand sources).
MAX_CELL_CHARS = 300
# Parts a section keeps: its subsections (an event each in "Later developments"), or the
# entries of the discrepancy ledger (``evidence.publish.render``), which grow with the
# collection too: at 200 sources they made half of a 212-page PDF.
MAX_PARTS = 6
LEDGER_ENTRY = "ledger-entry"
HAS_CLASS = 'contains(concat(" ", normalize-space(@class), " "), " {} ")'


def drop(element) -> None:
    """Remove ``element``, keeping the text that follows it (lxml's ``tail``)."""
    parent, tail = element.getparent(), element.tail
    if tail and not tail.isspace():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def worth_cutting(n: int, limit: int) -> bool:
    """Whether ``n`` parts are cut to ``limit``: only when more than half the limit
    again would go (cutting to "the first 10 of 11 rows" saves no paper and hides a row)."""
    return n > limit + limit // 2


def _cut(items: list, limit: int) -> str:
    """Remove the items after the first ``limit`` if ``worth_cutting``; "L of N" or ""."""
    if not worth_cutting(len(items), limit):
        return ""
    for item in items[limit:]:
        drop(item)
    return f"{limit} of {len(items):,}"


def own_rows(table) -> list:
    """The table's rows (in its head, bodies and foot), not those of tables inside it."""
    return [tr for part in (table, *table.iterchildren("thead", "tbody", "tfoot"))
            for tr in part.iterchildren("tr")]


def _text_slots(element):
    """(element, "text" | "tail") for each piece of text inside ``element``, in order."""
    yield element, "text"
    for child in element:
        yield from _text_slots(child)
        yield child, "tail"


def clip(cell, limit: int) -> bool:
    """Cut the text of ``cell`` after about ``limit`` characters (at a word's end),
    marking the cut with "…"; the text and elements after it go. Only when
    ``worth_cutting``. Returns whether it cut."""
    if not worth_cutting(len(cell.text_content()), limit):
        return False
    slots = list(_text_slots(cell))
    budget, cut_at = limit, None
    for i, (element, slot) in enumerate(slots):
        text = getattr(element, slot) or ""
        if cut_at is None and len(text) > budget:
            kept = text[:budget]
            kept = kept[:kept.rfind(" ")] if " " in kept.strip() else kept
            setattr(element, slot, kept.rstrip() + "…")
            cut_at = i
        elif cut_at is None:
            budget -= len(text)
        else:
            setattr(element, slot, None)
    for element, slot in slots[cut_at + 1:]:
        if slot == "text" and element is not cell and element.getparent() is not None:
            element.getparent().remove(element)      # begins after the cut
    return True


def _cut_table(table) -> str:
    rows = own_rows(table)
    body = [tr for tr in rows if tr.getparent().tag != "thead"]
    cut_rows = _cut(body, MAX_TABLE_ROWS)          # first: the columns of fewer rows
    rows = [tr for tr in rows if tr.getparent() is not None]
    columns = max((len(tr.findall("td")) + len(tr.findall("th")) for tr in rows), default=0)
    cut_columns = ""
    if worth_cutting(columns, MAX_TABLE_COLUMNS):
        for tr in rows:
            cells = tr.xpath("./td|./th")
            for cell in cells[MAX_TABLE_COLUMNS:]:
                drop(cell)
        cut_columns = f"{MAX_TABLE_COLUMNS} of {columns:,} columns"
    # a cell of running text keeps its first characters; a cell holding a list (the
    # passages of an event) keeps its first items instead (``shorten``)
    clipped = sum(clip(td, MAX_CELL_CHARS) for tr in rows for td in tr.iterchildren("td")
                  if next(td.iter("ul", "ol"), None) is None)
    parts = [f"{cut_rows} rows" if cut_rows else "", cut_columns,
             f"{MAX_CELL_CHARS} characters of longer cells" if clipped else ""]
    return " and ".join(p for p in parts if p)


def _parts(element) -> list:
    """The repeated parts of ``element``: its subsections, or its ledger entries."""
    if element.tag == "section":
        return element.xpath("./section")
    return element.xpath(f"./div[{HAS_CLASS.format(LEDGER_ENTRY)}]")


def by_chapter(article, tags: tuple[str, ...]):
    """(docname, element) for each element of ``tags``, in document order; a chapter
    starts at its mark (None before the first: the home page)."""
    docname = None
    for element in article.iter(MARK_TAG, *tags):     # lxml picks the tags: fast
        ident = element.get("id") or ""
        if ident.startswith(DOC_MARK):
            docname = ident[len(DOC_MARK):]
        if element.tag in tags:
            yield docname, element


def _note(what: str, whole: str, href: str):
    return lxml.html.fragment_fromstring(
        f'<p class="pdf-table-cut">The first {html.escape(what)}; the whole {whole} is on '
        f'<a href="{html.escape(href, quote=True)}" class="{SITE_LINK}">the website\'s page</a>'
        ".</p>")


def shorten(article, page: str) -> int:
    """Cut, in ``article`` (an lxml element), to their first ``MAX_TABLE_ROWS`` body rows
    or ``MAX_TABLE_COLUMNS`` columns the tables (and their cells to ``MAX_CELL_CHARS``
    characters), to ``MAX_LIST_ITEMS`` items the lists,
    and to ``MAX_PARTS`` parts the sections and ledgers, where ``worth_cutting``,
    with a line after each linking the chapter's page on the website
    (relative to the site's root, where the PDF is published; ``page`` is the home
    page's document, the chapter before the first mark). Returns the number cut."""
    root = article.getroottree().getroot()
    cut = 0
    for docname, element in list(by_chapter(article, ("table", "ul", "ol", "section", "div"))):
        if element.getroottree().getroot() is not root:     # inside something cut
            continue
        if element.tag == "table":
            what, whole = _cut_table(element), "table"
        elif element.tag in ("ul", "ol"):
            what = _cut(element.xpath("./li"), MAX_LIST_ITEMS)
            what, whole = what and f"{what} items", "list"
        else:
            parts = _parts(element)
            what = _cut(parts, MAX_PARTS)
            kind = "sections" if element.tag == "section" else "entries"
            what, whole = what and f"{what} {kind}", "chapter"
        if not what:
            continue
        note = _note(what, whole, f"{docname or page}.html")
        if whole == "chapter":
            element.append(note)        # inside: under the section's own heading
        else:
            element.addnext(note)
        cut += 1
    return cut


def cited_only(article, page: str) -> int:
    """Keep, of a bibliography's entries (``div.citation`` in a ``citation-list``),
    those a link of the print document cites, with a line sending the reader to the
    whole list on the website (its chapter's page, relative to the site's root;
    ``page`` is the home page's document). At a thousand sources the bibliography
    lists every one and made 103 of 231 pages, while the chapters, cut for paper,
    cite a few dozen. Returns the number of entries dropped."""
    cited = {href[1:] for href in article.xpath(".//a/@href") if href.startswith("#")}
    dropped = 0
    for docname, listing in list(by_chapter(article, ("div",))):
        if "citation-list" not in (listing.get("class") or "").split():
            continue
        entries = listing.xpath(f'./div[{HAS_CLASS.format("citation")}]')
        gone = [e for e in entries if e.get("id") not in cited]
        if not gone:
            continue
        for entry in gone:
            drop(entry)
        kept = len(entries) - len(gone)
        listing.addprevious(lxml.html.fragment_fromstring(
            f'<p class="pdf-table-cut">The {kept:,} works, of {len(entries):,}, that this edition '
            f'cites; the whole list is on <a href="{html.escape(docname or page, quote=True)}'
            f'.html" class="{SITE_LINK}">the website\'s page</a>.</p>'))
        dropped += len(gone)
    return dropped
