"""Headline, outlet, dateline, byline: from the registry, the HTML, or the text.

Outlet precedence: registry entry > HTML site name > what the text names (an
aggregator's "(AGGREGATOR- Outlet)" tag, the agency credited in the dateline
"ISTANBUL, Oct 31 (Reuters) -", "Discover more from Outlet", a print-edition note
"Published in Outlet, <date>", "Follow Outlet on WhatsApp", a lone outlet-name
line, a copyright holder) > unknown.
"""
from __future__ import annotations

from itertools import islice

from evidence.read import clean as cleaning
from evidence.read import dates, firstline
from evidence.text import paragraphs
from evidence.model import CleanDocument, Metadata, RawDocument, RegistryEntry

# Which removed-furniture rules name the outlet, most reliable first.
_OUTLET_RULES = ("aggregator_prefix", "dateline_credit", "subscribe_prompt", "print_edition",
                 "social_follow", "outlet_name", "copyright")
LEAD_PARAGRAPHS = 4      # a dateline opens the lead: look no further down


def extract(raw: RawDocument, clean: CleanDocument, entry: RegistryEntry) -> Metadata:
    outlet, basis = _outlet(raw, clean, entry)
    return Metadata(headline=_headline(raw, clean), outlet=outlet, outlet_basis=basis,
                    dateline=_dateline(clean), byline=_byline(raw, clean))


def _headline(raw: RawDocument, clean: CleanDocument) -> str:
    if raw.fmt == "html" and raw.html_title:
        return raw.html_title
    headline = clean.stories[0].headline if clean.stories else ""
    return "" if _place_date(headline) else headline


def _place_date(paragraph: str) -> str:
    """The place of a "place, full date" line ("Ankara, 31 October 2025"): a dateline,
    never a headline (see ``firstline``); "" for any other paragraph."""
    for f in dates.scan(paragraph):
        if firstline.place_date(paragraph, f):
            return firstline.place(paragraph, f.start, f.end)
    return ""


def _outlet(raw: RawDocument, clean: CleanDocument, entry: RegistryEntry) -> tuple[str, str]:
    if entry.outlet:
        return entry.outlet, "registry"
    if raw.html_site_name:
        return raw.html_site_name, "html"
    for rule in _OUTLET_RULES:
        if rule == "dateline_credit":
            name = _dateline(clean, cleaning.dateline_credit)
            if name:
                return name, "text"
            continue
        for removed in clean.removed:
            if removed.rule != rule:
                continue
            name = removed.text if rule == "outlet_name" else cleaning.captured(removed, "outlet")
            if name:
                return name, "text"
    return "", "unknown"


def _dateline(clean: CleanDocument, read=cleaning.dateline) -> str:
    """The dateline (or with ``read=dateline_credit`` its agency credit) opening one
    of the first story's first paragraphs."""
    end = clean.stories[0].end if clean.stories else len(clean.text)
    for start, stop in islice(paragraphs(clean.text[:end]), LEAD_PARAGRAPHS):
        place = read(clean.text[start:stop])
        if place:
            return place
    if read is cleaning.dateline:      # a "place, full date" line among the first two
        for start, stop in islice(paragraphs(clean.text[:end]), firstline.TOP_LINES):
            place = _place_date(clean.text[start:stop])
            if place:
                return place
    return ""


def _byline(raw: RawDocument, clean: CleanDocument) -> str:
    if raw.html_author:
        return raw.html_author
    for removed in clean.removed:
        if removed.rule == "byline":
            return cleaning.captured(removed, "byline") or removed.text
    return ""
