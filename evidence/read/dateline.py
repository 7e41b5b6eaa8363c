"""A dateline's date: "ISTANBUL, Oct 31 (Reuters) -" opens a story with the place it was
filed from and its day. ``is_dateline`` says whether a date mention found by
``date_scan`` is one; month and weekday names (``calendar.yml``) are never its place."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from evidence.text import knowledge


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    cal = knowledge("calendar.yml")
    return frozenset(str(n).lower() for names in [*cal["months"].values(), *cal["weekdays"].values()]
                     for n in names)


# "ISTANBUL, Oct 31 (Reuters) -", "ISLAMABAD, Pakistan, Nov 7, 2025:", "Kabul, Nov 25
# (NationPress) Pakistani ...", "Istanbul/Islamabad/Kabul, November 8 (Agency):",
# "ISLAMABAD, October 15. /TASS/. A ...", "Islamabad – 8th November 2025: ...": one or
# more capitalised places opening a line (not a weekday or month), a comma or a dash, the
# date, then a dash or colon, or an agency credit.
_PLACE_NAME = r"[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}"
_DATELINE_PLACE = re.compile(rf"{_PLACE_NAME}(?:\s*/\s*{_PLACE_NAME})*(?:,\s*{_PLACE_NAME})?")
_DATELINE_END = re.compile(r"\.?\s*(?:(?:\([^()\n]{1,40}\)|/[^/\n]{2,30}/)\.?\s*"
                           r"(?:[-–—:]|(?=[\"“‘'A-Z]))|[-–—:])")


class Dateline(NamedTuple):
    """A dateline found: where its line starts, its first place, and where it ends (after
    the dash, colon or agency credit that follows the date)."""
    start: int
    place: tuple[int, int]
    end: int


def find(text: str, start: int, end: int) -> Dateline | None:
    """The dateline whose date is text[start:end], or None when that date is no
    dateline's date."""
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start].rstrip(", \t")
    if lead.endswith(("-", "–", "—")):          # "Islamabad – 8th November 2025: ..."
        lead = lead[:-1].rstrip(" \t")
    if not lead or _DATELINE_PLACE.fullmatch(lead) is None:
        return None
    if any(word.lower().strip(".") in _names() for word in re.split(r"[\s/,]+", lead)):
        return None
    closing = _DATELINE_END.match(text, end)
    if closing is None:
        return None
    first = re.match(_PLACE_NAME, lead)
    return Dateline(line_start, (line_start, line_start + first.end()), closing.end())


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether the date at text[start:end] is a dateline's date."""
    return find(text, start, end) is not None
