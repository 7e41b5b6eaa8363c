"""The PDF's one document, assembled from the site's own chapter pages.

The website's build has already written every chapter; the PDF is made of those
pages, in the order of the table of contents (``_toc.yml``), without a second
Sphinx build (a single-page build re-wrote every document: half a minute at a
thousand sources). Each chapter's article goes, after a mark ``document-<name>`` (the home page has
one too), into the home page's article where Sphinx's single page would put it (the
toctree's place, one per part), its headings one level down as Sphinx nests them,
its ids prefixed with its name (every page numbers its own: "id1", "id2", ...).
First its long parts are cut for paper (``print_cuts``). Then its links, written
relative to the chapter's own page, are resolved: a
link to a chapter of the PDF becomes an internal link, a link to anything else of
the site (a source page, a downloadable table) becomes relative to the site's
root, where the PDF is published, and an image becomes a ``file:`` URI of the
site's copy. Last, the bibliography keeps the works the edition cites.
"""
from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import yaml

from evidence.site import print_cuts

DOC_MARK = print_cuts.DOC_MARK
SITE_LINK = print_cuts.SITE_LINK
_HAS_CLASS = print_cuts.HAS_CLASS
DEMOTE = {f"h{i}": f"h{min(i + 1, 6)}" for i in range(1, 7)}


def _files(entries: list) -> list[str]:
    """The documents of a part's chapters, their sections after each, in order."""
    found = []
    for entry in entries or []:
        if "file" in entry:
            found.append(str(entry["file"]))
        found += _files(entry.get("sections"))
    return found


def toc_order(toc_file: Path) -> tuple[str, list[list[str]]]:
    """(root document, the documents of each part in order) of a jb-book ``_toc.yml``;
    a table of contents without parts is one part."""
    toc = yaml.safe_load(toc_file.read_text(encoding="utf-8"))
    parts = toc.get("parts") or [{"chapters": toc.get("chapters") or []}]
    return str(toc["root"]), [_files(part.get("chapters")) for part in parts]


def _article(site: Path, docname: str):
    page = site / f"{docname}.html"
    if not page.is_file():
        raise FileNotFoundError(f"the site has no page for {docname}: {page}")
    document = lxml.html.document_fromstring(page.read_bytes())
    found = document.xpath(f'//article[{_HAS_CLASS.format("bd-article")}]')
    article = found[0] if found else document.find("body")
    if article is None:
        raise ValueError(f"{page} has no article")
    return article


def anchor(docname: str, ident: str) -> str:
    """An id of ``docname``'s page as it stands in the PDF: every page numbers its own
    ids (Sphinx's "id1", "id2", ... for citations), so each is prefixed with its page."""
    return f"{docname}:{ident}"


def resolve(href: str, docname: str, docs: set[str]) -> str | None:
    """``href`` as written in the page of ``docname`` -> the href in the PDF, or None
    when it stays as it is (another site)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:                                  # a place on the same page
        return f"#{anchor(docname, parts.fragment)}" if parts.fragment else None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(docname), parts.path))
    target = path[:-len(".html")] if path.endswith(".html") else None
    if target in docs:
        return f"#{anchor(target, parts.fragment)}" if parts.fragment else f"#{DOC_MARK}{target}"
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def rebase(article, docname: str, docs: set[str], site: Path) -> None:
    """Prefix the ids of ``docname``'s article with its page (``anchor``), and resolve
    its links and image sources (``resolve``), but the links the cuts wrote, already
    relative to the site's root."""
    for element in article.iter():
        ident = element.get("id") if isinstance(element.tag, str) else None
        if ident:
            element.set("id", anchor(docname, ident))
    for link in article.iter("a"):
        href = link.get("href")
        if not href or SITE_LINK in (link.get("class") or "").split():    # a cut's own
            continue
        new = resolve(href, docname, docs)
        if new is not None:
            link.set("href", new)
            if not new.startswith("#"):
                link.set("class", f'{link.get("class") or ""} {SITE_LINK}'.strip())
    for image in article.iter("img"):
        src = urlsplit(image.get("src") or "")
        if src.path and not (src.scheme or src.netloc):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(docname), src.path))
            image.set("src", (site / path).resolve().as_uri())


def _demote(article) -> None:
    for element in article.iter(*DEMOTE):
        element.tag = DEMOTE[element.tag]


def assemble(site: Path, toc_file: Path):
    """The home page's article (an lxml element) holding every chapter of the table
    of contents, long parts cut, ids made unique and links resolved."""
    root, parts = toc_order(toc_file)
    docs = {root, *(doc for part in parts for doc in part)}

    def prepared(docname: str):
        article = _article(site, docname)
        print_cuts.shorten(article, docname)     # first: fewer links left to resolve
        rebase(article, docname, docs, site)
        return article

    home = prepared(root)
    home.insert(0, lxml.html.Element(print_cuts.MARK_TAG, id=f"{DOC_MARK}{root}"))    # the first chapter
    wrappers = home.xpath(f'.//div[{_HAS_CLASS.format("toctree-wrapper")}]')
    container = home.xpath("./section") or [home]
    for i, part in enumerate(parts):
        place = wrappers[i] if i < len(wrappers) else container[-1]
        for docname in part:
            chapter = prepared(docname)
            _demote(chapter)
            place.append(lxml.html.Element(print_cuts.MARK_TAG, id=f"{DOC_MARK}{docname}"))
            for child in list(chapter):
                place.append(child)
    print_cuts.cited_only(home, root)    # after the cuts: what cut rows cited is not cited
    return home


def article_html(site: Path, toc_file: Path) -> str:
    """``assemble`` as HTML."""
    return lxml.html.tostring(assemble(site, toc_file), encoding="unicode", with_tail=False)
