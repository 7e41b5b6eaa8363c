"""Headline, outlet, dateline, byline: from the registry, the HTML, or the text.

Outlet precedence: registry entry > HTML site name > what the text names (an
aggregator's "(AGGREGATOR- Outlet)" tag, the agency credited in the dateline
"ISTANBUL, Oct 31 (Reuters) -", "Discover more from Outlet", a print-edition note
"Published in Outlet, <date>", "Follow Outlet on WhatsApp", a lone outlet-name
line, a copyright holder) > the host of the page's address, by the readable name the
page's frame spells it with (``outlet_names``) > unknown. An all-capitals agency
("BNA") becomes the name the page spells out for it.

Page furniture is never taken for a headline or an outlet (``furniture.yml``,
``metadata``): a headline is the first headline-like paragraph of the page's head block
(above the lead) that is not a breadcrumb, section label, reading-time or date line; a
name that is a page label ("Author", "Topics", "News"), a rights notice or a date is no
outlet. Empty is better than wrong.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from urllib.parse import urlsplit

from evidence.read import clean as cleaning
from evidence.read import date_scan, firstline, outlet_names, pubdate_claims
from evidence.text import paragraphs
from evidence.model import CleanDocument, Metadata, RawDocument, RegistryEntry

# Which removed-furniture rules name the outlet, most reliable first.
_OUTLET_RULES = ("aggregator_prefix", "dateline_credit", "subscribe_prompt", "print_edition",
                 "social_follow", "outlet_name", "copyright")
LEAD_PARAGRAPHS = 4      # a dateline opens the lead: look no further down
HEAD_PARAGRAPHS = 8      # the head block (kicker, headline, labels) is no longer than this


@lru_cache(maxsize=None)
def _rules() -> dict:
    spec = cleaning.config()["metadata"]
    whole = lambda pats: re.compile("|".join(f"(?:{p})" for p in pats), re.I)  # noqa: E731
    return {"stamp": re.compile(spec["stamp_prefix"], re.I),
            "not_headline": whole(spec["not_headline"]),
            "not_outlet": whole(spec["not_outlet"]),
            "min_words": spec["headline_min_words"]}


def is_furniture_headline(text: str) -> bool:
    """A page label, breadcrumb, date line or byline: never a headline."""
    text = text.strip()
    return (len(text.split()) < _rules()["min_words"]
            or bool(_rules()["not_headline"].fullmatch(text))
            or cleaning.line_rule(text) is not None
            or pubdate_claims.line_date(text) is not None)     # "Tuesday, 4 Qaws 1404"


def usable_outlet(name: str) -> str:
    """``name`` when it can name an outlet; "" for page furniture ("Author", "Topics",
    "All rights reserved", a date)."""
    name = name.strip(" \t|·•-–—:,.")
    return "" if not name or _rules()["not_outlet"].fullmatch(name) else name


def extract(raw: RawDocument, clean: CleanDocument, entry: RegistryEntry) -> Metadata:
    outlet, basis = _outlet(raw, clean, entry)
    return Metadata(headline=_headline(raw, clean), outlet=outlet, outlet_basis=basis,
                    dateline=_dateline(clean), byline=_byline(raw, clean))


def _headline(raw: RawDocument, clean: CleanDocument) -> str:
    if raw.fmt == "html" and raw.html_title and not is_furniture_headline(raw.html_title):
        return raw.html_title
    end = clean.stories[0].end if clean.stories else len(clean.text)
    for start, stop in _head(clean.text, end)[:HEAD_PARAGRAPHS]:
        para = _rules()["stamp"].sub("", clean.text[start:stop], count=1).strip()
        if not para or is_furniture_headline(para) or _place_date(para):
            continue
        if cleaning.headline_like(para):
            return para
        break            # the lead: a headline stands above it or not at all
    return ""


@lru_cache(maxsize=4)
def _head(text: str, end: int) -> tuple[tuple[int, int], ...]:
    """(start, stop) of the first paragraphs of ``text[:end]`` (the first story), as many
    as any reader here reads: found once per document, where the headline, the dateline,
    its credit and the byline each looked for them again."""
    return tuple(islice(paragraphs(text[:end]),
                        max(HEAD_PARAGRAPHS, LEAD_PARAGRAPHS, firstline.TOP_LINES)))


@lru_cache(maxsize=64)
def _place_date(paragraph: str) -> str:
    """The place of a "place, full date" line ("Ankara, 31 October 2025"): a dateline,
    never a headline (see ``firstline``); "" for any other paragraph. Remembered for
    the last few paragraphs: the headline and the dateline read the same first ones,
    and scanning a long lead for dates is most of reading the metadata); a paragraph
    with no line opening like a place is not scanned at all."""
    if not firstline.may_hold(paragraph):
        return ""
    for f in date_scan.scan(paragraph):
        if firstline.place_date(paragraph, f):
            return firstline.place(paragraph, f.start, f.end)
    return ""


def _outlet(raw: RawDocument, clean: CleanDocument, entry: RegistryEntry) -> tuple[str, str]:
    if entry.outlet:
        return entry.outlet, "registry"
    frame = lambda: outlet_names.frame(raw.text, raw.html_title, raw.html_site_name,  # noqa: E731
                                       *(r.text for r in clean.removed))
    named = _named_outlet(raw, clean)
    if named:
        name, basis = named
        return outlet_names.expand(name, raw.text, frame) or name, basis
    host = urlsplit(entry.url or raw.html_url).hostname or ""
    host = host.removeprefix("www.")
    if usable_outlet(host):
        headlines = {raw.html_title, _headline(raw, clean)}
        spelled = outlet_names.for_host(host, frame(), usable_outlet, headlines)
        return (spelled, "text") if spelled else (outlet_names.readable(host) or host, "url")
    return "", "unknown"


def _named_outlet(raw: RawDocument, clean: CleanDocument) -> tuple[str, str] | None:
    """(name, basis) from the HTML site name or the text's outlet rules, or None."""
    site_name = usable_outlet(raw.html_site_name)
    if site_name:          # a host given as the site's name ("example.org") reads as one
        is_host = re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", site_name)
        return (outlet_names.readable(site_name.removeprefix("www.")) if is_host else "") \
            or site_name, "html"
    for rule in _OUTLET_RULES:
        if rule == "dateline_credit":
            name = usable_outlet(_dateline(clean, cleaning.dateline_credit))
            if name:
                return name, "text"
            continue
        for removed in clean.removed:
            if removed.rule != rule:
                continue
            name = usable_outlet(removed.text if rule == "outlet_name"
                                 else cleaning.captured(removed, "outlet"))
            if name:
                return name, "text"
    return None


def _dateline(clean: CleanDocument, read=cleaning.dateline) -> str:
    """The dateline (or with ``read=dateline_credit`` its agency credit) opening one
    of the first story's first paragraphs."""
    end = clean.stories[0].end if clean.stories else len(clean.text)
    for start, stop in _head(clean.text, end)[:LEAD_PARAGRAPHS]:
        place = read(clean.text[start:stop])
        if place:
            return place
    if read is cleaning.dateline:      # a "place, full date" line among the first two
        for start, stop in _head(clean.text, end)[:firstline.TOP_LINES]:
            place = _place_date(clean.text[start:stop])
            if place:
                return place
    return ""


def _byline(raw: RawDocument, clean: CleanDocument) -> str:
    if raw.html_author:
        return raw.html_author
    for removed in clean.removed:
        if removed.rule == "byline":
            return cleaning.captured(removed, "byline") or removed.text.lstrip("-–— ")
    end = clean.stories[0].end if clean.stories else len(clean.text)
    for start, stop in _head(clean.text, end)[:HEAD_PARAGRAPHS]:
        name = pubdate_claims.byline_of(clean.text[start:stop])   # "Name |31.10.2025"
        if name:
            return name
    return ""
