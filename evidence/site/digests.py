"""Sphinx extension: event digests in the chapters, and the "Later developments"
chapter that collects what no chapter tells yet.

Markup (MyST)::

    ```{digest} talks_round in Istanbul on 2025-10-25
    ```                        every source's passage on that event (and its
                               scheduled/held counterpart); ``:optional:`` renders
                               nothing when no event matches yet; without it, an
                               event the data no longer has is a stale claim (a
                               notice and the build log, as for a failed guard)
    ```{later-developments}
    ```                        one section per event no chapter narrates, by date
    ```{later-summary}
    ```                        a pointer to that chapter, only when it is not empty
    {event}`talks_round in Istanbul on 2025-10-25|dates`
                               a value of the event a chapter names (dates, days,
                               n_sources, place, label)

The events, passages and the "not yet told" set come from
:mod:`evidence.publish.story`, which reads data/processed/ and scans the chapters'
digest lines, so the later chapter and the summary are built at read time (their
sections reach the page's table of contents) and are re-read whenever a chapter or the
data changes. Article text stays data: sentences and outlet names become ``Text``
nodes, and the only links are to our own source pages and evidence anchors.
"""
from __future__ import annotations

from datetime import date

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from evidence import paths
from evidence.publish import caps, links
from evidence.publish.facts import date_text
from evidence.site import guards
from evidence.publish.story import (Event, Passage, Story, chapter_refs, parse_ref,
                                    published_text)

logger = logging.getLogger(__name__)

# Sphinx's SmartQuotes would curl the article's straight quotes.
_VERBATIM = {"support_smartquotes": False}


def _story(directive: SphinxDirective) -> Story:
    story = Story.load()
    for path in story.inputs:
        directive.env.note_dependency(str(path))
    return story


def _link(text: str, href: str, title: str = "") -> nodes.reference:
    return nodes.reference("", "", nodes.Text(text), refuri=href, internal=True,
                           reftitle=title)


def _source_item(group: list[Passage], docname: str, copy: bool = False) -> nodes.list_item:
    """One source: outlet, publication date and each of its sentences on the event."""
    first = group[0]
    para = nodes.paragraph(**_VERBATIM)
    para += _link(first.outlet or "Unidentified outlet",
                  links.source_href(first.source_id, docname), first.source_id)
    para += nodes.Text(f" ({first.published or 'date unknown'}), same text: " if copy
                       else f", {first.published or 'date unknown'}: ")
    for n, p in enumerate(group):
        if n:
            para += nodes.Text(" … ")
        para += _link(f"“{p.sentence}”",
                      links.evidence_href(p.source_id, p.start, p.end, docname),
                      f"{p.source_id}, characters {p.start}–{p.end}")
    item = nodes.list_item("", para)
    copies = [c for p in group for c in p.copies]
    if copies:
        sub = nodes.bullet_list(classes=["evidence-digest-copies"])
        for c in _by_source(copies):
            sub += _source_item(c, docname, copy=True)
        item += sub
    return item


def _by_source(passages: list[Passage]) -> list[list[Passage]]:
    """Consecutive passages of one source, grouped (passages come sorted by source)."""
    groups: list[list[Passage]] = []
    for p in passages:
        if groups and groups[-1][0].source_id == p.source_id:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


# sphinx_ext's record of the spans the report cites ({quote}): a source page wraps each
# in an anchor and links back to the citing page, so digest passages join it.
CITED_STORE = "evidence_quotes"


def _register(env, passages: list[Passage]) -> None:
    if not hasattr(env, CITED_STORE):
        setattr(env, CITED_STORE, {})
    cited = getattr(env, CITED_STORE).setdefault(env.docname, [])
    for p in passages:
        for q in (p, *p.copies):
            cited.append((q.source_id, q.start, q.end))


def _cap_note(shown: int, total: int, docname: str) -> list[nodes.paragraph]:
    """'Showing 20 of 758 sources (the first, by source id). All of them: events.csv'
    (``caps.note`` as docutils nodes); nothing when every source is shown."""
    if shown >= total:
        return []
    para = nodes.paragraph(classes=["table-cap"])
    para += nodes.Text(f"Showing {shown:,} of {total:,} sources (the first, by source id). "
                       "All of them, with every passage: ")
    para += _link("events.csv", caps.csv_href("events", docname))
    para += nodes.Text(" (its source_ids and evidence columns).")
    return [para]


