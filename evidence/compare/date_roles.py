"""What a date dates: the story (a dateline), a statement, or an event. A date in a
dateline ("PLACE, DATE (AGENCY) -") is the story's filing date. A date tied to a verb of
saying ("a spokesman said on Saturday", "officials on Monday said") or to a statement
the sentence names ("in a statement on Sunday") is the statement's, unless the verb is
passive ("gunfire was reported on Monday") or the words between open a clause or noun
phrase of their own ("said the talks will resume on", "said of the October 25-30
talks"); the occasion a statement is made at ("told a news conference on Friday") is no
such clause. A decision to meet ("agreed on Sunday to meet again") and a state ("the
ceasefire was holding on Tuesday") are dated like statements: they tie the source to
the event without dating it. Only the remaining dates date an event. A place in a
background clause or noun phrase around the event names another event's venue
(``in_fronted_background``)."""
from __future__ import annotations

import re

from evidence.compare.codebook import codebook
from evidence.compare.spans import Span, span
from evidence.model import DateMention, ParsedSource
from evidence.read import dateline


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def datelines(source: ParsedSource) -> list[Span]:
    """The datelines of a source (``evidence.read.dateline``: "PLACE, DATE (AGENCY) -" or
    "PLACE, DATE:" opening a paragraph), from the paragraph start to the separator,
    whose place is a place (``_dateline_place``). A date there is the story's filing
    date, not an event's."""
    text = source.clean_text
    found: dict[int, Span] = {}
    for mention in source.dates:
        line = dateline.find(text, mention.start, mention.end)
        if line and line.start not in found and _dateline_place(source, *line.place):
            found[line.start] = span(source, line.start, line.end)
    return [found[k] for k in sorted(found)]


def _dateline_place(source: ParsedSource, start: int, end: int) -> bool:
    """Is the dateline's place word a place: in capitals, a gazetteer place, or the
    dateline the metadata found? (A capitalised word opening a sentence, "Clashes,
    October 12 - ...", is not.)"""
    words = source.clean_text[start:end]
    if codebook()["dateline_capitals_re"].fullmatch(words):
        return True
    if source.meta.dateline and words.casefold() == source.meta.dateline.casefold():
        return True
    return any(e.entity_type == "place" and e.start == start and e.end == end
               for e in source.entities)


def _in_dateline(mention: DateMention, lines: list[Span]) -> bool:
    return any(mention.start < d.end and d.start < mention.end for d in lines)


def _gap_is_clause(source: ParsedSource, gap: str, at: int, sent: Span) -> bool:
    """Do the words between a verb of saying and a date open a clause of their own
    ("said the talks will resume on") or a noun phrase the date belongs to ("said of
    the October 25-30 talks")? Then the date is that clause's or phrase's."""
    book = codebook()
    words = [w.lower() for w in re.findall(r"[\w’'-]+", gap)]
    if any(w in book["reporting_stop"] for w in words):
        return True
    if words and words[-1] in book["reporting_determiners"]:
        return True             # "said of the October 25-30 talks": the talks' date
    around = (at, at + len(gap))
    patterns = [p for k in book["kinds"] if not k.get("statement_occasion")
                for p in k["patterns"]] + book["future"]     # "told a news conference on"
    return any(m.start() < around[1] and around[0] < m.end()
               for p in patterns for m in p.finditer(source.clean_text, sent.start, sent.end))


def reporting_date(source: ParsedSource, mention: DateMention, sent: Span) -> bool:
    """Is the date the date of a statement ("a spokesman said on Saturday",
    "officials on Monday said") rather than of the event the statement reports?"""
    book, text = codebook(), source.clean_text
    before = book["reporting_before"].search(text, sent.start, mention.start)
    if (before and not _gap_is_clause(source, before.group("gap"), before.start("gap"), sent)
            and not book["passive"].search(text, sent.start, before.start())):
        return True             # (not "clashes were reported on Monday": no speaker)
    if book["reporting_after"].match(text, mention.end, sent.end):
        return True
    # "On Saturday, Pakistan's defence minister said": a day opening the sentence (after
    # at most a lead word, "On"), then the speaker and the verb; not "On Saturday talks
    # ended, officials said", nor "In the next two days, the statement says"
    lead = text[sent.start:mention.start].strip(" \"“‘'").lower().split()
    if mention.precision != "day" or mention.text.lower().startswith(("in ", "within ")) \
            or lead[1:] or (lead and lead[0] not in book["reporting_leads"]):
        return False
    after = book["reporting_subject_after"].match(text, mention.end, sent.end)
    return bool(after) and not _gap_is_clause(source, after.group("gap"), after.start("gap"),
                                              sent)


