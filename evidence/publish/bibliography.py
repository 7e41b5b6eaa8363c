"""One BibTeX entry per source, generated from the registry and the parsed text.

The citation key is the source id (the raw file's stem). Gaps are written into
the entry, never filled in: an unidentified outlet is "Unidentified outlet", an
undatable article has year "n.d.", a file missing from the registry says so.
"""
from __future__ import annotations

import re

from evidence.model import ParsedSource

_SPECIAL = re.compile(r"([&%$#_])")
_DROP = re.compile(r"[{}\\~^]")
_URL_OK = re.compile(r"^https?://[^\s{}\\\"]+$")


def escape(text: str) -> str:
    """Plain text -> a safe BibTeX field value (no braces, escaped specials)."""
    text = " ".join(_DROP.sub("", text).split())
    return _SPECIAL.sub(r"\\\1", text)


def author_of(source: ParsedSource) -> str:
    return source.meta.outlet or source.registry.outlet or "Unidentified outlet"


def year_of(source: ParsedSource) -> str:
    pub = source.pubdate
    if pub.published:
        return str(pub.published.year)
    if pub.earliest and pub.latest and pub.earliest.year == pub.latest.year:
        return str(pub.earliest.year)
    return "n.d."


def notes_of(source: ParsedSource) -> list[str]:
    reg, pub = source.registry, source.pubdate
    notes = []
    if reg.carried_by:
        notes.append(f"Republished by {reg.carried_by}")
    if not (source.meta.outlet or reg.outlet):
        notes.append("outlet not identified")
    if not reg.in_registry:
        notes.append("not in the source registry: metadata inferred from the file")
    if pub.published:
        when = pub.published.isoformat()
        if pub.precision != "day" and pub.earliest and pub.latest:
            when += f" (between {pub.earliest.isoformat()} and {pub.latest.isoformat()})"
        notes.append(f"publication date inferred from the text: {when}")
    elif pub.earliest and pub.latest:
        notes.append(f"publication date unknown, between {pub.earliest.isoformat()} "
                     f"and {pub.latest.isoformat()}")
    else:
        notes.append("publication date unknown")
    if not (reg.url and _URL_OK.match(reg.url)):
        notes.append("URL unknown")
    notes.append(f"capture sha256 {source.raw.sha256[:12]}")
    return notes


def entry(source: ParsedSource) -> str:
    fields = [
        ("author", "{" + escape(author_of(source)) + "}"),
        # Braced so bibliography styles keep the outlet's capitalisation.
        ("title", "{" + escape(source.meta.headline or source.source_id) + "}"),
        ("year", year_of(source)),
    ]
    url = source.registry.url or source.raw.html_url
    if url and _URL_OK.match(url):
        fields.append(("url", url))
    fields.append(("note", escape("; ".join(notes_of(source)))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{source.source_id},\n{body}\n}}\n"


def bibtex(sources: list[ParsedSource]) -> str:
    return "\n".join(entry(s) for s in sorted(sources, key=lambda s: s.source_id))
