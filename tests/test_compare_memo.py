"""The comparison's per-source memo: the same comparison with it or without it, only
new sources coded again, and nothing remembered by another version of the code used."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evidence.compare import attestations, comparison, memo, provisions
from evidence.publish import export
from evidence.read import cache, corpus

from evidence import paths

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> list:
    folder = tmp_path_factory.mktemp("memo-sources")
    shutil.copytree(paths.SOURCES, folder / "sources")
    for path in UNSEEN.iterdir():
        shutil.copy(path, folder / "sources" / path.name)
    loaded = corpus.load(folder / "sources", paths.REGISTRY, cache_dir=None)
    assert not loaded.problems and len(loaded.sources) >= 6
    return loaded.sources


@pytest.fixture
def computed(monkeypatch) -> dict[str, list[str]]:
    """The source ids whose attestations / claims were computed (not recalled)."""
    seen: dict[str, list[str]] = {"attest": [], "claims": []}
    attest, code_one = attestations._attest, provisions._code_one

    def counting_attest(source):
        seen["attest"].append(source.source_id)
        return attest(source)

    def counting_code(source):
        seen["claims"].append(source.source_id)
        return code_one(source)
    monkeypatch.setattr(attestations, "_attest", counting_attest)
    monkeypatch.setattr(provisions, "_code_one", counting_code)
    return seen


def tables(result: comparison.Comparison) -> dict[str, bytes]:
    return {name: export.csv_bytes(df) for name, df in export.comparison_tables(result).items()}


def same(a: comparison.Comparison, b: comparison.Comparison) -> bool:
    return (tables(a) == tables(b) and a.events_list == b.events_list
            and a.claims_list == b.claims_list and a.discrepancies_list == b.discrepancies_list)


def test_the_comparison_is_the_same_with_and_without_the_memo(sources, computed, tmp_path):
    plain = comparison.compare(sources)
    store = memo.store_at(tmp_path)
    cold = comparison.compare(sources, remember=store)
    ids = sorted(s.source_id for s in sources)
    assert sorted(computed["attest"]) == sorted(computed["claims"]) == sorted(ids * 2)
    computed["attest"].clear(), computed["claims"].clear()
    warm = comparison.compare(sources, remember=memo.store_at(tmp_path))
    assert computed == {"attest": [], "claims": []}       # everything recalled
    assert same(plain, cold) and same(plain, warm)


def test_a_source_added_is_the_only_one_coded(sources, computed, tmp_path):
    first, added = sources[:-1], sources[-1]
    comparison.compare(first, remember=memo.store_at(tmp_path))
    assert sorted(computed["attest"]) == sorted(s.source_id for s in first)
    computed["attest"].clear(), computed["claims"].clear()
    result = comparison.compare(sources, remember=memo.store_at(tmp_path))
    assert computed == {"attest": [added.source_id], "claims": [added.source_id]}
    assert same(result, comparison.compare(sources))


def test_a_changed_source_is_coded_again(sources, computed, tmp_path):
    import copy
    comparison.compare(sources, remember=memo.store_at(tmp_path))
    computed["attest"].clear(), computed["claims"].clear()
    edited = [copy.deepcopy(s) for s in sources]
    edited[0].dates = edited[0].dates[:-1]           # the corpus pass re-dated a mention
    comparison.compare(edited, remember=memo.store_at(tmp_path))
    assert computed["attest"] == [edited[0].source_id]


def test_entries_of_another_code_version_are_not_used(sources, tmp_path):
    code = tmp_path / "compare_code.py"
    code.write_text("VERSION = 1\n")

    def store():
        return cache.ParseCache(tmp_path / "cache", extra_inputs=(code,),
                                kinds=(memo.KIND,), per_source=(memo.KIND,))
    plain = comparison.compare(sources)
    old = store()
    comparison.compare(sources, remember=old)
    for s in sources:            # what an older comparison code would have found
        old.put(memo.KIND, memo.work_digest(s), {"attest": [], "claims": []})
    assert comparison.compare(sources, remember=store()).events_list == []   # it is used
    code.write_text("VERSION = 2\n")                  # the comparison code changed
    new = store()
    assert new.version != old.version
    assert same(comparison.compare(sources, remember=new), plain)
    assert not list((tmp_path / "cache" / memo.KIND).glob(f"{old.version}-*"))  # pruned


def test_the_least_recently_used_entries_go_beyond_the_bound(sources, tmp_path,
                                                           monkeypatch):
    import copy
    import os
    monkeypatch.setattr(memo, "SPARE", 0)
    store = memo.store_at(tmp_path)
    folder = tmp_path / memo.KIND
    comparison.compare(sources, remember=store)
    for i, path in enumerate(sorted(folder.iterdir())):      # an older session
        os.utime(path, ns=(10**9 + i, 10**9 + i))
    kept = sources[1:3]
    others = [copy.deepcopy(s) for s in sources[3:]]
    for s in others:
        s.source_id += "_other"                               # another collection
    comparison.compare(kept + others, remember=store)
    assert len(list(folder.iterdir())) == len(sources) + len(others)   # within the bound
    comparison.compare(kept, remember=store)                  # bound: 2 x 2 entries
    left = {p.name[len(store.version) + 1:-len(".pickle")] for p in folder.iterdir()}
    assert len(left) == 4 and {memo.work_digest(s) for s in kept} <= left


def test_without_a_session_recall_computes():
    assert memo.recall("attest", object(), lambda s: [1, 2]) == [1, 2]


def _with_new_witness(sources):
    import copy
    edited = [copy.deepcopy(s) for s in sources]
    for s in edited:
        s.pubdate.evidence = "other_source: a sentence of a newly added witness"
    return edited


def test_what_the_digest_leaves_out_changes_no_result(sources):
    for before, after in zip(sources, _with_new_witness(sources)):
        assert memo.work_digest(before) == memo.work_digest(after)
        assert memo.source_digest(before) != memo.source_digest(after)
        assert attestations._attest(after) == attestations._attest(before)
        assert provisions._code_one(after) == provisions._code_one(before)


def test_a_new_witness_of_the_publication_date_is_not_coded_again(sources, computed,
                                                                  tmp_path):
    comparison.compare(sources, remember=memo.store_at(tmp_path))
    computed["attest"].clear(), computed["claims"].clear()
    edited = _with_new_witness(sources)
    result = comparison.compare(edited, remember=memo.store_at(tmp_path))
    assert computed == {"attest": [], "claims": []}
    assert same(result, comparison.compare(edited))


def test_stated_lengths_and_names_are_recalled_and_the_ledger_is_the_same(sources, tmp_path,
                                                                        monkeypatch):
    from evidence.compare import event_discrepancies, name_discrepancies
    read: list[str] = []
    stated, named = event_discrepancies._stated, name_discrepancies.named_values
    monkeypatch.setattr(event_discrepancies, "_stated",
                        lambda s: read.append("stated") or stated(s))
    monkeypatch.setattr(name_discrepancies, "named_values",
                        lambda s, spec: read.append("named") or named(s, spec))
    plain = comparison.compare(sources)
    assert read.count("stated") == len(sources) and "named" in read
    read.clear()
    comparison.compare(sources[:-1], remember=memo.store_at(tmp_path))
    read.clear()
    result = comparison.compare(sources, remember=memo.store_at(tmp_path))
    from evidence.compare.ledger import attributes                # the added source only:
    assert read.count("stated") == 1 and read.count("named") == len(attributes()["named"])
    assert same(result, plain)
    assert any(d.kind == "duration" for d in plain.discrepancies_list)
