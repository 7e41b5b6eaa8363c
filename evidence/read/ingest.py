"""Raw bytes -> RawDocument: decode text, read PDFs and MHTML, extract articles from HTML.

Each file type in ``paths.SOURCE_SUFFIXES`` has a reader: plain text and HTML are decoded
by ``encodings``, a PDF's text layer is read by ``pdf``, an MHTML file's page by
``mhtml`` and then extracted like any HTML page. Any other extension is a
``SourceProblem`` saying how to save the article instead. The text's language is
detected (``language``). Capture stamps (a PDF's CreationDate/ModDate, an MHTML's
``Date:`` header) become upper bounds on the publication date, never a date; a file's
modification time is never read (a checkout sets it, so it means nothing).
Never touches the network: HTML is parsed from the bytes on disk only.
Problems that make a file unusable raise ``SourceProblem`` with one short line.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from evidence.read import captions, encodings, html_meta, language, mhtml, pdf

from evidence import paths
from evidence.model import RawDocument, SourceProblem

_SAME_AS = {".htm": "html", ".mht": "mhtml"}     # other suffixes name their kind
SAVE_AS = "save the article as .txt, .html, .pdf or .mhtml"
MIN_HTML_LINE_WORDS = 5     # extracted HTML with no line this long holds no article (a menu)
# The latest zone (UTC+14): a stamp's instant is on or before this calendar day anywhere.
_LATEST_ZONE = dt.timezone(dt.timedelta(hours=14))


def read(path: Path, source_id: str) -> RawDocument:
    path = Path(path)
    suffix = path.suffix.lower()
    kind = _SAME_AS.get(suffix, suffix[1:]) if suffix in paths.SOURCE_SUFFIXES else None
    if kind is None:
        what = f"'{path.suffix}' files" if path.suffix else "files without an extension"
        raise SourceProblem(f"{what} are not read: {SAVE_AS}")
    data = path.read_bytes()
    if not data.strip():
        raise SourceProblem("file is empty" if not data else "file contains only whitespace")
    doc = RawDocument(source_id=source_id, path=str(path), fmt="txt", text="",
                      sha256=hashlib.sha256(data).hexdigest(), file_format=kind)
    if kind == "pdf":
        doc.text, doc.html_url, stamps = pdf.read(data)
        doc.encoding, doc.encoding_method = "pdf text layer", "pdf"
        doc.capture_bounds = _bounds(stamps)
    elif kind == "mhtml":
        page, charset, address, stamps = mhtml.read(data)
        _decode_into(doc, page, charset)
        doc.capture_bounds = _bounds(stamps)
        _fill_from_html(doc)
        doc.html_url = doc.html_url or address
    else:
        _decode_into(doc, data, _meta_charset(data) if kind == "html" else "")
        if kind == "html":
            _fill_from_html(doc)
    doc.language, doc.language_confidence = language.detect(doc.text)
    if doc.language and doc.language != language.RULES_LANGUAGE:
        doc.warnings.append(language.not_analysed(doc.language))
    return doc


def _decode_into(doc: RawDocument, data: bytes, declared: str = "") -> None:
    """Decode ``data`` into ``doc`` as ``encodings`` decides (``declared``: the charset
    an MHTML part or a page's <meta> states, used for bytes that are not UTF-8)."""
    out = encodings.decode(data, declared)
    doc.text, doc.encoding, doc.warnings = out.text, out.encoding, out.warnings
    doc.encoding_method, doc.encoding_confidence = out.method, out.confidence
    doc.encoding_flags = out.flags


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def _meta_charset(data: bytes) -> str:
    """The charset a page declares in its <meta> (within its first 4 KB), or ""."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else ""


def _bounds(stamps: list[tuple[dt.datetime, str]]) -> tuple[tuple[dt.date, str], ...]:
    """Capture stamps -> (latest possible publication day, what says so). A stamp with
    a zone is read in the latest zone on earth; one without, a day later than written."""
    out = []
    for stamp, what in stamps:
        if stamp.tzinfo is not None:
            day = stamp.astimezone(_LATEST_ZONE).date()
        else:
            day = stamp.date() + dt.timedelta(days=1)
        out.append((day, f"{what} {stamp.isoformat()}: the file was made then, so the "
                         f"article appeared on or before {day}"))
    return tuple(sorted(set(out)))


@lru_cache(maxsize=1)
def _extractor():
    """trafilatura's options, built once: building them per page re-read its config
    file settings each time. (trafilatura copies them before changing any.) Without
    its metadata: ``_page_fields`` reads the three fields used."""
    from trafilatura.settings import Extractor   # imported here: text sources never pay for it
    return Extractor(
        output_format="python", with_metadata=False, comments=False, tables=True,
        images=False, links=False, dedup=False,
        fast=True)   # skip the justext/readability fallback: half the time, same text here


def _fill_from_html(doc: RawDocument) -> None:
    import trafilatura   # imported here: text sources never pay for it
    from trafilatura.utils import load_html
    page = doc.text
    # the page parsed as trafilatura parses it: its extraction works on a copy, and
    # the untouched tree gives the title, site name and author
    tree = load_html(page, _extractor().max_file_size)
    result = trafilatura.bare_extraction(page if tree is None else tree, options=_extractor())
    body = (getattr(result, "text", None) or "").strip() if result is not None else ""
    fields = _page_fields(tree) if body else None
    if fields is None or not any(len(line.split()) >= MIN_HTML_LINE_WORDS
                                 for line in body.splitlines()):
        raise SourceProblem("HTML page with no extractable article text")
    doc.fmt = "html"
    doc.text = (body + captions.block(page, body)).replace("\r\n", "\n") + "\n"
    doc.html_title, doc.html_site_name, doc.html_author = map(_one_line, fields)
    # The page's own markup dates it (never a modification date) and names its address.
    markup = html_meta.read_page(page)
    doc.html_date, doc.html_url, doc.html_date_line = markup.published, markup.url, markup.date_line


def _page_fields(tree) -> tuple | None:
    """(title, site name, author) as trafilatura's ``extract_metadata`` finds them, by
    its own steps in its order, leaving out those whose fields are never read here
    (htmldate's date, categories, tags, licence: a third of reading a page; the page's
    date is ``html_meta``'s). None where trafilatura would discard the page."""
    from trafilatura import metadata as tm
    from evidence.read import html_author   # imports trafilatura too
    try:
        found = tm.examine_meta(tree)
        if found.author and " " not in found.author:
            found.author = None
        try:
            found = tm.extract_meta_json(tree, found)
        except Exception as err:    # as trafilatura: a broken JSON-LD block is skipped
            tm.LOGGER.warning("error in JSON metadata extraction: %s", err)
        found.title = found.title or tm.extract_title(tree)
        found.author = found.author or html_author.author(tree)   # as tm.extract_author
        found.sitename = found.sitename or tm.extract_sitename(tree)
        if found.sitename:
            found.sitename = found.sitename.lstrip("@")
            if found.sitename and "." not in found.sitename and not found.sitename[0].isupper():
                found.sitename = found.sitename.title()
        else:
            named = tm.META_URL.match(found.url or tm.extract_url(tree) or "")
            found.sitename = named[1] if named else found.sitename
    except (TypeError, ValueError):
        return None
    found.clean_and_trim()
    return found.title, found.sitename, found.author


def _one_line(value) -> str:
    return " ".join(str(value).split()) if value else ""
