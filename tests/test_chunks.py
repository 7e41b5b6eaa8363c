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


def test_costly_documents_go_to_the_least_loaded_chunk(monkeypatch):
    costs = {"a": 5.0, "b": 1.0, "c": 1.0, "d": 1.0, "e": 1.0, "f": 1.0}
    monkeypatch.setattr(chunks, "_weight", costs.get)
    dealt = chunks.deal(list(costs), 2, maxbatch=3)   # Sphinx: 2 chunks of 3
    assert len(dealt) == 2
    assert sorted(sum(costs[d] for d in chunk) for chunk in dealt) == [5.0, 5.0]
    assert ["a"] in dealt                               # the costly one alone


def test_weigh_counts_a_notebook_as_a_kernel_and_a_page_by_its_doctree(tmp_path):
    (tmp_path / "nb.md").write_text("---\njupytext:\n  text_representation:\n"
                                    "    format_name: myst\nkernelspec:\n  name: python3\n"
                                    "---\n# N\n")
    (tmp_path / "page.md").write_text("# Page\n")
    (tmp_path / "new.md").write_text("# New\n")
    trees = tmp_path / "doctrees"
    trees.mkdir()
    (trees / "page.doctree").write_bytes(b"x" * 3_000_000)
    weight = chunks.weigh(lambda doc: tmp_path / f"{doc}.md", trees)
    assert weight("nb") == chunks.NOTEBOOK_COST
    assert weight("page") == 3.0 * chunks.COST_PER_MB
    assert weight("new") == chunks.UNKNOWN_COST
    assert weight("missing") == chunks.UNKNOWN_COST


def test_the_execution_cache_exists_before_the_readers_fork(tmp_path):
    from types import SimpleNamespace

    from evidence.site import sphinx_ext
    path = tmp_path / "jupyter_cache"
    config = SimpleNamespace(nb_execution_mode="cache", nb_execution_cache_path=str(path))
    sphinx_ext._execution_cache(SimpleNamespace(parallel=1, config=config))
    assert not path.exists()                         # serial: myst-nb creates it itself
    sphinx_ext._execution_cache(SimpleNamespace(parallel=2, config=config))
    assert (path / "global.db").is_file()
    sphinx_ext._execution_cache(SimpleNamespace(parallel=2, config=config))  # exists: fine
