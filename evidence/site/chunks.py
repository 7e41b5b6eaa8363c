"""How Sphinx's parallel build deals documents to its worker processes.

Sphinx cuts the sorted list of documents into consecutive chunks
(``sphinx.util.parallel.make_chunks``), so the five notebooks, which sort last and
each start a kernel, land in one or two chunks and execute one after another on a
single core while the other core idles (at a thousand sources, a one-source build
spent 17 s there). ``deal`` makes as many chunks, rounded up to a multiple of the
worker count, and gives each document, costliest first, to the chunk with the least
work so far (with equal costs: in turn). A document's cost is estimated by
``weigh``, installed for the build by the Sphinx extension: a notebook costs a
kernel's start and run, another page the size of its last parsed doctree (source
text, tables and lists make both the pickle and the reading). The documents, and which
are read or written, are unchanged: only their grouping. ``install`` puts ``deal`` in
place of Sphinx's own for the builders.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from evidence.site import notebook_runs

# Seconds, roughly, on one core: a notebook's kernel (start, imports, its views);
# a page per megabyte of its doctree pickle; a page never read before.
NOTEBOOK_COST = 2.0
COST_PER_MB = 1.0
MIN_COST, UNKNOWN_COST = 0.05, 0.2

_weight: Callable[[Any], float] = lambda doc: 1.0


def deal(arguments: Sequence[Any], nproc: int, maxbatch: int = 10) -> list[list[Any]]:
    """Chunks of ``arguments``: Sphinx's number of chunks (rounded up to a multiple of
    ``nproc``, at most one per argument); each argument, heaviest first (``_weight``),
    goes to the lightest chunk; each chunk keeps the original order."""
    from sphinx.util.parallel import make_chunks
    items = list(arguments)
    if not items:
        return []
    count = len(make_chunks(items, nproc, maxbatch))
    count = min(len(items), -(-count // max(1, nproc)) * max(1, nproc))
    loads = [0.0] * count
    members: list[list[int]] = [[] for _ in range(count)]
    weights = [_weight(item) for item in items]
    for i in sorted(range(len(items)), key=lambda i: (-weights[i], i)):
        lightest = min(range(count), key=lambda c: (loads[c], c))
        loads[lightest] += weights[i]
        members[lightest].append(i)
    return [[items[i] for i in sorted(chunk)] for chunk in members]


def weigh(doc_path: Callable[[str], Path], doctree_dir: Path) -> Callable[[str], float]:
    """The cost estimate of a docname: ``doc_path`` gives its source file."""
    def weight(docname) -> float:
        if not isinstance(docname, str):
            return 1.0
        if notebook_runs.is_notebook(Path(doc_path(docname))):
            return NOTEBOOK_COST
        try:
            size = (doctree_dir / f"{docname}.doctree").stat().st_size
        except OSError:
            return UNKNOWN_COST
        return max(MIN_COST, COST_PER_MB * size / 1e6)
    return weight


def install(weight: Callable[[Any], float] | None = None) -> None:
    """Use ``deal`` for Sphinx's parallel reading and writing (idempotent); with
    ``weight``, estimate documents' costs with it."""
    global _weight
    import sphinx.builders
    sphinx.builders.make_chunks = deal
    if weight is not None:
        _weight = weight
