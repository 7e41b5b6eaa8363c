"""Publication dates from other sources (``refine_with_corpus``): a source whose own text
does not pin its date to a day is re-dated with what the sources dated by their own text
establish: the year of its yearless month-days, "the second day of the talks ... today" from
the range other sources give for talks in that place, "after six days of talks in Istanbul"
from when those talks ended. Each source's index contribution is computed where it was parsed.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache, partial

import jdatetime

from evidence.read import (corpus_reading, date_scan, dates, index_reads, lead, pubdate_anchors,
                           tense, witnesses, word_openings)
from evidence.read.date_scan import DAY, Found
from evidence.read.pubdate import (_anchor, _combine, _corpus_patterns, _doc, _Doc, _Fact, _facts,
                                   _infer, _sentence)
from evidence.text import knowledge

# "in/at [the city of] Name [Name]" (group 1) or "Name talks" (the name's letters after its
# capital: group 2), each at a word's start. Written to open with a plain class (the first
# letters), which the regex engine jumps between; as an alternation of two branches each
# opening with a word boundary it was tried at every character.
_PLACE = re.compile(r"[iaA-Z](?<!\w.)(?:(?:(?<=i)n|(?<=a)t)\s+(?:the\s+(?:city|capital)\s+of\s+)?"
                    r"([A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})?)"
                    r"|(?<=[A-Z])([a-z]{2,})\s+(?=(?:talks|negotiations|meeting|summit|round)\b))")

# how far outside the collection's own publication dates a yearless text may fall
COLLECTION_MARGIN = dt.timedelta(days=31)
PASSES = 3      # re-dating passes at most (a source dated in one may date another)


def refine_with_corpus(sources, contributions: dict | None = None, each=map) -> set[str]:
    """Re-date sources whose date is not pinned to a day by their own text, using
    what the other sources establish; return the ids whose ``pubdate`` changed.
    A few passes let a source dated this way help date another one.
    ``contributions``: source id -> ``contribution(source)`` already computed (by
    the worker processes that parsed them), so this serial pass need not.
    ``each(function, sources)``: how a pass re-dates its sources, in order (each
    against the same index, so they may be spread over processes). After the first
    pass only the sources whose reads of the index the previous pass's changes touch
    are re-dated (``index_reads``): the others would come out as they did."""
    changed: set[str] = set()
    fresh: set[str] = set()      # sources whose ``dates`` predate their new pubdate
    # what each source adds to the index, kept between passes (keyed to its pubdate)
    memo: dict = {s.source_id: (s.pubdate, contributions[s.source_id]) for s in sources
                  if (contributions or {}).get(s.source_id) is not None}
    reads: dict[str, frozenset] = {}     # source id -> what its last re-dating read
    previous = None
    by_id = sorted(sources, key=lambda s: s.source_id)
    ranked = list(sources)   # in witness order as of the last pass: a pass re-dates a few, so
    for round_ in range(PASSES):   # sorting it again (and the index's sort after) is nearly free
        todo = [s for s in by_id
                if corpus_reading.may_be_refined(s) and (s.pubdate.precision == "unknown"
                                          or corpus_reading.can_help(s.clean.text))]
        if todo:
            ranked.sort(key=witnesses.order)
        kb = _Knowledge(ranked, fresh, memo) if todo else None
        if previous is not None and todo:
            changes = index_reads.changes(previous, kb)
            todo = [s for s in todo if s.source_id not in reads
                    or index_reads.touched(reads[s.source_id], changes)]
        if not todo:
            break
        redate = partial(kb.redate, contribute=round_ < PASSES - 1)
        updates = {}
        for s, (new, contributed, read) in zip(todo, each(redate, todo)):
            reads[s.source_id] = read
            if new != s.pubdate:
                updates[s.source_id] = new, contributed
        for s in todo:
            if s.source_id in updates:
                s.pubdate, contributed = updates[s.source_id]
                if contributed is not None:     # what the next pass's index reads of it
                    memo[s.source_id] = (s.pubdate, contributed)
                changed.add(s.source_id)
                fresh.add(s.source_id)
        if not updates:
            break
        previous = kb
    return changed


def _listed(index: dict, key, inner) -> list:
    """``index[key][inner]``, made empty when missing (``setdefault`` made two
    containers per call: the index is built from every source on every pass)."""
    rows = index.get(key)
    if rows is None:
        rows = index[key] = {}
    found = rows.get(inner)
    if found is None:
        found = rows[inner] = []
    return found


def _dated(s) -> bool:
    """Whether a source adds to the corpus index: it has a known date, or dates with
    a year of their own (a page whose main story has no date may join one that has)."""
    return bool(s.clean.text) and bool(
        s.pubdate.published or s.pubdate.earliest
        or any(m.date_start and f.has_year for f, m in zip(dates.scan_cached(s.clean.text), s.dates)
               if f.kind in ("date", "range", "hijri")))


def contribution(s) -> tuple[list, list] | None:
    """What a freshly parsed source adds to the corpus index (None: nothing), for
    ``refine_with_corpus(..., contributions)``; run where the source was parsed."""
    return _contribution(s, False) if _dated(s) else None


# --------------------------------------------------------------------------- corpus

def places(text: str) -> list[str]:
    """Capitalised names after in/at ("in the city of Istanbul") or before a word
    for talks ("the Istanbul talks"), month and weekday names left out."""
    names = _not_place_words()
    out = []
    for m in _PLACE.finditer(text):
        name = m.group(1) or text[m.start():m.end(2)]
        if name.split()[0] not in names:
            out.append(name)
    return out


@lru_cache(maxsize=1)
def _not_place_words() -> frozenset[str]:
    """Month and weekday names and calendar.yml's ``not_places`` (built once: ``places``
    runs for every dated mention near a word for talks)."""
    return frozenset(date_scan._vocab()["month"].keys() | date_scan._vocab()["weekday"].keys()
                     | set(knowledge("calendar.yml").get("not_places", ())))


class _Knowledge:
    """What the sources with a known year establish, indexed for the others:
    years by month-day (and month-day range), past ranges of talks by place.
    Witnesses are offered in ``witnesses.order`` (own dates first: not circular)."""

    def __init__(self, sources, stale: set[str] = frozenset(), memo: dict | None = None):
        self.excluded = ""
        self.reads: set = set()        # what a re-dating read of it (``index_reads``)
        self.by_monthday: dict[tuple, dict[int, list[str]]] = {}     # key -> year -> [sid]
        self.sentence: dict[tuple[str, tuple], str] = {}             # (sid, key) -> sentence
        self.by_place: dict[str, dict[tuple, list[tuple[str, str]]]] = {}  # place -> range -> [(sid, sent)]
        self.anchors = pubdate_anchors.AnchorIndex()                 # occasions dated by others
        dated = sorted((s for s in sources if _dated(s)), key=witnesses.order)
        # the publication dates the sources give themselves (not ones borrowed here)
        self.own_dates = sorted(day for s in dated if s.pubdate.method not in ("cross_source", "none")
                                if (day := s.pubdate.published or s.pubdate.earliest))
        memo = {} if memo is None else memo
        # (the index is built from every source on every pass: its loops are kept lean)
        by_monthday, first_sentence = self.by_monthday, self.sentence.setdefault
        add_occasions = self.anchors.add_entries
        for s in dated:
            sid = s.source_id
            kept = memo.get(sid)
            if kept is None or kept[0] is not s.pubdate:      # a new date: read it again
                kept = memo[sid] = (s.pubdate, _contribution(s, sid in stale))
            monthdays, at_places, occasions = kept[1]
            add_occasions(sid, occasions)
            for key, year, sent in monthdays:
                years = by_monthday.get(key)
                if years is None:
                    by_monthday[key] = {year: [sid]}
                elif (sids := years.get(year)) is None:
                    years[year] = [sid]
                else:
                    sids.append(sid)
                first_sentence((sid, key), sent)
            for place, span, sent in at_places:
                _listed(self.by_place, place, span).append((sid, sent))

    def redate(self, s, contribute: bool = False):
        """(the publication date ``s`` gets from its own text and the others' evidence;
        None or, if ``contribute`` and that date is new, what ``s`` so dated adds to the
        next pass's index: computed here, in the pass's parallel workers, rather than by
        the next ``_Knowledge`` in the serial parent; what of the index it read, for
        ``index_reads``)."""
        view = self.without(s.source_id)
        new = _infer(_doc(s.raw, s.clean, s.registry), view)
        read = frozenset(view.reads)
        if not contribute or new == s.pubdate:
            return new, None, read
        dated = replace(s, pubdate=new)
        return new, (_contribution(dated, True) if _dated(dated) else None), read

    def without(self, source_id: str) -> "_Knowledge":
        view = object.__new__(_Knowledge)
        view.__dict__.update(self.__dict__)
        view.excluded = source_id
        view.reads = set()
        return view

    def year_votes(self, doc: _Doc) -> tuple[Counter, dict[int, str]]:
        """Years other sources give the text's yearless month-days, with the first
        supporting sentence for each year."""
        votes: Counter = Counter()
        voters: dict[int, str] = {}
        wanted = {(f.m, f.d, f.m2, f.d2) if f.kind == "range" else (f.m, f.d, None, None)
                  for f in doc.found if f.kind in ("date", "range") and not f.has_year}
        for key in sorted(wanted, key=str):
            self.reads.add(("monthday", key))
            for year, sids in sorted(self.by_monthday.get(key, {}).items()):
                others = [sid for sid in sids if sid != self.excluded]
                if others:
                    votes[year] += len(others)
                    voters.setdefault(year, f"{others[0]}: {self.sentence[(others[0], key)]}")
        return votes, voters

    def ranges_at(self, place: str) -> list[tuple[dt.date, dt.date, str]]:
        """Past multi-day ranges reported for talks in ``place``, most sources first."""
        ranked = []
        self.reads.add(("place", place))
        for (a, b), items in self.by_place.get(place, {}).items():
            others = [(sid, sent) for sid, sent in items if sid != self.excluded]
            if others:
                ranked.append((-len({sid for sid, _ in others}), -b.toordinal(), a, b,
                               f"{others[0][0]}: {others[0][1]}"))
        return [(a, b, ev) for _n, _o, a, b, ev in sorted(ranked)]

    def weekday_facts(self, doc: _Doc, lo: dt.date | None, hi: dt.date | None) -> list[_Fact]:
        """Facts about P from weekdays tied to occasions other sources date
        (``pubdate_anchors``), chosen so that they agree with one another;
        ``lo``/``hi``: what the text's own dates allow."""
        qualifiers = knowledge("calendar.yml")["weekday_qualifiers"]
        mentions, options = [], []
        for f in doc.found:
            if f.kind != "weekday":
                continue
            sent = _sentence(doc, f)
            future = dates.weekday_tense(f) == "future"   # "will be held on Thursday (today)" too
            opts = []
            near = pubdate_anchors.near(doc.text, f, doc.found)
            for day, n, other, end in self.anchors.candidates(f, near, places(near), future, lo, hi,
                                                              self.excluded, self.reads):
                best = None
                if f.today_offset is not None:
                    a = b = day - f.today_offset * DAY
                else:
                    a, b = pubdate_anchors.bounds(day, future)
                    if not future:       # "announced late Thursday": reported a day later
                        best = day + qualifiers.get(f.qualifier, {}).get("report_lag", 0) * DAY
                        if end and end > day and _ongoing(doc.text):
                            b = min(b, end)     # written while the round it names went on
                opts.append((a, b, n, (a, b, sent, other, best)))
            if opts:
                mentions.append(f)
                options.append(opts)
        facts, tied = [], []
        for f, chosen in zip(mentions, pubdate_anchors.choose(options)):
            if chosen:
                a, b, sent, other, best = chosen
                facts += [_Fact(a, b, sent, best=best, kind="corpus"),
                          _Fact(None, None, other, kind="corpus")]
                if b > a and f.today_offset is None and not _future(f):
                    tied.append((a, f))
        return facts + _lead_after(doc, tied, qualifiers)

    def facts_for(self, doc: _Doc) -> list[_Fact]:
        """Facts about P from other sources: "the second day of the talks ... today"
        and "after six days of talks in Istanbul" dated by the ranges reported for
        talks in that place."""
        cal = knowledge("calendar.yml")
        ordinal, _cues, nouns, _completion = _corpus_patterns()
        facts = []
        for f in doc.found:
            day_rel = (f.kind == "weekday" and f.today_offset is not None) or \
                      (f.kind == "relative" and f.rel[0] == "day" and not dates.is_anaphoric(f))
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
        for sent in corpus_reading.undated_completion_sentences(doc.text):
            for a, b, other in [r for place in places(sent) for r in self.ranges_at(place)[:1]][:1]:
                facts += [_Fact(b, None, sent, kind="corpus"), _Fact(None, None, other, kind="corpus")]
        return facts


    def year_for(self, doc: _Doc) -> tuple[int | None, list[str]]:
        """The year other sources give this yearless text: the most supported year
        that its own weekdays and Hijri dates agree with; for a text with no date at
        all, the year of what the corpus rules establish."""
        votes, voters = self.year_votes(doc)
        for year, _n in sorted(votes.items(), key=lambda kv: (-kv[1], -kv[0])):
            mentions = dates.resolve(doc.found, None, _anchor(doc, year))
            res = _combine(doc, _facts(doc, mentions), mentions)
            if not res.flags and _hijri_agrees(doc, mentions):
                return year, [voters[year]]
        if not any(f.kind in ("date", "range") for f in doc.found):
            years = sorted({f.lo.year for f in self.facts_for(doc) if f.lo})
            if len(years) == 1:
                return years[0], []
        return self._collection_year(doc)

    def _collection_year(self, doc: _Doc) -> tuple[int | None, list[str]]:
        """For a text with no year at all: the year in which its yearless month-days
        (a yearless dateline among them) lie among the most publication dates the
        collection's sources give themselves (within a month), when that year is the
        only best one and the text's weekdays and Hijri dates agree."""
        monthdays = [(f.m, f.d) for f in doc.found if f.kind in ("date", "range") and not f.has_year]
        if monthdays:
            self.reads.add(("own_dates",))
        if not monthdays or not self.own_dates:
            return None, []
        support: Counter = Counter()
        for year in range(self.own_dates[0].year - 1, self.own_dates[-1].year + 2):
            try:
                days = [dt.date(year, m, d) for m, d in monthdays]
            except ValueError:
                continue
            lo, hi = min(days) - COLLECTION_MARGIN, max(days) + COLLECTION_MARGIN
            n = sum(1 for own in self.own_dates if lo <= own <= hi)
            if n:
                support[year] = n
        ranked = support.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None, []
        year, n = ranked[0]
        mentions = dates.resolve(doc.found, None, _anchor(doc, year))
        if _combine(doc, _facts(doc, mentions), mentions).flags or not _hijri_agrees(doc, mentions):
            return None, []
        return year, [f"the year of the collection: {n} of its sources date themselves "
                      f"within a month of these dates in {year}"]


