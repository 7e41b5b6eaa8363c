"""Sphinx extension: verified quotations, named facts and one page per source.

Register it in ``_config.yml``::

    sphinx:
      local_extensions:
        evidence.sphinx_ext: ./

Markup for authors (MyST)::

    {quote}`<source_id>|<verbatim text>`   inline quotation linked to its evidence
    {fact}`<key>`                           a value from data/processed/facts.json
    ```{source-page} <source_id>
    ```                                     the whole body of a source's page

Source text is data, never markup: every string that comes from an article (text,
headline, metadata, quotes, names) becomes a docutils ``Text`` node, so the HTML
writer escapes it and nothing in it is parsed as MyST, reST or HTML.  The only links
made are to our own evidence anchors and to registry URLs whose scheme is http(s).

Evidence spans are collected from three places: the parsed corpus (quotations, date
mentions, publication-date evidence), the cross-source comparison (every record that
names a source and character offsets), and every ``{quote}`` in the project.  The
last are only all known once every document has been read, so a source page's text
is built when the page is written (``doctree-resolved``), and ``env-updated`` marks
source pages for rewriting when the set of quotations citing them changed.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
import numbers
import re
import urllib.parse
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from evidence.publish import links

from evidence import paths
from evidence.model import ParsedSource

logger = logging.getLogger(__name__)

SAFE_ID = paths.SOURCE_ID
CITED = "cited"   # kind of the spans quoted by {quote} in the report

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


# --------------------------------------------------------------------------- data

def clean_text_path(source_id: str) -> Path:
    return paths.PROCESSED / "clean" / f"{source_id}.txt"


def facts_path() -> Path:
    return paths.PROCESSED / "facts.json"


def _stamp(path: Path):
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=256)
def _read_text(path: str, stamp) -> str | None:
    if stamp is None:
        return None
    with open(path, encoding="utf-8", newline="") as fh:   # offsets count every char
        return fh.read()


def read_clean_text(source_id: str) -> str | None:
    """The processed clean text of a source, or None when there is none."""
    if not SAFE_ID.match(source_id):
        return None
    path = clean_text_path(source_id)
    return _read_text(str(path), _stamp(path))


def read_facts() -> dict:
    text = _read_text(str(facts_path()), _stamp(facts_path()))
    if text is None:
        return {}
    facts = json.loads(text)
    if not isinstance(facts, dict):
        raise ValueError(f"{facts_path()} must hold a JSON object")
    return facts


def locate_quote(clean: str, text: str) -> tuple[int, int] | None:
    """Offsets of the first verbatim occurrence of ``text`` in ``clean``.

    MyST turns each line break inside role content into a space, and a wrapped line
    may keep its indentation, so a run of spaces in the role content may stand for a
    single space of the source; nothing else is loosened.
    """
    for candidate in dict.fromkeys((text, re.sub(r" {2,}", " ", text))):
        if candidate:
            at = clean.find(candidate)
            if at >= 0:
                return at, at + len(candidate)
    return None


def _compare(loaded):
    """The cross-source comparison, or None while ``evidence.compare`` does not exist
    (any error of an existing module, including an import error inside it, propagates)."""
    if importlib.util.find_spec(f"{__package__}.compare") is None:
        logger.info("evidence.compare is not available: source pages show the "
                    "parse-level evidence only")
        return None
    from evidence.publish import export
    return export.comparison_for(loaded)


def default_loader():
    """The parsed corpus and its comparison (``evidence_loader`` can replace this)."""
    from evidence.read import corpus as corpus_mod
    loaded = corpus_mod.load_cached()
    return loaded, _compare(loaded)


@lru_cache(maxsize=4)
def load_evidence(loader: str = ""):
    """(corpus, comparison), once per process; ``loader`` is "module:function"."""
    if not loader:
        return default_loader()
    module, _, func = loader.partition(":")
    return getattr(importlib.import_module(module), func)()


# --------------------------------------------------------------------------- spans

def _fields(obj) -> dict | None:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): v for k, v in obj.items()}
    if hasattr(obj, "_asdict"):
        return dict(obj._asdict())
    return None


def _walk_records(obj, kind: str, source_id: str, out, seen: set) -> None:
    """Every record below ``obj`` that names a source and offsets, as (kind, id, s, e).

    The comparison's shape belongs to its module; this only relies on the record
    contract of ``model.py``: ``source_id`` plus ``start``/``end`` (or
    ``start_char``/``end_char``) into the clean text.  A record's ``source_id`` is
    inherited by nested records that do not name one (evidence lists).
    """
    if isinstance(obj, (str, bytes, numbers.Number, dt.date, type(None), ParsedSource)) \
            or id(obj) in seen:
        return   # parse-level spans of a source are collected by parsed_spans
    seen.add(id(obj))
    if hasattr(obj, "to_dict") and hasattr(obj, "columns"):          # a DataFrame
        obj = obj.to_dict("records")
    fields = _fields(obj)
    if fields is not None:
        sid = fields.get("source_id")
        sid = sid if isinstance(sid, str) and SAFE_ID.match(sid) else source_id
        start = links.as_offset(fields.get("start", fields.get("start_char")))
        end = links.as_offset(fields.get("end", fields.get("end_char")))
        if sid and start is not None and end is not None:
            out.append((kind, sid, start, end))
        for name, value in fields.items():
            _walk_records(value, kind or name, sid, out, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for item in obj:
            _walk_records(item, kind, source_id, out, seen)


def _kind_name(name: str) -> str:
    """A CSS-safe kind from the comparison's field name ("events_list" -> "events")."""
    name = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    name = re.sub(r"-(list|table|matrix|frame)$", "", name)
    return name or "evidence"


