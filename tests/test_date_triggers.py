"""Where the date scan tries its pattern (``date_triggers``): the same places a search
per word finds, less a keyword whose phrase does not follow ("that" without "day"),
and never fewer matches than a scan of every position."""
from __future__ import annotations

import re

from evidence.read import date_scan, date_triggers, offsets


def per_word(text: str, dropped: set[tuple[str, int]] = frozenset()) -> list[int]:
    """The trigger search as first written: one ``str.find`` pass per name and keyword,
    every keyword wherever it starts a word (less the (keyword, position) ``dropped``)."""
    names, keywords, _, _ = date_triggers.vocabulary()

    def find(hay: str, needle: str, whole: bool) -> list[int]:
        out, i = [], hay.find(needle)
        while i != -1:
            if (i == 0 or not hay[i - 1].isalnum()) and not (whole and hay[i + len(needle):i + len(needle) + 1].isalpha()):
                out.append(i)
            i = hay.find(needle, i + len(needle))
        return out
    hits = [m.start() for m in re.finditer(r"[0-9]+", text)
            if (len(m.group(0)) <= 2 or m.group(0)[:2] in ("19", "20"))
            and not text[m.start() - 1:m.start()].isalpha()]
    for name in names:
        if re.fullmatch(r"[A-Z][A-Za-z]+", name):
            hits += find(text, name, True)
    low = text.lower()
    for kw in keywords:
        hits += [i for i in find(low, kw, False) if (kw, i) not in dropped]
    return sorted(hits + offsets.triggers(low))


CASES = [
    "Envoys met on 12 March 2024 and again late Thursday, three days ago.",
    "The truce, agreed earlier this month, held until Friday (today).",
    "(Oct. 5) officials said that talks that week were over; the next round is in May.",
    "He said that day was calm. That same day, a second convoy crossed.",
    "Late last week and early this month, over the past week, this year: at last it is over.",
    "ISTANBUL, 7 Aqrab 1404 - two days after the 2025 accord, tomorrow's session",
    "Thatcher said that 99 of 1999 were not 2100 or 150; MARCH 3; Marches; xMay; May2",
    "Two days later, earlier rounds failed. Later, a day earlier, they met earlier this week "
    "and meet later  today; 48 HOURS\nLATER; three weeks earlier; holidays later; lately, latter",
]


def unfollowed(low: str) -> set[tuple[str, int]]:
    """Hits of a keyword that every relative phrase it stands for opens (and goes on
    after) where none of those phrases follows."""
    phrases: dict[str, list[str]] = {}
    for p in date_scan._vocab()["relative"]:
        phrases.setdefault(max(p.split(), key=len), []).append(p)
    out = set()
    for kw, ps in phrases.items():
        if kw in offsets.DIRECTIONS or any(p.split()[0] != kw or " " not in p for p in ps):
            continue
        for m in re.finditer(rf"(?<![^\W_]){kw}", low):
            if not any(re.match(r"\s+".join(p.split()), low[m.start():]) for p in ps):
                out.add((kw, m.start()))
    return out


def without_context(low: str) -> set[tuple[str, int]]:
    """Hits of "earlier" / "later" (which end counted offsets and are read by nothing
    but those and relative phrases) that open no relative phrase that follows and
    stand after no counted unit nor the word before them in a phrase."""
    phrases = [p.split() for p in date_scan._vocab()["relative"]]
    out = set()
    for kw in ("earlier", "later"):
        rests = [r"\s+".join(p[1:]) for p in phrases if p[0] == kw and len(p) > 1]
        before = set(date_scan._cal()["counted_units"]) | {p[p.index(kw) - 1] for p in phrases if kw in p[1:]}
        for m in re.finditer(rf"(?<![^\W_]){kw}", low):
            if not any(re.match(r"\s+" + r, low[m.end():]) for r in rests) \
                    and not re.search("(?:" + "|".join(before) + r")\s+$", low[:m.start()]):
                out.add((kw, m.start()))
    return out