@lru_cache(maxsize=1)
def _ongoing_cues() -> re.Pattern:
    cues = knowledge("calendar.yml")["ongoing_cues"]
    return re.compile(word_openings.words(cues) + r"\b")


@lru_cache(maxsize=256)
def _ongoing(text: str) -> bool:
    """Whether the text calls talks still going on ("the ongoing round of talks");
    remembered, as every weekday option of a source asks it of the same text."""
    nouns = _corpus_patterns()[2]
    return any(nouns.search(sent) for sent in corpus_reading.sentences_with(text, _ongoing_cues(), nouns))


def _future(f: Found) -> bool:
    return dates.weekday_tense(f) == "future"


def _lead_after(doc: _Doc, tied: list[tuple[dt.date, Found]], qualifiers: dict) -> list[_Fact]:
    """Facts from the lead (``lead.after_ties``): its weekday after the days the
    story's other weekdays were tied to, or a later statement after the lead's day."""
    def reported(f: Found) -> bool:
        return f.today_offset is None and not _future(f) \
            and not qualifiers.get(f.qualifier, {}).get("strict")
    got = lead.after_ties(doc.text, doc.found, doc.stories, tied, reported)
    return [_Fact(day, None, _sentence(doc, f), best=best, kind="corpus") for day, f, best in got]