def comparison_spans(comparison) -> list[tuple[str, str, int, int]]:
    out: list = []
    _walk_records(comparison, "", "", out, set())
    return [(_kind_name(kind), sid, s, e) for kind, sid, s, e in out]


def sentence_spans(text: str, evidence: str) -> list[tuple[int, int]]:
    """Where an evidence string (one or more sentences) stands in the text."""
    evidence = (evidence or "").strip()
    if not evidence:
        return []
    whole = locate_quote(text, evidence)
    if whole:
        return [whole]
    found = []
    for part in re.split(r"\s*(?:\n|\s\|\s|\s…\s|\s\.\.\.\s)\s*", evidence):
        span = locate_quote(text, part.strip()) if part.strip() else None
        if span:
            found.append(span)
    return found


def parsed_spans(parsed) -> list[tuple[str, int, int]]:
    spans = [("quote", q.start, q.end) for q in parsed.quotes]
    spans += [("date", d.start, d.end) for d in parsed.dates]
    spans += [("pubdate", s, e) for s, e in sentence_spans(parsed.clean_text,
                                                          parsed.pubdate.evidence)]
    return spans


def collect_spans(parsed, comparison, cited) -> dict[tuple[int, int], set[str]]:
    """(start, end) -> kinds, for every evidence span of one source."""
    spans: dict[tuple[int, int], set[str]] = defaultdict(set)
    for kind, start, end in parsed_spans(parsed):
        spans[(start, end)].add(kind)
    for kind, sid, start, end in comparison_spans(comparison):
        if sid == parsed.source_id:
            spans[(start, end)].add(kind)
    for start, end in cited:
        spans[(start, end)].add(CITED)
    return dict(spans)


# --------------------------------------------------------------------------- rendering

# Sphinx's SmartQuotes transform would turn the straight quotes of source text into
# curly ones; an element with this attribute keeps its whole subtree as written.
_VERBATIM = {"support_smartquotes": False}


def _para(*parts, classes=()) -> nodes.paragraph:
    para = nodes.paragraph(classes=list(classes))
    for part in parts:
        para += nodes.Text(part) if isinstance(part, str) else part
    return para


def _table(header: list[str], rows: list[list], classes=()) -> nodes.table:
    """A docutils table; a cell is a str (shown as text) or a node / list of nodes."""
    table = nodes.table(classes=["evidence-table", *classes])
    group = nodes.tgroup(cols=len(header))
    table += group
    for _ in header:
        group += nodes.colspec(colwidth=1)

    def row_of(cells):
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            parts = cell if isinstance(cell, list) else [cell]
            entry += _para(*parts)
            row += entry
        return row

    head = nodes.thead()
    head += row_of(header)
    body = nodes.tbody()
    for cells in rows:
        body += row_of(cells)
    group += head
    group += body
    return table


def _section(title: str, section_id: str, *children) -> nodes.section:
    # Source text is verbatim: no "smart quotes" anywhere below (see _VERBATIM).
    section = nodes.section(ids=[section_id], names=[section_id], **_VERBATIM)
    section += nodes.title(title, title)
    section.extend(children)
    return section


