"""Publication date P inferred from the text's own evidence.

Order of evidence (each must agree with the content, else it is flagged and not used):
  1. dates the capture claims (``pubdate_claims``): the user's registry date
     (``registry``), the page's markup (``html_meta``), a date in its URL (``url``);
  2. a dateline date, "ISLAMABAD, Oct 30 (Reuters) -" (``dateline``);
  3. a lone date line such as a page header (``page_header``): often an
     aggregator's template date, so it is only used when the content agrees;
  4. the content (``inferred``): every dated mention constrains P --
       reported as past          -> P >= its (last) day
       announced as future       -> P <  its (first) day
       "next week" + a dated future event -> P in the week before that event's week
       (also yesterday/today/tomorrow/last month... tied to a date in the same sentence)
       "Thursday (today)" / "today, Sunday" -> P is that weekday
       "late Thursday" (past) when the latest reported date is a Thursday -> that day is
       the Thursday meant: P in [it, it + 6], best guess it + report lag (late = 1 day)
     P = the single day left, else an interval [earliest, latest] with the best guess
     (the weekday/report-lag day, else the earliest day: news follows events closely).
  5. other sources (``cross_source``, in ``refine_with_corpus``): the year of a
     yearless text from the same month-days dated elsewhere; "the second day of the
     talks ... today" from the range other sources give for talks in the same place;
     "after six days of talks in Istanbul" from when those talks ended.
Without a year anywhere (and none from other sources) P stays unknown: ``published``
and the interval are empty, the flags say what the content does establish.
Evidence: the supporting sentences verbatim from the clean text, joined by " … ";
another source's sentence is prefixed with "<source_id>: ".
"""
from __future__ import annotations

import datetime as dt
import re

from dataclasses import dataclass, field
from functools import lru_cache

from evidence.read import clean as clean_mod
from evidence.read import date_scan, dates, lead, pubdate_claims, word_openings
from evidence.read.date_scan import DAY, Found
from evidence.model import CleanDocument, Metadata, PubDate, RawDocument, RegistryEntry
from evidence.text import knowledge, quotations

SEP = " … "

@dataclass
class _Fact:
    """One constraint on P, with the sentence that gives it."""
    lo: dt.date | None
    hi: dt.date | None
    evidence: str
    best: dt.date | None = None
    weekday: int | None = None      # P must be this weekday
    kind: str = ""                  # past | future | relative | weekday | corpus


@dataclass
class _Doc:
    text: str
    found: list[Found]              # content mentions (header lines left out)
    headers: list[tuple[str, dt.date]]
    claims: list[pubdate_claims.Claim] = field(default_factory=list)
    stories: list = field(default_factory=list)
    capture: tuple = ()     # (day, why): a capture stamp only bounds P from above


@dataclass
class _Result:
    lo: dt.date | None
    hi: dt.date | None
    best: dt.date | None
    evidence: list[str]
    flags: list[str]
    latest_mentioned: dt.date | None
    from_corpus: bool = False          # relies on another source's dates


# --------------------------------------------------------------------------- public

def infer(raw: RawDocument, clean: CleanDocument, meta: Metadata,
          entry: RegistryEntry | None = None) -> PubDate:
    return _infer(_doc(raw, clean, entry), None)


# --------------------------------------------------------------------------- document

def story_bounds(clean: CleanDocument) -> list[tuple[int, int]]:
    """[start, end) of each story of a page (the first from the top of the text); one
    span for a page with one story."""
    starts = [0] + [st.start for st in clean.stories[1:]]
    return list(zip(starts, starts[1:] + [len(clean.text) + 1]))


def _doc(raw: RawDocument, clean: CleanDocument, entry: RegistryEntry | None = None,
         story: int = 0) -> _Doc:
    """The evidence for one story's date: a page that joins stories is dated by its
    first (main) story, each other story by its own mentions."""
    text = clean.text
    lo, hi = story_bounds(clean)[story]
    found = [f for f in dates.scan_cached(text) if lo <= f.start < hi]
    headers = list(clean.header_dates) if story == 0 else []
    for line in clean.removed if story == 0 else ():
        if line.rule in clean_mod.HEADER_DATE_RULES:
            headers += [(line.text.strip(), dates.gregorian(f)[0])
                        for f in date_scan.scan(line.text) if f.kind == "date" and f.has_year][:1]
    lines = {}                 # a date line (weekday, label, byline + date): its first date
    for f in found:
        span = pubdate_claims.date_line(text, f)
        if span and span not in lines:
            lines[span] = f
    headers += [(text[a:b].strip(), dates.gregorian(f)[0]) for (a, b), f in lines.items()]
    content = [f for f in found if not any(a <= f.start < b for a, b in lines)]
    headers = list(dict.fromkeys(headers))      # clean may report a header twice
    claims = pubdate_claims.claims(raw, entry) if story == 0 else []
    return _Doc(text, content, headers, claims, list(clean.stories),
                raw.capture_bounds if story == 0 else ())


