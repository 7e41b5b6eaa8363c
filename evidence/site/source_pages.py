"""One page per source: the ``{source-page}`` directive and the page's tables.

A source page shows the capture's metadata, the inferred publication date with its
evidence, the stories a page joins, the clean text with every evidence span
highlighted and anchored, an index of those spans with the pages citing them, and the
lines removed as page furniture.  Quotations are only all known once every document
has been read, so the text and the index are built when the page is written
(``doctree-resolved``), and ``env-updated`` marks source pages for rewriting when the
set of quotations citing them changed.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from evidence.publish import links

from evidence import paths
from evidence.site import records
from evidence.site.data import (SAFE_ID, clean_text_path, env_store, load_evidence,
                                read_clean_text)
from evidence.site.markup import VERBATIM, para, section, table, url_node
from evidence.site.spans import (CITED, collect_spans, sentence_spans, span_classes,
                                 text_paragraphs)

logger = logging.getLogger(__name__)

HEX_DIGEST = re.compile(r"[0-9a-f]{64}")

# Kinds of evidence with a reader-facing name; any other kind (from the comparison)
# is shown by its own name.
KIND_LABELS = {
    "quote": "quotation",
    "date": "date mention",
    "pubdate": "publication-date evidence",
    CITED: "quoted in this report",
    "events": "event attestation",
    "claims": "provision claim",
    "discrepancies": "discrepancy evidence",
}


def _date(value) -> str:
    return value.isoformat() if value else "unknown"


def registry_check(parsed) -> str:
    reg, raw = parsed.registry, parsed.raw
    if not reg.in_registry:
        return "not in data/registry.csv: metadata inferred from the file"
    if reg.sha256 and reg.sha256 != raw.sha256:
        return "in registry; sha256 DIFFERS from the registry"
    if reg.sha256:
        return "in registry; sha256 matches"
    return "in registry; no sha256 recorded"


def _field(name: str, meaning: str | None) -> list:
    parts: list = [nodes.strong(name, name)]
    if meaning:
        parts.append(nodes.inline(meaning, meaning, classes=["field-meaning"]))
    return parts


def value_node(value: str, own_id: str, from_doc: str, known: set[str]):
    """A cell of sources.csv as shown: a link when it names another source with a
    page or is an http(s) URL, a digest in a monospaced box, else the text."""
    if value in known and value != own_id:
        return nodes.reference("", "", nodes.Text(value), internal=True,
                               refuri=links.source_href(value, from_doc))
    if HEX_DIGEST.fullmatch(value):
        return nodes.inline(value, value, classes=["sha256"])
    return url_node(value) if value else "none"


def capture_table(row: dict[str, str], parsed, from_doc: str, known: set[str]) -> nodes.table:
    """Every field of the source's sources.csv row that describes the capture (all
    columns but the publication-date ones, which have their own table), in the file's
    order and with the data dictionary's meaning, then the registry check."""
    meaning = records.descriptions()
    rows = [[_field(column, meaning.get(column)),
             value_node(value or "", row[records.ID], from_doc, known)]
            for column, value in row.items()
            if column and not column.startswith(records.PUBDATE_PREFIX)]
    rows.append([_field("file", "The raw capture, never edited."),
                 f"data/sources/{Path(parsed.raw.path).name}"])
    rows.append([_field("registry check", "Whether data/registry.csv describes this file "
                        "and records the same sha256."), registry_check(parsed)])
    if parsed.registry.notes:
        rows.append([_field("registry notes", None), parsed.registry.notes])
    return table(["Field", "Value"], rows, classes=["evidence-meta"])


def pubdate_table(parsed) -> nodes.table:
    pub = parsed.pubdate
    interval = (f"{_date(pub.earliest)} to {_date(pub.latest)}"
                if pub.earliest or pub.latest else "none")
    evidence: list = [pub.evidence or "none"]
    spans = sentence_spans(parsed.clean_text, pub.evidence)
    if spans:
        evidence = [nodes.reference("", "", nodes.Text(pub.evidence),
                                    refuri="#" + links.anchor_id(*spans[0]), internal=True)]
    flags = list(pub.flags)
    flags += [f"page header date {text!r} ({day.isoformat()}) was removed as furniture "
              "and not trusted" for text, day in parsed.clean.header_dates]
    if len(parsed.clean.stories) > 1:
        flags.append(f"this page joins {len(parsed.clean.stories)} stories")
    flags += parsed.raw.warnings
    rows = [
        ["Published", _date(pub.published)],
        ["Precision", pub.precision or "unknown"],
        ["Interval", interval],
        ["Method", pub.method or "none"],
        ["Evidence", evidence],
        ["Flags", "; ".join(flags) if flags else "none"],
    ]
    return table(["Field", "Value"], rows, classes=["evidence-pubdate"])


