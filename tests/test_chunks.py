"""Sphinx's parallel build deals documents to its workers in turn, so the notebooks
(adjacent in Sphinx's order, each running a kernel) execute on every core."""
from __future__ import annotations

from evidence.site import chunks


def test_documents_are_dealt_to_the_workers_in_turn():
    docs = [f"book/c{i:02d}" for i in range(12)] + [f"notebooks/n{i}" for i in range(5)]
    dealt = chunks.deal(docs, 2)
    assert sorted(d for chunk in dealt for d in chunk) == sorted(docs)   # each once
    assert len(dealt) % 2 == 0
    # the notebooks, adjacent in Sphinx's order, go to different chunks
    holding = [i for i, chunk in enumerate(dealt) for d in chunk if d.startswith("notebooks/")]
    assert max(holding.count(i) for i in holding) <= -(-5 // len(dealt))
    assert all(chunk == sorted(chunk) for chunk in dealt)
    assert chunks.deal([], 2) == []
    assert chunks.deal(["one"], 2) == [["one"]]
    assert len(chunks.deal([f"d{i}" for i in range(1000)], 2)) % 2 == 0


def test_install_replaces_the_builders_chunking():
    import sphinx.builders
    chunks.install()
    assert sphinx.builders.make_chunks is chunks.deal
