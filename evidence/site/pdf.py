"""The PDF edition: the whole report as one PDF in the site, made with WeasyPrint.

``python -m evidence.site.pdf`` runs after the site build (``make book``).  When the
pages the PDF is made of are unchanged since the last PDF, it does nothing at all:
nothing rewritten.  Otherwise it assembles the site's own chapter pages into one
article (``print_pages``: no second Sphinx build), turns it into a print document
(``printable``) and renders it with WeasyPrint, using the site's stylesheet and
``pdf.css`` beside this module (pages, running heads, page numbers, the contents'
page numbers).  The PDF is written only when its bytes differ.

WeasyPrint, not a browser's "print to PDF": it is a pinned Python package of the lock,
so a fresh clone builds the PDF without root, a browser or a download; it implements
CSS paged media (page numbers in the margins, ``target-counter`` page numbers in the
contents, PDF bookmarks from the headings, internal links); it runs no JavaScript and
fetches only local files here; and the same input gives the same bytes.
"""
from __future__ import annotations

import hashlib
import logging
import sys
from pathlib import Path

from evidence import files, paths
from evidence.site import print_pages
from evidence.site.printable import printable

BUILD = paths.ROOT / "_build"
SITE = BUILD / "html"
STAMP = BUILD / ".pdf-inputs"
PDF_NAME = "ceasefire-in-the-sources.pdf"
# The site's stylesheet, then the print one (kept out of _static/, whose every .css
# file Jupyter Book adds to the website's pages).
STYLES = [paths.ROOT / "_static" / "custom.css", Path(__file__).with_name("pdf.css")]
TITLE = "The ceasefire in the sources"
SUBTITLE = ("A source-critical report on the October–November 2025 Pakistan–Afghanistan "
            "ceasefire process, built from the raw news articles by code that anyone can "
            "rerun. Links to source pages and data files lead to the website this PDF is "
            "published with.")
# Pages of the site that are not in the PDF (it holds the chapters only).
NOT_IN_PDF = ("book/sources/", "_static/", "_sources/", "_downloads/", "data/",
              "genindex.html", "search.html", "searchindex.js")


def inputs_fingerprint(site: Path = SITE) -> str:
    """Digest of what the PDF is made of: the site's chapter pages and images, the
    stylesheets and this code."""
    wanted = [p for p in sorted(site.rglob("*")) if p.is_file()
              and not p.relative_to(site).as_posix().startswith(NOT_IN_PDF)
              and p.suffix in (".html", ".png", ".svg", ".jpg")]
    digest = hashlib.sha256()
    for path in [*wanted, *STYLES, *sorted(Path(__file__).parent.glob("*.py"))]:
        digest.update(path.relative_to(paths.ROOT).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def local_fetcher():
    """A WeasyPrint fetcher for data: URIs and the checkout's own files only: the PDF
    build never touches the network."""
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file:") and \
                    not url.startswith(paths.ROOT.resolve().as_uri() + "/"):
                raise ValueError(f"not fetched (outside the checkout): {url[:80]}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=["file", "data"])


def render(site: Path = SITE) -> bytes:
    import weasyprint
    logging.getLogger("weasyprint").setLevel(logging.ERROR)   # unsupported screen CSS
    document = printable(print_pages.assemble(site, paths.ROOT / "_toc.yml"), TITLE, SUBTITLE)
    fetcher = local_fetcher()
    return weasyprint.HTML(string=document, url_fetcher=fetcher).write_pdf(
        stylesheets=[weasyprint.CSS(filename=str(s), url_fetcher=fetcher) for s in STYLES])


def main() -> int:
    target = SITE / PDF_NAME
    if not (SITE / "index.html").is_file():
        print("error: no site in _build/html: build it first (make book)", file=sys.stderr)
        return 1
    fingerprint = inputs_fingerprint()
    if target.is_file() and STAMP.is_file() and STAMP.read_text() == fingerprint:
        print(f"PDF edition up to date: {target.relative_to(paths.ROOT)}")
        return 0
    try:
        data = render()
    except (OSError, ValueError) as error:
        print(f"error: the PDF edition could not be made: {error}", file=sys.stderr)
        return 1
    changed = not target.is_file() or target.read_bytes() != data
    if changed:
        files.write_atomic(target, data)
    STAMP.write_text(fingerprint)
    print(f"PDF edition {'written' if changed else 'unchanged'}: "
          f"{target.relative_to(paths.ROOT)} ({len(data) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
