"""Dates written in Arabic script (Dari/Persian, Pashto, Urdu, Arabic), made readable
for ``dates.scan`` without losing a single offset.

``latinise`` rewrites Persian/Arabic-Indic digits as ASCII digits, the Arabic comma as a
comma, and each month name listed under ``script_months`` in
``data/knowledge/calendar.yml`` as the English or romanised name ``dates`` already
reads ("۱۵ عقرب ۱۴۰۴" -> "15 Aqrab 1404"), a range word between two numbers as "to"
("۳ تا ۸ عقرب" -> "3 to 8 Aqrab"), and keeps a map from the rewritten text back
to the original. ``scan`` runs the ordinary scanner on the rewritten text and maps every
mention's offsets, sentence and surface text back, so date_mentions.csv quotes the
article as written. Texts with nothing to rewrite are left to the ordinary scanner.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from evidence.text import knowledge

_DIGITS = {**{chr(0x0660 + i): str(i) for i in range(10)},     # Arabic-Indic ٠..٩
           **{chr(0x06F0 + i): str(i) for i in range(10)},     # Persian ۰..۹
           "\u060c": ","}                                      # Arabic comma ،
# Letters written either way in the same word across these languages and encodings.
_SAME_LETTER = ["یيىېۍ", "کك", "گګ", "اأإآٱ", "هةۀہ", "وؤ"]
_JOINERS = "[\u200c\u0640]?"          # a zero-width non-joiner or tatweel may sit inside
_YEAR_AFTER = re.compile(r"[\s,\u060c]+[0-9\u0660-\u0669\u06f0-\u06f9]{4}(?![0-9\u0660-\u0669\u06f0-\u06f9])")


def _letter_class(ch: str) -> str:
    group = next((g for g in _SAME_LETTER if ch in g), None)
    return f"[{group}]" if group else re.escape(ch)


def _name_regex(name: str) -> str:
    return _JOINERS.join(r"\s+" if ch.isspace() else _letter_class(ch) for ch in name)


@lru_cache(maxsize=1)
def _months() -> tuple[re.Pattern, dict[str, str], frozenset[str]]:
    """One pattern for every script month name (and range word), its groups' Latin
    forms, and the groups of names that count only with a year after them."""
    cal = knowledge("calendar.yml")
    spec = cal["script_months"]
    latin: dict[str, str] = {}
    for num, names in spec["gregorian"].items():
        latin.update((name, cal["months"][num][0]) for name in names)
    for num, names in spec["solar_hijri"].items():
        latin.update((name, cal["hijri_months"][num]["dari"][0]) for name in names)
    names = sorted(latin, key=lambda n: (-len(n), n))
    body = "|".join(f"(?P<m{i}>{_name_regex(n)})" for i, n in enumerate(names))
    to = "|".join(_name_regex(w) for w in sorted(spec["range_words"], key=lambda w: (-len(w), w)))
    # a range word only between two numbers (after the digits are made ASCII)
    pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)|(?<=\d )(?P<to>{to})(?= \d)")
    latin = {**{f"m{i}": latin[n] for i, n in enumerate(names)}, "to": "to"}
    return pattern, latin, \
        frozenset(f"m{i}" for i, n in enumerate(names) if n in spec["only_with_year"])


def latinise(text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
    """(rewritten text, [(new start, new end, old start, old end)] of each rewritten
    month name). Digits and commas keep their length, so only names need the map."""
    text = text.translate(str.maketrans(_DIGITS))
    pattern, latin, need_year = _months()
    parts, spans, pos, shift = [], [], 0, 0
    for m in pattern.finditer(text):
        if m.lastgroup in need_year and not _YEAR_AFTER.match(text, m.end()):
            continue
        new = latin[m.lastgroup]
        parts += [text[pos:m.start()], new]
        start = m.start() + shift
        spans.append((start, start + len(new), m.start(), m.end()))
        shift += len(new) - (m.end() - m.start())
        pos = m.end()
    return "".join(parts) + text[pos:], spans


def applies(text: str) -> bool:
    """Whether ``latinise`` would change ``text`` (Arabic-script digits, commas or
    month names); false for its own output, so ``scan`` never recurses twice."""
    return _has_arabic_block(text) and latinise(text)[0] != text


def _has_arabic_block(text: str) -> bool:
    """Whether ``text`` holds a character of U+0600..U+06FF: whether its UTF-8 form holds
    one of their lead bytes (0xD8..0xDB, never a continuation byte). Encoding and four
    byte searches cost a tenth of a regex search for the block, which tests every
    character against the class; asked of every text scanned."""
    raw = text.encode("utf-8", "surrogatepass")
    return b"\xd8" in raw or b"\xd9" in raw or b"\xda" in raw or b"\xdb" in raw


def _back(spans: list[tuple[int, int, int, int]], starts: list[int], pos: int, end: bool) -> int:
    """An offset in the rewritten text -> the same place in the original."""
    i = bisect.bisect_right(starts, pos if not end else pos - 1) - 1
    if i < 0:
        return pos
    new_start, new_end, old_start, old_end = spans[i]
    if pos < new_end or (end and pos == new_end):
        return old_end if end else old_start
    return pos - new_end + old_end


def scan(text: str, scanner) -> list:
    """``scanner`` (``dates.scan``) on the latinised text, mapped back to ``text``."""
    plain, spans = latinise(text)
    found = scanner(plain)
    if not spans:
        for f in found:
            f.text = text[f.start:f.end]
        return found
    starts = [s[0] for s in spans]
    for f in found:
        f.start, f.end = _back(spans, starts, f.start, False), _back(spans, starts, f.end, True)
        f.sentence = (_back(spans, starts, f.sentence[0], False),
                      _back(spans, starts, f.sentence[1], True))
        f.text = text[f.start:f.end]
    return found