def url_node(url: str):
    """An external link only for an http(s) URL with a host; anything else is text."""
    url = (url or "").strip()
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme.lower() in ("http", "https") and parsed.netloc \
            and not any(ch.isspace() or ord(ch) < 32 for ch in url):
        return nodes.reference(url, url, refuri=url)
    return url or "(none)"


def _date(value) -> str:
    return value.isoformat() if value else "unknown"


def metadata_table(parsed) -> nodes.table:
    reg, meta, raw = parsed.registry, parsed.meta, parsed.raw
    outlet = meta.outlet or reg.outlet
    outlet_text = (f"{outlet} (from {meta.outlet_basis})" if outlet and meta.outlet_basis
                   else outlet or "not identified")
    if not reg.in_registry:
        status = "not in data/registry.csv: metadata inferred from the file"
    elif reg.sha256 and reg.sha256 != raw.sha256:
        status = "in registry; sha256 DIFFERS from the registry"
    elif reg.sha256:
        status = "in registry; sha256 matches"
    else:
        status = "in registry; no sha256 recorded"
    origin = ", ".join(x for x in (reg.origin, reg.origin_group) if x) or "unknown"
    rows = [
        ["Headline", meta.headline or "not identified"],
        ["Outlet", outlet_text],
        ["Carried by", reg.carried_by or "(not an aggregator copy, as far as known)"],
        ["URL", url_node(reg.url or raw.html_url)],
        ["Origin", origin],
        ["Language", reg.language or "unknown"],
        ["Dateline", meta.dateline or "none"],
        ["Byline", meta.byline or "none"],
        ["File", f"{Path(raw.path).name} ({raw.fmt}, {raw.encoding})"],
        ["sha256", nodes.inline(raw.sha256, raw.sha256, classes=["sha256"])],
        ["Registry", status],
    ]
    if reg.notes:
        rows.append(["Registry notes", reg.notes])
    return _table(["Field", "Value"], rows, classes=["evidence-meta"])


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
    return _table(["Field", "Value"], rows, classes=["evidence-pubdate"])


def stories_table(parsed) -> nodes.table | None:
    stories = parsed.clean.stories
    if len(stories) < 2:
        return None
    return _table(["Story", "Characters", "Headline"],
                  [[str(i), f"{s.start}–{s.end}", s.headline or "(none)"]
                   for i, s in enumerate(stories, 1)], classes=["evidence-stories"])


def furniture_table(parsed):
    removed = parsed.clean.removed
    if not removed:
        return _para("No lines were removed.")
    return _table(["Line", "Rule", "Removed text"],
                  [[str(r.line_no), r.rule, r.text] for r in removed],
                  classes=["evidence-furniture"])


def _span_classes(kinds) -> list[str]:
    return ["evidence", *sorted(f"ev-kind-{k}" for k in kinds)]


def text_paragraphs(text: str, spans: dict[tuple[int, int], set[str]]):
    """The clean text, one paragraph a line, every span wrapped in an anchor element.

    Spans may overlap in any way.  Each elementary segment between span boundaries
    is wrapped in the spans covering it, outermost (earliest start, then longest)
    first; a span cut by a span it only partly overlaps, or by a line break,
    continues in a further element without the id, so each id exists exactly once,
    on the element where the span starts.  Returns (paragraphs, ids not placed).
    """
    order = sorted(spans, key=lambda se: (se[0], -se[1]))
    rank = {se: i for i, se in enumerate(order)}
    placed: set = set()
    paragraphs = []
    pos = 0
    for line in text.split("\n"):
        lstart, lend = pos, pos + len(line)
        pos = lend + 1
        if not line.strip():
            continue
        inside = [se for se in order if se[0] < lend and se[1] > lstart]
        bounds = sorted({lstart, lend, *(b for se in inside for b in se
                                         if lstart < b < lend)})
        para = nodes.paragraph(classes=["source-text"])
        stack: list = [(None, para)]
        for a, b in zip(bounds, bounds[1:]):
            active = sorted((se for se in inside if se[0] <= a and se[1] >= b),
                            key=rank.__getitem__)
            keep = 0
            while keep < len(active) and keep + 1 < len(stack) \
                    and stack[keep + 1][0] == active[keep]:
                keep += 1
            del stack[keep + 1:]
            for se in active[keep:]:
                node = nodes.inline(classes=_span_classes(spans[se]))
                if se in placed:
                    node["classes"].append("evidence-cont")
                else:
                    node["ids"] = [links.anchor_id(*se)]
                    placed.add(se)
                stack[-1][1].append(node)
                stack.append((se, node))
            stack[-1][1].append(nodes.Text(text[a:b]))
        paragraphs.append(para)
    return paragraphs, [se for se in order if se not in placed]


