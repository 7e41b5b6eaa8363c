"""A later corpus pass re-dates only the sources whose reads of the index changed
(``index_reads``): the changes between two indexes are found (in content and in order),
a read meets them only where it looked, and the corpus comes out as when every source
is re-dated in every pass."""
from __future__ import annotations

import datetime as dt
import shutil
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

from evidence.read import corpus, index_reads

from evidence import paths

D = dt.date


def _index(monthday=None, sentence=None, place=None, own=(), anchors=None):
    days = defaultdict(lambda: defaultdict(dict))
    for (kind, weekday, day), groups in (anchors or {}).items():
        days[(kind, weekday)][day] = groups
    return SimpleNamespace(by_monthday=monthday or {}, sentence=sentence or {},
                           by_place=place or {}, own_dates=list(own),
                           anchors=SimpleNamespace(days=days))


def test_changes_name_what_differs_in_content_or_order():
    key = (11, 6, None, None)
    old = _index({key: {2025: ["a"]}}, {("a", key): "Talks on Nov 6, 2025."},
                 {"Doha": {(D(2025, 10, 18), D(2025, 10, 19)): [("a", "x"), ("b", "y")]}},
                 [D(2025, 11, 1)],
                 {("talks", 3, D(2025, 11, 6)): {"k1": ({"a"}, []), "k2": ({"b"}, [])}})
    same = _index({key: {2025: ["a"]}}, {("a", key): "Talks on Nov 6, 2025."},
                  {"Doha": {(D(2025, 10, 18), D(2025, 10, 19)): [("a", "x"), ("b", "y")]}},
                  [D(2025, 11, 1)],
                  {("talks", 3, D(2025, 11, 6)): {"k1": ({"a"}, []), "k2": ({"b"}, [])}})
    assert index_reads.changes(old, same) == (set(), {})
    new = _index({key: {2025: ["a", "c"]}}, {("a", key): "Talks on Nov 6, 2025, it said."},
                 {"Doha": {(D(2025, 10, 18), D(2025, 10, 19)): [("b", "y"), ("a", "x")]}},
                 [D(2025, 11, 1), D(2025, 11, 2)],
                 {("talks", 3, D(2025, 11, 6)): {"k2": ({"b"}, []), "k1": ({"a"}, [])},
                  ("truce", 0, D(2025, 10, 20)): {"k": ({"c"}, [])}})
    plain, days = index_reads.changes(old, new)
    assert plain == {("monthday", key), ("place", "Doha"), ("own_dates",)}
    # the same groups of a day in another order give another first example
    assert days == {("talks", 3): [D(2025, 11, 6)], ("truce", 0): [D(2025, 10, 20)]}
    # a sentence alone changing is a change of its key
    only_sentence = _index({key: {2025: ["a"]}}, {("a", key): "Another sentence."})
    assert index_reads.changes(_index({key: {2025: ["a"]}}, {("a", key): "One."}),
                               only_sentence)[0] == {("monthday", key)}


def test_a_read_is_touched_only_where_it_looked():
    changed = ({("monthday", (11, 6, None, None)), ("own_dates",)},
               {("talks", 3): [D(2025, 11, 6)]})
    assert index_reads.touched(frozenset({("monthday", (11, 6, None, None))}), changed)
    assert not index_reads.touched(frozenset({("monthday", (11, 7, None, None)),
                                              ("place", "Doha")}), changed)
    assert index_reads.touched(frozenset({("own_dates",)}), changed)
    inside = ("anchor", "talks", 3, D(2025, 10, 30), D(2025, 11, 6))
    before = ("anchor", "talks", 3, D(2025, 11, 7), None)
    unbounded = ("anchor", "talks", 3, None, None)
    other_weekday = ("anchor", "talks", 4, None, None)
    other_kind = ("anchor", "truce", 3, None, None)
    assert index_reads.touched(frozenset({inside}), changed)
    assert index_reads.touched(frozenset({unbounded}), changed)
    assert not index_reads.touched(frozenset({before, other_weekday, other_kind}), changed)
    assert not index_reads.touched(frozenset(), changed)


def _comparable(c: corpus.Corpus):
    return [repr((s.source_id, s.pubdate, s.dates)) for s in c.sources], c.problems


def test_skipping_untouched_sources_gives_the_corpus_redating_all_gives(tmp_path, monkeypatch):
    sources = tmp_path / "sources"
    shutil.copytree(paths.SOURCES, sources)
    for path in (Path(__file__).parent / "fixtures" / "unseen").iterdir():
        shutil.copy(path, sources / path.name)
    real_each, passes = corpus._each, []
    monkeypatch.setattr(corpus, "_each",
                        lambda f, items: passes.append(len(items)) or real_each(f, items))
    skipping = corpus.load(sources, paths.REGISTRY, cache_dir=None)
    skipped_passes, passes[:] = list(passes), []
    monkeypatch.setattr(index_reads, "touched", lambda reads, changed: True)
    redating_all = corpus.load(sources, paths.REGISTRY, cache_dir=None)
    assert len(passes) >= 2 and sum(skipped_passes) < sum(passes)   # some were skipped
    assert _comparable(skipping) == _comparable(redating_all)