def stories_table(parsed) -> nodes.table | None:
    stories = parsed.clean.stories
    if len(stories) < 2:
        return None
    return table(["Story", "Characters", "Headline"],
                 [[str(i), f"{s.start}–{s.end}", s.headline or "(none)"]
                 for i, s in enumerate(stories, 1)], classes=["evidence-stories"])


def furniture_table(parsed):
    removed = parsed.clean.removed
    if not removed:
        return para("No lines were removed.")
    return table(["Line", "Rule", "Removed text"],
                 [[str(r.line_no), r.rule, r.text] for r in removed],
                 classes=["evidence-furniture"])


def evidence_index(text, spans, cited_by, from_doc, builder) -> nodes.Node:
    """One row per span: where it is, what kind, its text, and which pages cite it."""
    if not spans:
        return para("No evidence spans on this source.")
    rows = []
    for se in sorted(spans):
        anchor = links.anchor_id(*se)
        where = nodes.reference("", "", nodes.Text(f"{se[0]}–{se[1]}"),
                                refuri="#" + anchor, internal=True)
        kinds = ", ".join(KIND_LABELS.get(k, k.replace("-", " ")) for k in sorted(spans[se]))
        citing: list = []
        for doc in sorted(cited_by.get(se, ())):
            if citing:
                citing.append(", ")
            citing.append(nodes.reference("", "", nodes.Text(doc), internal=True,
                                          refuri=builder.get_relative_uri(from_doc, doc)))
        rows.append([[where], kinds, text[se[0]:se[1]], citing or ""])
    return table(["Characters", "Kind", "Text", "Cited on"], rows,
                 classes=["evidence-index"])


def legend(kinds) -> nodes.paragraph:
    out = para("Highlighted: ", classes=["evidence-legend"])
    for i, kind in enumerate(sorted(kinds)):
        if i:
            out += nodes.Text(" · ")
        out += nodes.inline("", KIND_LABELS.get(kind, kind.replace("-", " ")),
                            classes=span_classes([kind]))
    return out


class source_text(nodes.General, nodes.Element):
    """Placeholder for a source's text and evidence index, filled when written."""


