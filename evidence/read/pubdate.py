"""Publication date P inferred from the text's own evidence.

Order of evidence (each must agree with the content, else it is flagged and not used):
  1. the HTML metadata date (``html_meta``);
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
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from evidence.read import dates
from evidence.read.dates import DAY, Found
from evidence.model import CleanDocument, Metadata, PubDate, RawDocument
from evidence.text import knowledge

SEP = " … "
_TIME = re.compile(r"^[\s,|·•-]*(?:(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*"
                   r"(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2})?)?[\s,|·•-]*$")
_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+(?:city|capital)\s+of\s+)?([A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})?)"
                    r"|\b([A-Z][a-z]{2,})\s+(?=(?:talks|negotiations|meeting|summit|round)\b)")


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
    html_date: dt.date | None = None
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

def infer(raw: RawDocument, clean: CleanDocument, meta: Metadata) -> PubDate:
    return _infer(_doc(raw, clean), None)


def refine_with_corpus(sources, contributions: dict | None = None) -> set[str]:
    """Re-date sources whose date is not pinned to a day by their own text, using
    what the other sources establish; return the ids whose ``pubdate`` changed.
    A few passes let a source dated this way help date another one.
    ``contributions``: source id -> ``contribution(source)`` already computed (by
    the worker processes that parsed them), so this serial pass need not."""
    changed: set[str] = set()
    fresh: set[str] = set()      # sources whose ``dates`` predate their new pubdate
    # what each source adds to the index, kept between passes (keyed to its pubdate)
    memo: dict = {s.source_id: (s.pubdate, contributions[s.source_id]) for s in sources
                  if (contributions or {}).get(s.source_id) is not None}
    can_help: dict[str, bool] = {}   # _corpus_can_help reads the text: once per source
    for _ in range(3):
        todo = [s for s in sorted(sources, key=lambda s: s.source_id)
                if may_be_refined(s) and (s.pubdate.precision == "unknown" or _can_help(s, can_help))]
        if not todo:
            break
        kb = _Knowledge(sources, fresh, memo)
        updates = {}
        for s in todo:
            new = _infer(_doc(s.raw, s.clean), kb.without(s.source_id))
            if new != s.pubdate:
                updates[s.source_id] = new
        for s in todo:
            if s.source_id in updates:
                s.pubdate = updates[s.source_id]
                changed.add(s.source_id)
                fresh.add(s.source_id)
        if not updates:
            break
    return changed


def may_be_refined(s) -> bool:
    """Whether ``refine_with_corpus`` may re-date ``s``: it never touches a source
    its own text dates to the day (so the corpus pass never rescans those)."""
    return s.pubdate.precision in ("unknown", "interval")


def _dated(s) -> bool:
    """Whether a source adds to the corpus index (it has a known date and text)."""
    return bool((s.pubdate.published or s.pubdate.earliest) and s.clean.text)


def contribution(s) -> tuple[list, list] | None:
    """What a freshly parsed source adds to the corpus index (None: nothing), for
    ``refine_with_corpus(..., contributions)``. Meant to run where the source was
    parsed (a worker process): it reads the whole text, and the corpus pass is serial."""
    return _contribution(s, False) if _dated(s) else None


# --------------------------------------------------------------------------- document

def _doc(raw: RawDocument, clean: CleanDocument) -> _Doc:
    text = clean.text
    found = dates.scan_cached(text)
    headers = list(clean.header_dates)
    for line in clean.removed:
        if line.rule == "page_header_date":
            headers += [(line.text.strip(), dates.gregorian(f)[0])
                        for f in dates.scan(line.text) if f.kind == "date" and f.has_year][:1]
    content = []
    for f in found:
        ls = text.rfind("\n", 0, f.start) + 1
        le = text.find("\n", f.end)
        le = len(text) if le < 0 else le
        if f.kind == "date" and f.has_year and text[ls:f.start].strip() == "" \
                and _TIME.match(text[f.end:le]):
            headers.append((text[ls:le].strip(), dates.gregorian(f)[0]))   # a lone date line
        else:
            content.append(f)
    headers = list(dict.fromkeys(headers))      # clean may report a header twice
    return _Doc(text, content, headers, raw.html_date, list(clean.stories), raw.capture_bounds)


def _sentence(doc: _Doc, f: Found) -> str:
    return doc.text[f.sentence[0]:f.sentence[1]].strip()


def _explicit_years(doc: _Doc) -> list[int]:
    return [dates.gregorian(f)[0].year for f in doc.found
            if f.has_year and f.kind in ("date", "range", "hijri", "month")]


def _anchor(doc: _Doc, year: int) -> dt.date:
    """A day in ``year`` to resolve yearless dates against: the first yearless
    Gregorian date of the text in that year (so dates that cluster stay together)."""
    for f in doc.found:
        if f.kind in ("date", "range") and not f.has_year:
            return dt.date(year, f.m, min(f.d, 28))
    return dt.date(year, 7, 1)


# --------------------------------------------------------------------------- inference

def _infer(doc: _Doc, kb: "_Knowledge | None") -> PubDate:
    corpus_evidence: list[str] = []
    anchor = None
    if not _explicit_years(doc):
        year, corpus_evidence = _year_from(doc, kb)
        anchor = _anchor(doc, year) if year else None
    if not _explicit_years(doc) and anchor is None:
        return _unknown(doc)
    mentions = dates.resolve(doc.found, None, anchor)
    facts = _facts(doc, mentions)
    if kb is not None:
        facts += kb.facts_for(doc)
    res = _combine(doc, facts, mentions)
    flags = res.flags + _header_flags(doc, res, facts) + _self_contradictions(doc, mentions, res)
    if doc.html_date and _agrees(res, doc.html_date, facts):
        return PubDate(doc.html_date, doc.html_date, doc.html_date, "day",
                       SEP.join(res.evidence), "html_meta", flags)
    if doc.html_date:
        flags.insert(0, f"HTML metadata date {doc.html_date} contradicts the content"
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
        if _edition_note(doc.text, f):
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
        if f.kind == "relative" and f.rel[0] != "span":
            same = [(m.date_start if f.rel[1] >= 0 else m.date_end, g) for g, m in dated
                    if g.sentence == f.sentence]
            link = same[0] if len(same) == 1 else (future[0] if f.rel[1] > 0 and future else None)
            span = dates.event_from_pub(f.rel, link[0]) if link else None
            if span:
                facts.append(_Fact(span[0], span[1], _sentence(doc, f), kind="relative"))
                facts.append(_Fact(None, None, _sentence(doc, link[1]), kind="relative"))
        if f.kind == "weekday" and weekdays:
            facts += _weekday_facts(doc, f, past, future)
    return facts


def _weekday_facts(doc: _Doc, f: Found, past, future) -> list[_Fact]:
    if f.today_offset is not None:
        return [_Fact(None, None, _sentence(doc, f), weekday=(f.weekday - f.today_offset) % 7,
                      kind="weekday")]
    qual = knowledge("calendar.yml")["weekday_qualifiers"].get(f.qualifier, {})
    tense = qual.get("tense") or f.tense or "past"
    if tense == "past" and past and past[-1][0].weekday() == f.weekday:
        day, g = past[-1]
        return [_Fact(day, day + 6 * DAY, _sentence(doc, f), best=day + qual.get("report_lag", 0) * DAY,
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


@lru_cache(maxsize=1)
def _edition_pattern() -> re.Pattern:
    notes = knowledge("calendar.yml")["edition_notes"]
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(notes, key=lambda n: -len(n)))
    return re.compile(rf"[\s>*_|-]*(?:{body})\b[^\n.!?]{{0,60}}$", re.I)


def _edition_note(text: str, f: Found) -> bool:
    """Whether the date opens no sentence of its own but sits on a page or print-edition
    note line: "Published in Dawn, November 8th, 2025"."""
    line_start = text.rfind("\n", 0, f.start) + 1
    line_end = text.find("\n", f.end)
    if (len(text) if line_end < 0 else line_end) - f.end > 40:
        return False                      # a note line is short: not a sentence going on
    return _edition_pattern().match(text, line_start, f.start) is not None


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
                (f.kind == "relative" and f.rel[:2] == ("day", 0))
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


# --------------------------------------------------------------------------- corpus

def places(text: str) -> list[str]:
    """Capitalised names after in/at ("in the city of Istanbul") or before a word
    for talks ("the Istanbul talks"), month and weekday names left out."""
    names = dates._vocab()["month"].keys() | dates._vocab()["weekday"].keys()
    out = []
    for m in _PLACE.finditer(text):
        name = m.group(1) or m.group(2)
        if name.split()[0] not in names:
            out.append(name)
    return out


class _Knowledge:
    """What the sources with a known year establish, indexed for the others:
    years by month-day (and month-day range), past ranges of talks by place.
    Sources dated by their own text come first, so evidence is not circular."""

    def __init__(self, sources, stale: set[str] = frozenset(), memo: dict | None = None):
        self.excluded = ""
        self.by_monthday: dict[tuple, dict[int, list[str]]] = {}     # key -> year -> [sid]
        self.sentence: dict[tuple[str, tuple], str] = {}             # (sid, key) -> sentence
        self.by_place: dict[str, dict[tuple, list[tuple[str, str]]]] = {}  # place -> range -> [(sid, sent)]
        dated = [s for s in sources if _dated(s)]
        dated.sort(key=lambda s: (s.pubdate.method == "cross_source", s.source_id))
        memo = {} if memo is None else memo
        for s in dated:
            kept = memo.get(s.source_id)
            if kept is None or kept[0] is not s.pubdate:      # a new date: read it again
                kept = memo[s.source_id] = (s.pubdate, _contribution(s, s.source_id in stale))
            monthdays, at_places = kept[1]
            for key, year, sent in monthdays:
                self.by_monthday.setdefault(key, {}).setdefault(year, []).append(s.source_id)
                self.sentence.setdefault((s.source_id, key), sent)
            for place, span, sent in at_places:
                self.by_place.setdefault(place, {}).setdefault(span, []).append((s.source_id, sent))

    def without(self, source_id: str) -> "_Knowledge":
        view = object.__new__(_Knowledge)
        view.__dict__.update(self.__dict__)
        view.excluded = source_id
        return view

    def year_votes(self, doc: _Doc) -> tuple[Counter, dict[int, str]]:
        """Years other sources give the text's yearless month-days, with the first
        supporting sentence for each year."""
        votes: Counter = Counter()
        voters: dict[int, str] = {}
        wanted = {(f.m, f.d, f.m2, f.d2) if f.kind == "range" else (f.m, f.d, None, None)
                  for f in doc.found if f.kind in ("date", "range") and not f.has_year}
        for key in sorted(wanted, key=str):
            for year, sids in sorted(self.by_monthday.get(key, {}).items()):
                others = [sid for sid in sids if sid != self.excluded]
                if others:
                    votes[year] += len(others)
                    voters.setdefault(year, f"{others[0]}: {self.sentence[(others[0], key)]}")
        return votes, voters

    def ranges_at(self, place: str) -> list[tuple[dt.date, dt.date, str]]:
        """Past multi-day ranges reported for talks in ``place``, most sources first."""
        ranked = []
        for (a, b), items in self.by_place.get(place, {}).items():
            others = [(sid, sent) for sid, sent in items if sid != self.excluded]
            if others:
                ranked.append((-len({sid for sid, _ in others}), -b.toordinal(), a, b,
                               f"{others[0][0]}: {others[0][1]}"))
        return [(a, b, ev) for _n, _o, a, b, ev in sorted(ranked)]

    def facts_for(self, doc: _Doc) -> list[_Fact]:
        """Facts about P from other sources: "the second day of the talks ... today"
        and "after six days of talks in Istanbul" dated by the ranges reported for
        talks in that place."""
        cal = knowledge("calendar.yml")
        ordinal, _cues, nouns, _completion = _corpus_patterns()
        facts = []
        for f in doc.found:
            day_rel = (f.kind == "weekday" and f.today_offset is not None) or \
                      (f.kind == "relative" and f.rel[0] == "day")
            if not day_rel:
                continue                    # checked first: most mentions are not, and it is free
            sent = _sentence(doc, f)
            m = ordinal.search(sent)
            if not (m and nouns.search(sent)):
                continue
            offset = f.today_offset if f.kind == "weekday" else f.rel[1]
            n = cal["ordinals"][m.group(1).lower()]
            for a, b, other in [r for place in places(sent) for r in self.ranges_at(place)[:1]][:1]:
                day = a + (n - 1) * DAY
                p = day - offset * DAY
                if day <= b and (f.kind != "weekday" or p.weekday() == (f.weekday - offset) % 7):
                    facts += [_Fact(p, p, sent, kind="corpus"), _Fact(None, None, other, kind="corpus")]
        for sent in _undated_completion_sentences(doc.text):
            for a, b, other in [r for place in places(sent) for r in self.ranges_at(place)[:1]][:1]:
                facts += [_Fact(b, None, sent, kind="corpus"), _Fact(None, None, other, kind="corpus")]
        return facts


# text -> its undated completed-talks sentences: a plain dict rather than lru_cache so
# that answers computed in the worker processes can be recorded (remember_completions).
_COMPLETIONS: dict[str, tuple[str, ...]] = {}
_COMPLETIONS_MAX = 16384


def _undated_completion_sentences(text: str) -> tuple[str, ...]:
    """Sentences reporting talks as over ("after six days of talks in Istanbul") that
    carry no date of their own. Memoised: each corpus pass asks again for the same text."""
    found = _COMPLETIONS.get(text)
    if found is None:
        _ordinal, cues, nouns, completion = _corpus_patterns()
        found = remember_completions(text, tuple(
            sent for sent in _sentences_with(text, cues, nouns, completion)
            if not _dated_by_itself(sent)))
    return found


def completion_sentences(s) -> tuple[str, ...] | None:
    """``_undated_completion_sentences`` of a source the corpus pass may re-date (None
    for the others: the pass never asks). It reads the whole text and re-scans the
    sentences it picks, so it is worth running in the parallel workers."""
    return _undated_completion_sentences(s.clean.text) if may_be_refined(s) else None


def remember_completions(text: str, found: tuple[str, ...]) -> tuple[str, ...]:
    """Record ``_undated_completion_sentences(text)`` computed elsewhere (a worker)."""
    if len(_COMPLETIONS) >= _COMPLETIONS_MAX:
        _COMPLETIONS.clear()
    _COMPLETIONS[text] = found
    return found


@lru_cache(maxsize=4096)
def _dated_by_itself(sent: str) -> bool:
    """Whether a sentence read alone carries a date (memoised: wire copy repeats
    sentences across sources)."""
    return bool(dates.scan(sent))


def _contribution(s, stale: bool) -> tuple[list, list]:
    """What one dated source tells the others: (month-day key, year, sentence) for
    each dated mention, (place, (start, end), sentence) for past ranges of talks."""
    text = s.clean.text
    nouns = _corpus_patterns()[2]
    found = dates.scan_cached(text)
    mentions = s.dates if len(s.dates) == len(found) and not stale else dates.resolve(found, s.pubdate)
    monthdays, at_places = [], []
    for f, m in zip(found, mentions):
        if f.kind not in ("date", "range", "hijri") or not m.date_start:
            continue
        sent = text[f.sentence[0]:f.sentence[1]].strip()
        for key in _monthday_keys(m.date_start, m.date_end, f.is_range):
            monthdays.append((key, m.date_start.year, sent))
        if f.is_range and f.tense != "future" and _talks_context(text, f, nouns):
            for place in _place_of(text, f):
                at_places.append((place, (m.date_start, m.date_end), sent))
    return monthdays, at_places


def _can_help(s, memo: dict[str, bool]) -> bool:
    if s.source_id not in memo:
        memo[s.source_id] = _corpus_can_help(s.clean.text)
    return memo[s.source_id]


def _corpus_can_help(text: str) -> bool:
    """Whether a text with a known year has sentences the corpus rules read
    (an ordinal day of talks, talks reported as over)."""
    ordinal, _cues, _nouns, completion = _corpus_patterns()
    low = text.lower()
    if " day of" in low and ordinal.search(text):
        return True
    return any(w in low for w in ("ended", "concluded", "end of")) \
        or (("after" in low or "following" in low) and completion.search(text) is not None)


def _monthday_keys(start: dt.date, end: dt.date, is_range: bool) -> list[tuple]:
    keys = [(start.month, start.day, None, None)]
    if is_range:
        keys += [(start.month, start.day, end.month, end.day), (end.month, end.day, None, None)]
    return keys


@lru_cache(maxsize=1)
def _corpus_patterns() -> tuple[re.Pattern, ...]:
    cal = knowledge("calendar.yml")
    ordinal = re.compile(r"\b(" + "|".join(cal["ordinals"]) + r")\s+day\s+of\b", re.I)
    cues = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cal["completion_cues"]) + r")\b", re.I)
    nouns = re.compile(r"\b(?:" + "|".join(cal["event_nouns"]) + r")\b", re.I)
    completion = re.compile(r"\b(?:after|following)\s[^.\n]{0,80}?\b(?:days?|weeks?)\b|\bend\s+of\b"
                            r"|\b(?:ended|concluded)\b", re.I)
    return ordinal, cues, nouns, completion


def _sentences_with(text: str, first: re.Pattern, *others: re.Pattern) -> list[str]:
    """Sentences of ``text`` matching every pattern (split only around ``first``'s matches)."""
    out, cache, seen = [], {}, set()
    if not all(p.search(text) for p in others):
        return out                        # no sentence can match them all
    for m in first.finditer(text):
        span = dates.sentence_around(text, m.start(), m.end(), cache)
        if span in seen:
            continue                      # several cues in one sentence: test it once
        seen.add(span)
        sent = text[span[0]:span[1]].strip()
        if sent not in out and all(p.search(sent) for p in others):
            out.append(sent)
    return out


def _place_of(text: str, f: Found) -> list[str]:
    """Where a dated event took place: the last place named before the date in its
    sentence, else in the two sentences before it."""
    s0 = f.sentence[0]
    own = places(text[s0:f.start])
    if own:
        return own[-1:]
    back = text[max(0, s0 - 600):s0]
    cache: dict = {}
    for _ in range(2):
        if not back.strip():
            break
        b0, _b1 = dates.sentence_around(back, len(back.rstrip()) - 1, len(back.rstrip()), cache)
        found = places(back[b0:])
        if found:
            return found[-1:]
        back = back[:b0]
    return []


def _talks_context(text: str, f: Found, nouns: re.Pattern) -> bool:
    """Whether the date's sentence or the text just before it is about talks."""
    return nouns.search(text, max(0, f.sentence[0] - 300), f.sentence[1]) is not None


def _year_from(doc: _Doc, kb: "_Knowledge | None") -> tuple[int | None, list[str]]:
    """The year other sources give this yearless text: the most supported year
    that its own weekdays and Hijri dates agree with; for a text with no date at
    all, the year of what the corpus rules establish."""
    if kb is None:
        return None, []
    votes, voters = kb.year_votes(doc)
    for year, _n in sorted(votes.items(), key=lambda kv: (-kv[1], -kv[0])):
        mentions = dates.resolve(doc.found, None, _anchor(doc, year))
        res = _combine(doc, _facts(doc, mentions), mentions)
        if not res.flags and _hijri_agrees(doc, mentions):
            return year, [voters[year]]
    if not any(f.kind in ("date", "range") for f in doc.found):
        years = sorted({f.lo.year for f in kb.facts_for(doc) if f.lo})
        if len(years) == 1:
            return years[0], []
    return None, []


def _hijri_agrees(doc: _Doc, mentions) -> bool:
    """A Hijri date in brackets after a Gregorian one must convert to it."""
    prev = None
    for f, m in zip(doc.found, mentions):
        if f.kind == "hijri" and f.paired and prev and prev.date_start:
            if not f.has_year:
                try:
                    jd = dates.jdatetime.date.fromgregorian(date=prev.date_start)
                except ValueError:
                    return False
                if (jd.month, jd.day) != (f.m, f.d):
                    return False
            elif m.date_start != prev.date_start:
                return False
        prev = m
    return True
