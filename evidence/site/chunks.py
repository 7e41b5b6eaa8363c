"""How Sphinx's parallel build deals documents to its worker processes.

Sphinx cuts the sorted list of documents into consecutive chunks
(``sphinx.util.parallel.make_chunks``), so the five notebooks, which sort last and
each start a kernel, land in one or two chunks and execute one after another on a
single core while the other core idles (at a thousand sources, a one-source build
spent 17 s there). ``deal`` makes as many chunks, rounded up to a multiple of the
worker count, and deals the documents to them in turn, so costly neighbours go to
different workers. The documents, and which are read or written, are unchanged: only
their grouping. ``install`` puts it in place of Sphinx's own for the builders.
"""
from __future__ import annotations

from typing import Any, Sequence


def deal(arguments: Sequence[Any], nproc: int, maxbatch: int = 10) -> list[list[Any]]:
    """Chunks of ``arguments``: Sphinx's number of chunks (rounded up to a multiple of
    ``nproc``, at most one per argument), dealt in turn, each in the original order."""
    from sphinx.util.parallel import make_chunks
    items = list(arguments)
    if not items:
        return []
    count = len(make_chunks(items, nproc, maxbatch))
    count = min(len(items), -(-count // max(1, nproc)) * max(1, nproc))
    return [items[i::count] for i in range(count)]


def install() -> None:
    """Use ``deal`` for Sphinx's parallel reading and writing (idempotent)."""
    import sphinx.builders
    sphinx.builders.make_chunks = deal