def evidence_index(text, spans, cited_by, from_doc, builder) -> nodes.Node:
    """One row per span: where it is, what kind, its text, and which pages cite it."""
    if not spans:
        return _para("No evidence spans on this source.")
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
    return _table(["Characters", "Kind", "Text", "Cited on"], rows,
                  classes=["evidence-index"])


def legend(kinds) -> nodes.paragraph:
    para = _para("Highlighted: ", classes=["evidence-legend"])
    for i, kind in enumerate(sorted(kinds)):
        if i:
            para += nodes.Text(" · ")
        para += nodes.inline("", KIND_LABELS.get(kind, kind.replace("-", " ")),
                             classes=_span_classes([kind]))
    return para


# --------------------------------------------------------------------------- roles

def _env_store(env, name: str) -> dict:
    if not hasattr(env, name):
        setattr(env, name, {})
    return getattr(env, name)


class QuoteRole(SphinxRole):
    """``{quote}`<source_id>|<verbatim text>``` -> “text”, linked to its evidence."""

    def run(self):
        source_id, sep, quoted = self.text.partition("|")
        source_id, quoted = source_id.strip(), quoted.strip()
        clean = read_clean_text(source_id) if sep else None
        if not sep or not quoted:
            problem = "needs '<source_id>|<verbatim text>'"
        elif clean is None:
            problem = (f"unknown source {source_id!r} (no "
                       f"{clean_text_path(source_id).relative_to(paths.ROOT)})"
                       if SAFE_ID.match(source_id) else f"not a source id: {source_id!r}")
        else:
            self.env.note_dependency(str(clean_text_path(source_id)))
            span = locate_quote(clean, quoted)
            if span is not None:
                return [self._quotation(source_id, clean, span)], []
            problem = (f"text is not verbatim in {source_id}: {quoted[:80]!r}"
                       f"{'…' if len(quoted) > 80 else ''}")
        logger.warning("{quote}: %s", problem, location=self.get_location(),
                       type="evidence", subtype="quote")
        return [nodes.inline(self.rawtext, quoted or self.text,
                             classes=["evidence-quote", "unverified"])], []

    def _quotation(self, source_id, clean, span):
        _env_store(self.env, "evidence_quotes").setdefault(self.env.docname, []).append(
            (source_id, *span))
        ref = nodes.reference("", "", nodes.Text(f"“{clean[span[0]:span[1]]}”"),
                              refuri=links.evidence_href(source_id, *span, self.env.docname),
                              internal=True,
                              reftitle=f"{source_id}, characters {span[0]}–{span[1]}")
        return nodes.inline(self.rawtext, "", ref, classes=["evidence-quote"], **_VERBATIM)


class FactRole(SphinxRole):
    """``{fact}`<key>``` -> the value of ``key`` in data/processed/facts.json."""

    def run(self):
        key = self.text.strip()
        self.env.note_dependency(str(facts_path()))
        facts = read_facts()
        value = facts.get(key)
        if key in facts and isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return [nodes.inline(self.rawtext, str(value), classes=["evidence-fact"],
                                 **_VERBATIM)], []
        problem = (f"unknown key {key!r} in {facts_path().relative_to(paths.ROOT)}"
                   if key not in facts else f"{key!r} is not a string or number")
        logger.warning("{fact}: %s", problem, location=self.get_location(),
                       type="evidence", subtype="fact")
        return [nodes.inline(self.rawtext, f"[{key}]", classes=["evidence-fact", "missing"])], []


