"""The search index's pruning, skipped when it would remove nothing.

Before Sphinx writes ``searchindex.js`` it prunes the index to the documents that
exist (``IndexBuilder.prune(env.all_docs)``), intersecting the set of documents of
every indexed word with them: at a thousand sources some 200,000 words, half a second
of every build's main process, though a build that removed no document has nothing to
prune. ``install`` wraps ``prune`` so that it returns at once when every document the
index holds is kept (the index's words only ever name documents it holds, so the
intersections would change nothing); otherwise Sphinx's own ``prune`` runs.
"""
from __future__ import annotations


def skipping_when_nothing_goes(prune):
    """Wrap ``IndexBuilder.prune``: nothing to do when no indexed document goes."""

    def wrapper(self, docnames):
        keep = docnames if isinstance(docnames, (set, frozenset, dict)) else set(docnames)
        if all(docname in keep for docname in self._titles):
            return None
        return prune(self, keep)
    wrapper.evidence_skipping = True
    wrapper.__wrapped__ = prune
    return wrapper


def install() -> None:
    """Wrap Sphinx's pruning once per process."""
    from sphinx.search import IndexBuilder
    if not getattr(IndexBuilder.prune, "evidence_skipping", False):
        IndexBuilder.prune = skipping_when_nothing_goes(IndexBuilder.prune)