class SourcePageDirective(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec = {"class": directives.class_option}

    def run(self):
        source_id = self.arguments[0]
        loaded, _ = load_evidence(self.config.evidence_loader)
        parsed = loaded.by_id().get(source_id) if SAFE_ID.match(source_id) else None
        if parsed is None:
            logger.warning("{source-page}: unknown source %r", source_id,
                           location=self.get_location(), type="evidence", subtype="page")
            return []
        for dep in self._dependencies(parsed):
            self.env.note_dependency(str(dep))
        env_store(self.env, "evidence_pages")[self.env.docname] = source_id
        clean = read_clean_text(source_id)
        if clean != parsed.clean_text:
            logger.warning("{source-page}: %s is missing or differs from the parsed source; "
                           "run `python -m evidence build-data`",
                           clean_text_path(source_id).relative_to(paths.ROOT),
                           location=self.get_location(), type="evidence", subtype="stale")
        row = records.rows_by_id().get(source_id)
        if row is None:
            logger.warning("{source-page}: %s has no row for %r; run `python -m evidence "
                           "build-data`", records.sources_csv().relative_to(paths.ROOT),
                           source_id, location=self.get_location(), type="evidence",
                           subtype="stale")
            row = {records.ID: source_id}
        known = records.pages(self.env)
        title = records.title_of(row)
        page = nodes.section(ids=["source-page"], **VERBATIM)
        page += nodes.title(title, title)
        page += para("Source id ", nodes.literal(source_id, source_id), " ",
                     source_text(source_id=source_id, part="back"), classes=["source-id"])
        page += section("Source", "source-metadata",
                        capture_table(row, parsed, self.env.docname, known))
        page += section("Publication date", "publication-date", pubdate_table(parsed))
        stories = stories_table(parsed)
        if stories is not None:
            page += section("Stories on this page", "stories", stories)
        page += [
            section("Text", "source-text", source_text(source_id=source_id, part="text")),
            section("Evidence on this page", "evidence-index",
                    source_text(source_id=source_id, part="index")),
            section("Removed page furniture", "furniture-audit",
                    para("Lines removed from the capture before analysis, with the "
                         "rule that removed each."), furniture_table(parsed)),
        ]
        return [page]

    @staticmethod
    def _dependencies(parsed):
        """Inputs of the page: its clean text and the file ``build-data`` rewrites
        when the source's parse or its evidence in the comparison changed
        (``pagedeps``; a code change rebuilds every page anyway)."""
        from evidence.site import pagedeps
        yield clean_text_path(parsed.source_id)
        yield pagedeps.dep_path(parsed.source_id)
        # The meanings shown beside the fields (sources.csv itself changes with every
        # source added; the row's content is covered by the parse hash of pagedeps).
        yield from records.dictionary_files()


def _cited_spans(env, source_id):
    """(start, end) -> docnames, for every {quote} of one source in the project."""
    cited = defaultdict(set)
    for docname, quotes in getattr(env, "evidence_quotes", {}).items():
        for sid, start, end in quotes:
            if sid == source_id:
                cited[(start, end)].add(docname)
    return cited


def resolve_source_pages(app, doctree, docname):
    placeholders = list(doctree.findall(source_text))
    if not placeholders:
        return
    loaded, comparison = load_evidence(app.config.evidence_loader)
    source_id = placeholders[0]["source_id"]
    parsed = loaded.by_id()[source_id]
    text = parsed.clean_text
    cited = _cited_spans(app.env, source_id)
    spans = collect_spans(parsed, comparison, cited, getattr(loaded, "key", ""))
    for se in [se for se in spans if not (0 <= se[0] < se[1] <= len(text))]:
        logger.warning("evidence span %d-%d (%s) is outside the text of %s (%d characters)",
                       se[0], se[1], ", ".join(sorted(spans.pop(se))), source_id, len(text),
                       location=docname, type="evidence", subtype="span")
    paragraphs, unplaced = text_paragraphs(text, spans)
    for se in unplaced:
        logger.warning("evidence span %d-%d of %s covers no visible text",
                       se[0], se[1], source_id, location=docname,
                       type="evidence", subtype="span")
        spans.pop(se)
    index_docs = sorted(env_store(app.env, "evidence_index_docs"))
    for node in placeholders:
        if node["part"] == "back":
            node.replace_self([nodes.Text("· "), nodes.reference(
                "", "", nodes.Text("all sources"), internal=True,
                refuri=app.builder.get_relative_uri(docname, index_docs[0]))]
                if index_docs else [])
        elif node["part"] == "text":
            node.replace_self([legend({k for ks in spans.values() for k in ks}), *paragraphs]
                              if spans else paragraphs)
        else:
            node.replace_self(evidence_index(text, spans, cited, docname, app.builder))


def pages_to_rewrite(app, env):
    """Source pages whose set of citing quotations changed since the last build, and
    a check that every quoted source has a page."""
    pages = env_store(env, "evidence_pages")
    current: dict[str, set] = defaultdict(set)
    for docname, quotes in sorted(env_store(env, "evidence_quotes").items()):
        for sid, start, end in quotes:
            current[sid].add((docname, start, end))
            if links.source_page_doc(sid) not in env.found_docs:
                logger.warning("{quote}: source %r has no page %s in this book",
                               sid, links.source_page_doc(sid), location=docname,
                               type="evidence", subtype="quote")
    previous = env_store(env, "evidence_cited_before")
    changed = [doc for doc, sid in pages.items()
               if current.get(sid, set()) != previous.get(sid, set())]
    env.evidence_cited_before = {sid: frozenset(v) for sid, v in current.items()}
    return sorted(changed)
