"""Dates carried by an article's address: the registry's ``url`` or the page's own
canonical link / og:url. House styles (``/2025/11/09/``, ``-2025-10-12-``, ``/20251018``,
``enn251018…``, an id ending in epoch milliseconds) are data in
``data/knowledge/urls.yml``; a date read here is evidence that ``pubdate`` still checks
against the content."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from urllib.parse import urlsplit

from evidence.text import knowledge


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((p["id"], re.compile(p["pattern"], re.I))
                 for p in knowledge("urls.yml")["patterns"])


def _plausible(day: dt.date) -> bool:
    cfg = knowledge("urls.yml")
    return cfg["earliest_year"] <= day.year <= cfg["latest_year"]


def _date_from(match: re.Match) -> dt.date | None:
    g = match.groupdict()
    try:
        if g.get("epoch_ms"):
            stamp = dt.datetime.fromtimestamp(int(g["epoch_ms"]) / 1000, dt.timezone.utc)
            return stamp.date()
        year = int(g["y"]) if g.get("y") else 2000 + int(g["yy"])
        return dt.date(year, int(g["m"]), int(g["d"]))
    except (ValueError, OverflowError, TypeError):
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
    for pattern_id, pattern in _patterns():
        for match in pattern.finditer(path):
            day = _date_from(match)
            if day and _plausible(day):
                return day, pattern_id
    return None
