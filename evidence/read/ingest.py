"""Raw bytes -> RawDocument: decode text files, extract the article from HTML.

Never touches the network: HTML is parsed from the bytes on disk only.
Problems that make a file unusable raise ``SourceProblem`` with one short line.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from evidence.model import RawDocument, SourceProblem
from evidence.read import html_meta

# Byte-order marks, longest first (UTF-32-LE starts with the UTF-16-LE mark).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_ALLOWED_CONTROLS = set("\t\n\r\f")
# C0 controls other than the allowed ones, DEL and C1 controls, and U+FFFD.
_CONTROL_CHARS = re.compile("[" + "".join(
    re.escape(chr(c)) for c in [*range(0x20), *range(0x7F, 0xA0), 0xFFFD]
    if chr(c) not in _ALLOWED_CONTROLS) + "]")
MAX_CONTROL_SHARE = 0.05     # more control characters than this => not text
HTML_SUFFIXES = {".html", ".htm"}
PREFERRED_LEGACY = "cp1252"
MIN_HTML_LINE_WORDS = 5     # extracted HTML with no line this long holds no article (a menu)
# Fixed bounds keep htmldate's answer independent of the day the build runs.
_DATE_PARAMS = {"original_date": True, "extensive_search": False,
                "min_date": "1995-01-01", "max_date": "2100-01-01"}


def read(path: Path, source_id: str) -> RawDocument:
    path = Path(path)
    data = path.read_bytes()
    text, encoding, warnings = decode(data)
    doc = RawDocument(source_id=source_id, path=str(path), fmt="txt", text=text,
                      sha256=hashlib.sha256(data).hexdigest(), encoding=encoding,
                      warnings=warnings)
    if path.suffix.lower() in HTML_SUFFIXES:
        _fill_from_html(doc)
    return doc


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes -> (text with '\\n' line ends, encoding name, warnings)."""
    if not data.strip():
        raise SourceProblem("file is empty" if not data else "file contains only whitespace")
    warnings: list[str] = []
    bom = next(((mark, enc) for mark, enc in _BOMS if data.startswith(mark)), None)
    if bom:
        encoding = bom[1]
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise SourceProblem(f"starts with a {encoding} byte-order mark but does not "
                                "decode as it") from None
        if encoding != "utf-8-sig":
            warnings.append(f"not UTF-8: decoded as {encoding} (byte-order mark)")
        encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    else:
        if b"\x00" in data:
            raise SourceProblem("binary file (contains NUL bytes), not text")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data)
            warnings.append(f"not UTF-8: decoded as {encoding} (detected by charset-normalizer)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_text_like(text)
    return text, encoding, warnings


def _decode_legacy(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes   # imported here: only legacy files need it
    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise SourceProblem("undecodable: not UTF-8 and no text encoding fits")
    # Short texts often fit several code pages equally well; among the equally good
    # ones, take the most common legacy encoding of web text.
    tied = [m.encoding for m in matches
            if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    encoding = PREFERRED_LEGACY if PREFERRED_LEGACY in tied else best.encoding
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise SourceProblem(f"undecodable: not UTF-8 and not valid {encoding}") from None


def _check_text_like(text: str) -> None:
    if not text.strip():
        raise SourceProblem("file contains only whitespace")
    controls = len(_CONTROL_CHARS.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise SourceProblem(f"binary file ({controls} control characters in "
                            f"{len(text)}), not text")


@lru_cache(maxsize=1)
def _extractor():
    """trafilatura's options, built once: building them per page re-read its config
    file settings each time. (trafilatura copies them before changing any.)"""
    from trafilatura.settings import Extractor   # imported here: text sources never pay for it
    return Extractor(
        output_format="python", with_metadata=True, comments=False, tables=True,
        images=False, links=False, dedup=False,
        fast=True,   # skip the justext/readability fallback: half the time, same text here
        date_params=dict(_DATE_PARAMS))


def _fill_from_html(doc: RawDocument) -> None:
    import trafilatura   # imported here: text sources never pay for it
    page = doc.text
    result = trafilatura.bare_extraction(page, options=_extractor())
    body = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not any(len(line.split()) >= MIN_HTML_LINE_WORDS for line in body.splitlines()):
        raise SourceProblem("HTML page with no extractable article text")
    doc.fmt = "html"
    doc.text = body.replace("\r\n", "\n") + "\n"
    doc.html_title = _one_line(result.title)
    doc.html_site_name = _one_line(result.sitename)
    doc.html_author = _one_line(result.author)
    # The page's own markup dates it (never a modification date) and names its address.
    doc.html_date, doc.html_url = html_meta.read(page)


def _one_line(value) -> str:
    return " ".join(str(value).split()) if value else ""