def digest_block(story: Story, event: Event, env, collapsed: bool = True) -> nodes.Element:
    """Every source's passage on one event (at most ``caps.DIGEST_SOURCES`` sources,
    then a note linking the rest): a collapsed box in a chapter, an open list under the
    event's own heading on the later-developments page."""
    docname = env.docname
    passages = story.passages(event)
    groups = _by_source(passages)
    shown = groups[:caps.DIGEST_SOURCES]
    _register(env, [p for group in shown for p in group])
    listing = nodes.bullet_list(classes=["evidence-digest-list"])
    for group in shown:
        listing += _source_item(group, docname)
    note = _cap_note(len(shown), len(groups), docname)
    if not collapsed:
        return nodes.container("", listing, *note, classes=["evidence-digest", "open"])
    n = len({p.source_id for p in passages})
    copies = {c.source_id for p in passages for c in p.copies}
    count = _n(n, "source") + (f" and {_n(len(copies), 'copy')}" if copies else "")
    box = nodes.admonition(classes=["dropdown", "evidence-digest"])
    box += nodes.title("", f"Every source on this event: {event.title} ({count})")
    if event.rounds:
        box += nodes.paragraph("", rounds_text(event.rounds))
    box += listing
    for para in note:
        box += para
    return box


def rounds_text(rounds: dict[str, list[str]]) -> str:
    """'Numbered by the sources: round 3 (2 sources) or round 4 (1 source).'"""
    parts = [f"round {n} ({_n(len(ids), 'source')})"
             for n, ids in sorted(rounds.items(), key=lambda kv: int(kv[0]))]
    return f"Numbered by the sources: {' or '.join(parts)}."


class DigestDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {"optional": directives.flag}

    def run(self):
        try:
            ref = parse_ref(self.arguments[0])
        except ValueError as err:
            logger.warning("{digest}: %s", err, location=self.get_location(),
                           type="evidence", subtype="digest")
            return []
        story = _story(self)
        found = story.matching(ref)
        if not found:
            if "optional" in self.options:
                return []
            claim = f"the chapter narrates {ref.text}"
            failed = [(f"{{digest}} {ref.text}", "no such event (kinds: " + ", ".join(
                sorted({e.kind for e in story.events})) + ")")]
            guards.stale(self, claim, failed)
            return [guards.notice(claim, failed)]
        shown = self.env.temp_data.setdefault("evidence_digested", set())
        fresh = [e for e in story.with_related(found) if e.event_id not in shown]
        shown.update(e.event_id for e in fresh)
        return [digest_block(story, e, self.env) for e in fresh]


def _later(directive: SphinxDirective):
    """(story, cutoff, after, before) with the chapters read as dependencies."""
    story = _story(directive)
    later_doc = directive.config.evidence_later_doc
    refs = chapter_refs()
    for path in refs:
        directive.env.note_dependency(str(path))
    all_refs = [r for path, rs in refs.items()
                if path.with_suffix("").relative_to(paths.ROOT).as_posix() != later_doc
                for r in rs]
    return (story, *story.later(all_refs))


def _section(title: str, ids: str, *children) -> nodes.section:
    sec = nodes.section(ids=[ids], names=[nodes.fully_normalize_name(ids)])
    sec += nodes.title("", title)
    for child in children:
        sec += child
    return sec


def _event_section(story: Story, e: Event, env) -> nodes.section:
    n = e.n_sources
    approximate = e.precision not in ("day", "range")
    intro = nodes.paragraph("", f"{_n(n, 'source')} report{'s' if n == 1 else ''} it"
                                + ("; the date is approximate." if approximate else ".")
                                + (" " + rounds_text(e.rounds) if e.rounds else ""))
    return _section(e.title, f"later-{e.event_id}", intro,
                    digest_block(story, e, env, collapsed=False))


class LaterDevelopmentsDirective(SphinxDirective):
    has_content = False

    def run(self):
        story, cutoff, after, before = _later(self)
        docname = self.env.docname
        out: list[nodes.Node] = []
        unplaced = story.unplaced()
        if not after and not before and not unplaced:
            out.append(nodes.paragraph("", "Every event the sources report is told in a "
                                           "chapter of the story; nothing is left for "
                                           "this page."))
            return out
        if after:
            lead = (f"Events after {story_date(cutoff)}, the last one the chapters narrate"
                    if cutoff else "Events the sources report")
            out.append(_section(lead, "after-the-story",
                                *[_event_section(story, e, self.env) for e in after]))
        if before:
            out.append(_section("Earlier events no chapter tells", "untold-earlier",
                                *[_event_section(story, e, self.env) for e in before]))
        if unplaced:
            out.append(_section("Sources not placed on any event", "unplaced-sources",
                                nodes.paragraph("", "The code found no dated event in these "
                                                    "sources' text (often because their "
                                                    "publication date is unknown, so "
                                                    "'yesterday' cannot be resolved). Read "
                                                    "them on their own pages:"),
                                _source_list(unplaced, docname)))
        return out


