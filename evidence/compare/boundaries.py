"""Occasion boundaries: a date that the verb opening or closing the talks governs, with
the talks as its subject ("the third round of negotiations in Istanbul ended on Friday
without any agreement", "the talks, which opened on Thursday, stalled", "negotiations
broke down in Istanbul on Friday"). Such a date is a day of the talks, their first or
last, whichever trigger stands nearest it (an outcome, "without any agreement", or a
trigger inside a parenthesis, "the third such round since the clashes of October
11-12, began on Thursday"), so the occasion's dates span what the source says. The
verbs, the kinds they bound and the gaps allowed are the codebook's ``boundary``
(``data/knowledge/events.yml``)."""
from __future__ import annotations

import re
from functools import lru_cache

from evidence.compare.codebook import codebook
from evidence.compare.spans import Span, span
from evidence.model import DateMention, ParsedSource

_WORD = r"[\w’'-]+"
# "between Pakistan and Afghanistan": the "and" joins the parties, not two clauses
_BETWEEN = re.compile(rf"\bbetween\s+[^,;:.]+?\s+and\s+{_WORD}", re.IGNORECASE)
_PARENTHESIS = re.compile(r",[^,;:]*,")
_RELATIVE = re.compile(r"^\s*,?\s*(?:which|that)\b", re.IGNORECASE)
# "Pakistan and Afghanistan", "Kabul and Islamabad": names joined, no clause (case kept)
_NAMES = re.compile(r"\b[A-Z][\w’'-]*\s+and\s+[A-Z][\w’'-]*")


@lru_cache(maxsize=1)
def _rules() -> dict | None:
    spec = codebook().get("boundary")
    if not spec:
        return None
    words = spec["date_gap_words"]
    return {
        # per kind: the verb, then at most date_gap_words words, then the date
        "kinds": {kind: re.compile(rf"(?P<verb>{verbs})(?P<gap>(?:\s+{_WORD}){{0,{words}}}?)"
                                   r"\s*$", re.IGNORECASE)
                  for kind, verbs in spec["kinds"].items()},
        # "which began on October 25 and [ended on October 30]": the same subject's
        # first verb, coordinated with the one dated
        "first_verb": {kind: re.compile(rf"^\s*,?\s*(?:(?:which|that)\s+)?(?:(?:was|were|had|have)"
                                        rf"\s+)?(?:{verbs})[^,;:.]{{0,40}}?\s+and\s*$",
                                        re.IGNORECASE)
                       for kind, verbs in spec["kinds"].items()},
        "subject_words": spec["subject_words"],
        "clause": {w.lower() for w in spec["clause_words"]},
        "not_subject": re.compile(
            r"\b(?:%s)\s+(?:[^\s,;:.]+\s+){0,%d}$" % (
                "|".join(map(re.escape, spec.get("not_subject_after") or ["(?!)"])),
                codebook().get("background_words", 3)), re.IGNORECASE),
    }


def _subject_gap_ok(gap: str, kind: str) -> bool:
    """May ``gap`` stand between the talks' trigger and the verb: no clause of its own,
    no other kind's trigger, at most subject_words words (a parenthesis set off by
    commas, "between A and B", names joined by "and" and a leading "which" put aside)?
    A first verb of the same subject ("which began on October 25 and") is no clause."""
    rules = _rules()
    if rules["first_verb"][kind].match(gap):
        gap = " "
    gap = _RELATIVE.sub(" ", _PARENTHESIS.sub(" ", _NAMES.sub(" ", _BETWEEN.sub(" ", gap))))
    words = re.findall(_WORD, gap)
    if re.search(r"[,;:.]", gap) or len(words) > rules["subject_words"]:
        return False
    if any(w.lower() in rules["clause"] for w in words):
        return False
    book = codebook()
    spec = book["by_kind"][kind]
    own = {kind, spec.get("when_future"), spec.get("when_past")}
    own |= {k["kind"] for k in book["kinds"] if k.get("outcome_of") == kind}
    return not any(p.search(gap) for k in book["kinds"] if k["kind"] not in own
                   for p in k["patterns"])


def plain(gap: str) -> bool:
    """Is ``gap`` a few plain words (no punctuation, none opening a clause of its own)?"""
    rules = _rules()
    words = re.findall(_WORD, gap)
    return (rules is not None and not re.search(r"[,;:.]", gap)
            and len(words) <= rules["subject_words"]
            and not any(w.lower() in rules["clause"] for w in words))


def _date_gap_ok(gap: str) -> bool:
    """Words between the verb and the date: a venue or an outcome, no clause of its own."""
    rules = _rules()
    return not any(w.lower() in rules["clause"] or w.lower() in codebook()["reporting_stop"]
                   for w in re.findall(_WORD, gap))


def bounded(source: ParsedSource, mention: DateMention, sent: Span) -> tuple[dict, Span] | None:
    """(kind entry, subject trigger span) when the date is the day a verb opening or
    closing an occasion governs and that occasion's trigger is the verb's subject
    ("the talks, which opened on Thursday"); else None."""
    rules = _rules()
    if rules is None:
        return None
    text = source.clean_text
    for name, verb_before in rules["kinds"].items():
        verb = verb_before.search(text, sent.start, mention.start)
        if verb is None or not _date_gap_ok(verb.group("gap")):
            continue
        kind = codebook()["by_kind"][name]
        # (not a trigger after a preposition of time: "the crossing shut during the talks
        # reopened on Friday" is the crossing's)
        subjects = [m for p in kind["patterns"]
                    for m in p.finditer(text, sent.start, verb.end("verb"))
                    if m.start() < verb.start("verb") and not rules["not_subject"].search(
                        text, max(sent.start, m.start() - 90), m.start())]
        if not subjects:
            continue
        # the nearest trigger before the verb (one running into it: "the round ended")
        m = max(subjects, key=lambda m: (min(m.end(), verb.start("verb")), -m.start()))
        if _subject_gap_ok(text[min(m.end(), verb.start("verb")):verb.start("verb")], name):
            return kind, span(source, *m.span())
    return None


def keeps_outcome(source: ParsedSource, mention: DateMention, trigger: Span) -> bool:
    """Is ``trigger`` (the date's nearest trigger) part of the verb phrase the date
    belongs to ("ended without any agreement on Friday", "broke down on Friday"), not
    another predicate after a comma or a conjunction ("opened on Thursday, stalled over
    ...", "began on October 25 but stalled")?"""
    lo, hi = sorted((trigger.start, trigger.end, mention.start, mention.end))[1:3]
    between = source.clean_text[lo:hi]
    return not re.search(r"[,;:]", between) and not any(
        w.lower() in _rules()["clause"] for w in re.findall(_WORD, between))


def same_occasion(kind: dict, other: dict) -> bool:
    """Is ``other`` the bounded ``kind`` itself, or the same occasion seen before or after
    it happened (its when_future / when_past)?"""
    return other["kind"] in {kind["kind"], kind.get("when_future"), kind.get("when_past")}
