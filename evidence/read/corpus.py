"""Run the parsing chain over every raw file in data/sources.

Bad files never stop the others from being read: each becomes one line in
``Corpus.problems`` ("<file>: <problem>") and the caller decides what to do
(the command line refuses to write outputs while any problem remains).
"""
from __future__ import annotations

import gc
import os
import pickle
from concurrent import futures
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from evidence.read import cache as cache_mod
from evidence.read import registry

# The reading chain's modules are imported where a file is read, not here:
# a notebook or page that loads the cached corpus (``load_cached``) never reads one,
# and importing the chain cost every notebook kernel a fifth of a second.

from evidence import forking, paths
from evidence.model import ParsedSource, RegistryEntry, SourceProblem



@dataclass
class Corpus:
    sources: list[ParsedSource] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # one line per bad file
    warnings: list[str] = field(default_factory=list)   # usable files with caveats
    key: str = ""        # the inputs' cache key (evidence.read.cache); "" when uncached

    def by_id(self) -> dict[str, ParsedSource]:
        return {s.source_id: s for s in self.sources}


def parse_text(raw, entry: RegistryEntry) -> ParsedSource:
    """The chain for one decoded document."""
    from evidence.read import clean, copies, entities, metadata, pubdate, quotes
    cleaned = clean.clean(raw)
    meta = metadata.extract(raw, cleaned, entry)
    pub = pubdate.infer(raw, cleaned, meta, entry)
    mentions = pubdate.mentions(raw, cleaned, entry, pub)
    ents = entities.find(cleaned.text)
    quoted = quotes.find(cleaned.text, ents)
    return ParsedSource(source_id=raw.source_id, registry=entry, raw=raw, clean=cleaned,
                        meta=meta, pubdate=pub, dates=mentions, entities=ents, quotes=quoted,
                        fingerprint=copies.fingerprint(cleaned))


def parse_file(path: Path, reg: dict[str, RegistryEntry]) -> ParsedSource:
    source_id = path.stem
    if not paths.SOURCE_ID.match(source_id):
        raise SourceProblem("file name is not a usable source id (ASCII letters, digits, "
                            "'_', '-', '.' only, at most 100 characters: rename the file)")
    from evidence.read import ingest
    raw = ingest.read(path, source_id)
    return parse_text(raw, registry.entry_for(source_id, reg))


# Below this many files one process is faster than starting workers.
PARALLEL_MIN_FILES = 200
# Below this many sources for a corpus pass to re-date, one process is faster (a re-dating
# costs 0.1 to 10 ms, typically 2; forking two workers from a parent holding a large
# corpus, some 40 ms).
PARALLEL_MIN_ITEMS = 100


def _parse_one(path: Path, reg: dict[str, RegistryEntry]):
    """Parse one file; a problem comes back as text so workers never raise.

    The last item says whether the result may be cached: not after an unexpected
    error (a parser bug, a missing module), which says nothing lasting about the file.
    The serial corpus pass's per-source work travels with the result, done here in
    the (parallel) workers: what the source adds to the corpus index, and for a source
    the pass may re-date its date scan and what the pass reads in its text
    (``corpus_reading.reading``; the others are never read there, and not shipping
    theirs saves the parent unpickling)."""
    from evidence.read import corpus_reading, dates, pubdate_corpus
    try:
        parsed = parse_file(path, reg)
        scan = tuple(dates.scan_cached(parsed.clean.text)) \
            if corpus_reading.may_be_refined(parsed) else None
        return (parsed, "", scan, pubdate_corpus.contribution(parsed),
                corpus_reading.reading(parsed), True)
    except SourceProblem as exc:
        return None, f"{path.name}: {exc}", None, None, None, True
    except Exception as exc:  # a parser bug must still name the file, not crash the run
        return (None, f"{path.name}: could not be parsed ({type(exc).__name__}: {exc})",
                None, None, None, False)


def _parse_chunk(paths: list[Path], reg: dict[str, RegistryEntry]) -> list[tuple[bool, bytes]]:
    """A worker's share: per file, (cacheable, ``_parse_one``'s result pickled as it
    left the parser): what the worker ships back and the cache stores, before the
    corpus pass changes anything."""
    out = []
    for path in paths:
        result = _parse_one(path, reg)
        out.append((result[-1], cache_mod.dumps(result)))
    return out


def _parsed_here(path: Path, reg: dict[str, RegistryEntry]) -> tuple[bool, None, tuple]:
    result = _parse_one(path, reg)
    return result[-1], None, result


# Files a worker parses per task, at most: ~0.1 s.
CHUNK_FILES = 25