def mentions(raw: RawDocument, clean: CleanDocument, entry: RegistryEntry | None,
             pub: PubDate) -> list:
    """Date mentions of a page, each story's resolved against its own date: the page's
    (``pub``) for the first, the one its own mentions give for each other story (the
    page's when they give none)."""
    found, quoted = dates.scan_cached(clean.text), quotations(clean.text)
    spans = story_bounds(clean)
    if len(spans) == 1:
        return dates.resolve(found, pub, quoted=quoted)
    out = []
    for i, (lo, hi) in enumerate(spans):
        own = pub if i == 0 else _infer(_doc(raw, clean, entry, story=i), None)
        out += dates.resolve([f for f in found if lo <= f.start < hi],
                             own if own.precision != "unknown" else pub, quoted=quoted)
    return out


def _agreeing_claim_year(doc: _Doc) -> int | None:
    """For a text without a year: the year of a date the capture claims (markup, URL,
    the user, a header line) when the content, read in that year, agrees with it."""
    for day in [c.day for c in doc.claims] + [h for _text, h in doc.headers]:
        mentions = dates.resolve(doc.found, None, _anchor(doc, day.year))
        facts = _facts(doc, mentions)
        if _agrees(_combine(doc, facts, mentions), day, facts):
            return day.year
    return None


def _sentence(doc: _Doc, f: Found) -> str:
    return doc.text[f.sentence[0]:f.sentence[1]].strip()


def _explicit_years(doc: _Doc, days_only: bool = False) -> list[int]:
    kinds = ("date", "range", "hijri") if days_only else ("date", "range", "hijri", "month")
    return [dates.gregorian(f)[0].year for f in doc.found if f.has_year and f.kind in kinds]


def _anchor(doc: _Doc, year: int) -> dt.date:
    """A day in ``year`` to resolve yearless dates against: the first yearless
    Gregorian date of the text in that year (so dates that cluster stay together)."""
    for f in doc.found:
        if f.kind in ("date", "range") and not f.has_year:
            return dt.date(year, f.m, min(f.d, 28))
    return dt.date(year, 7, 1)


# --------------------------------------------------------------------------- inference

def _infer(doc: _Doc, kb=None) -> PubDate:
    """``kb``: a ``pubdate_corpus._Knowledge`` of the other sources, or None."""
    corpus_evidence: list[str] = []
    anchor = None
    if not _explicit_years(doc, days_only=True):   # "in August 2021" dates no month-day
        year, corpus_evidence = kb.year_for(doc) if kb is not None else (None, [])
        if year is None:        # a date the capture claims that the content agrees with
            year = _agreeing_claim_year(doc)
        anchor = _anchor(doc, year) if year else None
    if not _explicit_years(doc) and anchor is None:
        # no year at all: weekdays tied to occasions other sources date may still say it
        tied = kb.weekday_facts(doc, None, None) if kb is not None else []
        day = next((f.lo or f.hi for f in tied if f.lo or f.hi), None)
        if day is None:
            return _unknown(doc)
        anchor = _anchor(doc, day.year)
    mentions = dates.resolve(doc.found, None, anchor)
    facts = _facts(doc, mentions)
    if kb is not None:
        facts += kb.facts_for(doc)
        # what the text's own dates allow, before guessing which day its weekdays mean
        guesses = [f for f in facts if f.kind == "weekday" and f.weekday is None]
        firm = [f for f in facts if f not in guesses]
        own = _combine(doc, firm, mentions)
        pinned = _pinned(doc, own, firm, mentions)
        tied = kb.weekday_facts(doc, *((pinned, pinned) if pinned else (own.lo, own.hi)))
        if tied:           # weekdays other sources date replace the text's own guesses
            facts = firm + tied
    res = _combine(doc, facts, mentions)
    flags = res.flags + _header_flags(doc, res, facts) + _self_contradictions(doc, mentions, res)
    for claim in doc.claims:
        if _agrees(res, claim.day, facts):
            evidence = SEP.join(dict.fromkeys([claim.evidence] + res.evidence))
            return PubDate(claim.day, claim.day, claim.day, "day", evidence, claim.method, flags)
        flags.insert(0, f"{claim.evidence} contradicts the content"
                        f"{_content_summary(res)}; not used")
    dl = _dateline(doc, mentions)
    if dl and _agrees(res, dl[1], facts):
        evidence = SEP.join(dict.fromkeys([dl[0]] + corpus_evidence))   # + where its year came from
        return PubDate(dl[1], dl[1], dl[1], "day", evidence, "dateline", flags)
    if dl:
        flags.append(f"dateline date {dl[1]} ('{_clip(dl[0])}') contradicts the content"
                     f"{_content_summary(res)}; not used")
    for text, h in doc.headers:
        if _agrees(res, h, facts):
            return PubDate(h, h, h, "day", text, "page_header", flags)
    if res.lo is None and res.hi is None and res.best is None:
        return PubDate(None, None, None, "unknown", SEP.join(res.evidence), "none", flags)
    method = "cross_source" if res.from_corpus or corpus_evidence else "inferred"
    evidence = SEP.join(dict.fromkeys(res.evidence + corpus_evidence))
    if res.lo is not None and res.lo == res.hi:
        return PubDate(res.lo, res.lo, res.lo, "day", evidence, method, flags)
    return PubDate(res.best, res.lo, res.hi, "interval", evidence, method, flags)


