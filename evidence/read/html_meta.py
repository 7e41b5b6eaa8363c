"""What a saved web page says of itself in its markup: the publication date, its own
address (canonical link, ``og:url``) and the date line printed by its headline.

The markup date is read from the publication-date names htmldate knows (``meta``
name/property/itemprop such as ``article:published_time``, ``pubdate``, ``date``,
``parsely-pub-date``, ``sailthru.date``, ``dc.date``, ``DC.date.issued``), JSON-LD
``datePublished`` (nested or in an ``@graph``), ``itemprop="datePublished"`` and
``<time datetime>``; modification dates (``dateModified``, ``article:modified_time``,
``og:updated_time``, a ``<time>`` marked as an update) are never a publication date.
The date line ("Published October 31, 2025", perhaps split over inline elements, or a
``<div>`` holding just "November 03, 2025") is the first one printed between the
headline and the article's body: page furniture that article extraction drops, so it is
kept here, as printed, for ``pubdate_claims``. Every date read here is evidence that
``pubdate`` checks against the content.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import lxml.html
from htmldate.core import DATE_ATTRIBUTES, NAME_MODIFIED, PROPERTY_MODIFIED

from evidence import text as tx
from evidence.read import clean as cleaning
from evidence.read import pubdate_claims

# meta name/property/itemprop values that carry the publication date (lower case):
# htmldate's, less the modification names and its loosest one ("meta")
PUBLISHED_META = frozenset(DATE_ATTRIBUTES - NAME_MODIFIED - PROPERTY_MODIFIED - {"meta"})
# the names that say "published" outright, read before JSON-LD and the looser names
# ("date", "created", "timestamp") that a page may also use for when it was served
PRIMARY_META = frozenset(("article:published_time", "og:article:published_time", "datepublished",
                          "pubdate", "publishdate", "publish-date", "publication_date",
                          "dc.date.issued", "dcterms.issued", "parsely-pub-date", "sailthru.date"))
URL_META = ("og:url",)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_JSON_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
# a <time> or date element marked as an update, and update labels before a date line
_MODIFIED = re.compile(r"modif|updat|edited|revis", re.I)
_UPDATE_LABEL = re.compile(r"(?:last\s+)?(?:updated?|modified|edited|revised)\s*(?:on|at)?\s*[:|]?\s*$", re.I)
_PUBLISH_LABEL = re.compile(r"(?:published|posted|first published)\s*(?:on)?\s*:?\s*$", re.I)
_LABELLED = re.compile(r"\s*(?:(?:first\s+)?published|posted|(?:last\s+)?(?:updated?|modified|edited|revised))\b", re.I)
_SEPARATORS = re.compile(r"\s*[|•·]\s*")
_NOT_THE_ARTICLE = frozenset(("a", "nav", "footer", "aside", "script", "style", "noscript",
                              "button", "form", "select", "figcaption"))
DATE_LINE_CHARS = 80          # a date line is short: label, date, time
BODY_PARAGRAPHS = 2           # the body has begun after this many paragraphs of prose
BODY_WORDS = 15
NEAR_HEADLINE = 40            # elements with text of their own: the date line is nearer


@dataclass(frozen=True)
class PageMarkup:
    published: dt.date | None = None   # the markup's publication date
    url: str = ""                      # the page's own address
    date_line: str = ""                # the date line by the headline, as printed


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
    found = read_page(page)
    return found.published, found.url


def read_page(page: str) -> PageMarkup:
    """Everything the markup says of the page's date and address."""
    try:
        tree = lxml.html.fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return PageMarkup()
    url = next((link.get("href", "") for link in tree.xpath('//link[@rel="canonical"]')
                if link.get("href")), "")
    if not url:
        url = next((m.get("content", "") for m in tree.iter("meta")
                    if (m.get("property") or "").lower() in URL_META and m.get("content")), "")
    return PageMarkup(_published(tree), url.strip(), date_line(tree))


def _published(tree) -> dt.date | None:
    loose = None
    for meta in tree.iter("meta"):
        for attr in ("property", "name", "itemprop"):
            key = (meta.get(attr) or "").lower()
            if key in PUBLISHED_META:
                day = _date(meta.get("content"))
                if day and key in PRIMARY_META:
                    return day
                loose = loose or day
    return _json_ld(tree) or _itemprop(tree) or loose or _time_element(tree)