def _parse_all(files: list[Path], reg: dict[str, RegistryEntry]):
    """Per file, in file order, (cacheable, the result pickled, or None, the result, or
    None): parsed in this process (the result) or by a worker (pickled), yielded as
    they come; for a large corpus, spread over the machine's cores."""
    workers = min(os.cpu_count() or 1, 8)
    if len(files) >= PARALLEL_MIN_FILES and workers >= 2:
        yield from _parse_shared(files, reg, workers)
        return
    loading = _start_up() if files else None
    yield from (_parsed_here(path, reg) for path in files)
    if loading is not None:
        loading.join()


def _parse_shared(files: list[Path], reg: dict[str, RegistryEntry], workers: int):
    """``_parse_all`` on ``workers`` cores: ``workers - 1`` forked processes take
    chunks of files, three each ahead, and this process parses the others
    meanwhile. The workers are forked once this process has the language model (less
    than it would take in each process), before the patterns each step compiles on
    first use and trafilatura are loaded: each process loads those itself (~0.4 s) at
    the same time as the others, rather than waiting while one loads them for all on
    one core. The chunks parsed here need no pickling."""
    chunks: list[list[Path]] = []   # handed out, in file order
    ready: dict[int, list] = {}      # chunk -> its results, until yielded
    running: dict = {}               # a worker's chunk: future -> chunk
    start = 0                        # the first file not handed out

    def take() -> int:
        """The next chunk: smaller as the files run out, so that the last ones end
        together (a worker's three chunks ahead are then a few files)."""
        nonlocal start
        size = max(1, min(CHUNK_FILES, (len(files) - start) // (4 * workers)))
        chunks.append(files[start:start + size])
        start += size
        return len(chunks) - 1

    _start_up().join()               # (joined: no thread may run while forking)
    with _pool(workers - 1) as pool:
        def hand_out() -> None:
            while start < len(files) and len(running) < 3 * (workers - 1):
                k = take()
                running[pool.submit(_parse_chunk, chunks[k], reg)] = k
        hand_out()            # forks the workers (all at the first task)
        k = 0                 # the next chunk to yield
        while k < len(chunks) or start < len(files):
            while k not in ready:
                for future in [f for f in running if f.done()]:
                    ready[running.pop(future)] = [(ok, blob, None) for ok, blob in future.result()]
                hand_out()
                if k in ready:
                    break
                if start < len(files):           # one here while the workers parse
                    mine = take()
                    ready[mine] = [_parsed_here(path, reg) for path in chunks[mine]]
                else:
                    futures.wait(running, return_when=futures.FIRST_COMPLETED)
            yield from ready.pop(k)
            k += 1


def _start_up():
    """Start loading the language model in a thread (a first load's ~0.8 s is mostly
    LZMA decompression, which releases the GIL; later ones ~0.05 s) and return the
    thread (a parse that needs the model waits for it; join it before forking)."""
    from evidence.read import language
    return language.load_in_background()


def _pool(workers: int):
    return forking.pool(workers)


def _each(function, items: list) -> list:
    """``map(function, items)`` spread over forked workers when there are many items:
    they inherit ``function`` and ``items`` (for the corpus pass, the index of every
    source) instead of receiving them pickled, and send back only the results."""
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_MIN_ITEMS or workers < 2:
        return list(map(function, items))
    # small chunks: a source's re-dating costs from 0.1 to 10 ms, and with four large
    # chunks a worker the costly ones fell to finished long after the other (the pass
    # waits for the last)
    return forking.inherited_map(function, items, workers, make_pool=_pool,
                                 chunksize=max(1, min(32, len(items) // (8 * workers))))


def _results(unique: list[Path], reg: dict[str, RegistryEntry], cache) -> list:
    """Each file's parse result, from the cache where it holds the current parse."""
    if cache is None:
        return [pickle.loads(blob) if result is None else result
                for _ok, blob, result in _parse_all(unique, reg)]
    keys = [cache.source_key(p, registry.entry_for(p.stem, reg)) for p in unique]
    results = [cache.get("parse", key) for key in keys]
    missing = [i for i, r in enumerate(results) if r is None]
    for i, (cacheable, blob, result) in zip(missing, _parse_all([unique[i] for i in missing], reg),
                                            strict=True):
        if cacheable:     # (a result parsed here is stored before the corpus pass changes it)
            cache.put_bytes("parse", keys[i], cache_mod.dumps(result) if blob is None else blob)
        results[i] = pickle.loads(blob) if result is None else result
    return results


def load(directory: Path | None = None, registry_path: Path | None = None,
         cache_dir: Path | None | bool = True) -> Corpus:
    """Parse every source of ``directory`` (default data/sources/) and run the corpus pass.

    ``cache_dir``: where parses are cached (``evidence.read.cache``); True means the
    project's ``_build/cache`` when reading the project's own sources and no cache
    otherwise, None or False no cache. The result is the same either way."""
    directory = directory or paths.SOURCES
    reg = registry.load(registry_path)
    if cache_dir is True:
        cache_dir = cache_mod.default_dir() if Path(directory) == paths.SOURCES else None
    cache = cache_mod.ParseCache(cache_dir) if cache_dir else None
    seen: dict[str, Path] = {}
    unique, duplicates = [], []
    for path in paths.source_files(directory):
        if path.stem in seen:
            duplicates.append(f"{path.name}: same source id as {seen[path.stem].name}; "
                              "rename one of them")
            continue
        seen[path.stem] = path
        unique.append(path)
    corpus_key = None
    if cache is not None:
        corpus_key = cache.corpus_key(
            [cache.source_key(p, registry.entry_for(p.stem, reg)) for p in unique],
            "\0".join([Path(directory).name, *duplicates, *sorted(set(reg) - set(seen))]))
        cached = _without_gc(cache.get, "corpus", corpus_key)
        if isinstance(cached, Corpus):
            return cached
    corpus = Corpus(problems=duplicates)
    results = _without_gc(_parse_and_collect, corpus, unique, reg, cache)
    for source_id in sorted(set(reg) - set(seen)):
        corpus.warnings.append(f"{source_id}: listed in data/registry.csv but no file in "
                               f"{directory.name}/")
    if cache is not None and all(r[-1] for r in results):   # no unexpected error
        corpus.key = corpus_key
        cache.put("corpus", corpus_key, corpus)
        cache.prune()
    return corpus


def _parse_and_collect(corpus: Corpus, unique: list[Path], reg: dict[str, RegistryEntry],
                       cache) -> list:
    results = _results(unique, reg, cache)
    _collect(corpus, unique, results)
    return results


def _without_gc(func, *args):
    """Parsing, unpickling and the corpus pass allocate many small objects and few
    cycles; with 10,000 parsed sources alive, each collection would walk all of them.
    What they leave is the corpus, kept as long as the process needs it: it is frozen
    (``gc.freeze``) so that no later collection walks it either (the first one after
    collection is turned back on walked every object made meanwhile: ~0.7 s at 10,000
    sources). Frozen objects are still freed when no longer referenced."""
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return func(*args)
    finally:
        if gc_was_enabled:
            gc.freeze()
            gc.enable()


def _collect(corpus: Corpus, unique: list[Path], results) -> None:
    """Sort the parse results into sources, problems and warnings; then the corpus pass."""
    from evidence.read import copies, corpus_reading, dates, pubdate, pubdate_corpus
    contributions = {}
    for path, (parsed, problem, scan, contribution, reading, _cacheable) in zip(unique, results):
        if parsed is None:
            corpus.problems.append(problem)
            continue
        if scan is not None:
            dates.remember_scan(parsed.clean.text, scan)
        if reading is not None:
            corpus_reading.remember_reading(parsed.clean.text, reading)
        corpus.warnings.extend(f"{path.name}: {w}" for w in parsed.raw.warnings)
        if parsed.registry.in_registry and parsed.registry.sha256 \
                and parsed.registry.sha256 != parsed.raw.sha256:
            corpus.problems.append(f"{path.name}: raw file changed (sha256 differs from "
                                   "data/registry.csv); raw files are never edited")
            continue
        corpus.sources.append(parsed)
        contributions[parsed.source_id] = contribution
    # Which sources copy one another is read from their texts alone: for a large
    # corpus, in another process while the pass below re-dates sources (most of the
    # pass runs in the parent alone, leaving a core free).
    grouping = forking.in_background(copies.groups, corpus.sources) \
        if len(corpus.sources) >= PARALLEL_MIN_FILES else None
    # Second pass: documents with no absolute date of their own ("today, Sunday", "the
    # second day of talks") are dated against events the other documents pin down.
    refined = pubdate_corpus.refine_with_corpus(corpus.sources, contributions, each=_each)
    for parsed in corpus.sources:
        if parsed.source_id in refined:
            parsed.dates = pubdate.mentions(parsed.raw, parsed.clean, parsed.registry,
                                            parsed.pubdate)
    # Third: republished copies, once every source has its publication date (a group's
    # original is its earliest).
    copies.mark(corpus.sources, grouping() if grouping is not None else None)


@lru_cache(maxsize=4)
def _cached(directory: str, registry_path: str) -> Corpus:
    return load(Path(directory), Path(registry_path))


def load_cached(directory: Path | None = None, registry_path: Path | None = None) -> Corpus:
    """``load`` once per process (notebooks and page generation share it)."""
    return _cached(str(directory or paths.SOURCES), str(registry_path or paths.REGISTRY))