def _pinned(doc: _Doc, res: _Result, facts: list[_Fact], mentions) -> dt.date | None:
    """The day a claim, the dateline or a header line gives, if the content agrees."""
    dl = _dateline(doc, mentions)
    days = [c.day for c in doc.claims] + ([dl[1]] if dl else []) + [h for _t, h in doc.headers]
    return next((day for day in days if _agrees(res, day, facts)), None)


def _unknown(doc: _Doc) -> PubDate:
    """No year anywhere: say what the month-days establish, date nothing."""
    flags = _header_flags(doc, None)
    mentions = dates.resolve(doc.found, None, _anchor(doc, 2001))
    res = _combine(doc, _facts(doc, mentions, weekdays=False), mentions)
    if res.lo or res.hi:
        span = " and ".join(x for x in (res.lo and f"on or after {res.lo:%B} {res.lo.day}",
                                         res.hi and f"on or before {res.hi:%B} {res.hi.day}") if x)
        flags.append(f"no year in the text: the content places publication {span} of a year "
                     "it does not state")
    elif any(f.kind in ("weekday", "relative") for f in doc.found):
        flags.append("only relative dates (no absolute date) in the text")
    return PubDate(None, None, None, "unknown", SEP.join(res.evidence), "none", flags)


def _facts(doc: _Doc, mentions, weekdays: bool = True) -> list[_Fact]:
    """Constraints the content puts on P. The dateline's date is P itself, not
    content, and a page or print-edition note only bounds P from above."""
    facts: list[_Fact] = [_Fact(None, day, why, kind="capture") for day, why in doc.capture]
    dated = []
    for f, m in zip(doc.found, mentions):
        if f.kind not in ("date", "range", "hijri") or not m.date_start or f.dateline:
            continue
        if pubdate_claims.edition_note(doc.text, f):
            facts.append(_Fact(None, m.date_end, _sentence(doc, f), best=m.date_end, kind="edition"))
            continue
        dated.append((f, m))
    for f, m in dated:
        if f.tense == "past":
            facts.append(_Fact(m.date_end, None, _sentence(doc, f), kind="past"))
        elif f.tense == "future":
            facts.append(_Fact(None, m.date_start - DAY, _sentence(doc, f), kind="future"))
    future = sorted(((m.date_start, f) for f, m in dated if f.tense == "future"), key=lambda t: t[0])
    past = sorted(((m.date_end, f) for f, m in dated if f.tense == "past"), key=lambda t: t[0])
    for f in doc.found:
        if f.kind == "relative" and f.rel[0] != "span" and not dates.is_anaphoric(f):
            same = [(m.date_start if f.rel[1] >= 0 else m.date_end, g) for g, m in dated
                    if g.sentence == f.sentence and _near(doc.text, f, g)]
            link = same[0] if len(same) == 1 else (future[0] if f.rel[1] > 0 and future else None)
            span = dates.event_from_pub(f.rel, link[0]) if link else None
            if span:
                facts.append(_Fact(span[0], span[1], _sentence(doc, f), kind="relative"))
                facts.append(_Fact(None, None, _sentence(doc, link[1]), kind="relative"))
        if f.kind == "weekday" and weekdays:
            facts += _weekday_facts(doc, f, past, future)
    return facts


# A relative phrase names the same day as a date this close to it and set beside it
# ("yesterday, October 30", "next week (November 6)", "earlier this month, on October
# 9"); farther off, or with other words between ("began on October 25 but stalled
# earlier this week"), the date is another event's.
RELATIVE_LINK_CHARS = 30
_APPOSITION = re.compile(r"[\s,;:()\[\]–—-]*(?:(?:on|of|in|the|or|i\.e\.|that\s+is)\b[\s,;:()\[\]–—-]*)*")


