"""Dates a capture claims outside its prose, and notes that bound it: the date the
user states in the registry, the page's markup date, the date line printed by its
headline (which article extraction drops), a date in its address (each
used by ``pubdate`` only when the content agrees), a date line at the top of the text
("Tuesday, 4 Qaws 1404", "Name Surname |31.10.2025 - Update : 31.10.2025", a lone date
with its time, a date and a dash opening the lead) and a page or print-edition note ("Published in Dawn, November 8th,
2025") that bounds publication from above."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from evidence.model import RawDocument, RegistryEntry
from evidence.read import date_scan, dates, url_dates
from evidence.read.date_scan import Found
from evidence import text as tx
from evidence.text import knowledge

# How evidence and flags name the dates a capture claims outside its prose (the only
# evidence pieces that are not sentences of the clean text).
CLAIM_LABELS = ("date stated in data/registry.csv", "HTML metadata date", "date in the URL",
                "date line printed on the page")


@dataclass(frozen=True)
class Claim:
    """A date the capture claims for itself, outside its prose: each is used only
    when the content agrees, else flagged."""
    method: str                     # registry | html_meta | date_line | url
    day: dt.date
    label: str                      # how flags and evidence name it
    where: str = ""                 # the URL, the user's note

    @property
    def evidence(self) -> str:
        return f"{self.label} {self.day}" + (f" ({self.where})" if self.where else "")


def claims(raw: RawDocument, entry: RegistryEntry | None) -> list[Claim]:
    """In provenance order: the user's stated date, the page's markup, its address."""
    claims = []
    stated = entry.published if entry else ""
    try:
        day = dt.date.fromisoformat(stated[:10]) if stated else None
    except ValueError:
        day = None
    if day:
        claims.append(Claim("registry", day, CLAIM_LABELS[0], entry.published_note))
    if raw.html_date:
        claims.append(Claim("html_meta", raw.html_date, CLAIM_LABELS[1]))
    line_day = (line_date(raw.html_date_line) or tx.simple_date(raw.html_date_line)
                if raw.html_date_line else None)
    if line_day:
        claims.append(Claim("date_line", line_day, CLAIM_LABELS[3], f"'{raw.html_date_line}'"))
    for url in dict.fromkeys(u for u in ((entry.url if entry else ""), raw.html_url) if u):
        found = url_dates.url_date(url)
        if found:
            claims.append(Claim("url", found[0], CLAIM_LABELS[2], url))
            break
    return claims


@lru_cache(maxsize=1)
def _edition_pattern() -> re.Pattern:
    notes = knowledge("calendar.yml")["edition_notes"]
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(notes, key=lambda n: -len(n)))
    return re.compile(rf"[\s>*_|-]*(?:{body})\b[^\n.!?]{{0,60}}$", re.I)


def edition_note(text: str, f: Found) -> bool:
    """Whether the date opens no sentence of its own but sits on a page or print-edition
    note line: "Published in Dawn, November 8th, 2025"."""
    line_start = text.rfind("\n", 0, f.start) + 1
    line_end = text.find("\n", f.end)
    if (len(text) if line_end < 0 else line_end) - f.end > 40:
        return False                      # a note line is short: not a sentence going on
    return _edition_pattern().match(text, line_start, f.start) is not None


# A date line: before its date only a label, a weekday, or (near the top) a byline's
# name and a separator; after it only a time, or an update note with its own date.
DATE_LINE_CHARS = 120    # a date line is short: label, weekday or name, date, time, update
BYLINE_LINES = 6          # a byline with a date stands among the first lines
_TIME = r"(?:\s*[,|·•]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2})?)?"
# An era after the date ("17 Aqrab 1404 HS"), and the same day in another calendar
# after a slash ("8 November 2025 / 17 Jumada al-Awwal 1447 AH").
_ERA = r"(?:\s*(?:A\.?H|H\.?S|S\.?H)\.?)?"
_OTHER_CALENDAR = r"(?:\s*[/|]\s*[^/|\n]{3,40}?\b1[34]\d\d\b" + _ERA + ")?"
# A credit after the date ("| Staff correspondent", "by News Desk").
_CREDIT = r"(?:(?:\s*[|·•]\s*|\s+by\s+)(?-i:[A-Z])[\w.'’ -]{1,40})?"
_AFTER = re.compile(_ERA + _OTHER_CALENDAR + _TIME + _CREDIT
                    + r"[\s,|·•-]*(?:(?:[-–—|]\s*|\s+)(?:last\s+)?(?:update[ds]?|modified)\b[^\n]{0,40})?\s*",
                    re.I)
# A full date (and time) opening one of the first paragraphs, set off by a dash, a colon
# or a bar from the lead it stamps: the lead's date, the rest of the line is content.
STAMP_LINES = 3
_STAMP = re.compile(r"(?:\s*[-–—|])?" + _TIME + r"\s*[-–—:|]\s+(?=\S)")
_BYLINE = re.compile(r"(?:by\s+)?(?:[A-Z][\w.'’-]*\s+){1,4}?[A-Z][\w.'’-]*\s*[|·•–—-]\s*")
# A short label set off by a bar before the date ("Kabul | 14 November 2025", "Opinion |
# November 9, 2025", "From our correspondent | 31 Oct 2025"): near the top, a date line.
_LABEL = re.compile(r"(?:(?:(?!\.\s)[^\n|·•!?]){1,40}?\s*[|·•]\s*){1,3}")
# A name and then the label, with no bar between ("Ahmad Khan Published November 8, 2025").
_NAMED = re.compile(r"(?:by\s+)?(?:[A-Z][\w.'’-]*\s+){1,4}(?=(?i:published|posted|updated)\b)")


@lru_cache(maxsize=2)
def _line_prefix(updated: bool = False) -> re.Pattern:
    """What may stand before a date line's date: a label, a weekday. ``updated``: an
    "Updated" label too, which only a byline's line makes the page's own date (alone,
    "Updated on ..." is a note that bounds publication from above: ``edition_note``)."""
    cal = knowledge("calendar.yml")
    days = [w for table in ("weekdays", "script_weekdays") for names in cal[table].values() for w in names]
    day = "|".join(re.escape(w) for w in sorted(days, key=len, reverse=True))
    labels = r"published|posted|dated?" + (r"|(?:last\s+)?updated" if updated else "")
    return re.compile(rf"[\s|·•-]*(?:(?:{labels})(?:\s+on)?\s*:?\s*)?"
                      rf"(?:(?:{day})\.?\s*[,،]?\s*)?", re.I)


def date_line(text: str, f: Found) -> tuple[int, int] | None:
    """(start, end) of the line when the full date ``f`` is what a date line states
    (see above), else None."""
    if f.kind not in ("date", "hijri") or f.d2 is not None or not f.has_year:
        return None
    start = text.rfind("\n", 0, f.start) + 1
    end = text.find("\n", f.end)
    end = len(text) if end < 0 else end
    if not _AFTER.fullmatch(text, f.end, end):
        stamp = _STAMP.match(text, f.end, end)       # "12 March 2024 - 10:20 | KABUL: ..."
        if stamp and _line_prefix().fullmatch(text, start, f.start) and \
                sum(1 for row in text[:start].split("\n") if row.strip()) < STAMP_LINES:
            return start, stamp.end()
        return None
    if _line_prefix().fullmatch(text, start, f.start):
        return start, end
    label = _LABEL.match(text, start, f.start)
    if (_byline_end(text, start, f.start)
            or label and _line_prefix(updated=True).fullmatch(text, label.end(), f.start)) \
            and sum(1 for row in text[:start].split("\n") if row.strip()) < BYLINE_LINES:
        return start, end
    return None


def _byline_end(text: str, start: int, date_start: int) -> int:
    """Where the name (and its bar) of a byline date line ends ("By Name Surname | ",
    "Name Surname | Updated: ", "Name Surname Published " before the date at
    ``date_start``), or 0."""
    for pattern in (_BYLINE, _NAMED):
        m = pattern.match(text, start, date_start)
        if m and _line_prefix(updated=True).fullmatch(text, m.end(), date_start):
            return m.end()
    return 0


# A date line's date has a year: four digits in a row (in any script's digits).
_YEAR_DIGITS = re.compile(r"\d{4}")


def line_date(line: str) -> dt.date | None:
    """The date a line on its own states when it is a date line (see ``date_line``):
    "Tuesday, 4 Qaws 1404" -> 2025-11-25; None for any other line (at once for a
    line without four digits in a row: a date line's date has a year in digits)."""
    if len(line) > DATE_LINE_CHARS or not _YEAR_DIGITS.search(line):
        return None
    text = " ".join(line.split())
    for f in _scan(text):
        if date_line(text, f):
            return dates.gregorian(f)[0]
    return None


@lru_cache(maxsize=64)
def _scan(text: str) -> tuple:
    """``date_scan.scan`` of a short line, which ``line_date`` and ``byline_of`` both
    read (the mentions are only read)."""
    return tuple(date_scan.scan(text))


def byline_of(line: str) -> str:
    """The name of a byline date line ("Name Surname |31.10.2025 - Update : ..." ->
    "Name Surname"), or ""."""
    if len(line) > DATE_LINE_CHARS or not _YEAR_DIGITS.search(line):
        return ""
    text = " ".join(line.split())
    for f in _scan(text):
        end = _byline_end(text, 0, f.start)
        if end and date_line(text, f):
            return re.sub(r"^by\s+", "", text[:end], flags=re.I).strip(" |·•–—-")
        break
    return ""
