"""The event codebook: kinds of event, their triggers and cues
(``data/knowledge/events.yml``). Read once and compiled: each kind's trigger patterns
and rank, the future and start cues, the background markers, the dateline's capitals and the
verbs of saying that tie a date to a statement. ``kind_label`` and ``kind_colour`` give
a kind's display name and colour."""
from __future__ import annotations

import re
from functools import lru_cache

from evidence import text as textutil
from evidence.compare.spans import compile_all


CODEBOOK = "events.yml"
ROUNDS = "attributes.yml"


@lru_cache(maxsize=1)
def codebook() -> dict:
    book = dict(textutil.knowledge(CODEBOOK))
    kinds = []
    for rank, kind in enumerate(book["kinds"]):
        kinds.append({**kind, "rank": rank, "patterns": compile_all(kind["triggers"]),
                      "announce_patterns": compile_all(kind.get("announce_cues"))})
    book["kinds"] = kinds
    book["by_kind"] = {k["kind"]: k for k in kinds}
    book["future"] = compile_all(book.get("future_cues"))
    book["start"] = compile_all(book.get("start_cues"))
    markers = "|".join(re.escape(m) for m in book.get("background_markers") or ["(?!)"])
    # the marker and at most background_words words of its clause (no comma or stop)
    book["background"] = re.compile(
        rf"\b(?:{markers})\s+(?:[^\s,;:.]+\s+){{0,{book.get('background_words', 3)}}}$",
        re.IGNORECASE)
    book["offset_background"] = re.compile(book.get("offset_background") or "(?!)",
                                           re.IGNORECASE)
    book["time_prefix_re"] = re.compile(book.get("time_prefix") or "(?!)", re.IGNORECASE)
    book["background_np"] = compile_all(book.get("background_noun_phrases"))
    book["background_any"] = re.compile(rf"\b(?:{markers})\b", re.IGNORECASE)
    book["other_round_re"] = re.compile(book.get("other_round") or "(?!)", re.IGNORECASE)
    # a dateline's place set in capitals: matched case-sensitively
    book["dateline_capitals_re"] = re.compile(book["dateline_capitals"])
    verbs = "|".join(re.escape(v) for v in (book.get("reporting_verbs") or [])
                     + (book.get("response_verbs") or []) or ["(?!)"])
    leads = "|".join(r"\s+".join(map(re.escape, w.split()))
                     for w in sorted(book.get("reporting_date_lead") or [], key=len,
                                     reverse=True)) or "(?!)"
    book["reporting_before"] = re.compile(
        rf"\b(?:{verbs})\b(?P<gap>(?:\s+[\w’'-]+){{0,{book['reporting_gap_words']}}}?)"
        rf"\s+(?:(?:{leads})\s+)?$", re.IGNORECASE)
    book["reporting_after"] = re.compile(rf"\s+(?:{verbs})\b", re.IGNORECASE)
    book["reporting_leads"] = {w.lower() for w in book.get("reporting_date_lead") or []}
    # "On Saturday, Pakistan's defence minister said": the speaker between date and verb
    book["reporting_subject_after"] = re.compile(
        rf",?(?P<gap>(?:\s+[\w’'.-]+){{1,{book['reporting_gap_words'] + 1}}}?)\s+(?:{verbs})\b",
        re.IGNORECASE)
    # a decision to meet: "agreed on Sunday to meet", "On Sunday the sides agreed to hold"
    decide = "|".join(re.escape(v) for v in book.get("decision_verbs") or ["(?!)"])
    meet = "|".join(re.escape(v) for v in book.get("meeting_verbs") or ["(?!)"])
    gap = book["reporting_gap_words"]
    book["decision_before"] = re.compile(
        rf"\b(?:{decide})\b(?P<gap>(?:\s+[\w’'-]+){{0,{gap}}}?)\s+(?:(?:{leads})\s+)?$",
        re.IGNORECASE)
    book["decision_to"] = re.compile(rf"\s*,?\s*to\s+(?:{meet})\b", re.IGNORECASE)
    book["decision_after"] = re.compile(
        rf"\s*,?(?P<gap>(?:\s+[\w’'-]+){{0,{gap}}}?)\s+(?:{decide})\s+to\s+(?:{meet})\b",
        re.IGNORECASE)
    book["future"].append(re.compile(
        rf"\b(?:{decide})\s+(?:[\w’'-]+\s+){{0,{gap}}}?to\s+(?:{meet})\b", re.IGNORECASE))
    book["reporting_stop"] = {w.lower() for w in book.get("reporting_gap_stop") or []}
    passive = "|".join(re.escape(w) for w in book.get("passive_auxiliaries") or ["(?!)"])
    book["passive"] = re.compile(rf"\b(?:{passive})\s+(?:\w+ly\s+)?$", re.IGNORECASE)
    book["reporting_determiners"] = {w.lower() for w in book.get("reporting_determiners") or []}
    nouns = "|".join(r"\s+".join(map(re.escape, w.split()))
                     for w in book.get("statement_nouns") or []) or "(?!)"
    made = "|".join(re.escape(w) for w in book.get("statement_participles") or ["(?!)"])
    book["statement_lead"] = re.compile(
        rf"\b(?:in|by|through|according\s+to)\s+(?:(?:a|an|its|his|her|their|the)\s+)?"
        rf"(?:\w+\s+)?(?:{nouns})(?:\s+(?:{made}))?\s+(?:(?:{leads})\s+)*$", re.IGNORECASE)
    book["state_before_re"] = re.compile(book.get("state_before") or "(?!)", re.IGNORECASE)
    # "Saturday's statement said": the date owns the statement (the mention may hold the
    # possessive)
    book["statement_possessive"] = re.compile(rf"(?:[’']s)?\s+(?:\w+\s+)?(?:{nouns})\b",
                                              re.IGNORECASE)
    # "according to a Saturday statement": the date modifies the statement noun (not a
    # noun that is itself an event, "the October 30 joint statement")
    plain = [n for n in book.get("statement_nouns") or []
             if not any(p.fullmatch(n) for k in kinds if not k.get("statement_occasion")
                        for p in k["patterns"])]
    book["statement_noun_after"] = re.compile(
        r"\s+(?:%s)\b" % ("|".join(r"\s+".join(map(re.escape, n.split())) for n in plain)
                          or "(?!)"), re.IGNORECASE)
    # round numbers ("the third round") are read with the attribute codebook's patterns
    rounds = textutil.knowledge(ROUNDS)
    book["round_patterns"] = compile_all(rounds["round_number"]["patterns"])
    book["round_kinds"] = set(rounds["round_number"]["event_kinds"])
    book["round_words"] = {**rounds["numbers"], **rounds["ordinals"]}
    return book


def kind_label(kind: str) -> str:
    return codebook()["by_kind"].get(kind, {}).get("label", kind)


def kind_colour(kind: str) -> str:
    return codebook()["by_kind"].get(kind, {}).get("colour", "#777777")