def _near(text: str, f: Found, g: Found) -> bool:
    a, b = (f.end, g.start) if f.end <= g.start else (g.end, f.start)
    return b - a <= RELATIVE_LINK_CHARS and _APPOSITION.fullmatch(text, a, b) is not None


def _weekday_facts(doc: _Doc, f: Found, past, future) -> list[_Fact]:
    if f.today_offset is not None:
        return [_Fact(None, None, _sentence(doc, f), weekday=(f.weekday - f.today_offset) % 7,
                      kind="weekday")]
    qual = knowledge("calendar.yml")["weekday_qualifiers"].get(f.qualifier, {})
    tense = dates.weekday_tense(f)
    if tense == "past" and past and past[-1][0].weekday() == f.weekday:
        day, g = past[-1]
        return [_Fact(day, day + 6 * DAY, _sentence(doc, f), best=day + qual.get("report_lag", 0) * DAY,
                      kind="weekday"), _Fact(None, None, _sentence(doc, g), kind="weekday")]
    if tense == "past" and past and not qual.get("strict") \
            and lead.leads(doc.text, doc.found, doc.stories, f, past[-1][1]):
        # the lead reports the news, the dated background follows it: the lead's
        # weekday is not before the latest date the story reports
        day, g = dates.weekday_after(past[-1][0], f.weekday), past[-1][1]
        return [_Fact(day, None, _sentence(doc, f), best=day + qual.get("report_lag", 0) * DAY,
                      kind="weekday"), _Fact(None, None, _sentence(doc, g), kind="weekday")]
    if tense == "future" and future and future[0][0].weekday() == f.weekday:
        day, g = future[0]
        return [_Fact(day - 6 * DAY, day - DAY, _sentence(doc, f), kind="weekday"),
                _Fact(None, None, _sentence(doc, g), kind="weekday")]
    return []


def _combine(doc: _Doc, facts: list[_Fact], mentions) -> _Result:
    flags: list[str] = []
    lo_f = max((f for f in facts if f.lo), key=lambda f: f.lo, default=None)
    hi_f = min((f for f in facts if f.hi), key=lambda f: f.hi, default=None)
    if lo_f and hi_f and lo_f.lo > hi_f.hi:
        flags.append(f"content dates conflict: '{_clip(lo_f.evidence)}' puts publication on or after "
                     f"{lo_f.lo} but '{_clip(hi_f.evidence)}' before {hi_f.hi + DAY}; "
                     "the past-tense report is kept")
        facts = [f for f in facts if not (f.hi and f.hi < lo_f.lo)]
        hi_f = min((f for f in facts if f.hi), key=lambda f: f.hi, default=None)
    lo, hi = (lo_f.lo if lo_f else None), (hi_f.hi if hi_f else None)
    used = [f for f in (lo_f, hi_f) if f]
    best = None
    for wf in (f for f in facts if f.weekday is not None):
        if lo is None and hi is None:
            used.append(wf)
            continue
        a, b = lo or hi - 6 * DAY, hi or lo + 6 * DAY
        days = [a + i * DAY for i in range((b - a).days + 1) if (a + i * DAY).weekday() == wf.weekday]
        used.append(wf)
        if len(days) == 1:
            lo = hi = best = days[0]
        elif not days:
            flags.append(f"'{_clip(wf.evidence)}' names a weekday that no day between {a} and {b} has")
    bests = [f for f in facts if f.best and (lo is None or f.best >= lo) and (hi is None or f.best <= hi)]
    if best is None and bests:
        best = max(bests, key=lambda f: f.best).best
        used += bests
    if best is None:
        best = lo
    used += [f for f in facts if f.lo is None and f.hi is None and f.weekday is None and
             any(u.evidence != f.evidence and u.kind == f.kind for u in used)]
    latest = max((m.date_end for m in mentions if m.date_end and m.precision in ("day", "range")),
                 default=None)
    order = {s: doc.text.find(s) for s in (f.evidence for f in used)}
    evidence = sorted({f.evidence for f in used}, key=lambda s: (order[s] < 0, order[s], s))
    return _Result(lo, hi, best, evidence, flags, latest, any(f.kind == "corpus" for f in used))


def _agrees(res: _Result, day: dt.date, facts: list[_Fact]) -> bool:
    if res.lo and day < res.lo or res.hi and day > res.hi:
        return False
    return all(f.weekday is None or day.weekday() == f.weekday for f in facts)