def _json_ld(tree) -> dt.date | None:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        found: list[str] = []
        try:
            _json_ld_dates(json.loads(script.text or ""), found)
        except ValueError:          # broken JSON: its datePublished is still legible
            found = _JSON_PUBLISHED.findall(script.text or "")
        day = next(filter(None, map(_date, found)), None)
        if day:
            return day
    return None


def _itemprop(tree) -> dt.date | None:
    for el in tree.xpath('//*[@itemprop="datePublished"]'):
        day = _date(el.get("datetime") or el.get("content") or el.text)
        if day:
            return day
    return None


def _time_element(tree) -> dt.date | None:
    """A ``<time datetime>`` marked as the publication (``pubdate``), else the one date
    all the page's unmarked ``<time>`` elements agree on (a list of other stories' times
    dates nothing)."""
    days = []
    for el in tree.iter("time"):
        marks = " ".join(el.get(a, "") for a in ("class", "itemprop", "id"))
        if _MODIFIED.search(marks) or _inside_other(el):
            continue
        day = _date(el.get("datetime"))
        if day and el.get("pubdate") is not None:
            return day
        if day:
            days.append(day)
    return days[0] if days and len(set(days)) == 1 else None


def _inside_other(el) -> bool:
    """Whether an element sits in a link, the navigation, an aside or a footer."""
    return any(a.tag in _NOT_THE_ARTICLE for a in el.iterancestors() if isinstance(a.tag, str))


def _text(el) -> str:
    return " ".join(el.text_content().split())


def date_line(tree) -> str:
    """The publication date line printed between the headline (the first ``<h1>``) and
    the body, as printed (with its "Published" label when it has one); "" when there
    is none, when it is an update line, or when a page without a headline prints
    different date lines."""
    h1 = next(tree.iter("h1"), None)
    after = h1 is None
    headline = set(h1.iter()) if h1 is not None else set()
    seen, prose, near = [], 0, 0
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el is h1:
            after = True
            continue
        if not after or el.tag in _NOT_THE_ARTICLE or el in headline:
            continue
        if h1 is not None and (el.text or "").strip():
            near += 1
            if near > NEAR_HEADLINE:
                break
        if el.tag == "p" and len(_text(el).split()) >= BODY_WORDS:
            prose += 1
            if prose >= BODY_PARAGRAPHS and h1 is not None:
                break
            continue
        if el.text and any(c.isdigit() for c in el.text) and not _inside_other(el):
            line = _line_of(el)
            if line:
                if h1 is not None:
                    return line
                seen.append(line)
    return seen[0] if seen and len({tx.simple_date(s) for s in seen}) == 1 else ""


def _line_of(el) -> str:
    """The date line ``el`` prints (its own text a date, perhaps after a label in the
    same element or just before it in its parent), or ""."""
    own = _text(el)
    if len(own) > DATE_LINE_CHARS:
        return ""
    for seg in _SEPARATORS.split(own):
        if _is_date_line(seg) and not _UPDATE_LABEL.search(own[:own.find(seg)]):
            before = _before(el, seg)
            if _UPDATE_LABEL.search(before):
                return ""
            label = _PUBLISH_LABEL.search(before)
            return f"{label.group(0).strip()} {seg}" if label and not _LABELLED.match(seg) else seg
    return ""


def _before(el, seg: str) -> str:
    """The text just before ``seg`` in ``el``'s parent (a label in a sibling span)."""
    parent = el.getparent()
    if parent is None:
        return ""
    whole = _text(parent)
    if len(whole) > 2 * DATE_LINE_CHARS:
        return ""
    at = whole.find(seg)
    return whole[:at] if at > 0 else ""


def _is_date_line(seg: str) -> bool:
    """A header date line by the furniture rules, or a date line as ``pubdate_claims``
    reads one ("Tuesday, 4 Qaws 1404"); never an update line."""
    labelled = _LABELLED.match(seg)
    if labelled and _MODIFIED.search(labelled.group(0)):
        return False
    rule = cleaning.line_rule(seg)
    if rule and rule.id in cleaning.HEADER_DATE_RULES and tx.simple_date(seg):
        return True
    return pubdate_claims.line_date(seg) is not None
