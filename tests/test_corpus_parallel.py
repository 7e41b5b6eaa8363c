"""The parallel parse (worker processes, the first file of each kind parsed in the
parent first) and the parallel corpus pass (forked workers re-dating sources against
the same index) give the corpus the serial ones give, in the same order."""
from __future__ import annotations

import dataclasses
import pickle
import shutil
from pathlib import Path

from evidence.read import corpus

from evidence import paths

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"


def _comparable(c: corpus.Corpus):
    rows = [repr(dataclasses.replace(s, fingerprint=tuple((n, v.tolist()) for n, v in s.fingerprint)))
            for s in c.sources]
    return rows, c.problems, c.warnings


def test_workers_parse_what_one_process_parses(tmp_path, monkeypatch):
    sources = tmp_path / "sources"
    shutil.copytree(paths.SOURCES, sources)
    for path in UNSEEN.iterdir():
        shutil.copy(path, sources / path.name)
    (sources / "empty_one.txt").write_bytes(b"")
    first = sorted(sources.glob("*.txt"))[0]
    shutil.copy(first, sources / f"zz_{first.name}")        # saved again: a copy
    registry = paths.REGISTRY
    monkeypatch.setattr(corpus, "PARALLEL_MIN_FILES", 10**9)
    monkeypatch.setattr(corpus, "PARALLEL_MIN_ITEMS", 10**9)
    serial = corpus.load(sources, registry, cache_dir=None)
    monkeypatch.setattr(corpus, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(corpus, "PARALLEL_MIN_ITEMS", 2)
    pools, tasks, real_pool, real_each = [], [], corpus._pool, corpus._each
    monkeypatch.setattr(corpus, "_pool", lambda workers: pools.append(workers) or real_pool(workers))
    monkeypatch.setattr(corpus, "_each", lambda f, items: tasks.append(len(items)) or real_each(f, items))
    background, real_background = [], corpus.forking.in_background
    monkeypatch.setattr(corpus.forking, "in_background",
                        lambda f, *a: background.append(f.__name__) or real_background(f, *a))
    parallel = corpus.load(sources, registry, cache_dir=None)
    assert tasks and tasks[0] >= 2 and len(pools) == 1 + len(tasks)   # parse, then each pass
    assert background == ["groups"]      # the copies were grouped in another process
    kinds = {Path(s.raw.path).suffix for s in serial.sources}
    assert len(serial.sources) == 9 and kinds == {".txt", ".html"} and serial.problems
    assert [s.copy_of for s in serial.sources].count(first.stem) == 1
    assert _comparable(parallel) == _comparable(serial)


def test_contributions_from_the_redating_workers_are_what_the_next_index_computes(tmp_path,
                                                                                 monkeypatch):
    """A source re-dated in one pass adds to the next pass's index what it says with its
    new date: computed where it was re-dated (``_Knowledge.redate(contribute=True)``),
    it gives the corpus the next ``_Knowledge`` computing it itself gives."""
    from evidence.read import pubdate_corpus
    sources = tmp_path / "sources"
    shutil.copytree(paths.SOURCES, sources)
    for path in UNSEEN.iterdir():
        shutil.copy(path, sources / path.name)
    real, shipped = pubdate_corpus._Knowledge.redate, []

    def shipping(kb, s, contribute=False):
        new, contributed, read = real(kb, s, contribute)
        shipped.append(contributed is not None)
        return new, contributed, read
    monkeypatch.setattr(pubdate_corpus._Knowledge, "redate", shipping)
    with_shipped = corpus.load(sources, paths.REGISTRY, cache_dir=None)
    assert any(shipped)
    monkeypatch.setattr(pubdate_corpus._Knowledge, "redate",
                        lambda kb, s, contribute=False: real(kb, s, False))
    computed_later = corpus.load(sources, paths.REGISTRY, cache_dir=None)
    assert _comparable(with_shipped) == _comparable(computed_later)


def test_a_parse_loads_the_language_model_once_and_survives_an_unusable_first_file(
        tmp_path, monkeypatch):
    """Also when shared with workers: this process loads the model once, parsing
    its own share, and the unusable file is one problem, in its place."""
    from evidence.read import language
    monkeypatch.setattr(language, "_MODEL", [])
    loads, real = [], language._identifier_class

    def counted():
        loads.append(1)
        return real()
    monkeypatch.setattr(language, "_identifier_class", counted)
    files = [tmp_path / "a_empty.txt"] + [tmp_path / f"b{i}.txt" for i in range(12)]
    files[0].write_bytes(b"")
    for i, path in enumerate(files[1:]):
        path.write_text(f"Talks were held in Doha on October {i + 1}, 2025, officials said.\n")
    monkeypatch.setattr(corpus, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(corpus, "CHUNK_FILES", 1)
    results = [r if r is not None else pickle.loads(blob)
               for _ok, blob, r in corpus._parse_all(files, {})]
    assert [r[0] is None for r in results] == [True] + [False] * 12
    assert "a_empty.txt" in results[0][1]
    assert [r[0].source_id for r in results[1:]] == [p.stem for p in files[1:]]
    assert language._MODEL and language._identifier() is language._MODEL[0]
    assert len(loads) == 1


def test_forked_work_inherits_its_inputs_and_gives_the_same_results(monkeypatch):
    from evidence import forking
    items = [3, 1, 2]
    assert forking.inherited_map(lambda x: x * 10, items, workers=2) == [30, 10, 20]
    assert forking.in_background(lambda a, b: a + b, 2, 3)() == 5
    monkeypatch.setattr(forking, "FORK", False)     # where the system cannot fork
    assert forking.inherited_map(lambda x: x * 10, items, workers=2) == [30, 10, 20]
    assert forking.in_background(lambda a, b: a + b, 2, 3)() == 5