# --------------------------------------------------------------------------- page

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
        _env_store(self.env, "evidence_pages")[self.env.docname] = source_id
        clean = read_clean_text(source_id)
        if clean != parsed.clean_text:
            logger.warning("{source-page}: %s is missing or differs from the parsed source; "
                           "run `python -m evidence build-data`",
                           clean_text_path(source_id).relative_to(paths.ROOT),
                           location=self.get_location(), type="evidence", subtype="stale")
        parts = [
            _section("Source", "source-metadata", metadata_table(parsed)),
            _section("Publication date", "publication-date", pubdate_table(parsed)),
        ]
        stories = stories_table(parsed)
        if stories is not None:
            parts.append(_section("Stories on this page", "stories", stories))
        parts += [
            _section("Text", "source-text", source_text(source_id=source_id, part="text")),
            _section("Evidence on this page", "evidence-index",
                     source_text(source_id=source_id, part="index")),
            _section("Removed page furniture", "furniture-audit",
                     _para("Lines removed from the capture before analysis, with the "
                           "rule that removed each."), furniture_table(parsed)),
        ]
        return parts

    @staticmethod
    def _dependencies(parsed):
        """Inputs of the page: its clean text and the file ``build-data`` rewrites
        when the source's parse or its evidence in the comparison changed
        (``pagedeps``; code changes rebuild every page anyway)."""
        from evidence.site import pagedeps
        yield clean_text_path(parsed.source_id)
        yield pagedeps.dep_path(parsed.source_id)


def _cited_spans(env, source_id):
    """(start, end) -> docnames, for every {quote} of one source in the project."""
    cited = defaultdict(set)
    for docname, quotes in getattr(env, "evidence_quotes", {}).items():
        for sid, start, end in quotes:
            if sid == source_id:
                cited[(start, end)].add(docname)
    return cited


def _resolve_source_pages(app, doctree, docname):
    placeholders = list(doctree.findall(source_text))
    if not placeholders:
        return
    loaded, comparison = load_evidence(app.config.evidence_loader)
    source_id = placeholders[0]["source_id"]
    parsed = loaded.by_id()[source_id]
    text = parsed.clean_text
    cited = _cited_spans(app.env, source_id)
    spans = collect_spans(parsed, comparison, cited)
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
    for node in placeholders:
        if node["part"] == "text":
            node.replace_self([legend({k for ks in spans.values() for k in ks}), *paragraphs]
                              if spans else paragraphs)
        else:
            node.replace_self(evidence_index(text, spans, cited, docname, app.builder))


# --------------------------------------------------------------------------- env events

def _purge(app, env, docname):
    for store in ("evidence_quotes", "evidence_pages"):
        _env_store(env, store).pop(docname, None)


def _merge(app, env, docnames, other):
    for store in ("evidence_quotes", "evidence_pages"):
        mine, theirs = _env_store(env, store), _env_store(other, store)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]


def _pages_to_rewrite(app, env):
    """Source pages whose set of citing quotations changed since the last build, and
    a check that every quoted source has a page."""
    pages = _env_store(env, "evidence_pages")
    current: dict[str, set] = defaultdict(set)
    for docname, quotes in sorted(_env_store(env, "evidence_quotes").items()):
        for sid, start, end in quotes:
            current[sid].add((docname, start, end))
            if links.source_page_doc(sid) not in env.found_docs:
                logger.warning("{quote}: source %r has no page %s in this book",
                               sid, links.source_page_doc(sid), location=docname,
                               type="evidence", subtype="quote")
    previous = _env_store(env, "evidence_cited_before")
    changed = [doc for doc, sid in pages.items()
               if current.get(sid, set()) != previous.get(sid, set())]
    env.evidence_cited_before = {sid: frozenset(v) for sid, v in current.items()}
    return sorted(changed)


def _drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    """Keep the first of identical <script> entries.  With Sphinx 7, a body-only script
    that an extension registers after the builder started (sphinx-thebe's
    ``const THEBE_JS_URL = …``) is listed twice, once with filename None and once
    with "", so Sphinx does not see the copy: a SyntaxError on every page."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for js in scripts:
        attributes = getattr(js, "attributes", {}) or {}
        key = (getattr(js, "filename", js) or "", str(sorted(attributes.items())))
        if key not in seen:
            seen.add(key)
            kept.append(js)
    context["script_files"] = kept


def setup(app):
    app.add_config_value("evidence_loader", "", "env", types=[str])
    app.add_role("quote", QuoteRole())
    app.add_role("fact", FactRole())
    app.add_directive("source-page", SourcePageDirective)
    app.add_node(source_text)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", _pages_to_rewrite)
    app.connect("doctree-resolved", _resolve_source_pages)
    app.connect("html-page-context", _drop_duplicate_scripts)
    return {"version": "1", "env_version": 1,
            "parallel_read_safe": True, "parallel_write_safe": True}
