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
    ```{source-index}
    ```                                     the table of all sources, linking their pages

The parts live in modules of one concern: ``roles`` ({quote}, {fact}), ``source_pages``
(the directive and its tables), ``source_index`` (the table of sources), ``records``
(sources.csv as published), ``spans`` (evidence spans and their nesting),
``markup`` (docutils building blocks, source text as inert text) and ``data`` (what is
read); ``html_fixes`` mends what Sphinx and the theme write, ``search_index`` skips
pruning the search index when no page went, ``assets`` rewrites
every page when a stylesheet, script or template changed, and ``ahead`` reads the
pages while the notebooks run ahead (``notebook_runs``).  This module wires them into
Sphinx and keeps their state across parallel and incremental builds.
"""
from __future__ import annotations

from pathlib import Path

from evidence.site import (ahead, assets, bibcache, chunks, html_fixes, kernel_start,
                           notebook_runs, roles, search_index, source_index, source_pages)
from evidence import paths
from evidence.site.data import env_store, load_evidence

# Per-document state kept on the environment: quotations, source pages, index pages.
STORES = ("evidence_quotes", "evidence_pages", "evidence_index_docs")


def _purge(app, env, docname):
    for store in STORES:
        env_store(env, store).pop(docname, None)


def _merge(app, env, docnames, other):
    for store in STORES:
        mine, theirs = env_store(env, store), env_store(other, store)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]


def _preload(app):
    """In a parallel build, load the corpus and its comparison once in the main
    process: Sphinx forks a process for each chunk of documents it reads or writes
    (about thirty at a thousand sources), and each loaded them again (5 s apiece)."""
    if app.parallel > 1 and app.builder.format == "html" and paths.SOURCE_PAGES.is_dir():
        load_evidence(app.config.evidence_loader)


def _weigh_documents(app):
    """The parallel build deals documents to its workers by their estimated cost
    (``chunks``): notebooks run kernels, the biggest pages take longest."""
    if app.parallel > 1:
        chunks.install(chunks.weigh(app.env.doc2path, Path(app.doctreedir)))


def _execution_cache(app):
    """Create jupyter-cache's database in the main process, before Sphinx forks its
    readers, two of which may execute notebooks at once (``notebook_runs.create_cache``).
    The cache is cleared whenever the data change."""
    if app.parallel > 1 and getattr(app.config, "nb_execution_mode", "") == "cache":
        notebook_runs.create_cache(app.config.nb_execution_cache_path or ".jupyter_cache")


def _bibliography_memo(app):
    """Formatted bibliography entries from the last build (``bibcache``), beside the
    output folder (``_build/cache`` for the site and its PDF edition)."""
    bibcache.load(Path(app.outdir).parent / "cache" / bibcache.FILE)


def _keep_bibliography_memo(app, exception):
    if exception is None:
        bibcache.save()


def setup(app):
    bibcache.install()
    search_index.install()
    kernel_start.install()
    app.connect("builder-inited", _bibliography_memo)
    app.connect("build-finished", _keep_bibliography_memo)
    app.add_config_value("evidence_loader", "", "env", types=[str])
    app.add_role("quote", roles.QuoteRole())
    app.add_role("fact", roles.FactRole())
    app.add_directive("source-page", source_pages.SourcePageDirective)
    app.add_directive("source-index", source_index.SourceIndexDirective)
    app.add_node(source_pages.source_text)
    app.connect("builder-inited", _preload)
    app.connect("builder-inited", _weigh_documents)
    app.connect("builder-inited", _execution_cache)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-before-read-docs", ahead.order_reading)
    app.connect("source-read", ahead.before_notebook)
    app.connect("env-updated", ahead.restore)
    app.connect("env-updated", source_pages.pages_to_rewrite)
    app.connect("env-updated", assets.pages_to_rewrite)
    app.connect("doctree-resolved", source_pages.resolve_source_pages)
    app.connect("html-page-context", html_fixes.drop_duplicate_scripts)
    app.connect("html-page-context", html_fixes.citation_list_items)
    app.connect("html-page-context", html_fixes.escape_page_title)
    return {"version": "1", "env_version": 1,
            "parallel_read_safe": True, "parallel_write_safe": True}
