"""Paragraphs and sentences of ``evidence.text``: a range without a line break is read
as one paragraph without the pattern, with the same offsets the pattern gives."""
from __future__ import annotations

import re

from evidence import text as tx


def by_pattern(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The paragraphs as the pattern reads them, stripped."""
    out = []
    for m in tx._PARAGRAPH.finditer(text, start, end):
        a, b = m.span()
        a += len(text[a:b]) - len(text[a:b].lstrip())
        b -= len(text[a:b]) - len(text[a:b].rstrip())
        if a < b:
            out.append((a, b))
    return out


def test_a_range_without_a_line_break_is_one_stripped_paragraph():
    text = "  Talks ended. \u2003 \n\nThey met on 5 May. Mr. Khan left.\r \n  \n x\n\n"
    for start, end in [(0, len(text)), (0, 17), (19, 53), (20, 52), (17, 19), (2, 2), (3, 40), (55, 60)]:
        assert list(tx._paragraphs(text, start, end)) == by_pattern(text, start, end), (start, end)
    assert list(tx._paragraphs(text, 0, 17)) == [(2, 14)] and list(tx._paragraphs(text, 14, 17)) == []
    assert list(tx.sentences(text, 19, 53)) == [(19, 37), (38, 52)]


def test_sentences_of_a_paragraph_with_line_breaks_are_unchanged():
    text = "First line. Second\nline goes on. Third!\n\nNext one."
    assert list(tx.sentences(text)) == [(0, 11), (12, 32), (33, 39), (41, 50)]
    assert [text[a:b] for a, b in tx.sentences(text)][1] == "Second\nline goes on."
    assert all(re.fullmatch(r"\S(?:.|\n)*\S", text[a:b]) for a, b in tx.sentences(text))
