"""A browser's "save as single file" (.mhtml / .mht): a MIME message holding the page.

The standard library's ``email`` parser decodes the parts (quoted-printable or base64,
in the charset each part declares); the page is the HTML part the message's
``Snapshot-Content-Location`` names, else the first HTML part. Its ``Date:`` header says
when the page was saved — it dates the capture, not the article — and is returned as
such, with the saved page's address.
"""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils

from evidence.model import SourceProblem


def read(data: bytes) -> tuple[str, str, list[tuple[dt.datetime, str]]]:
    """(the page's HTML, its address, [(stamp, what it is)]) of an MHTML file's bytes."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not message.is_multipart() and message.get_content_type() != "text/html":
        raise SourceProblem("not an MHTML file (no MIME parts): save the page again with "
                            "the browser's 'single file' option, or as .html")
    location = str(message.get("Snapshot-Content-Location", "") or "").strip()
    parts = [p for p in message.walk() if p.get_content_type() == "text/html"]
    if not parts:
        raise SourceProblem("MHTML file with no HTML part: save the page again, or as .html")
    page = next((p for p in parts if location and
                 str(p.get("Content-Location", "")).strip() == location), parts[0])
    try:
        html = page.get_content()
    except (LookupError, UnicodeDecodeError, ValueError) as exc:
        raise SourceProblem(f"MHTML page part cannot be decoded ({exc.__class__.__name__}): "
                            "save the page again, or as .html") from None
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    stamps = []
    try:
        saved = email.utils.parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        saved = None
    if saved is not None:
        stamps.append((saved, "MHTML Date header"))
    address = location or str(page.get("Content-Location", "") or "").strip()
    return html, address, stamps