def test_triggers_are_the_per_word_ones_less_keywords_without_their_phrase():
    for text in CASES:
        expected = set(per_word(text, unfollowed(text.lower()) | without_context(text.lower())))
        assert sorted(set(date_triggers.positions(text))) == sorted(expected), text
    assert unfollowed("said that the") and unfollowed("at last, this is over")
    assert without_context(CASES[-1].lower()) and len(without_context(CASES[-1].lower())) < 6


def test_that_triggers_only_before_its_phrase():
    text = "They said that the deal that day held, and that same day it did."
    that = [m.start() for m in re.finditer(r"\bthat\b", text)]
    assert set(date_triggers.positions(text)) & set(that) == {that[1], that[2]}


def test_trigger_scan_finds_what_a_full_scan_finds_in_the_cases():
    for text in CASES:
        assert [(m.start(), m.end()) for m in date_scan._matches(text)] == \
            [(a, b) for a, b, _ in date_scan.scan_full(text)], text


def test_numbers_that_can_be_a_day_or_a_year_start_runs_of_digits_not_after_a_letter():
    text = "12 x7 2025 150 1999, 3-4 ²5 a19"
    assert date_triggers._numbers(text) == [0, 6, 15, 21, 23, 26]
    assert date_triggers._numbers("") == [] and date_triggers._numbers("2100 and 7") == [9]


def test_opener_starts_are_the_words_whose_lower_case_opens_a_mention():
    _, _, openers, _ = date_triggers.vocabulary()
    text = ("In the talks, THE envoys met late on\nFriday; since mid-2024 a few; Theirs the_ "
            "\u0130n \u017fince atlas at; from-the end 3rd K\u212aN in_ the")
    every = [w.start() for w in re.finditer(r"\b\w+", text) if w.group(0).lower() in openers]
    assert date_triggers.opener_starts(text, 0, len(text)) == every and len(every) > 8
    for a, b in [(3, 40), (5, 6), (0, len(text) - 3), (1, 9), (4, 11), (len(text) - 5, len(text) - 1)]:
        # inside a window, cut at both ends: a word cut at the end is read as ending there
        assert date_triggers.opener_starts(text, a, b) == \
            [w.start() for w in re.finditer(r"\b\w+", text[:b]) if w.start() >= a
             and (w.start() == 0 or not re.match(r"\w", text[w.start() - 1])) and w.group(0).lower() in openers]
    assert date_triggers.opener_starts("within the", 4, 10) == [7]      # not "in", the end of "within"
    plain = text.encode("ascii", "ignore").decode()      # read with ASCII classes
    assert plain.isascii() and date_triggers.opener_starts(plain, 0, len(plain)) == \
        [w.start() for w in re.finditer(r"\b\w+", plain) if w.group(0).lower() in openers]


def test_a_digit_tries_the_alternatives_a_number_opens():
    assert date_triggers._pattern_at("on 5 May", 3) is date_triggers._digit_pattern()
    assert date_triggers._pattern_at("on 5 May", 3).match("on 5 May", 3).lastgroup == "dm"
    assert date_triggers._pattern_at("said so", 0) is None


def test_a_letter_that_lower_cases_to_two_moves_no_trigger():
    """"İ" lower-cases to two characters: keywords are found where the text has them
    (before, every "İ" moved the later ones one character on, and near the end of a
    text past it: the scan raised IndexError and the file was lost)."""
    from evidence.read import date_scan
    from evidence.text import lower_keeping_offsets
    assert lower_keeping_offsets("İN İSTANBUL ΟΣ") == "in istanbul ος"      # final sigma kept
    assert lower_keeping_offsets("Plain ASCII") == "plain ascii"
    text = "İ" * 30 + " The talks ended yesterday."
    assert [(f.text, f.start) for f in date_scan.scan(text)] == [("yesterday", 47)]
    text = "İstanbul: the talks ended yesterday, a week after they began in İzmir last week."
    assert [f.text for f in date_scan.scan(text)] == ["yesterday", "a week after", "last week"]
    assert all(text[f.start:f.end] == f.text for f in date_scan.scan(text))
