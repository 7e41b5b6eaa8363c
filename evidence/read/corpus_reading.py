"""What the corpus pass (``pubdate_corpus``) reads in a source's own text: whether it
may re-date the source at all, whether its rules can help a text that has a year
(``can_help``), and the text's undated sentences reporting talks as over. Both read
the whole text, so the parse workers compute them (``reading``) and the parent records
what they found (``remember_reading``) before the pass asks."""
from __future__ import annotations

import re
from functools import lru_cache

from evidence.read import date_scan, tense, word_openings
from evidence.read.pubdate import _corpus_patterns

_WEEKDAY = re.compile(word_openings.opening(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                               "Saturday", "Sunday"]) + r"\b")


def may_be_refined(s) -> bool:
    """Whether ``refine_with_corpus`` may re-date ``s``: it never touches a source
    its own text dates to the day (so the corpus pass never rescans those)."""
    return s.pubdate.precision in ("unknown", "interval")


# text -> its undated completed-talks sentences, and text -> ``can_help``: plain
# dicts rather than lru_cache so that answers computed in the worker processes can be
# recorded (``remember_reading``).
_COMPLETIONS: dict[str, tuple[str, ...]] = {}
_CAN_HELP: dict[str, bool] = {}
_MEMO_MAX = 16384


def undated_completion_sentences(text: str) -> tuple[str, ...]:
    """Sentences reporting talks as over ("after six days of talks in Istanbul") that
    carry no date of their own. Memoised: each corpus pass asks again for the same text."""
    found = _COMPLETIONS.get(text)
    if found is None:
        _ordinal, cues, nouns, completion = _corpus_patterns()
        found = _remember(_COMPLETIONS, text, tuple(
            sent for sent in sentences_with(text, cues, nouns, completion)
            if not _dated_by_itself(sent)))
    return found


def can_help(text: str) -> bool:
    """``_corpus_can_help``, memoised (each pass asks again)."""
    known = _CAN_HELP.get(text)
    return _remember(_CAN_HELP, text, _corpus_can_help(text)) if known is None else known


def reading(s) -> tuple[tuple[str, ...], bool] | None:
    """What the corpus pass reads in the text of a source it may re-date: its undated
    completed-talks sentences and ``can_help`` (None for the others: the pass
    never asks). Both read the whole text (the first re-scans the sentences it picks),
    so they are worth running in the parallel workers (``remember_reading``)."""
    if not may_be_refined(s):
        return None
    return undated_completion_sentences(s.clean.text), can_help(s.clean.text)


def remember_reading(text: str, read: tuple[tuple[str, ...], bool]) -> None:
    """Record ``reading`` of a source computed elsewhere (a worker)."""
    _remember(_COMPLETIONS, text, read[0])
    _remember(_CAN_HELP, text, read[1])


def _remember(memo: dict, text: str, value):
    if len(memo) >= _MEMO_MAX:
        memo.clear()
    memo[text] = value
    return value


@lru_cache(maxsize=4096)
def _dated_by_itself(sent: str) -> bool:
    """Whether a sentence read alone carries a date (memoised: wire copy repeats
    sentences across sources)."""
    return bool(date_scan.scan(sent))


def _corpus_can_help(text: str) -> bool:
    """Whether a text with a known year has sentences the corpus rules read
    (an ordinal day of talks, talks reported as over)."""
    ordinal, _cues, _nouns, completion = _corpus_patterns()
    low = text.lower()
    if _WEEKDAY.search(text):
        return True                       # a weekday other sources' occasions may date
    if " day of" in low and ordinal.search(text):
        return True
    return any(w in low for w in ("ended", "concluded", "end of")) \
        or (("after" in low or "following" in low) and completion.search(text) is not None)


def sentences_with(text: str, first: re.Pattern, *others: re.Pattern) -> list[str]:
    """Sentences of ``text`` matching every pattern (split only around ``first``'s matches)."""
    out, cache, seen = [], {}, set()
    if not all(p.search(text) for p in others):
        return out                        # no sentence can match them all
    for m in first.finditer(text):
        span = tense.sentence_around(text, m.start(), m.end(), cache)
        if span in seen:
            continue                      # several cues in one sentence: test it once
        seen.add(span)
        sent = text[span[0]:span[1]].strip()
        if sent not in out and all(p.search(sent) for p in others):
            out.append(sent)
    return out
