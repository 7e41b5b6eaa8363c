"""A line that is only a place, a comma and a date ("Ankara, 31 October 2025", "Lahore, Nov. 8",
"کابل، ۱۵ عقرب ۱۴۰۴") near the top of an article is its dateline; so is a lead opening
with a place and, in brackets, an agency and a full date ("کابل (پژواک، ۱۵ عقرب ۱۴۰۴):").

Such a line says where and when the article was filed: it is publication-date evidence
(``dates.scan`` marks its date as a dateline date, which ``pubdate`` weighs as one) and
never the headline (``metadata``). Only the first ``TOP_LINES`` non-empty lines count,
so a date standing alone further down (a list of events) is not taken for one; a
weekday ("Thursday, 6 November 2025") or a page note ("Updated, ...") is no place
(the words are data in ``data/knowledge/calendar.yml``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from evidence.text import knowledge

TOP_LINES = 2        # a headline may come first
# One to four words of letters (a Latin-script word capitalised), perhaps ", Country".
_WORD = r"(?:[A-Z]|[^\W\d_A-Za-z])[^\W\d_]*(?:['’.-][^\W\d_]+)*\.?"
_PLACE = re.compile(rf"(?P<place>{_WORD}(?:\s+{_WORD}){{0,3}}(?:\s*[,،]\s*{_WORD}(?:\s+{_WORD}){{0,2}})?)"
                    r"\s*[,،]\s*")
_AFTER = re.compile(r"\s*[.:\-–—]?\s*")
# The agency form that opens a lead: "کابل (پژواک، ۱۵ عقرب ۱۴۰۴): ...", "KABUL (Agency, 6
# November 2025) - ...": place, then the agency and the date in brackets, then : or a dash.
_AGENCY = re.compile(rf"(?P<place>{_WORD}(?:\s+{_WORD}){{0,3}})\s*\(\s*{_WORD}(?:\s+{_WORD}){{0,3}}"
                     r"\s*[,،]\s*")
_AGENCY_AFTER = re.compile(r"\s*\)\s*[:\-–—]")


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    """Lower-cased words that open a date line without naming a place."""
    cal = knowledge("calendar.yml")
    words = [w for names in cal["weekdays"].values() for w in names]
    words += [w for names in cal["script_weekdays"].values() for w in names]
    words += cal["edition_notes"]
    return frozenset(" ".join(w.lower().split()) for w in words)


def place(line: str, start: int, end: int) -> str:
    """The place when ``line`` is a place, a comma, the date at line[start:end] and
    nothing else, or opens "place (agency, date):"; otherwise ""."""
    m = _PLACE.fullmatch(line, 0, start)
    if not m or not _AFTER.fullmatch(line, end):
        m = _AGENCY.fullmatch(line, 0, start)
        if not m or not _AGENCY_AFTER.match(line, end):
            return ""
    name = m["place"]
    first = re.split(r"\s*[,،]\s*", name)[0].lower()
    if first in _not_places() or first.split()[0] in _not_places():
        return ""
    return name


def may_hold(text: str) -> bool:
    """Whether some line of ``text`` opens as ``place`` needs (a place and a comma, or a
    place and a bracketed agency): a cheap test to run before scanning the text for
    dates. ``place`` fullmatches a line's beginning with patterns that have no anchor
    or look-around, so that line also matches them from its start."""
    return any(_PLACE.match(line) or _AGENCY.match(line) for line in text.split("\n"))


def place_date(text: str, found) -> bool:
    """Whether a scanned mention (``dates.Found``) is the full date of a place-and-date
    line among the first lines of ``text``."""
    if found.kind not in ("date", "hijri") or found.d is None or found.d2 is not None \
            or (found.y is None and found.kind == "hijri"):
        return False            # a Gregorian day without its year ("Lahore, Nov. 8") is one:
                                # its year comes from the text or the collection
    line_start = text.rfind("\n", 0, found.start) + 1
    if not _among_top_lines(text, line_start):
        return False            # asked first: it reads only the first lines of the text
    line_end = text.find("\n", found.end)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    return bool(place(line, found.start - line_start, found.end - line_start))


def _among_top_lines(text: str, line_start: int) -> bool:
    """Whether fewer than ``TOP_LINES`` non-empty lines come before the line starting at
    ``line_start`` (a line of whitespace is empty), read line by line from the top
    until there are that many."""
    count, pos = 0, 0
    while pos < line_start:
        end = text.find("\n", pos, line_start)
        end = line_start if end < 0 else end
        if text[pos:end].strip():
            count += 1
            if count >= TOP_LINES:
                return False
        pos = end + 1
    return True
