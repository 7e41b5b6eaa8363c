"""A browser's "save as single file" (.mhtml / .mht): a MIME message holding the page.

The standard library's ``email`` parser undoes the parts' transfer encoding
(quoted-printable or base64); the page is the HTML part the message's
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


def read(data: bytes) -> tuple[bytes, str, str, list[tuple[dt.datetime, str]]]:
    """(the page's HTML bytes, the charset its part declares or "", its address,
    [(stamp, what it is)]) of an MHTML file's bytes. Browsers often declare no charset
    on the part (the page's own <meta> does), so decoding is left to ``encodings``."""
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
    payload = page.get_payload(decode=True) or b""
    stamps = []
    try:
        saved = email.utils.parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        saved = None
    if saved is not None:
        stamps.append((saved, "MHTML Date header"))
    address = location or str(page.get("Content-Location", "") or "").strip()
    return payload, page.get_content_charset() or "", address, stamps
