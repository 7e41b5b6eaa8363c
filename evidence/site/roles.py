"""The authors' roles: ``{quote}`` (a verified quotation) and ``{fact}`` (a computed value).

``{quote}`<source_id>|<verbatim text>``` fails the strict build unless the words stand
verbatim in that source's clean text, and links to the highlighted passage on the
source page; ``{fact}`<key>``` inserts a value of data/processed/facts.json as text.
Every quotation is recorded in the environment (``evidence_quotes``) so the source
pages can anchor and cite back to it.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from evidence.publish import links

from evidence import paths
from evidence.site.data import (SAFE_ID, clean_text_path, env_store, facts_path,
                                locate_quote, read_clean_text, read_facts)
from evidence.site.markup import VERBATIM

logger = logging.getLogger(__name__)


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
        env_store(self.env, "evidence_quotes").setdefault(self.env.docname, []).append(
            (source_id, *span))
        ref = nodes.reference("", "", nodes.Text(f"“{clean[span[0]:span[1]]}”"),
                              refuri=links.evidence_href(source_id, *span, self.env.docname),
                              internal=True,
                              reftitle=f"{source_id}, characters {span[0]}–{span[1]}")
        return nodes.inline(self.rawtext, "", ref, classes=["evidence-quote"], **VERBATIM)


class FactRole(SphinxRole):
    """``{fact}`<key>``` -> the value of ``key`` in data/processed/facts.json."""

    def run(self):
        key = self.text.strip()
        self.env.note_dependency(str(facts_path()))
        facts = read_facts()
        value = facts.get(key)
        if key in facts and isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return [nodes.inline(self.rawtext, str(value), classes=["evidence-fact"],
                                 **VERBATIM)], []
        problem = (f"unknown key {key!r} in {facts_path().relative_to(paths.ROOT)}"
                   if key not in facts else f"{key!r} is not a string or number")
        logger.warning("{fact}: %s", problem, location=self.get_location(),
                       type="evidence", subtype="fact")
        return [nodes.inline(self.rawtext, f"[{key}]", classes=["evidence-fact", "missing"])], []
