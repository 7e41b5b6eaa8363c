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


def _links_by_chapter(article):
    """(docname, <a> element) in document order; a chapter starts at its mark."""
    docname = None
    for element in article.find_all(True):
        ident = element.get("id") or ""
        if ident.startswith(DOC_MARK):
            docname = ident[len(DOC_MARK):]
        if element.name == "a" and element.get("href"):
            yield docname, element


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
    soup = BeautifulSoup(single_page, "html.parser")
    article = soup.select_one("article.bd-article") or soup.body
    if article is None:
        raise ValueError("the single page has no article")
    for selector in DROP:
        for element in article.select(selector):
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