def _content_summary(res: _Result) -> str:
    if res.latest_mentioned:
        return f" (mentions dates up to {res.latest_mentioned})"
    return ""


def _header_flags(doc: _Doc, res: _Result | None, facts: list[_Fact] = ()) -> list[str]:
    """A lone date line that the content contradicts is flagged, never used."""
    flags = []
    for text, h in doc.headers:
        if res is None:   # yearless content: check it in the header's own year
            mentions = dates.resolve(doc.found, None, _anchor(doc, h.year))
            h_facts = _facts(doc, mentions)
            res_h = _combine(doc, h_facts, mentions)
            if not _agrees(res_h, h, h_facts):
                flags.append(f"page header date {h} ('{text}') contradicts the content"
                             f"{_yearless_summary(res_h)}; not used")
        elif not _agrees(res, h, facts):
            flags.append(f"page header date {h} ('{text}') contradicts the content"
                         f"{_content_summary(res)}; not used")
    return flags


def _yearless_summary(res: _Result) -> str:
    if res.lo and res.hi:
        return (f" (by its own dates the text was written between {res.lo:%B} {res.lo.day} "
                f"and {res.hi:%B} {res.hi.day})")
    return ""


def _dateline(doc: _Doc, mentions) -> tuple[str, dt.date] | None:
    """"ISLAMABAD, Oct 30 (Reuters) -": the first date ``dates.scan`` found right
    after an upper-case place opening a line, before the agency / dash / colon
    (after a headline that may carry dates of its own)."""
    for f, m in zip(doc.found, mentions):
        if f.dateline and m.date_start:
            line_start = doc.text.rfind("\n", 0, f.start) + 1
            line_end = doc.text.find("\n", f.end)
            return doc.text[line_start:line_end if line_end > 0 else len(doc.text)].strip(), m.date_start
    return None


def _self_contradictions(doc: _Doc, mentions, res: _Result) -> list[str]:
    """A sentence announcing an event as happening today or later while another
    sentence of the page reports the same kind of event as already under way."""
    if res.lo is None or res.lo != res.hi:
        return []
    p = res.lo
    nouns = _corpus_patterns()[2]
    has_event = lambda s: nouns.search(s) is not None  # noqa: E731
    flags = []
    for f in doc.found:
        today = (f.kind == "weekday" and f.today_offset == 0) or \
                (f.kind == "relative" and f.rel[:2] == ("day", 0) and not dates.is_anaphoric(f))
        if not (today and f.tense == "future" and has_event(_sentence(doc, f))):
            continue
        for g, m in zip(doc.found, mentions):
            if g.is_range and g.tense == "past" and g.sentence != f.sentence \
                    and m.date_start and m.date_start < p <= m.date_end and has_event(_sentence(doc, g)):
                flags.append(f"the page contradicts itself{_stories_note(doc, f, g)}: "
                             f"'{_clip(_sentence(doc, f))}' presents as starting today ({p}) what "
                             f"'{_clip(_sentence(doc, g))}' reports as held {m.date_start} to {m.date_end}")
    return flags


def _stories_note(doc: _Doc, f: Found, g: Found) -> str:
    def which(x):
        return next((i + 1 for i, st in enumerate(doc.stories) if st.start <= x.start < st.end), None)
    a, b = which(f), which(g)
    if len(doc.stories) > 1 and a and b and a != b:
        return f" (it joins {len(doc.stories)} stories: story {a} and story {b} disagree)"
    return ""


def _clip(s: str, n: int = 140) -> str:
    return s if len(s) <= n else s[:n - 1] + "…"


@lru_cache(maxsize=1)
def _corpus_patterns() -> tuple[re.Pattern, ...]:
    """(an ordinal day of: "the third day of", its ordinal in group 1; a completion cue;
    a noun for talks; a phrase reporting talks as over), each case-ignoring and opening
    where the engine can skip to (``word_openings``): most are searched in whole texts."""
    cal = knowledge("calendar.yml")
    ordinal = re.compile("(" + word_openings.opening(list(cal["ordinals"])) + r")(?i:\s+day\s+of)\b")
    cues = re.compile(word_openings.opening([re.escape(c) for c in cal["completion_cues"]]) + r"\b")
    nouns = re.compile(word_openings.opening(list(cal["event_nouns"])) + r"\b")
    completion = re.compile(word_openings.opening([r"after\s[^.\n]{0,80}?\b(?:days?|weeks?)",
                                                   r"following\s[^.\n]{0,80}?\b(?:days?|weeks?)",
                                                   r"end\s+of", "ended", "concluded"]) + r"\b")
    return ordinal, cues, nouns, completion
