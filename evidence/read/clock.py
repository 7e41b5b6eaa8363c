"""Clock times as date mentions: "1:00 p.m. GMT", "after 5:30 p.m.", "6 a.m.", "13:00
GMT". A time names a moment of a day the text names next to it ("at 6 p.m. on
Wednesday") or last named before it, else of the story's own day; ``dates.resolve``
says which. ``PATTERN`` is one alternative of ``date_scan``'s combined pattern
(it opens with a digit); ``ZONES`` are the time zones it reads after a time."""
from __future__ import annotations

import re

ZONES = ("GMT", "UTC", "PKT", "PST", "IST", "AFT", "AST", "TRT", "EST", "CET",
         "local time")
_ZONE = "(?:" + "|".join(re.escape(z).replace(r"\ ", r"\s+") for z in ZONES) + r")\b"
# "5:30 p.m." / "6 a.m." / "10pm" (a.m. or p.m. needed without minutes), "13:00 GMT"
# (a 24-hour time needs a zone, or a word before it that a time follows and an hour
# past noon or "hours": "at 22:00", "around 09:30 hours"): never a bare "1:2", "at
# 12:17" or a score "3-1".
_BEFORE = "|".join(rf"(?<=\b{w} )" for w in ("at", "around", "about", "by", "until", "from",
                                              "after", "before", "till"))
# (Optional parts written "(?:X|)", as in date_scan._patterns: the same matches, fewer allocations.)
PATTERN = (r"\b(?:(?:1[0-2]|0?[1-9])(?::[0-5]\d|)\s*(?i:[ap]\.\s?m\.|[ap]m\b)(?:\s*" + _ZONE + "|)"
           r"|(?:[01]?\d|2[0-3]):[0-5]\d\s*" + _ZONE +
           r"|(?:" + _BEFORE + r")(?:(?:[01]?\d|2[0-3]):[0-5]\d\s*(?:hrs|hours)\b"
           r"|(?:1[3-9]|2[0-3]):[0-5]\d(?![\d:]))"
           ")")
