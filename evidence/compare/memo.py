"""Per-source comparison work remembered between builds, so adding a source codes only it.

Most of a comparison's time goes to work that reads one source alone: its attestations
(``attestations.attest``), its provision claims (``provisions.code_source``), the lengths
it states and the names it gives (``event_discrepancies``, ``name_discrepancies``). Inside
``session(sources, store)`` each such result is looked up under the source's digest (a
sha256 of the parsed source as it leaves the corpus pass, pickled: every field the work
can read) in ``store``, a ``read.cache.ParseCache`` whose version covers the comparison
code and knowledge as well as the parser's, so a code or codebook change is a miss; on
a miss the result is computed and stored when the session ends. Everything that reads
several sources (merging events, the ledger, the tables) is computed afresh every time,
so the comparison is exactly the one made without the memo. Outside a session, or
without a store, ``recall`` simply computes.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
from contextlib import contextmanager
from pathlib import Path

KIND = "memo"
SPARE = 100        # entries kept beyond twice the collection's size (see ``save``)


# Fields of a parsed source that no per-source comparison work reads. The corpus pass
# rewrites a publication date's evidence (the other sources it cites) whenever a new
# source becomes a better witness, so keying on it would recode sources whose input
# did not change. A test checks that changing them changes no result.
NOT_READ = {"pubdate": ("evidence",)}


def work_digest(source) -> str:
    """The memo's key: ``source_digest`` of the source without the ``NOT_READ`` fields."""
    blanked = {name: dataclasses.replace(getattr(source, name),
                                         **{f: type(getattr(getattr(source, name), f))()
                                            for f in fields})
               for name, fields in NOT_READ.items()}
    return source_digest(dataclasses.replace(source, **blanked))


def source_digest(source) -> str:
    """sha256 of the pickled source: equal digests mean equal inputs to per-source work.
    Pickled without its memo ("fast" mode), so the bytes depend on the values alone,
    not on which of them happen to be one shared object (a parse fresh from the
    workers and one from the cache give the same digest)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.fast = True
    pickler.dump(source)
    return hashlib.sha256(out.getbuffer()).hexdigest()


def code_files() -> tuple[Path, ...]:
    """The comparison stage's code: a change to any of it makes every entry stale."""
    return tuple(sorted(Path(__file__).resolve().parent.glob("*.py")))


def store_at(root: Path):
    """The memo store in ``root`` (the project's ``_build/cache``)."""
    from evidence.read import cache
    return cache.ParseCache(root, extra_inputs=code_files(), kinds=(KIND,), per_source=(KIND,))


class _Session:
    def __init__(self, sources, store):
        self.store = store
        self.digests = {id(s): work_digest(s) for s in sources}
        self.sources = list(sources)          # keeps the ids above valid
        self.entries: dict[str, dict] = {}
        self.dirty: set[str] = set()
        self.hits = self.misses = 0

    def entry(self, digest: str) -> dict:
        if digest not in self.entries:
            found = self.store.get(KIND, digest)
            self.entries[digest] = found if isinstance(found, dict) else {}
        return self.entries[digest]

    def recall(self, name: str, source, compute):
        digest = self.digests.get(id(source))
        if digest is None:                    # not one of the session's sources
            return compute(source)
        entry = self.entry(digest)
        if name in entry:
            self.hits += 1
            return list(entry[name])
        self.misses += 1
        result = compute(source)
        entry[name] = list(result)
        self.dirty.add(digest)
        return result

    def save(self) -> None:
        """Store the new entries, mark the ones used, and keep the store's size bounded:
        the entries of other code versions go, and beyond twice this collection's size
        the least recently used (sources removed or edited; other collections' entries,
        such as the tests', stay while there is room)."""
        for digest in sorted(self.dirty):
            self.store.put(KIND, digest, self.entries[digest])
        self.store.touch(KIND, sorted(set(self.entries) - self.dirty))
        self.store.prune(keep_sources=2 * len(self.digests) + SPARE)


_ACTIVE: list[_Session] = []


@contextmanager
def session(sources, store):
    """Remember per-source work on ``sources`` in ``store`` (None: remember nothing)."""
    if store is None:
        yield None
        return
    current = _Session(sources, store)
    _ACTIVE.append(current)
    try:
        yield current
    finally:
        _ACTIVE.pop()
    current.save()                            # only after a comparison that finished


def recall(name: str, source, compute):
    """``compute(source)`` (a list), or the list remembered for this source's digest."""
    if not _ACTIVE:
        return compute(source)
    return _ACTIVE[-1].recall(name, source, compute)
