"""Attestations: one source dating one event, read from its dated sentences. A date mention
(``ParsedSource.dates``) becomes an *attestation* when a trigger of an event kind in
``data/knowledge/events.yml`` stands near it in the same sentence and the date is not a
dateline's. A statement's date (``date_roles.statement_date``) makes an attestation
marked ``statement``: it ties the source to the event the statement reports but never
dates it. Each attestation keeps the date as written, the trigger, the sentence, the
venue standing next to the date, whether the event was still to come when the source was
written, and the round number the sentence gives it ("the third round")."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from evidence.compare import boundaries, memo
from evidence.compare.codebook import codebook
from evidence.compare.date_roles import (datelines, in_dateline, in_fronted_background,
                                         statement_date)
from evidence.compare.spans import Span, distance, sentence_at, span
from evidence.model import DateMention, ParsedSource, iso


def reference_date(source: ParsedSource) -> dt.date | None:
    """The latest date the source can have been published (None when unknown)."""
    return source.pubdate.latest or source.pubdate.published


def venue(source: ParsedSource, near: tuple[int, int], within: Span,
          max_distance: int | None = None,
          date: tuple[int, int] | None = None) -> tuple[str, str]:
    """(key, label) of the named place introduced by "in"/"at" nearest ``near``.

    Places come from the gazetteer (``ParsedSource.entities`` of type place); only
    those inside ``within`` and at most ``venue_distance`` characters from ``near``.
    With ``date`` (the date mention's span), a place standing nearer another date of
    the sentence is that date's ("talks on October 19 in Doha and October 25 in
    Istanbul"). A place after a background marker ("after", "while": the codebook's
    background_markers) that follows ``near`` is another event's.
    """
    book = codebook()
    max_distance = book["venue_distance"] if max_distance is None else max_distance
    preps = "|".join(re.escape(p) for p in sorted(book["venue_prepositions"], key=len,
                                                    reverse=True))
    before = re.compile(rf"\b(?:{preps})\s+(?:the\s+)?$", re.IGNORECASE)
    text = source.clean_text
    others = [] if date is None else [
        (m.start, m.end) for m in source.dates if within.start <= m.start < within.end
        and (m.end <= date[0] or m.start >= date[1])]
    best = None
    for ent in source.entities:
        if ent.entity_type != "place" or ent.start < within.start or ent.end > within.end:
            continue
        if date is not None and any(distance((ent.start, ent.end), o)
                                    < distance((ent.start, ent.end), date) for o in others):
            continue
        if not before.search(text[max(within.start, ent.start - 20):ent.start]):
            continue
        if ent.start >= near[1] and book["background_any"].search(text, near[1], ent.start):
            continue            # "a week after the ceasefire reached in Doha": not its venue
        if in_fronted_background(text, within.start, (ent.start, ent.end), near):
            continue            # "After the talks in Doha, the sides met on Saturday"
        d = distance((ent.start, ent.end), near)
        if d <= max_distance and (best is None or (d, ent.start) < best[0]):
            best = ((d, ent.start), ent)
    if best is None:
        return "", ""
    ent = best[1]
    return (ent.entity_id or ent.surface.lower()), ent.surface


# ----------------------------------------------------------------------- attestations
@dataclass(frozen=True)
class Attestation:
    """One source dating one event: the date as written, its trigger and sentence."""
    source_id: str
    kind: str
    date_start: dt.date
    date_end: dt.date
    precision: str            # the date mention's precision
    date_text: str            # the date as written
    date_span: Span
    trigger: Span
    sentence: Span
    place: str = ""           # venue key ("" = not named)
    place_label: str = ""
    future: bool = False      # upcoming as of the source's publication date
    starts: bool = False      # announced as starting on that date ("will be held on")

    method: str = ""          # how the date parser resolved it (absolute, relative, ...)
    # The date is a statement's ("the ministry said on Friday that the talks ended"):
    # it ties the source to the event the statement reports but does not date it.
    statement: bool = False
    # a statement that its event is to come: the kind announcing it is ("visit_announced")
    announces: str = ""
    # The round number the source gives the event here ("the third round"), and where.
    ordinal: int | None = None
    ordinal_span: Span | None = None
    # The source's publication date is known to the day, so a weekday or relative date
    # it gives was resolved against a known day (``dissent`` trusts it).
    anchored: bool = False

    @property
    def precise(self) -> bool:
        book = codebook()
        if self.statement:
            return False
        if self.precision == "day":
            return True
        return (self.precision in book["precise_precisions"]
                and self.method not in book.get("vague_methods", [])
                and self.days <= book["precise_max_days"])

    @property
    def days(self) -> int:
        return (self.date_end - self.date_start).days + 1

    def dates(self) -> str:
        if self.date_start == self.date_end:
            return iso(self.date_start)
        return f"{iso(self.date_start)} to {iso(self.date_end)}"


def _trigger(source: ParsedSource, mention: DateMention, sent: Span, limit: int,
             occasions: bool | None = None):
    """(kind entry, trigger span) nearest the mention (at most ``limit`` away), or None.
    ``occasions``: True, only the kinds that are a statement's occasion (a press
    conference); False, only the others; None, all. For a statement's date (``occasions``
    False) a bare verb of saying ("the ministry announced late Thursday") stands for
    the outcome announced only when no measure taken by announcing it (a kind with
    ``dated_by_statement``) is named ("Kabul gave traders three months to end imports,
    Baradar announced on Wednesday": the trade measure)."""
    found = _nearest_trigger(source, mention, sent, limit, occasions)
    if found is None or occasions is not False:
        return found
    saying = {v.lower() for v in codebook()["reporting_verbs"]}
    if found[1].text.lower() not in saying:
        return found
    measure = _nearest_trigger(source, mention, sent, limit, occasions, saying,
                               lambda k: k.get("dated_by_statement"))
    return measure or found


def _nearest_trigger(source: ParsedSource, mention: DateMention, sent: Span, limit: int,
                     occasions: bool | None, skip: set[str] = frozenset(),
                     only=lambda kind: True):
    """The nearest trigger of the kinds ``occasions`` and ``only`` allow, leaving out the
    trigger words in ``skip`` (see ``_trigger``)."""
    book = codebook()
    best = None
    # a time of day written before the date is part of it ("shortly after midday on")
    time = book["time_prefix_re"].search(source.clean_text, max(sent.start, mention.start - 40),
                                         mention.start)
    at = (time.start() if time else mention.start, mention.end)
    for kind in book["kinds"]:
        if (occasions is not None and bool(kind.get("statement_occasion")) != occasions
                or not only(kind)):
            continue
        for pattern in kind["patterns"]:
            for m in pattern.finditer(source.clean_text, sent.start, sent.end):
                d = distance(m.span(), at)
                if d > limit or m.group(0).lower() in skip:
                    continue
                before = max(sent.start, m.start() - 90)
                background = m.start() >= mention.end and (bool(book["background"].search(
                    source.clean_text, before, m.start())) or _noun_phrase(source, m, sent))
                if background and book["offset_background"].search(source.clean_text, before,
                                                                    m.start()):
                    continue    # "on Saturday, a week after the ceasefire": not its date
                key = (background, d, kind["rank"], m.start())
                if best is None or key < best[0]:
                    best = (key, kind, m.span())
    return None if best is None else (best[1], span(source, *best[2]))


def _noun_phrase(source: ParsedSource, m: re.Match, sent: Span) -> bool:
    """Whether trigger ``m`` lies in a noun phrase naming an event by its participle
    ("the ceasefire reached in Doha"): the codebook's background_noun_phrases."""
    return any(n.start() <= m.start() and m.end() <= n.end()
               for p in codebook()["background_np"]
               for n in p.finditer(source.clean_text, max(sent.start, m.start() - 40),
                                   min(sent.end, m.end() + 60)))


def _cue_near(patterns, source: ParsedSource, around: tuple[int, int], sent: Span) -> bool:
    limit = codebook()["max_distance"]
    return any(distance(m.span(), around) <= limit
               for p in patterns for m in p.finditer(source.clean_text, sent.start, sent.end))


def _is_future(source, kind, mention, sent, window, statement: bool = False) -> bool:
    ref = reference_date(source)
    if statement:               # the statement's date says nothing of the event's tense
        return _cue_near(codebook()["future"], source, window, sent)
    if ref is not None:
        return mention.date_start > ref
    book = codebook()
    return _cue_near(book["future"], source, window, sent) or kind["kind"] == "scheduled_meeting"


def attest(source: ParsedSource) -> list[Attestation]:
    """Every dated event mention of one source, in text order (remembered between
    builds by ``memo`` inside a comparison session: it reads this source alone)."""
    return memo.recall("attest", source, _attest)


def _attest(source: ParsedSource) -> list[Attestation]:
    """Every dated event mention of one source, in text order.

    A date in a dateline dates the story and is skipped. A date tied to a verb of
    saying (or to a statement the sentence names) dates the statement: its attestation
    is marked ``statement`` and never dates the event it reports, unless that event is
    a measure taken by announcing it (a kind with ``dated_by_statement``, which the
    statement then dates); otherwise it dates the occasion the statement was made at,
    when the sentence names one (a press conference). A statement that something is to
    come (a visit, a kind with ``announced_as``) names the announcement kind in
    ``announces``: it dates the announcement when it finds no event to join."""
    book = codebook()
    found = []
    lines = datelines(source)
    anchored = source.pubdate.precision == "day" and source.pubdate.published is not None
    for mention in sorted(source.dates, key=lambda m: (m.start, m.end)):
        if mention.date_start is None:
            continue
        sent = sentence_at(source, mention.start)
        if in_dateline(mention, lines):
            continue
        statement = statement_date(source, mention, sent)
        hit = _trigger(source, mention, sent, book["statement_max_distance" if statement
                                                  else "max_distance"],
                       occasions=False if statement else None)
        if statement and hit is not None and hit[0].get("dated_by_statement"):
            statement = False   # a measure announced is taken on the day it is announced
        elif statement:         # the statement's own occasion is an event of that day
            occasion = _trigger(source, mention, sent, book["max_distance"], occasions=True)
            if occasion is not None:
                found.append(_attestation(source, mention, sent, *occasion, statement=False,
                                          anchored=anchored))
        if not statement:
            hit = _bounded(source, mention, sent, hit, found, anchored)
        if hit is not None:
            found.append(_attestation(source, mention, sent, *hit, statement=statement,
                                      anchored=anchored))
            announces = _announcement(source, mention, sent, hit) if statement else ""
            if announces:       # reported as to come: it joins an occasion ahead
                found[-1] = replace(found[-1], announces=announces, future=True)
    return _with_ordinals(source, _dedupe(found))


def _bounded(source: ParsedSource, mention: DateMention, sent: Span, hit, found: list,
             anchored: bool):
    """The trigger a date takes when a verb opening or closing the talks governs it, with
    the talks its subject (``boundaries``): the talks', whichever trigger is nearest; an
    outcome the verb's own phrase names ("ended without any agreement on Friday") is
    appended to ``found`` beside it. Otherwise ``hit`` unchanged."""
    bound = boundaries.bounded(source, mention, sent)
    if bound is None or (hit is not None and boundaries.same_occasion(bound[0], hit[0])):
        return hit
    if (hit is not None and hit[0].get("outcome_of") == bound[0]["kind"]
            and boundaries.keeps_outcome(source, mention, hit[1])):
        found.append(_attestation(source, mention, sent, *hit, statement=False,
                                  anchored=anchored))
    return bound


def _announcement(source: ParsedSource, mention: DateMention, sent: Span, hit) -> str:
    """The kind an announcement of ``hit``'s event is (its kind's ``announced_as``) when
    the statement dated by ``mention`` reports that event as still to come ("said on
    Sunday that ministers would travel to ..."): one of the kind's ``announce_cues``
    stands near; else ""."""
    if hit is None or not hit[0].get("announced_as"):
        return ""
    window = (min(hit[1].start, mention.start), max(hit[1].end, mention.end))
    if not _cue_near(hit[0]["announce_patterns"], source, window, sent):
        return ""
    return hit[0]["announced_as"]


def _attestation(source: ParsedSource, mention: DateMention, sent: Span, kind: dict,
                 trig: Span, statement: bool, anchored: bool) -> Attestation:
    """The attestation of ``kind`` that ``mention`` and its trigger make."""
    book = codebook()
    window = (min(trig.start, mention.start), max(trig.end, mention.end))
    future = _is_future(source, kind, mention, sent, window, statement)
    name = kind.get("when_future", kind["kind"]) if future else kind.get("when_past",
                                                                         kind["kind"])
    place, label = venue(source, window, sent, date=(mention.start, mention.end))
    return Attestation(
        source_id=source.source_id, kind=name, date_start=mention.date_start,
        date_end=mention.date_end or mention.date_start, precision=mention.precision,
        date_text=mention.text, date_span=span(source, mention.start, mention.end),
        trigger=trig, sentence=sent, place=place, place_label=label, future=future,
        starts=_cue_near(book["start"], source, window, sent), method=mention.method,
        statement=statement, anchored=anchored)


def _round_number(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else codebook()["round_words"].get(word)


def _with_ordinals(source: ParsedSource, found: list[Attestation]) -> list[Attestation]:
    """Each round number a sentence gives ("the third round") goes to the attestation of
    a round-numbered kind in that sentence whose date or trigger stands nearest it, so
    the number each source gives each occasion is kept. A sentence dating only what a
    round produced, the round its subject ("the third round stalled without agreement on
    Friday", read as the stall), gives the number to that outcome, which joins the
    round; not when other words come between ("the third round of talks since the Doha
    agreement of October 19", "the third round is meant to shore up the ceasefire
    reached last month": neither is that round's outcome)."""
    book = codebook()
    kinds = book["round_kinds"]
    outcomes = {k["kind"] for k in book["kinds"] if k.get("outcome_of") in kinds}
    numbered = [i for i, a in enumerate(found) if a.kind in kinds | outcomes]
    for start in sorted({found[i].sentence.start for i in numbered}):
        here = [i for i in numbered if found[i].sentence.start == start]
        here = [i for i in here if found[i].kind in kinds] or here
        sent = found[here[0]].sentence

        def gap(i: int, at: tuple[int, int]) -> tuple[int, int]:
            a = found[i]
            return (min(distance(at, (x.start, x.end)) for x in (a.date_span, a.trigger)),
                    a.date_span.start)
        for pattern in book["round_patterns"]:
            for m in pattern.finditer(source.clean_text, sent.start, sent.end):
                n = _round_number(m.group("ordinal"))
                fits = [i for i in here if found[i].kind in kinds
                        or _subject_of(source, m.span(), found[i].trigger)]
                if n is not None and fits:
                    i = min(fits, key=lambda i: gap(i, m.span()))
                    found[i] = replace(found[i], ordinal=n,
                                       ordinal_span=span(source, *m.span()))
    return found


def _subject_of(source: ParsedSource, at: tuple[int, int], trigger: Span) -> bool:
    """Is the round numbered at ``at`` the subject of ``trigger`` ("the third round
    stalled"): the trigger follows it after a few plain words, no auxiliary or modal
    among them ("the third round is meant to shore up the ceasefire")?"""
    gap = source.clean_text[at[1]:trigger.start]
    return (at[1] <= trigger.start and boundaries.plain(gap)
            and not any(w.lower() in codebook()["reporting_stop"] for w in gap.split()))


def _dedupe(found: list[Attestation]) -> list[Attestation]:
    """One attestation per sentence, kind and date ("November 6 (Aqrab 15)" is one)."""
    seen, out = set(), []
    for a in found:
        key = (a.sentence.start, a.kind, a.date_start, a.date_end, a.statement)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