def decision_date(source: ParsedSource, mention: DateMention, sent: Span) -> bool:
    """Is the date that of a decision to meet ("agreed on Sunday to meet again", "On
    Sunday the delegations decided to hold further talks") rather than of the meeting?
    The words between the verb and the date must not open a clause of their own."""
    book, text = codebook(), source.clean_text

    def plain(gap: str) -> bool:        # no word opening a clause of its own
        return not any(w.lower() in book["reporting_stop"]
                       for w in re.findall(r"[\w’'-]+", gap))
    before = book["decision_before"].search(text, sent.start, mention.start)
    if before and plain(before.group("gap")) and book["decision_to"].match(text, mention.end,
                                                                             sent.end):
        return True
    after = book["decision_after"].match(text, mention.end, sent.end)
    return bool(after) and plain(after.group("gap"))


def statement_date(source: ParsedSource, mention: DateMention, sent: Span) -> bool:
    """Is the date a statement's: tied to a verb of saying, the date of a statement,
    post or briefing the sentence names ("in a statement on Sunday, ... said"), of a
    decision to meet (``decision_date``) or of a state the sentence reports ("the
    ceasefire was holding on Tuesday": the codebook's state_before)? Such a date ties
    the source to the event it names but never dates it."""
    book, text = codebook(), source.clean_text
    return (reporting_date(source, mention, sent)
            or bool(book["statement_lead"].search(text, sent.start, mention.start))
            or (mention.text.endswith(("'s", "’s"))
                or text.startswith(("'s", "’s"), mention.end))
            and bool(book["statement_possessive"].match(text, mention.end, sent.end))
            or bool(book["statement_noun_after"].match(text, mention.end, sent.end))
            or decision_date(source, mention, sent)
            or bool(book["state_before_re"].search(text, sent.start, mention.start))
            or _apposed_to_statement(source, mention, sent))


def _apposed_to_statement(source: ParsedSource, mention: DateMention, sent: Span) -> bool:
    """Is the date set beside a statement's date, naming the same day ("said on Friday,
    November 7, that ...", "said on Friday (November 7)", even where the two were
    resolved to different days)? Then it is the statement's too."""
    text = source.clean_text
    before = [m for m in source.dates if sent.start <= m.start and m.end <= mention.start
              and re.fullmatch(r"\s*[,(]?\s*", text[m.end:mention.start])]
    return any(statement_date(source, m, sent) for m in before)


def in_fronted_background(text: str, start: int, place: tuple[int, int],
                           near: tuple[int, int]) -> bool:
    """Does ``place`` name another event's venue than the one at ``near``? Either it
    stands in a background clause set before that event ("After the talks in Doha, the
    sides met again on Saturday": a background marker, the codebook's
    background_markers, opens the place's clause, which a comma, semicolon or colon
    closes before ``near``), or it follows ``near`` beyond a semicolon or inside a noun
    phrase naming another round or event ("the talks began on Saturday; the previous
    round was in Doha", "talks on Tuesday on the ceasefire agreed in Doha"; the
    codebook's other_round and background_noun_phrases). ``start`` is where the
    sentence begins."""
    book = codebook()
    if place[0] >= near[1]:
        between = text[near[1]:place[0]]
        return (";" in between or bool(book["other_round_re"].search(between))
                or any(p.search(between) for p in book["background_np"]))
    if place[1] > near[0]:
        return False
    clause = re.split(r"[,;:]", text[start:place[0]])[-1]
    return (bool(book["background_any"].search(clause))
            and re.search(r"[,;:]", text[place[1]:near[0]]) is not None)


def in_dateline(mention: DateMention, lines: list[Span]) -> bool:
    """Does the date stand in one of the source's datelines (the story's date)?"""
    return _in_dateline(mention, lines)


def dates_an_event(source: ParsedSource, mention: DateMention, sent: Span,
                   lines: list[Span]) -> bool:
    """False for a date that dates the story (a dateline) or a statement ("said on
    Saturday") rather than something the sentence reports."""
    return not _in_dateline(mention, lines) and not statement_date(source, mention, sent)
