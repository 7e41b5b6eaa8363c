"""What a saved web page says of itself in its markup: the publication date
(``article:published_time``, JSON-LD ``datePublished``, ``itemprop=datePublished``,
Dublin Core / ``pubdate`` meta) and its own address (canonical link, ``og:url``).
Modification dates (``dateModified``, ``article:modified_time``, ``og:updated_time``)
are never a publication date. A date read here is evidence that ``pubdate`` checks
against the content."""
from __future__ import annotations

import datetime as dt
import json
import re

import lxml.html

# meta name/property values that carry the publication date (lower case)
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished",
                  "pubdate", "publishdate", "publish-date", "publication_date",
                  "dc.date.issued", "dcterms.issued", "parsely-pub-date", "sailthru.date",
                  "cxenseparse:recs:publishtime")
URL_META = ("og:url",)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _date(value: str | None) -> dt.date | None:
    m = _ISO.search(value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _json_ld_dates(node, out: list[str]) -> None:
    if isinstance(node, dict):
        value = node.get("datePublished")
        if isinstance(value, str):
            out.append(value)
        for child in node.values():
            _json_ld_dates(child, out)
    elif isinstance(node, list):
        for child in node:
            _json_ld_dates(child, out)


def read(page: str) -> tuple[dt.date | None, str]:
    """(publication date or None, the page's own URL or "") from the HTML markup."""
    try:
        tree = lxml.html.fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return None, ""
    published = None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in PUBLISHED_META and published is None:
            published = _date(meta.get("content"))
    for el in tree.xpath('//*[@itemprop="datePublished"]'):
        published = published or _date(el.get("datetime") or el.get("content") or el.text)
    if published is None:
        for script in tree.xpath('//script[@type="application/ld+json"]'):
            found: list[str] = []
            try:
                _json_ld_dates(json.loads(script.text or ""), found)
            except ValueError:
                continue
            published = next(filter(None, map(_date, found)), None)
            if published:
                break
    url = next((link.get("href", "") for link in tree.xpath('//link[@rel="canonical"]')
                if link.get("href")), "")
    if not url:
        url = next((m.get("content", "") for m in tree.iter("meta")
                    if (m.get("property") or "").lower() in URL_META and m.get("content")), "")
    return published, url.strip()
