"""The search index's pruning is skipped only when it would remove nothing."""
from __future__ import annotations

from evidence.site import search_index


class Index:
    """What Sphinx's IndexBuilder keeps per document (titles) and per word (documents)."""

    def __init__(self):
        self._titles = {"a": "A", "b": "B"}
        self._mapping = {"ceasefire": {"a", "b"}, "doha": {"b"}}
        self.pruned = []

    def prune(self, docnames):                     # Sphinx's, in short
        self.pruned.append(set(docnames))
        self._titles = {d: t for d, t in self._titles.items() if d in docnames}
        for docs in self._mapping.values():
            docs.intersection_update(docnames)


def test_nothing_to_prune_is_skipped_and_a_removed_document_is_pruned():
    wrapped = search_index.skipping_when_nothing_goes(Index.prune)
    index = Index()
    wrapped(index, {"a": 1, "b": 2, "c": 3})       # every indexed document stays
    assert index.pruned == [] and index._mapping == {"ceasefire": {"a", "b"}, "doha": {"b"}}
    wrapped(index, iter(["a"]))                     # "b" is gone: Sphinx's prune runs
    assert index.pruned == [{"a"}]
    assert index._titles == {"a": "A"} and index._mapping == {"ceasefire": {"a"}, "doha": set()}


def test_install_wraps_sphinx_once():
    from sphinx.search import IndexBuilder
    search_index.install()
    first = IndexBuilder.prune
    search_index.install()
    assert IndexBuilder.prune is first and first.evidence_skipping
