"""Dates carried by an article's address: the registry's ``url`` or the page's own
canonical link / og:url. House styles (``/2025/11/09/``, ``/2025/nov/09/``, ``-nov-9-2025``,
``-2025-10-12-``, ``/20251018``,
``enn251018…``, an id ending in epoch milliseconds) are data in
``data/knowledge/urls.yml``; a date read here is evidence that ``pubdate`` still checks
against the content."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from urllib.parse import urlsplit

from evidence.text import MONTHS, knowledge


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern, bool], ...]:
    """(id, pattern, whether to read the month first when day first is no date)."""
    return tuple((p["id"], re.compile(p["pattern"], re.I), bool(p.get("month_first_if_invalid")))
                 for p in knowledge("urls.yml")["patterns"])


def _plausible(day: dt.date) -> bool:
    cfg = knowledge("urls.yml")
    return cfg["earliest_year"] <= day.year <= cfg["latest_year"]


def _date_from(match: re.Match, swap: bool = False) -> dt.date | None:
    g = match.groupdict()
    try:
        if g.get("epoch_ms"):
            stamp = dt.datetime.fromtimestamp(int(g["epoch_ms"]) / 1000, dt.timezone.utc)
            return stamp.date()
        year = int(g["y"]) if g.get("y") else 2000 + int(g["yy"])
        name = g.get("mon") or g.get("mon2")
        month = MONTHS[name.lower()] if name else int(g["m"])
        day = int(g.get("d") or g.get("d2"))
        if swap and month > 12 >= day:                # /10/15/2025/: month first
            day, month = month, day
        return dt.date(year, month, day)
    except (ValueError, OverflowError, TypeError, KeyError):
        return None


def url_date(url: str) -> tuple[dt.date, str] | None:
    """(date, pattern id) of the first house style that reads a valid, plausible date
    from the URL's path (host and query left out), or None."""
    if not url:
        return None
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    for pattern_id, pattern, swap in _patterns():
        for match in pattern.finditer(path):
            day = _date_from(match, swap)
            if day and _plausible(day):
                return day, pattern_id
    return None
