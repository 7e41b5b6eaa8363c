"""The raw sources are data: registered, checksummed, never edited."""
from __future__ import annotations

import shutil

from evidence.read import corpus, registry

from evidence import paths


def test_every_raw_file_matches_its_registered_checksum():
    entries = registry.load()
    files = paths.source_files()
    assert files, "no raw sources"
    for path in files:
        entry = entries.get(path.stem)
        if entry is None:
            continue            # unregistered files are allowed (see test below)
        assert entry.sha256 == registry.sha256_of(path), f"{path.name} changed on disk"


def test_every_registry_row_has_a_file_and_no_invented_fields():
    entries = registry.load()
    stems = {p.stem for p in paths.source_files()}
    assert set(entries) <= stems
    for entry in entries.values():
        assert len(entry.sha256) == 64
        assert entry.url == "" or entry.url.startswith("https://")
        assert entry.origin_group in {"pakistani", "afghan", "afghan_exile", "international", ""}


def test_a_changed_raw_file_is_refused(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(paths.SOURCES, sources)
    victim = paths.source_files(sources)[0]
    victim.write_bytes(victim.read_bytes() + b"\nEdited by hand.\n")
    loaded = corpus.load(sources, paths.REGISTRY)
    assert [p for p in loaded.problems if p.startswith(victim.name)], loaded.problems
    assert "sha256" in " ".join(loaded.problems)
    assert victim.stem not in loaded.by_id()


def test_an_unregistered_file_gets_an_entry_with_gaps():
    entry = registry.entry_for("new_article", registry.load())
    assert not entry.in_registry
    assert entry.outlet == "" and entry.url == ""
    assert "not in data/registry.csv" in entry.notes
