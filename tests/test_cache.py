"""The parse cache: outputs identical with or without it, and only changed sources
parsed again (file content, registry row or parser version)."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from evidence.publish import export
from evidence.read import cache, corpus

from evidence import paths

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"


@pytest.fixture
def folder(tmp_path) -> Path:
    sources = tmp_path / "sources"
    shutil.copytree(paths.SOURCES, sources)
    for path in UNSEEN.iterdir():
        shutil.copy(path, sources / path.name)
    (sources / "empty_one.txt").write_bytes(b"")             # a problem is cached too
    shutil.copy(paths.REGISTRY, tmp_path / "registry.csv")
    return tmp_path


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The source ids actually parsed (not taken from the cache)."""
    seen: list[str] = []
    original = corpus.parse_file

    def counting(path, reg):
        seen.append(path.stem)
        return original(path, reg)
    monkeypatch.setattr(corpus, "parse_file", counting)
    return seen


def load(folder: Path, use_cache: bool = True) -> corpus.Corpus:
    return corpus.load(folder / "sources", folder / "registry.csv",
                       cache_dir=folder / "cache" if use_cache else None)


def outputs(loaded: corpus.Corpus) -> dict[str, bytes]:
    return export.render(loaded, export.comparison_for(loaded))


def test_outputs_are_identical_with_and_without_the_cache(folder, parses):
    plain = load(folder, use_cache=False)
    cold = load(folder)
    assert cold.key and not plain.key
    n = len(list((folder / "sources").iterdir()))
    assert len(parses) == 2 * n                               # both parsed every file
    warm = load(folder)
    assert len(parses) == 2 * n                               # the cache answered
    assert plain.problems == cold.problems == warm.problems
    assert any("empty_one.txt" in p for p in warm.problems)
    assert plain.warnings == warm.warnings
    expected = outputs(plain)
    assert outputs(cold) == expected
    assert outputs(warm) == expected
    # the corpus-level entry gone, the per-source entries still give the same result
    for entry in (folder / "cache" / "corpus").iterdir():
        entry.unlink()
    assert outputs(load(folder)) == expected
    assert len(parses) == 2 * n


def test_only_what_changed_is_parsed_again(folder, parses):
    load(folder)
    parses.clear()
    victim = folder / "sources" / sorted(p.name for p in UNSEEN.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nOne more line.\n",
                      encoding="utf-8")
    again = load(folder)
    assert parses == [victim.stem]
    assert again.by_id()[victim.stem].raw.sha256 == hashlib.sha256(victim.read_bytes()).hexdigest()
    assert outputs(again) == outputs(load(folder, use_cache=False))


def test_a_registry_row_change_is_a_miss(folder, parses):
    load(folder)
    parses.clear()
    registry = folder / "registry.csv"
    lines = registry.read_text(encoding="utf-8").splitlines(keepends=True)
    first_id = lines[1].split(",")[0]
    lines[1] = lines[1].replace(lines[1].split(",")[1], "Renamed Outlet", 1)
    registry.write_text("".join(lines), encoding="utf-8")
    again = load(folder)
    assert parses == [first_id]
    assert again.by_id()[first_id].registry.outlet == "Renamed Outlet"


def test_a_damaged_entry_is_a_miss(folder, parses):
    load(folder)
    for kind in ("parse", "corpus"):
        for entry in (folder / "cache" / kind).iterdir():
            entry.write_bytes(b"not a pickle")
    parses.clear()
    assert outputs(load(folder)) == outputs(load(folder, use_cache=False))
    assert len(parses) == 2 * len(list((folder / "sources").iterdir()))


def test_parser_version_follows_code_and_knowledge(tmp_path, monkeypatch):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(paths.KNOWLEDGE, knowledge)
    monkeypatch.setattr(paths, "KNOWLEDGE", knowledge)
    before = cache.parser_version()
    assert cache.parser_version() == before                   # deterministic
    target = sorted(knowledge.glob("*.yml"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache.parser_version() != before
    inputs = {p.name for p in cache.version_inputs()}
    assert {"corpus.py", "dates.py", "model.py", "text.py", target.name} <= inputs


def test_old_versions_are_pruned(tmp_path):
    store = cache.ParseCache(tmp_path)
    (tmp_path / "parse").mkdir()
    stale = tmp_path / "parse" / "0000000000000000-abc.pickle"
    stale.write_bytes(b"x")
    store.put("parse", "def", {"a": 1})
    store.prune()
    assert not stale.exists()
    assert store.get("parse", "def") == {"a": 1}


def test_an_unexpected_parser_error_is_not_cached(folder, monkeypatch):
    """A crash (a parser bug, a missing module) names the file but is not remembered:
    once fixed, the next run parses the file instead of repeating the failure."""
    original = corpus.parse_file
    victim = sorted(p.stem for p in UNSEEN.iterdir())[0]

    def crashing(path, reg):
        if path.stem == victim:
            raise ModuleNotFoundError("No module named 'not_installed'")
        return original(path, reg)
    monkeypatch.setattr(corpus, "parse_file", crashing)
    broken = load(folder)
    assert any(victim in p and "not_installed" in p for p in broken.problems)
    monkeypatch.setattr(corpus, "parse_file", original)
    fixed = load(folder)
    assert victim in fixed.by_id()
    assert not any("not_installed" in p for p in fixed.problems)
    # bad input, by contrast, is a lasting fact about the file and is cached
    assert any("empty_one.txt" in p for p in fixed.problems)