def _source_list(rows: list[dict], docname: str) -> nodes.bullet_list:
    listing = nodes.bullet_list(classes=["evidence-unplaced"])
    for row in rows:
        para = nodes.paragraph(**_VERBATIM)
        para += _link(row.get("outlet") or "Unidentified outlet",
                      links.source_href(row["source_id"], docname), row["source_id"])
        para += nodes.Text(f", {published_text(row) or 'date unknown'}"
                           + (f": {row['headline']}" if row.get("headline") else ""))
        listing += nodes.list_item("", para)
    return listing


def story_date(day) -> str:
    return date_text(day) if day else "the story"


def _n(count: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{count} {noun if count == 1 else plural}"


class LaterSummaryDirective(SphinxDirective):
    has_content = False

    def run(self):
        story, cutoff, after, before = _later(self)
        unplaced = story.unplaced()
        parts = []
        if after:
            parts.append(f"the sources report {_n(len(after), 'event')} after "
                         f"{story_date(cutoff)}")
        if before:
            parts.append(f"{_n(len(before), 'earlier event')} no chapter tells")
        if unplaced:
            parts.append(f"{_n(len(unplaced), 'source')} could not be placed on any event")
        if not parts:
            return []
        href = links.doc_href(self.config.evidence_later_doc, self.env.docname)
        para = nodes.paragraph(classes=["evidence-later-summary"])
        para += nodes.strong("", "Not yet in the chapters: ")
        para += nodes.Text("; ".join(parts) + ". They are listed, with every source's "
                           "passage, in ")
        para += _link("Later developments", href)
        para += nodes.Text(".")
        return [para]


FIELDS = ("dates", "days", "n_sources", "place", "label")


class EventRole(SphinxRole):
    """``{event}`<reference>|<field>``` -> a value of the event a chapter names
    (dates, days, n_sources, place, label). When several events match, the one most
    sources attest (then the earliest) is meant. A malformed role fails the build; an
    event the data no longer has is a stale claim (see evidence.site.guards)."""

    def run(self):
        ref_text, sep, name = self.text.rpartition("|")
        name = name.strip()
        try:
            if not sep or name not in FIELDS:
                raise ValueError(f"needs '<event reference>|<field>' with a field of "
                                 f"{', '.join(FIELDS)}: {self.text!r}")
            ref = parse_ref(ref_text)
            story = Story.load()
            for path in story.inputs:
                self.env.note_dependency(str(path))
            found = story.matching(ref)
        except ValueError as err:
            logger.warning("{event}: %s", err, location=self.get_location(),
                           type="evidence", subtype="event")
            return [nodes.inline(self.rawtext, f"[{self.text}]",
                                 classes=["evidence-fact", "missing"])], []
        if not found:
            guards.stale(self, f"the chapter gives the {name} of {ref.text}",
                         [(f"{{event}} {ref.text}", "no such event")])
            return [nodes.inline(self.rawtext, f"[no event {ref.text} in the data]",
                                 classes=["evidence-fact", "missing", "evidence-guard"])], []
        event = min(found, key=lambda e: (-e.n_sources, e.date_start or date.max))
        return [nodes.inline(self.rawtext, event_field(event, name),
                             classes=["evidence-fact"], **_VERBATIM)], []


def event_field(event: Event, name: str) -> str:
    if name == "dates":
        return date_text(event.date_start, event.date_end) if event.date_start else "undated"
    if name == "days":
        return (str((event.date_end - event.date_start).days + 1)
                if event.date_start and event.date_end else "unknown")
    if name == "n_sources":
        return str(event.n_sources)
    return event.place if name == "place" else event.label


def _preload(app):
    """In a parallel build, load the story once in the main process, before Sphinx
    forks its readers (each chunk of chapters would load it again)."""
    if app.parallel > 1 and (paths.PROCESSED / "events.csv").exists():
        Story.load()


def setup(app):
    app.setup_extension("evidence.site.guards")     # the stale-claim policy and log
    app.connect("builder-inited", _preload)
    app.add_role("event", EventRole())
    app.add_config_value("evidence_later_doc", "book/later", "env", types=[str])
    app.add_directive("digest", DigestDirective)
    app.add_directive("later-developments", LaterDevelopmentsDirective)
    app.add_directive("later-summary", LaterSummaryDirective)
    return {"version": "1", "env_version": 1,
            "parallel_read_safe": True, "parallel_write_safe": True}