def _contribution(s, stale: bool) -> tuple[list, list, list]:
    """What one dated source tells the others: (month-day key, year, sentence) for
    each dated mention, (place, (start, end), sentence) for past ranges of talks, and
    the days it gives kinds of occasion (``pubdate_anchors.Anchor``, filed as
    ``pubdate_anchors.entries`` here rather than on every pass)."""
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
    occasions = pubdate_anchors.entries(pubdate_anchors.anchors(text, found, mentions, places,
                                                                exact=s.pubdate.precision == "day"))
    return monthdays, at_places, occasions


def _monthday_keys(start: dt.date, end: dt.date, is_range: bool) -> list[tuple]:
    keys = [(start.month, start.day, None, None)]
    if is_range:
        keys += [(start.month, start.day, end.month, end.day), (end.month, end.day, None, None)]
    return keys


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
        b0, _b1 = tense.sentence_around(back, len(back.rstrip()) - 1, len(back.rstrip()), cache)
        found = places(back[b0:])
        if found:
            return found[-1:]
        back = back[:b0]
    return []


def _talks_context(text: str, f: Found, nouns: re.Pattern) -> bool:
    """Whether the date's sentence or the text just before it is about talks."""
    return nouns.search(text, max(0, f.sentence[0] - 300), f.sentence[1]) is not None


def _hijri_agrees(doc: _Doc, mentions) -> bool:
    """A Hijri date in brackets after a Gregorian one must convert to it."""
    prev = None
    for f, m in zip(doc.found, mentions):
        if f.kind == "hijri" and f.paired and prev and prev.date_start:
            if not f.has_year:
                try:
                    jd = jdatetime.date.fromgregorian(date=prev.date_start)
                except ValueError:
                    return False
                if (jd.month, jd.day) != (f.m, f.d):
                    return False
            elif m.date_start != prev.date_start:
                return False
        prev = m
    return True
