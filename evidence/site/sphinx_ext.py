"""Sphinx extension: verified quotations, named facts and one page per source.

Register it in ``_config.yml``::

    sphinx:
      local_extensions:
        evidence.site.sphinx_ext: ./

Markup for authors (MyST)::

    {quote}`<source_id>|<verbatim text>`   inline quotation linked to its evidence
    {fact}`<key>`                           a value from data/processed/facts.json
    ```{source-page} <source_id>
    ```                                     the whole body of a source's page

The parts live in modules of one concern: ``roles`` ({quote}, {fact}), ``source_pages``
(the directive and its tables), ``spans`` (evidence spans and their nesting),
``markup`` (docutils building blocks, source text as inert text) and ``data`` (what is
read).  This module wires them into Sphinx and keeps their state across parallel and
incremental builds.
"""
from __future__ import annotations

from evidence.site import roles, source_pages
from evidence.site.data import env_store


def _purge(app, env, docname):
    for store in ("evidence_quotes", "evidence_pages"):
        env_store(env, store).pop(docname, None)


def _merge(app, env, docnames, other):
    for store in ("evidence_quotes", "evidence_pages"):
        mine, theirs = env_store(env, store), env_store(other, store)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]


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
    app.add_role("quote", roles.QuoteRole())
    app.add_role("fact", roles.FactRole())
    app.add_directive("source-page", source_pages.SourcePageDirective)
    app.add_node(source_pages.source_text)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", source_pages.pages_to_rewrite)
    app.connect("doctree-resolved", source_pages.resolve_source_pages)
    app.connect("html-page-context", _drop_duplicate_scripts)
    return {"version": "1", "env_version": 1,
            "parallel_read_safe": True, "parallel_write_safe": True}
